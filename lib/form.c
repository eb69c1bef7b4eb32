/* form.c - the field-table validator every form goes through. */
#include "form.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char *const error_keys[] = {
    [FE_NONE] = "",
    [FE_REQUIRED] = "required",
    [FE_TOO_SHORT] = "too_short",
    [FE_TOO_LONG] = "too_long",
    [FE_NOT_A_NUMBER] = "not_a_number",
    [FE_OUT_OF_RANGE] = "out_of_range",
    [FE_NOT_A_CHOICE] = "not_a_choice",
    [FE_BAD_DATETIME] = "bad_datetime",
    [FE_IN_FUTURE] = "in_future",
    [FE_BAD_EMAIL] = "bad_email",
    [FE_NOT_ONE_LINE] = "not_one_line",
    [FE_NOT_A_DECIMAL] = "not_a_decimal",
};

const char *form_error_key(enum field_error e)
{
    return e < sizeof error_keys / sizeof error_keys[0] ? error_keys[e] : "";
}

size_t form_utf8_length(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

static int all_blank(const char *s)
{
    for (; *s; s++)
        if (!isspace((unsigned char)*s))
            return 0;
    return 1;
}

static int is_leap(long y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian), valid for any year >= 1970. */
static long long days_from_civil(long y, long m, long d)
{
    static const int before[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    long long days = 0;
    for (long yy = 1970; yy < y; yy++)
        days += is_leap(yy) ? 366 : 365;
    days += before[m - 1] + (m > 2 && is_leap(y)) + d - 1;
    return days;
}

int form_parse_datetime(const char *s, long long *out)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    size_t len = strlen(s);
    if (len != 16 && len != 19)
        return -1;
    const char *shape = "dddd-dd-ddTdd:dd:dd";
    for (size_t i = 0; i < len; i++) {
        if (shape[i] == 'd' ? !isdigit((unsigned char)s[i])
                            : s[i] != shape[i] && !(shape[i] == 'T' && s[i] == ' '))
            return -1;
    }
    long y = strtol(s, NULL, 10), mo = strtol(s + 5, NULL, 10), d = strtol(s + 8, NULL, 10);
    long h = strtol(s + 11, NULL, 10), mi = strtol(s + 14, NULL, 10);
    long sec = len == 19 ? strtol(s + 17, NULL, 10) : 0;
    if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] ||
        (mo == 2 && d == 29 && !is_leap(y)) || h > 23 || mi > 59 || sec > 59)
        return -1;
    *out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
    return 0;
}

int form_parse_hundredths(const char *s, long *out)
{
    long whole = 0, fraction = 0;
    int digits = 0, decimals = 0;
    for (; isdigit((unsigned char)*s); s++, digits++) {
        if (whole > 100000000L)
            return -1; /* far beyond any range a form asks for */
        whole = whole * 10 + (*s - '0');
    }
    if (!digits)
        return -1;
    if (*s == '.') {
        for (s++; isdigit((unsigned char)*s); s++, decimals++) {
            if (decimals == 2)
                return -1;
            fraction = fraction * 10 + (*s - '0');
        }
        if (!decimals)
            return -1;
    }
    if (*s)
        return -1;
    *out = whole * 100 + (decimals == 1 ? fraction * 10 : fraction);
    return 0;
}

static int email_valid(const char *s)
{
    const char *at = strchr(s, '@');
    if (!at || at == s || strchr(at + 1, '@') || !strchr(at + 1, '.'))
        return 0;
    for (; *s; s++)
        if (isspace((unsigned char)*s) || *s == '<' || *s == '>' || *s == ',')
            return 0;
    return at[1] != '.' && s[-1] != '.';
}

enum field_error form_check_field(const struct field *f, const char *value, long long now)
{
    if (!value || all_blank(value))
        return f->required ? FE_REQUIRED : FE_NONE;
    switch (f->type) {
    case FIELD_TEXT:
    case FIELD_MULTILINE:
    case FIELD_EMAIL: {
        size_t n = form_utf8_length(value);
        if (f->min > 0 && n < (size_t)f->min)
            return FE_TOO_SHORT;
        if (f->max > 0 && n > (size_t)f->max)
            return FE_TOO_LONG;
        if (f->type == FIELD_TEXT && strpbrk(value, "\r\n"))
            return FE_NOT_ONE_LINE;
        if (f->type == FIELD_EMAIL && !email_valid(value))
            return FE_BAD_EMAIL;
        return FE_NONE;
    }
    case FIELD_INT: {
        char *end;
        errno = 0;
        long v = strtol(value, &end, 10);
        if (errno || end == value || *end)
            return FE_NOT_A_NUMBER;
        return v < f->min || v > f->max ? FE_OUT_OF_RANGE : FE_NONE;
    }
    case FIELD_DECIMAL: {
        long v;
        if (form_parse_hundredths(value, &v) != 0)
            return FE_NOT_A_DECIMAL;
        return v < f->min || v > f->max ? FE_OUT_OF_RANGE : FE_NONE;
    }
    case FIELD_CHOICE:
        for (const char *const *c = f->choices; c && *c; c++)
            if (strcmp(*c, value) == 0)
                return FE_NONE;
        return FE_NOT_A_CHOICE;
    case FIELD_DATETIME: {
        long long t;
        if (form_parse_datetime(value, &t) != 0)
            return FE_BAD_DATETIME;
        return t > now + 300 ? FE_IN_FUTURE : FE_NONE; /* five minutes of clock skew */
    }
    }
    return FE_NONE;
}

size_t form_validate(const struct field *fields, size_t n,
                     const char *(*get)(void *ctx, const char *name), void *ctx,
                     enum field_error *errors, long long now)
{
    size_t bad = 0;
    for (size_t i = 0; i < n; i++) {
        errors[i] = form_check_field(&fields[i], get(ctx, fields[i].name), now);
        bad += errors[i] != FE_NONE;
    }
    return bad;
}
