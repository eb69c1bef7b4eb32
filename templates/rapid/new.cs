<?cs # GET /rapid/new (and 422 from POST /rapid) - start a rapid advisory campaign, from an
     advisory (Rapid.AdvisoryId) or by hand (cgi/handler_rapid.c). ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<p class="crumbs"><a href="/rapid"><?cs var:Lang.Rapid.ListHeading ?></a><?cs if:Rapid.AdvisoryId ?> › <a href="/advisories/<?cs var:Rapid.AdvisoryId ?>"><?cs var:Rapid.AdvisoryTitle ?></a><?cs /if ?></p>
<h1><?cs var:Lang.Rapid.NewHeading ?></h1>
<p class="muted"><?cs var:Lang.Rapid.NewIntro ?></p>
<?cs call:form_summary() ?>
<?cs if:Form.Message == "no_targets" ?><div class="alert error" role="alert"><?cs var:Lang.Rapid.NoTargetsChosen ?></div><?cs /if ?>
<form method="post" action="/rapid" class="wide">
<input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
<input type="hidden" name="org_id" value="<?cs var:Form.OrgId ?>">
<input type="hidden" name="advisory_id" value="<?cs var:Rapid.AdvisoryId ?>">
<label for="cve"><?cs var:Lang.Rapid.Cve ?></label>
<input id="cve" class="short" maxlength="24" required name="cve" value="<?cs var:Form.Values.cve ?>"<?cs if:Form.Errors.cve ?><?cs call:field_attrs("cve") ?><?cs else ?> aria-describedby="cve-help"<?cs /if ?>>
<?cs call:field_error("cve") ?>
<p class="hint" id="cve-help"><?cs var:Lang.Rapid.CveHint ?></p>
<?cs call:text_field("title", Lang.Rapid.Title, "300", 1) ?>
<label for="deadline_hours"><?cs var:Lang.Rapid.DeadlineHours ?></label>
<input id="deadline_hours" name="deadline_hours" class="short" type="number" min="1" max="720" required value="<?cs var:Form.Values.deadline_hours ?>"<?cs call:field_attrs("deadline_hours") ?>>
<?cs call:field_error("deadline_hours") ?>
<label for="remind_hours"><?cs var:Lang.Rapid.RemindHours ?></label>
<input id="remind_hours" name="remind_hours" class="short" type="number" min="0" max="720" required value="<?cs var:Form.Values.remind_hours ?>"<?cs if:Form.Errors.remind_hours ?><?cs call:field_attrs("remind_hours") ?><?cs else ?> aria-describedby="remind-help"<?cs /if ?>>
<?cs call:field_error("remind_hours") ?>
<p class="hint" id="remind-help"><?cs var:Lang.Rapid.RemindHint ?></p>
<?cs if:subcount(Rapid.Products) ?><h2><?cs var:Lang.Rapid.ProductsOffered ?></h2>
<ul class="products"><?cs each:p = Rapid.Products ?><li><?cs var:p ?></li><?cs /each ?></ul><?cs /if ?>
<fieldset><legend><?cs var:Lang.Rapid.Asked ?></legend>
<?cs each:s = Lang.Rapid.Scope ?><label class="check"><input type="radio" name="scope" value="<?cs name:s ?>"<?cs if:Form.Values.scope == name(s) ?> checked<?cs /if ?>> <?cs var:s ?></label><?cs /each ?>
<?cs call:field_error("scope") ?>
</fieldset>
<?cs if:subcount(Rapid.Targets) ?>
<fieldset class="targets"><legend><?cs var:Lang.Rapid.ChosenOnes ?></legend>
<?cs each:t = Rapid.Targets ?><?cs set:of = "org_" + t.Id ?><label class="check"><input type="checkbox" name="<?cs var:of ?>" value="1"<?cs if:Form.Values[of] == "1" ?> checked<?cs /if ?>> <?cs var:t.Name ?> <span class="muted">(<?cs var:Lang.Campaign.Kind[t.Kind] ?>)</span></label><?cs /each ?>
</fieldset>
<?cs else ?><p><?cs var:Lang.Advisory.NoTargets ?></p><?cs /if ?>
<div class="actions"><button type="submit" class="primary"><?cs var:Lang.Rapid.Start ?></button></div>
</form>
<?cs /def ?>
<?cs include:"layout.cs" ?>
