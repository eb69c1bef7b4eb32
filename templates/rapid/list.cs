<?cs # GET /rapid - the rapid advisory campaigns of the user's organisations (cgi/handler_rapid.c). ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<h1><?cs var:Lang.Rapid.ListHeading ?></h1>
<p class="muted"><?cs var:Lang.Rapid.ListIntro ?></p>
<?cs if:Rapid.MayStart ?><p><a class="button primary" href="/rapid/new"><?cs var:Lang.Rapid.StartByHand ?></a></p><?cs /if ?>
<?cs if:subcount(Campaigns) ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Rapid.ListHeading ?>"><table class="data">
<thead><tr><th><?cs var:Lang.Rapid.Cve ?></th><th><?cs var:Lang.Rapid.Title ?></th><th><?cs var:Lang.Rapid.Deadline ?></th><th class="num"><?cs var:Lang.Rapid.Board.Answered ?></th><th class="num"><?cs var:Lang.Rapid.Answers.affected ?></th></tr></thead>
<tbody><?cs each:r = Campaigns ?>
<tr><td class="code"><a href="/rapid/<?cs var:r.Id ?>"><?cs var:r.Cve ?></a></td><td><?cs var:r.Title ?> <span class="muted">(<?cs var:r.Org ?>)</span></td>
<td class="when"><?cs var:r.Deadline ?> <?cs var:Lang.Time.Utc ?><?cs if:r.Overdue ?> <span class="badge overdue"><?cs var:Lang.Rapid.Passed ?></span><?cs /if ?></td>
<td class="num"><?cs var:r.Answered ?> / <?cs var:r.Asked ?></td><td class="num"><?cs var:r.Affected ?></td></tr>
<?cs /each ?></tbody></table></div>
<?cs else ?><p><?cs var:Lang.Rapid.None ?></p><?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
