<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<?cs if:Invite.Invalid ?>
<h1><?cs var:Lang.Invite.InvalidHeading ?></h1>
<p><?cs var:Lang.Invite.Invalid ?></p>
<p><a href="/login"><?cs var:Lang.Login.Heading ?></a></p>
<?cs else ?>
<h1><?cs var:Lang.Invite.Heading ?></h1>
<p><?cs if:Invite.Account ?><?cs var:Lang.Invite.AccountIntro ?><?cs else ?><?cs var:Lang.Invite.Intro ?><?cs /if ?> <strong><?cs var:Invite.Org ?></strong> (<?cs var:Invite.Email ?>).</p>
<?cs call:form_summary() ?>
<?cs if:Invite.NeedLogin || (Invite.HasAccount && Session.Email != Invite.Email) ?><div class="alert error" role="alert"><?cs var:Lang.Invite.NeedLogin ?> <a href="/login"><?cs var:Lang.Login.Heading ?></a></div><?cs /if ?>
<form method="post" action="/invite" class="narrow">
  <input type="hidden" name="csrf_token" value="<?cs var:Login.Csrf ?>">
  <input type="hidden" name="token" value="<?cs var:Invite.Token ?>">
  <?cs if:!Invite.HasAccount ?>
  <label for="display_name"><?cs var:Lang.Invite.Name ?></label>
  <input id="display_name" name="display_name" autocomplete="name" required value="<?cs var:Form.Values.display_name ?>"<?cs call:field_attrs("display_name") ?>>
  <?cs call:field_error("display_name") ?>
  <label for="password"><?cs var:Lang.Invite.Password ?></label>
  <input id="password" name="password" type="password" autocomplete="new-password" minlength="12" required<?cs call:field_attrs("password") ?>>
  <?cs call:field_error("password") ?>
  <label for="password_again"><?cs var:Lang.Invite.PasswordAgain ?></label>
  <input id="password_again" name="password_again" type="password" autocomplete="new-password" required<?cs call:field_attrs("password_again") ?>>
  <?cs call:field_error("password_again") ?>
  <?cs else ?>
  <p><?cs if:Invite.Account ?><?cs var:Lang.Invite.AccountHasAccount ?><?cs else ?><?cs var:Lang.Invite.HasAccount ?><?cs /if ?></p>
  <?cs /if ?>
  <button type="submit" class="primary"><?cs if:Invite.Account ?><?cs var:Lang.Invite.AccountSubmit ?><?cs else ?><?cs var:Lang.Invite.Submit ?><?cs /if ?></button>
</form>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
