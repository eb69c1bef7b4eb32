<?cs # Events and vulnerabilities reported (GET /events), see cgi/handler_event.c. ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<h1><?cs var:Lang.Event.ListHeading ?></h1>
<p class="intro"><?cs var:Lang.Event.ListIntro ?></p>
<?cs if:MayReport ?>
<p class="report-links">
<?cs # an assessor may report vulnerabilities only ?>
<?cs if:Session.Role.incident_reporter || Session.Role.coordinator || Session.Role.org_admin ?><a class="button primary" href="/events/new"><?cs var:Lang.Event.ReportEvent ?></a><?cs /if ?>
<a class="button" href="/vulnerabilities/new"><?cs var:Lang.Event.ReportVulnerability ?></a>
<?cs if:Session.Role.incident_reporter || Session.Role.coordinator || Session.Role.org_admin ?><a class="button" href="/incidents/new"><?cs var:Lang.Event.ReportIncident ?></a><?cs /if ?>
</p>
<?cs /if ?>
<h2 id="events-heading"><?cs var:Lang.Event.EventsHeading ?></h2>
<?cs if:subcount(Events) ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Table.Region ?>"><table class="data events" aria-labelledby="events-heading">
<thead><tr><th><?cs var:Lang.Event.Number ?></th><th><?cs var:Lang.Form.Organisation ?></th><th><?cs var:Lang.Event.What ?></th><th><?cs var:Lang.Event.Status ?></th><th><?cs var:Lang.Incident.TlpShort ?></th><th><?cs var:Lang.Event.Reported ?></th></tr></thead>
<tbody>
<?cs each:e = Events ?>
<tr><td class="nowrap"><a href="/events/<?cs var:e.Id ?>"><?cs var:e.Number ?></a></td><td><?cs var:e.Org ?></td><td class="excerpt"><?cs var:e.What ?></td>
<td><span class="badge event-<?cs var:e.Status ?>"><?cs var:Lang.Event.Statuses[e.Status] ?></span><?cs if:e.Status == "promoted" && e.Incident ?> <a class="nowrap" href="/incidents/<?cs var:e.IncidentId ?>"><?cs var:e.Incident ?></a><?cs /if ?></td>
<td><span class="tlp <?cs var:e.Tlp ?>"><?cs var:Lang.Tlp[e.Tlp].Label ?></span></td><td class="when"><?cs var:e.Reported ?> <?cs var:Lang.Time.Utc ?></td></tr>
<?cs /each ?>
</tbody></table></div>
<?cs elif:Pager.Events.Paged ?>
<p class="muted"><?cs var:Lang.Pager.NoneOlder ?></p>
<?cs else ?>
<p class="muted"><?cs var:Lang.Event.None ?></p>
<?cs /if ?>
<?cs call:pager_links(Pager.Events, "/events", "events_before") ?>
<h2 id="vulnerabilities-heading"><?cs var:Lang.Vulnerability.Heading ?></h2>
<?cs if:subcount(Vulnerabilities) ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Table.Region ?>"><table class="data vulnerabilities" aria-labelledby="vulnerabilities-heading">
<thead><tr><th><?cs var:Lang.Event.Number ?></th><th><?cs var:Lang.Form.Organisation ?></th><th><?cs var:Lang.Vulnerability.What ?></th><th><?cs var:Lang.Event.Status ?></th><th><?cs var:Lang.Incident.TlpShort ?></th><th><?cs var:Lang.Event.Reported ?></th></tr></thead>
<tbody>
<?cs each:v = Vulnerabilities ?>
<tr><td class="nowrap"><a href="/vulnerabilities/<?cs var:v.Id ?>"><?cs var:v.Number ?></a></td><td><?cs var:v.Org ?></td><td class="excerpt"><?cs var:v.What ?></td>
<td><span class="badge vuln-<?cs var:v.Status ?>"><?cs var:Lang.Vulnerability.Statuses[v.Status] ?></span></td>
<td><span class="tlp <?cs var:v.Tlp ?>"><?cs var:Lang.Tlp[v.Tlp].Label ?></span></td><td class="when"><?cs var:v.Reported ?> <?cs var:Lang.Time.Utc ?></td></tr>
<?cs /each ?>
</tbody></table></div>
<?cs elif:Pager.Vulnerabilities.Paged ?>
<p class="muted"><?cs var:Lang.Pager.NoneOlder ?></p>
<?cs else ?>
<p class="muted"><?cs var:Lang.Vulnerability.None ?></p>
<?cs /if ?>
<?cs call:pager_links(Pager.Vulnerabilities, "/events", "vulnerabilities_before") ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
