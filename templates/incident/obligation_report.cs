<?cs # GET /obligations/:id - one regulatory report: its clock, the text prepared from the
     incident's record and the form that records what was sent (which stops the clock); once
     sent, the record of what was sent, when, to whom and by whom. ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<p class="crumbs"><a href="/queue"><?cs var:Lang.Obligations.Nav ?></a> · <a href="/incidents/<?cs var:Obligation.IncidentId ?>"><?cs var:Obligation.IncidentNumber ?> · <?cs var:Obligation.IncidentTitle ?></a></p>
<h1><?cs var:Lang.Obligations.RegimeShort[Obligation.Regime] ?> <?cs var:Lang.Obligations.Reports[Obligation.Report] ?> <small><?cs var:Obligation.IncidentNumber ?></small></h1>
<dl class="facts">
<dt><?cs var:Lang.Obligations.RegimeLabel ?></dt><dd><?cs var:Lang.Obligations.Regime[Obligation.Regime] ?></dd>
<dt><?cs var:Lang.Form.Organisation ?></dt><dd><?cs var:Obligation.Organisation ?></dd>
<dt><?cs var:Lang.Obligations.DueAt ?></dt><dd class="when"><?cs if:Obligation.DueAt ?><?cs var:Obligation.DueAt ?> <?cs var:Lang.Time.Utc ?><?cs else ?><span class="muted"><?cs var:Lang.Obligations.NoDue[Obligation.Report] ?></span><?cs /if ?></dd>
<dt><?cs var:Lang.Obligations.Clock ?></dt><dd><span class="badge deadline <?cs var:Obligation.State ?>" data-state="<?cs var:Obligation.State ?>"><?cs if:Obligation.State == "sent" ?><?cs var:Lang.Obligations.States.sent ?><?cs elif:Obligation.Countdown.Unit ?><?cs call:countdown(Obligation.Countdown) ?><?cs else ?><?cs var:Lang.Obligations.States[Obligation.State] ?><?cs /if ?></span><?cs if:Obligation.State == "overdue" || Obligation.State == "due_soon" ?><span class="visually-hidden"> (<?cs var:Lang.Obligations.States[Obligation.State] ?>)</span><?cs /if ?></dd>
<?cs if:Obligation.State == "sent" ?>
<dt><?cs var:Lang.Obligations.SentAt ?></dt><dd class="when"><?cs var:Obligation.SentAt ?> <?cs var:Lang.Time.Utc ?></dd>
<dt><?cs var:Lang.Obligations.SentTo ?></dt><dd><?cs var:Obligation.SentTo ?></dd>
<dt><?cs var:Lang.Obligations.SentBy ?></dt><dd><?cs if:Obligation.SentBy ?><?cs var:Obligation.SentBy ?><?cs else ?><span class="muted"><?cs var:Lang.Obligations.SentByHidden ?></span><?cs /if ?></dd>
<?cs /if ?>
</dl>
<?cs if:Obligation.State == "sent" ?>
<h2><?cs var:Lang.Obligations.SentHeading ?></h2>
<p class="hint"><?cs var:Lang.Obligations.SentHint ?></p>
<pre class="report-text sent-body"><?cs var:Obligation.SentBody ?></pre>
<?cs else ?>
<?cs call:form_summary() ?>
<p class="hint"><?cs var:Lang.Obligations.PreparedHint ?></p>
<form method="post" action="/obligations/<?cs var:Obligation.Id ?>/sent" class="wide report-form">
<input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
<label for="body"><?cs var:Lang.Obligations.Body ?></label>
<textarea id="body" name="body" rows="28" class="report-text" required aria-describedby="body-help<?cs if:Form.Errors.body ?> err-body<?cs /if ?>"<?cs if:Form.Errors.body ?> aria-invalid="true"<?cs /if ?>><?cs var:Form.Values.body ?></textarea>
<?cs call:field_error("body") ?>
<p class="hint" id="body-help"><?cs var:Lang.Obligations.BodyHelp ?></p>
<label for="sent_to"><?cs var:Lang.Obligations.SentTo ?></label>
<input id="sent_to" name="sent_to" maxlength="200" required aria-describedby="sent_to-help<?cs if:Form.Errors.sent_to ?> err-sent_to<?cs /if ?>" value="<?cs var:Form.Values.sent_to ?>"<?cs if:Form.Errors.sent_to ?> aria-invalid="true"<?cs /if ?>>
<?cs call:field_error("sent_to") ?>
<p class="hint" id="sent_to-help"><?cs var:Lang.Obligations.SentToHelp ?></p>
<div class="actions"><button type="submit" class="primary"><?cs var:Lang.Obligations.SendSubmit ?></button>
<a class="button" href="/incidents/<?cs var:Obligation.IncidentId ?>"><?cs var:Lang.Obligations.BackToIncident ?></a></div>
</form>
<?cs if:Form.ErrorCount ?>
<details class="prepared"><summary><?cs var:Lang.Obligations.PreparedOriginal ?></summary>
<pre class="report-text"><?cs var:Report.Text ?></pre>
</details>
<?cs /if ?>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
