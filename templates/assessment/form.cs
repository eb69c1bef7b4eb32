<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<p class="crumbs"><a href="/assessments"><?cs var:Lang.Nav.Assessments ?></a> › <?cs var:Assessment.Org ?></p>
<h1><?cs var:Assessment.Function ?> → <?cs var:Assessment.Category ?> <small>(<?cs var:Assessment.CategoryCode ?>)</small></h1>
<p><?cs var:Assessment.CategoryDescription ?></p>
<p class="status">
  <span class="badge <?cs var:Assessment.Status ?>"><?cs var:Lang.Assessment.States[Assessment.Status] ?></span>
  <?cs var:Lang.Assessment.Progress ?>: <strong id="progress"><?cs var:Assessment.Answered ?> / <?cs var:Assessment.Total ?></strong>
  · <?cs var:Lang.Assessment.Score ?>: <strong id="score"><?cs var:Assessment.Score ?></strong>
  <?cs if:Assessment.SubmittedAt ?>· <?cs var:Lang.Assessment.SubmittedBy ?> <?cs var:Assessment.SubmittedBy ?>, <?cs var:Assessment.SubmittedAt ?> <?cs var:Lang.Time.Utc ?><?cs /if ?>
</p>
<p class="muted"><?cs var:Lang.Assessment.Method ?></p>
<?cs if:Flash == "draft" ?><div class="alert ok" role="status"><?cs var:Lang.Assessment.Saved ?></div><?cs /if ?>
<?cs if:Flash == "submitted" ?><div class="alert ok" role="status"><?cs var:Lang.Assessment.Submitted ?></div><?cs /if ?>
<?cs if:Form.Message == "incomplete" ?><div class="alert error" role="alert"><?cs var:Lang.Assessment.Incomplete ?></div><?cs /if ?>
<?cs if:Form.Message != "incomplete" ?><?cs call:form_summary() ?><?cs /if ?>

<details class="scale" open>
<summary><?cs var:Lang.Assessment.ScaleHeading ?></summary>
<dl class="levels"><?cs each:l = Levels ?><dt><?cs var:l.Level ?> · <?cs var:l.Name ?></dt><dd><?cs var:l.Meaning ?></dd><?cs /each ?></dl>
</details>

<form method="post" action="/assessments/<?cs var:Assessment.Id ?>">
<input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
<div class="table-wrap"><table class="data items">
<thead><tr><th><?cs var:Lang.Assessment.Code ?></th><th><?cs var:Lang.Assessment.Outcome ?></th><th><?cs var:Lang.Assessment.Level ?></th></tr></thead>
<tbody>
<?cs each:item = Items ?>
<tr>
  <td id="code-<?cs var:item.Field ?>"><?cs var:item.Code ?></td>
  <td><span id="outcome-<?cs var:item.Field ?>"><?cs var:item.Outcome ?></span><?cs if:item.Mapping ?><p class="guidance"><?cs var:Lang.Assessment.Guidance ?>: <?cs var:item.Mapping ?></p><?cs /if ?></td>
  <td>
  <?cs if:Assessment.Editable ?>
    <select name="<?cs var:item.Field ?>" aria-label="<?cs var:item.Code ?>" aria-labelledby="code-<?cs var:item.Field ?> outcome-<?cs var:item.Field ?>"<?cs call:field_attrs(item.Field) ?>>
      <option value=""><?cs var:Lang.Assessment.NotAnswered ?></option>
      <?cs each:l = Levels ?><option value="<?cs var:l.Level ?>"<?cs if:Form.Values[item.Field] == l.Level && Form.Values[item.Field] != "" ?> selected<?cs /if ?>><?cs var:l.Level ?> · <?cs var:l.Name ?></option><?cs /each ?>
    </select>
    <?cs call:field_error(item.Field) ?>
  <?cs else ?>
    <?cs if:item.Level != "" ?><strong><?cs var:item.Level ?></strong><?cs each:l = Levels ?><?cs if:l.Level == item.Level ?> <span class="level-name">· <?cs var:l.Name ?></span><?cs /if ?><?cs /each ?><?cs else ?>–<?cs /if ?>
  <?cs /if ?>
  </td>
</tr>
<?cs /each ?>
</tbody></table></div>
<?cs if:Assessment.Editable ?>
<div class="actions">
  <button type="submit" name="action" value="save"><?cs var:Lang.Assessment.SaveDraft ?></button>
  <button type="submit" name="action" value="submit" class="primary"><?cs var:Lang.Assessment.Submit ?></button>
</div>
<?cs /if ?>
</form>
<?cs /def ?>
<?cs include:"layout.cs" ?>
