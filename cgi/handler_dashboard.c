/* handler_dashboard.c - what the parent sees across its organisations: the heatmap of
 * child organisations x the five functions (filter by relation and campaign, sort by score
 * or gap, drill down) with the overdue and returned lists, and the printable report of one
 * campaign (each respondent's status and scores, and the totals; rolled up by the same
 * code as the heatmap). Each organisation's own scores are in handler_org_scores.c. */
#include "assessment.h"
#include "form.h"
#include "portal.h"
#include "rollup.h"
#include "utf8.h"
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEAT_PAGE 100 /* organisations per heatmap page */

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

/* The columns of a score-table query, one row per organisation. The assessment id is 0 for
 * none, its status and submission date "", its totals NULL. */
enum heat_column {
    HC_ORG_ID,
    HC_ORG,
    HC_KIND,
    HC_ASSESSMENT_ID,
    HC_STATUS,
    HC_SUBMITTED,
    HC_TOTALS,  /* ROLLUP_TOTALS_COLUMN */
    HC_CHILDREN /* the heatmap's page by name only: how many children in all */
};

/* Rolls each row of a score-table query up into a heat row with the weights of shape.
 * Returns how many (*out is malloc'd), or -1. */
static int heat_rows_collect(const struct rollup_shape *shape, PGresult *res, struct heat_row **out)
{
    int n = PQntuples(res);
    struct heat_row *rows = calloc((size_t)n + 1, sizeof *rows);
    if (!rows)
        return -1;
    for (int i = 0; i < n; i++) {
        struct heat_row *row = &rows[i];
        row->org_id = db_long(res, i, HC_ORG_ID);
        utf8_copy(row->name, sizeof row->name, db_text(res, i, HC_ORG));
        snprintf(row->kind, sizeof row->kind, "%s", db_text(res, i, HC_KIND));
        row->assessment_id = db_long(res, i, HC_ASSESSMENT_ID);
        snprintf(row->status, sizeof row->status, "%s", db_text(res, i, HC_STATUS));
        snprintf(row->submitted, sizeof row->submitted, "%s", db_text(res, i, HC_SUBMITTED));
        rollup_roll(shape, db_text(res, i, HC_TOTALS), &row->r);
    }
    *out = rows;
    return n;
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
static void heat_to_hdf(const struct ctx *c, HDF *hdf, const char *base,
                        const struct heat_row *rows, int n)
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
            portal_score(c, rows[i].r.function[f], score, sizeof score);
            snprintf(key, sizeof key, "Cells.%d.Score", f);
            view_set(row, key, score);
            snprintf(key, sizeof key, "Cells.%d.Class", f);
            view_set(row, key, heat_class(rows[i].r.function[f]));
        }
        portal_score(c, rows[i].r.overall, score, sizeof score);
        view_set(row, "Overall", score);
        view_set(row, "OverallClass", heat_class(rows[i].r.overall));
        char gap[32];
        view_set(row, "Gap", portal_number(c, rows[i].r.gap, 1, gap, sizeof gap));
    }
}

/* The five functions' codes under base.N, for a score table's head. */
static void functions_to_hdf(HDF *hdf, const char *base)
{
    for (int f = 0; f < ASSESSMENT_FUNCTIONS; f++) {
        char key[48];
        snprintf(key, sizeof key, "%s.%d", base, f);
        view_set(hdf, key, assessment_function_codes[f]);
    }
}

/* ---- GET /dashboard ---- */

/* Columns of the campaign choices' statement, named for the page as campaign_choice_names. */
enum campaign_choice_column { CCC_ID, CCC_TITLE, CCC_COUNT };
static const char *const campaign_choice_names[CCC_COUNT] = {
    [CCC_ID] = "Id", [CCC_TITLE] = "Title"};

/* Columns of the overdue, returned and to-review lists' statement. */
enum dashboard_list_column { DLC_ID, DLC_ORG, DLC_CAMPAIGN, DLC_DUE_DATE, DLC_STATUS };

/* What the heatmap page shows of the parent. */
struct dashboard {
    struct heat_row *rows; /* the page's children, or every child (see dashboard_arrange) */
    int n;
    int children;                  /* how many in all */
    int page, pages, first, count; /* rows[first, first + count) are shown */
    PGresult *campaigns;           /* the campaigns to filter by, enum campaign_choice_column */
    PGresult *lists;               /* enum dashboard_list_column */
};

static void dashboard_free(struct dashboard *d)
{
    free(d->rows);
    if (d->campaigns)
        PQclear(d->campaigns);
    if (d->lists)
        PQclear(d->lists);
    d->rows = NULL;
    d->campaigns = d->lists = NULL;
}

#define HEAT_STRING(x) #x
#define HEAT_LIMIT(rows) "LIMIT " HEAT_STRING(rows)
#define HEAT_PAGE_LIMIT HEAT_LIMIT(HEAT_PAGE)

/* The heatmap's children of the parent $1 (kind $3, "" for every relation), each with its
 * latest submitted or accepted assessment in the parent's campaigns ($2, 0 for all). */
#define HEAT_KIDS                                                                                  \
    "WITH kids AS (SELECT r.child_id, r.kind FROM org_relations r "                                \
    "   WHERE r.parent_id = $1 AND ($3 = '' OR r.kind = $3)) "
#define HEAT_CAMPAIGNS                                                                             \
    "cp.owner_org_id = $1 AND ($2::bigint = 0 OR cp.id = $2::bigint) "                             \
    "AND a.status IN ('submitted', 'accepted') "
#define HEAT_ASSESSMENT_COLUMNS                                                                    \
    "coalesce(a.id, 0), coalesce(a.status, ''), "                                                  \
    "coalesce(to_char(a.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), "                          \
    "''), " ROLLUP_TOTALS_COLUMN

/* Every child, rolled up into d->rows, for an order by score or gap. Returns 200 or 500. */
static int dashboard_load_all(struct ctx *c, const struct rollup_shape *shape, const char *const *p,
                              struct dashboard *d)
{
    PGresult *res;
    if (db_exec(c->db, &res,
                HEAT_KIDS ", latest AS (SELECT DISTINCT ON (a.org_id) a.id, a.org_id, a.status, "
                          "     a.submitted_at "
                          "   FROM assessments a JOIN campaigns cp ON cp.id = a.campaign_id "
                          "   WHERE " HEAT_CAMPAIGNS
                          " ORDER BY a.org_id, cp.cycle DESC, a.id DESC) "
                          "SELECT k.child_id, o.name, k.kind, " HEAT_ASSESSMENT_COLUMNS
                          "FROM kids k JOIN organisations o ON o.id = k.child_id "
                          "LEFT JOIN latest a ON a.org_id = k.child_id " ROLLUP_TOTALS_LEFT_JOIN,
                3, p) != DB_OK)
        return 500;
    d->n = heat_rows_collect(shape, res, &d->rows);
    d->children = d->n;
    PQclear(res);
    return d->n < 0 ? 500 : 200;
}

/* One page (from 1) of the children in the order of their names, rolled up into d->rows:
 * only the page's children are looked up and rolled up, so the page costs little more
 * at 10 000 children than at 100. Names compare by their bytes (COLLATE "C"), as the
 * order by score or gap breaks no ties. Returns 200 or 500. */
static int dashboard_load_page(struct ctx *c, const struct rollup_shape *shape,
                               const char *const *p, int page, struct dashboard *d)
{
    char offset[24];
    snprintf(offset, sizeof offset, "%d", (page - 1) * HEAT_PAGE);
    const char *q[] = {p[0], p[1], p[2], offset};
    PGresult *res;
    if (db_exec(c->db, &res,
                HEAT_KIDS
                ", named AS (SELECT k.child_id, o.name, k.kind, count(*) OVER () AS n "
                "   FROM kids k JOIN organisations o ON o.id = k.child_id "
                "   ORDER BY o.name COLLATE \"C\", k.child_id " HEAT_PAGE_LIMIT " OFFSET $4::int) "
                "SELECT k.child_id, k.name, k.kind, " HEAT_ASSESSMENT_COLUMNS ", k.n FROM named k "
                "LEFT JOIN LATERAL (SELECT a.id, a.status, a.submitted_at "
                "   FROM assessments a JOIN campaigns cp ON cp.id = a.campaign_id "
                "   WHERE a.org_id = k.child_id AND " HEAT_CAMPAIGNS
                "   ORDER BY cp.cycle DESC, a.id DESC LIMIT 1) a ON true " ROLLUP_TOTALS_LEFT_JOIN
                "ORDER BY k.name COLLATE \"C\", k.child_id",
                4, q) != DB_OK)
        return 500;
    d->children = PQntuples(res) ? (int)db_long(res, 0, HC_CHILDREN) : 0;
    d->n = heat_rows_collect(shape, res, &d->rows);
    PQclear(res);
    return d->n < 0 ? 500 : 200;
}

/* The heatmap's rows of the parent owner for the filters (campaign "0" for all, kind ""
 * for every relation): by name, the page asked for (the last one when it asks for more);
 * by score or gap, every child, which dashboard_arrange orders and pages. Returns 200 or
 * 500. */
static int dashboard_load_rows(struct ctx *c, long owner, const char *campaign, const char *kind,
                               int by_name, int page, struct dashboard *d)
{
    struct rollup_shape shape;
    if (rollup_shape_load(c, owner, &shape) != 0)
        return 500;
    char oid[24];
    snprintf(oid, sizeof oid, "%ld", owner);
    const char *p[] = {oid, campaign, kind};
    if (!by_name)
        return dashboard_load_all(c, &shape, p, d);
    int status = dashboard_load_page(c, &shape, p, page, d);
    if (status == 200 && d->n == 0 && page > 1) { /* past the end: how many, then the last */
        free(d->rows);
        d->rows = NULL;
        status = dashboard_load_page(c, &shape, p, 1, d);
        int last = d->children ? (d->children + HEAT_PAGE - 1) / HEAT_PAGE : 1;
        if (status == 200 && last > 1) {
            free(d->rows);
            d->rows = NULL;
            status = dashboard_load_page(c, &shape, p, last, d);
            page = last;
        } else
            page = 1;
    }
    d->page = page;
    return status;
}

/* Loads the heatmap's rows (see dashboard_load_rows), the campaigns to filter by, and the
 * lists. Returns 200 or 500; dashboard_free releases what it loaded. */
static int dashboard_load(struct ctx *c, long owner, const char *campaign, const char *kind,
                          int by_name, int page, struct dashboard *d)
{
    memset(d, 0, sizeof *d);
    int status = dashboard_load_rows(c, owner, campaign, kind, by_name, page, d);
    if (status != 200)
        return status;
    char oid[24];
    snprintf(oid, sizeof oid, "%ld", owner);
    const char *q[] = {oid};
    if (db_exec(c->db, &d->campaigns,
                "SELECT id, title || ' (cycle ' || cycle || ')' FROM campaigns "
                "WHERE owner_org_id = $1 ORDER BY created_at DESC",
                1, q) != DB_OK)
        return 500;
    if (db_exec(c->db, &d->lists,
                "SELECT a.id, o.name, cp.title, to_char(cp.due_date, 'YYYY-MM-DD'), a.status "
                "FROM assessments a JOIN campaigns cp ON cp.id = a.campaign_id "
                "JOIN organisations o ON o.id = a.org_id "
                "WHERE cp.owner_org_id = $1 AND ((a.status IN ('draft', 'returned') "
                "  AND cp.due_date < current_date) OR a.status IN ('returned', 'submitted')) "
                "ORDER BY a.status, cp.due_date LIMIT 500",
                1, q) != DB_OK)
        return 500;
    return 200;
}

/* Pages the rows: by name they are the page already (dashboard_load_page); by score or
 * gap they are every child, ordered here (score and gap exist only here) and cut to
 * page (from 1). */
static void dashboard_arrange(struct dashboard *d, int by_name, const char *sort, int page)
{
    d->pages = d->children ? (d->children + HEAT_PAGE - 1) / HEAT_PAGE : 1;
    if (by_name) {
        d->first = 0;
        d->count = d->n;
        return;
    }
    qsort(d->rows, (size_t)d->n, sizeof *d->rows,
          strcmp(sort, "score") == 0 ? heat_order_score : heat_order_gap);
    d->page = page > d->pages ? d->pages : page;
    d->first = (d->page - 1) * HEAT_PAGE;
    int count = d->n - d->first < HEAT_PAGE ? d->n - d->first : HEAT_PAGE;
    d->count = count > 0 ? count : 0;
}

/* The lists: to review (submitted), returned, and overdue, as Lists.<list>.N.*. */
static void dashboard_lists_to_hdf(struct ctx *c, PGresult *res)
{
    static const struct {
        const char *name;
        enum dashboard_list_column col;
    } cols[] = {{"Id", DLC_ID},
                {"Org", DLC_ORG},
                {"Campaign", DLC_CAMPAIGN},
                {"DueDate", DLC_DUE_DATE},
                {"Status", DLC_STATUS}};
    for (int i = 0; i < PQntuples(res); i++) {
        const char *status = db_text(res, i, DLC_STATUS);
        const char *list = strcmp(status, "submitted") == 0  ? "ToReview"
                           : strcmp(status, "returned") == 0 ? "Returned"
                                                             : "Overdue";
        for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++) {
            char key[64];
            snprintf(key, sizeof key, "Lists.%s.%d.%s", list, i, cols[k].name);
            view_set(c->req->hdf, key, db_text(res, i, (int)cols[k].col));
        }
    }
}

static void dashboard_to_hdf(struct ctx *c, const struct membership *org, const struct dashboard *d)
{
    HDF *hdf = c->req->hdf;
    view_set(hdf, "Heatmap.Owner", org->org_name);
    heat_to_hdf(c, hdf, "Heatmap.Rows", d->rows + d->first, d->count);
    view_set_int(hdf, "Heatmap.Page", d->page);
    view_set_int(hdf, "Heatmap.Pages", d->pages);
    int shown_from = (d->page - 1) * HEAT_PAGE; /* children before this page */
    view_set_int(hdf, "Heatmap.Total", d->children);
    view_set_int(hdf, "Heatmap.First", d->count ? shown_from + 1 : 0);
    view_set_int(hdf, "Heatmap.Last", shown_from + d->count);
    functions_to_hdf(hdf, "Heatmap.Functions");
    portal_rows(c, "Choices.Campaigns", d->campaigns, campaign_choice_names, CCC_COUNT);
    dashboard_lists_to_hdf(c, d->lists);
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
    const char *kind = req_param(c->req, "kind");
    const char *campaign = req_param(c->req, "campaign");
    const char *sort = req_param(c->req, "sort");
    int by_name = !sort || !*sort || strcmp(sort, "name") == 0;
    int page = page_param && *page_param ? atoi(page_param) : 1;
    struct dashboard d;
    int status = dashboard_load(c, org->org_id, campaign && *campaign ? campaign : "0",
                                kind ? kind : "", by_name, page, &d);
    if (status == 200) {
        dashboard_arrange(&d, by_name, sort, page);
        dashboard_to_hdf(c, org, &d);
    }
    dashboard_free(&d);
    if (status != 200)
        return status;
    portal_page(c, "dashboard/heatmap.cs", "dashboard");
    return 200;
}

/* ---- GET /campaigns/:id/report ---- */

/* The totals of a score table under base: per function and overall the mean over the
 * rows that have a score (Cells.F.Score/Class, Overall, OverallClass), how many rows have
 * one (Scored), and how many rows are in each status (Counts.<status>). */
static void heat_totals_to_hdf(const struct ctx *c, HDF *hdf, const char *base,
                               const struct heat_row *rows, int n)
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
        portal_score(c, mean, score, sizeof score);
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

/* Columns of the campaign's own row. */
enum report_column {
    RC_TITLE,
    RC_DUE_DATE,
    RC_CYCLE,
    RC_QUESTIONNAIRE,
    RC_VERSION,
    RC_OWNER_ID,
    RC_OWNER,
    RC_GENERATED,
    RC_PAST_DUE,
};

/* What a campaign's report shows. */
struct campaign_report {
    PGresult *campaign; /* its row, enum report_column */
    long owner;         /* the organisation running it */
    struct heat_row *rows;
    int n;
};

static void campaign_report_free(struct campaign_report *r)
{
    if (r->campaign)
        PQclear(r->campaign);
    free(r->rows);
    r->campaign = NULL;
    r->rows = NULL;
}

/* Every respondent of campaign id; scores only from submitted or accepted answers, as on
 * the heatmap (a0 is the assessment, a the same once it counts). Returns 200 or 500. */
static int campaign_report_load_rows(struct ctx *c, const char *id, struct campaign_report *r)
{
    struct rollup_shape shape;
    if (rollup_shape_load(c, r->owner, &shape) != 0)
        return 500;
    const char *p[] = {id};
    PGresult *res;
    if (db_exec(c->db, &res,
                "SELECT o.id, o.name, coalesce(r.kind, ''), a0.id, a0.status, "
                "  coalesce(to_char(a0.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), "
                "''), " ROLLUP_TOTALS_COLUMN
                "FROM assessments a0 JOIN organisations o ON o.id = a0.org_id "
                "JOIN campaigns cp ON cp.id = a0.campaign_id "
                "LEFT JOIN org_relations r ON r.parent_id = cp.owner_org_id "
                "  AND r.child_id = a0.org_id "
                "LEFT JOIN assessments a ON a.id = a0.id "
                "  AND a0.status IN ('submitted', 'accepted') " ROLLUP_TOTALS_LEFT_JOIN
                "WHERE a0.campaign_id = $1 "
                "ORDER BY o.name, o.id",
                1, p) != DB_OK)
        return 500;
    r->n = heat_rows_collect(&shape, res, &r->rows);
    PQclear(res);
    return r->n < 0 ? 500 : 200;
}

/* Loads campaign c->id's report (404 unless the user manages the campaign). Returns 200,
 * 404 or 500; campaign_report_free releases what it loaded. */
static int campaign_report_load(struct ctx *c, struct campaign_report *r)
{
    memset(r, 0, sizeof *r);
    char id[24];
    snprintf(id, sizeof id, "%ld", c->id);
    const char *p[] = {id};
    if (db_exec(c->db, &r->campaign,
                "SELECT cp.title, to_char(cp.due_date, 'YYYY-MM-DD'), cp.cycle, q.title, "
                "  q.version, cp.owner_org_id, o.name, "
                "  to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "
                "  cp.due_date < current_date "
                "FROM campaigns cp JOIN questionnaires q ON q.id = cp.questionnaire_id "
                "JOIN organisations o ON o.id = cp.owner_org_id "
                "WHERE cp.id = $1 AND cp.id IN (SELECT app.managed_campaigns())",
                1, p) != DB_OK)
        return 500;
    if (PQntuples(r->campaign) != 1)
        return 404;
    r->owner = db_long(r->campaign, 0, RC_OWNER_ID);
    return campaign_report_load_rows(c, id, r);
}

static void campaign_report_to_hdf(struct ctx *c, const struct campaign_report *r)
{
    HDF *hdf = c->req->hdf;
    static const struct {
        const char *name;
        enum report_column col;
    } cols[] = {
        {"Title", RC_TITLE},     {"DueDate", RC_DUE_DATE},
        {"Cycle", RC_CYCLE},     {"Questionnaire", RC_QUESTIONNAIRE},
        {"Version", RC_VERSION}, {"OwnerId", RC_OWNER_ID},
        {"Owner", RC_OWNER},     {"Generated", RC_GENERATED},
    };
    for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++) {
        char key[48];
        snprintf(key, sizeof key, "Report.%s", cols[k].name);
        view_set(hdf, key, db_text(r->campaign, 0, (int)cols[k].col));
    }
    view_set_int(hdf, "Report.Id", c->id);
    view_set(hdf, "Report.PastDue",
             strcmp(db_text(r->campaign, 0, RC_PAST_DUE), "t") == 0 ? "1" : "");
    heat_to_hdf(c, hdf, "Report.Rows", r->rows, r->n);
    heat_totals_to_hdf(c, hdf, "Report.Totals", r->rows, r->n);
    functions_to_hdf(hdf, "Report.Functions");
}

/* GET /campaigns/:id/report - one page to print: the campaign, and each respondent's
 * status and scores by function and overall (once submitted), with the totals. */
int handle_campaign_report(struct ctx *c)
{
    struct campaign_report r;
    int status = campaign_report_load(c, &r);
    if (r.owner)
        c->org_id = r.owner;
    if (status == 200)
        campaign_report_to_hdf(c, &r);
    campaign_report_free(&r);
    if (status != 200)
        return status;
    portal_page(c, "campaign/report.cs", "campaign_report");
    return 200;
}
