/* scoring.c - the mean-of-answered-items score, kept in integer tenths. */
#include "scoring.h"

#include <stdio.h>

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
