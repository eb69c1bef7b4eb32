/* handler_token.c - /account/tokens: a person's tokens for the JSON API (and, for an
 * organisation's administrators, every token acting for it), making one for an
 * organisation with scopes and an expiry (its secret shown once, only its hash stored),
 * and revoking one. Making and revoking are audited; so is every use (cgi/api.c). */
#include "api_token.h"
#include "form.h"
#include "portal.h"
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Columns of the token list's statement, named for the page as token_names. */
enum token_column {
    TC_ID,
    TC_NAME,
    TC_ORG,
    TC_OWNER,
    TC_SCOPES,
    TC_CREATED,
    TC_EXPIRES,
    TC_LAST_USED,
    TC_STATE,
    TC_MAY_REVOKE,
    TC_COUNT
};
static const char *const token_names[TC_COUNT] = {
    [TC_ID] = "Id",           [TC_NAME] = "Name",
    [TC_ORG] = "Org",         [TC_OWNER] = "Owner",
    [TC_SCOPES] = "Scopes",   [TC_CREATED] = "Created",
    [TC_EXPIRES] = "Expires", [TC_LAST_USED] = "LastUsed",
    [TC_STATE] = "State",     [TC_MAY_REVOKE] = "MayRevoke",
};

/* Form field names of the scopes, in the order of api_scope_names; also the keys of their
 * descriptions (Lang.Tokens.Scope.*). */
static const char *const scope_fields[API_SCOPE_COUNT] = {
    "assessments_read",  "assessments_write", "incidents_write",
    "advisories_answer", "deliveries_read",
};

static const struct field token_fields[] = {
    {"name", FIELD_TEXT, 1, 1, 100, NULL},
    {"days", FIELD_INT, 1, 1, 365, NULL},
};
#define N_TOKEN_FIELDS (sizeof token_fields / sizeof token_fields[0])

/* The tokens row-level security shows this person: their own, and as an administrator
 * those acting for the organisation. Returns 200 or 500. */
static int tokens_load(struct ctx *c, PGresult **res)
{
    return db_exec(c->db, res,
                   "SELECT t.id, t.name, o.name, u.display_name, array_to_string(t.scopes, ' '), "
                   "  to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "
                   "  to_char(t.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "
                   "  coalesce(to_char(t.last_used_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "
                   "''), "
                   "  CASE WHEN t.revoked_at IS NOT NULL THEN 'revoked' "
                   "       WHEN t.expires_at <= now() THEN 'expired' ELSE 'active' END, "
                   "  t.revoked_at IS NULL AND t.expires_at > now() "
                   "FROM api_tokens t JOIN organisations o ON o.id = t.org_id "
                   "JOIN users u ON u.id = t.user_id "
                   "ORDER BY t.created_at DESC, t.id DESC LIMIT 500",
                   0, NULL) == DB_OK
               ? 200
               : 500;
}

/* Tokens.N.*, the organisations a token may act for (Orgs.N.*) and the scopes (Scopes.N.*
 * with Name and Key). */
static void tokens_to_hdf(struct ctx *c, PGresult *res)
{
    portal_rows(c, "Tokens", res, token_names, TC_COUNT);
    for (int i = 0; i < c->sess->n_orgs; i++) {
        char key[48];
        snprintf(key, sizeof key, "Orgs.%d.Id", i);
        view_set_int(c->req->hdf, key, c->sess->orgs[i].org_id);
        snprintf(key, sizeof key, "Orgs.%d.Name", i);
        view_set(c->req->hdf, key, c->sess->orgs[i].org_name);
    }
    for (int i = 0; i < API_SCOPE_COUNT; i++) {
        char key[48];
        snprintf(key, sizeof key, "Scopes.%d.Name", i);
        view_set(c->req->hdf, key, api_scope_names[i]);
        snprintf(key, sizeof key, "Scopes.%d.Key", i);
        view_set(c->req->hdf, key, scope_fields[i]);
    }
}

static int tokens_page(struct ctx *c, int status)
{
    PGresult *res;
    if (tokens_load(c, &res) != 200)
        return 500;
    tokens_to_hdf(c, res);
    PQclear(res);
    portal_page(c, "account/tokens.cs", "tokens");
    return status;
}

int handle_tokens(struct ctx *c)
{
    const char *revoked = req_param(c->req, "revoked");
    if (revoked && strcmp(revoked, "1") == 0)
        view_set(c->req->hdf, "Flash", "revoked");
    if (!hdf_get_value(c->req->hdf, "Form.Values.days", NULL))
        view_set(c->req->hdf, "Form.Values.days", "90");
    return tokens_page(c, 200);
}

/* Column of the new token's id. */
enum { NEW_TOKEN_ID };

/* Stores a token for org_id with the scopes array ({a,b}) expiring in days, audits it,
 * and hands its secret back in secret. Returns DB_OK or a DB_ error. */
static int token_store(struct ctx *c, long org_id, const char *scopes, char secret[API_TOKEN_TEXT])
{
    char hash[API_TOKEN_HASH_TEXT], oid[24], uid[24];
    api_token_new(secret);
    api_token_hash(secret, hash);
    snprintf(oid, sizeof oid, "%ld", org_id);
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    const char *days = req_param(c->req, "days");
    const char *p[] = {uid, oid, req_param(c->req, "name"), hash, scopes, days};
    PGresult *res;
    int rc = db_exec(c->db, &res,
                     "INSERT INTO api_tokens (user_id, org_id, name, token_hash, scopes, "
                     "  expires_at) "
                     "VALUES ($1, $2, $3, $4::bytea, $5::text[], now() + $6::int * interval '1 "
                     "day') RETURNING id",
                     6, p);
    if (rc != DB_OK)
        return rc;
    long id = db_long(res, 0, NEW_TOKEN_ID);
    PQclear(res);
    char detail[512];
    snprintf(detail, sizeof detail, "{\"scopes\": \"%s\", \"days\": %ld}", scopes,
             strtol(days, NULL, 10));
    return db_audit(c->db, c->sess->user_id, org_id, "create", "api_token", id, detail);
}

/* POST /account/tokens - name, org_id, days (1-365) and at least one scope_<key>=1. The
 * page is answered directly (no redirect) so that the secret, never stored, can be shown
 * this once. */
int handle_token_create(struct ctx *c)
{
    size_t bad = portal_form_check(c, token_fields, N_TOKEN_FIELDS);
    const struct membership *org = portal_acting_org(c, ROLE_ANY_MEMBER);
    if (!org) {
        portal_form_error(c, "org_id", "not_a_choice");
        bad++;
    }
    char scopes[256];
    size_t len = (size_t)snprintf(scopes, sizeof scopes, "{");
    int n = 0;
    for (int i = 0; i < API_SCOPE_COUNT; i++) {
        char name[48];
        snprintf(name, sizeof name, "scope_%s", scope_fields[i]);
        const char *v = req_param(c->req, name);
        if (!v || strcmp(v, "1") != 0)
            continue;
        len += (size_t)snprintf(scopes + len, sizeof scopes - len, "%s%s", n++ ? "," : "",
                                api_scope_names[i]);
        char key[64];
        snprintf(key, sizeof key, "Form.Values.%s", name);
        view_set(c->req->hdf, key, "1");
    }
    snprintf(scopes + len, sizeof scopes - len, "}");
    if (!n) {
        portal_form_error(c, "scopes", "scope_required");
        bad++;
    }
    view_set_int(c->req->hdf, "Form.Values.org_id", org ? org->org_id : 0);
    if (bad)
        return tokens_page(c, 422);
    c->org_id = org->org_id;
    char secret[API_TOKEN_TEXT];
    if (token_store(c, org->org_id, scopes, secret) != DB_OK)
        return 500;
    view_set(c->req->hdf, "NewToken.Secret", secret);
    view_set(c->req->hdf, "NewToken.Name", req_param(c->req, "name"));
    NEOERR *err = hdf_remove_tree(c->req->hdf, "Form.Values"); /* a fresh form below */
    nerr_ignore(&err);
    view_set(c->req->hdf, "Form.Values.days", "90");
    return tokens_page(c, 200);
}

/* Column of the revoked token's organisation. */
enum { REVOKED_ORG };

/* POST /account/tokens/:id/revoke - 404 when this person may not see the token, or it
 * is already revoked. */
int handle_token_revoke(struct ctx *c)
{
    char id[24];
    snprintf(id, sizeof id, "%ld", c->id);
    const char *p[] = {id};
    PGresult *res;
    if (db_exec(c->db, &res,
                "UPDATE api_tokens SET revoked_at = now() "
                "WHERE id = $1 AND revoked_at IS NULL RETURNING org_id",
                1, p) != DB_OK)
        return 500;
    long org = PQntuples(res) == 1 ? db_long(res, 0, REVOKED_ORG) : 0;
    PQclear(res);
    if (!org)
        return 404;
    c->org_id = org;
    if (db_audit(c->db, c->sess->user_id, org, "revoke", "api_token", c->id, NULL) != DB_OK)
        return 500;
    resp_redirect(c->resp, "/account/tokens?revoked=1");
    return 303;
}
