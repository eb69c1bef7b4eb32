<?cs # GET /misp-events/:id - one MISP event taken in from a MISP feed, with its revisions (cgi/handler_misp_event.c). ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<p class="crumbs"><a href="/advisories"><?cs var:Lang.Advisory.ListHeading ?></a> › <?cs var:Lang.Misp.ListHeading ?></p>
<h1><?cs var:Misp.Info ?></h1>
<?cs if:Misp.SupersededBy != "0" ?><div class="alert" role="status"><?cs var:Lang.Misp.SupersededHint ?> <a href="/misp-events/<?cs var:Misp.SupersededBy ?>"><?cs var:Lang.Misp.Newest ?></a></div><?cs /if ?>
<dl class="facts">
<dt><?cs var:Lang.Misp.Publisher ?></dt><dd id="publisher"><?cs if:Misp.Publisher ?><?cs var:Misp.Publisher ?><?cs else ?><?cs var:Lang.Misp.Unknown ?><?cs /if ?></dd>
<dt><?cs var:Lang.Misp.Date ?></dt><dd><?cs if:Misp.Date ?><?cs var:Misp.Date ?><?cs else ?><?cs var:Lang.Misp.Unknown ?><?cs /if ?></dd>
<dt><?cs var:Lang.Incident.TlpShort ?></dt><dd><span class="tlp <?cs var:Misp.Tlp ?>" id="tlp"><?cs var:Lang.Misp.Tlp[Misp.Tlp] ?></span><?cs if:Misp.Tlp == "unmarked" ?> <span class="muted"><?cs var:Lang.Misp.UnmarkedHint ?></span><?cs /if ?></dd>
<dt><?cs var:Lang.Misp.ThreatLevel ?></dt><dd id="threat-level"><?cs var:Lang.Misp.ThreatLevels[Misp.ThreatLevel] ?></dd>
<dt><?cs var:Lang.Misp.Revision ?></dt><dd class="when" id="revision"><?cs var:Misp.Revision ?> <?cs var:Lang.Time.Utc ?></dd>
<dt><?cs var:Lang.Misp.Uuid ?></dt><dd class="code"><?cs var:Misp.Uuid ?></dd>
<dt><?cs var:Lang.Misp.TakenIn ?></dt><dd><?cs var:Misp.Org ?>, <?cs var:Misp.Imported ?> <?cs var:Lang.Time.Utc ?><?cs if:Misp.FeedId != "0" ?> (<a href="/advisory-feeds/<?cs var:Misp.FeedId ?>"><?cs var:Lang.Misp.Feed ?></a>)<?cs /if ?></dd>
</dl>
<h2><?cs var:Lang.Misp.Cves ?></h2>
<?cs if:subcount(Misp.Cves) ?><ul class="cves" id="cves"><?cs each:v = Misp.Cves ?><li class="code"><?cs var:v ?></li><?cs /each ?></ul>
<?cs else ?><p><?cs var:Lang.Misp.NoCves ?></p><?cs /if ?>
<h2><?cs var:Lang.Misp.Attributes ?></h2>
<p class="muted"><?cs var:Lang.Misp.AttributesIntro ?></p>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Misp.Attributes ?>"><table class="data" id="attributes">
<thead><tr><th><?cs var:Lang.Misp.AttributeType ?></th><th><?cs var:Lang.Misp.AttributeCount ?></th></tr></thead>
<tbody><?cs each:a = Attributes ?><tr><td class="code"><?cs var:a.Type ?></td><td><?cs var:a.Count ?></td></tr><?cs /each ?>
<tr><th scope="row"><?cs var:Lang.Misp.AttributesTotal ?></th><td><?cs var:Misp.AttributesTotal ?></td></tr></tbody></table></div>
<h2><?cs var:Lang.Misp.Revisions ?></h2>
<p class="muted"><?cs var:Lang.Misp.RevisionsIntro ?></p>
<ul id="revisions"><?cs each:r = Revisions ?>
<li><?cs if:r.Id == Misp.Id ?><span class="when"><?cs var:r.Revision ?> <?cs var:Lang.Time.Utc ?></span> (<?cs var:Lang.Misp.This ?>)<?cs else ?><a href="/misp-events/<?cs var:r.Id ?>" class="when"><?cs var:r.Revision ?> <?cs var:Lang.Time.Utc ?></a><?cs /if ?><?cs if:r.Superseded ?> <span class="badge superseded"><?cs var:Lang.Misp.Superseded ?></span><?cs /if ?></li>
<?cs /each ?></ul>
<?cs /def ?>
<?cs include:"layout.cs" ?>
