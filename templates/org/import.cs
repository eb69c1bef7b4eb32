<?cs # GET /organisations/import (and 422 from POST) - what the CSV file holds, its template,
     the upload; after a refused file, every problem with its line. Nothing is stored unless
     every row is valid. ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<p class="crumbs"><a href="/organisations?org_id=<?cs var:Orgs.ParentId ?>"><?cs var:Lang.Orgs.Back ?></a></p>
<h1><?cs var:Lang.Orgs.ImportHeading ?> <small><?cs var:Orgs.Parent ?></small></h1>
<?cs if:Import.ErrorCount ?>
<div class="alert error" role="alert">
<p><?cs var:Lang.Orgs.ImportFailed ?> <?cs var:Import.ErrorCount ?> <?cs if:Import.ErrorCount == 1 ?><?cs var:Lang.Orgs.Problem ?><?cs else ?><?cs var:Lang.Orgs.Problems ?><?cs /if ?><?cs if:Import.FileName ?> (<?cs var:Import.FileName ?>)<?cs /if ?>. <?cs var:Lang.Orgs.FixAndRetry ?></p>
<ul class="import-errors">
<?cs each:e = Import.Errors ?><li><?cs var:Lang.Orgs.Line ?> <?cs var:e.Line ?>, <code><?cs var:e.Column ?></code><?cs if:e.Other ?> (<?cs var:Lang.Orgs.SeeLine ?> <?cs var:e.Other ?>)<?cs /if ?>: <?cs var:Lang.Errors[e.Key] ?></li>
<?cs /each ?>
</ul>
<?cs if:Import.Unlisted ?><p><?cs var:Import.Unlisted ?> <?cs var:Lang.Orgs.Unlisted ?></p><?cs /if ?>
</div>
<?cs /if ?>
<p><?cs var:Lang.Orgs.ImportIntro ?></p>
<h2><?cs var:Lang.Orgs.Columns ?></h2>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Table.Region ?>"><table class="data">
<thead><tr><th><?cs var:Lang.Orgs.Column ?></th><th><?cs var:Lang.Orgs.Meaning ?></th></tr></thead>
<tbody>
<?cs each:col = Lang.Orgs.Col ?><tr><td><code><?cs name:col ?></code></td><td><?cs var:col ?></td></tr>
<?cs /each ?>
</tbody></table></div>
<h2><?cs var:Lang.Orgs.Rules ?></h2>
<ul>
<li><?cs var:Lang.Orgs.Rule.User ?></li>
<li><?cs var:Lang.Orgs.Rule.Repeat ?></li>
<li><?cs var:Lang.Orgs.Rule.Existing ?></li>
<li><?cs var:Lang.Orgs.Rule.Limits ?> <?cs var:Import.MaxRows ?> <?cs var:Lang.Orgs.Rule.LimitsRows ?> <?cs var:Form.MaxUploadKiB ?> <?cs var:Lang.Orgs.Rule.LimitsSize ?></li>
</ul>
<p><a href="/organisations/template.csv" download><?cs var:Lang.Orgs.Template ?></a> (organisations.csv)</p>
<?cs if:Form.Errors.csv && !Import.ErrorCount ?><?cs call:form_summary() ?><?cs /if ?>
<form method="post" action="/organisations/import" enctype="multipart/form-data" class="narrow">
<input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
<input type="hidden" name="org_id" value="<?cs var:Orgs.ParentId ?>">
<label for="csv"><?cs var:Lang.Orgs.File ?></label>
<input id="csv" name="csv" type="file" accept=".csv,text/csv" required<?cs call:field_attrs("csv") ?>>
<?cs call:field_error("csv") ?>
<?cs if:Import.ParseError.Key ?><p class="field-error"><?cs var:Lang.Orgs.ParseLine ?> <?cs var:Import.ParseError.Line ?>: <?cs var:Lang.Orgs.Csv[Import.ParseError.Key] ?></p><?cs /if ?>
<button type="submit"><?cs var:Lang.Orgs.Upload ?></button>
</form>
<?cs /def ?>
<?cs include:"layout.cs" ?>
