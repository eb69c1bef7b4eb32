<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<h1><?cs var:Lang.Recipients.Heading ?></h1>
<p class="muted"><?cs var:Lang.Recipients.Intro ?></p>
<p><a href="/scales"><?cs var:Lang.Scale.Heading ?></a></p>
<?cs if:Lang.Recipients.Flash[Flash] ?><?cs each:r = Recipients ?><?cs if:r.Id == Flash.Id ?><?cs set:saved_name = r.Name ?><?cs /if ?><?cs /each ?><div class="alert ok" role="status"><?cs var:Lang.Recipients.Flash[Flash] ?> <strong><?cs var:saved_name ?></strong></div><?cs /if ?>
<?cs call:form_summary() ?>
<?cs if:subcount(Recipients) ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Table.Region ?>"><table class="data">
<thead><tr><th><?cs var:Lang.Recipients.Name ?></th><th><?cs var:Lang.Recipients.Kind ?></th><th><?cs var:Lang.Recipients.Format ?></th><th><?cs var:Lang.Recipients.Endpoint ?></th><th><?cs var:Lang.Recipients.MaxTlp ?></th><th><?cs var:Lang.Recipients.Wants ?></th><th><?cs var:Lang.Recipients.Secret ?></th></tr></thead>
<tbody><?cs each:r = Recipients ?>
<tr><td><?cs var:r.Name ?> <span class="muted">(<?cs var:r.Owner ?>)</span></td><td><?cs var:Lang.Recipients.Kinds[r.Kind] ?></td><td><?cs var:r.Format ?></td><td><?cs var:r.Endpoint ?></td>
<td><span class="tlp <?cs var:r.MaxTlp ?>"><?cs var:Lang.Tlp[r.MaxTlp].Label ?></span></td>
<td><?cs if:r.Categories ?><?cs var:r.Categories ?><?cs else ?><?cs var:Lang.Recipients.All ?><?cs /if ?> · <?cs if:r.Severities ?><?cs var:r.Severities ?><?cs else ?><?cs var:Lang.Recipients.All ?><?cs /if ?></td>
<td><?cs if:r.HasSecret ?><?cs var:Lang.Recipients.SecretSet ?><?cs else ?>–<?cs /if ?></td></tr>
<?cs /each ?></tbody></table></div>
<?cs /if ?>

<section class="panel">
<h2><?cs var:Lang.Recipients.Add ?></h2>
<form method="post" action="/recipients" class="wide">
<input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
<label for="name"><?cs var:Lang.Recipients.Name ?></label>
<input id="name" name="name" value="<?cs var:Form.Values.name ?>"<?cs call:field_attrs("name") ?>><?cs call:field_error("name") ?>
<label for="kind"><?cs var:Lang.Recipients.Kind ?></label>
<select id="kind" name="kind"<?cs call:field_attrs("kind") ?>><?cs each:k = Choices.Kind ?><option value="<?cs var:k ?>"<?cs if:Form.Values.kind == k ?> selected<?cs /if ?>><?cs var:Lang.Recipients.Kinds[k] ?></option><?cs /each ?></select><?cs call:field_error("kind") ?>
<label for="format"><?cs var:Lang.Recipients.Format ?></label>
<select id="format" name="format"<?cs call:field_attrs("format") ?>><?cs each:f = Choices.Format ?><option value="<?cs var:f ?>"<?cs if:Form.Values.format == f ?> selected<?cs /if ?>><?cs var:Lang.Recipients.Formats[f] ?></option><?cs /each ?></select><?cs call:field_error("format") ?>
<label for="endpoint"><?cs var:Lang.Recipients.Endpoint ?></label>
<input id="endpoint" name="endpoint" value="<?cs var:Form.Values.endpoint ?>"<?cs call:field_attrs("endpoint") ?>><?cs call:field_error("endpoint") ?>
<p class="hint"><?cs var:Lang.Recipients.EndpointHint ?></p>
<label for="secret"><?cs var:Lang.Recipients.Secret ?></label>
<input id="secret" name="secret" type="password" autocomplete="off"<?cs call:field_attrs("secret") ?>><?cs call:field_error("secret") ?>
<p class="hint"><?cs var:Lang.Recipients.SecretHint ?></p>
<label for="max_tlp"><?cs var:Lang.Recipients.MaxTlp ?></label>
<select id="max_tlp" name="max_tlp"<?cs call:field_attrs("max_tlp") ?>><?cs each:t = Choices.Tlp ?><option value="<?cs var:t ?>"<?cs if:Form.Values.max_tlp == t ?> selected<?cs /if ?>><?cs var:Lang.Tlp[t].Label ?></option><?cs /each ?></select><?cs call:field_error("max_tlp") ?>
<fieldset><legend><?cs var:Lang.Recipients.WantsCategories ?></legend>
<?cs each:k = Choices.Category ?><?cs set:cf = "cat_" + k ?><label class="check"><input type="checkbox" name="<?cs var:cf ?>" value="1"<?cs if:Form.Values[cf] == "1" ?> checked<?cs /if ?>> <?cs var:Categories[k].Label ?></label><?cs /each ?>
</fieldset>
<fieldset><legend><?cs var:Lang.Recipients.WantsSeverities ?></legend>
<?cs each:k = Choices.Severity ?><?cs set:sf = "sev_" + k ?><label class="check"><input type="checkbox" name="<?cs var:sf ?>" value="1"<?cs if:Form.Values[sf] == "1" ?> checked<?cs /if ?>> <?cs var:Lang.Severity[k].Label ?></label><?cs /each ?>
</fieldset>
<div class="actions"><button type="submit" class="primary"><?cs var:Lang.Recipients.Save ?></button></div>
</form>
</section>

<section class="panel">
<h2><?cs var:Lang.Recipients.Rules ?></h2>
<p class="muted"><?cs var:Lang.Recipients.RulesIntro ?></p>
<?cs if:subcount(Rules) ?><ul><?cs each:r = Rules ?><li><?cs var:r.Recipient ?>: <?cs var:Lang.Recipients.FromSeverity ?> <?cs var:Lang.Severity[r.MinSeverity].Label ?><?cs if:r.Categories ?> · <?cs var:r.Categories ?><?cs /if ?></li><?cs /each ?></ul><?cs /if ?>
<?cs if:subcount(Recipients) ?>
<form method="post" action="/sharing-rules" class="wide">
<input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
<label for="recipient_id"><?cs var:Lang.Recipients.Name ?></label>
<select id="recipient_id" name="recipient_id"<?cs call:field_attrs("recipient_id") ?>><?cs each:r = Recipients ?><option value="<?cs var:r.Id ?>"<?cs if:Form.Values.recipient_id == r.Id ?> selected<?cs /if ?>><?cs var:r.Name ?></option><?cs /each ?></select><?cs call:field_error("recipient_id") ?>
<label for="min_severity"><?cs var:Lang.Recipients.FromSeverity ?></label>
<select id="min_severity" name="min_severity"<?cs call:field_attrs("min_severity") ?>><?cs each:k = Choices.Severity ?><option value="<?cs var:k ?>"<?cs if:Form.Values.min_severity == k ?> selected<?cs /if ?>><?cs var:Lang.Severity[k].Label ?></option><?cs /each ?></select><?cs call:field_error("min_severity") ?>
<fieldset><legend><?cs var:Lang.Recipients.RuleCategories ?></legend>
<?cs each:k = Choices.Category ?><?cs set:rf = "rule_cat_" + k ?><label class="check"><input type="checkbox" name="<?cs var:rf ?>" value="1"<?cs if:Form.Values[rf] == "1" ?> checked<?cs /if ?>> <?cs var:Categories[k].Label ?></label><?cs /each ?>
</fieldset>
<div class="actions"><button type="submit"><?cs var:Lang.Recipients.AddRule ?></button></div>
</form>
<?cs /if ?>
</section>
<?cs /def ?>
<?cs include:"layout.cs" ?>
