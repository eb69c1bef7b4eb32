/* handler_dashboard.c - what the parent sees across its organisations: the heatmap of
 * child organisations x the five functions (filter by relation and campaign, sort by score
 * or gap, drill down) with the overdue and returned lists. A campaign's printable report
 * is in handler_campaign_report.c, each organisation's own scores in handler_org_scores.c;
 * all three roll up with rollup.c, the first two show rows of heat_table.c. */
#include "assessment.h"
#include "form.h"
#include "heat_table.h"
#include "portal.h"
#include "rollup.h"
#include "utf8.h"
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEAT_PAGE 100 /* organisations per heatmap page */

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
    heat_functions_to_hdf(hdf, "Heatmap.Functions");
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
