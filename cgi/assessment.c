/* assessment.c - loads one assessment with its items, answers and permissions, scores it,
 * and fills the page's HDF; see assessment.h. */
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
                "  coalesce(cat.id, 0), coalesce(u.display_name, ''), coalesce(cw.weight, 1) "
                "FROM questionnaire_items qi "
                "LEFT JOIN catalogue_subcategories s ON s.id = qi.subcategory_id "
                "LEFT JOIN catalogue_categories cat ON cat.id = s.category_id "
                "LEFT JOIN catalogue_functions f ON f.id = cat.function_id "
                "LEFT JOIN category_weights cw "
                "       ON cw.owner_org_id = $3 AND cw.category_id = cat.id "
                "LEFT JOIN management_items mi ON mi.id = qi.management_item_id "
                "LEFT JOIN assessment_answers ans "
                "       ON ans.assessment_id = $1 AND ans.item_id = qi.id "
                "LEFT JOIN users u ON u.id = ans.updated_by "
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

static void item_to_hdf(HDF *hdf, struct assessment *a, int i, int keep_form)
{
    char key[64];
    snprintf(key, sizeof key, "Items.%d", i);
    HDF *row;
    if (hdf_get_node(hdf, key, &row) != STATUS_OK)
        return;
    PGresult *r = a->items;
    long id = db_long(r, i, IC_ID);
    static const struct {
        const char *name;
        enum item_column col;
    } cols[] = {
        {"Id", IC_ID},
        {"Kind", IC_KIND},
        {"Code", IC_CODE},
        {"Text", IC_TEXT},
        {"Type", IC_TYPE},
        {"Category", IC_CATEGORY_NAME},
        {"CategoryCode", IC_CATEGORY_CODE},
        {"Function", IC_FUNCTION_NAME},
        {"Level", IC_LEVEL},
        {"Justification", IC_JUSTIFICATION},
        {"Notes", IC_NOTES},
        {"Value", IC_VALUE},
        {"Version", IC_VERSION},
        {"Target", IC_TARGET},
        {"Mapping", IC_MAPPING},
        {"ReturnComment", IC_RETURN_COMMENT},
        {"Evidence", IC_EVIDENCE},
        {"UpdatedBy", IC_UPDATED_BY},
    };
    for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++)
        view_set(row, cols[k].name, db_text(r, i, (int)cols[k].col));
    view_set(row, "NotApplicable", strcmp(db_text(r, i, IC_NA), "t") == 0 ? "1" : "");
    view_set(row, "CarriedOver", strcmp(db_text(r, i, IC_CARRIED), "t") == 0 ? "1" : "");
    view_set(row, "Returned", strcmp(db_text(r, i, IC_RETURNED), "t") == 0 ? "1" : "");
    view_set_int(row, "Editable", assessment_item_editable(a, i));
    const char *category = db_text(r, i, IC_CATEGORY_CODE);
    int new_group = i == 0 || strcmp(category, db_text(r, i - 1, IC_CATEGORY_CODE)) != 0 ||
                    strcmp(db_text(r, i, IC_KIND), db_text(r, i - 1, IC_KIND)) != 0;
    view_set_int(row, "NewGroup", new_group);
    int new_function =
        i == 0 || strcmp(db_text(r, i, IC_FUNCTION_CODE), db_text(r, i - 1, IC_FUNCTION_CODE)) != 0;
    view_set_int(row, "NewFunction", new_function && *category);
    char *choices = strdup(db_text(r, i, IC_CHOICES));
    int n = 0;
    for (char *tok = choices ? strtok(choices, "|") : NULL; tok; tok = strtok(NULL, "|")) {
        snprintf(key, sizeof key, "Choices.%d", n++);
        view_set(row, key, tok);
    }
    free(choices);
    if (keep_form)
        return;
    /* the form starts from what is stored */
    static const struct {
        const char *prefix;
        enum item_column col;
    } fields[] = {{"level", IC_LEVEL},
                  {"just", IC_JUSTIFICATION},
                  {"notes", IC_NOTES},
                  {"value", IC_VALUE},
                  {"ver", IC_VERSION}};
    for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++) {
        snprintf(key, sizeof key, "Form.Values.%s_%ld", fields[k].prefix, id);
        view_set(hdf, key, db_text(r, i, (int)fields[k].col));
    }
    snprintf(key, sizeof key, "Form.Values.na_%ld", id);
    view_set(hdf, key, strcmp(db_text(r, i, IC_NA), "t") == 0 ? "1" : "");
}

static void scores_to_hdf(const struct ctx *c, HDF *hdf, const struct assessment *a)
{
    char key[64], score[16];
    for (int k = 0; k < a->n_categories; k++) {
        snprintf(key, sizeof key, "Scores.Categories.%d.Code", k);
        view_set(hdf, key, a->category_codes[k]);
        snprintf(key, sizeof key, "Scores.Categories.%d.Name", k);
        view_set(hdf, key, a->category_names[k]);
        portal_score(c, a->category_score[k], score, sizeof score);
        snprintf(key, sizeof key, "Scores.Categories.%d.Score", k);
        view_set(hdf, key, score);
    }
    for (int f = 0; f < ASSESSMENT_FUNCTIONS; f++) {
        portal_score(c, a->function_score[f], score, sizeof score);
        snprintf(key, sizeof key, "Scores.Functions.%s", assessment_function_codes[f]);
        view_set(hdf, key, score);
    }
    portal_score(c, a->overall, score, sizeof score);
    view_set(hdf, "Scores.Overall", score);
}

/* Evidence files under Items.N.Files.K.{Id,Name,Size}. */
static void assessment_files_to_hdf(HDF *hdf, const struct assessment *a)
{
    PGresult *res = a->files;
    for (int r = 0; r < PQntuples(res); r++) {
        long item = db_long(res, r, FC_ITEM);
        int k;
        for (k = 0; k < a->n_items && db_long(a->items, k, IC_ID) != item; k++)
            ;
        if (k == a->n_items)
            continue;
        char key[96];
        snprintf(key, sizeof key, "Items.%d.Files.%d.Id", k, r);
        view_set(hdf, key, db_text(res, r, FC_ID));
        snprintf(key, sizeof key, "Items.%d.Files.%d.Name", k, r);
        view_set(hdf, key, db_text(res, r, FC_NAME));
        snprintf(key, sizeof key, "Items.%d.Files.%d.Size", k, r);
        view_set(hdf, key, db_text(res, r, FC_SIZE));
    }
}

int assessment_to_hdf(struct ctx *c, struct assessment *a, int keep_form)
{
    HDF *hdf = c->req->hdf;
    if (!a->files || !maturity_levels)
        return 500; /* assessment_load_page first */
    view_set_int(hdf, "Assessment.Id", a->id);
    view_set(hdf, "Assessment.Org", a->org_name);
    view_set(hdf, "Assessment.Title", a->title);
    view_set(hdf, "Assessment.Status", a->status);
    view_set_int(hdf, "Assessment.CampaignId", a->campaign_id);
    view_set_int(hdf, "Assessment.Editable", a->editable);
    view_set_int(hdf, "Assessment.MayReview", a->may_review && !a->may_respond);
    int answered = 0, carried = 0;
    /* progress per function, and for Annex B and own questions ("MG", "Q") */
    const char *groups[ASSESSMENT_FUNCTIONS + 2] = {"ID", "PR", "DE", "RS", "RC", "MG", "Q"};
    int group_answered[ASSESSMENT_FUNCTIONS + 2] = {0}, group_total[ASSESSMENT_FUNCTIONS + 2] = {0};
    for (int i = 0; i < a->n_items; i++) {
        item_to_hdf(hdf, a, i, keep_form);
        int is_answered = *db_text(a->items, i, IC_LEVEL) ||
                          strcmp(db_text(a->items, i, IC_NA), "t") == 0 ||
                          *db_text(a->items, i, IC_VALUE);
        answered += is_answered;
        carried += strcmp(db_text(a->items, i, IC_CARRIED), "t") == 0;
        const char *kind = db_text(a->items, i, IC_KIND);
        int g = strcmp(kind, "management") == 0 ? ASSESSMENT_FUNCTIONS
                : strcmp(kind, "custom") == 0   ? ASSESSMENT_FUNCTIONS + 1
                                                : -1;
        for (int f = 0; g < 0 && f < ASSESSMENT_FUNCTIONS; f++)
            if (strcmp(db_text(a->items, i, IC_FUNCTION_CODE), groups[f]) == 0)
                g = f;
        if (g >= 0) {
            group_total[g]++;
            group_answered[g] += is_answered;
        }
    }
    for (int g = 0, k = 0; g < ASSESSMENT_FUNCTIONS + 2; g++) {
        if (!group_total[g])
            continue;
        char key[64];
        snprintf(key, sizeof key, "Progress.%d.Group", k);
        view_set(hdf, key, groups[g]);
        snprintf(key, sizeof key, "Progress.%d.Answered", k);
        view_set_int(hdf, key, group_answered[g]);
        snprintf(key, sizeof key, "Progress.%d.Total", k++);
        view_set_int(hdf, key, group_total[g]);
    }
    assessment_files_to_hdf(hdf, a);
    view_set_int(hdf, "Assessment.Answered", answered);
    view_set_int(hdf, "Assessment.Total", a->n_items);
    view_set_int(hdf, "Assessment.CarriedOver", carried);
    view_set(hdf, "Assessment.SubmittedAt", a->submitted_at);
    view_set(hdf, "Assessment.SubmittedBy", a->submitted_by);
    view_set(hdf, "Assessment.ReviewedAt", a->reviewed_at);
    view_set(hdf, "Assessment.ReviewedBy", a->reviewed_by);
    view_set(hdf, "Assessment.DueDate", a->due_date);
    view_set_int(hdf, "Assessment.Cycle", a->cycle);
    for (int i = 0; i < PQntuples(maturity_levels); i++) {
        char key[64];
        static const char *const cols[] = {"Level", "Name", "Meaning"};
        for (int k = 0; k < 3; k++) {
            snprintf(key, sizeof key, "Levels.%d.%s", i, cols[k]);
            view_set(hdf, key, db_text(maturity_levels, i, k));
        }
    }
    if (assessment_score(a) != 200)
        return 500;
    scores_to_hdf(c, hdf, a);
    return 200;
}
