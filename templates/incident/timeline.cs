<?cs # The timeline of an event, incident or vulnerability report: Timeline.N.{At,Who,Action,Detail}, oldest first; a classification also
     Timeline.N.Classified.*, shown with the labels of its codes. ?>
<?cs # An incident category by its label in the scale on the page (Scale.Categories), else
     its code (a category of an older scale). ?>
<?cs def:category_label(code) ?><?cs set:label = "" ?><?cs each:sc = Scale.Categories ?><?cs if:sc.Code == code ?><?cs set:label = sc.Label ?><?cs /if ?><?cs /each ?><?cs if:label ?><?cs var:label ?><?cs else ?><?cs var:code ?><?cs /if ?><?cs /def ?>
<?cs def:timeline() ?>
<section class="timeline" aria-labelledby="timeline-heading">
<h2 id="timeline-heading"><?cs var:Lang.Timeline.Heading ?></h2>
<?cs if:subcount(Timeline) ?>
<ol class="timeline">
<?cs each:t = Timeline ?><li><span class="when"><?cs var:t.At ?> <?cs var:Lang.Time.Utc ?></span> <span class="who"><?cs if:t.Action == "shared_by_rule" ?><?cs var:Lang.Timeline.ByRule ?><?cs elif:t.Who ?><?cs var:t.Who ?><?cs else ?><?cs var:Lang.Timeline.System ?><?cs /if ?></span> <span class="what"><?cs if:Lang.Timeline.Actions[t.Action] ?><?cs var:Lang.Timeline.Actions[t.Action] ?><?cs else ?><?cs var:t.Action ?><?cs /if ?><?cs if:t.Detail ?><?cs if:t.Action == "status" && Lang.IncidentReport.Statuses[t.Detail] ?> <?cs var:Lang.IncidentReport.Statuses[t.Detail] ?><?cs elif:t.Classified.Derived ?>: <?cs call:category_label(t.Classified.Category) ?> · <?cs var:Lang.Classification.Importances[t.Classified.Importance].Label ?> × <?cs var:Lang.Classification.Impacts[t.Classified.Impact].Label ?> → <?cs var:Lang.Severity[t.Classified.Derived].Label ?><?cs if:t.Classified.Severity ?> (<?cs var:Lang.Timeline.Overridden ?> <?cs var:Lang.Severity[t.Classified.Severity].Label ?>)<?cs /if ?><?cs elif:t.Action == "customers_informed" ?> <?cs if:string.find(t.Detail, "description") >= 0 || string.find(t.Detail, "assets") >= 0 || string.find(t.Detail, "impact") >= 0 || string.find(t.Detail, "actions") >= 0 ?><?cs if:string.find(t.Detail, "description") >= 0 ?><span class="part"><?cs var:Lang.Customers.Field.description ?></span><?cs /if ?><?cs if:string.find(t.Detail, "assets") >= 0 ?><span class="part"><?cs var:Lang.Customers.Field.assets ?></span><?cs /if ?><?cs if:string.find(t.Detail, "impact") >= 0 ?><span class="part"><?cs var:Lang.Customers.Field.impact ?></span><?cs /if ?><?cs if:string.find(t.Detail, "actions") >= 0 ?><span class="part"><?cs var:Lang.Customers.Field.actions ?></span><?cs /if ?><?cs else ?><?cs var:Lang.Customers.OnlyTitle ?><?cs /if ?><?cs else ?>: <span class="detail"><?cs var:t.Detail ?></span><?cs /if ?><?cs /if ?></span></li>
<?cs /each ?>
</ol>
<?cs else ?>
<p class="muted"><?cs var:Lang.Timeline.None ?></p>
<?cs /if ?>
</section>
<?cs /def ?>
