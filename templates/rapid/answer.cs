<?cs # GET /rapid/requests/:id (and 422 from POST) - a respondent answers a rapid advisory
     request in one screen (cgi/handler_rapid_answer.c). ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<?cs with:q = Request.0 ?>
<h1><span class="code"><?cs var:q.Cve ?></span> <?cs var:q.Title ?></h1>
<?cs if:Flash ?><div class="alert ok" role="status"><?cs var:Lang.Rapid.Flash[Flash] ?></div><?cs /if ?>
<p><?cs var:Lang.Rapid.Answer.Asks ?> <strong><?cs var:q.Asker ?></strong> · <?cs var:q.Org ?></p>
<p><?cs var:Lang.Rapid.Deadline ?>: <strong id="deadline"><?cs var:q.Deadline ?> <?cs var:Lang.Time.Utc ?></strong><?cs if:q.Overdue ?> <span class="badge overdue"><?cs var:Lang.Rapid.Passed ?></span><?cs /if ?></p>
<?cs if:q.Answer == "affected" ?>
<section class="panel" id="report-offer"><h2><?cs var:Lang.Rapid.Answer.AffectedHeading ?></h2>
<p><?cs var:Lang.Rapid.Answer.AffectedHint ?></p>
<p><a class="button" href="/vulnerabilities/new?rapid=<?cs var:q.Id ?>&amp;org_id=<?cs var:q.OrgId ?>"><?cs var:Lang.Rapid.Answer.Report ?></a></p></section>
<?cs /if ?>
<?cs call:form_summary() ?>
<form method="post" action="/rapid/requests/<?cs var:q.Id ?>" class="wide">
<input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
<fieldset<?cs if:Form.Errors.answer ?> aria-describedby="err-answer"<?cs /if ?>><legend><?cs var:Lang.Rapid.Answer.Question ?></legend>
<?cs each:a = Lang.Rapid.Answers ?><label class="check"><input type="radio" name="answer" value="<?cs name:a ?>" required<?cs if:Form.Values.answer == name(a) ?> checked<?cs /if ?>> <?cs var:a ?></label><?cs /each ?>
<?cs call:field_error("answer") ?>
</fieldset>
<?cs if:subcount(Choices) ?><fieldset<?cs if:Form.Errors.products ?> aria-describedby="err-products"<?cs /if ?>><legend><?cs var:Lang.Rapid.Answer.Products ?></legend>
<?cs each:p = Choices ?><label class="check"><input type="checkbox" name="<?cs var:p.Field ?>" value="1"<?cs if:Form.Values[p.Field] == "1" ?> checked<?cs /if ?>> <?cs var:p.Name ?></label><?cs /each ?>
<?cs call:field_error("products") ?>
</fieldset><?cs else ?>
<label for="products_text"><?cs var:Lang.Rapid.Answer.Products ?></label>
<p class="hint" id="products-help"><?cs var:Lang.Rapid.Answer.ProductsHint ?></p>
<textarea id="products_text" name="products_text" rows="3" maxlength="4000"<?cs if:Form.Errors.products ?> aria-invalid="true" aria-describedby="err-products"<?cs else ?> aria-describedby="products-help"<?cs /if ?>><?cs var:Form.Values.products_text ?></textarea>
<?cs call:field_error("products") ?>
<?cs /if ?>
<?cs call:area_field("mitigations", Lang.Rapid.Answer.Mitigations, "", "3", "4000", 0) ?>
<label for="fix_date"><?cs var:Lang.Rapid.Answer.FixDate ?></label>
<input id="fix_date" name="fix_date" type="date" class="short" value="<?cs var:Form.Values.fix_date ?>"<?cs call:field_attrs("fix_date") ?>>
<?cs call:field_error("fix_date") ?>
<?cs call:text_field("contact", Lang.Rapid.Answer.Contact, "300", 1) ?>
<?cs call:area_field("notes", Lang.Rapid.Answer.Notes, "", "3", "4000", 0) ?>
<div class="actions"><button type="submit" class="primary"><?cs var:Lang.Rapid.Answer.Submit ?></button></div>
</form>
<?cs if:q.AnsweredAt ?><p class="muted"><?cs var:Lang.Rapid.Answer.FirstAnswered ?> <?cs var:q.AnsweredAt ?> <?cs var:Lang.Time.Utc ?></p><?cs /if ?>
<?cs /with ?>
<?cs /def ?>
<?cs include:"layout.cs" ?>
