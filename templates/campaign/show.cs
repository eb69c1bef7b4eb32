<?cs # GET /campaigns/:id - one campaign: each organisation's assessment, its progress and
     state, and (for the latest cycle) starting the next one. ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<p class="crumbs"><a href="/campaigns"><?cs var:Lang.Campaign.Nav ?></a></p>
<h1><?cs var:Campaign.Title ?> <small><?cs var:Lang.Campaign.Cycle ?> <?cs var:Campaign.Cycle ?></small></h1>
<?cs if:Flash == "campaign" ?><div class="alert ok" role="status"><?cs var:Lang.Campaign.Flash.campaign ?> <strong><?cs var:Campaign.Title ?></strong></div><?cs /if ?>
<dl class="facts">
<dt><?cs var:Lang.Campaign.Questionnaire ?></dt><dd><?cs var:Campaign.Questionnaire ?> (<?cs var:Lang.Campaign.Version ?> <?cs var:Campaign.Version ?>)</dd>
<dt><?cs var:Lang.Campaign.DueDate ?></dt><dd class="when"><?cs var:Campaign.DueDate ?></dd>
<dt><?cs var:Lang.Campaign.Recurrence ?></dt><dd><?cs var:Lang.Campaign.Recurrences[Campaign.Recurrence] ?></dd>
</dl>
<p class="actions"><a class="button" href="/campaigns/<?cs var:Campaign.Id ?>/report"><?cs var:Lang.Report.Open ?></a></p>
<?cs if:subcount(Targets) ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Table.Region ?>"><table class="data">
<thead><tr><th><?cs var:Lang.Campaign.Organisation ?></th><th><?cs var:Lang.Assessment.Status ?></th><th class="num"><?cs var:Lang.Campaign.Progress ?></th><th><?cs var:Lang.Campaign.Submitted ?></th><th><?cs var:Lang.Campaign.Invitation ?></th></tr></thead>
<tbody>
<?cs each:t = Targets ?>
<tr><td><a href="/assessments/<?cs var:t.Id ?>"><?cs var:t.Org ?></a></td>
<td><span class="badge <?cs var:t.Status ?>"><?cs var:Lang.Assessment.States[t.Status] ?></span><?cs if:t.Overdue ?> <span class="badge overdue"><?cs var:Lang.Campaign.OverdueFlag ?></span><?cs /if ?></td>
<td class="num"><?cs var:t.Answered ?> / <?cs var:t.Total ?><?cs if:#t.Total > #0 ?> <progress aria-hidden="true" max="<?cs var:t.Total ?>" value="<?cs var:t.Answered ?>"><?cs var:t.Answered ?> <?cs var:Lang.Campaign.Of ?> <?cs var:t.Total ?></progress><?cs /if ?></td>
<td class="when"><?cs if:t.Submitted ?><?cs var:t.Submitted ?> <?cs var:Lang.Time.Utc ?><?cs /if ?></td>
<td><?cs if:t.Invited ?><?cs var:t.Invited ?> <span class="muted">(<?cs if:t.InviteUsed ?><?cs var:Lang.Campaign.InviteUsed ?><?cs else ?><?cs var:Lang.Campaign.InvitePending ?><?cs /if ?>)</span><?cs /if ?></td></tr>
<?cs /each ?>
</tbody></table></div>
<p class="hint"><?cs var:Lang.Campaign.Method ?></p>
<?cs else ?>
<p class="muted"><?cs var:Lang.Campaign.NoTargetsYet ?></p>
<?cs /if ?>
<?cs if:Campaign.Latest ?>
<?cs if:Session.Role.org_admin || Session.Role.reviewer ?>
<section class="panel next-cycle">
<form method="post" action="/campaigns/<?cs var:Campaign.Id ?>/next">
<input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
<p id="next-help"><?cs var:Lang.Campaign.NextHelp ?></p>
<button type="submit" aria-describedby="next-help"><?cs var:Lang.Campaign.Next ?></button>
</form>
</section>
<?cs /if ?>
<?cs else ?>
<p class="muted"><?cs var:Lang.Campaign.NotLatest ?></p>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
