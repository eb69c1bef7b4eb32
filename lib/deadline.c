/* deadline.c - due times of the NIS2 and GDPR reports and their countdown text. Calendar
 * arithmetic is done here on days since the epoch (proleptic Gregorian, UTC), so the result
 * does not depend on the process's time zone. */
#include "deadline.h"

#include <stdio.h>
#include <string.h>

static const char *const regime_codes[] = {
    [DEADLINE_NIS2] = "nis2",
    [DEADLINE_GDPR] = "gdpr",
};

static const char *const report_codes[] = {
    [DEADLINE_EARLY_WARNING] = "early_warning",
    [DEADLINE_NOTIFICATION] = "notification",
    [DEADLINE_INTERMEDIATE] = "intermediate",
    [DEADLINE_FINAL] = "final",
    [DEADLINE_BREACH_NOTIFICATION] = "breach_notification",
};

static const char *const state_codes[] = {
    [DEADLINE_OK] = "ok",     [DEADLINE_DUE_SOON] = "due_soon", [DEADLINE_OVERDUE] = "overdue",
    [DEADLINE_SENT] = "sent", [DEADLINE_NO_DUE] = "no_due",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int code_index(const char *const *codes, size_t n, const char *code)
{
    if (!code)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (strcmp(codes[i], code) == 0)
            return (int)i;
    return -1;
}

const char *deadline_regime_code(enum deadline_regime r)
{
    return (size_t)r < COUNT(regime_codes) ? regime_codes[r] : "";
}

int deadline_regime_parse(const char *code)
{
    return code_index(regime_codes, COUNT(regime_codes), code);
}

const char *deadline_report_code(enum deadline_report r)
{
    return (size_t)r < COUNT(report_codes) ? report_codes[r] : "";
}

int deadline_report_parse(const char *code)
{
    return code_index(report_codes, COUNT(report_codes), code);
}

const char *deadline_state_code(enum deadline_state s)
{
    return (size_t)s < COUNT(state_codes) ? state_codes[s] : "";
}

size_t deadline_reports(enum deadline_regime regime, enum deadline_report out[4])
{
    if (regime == DEADLINE_NIS2) {
        out[0] = DEADLINE_EARLY_WARNING;
        out[1] = DEADLINE_NOTIFICATION;
        out[2] = DEADLINE_FINAL;
        return 3;
    }
    out[0] = DEADLINE_BREACH_NOTIFICATION;
    return 1;
}

/* Days since 1970-01-01 of a civil date, and back (H. Hinnant's algorithms, valid for
 * every year representable here, before 1970 included). */
static long long days_from_civil(long long y, int m, int d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;
    long long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long long z, long *y, int *m, int *d)
{
    z += 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (long)(yoe + era * 400 + (*m <= 2));
}

static int is_leap(long y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(long y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Floor division, so that times before the epoch fall on the right day. */
static long long floor_div(long long a, long long b)
{
    long long q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

void deadline_to_civil(long long t, struct deadline_civil *out)
{
    long long days = floor_div(t, 86400);
    long long secs = t - days * 86400;
    civil_from_days(days, &out->year, &out->month, &out->day);
    out->hour = (int)(secs / 3600);
    out->minute = (int)(secs % 3600 / 60);
    out->second = (int)(secs % 60);
}

long long deadline_from_civil(const struct deadline_civil *c)
{
    return days_from_civil(c->year, c->month, c->day) * 86400 + c->hour * 3600LL +
           c->minute * 60LL + c->second;
}

long long deadline_add_month(long long t)
{
    struct deadline_civil c;
    deadline_to_civil(t, &c);
    if (++c.month > 12) {
        c.month = 1;
        c.year++;
    }
    int last = days_in_month(c.year, c.month);
    if (c.day > last)
        c.day = last;
    return deadline_from_civil(&c);
}

int deadline_due(enum deadline_regime regime, enum deadline_report report, long long awareness,
                 long long notification_sent, long long *due)
{
    if (regime == DEADLINE_GDPR) {
        if (report != DEADLINE_BREACH_NOTIFICATION)
            return -1;
        *due = awareness + 72 * DEADLINE_HOUR;
        return 1;
    }
    if (regime != DEADLINE_NIS2)
        return -1;
    switch (report) {
    case DEADLINE_EARLY_WARNING:
        *due = awareness + 24 * DEADLINE_HOUR;
        return 1;
    case DEADLINE_NOTIFICATION:
        *due = awareness + 72 * DEADLINE_HOUR;
        return 1;
    case DEADLINE_FINAL:
        if (notification_sent < 0)
            return 0; /* "one month after the submission of the incident notification" */
        *due = deadline_add_month(notification_sent);
        return 1;
    case DEADLINE_INTERMEDIATE:
        return 0; /* set by the coordinator when the CSIRT asks for one */
    case DEADLINE_BREACH_NOTIFICATION:
        break;
    }
    return -1;
}

enum deadline_state deadline_state(long long now, int has_due, long long due, int sent)
{
    if (sent)
        return DEADLINE_SENT;
    if (!has_due)
        return DEADLINE_NO_DUE;
    if (now > due)
        return DEADLINE_OVERDUE;
    return due - now < DEADLINE_SOON_S ? DEADLINE_DUE_SOON : DEADLINE_OK;
}

void deadline_span(long long now, long long due, struct deadline_span *out)
{
    out->overdue = now > due;
    long long s = out->overdue ? now - due : due - now;
    out->big = out->small = 0;
    if (s >= 86400) {
        out->unit = DEADLINE_DAYS;
        out->big = s / 86400;
        out->small = s % 86400 / 3600;
    } else if (s >= 3600) {
        out->unit = DEADLINE_HOURS;
        out->big = s / 3600;
        out->small = s % 3600 / 60;
    } else if (s >= 60) {
        out->unit = DEADLINE_MINUTES;
        out->big = s / 60;
    } else {
        out->unit = DEADLINE_UNDER_MINUTE;
    }
}

const char *deadline_unit_code(enum deadline_unit u)
{
    static const char *const codes[] = {"days", "hours", "minutes", "under_minute"};
    return (unsigned)u < sizeof codes / sizeof codes[0] ? codes[u] : "under_minute";
}

char *deadline_format_iso(long long t, char buf[21])
{
    struct deadline_civil c;
    deadline_to_civil(t, &c);
    if (c.year < 0 || c.year > 9999) {
        snprintf(buf, 21, "%s", "");
        return buf;
    }
    snprintf(buf, 21, "%04ld-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day, c.hour, c.minute,
             c.second);
    return buf;
}
