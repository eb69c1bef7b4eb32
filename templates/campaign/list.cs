<?cs # GET /campaigns - the parent's campaigns with their progress, and its questionnaires. ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<h1><?cs var:Lang.Campaign.ListHeading ?></h1>
<p class="actions"><a class="button primary" href="/campaigns/new"><?cs var:Lang.Campaign.New ?></a> <a class="button" href="/questionnaires/new"><?cs var:Lang.Campaign.NewQuestionnaire ?></a></p>
<?cs if:subcount(Campaigns) ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Table.Region ?>"><table class="data">
<thead><tr><th><?cs var:Lang.Campaign.Title ?></th><th><?cs var:Lang.Campaign.Owner ?></th><th><?cs var:Lang.Campaign.DueDate ?></th><th class="num"><?cs var:Lang.Campaign.Cycle ?></th><th><?cs var:Lang.Campaign.Recurrence ?></th><th class="num"><?cs var:Lang.Campaign.Targets ?></th><th class="num"><?cs var:Lang.Campaign.Accepted ?></th><th class="num"><?cs var:Lang.Campaign.ToReview ?></th></tr></thead>
<tbody>
<?cs each:cp = Campaigns ?>
<tr><td><a href="/campaigns/<?cs var:cp.Id ?>"><?cs var:cp.Title ?></a></td><td><?cs var:cp.Owner ?></td>
<td class="when"><?cs var:cp.DueDate ?><?cs if:cp.Overdue ?> <span class="badge overdue"><?cs var:Lang.Campaign.OverdueFlag ?></span><?cs /if ?></td>
<td class="num"><?cs var:cp.Cycle ?></td><td><?cs var:Lang.Campaign.Recurrences[cp.Recurrence] ?></td>
<td class="num"><?cs var:cp.Targets ?></td><td class="num"><?cs var:cp.Accepted ?></td><td class="num"><?cs var:cp.ToReview ?></td></tr>
<?cs /each ?>
</tbody></table></div>
<?cs else ?>
<p class="muted"><?cs var:Lang.Campaign.None ?></p>
<?cs /if ?>
<h2><?cs var:Lang.Campaign.Questionnaires ?></h2>
<?cs if:subcount(Questionnaires) ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Table.Region ?>"><table class="data">
<thead><tr><th><?cs var:Lang.Campaign.Title ?></th><th class="num"><?cs var:Lang.Campaign.Version ?></th><th class="num"><?cs var:Lang.Campaign.Items ?></th><th><?cs var:Lang.Campaign.State ?></th><th><span class="visually-hidden"><?cs var:Lang.Campaign.Send ?></span></th></tr></thead>
<tbody>
<?cs each:q = Questionnaires ?>
<tr><td><?cs var:q.Title ?></td><td class="num"><?cs var:q.Version ?></td><td class="num"><?cs var:q.Items ?></td>
<td><?cs if:q.Frozen ?><?cs var:Lang.Campaign.Frozen ?><?cs else ?><span class="muted"><?cs var:Lang.Campaign.NotFrozen ?></span><?cs /if ?></td>
<td><a href="/campaigns/new?questionnaire=<?cs var:q.Id ?>" aria-label="<?cs var:Lang.Campaign.SendLabel ?> <?cs var:q.Title ?>"><?cs var:Lang.Campaign.Send ?></a></td></tr>
<?cs /each ?>
</tbody></table></div>
<?cs else ?>
<p class="muted"><?cs var:Lang.Campaign.NoQuestionnaires ?></p>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
