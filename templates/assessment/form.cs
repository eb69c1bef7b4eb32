<?cs include:"macros.cs" ?>
<?cs # An item's evidence files, each removable while the item is open. ?>
<?cs def:item_files(item) ?>
  <?cs if:subcount(item.Files) ?><ul class="files"><?cs each:f = item.Files ?><li><a href="/evidence/<?cs var:f.Id ?>"><?cs var:f.Name ?></a> (<?cs var:f.Size ?> <?cs var:Lang.Assessment.Bytes ?>)<?cs if:item.Editable ?> <button type="submit" name="remove_file" value="<?cs var:f.Id ?>" class="link" aria-label="<?cs var:Lang.Assessment.RemoveFile ?>: <?cs var:f.Name ?>"><?cs var:Lang.Assessment.RemoveFile ?></button><?cs /if ?></li><?cs /each ?></ul><?cs /if ?>
<?cs /def ?>

<?cs # One questionnaire item, editable: the level (or an own question's answer), not
     applicable with its justification, evidence notes and a file. ?>
<?cs def:item_edit(item) ?>
  <?cs set:lf = "level_" + item.Id ?><?cs set:nf = "na_" + item.Id ?><?cs set:jf = "just_" + item.Id ?>
  <?cs set:tf = "notes_" + item.Id ?><?cs set:vf = "value_" + item.Id ?><?cs set:ff = "file_" + item.Id ?>
  <?cs set:cf = "confirm_" + item.Id ?><?cs set:vv = "ver_" + item.Id ?>
  <input type="hidden" name="<?cs var:vv ?>" value="<?cs var:Form.Values[vv] ?>">
  <div class="item-answer">
  <?cs if:item.Type == "maturity" ?>
    <label for="<?cs var:lf ?>"><?cs var:Lang.Assessment.Level ?></label>
    <select id="<?cs var:lf ?>" name="<?cs var:lf ?>"<?cs call:field_attrs(lf) ?>>
      <option value=""><?cs var:Lang.Assessment.NotAnswered ?></option>
      <?cs each:l = Levels ?><option value="<?cs var:l.Level ?>"<?cs if:Form.Values[lf] == l.Level && Form.Values[lf] != "" ?> selected<?cs /if ?>><?cs var:l.Level ?> · <?cs var:l.Name ?></option><?cs /each ?>
    </select>
    <?cs call:field_error(lf) ?>
    <?cs call:field_error(nf) ?>
    <div class="na-choice">
      <input type="checkbox" class="na" id="<?cs var:nf ?>" name="<?cs var:nf ?>" value="1"<?cs if:Form.Values[nf] == "1" ?> checked<?cs /if ?><?cs call:field_attrs(nf) ?>>
      <label for="<?cs var:nf ?>"><?cs var:Lang.Assessment.NotApplicable ?></label>
      <?cs # shown only while "not applicable" is ticked (CSS), or when it holds text or a message ?>
      <div class="just<?cs if:Form.Values[jf] != "" || Form.Errors[jf] ?> shown<?cs /if ?>">
        <label for="<?cs var:jf ?>"><?cs var:Lang.Assessment.Justification ?></label>
        <textarea id="<?cs var:jf ?>" name="<?cs var:jf ?>" rows="2"<?cs call:field_attrs(jf) ?>><?cs var:Form.Values[jf] ?></textarea>
        <?cs call:field_error(jf) ?>
      </div>
    </div>
  <?cs elif:item.Type == "yesno" ?>
    <label for="<?cs var:vf ?>"><?cs var:Lang.Assessment.Answer ?></label>
    <select id="<?cs var:vf ?>" name="<?cs var:vf ?>"<?cs call:field_attrs(vf) ?>>
      <option value=""><?cs var:Lang.Assessment.NotAnswered ?></option>
      <option value="yes"<?cs if:Form.Values[vf] == "yes" ?> selected<?cs /if ?>><?cs var:Lang.Assessment.Yes ?></option>
      <option value="no"<?cs if:Form.Values[vf] == "no" ?> selected<?cs /if ?>><?cs var:Lang.Assessment.No ?></option>
    </select>
    <?cs call:field_error(vf) ?>
  <?cs elif:item.Type == "choice" ?>
    <label for="<?cs var:vf ?>"><?cs var:Lang.Assessment.Answer ?></label>
    <select id="<?cs var:vf ?>" name="<?cs var:vf ?>"<?cs call:field_attrs(vf) ?>>
      <option value=""><?cs var:Lang.Assessment.NotAnswered ?></option>
      <?cs each:ch = item.Choices ?><option value="<?cs var:ch ?>"<?cs if:Form.Values[vf] == ch ?> selected<?cs /if ?>><?cs var:ch ?></option><?cs /each ?>
    </select>
    <?cs call:field_error(vf) ?>
  <?cs elif:item.Type == "number" ?>
    <label for="<?cs var:vf ?>"><?cs var:Lang.Assessment.Answer ?></label>
    <input id="<?cs var:vf ?>" name="<?cs var:vf ?>" inputmode="numeric" value="<?cs var:Form.Values[vf] ?>"<?cs call:field_attrs(vf) ?>>
    <?cs call:field_error(vf) ?>
  <?cs else ?>
    <label for="<?cs var:vf ?>"><?cs var:Lang.Assessment.Answer ?></label>
    <textarea id="<?cs var:vf ?>" name="<?cs var:vf ?>" rows="3"<?cs call:field_attrs(vf) ?>><?cs var:Form.Values[vf] ?></textarea>
    <?cs call:field_error(vf) ?>
  <?cs /if ?>
  <?cs if:item.CarriedOver ?>
    <label class="check carried"><input type="checkbox" id="<?cs var:cf ?>" name="<?cs var:cf ?>" value="1"<?cs if:Form.Values[cf] == "1" ?> checked<?cs /if ?><?cs call:field_attrs(cf) ?>> <?cs var:Lang.Assessment.Confirm ?></label>
    <?cs call:field_error(cf) ?>
  <?cs /if ?>
  </div>
  <div class="item-evidence">
  <label for="<?cs var:tf ?>"><?cs var:Lang.Assessment.EvidenceNotes ?></label>
  <textarea id="<?cs var:tf ?>" name="<?cs var:tf ?>" rows="2"<?cs call:field_attrs(tf) ?>><?cs var:Form.Values[tf] ?></textarea>
  <?cs call:field_error(tf) ?>
  <label for="<?cs var:ff ?>"><?cs var:Lang.Assessment.EvidenceFile ?></label>
  <input type="file" id="<?cs var:ff ?>" name="<?cs var:ff ?>"<?cs call:field_attrs(ff) ?>>
  <?cs call:field_error(ff) ?>
  <?cs call:item_files(item) ?>
  </div>
<?cs /def ?>


<?cs # The same item as stored, read-only. ?>
<?cs def:item_show(item) ?>
  <div class="item-answer">
  <p class="answer">
  <?cs if:item.NotApplicable ?><strong><?cs var:Lang.Assessment.NotApplicable ?></strong> — <?cs var:item.Justification ?>
  <?cs elif:item.Type == "maturity" ?>
    <?cs if:item.Level != "" ?><strong class="level"><?cs var:item.Level ?></strong><?cs each:l = Levels ?><?cs if:l.Level == item.Level ?> · <?cs var:l.Name ?><?cs /if ?><?cs /each ?><?cs else ?><?cs var:Lang.Assessment.NotAnswered ?><?cs /if ?>
  <?cs else ?><?cs if:item.Value != "" ?><?cs var:item.Value ?><?cs else ?><?cs var:Lang.Assessment.NotAnswered ?><?cs /if ?>
  <?cs /if ?>
  </p>
  <?cs if:item.UpdatedBy != "" ?><p class="muted"><?cs var:Lang.Assessment.AnsweredBy ?> <?cs var:item.UpdatedBy ?></p><?cs /if ?>
  </div>
  <div class="item-evidence">
  <?cs if:item.Notes != "" ?><p class="notes"><?cs var:Lang.Assessment.EvidenceNotes ?>: <?cs var:item.Notes ?></p><?cs /if ?>
  <?cs call:item_files(item) ?>
  <?cs if:item.Notes == "" && !subcount(item.Files) ?><p class="muted"><?cs var:Lang.Assessment.NoEvidence ?></p><?cs /if ?>
  </div>
<?cs /def ?>

<?cs # The reviewer's choice beside an item: return it, with a comment for the respondent. ?>
<?cs def:item_review(item) ?>
  <?cs set:rf = "return_" + item.Id ?><?cs set:mf = "comment_" + item.Id ?>
  <div class="item-review">
    <label class="check"><input type="checkbox" id="<?cs var:rf ?>" name="<?cs var:rf ?>" value="1"<?cs if:Form.Values[rf] == "1" ?> checked<?cs /if ?>> <?cs var:Lang.Assessment.ReturnThis ?> <span class="visually-hidden"><?cs var:item.Code ?></span></label>
    <label for="<?cs var:mf ?>"><?cs var:Lang.Assessment.CommentFor ?> <span class="visually-hidden"><?cs var:item.Code ?></span></label>
    <textarea id="<?cs var:mf ?>" name="<?cs var:mf ?>" rows="2"<?cs call:field_attrs(mf) ?>><?cs var:Form.Values[mf] ?></textarea>
    <?cs call:field_error(mf) ?>
  </div>
<?cs /def ?>

<?cs # The table of contents: each section and category with how far it is. ?>
<?cs def:part_count(part) ?><span class="count"><?cs var:part.Answered ?> / <?cs var:part.Total ?></span><?cs if:part.Returned > 0 ?> <span class="badge returned"><?cs var:part.Returned ?> <?cs var:Lang.Assessment.ReturnedCount ?></span><?cs /if ?><?cs if:part.Problems > 0 ?> <span class="badge problem"><?cs var:part.Problems ?> <?cs var:Lang.Assessment.ProblemCount ?></span><?cs /if ?><?cs /def ?>
<?cs def:section_name(part) ?><?cs if:part.Kind == "management" ?><?cs var:Lang.Assessment.AnnexB ?><?cs elif:part.Kind == "custom" ?><?cs var:Lang.Assessment.OwnQuestions ?><?cs else ?><?cs var:part.Name ?> <span class="code">(<?cs var:part.Code ?>)</span><?cs /if ?><?cs /def ?>
<?cs def:contents() ?>
<nav class="toc answer-toc" aria-labelledby="toc-heading">
<h2 id="toc-heading"><?cs var:Lang.Assessment.Contents ?></h2>
<ol><?cs each:part = Sections ?>
<li><a href="#<?cs var:part.Anchor ?>"><?cs call:section_name(part) ?></a> <?cs call:part_count(part) ?>
<?cs if:subcount(part.Categories) ?><ol><?cs each:cat = part.Categories ?><li><a href="#<?cs var:cat.Anchor ?>"><span class="code"><?cs var:cat.Code ?></span> <?cs var:cat.Name ?></a> <?cs call:part_count(cat) ?></li><?cs /each ?></ol><?cs /if ?>
</li><?cs /each ?></ol>
</nav>
<?cs /def ?>

<?cs def:content() ?>
<p class="crumbs"><a href="/assessments"><?cs var:Lang.Nav.Assessments ?></a> › <?cs var:Assessment.Org ?></p>
<h1><?cs var:Assessment.Title ?></h1>
<p class="status">
  <?cs var:Assessment.Org ?> ·
  <span class="badge <?cs var:Assessment.Status ?>" id="status"><?cs var:Lang.Assessment.States[Assessment.Status] ?></span>
  · <?cs var:Lang.Assessment.Progress ?>: <strong id="progress"><?cs var:Assessment.Answered ?> / <?cs var:Assessment.Total ?></strong>
  · <?cs var:Lang.Assessment.Score ?>: <strong id="score"><?cs var:Scores.Overall ?></strong>
  <?cs if:Assessment.DueDate ?>· <?cs var:Lang.Assessment.Due ?> <?cs var:Assessment.DueDate ?><?cs /if ?>
  <?cs if:Assessment.Cycle > 1 ?>· <?cs var:Lang.Assessment.Cycle ?> <?cs var:Assessment.Cycle ?><?cs /if ?>
</p>
<?cs if:Assessment.SubmittedAt ?><p class="muted"><?cs var:Lang.Assessment.SubmittedBy ?> <?cs var:Assessment.SubmittedBy ?>, <?cs var:Assessment.SubmittedAt ?> <?cs var:Lang.Time.Utc ?><?cs if:Assessment.ReviewedAt ?> · <?cs var:Lang.Assessment.ReviewedBy ?> <?cs var:Assessment.ReviewedBy ?>, <?cs var:Assessment.ReviewedAt ?> <?cs var:Lang.Time.Utc ?><?cs /if ?></p><?cs /if ?>
<?cs if:Flash ?><div class="alert ok" role="status"><?cs var:Lang.Assessment.Flash[Flash] ?></div><?cs /if ?>
<?cs if:Import.ErrorCount ?><div class="alert error" role="alert"><a href="#import-errors"><?cs var:Lang.Export.RefusedTop ?></a></div><?cs /if ?>
<?cs if:Form.Message || Problems.Count > 0 ?>
<div class="alert error" role="alert" id="problems">
<?cs if:Form.Message ?><p><?cs var:Lang.Assessment.Messages[Form.Message] ?></p><?cs /if ?>
<?cs if:Problems.Count > 0 ?>
<p><?cs if:Problems.Count == 1 ?><?cs var:Lang.Assessment.OneProblem ?><?cs else ?><?cs var:Problems.Count ?> <?cs var:Lang.Assessment.Problems ?><?cs /if ?></p>
<ul class="problems"><?cs each:p = Problems.List ?><li><a href="#<?cs var:p.Field ?>"><span class="code"><?cs var:p.Code ?></span>: <?cs var:Lang.Errors[p.Key] ?></a></li><?cs /each ?>
<?cs if:Problems.Count > 20 ?><li><?cs var:Problems.Count - 20 ?> <?cs var:Lang.Assessment.MoreProblems ?></li><?cs /if ?></ul>
<?cs /if ?>
</div>
<?cs else ?><?cs call:form_summary() ?><?cs /if ?>
<?cs if:Form.FilesKept ?><div class="alert ok" role="status"><?cs var:Lang.Assessment.FilesKept ?></div><?cs /if ?>
<?cs if:Assessment.Status == "returned" && Assessment.Editable ?><div class="alert error" role="status" id="returned-items"><p><?cs var:Lang.Assessment.ReturnedHint ?></p>
<ul class="inline-links"><?cs each:item = Items ?><?cs if:item.Returned ?><li><a href="#item-<?cs var:item.Id ?>"><span class="code"><?cs var:item.Code ?></span> <?cs var:item.ReturnComment ?></a></li><?cs /if ?><?cs /each ?></ul></div><?cs /if ?>
<?cs if:Assessment.CarriedOver > 0 && Assessment.Editable ?><div class="alert" role="status"><?cs var:Lang.Assessment.CarriedHint ?></div><?cs /if ?>

<?cs if:subcount(Sections) > 1 || subcount(Sections.0.Categories) > 1 ?><?cs call:contents() ?><?cs /if ?>

<details class="panel scores">
<summary><?cs var:Lang.Assessment.ScoresHeading ?>: <?cs var:Scores.Overall ?></summary>
<p class="muted"><?cs var:Lang.Assessment.Method ?></p>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Assessment.ScoresHeading ?>"><table class="data">
<thead><tr><th><?cs var:Lang.Assessment.Category ?></th><th class="num"><?cs var:Lang.Assessment.Score ?></th></tr></thead>
<tbody><?cs each:s = Scores.Categories ?><tr><td><?cs var:s.Code ?> · <?cs var:s.Name ?></td><td class="num" id="score-<?cs var:s.Code ?>"><?cs var:s.Score ?></td></tr><?cs /each ?></tbody>
</table></div>
</details>

<details class="scale">
<summary><?cs var:Lang.Assessment.ScaleHeading ?></summary>
<dl class="levels"><?cs each:l = Levels ?><dt><?cs var:l.Level ?> · <?cs var:l.Name ?></dt><dd><?cs var:l.Meaning ?></dd><?cs /each ?></dl>
</details>

<?cs set:reviewing = Assessment.MayReview && Assessment.Status == "submitted" ?>
<?cs if:Assessment.Editable ?><form method="post" action="/assessments/<?cs var:Assessment.Id ?>" enctype="multipart/form-data" class="answers"><input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>"><?cs # the form's default button (Enter in a field) saves the draft, never a file's Remove ?><button type="submit" name="action" value="save" class="visually-hidden" tabindex="-1" aria-hidden="true"><?cs var:Lang.Assessment.SaveDraft ?></button>
<?cs elif:reviewing ?><form method="post" action="/assessments/<?cs var:Assessment.Id ?>/review" class="answers review"><input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
<h2><?cs var:Lang.Assessment.ReviewHeading ?></h2>
<p class="muted"><?cs var:Lang.Assessment.ReviewHint ?></p>
<?cs /if ?>
<?cs each:item = Items ?>
  <?cs if:item.SectionStart ?><?cs with:part = Sections[item.Section] ?><section class="part" id="<?cs var:part.Anchor ?>" aria-labelledby="<?cs var:part.Anchor ?>-h">
    <h2 class="function" id="<?cs var:part.Anchor ?>-h"><?cs call:section_name(part) ?> <?cs call:part_count(part) ?></h2><?cs /with ?><?cs /if ?>
  <?cs if:item.CategoryStart ?><section class="category" id="part-<?cs var:item.CategoryCode ?>">
    <h3 class="category"><span class="code"><?cs var:item.CategoryCode ?></span> <?cs var:item.Category ?></h3><?cs /if ?>
  <div class="item<?cs if:item.Returned ?> returned<?cs /if ?><?cs if:item.Problem ?> problem<?cs /if ?>" id="item-<?cs var:item.Id ?>">
    <p class="item-head"><span class="code"><?cs var:item.Code ?></span> <span class="outcome"><?cs var:item.Text ?></span><?cs if:!item.Answered ?> <span class="badge unanswered"><?cs var:Lang.Assessment.NotAnswered ?></span><?cs /if ?></p>
    <?cs if:item.Mapping ?><p class="guidance"><?cs var:Lang.Assessment.Guidance ?>: <?cs var:item.Mapping ?></p><?cs /if ?>
    <?cs if:item.Target != "" && item.Type == "maturity" ?><p class="target"><?cs var:Lang.Assessment.Target ?>: <?cs var:item.Target ?></p><?cs /if ?>
    <?cs if:item.Returned ?><p class="returned-comment" role="note"><strong><?cs var:Lang.Assessment.ReturnedComment ?></strong> <?cs var:item.ReturnComment ?></p><?cs /if ?>
    <?cs if:item.CarriedOver ?><p class="carried"><?cs var:Lang.Assessment.CarriedOver ?></p><?cs /if ?>
    <div class="item-body">
    <?cs if:item.Editable ?><?cs call:item_edit(item) ?><?cs else ?><?cs call:item_show(item) ?><?cs /if ?>
    <?cs if:reviewing ?><?cs call:item_review(item) ?><?cs /if ?>
    </div>
  </div>
  <?cs if:item.CategoryEnd ?></section><?cs /if ?>
  <?cs if:item.SectionEnd ?></section><?cs /if ?>
<?cs /each ?>
<?cs if:Assessment.Editable ?>
<div class="actions savebar">
  <span class="savebar-progress"><?cs var:Lang.Assessment.Progress ?>: <?cs var:Assessment.Answered ?> / <?cs var:Assessment.Total ?></span>
  <button type="submit" name="action" value="save"><?cs var:Lang.Assessment.SaveDraft ?></button>
  <button type="submit" name="action" value="submit" class="primary"><?cs var:Lang.Assessment.Submit ?></button>
</div>
</form>
<?cs elif:reviewing ?>
<div class="actions savebar">
  <button type="submit" name="action" value="return"><?cs var:Lang.Assessment.ReturnItems ?></button>
  <button type="submit" name="action" value="accept" class="primary"><?cs var:Lang.Assessment.Accept ?></button>
</div>
</form>
<?cs /if ?>

<?cs if:Assessment.MayReview && Assessment.CampaignId > 0 ?>
<section class="panel targets">
<h2><?cs var:Lang.Assessment.TargetsHeading ?></h2>
<form method="post" action="/assessments/<?cs var:Assessment.Id ?>/targets">
<input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Assessment.TargetsHeading ?>"><table class="data">
<thead><tr><th><?cs var:Lang.Assessment.Code ?></th><th><?cs var:Lang.Assessment.Target ?></th></tr></thead>
<tbody>
<?cs each:item = Items ?><?cs if:item.Type == "maturity" ?><?cs set:gf = "target_" + item.Id ?>
<tr><td><?cs var:item.Code ?></td><td><input id="<?cs var:gf ?>" name="<?cs var:gf ?>" inputmode="numeric" size="2" value="<?cs if:Form.Values[gf] ?><?cs var:Form.Values[gf] ?><?cs else ?><?cs var:item.Target ?><?cs /if ?>" aria-label="<?cs var:Lang.Assessment.Target ?> <?cs var:item.Code ?>"<?cs call:field_attrs(gf) ?>><?cs call:field_error(gf) ?></td></tr>
<?cs /if ?><?cs /each ?>
</tbody></table></div>
<div class="actions"><button type="submit"><?cs var:Lang.Assessment.SaveTargets ?></button></div>
</form>
</section>
<?cs /if ?>
<p><a href="/assessments/<?cs var:Assessment.Id ?>/export.csv"><?cs var:Lang.Assessment.ExportCsv ?></a> · <a href="/assessments/<?cs var:Assessment.Id ?>/scores.csv"><?cs var:Lang.Export.Scores ?></a> · <a href="/assessments/<?cs var:Assessment.Id ?>/export.json"><?cs var:Lang.Assessment.ExportJson ?></a> · <a href="/assessments/<?cs var:Assessment.Id ?>/oscal.json"><?cs var:Lang.Assessment.ExportOscal ?></a></p>
<?cs if:Assessment.Editable ?>
<section class="panel import" id="import">
<h2><?cs var:Lang.Export.Heading ?></h2>
<p class="muted"><?cs var:Lang.Export.Intro ?></p>
<p><a href="/assessments/<?cs var:Assessment.Id ?>/template.csv"><?cs var:Lang.Export.Template ?></a></p>
<?cs if:Import.ErrorCount ?>
<div class="alert error" role="alert" id="import-errors"><p><?cs var:Lang.Export.Refused ?></p>
<ul><?cs each:e = Import.Errors ?><li><?cs if:e.Line > 0 ?><?cs var:Lang.Export.Line ?> <?cs var:e.Line ?><?cs if:e.Code ?> (<?cs var:e.Code ?>)<?cs /if ?><?cs if:e.Column ?>, <?cs var:Lang.Export.Column ?> <?cs var:e.Column ?><?cs /if ?>: <?cs /if ?><?cs alt:Lang.Export.Errors[e.Key] ?><?cs var:Lang.Errors[e.Key] ?><?cs /alt ?></li><?cs /each ?>
<?cs if:Import.Unlisted > 0 ?><li><?cs var:Import.Unlisted ?> <?cs var:Lang.Export.More ?></li><?cs /if ?></ul></div>
<?cs /if ?>
<form method="post" action="/assessments/<?cs var:Assessment.Id ?>/import" enctype="multipart/form-data">
<input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
<label for="import-csv"><?cs var:Lang.Export.File ?></label>
<input type="file" id="import-csv" name="csv" accept=".csv,text/csv" required>
<div class="actions"><button type="submit"><?cs var:Lang.Export.Submit ?></button></div>
</form>
</section>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
