<?cs # The timeline of an event, incident or vulnerability report: Timeline.N.{At,Who,Action,Detail}, oldest first. ?>
<?cs def:timeline() ?>
<section class="timeline" aria-labelledby="timeline-heading">
<h2 id="timeline-heading"><?cs var:Lang.Timeline.Heading ?></h2>
<?cs if:subcount(Timeline) ?>
<ol class="timeline">
<?cs each:t = Timeline ?><li><span class="when"><?cs var:t.At ?> <?cs var:Lang.Time.Utc ?></span> <span class="who"><?cs if:t.Who ?><?cs var:t.Who ?><?cs else ?><?cs var:Lang.Timeline.System ?><?cs /if ?></span> <span class="what"><?cs if:Lang.Timeline.Actions[t.Action] ?><?cs var:Lang.Timeline.Actions[t.Action] ?><?cs else ?><?cs var:t.Action ?><?cs /if ?><?cs if:t.Detail ?><?cs if:t.Action == "status" && Lang.IncidentReport.Statuses[t.Detail] ?> <?cs var:Lang.IncidentReport.Statuses[t.Detail] ?><?cs elif:t.Action == "customers_informed" ?> <?cs if:string.find(t.Detail, "description") >= 0 || string.find(t.Detail, "assets") >= 0 || string.find(t.Detail, "impact") >= 0 || string.find(t.Detail, "actions") >= 0 ?><?cs if:string.find(t.Detail, "description") >= 0 ?><span class="part"><?cs var:Lang.Customers.Field.description ?></span><?cs /if ?><?cs if:string.find(t.Detail, "assets") >= 0 ?><span class="part"><?cs var:Lang.Customers.Field.assets ?></span><?cs /if ?><?cs if:string.find(t.Detail, "impact") >= 0 ?><span class="part"><?cs var:Lang.Customers.Field.impact ?></span><?cs /if ?><?cs if:string.find(t.Detail, "actions") >= 0 ?><span class="part"><?cs var:Lang.Customers.Field.actions ?></span><?cs /if ?><?cs else ?><?cs var:Lang.Customers.OnlyTitle ?><?cs /if ?><?cs else ?>: <span class="detail"><?cs var:t.Detail ?></span><?cs /if ?><?cs /if ?></span></li>
<?cs /each ?>
</ol>
<?cs else ?>
<p class="muted"><?cs var:Lang.Timeline.None ?></p>
<?cs /if ?>
</section>
<?cs /def ?>
