<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<h1><?cs var:Lang.Account.Heading ?></h1>
<p><?cs var:Session.Name ?> · <?cs var:Session.Email ?></p>
<?cs if:Flash ?><div class="alert ok" role="status"><?cs var:Lang.Account.Flash[Flash] ?></div><?cs /if ?>
<?cs if:Form.Message ?><div class="alert error" role="alert"><?cs var:Lang.Account.Messages[Form.Message] ?></div><?cs /if ?>
<h2><?cs var:Lang.Account.Memberships ?></h2>
<?cs if:subcount(Account.Orgs) == 0 ?><p><?cs var:Lang.Account.None ?></p><?cs else ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Table.Region ?>"><table>
<thead><tr><th scope="col"><?cs var:Lang.Account.Organisation ?></th><th scope="col"><?cs var:Lang.Account.Roles ?></th><th scope="col"><span class="visually-hidden"><?cs var:Lang.Account.Leave ?></span></th></tr></thead>
<tbody>
<?cs each:o = Account.Orgs ?><tr<?cs if:Form.OrgId == o.Id ?> class="error"<?cs /if ?>>
<td><?cs var:o.Name ?></td>
<td><?cs each:r = o.Roles ?><?cs var:Lang.Account.Role[r] ?><?cs if:!last(r) ?>, <?cs /if ?><?cs /each ?></td>
<td><form method="post" action="/memberships/<?cs var:o.Id ?>/leave"><input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>"><button type="submit"><?cs var:Lang.Account.Leave ?> <?cs var:o.Name ?></button></form></td>
</tr><?cs /each ?>
</tbody>
</table></div>
<?cs /if ?>
<p class="muted"><?cs var:Lang.Account.LeaveHint ?></p>
<p><a href="/account/tokens"><?cs var:Lang.Account.TokensLink ?></a></p>
<h2 id="language"><?cs var:Lang.Account.Language ?></h2>
<form method="post" action="/account/language">
<input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
<fieldset class="checks"<?cs if:Form.Errors.lang ?> aria-invalid="true" aria-describedby="err-lang"<?cs /if ?>>
<legend><?cs var:Lang.Account.LanguageLegend ?></legend>
<ul class="checks">
<?cs each:l = Lang.Account.Languages ?><li><input type="radio" id="lang-<?cs name:l ?>" name="lang" value="<?cs name:l ?>"<?cs if:Session.Lang == name(l) ?> checked<?cs /if ?>> <label for="lang-<?cs name:l ?>"><?cs if:name(l) == "browser" ?><?cs var:l ?><?cs else ?><span lang="<?cs name:l ?>"><?cs var:l ?></span><?cs /if ?></label></li>
<?cs /each ?></ul>
</fieldset>
<?cs call:field_error("lang") ?>
<p class="muted"><?cs var:Lang.Account.LanguageHint ?></p>
<button type="submit"><?cs var:Lang.Account.SaveLanguage ?></button>
</form>
<h2><?cs var:Lang.Account.Invitations ?></h2>
<?cs if:subcount(Account.Invitations) == 0 ?><p><?cs var:Lang.Account.NoInvitations ?></p><?cs else ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Table.Region ?>"><table class="invitations">
<thead><tr><th scope="col"><?cs var:Lang.Account.Organisation ?></th><th scope="col"><?cs var:Lang.Account.As ?></th><th scope="col"><?cs var:Lang.Account.From ?></th><th scope="col"><?cs var:Lang.Account.Expires ?></th></tr></thead>
<tbody>
<?cs each:i = Account.Invitations ?><tr><td><?cs var:i.Org ?></td><td><?cs var:Lang.Account.Role[i.Role] ?></td><td><?cs var:i.From ?></td><td class="when"><?cs var:i.Expires ?> <?cs var:Lang.Time.Utc ?></td></tr>
<?cs /each ?>
</tbody>
</table></div>
<p class="muted"><?cs var:Lang.Account.InvitationsHint ?></p>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
