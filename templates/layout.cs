<?cs # The one layout. A page defines the macro content() and then includes this file. ?>
<!doctype html>
<html lang="<?cs var:Lang.Code ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs var:Lang.Title[Page.TitleKey] ?> · <?cs var:Lang.App.Name ?></title>
<link rel="stylesheet" href="/static/portal.css">
</head>
<body>
<a class="skip-link" href="#main"><?cs var:Lang.Layout.SkipToContent ?></a>
<header class="top">
  <a class="brand" href="/"><?cs var:Lang.App.Name ?></a>
  <?cs if:Session.UserId ?>
  <nav>
    <?cs if:Session.Role.assessor || Session.Role.org_admin || Session.Role.reviewer ?><a href="/assessments"<?cs if:Request.Path == "/assessments" ?> aria-current="page"<?cs elif:string.find(Request.Path, "/assessments/") == 0 ?> aria-current="true"<?cs /if ?>><?cs var:Lang.Nav.Assessments ?></a><?cs /if ?>
    <a href="/incidents"<?cs if:Request.Path == "/incidents" ?> aria-current="page"<?cs elif:string.find(Request.Path, "/incidents/") == 0 ?> aria-current="true"<?cs /if ?>><?cs var:Lang.Nav.Incidents ?></a>
    <a href="/events"<?cs if:Request.Path == "/events" ?> aria-current="page"<?cs elif:string.find(Request.Path, "/events/") == 0 || string.find(Request.Path, "/vulnerabilities/") == 0 ?> aria-current="true"<?cs /if ?>><?cs var:Lang.Event.Nav ?></a>
    <a href="/advisories"<?cs if:Request.Path == "/advisories" ?> aria-current="page"<?cs elif:string.find(Request.Path, "/advisories/") == 0 ?> aria-current="true"<?cs /if ?>><?cs var:Lang.Advisory.Nav ?></a>
    <?cs if:Session.Role.coordinator || Session.Role.org_admin ?><a href="/queue"<?cs if:Request.Path == "/queue" ?> aria-current="page"<?cs elif:string.find(Request.Path, "/obligations/") == 0 ?> aria-current="true"<?cs /if ?>><?cs var:Lang.Obligations.Nav ?></a><?cs /if ?>
    <a href="/catalogue"<?cs if:Request.Path == "/catalogue" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Catalogue.Nav ?></a>
    <?cs if:Session.Role.org_admin || Session.Role.reviewer ?><a href="/campaigns"<?cs if:Request.Path == "/campaigns" ?> aria-current="page"<?cs elif:string.find(Request.Path, "/campaigns/") == 0 || string.find(Request.Path, "/questionnaires/") == 0 ?> aria-current="true"<?cs /if ?>><?cs var:Lang.Campaign.Nav ?></a><?cs /if ?>
    <?cs if:Session.Role.org_admin || Session.Role.reviewer || Session.Role.coordinator ?><a href="/dashboard"<?cs if:Request.Path == "/dashboard" ?> aria-current="page"<?cs elif:string.find(Request.Path, "/organisations/") == 0 && Request.Path != "/organisations/import" ?> aria-current="true"<?cs /if ?>><?cs var:Lang.Dashboard.Nav ?></a><?cs /if ?>
    <?cs if:Session.Role.org_admin ?><a href="/organisations"<?cs if:Request.Path == "/organisations" ?> aria-current="page"<?cs elif:Request.Path == "/organisations/import" ?> aria-current="true"<?cs /if ?>><?cs var:Lang.Orgs.Nav ?></a><?cs /if ?>
  </nav>
  <form class="logout" method="post" action="/logout">
    <input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
    <a class="who" href="/account"<?cs if:Request.Path == "/account" ?> aria-current="page"<?cs /if ?>><?cs var:Session.Name ?></a>
    <button type="submit"><?cs var:Lang.Nav.Logout ?></button>
  </form>
  <?cs /if ?>
</header>
<main id="main" tabindex="-1">
<?cs call:content() ?>
</main>
<footer class="foot"><?cs var:Lang.App.Footer ?></footer>
</body>
</html>
