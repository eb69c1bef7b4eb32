<?cs # Shared form pieces: the message next to a field, and an error summary. ?>
<?cs def:field_error(name) ?><?cs if:Form.Errors[name] ?><p class="field-error" id="err-<?cs var:name ?>"><?cs var:Lang.Errors[Form.Errors[name]] ?></p><?cs /if ?><?cs /def ?>
<?cs # Attributes for a field that has an error: marks it invalid and points to its message. ?>
<?cs def:field_attrs(name) ?><?cs if:Form.Errors[name] ?> aria-invalid="true" aria-describedby="err-<?cs var:name ?>"<?cs /if ?><?cs /def ?>
<?cs def:form_summary() ?><?cs if:Form.ErrorCount ?><div class="alert error" role="alert"><?cs var:Lang.Form.Invalid ?></div><?cs /if ?><?cs /def ?>
