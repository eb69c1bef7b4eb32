<?cs # GET /questionnaires/new (and POST /questionnaires coming back: 200 after "Add another
     question" or "Remove", 422 when invalid) - build a questionnaire from the catalogue's
     categories, the Annex B items and any number of questions of one's own (up to the
     handler's maximum). Pressing Enter in a field creates: the first submit button of the
     form, hidden from sight and from assistive technology, is "create". ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<p class="crumbs"><a href="/campaigns"><?cs var:Lang.Campaign.Nav ?></a></p>
<h1><?cs var:Lang.Questionnaire.Heading ?></h1>
<p><?cs var:Lang.Questionnaire.Intro ?></p>
<?cs call:form_summary() ?>
<?cs if:Form.Message == "empty_questionnaire" ?><div class="alert error" role="alert"><?cs var:Lang.Questionnaire.Empty ?></div><?cs /if ?>
<?cs if:Form.Message == "too_many_questions" ?><div class="alert error" role="alert"><?cs var:Lang.Questionnaire.TooMany ?></div><?cs /if ?>
<form method="post" action="/questionnaires" class="wide">
<input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
<input type="hidden" name="questions" value="<?cs var:Form.Values.questions ?>">
<button type="submit" name="action" value="create" class="visually-hidden" tabindex="-1" aria-hidden="true"><?cs var:Lang.Questionnaire.Submit ?></button>
<label for="title"><?cs var:Lang.Questionnaire.Title ?></label>
<input id="title" name="title" value="<?cs var:Form.Values.title ?>" maxlength="200" required<?cs call:field_attrs("title") ?>>
<?cs call:field_error("title") ?>
<label for="target"><?cs var:Lang.Questionnaire.Target ?></label>
<select id="target" name="target" required<?cs if:Form.Errors.target ?><?cs call:field_attrs("target") ?><?cs else ?> aria-describedby="target-help"<?cs /if ?>>
<?cs loop:k = 0, 5, 1 ?><option value="<?cs var:k ?>"<?cs if:Form.Values.target != "" && Form.Values.target == k ?> selected<?cs /if ?>><?cs var:k ?> · <?cs var:Lang.Questionnaire.Levels[k] ?></option><?cs /loop ?>
</select>
<?cs call:field_error("target") ?>
<p class="hint" id="target-help"><?cs var:Lang.Questionnaire.TargetHelp ?></p>

<fieldset class="checks">
<legend><?cs var:Lang.Questionnaire.Categories ?></legend>
<p class="hint"><?cs var:Lang.Questionnaire.CategoriesHelp ?></p>
<p class="check"><input type="checkbox" id="whole" name="whole" value="1"<?cs if:Form.Values.whole == "1" ?> checked<?cs /if ?>>
<label for="whole"><strong><?cs var:Lang.Questionnaire.Whole ?></strong></label></p>
<?cs set:prev_fn = "" ?>
<?cs each:cat = Builder.Categories ?>
<?cs if:cat.FunctionCode != prev_fn ?><?cs if:prev_fn != "" ?></ul><?cs /if ?>
<?cs set:fnn = "fn_" + cat.FunctionCode ?>
<h3 class="check"><input type="checkbox" id="<?cs var:fnn ?>" name="<?cs var:fnn ?>" value="1"<?cs if:Form.Values[fnn] == "1" ?> checked<?cs /if ?>>
<label for="<?cs var:fnn ?>"><?cs var:cat.Function ?> <span class="code">(<?cs var:cat.FunctionCode ?>)</span> — <?cs var:Lang.Questionnaire.WholeFunction ?></label></h3>
<ul class="checks"><?cs set:prev_fn = cat.FunctionCode ?><?cs /if ?>
<?cs set:cn = "cat_" + cat.Id ?>
<li><input type="checkbox" id="<?cs var:cn ?>" name="<?cs var:cn ?>" value="1"<?cs if:Form.Values[cn] == "1" ?> checked<?cs /if ?><?cs call:field_attrs(cn) ?>>
<label for="<?cs var:cn ?>"><span class="code"><?cs var:cat.Code ?></span> <?cs var:cat.Name ?> <span class="muted">(<?cs var:cat.Items ?> <?cs if:cat.Items == 1 ?><?cs var:Lang.Questionnaire.Item ?><?cs else ?><?cs var:Lang.Questionnaire.Items ?><?cs /if ?>)</span></label><?cs call:field_error(cn) ?></li>
<?cs /each ?>
<?cs if:prev_fn != "" ?></ul><?cs /if ?>
<h3><?cs var:Lang.Questionnaire.Management ?></h3>
<ul class="checks">
<li><input type="checkbox" id="annex_b" name="annex_b" value="1"<?cs if:Form.Values.annex_b == "1" ?> checked<?cs /if ?><?cs call:field_attrs("annex_b") ?>>
<label for="annex_b"><?cs var:Lang.Questionnaire.AnnexB ?></label><?cs call:field_error("annex_b") ?></li>
</ul>
</fieldset>

<fieldset class="custom">
<legend><?cs var:Lang.Questionnaire.Custom ?></legend>
<p class="hint"><?cs var:Lang.Questionnaire.CustomHelp ?></p>
<?cs each:i = Builder.Custom ?>
<?cs set:tn = "q" + i + "_text" ?><?cs set:yn = "q" + i + "_type" ?><?cs set:chn = "q" + i + "_choices" ?>
<fieldset class="question">
<legend><?cs var:Lang.Questionnaire.Question ?> <?cs var:i ?></legend>
<label for="<?cs var:tn ?>"><?cs var:Lang.Questionnaire.Text ?></label>
<input id="<?cs var:tn ?>" name="<?cs var:tn ?>" value="<?cs var:Form.Values[tn] ?>" maxlength="1000"<?cs call:field_attrs(tn) ?>>
<?cs call:field_error(tn) ?>
<label for="<?cs var:yn ?>"><?cs var:Lang.Questionnaire.Type ?></label>
<select id="<?cs var:yn ?>" name="<?cs var:yn ?>"<?cs call:field_attrs(yn) ?>>
<option value=""><?cs var:Lang.Form.Choose ?></option>
<?cs each:t = Builder.Types ?><option value="<?cs var:t ?>"<?cs if:Form.Values[yn] == t ?> selected<?cs /if ?>><?cs var:Lang.Questionnaire.Types[t] ?></option><?cs /each ?>
</select>
<?cs call:field_error(yn) ?>
<label for="<?cs var:chn ?>"><?cs var:Lang.Questionnaire.Choices ?> <span class="muted">(<?cs var:Lang.Questionnaire.ChoicesHelp ?>)</span></label>
<input id="<?cs var:chn ?>" name="<?cs var:chn ?>" value="<?cs var:Form.Values[chn] ?>" maxlength="1000"<?cs call:field_attrs(chn) ?>>
<?cs call:field_error(chn) ?>
<p class="remove"><button type="submit" name="action" value="remove_<?cs var:i ?>"><?cs var:Lang.Questionnaire.Remove ?> <?cs var:i ?></button></p>
</fieldset>
<?cs /each ?>
<p class="add"><button type="submit" name="action" value="add"><?cs var:Lang.Questionnaire.Add ?></button></p>
<p class="hint"><?cs var:Lang.Questionnaire.AddHelp ?></p>
</fieldset>
<div class="actions"><button type="submit" name="action" value="create" class="primary"><?cs var:Lang.Questionnaire.Submit ?></button></div>
</form>
<?cs /def ?>
<?cs include:"layout.cs" ?>
