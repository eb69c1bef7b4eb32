/* assessment.c - loads one assessment with its items, answers and permissions, and scores
 * it; see assessment.h (assessment_view.c puts it on the page). */
#include "assessment.h"

#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const assessment_function_codes[ASSESSMENT_FUNCTIONS] = {"ID", "PR", "DE", "RS", "RC"};

/* Columns of the assessment's own row. */
enum assessment_column {
    AC_ID,
    AC_ORG_ID,
    AC_ORG_NAME,
    AC_STATUS,
    AC_CAMPAIGN_ID,
    AC_QUESTIONNAIRE_ID,
    AC_OWNER_ORG_ID,
    AC_TITLE,
    AC_MAY_REVIEW,
    AC_SUBMITTED_AT,
    AC_SUBMITTED_BY,
    AC_REVIEWED_AT,
    AC_REVIEWED_BY,
    AC_DUE_DATE,
    AC_CYCLE,
};

int assessment_load(struct ctx *c, long id, struct assessment *a)
{
    memset(a, 0, sizeof *a);
    char aid[24];
    snprintf(aid, sizeof aid, "%ld", id);
    const char *p[] = {aid};
    PGresult *res;
    if (db_exec(c->db, &res,
                "SELECT a.id, a.org_id, o.name, a.status, coalesce(a.campaign_id, 0), "
                "       a.questionnaire_id, q.owner_org_id, coalesce(cp.title, q.title), "
                "       a.campaign_id IN (SELECT app.managed_campaigns()) OR "
                "       (a.campaign_id IS NULL AND a.org_id IN (SELECT app.overseen_orgs())), "
                "       coalesce(to_char(a.submitted_at AT TIME ZONE 'UTC', "
                "         'YYYY-MM-DD HH24:MI'), ''), "
                "       CASE WHEN a.submitted_by IS NULL THEN '' "
                "            ELSE coalesce(app.assessment_person(a.id, 'submitted'), '') END, "
                "       coalesce(to_char(a.reviewed_at AT TIME ZONE 'UTC', "
                "         'YYYY-MM-DD HH24:MI'), ''), "
                "       CASE WHEN a.reviewed_by IS NULL THEN '' "
                "            ELSE coalesce(app.assessment_person(a.id, 'reviewed'), '') END, "
                "       coalesce(to_char(cp.due_date, 'YYYY-MM-DD'), ''), coalesce(cp.cycle, 0) "
                "  FROM assessments a JOIN organisations o ON o.id = a.org_id "
                "  JOIN questionnaires q ON q.id = a.questionnaire_id "
                "  LEFT JOIN campaigns cp ON cp.id = a.campaign_id WHERE a.id = $1",
                1, p) != DB_OK)
        return 500;
    if (PQntuples(res) != 1) {
        PQclear(res);
        return 404;
    }
    a->id = db_long(res, 0, AC_ID);
    a->org_id = db_long(res, 0, AC_ORG_ID);
    utf8_copy(a->org_name, sizeof a->org_name, db_text(res, 0, AC_ORG_NAME));
    snprintf(a->status, sizeof a->status, "%s", db_text(res, 0, AC_STATUS));
    a->campaign_id = db_long(res, 0, AC_CAMPAIGN_ID);
    a->questionnaire_id = db_long(res, 0, AC_QUESTIONNAIRE_ID);
    a->owner_org_id = db_long(res, 0, AC_OWNER_ORG_ID);
    utf8_copy(a->title, sizeof a->title, db_text(res, 0, AC_TITLE));
    a->may_review = strcmp(db_text(res, 0, AC_MAY_REVIEW), "t") == 0;
    snprintf(a->submitted_at, sizeof a->submitted_at, "%s", db_text(res, 0, AC_SUBMITTED_AT));
    utf8_copy(a->submitted_by, sizeof a->submitted_by, db_text(res, 0, AC_SUBMITTED_BY));
    snprintf(a->reviewed_at, sizeof a->reviewed_at, "%s", db_text(res, 0, AC_REVIEWED_AT));
    utf8_copy(a->reviewed_by, sizeof a->reviewed_by, db_text(res, 0, AC_REVIEWED_BY));
    snprintf(a->due_date, sizeof a->due_date, "%s", db_text(res, 0, AC_DUE_DATE));
    a->cycle = (int)db_long(res, 0, AC_CYCLE);
    PQclear(res);
    a->may_respond = session_org(c->sess, a->org_id, ROLES_EDITORS) != NULL;
    a->editable =
        a->may_respond && (strcmp(a->status, "draft") == 0 || strcmp(a->status, "returned") == 0);
    c->org_id = a->org_id;
    return assessment_load_items(c, a);
}

int assessment_load_items(struct ctx *c, struct assessment *a)
{
    if (a->items)
        PQclear(a->items);
    a->items = NULL;
    a->n_items = 0;
    char aid[24], qid[24], owner[24];
    snprintf(aid, sizeof aid, "%ld", a->id);
    snprintf(qid, sizeof qid, "%ld", a->questionnaire_id);
    snprintf(owner, sizeof owner, "%ld", a->owner_org_id);
    const char *q[] = {aid, qid, owner};
    if (db_exec(c->db, &a->items,
                "SELECT qi.id, qi.kind, coalesce(s.code, mi.code, 'Q' || qi.position), "
                "  coalesce(s.outcome, mi.title, qi.question), qi.answer_type, "
                "  array_to_string(qi.choices, '|'), coalesce(cat.code, ''), "
                "  coalesce(cat.name, ''), coalesce(f.code, ''), coalesce(f.name, ''), "
                "  coalesce(ans.level::text, ''), coalesce(ans.not_applicable, false), "
                "  coalesce(ans.justification, ''), coalesce(ans.evidence_notes, ''), "
                "  coalesce(ans.value_text, ''), coalesce(ans.carried_over, false), "
                "  coalesce(ans.version, 0), coalesce(t.level, qi.default_target)::text, "
                "  coalesce((SELECT string_agg(m.standard || CASE WHEN m.clause = '' THEN '' "
                "            ELSE ' ' || m.clause END, '; ' ORDER BY m.position) "
                "            FROM catalogue_mappings m WHERE m.subcategory_id = s.id), ''), "
                "  r.id IS NOT NULL, coalesce(r.comment, ''), "
                "  (SELECT count(*) FROM evidence_files e "
                "    WHERE e.assessment_id = $1 AND e.item_id = qi.id), "
                "  coalesce(cat.id, 0), coalesce(u.person_name, ''), coalesce(cw.weight, 1) "
                "FROM questionnaire_items qi "
                "LEFT JOIN catalogue_subcategories s ON s.id = qi.subcategory_id "
                "LEFT JOIN catalogue_categories cat ON cat.id = s.category_id "
                "LEFT JOIN catalogue_functions f ON f.id = cat.function_id "
                "LEFT JOIN category_weights cw "
                "       ON cw.owner_org_id = $3 AND cw.category_id = cat.id "
                "LEFT JOIN management_items mi ON mi.id = qi.management_item_id "
                "LEFT JOIN assessment_answers ans "
                "       ON ans.assessment_id = $1 AND ans.item_id = qi.id "
                "LEFT JOIN app.assessment_answerers($1) u ON u.person_id = ans.updated_by "
                "LEFT JOIN assessment_targets t ON t.assessment_id = $1 AND t.item_id = qi.id "
                "LEFT JOIN LATERAL (SELECT id, comment FROM returned_items ri "
                "   WHERE ri.assessment_id = $1 AND ri.item_id = qi.id "
                "     AND ri.resolved_at IS NULL ORDER BY ri.id DESC LIMIT 1) r ON true "
                "WHERE qi.questionnaire_id = $2 ORDER BY qi.position",
                3, q) != DB_OK)
        return 500;
    a->n_items = PQntuples(a->items);
    return 200;
}

/* The maturity scale: reference data that changes only with a migration, so read once per
 * process. */
static PGresult *maturity_levels;

int assessment_load_page(struct ctx *c, struct assessment *a)
{
    char aid[24];
    snprintf(aid, sizeof aid, "%ld", a->id);
    const char *p[] = {aid};
    if (!a->files && db_exec(c->db, &a->files,
                             "SELECT id, item_id, file_name, size_bytes FROM evidence_files "
                             "WHERE assessment_id = $1 ORDER BY item_id, id",
                             1, p) != DB_OK)
        return 500;
    if (!maturity_levels &&
        db_exec(c->db, &maturity_levels,
                "SELECT level, name, meaning FROM maturity_levels ORDER BY level", 0,
                NULL) != DB_OK)
        return 500;
    a->levels = maturity_levels;
    return 200;
}

void assessment_free(struct assessment *a)
{
    if (a->items)
        PQclear(a->items);
    if (a->files)
        PQclear(a->files);
    a->items = a->files = NULL;
}

int assessment_item_editable(const struct assessment *a, int i)
{
    if (!a->editable)
        return 0;
    if (strcmp(a->status, "returned") == 0)
        return strcmp(db_text(a->items, i, IC_RETURNED), "t") == 0;
    return 1;
}

static int function_index(const char *code)
{
    for (int f = 0; f < ASSESSMENT_FUNCTIONS; f++)
        if (strcmp(assessment_function_codes[f], code) == 0)
            return f;
    return -1;
}

int assessment_score(struct assessment *a)
{
    int n = a->n_items;
    struct score_item *items = calloc(n ? n : 1, sizeof *items);
    int category_function[64];
    double weights[64];
    if (!items)
        return 500;
    a->n_categories = 0;
    for (int i = 0; i < n; i++) {
        items[i].category = -1;
        items[i].target = -1;
        const char *code = db_text(a->items, i, IC_CATEGORY_CODE);
        if (!*code || strcmp(db_text(a->items, i, IC_TYPE), "maturity") != 0)
            continue;
        int k;
        for (k = 0; k < a->n_categories && strcmp(a->category_codes[k], code) != 0; k++)
            ;
        if (k == a->n_categories && k < 64) {
            snprintf(a->category_codes[k], sizeof a->category_codes[k], "%s", code);
            snprintf(a->category_names[k], sizeof a->category_names[k], "%s",
                     db_text(a->items, i, IC_CATEGORY_NAME));
            category_function[k] = function_index(db_text(a->items, i, IC_FUNCTION_CODE));
            weights[k] = strtod(db_text(a->items, i, IC_WEIGHT), NULL);
            a->n_categories++;
        }
        if (k == 64)
            continue;
        const char *level = db_text(a->items, i, IC_LEVEL);
        items[i].category = k;
        items[i].level = *level ? atoi(level) : -1;
        items[i].not_applicable = strcmp(db_text(a->items, i, IC_NA), "t") == 0;
        const char *target = db_text(a->items, i, IC_TARGET);
        items[i].target = *target ? atoi(target) : -1;
    }

    struct score_model model = {(size_t)a->n_categories, category_function, weights,
                                ASSESSMENT_FUNCTIONS};
    scoring_compute(&model, items, (size_t)n, a->category_score, a->function_score, &a->overall);
    free(items);
    return 200;
}
