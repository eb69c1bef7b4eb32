<?cs # GET /advisory-feeds (and 422 from POST /advisory-feeds) - the advisory feeds of the user's organisations and the form to add one (cgi/handler_feed.c). ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<p class="crumbs"><a href="/advisories"><?cs var:Lang.Advisory.ListHeading ?></a></p>
<h1><?cs var:Lang.Feed.ListHeading ?></h1>
<p class="muted"><?cs var:Lang.Feed.ListIntro ?></p>
<?cs if:Flash ?><div class="alert ok" role="status"><?cs var:Lang.Feed.Flash[Flash] ?></div><?cs /if ?>
<?cs call:form_summary() ?>
<?cs if:subcount(Feeds) ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Feed.ListHeading ?>"><table class="data">
<thead><tr><th><?cs var:Lang.Feed.Url ?></th><th><?cs var:Lang.Feed.Kind ?></th><th><?cs var:Lang.Form.Organisation ?></th><th><?cs var:Lang.Feed.LastPoll ?></th></tr></thead>
<tbody><?cs each:f = Feeds ?>
<tr><td class="code"><a href="/advisory-feeds/<?cs var:f.Id ?>"><?cs var:f.Url ?></a></td><td><?cs var:Lang.Feed.Kinds[f.Kind] ?></td><td><?cs var:f.Org ?></td>
<td><?cs if:f.Polled ?><span class="when"><?cs var:f.Polled ?> <?cs var:Lang.Time.Utc ?></span>: <?cs var:Lang.Feed.Outcome[f.Outcome] ?><?cs if:f.Outcome != "failed" ?> (<?cs var:f.Imported ?> <?cs var:Lang.Feed.ImportedWord ?>, <?cs var:f.Refused ?> <?cs var:Lang.Feed.RefusedWord ?>)<?cs /if ?><?cs else ?><?cs var:Lang.Feed.NotYet ?><?cs /if ?></td></tr>
<?cs /each ?></tbody></table></div>
<?cs else ?><p><?cs var:Lang.Feed.None ?></p><?cs /if ?>
<?cs if:Feed.MayAdd ?>
<section class="panel">
<h2><?cs var:Lang.Feed.Add ?></h2>
<form method="post" action="/advisory-feeds" class="wide">
<input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
<?cs if:subcount(FeedOrgs) > 1 ?>
<label for="org_id"><?cs var:Lang.Form.Organisation ?></label>
<select id="org_id" name="org_id"><?cs each:o = FeedOrgs ?><option value="<?cs var:o.Id ?>"<?cs if:Form.Values.org_id == o.Id ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?></select>
<?cs /if ?>
<label for="kind"><?cs var:Lang.Feed.Kind ?></label>
<select id="kind" name="kind"<?cs call:field_attrs("kind") ?>><?cs each:k = Choices.FeedKind ?><option value="<?cs var:k ?>"<?cs if:Form.Values.kind == k ?> selected<?cs /if ?>><?cs var:Lang.Feed.Kinds[k] ?></option><?cs /each ?></select><?cs call:field_error("kind") ?>
<label for="url"><?cs var:Lang.Feed.Url ?></label>
<p class="hint" id="url-hint"><?cs var:Lang.Feed.UrlHint ?></p>
<input id="url" name="url" type="url" required maxlength="1000" value="<?cs var:Form.Values.url ?>"<?cs if:Form.Errors.url ?><?cs call:field_attrs("url") ?><?cs else ?> aria-describedby="url-hint"<?cs /if ?>><?cs call:field_error("url") ?>
<div class="actions"><button type="submit" class="primary"><?cs var:Lang.Feed.Submit ?></button></div>
</form>
</section>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
