<?cs # GET /advisories/:id - one advisory as taken in (cgi/advisory_page.c). ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<p class="crumbs"><a href="/advisories"><?cs var:Lang.Advisory.ListHeading ?></a> › <?cs var:Advisory.TrackingId ?></p>
<h1><?cs var:Advisory.Title ?></h1>
<?cs if:Flash ?><div class="alert ok" role="status"><?cs var:Lang.Advisory.Flash[Flash] ?></div><?cs /if ?>
<?cs if:Advisory.SupersededBy != "0" ?><div class="alert" role="status"><?cs var:Lang.Advisory.SupersededHint ?> <a href="/advisories/<?cs var:Advisory.SupersededBy ?>"><?cs var:Lang.Advisory.Newest ?></a></div><?cs /if ?>
<dl class="facts">
<dt><?cs var:Lang.Advisory.TrackingId ?></dt><dd class="code" id="tracking-id"><?cs var:Advisory.TrackingId ?></dd>
<dt><?cs var:Lang.Advisory.VersionWord ?></dt><dd id="version"><?cs var:Advisory.Version ?></dd>
<dt><?cs var:Lang.Advisory.Publisher ?></dt><dd><?cs var:Advisory.Publisher ?> <span class="muted">(<?cs var:Advisory.Namespace ?>)</span></dd>
<dt><?cs var:Lang.Incident.TlpShort ?></dt><dd><span class="tlp <?cs var:Advisory.Tlp ?>" id="tlp"><?cs var:Lang.Advisory.Tlp[Advisory.Tlp] ?></span><?cs if:Advisory.Tlp == "unmarked" ?> <span class="muted"><?cs var:Lang.Advisory.UnmarkedHint ?></span><?cs /if ?></dd>
<dt><?cs var:Lang.Advisory.Released ?></dt><dd><?cs var:Advisory.Released ?> <?cs var:Lang.Time.Utc ?></dd>
<dt><?cs var:Lang.Advisory.TakenIn ?></dt><dd><?cs var:Advisory.Org ?>, <?cs var:Advisory.Imported ?> <?cs var:Lang.Time.Utc ?></dd>
</dl>

<?cs each:v = Vulnerabilities ?>
<section class="panel vulnerability">
<h2><?cs if:v.Cve ?><span class="code"><?cs var:v.Cve ?></span> <?cs /if ?><?cs var:v.Title ?></h2>
<?cs if:v.Score ?><p><?cs var:Lang.Advisory.Cvss ?>: <strong><?cs var:v.Score ?></strong><?cs if:v.Severity ?> (<?cs var:v.Severity ?>)<?cs /if ?><?cs if:v.Vector ?> <code class="vector"><?cs var:v.Vector ?></code><?cs /if ?></p><?cs /if ?>
<?cs if:v.Cwe ?><p class="muted"><?cs var:v.Cwe ?> <?cs var:v.CweName ?></p><?cs /if ?>
<?cs if:subcount(v.Status) ?><h3><?cs var:Lang.Advisory.Products ?></h3>
<dl class="product-status"><?cs each:s = v.Status ?><dt><?cs alt:Lang.Advisory.Status[name(s)] ?><?cs name:s ?><?cs /alt ?></dt><dd><ul><?cs each:p = s ?><?cs if:name(p) != "More" ?><li><?cs var:p ?></li><?cs /if ?><?cs /each ?><?cs if:s.More ?><li><?cs var:s.More ?> <?cs var:Lang.Advisory.MoreProducts ?></li><?cs /if ?></ul></dd><?cs /each ?></dl><?cs /if ?>
<?cs if:subcount(v.Remediations) ?><h3><?cs var:Lang.Advisory.Remediations ?></h3>
<ul><?cs each:r = v.Remediations ?><li><strong><?cs alt:Lang.Advisory.Remediation[r.Category] ?><?cs var:r.Category ?><?cs /alt ?></strong>: <?cs var:r.Details ?><?cs if:r.Url ?> <a href="<?cs var:r.Url ?>" rel="noopener noreferrer"><?cs var:r.Url ?></a><?cs /if ?></li><?cs /each ?></ul><?cs /if ?>
</section>
<?cs /each ?>

<?cs if:Advisory.MayShare ?>
<section class="panel" id="rapid">
<h2><?cs var:Lang.Rapid.FromAdvisoryHeading ?></h2>
<p class="muted"><?cs var:Lang.Rapid.FromAdvisoryHint ?></p>
<p><a class="button" href="/rapid/new?advisory_id=<?cs var:Advisory.Id ?>&amp;org_id=<?cs var:Advisory.OrgId ?>"><?cs var:Lang.Rapid.StartFromAdvisory ?></a></p>
</section>
<section class="panel share" id="share">
<h2><?cs var:Lang.Advisory.ShareHeading ?></h2>
<?cs if:Form.Message ?><div class="alert error" role="alert"><?cs var:Lang.Advisory.Messages[Form.Message] ?></div><?cs /if ?>
<p class="muted"><?cs var:Lang.Advisory.ShareRule[Advisory.Tlp] ?></p>
<?cs if:Advisory.Tlp != "red" && subcount(ShareTargets) ?>
<form method="post" action="/advisories/<?cs var:Advisory.Id ?>/share">
<input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
<fieldset><legend><?cs var:Lang.Advisory.ShareTo ?></legend>
<?cs each:t = ShareTargets ?><?cs set:of = "org_" + t.Id ?><label class="check"><input type="checkbox" name="<?cs var:of ?>" value="1"<?cs if:t.Shared || Form.Values[of] == "1" ?> checked<?cs /if ?><?cs if:t.Shared ?> disabled<?cs /if ?>> <?cs var:t.Name ?> <span class="muted">(<?cs var:Lang.Campaign.Kind[t.Kind] ?><?cs if:t.Shared ?>, <?cs var:Lang.Advisory.AlreadyShared ?><?cs /if ?>)</span></label><?cs /each ?>
</fieldset>
<div class="actions"><button type="submit" class="primary"><?cs var:Lang.Advisory.ShareSubmit ?></button></div>
</form>
<?cs elif:Advisory.Tlp != "red" ?><p><?cs var:Lang.Advisory.NoTargets ?></p><?cs /if ?>
</section>
<?cs /if ?>

<?cs if:subcount(Revisions) > 1 ?><section class="panel"><h2><?cs var:Lang.Advisory.Revisions ?></h2>
<ul><?cs each:r = Revisions ?><li><?cs if:r.Id == Advisory.Id ?><strong><?cs var:Lang.Advisory.VersionWord ?> <?cs var:r.Version ?></strong><?cs else ?><a href="/advisories/<?cs var:r.Id ?>"><?cs var:Lang.Advisory.VersionWord ?> <?cs var:r.Version ?></a><?cs /if ?>, <?cs var:r.Released ?> <?cs var:Lang.Time.Utc ?><?cs if:r.Current ?> · <?cs var:Lang.Advisory.Newest ?><?cs /if ?></li><?cs /each ?></ul></section><?cs /if ?>

<?cs if:subcount(History) ?><section class="panel"><h2><?cs var:Lang.Advisory.History ?></h2>
<ol class="history"><?cs each:h = History ?><li><?cs var:Lang.Advisory.VersionWord ?> <?cs var:h.Number ?>, <?cs var:h.Date ?>: <?cs var:h.Summary ?></li><?cs /each ?></ol></section><?cs /if ?>

<?cs if:subcount(References) ?><section class="panel"><h2><?cs var:Lang.Advisory.References ?></h2>
<ul class="references"><?cs each:r = References ?><li><?cs if:r.Url ?><a href="<?cs var:r.Url ?>" rel="noopener noreferrer"><?cs var:r.Summary ?></a><?cs else ?><?cs var:r.Summary ?><?cs /if ?></li><?cs /each ?></ul></section><?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
