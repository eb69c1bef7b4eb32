<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<h1><?cs var:Lang.Incident.ListHeading ?></h1>
<?cs if:MayReport ?><p><a class="button primary" href="/incidents/new"><?cs var:Lang.Home.Report ?></a></p><?cs /if ?>
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
<?cs else ?>
<p class="muted"><?cs var:Lang.Incident.None ?></p>
<?cs /if ?>
<?cs call:pager_links(Pager.Incidents, "/incidents", "before") ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
