<?cs # GET /weights (and 422 from POST /weights) - the weight of every category of the latest
     catalogue edition in the organisation's scores, 0.1 to 10, 1 unless set. ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<p class="crumbs"><a href="/dashboard"><?cs var:Lang.Scores.Back ?></a></p>
<h1><?cs var:Lang.Weights.Heading ?> <small><?cs var:Weights.Org ?></small></h1>
<?cs if:Weights.Saved ?><div class="alert ok" role="status"><?cs var:Lang.Weights.Saved ?></div><?cs /if ?>
<?cs call:form_summary() ?>
<?cs if:subcount(Weights.Orgs) > 1 ?>
<form method="get" action="/weights" class="inline filter" aria-label="<?cs var:Lang.Weights.ChooseOrg ?>">
<label for="org_id"><?cs var:Lang.Form.Organisation ?></label>
<select id="org_id" name="org_id">
<?cs each:o = Weights.Orgs ?><option value="<?cs var:o.Id ?>"<?cs if:o.Id == Weights.OrgId ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?>
</select>
<button type="submit"><?cs var:Lang.Dashboard.Apply ?></button>
</form>
<?cs /if ?>
<p><?cs var:Lang.Weights.Intro ?></p>
<p class="hint"><?cs var:Lang.Assessment.Method ?></p>
<form method="post" action="/weights" class="wide weights">
<input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
<input type="hidden" name="org_id" value="<?cs var:Weights.OrgId ?>">
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Table.Region ?>"><table class="data weights">
<caption><?cs var:Lang.Weights.Caption ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.Weights.Category ?></th><th scope="col" class="num"><?cs var:Lang.Weights.Weight ?></th></tr></thead>
<tbody>
<?cs each:w = Weights.Categories ?>
<?cs if:w.NewFunction ?><tr class="group"><th scope="rowgroup" colspan="2"><?cs var:w.Function ?> (<?cs var:w.FunctionCode ?>)</th></tr><?cs /if ?>
<?cs set:wf = "weight_" + w.Id ?>
<tr><th scope="row"><label for="<?cs var:wf ?>"><span class="code"><?cs var:w.Code ?></span> <?cs var:w.Name ?></label></th>
<td class="num"><input id="<?cs var:wf ?>" name="<?cs var:wf ?>" type="number" inputmode="decimal" step="0.01" min="0.1" max="10" required value="<?cs var:Form.Values[wf] ?>"<?cs call:field_attrs(wf) ?>>
<?cs call:field_error(wf) ?></td></tr>
<?cs /each ?>
</tbody></table></div>
<p class="hint"><?cs var:Lang.Weights.Range ?></p>
<button type="submit" class="primary"><?cs var:Lang.Weights.Save ?></button>
</form>
<?cs /def ?>
<?cs include:"layout.cs" ?>
