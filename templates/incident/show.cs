<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<p class="crumbs"><a href="/incidents"><?cs var:Lang.Nav.Incidents ?></a></p>
<h1><?cs var:Incident.Number ?> · <?cs var:Incident.Title ?></h1>
<dl class="facts">
<dt><?cs var:Lang.Form.Organisation ?></dt><dd><?cs var:Incident.Org ?></dd>
<dt><?cs var:Lang.Incident.Category ?></dt><dd><?cs var:Lang.Category[Incident.Category].Label ?></dd>
<dt><?cs var:Lang.Incident.Severity ?></dt><dd><span class="sev <?cs var:Incident.Severity ?>"><?cs var:Lang.Severity[Incident.Severity].Label ?></span></dd>
<dt><?cs var:Lang.Incident.TlpShort ?></dt><dd><span class="tlp <?cs var:Incident.Tlp ?>"><?cs var:Lang.Tlp[Incident.Tlp].Label ?></span></dd>
<dt><?cs var:Lang.Incident.Detected ?></dt><dd><?cs var:Incident.Detected ?> <?cs var:Lang.Time.Utc ?></dd>
<dt><?cs var:Lang.Incident.Reported ?></dt><dd><?cs var:Incident.Reported ?> <?cs var:Lang.Time.Utc ?></dd>
</dl>
<h2><?cs var:Lang.Incident.Description ?></h2>
<p class="prose"><?cs var:Incident.Description ?></p>
<h2><?cs var:Lang.Incident.Alerts ?></h2>
<?cs if:!Incident.Forwardable ?><p class="muted"><?cs var:Lang.Incident.NotForwarded ?></p><?cs /if ?>
<?cs if:subcount(Deliveries) ?>
<div class="table-wrap"><table class="data deliveries">
<thead><tr><th><?cs var:Lang.Delivery.Recipient ?></th><th><?cs var:Lang.Delivery.State ?></th><th class="num"><?cs var:Lang.Delivery.Attempts ?></th><th><?cs var:Lang.Delivery.Detail ?></th></tr></thead>
<tbody>
<?cs each:d = Deliveries ?>
<tr><td><?cs var:d.Recipient ?></td><td><span class="badge <?cs var:d.State ?>" data-state="<?cs var:d.State ?>"><?cs var:Lang.Delivery[d.State] ?></span></td><td class="num"><?cs var:d.Attempts ?></td>
<td><?cs if:d.State == "delivered" ?><?cs var:d.DeliveredAt ?> <?cs var:Lang.Time.Utc ?> · <?cs var:Lang.Delivery.Http ?> <?cs var:d.HttpStatus ?><?cs elif:d.State == "failing" ?><?cs var:d.Error ?> · <?cs var:Lang.Delivery.NextAttempt ?> <?cs var:d.NextAttempt ?> <?cs var:Lang.Time.Utc ?><?cs else ?><?cs var:Lang.Delivery.Queued ?><?cs /if ?></td></tr>
<?cs /each ?>
</tbody></table></div>
<?cs elif:Incident.Forwardable ?>
<p class="muted"><?cs var:Lang.Delivery.NoRecipients ?></p>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
