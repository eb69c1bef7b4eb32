/* handler_invite.c - a respondent without an account follows the link of an invitation,
 * chooses a password, and lands in the questionnaire: three steps. The link works once
 * and expires; only its token's hash is stored. */
#include "auth.h"
#include "form.h"
#include "portal.h"
#include "utf8.h"
#include "view.h"

#include <stdio.h>
#include <string.h>

static const struct field invite_fields[] = {
    {"display_name", FIELD_TEXT, 1, 2, 200, NULL},
    {"password", FIELD_TEXT, 1, 12, 1024, NULL},
    {"password_again", FIELD_TEXT, 1, 1, 1024, NULL},
};

/* An open invitation as its page shows it. */
struct invitation {
    char org_name[UTF8_BUF(200)];
    char email[UTF8_BUF(254)];
    int has_account; /* the address has an account with a password: it signs in instead */
    int account;     /* an account a parent made for one of its organisations, not a
                        questionnaire */
};

/* Columns of app.invitation_lookup's answer. */
enum invitation_column { IL_ORG_NAME, IL_EMAIL, IL_HAS_ACCOUNT, IL_FOR_CAMPAIGN };

/* Loads the invitation of the request's token into inv. Returns 1 when it is open, 0 when
 * unknown, used or expired, or a DB_ error. */
static int invitation_load(struct ctx *c, struct invitation *inv)
{
    memset(inv, 0, sizeof *inv);
    const char *token = req_param(c->req, "token");
    if (!token || strlen(token) != AUTH_TOKEN_TEXT - 1)
        return 0;
    char hash[AUTH_HASH_TEXT];
    auth_token_hash(token, hash);
    const char *p[] = {hash};
    PGresult *res;
    int rc = db_exec(c->db, &res,
                     "SELECT org_name, email, has_account, for_campaign "
                     "FROM app.invitation_lookup($1::bytea)",
                     1, p);
    if (rc != DB_OK)
        return rc;
    int found = PQntuples(res) == 1;
    if (found) {
        utf8_copy(inv->org_name, sizeof inv->org_name, db_text(res, 0, IL_ORG_NAME));
        utf8_copy(inv->email, sizeof inv->email, db_text(res, 0, IL_EMAIL));
        inv->has_account = strcmp(db_text(res, 0, IL_HAS_ACCOUNT), "t") == 0;
        inv->account = strcmp(db_text(res, 0, IL_FOR_CAMPAIGN), "f") == 0;
    }
    PQclear(res);
    return found;
}

/* The invitation as Invite.*, with the request's token for the form. */
static void invitation_to_hdf(struct ctx *c, const struct invitation *inv)
{
    view_set(c->req->hdf, "Invite.Org", inv->org_name);
    view_set(c->req->hdf, "Invite.Email", inv->email);
    view_set(c->req->hdf, "Invite.Token", req_param(c->req, "token"));
    view_set_int(c->req->hdf, "Invite.HasAccount", inv->has_account);
    view_set_int(c->req->hdf, "Invite.Account", inv->account);
}

/* Looks the invitation of the request's token up and, when it is open, puts it into the
 * page. Returns 1 when open, 0 when unknown, used or expired, or a DB_ error. */
static int invitation_find(struct ctx *c, struct invitation *inv)
{
    int rc = invitation_load(c, inv);
    if (rc == 1)
        invitation_to_hdf(c, inv);
    return rc;
}

/* Columns of app.invitation_accept's answer. */
enum accept_column { IA_USER_ID, IA_ASSESSMENT_ID };

/* Redeems the invitation of token_hash: makes or completes the account (name, and the
 * password's hash, "" for an account that has one) and its membership. *assessment
 * receives the assessment to open (0: none). Returns 1, 0 when the invitation is no longer
 * open, or a DB_ error. */
static int invitation_accept(struct ctx *c, const char *token_hash, const char *name,
                             const char *hash, long *assessment)
{
    const char *p[] = {token_hash, name, hash};
    PGresult *res;
    int rc = db_exec(c->db, &res,
                     "SELECT user_id, assessment_id FROM app.invitation_accept($1::bytea, $2, $3)",
                     3, p);
    if (rc != DB_OK)
        return rc;
    int found = PQntuples(res) == 1;
    if (found)
        *assessment = db_long(res, 0, IA_ASSESSMENT_ID);
    PQclear(res);
    return found;
}

static int invite_page(struct ctx *c, int status)
{
    portal_prelogin_token(c);
    portal_page(c, "auth/invite.cs", "invite");
    return status;
}

int handle_invite_form(struct ctx *c)
{
    struct invitation inv;
    int rc = invitation_find(c, &inv);
    if (rc < 0)
        return 500;
    if (rc == 0) {
        view_set(c->req->hdf, "Invite.Invalid", "1");
        return invite_page(c, 404);
    }
    return invite_page(c, 200);
}

int handle_invite_accept(struct ctx *c)
{
    struct invitation inv;
    int rc = invitation_find(c, &inv);
    if (rc < 0)
        return 500;
    if (rc == 0) {
        view_set(c->req->hdf, "Invite.Invalid", "1");
        return invite_page(c, 404);
    }
    if (inv.has_account && strcmp(inv.email, c->sess->email) != 0) {
        view_set(c->req->hdf, "Invite.NeedLogin", "1");
        return invite_page(c, 403);
    }
    char hash[AUTH_PWHASH_TEXT] = "";
    const char *name = req_param(c->req, "display_name");
    if (!inv.has_account) {
        size_t bad = portal_form_check(c, invite_fields, 3);
        const char *pw = req_param(c->req, "password");
        const char *again = req_param(c->req, "password_again");
        view_set(c->req->hdf, "Form.Values.password", "");
        view_set(c->req->hdf, "Form.Values.password_again", "");
        if (pw && again && *again && strcmp(pw, again) != 0) {
            portal_form_error(c, "password_again", "passwords_differ");
            bad++;
        }
        if (bad)
            return invite_page(c, 422);
        if (auth_password_hash(pw, hash) != 0)
            return 500;
    }
    char token_hash[AUTH_HASH_TEXT];
    auth_token_hash(req_param(c->req, "token"), token_hash);
    long user_id = 0, assessment = 0;
    rc = invitation_accept(c, token_hash, name && *name ? name : "Respondent", hash, &assessment);
    if (rc < 0)
        return 500;
    if (rc == 0) {
        view_set(c->req->hdf, "Invite.Invalid", "1");
        return invite_page(c, 404);
    }
    char token[48];
    if (session_start_invited(c->db, token_hash, c->cfg->session_absolute_s,
                              req_cookie(c->req, SESSION_COOKIE), token, &user_id) != DB_OK ||
        !user_id)
        return 500;
    c->sess->user_id = user_id;
    resp_cookie(c->resp, SESSION_COOKIE, token, -1, c->cfg->secure_cookies);
    resp_cookie(c->resp, PRELOGIN_COOKIE, "", 0, c->cfg->secure_cookies);
    char where[64];
    if (assessment)
        snprintf(where, sizeof where, "/assessments/%ld", assessment);
    else
        snprintf(where, sizeof where, "/");
    resp_redirect(c->resp, where);
    return 303;
}
