/* handler_event.c - event reports (ISO/IEC 27035-2 Annex B.2), the list of events and
 * vulnerability reports, and the point of contact's decision on an event: closed as not an
 * incident (with the reason) or promoted to an incident that keeps the event as its
 * origin. */
#include "categories.h"
#include "form.h"
#include "incident.h"
#include "list_filter.h"
#include "pager.h"
#include "portal.h"
#include "reporting.h"
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

static void event_form_page(struct ctx *c)
{
    reporting_form_page(c, ROLES_REPORTERS, "incident/event_new.cs", "event_new");
}

int handle_event_form(struct ctx *c)
{
    view_set(c->req->hdf, "Form.Values.reporter_name", c->sess->display_name);
    view_set(c->req->hdf, "Form.Values.reporter_email", c->sess->email);
    view_set(c->req->hdf, "Form.Values.tlp", "amber");
    view_set(c->req->hdf, "Form.Values.is_over", "no");
    event_form_page(c);
    return 200;
}

/* A form value that may be left out, as "". */
static const char *optional(struct ctx *c, const char *name)
{
    const char *v = req_param(c->req, name);
    return v ? v : "";
}

/* Column of the new event's id. */
enum { NEW_EVENT_ID_COLUMN };

/* Stores the form's event for org and its first timeline entry; *id receives the new
 * event's id. Returns 0, or -1 on a database error. */
static int event_store(struct ctx *c, const struct membership *org, long *id)
{
    char oid[24], uid[24];
    snprintf(oid, sizeof oid, "%ld", org->org_id);
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    const char *occurred = req_param(c->req, "occurred_at");
    const char *p[] = {oid,
                       req_param(c->req, "reporter_name"),
                       optional(c, "reporter_phone"),
                       req_param(c->req, "reporter_email"),
                       req_param(c->req, "what_occurred"),
                       optional(c, "how_occurred"),
                       optional(c, "why_occurred"),
                       optional(c, "components_affected"),
                       optional(c, "business_impact"),
                       optional(c, "vulnerabilities"),
                       occurred && *occurred ? occurred : NULL,
                       req_param(c->req, "detected_at"),
                       strcmp(req_param(c->req, "is_over"), "yes") == 0 ? "t" : "f",
                       optional(c, "duration"),
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
        return -1;
    *id = db_long(res, 0, NEW_EVENT_ID_COLUMN);
    PQclear(res);
    return timeline_add(c, org->org_id, "event", *id, "reported", "") == DB_OK ? 0 : -1;
}

int handle_event_create(struct ctx *c)
{
    const struct membership *org = portal_acting_org(c, ROLES_REPORTERS);
    size_t bad = portal_form_check(c, event_fields, N_EVENT_FIELDS);
    if (!org) {
        portal_form_error(c, "org_id", "not_a_choice");
        bad++;
    }
    if (bad) {
        event_form_page(c);
        return 422;
    }
    c->org_id = org->org_id;
    long id;
    if (event_store(c, org, &id) != 0)
        return 500;
    char where[48];
    snprintf(where, sizeof where, "/events/%ld", id);
    resp_redirect(c->resp, where);
    return 303;
}

/* Columns of the events list's statement, named for the page as event_list_names (all
 * but the last, the pager's cursor). */
enum event_list_column {
    ELC_ID,
    ELC_NUMBER,
    ELC_ORG,
    ELC_WHAT,
    ELC_STATUS,
    ELC_TLP,
    ELC_REPORTED,
    ELC_INCIDENT,
    ELC_INCIDENT_ID,
    ELC_CURSOR,
};
static const char *const event_list_names[ELC_CURSOR] = {
    [ELC_ID] = "Id",
    [ELC_NUMBER] = "Number",
    [ELC_ORG] = "Org",
    [ELC_WHAT] = "What",
    [ELC_STATUS] = "Status",
    [ELC_TLP] = "Tlp",
    [ELC_REPORTED] = "Reported",
    [ELC_INCIDENT] = "Incident",
    [ELC_INCIDENT_ID] = "IncidentId",
};

/* Columns of the vulnerabilities list's statement, named for the page as
 * vulnerability_list_names (all but the pager's cursor). */
enum vulnerability_list_column {
    VLC_ID,
    VLC_NUMBER,
    VLC_ORG,
    VLC_WHAT,
    VLC_STATUS,
    VLC_TLP,
    VLC_REPORTED,
    VLC_CURSOR,
};
static const char *const vulnerability_list_names[VLC_CURSOR] = {
    [VLC_ID] = "Id",
    [VLC_NUMBER] = "Number",
    [VLC_ORG] = "Org",
    [VLC_WHAT] = "What",
    [VLC_STATUS] = "Status",
    [VLC_TLP] = "Tlp",
    [VLC_REPORTED] = "Reported",
};

/* The events list's filters, search and sort, in the order of its statement's parameters
 * $3 to $9 (list_filter.h); the vulnerabilities list below it is not filtered. */
static const char *const event_statuses[] = {"reported", "closed_not_incident", "promoted", NULL};
static const char *const event_tlps[] = {"clear", "green", "amber", "amber_strict", "red", NULL};
static const char *const event_sorts[] = {"date_desc", "date_asc", NULL};
enum event_list_param {
    EVP_STATUS,
    EVP_ORG,
    EVP_TLP,
    EVP_FROM,
    EVP_TO,
    EVP_Q,
    EVP_SORT,
    EVP__COUNT
};
static const struct list_param event_list_params[EVP__COUNT] = {
    [EVP_STATUS] = {"status", LP_CHOICE, event_statuses},
    [EVP_ORG] = {"org", LP_ID, NULL},
    [EVP_TLP] = {"tlp", LP_CHOICE, event_tlps},
    [EVP_FROM] = {"from", LP_DATE, NULL},
    [EVP_TO] = {"to", LP_DATE, NULL},
    [EVP_Q] = {"q", LP_TEXT, NULL},
    [EVP_SORT] = {"sort", LP_CHOICE, event_sorts},
};

/* The events list in either direction (enum list_sort: date only), filtered; a filter
 * whose parameter is NULL holds for every row (planned as LIST_PLAN_SQL says). */
#define EVENT_LIST_SQL(dir, cmp)                                                                   \
    "SELECT e.id, e.number, o.name, left(e.what_occurred, 120), e.status, e.tlp, "                 \
    "  to_char(e.reported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "                          \
    "  coalesce(i.number, ''), coalesce(i.id, 0), " PAGER_CURSOR(                                  \
        "e.reported_at") " "                                                                       \
                         "FROM events e JOIN organisations o ON o.id = e.org_id "                  \
                         "LEFT JOIN incidents i ON i.id = e.incident_id "                          \
                         "WHERE " PAGER_BEYOND(                                                    \
                             "e.reported_at", "e.id", "$1", "$2",                                  \
                             cmp) " "                                                              \
                                  "  AND ($3::text IS NULL OR e.status = $3) AND ($4::bigint IS "  \
                                  "NULL OR e.org_id = $4) "                                        \
                                  "  AND ($5::text IS NULL OR e.tlp = $5) "                        \
                                  "  AND ($6::date IS NULL OR e.reported_at >= "                   \
                                  "$6::date::timestamp AT TIME ZONE 'UTC') "                       \
                                  "  AND ($7::date IS NULL OR e.reported_at < ($7::date + "        \
                                  "1)::timestamp AT TIME ZONE 'UTC') "                             \
                                  "  AND ($8::text IS NULL OR e.what_occurred ILIKE $8 OR "        \
                                  "e.number ILIKE $8) "                                            \
                                  "ORDER BY e.reported_at " dir ", e.id " dir " " PAGER_LIMIT
static const char *const event_list_sql[] = {
    [SORT_DATE_DESC] = EVENT_LIST_SQL("DESC", "<"),
    [SORT_DATE_ASC] = EVENT_LIST_SQL("ASC", ">"),
};

/* Columns of the organisations the events list may be filtered by. */
enum event_org_column { EOC_ID, EOC_NAME, EOC__COUNT };

/* One page of each list on GET /events, newest first. */
struct event_lists {
    struct list_filter filter;
    PGresult *orgs; /* enum event_org_column: the user's own and overseen organisations */
    struct pager events_pager, vulnerabilities_pager;
    PGresult *events;          /* enum event_list_column */
    PGresult *vulnerabilities; /* enum vulnerability_list_column */
};

static void event_lists_free(struct event_lists *l)
{
    if (l->events)
        PQclear(l->events);
    if (l->vulnerabilities)
        PQclear(l->vulnerabilities);
    if (l->orgs)
        PQclear(l->orgs);
    l->events = l->vulnerabilities = l->orgs = NULL;
}

/* Loads a page of events and one of vulnerabilities below the cursors in l. Returns 200 or
 * 500; event_lists_free releases what it loaded. */
static int event_lists_load(struct ctx *c, struct event_lists *l)
{
    const struct list_filter *f = &l->filter;
    const char *ep[] = {pager_at(&l->events_pager),     pager_id(&l->events_pager),
                        list_filter_arg(f, EVP_STATUS), list_filter_arg(f, EVP_ORG),
                        list_filter_arg(f, EVP_TLP),    list_filter_arg(f, EVP_FROM),
                        list_filter_arg(f, EVP_TO),     list_filter_arg(f, EVP_Q)};
    if (db_exec(c->db, NULL, LIST_PLAN_SQL, 0, NULL) != DB_OK ||
        db_exec(c->db, &l->events, event_list_sql[list_filter_sort(f, EVP_SORT)], 8, ep) != DB_OK)
        return 500;
    const char *vp[] = {pager_at(&l->vulnerabilities_pager), pager_id(&l->vulnerabilities_pager)};
    if (db_exec(
            c->db, &l->vulnerabilities,
            "SELECT v.id, v.number, o.name, left(v.description, 120), v.status, v.tlp, "
            "  to_char(v.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), " PAGER_CURSOR(
                "v.created_at") " FROM vulnerabilities v JOIN organisations o ON o.id = v.org_id "
                                "WHERE " PAGER_BELOW(
                                    "v.created_at", "v.id", "$1",
                                    "$2") " ORDER BY v.created_at DESC, v.id DESC " PAGER_LIMIT,
            2, vp) != DB_OK)
        return 500;
    return 200;
}

/* The organisations the user reads events of, for the filter. Returns 200 or 500. */
static int event_orgs_load(struct ctx *c, struct event_lists *l)
{
    if (db_exec(c->db, &l->orgs,
                "SELECT o.id, o.name FROM organisations o "
                "WHERE o.id = ANY (app.incident_orgs()) ORDER BY o.name, o.id",
                0, NULL) != DB_OK)
        return 500;
    return 200;
}

/* Whether org_id (a filter's value) is one of the organisations in orgs. */
static int event_org_listed(PGresult *orgs, const char *org_id)
{
    for (int i = 0; i < PQntuples(orgs); i++)
        if (strcmp(db_text(orgs, i, EOC_ID), org_id) == 0)
            return 1;
    return 0;
}

static void event_lists_to_hdf(struct ctx *c, const struct event_lists *l)
{
    static const char *const org_names[EOC__COUNT] = {[EOC_ID] = "Id", [EOC_NAME] = "Name"};
    portal_rows(c, "Orgs", l->orgs, org_names, EOC__COUNT);
    static const char *const *lists[] = {event_statuses, event_tlps, event_sorts};
    static const char *const list_names[] = {"Status", "Tlp", "Sort"};
    for (size_t k = 0; k < sizeof lists / sizeof lists[0]; k++)
        for (int i = 0; lists[k][i]; i++) {
            char key[48];
            snprintf(key, sizeof key, "Choices.%s.%d", list_names[k], i);
            view_set(c->req->hdf, key, lists[k][i]);
        }
    portal_rows(c, "Events", l->events, event_list_names, ELC_CURSOR);
    pager_links(c, "Events", l->events, ELC_CURSOR, ELC_ID, &l->events_pager);
    pager_links(c, "Vulnerabilities", l->vulnerabilities, VLC_CURSOR, VLC_ID,
                &l->vulnerabilities_pager);
    portal_rows(c, "Vulnerabilities", l->vulnerabilities, vulnerability_list_names, VLC_CURSOR);
    if (session_first_org(c->sess, ROLES_REPORTERS | ROLE_ASSESSOR))
        view_set(c->req->hdf, "MayReport", "1");
}

/* GET /events - 200, or 400 with the events list filtered by the good values and a message
 * beside each refused one (a malformed cursor is a plain 400). */
int handle_events(struct ctx *c)
{
    struct event_lists l = {0};
    list_filter_read(c, event_list_params, EVP__COUNT, &l.filter);
    int bad = pager_read(c, "events_before", &l.events_pager);
    if (!bad)
        bad = pager_read(c, "vulnerabilities_before", &l.vulnerabilities_pager);
    if (bad)
        return bad;
    int status = event_orgs_load(c, &l);
    const char *org = list_filter_arg(&l.filter, EVP_ORG);
    if (status == 200 && org && !event_org_listed(l.orgs, org))
        list_filter_refuse(c, &l.filter, EVP_ORG, "not_a_choice");
    if (status == 200)
        status = event_lists_load(c, &l);
    if (status == 200)
        event_lists_to_hdf(c, &l);
    size_t refused = l.filter.refused;
    event_lists_free(&l);
    if (status != 200)
        return status;
    portal_page(c, "incident/events.cs", "events");
    return refused ? 400 : 200;
}

/* Columns of one event's statement. */
enum event_column {
    EC_ID,
    EC_NUMBER,
    EC_ORG,
    EC_REPORTER_NAME,
    EC_REPORTER_PHONE,
    EC_REPORTER_EMAIL,
    EC_WHAT,
    EC_HOW,
    EC_WHY,
    EC_COMPONENTS,
    EC_IMPACT,
    EC_VULNERABILITIES,
    EC_OCCURRED_AT,
    EC_DETECTED_AT,
    EC_REPORTED_AT,
    EC_IS_OVER,
    EC_DURATION,
    EC_TLP,
    EC_STATUS,
    EC_DECISION_REASON,
    EC_INCIDENT,
    EC_INCIDENT_ID,
    EC_ORG_ID,
};

/* One event: its row, and for its page whether the user may decide on it and the
 * categories a promotion may choose from. */
struct event {
    PGresult *res; /* enum event_column */
    long org_id;
    char status[32];
    int may_decide;         /* by event_page_load */
    struct categories cats; /* by event_page_load */
};

static void event_free(struct event *e)
{
    if (e->res)
        PQclear(e->res);
    e->res = NULL;
    categories_free(&e->cats);
}

/* Loads event c->id (404 when row-level security hides it). Returns 200, 404 or 500;
 * event_free releases what it loaded. */
static int event_load(struct ctx *c, struct event *e)
{
    memset(e, 0, sizeof *e);
    char id[24];
    snprintf(id, sizeof id, "%ld", c->id);
    const char *p[] = {id};
    if (db_exec(c->db, &e->res,
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
    if (PQntuples(e->res) != 1)
        return 404;
    e->org_id = db_long(e->res, 0, EC_ORG_ID);
    snprintf(e->status, sizeof e->status, "%s", db_text(e->res, 0, EC_STATUS));
    return 200;
}

/* What the event's page shows beyond event_load: whether the user may decide on it (while
 * it is reported) and the categories in force for its organisation. Returns 200 or 500. */
static int event_page_load(struct ctx *c, struct event *e)
{
    e->may_decide = strcmp(e->status, "reported") == 0 && reporting_may_decide(c, e->org_id);
    return categories_load(c, &e->org_id, 1, &e->cats) == 0 ? 200 : 500;
}

static void event_to_hdf(struct ctx *c, const struct event *e)
{
    static const struct {
        const char *name;
        enum event_column col;
    } cols[] = {
        {"Id", EC_ID},
        {"Number", EC_NUMBER},
        {"Org", EC_ORG},
        {"ReporterName", EC_REPORTER_NAME},
        {"ReporterPhone", EC_REPORTER_PHONE},
        {"ReporterEmail", EC_REPORTER_EMAIL},
        {"What", EC_WHAT},
        {"How", EC_HOW},
        {"Why", EC_WHY},
        {"Components", EC_COMPONENTS},
        {"Impact", EC_IMPACT},
        {"Vulnerabilities", EC_VULNERABILITIES},
        {"OccurredAt", EC_OCCURRED_AT},
        {"DetectedAt", EC_DETECTED_AT},
        {"ReportedAt", EC_REPORTED_AT},
        {"IsOver", EC_IS_OVER},
        {"Duration", EC_DURATION},
        {"Tlp", EC_TLP},
        {"Status", EC_STATUS},
        {"DecisionReason", EC_DECISION_REASON},
        {"Incident", EC_INCIDENT},
        {"IncidentId", EC_INCIDENT_ID},
    };
    for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++) {
        char key[48];
        snprintf(key, sizeof key, "Event.%s", cols[k].name);
        view_set(c->req->hdf, key, db_text(e->res, 0, (int)cols[k].col));
    }
    view_set_int(c->req->hdf, "Event.MayDecide", e->may_decide);
}

/* The event's page: the event, its timeline and the promotion's categories. */
static int event_page(struct ctx *c, int status)
{
    struct event e;
    int rc = event_load(c, &e);
    if (rc == 200) {
        c->org_id = e.org_id;
        rc = event_page_load(c, &e);
    }
    if (rc == 200) {
        event_to_hdf(c, &e);
        if (timeline_to_hdf(c, "event", c->id) != 0)
            rc = 500;
    }
    if (rc == 200)
        categories_to_hdf(c, &e.cats);
    event_free(&e);
    if (rc != 200)
        return rc;
    portal_page(c, "incident/event_show.cs", "event");
    return status;
}

int handle_event_show(struct ctx *c)
{
    return event_page(c, 200);
}

/* Closes event c->id of org_id as not an incident, for the form's reason. Returns 0, or -1
 * on a database error. */
static int event_close_store(struct ctx *c, long org_id)
{
    char eid[24];
    snprintf(eid, sizeof eid, "%ld", c->id);
    const char *reason = req_param(c->req, "reason");
    const char *p[] = {eid, reason};
    if (db_exec(c->db, NULL,
                "UPDATE events SET status = 'closed_not_incident', decision_reason = $2 "
                "WHERE id = $1",
                2, p) != DB_OK ||
        timeline_add(c, org_id, "event", c->id, "closed_not_incident", reason) != DB_OK)
        return -1;
    return 0;
}

/* Column of the incident promoted from an event. */
enum { NEW_INCIDENT_ID_COLUMN };

/* Promotes event c->id of org_id to an incident with the form's title and category: the
 * incident starts from the event's report (severity is classified next) and the sharing
 * rules apply to it. *incident receives its id. Returns 0, or -1 on a database error. */
static int event_promote_store(struct ctx *c, long org_id, long *incident)
{
    char eid[24], uid[24];
    snprintf(eid, sizeof eid, "%ld", c->id);
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    const char *reason = req_param(c->req, "reason");
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
        return -1;
    *incident = db_long(res, 0, NEW_INCIDENT_ID_COLUMN);
    PQclear(res);
    char iid[24];
    snprintf(iid, sizeof iid, "%ld", *incident);
    const char *q[] = {eid, iid, reason ? reason : ""};
    char detail[64];
    snprintf(detail, sizeof detail, "INC-%06ld", *incident);
    if (db_exec(c->db, NULL,
                "UPDATE events SET status = 'promoted', incident_id = $2, decision_reason = $3 "
                "WHERE id = $1",
                3, q) != DB_OK ||
        timeline_add(c, org_id, "event", c->id, "promoted", detail) != DB_OK ||
        timeline_add(c, org_id, "incident", *incident, "created_from_event", "") != DB_OK ||
        share_apply_rules(c, *incident) != 0)
        return -1;
    return 0;
}

/* Checks the decision's form when its action is known (the category one of those in force
 * for the event's organisation, which are read in any case). Returns the number of
 * problems, or -1 on a database error. */
static long decide_form_check(struct ctx *c, long org_id, int known, int promote)
{
    static const struct field close_fields[] = {
        {"reason", FIELD_MULTILINE, 1, 5, 4000, NULL},
    };
    struct categories cats;
    if (categories_load(c, &org_id, 1, &cats) != 0)
        return -1;
    const struct field promote_fields[] = {
        {"title", FIELD_TEXT, 1, 3, 200, NULL},
        {"category", FIELD_CHOICE, 1, 0, 0, cats.codes},
        {"reason", FIELD_MULTILINE, 0, 0, 4000, NULL},
    };
    size_t bad =
        known ? portal_form_check(c, promote ? promote_fields : close_fields, promote ? 3 : 1) : 0;
    categories_free(&cats);
    return (long)bad;
}

/* POST /events/:id/decide - action=close (with a reason) or promote (with a title). */
int handle_event_decide(struct ctx *c)
{
    struct event e;
    int rc = event_load(c, &e);
    long org_id = e.org_id;
    char state[sizeof e.status];
    memcpy(state, e.status, sizeof state);
    event_free(&e);
    if (rc != 200)
        return rc;
    c->org_id = org_id;
    if (strcmp(state, "reported") != 0 || !reporting_may_decide(c, org_id))
        return strcmp(state, "reported") != 0 ? 409 : 403;
    const char *action = req_param(c->req, "action");
    int promote = action && strcmp(action, "promote") == 0;
    int known = action && (promote || strcmp(action, "close") == 0);
    long bad = decide_form_check(c, org_id, known, promote);
    if (bad < 0)
        return 500;
    if (!known)
        return 400;
    if (bad)
        return event_page(c, 422);
    if (!promote) {
        if (event_close_store(c, org_id) != 0)
            return 500;
        char where[48];
        snprintf(where, sizeof where, "/events/%ld", c->id);
        resp_redirect(c->resp, where);
        return 303;
    }
    long incident;
    if (event_promote_store(c, org_id, &incident) != 0)
        return 500;
    char where[48];
    snprintf(where, sizeof where, "/incidents/%ld", incident);
    resp_redirect(c->resp, where);
    return 303;
}
