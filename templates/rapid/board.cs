<?cs # GET /rapid/:id - the asking organisation's live board of a rapid advisory campaign (cgi/rapid_board.c). ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<?cs with:b = Board.Campaign.0 ?>
<p class="crumbs"><a href="/rapid"><?cs var:Lang.Rapid.ListHeading ?></a> › <?cs var:b.Cve ?></p>
<h1><span class="code"><?cs var:b.Cve ?></span> <?cs var:b.Title ?></h1>
<?cs if:Flash ?><div class="alert ok" role="status"><?cs var:Lang.Rapid.Flash[Flash] ?></div><?cs /if ?>
<dl class="facts">
<dt><?cs var:Lang.Rapid.Deadline ?></dt><dd id="deadline"><?cs var:b.Deadline ?> <?cs var:Lang.Time.Utc ?><?cs if:b.Overdue ?> <span class="badge overdue"><?cs var:Lang.Rapid.Passed ?></span><?cs /if ?></dd>
<dt><?cs var:Lang.Rapid.Started ?></dt><dd><?cs var:b.Started ?> <?cs var:Lang.Time.Utc ?>, <?cs var:b.Org ?></dd>
<dt><?cs var:Lang.Rapid.RemindHours ?></dt><dd><?cs if:b.RemindHours == "0" ?><?cs var:Lang.Rapid.NoReminders ?><?cs else ?><?cs var:b.RemindHours ?><?cs /if ?></dd>
<?cs if:b.Advisory != "0" ?><dt><?cs var:Lang.Rapid.FromAdvisory ?></dt><dd><a href="/advisories/<?cs var:b.Advisory ?>"><?cs var:b.Title ?></a></dd><?cs /if ?>
</dl>
<ul class="counts" id="counts">
<li><strong id="count-asked"><?cs var:Board.Count.asked ?></strong> <?cs var:Lang.Rapid.Board.Asked ?></li>
<li><strong id="count-affected"><?cs var:Board.Count.affected ?></strong> <?cs var:Lang.Rapid.Answers.affected ?></li>
<li><strong id="count-not_affected"><?cs var:Board.Count.not_affected ?></strong> <?cs var:Lang.Rapid.Answers.not_affected ?></li>
<li><strong id="count-investigating"><?cs var:Board.Count.investigating ?></strong> <?cs var:Lang.Rapid.Answers.investigating ?></li>
<li><strong id="count-silent"><?cs var:Board.Count.silent ?></strong> <?cs var:Lang.Rapid.Board.Silent ?></li>
<li><strong id="count-overdue"><?cs var:Board.Count.overdue ?></strong> <?cs var:Lang.Rapid.Board.Overdue ?></li>
</ul>
<p><a href="/rapid/<?cs var:b.Id ?>/board.csv?sort=<?cs var:Board.Sort ?>"><?cs var:Lang.Rapid.Board.Csv ?></a> · <a href="/rapid/<?cs var:b.Id ?>/board.json?sort=<?cs var:Board.Sort ?>"><?cs var:Lang.Rapid.Board.Json ?></a></p>
<nav class="sort" aria-label="<?cs var:Lang.Rapid.Board.SortBy ?>"><?cs var:Lang.Rapid.Board.SortBy ?>: <?cs each:s = Lang.Rapid.Board.Sorts ?><?cs if:Board.Sort == name(s) ?><strong aria-current="true"><?cs var:s ?></strong><?cs else ?><a href="/rapid/<?cs var:b.Id ?>?sort=<?cs name:s ?>"><?cs var:s ?></a><?cs /if ?> <?cs /each ?></nav>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Rapid.Board.Heading ?>"><table class="data" id="board">
<thead><tr><th><?cs var:Lang.Rapid.Board.Org ?></th><th><?cs var:Lang.Rapid.Board.Answer ?></th><th><?cs var:Lang.Rapid.Answer.Products ?></th><th><?cs var:Lang.Rapid.Answer.FixDate ?></th><th><?cs var:Lang.Rapid.Answer.Contact ?></th><th class="num"><?cs var:Lang.Rapid.Board.HoursToAnswer ?></th></tr></thead>
<tbody><?cs each:r = Board.Rows ?>
<tr><td><?cs var:r.Org ?> <span class="muted">(<?cs var:Lang.Campaign.Kind[r.Kind] ?>)</span></td>
<td><?cs if:r.Answer ?><span class="answer <?cs var:r.Answer ?>"><?cs var:Lang.Rapid.Answers[r.Answer] ?></span><?cs elif:r.Overdue ?><span class="badge overdue"><?cs var:Lang.Rapid.Board.Overdue ?></span><?cs else ?><span class="muted"><?cs var:Lang.Rapid.Board.Silent ?></span><?cs /if ?></td>
<td><?cs var:r.Products ?></td><td><?cs var:r.FixDate ?></td><td><?cs var:r.Contact ?></td><td class="num"><?cs var:r.Hours ?></td></tr>
<?cs /each ?></tbody></table></div>
<?cs if:Board.MayShare ?>
<section class="panel" id="share-stats">
<h2><?cs var:Lang.Rapid.Share.Heading ?></h2>
<p class="muted"><?cs var:Lang.Rapid.Share.Intro ?> <?cs var:Board.Count.affected ?> / <?cs var:Board.Count.asked ?> <?cs var:Lang.Rapid.Answers.affected ?>, <?cs var:Board.Count.mitigated ?> <?cs var:Lang.Rapid.Share.Mitigated ?>.</p>
<?cs if:subcount(Board.Recipients) ?>
<?cs call:form_summary() ?>
<form method="post" action="/rapid/<?cs var:b.Id ?>/share">
<input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
<label for="recipient_id"><?cs var:Lang.Rapid.Share.Recipient ?></label>
<select id="recipient_id" name="recipient_id" required<?cs call:field_attrs("recipient_id") ?>><?cs each:r = Board.Recipients ?><option value="<?cs var:r.Id ?>"<?cs if:Form.Values.recipient_id == r.Id ?> selected<?cs /if ?>><?cs var:r.Name ?> (<?cs var:Lang.Rapid.Share.Accepts ?> <?cs var:Lang.Tlp[r.MaxTlp].Label ?>)</option><?cs /each ?></select>
<?cs call:field_error("recipient_id") ?>
<label for="tlp"><?cs var:Lang.Incident.TlpShort ?></label>
<select id="tlp" name="tlp" required<?cs call:field_attrs("tlp") ?>><?cs each:t = Lang.Rapid.Share.Tlps ?><option value="<?cs name:t ?>"<?cs if:Form.Values.tlp == name(t) || (!Form.Values.tlp && name(t) == "amber") ?> selected<?cs /if ?>><?cs var:t ?></option><?cs /each ?></select>
<?cs call:field_error("tlp") ?>
<div class="actions"><button type="submit" class="primary"><?cs var:Lang.Rapid.Share.Submit ?></button></div>
</form>
<?cs else ?><p><?cs var:Lang.Rapid.Share.NoRecipients ?> <a href="/recipients"><?cs var:Lang.Rapid.Share.AddRecipient ?></a></p><?cs /if ?>
</section>
<?cs /if ?>
<?cs /with ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
