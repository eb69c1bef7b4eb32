/* heat_table.h - a score table of organisations: one row per organisation with its
 * assessment's status and its scores by function and overall, rolled up (rollup.h) from
 * the totals of a query with the columns of enum heat_column, and put on a page as cells
 * with a heat class. Shown by the heatmap (handler_dashboard.c) and a campaign's report
 * (handler_campaign_report.c). */
#ifndef HEAT_TABLE_H
#define HEAT_TABLE_H

#include "portal.h"
#include "rollup.h"
#include "utf8.h"

#include <libpq-fe.h>

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
int heat_rows_collect(const struct rollup_shape *shape, PGresult *res, struct heat_row **out);

/* The rows under base.N: OrgId, AssessmentId, Org, Kind, Status, Submitted, Cells.F.Score
 * and .Class per function, Overall, OverallClass, Gap; numbers in the page's language. */
void heat_to_hdf(const struct ctx *c, HDF *hdf, const char *base, const struct heat_row *rows,
                 int n);

/* The five functions' codes under base.N, for a score table's head. */
void heat_functions_to_hdf(HDF *hdf, const char *base);

/* The heat class of a score ("h0".."h5", "hnone" for none). */
const char *heat_class(double score);

#endif
