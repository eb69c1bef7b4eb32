<?cs # Partial of the incident page: the regulatory clocks (NIS2 Art. 23, GDPR Art. 33) from
     Obligations.* (cgi/obligations.c), the form that flags the incident as reportable and
     the one that records a CSIRT's request for an intermediate report. Included inside the
     page's content(); defines no macros. After a refused POST (status 422) the handler sets
     Obligations.Posted to the form's name, and that form shows the input and messages. ?>
<section class="panel obligations" id="obligations" aria-labelledby="obligations-h">
<h2 id="obligations-h"><?cs var:Lang.Obligations.Heading ?></h2>
<?cs if:Obligations.Nis2 || Obligations.Gdpr ?>
<p class="regimes"><?cs var:Lang.Obligations.FlaggedUnder ?>
<?cs if:Obligations.Nis2 ?><span class="regime-tag"><?cs var:Lang.Obligations.Regime.nis2 ?></span><?cs /if ?>
<?cs if:Obligations.Gdpr ?><span class="regime-tag"><?cs var:Lang.Obligations.Regime.gdpr ?></span><?cs /if ?>
· <?cs var:Lang.Obligations.AwareSince ?> <span class="when"><?cs var:Obligations.AwarenessAt ?> <?cs var:Lang.Time.Utc ?></span></p>
<?cs else ?>
<p class="muted"><?cs var:Lang.Obligations.NotReportable ?></p>
<?cs /if ?>
<?cs if:subcount(Obligations.Items) ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Table.Region ?>"><table class="data obligations">
<caption class="visually-hidden"><?cs var:Lang.Obligations.Caption ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.Obligations.Report ?></th><th scope="col"><?cs var:Lang.Obligations.DueAt ?></th><th scope="col"><?cs var:Lang.Obligations.Clock ?></th><?cs if:Obligations.MayManage ?><th scope="col"><span class="visually-hidden"><?cs var:Lang.Obligations.Actions ?></span></th><?cs /if ?></tr></thead>
<tbody>
<?cs each:o = Obligations.Items ?>
<tr class="deadline-<?cs var:o.State ?>" data-report="<?cs var:o.Regime ?>-<?cs var:o.Report ?>">
<td><span class="regime-code"><?cs var:Lang.Obligations.RegimeShort[o.Regime] ?></span> <?cs var:Lang.Obligations.Reports[o.Report] ?></td>
<td class="when"><?cs if:o.DueAt ?><?cs var:o.DueAt ?> <?cs var:Lang.Time.Utc ?><?cs else ?><span class="muted"><?cs var:Lang.Obligations.NoDue[o.Report] ?></span><?cs /if ?></td>
<td><span class="badge deadline <?cs var:o.State ?>" data-state="<?cs var:o.State ?>"><?cs if:o.State == "sent" ?><?cs var:Lang.Obligations.States.sent ?><?cs elif:o.Countdown.Unit ?><?cs call:countdown(o.Countdown) ?><?cs else ?><?cs var:Lang.Obligations.States[o.State] ?><?cs /if ?></span>
<?cs if:o.State == "sent" ?><span class="sent-record"><?cs var:o.SentAt ?> <?cs var:Lang.Time.Utc ?> · <?cs var:Lang.Obligations.SentToShort ?> <?cs var:o.SentTo ?></span><?cs elif:o.State == "overdue" || o.State == "due_soon" ?><span class="visually-hidden"> (<?cs var:Lang.Obligations.States[o.State] ?>)</span><?cs /if ?></td>
<?cs if:Obligations.MayManage ?><td><a href="/obligations/<?cs var:o.Id ?>"><?cs if:o.State == "sent" ?><?cs var:Lang.Obligations.ViewSent ?><?cs else ?><?cs var:Lang.Obligations.Prepare ?><?cs /if ?></a></td><?cs /if ?>
</tr>
<?cs /each ?>
</tbody></table></div>
<?cs /if ?>
<?cs if:Obligations.MayManage ?>
<form method="post" action="/incidents/<?cs var:Obligations.IncidentId ?>/reportable" class="wide reportable">
<input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
<fieldset>
<legend><?cs var:Lang.Obligations.FlagHeading ?></legend>
<p class="check"><input type="checkbox" id="ob-nis2" name="nis2" value="1"<?cs if:(Obligations.Posted == "reportable" && Form.Values.nis2 == "1") || (Obligations.Posted != "reportable" && Obligations.Nis2) ?> checked<?cs /if ?>>
<label for="ob-nis2"><?cs var:Lang.Obligations.Nis2Label ?></label></p>
<p class="hint"><?cs var:Lang.Obligations.Nis2Help ?></p>
<p class="check"><input type="checkbox" id="ob-gdpr" name="gdpr" value="1"<?cs if:(Obligations.Posted == "reportable" && Form.Values.gdpr == "1") || (Obligations.Posted != "reportable" && Obligations.Gdpr) ?> checked<?cs /if ?>>
<label for="ob-gdpr"><?cs var:Lang.Obligations.GdprLabel ?></label></p>
<p class="hint"><?cs var:Lang.Obligations.GdprHelp ?></p>
<label for="ob-awareness_at"><?cs var:Lang.Obligations.AwarenessAt ?></label>
<input id="ob-awareness_at" name="awareness_at" type="datetime-local" aria-describedby="ob-awareness-help<?cs if:Obligations.Posted == "reportable" && Form.Errors.awareness_at ?> err-ob-awareness_at<?cs /if ?>" value="<?cs if:Obligations.Posted == "reportable" ?><?cs var:Form.Values.awareness_at ?><?cs else ?><?cs var:Obligations.AwarenessInput ?><?cs /if ?>"<?cs if:Obligations.Posted == "reportable" && Form.Errors.awareness_at ?> aria-invalid="true"<?cs /if ?>>
<?cs if:Obligations.Posted == "reportable" && Form.Errors.awareness_at ?><p class="field-error" id="err-ob-awareness_at"><?cs var:Lang.Errors[Form.Errors.awareness_at] ?></p><?cs /if ?>
<p class="hint" id="ob-awareness-help"><?cs var:Lang.Obligations.AwarenessHelp ?></p>
</fieldset>
<div class="actions"><button type="submit" class="primary"><?cs var:Lang.Obligations.FlagSubmit ?></button></div>
</form>
<?cs if:Obligations.Nis2 ?>
<form method="post" action="/incidents/<?cs var:Obligations.IncidentId ?>/intermediate" class="wide intermediate">
<input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
<fieldset>
<legend><?cs var:Lang.Obligations.IntermediateHeading ?></legend>
<p class="hint" id="ob-intermediate-help"><?cs var:Lang.Obligations.IntermediateHelp ?></p>
<label for="ob-due_at"><?cs var:Lang.Obligations.IntermediateDue ?></label>
<input id="ob-due_at" name="due_at" type="datetime-local" required aria-describedby="ob-intermediate-help<?cs if:Obligations.Posted == "intermediate" && Form.Errors.due_at ?> err-ob-due_at<?cs /if ?>" value="<?cs if:Obligations.Posted == "intermediate" ?><?cs var:Form.Values.due_at ?><?cs /if ?>"<?cs if:Obligations.Posted == "intermediate" && Form.Errors.due_at ?> aria-invalid="true"<?cs /if ?>>
<?cs if:Obligations.Posted == "intermediate" && Form.Errors.due_at ?><p class="field-error" id="err-ob-due_at"><?cs var:Lang.Errors[Form.Errors.due_at] ?></p><?cs /if ?>
</fieldset>
<div class="actions"><button type="submit"><?cs var:Lang.Obligations.IntermediateSubmit ?></button></div>
</form>
<?cs /if ?>
<?cs /if ?>
</section>
