<?cs # GET /advisories - the security advisories the user's organisations took in (cgi/handler_advisory.c). ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<h1><?cs var:Lang.Advisory.ListHeading ?></h1>
<p class="muted"><?cs var:Lang.Advisory.ListIntro ?></p>
<?cs if:Advisory.MayImport ?><p><a class="button primary" href="/advisories/new"><?cs var:Lang.Advisory.Import ?></a> <a class="button" href="/advisory-feeds"><?cs var:Lang.Feed.ListHeading ?></a> <a class="button" href="/rapid"><?cs var:Lang.Rapid.ListHeading ?></a></p><?cs else ?><p><a href="/advisory-feeds"><?cs var:Lang.Feed.ListHeading ?></a></p><?cs /if ?>
<?cs if:subcount(Advisories) ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Advisory.ListHeading ?>"><table class="data">
<thead><tr><th><?cs var:Lang.Advisory.TrackingId ?></th><th><?cs var:Lang.Advisory.Title ?></th><th><?cs var:Lang.Advisory.Cves ?></th><th><?cs var:Lang.Advisory.Publisher ?></th><th><?cs var:Lang.Incident.TlpShort ?></th><th><?cs var:Lang.Advisory.Released ?></th></tr></thead>
<tbody><?cs each:a = Advisories ?>
<tr><td class="code"><a href="/advisories/<?cs var:a.Id ?>"><?cs var:a.TrackingId ?></a> <span class="muted"><?cs var:Lang.Advisory.VersionWord ?> <?cs var:a.Version ?></span><?cs if:a.Superseded ?> <span class="badge superseded"><?cs var:Lang.Advisory.Superseded ?></span><?cs /if ?></td>
<td><?cs var:a.Title ?></td><td><?cs var:a.Cves ?></td><td><?cs var:a.Publisher ?></td>
<td><span class="tlp <?cs var:a.Tlp ?>"><?cs var:Lang.Advisory.Tlp[a.Tlp] ?></span></td>
<td class="when"><?cs var:a.Released ?> <?cs var:Lang.Time.Utc ?></td></tr>
<?cs /each ?></tbody></table></div>
<?cs else ?><p><?cs var:Lang.Advisory.None ?></p><?cs /if ?>
<h2 id="misp-events"><?cs var:Lang.Misp.ListHeading ?></h2>
<p class="muted"><?cs var:Lang.Misp.ListIntro ?></p>
<?cs if:subcount(MispEvents) ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Misp.ListHeading ?>"><table class="data">
<thead><tr><th><?cs var:Lang.Misp.Info ?></th><th><?cs var:Lang.Misp.Cves ?></th><th><?cs var:Lang.Misp.Publisher ?></th><th><?cs var:Lang.Incident.TlpShort ?></th><th><?cs var:Lang.Misp.Revision ?></th></tr></thead>
<tbody><?cs each:e = MispEvents ?>
<tr><td><a href="/misp-events/<?cs var:e.Id ?>"><?cs var:e.Info ?></a></td><td><?cs var:e.Cves ?></td><td><?cs var:e.Publisher ?></td>
<td><span class="tlp <?cs var:e.Tlp ?>"><?cs var:Lang.Misp.Tlp[e.Tlp] ?></span></td>
<td class="when"><?cs var:e.Date ?> <?cs var:Lang.Time.Utc ?></td></tr>
<?cs /each ?></tbody></table></div>
<?cs else ?><p><?cs var:Lang.Misp.None ?></p><?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
