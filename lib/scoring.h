/* scoring.h - assessment scores. Pure. */
#ifndef SCORING_H
#define SCORING_H

#include <stddef.h>

/* The score of a category: the mean of the answered maturity levels (0-5), in tenths
 * (e.g. 27 = 2.7), rounded half up; -1 when nothing is answered. levels[i] < 0 means
 * unanswered. */
int scoring_category_tenths(const int *levels, size_t n);

/* "2.7" (or "-" for -1) into buf. */
void scoring_format(int tenths, char *buf, size_t size);

/* One answered (or unanswered) maturity item of an assessment. */
struct score_item {
    int category;       /* index into the model's categories */
    int level;          /* 0-5, or -1 when unanswered */
    int not_applicable; /* counted nowhere */
    int target;         /* 0-5, or -1 when no target is set */
};

/* The shape scores roll up along: each category belongs to one function and has a
 * weight (the parent's, 1 by default). */
struct score_model {
    size_t n_categories;
    const int *category_function;  /* function index of each category */
    const double *category_weight; /* > 0 */
    size_t n_functions;
};

/* The method, as the pages state it: a category's score is the mean of its answered,
 * applicable levels; a function's is the weighted mean of its categories' scores; the
 * overall score is the mean of the function scores. Missing scores are -1 and are left
 * out of the means above them. category[] and function[] are the caller's arrays of
 * n_categories and n_functions; scores are rounded to one decimal. */
void scoring_compute(const struct score_model *m, const struct score_item *items, size_t n,
                     double *category, double *function, double *overall);

/* The same roll-up from per-category sums and counts of answered, applicable levels
 * (as a database can aggregate them): what scoring_compute does after counting. */
void scoring_rollup(const struct score_model *m, const double *sum, const int *count,
                    double *category, double *function, double *overall);

/* One improvement: an item below its target. */
struct score_gap {
    size_t item;     /* index into items */
    int gap;         /* target - level, > 0 */
    double priority; /* gap x the category's weight */
};

/* The items below target, highest priority first (ties: larger gap, then item order).
 * out has room for n entries. Returns how many were written. */
size_t scoring_gaps(const struct score_model *m, const struct score_item *items, size_t n,
                    struct score_gap *out);

/* "2.7", or "-" for a negative (missing) score. */
void scoring_format_score(double score, char *buf, size_t size);

#endif
