/* handler_auth.c - signing in and out. */
#include "auth.h"
#include "form.h"
#include "portal.h"
#include "view.h"

#include <stdio.h>
#include <string.h>

static const struct field login_fields[] = {
    {"email", FIELD_EMAIL, 1, 3, 254, NULL},
    {"password", FIELD_TEXT, 1, 1, 1024, NULL},
};

/* Forms used before sign-in (login, invitation) carry their own CSRF token, paired with a
 * short-lived cookie, because there is no session yet to hold one. */
void portal_prelogin_token(struct ctx *c)
{
    const char *token = req_cookie(c->req, PRELOGIN_COOKIE);
    char fresh[AUTH_TOKEN_TEXT];
    if (!token || strlen(token) != AUTH_TOKEN_TEXT - 1) {
        auth_token_new(fresh);
        resp_cookie(c->resp, PRELOGIN_COOKIE, fresh, 3600, c->cfg->secure_cookies);
        token = fresh;
    }
    view_set(c->req->hdf, "Login.Csrf", token);
}

static void login_page(struct ctx *c)
{
    portal_prelogin_token(c);
    portal_page(c, "auth/login.cs", "login");
}

/* Shown to a signed-in user too: signing in again switches account (and rotates the
 * session token). */
int handle_login_form(struct ctx *c)
{
    login_page(c);
    return 200;
}

/* Columns of app.login_attempt's answer: the seconds to wait before another attempt. */
enum { WAIT_S_COLUMN };

/* Counts this attempt against the account, the address and the device, within the
 * configured window; *wait_s receives the seconds to wait first (0: go ahead). Returns
 * DB_OK or a DB_ error. */
static int login_attempt(struct ctx *c, const char *email, const char *device, long *wait_s)
{
    char window[32], max_account[16], max_address[16];
    snprintf(window, sizeof window, "%d seconds", c->cfg->login_window_s);
    snprintf(max_account, sizeof max_account, "%d", c->cfg->login_max_account);
    snprintf(max_address, sizeof max_address, "%d", c->cfg->login_max_address);
    const char *p[] = {email, c->req->client_addr, device, max_account, max_address, window};
    PGresult *res;
    int rc =
        db_exec(c->db, &res, "SELECT app.login_attempt($1, $2, $3, $4, $5, $6::interval)", 6, p);
    if (rc != DB_OK)
        return rc;
    *wait_s = db_long(res, 0, WAIT_S_COLUMN);
    PQclear(res);
    return DB_OK;
}

/* Columns of app.login_lookup's answer: the stored hash's settings, never the hash. */
enum { SETTINGS_COLUMN };

/* Derives the proof of password from the settings stored for email; *known is 1 when the
 * account exists and the proof was made. Returns DB_OK or a DB_ error. */
static int login_proof(struct ctx *c, const char *email, const char *password,
                       char proof[AUTH_HASH_TEXT], int *known)
{
    const char *p[] = {email};
    PGresult *res;
    int rc = db_exec(c->db, &res, "SELECT password_settings FROM app.login_lookup($1)", 1, p);
    if (rc != DB_OK)
        return rc;
    *known = auth_password_proof(PQntuples(res) == 1 ? db_text(res, 0, SETTINGS_COLUMN) : NULL,
                                 password, proof) == 0;
    PQclear(res);
    return DB_OK;
}

/* The login form again with 429 and Retry-After, after too many attempts. */
static int login_throttled(struct ctx *c, long wait_s)
{
    view_set(c->req->hdf, "Form.Message", "throttled");
    view_set_int(c->req->hdf, "Form.RetryMinutes", (wait_s + 59) / 60);
    char retry[24];
    snprintf(retry, sizeof retry, "%ld", wait_s);
    resp_header(c->resp, "Retry-After", retry);
    login_page(c);
    return 429;
}

int handle_login(struct ctx *c)
{
    struct request *req = c->req;
    size_t bad = portal_form_check(c, login_fields, 2);
    view_set(req->hdf, "Form.Values.password", ""); /* never echo a password back */
    if (bad) {
        login_page(c);
        return 422;
    }
    const char *email = req_param(req, "email");
    const char *password = req_param(req, "password");
    const char *device = req_cookie(req, DEVICE_COOKIE);
    if (device && strlen(device) != AUTH_TOKEN_TEXT - 1)
        device = NULL;
    long wait_s = 0;
    if (login_attempt(c, email, device, &wait_s) != DB_OK)
        return 500;
    if (wait_s > 0)
        return login_throttled(c, wait_s);

    char proof[AUTH_HASH_TEXT];
    int known = 0;
    if (login_proof(c, email, password, proof, &known) != DB_OK)
        return 500;

    char token[48], new_device[AUTH_TOKEN_TEXT];
    if (device)
        snprintf(new_device, sizeof new_device, "%s", device);
    else
        auth_token_new(new_device);
    long user_id = 0;
    if (known && session_start_login(c->db, email, req->client_addr, device, new_device, proof,
                                     c->cfg->session_absolute_s, req_cookie(req, SESSION_COOKIE),
                                     token, &user_id) != DB_OK)
        return 500;
    if (!user_id) { /* the attempt stays counted as a failure */
        view_set(req->hdf, "Form.Message", "bad_login");
        login_page(c);
        return 401;
    }
    if (db_set_user(c->db, user_id) != DB_OK ||
        db_audit(c->db, user_id, 0, "login", "user", user_id, NULL) != DB_OK)
        return 500;
    c->sess->user_id = user_id;
    resp_cookie(c->resp, SESSION_COOKIE, token, -1, c->cfg->secure_cookies);
    resp_cookie(c->resp, PRELOGIN_COOKIE, "", 0, c->cfg->secure_cookies);
    if (!device) /* this browser is a device the account now knows, for a year */
        resp_cookie(c->resp, DEVICE_COOKIE, new_device, 365L * 24 * 3600, c->cfg->secure_cookies);

    resp_redirect(c->resp, "/");
    return 303;
}

int handle_logout(struct ctx *c)
{
    const char *token = req_cookie(c->req, SESSION_COOKIE);
    if (db_audit(c->db, c->sess->user_id, 0, "logout", "user", c->sess->user_id, NULL) != DB_OK ||
        session_end(c->db, token) != DB_OK)
        return 500;
    resp_cookie(c->resp, SESSION_COOKIE, "", 0, c->cfg->secure_cookies);
    resp_redirect(c->resp, "/login");
    return 303;
}
