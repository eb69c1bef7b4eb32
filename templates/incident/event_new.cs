<?cs # The event report form (ISO/IEC 27035-2 Annex B.2): POST /events, see cgi/handler_event.c. ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<p class="crumbs"><a href="/events"><?cs var:Lang.Event.ListHeading ?></a></p>
<h1><?cs var:Lang.Event.NewHeading ?></h1>
<div class="intro">
<p><?cs var:Lang.Event.Intro ?></p>
<p class="muted"><?cs var:Lang.Event.FormNote ?></p>
</div>
<?cs call:form_summary() ?>
<form method="post" action="/events" class="wide report-form">
<input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
<?cs call:reporting_org_select() ?>
<fieldset class="group">
<legend><?cs var:Lang.Event.Reporter ?></legend>
<?cs call:text_field("reporter_name", Lang.Event.ReporterName, "200", 1) ?>
<label for="reporter_phone"><?cs var:Lang.Event.ReporterPhone ?></label>
<input id="reporter_phone" name="reporter_phone" type="tel" maxlength="50" autocomplete="tel" value="<?cs var:Form.Values.reporter_phone ?>"<?cs call:field_attrs("reporter_phone") ?>>
<?cs call:field_error("reporter_phone") ?>
<label for="reporter_email"><?cs var:Lang.Event.ReporterEmail ?></label>
<input id="reporter_email" name="reporter_email" type="email" maxlength="254" required autocomplete="email" value="<?cs var:Form.Values.reporter_email ?>"<?cs call:field_attrs("reporter_email") ?>>
<?cs call:field_error("reporter_email") ?>
</fieldset>
<fieldset class="group">
<legend><?cs var:Lang.Event.WhatHappened ?></legend>
<?cs call:area_field("what_occurred", Lang.Event.WhatOccurred, Lang.Event.WhatOccurredHint, "6", "10000", 1) ?>
<?cs call:area_field("how_occurred", Lang.Event.HowOccurred, "", "4", "10000", 0) ?>
<?cs call:area_field("why_occurred", Lang.Event.WhyOccurred, "", "4", "10000", 0) ?>
<?cs call:area_field("components_affected", Lang.Event.Components, Lang.Event.ComponentsHint, "3", "4000", 0) ?>
<?cs call:area_field("business_impact", Lang.Event.BusinessImpact, "", "3", "4000", 0) ?>
<?cs call:area_field("vulnerabilities", Lang.Event.Vulnerabilities, "", "3", "4000", 0) ?>
</fieldset>
<fieldset class="group">
<legend><?cs var:Lang.Event.When ?></legend>
<label for="occurred_at"><?cs var:Lang.Event.OccurredAt ?></label>
<input id="occurred_at" name="occurred_at" type="datetime-local" value="<?cs var:Form.Values.occurred_at ?>"<?cs call:field_attrs("occurred_at") ?>>
<?cs call:field_error("occurred_at") ?>
<label for="detected_at"><?cs var:Lang.Event.DetectedAt ?></label>
<input id="detected_at" name="detected_at" type="datetime-local" required value="<?cs var:Form.Values.detected_at ?>"<?cs call:field_attrs("detected_at") ?>>
<?cs call:field_error("detected_at") ?>
<label for="is_over"><?cs var:Lang.Event.IsOver ?></label>
<select id="is_over" name="is_over" required<?cs call:field_attrs("is_over") ?>>
<option value="no"<?cs if:Form.Values.is_over != "yes" ?> selected<?cs /if ?>><?cs var:Lang.Event.No ?></option>
<option value="yes"<?cs if:Form.Values.is_over == "yes" ?> selected<?cs /if ?>><?cs var:Lang.Event.Yes ?></option>
</select>
<?cs call:field_error("is_over") ?>
<label for="duration"><?cs var:Lang.Event.Duration ?></label>
<p class="hint"><?cs var:Lang.Event.DurationHint ?></p>
<input id="duration" name="duration" maxlength="100" value="<?cs var:Form.Values.duration ?>"<?cs call:field_attrs("duration") ?>>
<?cs call:field_error("duration") ?>
</fieldset>
<label for="tlp"><?cs var:Lang.Incident.Tlp ?></label>
<select id="tlp" name="tlp" required<?cs call:field_attrs("tlp") ?>>
<option value=""><?cs var:Lang.Form.Choose ?></option>
<?cs each:v = Choices.Tlp ?><option value="<?cs var:v ?>"<?cs if:Form.Values.tlp == v ?> selected<?cs /if ?>><?cs var:Lang.Tlp[v].Label ?></option><?cs /each ?>
</select>
<?cs call:field_error("tlp") ?>
<details><summary><?cs var:Lang.Incident.TlpHelp ?></summary><dl class="levels"><?cs each:v = Choices.Tlp ?><dt><?cs var:Lang.Tlp[v].Label ?></dt><dd><?cs var:Lang.Tlp[v].Meaning ?></dd><?cs /each ?></dl></details>
<div class="actions"><button type="submit" class="primary"><?cs var:Lang.Event.Submit ?></button></div>
</form>
<?cs /def ?>
<?cs include:"layout.cs" ?>
