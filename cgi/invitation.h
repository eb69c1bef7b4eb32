/* invitation.h - one-time links that let someone without a password into the portal: the
 * respondent of a campaign, or a user a parent added to one of its child organisations.
 * Only the hash of the link's token is stored; the mail goes into the outbox in the same
 * transaction as the change that caused it, and the forwarder sends it. */
#ifndef INVITATION_H
#define INVITATION_H

#include "portal.h"

#define INVITATION_DAYS 14

/* What an invitation mail says, in words of templates/mail/invitation.cs. */
struct invitation_mail {
    const char *kind;   /* "campaign", "access" (a new account) or "join" (an existing one) */
    const char *person; /* who invites */
    const char *from;   /* their organisation (access, join) */
    const char *org;    /* the organisation the invitation is to (access, join) */
    const char *role;   /* the role's code (access, join) */
    const char *title;  /* the questionnaire's title (campaign) */
};

/* Records an invitation of email to org_id (campaign_id NULL: an account without a
 * campaign; role: the membership its acceptance makes for an account that has a password,
 * NULL for none) and queues its mail, as sent by from_org (an organisation the user is a
 * member of), in the language the account chose (English for anyone else). Returns 0, or
 * -1 with the database's error in c->db. */
int invitation_send(struct ctx *c, long org_id, long from_org, const char *campaign_id,
                    const char *role, const char *email, const struct invitation_mail *m);

#endif
