<?cs # GET /queue - the coordinator's queue: every regulatory report not yet sent for the
     incidents the user can see, the soonest due first (overdue ones at the top, marked),
     those without a due time yet last. ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<h1><?cs var:Lang.Obligations.QueueHeading ?></h1>
<p class="hint"><?cs var:Lang.Obligations.QueueIntro ?></p>
<?cs if:#QueueOverdue > #0 ?><div class="alert error" role="alert"><?cs var:QueueOverdue ?> <?cs if:#QueueOverdue == #1 ?><?cs var:Lang.Obligations.OverdueOne ?><?cs else ?><?cs var:Lang.Obligations.OverdueMany ?><?cs /if ?></div><?cs /if ?>
<?cs if:subcount(Queue) ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Table.Region ?>"><table class="data queue">
<thead><tr><th scope="col"><?cs var:Lang.Obligations.Clock ?></th><th scope="col"><?cs var:Lang.Obligations.DueAt ?></th><th scope="col"><?cs var:Lang.Obligations.Report ?></th><th scope="col"><?cs var:Lang.Obligations.Incident ?></th><th scope="col"><?cs var:Lang.Form.Organisation ?></th></tr></thead>
<tbody>
<?cs each:q = Queue ?>
<tr class="deadline-<?cs var:q.State ?>">
<td><span class="badge deadline <?cs var:q.State ?>" data-state="<?cs var:q.State ?>"><?cs if:q.Countdown.Unit ?><?cs call:countdown(q.Countdown) ?><?cs else ?><?cs var:Lang.Obligations.States[q.State] ?><?cs /if ?></span><?cs if:q.State == "overdue" || q.State == "due_soon" ?><span class="visually-hidden"> (<?cs var:Lang.Obligations.States[q.State] ?>)</span><?cs /if ?></td>
<td class="when"><?cs if:q.DueAt ?><?cs var:q.DueAt ?> <?cs var:Lang.Time.Utc ?><?cs else ?><span class="muted"><?cs var:Lang.Obligations.NoDue[q.Report] ?></span><?cs /if ?></td>
<td><a href="/obligations/<?cs var:q.Id ?>"><span class="regime-code"><?cs var:Lang.Obligations.RegimeShort[q.Regime] ?></span> <?cs var:Lang.Obligations.Reports[q.Report] ?></a></td>
<td><a href="/incidents/<?cs var:q.IncidentId ?>"><?cs var:q.Number ?></a> <?cs var:q.Title ?></td>
<td><?cs var:q.Org ?></td>
</tr>
<?cs /each ?>
</tbody></table></div>
<p class="hint"><?cs var:Lang.Obligations.QueueMethod ?></p>
<?cs else ?>
<p class="muted"><?cs var:Lang.Obligations.QueueEmpty ?></p>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
