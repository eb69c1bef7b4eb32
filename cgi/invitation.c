/* invitation.c - invitations by mail: the invitation row (token hash only) and its mail in
 * the outbox, in the caller's transaction. Used by campaigns (handler_campaign.c) and by
 * parents adding users to their children (handler_org.c); redeemed in handler_invite.c. */
#include "invitation.h"

#include "auth.h"
#include "log.h"
#include "mail.h"
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Column of app.invitation_language's answer. */
enum { LANGUAGE_COLUMN };

/* The language of the account the invitation token_hash (made by this user) goes to:
 * what the account chose, else English. Returns 0 or -1. */
static int invitation_language(struct ctx *c, const char *hash, enum lang *lang)
{
    const char *p[] = {hash};
    PGresult *res;
    if (db_exec(c->db, &res, "SELECT app.invitation_language($1::bytea)", 1, p) != DB_OK)
        return -1;
    int l = lang_parse(db_text(res, 0, LANGUAGE_COLUMN));
    PQclear(res);
    *lang = l >= 0 ? (enum lang)l : LANG_EN;
    return 0;
}

/* The mail's subject (its first line) and text, rendered from templates/mail/invitation.cs
 * in lang into out; *text points into out after the subject. Returns 0 or -1. */
static int invitation_render(struct ctx *c, enum lang lang, const struct invitation_mail *m,
                             const char *token, STRING *out, char **text)
{
    HDF *hdf = NULL;
    if (hdf_init(&hdf) != STATUS_OK)
        return -1;
    view_set(hdf, "Mail.Kind", m->kind);
    view_set(hdf, "Mail.Person", m->person);
    view_set(hdf, "Mail.From", m->from);
    view_set(hdf, "Mail.Org", m->org);
    view_set(hdf, "Mail.Role", m->role);
    view_set(hdf, "Mail.Title", m->title);
    view_setf(hdf, "Mail.Link", "%s/invite?token=%s", c->cfg->base_url, token);
    view_set_int(hdf, "Mail.Days", INVITATION_DAYS);
    char err[256];
    int rc = view_render(hdf, lang, "mail/invitation.cs", out, err, sizeof err);
    hdf_destroy(&hdf);
    if (rc != 0) {
        log_error("request_id=%s mail/invitation.cs: %s", c->req->request_id, err);
        return -1;
    }
    char *nl = out->buf ? strchr(out->buf, '\n') : NULL;
    if (!nl)
        return -1;
    *nl = '\0';
    *text = nl + 1;
    return 0;
}

int invitation_send(struct ctx *c, long org_id, long from_org, const char *campaign_id,
                    const char *role, const char *email, const struct invitation_mail *m)
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
    enum lang lang;
    if (invitation_language(c, hash, &lang) != 0)
        return -1;
    STRING mail;
    string_init(&mail);
    char *text = NULL;
    char *payload = invitation_render(c, lang, m, token, &mail, &text) == 0
                        ? mail_payload(email, mail.buf, text)
                        : NULL;
    string_clear(&mail);
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
