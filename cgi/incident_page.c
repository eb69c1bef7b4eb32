/* incident_page.c - the incident page, /incidents/:id: its loader reads the incident with
 * its report's details and classification, the sharing rules, the scale, the supplier's
 * customers, lessons, improvements, timeline, regulatory obligations and the delivery state
 * of each alert into struct incident_page; its view puts that into the HDF. A supplier's
 * incident that the user sees as a chosen customer is the customer's view instead
 * (incident_customer.c). See incident_page.h. */
#include "incident_page.h"

#include "incident.h"
#include "timeline.h"
#include "view.h"

#include <stdio.h>
#include <string.h>

const char *const incident_importances[] = {"especially_important", "important", "ordinary", NULL};
const char *const incident_impacts[] = {"especially_serious", "serious", "considerable", "minor",
                                        NULL};
const char *const incident_natures[] = {"actual", "attempted", "suspected", NULL};
const char *const incident_statuses[] = {"open", "responding", "resolved", "closed", NULL};
const char *const incident_conclusions[] = {"major", "minor", NULL};
const char *const incident_improvement_codes[] = {"RS.IM-1", "RS.IM-2", "RC.IM-1", "RC.IM-2", NULL};

/* Columns of the incident's row: INCIDENT_COLUMNS, then these. */
enum incident_page_column {
    IPC_DESCRIPTION = INC__COUNT,
    IPC_ORG_ID,
    IPC_STATUS,
    IPC_NATURE,
    IPC_IMPORTANCE,
    IPC_IMPACT_LEVEL,
    IPC_SEVERITY_DERIVED,
    IPC_SEVERITY_REASON,
    IPC_EVENT,
    IPC_EVENT_ID,
    IPC_HOW,
    IPC_WHY,
    IPC_ASSETS_INFORMATION,
    IPC_ASSETS_HARDWARE,
    IPC_ASSETS_SOFTWARE,
    IPC_ASSETS_COMMUNICATIONS,
    IPC_ASSETS_DOCUMENTATION,
    IPC_IMPACT_C,
    IPC_IMPACT_I,
    IPC_IMPACT_A,
    IPC_ESTIMATED_COST,
    IPC_PERPETRATOR,
    IPC_MOTIVATION,
    IPC_ACTIONS_TAKEN,
    IPC_ACTIONS_PLANNED,
    IPC_ACTIONS_OUTSTANDING,
    IPC_CONCLUSION,
    IPC_CONCLUSION_JUSTIFICATION,
    IPC_NOTIFIED,
    IPC_SCALE_VERSION,
    IPC_SCALE_OWNER,
    IPC_RELATED,
    IPC_OVERSEEN,    /* the user oversees the incident's group company */
    IPC_LESSONS,     /* how many lessons learned */
    IPC_COORDINATOR, /* app.incident_coordinator of its organisation */
    IPC_PARENT,      /* its group's parent, whose coordinators may share it too, or "" */
};

/* Columns of the sharing rules that apply (app.incident_rules). */
enum rule_column {
    RUC_ID,
    RUC_RECIPIENT,
    RUC_MAX_TLP,
    RUC_MIN_SEVERITY,
    RUC_CATEGORIES,
    RUC_RECIPIENT_CATEGORIES,
    RUC_RECIPIENT_SEVERITIES,
    RUC_RELEASED,
    RUC__COUNT
};
/* Columns of the scale's categories. */
enum scale_category_column { SCC_CODE, SCC_LABEL, SCC_MEANING, SCC__COUNT };
/* Columns of the scale's derivation table. */
enum scale_rule_column { SRC_IMPORTANCE, SRC_IMPACT, SRC_SEVERITY };
/* Columns of a supplier's customers. */
enum customer_column { CUC_ID, CUC_NAME, CUC_CHOSEN, CUC_FIELDS, CUC__COUNT };
/* Columns of the lessons learned. */
enum lesson_column {
    LLC_WORKED,
    LLC_IMPROVE,
    LLC_PLAN,
    LLC_CONTROLS,
    LLC_RISK,
    LLC_AT,
    LLC__COUNT
};
/* Columns of the planned improvements. */
enum improvement_column { IMC_TITLE, IMC_OWNER, IMC_DUE_DATE, IMC_STATUS, IMC_CODE, IMC__COUNT };
/* Columns of the alerts' delivery state. */
enum delivery_column {
    DLC_RECIPIENT,
    DLC_STATE,
    DLC_ATTEMPTS,
    DLC_HTTP_STATUS,
    DLC_ERROR,
    DLC_LAST_ATTEMPT,
    DLC_DELIVERED_AT,
    DLC_NEXT_ATTEMPT,
    DLC_ID,
    DLC_RECEIPT,
    DLC_FORMAT,
    DLC_BY_RULE,
    DLC_RECIPIENT_ORG, /* the organisation whose recipient it is (whose name the user may
                        * not see) */
    DLC__COUNT
};

/* ---- loader ---- */

/* The incident's row (page->row stays NULL when row-level security hides it). Returns 200
 * or 500. */
static int incident_row_load(struct ctx *c, const char *const *p, struct incident_page *page)
{
    if (db_exec(c->db, &page->row,
                "SELECT " INCIDENT_COLUMNS ", i.description, i.org_id, "
                "  i.status, i.nature, coalesce(i.system_importance, ''), "
                "  coalesce(i.impact, ''), coalesce(i.severity_derived, ''), i.severity_reason, "
                "  coalesce(e.number, ''), coalesce(e.id, 0), i.how_occurred, i.why_occurred, "
                "  i.assets_information, i.assets_hardware, i.assets_software, "
                "  i.assets_communications, i.assets_documentation, i.impact_confidentiality, "
                "  i.impact_integrity, i.impact_availability, "
                "  coalesce(round(i.estimated_cost)::bigint::text, ''), "
                "  i.perpetrator, i.motivation, i.actions_taken, i.actions_planned, "
                "  i.actions_outstanding, coalesce(i.conclusion, ''), i.conclusion_justification, "
                "  i.notified, coalesce(s.version, 0), "
                "  coalesce(so.name, ''), i.related_incidents, "
                "  i.org_id IN (SELECT app.overseen_group_companies()), "
                "  (SELECT count(*) FROM lessons l WHERE l.incident_id = i.id), "
                "  app.incident_coordinator(i.org_id), "
                "  coalesce((SELECT p.name FROM org_relations gr "
                "    JOIN organisations p ON p.id = gr.parent_id "
                "    WHERE gr.child_id = i.org_id AND gr.kind = 'group_company' LIMIT 1), '') "
                "FROM incidents i "
                "LEFT JOIN events e ON e.id = i.event_id "
                "LEFT JOIN classification_scales s ON s.id = i.scale_id "
                "LEFT JOIN organisations so ON so.id = s.owner_org_id WHERE i.id = $1",
                1, p) != DB_OK)
        return 500;
    if (PQntuples(page->row) != 1) {
        PQclear(page->row);
        page->row = NULL;
        return 200;
    }
    PGresult *res = page->row;
    page->org_id = db_long(res, 0, IPC_ORG_ID);
    page->forwardable = incident_tlp_forwardable(db_text(res, 0, INC_TLP));
    page->may_manage = session_org(c->sess, page->org_id, ROLES_REPORTERS) != NULL ||
                       strcmp(db_text(res, 0, IPC_OVERSEEN), "t") == 0;
    page->lessons = db_long(res, 0, IPC_LESSONS);
    page->is_member = session_org(c->sess, page->org_id, ROLE_ANY_MEMBER) != NULL;
    page->may_classify = strcmp(db_text(res, 0, IPC_COORDINATOR), "t") == 0;
    c->org_id = page->org_id;
    return 200;
}

/* The sharing rules that apply to the incident, for the classification form: what each
 * needs and whether it released the incident already. */
static int incident_rules_load(struct ctx *c, const char *const *p, struct incident_page *page)
{
    if (db_exec(c->db, &page->rules,
                "SELECT rule_id, recipient, recipient_max_tlp, min_severity, "
                "  array_to_string(categories, ','), array_to_string(recipient_categories, ','), "
                "  array_to_string(recipient_severities, ','), released "
                "FROM app.incident_rules($1)",
                1, p) != DB_OK)
        return 500;
    return 200;
}

/* The scale's categories and the derivation table, for the classification form. */
static int incident_scale_load(struct ctx *c, const char *const *p, struct incident_page *page)
{
    if (db_exec(c->db, &page->scale_categories,
                "SELECT sc.code, sc.label, sc.meaning FROM incidents i "
                "JOIN scale_categories sc ON sc.scale_id = coalesce(i.scale_id, "
                "  app.scale_for(i.org_id)) WHERE i.id = $1 ORDER BY sc.position",
                1, p) != DB_OK)
        return 500;
    if (db_exec(c->db, &page->scale_rules,
                "SELECT r.system_importance, r.impact, r.severity FROM incidents i "
                "JOIN scale_severity_rules r ON r.scale_id = coalesce(i.scale_id, "
                "  app.scale_for(i.org_id)) WHERE i.id = $1 "
                "ORDER BY array_position(ARRAY['especially_important', 'important', "
                "  'ordinary'], r.system_importance), array_position(ARRAY["
                "  'especially_serious', 'serious', 'considerable', 'minor'], r.impact)",
                1, p) != DB_OK)
        return 500;
    return 200;
}

/* A supplier's customers (which were chosen, which could be), the lessons learned and
 * the improvements planned from them. */
static int incident_followup_load(struct ctx *c, const char *const *p, struct incident_page *page)
{
    if (db_exec(c->db, &page->customers,
                "SELECT o.id, o.name, ic.customer_org_id IS NOT NULL, "
                "  coalesce(array_to_string(ic.fields, ','), '') "
                "FROM incidents i JOIN org_relations r ON r.child_id = i.org_id "
                "  AND r.kind = 'supplier' JOIN organisations o ON o.id = r.parent_id "
                "LEFT JOIN incident_customers ic ON ic.incident_id = i.id "
                "  AND ic.customer_org_id = o.id WHERE i.id = $1 ORDER BY o.name",
                1, p) != DB_OK)
        return 500;
    if (db_exec(c->db, &page->lessons_learned,
                "SELECT what_worked, to_improve, plan_changes, control_changes, risk_changes, "
                "  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') "
                "FROM lessons WHERE incident_id = $1 ORDER BY id",
                1, p) != DB_OK)
        return 500;
    if (db_exec(c->db, &page->improvements,
                "SELECT p.title, p.owner_name, to_char(p.due_date, 'YYYY-MM-DD'), p.status, "
                "  coalesce(s.code, '') FROM planned_actions p "
                "LEFT JOIN catalogue_subcategories s ON s.id = p.subcategory_id "
                "WHERE p.incident_id = $1 ORDER BY p.id",
                1, p) != DB_OK)
        return 500;
    return 200;
}

/* The delivery state of each alert of the incident. */
static int incident_deliveries_load(struct ctx *c, const char *const *p, struct incident_page *page)
{
    if (db_exec(c->db, &page->deliveries,
                "SELECT coalesce(r.name, ''), x.state, "
                "       x.attempts, x.last_http_status, x.last_error, "
                "       to_char(x.last_attempt_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'), "
                "       to_char(x.delivered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'), "
                "       to_char(x.next_attempt_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'), "
                "       x.id, coalesce(x.receipt_id, ''), coalesce(r.format, x.channel), "
                "       x.share_id IS NOT NULL AND (SELECT rule_id FROM shares "
                "         WHERE id = x.share_id) IS NOT NULL, ro.name "
                "  FROM outbox x JOIN organisations ro ON ro.id = x.recipient_org_id "
                "  LEFT JOIN recipients r ON r.id = x.recipient_id "
                " WHERE x.incident_id = $1 ORDER BY x.id",
                1, p) != DB_OK)
        return 500;
    return 200;
}

int incident_page_load(struct ctx *c, long id, struct incident_page *page)
{
    memset(page, 0, sizeof *page);
    page->id = id;
    char iid[24];
    snprintf(iid, sizeof iid, "%ld", id);
    const char *p[] = {iid};
    int st = incident_row_load(c, p, page);
    if (st != 200)
        return st;
    if (!page->row) /* not the user's own: perhaps a supplier's, shown to a customer it chose */
        return incident_customer_load(c, id, &page->customer_row);
    if ((page->may_classify && (st = incident_rules_load(c, p, page)) != 200) ||
        (st = incident_scale_load(c, p, page)) != 200 ||
        (st = incident_followup_load(c, p, page)) != 200)
        return st;
    if (timeline_load(c, "incident", id, &page->timeline) != 0)
        return 500;
    if ((st = obligations_load(c, id, &page->obligations)) != 200)
        return st;
    return incident_deliveries_load(c, p, page);
}

void incident_page_free(struct incident_page *page)
{
    PGresult **results[] = {&page->customer_row,     &page->row,          &page->rules,
                            &page->scale_categories, &page->scale_rules,  &page->customers,
                            &page->lessons_learned,  &page->improvements, &page->timeline,
                            &page->deliveries};
    for (size_t k = 0; k < sizeof results / sizeof results[0]; k++) {
        if (*results[k])
            PQclear(*results[k]);
        *results[k] = NULL;
    }
    obligations_free(&page->obligations);
}

/* ---- view ---- */

void incident_columns_to_hdf(HDF *node, PGresult *res, int i)
{
    static const char *const names[INC__COUNT] = {
        [INC_ID] = "Id",
        [INC_NUMBER] = "Number",
        [INC_ORG] = "Org",
        [INC_TITLE] = "Title",
        [INC_CATEGORY] = "Category",
        [INC_SEVERITY] = "Severity",
        [INC_TLP] = "Tlp",
        [INC_DETECTED] = "Detected",
        [INC_REPORTED] = "Reported",
        [INC_DELIVERED] = "Delivered",
        [INC_PENDING] = "Pending",
        [INC_FAILING] = "Failing",
        [INC_CATEGORY_LABEL] = "CategoryLabel",
        [INC_STATUS] = "Status",
    };
    for (int k = 0; k < INC__COUNT; k++)
        view_set(node, names[k], db_text(res, i, k));
}

/* The report's details under Incident.*, and what the user may do with it. */
static void incident_details_to_hdf(struct ctx *c, const struct incident_page *page)
{
    static const struct {
        const char *name;
        enum incident_page_column col;
    } details[] = {
        {"Status", IPC_STATUS},
        {"Nature", IPC_NATURE},
        {"Importance", IPC_IMPORTANCE},
        {"ImpactLevel", IPC_IMPACT_LEVEL},
        {"SeverityDerived", IPC_SEVERITY_DERIVED},
        {"SeverityReason", IPC_SEVERITY_REASON},
        {"Event", IPC_EVENT},
        {"EventId", IPC_EVENT_ID},
        {"How", IPC_HOW},
        {"Why", IPC_WHY},
        {"AssetsInformation", IPC_ASSETS_INFORMATION},
        {"AssetsHardware", IPC_ASSETS_HARDWARE},
        {"AssetsSoftware", IPC_ASSETS_SOFTWARE},
        {"AssetsCommunications", IPC_ASSETS_COMMUNICATIONS},
        {"AssetsDocumentation", IPC_ASSETS_DOCUMENTATION},
        {"ImpactC", IPC_IMPACT_C},
        {"ImpactI", IPC_IMPACT_I},
        {"ImpactA", IPC_IMPACT_A},
        {"EstimatedCost", IPC_ESTIMATED_COST},
        {"Perpetrator", IPC_PERPETRATOR},
        {"Motivation", IPC_MOTIVATION},
        {"ActionsTaken", IPC_ACTIONS_TAKEN},
        {"ActionsPlanned", IPC_ACTIONS_PLANNED},
        {"ActionsOutstanding", IPC_ACTIONS_OUTSTANDING},
        {"Conclusion", IPC_CONCLUSION},
        {"ConclusionJustification", IPC_CONCLUSION_JUSTIFICATION},
        {"Notified", IPC_NOTIFIED},
        {"ScaleVersion", IPC_SCALE_VERSION},
        {"ScaleOwner", IPC_SCALE_OWNER},
        {"Related", IPC_RELATED},
        {"Parent", IPC_PARENT},
    };
    HDF *hdf = c->req->hdf;
    for (size_t k = 0; k < sizeof details / sizeof details[0]; k++) {
        char key[48];
        snprintf(key, sizeof key, "Incident.%s", details[k].name);
        view_set(hdf, key, db_text(page->row, 0, (int)details[k].col));
    }
    view_set_int(hdf, "Incident.MayManage", page->may_manage);
    view_set_int(hdf, "Incident.Lessons", page->lessons);
    view_set_int(hdf, "Incident.IsMember", page->is_member);
    view_set_int(hdf, "Incident.MayClassify", page->may_classify);
}

/* Rules.N.* */
static void incident_rules_to_hdf(struct ctx *c, PGresult *res)
{
    static const char *const names[RUC__COUNT] = {
        [RUC_ID] = "Id",
        [RUC_RECIPIENT] = "Recipient",
        [RUC_MAX_TLP] = "MaxTlp",
        [RUC_MIN_SEVERITY] = "MinSeverity",
        [RUC_CATEGORIES] = "Categories",
        [RUC_RECIPIENT_CATEGORIES] = "RecipientCategories",
        [RUC_RECIPIENT_SEVERITIES] = "RecipientSeverities",
        [RUC_RELEASED] = "Released",
    };
    for (int i = 0; i < PQntuples(res); i++)
        for (int k = 0; k < RUC__COUNT; k++) {
            char key[64];
            snprintf(key, sizeof key, "Rules.%d.%s", i, names[k]);
            const char *v = db_text(res, i, k);
            view_set(c->req->hdf, key, k == RUC_RELEASED ? (strcmp(v, "t") == 0 ? "1" : "") : v);
        }
}

/* Scale.Categories.N.{Code,Label,Meaning} and Scale.Rules.<importance>.<impact>. */
static void incident_scale_to_hdf(struct ctx *c, const struct incident_page *page)
{
    static const char *const names[SCC__COUNT] = {
        [SCC_CODE] = "Code", [SCC_LABEL] = "Label", [SCC_MEANING] = "Meaning"};
    portal_rows(c, "Scale.Categories", page->scale_categories, names, SCC__COUNT);
    HDF *cats = hdf_get_obj(c->req->hdf, "Scale.Categories");
    for (HDF *row = cats ? hdf_obj_child(cats) : NULL; row; row = hdf_obj_next(row))
        portal_category_words(c, row, "Code", "Label", "Meaning");
    PGresult *res = page->scale_rules;
    for (int i = 0; i < PQntuples(res); i++) {
        char key[64];
        snprintf(key, sizeof key, "Scale.Rules.%s.%s", db_text(res, i, SRC_IMPORTANCE),
                 db_text(res, i, SRC_IMPACT));
        view_set(c->req->hdf, key, db_text(res, i, SRC_SEVERITY));
    }
}

/* Choices.* of the page's forms. */
static void incident_choices_to_hdf(struct ctx *c)
{
    static const char *const *lists[] = {
        incident_importances, incident_impacts,           incident_natures,   incident_statuses,
        incident_conclusions, incident_improvement_codes, incident_severities};
    static const char *const list_names[] = {"Importance", "Impact",      "Nature",  "Status",
                                             "Conclusion", "Improvement", "Severity"};
    for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++)
        for (int i = 0; lists[l][i]; i++) {
            char key[64];
            snprintf(key, sizeof key, "Choices.%s.%d", list_names[l], i);
            view_set(c->req->hdf, key, lists[l][i]);
        }
}

/* Customers.N.*, LessonsLearned.N.*, Improvements.N.* */
static void incident_followup_to_hdf(struct ctx *c, const struct incident_page *page)
{
    static const char *const customer_names[CUC__COUNT] = {
        [CUC_ID] = "Id", [CUC_NAME] = "Name", [CUC_CHOSEN] = "Chosen", [CUC_FIELDS] = "Fields"};
    portal_rows(c, "Customers", page->customers, customer_names, CUC__COUNT);
    static const char *const lesson_names[LLC__COUNT] = {
        [LLC_WORKED] = "Worked",     [LLC_IMPROVE] = "Improve", [LLC_PLAN] = "Plan",
        [LLC_CONTROLS] = "Controls", [LLC_RISK] = "Risk",       [LLC_AT] = "At"};
    portal_rows(c, "LessonsLearned", page->lessons_learned, lesson_names, LLC__COUNT);
    static const char *const improvement_names[IMC__COUNT] = {[IMC_TITLE] = "Title",
                                                              [IMC_OWNER] = "Owner",
                                                              [IMC_DUE_DATE] = "DueDate",
                                                              [IMC_STATUS] = "Status",
                                                              [IMC_CODE] = "Code"};
    portal_rows(c, "Improvements", page->improvements, improvement_names, IMC__COUNT);
}

/* Deliveries.N.* */
static void incident_deliveries_to_hdf(struct ctx *c, PGresult *res)
{
    static const char *const names[DLC__COUNT] = {
        [DLC_RECIPIENT] = "Recipient",
        [DLC_STATE] = "State",
        [DLC_ATTEMPTS] = "Attempts",
        [DLC_HTTP_STATUS] = "HttpStatus",
        [DLC_ERROR] = "Error",
        [DLC_LAST_ATTEMPT] = "LastAttempt",
        [DLC_DELIVERED_AT] = "DeliveredAt",
        [DLC_NEXT_ATTEMPT] = "NextAttempt",
        [DLC_ID] = "Id",
        [DLC_RECEIPT] = "Receipt",
        [DLC_FORMAT] = "Format",
        [DLC_BY_RULE] = "ByRule",
        [DLC_RECIPIENT_ORG] = "RecipientOrg",
    };
    for (int i = 0; i < PQntuples(res); i++) {
        char key[48];
        snprintf(key, sizeof key, "Deliveries.%d", i);
        HDF *d;
        if (hdf_get_node(c->req->hdf, key, &d) != STATUS_OK)
            continue;
        for (int k = 0; k < DLC__COUNT; k++)
            view_set(d, names[k], db_text(res, i, k));
    }
}

void incident_page_to_hdf(struct ctx *c, const struct incident_page *page)
{
    if (page->customer_row) {
        incident_customer_to_hdf(c, page->customer_row);
        return;
    }
    HDF *node;
    if (hdf_get_node(c->req->hdf, "Incident", &node) == STATUS_OK) {
        incident_columns_to_hdf(node, page->row, 0);
        portal_category_words(c, node, "Category", "CategoryLabel", NULL);
        view_set(node, "Description", db_text(page->row, 0, IPC_DESCRIPTION));
        view_set_int(node, "Forwardable", page->forwardable);
    }
    incident_details_to_hdf(c, page);
    if (page->rules)
        incident_rules_to_hdf(c, page->rules);
    incident_scale_to_hdf(c, page);
    incident_choices_to_hdf(c);
    incident_followup_to_hdf(c, page);
    timeline_rows_to_hdf(c, page->timeline);
    obligations_to_hdf(c, &page->obligations);
    incident_deliveries_to_hdf(c, page->deliveries);
}

int incident_page_render(struct ctx *c, int status)
{
    struct incident_page page;
    int st = incident_page_load(c, c->id, &page);
    if (st == 200)
        incident_page_to_hdf(c, &page);
    incident_page_free(&page);
    if (st != 200)
        return st;
    portal_page(c, "incident/show.cs", "incident");
    return status;
}
