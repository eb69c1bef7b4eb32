<?cs # GET /campaigns/:id/report - the campaign on one printable page: what was asked of whom
     and by when, each respondent's status and scores by function and overall (once
     submitted), and the totals. The print stylesheet leaves out navigation and buttons. ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<p class="crumbs"><a href="/campaigns/<?cs var:Report.Id ?>"><?cs var:Lang.Report.Back ?></a></p>
<article class="report">
<h1><?cs var:Report.Title ?> <small><?cs var:Lang.Report.Heading ?> · <?cs var:Lang.Campaign.Cycle ?> <?cs var:Report.Cycle ?></small></h1>
<dl class="facts">
<dt><?cs var:Lang.Campaign.Owner ?></dt><dd><?cs var:Report.Owner ?></dd>
<dt><?cs var:Lang.Campaign.Questionnaire ?></dt><dd><?cs var:Report.Questionnaire ?> (<?cs var:Lang.Campaign.Version ?> <?cs var:Report.Version ?>)</dd>
<dt><?cs var:Lang.Campaign.DueDate ?></dt><dd class="when"><?cs var:Report.DueDate ?></dd>
<dt><?cs var:Lang.Report.Generated ?></dt><dd class="when"><?cs var:Report.Generated ?> <?cs var:Lang.Time.Utc ?></dd>
</dl>

<?cs if:subcount(Report.Rows) ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Table.Region ?>"><table class="data heatmap report">
<caption><?cs var:Lang.Report.Caption ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.Dashboard.Organisation ?></th><th scope="col"><?cs var:Lang.Assessment.Status ?></th><th scope="col"><?cs var:Lang.Campaign.Submitted ?></th><?cs each:f = Report.Functions ?><th scope="col" class="num"><abbr title="<?cs var:Lang.Dashboard.Functions[f] ?>"><?cs var:f ?></abbr></th><?cs /each ?><th scope="col" class="num"><?cs var:Lang.Dashboard.Overall ?></th></tr></thead>
<tbody>
<?cs each:r = Report.Rows ?>
<tr><th scope="row"><a href="/assessments/<?cs var:r.AssessmentId ?>"><?cs var:r.Org ?></a><?cs if:r.Kind ?><span class="org-meta"><?cs var:Lang.Dashboard.Kind[r.Kind] ?></span><?cs /if ?></th>
<td><span class="badge <?cs var:r.Status ?>"><?cs var:Lang.Assessment.States[r.Status] ?></span><?cs if:Report.PastDue && (r.Status == "draft" || r.Status == "returned") ?> <span class="badge overdue"><?cs var:Lang.Campaign.OverdueFlag ?></span><?cs /if ?></td>
<td class="when"><?cs var:r.Submitted ?></td>
<?cs each:cell = r.Cells ?><td class="heat <?cs var:cell.Class ?>"><?cs var:cell.Score ?></td><?cs /each ?>
<td class="heat overall <?cs var:r.OverallClass ?>"><?cs var:r.Overall ?></td></tr>
<?cs /each ?>
</tbody>
<tfoot><tr><th scope="row" colspan="3"><?cs var:Lang.Report.Mean ?> <span class="org-meta"><?cs var:Report.Totals.Scored ?> <?cs var:Lang.Campaign.Of ?> <?cs var:Report.Totals.Respondents ?> <?cs var:Lang.Report.WithScores ?></span></th>
<?cs each:cell = Report.Totals.Cells ?><td class="heat <?cs var:cell.Class ?>"><?cs var:cell.Score ?></td><?cs /each ?>
<td class="heat overall <?cs var:Report.Totals.OverallClass ?>"><?cs var:Report.Totals.Overall ?></td></tr></tfoot>
</table></div>

<h2><?cs var:Lang.Report.Totals ?></h2>
<dl class="facts totals">
<dt><?cs var:Lang.Report.Respondents ?></dt><dd><?cs var:Report.Totals.Respondents ?></dd>
<?cs each:n = Report.Totals.Counts ?><dt><?cs var:Lang.Assessment.States[name(n)] ?></dt><dd><?cs var:n ?></dd>
<?cs /each ?>
</dl>
<p class="hint"><?cs var:Lang.Report.ScoresOnceSubmitted ?> <?cs var:Lang.Dashboard.Method ?></p>
<?cs else ?>
<p class="muted"><?cs var:Lang.Campaign.NoTargetsYet ?></p>
<?cs /if ?>
<p class="hint print-hint"><?cs var:Lang.Report.PrintHint ?></p>
</article>
<?cs /def ?>
<?cs include:"layout.cs" ?>
