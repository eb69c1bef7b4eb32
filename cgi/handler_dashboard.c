/* handler_dashboard.c - what the parent sees across its organisations and what each
 * organisation sees of itself: the heatmap of child organisations x the five functions
 * (filter by relation and campaign, sort by score or gap, drill down), the overdue and
 * returned lists, the printable report of one campaign (each respondent's status and
 * scores, and the totals; rolled up by the same code as the heatmap), and per
 * organisation the radar (current vs target), progress across cycles, what changed since
 * the previous cycle, the prioritised gaps and the planned improvement actions. */
#include "assessment.h"
#include "chart.h"
#include "form.h"
#include "portal.h"
#include "utf8.h"
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CATEGORIES 64
#define HEAT_PAGE 100 /* organisations per heatmap page */

/* The latest edition's categories, their functions and the owner's weights, so that
 * aggregated answers can be rolled up with scoring_rollup. */
struct rollup_shape {
    int n;
    long category_id[MAX_CATEGORIES];
    int function[MAX_CATEGORIES];
    double weight[MAX_CATEGORIES];
};

static int function_of(const char *code)
{
    for (int f = 0; f < ASSESSMENT_FUNCTIONS; f++)
        if (strcmp(code, assessment_function_codes[f]) == 0)
            return f;
    return -1;
}

static int shape_load(struct ctx *c, long owner, struct rollup_shape *s)
{
    char oid[24];
    snprintf(oid, sizeof oid, "%ld", owner);
    const char *p[] = {oid};
    PGresult *res;
    if (db_exec(c->db, &res,
                "SELECT cat.id, f.code, coalesce(w.weight, 1) FROM catalogue_categories cat "
                "JOIN catalogue_functions f ON f.id = cat.function_id "
                "LEFT JOIN category_weights w ON w.category_id = cat.id AND w.owner_org_id = $1 "
                "ORDER BY cat.id",
                1, p) != DB_OK)
        return -1;
    s->n = PQntuples(res) < MAX_CATEGORIES ? PQntuples(res) : MAX_CATEGORIES;
    for (int i = 0; i < s->n; i++) {
        s->category_id[i] = db_long(res, i, 0);
        s->function[i] = function_of(db_text(res, i, 1));
        s->weight[i] = strtod(db_text(res, i, 2), NULL);
    }
    PQclear(res);
    return 0;
}

static int shape_index(const struct rollup_shape *s, long category_id)
{
    for (int i = 0; i < s->n; i++)
        if (s->category_id[i] == category_id)
            return i;
    return -1;
}

/* Scores of one assessment from its aggregated rows [from, to): columns category id,
 * sum of levels, count, sum of targets, count of targets, sum of positive gaps. */
struct rolled {
    double function[ASSESSMENT_FUNCTIONS], overall;
    double target_function[ASSESSMENT_FUNCTIONS], target_overall;
    double gap;
};

static void roll(const struct rollup_shape *s, PGresult *res, int from, int to, int col,
                 struct rolled *r)
{
    double sum[MAX_CATEGORIES] = {0}, tsum[MAX_CATEGORIES] = {0}, category[MAX_CATEGORIES];
    int count[MAX_CATEGORIES] = {0}, tcount[MAX_CATEGORIES] = {0};
    r->gap = 0;
    for (int i = from; i < to; i++) {
        int k = shape_index(s, db_long(res, i, col));
        if (k < 0)
            continue;
        sum[k] += strtod(db_text(res, i, col + 1), NULL);
        count[k] += (int)db_long(res, i, col + 2);
        tsum[k] += strtod(db_text(res, i, col + 3), NULL);
        tcount[k] += (int)db_long(res, i, col + 4);
        r->gap += strtod(db_text(res, i, col + 5), NULL) * s->weight[k];
    }
    struct score_model m = {(size_t)s->n, s->function, s->weight, ASSESSMENT_FUNCTIONS};
    scoring_rollup(&m, sum, count, category, r->function, &r->overall);
    scoring_rollup(&m, tsum, tcount, category, r->target_function, &r->target_overall);
}

/* Per assessment and category, the sums roll() takes: kept by the database in
 * assessment_category_totals (schema/012), one row per category. */
#define AGGREGATE_COLUMNS                                                                          \
    "ct.category_id, ct.level_sum, ct.level_count, ct.target_sum, ct.target_count, "               \
    "ct.gap_sum "
#define AGGREGATE_JOINS "JOIN assessment_category_totals ct ON ct.assessment_id = a.id "
/* The same for rows that may have no assessment a (a.id NULL): they keep one row. */
#define AGGREGATE_LEFT_JOINS "LEFT JOIN assessment_category_totals ct ON ct.assessment_id = a.id "

static const char *heat_class(double score)
{
    static const char *const classes[] = {"h0", "h1", "h2", "h3", "h4", "h5"};
    if (score < 0)
        return "hnone";
    int k = (int)score;
    return classes[k > 5 ? 5 : k];
}

/* One organisation's row of a score table (the heatmap, a campaign report). */
struct heat_row {
    long org_id, assessment_id;
    char name[UTF8_BUF(200)], kind[32], status[16], submitted[32];
    struct rolled r;
};

/* A score-table query returns, ordered by organisation, these leading columns and then
 * AGGREGATE_COLUMNS grouped by category: organisation id, name, relation kind, assessment
 * id (0 for none), its status and submission date (or ""). */
#define HEAT_LEAD 6

/* Rolls the rows of a score-table query up into one heat row per organisation with the
 * weights of shape. Returns how many (*out is malloc'd), or -1. */
static int heat_rows_collect(const struct rollup_shape *shape, PGresult *res, struct heat_row **out)
{
    int n_rows = PQntuples(res), n = 0;
    struct heat_row *rows = calloc((size_t)n_rows + 1, sizeof *rows);
    if (!rows)
        return -1;
    for (int i = 0; i < n_rows;) {
        int j = i;
        while (j < n_rows && db_long(res, j, 0) == db_long(res, i, 0))
            j++;
        struct heat_row *row = &rows[n++];
        row->org_id = db_long(res, i, 0);
        utf8_copy(row->name, sizeof row->name, db_text(res, i, 1));
        snprintf(row->kind, sizeof row->kind, "%s", db_text(res, i, 2));
        row->assessment_id = db_long(res, i, 3);
        snprintf(row->status, sizeof row->status, "%s", db_text(res, i, 4));
        snprintf(row->submitted, sizeof row->submitted, "%s", db_text(res, i, 5));
        roll(shape, res, i, j, HEAT_LEAD, &row->r);
        i = j;
    }
    *out = rows;
    return n;
}

static int heat_order_name(const void *a, const void *b)
{
    const struct heat_row *x = a, *y = b;
    int d = strcmp(x->name, y->name);
    return d ? d : (x->org_id > y->org_id) - (x->org_id < y->org_id);
}

static int heat_order_score(const void *a, const void *b)
{
    const struct heat_row *x = a, *y = b;
    return x->r.overall < y->r.overall ? -1 : x->r.overall > y->r.overall;
}

static int heat_order_gap(const void *a, const void *b)
{
    const struct heat_row *x = a, *y = b;
    return x->r.gap < y->r.gap ? 1 : x->r.gap > y->r.gap ? -1 : 0;
}

/* The rows under base.N: OrgId, AssessmentId, Org, Kind, Status, Submitted, Cells.F.Score
 * and .Class per function, Overall, OverallClass, Gap. */
static void heat_to_hdf(HDF *hdf, const char *base, const struct heat_row *rows, int n)
{
    for (int i = 0; i < n; i++) {
        char key[64], score[16];
        HDF *row;
        snprintf(key, sizeof key, "%s.%d", base, i);
        if (hdf_get_node(hdf, key, &row) != STATUS_OK)
            continue;
        view_set_int(row, "OrgId", rows[i].org_id);
        view_set_int(row, "AssessmentId", rows[i].assessment_id);
        view_set(row, "Org", rows[i].name);
        view_set(row, "Kind", rows[i].kind);
        view_set(row, "Status", rows[i].status);
        view_set(row, "Submitted", rows[i].submitted);
        for (int f = 0; f < ASSESSMENT_FUNCTIONS; f++) {
            scoring_format_score(rows[i].r.function[f], score, sizeof score);
            snprintf(key, sizeof key, "Cells.%d.Score", f);
            view_set(row, key, score);
            snprintf(key, sizeof key, "Cells.%d.Class", f);
            view_set(row, key, heat_class(rows[i].r.function[f]));
        }
        scoring_format_score(rows[i].r.overall, score, sizeof score);
        view_set(row, "Overall", score);
        view_set(row, "OverallClass", heat_class(rows[i].r.overall));
        view_setf(row, "Gap", "%.1f", rows[i].r.gap);
    }
}

static int dashboard_lists(struct ctx *c, const char *owner)
{
    const char *p[] = {owner};
    PGresult *res;
    if (db_exec(c->db, &res,
                "SELECT a.id, o.name, cp.title, to_char(cp.due_date, 'YYYY-MM-DD'), a.status "
                "FROM assessments a JOIN campaigns cp ON cp.id = a.campaign_id "
                "JOIN organisations o ON o.id = a.org_id "
                "WHERE cp.owner_org_id = $1 AND ((a.status IN ('draft', 'returned') "
                "  AND cp.due_date < current_date) OR a.status IN ('returned', 'submitted')) "
                "ORDER BY a.status, cp.due_date LIMIT 500",
                1, p) != DB_OK)
        return -1;
    for (int i = 0; i < PQntuples(res); i++) {
        static const char *const names[] = {"Id", "Org", "Campaign", "DueDate", "Status"};
        const char *list = strcmp(db_text(res, i, 4), "submitted") == 0  ? "ToReview"
                           : strcmp(db_text(res, i, 4), "returned") == 0 ? "Returned"
                                                                         : "Overdue";
        for (int k = 0; k < 5; k++) {
            char key[64];
            snprintf(key, sizeof key, "Lists.%s.%d.%s", list, i, names[k]);
            view_set(c->req->hdf, key, db_text(res, i, k));
        }
    }
    PQclear(res);
    return 0;
}

/* GET /dashboard - the heatmap of the user's first overseeing organisation. */
int handle_dashboard(struct ctx *c)
{
    const struct membership *org = session_first_org(c->sess, ROLES_OVERSEERS);
    if (!org)
        return 403;
    c->org_id = org->org_id;
    static const char *const kinds[] = {"group_company", "supplier", NULL};
    static const char *const sorts[] = {"name", "score", "gap", NULL};
    static const struct field fields[] = {
        {"kind", FIELD_CHOICE, 0, 0, 0, kinds},
        {"campaign", FIELD_INT, 0, 1, 2000000000L, NULL},
        {"sort", FIELD_CHOICE, 0, 0, 0, sorts},
        {"page", FIELD_INT, 0, 1, 100000, NULL},
    };
    if (portal_form_check(c, fields, 4))
        return 400;
    const char *page_param = req_param(c->req, "page");
    int page = page_param && *page_param ? atoi(page_param) : 1;
    const char *kind = req_param(c->req, "kind");
    const char *campaign = req_param(c->req, "campaign");
    const char *sort = req_param(c->req, "sort");
    char owner[24];
    snprintf(owner, sizeof owner, "%ld", org->org_id);
    view_set(c->req->hdf, "Heatmap.Owner", org->org_name);

    struct rollup_shape shape;
    if (shape_load(c, org->org_id, &shape) != 0)
        return 500;
    const char *p[] = {owner, campaign && *campaign ? campaign : "0", kind ? kind : ""};
    PGresult *res;
    /* each child's latest submitted or accepted assessment in the parent's campaigns */
    if (db_exec(c->db, &res,
                "WITH kids AS (SELECT r.child_id, r.kind FROM org_relations r "
                "   WHERE r.parent_id = $1 AND ($3 = '' OR r.kind = $3)), "
                "latest AS (SELECT DISTINCT ON (a.org_id) a.id, a.org_id, a.status, "
                "     a.submitted_at "
                "   FROM assessments a JOIN campaigns cp ON cp.id = a.campaign_id "
                "   WHERE cp.owner_org_id = $1 AND ($2::bigint = 0 OR cp.id = $2::bigint) "
                "     AND a.status IN ('submitted', 'accepted') "
                "   ORDER BY a.org_id, cp.cycle DESC, a.id DESC) "
                "SELECT k.child_id, o.name, k.kind, coalesce(a.id, 0), coalesce(a.status, ''), "
                "  coalesce(to_char(a.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), "
                "''), " AGGREGATE_COLUMNS "FROM kids k JOIN organisations o ON o.id = k.child_id "
                "LEFT JOIN latest a ON a.org_id = k.child_id " AGGREGATE_LEFT_JOINS
                "ORDER BY k.child_id",
                3, p) != DB_OK)
        return 500;
    struct heat_row *rows;
    int n = heat_rows_collect(&shape, res, &rows);
    PQclear(res);
    if (n < 0)
        return 500;
    /* sorted here rather than by the database: names compare faster in C than in a
     * collation, and score and gap exist only here */
    qsort(rows, (size_t)n, sizeof *rows,
          sort && strcmp(sort, "score") == 0 ? heat_order_score
          : sort && strcmp(sort, "gap") == 0 ? heat_order_gap
                                             : heat_order_name);
    /* a page of rows: a thousand organisations make a page nobody reads at once */
    int pages = n ? (n + HEAT_PAGE - 1) / HEAT_PAGE : 1;
    if (page > pages)
        page = pages;
    int first = (page - 1) * HEAT_PAGE;
    int count = n - first < HEAT_PAGE ? n - first : HEAT_PAGE;
    heat_to_hdf(c->req->hdf, "Heatmap.Rows", rows + first, count > 0 ? count : 0);
    view_set_int(c->req->hdf, "Heatmap.Page", page);
    view_set_int(c->req->hdf, "Heatmap.Pages", pages);
    view_set_int(c->req->hdf, "Heatmap.Total", n);
    view_set_int(c->req->hdf, "Heatmap.First", n ? first + 1 : 0);
    view_set_int(c->req->hdf, "Heatmap.Last", first + (count > 0 ? count : 0));
    free(rows);
    for (int f = 0; f < ASSESSMENT_FUNCTIONS; f++) {
        char key[48];
        snprintf(key, sizeof key, "Heatmap.Functions.%d", f);
        view_set(c->req->hdf, key, assessment_function_codes[f]);
    }
    const char *q[] = {owner};
    if (db_exec(c->db, &res,
                "SELECT id, title || ' (cycle ' || cycle || ')' FROM campaigns "
                "WHERE owner_org_id = $1 ORDER BY created_at DESC",
                1, q) != DB_OK)
        return 500;
    for (int i = 0; i < PQntuples(res); i++) {
        char key[48];
        snprintf(key, sizeof key, "Choices.Campaigns.%d.Id", i);
        view_set(c->req->hdf, key, db_text(res, i, 0));
        snprintf(key, sizeof key, "Choices.Campaigns.%d.Title", i);
        view_set(c->req->hdf, key, db_text(res, i, 1));
    }
    PQclear(res);
    if (dashboard_lists(c, owner) != 0)
        return 500;
    portal_page(c, "dashboard/heatmap.cs", "dashboard");
    return 200;
}

/* The totals of a score table under base: per function and overall the mean over the
 * rows that have a score (Cells.F.Score/Class, Overall, OverallClass), how many rows have
 * one (Scored), and how many rows are in each status (Counts.<status>). */
static void heat_totals_to_hdf(HDF *hdf, const char *base, const struct heat_row *rows, int n)
{
    char key[96], score[16];
    double sum[ASSESSMENT_FUNCTIONS + 1] = {0};
    int count[ASSESSMENT_FUNCTIONS + 1] = {0};
    static const char *const states[] = {"draft", "submitted", "returned", "accepted"};
    int by_status[4] = {0};
    for (int i = 0; i < n; i++) {
        for (int f = 0; f <= ASSESSMENT_FUNCTIONS; f++) {
            double v = f < ASSESSMENT_FUNCTIONS ? rows[i].r.function[f] : rows[i].r.overall;
            if (v >= 0)
                sum[f] += v, count[f]++;
        }
        for (int k = 0; k < 4; k++)
            by_status[k] += strcmp(rows[i].status, states[k]) == 0;
    }
    for (int f = 0; f <= ASSESSMENT_FUNCTIONS; f++) {
        double mean = count[f] ? sum[f] / count[f] : -1;
        scoring_format_score(mean, score, sizeof score);
        if (f < ASSESSMENT_FUNCTIONS) {
            snprintf(key, sizeof key, "%s.Cells.%d.Score", base, f);
            view_set(hdf, key, score);
            snprintf(key, sizeof key, "%s.Cells.%d.Class", base, f);
            view_set(hdf, key, heat_class(mean));
        } else {
            snprintf(key, sizeof key, "%s.Overall", base);
            view_set(hdf, key, score);
            snprintf(key, sizeof key, "%s.OverallClass", base);
            view_set(hdf, key, heat_class(mean));
        }
    }
    snprintf(key, sizeof key, "%s.Scored", base);
    view_set_int(hdf, key, count[ASSESSMENT_FUNCTIONS]);
    snprintf(key, sizeof key, "%s.Respondents", base);
    view_set_int(hdf, key, n);
    for (int k = 0; k < 4; k++) {
        snprintf(key, sizeof key, "%s.Counts.%s", base, states[k]);
        view_set_int(hdf, key, by_status[k]);
    }
}

/* GET /campaigns/:id/report - one page to print: the campaign, and each respondent's
 * status and scores by function and overall (once submitted), with the totals. */
int handle_campaign_report(struct ctx *c)
{
    char id[24];
    snprintf(id, sizeof id, "%ld", c->id);
    const char *p[] = {id};
    PGresult *res;
    if (db_exec(c->db, &res,
                "SELECT cp.title, to_char(cp.due_date, 'YYYY-MM-DD'), cp.cycle, q.title, "
                "  q.version, cp.owner_org_id, o.name, "
                "  to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "
                "  cp.due_date < current_date "
                "FROM campaigns cp JOIN questionnaires q ON q.id = cp.questionnaire_id "
                "JOIN organisations o ON o.id = cp.owner_org_id "
                "WHERE cp.id = $1 AND cp.id IN (SELECT app.managed_campaigns())",
                1, p) != DB_OK)
        return 500;
    if (PQntuples(res) != 1) {
        PQclear(res);
        return 404;
    }
    static const char *const names[] = {"Title",   "DueDate", "Cycle", "Questionnaire",
                                        "Version", "OwnerId", "Owner", "Generated"};
    for (int k = 0; k < 8; k++) {
        char key[48];
        snprintf(key, sizeof key, "Report.%s", names[k]);
        view_set(c->req->hdf, key, db_text(res, 0, k));
    }
    view_set_int(c->req->hdf, "Report.Id", c->id);
    view_set(c->req->hdf, "Report.PastDue", strcmp(db_text(res, 0, 8), "t") == 0 ? "1" : "");
    long owner = db_long(res, 0, 5);
    PQclear(res);
    c->org_id = owner;
    struct rollup_shape shape;
    if (shape_load(c, owner, &shape) != 0)
        return 500;
    /* every respondent; scores only from submitted or accepted answers, as on the
     * heatmap (a0 is the assessment, a the same once it counts) */
    if (db_exec(c->db, &res,
                "SELECT o.id, o.name, coalesce(r.kind, ''), a0.id, a0.status, "
                "  coalesce(to_char(a0.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), "
                "''), " AGGREGATE_COLUMNS
                "FROM assessments a0 JOIN organisations o ON o.id = a0.org_id "
                "JOIN campaigns cp ON cp.id = a0.campaign_id "
                "LEFT JOIN org_relations r ON r.parent_id = cp.owner_org_id "
                "  AND r.child_id = a0.org_id "
                "LEFT JOIN assessments a ON a.id = a0.id "
                "  AND a0.status IN ('submitted', 'accepted') " AGGREGATE_LEFT_JOINS
                "WHERE a0.campaign_id = $1 "
                "ORDER BY o.name, o.id",
                1, p) != DB_OK)
        return 500;
    struct heat_row *rows;
    int n = heat_rows_collect(&shape, res, &rows);
    PQclear(res);
    if (n < 0)
        return 500;
    heat_to_hdf(c->req->hdf, "Report.Rows", rows, n);
    heat_totals_to_hdf(c->req->hdf, "Report.Totals", rows, n);
    free(rows);
    for (int f = 0; f < ASSESSMENT_FUNCTIONS; f++) {
        char key[48];
        snprintf(key, sizeof key, "Report.Functions.%d", f);
        view_set(c->req->hdf, key, assessment_function_codes[f]);
    }
    portal_page(c, "campaign/report.cs", "campaign_report");
    return 200;
}

/* The charts of one organisation: radar of the latest scored assessment and the
 * progress line across its cycles. */
static int scores_charts(struct ctx *c, const char *org, long *latest)
{
    const char *p[] = {org};
    PGresult *res;
    if (db_exec(
            c->db, &res,
            "SELECT a.id, coalesce(cp.cycle::text, to_char(a.submitted_at, 'YYYY-MM-DD')), "
            "  coalesce(cp.owner_org_id, a.org_id), " AGGREGATE_COLUMNS
            "FROM assessments a LEFT JOIN campaigns cp ON cp.id = a.campaign_id " AGGREGATE_JOINS
            "WHERE a.org_id = $1 AND a.status IN ('submitted', 'accepted') "
            "ORDER BY a.submitted_at, a.id",
            1, p) != DB_OK)
        return -1;
    int n_rows = PQntuples(res), n = 0;
    enum { MAX_CYCLES = 12 };
    struct rolled cycles[MAX_CYCLES];
    char labels[MAX_CYCLES][32];
    struct rollup_shape shape;
    for (int i = 0; i < n_rows;) {
        int j = i;
        while (j < n_rows && db_long(res, j, 0) == db_long(res, i, 0))
            j++;
        if (shape_load(c, db_long(res, i, 2), &shape) != 0) {
            PQclear(res);
            return -1;
        }
        if (n == MAX_CYCLES) {
            memmove(cycles, cycles + 1, sizeof cycles[0] * (MAX_CYCLES - 1));
            memmove(labels, labels + 1, sizeof labels[0] * (MAX_CYCLES - 1));
            n--;
        }
        roll(&shape, res, i, j, 3, &cycles[n]);
        snprintf(labels[n], sizeof labels[n], "%s%s",
                 strchr(db_text(res, i, 1), '-') ? "" : "Cycle ", db_text(res, i, 1));
        *latest = db_long(res, i, 0);
        n++;
        i = j;
    }
    PQclear(res);
    if (n == 0)
        return 0;
    static const char *const axes[] = {"Identify", "Protect", "Detect", "Respond", "Recover"};
    struct chart_series radar_series[2] = {
        {"Current", cycles[n - 1].function, "current"},
        {"Target", cycles[n - 1].target_function, "target"},
    };
    struct chart_radar radar = {
        "Current and target maturity by function", 5, axes, 5.0, 2, radar_series};
    char *svg = chart_radar_svg(&radar);
    view_set(c->req->hdf, "Charts.Radar", svg);
    free(svg);
    double overall[MAX_CYCLES], fn[ASSESSMENT_FUNCTIONS][MAX_CYCLES];
    const char *x_labels[MAX_CYCLES];
    for (int k = 0; k < n; k++) {
        overall[k] = cycles[k].overall;
        x_labels[k] = labels[k];
        for (int f = 0; f < ASSESSMENT_FUNCTIONS; f++)
            fn[f][k] = cycles[k].function[f];
    }
    struct chart_series line_series[1 + ASSESSMENT_FUNCTIONS] = {
        {"Overall", overall, "overall"},
    };
    for (int f = 0; f < ASSESSMENT_FUNCTIONS; f++)
        line_series[1 + f] = (struct chart_series){axes[f], fn[f], assessment_function_codes[f]};
    struct chart_line line = {"Progress across cycles", (size_t)n,  x_labels, 0, 5,
                              1 + ASSESSMENT_FUNCTIONS, line_series};
    svg = chart_line_svg(&line);
    view_set(c->req->hdf, "Charts.Progress", svg);
    free(svg);
    for (int k = 0; k < n; k++) {
        char key[48], score[16];
        snprintf(key, sizeof key, "Cycles.%d.Label", k);
        view_set(c->req->hdf, key, labels[k]);
        scoring_format_score(cycles[k].overall, score, sizeof score);
        snprintf(key, sizeof key, "Cycles.%d.Overall", k);
        view_set(c->req->hdf, key, score);
        for (int f = 0; f < ASSESSMENT_FUNCTIONS; f++) {
            scoring_format_score(cycles[k].function[f], score, sizeof score);
            snprintf(key, sizeof key, "Cycles.%d.%s", k, assessment_function_codes[f]);
            view_set(c->req->hdf, key, score);
            scoring_format_score(cycles[k].target_function[f], score, sizeof score);
            snprintf(key, sizeof key, "Cycles.%d.Target%s", k, assessment_function_codes[f]);
            view_set(c->req->hdf, key, score);
        }
    }
    return n;
}

/* What changed since the previous cycle: the items of the latest assessment whose level
 * differs from the previous one's for the same sub-category. The previous one is the
 * organisation's assessment in the nearest earlier cycle of the same campaign chain
 * (previous_id), or else its latest earlier submitted or accepted assessment that shares
 * a sub-category with the latest. Items not applicable or without a level on either side
 * are left out. Fills Changes.Previous.* and Changes.Items.N.* */
static int scores_changes(struct ctx *c, const char *org, long latest)
{
    char lid[24];
    snprintf(lid, sizeof lid, "%ld", latest);
    const char *p[] = {org, lid};
    PGresult *res;
    if (db_exec(
            c->db, &res,
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
        return -1;
    if (PQntuples(res) == 0) {
        PQclear(res);
        return 0;
    }
    char pid[24];
    snprintf(pid, sizeof pid, "%s", db_text(res, 0, 0));
    view_set(c->req->hdf, "Changes.Previous.Id", pid);
    view_set(c->req->hdf, "Changes.Previous.Label", db_text(res, 0, 1));
    view_set(c->req->hdf, "Changes.Previous.Submitted", db_text(res, 0, 2));
    PQclear(res);
    const char *q[] = {lid, pid};
    if (db_exec(c->db, &res,
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
        return -1;
    int up = 0, down = 0;
    for (int i = 0; i < PQntuples(res); i++) {
        char key[48];
        HDF *row;
        snprintf(key, sizeof key, "Changes.Items.%d", i);
        if (hdf_get_node(c->req->hdf, key, &row) != STATUS_OK)
            continue;
        long delta = db_long(res, i, 4);
        view_set(row, "Code", db_text(res, i, 0));
        view_set(row, "Text", db_text(res, i, 1));
        view_set(row, "From", db_text(res, i, 2));
        view_set(row, "To", db_text(res, i, 3));
        view_setf(row, "Delta", "%+ld", delta);
        view_set(row, "Direction", delta > 0 ? "up" : "down");
        up += delta > 0;
        down += delta < 0;
    }
    PQclear(res);
    view_set_int(c->req->hdf, "Changes.Improved", up);
    view_set_int(c->req->hdf, "Changes.Slipped", down);
    return 0;
}

/* The prioritised gaps of the latest assessment (gap x category weight). */
static int scores_gaps(struct ctx *c, long latest)
{
    struct assessment a;
    int status = assessment_load(c, latest, &a);
    if (status == 200)
        status = assessment_score(&a);
    if (status != 200) {
        assessment_free(&a);
        return status == 404 ? 0 : -1;
    }
    struct score_item *items = calloc((size_t)a.n_items + 1, sizeof *items);
    struct score_gap *gaps = calloc((size_t)a.n_items + 1, sizeof *gaps);
    double weights[64];
    int functions[64];
    for (int k = 0; k < a.n_categories; k++)
        weights[k] = 1.0, functions[k] = 0;
    size_t n = 0;
    if (items && gaps) {
        for (int i = 0; i < a.n_items; i++) {
            const char *code = db_text(a.items, i, IC_CATEGORY_CODE);
            int k;
            for (k = 0; k < a.n_categories && strcmp(a.category_codes[k], code) != 0; k++)
                ;
            const char *level = db_text(a.items, i, IC_LEVEL);
            const char *target = db_text(a.items, i, IC_TARGET);
            items[i] = (struct score_item){k < a.n_categories ? k : -1, *level ? atoi(level) : -1,
                                           strcmp(db_text(a.items, i, IC_NA), "t") == 0,
                                           *target ? atoi(target) : -1};
        }
        struct score_model m = {(size_t)a.n_categories, functions, weights, ASSESSMENT_FUNCTIONS};
        n = scoring_gaps(&m, items, (size_t)a.n_items, gaps);
    }
    for (size_t g = 0; g < n && g < 50; g++) {
        int i = (int)gaps[g].item;
        char key[48];
        snprintf(key, sizeof key, "Gaps.%d", (int)g);
        HDF *row;
        if (hdf_get_node(c->req->hdf, key, &row) != STATUS_OK)
            continue;
        view_set(row, "ItemId", db_text(a.items, i, IC_ID));
        view_set(row, "Code", db_text(a.items, i, IC_CODE));
        view_set(row, "Text", db_text(a.items, i, IC_TEXT));
        view_set(row, "Level", db_text(a.items, i, IC_LEVEL));
        view_set(row, "Target", db_text(a.items, i, IC_TARGET));
        view_set_int(row, "Gap", gaps[g].gap);
        view_setf(row, "Priority", "%.1f", gaps[g].priority);
    }
    view_set_int(c->req->hdf, "Scores.AssessmentId", a.id);
    free(items);
    free(gaps);
    assessment_free(&a);
    return 0;
}

static int scores_actions(struct ctx *c, const char *org)
{
    const char *p[] = {org};
    PGresult *res;
    if (db_exec(c->db, &res,
                "SELECT p.id, p.title, p.owner_name, to_char(p.due_date, 'YYYY-MM-DD'), p.status, "
                "  coalesce(s.code, '') FROM planned_actions p "
                "LEFT JOIN catalogue_subcategories s ON s.id = p.subcategory_id "
                "WHERE p.org_id = $1 AND (p.incident_id IS NULL "
                /* improvements from an incident's lessons stay with those who see the
                 * incident from the inside, not every organisation overseeing it */
                "  OR p.incident_id IN (SELECT app.internal_incidents())) "
                "ORDER BY p.status = 'done', p.due_date",
                1, p) != DB_OK)
        return -1;
    static const char *const names[] = {"Id", "Title", "Owner", "DueDate", "Status", "Code"};
    portal_rows(c, "Actions", res, names, 6);
    PQclear(res);
    return 0;
}

/* GET /organisations/:id/scores */
int handle_org_scores(struct ctx *c)
{
    char org[24];
    snprintf(org, sizeof org, "%ld", c->id);
    const char *p[] = {org};
    PGresult *res;
    /* visible to its members and to those overseeing it (row-level security) */
    if (db_exec(c->db, &res,
                "SELECT name, id IN (SELECT app.member_orgs()) FROM organisations "
                "WHERE id = $1 AND (id IN (SELECT app.member_orgs()) "
                "  OR id IN (SELECT app.overseen_orgs()))",
                1, p) != DB_OK)
        return 500;
    if (PQntuples(res) != 1) {
        PQclear(res);
        return 404;
    }
    view_set(c->req->hdf, "Org.Name", db_text(res, 0, 0));
    view_set_int(c->req->hdf, "Org.Id", c->id);
    int member = strcmp(db_text(res, 0, 1), "t") == 0;
    view_set_int(c->req->hdf, "Org.MayPlan",
                 member && session_org(c->sess, c->id,
                                       ROLE_ASSESSOR | ROLE_ORG_ADMIN | ROLE_COORDINATOR) != NULL);
    PQclear(res);
    c->org_id = c->id;
    long latest = 0;
    if (scores_charts(c, org, &latest) < 0 || (latest && scores_gaps(c, latest) != 0) ||
        (latest && scores_changes(c, org, latest) != 0) || scores_actions(c, org) != 0)
        return 500;
    portal_page(c, "dashboard/org_scores.cs", "org_scores");
    return 200;
}

/* POST /organisations/:id/actions - an improvement the organisation plans. */
int handle_action_create(struct ctx *c)
{
    if (!session_org(c->sess, c->id, ROLE_ASSESSOR | ROLE_ORG_ADMIN | ROLE_COORDINATOR))
        return 404;
    static const struct field fields[] = {
        {"title", FIELD_TEXT, 1, 3, 200, NULL},
        {"owner_name", FIELD_TEXT, 1, 2, 200, NULL},
        {"due_date", FIELD_TEXT, 1, 10, 10, NULL},
        {"item_id", FIELD_INT, 0, 1, 2000000000000L, NULL},
    };
    size_t bad = portal_form_check(c, fields, 4);
    const char *due = req_param(c->req, "due_date");
    char due_dt[32];
    long long t;
    snprintf(due_dt, sizeof due_dt, "%sT00:00", due ? due : "");
    if (due && strlen(due) == 10 && form_parse_datetime(due_dt, &t) != 0) {
        portal_form_error(c, "due_date", "bad_date");
        bad++;
    }
    if (bad) {
        int status = handle_org_scores(c);
        return status == 200 ? 422 : status;
    }
    char org[24], uid[24];
    snprintf(org, sizeof org, "%ld", c->id);
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    const char *item = req_param(c->req, "item_id");
    const char *p[] = {org, req_param(c->req, "title"),  req_param(c->req, "owner_name"),
                       due, item && *item ? item : NULL, uid};
    PGresult *res;
    if (db_exec(c->db, &res,
                "INSERT INTO planned_actions (org_id, title, owner_name, due_date, item_id, "
                "  subcategory_id, created_by) "
                "SELECT $1, $2, $3, $4::date, qi.id, qi.subcategory_id, $6 "
                "FROM (SELECT $5::bigint AS id) want "
                "LEFT JOIN questionnaire_items qi ON qi.id = want.id RETURNING id",
                6, p) != DB_OK)
        return 500;
    long id = db_long(res, 0, 0);
    PQclear(res);
    c->org_id = c->id;
    if (db_audit(c->db, c->sess->user_id, c->id, "plan", "action", id, NULL) != DB_OK)
        return 500;
    char where[64];
    snprintf(where, sizeof where, "/organisations/%ld/scores", c->id);
    resp_redirect(c->resp, where);
    return 303;
}
