<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<h1><?cs var:Lang.Login.Heading ?></h1>
<?cs if:Form.Message == "bad_login" ?><div class="alert error" role="alert"><?cs var:Lang.Login.Bad ?></div><?cs /if ?>
<?cs if:Form.Message == "throttled" ?><div class="alert error" role="alert"><?cs var:Lang.Login.Throttled ?> <?cs var:Form.RetryMinutes ?> <?cs var:Lang.Login.Minutes ?></div><?cs /if ?>
<form method="post" action="/login" class="narrow">
  <input type="hidden" name="csrf_token" value="<?cs var:Login.Csrf ?>">
  <label for="email"><?cs var:Lang.Login.Email ?></label>
  <input id="email" name="email" type="email" autocomplete="username" required value="<?cs var:Form.Values.email ?>"<?cs call:field_attrs("email") ?>>
  <?cs call:field_error("email") ?>
  <label for="password"><?cs var:Lang.Login.Password ?></label>
  <input id="password" name="password" type="password" autocomplete="current-password" required<?cs call:field_attrs("password") ?>>
  <?cs call:field_error("password") ?>
  <button type="submit"><?cs var:Lang.Login.Submit ?></button>
</form>
<?cs /def ?>
<?cs include:"layout.cs" ?>
