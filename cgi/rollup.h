/* rollup.h - scores rolled up from the per-category sums that the database keeps for
 * every assessment (assessment_category_totals, schema/012): the latest catalogue
 * edition's categories with an owner's weights, and from them one assessment's scores by
 * function and overall, current and target, and its weighted gap. Shared by the heatmap
 * and the campaign report (handler_dashboard.c) and an organisation's scores
 * (handler_org_scores.c). */
#ifndef ROLLUP_H
#define ROLLUP_H

#include "assessment.h"
#include "portal.h"

#include <libpq-fe.h>

#define ROLLUP_MAX_CATEGORIES 64

/* The latest edition's categories, their functions and the owner's weights, so that
 * aggregated answers can be rolled up with scoring_rollup. */
struct rollup_shape {
    int n;
    long category_id[ROLLUP_MAX_CATEGORIES];
    int function[ROLLUP_MAX_CATEGORIES];
    double weight[ROLLUP_MAX_CATEGORIES];
};

/* Loads the shape with the weights of owner. Returns 0, or -1 on a database error. */
int rollup_shape_load(struct ctx *c, long owner, struct rollup_shape *s);

/* Per assessment and category, the sums a roll-up takes, as a query selects them from
 * assessment_category_totals ct joined to its assessment a: AGGREGATE_COLUMNS, in the
 * order of enum aggregate_column, counted from the first of them. */
enum aggregate_column {
    AGG_CATEGORY_ID,
    AGG_LEVEL_SUM,
    AGG_LEVEL_COUNT,
    AGG_TARGET_SUM,
    AGG_TARGET_COUNT,
    AGG_GAP_SUM,
    AGG_COLUMNS /* how many */
};
#define AGGREGATE_COLUMNS                                                                          \
    "ct.category_id, ct.level_sum, ct.level_count, ct.target_sum, ct.target_count, "               \
    "ct.gap_sum "
#define AGGREGATE_JOINS "JOIN assessment_category_totals ct ON ct.assessment_id = a.id "
/* The same for rows that may have no assessment a (a.id NULL): they keep one row. */
#define AGGREGATE_LEFT_JOINS "LEFT JOIN assessment_category_totals ct ON ct.assessment_id = a.id "

/* One assessment's scores. */
struct rolled {
    double function[ASSESSMENT_FUNCTIONS], overall;
    double target_function[ASSESSMENT_FUNCTIONS], target_overall;
    double gap;
};

/* Rolls up rows [from, to) of res, one per category of one assessment, whose
 * AGGREGATE_COLUMNS start at column first, with the weights of s. */
void rollup_roll(const struct rollup_shape *s, PGresult *res, int from, int to, int first,
                 struct rolled *r);

#endif
