/* heat_table.c - a score table of organisations, rolled up and put on a page; see
 * heat_table.h. */
#include "heat_table.h"

#include "assessment.h"
#include "view.h"

#include <stdio.h>
#include <stdlib.h>

const char *heat_class(double score)
{
    static const char *const classes[] = {"h0", "h1", "h2", "h3", "h4", "h5"};
    if (score < 0)
        return "hnone";
    int k = (int)score;
    return classes[k > 5 ? 5 : k];
}

/* Rolls each row of a score-table query up into a heat row with the weights of shape.
 * Returns how many (*out is malloc'd), or -1. */
int heat_rows_collect(const struct rollup_shape *shape, PGresult *res, struct heat_row **out)
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

/* The rows under base.N: OrgId, AssessmentId, Org, Kind, Status, Submitted, Cells.F.Score
 * and .Class per function, Overall, OverallClass, Gap. */
void heat_to_hdf(const struct ctx *c, HDF *hdf, const char *base, const struct heat_row *rows,
                 int n)
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
void heat_functions_to_hdf(HDF *hdf, const char *base)
{
    for (int f = 0; f < ASSESSMENT_FUNCTIONS; f++) {
        char key[48];
        snprintf(key, sizeof key, "%s.%d", base, f);
        view_set(hdf, key, assessment_function_codes[f]);
    }
}
