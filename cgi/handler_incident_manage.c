/* handler_incident_manage.c - working an incident after it is reported (ISO/IEC 27035-2
 * 6.5, 12, Annex C): classification with the severity derived from the scale in force
 * (overridable with a reason), the incident report's details, status from open to closed,
 * the customers a supplier chooses to inform, and lessons learned whose improvements become
 * planned actions. Every change is added to the incident's timeline. */
#include "form.h"
#include "incident.h"
#include "incident_page.h"
#include "portal.h"
#include "share_view.h"
#include "timeline.h"
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const severities_or_none[] = {"emergency", "critical", "warning", "information",
                                                 NULL};

/* Columns of the incident's access row. */
enum access_column { ACC_ORG_ID, ACC_STATUS, ACC_OVERSEEN };

/* The incident's organisation, status and whether the user may work on it: a handler of
 * the organisation, or an overseer of the group company. Returns 200, 404 or 500. */
static int incident_access(struct ctx *c, long *org_id, char *status, int *may_manage)
{
    char id[24];
    snprintf(id, sizeof id, "%ld", c->id);
    const char *p[] = {id};
    PGresult *res;
    if (db_exec(c->db, &res,
                "SELECT org_id, status, org_id IN (SELECT app.overseen_group_companies()) "
                "FROM incidents WHERE id = $1",
                1, p) != DB_OK)
        return 500;
    if (PQntuples(res) != 1) {
        PQclear(res);
        return 404;
    }
    *org_id = db_long(res, 0, ACC_ORG_ID);
    snprintf(status, 16, "%s", db_text(res, 0, ACC_STATUS));
    *may_manage = session_org(c->sess, *org_id, ROLES_REPORTERS) != NULL ||
                  strcmp(db_text(res, 0, ACC_OVERSEEN), "t") == 0;
    c->org_id = *org_id;
    PQclear(res);
    return 200;
}

/* Column of the incident's TLP. */
enum { TLP_COLUMN };

/* The incident's TLP into tlp[16]. Returns 0 or -1. */
static int incident_tlp(struct ctx *c, char *tlp)
{
    char id[24];
    snprintf(id, sizeof id, "%ld", c->id);
    const char *p[] = {id};
    PGresult *res;
    if (db_exec(c->db, &res, "SELECT tlp FROM incidents WHERE id = $1", 1, p) != DB_OK)
        return -1;
    snprintf(tlp, 16, "%s", PQntuples(res) == 1 ? db_text(res, 0, TLP_COLUMN) : "");
    PQclear(res);
    return 0;
}

/* Column of app.incident_coordinator. */
enum { COORDINATOR_COLUMN };

/* Whether the user coordinates the incidents of org_id (schema/014): 1, 0 or -1. */
static int incident_is_coordinator(struct ctx *c, long org_id)
{
    char oid[24];
    snprintf(oid, sizeof oid, "%ld", org_id);
    const char *p[] = {oid};
    PGresult *res;
    if (db_exec(c->db, &res, "SELECT app.incident_coordinator($1)", 1, p) != DB_OK)
        return -1;
    int yes = strcmp(db_text(res, 0, COORDINATOR_COLUMN), "t") == 0;
    PQclear(res);
    return yes;
}

static int incident_back(struct ctx *c, const char *saved)
{
    char where[64];
    snprintf(where, sizeof where, "/incidents/%ld?saved=%s", c->id, saved);
    resp_redirect(c->resp, where);
    return 303;
}

/* What the scale in force makes of a posted classification. */
struct classification {
    char scale[24];   /* the scale's id */
    char derived[24]; /* the severity that importance x impact derive, or "" */
    int category_ok;  /* the category is one of the scale's */
};

/* Columns of the classification's statement. */
enum classification_column { CLC_SCALE, CLC_CATEGORY_OK, CLC_DERIVED };

/* Returns 200 or 500. */
static int classification_load(struct ctx *c, const char *category, const char *importance,
                               const char *impact, struct classification *cl)
{
    char id[24];
    snprintf(id, sizeof id, "%ld", c->id);
    const char *p[] = {id, category ? category : "", importance ? importance : "",
                       impact ? impact : ""};
    PGresult *res;
    if (db_exec(c->db, &res,
                "SELECT coalesce(i.scale_id, app.scale_for(i.org_id)), "
                "  EXISTS (SELECT 1 FROM scale_categories sc WHERE sc.scale_id = "
                "    coalesce(i.scale_id, app.scale_for(i.org_id)) AND sc.code = $2), "
                "  (SELECT r.severity FROM scale_severity_rules r WHERE r.scale_id = "
                "    coalesce(i.scale_id, app.scale_for(i.org_id)) "
                "    AND r.system_importance = $3 AND r.impact = $4) "
                "FROM incidents i WHERE i.id = $1",
                4, p) != DB_OK)
        return 500;
    snprintf(cl->scale, sizeof cl->scale, "%s", db_text(res, 0, CLC_SCALE));
    snprintf(cl->derived, sizeof cl->derived, "%s", db_text(res, 0, CLC_DERIVED));
    cl->category_ok = strcmp(db_text(res, 0, CLC_CATEGORY_OK), "t") == 0;
    PQclear(res);
    return 200;
}

/* Stores the posted classification with the severity given (reason: why it differs from
 * the derived one), adds it to the timeline and applies the sharing rules. Returns 0 or
 * -1. */
static int classification_store(struct ctx *c, long org_id, const struct classification *cl,
                                const char *severity, const char *reason)
{
    char id[24];
    snprintf(id, sizeof id, "%ld", c->id);
    const char *category = req_param(c->req, "category");
    const char *importance = req_param(c->req, "system_importance");
    const char *impact = req_param(c->req, "impact");
    int overridden = strcmp(severity, cl->derived) != 0;
    const char *q[] = {id,
                       category,
                       importance,
                       impact,
                       cl->derived,
                       severity,
                       overridden ? reason : "",
                       req_param(c->req, "nature"),
                       cl->scale};
    if (db_exec(c->db, NULL,
                "UPDATE incidents SET category = $2, system_importance = $3, impact = $4, "
                "  severity_derived = $5, severity = $6, severity_reason = $7, nature = $8, "
                "  scale_id = $9::int, updated_at = now() WHERE id = $1",
                9, q) != DB_OK)
        return -1;
    char detail[256];
    snprintf(detail, sizeof detail, "%s; %s x %s -> %s%s%s", category, importance, impact,
             cl->derived, overridden ? "; overridden: " : "", overridden ? severity : "");
    if (timeline_add(c, org_id, "incident", c->id, "classified", detail) != DB_OK ||
        share_apply_rules(c, c->id) != 0)
        return -1;
    return 0;
}

/* POST /incidents/:id/classify - category, importance x impact -> severity (derived from
 * the scale in force), an override with its reason, and the nature. Severity and category
 * drive the sharing rules, so classifying is a coordinator's act (of the incident's
 * organisation or its group parent; the database checks the same). */
int handle_incident_classify(struct ctx *c)
{
    long org_id;
    char status[16];
    int may;
    int rc = incident_access(c, &org_id, status, &may);
    if (rc != 200)
        return rc;
    int coordinator = incident_is_coordinator(c, org_id);
    if (coordinator < 0)
        return 500;
    if (!may || !coordinator)
        return 403;
    static const struct field fields[] = {
        {"category", FIELD_TEXT, 1, 2, 41, NULL},
        {"system_importance", FIELD_CHOICE, 1, 0, 0, incident_importances},
        {"impact", FIELD_CHOICE, 1, 0, 0, incident_impacts},
        {"severity", FIELD_CHOICE, 0, 0, 0, severities_or_none},
        {"severity_reason", FIELD_MULTILINE, 0, 0, 4000, NULL},
        {"nature", FIELD_CHOICE, 1, 0, 0, incident_natures},
    };
    size_t bad = portal_form_check(c, fields, 6);
    struct classification cl;
    if (classification_load(c, req_param(c->req, "category"),
                            req_param(c->req, "system_importance"), req_param(c->req, "impact"),
                            &cl) != 200)
        return 500;
    if (!bad && !cl.category_ok) {
        portal_form_error(c, "category", "not_a_choice");
        bad++;
    }
    const char *chosen = req_param(c->req, "severity");
    const char *reason = req_param(c->req, "severity_reason");
    const char *severity = chosen && *chosen ? chosen : cl.derived;
    if (!bad && strcmp(severity, cl.derived) != 0 && (!reason || !*reason)) {
        portal_form_error(c, "severity_reason", "override_reason");
        bad++;
    }
    if (bad) {
        c->resp->status = 422;
        return incident_page_render(c, 422);
    }
    if (classification_store(c, org_id, &cl, severity, reason) != 0)
        return 500;
    return incident_back(c, "classified");
}

#define REPORT_FIELDS 20 /* the incident report's details that the form posts */

/* Stores the posted report details (fields: the form's, in the order of the statement's
 * $2...) and adds the change to the timeline. Returns 0 or -1. */
static int report_store(struct ctx *c, long org_id, const struct field fields[REPORT_FIELDS])
{
    const char *v[REPORT_FIELDS + 1];
    char id[24];
    snprintf(id, sizeof id, "%ld", c->id);
    v[0] = id;
    for (int k = 0; k < REPORT_FIELDS; k++) {
        const char *x = req_param(c->req, fields[k].name);
        v[k + 1] = x ? x : "";
        /* an estimated cost not known, no conclusion yet */
        if (!*v[k + 1] && (fields[k].type == FIELD_INT || fields[k].type == FIELD_CHOICE))
            v[k + 1] = NULL;
    }
    if (db_exec(c->db, NULL,
                "UPDATE incidents SET related_incidents = $2, how_occurred = $3, "
                "  why_occurred = $4, assets_information = $5, assets_hardware = $6, "
                "  assets_software = $7, assets_communications = $8, "
                "  assets_documentation = $9, impact_confidentiality = $10, "
                "  impact_integrity = $11, impact_availability = $12, "
                "  estimated_cost = $13::numeric, perpetrator = $14, motivation = $15, "
                "  actions_taken = $16, actions_planned = $17, actions_outstanding = $18, "
                "  conclusion = $19, conclusion_justification = $20, notified = $21, "
                "  updated_at = now() WHERE id = $1",
                REPORT_FIELDS + 1, v) != DB_OK ||
        timeline_add(c, org_id, "incident", c->id, "report_updated", "") != DB_OK)
        return -1;
    return 0;
}

/* POST /incidents/:id/report - the incident report's details (Annex B.3). */
int handle_incident_report(struct ctx *c)
{
    long org_id;
    char status[16];
    int may;
    int rc = incident_access(c, &org_id, status, &may);
    if (rc != 200)
        return rc;
    if (!may)
        return 403;
    static const struct field fields[REPORT_FIELDS] = {
        {"related_incidents", FIELD_TEXT, 0, 0, 500, NULL},
        {"how_occurred", FIELD_MULTILINE, 0, 0, 10000, NULL},
        {"why_occurred", FIELD_MULTILINE, 0, 0, 10000, NULL},
        {"assets_information", FIELD_MULTILINE, 0, 0, 4000, NULL},
        {"assets_hardware", FIELD_MULTILINE, 0, 0, 4000, NULL},
        {"assets_software", FIELD_MULTILINE, 0, 0, 4000, NULL},
        {"assets_communications", FIELD_MULTILINE, 0, 0, 4000, NULL},
        {"assets_documentation", FIELD_MULTILINE, 0, 0, 4000, NULL},
        {"impact_confidentiality", FIELD_MULTILINE, 0, 0, 4000, NULL},
        {"impact_integrity", FIELD_MULTILINE, 0, 0, 4000, NULL},
        {"impact_availability", FIELD_MULTILINE, 0, 0, 4000, NULL},
        {"estimated_cost", FIELD_INT, 0, 0, 2000000000L, NULL},
        {"perpetrator", FIELD_TEXT, 0, 0, 500, NULL},
        {"motivation", FIELD_TEXT, 0, 0, 500, NULL},
        {"actions_taken", FIELD_MULTILINE, 0, 0, 10000, NULL},
        {"actions_planned", FIELD_MULTILINE, 0, 0, 10000, NULL},
        {"actions_outstanding", FIELD_MULTILINE, 0, 0, 10000, NULL},
        {"conclusion", FIELD_CHOICE, 0, 0, 0, incident_conclusions},
        {"conclusion_justification", FIELD_MULTILINE, 0, 0, 4000, NULL},
        {"notified", FIELD_MULTILINE, 0, 0, 4000, NULL},
    };
    if (portal_form_check(c, fields, REPORT_FIELDS))
        return incident_page_render(c, 422);
    if (report_store(c, org_id, fields) != 0)
        return 500;
    return incident_back(c, "report");
}

/* Column of the lessons' count. */
enum { LESSONS_COLUMN };

/* How many lessons learned the incident has. Returns 0 or -1. */
static int lessons_count(struct ctx *c, long *lessons)
{
    char id[24];
    snprintf(id, sizeof id, "%ld", c->id);
    const char *p[] = {id};
    PGresult *res;
    if (db_exec(c->db, &res, "SELECT count(*) FROM lessons WHERE incident_id = $1", 1, p) != DB_OK)
        return -1;
    *lessons = db_long(res, 0, LESSONS_COLUMN);
    PQclear(res);
    return 0;
}

/* Moves the incident to status next and adds that to the timeline. Returns 0 or -1. */
static int status_store(struct ctx *c, long org_id, const char *next)
{
    char id[24];
    snprintf(id, sizeof id, "%ld", c->id);
    const char *p[] = {id, next};
    if (db_exec(c->db, NULL, "UPDATE incidents SET status = $2, updated_at = now() WHERE id = $1",
                2, p) != DB_OK ||
        timeline_add(c, org_id, "incident", c->id, "status", next) != DB_OK)
        return -1;
    return 0;
}

/* POST /incidents/:id/status - open -> responding -> resolved -> closed; closing needs
 * the lessons learned. */
int handle_incident_status(struct ctx *c)
{
    long org_id;
    char status[16];
    int may;
    int rc = incident_access(c, &org_id, status, &may);
    if (rc != 200)
        return rc;
    if (!may)
        return 403;
    static const struct field fields[] = {{"status", FIELD_CHOICE, 1, 0, 0, incident_statuses}};
    if (portal_form_check(c, fields, 1))
        return incident_page_render(c, 422);
    const char *next = req_param(c->req, "status");
    int from = -1, to = -1;
    for (int i = 0; incident_statuses[i]; i++) {
        if (strcmp(incident_statuses[i], status) == 0)
            from = i;
        if (strcmp(incident_statuses[i], next) == 0)
            to = i;
    }
    if (to != from + 1) {
        portal_form_error(c, "status", "status_order");
        return incident_page_render(c, 422);
    }
    if (strcmp(next, "closed") == 0) {
        long lessons;
        if (lessons_count(c, &lessons) != 0)
            return 500;
        if (!lessons) {
            portal_form_error(c, "status", "lessons_first");
            return incident_page_render(c, 422);
        }
    }
    if (status_store(c, org_id, next) != 0)
        return 500;
    return incident_back(c, "status");
}

/* Stores the posted lessons learned and adds them to the timeline. Returns 0 or -1. */
static int lessons_store(struct ctx *c, long org_id)
{
    char id[24], uid[24];
    snprintf(id, sizeof id, "%ld", c->id);
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    const char *p[] = {id,
                       req_param(c->req, "what_worked"),
                       req_param(c->req, "to_improve"),
                       req_param(c->req, "plan_changes") ? req_param(c->req, "plan_changes") : "",
                       req_param(c->req, "control_changes") ? req_param(c->req, "control_changes")
                                                            : "",
                       req_param(c->req, "risk_changes") ? req_param(c->req, "risk_changes") : "",
                       uid};
    if (db_exec(c->db, NULL,
                "INSERT INTO lessons (incident_id, what_worked, to_improve, plan_changes, "
                "  control_changes, risk_changes, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                7, p) != DB_OK ||
        timeline_add(c, org_id, "incident", c->id, "lessons_learned", "") != DB_OK)
        return -1;
    return 0;
}

/* Stores the posted improvement as a planned action of org_id and adds it to the
 * timeline. Returns 0 or -1. */
static int improvement_store(struct ctx *c, long org_id)
{
    char id[24], uid[24], oid[24];
    snprintf(id, sizeof id, "%ld", c->id);
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    snprintf(oid, sizeof oid, "%ld", org_id);
    const char *title = req_param(c->req, "action_title");
    const char *q[] = {oid,
                       title,
                       req_param(c->req, "action_owner"),
                       req_param(c->req, "action_due"),
                       req_param(c->req, "action_code"),
                       id,
                       uid};
    if (db_exec(c->db, NULL,
                "INSERT INTO planned_actions (org_id, title, owner_name, due_date, "
                "  subcategory_id, incident_id, created_by) "
                "SELECT $1, $2, $3, $4::date, s.id, $6, $7 FROM catalogue_subcategories s "
                "JOIN catalogue_categories cat ON cat.id = s.category_id "
                "JOIN catalogue_functions f ON f.id = cat.function_id "
                "WHERE s.code = $5 AND f.edition_id = (SELECT max(id) FROM catalogue_editions)",
                7, q) != DB_OK ||
        timeline_add(c, org_id, "incident", c->id, "improvement_planned", title) != DB_OK)
        return -1;
    return 0;
}

/* POST /incidents/:id/lessons - the post-incident review; each improvement given becomes a
 * planned action on the organisation's improvement list (Respond/Recover -> Improvements). */
int handle_incident_lessons(struct ctx *c)
{
    long org_id;
    char status[16];
    int may;
    int rc = incident_access(c, &org_id, status, &may);
    if (rc != 200)
        return rc;
    if (!may || !session_org(c->sess, org_id, ROLE_ANY_MEMBER))
        return 403; /* the organisation learns its own lessons */
    static const struct field fields[] = {
        {"what_worked", FIELD_MULTILINE, 1, 3, 10000, NULL},
        {"to_improve", FIELD_MULTILINE, 1, 3, 10000, NULL},
        {"plan_changes", FIELD_MULTILINE, 0, 0, 10000, NULL},
        {"control_changes", FIELD_MULTILINE, 0, 0, 10000, NULL},
        {"risk_changes", FIELD_MULTILINE, 0, 0, 10000, NULL},
        {"action_title", FIELD_TEXT, 0, 3, 200, NULL},
        {"action_owner", FIELD_TEXT, 0, 2, 200, NULL},
        {"action_due", FIELD_TEXT, 0, 10, 10, NULL},
        {"action_code", FIELD_CHOICE, 0, 0, 0, incident_improvement_codes},
    };
    size_t bad = portal_form_check(c, fields, 9);
    const char *title = req_param(c->req, "action_title");
    int with_action = title && *title;
    if (with_action) {
        static const char *const needed[] = {"action_owner", "action_due", "action_code"};
        for (int k = 0; k < 3; k++) {
            const char *v = req_param(c->req, needed[k]);
            if (!v || !*v) {
                portal_form_error(c, needed[k], "required");
                bad++;
            }
        }
        const char *due = req_param(c->req, "action_due");
        char dt[32];
        long long t;
        snprintf(dt, sizeof dt, "%sT00:00", due ? due : "");
        if (due && strlen(due) == 10 && form_parse_datetime(dt, &t) != 0) {
            portal_form_error(c, "action_due", "bad_date");
            bad++;
        }
    }
    if (bad)
        return incident_page_render(c, 422);
    if (lessons_store(c, org_id) != 0 || (with_action && improvement_store(c, org_id) != 0))
        return 500;
    return incident_back(c, "lessons");
}

/* The parts of the incident that the supplier shares beyond its title and classification,
 * as posted, into fields (a text[] literal such as "{description,actions}"). */
static void shared_fields(struct ctx *c, char *fields, size_t len)
{
    static const char *const shareable[] = {"description", "assets", "impact", "actions"};
    snprintf(fields, len, "{");
    for (int k = 0; k < 4; k++) {
        char name[32];
        snprintf(name, sizeof name, "share_%s", shareable[k]);
        const char *v = req_param(c->req, name);
        if (v && strcmp(v, "1") == 0)
            snprintf(fields + strlen(fields), len - strlen(fields), "%s%s",
                     strlen(fields) > 1 ? "," : "", shareable[k]);
    }
    snprintf(fields + strlen(fields), len - strlen(fields), "}");
}

/* Column of the supplier's customers. */
enum { CUSTOMER_COLUMN };

/* Stores the customers ticked among the supplier org_id's, each to see fields, and adds
 * that to the timeline when there was any; *chosen says how many. Returns 0 or -1. */
static int customers_store(struct ctx *c, long org_id, const char *fields, int *chosen)
{
    char id[24], oid[24], uid[24];
    snprintf(id, sizeof id, "%ld", c->id);
    snprintf(oid, sizeof oid, "%ld", org_id);
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    const char *p[] = {oid};
    PGresult *res;
    if (db_exec(c->db, &res,
                "SELECT parent_id FROM org_relations WHERE child_id = $1 AND kind = 'supplier'", 1,
                p) != DB_OK)
        return -1;
    *chosen = 0;
    for (int i = 0; i < PQntuples(res); i++) {
        const char *customer = db_text(res, i, CUSTOMER_COLUMN);
        char name[40];
        snprintf(name, sizeof name, "customer_%s", customer);
        const char *v = req_param(c->req, name);
        if (!v || strcmp(v, "1") != 0)
            continue;
        const char *q[] = {id, customer, fields, uid};
        if (db_exec(c->db, NULL,
                    "INSERT INTO incident_customers (incident_id, customer_org_id, fields, "
                    "  chosen_by) VALUES ($1, $2, $3::text[], $4) ON CONFLICT (incident_id, "
                    "  customer_org_id) DO UPDATE SET fields = EXCLUDED.fields, "
                    "  chosen_by = EXCLUDED.chosen_by, chosen_at = now()",
                    4, q) != DB_OK) {
            PQclear(res);
            return -1;
        }
        (*chosen)++;
    }
    PQclear(res);
    if (*chosen &&
        timeline_add(c, org_id, "incident", c->id, "customers_informed", fields) != DB_OK)
        return -1;
    return 0;
}

/* POST /incidents/:id/customers - a supplier chooses the customers the incident affects
 * and what each may see beyond its title and classification. */
int handle_incident_customers(struct ctx *c)
{
    long org_id;
    char status[16];
    int may;
    int rc = incident_access(c, &org_id, status, &may);
    if (rc != 200)
        return rc;
    if (!session_org(c->sess, org_id, ROLES_REPORTERS))
        return 403;
    /* TLP 2.0: AMBER+STRICT stays in the organisation; RED goes to the customers named
     * here and nobody else (the form says so). The database refuses the same. */
    char tlp[16];
    if (incident_tlp(c, tlp) != 0)
        return 500;
    if (strcmp(tlp, "amber_strict") == 0) {
        view_set(c->req->hdf, "Form.Message", "customers_tlp_strict");
        return incident_page_render(c, 422);
    }
    char fields[128];
    shared_fields(c, fields, sizeof fields);
    int chosen;
    if (customers_store(c, org_id, fields, &chosen) != 0)
        return 500;
    if (!chosen) {
        view_set(c->req->hdf, "Form.Message", "no_customers");
        return incident_page_render(c, 422);
    }
    return incident_back(c, "customers");
}
