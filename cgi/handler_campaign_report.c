/* handler_campaign_report.c - GET /campaigns/:id/report: one page to print for the
 * campaign's owner: the campaign, each respondent's status and scores by function and
 * overall (rolled up by the same code as the heatmap: heat_table.c), and the totals. */
#include "assessment.h"
#include "heat_table.h"
#include "portal.h"
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    heat_functions_to_hdf(hdf, "Report.Functions");
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
