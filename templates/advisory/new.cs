<?cs # GET /advisories/new (and 422 from POST /advisories) - take in a CSAF 2.0 advisory (cgi/handler_advisory.c). ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<p class="crumbs"><a href="/advisories"><?cs var:Lang.Advisory.ListHeading ?></a></p>
<h1><?cs var:Lang.Advisory.NewHeading ?></h1>
<p><?cs var:Lang.Advisory.NewIntro ?></p>
<?cs if:Advisory.ProblemCount > 0 ?>
<div class="alert error" role="alert" id="problems">
<p><?cs var:Advisory.FileName ?>: <?cs var:Lang.Advisory.Refused ?> (<?cs var:Advisory.ProblemCount ?>)</p>
<ul class="problems"><?cs each:p = Advisory.Problems ?><li><code><?cs var:p.Path ?></code>: <?cs alt:Lang.Advisory.Schema[p.Keyword] ?><?cs var:p.Keyword ?><?cs /alt ?><?cs if:p.Param != "" ?> <code><?cs var:p.Param ?></code><?cs /if ?></li><?cs /each ?>
<?cs if:Advisory.ProblemCount > 20 ?><li><?cs var:Advisory.ProblemCount - 20 ?> <?cs var:Lang.Advisory.MoreProblems ?></li><?cs /if ?></ul>
<p><?cs var:Lang.Advisory.NothingStored ?></p>
</div>
<?cs else ?><?cs call:form_summary() ?><?cs /if ?>
<form method="post" action="/advisories" enctype="multipart/form-data" class="wide">
<input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
<?cs if:subcount(ImportOrgs) > 1 ?>
<label for="org_id"><?cs var:Lang.Form.Organisation ?></label>
<select id="org_id" name="org_id"><?cs each:o = ImportOrgs ?><option value="<?cs var:o.Id ?>"<?cs if:Form.Values.org_id == o.Id ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?></select>
<?cs /if ?>
<label for="csaf"><?cs var:Lang.Advisory.File ?></label>
<p class="hint" id="csaf-hint"><?cs var:Lang.Advisory.FileHint ?></p>
<input type="file" id="csaf" name="csaf" accept=".json,application/json" required<?cs if:Form.Errors.csaf ?><?cs call:field_attrs("csaf") ?><?cs else ?> aria-describedby="csaf-hint"<?cs /if ?>>
<?cs if:Form.Errors.csaf ?><p class="field-error" id="err-csaf"><?cs if:Form.Errors.csaf == "json_unreadable" ?><?cs var:Lang.Errors.json_unreadable ?> <?cs var:Advisory.JsonLine ?>.<?cs else ?><?cs var:Lang.Errors[Form.Errors.csaf] ?><?cs /if ?></p><?cs /if ?>
<div class="actions"><button type="submit" class="primary"><?cs var:Lang.Advisory.Submit ?></button></div>
</form>
<?cs /def ?>
<?cs include:"layout.cs" ?>
