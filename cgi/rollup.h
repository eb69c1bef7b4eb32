/* rollup.h - scores rolled up from the per-category sums that the database keeps for
 * every assessment (assessment_totals, schema/027): the latest catalogue
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

/* Per assessment, the sums a roll-up takes: the row of assessment_totals t (schema/027)
 * joined to its assessment a, whose one column holds six numbers per category (category id,
 * level sum, level count, target sum, target count, gap sum). An assessment with no
 * answered category has no row (NULL with the left join). */
#define ROLLUP_TOTALS_COLUMN "t.category_totals "
#define ROLLUP_TOTALS_JOIN "JOIN assessment_totals t ON t.assessment_id = a.id "
#define ROLLUP_TOTALS_LEFT_JOIN "LEFT JOIN assessment_totals t ON t.assessment_id = a.id "

/* One assessment's scores. */
struct rolled {
    double function[ASSESSMENT_FUNCTIONS], overall;
    double target_function[ASSESSMENT_FUNCTIONS], target_overall;
    double gap;
};

/* Rolls up one assessment's ROLLUP_TOTALS_COLUMN (as PostgreSQL writes an int[]: "{1,2,..}",
 * or "" for NULL) with the weights of s. */
void rollup_roll(const struct rollup_shape *s, const char *totals, struct rolled *r);

#endif
