/* handler_incident.c - incident notification: the report form, storing a report and
 * queuing its alert in the same transaction, the list a parent's coordinator works from,
 * and showing one incident (its page is loaded and rendered by incident_page.c). */
#include "categories.h"
#include "form.h"
#include "incident.h"
#include "incident_page.h"
#include "share_view.h"
#include "timeline.h"
#include "pager.h"
#include "portal.h"
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CATEGORY_FIELD 3 /* its choices are the reporting organisation's categories */
static const struct field incident_fields[] = {
    {"title", FIELD_TEXT, 1, 3, 200, NULL},
    {"detected_at", FIELD_DATETIME, 1, 0, 0, NULL},
    {"description", FIELD_MULTILINE, 1, 10, 10000, NULL},
    {"category", FIELD_CHOICE, 1, 0, 0, NULL},
    {"severity", FIELD_CHOICE, 1, 0, 0, incident_severities},
    {"tlp", FIELD_CHOICE, 1, 0, 0, incident_tlp_levels},
};
#define N_INCIDENT_FIELDS (sizeof incident_fields / sizeof incident_fields[0])

static void set_choices(HDF *hdf, const char *name, const char *const *codes)
{
    for (int i = 0; codes[i]; i++) {
        char key[64];
        snprintf(key, sizeof key, "%s.%d", name, i);
        view_set(hdf, key, codes[i]);
    }
}

/* The form with the categories in force for any organisation the user reports for. */
static int incident_form_data(struct ctx *c, int status)
{
    HDF *hdf = c->req->hdf;
    set_choices(hdf, "Choices.Severity", incident_severities);
    set_choices(hdf, "Choices.Tlp", incident_tlp_levels);
    int k = 0;
    for (int i = 0; i < c->sess->n_orgs; i++) {
        if (!(c->sess->orgs[i].roles & ROLES_REPORTERS))
            continue;
        char key[64];
        snprintf(key, sizeof key, "ReportingOrgs.%d.Id", k);
        view_set_int(hdf, key, c->sess->orgs[i].org_id);
        snprintf(key, sizeof key, "ReportingOrgs.%d.Name", k++);
        view_set(hdf, key, c->sess->orgs[i].org_name);
    }
    if (categories_page_for_roles(c, ROLES_REPORTERS) != 0)
        return 500;
    portal_page(c, "incident/new.cs", "incident_new");
    return status;
}

int handle_incident_form(struct ctx *c)
{
    view_set(c->req->hdf, "Form.Values.tlp", "amber");
    return incident_form_data(c, 200);
}

/* Column of the new incident's id. */
enum { NEW_ID_COLUMN };

/* Stores the posted report for org_id, audits it, starts its timeline and applies the
 * sharing rules (which queue its alerts) in the request's transaction. Returns 0 or -1. */
static int incident_store(struct ctx *c, long org_id, long *id)
{
    char oid[24], uid[24];
    snprintf(oid, sizeof oid, "%ld", org_id);
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    const char *title = req_param(c->req, "title");
    const char *detected = req_param(c->req, "detected_at");
    const char *description = req_param(c->req, "description");
    const char *category = req_param(c->req, "category");
    const char *severity = req_param(c->req, "severity");
    const char *tlp = req_param(c->req, "tlp");
    const char *p[] = {oid, title, detected, description, category, severity, tlp, uid};
    PGresult *res;
    if (db_exec(c->db, &res,
                "INSERT INTO incidents (org_id, title, detected_at, description, category, "
                "  severity, tlp, reported_by, awareness_at, scale_id) "
                "VALUES ($1, $2, $3::timestamp AT TIME ZONE 'UTC', $4, $5, $6, $7, $8, "
                "  $3::timestamp AT TIME ZONE 'UTC', app.scale_for($1)) RETURNING id",
                8, p) != DB_OK)
        return -1;
    *id = db_long(res, 0, NEW_ID_COLUMN);
    PQclear(res);
    if (db_audit(c->db, c->sess->user_id, org_id, "report", "incident", *id, NULL) != DB_OK ||
        timeline_add(c, org_id, "incident", *id, "reported", "") != DB_OK ||
        share_apply_rules(c, *id) != 0)
        return -1;
    return 0;
}

int handle_incident_create(struct ctx *c)
{
    const char *org_param = req_param(c->req, "org_id");
    const struct membership *org =
        org_param && *org_param ? session_org(c->sess, strtol(org_param, NULL, 10), ROLES_REPORTERS)
                                : session_first_org(c->sess, ROLES_REPORTERS);
    /* the category must be one of the reporting organisation's */
    struct categories cats = {0};
    if (org && categories_load(c, &org->org_id, 1, &cats) != 0)
        return 500;
    struct field fields[N_INCIDENT_FIELDS];
    memcpy(fields, incident_fields, sizeof fields);
    fields[CATEGORY_FIELD].choices = cats.codes;
    size_t bad = portal_form_check(c, fields, N_INCIDENT_FIELDS);
    categories_free(&cats);
    view_set(c->req->hdf, "Form.Values.org_id", org_param ? org_param : "");
    if (!org) {
        view_set(c->req->hdf, "Form.Errors.org_id", "not_a_choice");
        bad++;
    }
    if (bad)
        return incident_form_data(c, 422);
    c->org_id = org->org_id;
    long id;
    if (incident_store(c, org->org_id, &id) != 0)
        return 500;
    char where[48];
    snprintf(where, sizeof where, "/incidents/%ld", id);
    resp_redirect(c->resp, where);
    return 303;
}

/* Columns of the list's statement: INCIDENT_COLUMNS, then these. */
enum incident_list_column { ILC_AT = INC__COUNT, ILC_CURSOR };

/* Organisations whose incidents a user reads in full up to which the list walks each one's
 * newest rows (index incidents_org_created) rather than the newest rows of all (index
 * incidents_created, filtered by row-level security); see schema/028. */
#define INCIDENT_LIST_PER_ORG_MAX "100"
/* The cursor condition on incidents i. */
#define INCIDENT_LIST_BELOW PAGER_BELOW("i.created_at", "i.id", "$1", "$2")

/* One page of the list below the cursor: the user's own and overseen incidents
 * (row-level security), and those of suppliers that chose one of the user's organisations
 * as an affected customer (the view). The page's rows are chosen first, from the indexes
 * alone, and only they get their columns: with a million incidents, computing the
 * delivery counts of every visible row before the sort took seconds. Returns 200 or 500. */
static int incidents_load(struct ctx *c, const struct pager *pg, PGresult **res)
{
    const char *p[] = {pager_at(pg), pager_id(pg)};
    if (db_exec(c->db, res,
                "WITH page AS ("
                "  (SELECT i.id, i.created_at AS at, true AS own FROM incidents i "
                "    WHERE cardinality(app.incident_orgs()) > " INCIDENT_LIST_PER_ORG_MAX
                "      AND " INCIDENT_LIST_BELOW
                " ORDER BY i.created_at DESC, i.id DESC " PAGER_LIMIT ")"
                "  UNION ALL "
                "  (SELECT x.id, x.at, true FROM unnest(app.incident_orgs()) AS mine (org_id) "
                "    CROSS JOIN LATERAL (SELECT i.id, i.created_at AS at FROM incidents i "
                "      WHERE i.org_id = mine.org_id AND " INCIDENT_LIST_BELOW
                "      ORDER BY i.created_at DESC, i.id DESC " PAGER_LIMIT ") x "
                "    WHERE cardinality(app.incident_orgs()) <= " INCIDENT_LIST_PER_ORG_MAX ")"
                "  UNION ALL "
                "  (SELECT DISTINCT ci.id, ci.created_at, false FROM customer_incidents ci "
                "    WHERE NOT EXISTS (SELECT 1 FROM incidents i WHERE i.id = ci.id) "
                "      AND " PAGER_BELOW(
                    "ci.created_at", "ci.id", "$1",
                    "$2") ") "
                          "  ORDER BY at DESC, id DESC " PAGER_LIMIT ") "
                          "SELECT *, " PAGER_CURSOR(
                              "at") " FROM ("
                                    "  SELECT " INCIDENT_COLUMNS ", i.created_at AS at "
                                    "    FROM page JOIN incidents i ON i.id = page.id AND page.own "
                                    "    JOIN organisations o ON o.id = i.org_id "
                                    "  UNION ALL "
                                    "  SELECT DISTINCT ON (ci.id) ci.id, ci.number, ci.org_name, "
                                    "ci.title, ci.category, "
                                    "    ci.severity, ci.tlp, "
                                    "    to_char(ci.detected_at AT TIME ZONE 'UTC', 'YYYY-MM-DD "
                                    "HH24:MI'), "
                                    "    to_char(ci.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD "
                                    "HH24:MI'), "
                                    "    0, 0, 0, ci.category_label, ci.status, ci.created_at "
                                    "    FROM page JOIN customer_incidents ci ON ci.id = page.id "
                                    "AND NOT page.own) x "
                                    "ORDER BY at DESC, id DESC",
                2, p) != DB_OK)
        return 500;
    return 200;
}

/* Incidents.N.*, the pager's links and whether the user may report one. */
static void incidents_to_hdf(struct ctx *c, PGresult *res, const struct pager *pg)
{
    pager_links(c, "Incidents", res, ILC_CURSOR, INC_ID, pg);
    for (int i = 0; i < PQntuples(res); i++) {
        char key[48];
        snprintf(key, sizeof key, "Incidents.%d", i);
        HDF *row;
        if (hdf_get_node(c->req->hdf, key, &row) == STATUS_OK) {
            incident_columns_to_hdf(row, res, i);
            portal_category_words(c, row, "Category", "CategoryLabel", NULL);
        }
    }
    if (session_first_org(c->sess, ROLES_REPORTERS))
        view_set(c->req->hdf, "MayReport", "1");
}

int handle_incidents(struct ctx *c)
{
    struct pager pg;
    int bad = pager_read(c, "before", &pg);
    if (bad)
        return bad;
    PGresult *res;
    if (incidents_load(c, &pg, &res) != 200)
        return 500;
    incidents_to_hdf(c, res, &pg);
    PQclear(res);
    portal_page(c, "incident/list.cs", "incidents");
    return 200;
}

int handle_incident_show(struct ctx *c)
{
    const char *saved = req_param(c->req, "saved");
    if (saved)
        view_set(c->req->hdf, "Flash", saved);
    return incident_page_render(c, 200);
}
