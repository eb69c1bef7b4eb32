<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<h1><?cs var:Lang.Incident.ListHeading ?></h1>
<?cs if:MayReport || Session.Role.coordinator || Session.Role.org_admin ?><p><?cs if:MayReport ?><a class="button primary" href="/incidents/new"><?cs var:Lang.Home.Report ?></a> <?cs /if ?><?cs if:Session.Role.coordinator || Session.Role.org_admin ?><a href="/deliveries"><?cs var:Lang.Delivery.ListLink ?></a><?cs /if ?></p><?cs /if ?>
<?cs if:Filter.Refused ?><div class="alert error" role="alert"><?cs var:Lang.List.Refused ?></div><?cs /if ?>
<form method="get" action="/incidents" class="list-filter" role="search" aria-label="<?cs var:Lang.List.Filter ?>">
<fieldset><legend><?cs var:Lang.List.Filter ?></legend>
<div class="filter-fields">
<div><label for="f-status"><?cs var:Lang.Incident.StatusHeading ?></label><select id="f-status" name="status"<?cs call:filter_attrs("status") ?>><option value=""><?cs var:Lang.List.Any ?></option><?cs each:v = Choices.Status ?><option value="<?cs var:v ?>"<?cs if:Filter.Values.status == v ?> selected<?cs /if ?>><?cs var:Lang.IncidentReport.Statuses[v] ?></option><?cs /each ?></select><?cs call:filter_error("status") ?></div>
<div><label for="f-severity"><?cs var:Lang.Incident.Severity ?></label><select id="f-severity" name="severity"<?cs call:filter_attrs("severity") ?>><option value=""><?cs var:Lang.List.Any ?></option><?cs each:v = Choices.Severity ?><option value="<?cs var:v ?>"<?cs if:Filter.Values.severity == v ?> selected<?cs /if ?>><?cs var:Lang.Severity[v].Label ?></option><?cs /each ?></select><?cs call:filter_error("severity") ?></div>
<div><label for="f-category"><?cs var:Lang.Incident.Category ?></label><select id="f-category" name="category"<?cs call:filter_attrs("category") ?>><option value=""><?cs var:Lang.List.Any ?></option><?cs each:v = Choices.Category ?><option value="<?cs var:v ?>"<?cs if:Filter.Values.category == v ?> selected<?cs /if ?>><?cs var:Categories[v].Label ?></option><?cs /each ?></select><?cs call:filter_error("category") ?></div>
<div><label for="f-org"><?cs var:Lang.Form.Organisation ?></label><select id="f-org" name="org"<?cs call:filter_attrs("org") ?>><option value=""><?cs var:Lang.List.Any ?></option><?cs each:o = Orgs ?><option value="<?cs var:o.Id ?>"<?cs if:Filter.Values.org == o.Id ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?></select><?cs call:filter_error("org") ?></div>
<div><label for="f-tlp"><?cs var:Lang.Incident.TlpShort ?></label><select id="f-tlp" name="tlp"<?cs call:filter_attrs("tlp") ?>><option value=""><?cs var:Lang.List.Any ?></option><?cs each:v = Choices.Tlp ?><option value="<?cs var:v ?>"<?cs if:Filter.Values.tlp == v ?> selected<?cs /if ?>><?cs var:Lang.Tlp[v].Label ?></option><?cs /each ?></select><?cs call:filter_error("tlp") ?></div>
<?cs call:filter_dates_search(Lang.List.Search) ?>
<?cs call:filter_sort(Choices.Sort) ?>
</div>
<?cs call:filter_buttons("/incidents") ?>
</fieldset>
</form>
<?cs if:subcount(Incidents) ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Table.Region ?>"><table class="data">
<thead><tr><th><?cs var:Lang.Incident.Number ?></th><th><?cs var:Lang.Form.Organisation ?></th><th><?cs var:Lang.Incident.Title ?></th><th><?cs var:Lang.Incident.StatusHeading ?></th><th><?cs var:Lang.Incident.Category ?></th><th><?cs var:Lang.Incident.Severity ?></th><th><?cs var:Lang.Incident.TlpShort ?></th><th><?cs var:Lang.Incident.Reported ?></th><th><?cs var:Lang.Incident.Alerts ?></th></tr></thead>
<tbody>
<?cs each:i = Incidents ?>
<tr><td class="nowrap"><a href="/incidents/<?cs var:i.Id ?>"><?cs var:i.Number ?></a></td><td><?cs var:i.Org ?></td><td><?cs var:i.Title ?></td><td class="nowrap"><?cs var:Lang.IncidentReport.Statuses[i.Status] ?></td>
<td><?cs var:i.CategoryLabel ?></td><td><span class="sev <?cs var:i.Severity ?>"><?cs var:Lang.Severity[i.Severity].Label ?></span></td>
<td><span class="tlp <?cs var:i.Tlp ?>"><?cs var:Lang.Tlp[i.Tlp].Label ?></span></td><td class="when"><?cs var:i.Reported ?> <?cs var:Lang.Time.Utc ?></td>
<td class="alerts"><?cs if:i.Delivered > 0 ?><span class="badge delivered"><?cs var:i.Delivered ?> <?cs var:Lang.Delivery.delivered ?></span> <?cs /if ?><?cs if:i.Pending > 0 ?><span class="badge pending"><?cs var:i.Pending ?> <?cs var:Lang.Delivery.pending ?></span> <?cs /if ?><?cs if:i.Failing > 0 ?><span class="badge failing"><?cs var:i.Failing ?> <?cs var:Lang.Delivery.failing ?></span><?cs /if ?><?cs if:#i.Delivered + #i.Pending + #i.Failing == #0 ?><span class="muted"><?cs if:i.Tlp == "red" || i.Tlp == "amber_strict" ?><?cs var:Lang.Delivery.NotForwardedTlp ?><?cs else ?><?cs var:Lang.Delivery.NoneQueued ?><?cs /if ?></span><?cs /if ?></td></tr>
<?cs /each ?>
</tbody></table></div>
<?cs elif:Pager.Incidents.Paged ?>
<p class="muted"><?cs var:Lang.Pager.NoneOlder ?></p>
<?cs elif:Filter.Active ?>
<p class="muted"><?cs var:Lang.List.NoMatch ?></p>
<?cs else ?>
<p class="muted"><?cs var:Lang.Incident.None ?></p>
<?cs /if ?>
<?cs call:pager_links_q(Pager.Incidents, "/incidents", Filter.Query, "before") ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
