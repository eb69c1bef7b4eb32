<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<h1><?cs var:Error.Status ?> · <?cs var:Lang.Errors.Status[Error.Status] ?></h1>
<p><?cs var:Lang.Errors.Explain[Error.Status] ?></p>
<?cs if:Error.Csrf ?><p><?cs var:Lang.Errors.CsrfHint ?></p><?cs /if ?>
<p class="muted"><?cs var:Lang.Errors.RequestId ?> <code><?cs var:Error.RequestId ?></code></p>
<p><a href="/"><?cs var:Lang.Nav.Home ?></a></p>
<?cs /def ?>
<?cs set:Page.TitleKey = "error" ?>
<?cs include:"layout.cs" ?>
