<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<h1><?cs var:Lang.Home.Welcome ?>, <?cs var:Session.Name ?></h1>
<p class="muted"><?cs each:o = Session.Orgs ?><?cs var:o.Name ?><?cs if:!last(o) ?>, <?cs /if ?><?cs /each ?></p>
<ul class="cards">
<?cs if:Session.Role.assessor || Session.Role.org_admin ?><li><a href="/assessments"><?cs var:Lang.Home.Assess ?></a></li><?cs /if ?>
<?cs if:Session.Role.reviewer ?><li><a href="/assessments"><?cs var:Lang.Home.Review ?></a></li><?cs /if ?>
<?cs if:Session.Role.incident_reporter || Session.Role.coordinator || Session.Role.org_admin ?><li><a href="/incidents/new"><?cs var:Lang.Home.Report ?></a></li><?cs /if ?>
<li><a href="/incidents"><?cs var:Lang.Home.Incidents ?></a></li>
<li><a href="/events"><?cs var:Lang.Home.Events ?></a></li>
<?cs each:o = Session.Orgs ?><li><a href="/organisations/<?cs var:o.Id ?>/scores"><?cs var:Lang.Home.Scores ?> <?cs var:o.Name ?></a></li><?cs /each ?>
<li><a href="/catalogue"><?cs var:Lang.Home.Catalogue ?></a></li>
</ul>
<?cs /def ?>
<?cs include:"layout.cs" ?>
