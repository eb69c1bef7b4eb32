<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<h1><?cs var:Lang.Scale.Heading ?> · <?cs var:Scale.OrgName ?></h1>
<p class="muted"><?cs var:Lang.Scale.Intro ?></p>
<p><?cs var:Lang.Scale.InForce ?> <strong><?cs if:Scale.IsDefault ?><?cs var:Lang.Scale.Default ?><?cs else ?><?cs var:Scale.Owner ?><?cs /if ?>, <?cs var:Lang.Scale.Version ?> <span id="scale-version"><?cs var:Scale.Version ?></span></strong></p>
<?cs if:Flash == "scale" ?><div class="alert ok" role="status"><?cs var:Lang.Scale.Saved ?> <strong><?cs var:Lang.Scale.Version ?> <?cs var:Scale.Version ?></strong></div><?cs /if ?>
<?cs if:Form.Message == "no_categories" ?><div class="alert error" role="alert"><?cs var:Lang.Scale.NoCategories ?></div><?cs else ?><?cs call:form_summary() ?><?cs /if ?>
<form method="post" action="/scales" class="wide">
<input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
<input type="hidden" name="org_id" value="<?cs var:Scale.OrgId ?>">
<h2><?cs var:Lang.Scale.Categories ?></h2>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Table.Region ?>"><table class="data">
<thead><tr><th><?cs var:Lang.Scale.Keep ?></th><th><?cs var:Lang.Scale.Code ?></th><th><?cs var:Lang.Scale.Label ?></th><th><?cs var:Lang.Scale.Meaning ?></th></tr></thead>
<tbody>
<?cs each:cat = Scale.Categories ?><?cs set:kf = "keep_" + cat.Code ?><?cs set:lf = "label_" + cat.Code ?><?cs set:mf = "meaning_" + cat.Code ?>
<tr><td><input type="checkbox" name="<?cs var:kf ?>" value="1" aria-label="<?cs var:Lang.Scale.Keep ?> <?cs var:cat.Code ?>"<?cs if:Form.Values[kf] == "1" ?> checked<?cs /if ?>></td>
<td><code><?cs var:cat.Code ?></code></td>
<td><input name="<?cs var:lf ?>" value="<?cs var:Form.Values[lf] ?>" aria-label="<?cs var:Lang.Scale.Label ?> <?cs var:cat.Code ?>"<?cs call:field_attrs(lf) ?>><?cs call:field_error(lf) ?></td>
<td><textarea name="<?cs var:mf ?>" rows="2" aria-label="<?cs var:Lang.Scale.Meaning ?> <?cs var:cat.Code ?>"<?cs call:field_attrs(mf) ?>><?cs var:Form.Values[mf] ?></textarea><?cs call:field_error(mf) ?></td></tr>
<?cs /each ?>
</tbody></table></div>
<h3><?cs var:Lang.Scale.NewCategory ?></h3>
<label for="new_code"><?cs var:Lang.Scale.Code ?></label>
<input id="new_code" name="new_code" value="<?cs var:Form.Values.new_code ?>"<?cs call:field_attrs("new_code") ?>><?cs call:field_error("new_code") ?>
<label for="new_label"><?cs var:Lang.Scale.Label ?></label>
<input id="new_label" name="new_label" value="<?cs var:Form.Values.new_label ?>"<?cs call:field_attrs("new_label") ?>><?cs call:field_error("new_label") ?>
<label for="new_meaning"><?cs var:Lang.Scale.Meaning ?></label>
<textarea id="new_meaning" name="new_meaning" rows="2"<?cs call:field_attrs("new_meaning") ?>><?cs var:Form.Values.new_meaning ?></textarea><?cs call:field_error("new_meaning") ?>
<h2><?cs var:Lang.Scale.Rules ?></h2>
<p class="muted"><?cs var:Lang.Scale.RulesIntro ?></p>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Table.Region ?>"><table class="data">
<thead><tr><th></th><?cs each:m = Choices.Impact ?><th><?cs var:Lang.Classification.Impacts[m].Label ?></th><?cs /each ?></tr></thead>
<tbody><?cs each:i = Choices.Importance ?><tr><th><?cs var:Lang.Classification.Importances[i].Label ?></th>
<?cs each:m = Choices.Impact ?><?cs set:rf = "rule_" + i + "_" + m ?><td><select name="<?cs var:rf ?>" aria-label="<?cs var:i ?> <?cs var:m ?>"<?cs call:field_attrs(rf) ?>><?cs each:s = Choices.Severity ?><option value="<?cs var:s ?>"<?cs if:Form.Values[rf] == s ?> selected<?cs /if ?>><?cs var:Lang.Severity[s].Label ?></option><?cs /each ?></select><?cs call:field_error(rf) ?></td><?cs /each ?>
</tr><?cs /each ?></tbody></table></div>
<div class="actions"><button type="submit" class="primary"><?cs var:Lang.Scale.Publish ?></button></div>
</form>
<?cs /def ?>
<?cs include:"layout.cs" ?>
