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
<?cs if:Filter.Refused ?><div class="alert error" role="alert"><?cs var:Lang.List.Refused ?></div><?cs /if ?>
<form method="get" action="/events" class="list-filter" role="search" aria-label="<?cs var:Lang.Event.Filter ?>">
<fieldset><legend><?cs var:Lang.Event.Filter ?></legend>
<div class="filter-fields">
<div><label for="f-status"><?cs var:Lang.Event.Status ?></label><select id="f-status" name="status"<?cs call:filter_attrs("status") ?>><option value=""><?cs var:Lang.List.Any ?></option><?cs each:v = Choices.Status ?><option value="<?cs var:v ?>"<?cs if:Filter.Values.status == v ?> selected<?cs /if ?>><?cs var:Lang.Event.Statuses[v] ?></option><?cs /each ?></select><?cs call:filter_error("status") ?></div>
<div><label for="f-org"><?cs var:Lang.Form.Organisation ?></label><select id="f-org" name="org"<?cs call:filter_attrs("org") ?>><option value=""><?cs var:Lang.List.Any ?></option><?cs each:o = Orgs ?><option value="<?cs var:o.Id ?>"<?cs if:Filter.Values.org == o.Id ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?></select><?cs call:filter_error("org") ?></div>
<div><label for="f-tlp"><?cs var:Lang.Incident.TlpShort ?></label><select id="f-tlp" name="tlp"<?cs call:filter_attrs("tlp") ?>><option value=""><?cs var:Lang.List.Any ?></option><?cs each:v = Choices.Tlp ?><option value="<?cs var:v ?>"<?cs if:Filter.Values.tlp == v ?> selected<?cs /if ?>><?cs var:Lang.Tlp[v].Label ?></option><?cs /each ?></select><?cs call:filter_error("tlp") ?></div>
<?cs call:filter_dates_search(Lang.Event.Search) ?>
<?cs call:filter_sort(Choices.Sort) ?>
</div>
<?cs call:filter_buttons("/events") ?>
</fieldset>
</form>
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
<?cs elif:Filter.Active ?>
<p class="muted"><?cs var:Lang.List.NoMatch ?></p>
<?cs else ?>
<p class="muted"><?cs var:Lang.Event.None ?></p>
<?cs /if ?>
<?cs call:pager_links_q(Pager.Events, "/events", Filter.Query, "events_before") ?>
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
