/* invitation.h - one-time links that let someone without a password into the portal: the
 * respondent of a campaign, or a user a parent added to one of its child organisations.
 * Only the hash of the link's token is stored; the mail goes into the outbox in the same
 * transaction as the change that caused it, and the forwarder sends it. */
#ifndef INVITATION_H
#define INVITATION_H

#include "portal.h"

#define INVITATION_DAYS 14

/* Records an invitation of email to org_id (campaign_id NULL: an account without a
 * campaign; role: the membership its acceptance makes for an account that has a password,
 * NULL for none) and queues its mail, as sent by from_org (an organisation the user is a
 * member of). The mail reads "Hello,", intro, the link, and when the link expires. Returns 0, or
 * -1 with the database's error in c->db. */
int invitation_send(struct ctx *c, long org_id, long from_org, const char *campaign_id,
                    const char *role, const char *email, const char *subject, const char *intro);

#endif
