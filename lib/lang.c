/* lang.c - language codes, Accept-Language negotiation and numbers per language. */
#include "lang.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const codes[LANG_COUNT] = {"en", "de"};

const char *lang_code(enum lang l)
{
    return (unsigned)l < LANG_COUNT ? codes[l] : codes[LANG_EN];
}

int lang_parse(const char *code)
{
    if (!code)
        return -1;
    for (int i = 0; i < LANG_COUNT; i++)
        if (strcmp(code, codes[i]) == 0)
            return i;
    return -1;
}

static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_ows(char c)
{
    return c == ' ' || c == '\t';
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* The q-value at s (after "q="), as thousandths, up to end: 0, 0.x{0,3}, 1, 1.0{0,3}.
 * Returns -1 when malformed. */
static int parse_qvalue(const char *s, const char *end)
{
    if (s >= end || (*s != '0' && *s != '1'))
        return -1;
    int whole = *s++ - '0', frac = 0, digits = 0;
    if (s < end && *s == '.') {
        s++;
        while (s < end && *s >= '0' && *s <= '9' && digits < 3) {
            frac = frac * 10 + (*s++ - '0');
            digits++;
        }
    }
    if (s != end)
        return -1;
    while (digits++ < 3)
        frac *= 10;
    if (whole == 1 && frac != 0)
        return -1;
    return whole * 1000 + frac;
}

/* One element "range *( OWS ; OWS param )" between start and end (commas excluded).
 * Sets the primary subtag (or "*") in range (len < 9) and *q. Returns 0, or -1 when
 * malformed. */
static int parse_element(const char *s, const char *end, char range[9], int *q)
{
    while (s < end && is_ows(*s))
        s++;
    while (end > s && is_ows(end[-1]))
        end--;
    if (s == end)
        return -1;
    size_t n = 0;
    if (*s == '*') {
        range[n++] = '*';
        s++;
    } else {
        while (s < end && is_alpha(*s)) {
            if (n == 8)
                return -1;
            range[n++] = lower(*s++);
        }
        if (n == 0)
            return -1;
        while (s < end && *s == '-') { /* subtags: 1*8 alphanum each, not compared */
            s++;
            size_t k = 0;
            while (s < end && (is_alpha(*s) || (*s >= '0' && *s <= '9')) && k < 8)
                s++, k++;
            if (k == 0)
                return -1;
        }
    }
    range[n] = '\0';
    *q = 1000;
    while (s < end) {
        while (s < end && is_ows(*s))
            s++;
        if (s == end)
            break;
        if (*s != ';')
            return -1;
        s++;
        while (s < end && is_ows(*s))
            s++;
        const char *param = s;
        while (s < end && *s != ';')
            s++;
        const char *pend = s;
        while (pend > param && is_ows(pend[-1]))
            pend--;
        if (pend - param >= 2 && lower(param[0]) == 'q') {
            const char *v = param + 1;
            while (v < pend && is_ows(*v))
                v++;
            if (v < pend && *v == '=') {
                v++;
                while (v < pend && is_ows(*v))
                    v++;
                *q = parse_qvalue(v, pend);
                if (*q < 0)
                    return -1;
                continue;
            }
        }
        /* another parameter: not defined for Accept-Language, ignored */
    }
    return 0;
}

enum lang lang_from_accept(const char *header)
{
    int q[LANG_COUNT], pos[LANG_COUNT];
    int star_q = -1, star_pos = 0;
    for (int i = 0; i < LANG_COUNT; i++)
        q[i] = -1, pos[i] = 0;
    if (!header)
        return LANG_EN;
    const char *s = header;
    for (int index = 0; *s; index++) {
        const char *end = strchr(s, ',');
        if (!end)
            end = s + strlen(s);
        char range[9];
        int value;
        if (parse_element(s, end, range, &value) == 0) {
            if (strcmp(range, "*") == 0) {
                if (value > star_q)
                    star_q = value, star_pos = index;
            } else {
                int l = lang_parse(range);
                if (l >= 0 && value > q[l])
                    q[l] = value, pos[l] = index;
            }
        }
        s = *end ? end + 1 : end;
    }
    int best = -1, best_q = 0, best_pos = 0;
    for (int i = 0; i < LANG_COUNT; i++) {
        int lq = q[i] >= 0 ? q[i] : star_q, lpos = q[i] >= 0 ? pos[i] : star_pos;
        if (lq > best_q || (lq == best_q && lq > 0 && lpos < best_pos))
            best = i, best_q = lq, best_pos = lpos;
    }
    return best >= 0 ? (enum lang)best : LANG_EN;
}

char *lang_format_decimal(enum lang l, double v, int decimals, char *buf, size_t len)
{
    if (!buf || len == 0)
        return buf;
    if (decimals < 0)
        decimals = 0;
    if (decimals > 3)
        decimals = 3;
    long long scale = 1;
    for (int i = 0; i < decimals; i++)
        scale *= 10;
    if (!isfinite(v) || fabs(v) * (double)scale > 9e15) {
        snprintf(buf, len, "-");
        return buf;
    }
    long long t = llround(v * (double)scale);
    const char *sign = t < 0 ? "-" : "";
    if (t < 0)
        t = -t;
    if (decimals == 0)
        snprintf(buf, len, "%s%lld", sign, t);
    else
        snprintf(buf, len, "%s%lld%c%0*lld", sign, t / scale, l == LANG_DE ? ',' : '.', decimals,
                 t % scale);
    return buf;
}
