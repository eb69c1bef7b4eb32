<?cs # Shared pieces: the message next to a field, an error summary, a paged list's links. ?>
<?cs def:field_error(name) ?><?cs if:Form.Errors[name] ?><p class="field-error" id="err-<?cs var:name ?>"><?cs var:Lang.Errors[Form.Errors[name]] ?></p><?cs /if ?><?cs /def ?>
<?cs # Attributes for a field that has an error: marks it invalid and points to its message. ?>
<?cs def:field_attrs(name) ?><?cs if:Form.Errors[name] ?> aria-invalid="true" aria-describedby="err-<?cs var:name ?>"<?cs /if ?><?cs /def ?>
<?cs def:form_summary() ?><?cs if:Form.ErrorCount ?><div class="alert error" role="alert"><?cs var:Lang.Form.Invalid ?></div><?cs /if ?><?cs /def ?>
<?cs # A one-line and a multi-line field with label, typed value and message. ?>
<?cs def:text_field(name, label, max, req) ?>
<label for="<?cs var:name ?>"><?cs var:label ?></label>
<input id="<?cs var:name ?>" name="<?cs var:name ?>" maxlength="<?cs var:max ?>"<?cs if:req ?> required<?cs /if ?> value="<?cs var:Form.Values[name] ?>"<?cs call:field_attrs(name) ?>>
<?cs call:field_error(name) ?>
<?cs /def ?>
<?cs def:area_field(name, label, hint, rows, max, req) ?>
<label for="<?cs var:name ?>"><?cs var:label ?></label>
<?cs if:hint ?><p class="hint"><?cs var:hint ?></p><?cs /if ?>
<textarea id="<?cs var:name ?>" name="<?cs var:name ?>" rows="<?cs var:rows ?>" maxlength="<?cs var:max ?>"<?cs if:req ?> required<?cs /if ?><?cs call:field_attrs(name) ?>><?cs var:Form.Values[name] ?></textarea>
<?cs call:field_error(name) ?>
<?cs /def ?>
<?cs # The organisation to report for, when the user reports for several (ReportingOrgs). ?>
<?cs def:reporting_org_select() ?>
<?cs if:subcount(ReportingOrgs) > 1 ?>
<label for="org_id"><?cs var:Lang.Form.Organisation ?></label>
<select id="org_id" name="org_id"<?cs call:field_attrs("org_id") ?>><?cs each:o = ReportingOrgs ?><option value="<?cs var:o.Id ?>"<?cs if:Form.Values.org_id == o.Id || (!Form.Values.org_id && Query.org_id == o.Id) ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?></select>
<?cs call:field_error("org_id") ?>
<?cs /if ?>
<?cs /def ?>
<?cs # The links of a paged list (cgi/pager.h): older rows below the cursor, and back to
  the newest; pager is Pager.<name>, path the list's URL with its query started. ?>
<?cs def:pager_links(pager, path, param) ?><?cs if:pager.Older || pager.Paged ?>
<nav class="pager" aria-label="<?cs var:Lang.Pager.Label ?>"><?cs if:pager.Paged ?><a href="<?cs var:path ?>"><?cs var:Lang.Pager.Newest ?></a> <?cs /if ?><?cs if:pager.Older ?><a rel="next" href="<?cs var:path ?>?<?cs var:param ?>=<?cs var:url_escape(pager.Older) ?>"><?cs var:Lang.Pager.Older ?></a><?cs /if ?></nav>
<?cs /if ?><?cs /def ?>
<?cs # A regulatory clock's countdown (cgi/obligations.c sets cd.Overdue, cd.Unit, cd.Big, cd.Small): "in 3 d 4 h", "overdue by 2 h 5 min" in the page's language. ?>
<?cs def:countdown(cd) ?><?cs if:cd.Overdue ?><?cs var:Lang.Countdown.Overdue ?><?cs else ?><?cs var:Lang.Countdown.In ?><?cs /if ?> <?cs if:cd.Unit == "days" ?><?cs var:cd.Big ?> <?cs var:Lang.Countdown.Days ?> <?cs var:cd.Small ?> <?cs var:Lang.Countdown.Hours ?><?cs elif:cd.Unit == "hours" ?><?cs var:cd.Big ?> <?cs var:Lang.Countdown.Hours ?> <?cs var:cd.Small ?> <?cs var:Lang.Countdown.Minutes ?><?cs elif:cd.Unit == "minutes" ?><?cs var:cd.Big ?> <?cs var:Lang.Countdown.Minutes ?><?cs else ?><?cs var:Lang.Countdown.UnderMinute ?><?cs /if ?><?cs /def ?>
<?cs # The links of a filtered paged list: like pager_links, keeping the filters and sort
  of query (Filter.Query, URL-encoded; the template escapes it for the attribute). ?>
<?cs def:pager_links_q(pager, path, query, param) ?><?cs if:pager.Older || pager.Paged ?>
<nav class="pager" aria-label="<?cs var:Lang.Pager.Label ?>"><?cs if:pager.Paged ?><a href="<?cs var:path ?><?cs if:query ?>?<?cs var:query ?><?cs /if ?>"><?cs var:Lang.Pager.Newest ?></a> <?cs /if ?><?cs if:pager.Older ?><a rel="next" href="<?cs var:path ?>?<?cs if:query ?><?cs var:query ?>&amp;<?cs /if ?><?cs var:param ?>=<?cs var:url_escape(pager.Older) ?>"><?cs var:Lang.Pager.Older ?></a><?cs /if ?></nav>
<?cs /if ?><?cs /def ?>
<?cs # A list filter's message and attributes (cgi/list_filter.h: Filter.Errors.<name>). ?>
<?cs def:filter_attrs(name) ?><?cs if:Filter.Errors[name] ?> aria-invalid="true" aria-describedby="ferr-<?cs var:name ?>"<?cs /if ?><?cs /def ?>
<?cs def:filter_error(name) ?><?cs if:Filter.Errors[name] ?><p class="field-error" id="ferr-<?cs var:name ?>"><?cs var:Lang.Errors[Filter.Errors[name]] ?></p><?cs /if ?><?cs /def ?>
<?cs # The parts every list's filter form shares: dates, search, sort (of sorts), buttons. ?>
<?cs def:filter_dates_search(search_label) ?>
<div><label for="f-from"><?cs var:Lang.List.From ?></label><input type="date" id="f-from" name="from" value="<?cs var:Filter.Values.from ?>"<?cs call:filter_attrs("from") ?>><?cs call:filter_error("from") ?></div>
<div><label for="f-to"><?cs var:Lang.List.To ?></label><input type="date" id="f-to" name="to" value="<?cs var:Filter.Values.to ?>"<?cs call:filter_attrs("to") ?>><?cs call:filter_error("to") ?></div>
<div class="wide"><label for="f-q"><?cs var:search_label ?></label><input type="search" id="f-q" name="q" maxlength="200" value="<?cs var:Filter.Values.q ?>"<?cs call:filter_attrs("q") ?>><?cs call:filter_error("q") ?></div>
<?cs /def ?>
<?cs def:filter_sort(sorts) ?>
<div><label for="f-sort"><?cs var:Lang.List.Sort ?></label><select id="f-sort" name="sort"<?cs call:filter_attrs("sort") ?>><?cs each:v = sorts ?><option value="<?cs var:v ?>"<?cs if:Filter.Values.sort == v ?> selected<?cs /if ?>><?cs var:Lang.List.Sorts[v] ?></option><?cs /each ?></select><?cs call:filter_error("sort") ?></div>
<?cs /def ?>
<?cs def:filter_buttons(path) ?>
<p class="actions"><button type="submit" class="primary"><?cs var:Lang.List.Apply ?></button><?cs if:Filter.Active || Filter.Values.sort || Filter.Refused ?> <a href="<?cs var:path ?>"><?cs var:Lang.List.Clear ?></a><?cs /if ?></p>
<?cs /def ?>
