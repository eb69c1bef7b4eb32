/* handler_account.c - /account: the organisations a person belongs to, with their roles
 * in each, the invitations waiting for them, leaving one (not as its last administrator),
 * and the language the person reads the portal and its mails in. */
#include "form.h"
#include "portal.h"
#include "view.h"

#include <stdio.h>
#include <string.h>

/* What /account shows beyond the session: the open invitations addressed to the user. */
struct account {
    PGresult *invitations; /* enum invitation_column */
};

/* Columns of the invitations' statement, named for the page as invitation_names. */
enum invitation_column { IC_ORG, IC_ROLE, IC_FROM, IC_EXPIRES, IC_COUNT };
static const char *const invitation_names[IC_COUNT] = {"Org", "Role", "From", "Expires"};

/* Returns 200 or 500; account_free releases what it loaded. */
static int account_load(struct ctx *c, struct account *a)
{
    memset(a, 0, sizeof *a);
    if (db_exec(c->db, &a->invitations,
                "SELECT org_name, role, invited_by, "
                "  to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') "
                "FROM app.my_invitations()",
                0, NULL) != DB_OK)
        return 500;
    return 200;
}

static void account_free(struct account *a)
{
    if (a->invitations)
        PQclear(a->invitations);
    a->invitations = NULL;
}

/* The invitations as Account.Invitations.N.* and the session's memberships as
 * Account.Orgs.N.{Id,Name,Roles.K}. */
static void account_to_hdf(struct ctx *c, const struct account *a)
{
    portal_rows(c, "Account.Invitations", a->invitations, invitation_names, IC_COUNT);
    for (int i = 0; i < c->sess->n_orgs; i++) {
        const struct membership *m = &c->sess->orgs[i];
        char key[96];
        snprintf(key, sizeof key, "Account.Orgs.%d.Id", i);
        view_set_int(c->req->hdf, key, m->org_id);
        snprintf(key, sizeof key, "Account.Orgs.%d.Name", i);
        view_set(c->req->hdf, key, m->org_name);
        int k = 0;
        for (unsigned r = 1; r <= ROLE_REVIEWER; r <<= 1)
            if (m->roles & r) {
                snprintf(key, sizeof key, "Account.Orgs.%d.Roles.%d", i, k++);
                view_set(c->req->hdf, key, role_name(r));
            }
    }
}

/* Loads and renders the page; returns status, or 500 when loading fails. */
static int account_page(struct ctx *c, int status)
{
    struct account a;
    if (account_load(c, &a) != 200) {
        account_free(&a);
        return 500;
    }
    account_to_hdf(c, &a);
    account_free(&a);
    portal_page(c, "account/show.cs", "account");
    return status;
}

int handle_account(struct ctx *c)
{
    const char *left = req_param(c->req, "left");
    if (left && strcmp(left, "1") == 0)
        view_set(c->req->hdf, "Flash", "left");
    const char *language = req_param(c->req, "language");
    if (language && strcmp(language, "1") == 0)
        view_set(c->req->hdf, "Flash", "language");
    return account_page(c, 200);
}

/* POST /account/language - lang: "en", "de", or "browser" (no choice: pages follow the
 * browser's Accept-Language, mails go out in English). */
int handle_account_language(struct ctx *c)
{
    static const char *const choices[] = {"browser", "en", "de", NULL};
    static const struct field fields[] = {{"lang", FIELD_CHOICE, 1, 0, 0, choices}};
    if (portal_form_check(c, fields, 1) > 0)
        return account_page(c, 422);
    const char *lang = req_param(c->req, "lang");
    const char *p[] = {strcmp(lang, "browser") == 0 ? "" : lang};
    if (db_exec(c->db, NULL, "SELECT app.set_my_language($1)", 1, p) != DB_OK)
        return 500;
    resp_redirect(c->resp, "/account?language=1");
    return 303;
}

/* Column of app.membership_leave's answer: left, not_member or last_admin. */
enum { OUTCOME_COLUMN };

/* Leaves organisation org unless the user is its last administrator; outcome receives
 * app.membership_leave's answer. Returns DB_OK or a DB_ error. */
static int membership_leave(struct ctx *c, long org, char *outcome, size_t size)
{
    char oid[24];
    snprintf(oid, sizeof oid, "%ld", org);
    const char *p[] = {oid};
    PGresult *res;
    int rc = db_exec(c->db, &res, "SELECT app.membership_leave($1)", 1, p);
    if (rc != DB_OK)
        return rc;
    snprintf(outcome, size, "%s", db_text(res, 0, OUTCOME_COLUMN));
    PQclear(res);
    return DB_OK;
}

/* POST /memberships/:id/leave - :id is the organisation. */
int handle_membership_leave(struct ctx *c)
{
    char outcome[16];
    if (membership_leave(c, c->id, outcome, sizeof outcome) != DB_OK)
        return 500;
    if (strcmp(outcome, "not_member") == 0)
        return 404;
    if (strcmp(outcome, "last_admin") == 0) {
        view_set(c->req->hdf, "Form.Message", "last_admin");
        view_set_int(c->req->hdf, "Form.OrgId", c->id);
        return account_page(c, 422);
    }
    resp_redirect(c->resp, "/account?left=1");
    return 303;
}
