/* invitation.c - invitations by mail: the invitation row (token hash only) and its mail in
 * the outbox, in the caller's transaction. Used by campaigns (handler_campaign.c) and by
 * parents adding users to their children (handler_org.c); redeemed in handler_invite.c. */
#include "invitation.h"

#include "auth.h"
#include "mail.h"

#include <stdio.h>
#include <stdlib.h>

int invitation_send(struct ctx *c, long org_id, long from_org, const char *campaign_id,
                    const char *role, const char *email, const char *subject, const char *intro)
{
    char token[AUTH_TOKEN_TEXT], hash[AUTH_HASH_TEXT], oid[24], uid[24], days[32];
    auth_token_new(token);
    auth_token_hash(token, hash);
    snprintf(oid, sizeof oid, "%ld", org_id);
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    snprintf(days, sizeof days, "%d days", INVITATION_DAYS);
    const char *p[] = {oid, campaign_id, email, hash, days, uid, role};
    if (db_exec(c->db, NULL,
                "INSERT INTO invitations (org_id, campaign_id, email, token_hash, expires_at, "
                "  created_by, role) "
                "VALUES ($1, $2, lower($3), $4::bytea, now() + $5::interval, $6, $7)",
                7, p) != DB_OK)
        return -1;
    char text[4096];
    snprintf(text, sizeof text,
             "Hello,\n\n%s\n\n%s/invite?token=%s\n\nThe link works once and expires in %d "
             "days.\n",
             intro, c->cfg->base_url, token, INVITATION_DAYS);
    char *payload = mail_payload(email, subject, text);
    if (!payload)
        return -1;
    char owner[24];
    snprintf(owner, sizeof owner, "%ld", from_org);
    const char *q[] = {owner, email, payload};
    int rc = db_exec(c->db, NULL,
                     "INSERT INTO outbox (org_id, channel, address, kind, payload) "
                     "VALUES ($1, 'smtp', lower($2), 'mail.invitation', $3::jsonb)",
                     3, q);
    free(payload);
    return rc == DB_OK ? 0 : -1;
}
