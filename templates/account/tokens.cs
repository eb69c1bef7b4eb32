<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<h1><?cs var:Lang.Tokens.Heading ?></h1>
<p><?cs var:Lang.Tokens.Intro ?></p>
<?cs if:Flash ?><div class="alert ok" role="status"><?cs var:Lang.Tokens.Flash[Flash] ?></div><?cs /if ?>
<?cs if:NewToken.Secret ?><div class="alert ok" role="status">
<p><?cs var:Lang.Tokens.Made ?> <strong><?cs var:NewToken.Name ?></strong></p>
<p><label for="new-token"><?cs var:Lang.Tokens.SecretLabel ?></label></p>
<p><input id="new-token" readonly class="secret" name="new_token" value="<?cs var:NewToken.Secret ?>"></p>
<p><?cs var:Lang.Tokens.ShownOnce ?></p>
</div><?cs /if ?>
<h2><?cs var:Lang.Tokens.Yours ?></h2>
<?cs if:subcount(Tokens) == 0 ?><p><?cs var:Lang.Tokens.None ?></p><?cs else ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Table.Region ?>"><table class="tokens">
<thead><tr><th scope="col"><?cs var:Lang.Tokens.Name ?></th><th scope="col"><?cs var:Lang.Tokens.Org ?></th><th scope="col"><?cs var:Lang.Tokens.Owner ?></th><th scope="col"><?cs var:Lang.Tokens.Scopes ?></th><th scope="col"><?cs var:Lang.Tokens.Expires ?></th><th scope="col"><?cs var:Lang.Tokens.LastUsed ?></th><th scope="col"><?cs var:Lang.Tokens.State ?></th><th scope="col"><span class="visually-hidden"><?cs var:Lang.Tokens.Revoke ?></span></th></tr></thead>
<tbody>
<?cs each:t = Tokens ?><tr>
<td><?cs var:t.Name ?></td><td><?cs var:t.Org ?></td><td><?cs var:t.Owner ?></td>
<td><code><?cs var:t.Scopes ?></code></td>
<td class="when"><?cs var:t.Expires ?> <?cs var:Lang.Time.Utc ?></td>
<td class="when"><?cs if:t.LastUsed ?><?cs var:t.LastUsed ?> <?cs var:Lang.Time.Utc ?><?cs else ?><?cs var:Lang.Tokens.Never ?><?cs /if ?></td>
<td><?cs var:Lang.Tokens.States[t.State] ?></td>
<td><?cs if:t.MayRevoke ?><form method="post" action="/account/tokens/<?cs var:t.Id ?>/revoke"><input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>"><button type="submit"><?cs var:Lang.Tokens.Revoke ?> <?cs var:t.Name ?></button></form><?cs /if ?></td>
</tr><?cs /each ?>
</tbody>
</table></div>
<?cs /if ?>
<h2 id="new"><?cs var:Lang.Tokens.New ?></h2>
<?cs call:form_summary() ?>
<form method="post" action="/account/tokens">
<input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
<?cs call:text_field("name", Lang.Tokens.Name, 100, 1) ?>
<p class="hint" id="name-hint"><?cs var:Lang.Tokens.NameHint ?></p>
<label for="org_id"><?cs var:Lang.Tokens.Org ?></label>
<select id="org_id" name="org_id"<?cs call:field_attrs("org_id") ?>>
<?cs each:o = Orgs ?><option value="<?cs var:o.Id ?>"<?cs if:Form.Values.org_id == o.Id ?> selected<?cs /if ?>><?cs var:o.Name ?></option>
<?cs /each ?></select>
<?cs call:field_error("org_id") ?>
<fieldset class="checks"<?cs if:Form.Errors.scopes ?> aria-invalid="true" aria-describedby="err-scopes"<?cs /if ?>>
<legend><?cs var:Lang.Tokens.Scopes ?></legend>
<ul class="checks">
<?cs each:s = Scopes ?><li><input type="checkbox" id="scope_<?cs var:s.Key ?>" name="scope_<?cs var:s.Key ?>" value="1"<?cs if:Form.Values["scope_" + s.Key] ?> checked<?cs /if ?>> <label for="scope_<?cs var:s.Key ?>"><code><?cs var:s.Name ?></code> <?cs var:Lang.Tokens.Scope[s.Key] ?></label></li>
<?cs /each ?></ul>
</fieldset>
<?cs call:field_error("scopes") ?>
<label for="days"><?cs var:Lang.Tokens.Days ?></label>
<input id="days" name="days" type="number" min="1" max="365" required value="<?cs var:Form.Values.days ?>"<?cs call:field_attrs("days") ?>>
<?cs call:field_error("days") ?>
<p><button type="submit"><?cs var:Lang.Tokens.Create ?></button></p>
</form>
<p class="muted"><?cs var:Lang.Tokens.ApiHint ?></p>
<?cs /def ?>
<?cs include:"layout.cs" ?>
