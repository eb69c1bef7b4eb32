/* handler_account.c - /account: the organisations a person belongs to, with their roles
 * in each, the invitations waiting for them, and leaving one (not as its last
 * administrator). */
#include "portal.h"
#include "view.h"

#include <stdio.h>
#include <string.h>

/* The open invitations addressed to the user as Account.Invitations.N.*. */
static int account_load_invitations(struct ctx *c)
{
    PGresult *res;
    if (db_exec(c->db, &res,
                "SELECT org_name, role, invited_by, "
                "  to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') "
                "FROM app.my_invitations()",
                0, NULL) != DB_OK)
        return -1;
    static const char *const names[] = {"Org", "Role", "From", "Expires"};
    portal_rows(c, "Account.Invitations", res, names, 4);
    PQclear(res);
    return 0;
}

/* The session's memberships as Account.Orgs.N.{Id,Name,Roles.K}. */
static void account_view(struct ctx *c)
{
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
    portal_page(c, "account/show.cs", "account");
}

int handle_account(struct ctx *c)
{
    const char *left = req_param(c->req, "left");
    if (left && strcmp(left, "1") == 0)
        view_set(c->req->hdf, "Flash", "left");
    if (account_load_invitations(c) != 0)
        return 500;
    account_view(c);
    return 200;
}

/* POST /memberships/:id/leave - :id is the organisation. */
int handle_membership_leave(struct ctx *c)
{
    char org[24];
    snprintf(org, sizeof org, "%ld", c->id);
    const char *p[] = {org};
    PGresult *res;
    if (db_exec(c->db, &res, "SELECT app.membership_leave($1)", 1, p) != DB_OK)
        return 500;
    char outcome[16];
    snprintf(outcome, sizeof outcome, "%s", db_text(res, 0, 0));
    PQclear(res);
    if (strcmp(outcome, "not_member") == 0)
        return 404;
    if (strcmp(outcome, "last_admin") == 0) {
        view_set(c->req->hdf, "Form.Message", "last_admin");
        view_set_int(c->req->hdf, "Form.OrgId", c->id);
        if (account_load_invitations(c) != 0)
            return 500;
        account_view(c);
        return 422;
    }
    resp_redirect(c->resp, "/account?left=1");
    return 303;
}
