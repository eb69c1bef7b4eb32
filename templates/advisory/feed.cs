<?cs # GET /advisory-feeds/:id - one advisory feed: how its last poll went and the documents it refused, with the reasons (cgi/handler_feed.c). ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<p class="crumbs"><a href="/advisories"><?cs var:Lang.Advisory.ListHeading ?></a> › <a href="/advisory-feeds"><?cs var:Lang.Feed.ListHeading ?></a></p>
<h1><?cs var:Lang.Feed.Heading ?></h1>
<dl class="facts">
<dt><?cs var:Lang.Feed.Url ?></dt><dd class="code"><?cs var:Feed.Url ?></dd>
<dt><?cs var:Lang.Feed.Kind ?></dt><dd><?cs var:Lang.Feed.Kinds[Feed.Kind] ?></dd>
<dt><?cs var:Lang.Form.Organisation ?></dt><dd><?cs var:Feed.Org ?></dd>
<dt><?cs var:Lang.Feed.Added ?></dt><dd class="when"><?cs var:Feed.Created ?> <?cs var:Lang.Time.Utc ?></dd>
<dt><?cs var:Lang.Feed.LastPoll ?></dt><dd id="last-poll"><?cs if:Feed.Polled ?><span class="when"><?cs var:Feed.Polled ?> <?cs var:Lang.Time.Utc ?></span>: <?cs var:Lang.Feed.Outcome[Feed.Outcome] ?><?cs if:Feed.Outcome == "failed" ?> <?cs alt:Lang.Feed.FeedError[Feed.Error] ?><span class="code"><?cs var:Feed.Error ?></span><?cs /alt ?><?cs else ?> (<?cs var:Feed.Imported ?> <?cs var:Lang.Feed.ImportedWord ?>, <?cs var:Feed.Refused ?> <?cs var:Lang.Feed.RefusedWord ?>)<?cs /if ?><?cs else ?><?cs var:Lang.Feed.NotYet ?><?cs /if ?></dd>
<dt><?cs var:Lang.Feed.NextPoll ?></dt><dd class="when"><?cs var:Feed.Next ?> <?cs var:Lang.Time.Utc ?></dd>
</dl>
<h2><?cs var:Lang.Feed.Documents ?></h2>
<?cs if:subcount(Documents) ?>
<ul class="feed-documents" id="documents"><?cs each:d = Documents ?>
<li><span class="code"><?cs var:d.Url ?></span> <span class="when muted"><?cs var:d.Checked ?> <?cs var:Lang.Time.Utc ?></span>:
<?cs if:d.Advisory ?><a href="/advisories/<?cs var:d.Advisory ?>"><?cs var:Lang.Feed.TakenIn ?></a>
<?cs elif:d.MispEvent ?><a href="/misp-events/<?cs var:d.MispEvent ?>"><?cs var:Lang.Feed.MispTakenIn ?></a>
<?cs elif:d.Error ?><?cs var:Lang.Feed.DocRefused ?> <?cs alt:Lang.Feed.DocError[d.Error] ?><?cs var:d.Error ?><?cs /alt ?>
<?cs else ?><?cs var:Lang.Feed.DocRefusedSchema ?>
<ul class="problems"><?cs each:p = d.Problems ?><li><code><?cs var:p.Path ?></code>: <?cs alt:Lang.Advisory.Schema[p.Keyword] ?><?cs var:p.Keyword ?><?cs /alt ?><?cs if:p.Param != "" ?> <code><?cs var:p.Param ?></code><?cs /if ?></li><?cs /each ?></ul>
<?cs /if ?></li>
<?cs /each ?></ul>
<?cs else ?><p><?cs var:Lang.Feed.NoDocuments ?></p><?cs /if ?>
<?cs if:Feed.MayRemove ?>
<form method="post" action="/advisory-feeds/<?cs var:Feed.Id ?>/remove">
<input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
<p class="hint"><?cs var:Lang.Feed.RemoveHint ?></p>
<div class="actions"><button type="submit"><?cs var:Lang.Feed.Remove ?></button></div>
</form>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
