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

#endif
