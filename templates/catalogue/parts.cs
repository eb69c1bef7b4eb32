<?cs # Pieces of the catalogue page (catalogue/index.cs): mapping chips, the sub-category and Annex B tables, the search results and the browse view. ?>
<?cs # A search field with a hint (id NAME-help): the hint and any error message describe it. ?>
<?cs def:search_attrs(name) ?> aria-describedby="<?cs if:Form.Errors[name] ?>err-<?cs var:name ?> <?cs /if ?><?cs var:name ?>-help"<?cs if:Form.Errors[name] ?> aria-invalid="true"<?cs /if ?><?cs /def ?>
<?cs # One chip per standard clause; each links to the search for that clause. A chip the search asked for is marked. ?>
<?cs def:chips(list) ?><?cs if:subcount(list) ?><ul class="chips"><?cs each:m = list ?><li><a class="chip<?cs if:m.Hit ?> hit<?cs /if ?>" href="/catalogue?edition=<?cs var:url_escape(Edition.Id) ?>&amp;standard=<?cs var:url_escape(m.Standard) ?>&amp;clause=<?cs var:url_escape(m.Clause) ?>"><?cs var:m.Standard ?><?cs if:m.Clause != "" ?> <?cs var:m.Clause ?><?cs /if ?></a><?cs if:m.Title ?> <span class="chip-title"><?cs var:m.Title ?></span><?cs /if ?></li><?cs /each ?></ul><?cs else ?><span class="muted"><?cs var:Lang.Catalogue.NoMappings ?></span><?cs /if ?><?cs /def ?>
<?cs # Sub-categories as table rows; with_category adds the function and category (search results). ?>
<?cs def:subcategory_rows(list, with_category) ?>
<?cs each:s = list ?>
<tr id="<?cs var:s.Code ?>"><td class="code"><?cs var:s.Code ?></td><td><?cs var:s.Outcome ?><?cs if:with_category ?><p class="context"><?cs var:s.FunctionName ?> › <a href="/catalogue?edition=<?cs var:url_escape(Edition.Id) ?>#<?cs var:url_escape(s.CategoryCode) ?>"><?cs var:s.CategoryName ?> (<?cs var:s.CategoryCode ?>)</a></p><?cs /if ?></td><td><?cs call:chips(s.Mappings) ?></td></tr>
<?cs /each ?>
<?cs /def ?>
<?cs def:subcategory_table(list, with_category) ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Table.Region ?>"><table class="data catalogue">
<thead><tr><th scope="col"><?cs var:Lang.Catalogue.Code ?></th><th scope="col"><?cs var:Lang.Catalogue.Outcome ?></th><th scope="col"><?cs var:Lang.Catalogue.Mappings ?></th></tr></thead>
<tbody><?cs call:subcategory_rows(list, with_category) ?></tbody>
</table></div>
<?cs /def ?>
<?cs # Annex B items of one kind (principle, essential) from AnnexB. ?>
<?cs def:annex_table(kind) ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:Lang.Table.Region ?>"><table class="data catalogue">
<thead><tr><th scope="col"><?cs var:Lang.Catalogue.Code ?></th><th scope="col"><?cs var:Lang.Catalogue.Kind[kind] ?></th><th scope="col"><?cs var:Lang.Catalogue.Supporting ?></th></tr></thead>
<tbody>
<?cs each:i = AnnexB ?><?cs if:i.Kind == kind ?>
<tr id="<?cs var:i.Code ?>"><td class="code"><?cs var:i.Code ?></td><td><?cs var:i.Title ?><p class="context"><?cs if:i.Group != "" ?><?cs var:i.Group ?> · <?cs /if ?><?cs var:Lang.Catalogue.Section ?> <?cs var:i.Section ?></p></td><td><?cs call:chips(i.Mappings) ?></td></tr>
<?cs /if ?><?cs /each ?>
</tbody>
</table></div>
<?cs /def ?>
<?cs def:annex_tables() ?>
<?cs set:has_principles = 0 ?><?cs set:has_essentials = 0 ?>
<?cs each:i = AnnexB ?><?cs if:i.Kind == "principle" ?><?cs set:has_principles = 1 ?><?cs else ?><?cs set:has_essentials = 1 ?><?cs /if ?><?cs /each ?>
<?cs if:has_principles ?><h3><?cs var:Lang.Catalogue.Principles ?></h3><?cs call:annex_table("principle") ?><?cs /if ?>
<?cs if:has_essentials ?><h3><?cs var:Lang.Catalogue.Essentials ?></h3><?cs call:annex_table("essential") ?><?cs /if ?>
<?cs /def ?>
<?cs def:search_results() ?>
<section class="results" aria-labelledby="results-heading">
<h2 id="results-heading"><?cs var:Lang.Catalogue.Results ?></h2>
<p class="asked"><?cs if:Search.Text != "" ?><?cs var:Lang.Catalogue.ForText ?> “<?cs var:Search.Text ?>”<?cs /if ?><?cs if:Search.Text != "" && Search.Standard != "" ?> · <?cs /if ?><?cs if:Search.Standard != "" ?><?cs var:Lang.Catalogue.ForClause ?> <strong><?cs var:Search.Standard ?><?cs if:Search.Clause != "" ?> <?cs var:Search.Clause ?><?cs /if ?></strong> <span class="muted"><?cs if:Search.Clause != "" ?><?cs var:Lang.Catalogue.PrefixNote ?><?cs else ?><?cs var:Lang.Catalogue.AnyClause ?><?cs /if ?></span><?cs /if ?></p>
<p class="result-count" role="status"><?cs var:Lang.Catalogue.SubFound ?>: <strong id="count"><?cs var:Search.SubCount ?></strong> · <?cs var:Lang.Catalogue.AnnexFound ?>: <strong id="count-annex"><?cs var:Search.AnnexCount ?></strong></p>
<?cs if:Search.None ?>
<div class="alert info" id="no-results"><?cs var:Lang.Catalogue.NoResults ?></div>
<?cs else ?>
<?cs if:subcount(Results) ?><h3><?cs var:Lang.Catalogue.Subcategories ?></h3><?cs call:subcategory_table(Results, 1) ?><?cs /if ?>
<?cs if:subcount(AnnexB) ?><h3><?cs var:Lang.Catalogue.AnnexB ?></h3><?cs call:annex_tables() ?><?cs /if ?>
<?cs /if ?>
</section>
<?cs /def ?>
<?cs def:browse() ?>
<nav class="toc" aria-labelledby="toc-heading">
<h2 id="toc-heading"><?cs var:Lang.Catalogue.Contents ?></h2>
<ol>
<?cs each:f = Functions ?><li><a href="#<?cs var:url_escape(f.Code) ?>"><?cs var:f.Name ?> (<?cs var:f.Code ?>)</a>
<ol><?cs each:cat = f.Categories ?><li><a href="#<?cs var:url_escape(cat.Code) ?>"><span class="code"><?cs var:cat.Code ?></span> <?cs var:cat.Name ?></a></li><?cs /each ?></ol></li>
<?cs /each ?>
<?cs if:subcount(AnnexB) ?><li><a href="#annex-b"><?cs var:Lang.Catalogue.AnnexB ?></a></li><?cs /if ?>
</ol>
</nav>
<?cs each:f = Functions ?>
<section class="function" id="<?cs var:f.Code ?>" aria-labelledby="h-<?cs var:f.Code ?>">
<h2 id="h-<?cs var:f.Code ?>"><?cs var:f.Name ?> <small>(<?cs var:f.Code ?>)</small></h2>
<p><?cs var:f.Description ?></p>
<?cs each:cat = f.Categories ?>
<section class="category" id="<?cs var:cat.Code ?>" aria-labelledby="h-<?cs var:cat.Code ?>">
<h3 id="h-<?cs var:cat.Code ?>"><span class="code"><?cs var:cat.Code ?></span> <?cs var:cat.Name ?></h3>
<p><?cs var:cat.Description ?></p>
<?cs if:subcount(cat.Refs) ?><div class="refs"><?cs var:Lang.Catalogue.References ?>: <ul><?cs each:r = cat.Refs ?><li><?cs var:r ?></li><?cs /each ?></ul></div><?cs /if ?>
<?cs call:subcategory_table(cat.Subcategories, 0) ?>
<p class="totop"><a href="#toc-heading"><?cs var:Lang.Catalogue.ToTop ?></a></p>
</section>
<?cs /each ?>
</section>
<?cs /each ?>
<?cs if:subcount(AnnexB) ?>
<section class="annex" id="annex-b" aria-labelledby="h-annex-b">
<h2 id="h-annex-b"><?cs var:Lang.Catalogue.AnnexB ?></h2>
<p><?cs var:Lang.Catalogue.AnnexBIntro ?></p>
<?cs call:annex_tables() ?>
<p class="totop"><a href="#toc-heading"><?cs var:Lang.Catalogue.ToTop ?></a></p>
</section>
<?cs /if ?>
<?cs /def ?>
