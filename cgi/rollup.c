/* rollup.c - the catalogue's shape with an owner's weights, and one assessment's scores
 * rolled up from its per-category sums; see rollup.h. */
#include "rollup.h"

#include "scoring.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int function_of(const char *code)
{
    for (int f = 0; f < ASSESSMENT_FUNCTIONS; f++)
        if (strcmp(code, assessment_function_codes[f]) == 0)
            return f;
    return -1;
}

/* Columns of the shape's statement. */
enum shape_column { SC_CATEGORY_ID, SC_FUNCTION_CODE, SC_WEIGHT };

int rollup_shape_load(struct ctx *c, long owner, struct rollup_shape *s)
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
    s->n = PQntuples(res) < ROLLUP_MAX_CATEGORIES ? PQntuples(res) : ROLLUP_MAX_CATEGORIES;
    for (int i = 0; i < s->n; i++) {
        s->category_id[i] = db_long(res, i, SC_CATEGORY_ID);
        s->function[i] = function_of(db_text(res, i, SC_FUNCTION_CODE));
        s->weight[i] = strtod(db_text(res, i, SC_WEIGHT), NULL);
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

/* The six numbers of one category in ROLLUP_TOTALS_COLUMN, in their order. */
enum category_total {
    CT_CATEGORY_ID,
    CT_LEVEL_SUM,
    CT_LEVEL_COUNT,
    CT_TARGET_SUM,
    CT_TARGET_COUNT,
    CT_GAP_SUM,
    CT_NUMBERS /* how many */
};

/* Reads the integer at *p (an optional '-', then digits) and moves *p past it and one
 * following comma. Returns 0 when *p holds no number. strtol's locale handling was a
 * quarter of the heatmap's time at 10 000 children (1.3 million numbers). */
static int next_number(const char **p, long *out)
{
    const char *q = *p;
    int negative = *q == '-';
    q += negative;
    if (*q < '0' || *q > '9')
        return 0;
    long v = 0;
    while (*q >= '0' && *q <= '9' && v < 100000000000L)
        v = v * 10 + (*q++ - '0');
    *out = negative ? -v : v;
    *p = *q == ',' ? q + 1 : q;
    return 1;
}

void rollup_roll(const struct rollup_shape *s, const char *totals, struct rolled *r)
{
    double sum[ROLLUP_MAX_CATEGORIES] = {0}, tsum[ROLLUP_MAX_CATEGORIES] = {0},
           category[ROLLUP_MAX_CATEGORIES];
    int count[ROLLUP_MAX_CATEGORIES] = {0}, tcount[ROLLUP_MAX_CATEGORIES] = {0};
    r->gap = 0;
    const char *p = totals && *totals == '{' ? totals + 1 : "";
    long v[CT_NUMBERS];
    int k = 0; /* both lists are in category order: the next category is usually the next */
    for (;;) {
        int got = 0;
        while (got < CT_NUMBERS && next_number(&p, &v[got]))
            got++;
        if (got < CT_NUMBERS)
            break;
        if (k >= s->n || s->category_id[k] != v[CT_CATEGORY_ID])
            k = shape_index(s, v[CT_CATEGORY_ID]);
        if (k < 0) {
            k = 0;
            continue;
        }
        sum[k] += (double)v[CT_LEVEL_SUM];
        count[k] += (int)v[CT_LEVEL_COUNT];
        tsum[k] += (double)v[CT_TARGET_SUM];
        tcount[k] += (int)v[CT_TARGET_COUNT];
        r->gap += (double)v[CT_GAP_SUM] * s->weight[k];
        k++;
    }
    struct score_model m = {(size_t)s->n, s->function, s->weight, ASSESSMENT_FUNCTIONS};
    scoring_rollup(&m, sum, count, category, r->function, &r->overall);
    scoring_rollup(&m, tsum, tcount, category, r->target_function, &r->target_overall);
}
