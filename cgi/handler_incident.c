/* handler_incident.c - incident notification: the report form, storing a report and
 * queuing its alert in the same transaction, the list a parent's coordinator works from,
 * and one incident with the delivery state of each alert. */
#include "categories.h"
#include "form.h"
#include "incident.h"
#include "incident_view.h"
#include "obligations.h"
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

/* The delivery state columns shared by the list and the detail page. */
#define DELIVERY_SUMMARY                                                                           \
    "(SELECT count(*) FROM outbox WHERE incident_id = i.id AND state = 'delivered'), "             \
    "(SELECT count(*) FROM outbox WHERE incident_id = i.id AND state = 'pending'), "               \
    "(SELECT count(*) FROM outbox WHERE incident_id = i.id AND state = 'failing') "

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

    char oid[24], uid[24];
    snprintf(oid, sizeof oid, "%ld", org->org_id);
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
        return 500;
    long id = db_long(res, 0, 0);
    PQclear(res);
    if (db_audit(c->db, c->sess->user_id, org->org_id, "report", "incident", id, NULL) != DB_OK ||
        timeline_add(c, org->org_id, "incident", id, "reported", "") != DB_OK ||
        share_apply_rules(c, id) != 0)
        return 500;
    char where[48];
    snprintf(where, sizeof where, "/incidents/%ld", id);
    resp_redirect(c->resp, where);
    return 303;
}

static void incident_row(HDF *row, PGresult *res, int i)
{
    static const char *const names[] = {
        "Id",       "Number",   "Org",       "Title",   "Category", "Severity",     "Tlp",
        "Detected", "Reported", "Delivered", "Pending", "Failing",  "CategoryLabel"};
    for (int k = 0; k < (int)(sizeof names / sizeof names[0]); k++)
        view_set(row, names[k], db_text(res, i, k));
}

/* The list's and the page's columns; the category's label is the one of the scale the
 * incident was classified with, else the code. */
#define INCIDENT_COLUMNS                                                                           \
    "i.id, i.number, o.name, i.title, i.category, i.severity, i.tlp, "                             \
    "to_char(i.detected_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "                            \
    "to_char(i.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), " DELIVERY_SUMMARY            \
    ", coalesce((SELECT sc.label FROM scale_categories sc WHERE sc.scale_id = "                    \
    "  coalesce(i.scale_id, app.scale_for(i.org_id)) AND sc.code = i.category), i.category) "

int handle_incidents(struct ctx *c)
{
    struct pager pg;
    int bad = pager_read(c, "before", &pg);
    if (bad)
        return bad;
    const char *p[] = {pager_at(&pg), pager_id(&pg)};
    PGresult *res;
    /* the user's own and overseen incidents (row-level security), and those of suppliers
     * that chose one of the user's organisations as an affected customer (the view) */
    if (db_exec(c->db, &res,
                "SELECT *, " PAGER_CURSOR(
                    "at") " FROM (SELECT " INCIDENT_COLUMNS ", i.created_at AS at "
                          "  FROM incidents i JOIN organisations o ON o.id = i.org_id "
                          "UNION ALL "
                          "SELECT DISTINCT ON (ci.id) ci.id, ci.number, ci.org_name, ci.title, "
                          "  ci.category, ci.severity, ci.tlp, "
                          "  to_char(ci.detected_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "
                          "  to_char(ci.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "
                          "  0, 0, 0, ci.category_label, ci.created_at "
                          "  FROM customer_incidents ci "
                          "  WHERE ci.id NOT IN (SELECT id FROM incidents)) x "
                          "WHERE " PAGER_BELOW("at", "id", "$1",
                                               "$2") " ORDER BY at DESC, id DESC " PAGER_LIMIT,
                2, p) != DB_OK)
        return 500;
    pager_links(c, "Incidents", res, 14, 0, &pg);
    for (int i = 0; i < PQntuples(res); i++) {
        char key[48];
        snprintf(key, sizeof key, "Incidents.%d", i);
        HDF *row;
        if (hdf_get_node(c->req->hdf, key, &row) == STATUS_OK)
            incident_row(row, res, i);
    }
    PQclear(res);
    if (session_first_org(c->sess, ROLES_REPORTERS))
        view_set(c->req->hdf, "MayReport", "1");
    portal_page(c, "incident/list.cs", "incidents");
    return 200;
}

int handle_incident_show(struct ctx *c)
{
    const char *saved = req_param(c->req, "saved");
    if (saved)
        view_set(c->req->hdf, "Flash", saved);
    return incident_page(c, 200);
}

int incident_page(struct ctx *c, int status)
{
    char id[24];
    snprintf(id, sizeof id, "%ld", c->id);
    const char *p[] = {id};
    PGresult *res;
    if (db_exec(c->db, &res,
                "SELECT " INCIDENT_COLUMNS ", i.description, i.org_id FROM incidents i "
                "JOIN organisations o ON o.id = i.org_id WHERE i.id = $1",
                1, p) != DB_OK)
        return 500;
    if (PQntuples(res) != 1) {
        PQclear(res);
        /* not the user's own: perhaps a supplier's, shown to a customer it chose */
        return incident_customer_page(c, status);
    }
    HDF *row;
    if (hdf_get_node(c->req->hdf, "Incident", &row) == STATUS_OK) {
        incident_row(row, res, 0);
        view_set(row, "Description", db_text(res, 0, 13));
        view_set_int(row, "Forwardable", incident_tlp_forwardable(db_text(res, 0, 6)));
    }
    c->org_id = db_long(res, 0, 14);
    PQclear(res);
    if (incident_details_to_hdf(c) != 0 || obligations_to_hdf(c, c->id) != 0)
        return 500;

    if (db_exec(c->db, &res,
                "SELECT coalesce(r.name, '(recipient of ' || ro.name || ')'), x.state, "
                "       x.attempts, x.last_http_status, x.last_error, "
                "       to_char(x.last_attempt_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'), "
                "       to_char(x.delivered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'), "
                "       to_char(x.next_attempt_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'), "
                "       x.id, coalesce(x.receipt_id, ''), coalesce(r.format, x.channel), "
                "       x.share_id IS NOT NULL AND (SELECT rule_id FROM shares "
                "         WHERE id = x.share_id) IS NOT NULL "
                "  FROM outbox x JOIN organisations ro ON ro.id = x.recipient_org_id "
                "  LEFT JOIN recipients r ON r.id = x.recipient_id "
                " WHERE x.incident_id = $1 ORDER BY x.id",
                1, p) != DB_OK)
        return 500;
    static const char *const names[] = {"Recipient", "State",       "Attempts",    "HttpStatus",
                                        "Error",     "LastAttempt", "DeliveredAt", "NextAttempt",
                                        "Id",        "Receipt",     "Format",      "ByRule"};
    for (int i = 0; i < PQntuples(res); i++) {
        char key[48];
        snprintf(key, sizeof key, "Deliveries.%d", i);
        HDF *d;
        if (hdf_get_node(c->req->hdf, key, &d) != STATUS_OK)
            continue;
        for (int k = 0; k < (int)(sizeof names / sizeof names[0]); k++)
            view_set(d, names[k], db_text(res, i, k));
    }
    PQclear(res);
    portal_page(c, "incident/show.cs", "incident");
    return status;
}
