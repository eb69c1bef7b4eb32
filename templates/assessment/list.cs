<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<h1><?cs var:Lang.Assessment.ListHeading ?></h1>
<?cs if:subcount(Categories) ?>
<section class="panel">
<h2><?cs var:Lang.Assessment.Start ?></h2>
<form method="post" action="/assessments" class="inline">
  <input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
  <?cs if:subcount(EditableOrgs) > 1 ?>
  <label for="org_id"><?cs var:Lang.Form.Organisation ?></label>
  <select id="org_id" name="org_id"<?cs call:field_attrs("org_id") ?>><?cs each:o = EditableOrgs ?><option value="<?cs var:o.Id ?>"><?cs var:o.Name ?></option><?cs /each ?></select>
  <?cs /if ?>
  <label for="category"><?cs var:Lang.Assessment.Category ?></label>
  <select id="category" name="category"<?cs call:field_attrs("category") ?>><?cs each:cat = Categories ?><option value="<?cs var:cat.Code ?>"<?cs if:cat.Code == "ID.AM" ?> selected<?cs /if ?>><?cs var:cat.Code ?> · <?cs var:cat.Name ?></option><?cs /each ?></select>
  <?cs call:field_error("category") ?>
  <button type="submit"><?cs var:Lang.Assessment.Open ?></button>
</form>
</section>
<?cs /if ?>
<?cs if:subcount(Assessments) ?>
<div class="table-wrap"><table class="data">
<thead><tr><th><?cs var:Lang.Form.Organisation ?></th><th><?cs var:Lang.Assessment.Category ?></th><th><?cs var:Lang.Assessment.Status ?></th><th class="num"><?cs var:Lang.Assessment.Score ?></th><th><?cs var:Lang.Assessment.Updated ?></th></tr></thead>
<tbody>
<?cs each:a = Assessments ?>
<tr><td><?cs var:a.Org ?></td><td><a href="/assessments/<?cs var:a.Id ?>"><?cs var:a.CategoryCode ?> · <?cs var:a.Category ?></a></td>
<td><span class="badge <?cs var:a.Status ?>"><?cs var:Lang.Assessment.States[a.Status] ?></span></td><td class="num"><?cs var:a.Score ?></td><td class="when"><?cs var:a.Updated ?> <?cs var:Lang.Time.Utc ?></td></tr>
<?cs /each ?>
</tbody></table></div>
<?cs else ?>
<p class="muted"><?cs var:Lang.Assessment.None ?></p>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
