/* reporting.c - the organisations a user may report events and vulnerabilities for, the
 * report forms' choices, and the point of contact who decides on a report; see
 * reporting.h. */
#include "reporting.h"

#include "incident.h"
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void reporting_form_page(struct ctx *c, unsigned roles, const char *template, const char *title)
{
    HDF *hdf = c->req->hdf;
    const char *chosen = req_param(c->req, "org_id");
    view_set(hdf, "Form.Values.org_id", chosen ? chosen : "");
    for (int i = 0; incident_tlp_levels[i]; i++) {
        char key[48];
        snprintf(key, sizeof key, "Choices.Tlp.%d", i);
        view_set(hdf, key, incident_tlp_levels[i]);
    }
    int k = 0;
    for (int i = 0; i < c->sess->n_orgs; i++) {
        if (!(c->sess->orgs[i].roles & roles))
            continue;
        char key[64];
        snprintf(key, sizeof key, "ReportingOrgs.%d.Id", k);
        view_set_int(hdf, key, c->sess->orgs[i].org_id);
        snprintf(key, sizeof key, "ReportingOrgs.%d.Name", k++);
        view_set(hdf, key, c->sess->orgs[i].org_name);
    }
    portal_page(c, template, title);
}

/* Column of the overseen-group-company check. */
enum { OVERSEEN_COLUMN };

int reporting_may_decide(struct ctx *c, long org_id)
{
    if (session_org(c->sess, org_id, ROLES_COORDINATORS))
        return 1;
    char oid[24];
    snprintf(oid, sizeof oid, "%ld", org_id);
    const char *p[] = {oid};
    PGresult *res;
    if (db_exec(c->db, &res, "SELECT $1::bigint IN (SELECT app.overseen_group_companies())", 1,
                p) != DB_OK)
        return 0;
    int yes = strcmp(db_text(res, 0, OVERSEEN_COLUMN), "t") == 0;
    PQclear(res);
    return yes;
}
