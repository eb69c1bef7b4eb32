/* handler_export.c - an assessment as downloads: the answers as CSV (and the same file as
 * a template to fill offline and import again), the scores as CSV, everything as JSON and
 * as an OSCAL assessment-results document. Whoever may see the assessment may download
 * it (row-level security decides, so anyone else gets 404); the documents are made by the
 * pure functions of lib/export.c and lib/oscal.c from what is loaded here. */
#include "assessment.h"
#include "export.h"
#include "oscal.h"
#include "portal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Columns of the assessment's dates. */
enum dates_column { DC_CREATED, DC_UPDATED, DC_SUBMITTED, DC_REVIEWED, DC_DUE_DATE, DC_CYCLE };
/* Columns of its answers' times. */
enum answer_time_column { ATC_ITEM_ID, ATC_UPDATED_AT };

/* What the documents are made from; strings point into the results held here. */
struct export_data {
    struct assessment a;
    PGresult *dates; /* enum dates_column */
    PGresult *times; /* enum answer_time_column: when each answer last changed */
    struct export_item *items;
    struct export_score categories[64];
    struct export_score functions[ASSESSMENT_FUNCTIONS];
    struct export_assessment x;
};

static void export_data_free(struct export_data *d)
{
    assessment_free(&d->a);
    if (d->dates)
        PQclear(d->dates);
    if (d->times)
        PQclear(d->times);
    free(d->items);
    d->dates = d->times = NULL;
    d->items = NULL;
}

static int level_of(const char *s)
{
    return *s ? atoi(s) : -1;
}

/* The answer's last change of item row i, "" when there is none. */
static const char *answer_time(const struct export_data *d, long item_id)
{
    for (int r = 0; r < PQntuples(d->times); r++)
        if (db_long(d->times, r, ATC_ITEM_ID) == item_id)
            return db_text(d->times, r, ATC_UPDATED_AT);
    return "";
}

static void item_of(struct export_data *d, int i, struct export_item *it)
{
    PGresult *r = d->a.items;
    *it = (struct export_item){
        .code = db_text(r, i, IC_CODE),
        .kind = db_text(r, i, IC_KIND),
        .text = db_text(r, i, IC_TEXT),
        .answer_type = db_text(r, i, IC_TYPE),
        .choices = db_text(r, i, IC_CHOICES),
        .category_code = db_text(r, i, IC_CATEGORY_CODE),
        .category_name = db_text(r, i, IC_CATEGORY_NAME),
        .function_code = db_text(r, i, IC_FUNCTION_CODE),
        .function_name = db_text(r, i, IC_FUNCTION_NAME),
        .level = level_of(db_text(r, i, IC_LEVEL)),
        .target = level_of(db_text(r, i, IC_TARGET)),
        .not_applicable = strcmp(db_text(r, i, IC_NA), "t") == 0,
        .justification = db_text(r, i, IC_JUSTIFICATION),
        .evidence_notes = db_text(r, i, IC_NOTES),
        .value = db_text(r, i, IC_VALUE),
        .version = (int)db_long(r, i, IC_VERSION),
        .carried_over = strcmp(db_text(r, i, IC_CARRIED), "t") == 0,
        .evidence_files = (int)db_long(r, i, IC_EVIDENCE),
        .updated_at = answer_time(d, db_long(r, i, IC_ID)),
    };
}

/* Loads assessment c->id with its scores into d->x. For the template of an assessment the
 * user may edit, only the items open now (all of a draft, the returned ones when
 * returned). Returns 200, 404 or 500. */
static int export_load(struct ctx *c, struct export_data *d, int template)
{
    memset(d, 0, sizeof *d);
    int status = assessment_load(c, c->id, &d->a);
    if (status != 200)
        return status;
    struct assessment *a = &d->a;
    if (assessment_score(a) != 200)
        return 500;
    char aid[24];
    snprintf(aid, sizeof aid, "%ld", a->id);
    const char *p[] = {aid};
    if (db_exec(
            c->db, &d->dates,
            "SELECT to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
            "  to_char(a.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
            "  coalesce(to_char(a.submitted_at AT TIME ZONE 'UTC', "
            "                   'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), ''), "
            "  coalesce(to_char(a.reviewed_at AT TIME ZONE 'UTC', "
            "                   'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), ''), "
            "  coalesce(to_char(cp.due_date, 'YYYY-MM-DD'), ''), coalesce(cp.cycle, 0) "
            "FROM assessments a LEFT JOIN campaigns cp ON cp.id = a.campaign_id "
            "WHERE a.id = $1",
            1, p) != DB_OK ||
        PQntuples(d->dates) != 1)
        return 500;
    /* row-level security shows a reviewer the answers only once they were submitted */
    if (db_exec(c->db, &d->times,
                "SELECT item_id, to_char(updated_at AT TIME ZONE 'UTC', "
                "  'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM assessment_answers "
                "WHERE assessment_id = $1",
                1, p) != DB_OK)
        return 500;

    d->items = calloc((size_t)a->n_items + 1, sizeof *d->items);
    if (!d->items)
        return 500;
    int only_editable = template && a->editable;
    size_t n = 0;
    for (int i = 0; i < a->n_items; i++)
        if (!only_editable || assessment_item_editable(a, i))
            item_of(d, i, &d->items[n++]);

    for (int k = 0; k < a->n_categories; k++)
        d->categories[k] =
            (struct export_score){a->category_codes[k], a->category_names[k], a->category_score[k]};
    for (int f = 0; f < ASSESSMENT_FUNCTIONS; f++) {
        const char *code = assessment_function_codes[f], *name = code;
        for (int i = 0; i < a->n_items; i++)
            if (strcmp(db_text(a->items, i, IC_FUNCTION_CODE), code) == 0) {
                name = db_text(a->items, i, IC_FUNCTION_NAME);
                break;
            }
        d->functions[f] = (struct export_score){code, name, a->function_score[f]};
    }
    d->x = (struct export_assessment){
        .id = a->id,
        .org_id = a->org_id,
        .org_name = a->org_name,
        .title = a->title,
        .status = a->status,
        .created_at = db_text(d->dates, 0, DC_CREATED),
        .updated_at = db_text(d->dates, 0, DC_UPDATED),
        .submitted_at = db_text(d->dates, 0, DC_SUBMITTED),
        .reviewed_at = db_text(d->dates, 0, DC_REVIEWED),
        .due_date = db_text(d->dates, 0, DC_DUE_DATE),
        .cycle = (int)db_long(d->dates, 0, DC_CYCLE),
        .items = d->items,
        .n_items = n,
        .categories = d->categories,
        .n_categories = (size_t)a->n_categories,
        .functions = d->functions,
        .n_functions = ASSESSMENT_FUNCTIONS,
        .overall = a->overall,
    };
    return 200;
}

enum export_kind { EXPORT_ANSWERS, EXPORT_TEMPLATE, EXPORT_SCORES, EXPORT_JSON, EXPORT_OSCAL };

static int export_send(struct ctx *c, enum export_kind kind)
{
    struct export_data d;
    int status = export_load(c, &d, kind == EXPORT_TEMPLATE);
    if (status != 200) {
        export_data_free(&d);
        return status;
    }
    char *body = NULL, name[96];
    size_t len = 0;
    const char *type = "text/csv; charset=utf-8";
    switch (kind) {
    case EXPORT_ANSWERS:
    case EXPORT_TEMPLATE:
        body = export_answers_csv(&d.x, &len);
        snprintf(name, sizeof name, "assessment-%ld-%s.csv", d.a.id,
                 kind == EXPORT_TEMPLATE ? "template" : "answers");
        break;
    case EXPORT_SCORES:
        body = export_scores_csv(&d.x, &len);
        snprintf(name, sizeof name, "assessment-%ld-scores.csv", d.a.id);
        break;
    case EXPORT_JSON:
        body = export_json(&d.x);
        type = "application/json";
        snprintf(name, sizeof name, "assessment-%ld.json", d.a.id);
        break;
    case EXPORT_OSCAL:
        body = oscal_assessment_results(&d.x, c->cfg->base_url);
        type = "application/json";
        snprintf(name, sizeof name, "assessment-%ld-oscal.json", d.a.id);
        break;
    }
    export_data_free(&d);
    if (!body)
        return 500;
    if (kind == EXPORT_JSON || kind == EXPORT_OSCAL)
        len = strlen(body);
    resp_body(c->resp, type, body, len, name);
    return 200;
}

/* GET /assessments/:id/export.csv */
int handle_assessment_export_csv(struct ctx *c)
{
    return export_send(c, EXPORT_ANSWERS);
}

/* GET /assessments/:id/template.csv - the answers CSV to fill offline and import: every
 * item, or while returned items are open only those. */
int handle_assessment_template_csv(struct ctx *c)
{
    return export_send(c, EXPORT_TEMPLATE);
}

/* GET /assessments/:id/scores.csv */
int handle_assessment_scores_csv(struct ctx *c)
{
    return export_send(c, EXPORT_SCORES);
}

/* GET /assessments/:id/export.json */
int handle_assessment_export_json(struct ctx *c)
{
    return export_send(c, EXPORT_JSON);
}

/* GET /assessments/:id/oscal.json */
int handle_assessment_oscal(struct ctx *c)
{
    return export_send(c, EXPORT_OSCAL);
}
