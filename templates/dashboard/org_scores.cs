<?cs # GET /organisations/:id/scores (and 422 from POST /organisations/:id/actions) - one
     organisation's maturity: radar of current vs target, progress across cycles (both SVG
     made and escaped by lib/chart.c, so printed raw), the same values as a table, the
     prioritised gaps with a form to plan each improvement, and the planned actions. ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<?cs if:Session.Role.org_admin || Session.Role.reviewer || Session.Role.coordinator ?><p class="crumbs"><a href="/dashboard"><?cs var:Lang.Scores.Back ?></a></p><?cs /if ?>
<h1><?cs var:Org.Name ?> <small><?cs var:Lang.Scores.Heading ?></small></h1>
<?cs call:form_summary() ?>
<?cs if:Scores.AssessmentId ?><p><?cs var:Lang.Scores.Latest ?> <a href="/assessments/<?cs var:Scores.AssessmentId ?>"><?cs var:Lang.Scores.ViewAssessment ?></a></p><?cs /if ?>

<?cs if:Charts.Radar || Charts.Progress ?>
<div class="charts">
<?cs if:Charts.Radar ?><figure class="chart-box"><figcaption><?cs var:Lang.Scores.Radar ?></figcaption>
<?cs escape: "none" ?><?cs var:Charts.Radar ?><?cs /escape ?>
</figure><?cs /if ?>
<?cs if:Charts.Progress ?><figure class="chart-box"><figcaption><?cs var:Lang.Scores.Progress ?></figcaption>
<?cs escape: "none" ?><?cs var:Charts.Progress ?><?cs /escape ?>
</figure><?cs /if ?>
</div>
<?cs else ?>
<p class="muted"><?cs var:Lang.Scores.NoData ?></p>
<?cs /if ?>

<?cs if:subcount(Cycles) ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Table.Region ?>"><table class="data">
<caption><?cs var:Lang.Scores.TableCaption ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.Scores.Cycle ?></th><th scope="col" class="num"><?cs var:Lang.Dashboard.Overall ?></th><?cs each:f = Lang.Dashboard.Functions ?><th scope="col" class="num"><?cs var:f ?> <span class="muted">(<?cs var:Lang.Scores.Target ?>)</span></th><?cs /each ?></tr></thead>
<tbody>
<?cs each:cy = Cycles ?>
<tr><th scope="row"><?cs var:cy.Label ?></th><td class="num"><?cs var:cy.Overall ?></td><?cs each:f = Lang.Dashboard.Functions ?><?cs set:tk = "Target" + name(f) ?><td class="num"><?cs var:cy[name(f)] ?> <span class="muted">(<?cs var:cy[tk] ?>)</span></td><?cs /each ?></tr>
<?cs /each ?>
</tbody></table></div>
<?cs /if ?>

<?cs if:Scores.AssessmentId ?>
<section class="changes">
<h2><?cs var:Lang.Progress.Heading ?></h2>
<?cs if:Changes.Previous.Id ?>
<p class="hint"><?cs var:Lang.Progress.Compared ?> <a href="/assessments/<?cs var:Changes.Previous.Id ?>"><?cs var:Changes.Previous.Label ?></a><?cs if:Changes.Previous.Submitted ?> (<?cs var:Lang.Progress.Submitted ?> <?cs var:Changes.Previous.Submitted ?>)<?cs /if ?>. <?cs var:Lang.Progress.Method ?></p>
<?cs if:subcount(Changes.Items) ?>
<p><?cs var:Changes.Improved ?> <?cs var:Lang.Progress.ImprovedCount ?>, <?cs var:Changes.Slipped ?> <?cs var:Lang.Progress.SlippedCount ?>.</p>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Table.Region ?>"><table class="data changes">
<caption><?cs var:Lang.Progress.Caption ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.Scores.Code ?></th><th scope="col"><?cs var:Lang.Scores.Item ?></th><th scope="col" class="num"><?cs var:Lang.Progress.Before ?></th><th scope="col" class="num"><?cs var:Lang.Progress.Now ?></th><th scope="col"><?cs var:Lang.Progress.Change ?></th></tr></thead>
<tbody>
<?cs each:ch = Changes.Items ?>
<tr class="<?cs var:ch.Direction ?>"><td class="code"><?cs var:ch.Code ?></td><td><?cs var:ch.Text ?></td><td class="num"><?cs var:ch.From ?></td><td class="num"><?cs var:ch.To ?></td><td><span class="change <?cs var:ch.Direction ?>"><?cs var:Lang.Progress.Directions[ch.Direction] ?> (<?cs var:ch.Delta ?>)</span></td></tr>
<?cs /each ?>
</tbody></table></div>
<?cs else ?>
<p class="muted"><?cs var:Lang.Progress.NoChange ?></p>
<?cs /if ?>
<?cs else ?>
<p class="muted"><?cs var:Lang.Progress.NoPrevious ?></p>
<?cs /if ?>
</section>

<h2><?cs var:Lang.Scores.Gaps ?></h2>
<p class="hint"><?cs var:Lang.Scores.GapsHelp ?></p>
<?cs if:subcount(Gaps) ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Table.Region ?>"><table class="data gaps">
<thead><tr><th scope="col"><?cs var:Lang.Scores.Code ?></th><th scope="col"><?cs var:Lang.Scores.Item ?></th><th scope="col" class="num"><?cs var:Lang.Scores.Level ?></th><th scope="col" class="num"><?cs var:Lang.Scores.TargetLevel ?></th><th scope="col" class="num"><?cs var:Lang.Scores.Gap ?></th><th scope="col" class="num"><?cs var:Lang.Scores.Priority ?></th><?cs if:Org.MayPlan ?><th scope="col" class="plan-col"><?cs var:Lang.Scores.Plan ?></th><?cs /if ?></tr></thead>
<tbody>
<?cs each:g = Gaps ?>
<tr><td class="code"><?cs var:g.Code ?></td><td><?cs var:g.Text ?></td><td class="num"><?cs var:g.Level ?></td><td class="num"><?cs var:g.Target ?></td><td class="num"><?cs var:g.Gap ?></td><td class="num"><?cs var:g.Priority ?></td>
<?cs if:Org.MayPlan ?><?cs set:mine = Form.Values.item_id != "" && Form.Values.item_id == g.ItemId ?>
<td class="plan-col"><details class="plan"<?cs if:mine ?> open<?cs /if ?>><summary><?cs var:Lang.Scores.PlanAction ?><span class="visually-hidden">: <?cs var:g.Code ?></span></summary>
<form method="post" action="/organisations/<?cs var:Org.Id ?>/actions" class="plan">
<input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
<input type="hidden" name="item_id" value="<?cs var:g.ItemId ?>">
<label for="title-<?cs var:g.ItemId ?>"><?cs var:Lang.Scores.ActionTitle ?></label>
<input id="title-<?cs var:g.ItemId ?>" name="title" maxlength="200" required placeholder="<?cs var:Lang.Scores.Raise ?> <?cs var:g.Code ?> <?cs var:Lang.Scores.ToLevel ?> <?cs var:g.Target ?>"<?cs if:mine ?> value="<?cs var:Form.Values.title ?>"<?cs call:field_attrs("title") ?><?cs /if ?>>
<?cs if:mine ?><?cs call:field_error("title") ?><?cs /if ?>
<label for="owner-<?cs var:g.ItemId ?>"><?cs var:Lang.Scores.ActionOwner ?></label>
<input id="owner-<?cs var:g.ItemId ?>" name="owner_name" maxlength="200" required<?cs if:mine ?> value="<?cs var:Form.Values.owner_name ?>"<?cs call:field_attrs("owner_name") ?><?cs /if ?>>
<?cs if:mine ?><?cs call:field_error("owner_name") ?><?cs /if ?>
<label for="due-<?cs var:g.ItemId ?>"><?cs var:Lang.Scores.ActionDue ?></label>
<input id="due-<?cs var:g.ItemId ?>" name="due_date" type="date" required<?cs if:mine ?> value="<?cs var:Form.Values.due_date ?>"<?cs call:field_attrs("due_date") ?><?cs /if ?>>
<?cs if:mine ?><?cs call:field_error("due_date") ?><?cs /if ?>
<button type="submit"><?cs var:Lang.Scores.Plan ?></button>
</form></details></td><?cs /if ?></tr>
<?cs /each ?>
</tbody></table></div>
<?cs else ?>
<p class="muted"><?cs var:Lang.Scores.NoGaps ?></p>
<?cs /if ?>
<?cs /if ?>

<h2><?cs var:Lang.Scores.Actions ?></h2>
<?cs if:Org.MayPlan ?><?cs set:mine = Form.ErrorCount && Form.Values.item_id == "" ?>
<details class="plan"<?cs if:mine ?> open<?cs /if ?>><summary><?cs var:Lang.Scores.NewAction ?></summary>
<form method="post" action="/organisations/<?cs var:Org.Id ?>/actions" class="plan">
<input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
<label for="title-new"><?cs var:Lang.Scores.ActionTitle ?></label>
<input id="title-new" name="title" maxlength="200" required<?cs if:mine ?> value="<?cs var:Form.Values.title ?>"<?cs call:field_attrs("title") ?><?cs /if ?>>
<?cs if:mine ?><?cs call:field_error("title") ?><?cs /if ?>
<label for="owner-new"><?cs var:Lang.Scores.ActionOwner ?></label>
<input id="owner-new" name="owner_name" maxlength="200" required<?cs if:mine ?> value="<?cs var:Form.Values.owner_name ?>"<?cs call:field_attrs("owner_name") ?><?cs /if ?>>
<?cs if:mine ?><?cs call:field_error("owner_name") ?><?cs /if ?>
<label for="due-new"><?cs var:Lang.Scores.ActionDue ?></label>
<input id="due-new" name="due_date" type="date" required<?cs if:mine ?> value="<?cs var:Form.Values.due_date ?>"<?cs call:field_attrs("due_date") ?><?cs /if ?>>
<?cs if:mine ?><?cs call:field_error("due_date") ?><?cs /if ?>
<button type="submit"><?cs var:Lang.Scores.Plan ?></button>
</form></details>
<?cs /if ?>
<?cs if:subcount(Actions) ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Table.Region ?>"><table class="data">
<thead><tr><th scope="col"><?cs var:Lang.Scores.ActionTitle ?></th><th scope="col"><?cs var:Lang.Scores.Code ?></th><th scope="col"><?cs var:Lang.Scores.ActionOwner ?></th><th scope="col"><?cs var:Lang.Scores.ActionDue ?></th><th scope="col"><?cs var:Lang.Scores.Status ?></th></tr></thead>
<tbody>
<?cs each:ac = Actions ?>
<tr><td><a href="/actions/<?cs var:ac.Id ?>"><?cs var:ac.Title ?></a></td><td class="code"><?cs var:ac.Code ?></td><td><?cs var:ac.Owner ?></td><td class="when"><?cs var:ac.DueDate ?></td><td><span class="badge action-<?cs var:ac.Status ?>"><?cs var:Lang.Scores.States[ac.Status] ?></span></td></tr>
<?cs /each ?>
</tbody></table></div>
<?cs else ?>
<p class="muted"><?cs var:Lang.Scores.NoActions ?></p>
<?cs /if ?>
<p class="hint print-hint"><?cs var:Lang.Scores.PrintHint ?></p>
<?cs /def ?>
<?cs include:"layout.cs" ?>
