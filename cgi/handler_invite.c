/* handler_invite.c - a respondent without an account follows the link of an invitation,
 * chooses a password, and lands in the questionnaire: three steps. The link works once
 * and expires; only its token's hash is stored. */
#include "auth.h"
#include "form.h"
#include "portal.h"
#include "view.h"

#include <stdio.h>
#include <string.h>

static const struct field invite_fields[] = {
    {"display_name", FIELD_TEXT, 1, 2, 200, NULL},
    {"password", FIELD_TEXT, 1, 12, 1024, NULL},
    {"password_again", FIELD_TEXT, 1, 1, 1024, NULL},
};

/* Looks the invitation of the request's token up; fills Invite.* and returns 1 when it
 * is open, 0 when unknown, used or expired, or a DB_ error. */
static int invitation_find(struct ctx *c, int *has_account)
{
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
        view_set(c->req->hdf, "Invite.Org", db_text(res, 0, 0));
        view_set(c->req->hdf, "Invite.Email", db_text(res, 0, 1));
        view_set(c->req->hdf, "Invite.Token", token);
        *has_account = strcmp(db_text(res, 0, 2), "t") == 0;
        view_set_int(c->req->hdf, "Invite.HasAccount", *has_account);
        /* an account a parent made for one of its organisations, not a questionnaire */
        view_set_int(c->req->hdf, "Invite.Account", strcmp(db_text(res, 0, 3), "f") == 0);
    }
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
    int has_account = 0;
    int rc = invitation_find(c, &has_account);
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
    int has_account = 0;
    int rc = invitation_find(c, &has_account);
    if (rc < 0)
        return 500;
    if (rc == 0) {
        view_set(c->req->hdf, "Invite.Invalid", "1");
        return invite_page(c, 404);
    }
    if (has_account &&
        strcmp(hdf_get_value(c->req->hdf, "Invite.Email", ""), c->sess->email) != 0) {
        view_set(c->req->hdf, "Invite.NeedLogin", "1");
        return invite_page(c, 403);
    }
    char hash[AUTH_PWHASH_TEXT] = "";
    const char *name = req_param(c->req, "display_name");
    if (!has_account) {
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
    const char *p[] = {token_hash, name && *name ? name : "Respondent", hash};
    PGresult *res;
    if (db_exec(c->db, &res,
                "SELECT user_id, assessment_id FROM app.invitation_accept($1::bytea, $2, $3)", 3,
                p) != DB_OK)
        return 500;
    if (PQntuples(res) != 1) {
        PQclear(res);
        view_set(c->req->hdf, "Invite.Invalid", "1");
        return invite_page(c, 404);
    }
    long user_id = 0, assessment = db_long(res, 0, 1);
    PQclear(res);
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
