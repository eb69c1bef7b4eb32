/* scoring.c - the mean-of-answered-items score, kept in integer tenths. */
#include "scoring.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int scoring_category_tenths(const int *levels, size_t n)
{
    long sum = 0, count = 0;
    for (size_t i = 0; i < n; i++) {
        if (levels[i] < 0)
            continue;
        sum += levels[i];
        count++;
    }
    if (count == 0)
        return -1;
    return (int)((sum * 20 + count) / (2 * count)); /* round half up: (10s/c + 1/2) */
}

void scoring_format(int tenths, char *buf, size_t size)
{
    if (tenths < 0)
        snprintf(buf, size, "-");
    else
        snprintf(buf, size, "%d.%d", tenths / 10, tenths % 10);
}

static double round1(double v)
{
    return floor(v * 10.0 + 0.5) / 10.0;
}

void scoring_rollup(const struct score_model *m, const double *sum, const int *count,
                    double *category, double *function, double *overall)
{
    for (size_t c = 0; c < m->n_categories; c++)
        category[c] = count[c] ? round1(sum[c] / count[c]) : -1;
    double total = 0;
    int functions_scored = 0;
    for (size_t f = 0; f < m->n_functions; f++) {
        double weighted = 0, weights = 0;
        for (size_t c = 0; c < m->n_categories; c++) {
            if (m->category_function[c] < 0 || (size_t)m->category_function[c] != f ||
                category[c] < 0)
                continue;
            weighted += category[c] * m->category_weight[c];
            weights += m->category_weight[c];
        }
        function[f] = weights > 0 ? round1(weighted / weights) : -1;
        if (function[f] >= 0) {
            total += function[f];
            functions_scored++;
        }
    }
    *overall = functions_scored ? round1(total / functions_scored) : -1;
}

void scoring_compute(const struct score_model *m, const struct score_item *items, size_t n,
                     double *category, double *function, double *overall)
{
    double *sum = calloc(m->n_categories + 1, sizeof *sum);
    int *count = calloc(m->n_categories + 1, sizeof *count);
    if (!sum || !count) {
        for (size_t c = 0; c < m->n_categories; c++)
            category[c] = -1;
        for (size_t f = 0; f < m->n_functions; f++)
            function[f] = -1;
        *overall = -1;
    } else {
        for (size_t i = 0; i < n; i++) {
            const struct score_item *it = &items[i];
            if (it->not_applicable || it->level < 0 || it->category < 0 ||
                (size_t)it->category >= m->n_categories)
                continue;
            sum[it->category] += it->level;
            count[it->category]++;
        }
        scoring_rollup(m, sum, count, category, function, overall);
    }
    free(sum);
    free(count);
}

static int gap_order(const void *a, const void *b)
{
    const struct score_gap *x = a, *y = b;
    if (x->priority != y->priority)
        return x->priority < y->priority ? 1 : -1;
    if (x->gap != y->gap)
        return y->gap - x->gap;
    return x->item < y->item ? -1 : x->item > y->item;
}

size_t scoring_gaps(const struct score_model *m, const struct score_item *items, size_t n,
                    struct score_gap *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const struct score_item *it = &items[i];
        if (it->not_applicable || it->level < 0 || it->target < 0 || it->target <= it->level)
            continue;
        double weight = it->category >= 0 && (size_t)it->category < m->n_categories
                            ? m->category_weight[it->category]
                            : 1.0;
        out[k].item = i;
        out[k].gap = it->target - it->level;
        out[k].priority = out[k].gap * weight;
        k++;
    }
    qsort(out, k, sizeof *out, gap_order);
    return k;
}

void scoring_format_score(double score, char *buf, size_t size)
{
    if (score < 0)
        snprintf(buf, size, "-");
    else
        snprintf(buf, size, "%.1f", score);
}
