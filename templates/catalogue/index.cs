<?cs # The catalogue page: the edition, the search form, then either the search results or the whole edition with a table of contents. ?>
<?cs include:"macros.cs" ?>
<?cs include:"catalogue/parts.cs" ?>
<?cs def:content() ?>
<h1><?cs var:Lang.Catalogue.Heading ?></h1>
<?cs if:!Edition.Id ?>
<p class="muted"><?cs var:Lang.Catalogue.NoEdition ?></p>
<?cs else ?>
<p class="edition"><?cs var:Lang.Catalogue.Edition ?>: <strong><?cs var:Edition.Code ?></strong> · <?cs var:Edition.Title ?> <span class="muted">(<?cs var:Lang.Catalogue.Loaded ?> <?cs var:Edition.Loaded ?>)</span></p>
<?cs if:subcount(Editions) > 1 || Form.Errors.edition ?>
<nav class="editions" aria-labelledby="editions-heading">
<h2 id="editions-heading"><?cs var:Lang.Catalogue.Editions ?></h2>
<p class="muted"><?cs var:Lang.Catalogue.EditionsHelp ?></p>
<ul>
<?cs each:e = Editions ?><li><a href="/catalogue?edition=<?cs var:url_escape(e.Id) ?><?cs if:Search.Active ?>&amp;q=<?cs var:url_escape(Search.Text) ?>&amp;standard=<?cs var:url_escape(Search.Standard) ?>&amp;clause=<?cs var:url_escape(Search.Clause) ?><?cs /if ?>"<?cs if:e.Id == Edition.Id ?> aria-current="page"<?cs /if ?>><?cs var:e.Code ?></a> <span class="muted">· <?cs var:e.Title ?> (<?cs var:Lang.Catalogue.Loaded ?> <?cs var:e.Loaded ?>)</span></li><?cs /each ?>
</ul>
<?cs call:field_error("edition") ?>
</nav>
<?cs /if ?>
<?cs if:Form.ErrorCount ?><div class="alert error" role="alert"><?cs var:Lang.Catalogue.Invalid ?></div><?cs /if ?>

<form method="get" action="/catalogue" class="search" role="search" aria-label="<?cs var:Lang.Catalogue.SearchHeading ?>">
<input type="hidden" name="edition" value="<?cs var:Edition.Id ?>">
<div class="search-text">
<label for="q"><?cs var:Lang.Catalogue.Text ?></label>
<input id="q" name="q" type="search" maxlength="200" value="<?cs var:Form.Values.q ?>"<?cs call:search_attrs("q") ?>>
<?cs call:field_error("q") ?>
<p class="hint" id="q-help"><?cs var:Lang.Catalogue.TextHelp ?></p>
</div>
<fieldset class="search-clause">
<legend><?cs var:Lang.Catalogue.ByClause ?></legend>
<label for="standard"><?cs var:Lang.Catalogue.Standard ?></label>
<select id="standard" name="standard"<?cs call:field_attrs("standard") ?>>
<option value=""><?cs var:Lang.Catalogue.AnyStandard ?></option>
<?cs each:std = Standards ?><option value="<?cs var:std ?>"<?cs if:Form.Values.standard == std ?> selected<?cs /if ?>><?cs var:std ?></option><?cs /each ?>
</select>
<?cs call:field_error("standard") ?>
<label for="clause"><?cs var:Lang.Catalogue.Clause ?></label>
<input id="clause" name="clause" maxlength="50" value="<?cs var:Form.Values.clause ?>"<?cs call:search_attrs("clause") ?>>
<?cs call:field_error("clause") ?>
<p class="hint" id="clause-help"><?cs var:Lang.Catalogue.ClauseHelp ?></p>
</fieldset>
<div class="actions">
<button type="submit" class="primary"><?cs var:Lang.Catalogue.Search ?></button>
<?cs if:Search.Active || Form.ErrorCount ?><a class="button" href="/catalogue?edition=<?cs var:url_escape(Edition.Id) ?>"><?cs var:Lang.Catalogue.ShowAll ?></a><?cs /if ?>
</div>
</form>

<?cs if:Form.ErrorCount ?>
<?cs elif:Search.Active ?>
<?cs call:search_results() ?>
<?cs else ?>
<?cs call:browse() ?>
<?cs /if ?>
<?cs /if ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
