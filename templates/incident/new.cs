<?cs include:"macros.cs" ?>
<?cs def:choice(name, list, langnode) ?>
<select id="<?cs var:name ?>" name="<?cs var:name ?>" required<?cs call:field_attrs(name) ?>>
<option value=""><?cs var:Lang.Form.Choose ?></option>
<?cs each:v = list ?><option value="<?cs var:v ?>"<?cs if:Form.Values[name] == v ?> selected<?cs /if ?>><?cs var:langnode[v].Label ?></option><?cs /each ?>
</select>
<?cs /def ?>
<?cs def:content() ?>
<p class="crumbs"><a href="/incidents"><?cs var:Lang.Nav.Incidents ?></a></p>
<h1><?cs var:Lang.Incident.NewHeading ?></h1>
<?cs call:form_summary() ?>
<form method="post" action="/incidents" class="wide">
<input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
<?cs if:subcount(ReportingOrgs) > 1 ?>
<label for="org_id"><?cs var:Lang.Form.Organisation ?></label>
<select id="org_id" name="org_id"<?cs call:field_attrs("org_id") ?>><?cs each:o = ReportingOrgs ?><option value="<?cs var:o.Id ?>"<?cs if:Form.Values.org_id == o.Id ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?></select>
<?cs call:field_error("org_id") ?>
<?cs /if ?>
<label for="title"><?cs var:Lang.Incident.Title ?></label>
<input id="title" name="title" maxlength="200" required value="<?cs var:Form.Values.title ?>"<?cs call:field_attrs("title") ?>>
<?cs call:field_error("title") ?>
<label for="detected_at"><?cs var:Lang.Incident.DetectedAt ?></label>
<input id="detected_at" name="detected_at" type="datetime-local" required value="<?cs var:Form.Values.detected_at ?>"<?cs call:field_attrs("detected_at") ?>>
<?cs call:field_error("detected_at") ?>
<label for="description"><?cs var:Lang.Incident.Description ?></label>
<textarea id="description" name="description" rows="8" required<?cs call:field_attrs("description") ?>><?cs var:Form.Values.description ?></textarea>
<?cs call:field_error("description") ?>
<label for="category"><?cs var:Lang.Incident.Category ?></label>
<?cs call:choice("category", Choices.Category, Categories) ?>
<?cs call:field_error("category") ?>
<details><summary><?cs var:Lang.Incident.CategoryHelp ?></summary><dl class="levels"><?cs each:v = Choices.Category ?><dt><?cs var:Categories[v].Label ?></dt><dd><?cs var:Categories[v].Meaning ?></dd><?cs /each ?></dl></details>
<label for="severity"><?cs var:Lang.Incident.Severity ?></label>
<?cs call:choice("severity", Choices.Severity, Lang.Severity) ?>
<?cs call:field_error("severity") ?>
<details><summary><?cs var:Lang.Incident.SeverityHelp ?></summary><dl class="levels"><?cs each:v = Choices.Severity ?><dt><?cs var:Lang.Severity[v].Label ?></dt><dd><?cs var:Lang.Severity[v].Meaning ?></dd><?cs /each ?></dl></details>
<label for="tlp"><?cs var:Lang.Incident.Tlp ?></label>
<?cs call:choice("tlp", Choices.Tlp, Lang.Tlp) ?>
<?cs call:field_error("tlp") ?>
<details><summary><?cs var:Lang.Incident.TlpHelp ?></summary><dl class="levels"><?cs each:v = Choices.Tlp ?><dt><?cs var:Lang.Tlp[v].Label ?></dt><dd><?cs var:Lang.Tlp[v].Meaning ?></dd><?cs /each ?></dl></details>
<div class="actions"><button type="submit" class="primary"><?cs var:Lang.Incident.Submit ?></button></div>
</form>
<?cs /def ?>
<?cs include:"layout.cs" ?>
