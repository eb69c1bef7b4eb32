<?cs # An invitation mail, plain text in the recipient's language: the subject on the first line, then the body. Mail.Kind: campaign, access (a new account) or join (an existing account). ?><?cs escape:"none" ?><?cs var:Lang.Mail.Invitation.Subject[Mail.Kind] ?>
<?cs var:Lang.Mail.Hello ?>

<?cs if:Mail.Kind == "campaign" ?><?cs var:Mail.Person ?> <?cs var:Lang.Mail.Invitation.Campaign.Asks ?><?cs var:Mail.Title ?><?cs var:Lang.Mail.Invitation.Campaign.End ?>
<?cs else ?><?cs var:Mail.Person ?> <?cs var:Lang.Mail.Invitation.Of ?> <?cs var:Mail.From ?> <?cs var:Lang.Mail.Invitation[Mail.Kind].Gives ?> <?cs var:Mail.Org ?> <?cs var:Lang.Mail.Invitation[Mail.Kind].As ?> <?cs var:Lang.Mail.Invitation.Roles[Mail.Role] ?>.<?cs if:Mail.Kind == "join" ?> <?cs var:Lang.Mail.Invitation.join.Nothing ?><?cs /if ?>
<?cs /if ?>
<?cs var:Lang.Mail.Invitation[Mail.Kind].Open ?>

<?cs var:Mail.Link ?>

<?cs var:Lang.Mail.Invitation.Expires ?> <?cs var:Mail.Days ?> <?cs var:Lang.Mail.Invitation.Days ?>
<?cs /escape ?>