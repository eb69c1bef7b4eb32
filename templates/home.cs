<?cs # GET / - the start page: the signed-in user's work per role, each part a count in
     words (never a bare 0) and links to exactly the items counted; then the links to the
     rest of the site. Filled by handler_home.c (home.c loads, home_view.c presents). ?>
<?cs include:"macros.cs" ?>
<?cs # count_of(n): n, or "more than <cap>" past the counts' cap (Work.CountCap) ?>
<?cs def:count_of(n) ?><?cs if:#n > #Work.CountCap ?><?cs var:Lang.Home.MoreThan ?> <?cs var:Work.CountCap ?><?cs else ?><?cs var:n ?><?cs /if ?><?cs /def ?>
<?cs # work_count(n, lang): "n <lang.One|lang.Many>", or lang.None in words when n is 0 ?>
<?cs def:work_count(n, lang) ?><p class="work-count" data-count="<?cs var:n ?>"><?cs if:#n == #0 ?><?cs var:lang.None ?><?cs else ?><strong><?cs call:count_of(n) ?></strong> <?cs if:#n == #1 ?><?cs var:lang.One ?><?cs else ?><?cs var:lang.Many ?><?cs /if ?><?cs /if ?></p><?cs /def ?>
<?cs def:work_more(part) ?><?cs if:#part.Total > subcount(part.Items) ?><p class="hint"><?cs var:Lang.Home.FirstListed ?> <?cs var:subcount(part.Items) ?>.</p><?cs /if ?><?cs /def ?>
<?cs def:content() ?>
<h1><?cs var:Lang.Home.Welcome ?>, <?cs var:Session.Name ?></h1>
<p class="muted"><?cs each:o = Session.Orgs ?><?cs var:o.Name ?><?cs if:!last(o) ?>, <?cs /if ?><?cs /each ?></p>
<?cs if:Work.MayReport ?>
<p class="actions report-actions"><a class="button primary" href="/events/new"><?cs var:Lang.Event.ReportEvent ?></a> <a class="button primary" href="/incidents/new"><?cs var:Lang.Home.Report ?></a></p>
<?cs /if ?>

<?cs if:Work.Rapid.Shown && #Work.Rapid.Total > #0 ?>
<section class="panel work" id="work-rapid" aria-labelledby="work-rapid-h">
<h2 id="work-rapid-h"><?cs var:Lang.Home.Rapid.Heading ?></h2>
<?cs call:work_count(Work.Rapid.Total, Lang.Home.Rapid) ?>
<ul class="worklist">
<?cs each:r = Work.Rapid.Items ?><li><a href="/rapid/requests/<?cs var:r.Id ?>"><?cs var:r.Cve ?>: <?cs var:r.Title ?></a> · <?cs var:r.Org ?> · <?cs var:Lang.Rapid.Answer.Asks ?> <?cs var:r.Asker ?> · <?cs var:Lang.Home.Rapid.By ?> <?cs var:r.Deadline ?> <?cs var:Lang.Time.Utc ?><?cs if:r.Overdue ?> <span class="badge overdue"><?cs var:Lang.Home.Overdue ?></span><?cs /if ?></li>
<?cs /each ?></ul><?cs call:work_more(Work.Rapid) ?>
</section>
<?cs /if ?>

<?cs if:Work.Assess.Shown ?>
<section class="panel work" id="work-assess" aria-labelledby="work-assess-h">
<h2 id="work-assess-h"><?cs var:Lang.Home.Assess.Heading ?></h2>
<?cs call:work_count(Work.Assess.Total, Lang.Home.Assess) ?>
<?cs if:#Work.Assess.Overdue > #0 || #Work.Assess.Returned > #0 ?><p class="work-flags"><?cs if:#Work.Assess.Overdue > #0 ?><span class="badge overdue" data-count="<?cs var:Work.Assess.Overdue ?>"><?cs call:count_of(Work.Assess.Overdue) ?> <?cs var:Lang.Home.Overdue ?></span> <?cs /if ?><?cs if:#Work.Assess.Returned > #0 ?><span class="badge returned" data-count="<?cs var:Work.Assess.Returned ?>"><?cs call:count_of(Work.Assess.Returned) ?> <?cs var:Lang.Home.Assess.Returned ?></span><?cs /if ?></p><?cs /if ?>
<?cs if:subcount(Work.Assess.Items) ?><ul class="worklist">
<?cs each:a = Work.Assess.Items ?><li><a href="/assessments/<?cs var:a.Id ?>"><?cs var:a.Title ?></a> · <?cs var:a.Org ?> · <span class="badge <?cs var:a.Status ?>"><?cs var:Lang.Assessment.States[a.Status] ?></span>
<?cs if:a.DueDate ?> · <?cs var:Lang.Home.Assess.Due ?> <?cs var:a.DueDate ?><?cs if:a.Overdue ?> <span class="badge overdue"><?cs var:Lang.Home.Overdue ?></span><?cs /if ?><?cs else ?> · <span class="muted"><?cs var:Lang.Home.Assess.NoDue ?></span><?cs /if ?>
<?cs if:#a.ToFix > #0 ?> · <strong><?cs var:a.ToFix ?> <?cs if:#a.ToFix == #1 ?><?cs var:Lang.Home.Assess.ToFixOne ?><?cs else ?><?cs var:Lang.Home.Assess.ToFixMany ?><?cs /if ?></strong><?cs /if ?></li>
<?cs /each ?></ul><?cs call:work_more(Work.Assess) ?><?cs /if ?>
</section>
<?cs /if ?>

<?cs if:Work.Review.Shown ?>
<section class="panel work" id="work-review" aria-labelledby="work-review-h">
<h2 id="work-review-h"><?cs var:Lang.Home.Review.Heading ?></h2>
<?cs call:work_count(Work.Review.Total, Lang.Home.Review) ?>
<?cs if:subcount(Work.Review.Items) ?><ul class="worklist">
<?cs each:a = Work.Review.Items ?><li><a href="/assessments/<?cs var:a.Id ?>"><?cs var:a.Title ?></a> · <?cs var:a.Org ?><?cs if:a.Submitted ?> · <?cs var:Lang.Home.Review.Submitted ?> <?cs var:a.Submitted ?> <?cs var:Lang.Time.Utc ?><?cs /if ?></li>
<?cs /each ?></ul><?cs call:work_more(Work.Review) ?><?cs /if ?>
</section>
<?cs /if ?>

<?cs if:Work.Campaigns.Shown ?>
<section class="panel work" id="work-campaigns" aria-labelledby="work-campaigns-h">
<h2 id="work-campaigns-h"><?cs var:Lang.Home.Campaigns.Heading ?></h2>
<?cs if:subcount(Work.Campaigns.Items) ?>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="work-campaigns-h"><table class="data">
<thead><tr><th scope="col"><?cs var:Lang.Campaign.Title ?></th><th scope="col"><?cs var:Lang.Campaign.DueDate ?></th><th scope="col" class="num"><?cs var:Lang.Campaign.Targets ?></th><th scope="col" class="num"><?cs var:Lang.Campaign.Progress ?></th><th scope="col" class="num"><?cs var:Lang.Campaign.Submitted ?></th><th scope="col" class="num"><?cs var:Lang.Campaign.Accepted ?></th></tr></thead>
<tbody>
<?cs each:cp = Work.Campaigns.Items ?>
<tr><td><a href="/campaigns/<?cs var:cp.Id ?>"><?cs var:cp.Title ?></a></td>
<td class="when"><?cs var:cp.DueDate ?><?cs if:cp.Overdue ?> <span class="badge overdue"><?cs var:Lang.Campaign.OverdueFlag ?></span><?cs /if ?></td>
<td class="num"><?cs var:cp.Targets ?></td><td class="num"><?cs var:cp.Answered ?></td><td class="num"><?cs var:cp.Submitted ?></td><td class="num"><?cs var:cp.Accepted ?></td></tr>
<?cs /each ?>
</tbody></table></div>
<?cs else ?><p class="work-count" data-count="0"><?cs var:Lang.Home.Campaigns.None ?></p><?cs /if ?>
</section>
<?cs /if ?>

<?cs if:Work.Events.Shown ?>
<section class="panel work" id="work-events" aria-labelledby="work-events-h">
<h2 id="work-events-h"><?cs var:Lang.Home.Events.Heading ?></h2>
<?cs call:work_count(Work.Events.Total, Lang.Home.Events) ?>
<?cs if:subcount(Work.Events.Items) ?><ul class="worklist">
<?cs each:e = Work.Events.Items ?><li><a href="/events/<?cs var:e.Id ?>"><?cs var:e.Number ?></a> · <?cs var:e.Org ?> · <?cs var:e.What ?> <span class="muted">(<?cs var:e.Reported ?> <?cs var:Lang.Time.Utc ?>)</span></li>
<?cs /each ?></ul><?cs call:work_more(Work.Events) ?><?cs /if ?>
</section>
<?cs /if ?>

<?cs if:Work.Clocks.Shown ?>
<section class="panel work" id="work-clocks" aria-labelledby="work-clocks-h">
<h2 id="work-clocks-h"><?cs var:Lang.Home.Clocks.Heading ?></h2>
<?cs call:work_count(Work.Clocks.Total, Lang.Home.Clocks) ?>
<?cs if:#Work.Clocks.Overdue > #0 ?><p class="work-flags"><span class="badge overdue" data-count="<?cs var:Work.Clocks.Overdue ?>"><?cs var:Work.Clocks.Overdue ?> <?cs var:Lang.Home.Overdue ?></span></p><?cs /if ?>
<?cs if:subcount(Work.Clocks.Items) ?><ul class="worklist">
<?cs each:q = Work.Clocks.Items ?><li class="deadline-<?cs var:q.State ?>"><span class="badge deadline <?cs var:q.State ?>" data-state="<?cs var:q.State ?>"><?cs if:q.Countdown ?><?cs var:q.Countdown ?><?cs else ?><?cs var:Lang.Obligations.States[q.State] ?><?cs /if ?></span><?cs if:q.State == "overdue" || q.State == "due_soon" ?><span class="visually-hidden"> (<?cs var:Lang.Obligations.States[q.State] ?>)</span><?cs /if ?>
<a href="/obligations/<?cs var:q.Id ?>"><?cs var:Lang.Obligations.RegimeShort[q.Regime] ?> <?cs var:Lang.Obligations.Reports[q.Report] ?></a> · <a href="/incidents/<?cs var:q.IncidentId ?>"><?cs var:q.Number ?></a> <?cs var:q.Title ?> · <?cs var:q.Org ?></li>
<?cs /each ?></ul>
<p><a href="/queue"><?cs var:Lang.Home.Clocks.All ?></a></p><?cs /if ?>
</section>
<?cs /if ?>

<?cs if:Work.Failed.Shown ?>
<section class="panel work" id="work-failed" aria-labelledby="work-failed-h">
<h2 id="work-failed-h"><?cs var:Lang.Home.Failed.Heading ?></h2>
<?cs call:work_count(Work.Failed.Total, Lang.Home.Failed) ?>
<?cs if:subcount(Work.Failed.Items) ?><ul class="worklist">
<?cs each:x = Work.Failed.Items ?><li><span class="badge failing"><?cs var:x.FailedAt ?> <?cs var:Lang.Time.Utc ?></span> <?cs var:x.Recipient ?><?cs if:#x.IncidentId > #0 ?> · <a href="/incidents/<?cs var:x.IncidentId ?>"><?cs var:x.Number ?></a><?cs /if ?></li>
<?cs /each ?></ul><p class="hint"><?cs var:Lang.Home.Failed.Hint ?></p><?cs call:work_more(Work.Failed) ?><?cs /if ?>
</section>
<?cs /if ?>

<?cs if:Work.Reports.Shown ?>
<section class="panel work" id="work-reports" aria-labelledby="work-reports-h">
<h2 id="work-reports-h"><?cs var:Lang.Home.Reports.Heading ?></h2>
<?cs call:work_count(Work.Reports.Total, Lang.Home.Reports) ?>
<?cs if:subcount(Work.Reports.Items) ?><ul class="worklist">
<?cs each:r = Work.Reports.Items ?><li><a href="/<?cs if:r.Kind == "event" ?>events<?cs else ?>incidents<?cs /if ?>/<?cs var:r.Id ?>"><?cs var:r.Number ?></a> <?cs var:r.What ?> · <?cs if:r.Kind == "event" ?><?cs var:Lang.Event.Statuses[r.Status] ?><?cs else ?><?cs var:Lang.IncidentReport.Statuses[r.Status] ?><?cs /if ?> <span class="muted">(<?cs var:r.At ?> <?cs var:Lang.Time.Utc ?>)</span></li>
<?cs /each ?></ul><?cs call:work_more(Work.Reports) ?><?cs /if ?>
</section>
<?cs /if ?>

<h2><?cs var:Lang.Home.Links ?></h2>
<ul class="cards">
<?cs if:Session.Role.assessor || Session.Role.org_admin ?><li><a href="/assessments"><?cs var:Lang.Home.Assess ?></a></li><?cs /if ?>
<?cs if:Session.Role.reviewer ?><li><a href="/assessments"><?cs var:Lang.Home.Review ?></a></li><?cs /if ?>
<?cs if:Session.Role.incident_reporter || Session.Role.coordinator || Session.Role.org_admin ?><li><a href="/incidents/new"><?cs var:Lang.Home.Report ?></a></li><?cs /if ?>
<li><a href="/incidents"><?cs var:Lang.Home.Incidents ?></a></li>
<li><a href="/events"><?cs var:Lang.Home.Events ?></a></li>
<?cs each:o = Session.Orgs ?><li><a href="/organisations/<?cs var:o.Id ?>/scores"><?cs var:Lang.Home.Scores ?> <?cs var:o.Name ?></a></li><?cs /each ?>
<li><a href="/catalogue"><?cs var:Lang.Home.Catalogue ?></a></li>
</ul>
<?cs /def ?>
<?cs include:"layout.cs" ?>
