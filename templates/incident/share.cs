<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<p class="crumbs"><a href="/incidents/<?cs var:Share.IncidentId ?>"><?cs var:Share.Number ?></a></p>
<h1><?cs var:Lang.Share.Heading ?>: <?cs var:Share.Number ?> · <?cs var:Share.Title ?></h1>
<p><span class="tlp <?cs var:Share.Tlp ?>"><?cs var:Lang.Tlp[Share.Tlp].Label ?></span> — <?cs var:Lang.Tlp[Share.Tlp].Meaning ?></p>
<p class="muted"><?cs var:Lang.Share.Rules ?></p>
<?cs if:Form.Message ?><div class="alert error" role="alert"><?cs var:Lang.Share.Messages[Form.Message] ?></div><?cs /if ?>
<form method="post" action="/incidents/<?cs var:Share.IncidentId ?>/share">
<input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
<fieldset><legend><?cs var:Lang.Share.Recipients ?></legend>
<?cs each:r = Recipients ?><?cs set:rf = "recipient_" + r.Id ?>
<label class="check<?cs if:!r.Allowed ?> disabled<?cs /if ?>"><input type="checkbox" name="<?cs var:rf ?>" value="1"<?cs if:Form.Values[rf] == "1" ?> checked<?cs /if ?><?cs if:!r.Allowed ?> disabled<?cs /if ?>>
<?cs var:r.Name ?> (<?cs var:r.Owner ?>, <?cs var:Lang.Recipients.Formats[r.Format] ?>, <?cs var:Lang.Recipients.MaxTlp ?> <?cs var:Lang.Tlp[r.MaxTlp].Label ?>)<?cs if:!r.Allowed ?> — <?cs var:Lang.Share.Why[r.Why] ?><?cs /if ?><?cs if:r.SentOn ?> <strong class="sent-on"><?cs var:Lang.Share.SentOn ?> <?cs var:r.SentOn ?> <?cs var:Lang.Time.Utc ?></strong><?cs set:any_sent = 1 ?><?cs /if ?></label>
<?cs /each ?>
<?cs if:any_sent ?><label class="check"><input type="checkbox" name="update" value="1"<?cs if:Form.Values.update == "1" ?> checked<?cs /if ?>> <?cs var:Lang.Share.Update ?></label><?cs /if ?>
<?cs if:!subcount(Recipients) ?><p><?cs var:Lang.Share.NoRecipients ?> <a href="/recipients"><?cs var:Lang.Recipients.Heading ?></a></p><?cs /if ?>
</fieldset>
<fieldset><legend><?cs var:Lang.Share.LeaveOut ?></legend>
<?cs each:f = Share.Omittable ?><?cs set:of = "omit_" + f ?><label class="check"><input type="checkbox" name="<?cs var:of ?>" value="1"<?cs if:Form.Values[of] == "1" ?> checked<?cs /if ?>> <?cs var:Lang.Share.Fields[f] ?></label><?cs /each ?>
<label class="check"><input type="checkbox" name="anonymise" value="1"<?cs if:Form.Values.anonymise == "1" ?> checked<?cs /if ?>> <?cs var:Lang.Share.Anonymise ?></label>
</fieldset>
<div class="actions">
<button type="submit" name="action" value="preview"><?cs var:Lang.Share.Preview ?></button>
<button type="submit" name="action" value="approve" class="primary"><?cs var:Lang.Share.Approve ?></button>
</div>
</form>
<?cs if:subcount(Preview) ?>
<h2><?cs var:Lang.Share.WhatEachReceives ?></h2>
<?cs each:p = Preview ?><h3><?cs var:p.Recipient ?> (<?cs var:Lang.Recipients.Formats[p.Format] ?>)</h3>
<dl class="facts share-summary">
<dt><?cs var:Lang.Share.To ?></dt><dd><?cs var:p.Recipient ?></dd>
<dt><?cs var:Lang.Recipients.Format ?></dt><dd><?cs var:Lang.Recipients.Formats[p.Format] ?></dd>
<dt><?cs var:Lang.Share.TlpMarking ?></dt><dd><span class="tlp <?cs var:Share.Tlp ?>"><?cs var:Lang.Tlp[Share.Tlp].Label ?></span></dd>
<dt><?cs var:Lang.Share.Includes ?></dt><dd><?cs var:Lang.Share.Basics ?><?cs each:f = Share.Included ?>, <?cs var:Lang.Share.Fields[f] ?><?cs /each ?><?cs if:!Share.Anonymised ?>, <?cs var:Lang.Share.OrgName ?><?cs /if ?></dd>
<dt><?cs var:Lang.Share.LeavesOut ?></dt><dd><?cs if:subcount(Share.LeftOut) || Share.Anonymised ?><?cs each:f = Share.LeftOut ?><?cs if:!first(f) ?>, <?cs /if ?><?cs var:Lang.Share.Fields[f] ?><?cs /each ?><?cs if:Share.Anonymised ?><?cs if:subcount(Share.LeftOut) ?>, <?cs /if ?><?cs var:Lang.Share.OrgName ?><?cs /if ?><?cs else ?><?cs var:Lang.Share.Nothing ?><?cs /if ?></dd>
</dl>
<pre class="payload" tabindex="0" aria-label="<?cs var:Lang.Share.Payload ?>: <?cs var:p.Recipient ?>"><?cs var:p.Payload ?></pre><?cs /each ?>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
