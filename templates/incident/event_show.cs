<?cs # One event report (GET /events/:id) and the point of contact's decision, see cgi/handler_event.c. ?>
<?cs include:"macros.cs" ?>
<?cs include:"incident/timeline.cs" ?>
<?cs def:prose(label, value) ?><?cs if:value ?><h3><?cs var:label ?></h3>
<p class="prose"><?cs var:value ?></p><?cs /if ?><?cs /def ?>
<?cs def:content() ?>
<p class="crumbs"><a href="/events"><?cs var:Lang.Event.ListHeading ?></a></p>
<h1><?cs var:Event.Number ?> · <?cs var:Lang.Event.Event ?></h1>
<dl class="facts">
<dt><?cs var:Lang.Form.Organisation ?></dt><dd><?cs var:Event.Org ?></dd>
<dt><?cs var:Lang.Event.Status ?></dt><dd><span class="badge event-<?cs var:Event.Status ?>"><?cs var:Lang.Event.Statuses[Event.Status] ?></span><?cs if:Event.Incident ?> · <?cs var:Lang.Event.PromotedTo ?> <a href="/incidents/<?cs var:Event.IncidentId ?>"><?cs var:Event.Incident ?></a><?cs /if ?></dd>
<?cs if:Event.DecisionReason ?><dt><?cs var:Lang.Event.DecisionReason ?></dt><dd class="pre"><?cs var:Event.DecisionReason ?></dd><?cs /if ?>
<dt><?cs var:Lang.Incident.TlpShort ?></dt><dd><span class="tlp <?cs var:Event.Tlp ?>"><?cs var:Lang.Tlp[Event.Tlp].Label ?></span></dd>
<dt><?cs var:Lang.Event.Reported ?></dt><dd><?cs var:Event.ReportedAt ?> <?cs var:Lang.Time.Utc ?></dd>
</dl>

<h2><?cs var:Lang.Event.Reporter ?></h2>
<dl class="facts">
<dt><?cs var:Lang.Event.ReporterName ?></dt><dd><?cs var:Event.ReporterName ?></dd>
<?cs if:Event.ReporterPhone ?><dt><?cs var:Lang.Event.ReporterPhone ?></dt><dd><?cs var:Event.ReporterPhone ?></dd><?cs /if ?>
<dt><?cs var:Lang.Event.ReporterEmail ?></dt><dd><?cs var:Event.ReporterEmail ?></dd>
</dl>

<h2><?cs var:Lang.Event.WhatHappened ?></h2>
<h3><?cs var:Lang.Event.WhatOccurred ?></h3>
<p class="prose"><?cs var:Event.What ?></p>
<?cs call:prose(Lang.Event.HowOccurred, Event.How) ?>
<?cs call:prose(Lang.Event.WhyOccurred, Event.Why) ?>
<?cs call:prose(Lang.Event.Components, Event.Components) ?>
<?cs call:prose(Lang.Event.BusinessImpact, Event.Impact) ?>
<?cs call:prose(Lang.Event.Vulnerabilities, Event.Vulnerabilities) ?>

<h2><?cs var:Lang.Event.When ?></h2>
<dl class="facts">
<dt><?cs var:Lang.Event.OccurredAt ?></dt><dd><?cs if:Event.OccurredAt ?><?cs var:Event.OccurredAt ?> <?cs var:Lang.Time.Utc ?><?cs else ?><span class="muted"><?cs var:Lang.Event.NotKnown ?></span><?cs /if ?></dd>
<dt><?cs var:Lang.Event.DetectedAt ?></dt><dd><?cs var:Event.DetectedAt ?> <?cs var:Lang.Time.Utc ?></dd>
<dt><?cs var:Lang.Event.IsOver ?></dt><dd><?cs if:Event.IsOver == "yes" ?><?cs var:Lang.Event.Yes ?><?cs else ?><?cs var:Lang.Event.No ?><?cs /if ?></dd>
<?cs if:Event.Duration ?><dt><?cs var:Lang.Event.Duration ?></dt><dd><?cs var:Event.Duration ?></dd><?cs /if ?>
</dl>

<?cs if:Event.MayDecide ?>
<section class="panel decide" aria-labelledby="decision-heading">
<h2 id="decision-heading"><?cs var:Lang.Event.Decision ?></h2>
<p><?cs var:Lang.Event.DecisionIntro ?></p>
<?cs call:form_summary() ?>
<form method="post" action="/events/<?cs var:Event.Id ?>/decide">
<input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
<label for="title"><?cs var:Lang.Event.IncidentTitle ?></label>
<input id="title" name="title" maxlength="200" value="<?cs var:Form.Values.title ?>"<?cs call:field_attrs("title") ?>>
<?cs call:field_error("title") ?>
<label for="category"><?cs var:Lang.Event.Category ?></label>
<select id="category" name="category"<?cs call:field_attrs("category") ?>>
<option value=""><?cs var:Lang.Form.Choose ?></option>
<?cs each:v = Choices.Category ?><option value="<?cs var:v ?>"<?cs if:Form.Values.category == v ?> selected<?cs /if ?>><?cs var:Categories[v].Label ?></option><?cs /each ?>
</select>
<?cs call:field_error("category") ?>
<details><summary><?cs var:Lang.Incident.CategoryHelp ?></summary><dl class="levels"><?cs each:v = Choices.Category ?><dt><?cs var:Categories[v].Label ?></dt><dd><?cs var:Categories[v].Meaning ?></dd><?cs /each ?></dl></details>
<label for="reason"><?cs var:Lang.Event.Reason ?></label>
<textarea id="reason" name="reason" rows="4" maxlength="4000"<?cs call:field_attrs("reason") ?>><?cs var:Form.Values.reason ?></textarea>
<?cs call:field_error("reason") ?>
<div class="actions">
<button type="submit" name="action" value="promote" class="primary"><?cs var:Lang.Event.Promote ?></button>
<button type="submit" name="action" value="close"><?cs var:Lang.Event.Close ?></button>
</div>
</form>
</section>
<?cs /if ?>

<?cs call:timeline() ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
