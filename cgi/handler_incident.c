/* handler_incident.c - incident notification: the report form, storing a report and
 * queuing its alert in the same transaction, the list a parent's coordinator works from,
 * and showing one incident (its page is loaded and rendered by incident_page.c). */
#include "categories.h"
#include "form.h"
#include "incident.h"
#include "incident_page.h"
#include "list_filter.h"
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

/* The list's filters, search and sort: query parameters, in the order of the statement's
 * parameters $4 to $11 (list_filter.h). */
static const char *const incident_list_severities[] = {"emergency", "critical", "warning",
                                                       "information", NULL};
static const char *const incident_list_tlps[] = {"clear",        "green", "amber",
                                                 "amber_strict", "red",   NULL};
enum incident_list_param {
    ILP_STATUS,
    ILP_SEVERITY,
    ILP_CATEGORY,
    ILP_ORG,
    ILP_TLP,
    ILP_FROM,
    ILP_TO,
    ILP_Q,
    ILP_SORT,
    ILP__COUNT
};
static const struct list_param incident_list_params[ILP__COUNT] = {
    [ILP_STATUS] = {"status", LP_CHOICE, incident_statuses},
    [ILP_SEVERITY] = {"severity", LP_CHOICE, incident_list_severities},
    [ILP_CATEGORY] = {"category", LP_CODE, NULL},
    [ILP_ORG] = {"org", LP_ID, NULL},
    [ILP_TLP] = {"tlp", LP_CHOICE, incident_list_tlps},
    [ILP_FROM] = {"from", LP_DATE, NULL},
    [ILP_TO] = {"to", LP_DATE, NULL},
    [ILP_Q] = {"q", LP_TEXT, NULL},
    [ILP_SORT] = {"sort", LP_CHOICE, list_sorts},
};

/* Columns of the list's statement: INCIDENT_COLUMNS, then these. */
enum incident_list_column { ILC_AT = INC__COUNT, ILC_KEY, ILC_CURSOR };

/* Organisations whose incidents a user reads in full up to which the list walks each one's
 * newest rows (index incidents_org_created) rather than the newest rows of all (index
 * incidents_created, filtered by row-level security); see schema/028. */
#define INCIDENT_LIST_PER_ORG_MAX "100"

/* The search ($11, an ILIKE pattern) over title and description: of incidents, through
 * the trigram indexes (app.incident_search, schema/037); of a supplier's incidents shown to
 * the user as a customer, only over what the supplier shows. */
#define IL_SEARCH_I "i.id IN (SELECT app.incident_search($11))"
#define IL_SEARCH_CI "ci.title ILIKE $11 OR ci.description ILIKE $11"

/* The filters ($4 status .. $11 search pattern) on rows of incidents or customer_incidents
 * named a (search: the search's condition on them); a filter whose parameter is NULL holds for
 * every row (the statement is planned with its parameters' values, so these fold away: see
 * incidents_load). Dates are of the report (created_at), whole UTC days, "to" included. */
#define IL_FILTER(a, search)                                                                       \
    "($4::text IS NULL OR " a ".status = $4) AND ($5::text IS NULL OR " a ".severity = $5) "       \
    "AND ($6::text IS NULL OR " a ".category = $6) AND ($8::text IS NULL OR " a ".tlp = $8) "      \
    "AND ($9::date IS NULL OR " a ".created_at >= $9::date::timestamp AT TIME ZONE 'UTC') "        \
    "AND ($10::date IS NULL OR " a ".created_at < ($10::date + 1)::timestamp AT TIME ZONE 'UTC') " \
    "AND ($11::text IS NULL OR " search ")"

/* One page of the list, sorted by key_i (key_ci for customer_incidents ci; "0" when by
 * date) in direction dir, below the cursor (below_i, below_ci: the pager's condition in
 * that direction): the user's own and overseen incidents (row-level security; with an
 * organisation filter, that one's only), and those of suppliers that chose one of the
 * user's organisations as an affected customer (the view). The page's rows are chosen
 * first, from the indexes alone (schema/028, 037), and only they get their columns: with
 * a million incidents, computing the delivery counts of every visible row before the sort
 * took seconds. $12 is the organisations whose incidents the user reads in full, as
 * incident_orgs_load read them: passed in, rather than asked of app.incident_orgs() here,
 * its size is known when the statement is planned, and the set is computed once, not at
 * each mention (1 ms each for a parent of 1 000 group companies). */
// clang-format off
#define IL_SQL(key_i, key_ci, dir, below_i, below_ci)                                              \
    "WITH page AS ("                                                                               \
    "  (SELECT i.id, i.created_at AS at, " key_i " AS k, true AS own FROM incidents i "            \
    "    WHERE cardinality($12::bigint[]) > " INCIDENT_LIST_PER_ORG_MAX                            \
    "      AND $7::bigint IS NULL AND " below_i " AND " IL_FILTER("i", IL_SEARCH_I)                \
    "    ORDER BY " key_i " " dir ", i.created_at " dir ", i.id " dir " " PAGER_LIMIT ")"          \
    "  UNION ALL "                                                                                 \
    "  (SELECT x.id, x.at, x.k, true FROM unnest($12::bigint[]) AS mine (org_id) "                 \
    "    CROSS JOIN LATERAL (SELECT i.id, i.created_at AS at, " key_i " AS k FROM incidents i "    \
    "      WHERE i.org_id = mine.org_id AND " below_i " AND " IL_FILTER("i", IL_SEARCH_I)          \
    "      ORDER BY " key_i " " dir ", i.created_at " dir ", i.id " dir " " PAGER_LIMIT ") x "     \
    "    WHERE (cardinality($12::bigint[]) <= " INCIDENT_LIST_PER_ORG_MAX                          \
    "           OR $7::bigint IS NOT NULL) AND ($7::bigint IS NULL OR mine.org_id = $7))"          \
    "  UNION ALL "                                                                                 \
    "  (SELECT DISTINCT ci.id, ci.created_at, " key_ci ", false FROM customer_incidents ci "       \
    "    WHERE $7::bigint IS NULL AND NOT EXISTS (SELECT 1 FROM incidents i WHERE i.id = ci.id) "  \
    "      AND " below_ci " AND " IL_FILTER("ci", IL_SEARCH_CI) ") "                               \
    "  ORDER BY k " dir ", at " dir ", id " dir " " PAGER_LIMIT ") "                               \
    "SELECT *, " PAGER_CURSOR("at") " FROM ("                                                      \
    "  SELECT " INCIDENT_COLUMNS ", i.created_at AS at, page.k "                                   \
    "    FROM page JOIN incidents i ON i.id = page.id AND page.own "                               \
    "  UNION ALL "                                                                                 \
    "  SELECT DISTINCT ON (ci.id) ci.id, ci.number, ci.org_name, ci.title, ci.category, "          \
    "    ci.severity, ci.tlp, to_char(ci.detected_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "  \
    "    to_char(ci.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "                        \
    "    0, 0, 0, ci.category_label, ci.status, ci.created_at, page.k "                            \
    "    FROM page JOIN customer_incidents ci ON ci.id = page.id AND NOT page.own) x "             \
    "ORDER BY k " dir ", at " dir ", id " dir
// clang-format on

/* (A list by date has no key: its cursor's key, $3, is always "0", named only so that
 * every statement takes the same parameters.) */
#define IL_BY_DATE(dir, cmp)                                                                       \
    IL_SQL("0::int", "0::int", dir,                                                                \
           PAGER_BEYOND("i.created_at", "i.id", "$1", "$2", cmp) " AND $3::int IS NOT NULL",       \
           PAGER_BEYOND("ci.created_at", "ci.id", "$1", "$2", cmp))
#define IL_BY_KEY(fn, col, dir, cmp)                                                               \
    IL_SQL(fn "(i." col ")", fn "(ci." col ")", dir,                                               \
           PAGER_BELOW_KEYED(fn "(i." col ")", "i.created_at", "i.id", "$1", "$2", "$3", cmp),     \
           PAGER_BELOW_KEYED(fn "(ci." col ")", "ci.created_at", "ci.id", "$1", "$2", "$3", cmp))

/* One statement per sort (enum list_sort), each walking its own index. */
static const char *const incident_list_sql[] = {
    [SORT_DATE_DESC] = IL_BY_DATE("DESC", "<"),
    [SORT_DATE_ASC] = IL_BY_DATE("ASC", ">"),
    [SORT_SEVERITY_DESC] = IL_BY_KEY("app.severity_rank", "severity", "DESC", "<"),
    [SORT_SEVERITY_ASC] = IL_BY_KEY("app.severity_rank", "severity", "ASC", ">"),
    [SORT_STATUS_DESC] = IL_BY_KEY("app.status_rank", "status", "DESC", "<"),
    [SORT_STATUS_ASC] = IL_BY_KEY("app.status_rank", "status", "ASC", ">"),
};

/* Columns of the organisations the list may be filtered by. */
enum incident_org_column { IOC_ID, IOC_NAME, IOC__COUNT };

/* The organisations whose incidents the user reads in full, for the filter (Orgs.N.*):
 * their own and the group companies they oversee. Returns 200 or 500. */
static int incident_orgs_load(struct ctx *c, PGresult **res)
{
    if (db_exec(c->db, res,
                "SELECT o.id, o.name FROM organisations o "
                "WHERE o.id = ANY (app.incident_orgs()) ORDER BY o.name, o.id",
                0, NULL) != DB_OK)
        return 500;
    return 200;
}

/* One page of the list as filtered and sorted (planned as LIST_PLAN_SQL says). Returns 200
 * or 500. */
static int incidents_load(struct ctx *c, const struct pager *pg, const struct list_filter *f,
                          PGresult *orgs, PGresult **res)
{
    char *org_ids = db_long_array(orgs, IOC_ID);
    if (!org_ids)
        return 500;
    const char *p[] = {pager_at(pg),
                       pager_id(pg),
                       pager_key(pg),
                       list_filter_arg(f, ILP_STATUS),
                       list_filter_arg(f, ILP_SEVERITY),
                       list_filter_arg(f, ILP_CATEGORY),
                       list_filter_arg(f, ILP_ORG),
                       list_filter_arg(f, ILP_TLP),
                       list_filter_arg(f, ILP_FROM),
                       list_filter_arg(f, ILP_TO),
                       list_filter_arg(f, ILP_Q),
                       org_ids};
    int rc = db_exec(c->db, NULL, LIST_PLAN_SQL, 0, NULL) == DB_OK &&
                     db_exec(c->db, res, incident_list_sql[list_filter_sort(f, ILP_SORT)], 12, p) ==
                         DB_OK
                 ? 200
                 : 500;
    free(org_ids);
    return rc;
}

/* Incidents.N.*, the pager's links, the filter's choices and whether the user may report
 * one. */
static void incidents_to_hdf(struct ctx *c, PGresult *res, PGresult *orgs, const struct pager *pg,
                             enum list_sort sort)
{
    pager_links_keyed(c, "Incidents", res, ILC_CURSOR, INC_ID,
                      sort == SORT_DATE_DESC || sort == SORT_DATE_ASC ? -1 : ILC_KEY, pg);
    for (int i = 0; i < PQntuples(res); i++) {
        char key[48];
        snprintf(key, sizeof key, "Incidents.%d", i);
        HDF *row;
        if (hdf_get_node(c->req->hdf, key, &row) == STATUS_OK) {
            incident_columns_to_hdf(row, res, i);
            portal_category_words(c, row, "Category", "CategoryLabel", NULL);
        }
    }
    static const char *const org_names[IOC__COUNT] = {[IOC_ID] = "Id", [IOC_NAME] = "Name"};
    portal_rows(c, "Orgs", orgs, org_names, IOC__COUNT);
    set_choices(c->req->hdf, "Choices.Status", incident_statuses);
    set_choices(c->req->hdf, "Choices.Severity", incident_list_severities);
    set_choices(c->req->hdf, "Choices.Tlp", incident_list_tlps);
    set_choices(c->req->hdf, "Choices.Sort", list_sorts);
    if (session_first_org(c->sess, ROLES_REPORTERS))
        view_set(c->req->hdf, "MayReport", "1");
}

/* Whether org_id (a filter's value) is one of the organisations in orgs. */
static int incident_org_listed(PGresult *orgs, const char *org_id)
{
    for (int i = 0; i < PQntuples(orgs); i++)
        if (strcmp(db_text(orgs, i, IOC_ID), org_id) == 0)
            return 1;
    return 0;
}

/* GET /incidents - 200, or 400 with the list filtered by the good values and a message
 * beside each refused one (a malformed cursor is a plain 400). */
int handle_incidents(struct ctx *c)
{
    struct list_filter f;
    list_filter_read(c, incident_list_params, ILP__COUNT, &f);
    enum list_sort sort = list_filter_sort(&f, ILP_SORT);
    struct pager pg;
    int bad = pager_read_keyed(c, "before", sort != SORT_DATE_DESC && sort != SORT_DATE_ASC, &pg);
    if (bad)
        return bad;
    PGresult *orgs, *res;
    if (incident_orgs_load(c, &orgs) != 200)
        return 500;
    const char *org = list_filter_arg(&f, ILP_ORG);
    if (org && !incident_org_listed(orgs, org))
        list_filter_refuse(c, &f, ILP_ORG, "not_a_choice");
    /* categories in force for the user's organisations, for the filter's choices */
    if (categories_page_for_roles(c, ROLE_ANY_MEMBER) != 0 ||
        incidents_load(c, &pg, &f, orgs, &res) != 200) {
        PQclear(orgs);
        return 500;
    }
    incidents_to_hdf(c, res, orgs, &pg, sort);
    PQclear(res);
    PQclear(orgs);
    portal_page(c, "incident/list.cs", "incidents");
    return f.refused ? 400 : 200;
}

int handle_incident_show(struct ctx *c)
{
    const char *saved = req_param(c->req, "saved");
    if (saved)
        view_set(c->req->hdf, "Flash", saved);
    return incident_page_render(c, 200);
}
