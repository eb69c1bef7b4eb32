/* handler_org_scores.c - what each organisation sees of itself, and its overseers of it,
 * at /organisations/:id/scores: the radar (current vs target), progress across cycles,
 * what changed since the previous cycle, the prioritised gaps and the planned improvement
 * actions (planning and updating one is cgi/handler_action.c). */
#include "assessment.h"
#include "chart.h"
#include "form.h"
#include "portal.h"
#include "rollup.h"
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CYCLES 12 /* the latest cycles shown on the progress line */
#define MAX_GAPS 50   /* the largest gaps listed */

/* Columns of the organisation's own row. */
enum org_column { OC_NAME, OC_MEMBER, OC_MANAGER };

/* Columns of the previous assessment's row. */
enum previous_column { PREV_ID, PREV_LABEL, PREV_SUBMITTED };

/* Columns of the changed items' statement. */
enum change_column { CHG_CODE, CHG_TEXT, CHG_FROM, CHG_TO, CHG_DELTA };

/* Columns of the planned actions' statement, named for the page as action_names. */
enum action_column { ACT_ID, ACT_TITLE, ACT_OWNER, ACT_DUE_DATE, ACT_STATUS, ACT_CODE, ACT_COUNT };
static const char *const action_names[ACT_COUNT] = {
    [ACT_ID] = "Id",         [ACT_TITLE] = "Title",
    [ACT_OWNER] = "Owner",   [ACT_DUE_DATE] = "DueDate",
    [ACT_STATUS] = "Status", [ACT_CODE] = "Code",
};

/* What the scores page shows of one organisation. */
struct org_scores {
    PGresult *org; /* its row, enum org_column */
    int may_plan;  /* decided by the handler: a member who may plan actions */
    /* the scored (submitted or accepted) assessments, oldest first, the last MAX_CYCLES */
    int n_cycles;
    struct rolled cycles[MAX_CYCLES];
    char labels[MAX_CYCLES][32];
    long latest; /* the latest scored assessment, 0 for none */
    /* the latest's gaps, when it loaded */
    int has_assessment;
    struct assessment assessment;
    struct score_gap *gaps;
    size_t n_gaps;
    /* the previous assessment and the items changed since, when there is one */
    PGresult *previous; /* enum previous_column */
    PGresult *changes;  /* enum change_column */
    PGresult *actions;  /* enum action_column */
};

static void org_scores_free(struct org_scores *s)
{
    PGresult **results[] = {&s->org, &s->previous, &s->changes, &s->actions};
    for (size_t i = 0; i < sizeof results / sizeof results[0]; i++) {
        if (*results[i])
            PQclear(*results[i]);
        *results[i] = NULL;
    }
    assessment_free(&s->assessment);
    free(s->gaps);
    s->gaps = NULL;
}

/* Columns of the scored assessments' statement. */
enum cycle_column { CYC_ASSESSMENT_ID, CYC_LABEL, CYC_OWNER, CYC_TOTALS };

/* The organisation's scored assessments rolled up, each with the weights of the owner of
 * its questionnaire (the campaign's owner, or else the organisation). Returns 200 or
 * 500. */
static int org_scores_load_cycles(struct ctx *c, const char *org, struct org_scores *s)
{
    const char *p[] = {org};
    PGresult *res;
    if (db_exec(
            c->db, &res,
            "SELECT a.id, coalesce(cp.cycle::text, to_char(a.submitted_at, 'YYYY-MM-DD')), "
            "  coalesce(cp.owner_org_id, a.org_id), " ROLLUP_TOTALS_COLUMN
            "FROM assessments a LEFT JOIN campaigns cp ON cp.id = a.campaign_id " ROLLUP_TOTALS_JOIN
            "WHERE a.org_id = $1 AND a.status IN ('submitted', 'accepted') "
            "ORDER BY a.submitted_at, a.id",
            1, p) != DB_OK)
        return 500;
    int n = 0;
    struct rollup_shape shape;
    long shape_owner = 0; /* whose weights shape holds (ids start at 1) */
    for (int i = 0; i < PQntuples(res); i++) {
        long owner = db_long(res, i, CYC_OWNER);
        if (owner != shape_owner && rollup_shape_load(c, owner, &shape) != 0) {
            PQclear(res);
            return 500;
        }
        shape_owner = owner;
        if (n == MAX_CYCLES) {
            memmove(s->cycles, s->cycles + 1, sizeof s->cycles[0] * (MAX_CYCLES - 1));
            memmove(s->labels, s->labels + 1, sizeof s->labels[0] * (MAX_CYCLES - 1));
            n--;
        }
        rollup_roll(&shape, db_text(res, i, CYC_TOTALS), &s->cycles[n]);
        const char *label = db_text(res, i, CYC_LABEL);
        snprintf(s->labels[n], sizeof s->labels[n], "%s", label);
        s->latest = db_long(res, i, CYC_ASSESSMENT_ID);
        n++;
    }
    PQclear(res);
    s->n_cycles = n;
    return 200;
}

/* The prioritised gaps of the latest assessment (gap x category weight). Returns 200 or
 * 500; none when the assessment is hidden. */
static int org_scores_load_gaps(struct ctx *c, struct org_scores *s)
{
    struct assessment *a = &s->assessment;
    int status = assessment_load(c, s->latest, a);
    if (status == 200)
        status = assessment_score(a);
    if (status != 200)
        return status == 404 ? 200 : 500;
    s->has_assessment = 1;
    struct score_item *items = calloc((size_t)a->n_items + 1, sizeof *items);
    s->gaps = calloc((size_t)a->n_items + 1, sizeof *s->gaps);
    double weights[64];
    int functions[64];
    for (int k = 0; k < a->n_categories; k++)
        weights[k] = 1.0, functions[k] = 0;
    if (items && s->gaps) {
        for (int i = 0; i < a->n_items; i++) {
            const char *code = db_text(a->items, i, IC_CATEGORY_CODE);
            int k;
            for (k = 0; k < a->n_categories && strcmp(a->category_codes[k], code) != 0; k++)
                ;
            const char *level = db_text(a->items, i, IC_LEVEL);
            const char *target = db_text(a->items, i, IC_TARGET);
            items[i] = (struct score_item){k < a->n_categories ? k : -1, *level ? atoi(level) : -1,
                                           strcmp(db_text(a->items, i, IC_NA), "t") == 0,
                                           *target ? atoi(target) : -1};
        }
        struct score_model m = {(size_t)a->n_categories, functions, weights, ASSESSMENT_FUNCTIONS};
        s->n_gaps = scoring_gaps(&m, items, (size_t)a->n_items, s->gaps);
    }
    free(items);
    return 200;
}

/* What changed since the previous cycle: the items of the latest assessment whose level
 * differs from the previous one's for the same sub-category. The previous one is the
 * organisation's assessment in the nearest earlier cycle of the same campaign chain
 * (previous_id), or else its latest earlier submitted or accepted assessment that shares
 * a sub-category with the latest. Items not applicable or without a level on either side
 * are left out. Returns 200 or 500. */
static int org_scores_load_changes(struct ctx *c, const char *org, struct org_scores *s)
{
    char lid[24];
    snprintf(lid, sizeof lid, "%ld", s->latest);
    const char *p[] = {org, lid};
    if (db_exec(
            c->db, &s->previous,
            "WITH RECURSIVE latest AS (SELECT id, campaign_id, submitted_at "
            "   FROM assessments WHERE id = $2), "
            "chain (id, depth) AS ("
            "   SELECT cp.previous_id, 1 FROM campaigns cp JOIN latest l "
            "     ON cp.id = l.campaign_id WHERE cp.previous_id IS NOT NULL "
            "   UNION ALL "
            "   SELECT cp.previous_id, ch.depth + 1 FROM chain ch "
            "     JOIN campaigns cp ON cp.id = ch.id "
            "    WHERE cp.previous_id IS NOT NULL AND ch.depth < 100) "
            "SELECT d.id, coalesce(cp.title || ' (cycle ' || cp.cycle || ')', q.title), "
            "  coalesce(to_char(d.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), '') "
            "FROM assessments d CROSS JOIN latest l "
            "JOIN questionnaires q ON q.id = d.questionnaire_id "
            "LEFT JOIN campaigns cp ON cp.id = d.campaign_id "
            "LEFT JOIN chain ch ON ch.id = d.campaign_id "
            "WHERE d.org_id = $1 AND d.id <> l.id AND d.status IN ('submitted', 'accepted') "
            "  AND (ch.id IS NOT NULL OR (coalesce(d.submitted_at, 'infinity'), d.id) "
            "       < (coalesce(l.submitted_at, 'infinity'), l.id)) "
            "  AND EXISTS (SELECT 1 FROM assessment_answers px "
            "      JOIN questionnaire_items pq ON pq.id = px.item_id "
            "      JOIN questionnaire_items lq ON lq.subcategory_id = pq.subcategory_id "
            "      JOIN assessment_answers lx ON lx.item_id = lq.id AND lx.assessment_id = l.id "
            "     WHERE px.assessment_id = d.id) "
            "ORDER BY ch.depth IS NULL, ch.depth, d.submitted_at DESC NULLS LAST, d.id DESC "
            "LIMIT 1",
            2, p) != DB_OK)
        return 500;
    if (PQntuples(s->previous) == 0) {
        PQclear(s->previous);
        s->previous = NULL;
        return 200;
    }
    const char *q[] = {lid, db_text(s->previous, 0, PREV_ID)};
    if (db_exec(c->db, &s->changes,
                "SELECT s.code, s.outcome, px.level, lx.level, lx.level - px.level "
                "FROM assessment_answers lx "
                "JOIN questionnaire_items lq ON lq.id = lx.item_id AND lq.kind = 'subcategory' "
                "JOIN assessment_answers px ON px.assessment_id = $2 "
                "JOIN questionnaire_items pq ON pq.id = px.item_id "
                "  AND pq.subcategory_id = lq.subcategory_id "
                "JOIN catalogue_subcategories s ON s.id = lq.subcategory_id "
                "JOIN catalogue_categories cat ON cat.id = s.category_id "
                "JOIN catalogue_functions f ON f.id = cat.function_id "
                "WHERE lx.assessment_id = $1 AND lx.level <> px.level "
                "  AND NOT lx.not_applicable AND NOT px.not_applicable "
                "ORDER BY f.position, cat.position, s.position",
                2, q) != DB_OK)
        return 500;
    return 200;
}

/* Loads the organisation's scores page, visible to its members and to those overseeing it
 * (404 otherwise). Returns 200, 404 or 500; org_scores_free releases what it loaded. */
static int org_scores_load(struct ctx *c, struct org_scores *s)
{
    memset(s, 0, sizeof *s);
    char org[24];
    snprintf(org, sizeof org, "%ld", c->id);
    const char *p[] = {org};
    if (db_exec(c->db, &s->org,
                "SELECT name, id IN (SELECT app.member_orgs()), "
                "  id IN (SELECT app.managed_children()) FROM organisations "
                "WHERE id = $1 AND (id IN (SELECT app.member_orgs()) "
                "  OR id IN (SELECT app.overseen_orgs()))",
                1, p) != DB_OK)
        return 500;
    if (PQntuples(s->org) != 1)
        return 404;
    int status = org_scores_load_cycles(c, org, s);
    if (status == 200 && s->latest)
        status = org_scores_load_gaps(c, s);
    if (status == 200 && s->latest)
        status = org_scores_load_changes(c, org, s);
    if (status != 200)
        return status;
    const char *q[] = {org};
    if (db_exec(c->db, &s->actions,
                "SELECT p.id, p.title, p.owner_name, to_char(p.due_date, 'YYYY-MM-DD'), p.status, "
                "  coalesce(s.code, '') FROM planned_actions p "
                "LEFT JOIN catalogue_subcategories s ON s.id = p.subcategory_id "
                "WHERE p.org_id = $1 AND (p.incident_id IS NULL "
                /* improvements from an incident's lessons stay with those who see the
                 * incident from the inside, not every organisation overseeing it */
                "  OR app.is_internal_incident(p.incident_id)) "
                "ORDER BY p.status = 'done', p.due_date",
                1, q) != DB_OK)
        return 500;
    return 200;
}

/* The radar of the latest cycle (current and target) and the progress line across the
 * cycles as Charts.*, and each cycle's scores as Cycles.N.* */
static void cycles_to_hdf(struct ctx *c, const struct org_scores *s)
{
    int n = s->n_cycles;
    if (n == 0)
        return;
    const char *axes[ASSESSMENT_FUNCTIONS];
    for (int f = 0; f < ASSESSMENT_FUNCTIONS; f++) {
        char key[48];
        snprintf(key, sizeof key, "Dashboard.Functions.%s", assessment_function_codes[f]);
        axes[f] = portal_word(c, key);
    }
    struct chart_series radar_series[2] = {
        {portal_word(c, "Scores.Series.current"), s->cycles[n - 1].function, "current"},
        {portal_word(c, "Scores.Series.target"), s->cycles[n - 1].target_function, "target"},
    };
    struct chart_radar radar = {portal_word(c, "Scores.Radar"),      5, axes, 5.0, 2, radar_series,
                                portal_word(c, "Scores.NotAssessed")};
    char *svg = chart_radar_svg(&radar);
    view_set(c->req->hdf, "Charts.Radar", svg);
    free(svg);
    double overall[MAX_CYCLES], fn[ASSESSMENT_FUNCTIONS][MAX_CYCLES];
    /* a cycle's label is its campaign's due date, or its number, then said as a cycle */
    char shown[MAX_CYCLES][64];
    const char *x_labels[MAX_CYCLES];
    for (int k = 0; k < n; k++) {
        overall[k] = s->cycles[k].overall;
        snprintf(shown[k], sizeof shown[k], "%s%s%s",
                 strchr(s->labels[k], '-') ? "" : portal_word(c, "Scores.Cycle"),
                 strchr(s->labels[k], '-') ? "" : " ", s->labels[k]);
        x_labels[k] = shown[k];
        for (int f = 0; f < ASSESSMENT_FUNCTIONS; f++)
            fn[f][k] = s->cycles[k].function[f];
    }
    struct chart_series line_series[1 + ASSESSMENT_FUNCTIONS] = {
        {portal_word(c, "Dashboard.Overall"), overall, "overall"},
    };
    for (int f = 0; f < ASSESSMENT_FUNCTIONS; f++)
        line_series[1 + f] = (struct chart_series){axes[f], fn[f], assessment_function_codes[f]};
    struct chart_line line = {portal_word(c, "Scores.Progress"), (size_t)n,  x_labels, 0, 5,
                              1 + ASSESSMENT_FUNCTIONS,          line_series};
    svg = chart_line_svg(&line);
    view_set(c->req->hdf, "Charts.Progress", svg);
    free(svg);
    for (int k = 0; k < n; k++) {
        char key[48], score[16];
        snprintf(key, sizeof key, "Cycles.%d.Label", k);
        view_set(c->req->hdf, key, shown[k]);
        portal_score(c, s->cycles[k].overall, score, sizeof score);
        snprintf(key, sizeof key, "Cycles.%d.Overall", k);
        view_set(c->req->hdf, key, score);
        for (int f = 0; f < ASSESSMENT_FUNCTIONS; f++) {
            portal_score(c, s->cycles[k].function[f], score, sizeof score);
            snprintf(key, sizeof key, "Cycles.%d.%s", k, assessment_function_codes[f]);
            view_set(c->req->hdf, key, score);
            portal_score(c, s->cycles[k].target_function[f], score, sizeof score);
            snprintf(key, sizeof key, "Cycles.%d.Target%s", k, assessment_function_codes[f]);
            view_set(c->req->hdf, key, score);
        }
    }
}

/* The largest gaps as Gaps.N.*, and the assessment they are from. */
static void gaps_to_hdf(struct ctx *c, const struct org_scores *s)
{
    if (!s->has_assessment)
        return;
    const struct assessment *a = &s->assessment;
    for (size_t g = 0; g < s->n_gaps && g < MAX_GAPS; g++) {
        int i = (int)s->gaps[g].item;
        char key[48];
        snprintf(key, sizeof key, "Gaps.%d", (int)g);
        HDF *row;
        if (hdf_get_node(c->req->hdf, key, &row) != STATUS_OK)
            continue;
        view_set(row, "ItemId", db_text(a->items, i, IC_ID));
        view_set(row, "Code", db_text(a->items, i, IC_CODE));
        view_set(row, "Text", db_text(a->items, i, IC_TEXT));
        view_set(row, "Level", db_text(a->items, i, IC_LEVEL));
        view_set(row, "Target", db_text(a->items, i, IC_TARGET));
        view_set_int(row, "Gap", s->gaps[g].gap);
        char priority[32];
        view_set(row, "Priority",
                 portal_number(c, s->gaps[g].priority, 1, priority, sizeof priority));
    }
    view_set_int(c->req->hdf, "Scores.AssessmentId", a->id);
}

/* The previous assessment as Changes.Previous.* and the changed items as Changes.Items.N.*
 * with how many went up and down. */
static void changes_to_hdf(struct ctx *c, const struct org_scores *s)
{
    if (!s->previous)
        return;
    view_set(c->req->hdf, "Changes.Previous.Id", db_text(s->previous, 0, PREV_ID));
    view_set(c->req->hdf, "Changes.Previous.Label", db_text(s->previous, 0, PREV_LABEL));
    view_set(c->req->hdf, "Changes.Previous.Submitted", db_text(s->previous, 0, PREV_SUBMITTED));
    int up = 0, down = 0;
    for (int i = 0; i < PQntuples(s->changes); i++) {
        char key[48];
        HDF *row;
        snprintf(key, sizeof key, "Changes.Items.%d", i);
        if (hdf_get_node(c->req->hdf, key, &row) != STATUS_OK)
            continue;
        long delta = db_long(s->changes, i, CHG_DELTA);
        view_set(row, "Code", db_text(s->changes, i, CHG_CODE));
        view_set(row, "Text", db_text(s->changes, i, CHG_TEXT));
        view_set(row, "From", db_text(s->changes, i, CHG_FROM));
        view_set(row, "To", db_text(s->changes, i, CHG_TO));
        view_setf(row, "Delta", "%+ld", delta);
        view_set(row, "Direction", delta > 0 ? "up" : "down");
        up += delta > 0;
        down += delta < 0;
    }
    view_set_int(c->req->hdf, "Changes.Improved", up);
    view_set_int(c->req->hdf, "Changes.Slipped", down);
}

static void org_scores_to_hdf(struct ctx *c, const struct org_scores *s)
{
    view_set(c->req->hdf, "Org.Name", db_text(s->org, 0, OC_NAME));
    view_set_int(c->req->hdf, "Org.Id", c->id);
    view_set_int(c->req->hdf, "Org.MayPlan", s->may_plan);
    cycles_to_hdf(c, s);
    gaps_to_hdf(c, s);
    changes_to_hdf(c, s);
    portal_rows(c, "Actions", s->actions, action_names, ACT_COUNT);
}

/* GET /organisations/:id/scores */
int handle_org_scores(struct ctx *c)
{
    struct org_scores s;
    int status = org_scores_load(c, &s);
    if (s.org && PQntuples(s.org) == 1)
        c->org_id = c->id;
    if (status == 200) {
        int member = strcmp(db_text(s.org, 0, OC_MEMBER), "t") == 0;
        /* its own planners, or a manager of a parent assigning remediation to it */
        s.may_plan = (member && session_org(c->sess, c->id,
                                            ROLE_ASSESSOR | ROLE_ORG_ADMIN | ROLE_COORDINATOR)) ||
                     strcmp(db_text(s.org, 0, OC_MANAGER), "t") == 0;
        org_scores_to_hdf(c, &s);
    }
    org_scores_free(&s);
    if (status != 200)
        return status;
    portal_page(c, "dashboard/org_scores.cs", "org_scores");
    return 200;
}
