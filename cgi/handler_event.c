/* handler_event.c - event reports and vulnerability reports (ISO/IEC 27035-2 Annex B.2 and
 * B.4), and the point of contact's decision on an event: closed as not an incident (with
 * the reason) or promoted to an incident that keeps the event as its origin. */
#include "categories.h"
#include "form.h"
#include "incident.h"
#include "pager.h"
#include "portal.h"
#include "share_view.h"
#include "timeline.h"
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const yes_no[] = {"yes", "no", NULL};

static const struct field event_fields[] = {
    {"reporter_name", FIELD_TEXT, 1, 2, 200, NULL},
    {"reporter_phone", FIELD_TEXT, 0, 0, 50, NULL},
    {"reporter_email", FIELD_EMAIL, 1, 3, 254, NULL},
    {"what_occurred", FIELD_MULTILINE, 1, 10, 10000, NULL},
    {"how_occurred", FIELD_MULTILINE, 0, 0, 10000, NULL},
    {"why_occurred", FIELD_MULTILINE, 0, 0, 10000, NULL},
    {"components_affected", FIELD_MULTILINE, 0, 0, 4000, NULL},
    {"business_impact", FIELD_MULTILINE, 0, 0, 4000, NULL},
    {"vulnerabilities", FIELD_MULTILINE, 0, 0, 4000, NULL},
    {"occurred_at", FIELD_DATETIME, 0, 0, 0, NULL},
    {"detected_at", FIELD_DATETIME, 1, 0, 0, NULL},
    {"is_over", FIELD_CHOICE, 1, 0, 0, yes_no},
    {"duration", FIELD_TEXT, 0, 0, 100, NULL},
    {"tlp", FIELD_CHOICE, 1, 0, 0, incident_tlp_levels},
};
#define N_EVENT_FIELDS (sizeof event_fields / sizeof event_fields[0])

static const struct field vulnerability_fields[] = {
    {"reporter_name", FIELD_TEXT, 1, 2, 200, NULL},
    {"reporter_email", FIELD_EMAIL, 1, 3, 254, NULL},
    {"description", FIELD_MULTILINE, 1, 10, 10000, NULL},
    {"location", FIELD_MULTILINE, 1, 2, 4000, NULL},
    {"how_found", FIELD_MULTILINE, 0, 0, 4000, NULL},
    {"incident_number", FIELD_TEXT, 0, 0, 20, NULL},
    {"tlp", FIELD_CHOICE, 1, 0, 0, incident_tlp_levels},
};
#define N_VULN_FIELDS (sizeof vulnerability_fields / sizeof vulnerability_fields[0])

/* The organisations the user may report for (holding one of roles), the TLP choices, and
 * the organisation chosen before (when the form comes back). */
static void report_form_data(struct ctx *c, unsigned roles, const char *template, const char *title)
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

static const struct membership *reporting_org(struct ctx *c, unsigned roles)
{
    const char *v = req_param(c->req, "org_id");
    return v && *v ? session_org(c->sess, strtol(v, NULL, 10), roles)
                   : session_first_org(c->sess, roles);
}

int handle_event_form(struct ctx *c)
{
    view_set(c->req->hdf, "Form.Values.reporter_name", c->sess->display_name);
    view_set(c->req->hdf, "Form.Values.reporter_email", c->sess->email);
    view_set(c->req->hdf, "Form.Values.tlp", "amber");
    view_set(c->req->hdf, "Form.Values.is_over", "no");
    report_form_data(c, ROLES_REPORTERS, "incident/event_new.cs", "event_new");
    return 200;
}

int handle_event_create(struct ctx *c)
{
    const struct membership *org = reporting_org(c, ROLES_REPORTERS);
    size_t bad = portal_form_check(c, event_fields, N_EVENT_FIELDS);
    if (!org) {
        portal_form_error(c, "org_id", "not_a_choice");
        bad++;
    }
    if (bad) {
        report_form_data(c, ROLES_REPORTERS, "incident/event_new.cs", "event_new");
        return 422;
    }
    c->org_id = org->org_id;
    char oid[24], uid[24];
    snprintf(oid, sizeof oid, "%ld", org->org_id);
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    const char *occurred = req_param(c->req, "occurred_at");
    const char *p[] = {
        oid,
        req_param(c->req, "reporter_name"),
        req_param(c->req, "reporter_phone") ? req_param(c->req, "reporter_phone") : "",
        req_param(c->req, "reporter_email"),
        req_param(c->req, "what_occurred"),
        req_param(c->req, "how_occurred") ? req_param(c->req, "how_occurred") : "",
        req_param(c->req, "why_occurred") ? req_param(c->req, "why_occurred") : "",
        req_param(c->req, "components_affected") ? req_param(c->req, "components_affected") : "",
        req_param(c->req, "business_impact") ? req_param(c->req, "business_impact") : "",
        req_param(c->req, "vulnerabilities") ? req_param(c->req, "vulnerabilities") : "",
        occurred && *occurred ? occurred : NULL,
        req_param(c->req, "detected_at"),
        strcmp(req_param(c->req, "is_over"), "yes") == 0 ? "t" : "f",
        req_param(c->req, "duration") ? req_param(c->req, "duration") : "",
        req_param(c->req, "tlp"),
        uid};
    PGresult *res;
    if (db_exec(c->db, &res,
                "INSERT INTO events (org_id, reporter_name, reporter_phone, reporter_email, "
                "  what_occurred, how_occurred, why_occurred, components_affected, "
                "  business_impact, vulnerabilities, occurred_at, detected_at, is_over, "
                "  duration, tlp, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
                "  $11::timestamp AT TIME ZONE 'UTC', $12::timestamp AT TIME ZONE 'UTC', $13, "
                "  $14, $15, $16) RETURNING id",
                16, p) != DB_OK)
        return 500;
    long id = db_long(res, 0, 0);
    PQclear(res);
    if (timeline_add(c, org->org_id, "event", id, "reported", "") != DB_OK)
        return 500;
    char where[48];
    snprintf(where, sizeof where, "/events/%ld", id);
    resp_redirect(c->resp, where);
    return 303;
}

int handle_events(struct ctx *c)
{
    struct pager events, vulns;
    int bad = pager_read(c, "events_before", &events);
    if (!bad)
        bad = pager_read(c, "vulnerabilities_before", &vulns);
    if (bad)
        return bad;
    const char *ep[] = {pager_at(&events), pager_id(&events)};
    PGresult *res;
    if (db_exec(
            c->db, &res,
            "SELECT e.id, e.number, o.name, left(e.what_occurred, 120), e.status, e.tlp, "
            "  to_char(e.reported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "
            "  coalesce(i.number, ''), coalesce(i.id, 0), " PAGER_CURSOR(
                "e.reported_at") " FROM events e JOIN organisations o ON o.id = e.org_id "
                                 "LEFT JOIN incidents i ON i.id = e.incident_id "
                                 "WHERE " PAGER_BELOW(
                                     "e.reported_at", "e.id", "$1",
                                     "$2") " ORDER BY e.reported_at DESC, e.id DESC " PAGER_LIMIT,
            2, ep) != DB_OK)
        return 500;
    static const char *const names[] = {"Id",  "Number",   "Org",      "What",      "Status",
                                        "Tlp", "Reported", "Incident", "IncidentId"};
    portal_rows(c, "Events", res, names, 9);
    pager_links(c, "Events", res, 9, 0, &events);
    PQclear(res);
    const char *vp[] = {pager_at(&vulns), pager_id(&vulns)};
    if (db_exec(
            c->db, &res,
            "SELECT v.id, v.number, o.name, left(v.description, 120), v.status, v.tlp, "
            "  to_char(v.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), " PAGER_CURSOR(
                "v.created_at") " FROM vulnerabilities v JOIN organisations o ON o.id = v.org_id "
                                "WHERE " PAGER_BELOW(
                                    "v.created_at", "v.id", "$1",
                                    "$2") " ORDER BY v.created_at DESC, v.id DESC " PAGER_LIMIT,
            2, vp) != DB_OK)
        return 500;
    pager_links(c, "Vulnerabilities", res, 7, 0, &vulns);
    for (int i = 0; i < PQntuples(res); i++)
        for (int k = 0; k < 7; k++) {
            char key[48];
            snprintf(key, sizeof key, "Vulnerabilities.%d.%s", i, names[k == 6 ? 6 : k]);
            view_set(c->req->hdf, key, db_text(res, i, k));
        }
    PQclear(res);
    if (session_first_org(c->sess, ROLES_REPORTERS | ROLE_ASSESSOR))
        view_set(c->req->hdf, "MayReport", "1");
    portal_page(c, "incident/events.cs", "events");
    return 200;
}

/* Loads one event into Event.* (404 when hidden by row-level security). */
static int event_load(struct ctx *c, long *org_id, char *status, size_t status_size)
{
    char id[24];
    snprintf(id, sizeof id, "%ld", c->id);
    const char *p[] = {id};
    PGresult *res;
    if (db_exec(c->db, &res,
                "SELECT e.id, e.number, o.name, e.reporter_name, e.reporter_phone, "
                "  e.reporter_email, e.what_occurred, e.how_occurred, e.why_occurred, "
                "  e.components_affected, e.business_impact, e.vulnerabilities, "
                "  coalesce(to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), ''), "
                "  to_char(e.detected_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "
                "  to_char(e.reported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "
                "  CASE WHEN e.is_over THEN 'yes' ELSE 'no' END, e.duration, e.tlp, e.status, "
                "  e.decision_reason, coalesce(i.number, ''), coalesce(i.id, 0), e.org_id "
                "FROM events e JOIN organisations o ON o.id = e.org_id "
                "LEFT JOIN incidents i ON i.id = e.incident_id WHERE e.id = $1",
                1, p) != DB_OK)
        return 500;
    if (PQntuples(res) != 1) {
        PQclear(res);
        return 404;
    }
    static const char *const names[] = {"Id",
                                        "Number",
                                        "Org",
                                        "ReporterName",
                                        "ReporterPhone",
                                        "ReporterEmail",
                                        "What",
                                        "How",
                                        "Why",
                                        "Components",
                                        "Impact",
                                        "Vulnerabilities",
                                        "OccurredAt",
                                        "DetectedAt",
                                        "ReportedAt",
                                        "IsOver",
                                        "Duration",
                                        "Tlp",
                                        "Status",
                                        "DecisionReason",
                                        "Incident",
                                        "IncidentId"};
    for (int k = 0; k < 22; k++) {
        char key[48];
        snprintf(key, sizeof key, "Event.%s", names[k]);
        view_set(c->req->hdf, key, db_text(res, 0, k));
    }
    *org_id = db_long(res, 0, 22);
    snprintf(status, status_size, "%s", db_text(res, 0, 18));
    PQclear(res);
    return 200;
}

/* The point of contact: the organisation's coordinator or administrator, or the parent's
 * overseers (for a group company). */
static int may_decide(struct ctx *c, long org_id)
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
    int yes = strcmp(db_text(res, 0, 0), "t") == 0;
    PQclear(res);
    return yes;
}

static int event_page(struct ctx *c, int status)
{
    long org_id;
    char state[32];
    int rc = event_load(c, &org_id, state, sizeof state);
    if (rc != 200)
        return rc;
    c->org_id = org_id;
    view_set_int(c->req->hdf, "Event.MayDecide",
                 strcmp(state, "reported") == 0 && may_decide(c, org_id));
    if (timeline_to_hdf(c, "event", c->id) != 0)
        return 500;
    struct categories cats;
    if (categories_load(c, &org_id, 1, &cats) != 0)
        return 500;
    categories_to_hdf(c, &cats);
    categories_free(&cats);
    portal_page(c, "incident/event_show.cs", "event");
    return status;
}

int handle_event_show(struct ctx *c)
{
    return event_page(c, 200);
}

/* POST /events/:id/decide - action=close (with a reason) or promote (with a title). */
int handle_event_decide(struct ctx *c)
{
    long org_id;
    char state[32];
    int rc = event_load(c, &org_id, state, sizeof state);
    if (rc != 200)
        return rc;
    c->org_id = org_id;
    if (strcmp(state, "reported") != 0 || !may_decide(c, org_id))
        return strcmp(state, "reported") != 0 ? 409 : 403;
    const char *action = req_param(c->req, "action");
    int promote = action && strcmp(action, "promote") == 0;
    static const struct field close_fields[] = {
        {"reason", FIELD_MULTILINE, 1, 5, 4000, NULL},
    };
    /* the incident's category is one of those in force for the event's organisation */
    struct categories cats;
    if (categories_load(c, &org_id, 1, &cats) != 0)
        return 500;
    const struct field promote_fields[] = {
        {"title", FIELD_TEXT, 1, 3, 200, NULL},
        {"category", FIELD_CHOICE, 1, 0, 0, cats.codes},
        {"reason", FIELD_MULTILINE, 0, 0, 4000, NULL},
    };
    size_t bad =
        action && (promote || strcmp(action, "close") == 0)
            ? portal_form_check(c, promote ? promote_fields : close_fields, promote ? 3 : 1)
            : 0;
    categories_free(&cats);
    if (!action || (!promote && strcmp(action, "close") != 0))
        return 400;
    if (bad)
        return event_page(c, 422);
    char eid[24], uid[24];
    snprintf(eid, sizeof eid, "%ld", c->id);
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    const char *reason = req_param(c->req, "reason");
    if (!promote) {
        const char *p[] = {eid, reason};
        if (db_exec(c->db, NULL,
                    "UPDATE events SET status = 'closed_not_incident', decision_reason = $2 "
                    "WHERE id = $1",
                    2, p) != DB_OK ||
            timeline_add(c, org_id, "event", c->id, "closed_not_incident", reason) != DB_OK)
            return 500;
        char where[48];
        snprintf(where, sizeof where, "/events/%ld", c->id);
        resp_redirect(c->resp, where);
        return 303;
    }
    /* the incident starts from the event's report; severity is classified next */
    const char *p[] = {eid, req_param(c->req, "title"), req_param(c->req, "category"), uid};
    PGresult *res;
    if (db_exec(c->db, &res,
                "INSERT INTO incidents (org_id, title, detected_at, description, category, "
                "  severity, tlp, reported_by, event_id, how_occurred, why_occurred, "
                "  occurred_at, awareness_at, scale_id) "
                "SELECT e.org_id, $2, e.detected_at, e.what_occurred, $3, 'warning', e.tlp, "
                "  $4, e.id, e.how_occurred, e.why_occurred, e.occurred_at, e.detected_at, "
                "  app.scale_for(e.org_id) FROM events e WHERE e.id = $1 RETURNING id",
                4, p) != DB_OK)
        return 500;
    long incident = db_long(res, 0, 0);
    PQclear(res);
    char iid[24];
    snprintf(iid, sizeof iid, "%ld", incident);
    const char *q[] = {eid, iid, reason ? reason : ""};
    char detail[64];
    snprintf(detail, sizeof detail, "INC-%06ld", incident);
    if (db_exec(c->db, NULL,
                "UPDATE events SET status = 'promoted', incident_id = $2, decision_reason = $3 "
                "WHERE id = $1",
                3, q) != DB_OK ||
        timeline_add(c, org_id, "event", c->id, "promoted", detail) != DB_OK ||
        timeline_add(c, org_id, "incident", incident, "created_from_event", "") != DB_OK ||
        share_apply_rules(c, incident) != 0)
        return 500;
    char where[48];
    snprintf(where, sizeof where, "/incidents/%ld", incident);
    resp_redirect(c->resp, where);
    return 303;
}

int handle_vulnerability_form(struct ctx *c)
{
    view_set(c->req->hdf, "Form.Values.reporter_name", c->sess->display_name);
    view_set(c->req->hdf, "Form.Values.reporter_email", c->sess->email);
    view_set(c->req->hdf, "Form.Values.tlp", "amber");
    report_form_data(c, ROLES_REPORTERS | ROLE_ASSESSOR, "incident/vulnerability_new.cs",
                     "vulnerability_new");
    return 200;
}

int handle_vulnerability_create(struct ctx *c)
{
    const struct membership *org = reporting_org(c, ROLES_REPORTERS | ROLE_ASSESSOR);
    size_t bad = portal_form_check(c, vulnerability_fields, N_VULN_FIELDS);
    if (!org) {
        portal_form_error(c, "org_id", "not_a_choice");
        bad++;
    }
    const char *number = req_param(c->req, "incident_number");
    long incident = 0;
    if (!bad && number && *number) {
        const char *p[] = {number};
        PGresult *res;
        if (db_exec(c->db, &res, "SELECT id FROM incidents WHERE number = upper($1)", 1, p) !=
            DB_OK)
            return 500;
        incident = PQntuples(res) ? db_long(res, 0, 0) : 0;
        PQclear(res);
        if (!incident) {
            portal_form_error(c, "incident_number", "unknown_incident");
            bad++;
        }
    }
    if (bad) {
        report_form_data(c, ROLES_REPORTERS | ROLE_ASSESSOR, "incident/vulnerability_new.cs",
                         "vulnerability_new");
        return 422;
    }
    c->org_id = org->org_id;
    char oid[24], uid[24], iid[24];
    snprintf(oid, sizeof oid, "%ld", org->org_id);
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    snprintf(iid, sizeof iid, "%ld", incident);
    const char *p[] = {oid,
                       req_param(c->req, "reporter_name"),
                       req_param(c->req, "reporter_email"),
                       req_param(c->req, "description"),
                       req_param(c->req, "location"),
                       req_param(c->req, "how_found") ? req_param(c->req, "how_found") : "",
                       incident ? iid : NULL,
                       req_param(c->req, "tlp"),
                       uid};
    PGresult *res;
    if (db_exec(c->db, &res,
                "INSERT INTO vulnerabilities (org_id, reporter_name, reporter_email, "
                "  description, location, how_found, incident_id, tlp, created_by) "
                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                9, p) != DB_OK)
        return 500;
    long id = db_long(res, 0, 0);
    PQclear(res);
    if (timeline_add(c, org->org_id, "vulnerability", id, "reported", "") != DB_OK)
        return 500;
    char where[48];
    snprintf(where, sizeof where, "/vulnerabilities/%ld", id);
    resp_redirect(c->resp, where);
    return 303;
}

int handle_vulnerability_show(struct ctx *c)
{
    char id[24];
    snprintf(id, sizeof id, "%ld", c->id);
    const char *p[] = {id};
    PGresult *res;
    if (db_exec(c->db, &res,
                "SELECT v.id, v.number, o.name, v.reporter_name, v.reporter_email, "
                "  v.description, v.location, v.how_found, coalesce(i.number, ''), "
                "  coalesce(i.id, 0), v.resolution, v.status, v.tlp, "
                "  to_char(v.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), v.org_id "
                "FROM vulnerabilities v JOIN organisations o ON o.id = v.org_id "
                "LEFT JOIN incidents i ON i.id = v.incident_id WHERE v.id = $1",
                1, p) != DB_OK)
        return 500;
    if (PQntuples(res) != 1) {
        PQclear(res);
        return 404;
    }
    static const char *const names[] = {
        "Id",          "Number",   "Org",      "ReporterName", "ReporterEmail",
        "Description", "Location", "HowFound", "Incident",     "IncidentId",
        "Resolution",  "Status",   "Tlp",      "Reported"};
    for (int k = 0; k < 14; k++) {
        char key[48];
        snprintf(key, sizeof key, "Vulnerability.%s", names[k]);
        view_set(c->req->hdf, key, db_text(res, 0, k));
    }
    c->org_id = db_long(res, 0, 14);
    int open = strcmp(db_text(res, 0, 11), "open") == 0;
    PQclear(res);
    view_set_int(c->req->hdf, "Vulnerability.MayResolve", open && may_decide(c, c->org_id));
    if (timeline_to_hdf(c, "vulnerability", c->id) != 0)
        return 500;
    portal_page(c, "incident/vulnerability_show.cs", "vulnerability");
    return 200;
}

/* POST /vulnerabilities/:id/resolve - how it was resolved, by the organisation's
 * coordinator or administrator or the parent's point of contact. */
int handle_vulnerability_resolve(struct ctx *c)
{
    char id[24];
    snprintf(id, sizeof id, "%ld", c->id);
    const char *p[] = {id};
    PGresult *res;
    if (db_exec(c->db, &res, "SELECT org_id, status FROM vulnerabilities WHERE id = $1", 1, p) !=
        DB_OK)
        return 500;
    if (PQntuples(res) != 1) {
        PQclear(res);
        return 404;
    }
    long org_id = db_long(res, 0, 0);
    int open = strcmp(db_text(res, 0, 1), "open") == 0;
    PQclear(res);
    c->org_id = org_id;
    if (!may_decide(c, org_id))
        return 403;
    if (!open)
        return 409;
    static const struct field fields[] = {{"resolution", FIELD_MULTILINE, 1, 5, 10000, NULL}};
    if (portal_form_check(c, fields, 1)) {
        int status = handle_vulnerability_show(c);
        return status == 200 ? 422 : status;
    }
    const char *q[] = {id, req_param(c->req, "resolution")};
    if (db_exec(c->db, NULL,
                "UPDATE vulnerabilities SET status = 'resolved', resolution = $2 WHERE id = $1", 2,
                q) != DB_OK ||
        timeline_add(c, org_id, "vulnerability", c->id, "resolved", "") != DB_OK)
        return 500;
    char where[48];
    snprintf(where, sizeof where, "/vulnerabilities/%ld", c->id);
    resp_redirect(c->resp, where);
    return 303;
}
