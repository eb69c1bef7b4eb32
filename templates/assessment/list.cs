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
<?cs def:assessment_rows(own) ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Table.Region ?>"><table class="data">
<thead><tr><th><?cs var:Lang.Form.Organisation ?></th><th><?cs var:Lang.Assessment.Questionnaire ?></th><th><?cs var:Lang.Assessment.Status ?></th><th class="num"><?cs var:Lang.Assessment.Progress ?></th><th><?cs var:Lang.Assessment.Due ?></th><th><?cs var:Lang.Assessment.Updated ?></th></tr></thead>
<tbody>
<?cs each:a = Assessments ?><?cs if:a.Own == own ?>
<tr><td><?cs var:a.Org ?></td><td><a href="/assessments/<?cs var:a.Id ?>"><?cs var:a.Title ?></a></td>
<td><span class="badge <?cs var:a.Status ?>"><?cs var:Lang.Assessment.States[a.Status] ?></span><?cs if:a.Overdue ?> <span class="badge failing"><?cs var:Lang.Assessment.Overdue ?></span><?cs /if ?></td>
<td class="num"><?cs var:a.Answered ?> / <?cs var:a.Total ?></td><td class="when"><?cs var:a.DueDate ?></td><td class="when"><?cs var:a.Updated ?> <?cs var:Lang.Time.Utc ?></td></tr>
<?cs /if ?><?cs /each ?>
</tbody></table></div>
<?cs /def ?>
<?cs set:own_count = 0 ?><?cs set:other_count = 0 ?>
<?cs each:a = Assessments ?><?cs if:a.Own == "1" ?><?cs set:own_count = own_count + 1 ?><?cs else ?><?cs set:other_count = other_count + 1 ?><?cs /if ?><?cs /each ?>
<h2><?cs var:Lang.Assessment.OwnHeading ?></h2>
<?cs if:own_count > 0 ?><?cs call:assessment_rows("1") ?><?cs else ?><p class="muted"><?cs var:Lang.Assessment.None ?></p><?cs /if ?>
<?cs if:other_count > 0 ?>
<h2><?cs var:Lang.Assessment.OthersHeading ?></h2>
<?cs call:assessment_rows("") ?>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
