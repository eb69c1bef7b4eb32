<?cs # GET /campaigns/new (and 422 from POST /campaigns) - send a questionnaire to chosen group
     companies and suppliers, inviting respondents of organisations without an account. ?>
<?cs include:"macros.cs" ?>
<?cs def:content() ?>
<p class="crumbs"><a href="/campaigns"><?cs var:Lang.Campaign.Nav ?></a></p>
<h1><?cs var:Lang.Campaign.NewHeading ?></h1>
<?cs if:Flash == "questionnaire" ?><?cs each:q = Choices.Questionnaires ?><?cs if:q.Id == Form.Values.questionnaire_id ?><div class="alert ok" role="status"><?cs var:Lang.Campaign.Flash.questionnaire ?> <strong><?cs var:q.Title ?></strong></div><?cs /if ?><?cs /each ?><?cs /if ?>
<?cs call:form_summary() ?>
<?cs if:Form.Message == "no_targets" ?><div class="alert error" role="alert"><?cs var:Lang.Campaign.NoTargets ?></div><?cs /if ?>
<form method="post" action="/campaigns" class="wide">
<input type="hidden" name="csrf_token" value="<?cs var:Session.Csrf ?>">
<input type="hidden" name="org_id" value="<?cs var:Form.OrgId ?>">
<label for="title"><?cs var:Lang.Campaign.Title ?></label>
<input id="title" name="title" maxlength="200" required value="<?cs var:Form.Values.title ?>"<?cs call:field_attrs("title") ?>>
<?cs call:field_error("title") ?>
<label for="questionnaire_id"><?cs var:Lang.Campaign.Questionnaire ?></label>
<select id="questionnaire_id" name="questionnaire_id" required<?cs if:Form.Errors.questionnaire_id ?><?cs call:field_attrs("questionnaire_id") ?><?cs else ?> aria-describedby="questionnaire-help"<?cs /if ?>>
<option value=""><?cs var:Lang.Form.Choose ?></option>
<?cs each:q = Choices.Questionnaires ?><option value="<?cs var:q.Id ?>"<?cs if:Form.Values.questionnaire_id == q.Id ?> selected<?cs /if ?>><?cs var:q.Title ?> — <?cs var:Lang.Questionnaire.VersionWord ?> <?cs var:q.Version ?>, <?cs var:q.Items ?> <?cs if:q.Items == 1 ?><?cs var:Lang.Questionnaire.OneQuestion ?><?cs else ?><?cs var:Lang.Questionnaire.Questions ?><?cs /if ?></option><?cs /each ?>
</select>
<?cs call:field_error("questionnaire_id") ?>
<p class="hint" id="questionnaire-help"><?cs var:Lang.Campaign.QuestionnaireHelp ?> <a href="/questionnaires/new"><?cs var:Lang.Campaign.NewQuestionnaire ?></a></p>
<label for="due_date"><?cs var:Lang.Campaign.DueDate ?></label>
<input id="due_date" name="due_date" type="date" required value="<?cs var:Form.Values.due_date ?>"<?cs call:field_attrs("due_date") ?>>
<?cs call:field_error("due_date") ?>
<label for="recurrence"><?cs var:Lang.Campaign.Recurrence ?></label>
<select id="recurrence" name="recurrence" required<?cs if:Form.Errors.recurrence ?><?cs call:field_attrs("recurrence") ?><?cs else ?> aria-describedby="recurrence-help"<?cs /if ?>>
<option value="none"<?cs if:Form.Values.recurrence == "none" ?> selected<?cs /if ?>><?cs var:Lang.Campaign.Recurrences.none ?></option>
<option value="yearly"<?cs if:Form.Values.recurrence == "yearly" ?> selected<?cs /if ?>><?cs var:Lang.Campaign.Recurrences.yearly ?></option>
</select>
<?cs call:field_error("recurrence") ?>
<p class="hint" id="recurrence-help"><?cs var:Lang.Campaign.RecurrenceHelp ?></p>

<h2><?cs var:Lang.Campaign.TargetsHeading ?></h2>
<p class="hint"><?cs var:Lang.Campaign.TargetsHelp ?></p>
<?cs if:subcount(Choices.Orgs) ?>
<?cs set:prev_kind = "" ?>
<?cs each:o = Choices.Orgs ?>
<?cs if:o.Kind != prev_kind ?><?cs if:prev_kind != "" ?></fieldset><?cs /if ?>
<fieldset class="targets <?cs var:o.Kind ?>"><legend><?cs var:Lang.Campaign.Kinds[o.Kind] ?></legend><?cs set:prev_kind = o.Kind ?><?cs /if ?>
<?cs set:org_f = "org_" + o.Id ?><?cs set:mail_f = "email_" + o.Id ?>
<div class="target">
<p class="check"><input type="checkbox" id="<?cs var:org_f ?>" name="<?cs var:org_f ?>" value="1"<?cs if:Form.Values[org_f] == "1" ?> checked<?cs /if ?><?cs call:field_attrs(org_f) ?>>
<label for="<?cs var:org_f ?>"><?cs var:o.Name ?></label></p>
<?cs call:field_error(org_f) ?>
<label for="<?cs var:mail_f ?>"><?cs var:Lang.Campaign.Invite ?><span class="visually-hidden">: <?cs var:o.Name ?></span></label>
<input id="<?cs var:mail_f ?>" name="<?cs var:mail_f ?>" type="email" maxlength="254" autocomplete="off" value="<?cs var:Form.Values[mail_f] ?>"<?cs if:Form.Errors[mail_f] ?><?cs call:field_attrs(mail_f) ?><?cs else ?> aria-describedby="hint-<?cs var:mail_f ?>"<?cs /if ?>>
<?cs call:field_error(mail_f) ?>
<p class="hint<?cs if:!o.HasAssessor ?> needs-invite<?cs /if ?>" id="hint-<?cs var:mail_f ?>"><?cs if:o.HasAssessor ?><?cs var:Lang.Campaign.HasAccount ?><?cs else ?><?cs var:Lang.Campaign.NoAccount ?><?cs /if ?></p>
</div>
<?cs /each ?>
<?cs if:prev_kind != "" ?></fieldset><?cs /if ?>
<?cs else ?>
<p class="muted"><?cs var:Lang.Campaign.NoOrgs ?></p>
<?cs /if ?>
<div class="actions"><button type="submit" class="primary"><?cs var:Lang.Campaign.Submit ?></button></div>
</form>
<?cs /def ?>
<?cs include:"layout.cs" ?>
