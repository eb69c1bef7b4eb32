<?cs # GET /actions/:id (and 422 from POST /actions/:id) - one improvement action: what,
     for which organisation, who owns it, when it is due, its status, who assigned it, a
     form to update it (status, owner, due date, comment) and its history of changes. ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<?cs with:a = Actions.0 ?>
<p class="crumbs"><a href="/organisations/<?cs var:a.OrgId ?>/scores"><?cs var:Lang.Action.Back ?> <?cs var:a.OrgName ?></a></p>
<h1><?cs var:a.Title ?></h1>
<?cs if:Flash ?><div class="alert ok" role="status"><?cs var:Lang.Action.Flash[Flash] ?></div><?cs /if ?>
<?cs call:form_summary() ?>
<dl class="facts">
<?cs if:a.Code ?><dt><?cs var:Lang.Scores.Code ?></dt><dd class="code"><?cs var:a.Code ?></dd><?cs /if ?>
<dt><?cs var:Lang.Scores.ActionOwner ?></dt><dd><?cs var:a.Owner ?></dd>
<dt><?cs var:Lang.Scores.ActionDue ?></dt><dd><?cs var:a.DueDate ?></dd>
<dt><?cs var:Lang.Scores.Status ?></dt><dd><span class="badge action-<?cs var:a.Status ?>"><?cs var:Lang.Scores.States[a.Status] ?></span></dd>
<?cs if:a.AssignedBy ?><dt><?cs var:Lang.Action.AssignedBy ?></dt><dd><?cs var:a.AssignedBy ?></dd><?cs /if ?>
</dl>

<?cs if:a.MayUpdate ?>
<h2><?cs var:Lang.Action.Update ?></h2>
<form method="post" action="/actions/<?cs var:a.Id ?>" class="action-update">
<input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
<label for="status"><?cs var:Lang.Scores.Status ?></label>
<select id="status" name="status"<?cs call:field_attrs("status") ?>>
<?cs each:st = Lang.Scores.States ?><option value="<?cs name:st ?>"<?cs if:Form.Values.status == name(st) ?> selected<?cs /if ?>><?cs var:st ?></option><?cs /each ?>
</select>
<?cs call:field_error("status") ?>
<?cs call:text_field("owner_name", Lang.Scores.ActionOwner, 200, 1) ?>
<label for="due_date"><?cs var:Lang.Scores.ActionDue ?></label>
<input id="due_date" name="due_date" type="date" required value="<?cs var:Form.Values.due_date ?>"<?cs call:field_attrs("due_date") ?>>
<?cs call:field_error("due_date") ?>
<label for="comment"><?cs var:Lang.Action.Comment ?></label>
<textarea id="comment" name="comment" rows="3" maxlength="2000"<?cs call:field_attrs("comment") ?>><?cs var:Form.Values.comment ?></textarea>
<?cs call:field_error("comment") ?>
<button type="submit"><?cs var:Lang.Action.Save ?></button>
</form>
<?cs /if ?>

<h2><?cs var:Lang.Action.History ?></h2>
<?cs if:subcount(History) ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Table.Region ?>"><table class="data history">
<thead><tr><th scope="col"><?cs var:Lang.Action.When ?></th><th scope="col"><?cs var:Lang.Action.Who ?></th><th scope="col"><?cs var:Lang.Scores.Status ?></th><th scope="col"><?cs var:Lang.Scores.ActionOwner ?></th><th scope="col"><?cs var:Lang.Scores.ActionDue ?></th><th scope="col"><?cs var:Lang.Action.Comment ?></th></tr></thead>
<tbody>
<?cs each:h = History ?>
<tr><td class="when"><?cs var:h.At ?></td><td><?cs var:h.Who ?></td><td><?cs var:Lang.Scores.States[h.Status] ?></td><td><?cs var:h.Owner ?></td><td class="when"><?cs var:h.DueDate ?></td><td><?cs var:h.Comment ?></td></tr>
<?cs /each ?>
</tbody></table></div>
<?cs else ?>
<p class="muted"><?cs var:Lang.Action.NoHistory ?></p>
<?cs /if ?>
<?cs /with ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
