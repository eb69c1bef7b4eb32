<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<h1><?cs var:Lang.Delivery.ListHeading ?></h1>
<p><?cs var:Lang.Delivery.ListIntro ?></p>
<?cs if:Filter.Refused ?><div class="alert error" role="alert"><?cs var:Lang.List.Refused ?></div><?cs /if ?>
<form method="get" action="/deliveries" class="list-filter" role="search" aria-label="<?cs var:Lang.List.Filter ?>">
<fieldset><legend><?cs var:Lang.List.Filter ?></legend>
<div class="filter-fields">
<div><label for="f-status"><?cs var:Lang.Delivery.State ?></label><select id="f-status" name="status"<?cs call:filter_attrs("status") ?>><option value=""><?cs var:Lang.List.Any ?></option><?cs each:v = Choices.State ?><option value="<?cs var:v ?>"<?cs if:Filter.Values.status == v ?> selected<?cs /if ?>><?cs var:Lang.Delivery[v] ?></option><?cs /each ?></select><?cs call:filter_error("status") ?></div>
<?cs if:subcount(Orgs) > 1 || Filter.Errors.org ?><div><label for="f-org"><?cs var:Lang.Form.Organisation ?></label><select id="f-org" name="org"<?cs call:filter_attrs("org") ?>><option value=""><?cs var:Lang.List.Any ?></option><?cs each:o = Orgs ?><option value="<?cs var:o.Id ?>"<?cs if:Filter.Values.org == o.Id ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?></select><?cs call:filter_error("org") ?></div><?cs /if ?>
<?cs call:filter_dates_search(Lang.Delivery.Search) ?>
<?cs call:filter_sort(Choices.Sort) ?>
</div>
<?cs call:filter_buttons("/deliveries") ?>
</fieldset>
</form>
<?cs if:subcount(Deliveries) ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Table.Region ?>"><table class="data deliveries">
<thead><tr><th><?cs var:Lang.Delivery.Incident ?></th><th><?cs var:Lang.Delivery.Recipient ?></th><th><?cs var:Lang.Delivery.Format ?></th><th><?cs var:Lang.Delivery.State ?></th><th class="num"><?cs var:Lang.Delivery.Attempts ?></th><th><?cs var:Lang.Delivery.LastError ?></th><th><?cs var:Lang.Delivery.NextTry ?></th><th><?cs var:Lang.Delivery.Created ?></th></tr></thead>
<tbody>
<?cs each:d = Deliveries ?>
<tr><td><?cs if:d.Number ?><a href="/incidents/<?cs var:d.IncidentId ?>"><?cs var:d.Number ?></a> <?cs var:d.Title ?><?cs else ?>&mdash;<?cs /if ?></td>
<td><?cs var:d.Recipient ?><?cs if:d.RecipientOrg ?><span class="delivery-meta"><?cs var:d.RecipientOrg ?></span><?cs /if ?></td><td><?cs var:d.Format ?></td>
<td><span class="badge <?cs var:d.State ?>" data-state="<?cs var:d.State ?>"><?cs var:Lang.Delivery[d.State] ?></span><?cs if:d.State == "failed" ?> <span class="muted"><?cs var:Lang.Delivery.GaveUp ?></span><?cs /if ?></td>
<td class="num"><?cs var:d.Attempts ?></td><td><?cs var:d.Error ?><?cs if:d.LastAttempt ?><span class="delivery-meta"><?cs var:Lang.Delivery.LastAttempt ?> <?cs var:d.LastAttempt ?> <?cs var:Lang.Time.Utc ?></span><?cs /if ?></td>
<td class="when"><?cs if:d.State == "pending" || d.State == "failing" ?><?cs var:d.NextAttempt ?> <?cs var:Lang.Time.Utc ?><?cs /if ?><?cs if:d.MayRetry ?><form method="post" action="/deliveries/<?cs var:d.Id ?>/retry" class="retry">
<input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>"><input type="hidden" name="back" value="list">
<button type="submit"><?cs var:Lang.Delivery.Retry ?></button>
</form><?cs /if ?></td>
<td class="when"><?cs var:d.Created ?> <?cs var:Lang.Time.Utc ?></td></tr>
<?cs /each ?>
</tbody></table></div>
<?cs elif:Pager.Deliveries.Paged ?>
<p class="muted"><?cs var:Lang.Pager.NoneOlder ?></p>
<?cs elif:Filter.Active ?>
<p class="muted"><?cs var:Lang.List.NoMatch ?></p>
<?cs else ?>
<p class="muted"><?cs var:Lang.Delivery.None ?></p>
<?cs /if ?>
<?cs call:pager_links_q(Pager.Deliveries, "/deliveries", Filter.Query, "before") ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
