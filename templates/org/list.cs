<?cs # GET /organisations (and 422 from POST /organisations) - the parent's group companies
     and suppliers with their users and a link to their scores; adding one with its first
     user; the way to the CSV import. ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<?cs if:subcount(Orgs.Pending) ?>
<section class="panel">
<h2><?cs var:Lang.Orgs.PendingHeading ?></h2>
<p class="muted"><?cs var:Lang.Orgs.PendingIntro ?></p>
<ul><?cs each:pl = Orgs.Pending ?><li><?cs var:pl.Name ?>
<form method="post" action="/organisations/<?cs var:pl.Id ?>/confirm-link" class="inline">
<input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
<button type="submit"><?cs var:Lang.Orgs.Confirm ?></button></form></li><?cs /each ?></ul>
</section>
<?cs /if ?>
<h1><?cs var:Lang.Orgs.Heading ?> <small><?cs var:Orgs.Parent ?></small></h1>
<?cs if:subcount(Orgs.Parents) > 1 ?>
<p class="muted"><?cs var:Lang.Orgs.ActFor ?>: <?cs each:p = Orgs.Parents ?><?cs if:p.Id == Orgs.ParentId ?><strong><?cs var:p.Name ?></strong><?cs else ?><a href="/organisations?org_id=<?cs var:p.Id ?>"><?cs var:p.Name ?></a><?cs /if ?><?cs if:!last(p) ?> · <?cs /if ?><?cs /each ?></p>
<?cs /if ?>
<?cs if:Flash.Orgs != "" ?><div class="alert ok" role="status"><?cs var:Flash.Orgs ?> <?cs if:Flash.Orgs == 1 ?><?cs var:Lang.Orgs.Flash.Organisation ?><?cs else ?><?cs var:Lang.Orgs.Flash.Organisations ?><?cs /if ?>, <?cs var:Flash.Users ?> <?cs if:Flash.Users == 1 ?><?cs var:Lang.Orgs.Flash.User ?><?cs else ?><?cs var:Lang.Orgs.Flash.Users ?><?cs /if ?></div><?cs /if ?>
<p><?cs var:Lang.Orgs.Intro ?></p>
<p class="actions"><a class="button" href="/organisations/import?org_id=<?cs var:Orgs.ParentId ?>"><?cs var:Lang.Orgs.Import ?></a></p>
<?cs if:subcount(Orgs.Children) ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Table.Region ?>"><table class="data">
<thead><tr><th><?cs var:Lang.Orgs.Name ?></th><th><?cs var:Lang.Orgs.Relation ?></th><th class="num"><?cs var:Lang.Orgs.Users ?></th><th><?cs var:Lang.Orgs.Scores ?></th></tr></thead>
<tbody>
<?cs each:o = Orgs.Children ?>
<tr><td><?cs var:o.Name ?></td><td><?cs var:Lang.Orgs.Relations[o.Kind] ?></td>
<td class="num"><?cs var:o.Users ?><?cs if:o.Pending > 0 ?> <span class="muted">(<?cs var:o.Pending ?> <?cs var:Lang.Orgs.Pending ?>)</span><?cs /if ?><?cs if:!o.Administers ?> <span class="muted">(<?cs var:Lang.Orgs.OwnUsers ?>)</span><?cs /if ?></td>
<td><a href="/organisations/<?cs var:o.Id ?>/scores" aria-label="<?cs var:Lang.Orgs.ScoresOf ?> <?cs var:o.Name ?>"><?cs var:Lang.Orgs.Scores ?></a></td></tr>
<?cs /each ?>
</tbody></table></div>
<?cs else ?>
<p class="muted"><?cs var:Lang.Orgs.None ?></p>
<?cs /if ?>

<h2 id="add"><?cs var:Lang.Orgs.AddHeading ?></h2>
<?cs call:form_summary() ?>
<form method="post" action="/organisations" class="narrow" aria-labelledby="add">
<input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
<input type="hidden" name="org_id" value="<?cs var:Orgs.ParentId ?>">
<label for="organisation"><?cs var:Lang.Orgs.Name ?></label>
<input id="organisation" name="organisation" maxlength="200" required value="<?cs var:Form.Values.organisation ?>"<?cs if:Form.Errors.organisation ?><?cs call:field_attrs("organisation") ?><?cs else ?> aria-describedby="add-hint"<?cs /if ?>>
<?cs call:field_error("organisation") ?>
<p class="hint" id="add-hint"><?cs var:Lang.Orgs.AddHint ?></p>
<label for="relation"><?cs var:Lang.Orgs.Relation ?></label>
<select id="relation" name="relation" required<?cs call:field_attrs("relation") ?>>
<option value=""><?cs var:Lang.Form.Choose ?></option>
<option value="group_company"<?cs if:Form.Values.relation == "group_company" ?> selected<?cs /if ?>><?cs var:Lang.Orgs.Relations.group_company ?></option>
<option value="supplier"<?cs if:Form.Values.relation == "supplier" ?> selected<?cs /if ?>><?cs var:Lang.Orgs.Relations.supplier ?></option>
</select>
<?cs call:field_error("relation") ?>
<fieldset class="targets">
<legend><?cs var:Lang.Orgs.FirstUser ?></legend>
<p class="hint"><?cs var:Lang.Orgs.FirstUserHint ?></p>
<label for="user_email"><?cs var:Lang.Orgs.UserEmail ?></label>
<input id="user_email" name="user_email" type="email" maxlength="254" autocomplete="off" value="<?cs var:Form.Values.user_email ?>"<?cs call:field_attrs("user_email") ?>>
<?cs call:field_error("user_email") ?>
<label for="user_name"><?cs var:Lang.Orgs.UserName ?></label>
<input id="user_name" name="user_name" maxlength="200" autocomplete="off" value="<?cs var:Form.Values.user_name ?>"<?cs call:field_attrs("user_name") ?>>
<?cs call:field_error("user_name") ?>
<label for="role"><?cs var:Lang.Orgs.Role ?></label>
<select id="role" name="role"<?cs call:field_attrs("role") ?>>
<option value=""><?cs var:Lang.Form.Choose ?></option>
<?cs each:r = Lang.Orgs.Roles ?><option value="<?cs name:r ?>"<?cs if:Form.Values.role == name(r) ?> selected<?cs /if ?>><?cs var:r ?></option><?cs /each ?>
</select>
<?cs call:field_error("role") ?>
</fieldset>
<button type="submit"><?cs var:Lang.Orgs.Add ?></button>
</form>
<?cs /def ?>
<?cs include:"layout.cs" ?>
