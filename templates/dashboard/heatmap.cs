<?cs # GET /dashboard - the parent's organisations x the five functions as a heatmap, filtered
     by relation and campaign, sorted by name, score or gap; then the assessments waiting for
     review, returned and overdue. ?>
<?cs include:"macros.cs" ?>
<?cs def:assessment_list(list, empty) ?>
<?cs if:subcount(list) ?>
<ul class="worklist">
<?cs each:a = list ?><li><a href="/assessments/<?cs var:a.Id ?>"><?cs var:a.Org ?></a> · <?cs var:a.Campaign ?> · <span class="when"><?cs var:Lang.Dashboard.Due ?> <?cs var:a.DueDate ?></span> <span class="badge <?cs var:a.Status ?>"><?cs var:Lang.Assessment.States[a.Status] ?></span></li>
<?cs /each ?>
</ul>
<?cs else ?>
<p class="muted"><?cs var:empty ?></p>
<?cs /if ?>
<?cs /def ?>
<?cs def:content() ?>
<h1><?cs var:Lang.Dashboard.Heading ?> <small><?cs var:Heatmap.Owner ?></small></h1>
<form method="get" action="/dashboard" class="inline filter" aria-label="<?cs var:Lang.Dashboard.Filter ?>">
<label for="kind"><?cs var:Lang.Dashboard.Kind ?></label>
<select id="kind" name="kind"<?cs call:field_attrs("kind") ?>>
<option value=""><?cs var:Lang.Dashboard.AllKinds ?></option>
<option value="group_company"<?cs if:Query.kind == "group_company" ?> selected<?cs /if ?>><?cs var:Lang.Dashboard.Kinds.group_company ?></option>
<option value="supplier"<?cs if:Query.kind == "supplier" ?> selected<?cs /if ?>><?cs var:Lang.Dashboard.Kinds.supplier ?></option>
</select>
<?cs call:field_error("kind") ?>
<label for="campaign"><?cs var:Lang.Dashboard.Campaign ?></label>
<select id="campaign" name="campaign"<?cs call:field_attrs("campaign") ?>>
<option value=""><?cs var:Lang.Dashboard.AllCampaigns ?></option>
<?cs each:cp = Choices.Campaigns ?><option value="<?cs var:cp.Id ?>"<?cs if:Query.campaign == cp.Id ?> selected<?cs /if ?>><?cs var:cp.Title ?></option><?cs /each ?>
</select>
<?cs call:field_error("campaign") ?>
<label for="sort"><?cs var:Lang.Dashboard.Sort ?></label>
<select id="sort" name="sort"<?cs call:field_attrs("sort") ?>>
<option value="name"<?cs if:Query.sort == "name" || !Query.sort ?> selected<?cs /if ?>><?cs var:Lang.Dashboard.Sorts.name ?></option>
<option value="score"<?cs if:Query.sort == "score" ?> selected<?cs /if ?>><?cs var:Lang.Dashboard.Sorts.score ?></option>
<option value="gap"<?cs if:Query.sort == "gap" ?> selected<?cs /if ?>><?cs var:Lang.Dashboard.Sorts.gap ?></option>
</select>
<?cs call:field_error("sort") ?>
<button type="submit"><?cs var:Lang.Dashboard.Apply ?></button>
</form>

<?cs if:subcount(Heatmap.Rows) ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Table.Region ?>"><table class="data heatmap">
<caption><?cs var:Lang.Dashboard.Caption ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.Dashboard.Organisation ?></th><?cs each:f = Heatmap.Functions ?><th scope="col" class="num"><abbr title="<?cs var:Lang.Dashboard.Functions[f] ?>"><?cs var:f ?></abbr></th><?cs /each ?><th scope="col" class="num"><?cs var:Lang.Dashboard.Overall ?></th><th scope="col" class="num"><?cs var:Lang.Dashboard.Gap ?></th></tr></thead>
<tbody>
<?cs each:r = Heatmap.Rows ?>
<tr><th scope="row"><a href="/organisations/<?cs var:r.OrgId ?>/scores"><?cs var:r.Org ?></a>
<span class="org-meta"><?cs var:Lang.Dashboard.Kind[r.Kind] ?><?cs if:r.Status ?> · <span class="badge <?cs var:r.Status ?>"><?cs var:Lang.Assessment.States[r.Status] ?></span><?cs else ?> · <?cs var:Lang.Dashboard.NothingYet ?><?cs /if ?></span></th>
<?cs each:cell = r.Cells ?><td class="heat <?cs var:cell.Class ?>"><?cs if:#r.AssessmentId > #0 && cell.Score != "-" ?><a href="/assessments/<?cs var:r.AssessmentId ?>" aria-label="<?cs var:r.Org ?>, <?cs var:Lang.Dashboard.Functions[Heatmap.Functions[name(cell)]] ?>: <?cs var:cell.Score ?>"><?cs var:cell.Score ?></a><?cs else ?><?cs var:cell.Score ?><?cs /if ?></td><?cs /each ?>
<td class="heat overall <?cs var:r.OverallClass ?>"><?cs var:r.Overall ?></td>
<td class="num"><?cs if:#r.AssessmentId > #0 ?><?cs var:r.Gap ?><?cs else ?>-<?cs /if ?></td></tr>
<?cs /each ?>
</tbody></table></div>
<?cs if:#Heatmap.Pages > #1 ?>
<?cs set:pq = "kind=" + url_escape(Query.kind) + "&campaign=" + url_escape(Query.campaign) + "&sort=" + url_escape(Query.sort) ?>
<nav class="pager" aria-label="<?cs var:Lang.Dashboard.Pages ?>">
<?cs var:Lang.Dashboard.Showing ?> <?cs var:Heatmap.First ?>–<?cs var:Heatmap.Last ?> <?cs var:Lang.Dashboard.Of ?> <?cs var:Heatmap.Total ?>
<?cs if:#Heatmap.Page > #1 ?> · <a rel="prev" href="/dashboard?<?cs var:pq ?>&amp;page=<?cs var:#Heatmap.Page - #1 ?>"><?cs var:Lang.Dashboard.Previous ?></a><?cs /if ?>
<?cs if:#Heatmap.Page < #Heatmap.Pages ?> · <a rel="next" href="/dashboard?<?cs var:pq ?>&amp;page=<?cs var:#Heatmap.Page + #1 ?>"><?cs var:Lang.Dashboard.Next ?></a><?cs /if ?>
</nav>
<?cs /if ?>
<?cs else ?>
<p class="muted"><?cs var:Lang.Dashboard.NoRows ?></p>
<?cs /if ?>

<div class="legend">
<p><strong><?cs var:Lang.Dashboard.Legend ?></strong></p>
<ul class="heat-legend">
<?cs loop:k = 0, 5, 1 ?><li><span class="heat h<?cs var:k ?>"><?cs var:k ?><?cs if:k < 5 ?>–<?cs var:k ?>.9<?cs /if ?></span> <?cs var:Lang.Questionnaire.Levels[k] ?></li><?cs /loop ?>
<li><span class="heat hnone">-</span> <?cs var:Lang.Dashboard.LegendNone ?></li>
</ul>
<p class="hint"><?cs var:Lang.Dashboard.Method ?> <?cs var:Lang.Dashboard.GapMethod ?><?cs if:Session.Role.org_admin || Session.Role.reviewer ?> <a href="/weights"><?cs var:Lang.Weights.Link ?></a><?cs /if ?></p>
</div>

<h2><?cs var:Lang.Dashboard.ToReview ?></h2>
<?cs call:assessment_list(Lists.ToReview, Lang.Dashboard.ListEmpty) ?>
<h2><?cs var:Lang.Dashboard.Returned ?></h2>
<?cs call:assessment_list(Lists.Returned, Lang.Dashboard.ListEmpty) ?>
<h2><?cs var:Lang.Dashboard.Overdue ?></h2>
<?cs call:assessment_list(Lists.Overdue, Lang.Dashboard.ListEmpty) ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
