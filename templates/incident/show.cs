<?cs # The incident page (GET /incidents/:id), re-rendered with status 422 by the forms it holds:
     classification, the Annex B.3 report, status, lessons learned and customers
     (cgi/handler_incident.c, cgi/handler_incident_manage.c). A form's fields show what was
     just sent when Form.Values has them, else what is stored. ?>
<?cs include:"macros.cs" ?>
<?cs include:"incident/timeline.cs" ?>
<?cs # What was just sent for a field (a refused POST), else the stored value. ?>
<?cs def:rv(name, stored) ?><?cs if:?Form.Values[name] ?><?cs var:Form.Values[name] ?><?cs else ?><?cs var:stored ?><?cs /if ?><?cs /def ?>
<?cs def:report_area(name, label, stored, rows, max) ?>
<label for="<?cs var:name ?>"><?cs var:label ?></label>
<textarea id="<?cs var:name ?>" name="<?cs var:name ?>" rows="<?cs var:rows ?>" maxlength="<?cs var:max ?>"<?cs call:field_attrs(name) ?>><?cs call:rv(name, stored) ?></textarea>
<?cs call:field_error(name) ?>
<?cs /def ?>
<?cs def:report_text(name, label, stored, max) ?>
<label for="<?cs var:name ?>"><?cs var:label ?></label>
<input id="<?cs var:name ?>" name="<?cs var:name ?>" maxlength="<?cs var:max ?>" value="<?cs call:rv(name, stored) ?>"<?cs call:field_attrs(name) ?>>
<?cs call:field_error(name) ?>
<?cs /def ?>
<?cs # A select of codes with labels from a language node; current is the selected code. ?>
<?cs def:pick(name, list, labels, current, empty) ?>
<select id="<?cs var:name ?>" name="<?cs var:name ?>"<?cs if:!empty ?> required<?cs /if ?><?cs call:field_attrs(name) ?>>
<option value=""><?cs if:empty ?><?cs var:empty ?><?cs else ?><?cs var:Lang.Form.Choose ?><?cs /if ?></option>
<?cs each:v = list ?><option value="<?cs var:v ?>"<?cs if:current == v ?> selected<?cs /if ?>><?cs if:labels[v].Label ?><?cs var:labels[v].Label ?><?cs else ?><?cs var:labels[v] ?><?cs /if ?></option><?cs /each ?>
</select>
<?cs call:field_error(name) ?>
<?cs /def ?>
<?cs # One row of the read-only report: shown only when there is something to show. ?>
<?cs def:fact(label, value) ?><?cs if:value ?><dt><?cs var:label ?></dt><dd class="pre"><?cs var:value ?></dd><?cs /if ?><?cs /def ?>
<?cs def:content() ?>
<?cs # the estimated cost is stored as numeric(14,2); the form takes a whole number ?>
<?cs if:string.find(Incident.EstimatedCost, ".") >= 0 ?><?cs set:cost_whole = string.slice(Incident.EstimatedCost, 0, string.find(Incident.EstimatedCost, ".")) ?><?cs else ?><?cs set:cost_whole = Incident.EstimatedCost ?><?cs /if ?>
<?cs if:Incident.Status == "open" ?><?cs set:next_status = "responding" ?><?cs elif:Incident.Status == "responding" ?><?cs set:next_status = "resolved" ?><?cs elif:Incident.Status == "resolved" ?><?cs set:next_status = "closed" ?><?cs else ?><?cs set:next_status = "" ?><?cs /if ?>
<p class="crumbs"><a href="/incidents"><?cs var:Lang.Nav.Incidents ?></a></p>
<h1><?cs var:Incident.Number ?> · <?cs var:Incident.Title ?></h1>
<?cs if:Flash && Lang.IncidentReport.Flash[Flash] ?><div class="alert ok" role="status"><?cs var:Lang.IncidentReport.Flash[Flash] ?></div><?cs /if ?>
<?cs if:Incident.CustomerView ?><div class="alert info customer-view"><?cs var:Lang.IncidentReport.CustomerView ?></div><?cs /if ?>
<?cs call:form_summary() ?>
<dl class="facts">
<dt><?cs var:Lang.Form.Organisation ?></dt><dd><?cs var:Incident.Org ?></dd>
<?cs if:Incident.Status ?><dt><?cs var:Lang.IncidentReport.Status ?></dt><dd><span class="badge status-<?cs var:Incident.Status ?>"><?cs var:Lang.IncidentReport.Statuses[Incident.Status] ?></span></dd><?cs /if ?>
<dt><?cs var:Lang.Incident.Category ?></dt><dd><?cs var:Incident.CategoryLabel ?></dd>
<dt><?cs var:Lang.Incident.Severity ?></dt><dd><span class="sev <?cs var:Incident.Severity ?>"><?cs var:Lang.Severity[Incident.Severity].Label ?></span><?cs if:Incident.SeverityDerived && Incident.SeverityDerived != Incident.Severity ?> <span class="muted"><?cs var:Lang.Classification.Overridden ?> <?cs var:Lang.Severity[Incident.SeverityDerived].Label ?></span><?cs if:Incident.SeverityReason && !Incident.CustomerView ?><span class="pre reason"><?cs var:Incident.SeverityReason ?></span><?cs /if ?><?cs /if ?></dd>
<?cs if:Incident.Importance && Incident.ImpactLevel ?><dt><?cs var:Lang.Classification.ImportanceAndImpact ?></dt><dd><?cs var:Lang.Classification.Importances[Incident.Importance].Label ?> × <?cs var:Lang.Classification.Impacts[Incident.ImpactLevel].Label ?></dd><?cs /if ?>
<?cs if:Incident.Nature ?><dt><?cs var:Lang.Classification.Nature ?></dt><dd><?cs var:Lang.Classification.Natures[Incident.Nature] ?></dd><?cs /if ?>
<dt><?cs var:Lang.Incident.TlpShort ?></dt><dd><span class="tlp <?cs var:Incident.Tlp ?>"><?cs var:Lang.Tlp[Incident.Tlp].Label ?></span></dd>
<dt><?cs var:Lang.Incident.Detected ?></dt><dd><?cs var:Incident.Detected ?> <?cs var:Lang.Time.Utc ?></dd>
<dt><?cs var:Lang.Incident.Reported ?></dt><dd><?cs var:Incident.Reported ?> <?cs var:Lang.Time.Utc ?></dd>
<?cs if:Incident.Event && !Incident.CustomerView ?><dt><?cs var:Lang.IncidentReport.Origin ?></dt><dd><a href="/events/<?cs var:Incident.EventId ?>"><?cs var:Incident.Event ?></a></dd><?cs /if ?>
<?cs if:Incident.ScaleVersion > 0 && !Incident.CustomerView ?><dt><?cs var:Lang.Classification.Scale ?></dt><dd><?cs var:Lang.Classification.Version ?> <?cs var:Incident.ScaleVersion ?> <?cs if:Incident.ScaleOwner ?><?cs var:Lang.Classification.Of ?> <?cs var:Incident.ScaleOwner ?><?cs else ?>· <?cs var:Lang.Classification.DefaultScale ?><?cs /if ?></dd><?cs /if ?>
</dl>
<?cs if:Incident.Description ?>
<h2><?cs var:Lang.Incident.Description ?></h2>
<p class="prose"><?cs var:Incident.Description ?></p>
<?cs /if ?>

<?cs # The incident report's details (Annex B.3), as far as they are known (and shared). ?>
<?cs if:Incident.How || Incident.Why || Incident.AssetsInformation || Incident.AssetsHardware || Incident.AssetsSoftware || Incident.AssetsCommunications || Incident.AssetsDocumentation || Incident.ImpactC || Incident.ImpactI || Incident.ImpactA || Incident.EstimatedCost || Incident.ActionsTaken || Incident.ActionsPlanned || Incident.ActionsOutstanding || (!Incident.CustomerView && (Incident.Related || Incident.Perpetrator || Incident.Motivation || Incident.Conclusion || Incident.ConclusionJustification || Incident.Notified)) ?>
<section class="report-view" aria-labelledby="report-h">
<h2 id="report-h"><?cs var:Lang.IncidentReport.Heading ?></h2>
<dl class="facts report">
<?cs if:!Incident.CustomerView ?><?cs call:fact(Lang.IncidentReport.Related, Incident.Related) ?><?cs /if ?>
<?cs call:fact(Lang.IncidentReport.How, Incident.How) ?>
<?cs call:fact(Lang.IncidentReport.Why, Incident.Why) ?>
<?cs call:fact(Lang.IncidentReport.AssetsInformation, Incident.AssetsInformation) ?>
<?cs call:fact(Lang.IncidentReport.AssetsHardware, Incident.AssetsHardware) ?>
<?cs call:fact(Lang.IncidentReport.AssetsSoftware, Incident.AssetsSoftware) ?>
<?cs call:fact(Lang.IncidentReport.AssetsCommunications, Incident.AssetsCommunications) ?>
<?cs call:fact(Lang.IncidentReport.AssetsDocumentation, Incident.AssetsDocumentation) ?>
<?cs call:fact(Lang.IncidentReport.ImpactC, Incident.ImpactC) ?>
<?cs call:fact(Lang.IncidentReport.ImpactI, Incident.ImpactI) ?>
<?cs call:fact(Lang.IncidentReport.ImpactA, Incident.ImpactA) ?>
<?cs call:fact(Lang.IncidentReport.EstimatedCost, cost_whole) ?>
<?cs if:!Incident.CustomerView ?>
<?cs call:fact(Lang.IncidentReport.Perpetrator, Incident.Perpetrator) ?>
<?cs call:fact(Lang.IncidentReport.Motivation, Incident.Motivation) ?>
<?cs /if ?>
<?cs call:fact(Lang.IncidentReport.ActionsTaken, Incident.ActionsTaken) ?>
<?cs call:fact(Lang.IncidentReport.ActionsPlanned, Incident.ActionsPlanned) ?>
<?cs call:fact(Lang.IncidentReport.ActionsOutstanding, Incident.ActionsOutstanding) ?>
<?cs if:!Incident.CustomerView ?>
<?cs if:Incident.Conclusion ?><dt><?cs var:Lang.IncidentReport.Conclusion ?></dt><dd><?cs var:Lang.IncidentReport.Conclusions[Incident.Conclusion] ?></dd><?cs /if ?>
<?cs call:fact(Lang.IncidentReport.ConclusionJustification, Incident.ConclusionJustification) ?>
<?cs call:fact(Lang.IncidentReport.Notified, Incident.Notified) ?>
<?cs /if ?>
</dl>
</section>
<?cs /if ?>

<?cs # The regulatory clocks (a colleague's partial, filled by cgi/obligations.c). ?>
<?cs if:Obligations.IncidentId && !Incident.CustomerView ?><?cs include:"incident/obligations.cs" ?><?cs /if ?>

<?cs if:!Incident.CustomerView ?>
<h2><?cs var:Lang.Incident.Alerts ?></h2>
<?cs if:!Incident.Forwardable ?><p class="muted"><?cs var:Lang.Incident.NotForwarded ?></p><?cs /if ?>
<?cs if:subcount(Deliveries) ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Table.Region ?>"><table class="data deliveries">
<thead><tr><th><?cs var:Lang.Delivery.Recipient ?></th><th><?cs var:Lang.Delivery.State ?></th><th class="num"><?cs var:Lang.Delivery.Attempts ?></th><th><?cs var:Lang.Delivery.Detail ?></th></tr></thead>
<tbody>
<?cs each:d = Deliveries ?>
<tr><td><?cs if:d.Recipient ?><?cs var:d.Recipient ?><?cs else ?><?cs var:Lang.Delivery.RecipientOf ?> <?cs var:d.RecipientOrg ?><?cs /if ?><?cs if:d.Format || d.ByRule == "t" ?><span class="delivery-meta"><?cs var:d.Format ?><?cs if:d.ByRule == "t" ?><?cs if:d.Format ?> · <?cs /if ?><?cs var:Lang.Delivery.ByRule ?><?cs /if ?></span><?cs /if ?></td><td><span class="badge <?cs var:d.State ?>" data-state="<?cs var:d.State ?>"><?cs var:Lang.Delivery[d.State] ?></span></td><td class="num"><?cs var:d.Attempts ?></td>
<td><?cs if:d.State == "delivered" ?><?cs var:d.DeliveredAt ?> <?cs var:Lang.Time.Utc ?> · <?cs var:Lang.Delivery.Http ?> <?cs var:d.HttpStatus ?><?cs if:d.Receipt ?> · <?cs var:Lang.Delivery.Receipt ?> <code><?cs var:d.Receipt ?></code><?cs /if ?><?cs elif:d.State == "failing" ?><?cs var:d.Error ?> · <?cs var:Lang.Delivery.NextAttempt ?> <?cs var:d.NextAttempt ?> <?cs var:Lang.Time.Utc ?><?cs elif:d.State == "failed" ?><?cs var:Lang.Delivery.GaveUp ?><?cs if:d.Error ?>: <?cs var:d.Error ?><?cs /if ?><?cs if:d.LastAttempt ?> · <?cs var:Lang.Delivery.LastAttempt ?> <?cs var:d.LastAttempt ?> <?cs var:Lang.Time.Utc ?><?cs /if ?>
<?cs if:Incident.MayManage && (Session.Role.coordinator || Session.Role.org_admin) ?><form method="post" action="/deliveries/<?cs var:d.Id ?>/retry" class="retry">
<input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
<button type="submit"><?cs var:Lang.Delivery.Retry ?></button>
</form><?cs /if ?><?cs else ?><?cs var:Lang.Delivery.Queued ?><?cs /if ?></td></tr>
<?cs /each ?>
</tbody></table></div>
<?cs elif:Incident.Forwardable ?>
<p class="muted"><?cs var:Lang.Delivery.NoRecipients ?></p>
<?cs /if ?>
<?cs # who decides, for those who may not share it themselves (defect 6: a reporter read
  "no recipients" where the parent had four) ?>
<?cs if:!Incident.MayClassify ?><p class="muted decided-by"><?cs var:Lang.Delivery.DecidedBy ?> <?cs var:Incident.Org ?><?cs if:Incident.Parent ?> <?cs var:Lang.Delivery.AndOf ?> <?cs var:Incident.Parent ?><?cs /if ?>.</p><?cs /if ?>
<?cs # sharing and retrying are for coordinators and administrators (cgi/routes.c) ?>
<?cs if:Incident.MayManage && (Session.Role.coordinator || Session.Role.org_admin) ?><p><a class="button" href="/incidents/<?cs var:Incident.Id ?>/share"><?cs var:Lang.IncidentReport.Share ?></a></p><?cs /if ?>
<?cs /if ?>

<?cs if:Incident.MayManage ?>
<h2 id="manage-h"><?cs var:Lang.IncidentReport.Manage ?></h2>

<?cs # Status: one step at a time; closing needs the lessons learned. ?>
<section class="panel status-panel" id="status" aria-labelledby="status-h">
<h3 id="status-h"><?cs var:Lang.IncidentReport.Progress ?></h3>
<?cs set:status_idx = 0 ?><?cs each:s = Choices.Status ?><?cs if:s == Incident.Status ?><?cs set:status_idx = name(s) ?><?cs /if ?><?cs /each ?>
<ol class="steps">
<?cs each:s = Choices.Status ?><li class="<?cs if:s == Incident.Status ?>current<?cs elif:name(s) < status_idx ?>done<?cs else ?>todo<?cs /if ?>"<?cs if:s == Incident.Status ?> aria-current="step"<?cs /if ?>><?cs var:Lang.IncidentReport.Statuses[s] ?></li><?cs /each ?>
</ol>
<?cs if:next_status ?>
<form method="post" action="/incidents/<?cs var:Incident.Id ?>/status" class="status-form">
<input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
<?cs if:next_status == "closed" && #Incident.Lessons == #0 ?><p class="hint"><?cs var:Lang.IncidentReport.ClosingNeedsLessons ?> <a href="#lessons"><?cs var:Lang.Lessons.Heading ?></a></p><?cs /if ?>
<button type="submit" name="status" value="<?cs var:next_status ?>" class="primary"<?cs call:field_attrs("status") ?>><?cs var:Lang.IncidentReport.Next[next_status] ?></button>
<?cs call:field_error("status") ?>
</form>
<?cs else ?>
<p class="muted"><?cs var:Lang.IncidentReport.IsClosed ?></p>
<?cs call:field_error("status") ?>
<?cs /if ?>
</section>

<?cs # Classification with the scale in force (6.5, Annex C). ?>
<?cs if:?Form.Values.category ?><?cs set:cur_category = Form.Values.category ?><?cs else ?><?cs set:cur_category = Incident.Category ?><?cs /if ?>
<?cs if:?Form.Values.system_importance ?><?cs set:cur_importance = Form.Values.system_importance ?><?cs else ?><?cs set:cur_importance = Incident.Importance ?><?cs /if ?>
<?cs if:?Form.Values.impact ?><?cs set:cur_impact = Form.Values.impact ?><?cs else ?><?cs set:cur_impact = Incident.ImpactLevel ?><?cs /if ?>
<?cs if:?Form.Values.nature ?><?cs set:cur_nature = Form.Values.nature ?><?cs else ?><?cs set:cur_nature = Incident.Nature ?><?cs /if ?>
<?cs if:?Form.Values.severity ?><?cs set:cur_severity = Form.Values.severity ?><?cs elif:Incident.SeverityDerived && Incident.SeverityDerived != Incident.Severity ?><?cs set:cur_severity = Incident.Severity ?><?cs else ?><?cs set:cur_severity = "" ?><?cs /if ?>
<?cs if:Incident.MayClassify ?>
<details class="manage" id="classify"<?cs if:?Form.Values.system_importance || !Incident.SeverityDerived ?> open<?cs /if ?>>
<summary><?cs var:Lang.Classification.Edit ?></summary>
<p><?cs var:Lang.Classification.Intro ?></p>
<form method="post" action="/incidents/<?cs var:Incident.Id ?>/classify" class="wide">
<input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
<label for="category"><?cs var:Lang.Classification.Category ?></label>
<select id="category" name="category" required<?cs call:field_attrs("category") ?>>
<option value=""><?cs var:Lang.Form.Choose ?></option>
<?cs each:sc = Scale.Categories ?><option value="<?cs var:sc.Code ?>"<?cs if:cur_category == sc.Code ?> selected<?cs /if ?>><?cs var:sc.Label ?></option><?cs /each ?>
</select>
<?cs call:field_error("category") ?>
<details><summary><?cs var:Lang.Classification.CategoryMeanings ?></summary><dl class="levels"><?cs each:sc = Scale.Categories ?><dt><?cs var:sc.Label ?></dt><dd><?cs var:sc.Meaning ?></dd><?cs /each ?></dl></details>
<label for="system_importance"><?cs var:Lang.Classification.Importance ?></label>
<?cs call:pick("system_importance", Choices.Importance, Lang.Classification.Importances, cur_importance, "") ?>
<label for="impact"><?cs var:Lang.Classification.Impact ?></label>
<?cs call:pick("impact", Choices.Impact, Lang.Classification.Impacts, cur_impact, "") ?>
<details><summary><?cs var:Lang.Classification.Meanings ?></summary><dl class="levels"><?cs each:v = Choices.Importance ?><dt><?cs var:Lang.Classification.Importances[v].Label ?></dt><dd><?cs var:Lang.Classification.Importances[v].Meaning ?></dd><?cs /each ?><?cs each:v = Choices.Impact ?><dt><?cs var:Lang.Classification.Impacts[v].Label ?></dt><dd><?cs var:Lang.Classification.Impacts[v].Meaning ?></dd><?cs /each ?></dl></details>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Table.Region ?>"><table class="data derive">
<caption><?cs var:Lang.Classification.Table ?><?cs if:Incident.ScaleVersion > 0 ?> (<?cs var:Lang.Classification.Version ?> <?cs var:Incident.ScaleVersion ?>)<?cs /if ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.Classification.Corner ?></th><?cs each:m = Choices.Impact ?><th scope="col"><?cs var:Lang.Classification.Impacts[m].Label ?></th><?cs /each ?></tr></thead>
<tbody>
<?cs each:i = Choices.Importance ?><tr><th scope="row"><?cs var:Lang.Classification.Importances[i].Label ?></th><?cs each:m = Choices.Impact ?><?cs if:i == Incident.Importance && m == Incident.ImpactLevel ?><td class="current"><span class="sev <?cs var:Scale.Rules[i][m] ?>"><?cs var:Lang.Severity[Scale.Rules[i][m]].Label ?></span> <span class="this"><?cs var:Lang.Classification.ThisIncident ?></span></td><?cs else ?><td><span class="sev <?cs var:Scale.Rules[i][m] ?>"><?cs var:Lang.Severity[Scale.Rules[i][m]].Label ?></span></td><?cs /if ?><?cs /each ?></tr>
<?cs /each ?>
</tbody></table></div>
<p class="derived"><?cs var:Lang.Classification.Derived ?>: <?cs if:Incident.SeverityDerived ?><span class="sev <?cs var:Incident.SeverityDerived ?>"><?cs var:Lang.Severity[Incident.SeverityDerived].Label ?></span><?cs else ?><span class="muted"><?cs var:Lang.Classification.NotClassified ?></span><?cs /if ?></p>
<label for="severity"><?cs var:Lang.Classification.Severity ?></label>
<?cs call:pick("severity", Choices.Severity, Lang.Severity, cur_severity, Lang.Classification.SeverityDerived) ?>
<details><summary><?cs var:Lang.Incident.SeverityHelp ?></summary><dl class="levels"><?cs each:v = Choices.Severity ?><dt><?cs var:Lang.Severity[v].Label ?></dt><dd><?cs var:Lang.Severity[v].Meaning ?></dd><?cs /each ?></dl></details>
<label for="severity_reason"><?cs var:Lang.Classification.SeverityReason ?></label>
<p class="hint"><?cs var:Lang.Classification.SeverityReasonHint ?></p>
<textarea id="severity_reason" name="severity_reason" rows="3" maxlength="4000"<?cs call:field_attrs("severity_reason") ?>><?cs call:rv("severity_reason", Incident.SeverityReason) ?></textarea>
<?cs call:field_error("severity_reason") ?>
<label for="nature"><?cs var:Lang.Classification.Nature ?></label>
<?cs call:pick("nature", Choices.Nature, Lang.Classification.Natures, cur_nature, "") ?>
<?cs # Which sharing rules saving this classification releases the incident by (hole 9). ?>
<?cs if:cur_severity ?><?cs set:rule_sev = cur_severity ?><?cs else ?><?cs set:rule_sev = Incident.Severity ?><?cs /if ?>
<section class="rules" aria-labelledby="rules-h">
<h4 id="rules-h"><?cs var:Lang.Classification.Rules.Heading ?></h4>
<?cs if:subcount(Rules) ?>
<p class="hint"><?cs var:Lang.Classification.Rules.Intro ?></p>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Table.Region ?>"><table class="data rules">
<thead><tr><th scope="col"><?cs var:Lang.Classification.Rules.Recipient ?></th><th scope="col"><?cs var:Lang.Classification.Rules.When ?></th><th scope="col"><?cs var:Lang.Classification.Rules.Outcome ?></th></tr></thead>
<tbody>
<?cs each:ru = Rules ?>
<?cs set:fires = 1 ?>
<?cs if:Incident.Tlp == "red" || Incident.Tlp == "amber_strict" ?><?cs set:fires = 0 ?><?cs /if ?>
<?cs set:want_rank = "" ?><?cs set:have_rank = "" ?>
<?cs if:ru.MinSeverity == "emergency" ?><?cs set:want_rank = 4 ?><?cs elif:ru.MinSeverity == "critical" ?><?cs set:want_rank = 3 ?><?cs elif:ru.MinSeverity == "warning" ?><?cs set:want_rank = 2 ?><?cs else ?><?cs set:want_rank = 1 ?><?cs /if ?>
<?cs if:rule_sev == "emergency" ?><?cs set:have_rank = 4 ?><?cs elif:rule_sev == "critical" ?><?cs set:have_rank = 3 ?><?cs elif:rule_sev == "warning" ?><?cs set:have_rank = 2 ?><?cs else ?><?cs set:have_rank = 1 ?><?cs /if ?>
<?cs if:#have_rank < #want_rank ?><?cs set:fires = 0 ?><?cs /if ?>
<?cs if:ru.Categories && string.find("," + ru.Categories + ",", "," + cur_category + ",") < 0 ?><?cs set:fires = 0 ?><?cs /if ?>
<?cs if:ru.RecipientCategories && string.find("," + ru.RecipientCategories + ",", "," + cur_category + ",") < 0 ?><?cs set:fires = 0 ?><?cs /if ?>
<?cs if:ru.RecipientSeverities && string.find("," + ru.RecipientSeverities + ",", "," + rule_sev + ",") < 0 ?><?cs set:fires = 0 ?><?cs /if ?>
<tr><td><?cs var:ru.Recipient ?></td>
<td><?cs var:Lang.Classification.Rules.AtLeast ?> <span class="sev <?cs var:ru.MinSeverity ?>"><?cs var:Lang.Severity[ru.MinSeverity].Label ?></span>; <?cs if:ru.Categories ?><?cs var:ru.Categories ?><?cs else ?><?cs var:Lang.Classification.Rules.AnyCategory ?><?cs /if ?></td>
<td class="rule-outcome"><?cs if:ru.Released ?><?cs var:Lang.Classification.Rules.Released ?><?cs elif:fires ?><strong class="rule-fires"><?cs var:Lang.Classification.Rules.Fires ?></strong><?cs else ?><?cs var:Lang.Classification.Rules.DoesNotFire ?><?cs /if ?></td></tr>
<?cs /each ?>
</tbody></table></div>
<?cs else ?><p class="muted"><?cs var:Lang.Classification.Rules.None ?></p><?cs /if ?>
</section>
<div class="actions"><button type="submit" class="primary"><?cs var:Lang.Classification.Submit ?></button></div>
</form>
</details>
<?cs /if ?>

<?cs # The incident report's details (Annex B.3). ?>
<?cs if:?Form.Values.conclusion ?><?cs set:cur_conclusion = Form.Values.conclusion ?><?cs else ?><?cs set:cur_conclusion = Incident.Conclusion ?><?cs /if ?>
<details class="manage" id="report"<?cs if:?Form.Values.how_occurred ?> open<?cs /if ?>>
<summary><?cs var:Lang.IncidentReport.Edit ?></summary>
<p><?cs var:Lang.IncidentReport.Intro ?></p>
<form method="post" action="/incidents/<?cs var:Incident.Id ?>/report" class="wide report-form">
<input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
<?cs call:report_text("related_incidents", Lang.IncidentReport.Related, Incident.Related, "500") ?>
<p class="hint"><?cs var:Lang.IncidentReport.RelatedHint ?></p>
<fieldset class="group"><legend><?cs var:Lang.IncidentReport.WhatOccurred ?></legend>
<?cs call:report_area("how_occurred", Lang.IncidentReport.How, Incident.How, "4", "10000") ?>
<?cs call:report_area("why_occurred", Lang.IncidentReport.Why, Incident.Why, "4", "10000") ?>
</fieldset>
<fieldset class="group"><legend><?cs var:Lang.IncidentReport.Assets ?></legend>
<?cs call:report_area("assets_information", Lang.IncidentReport.AssetsInformation, Incident.AssetsInformation, "2", "4000") ?>
<?cs call:report_area("assets_hardware", Lang.IncidentReport.AssetsHardware, Incident.AssetsHardware, "2", "4000") ?>
<?cs call:report_area("assets_software", Lang.IncidentReport.AssetsSoftware, Incident.AssetsSoftware, "2", "4000") ?>
<?cs call:report_area("assets_communications", Lang.IncidentReport.AssetsCommunications, Incident.AssetsCommunications, "2", "4000") ?>
<?cs call:report_area("assets_documentation", Lang.IncidentReport.AssetsDocumentation, Incident.AssetsDocumentation, "2", "4000") ?>
</fieldset>
<fieldset class="group"><legend><?cs var:Lang.IncidentReport.Impact ?></legend>
<?cs call:report_area("impact_confidentiality", Lang.IncidentReport.ImpactC, Incident.ImpactC, "2", "4000") ?>
<?cs call:report_area("impact_integrity", Lang.IncidentReport.ImpactI, Incident.ImpactI, "2", "4000") ?>
<?cs call:report_area("impact_availability", Lang.IncidentReport.ImpactA, Incident.ImpactA, "2", "4000") ?>
<label for="estimated_cost"><?cs var:Lang.IncidentReport.EstimatedCost ?></label>
<p class="hint"><?cs var:Lang.IncidentReport.EstimatedCostHint ?></p>
<input id="estimated_cost" name="estimated_cost" class="short" type="number" min="0" max="2000000000" step="1" inputmode="numeric" value="<?cs call:rv("estimated_cost", cost_whole) ?>"<?cs call:field_attrs("estimated_cost") ?>>
<?cs call:field_error("estimated_cost") ?>
</fieldset>
<fieldset class="group"><legend><?cs var:Lang.IncidentReport.Perpetrators ?></legend>
<?cs call:report_text("perpetrator", Lang.IncidentReport.Perpetrator, Incident.Perpetrator, "500") ?>
<?cs call:report_text("motivation", Lang.IncidentReport.Motivation, Incident.Motivation, "500") ?>
</fieldset>
<fieldset class="group"><legend><?cs var:Lang.IncidentReport.Actions ?></legend>
<?cs call:report_area("actions_taken", Lang.IncidentReport.ActionsTaken, Incident.ActionsTaken, "3", "10000") ?>
<?cs call:report_area("actions_planned", Lang.IncidentReport.ActionsPlanned, Incident.ActionsPlanned, "3", "10000") ?>
<?cs call:report_area("actions_outstanding", Lang.IncidentReport.ActionsOutstanding, Incident.ActionsOutstanding, "3", "10000") ?>
</fieldset>
<fieldset class="group"><legend><?cs var:Lang.IncidentReport.ConclusionHeading ?></legend>
<label for="conclusion"><?cs var:Lang.IncidentReport.Conclusion ?></label>
<?cs call:pick("conclusion", Choices.Conclusion, Lang.IncidentReport.Conclusions, cur_conclusion, Lang.IncidentReport.NoConclusion) ?>
<?cs call:report_area("conclusion_justification", Lang.IncidentReport.ConclusionJustification, Incident.ConclusionJustification, "3", "4000") ?>
<?cs call:report_area("notified", Lang.IncidentReport.Notified, Incident.Notified, "2", "4000") ?>
</fieldset>
<div class="actions"><button type="submit" class="primary"><?cs var:Lang.IncidentReport.Submit ?></button></div>
</form>
</details>
<?cs /if ?>

<?cs # Lessons learned (clause 12) and the improvements planned from them. ?>
<?cs if:!Incident.CustomerView && (subcount(LessonsLearned) || subcount(Improvements) || (Incident.MayManage && Incident.IsMember)) ?>
<section class="lessons" id="lessons" aria-labelledby="lessons-h">
<h2 id="lessons-h"><?cs var:Lang.Lessons.Heading ?></h2>
<?cs each:l = LessonsLearned ?>
<article class="panel lesson">
<p class="muted"><?cs var:Lang.Lessons.Recorded ?> <?cs var:l.At ?> <?cs var:Lang.Time.Utc ?></p>
<dl class="facts">
<?cs call:fact(Lang.Lessons.WhatWorked, l.Worked) ?>
<?cs call:fact(Lang.Lessons.ToImprove, l.Improve) ?>
<?cs call:fact(Lang.Lessons.PlanChanges, l.Plan) ?>
<?cs call:fact(Lang.Lessons.ControlChanges, l.Controls) ?>
<?cs call:fact(Lang.Lessons.RiskChanges, l.Risk) ?>
</dl>
</article>
<?cs /each ?>
<?cs if:!subcount(LessonsLearned) ?><p class="muted"><?cs var:Lang.Lessons.None ?></p><?cs /if ?>
<?cs if:subcount(Improvements) ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Table.Region ?>"><table class="data improvements">
<caption><?cs var:Lang.Lessons.Improvements ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.Lessons.Title ?></th><th scope="col"><?cs var:Lang.Lessons.Owner ?></th><th scope="col"><?cs var:Lang.Lessons.Due ?></th><th scope="col"><?cs var:Lang.Lessons.Status ?></th><th scope="col"><?cs var:Lang.Lessons.Code ?></th></tr></thead>
<tbody>
<?cs each:a = Improvements ?><tr><td><?cs var:a.Title ?></td><td><?cs var:a.Owner ?></td><td class="when"><?cs var:a.DueDate ?></td><td><span class="badge action-<?cs var:a.Status ?>"><?cs if:Lang.Scores.States[a.Status] ?><?cs var:Lang.Scores.States[a.Status] ?><?cs else ?><?cs var:a.Status ?><?cs /if ?></span></td><td class="code"><?cs var:a.Code ?></td></tr>
<?cs /each ?>
</tbody></table></div>
<?cs /if ?>
<?cs if:Incident.MayManage && Incident.IsMember ?>
<details class="manage" id="lessons-form"<?cs if:?Form.Values.what_worked ?> open<?cs /if ?>>
<summary><?cs var:Lang.Lessons.Add ?></summary>
<p><?cs var:Lang.Lessons.Intro ?></p>
<form method="post" action="/incidents/<?cs var:Incident.Id ?>/lessons" class="wide">
<input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
<label for="what_worked"><?cs var:Lang.Lessons.WhatWorked ?></label>
<textarea id="what_worked" name="what_worked" rows="4" maxlength="10000" required<?cs call:field_attrs("what_worked") ?>><?cs var:Form.Values.what_worked ?></textarea>
<?cs call:field_error("what_worked") ?>
<label for="to_improve"><?cs var:Lang.Lessons.ToImprove ?></label>
<textarea id="to_improve" name="to_improve" rows="4" maxlength="10000" required<?cs call:field_attrs("to_improve") ?>><?cs var:Form.Values.to_improve ?></textarea>
<?cs call:field_error("to_improve") ?>
<label for="plan_changes"><?cs var:Lang.Lessons.PlanChanges ?></label>
<textarea id="plan_changes" name="plan_changes" rows="3" maxlength="10000"<?cs call:field_attrs("plan_changes") ?>><?cs var:Form.Values.plan_changes ?></textarea>
<?cs call:field_error("plan_changes") ?>
<label for="control_changes"><?cs var:Lang.Lessons.ControlChanges ?></label>
<textarea id="control_changes" name="control_changes" rows="3" maxlength="10000"<?cs call:field_attrs("control_changes") ?>><?cs var:Form.Values.control_changes ?></textarea>
<?cs call:field_error("control_changes") ?>
<label for="risk_changes"><?cs var:Lang.Lessons.RiskChanges ?></label>
<textarea id="risk_changes" name="risk_changes" rows="3" maxlength="10000"<?cs call:field_attrs("risk_changes") ?>><?cs var:Form.Values.risk_changes ?></textarea>
<?cs call:field_error("risk_changes") ?>
<fieldset class="group">
<legend><?cs var:Lang.Lessons.Improvement ?></legend>
<p class="hint"><?cs var:Lang.Lessons.ImprovementHint ?></p>
<label for="action_title"><?cs var:Lang.Lessons.ActionTitle ?></label>
<input id="action_title" name="action_title" maxlength="200" value="<?cs var:Form.Values.action_title ?>"<?cs call:field_attrs("action_title") ?>>
<?cs call:field_error("action_title") ?>
<label for="action_owner"><?cs var:Lang.Lessons.ActionOwner ?></label>
<input id="action_owner" name="action_owner" maxlength="200" value="<?cs var:Form.Values.action_owner ?>"<?cs call:field_attrs("action_owner") ?>>
<?cs call:field_error("action_owner") ?>
<label for="action_due"><?cs var:Lang.Lessons.ActionDue ?></label>
<input id="action_due" name="action_due" class="short" type="date" value="<?cs var:Form.Values.action_due ?>"<?cs call:field_attrs("action_due") ?>>
<?cs call:field_error("action_due") ?>
<label for="action_code"><?cs var:Lang.Lessons.ActionCode ?></label>
<select id="action_code" name="action_code"<?cs call:field_attrs("action_code") ?>>
<option value=""><?cs var:Lang.Form.Choose ?></option>
<?cs each:v = Choices.Improvement ?><option value="<?cs var:v ?>"<?cs if:Form.Values.action_code == v ?> selected<?cs /if ?>><?cs var:v ?> · <?cs var:Lang.Lessons.Functions[string.slice(v, 0, 2)] ?>: <?cs if:string.slice(v, 0, 2) == "RS" ?><?cs if:string.slice(v, 6, 7) == "1" ?><?cs var:Lang.Lessons.Outcomes.RS1 ?><?cs else ?><?cs var:Lang.Lessons.Outcomes.RS2 ?><?cs /if ?><?cs else ?><?cs if:string.slice(v, 6, 7) == "1" ?><?cs var:Lang.Lessons.Outcomes.RC1 ?><?cs else ?><?cs var:Lang.Lessons.Outcomes.RC2 ?><?cs /if ?><?cs /if ?></option><?cs /each ?>
</select>
<?cs call:field_error("action_code") ?>
</fieldset>
<div class="actions"><button type="submit" class="primary"><?cs var:Lang.Lessons.Submit ?></button></div>
</form>
</details>
<?cs /if ?>
</section>
<?cs /if ?>

<?cs # A supplier chooses the customers the incident affects and what each may see. ?>
<?cs if:Incident.MayManage && Incident.IsMember && subcount(Customers) ?>
<section class="panel customers" id="customers" aria-labelledby="customers-h">
<h2 id="customers-h"><?cs var:Lang.Customers.Heading ?></h2>
<p><?cs var:Lang.Customers.Intro ?></p>
<?cs if:Form.Message == "no_customers" ?><div class="alert error" role="alert"><?cs var:Lang.Customers.NoCustomers ?></div><?cs /if ?>
<?cs if:Incident.Tlp == "amber_strict" ?>
<div class="alert<?cs if:Form.Message == "customers_tlp_strict" ?> error" role="alert<?cs /if ?>"><?cs var:Lang.Customers.TlpStrict ?></div>
<?cs else ?>
<?cs if:Incident.Tlp == "red" ?><div class="alert warning tlp-red-note"><?cs var:Lang.Customers.TlpRed ?></div><?cs /if ?>
<form method="post" action="/incidents/<?cs var:Incident.Id ?>/customers">
<input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
<fieldset class="checks">
<legend><?cs var:Lang.Customers.Choose ?></legend>
<ul class="checks">
<?cs each:cu = Customers ?><li><input type="checkbox" id="customer_<?cs var:cu.Id ?>" name="customer_<?cs var:cu.Id ?>" value="1"<?cs if:cu.Chosen ?> checked disabled<?cs /if ?>>
<label for="customer_<?cs var:cu.Id ?>"><?cs var:cu.Name ?><?cs if:cu.Chosen ?> <span class="muted">(<?cs var:Lang.Customers.Informed ?> <?cs if:cu.Fields ?><?cs if:string.find(cu.Fields, "description") >= 0 ?><span class="part"><?cs var:Lang.Customers.Field.description ?></span><?cs /if ?><?cs if:string.find(cu.Fields, "assets") >= 0 ?><span class="part"><?cs var:Lang.Customers.Field.assets ?></span><?cs /if ?><?cs if:string.find(cu.Fields, "impact") >= 0 ?><span class="part"><?cs var:Lang.Customers.Field.impact ?></span><?cs /if ?><?cs if:string.find(cu.Fields, "actions") >= 0 ?><span class="part"><?cs var:Lang.Customers.Field.actions ?></span><?cs /if ?><?cs else ?><?cs var:Lang.Customers.OnlyTitle ?><?cs /if ?>)</span><?cs /if ?></label></li>
<?cs /each ?>
</ul>
</fieldset>
<fieldset class="checks">
<legend><?cs var:Lang.Customers.Fields ?></legend>
<ul class="checks">
<li><input type="checkbox" id="share_description" name="share_description" value="1"<?cs if:Query.share_description == "1" ?> checked<?cs /if ?>><label for="share_description"><?cs var:Lang.Customers.Field.description ?></label></li>
<li><input type="checkbox" id="share_assets" name="share_assets" value="1"<?cs if:Query.share_assets == "1" ?> checked<?cs /if ?>><label for="share_assets"><?cs var:Lang.Customers.Field.assets ?></label></li>
<li><input type="checkbox" id="share_impact" name="share_impact" value="1"<?cs if:Query.share_impact == "1" ?> checked<?cs /if ?>><label for="share_impact"><?cs var:Lang.Customers.Field.impact ?></label></li>
<li><input type="checkbox" id="share_actions" name="share_actions" value="1"<?cs if:Query.share_actions == "1" ?> checked<?cs /if ?>><label for="share_actions"><?cs var:Lang.Customers.Field.actions ?></label></li>
</ul>
</fieldset>
<div class="actions"><button type="submit" class="primary"><?cs var:Lang.Customers.Submit ?></button></div>
</form>
<?cs /if ?>
</section>
<?cs /if ?>

<?cs if:!Incident.CustomerView ?><?cs call:timeline() ?><?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
