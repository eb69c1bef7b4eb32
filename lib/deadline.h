/* deadline.h - the regulatory clocks of an incident: when each report is due under EU NIS2
 * Art. 23 (early warning 24 h and incident notification 72 h after awareness, final report
 * one month after the notification, intermediate reports on request) and GDPR Art. 33
 * (breach notification 72 h after awareness), and how a due time reads as a countdown.
 * Pure: times are seconds since the epoch, UTC; no clock is read here. */
#ifndef DEADLINE_H
#define DEADLINE_H

#include <stddef.h>

enum deadline_regime { DEADLINE_NIS2, DEADLINE_GDPR };

enum deadline_report {
    DEADLINE_EARLY_WARNING,       /* NIS2 Art. 23(4)(a) */
    DEADLINE_NOTIFICATION,        /* NIS2 Art. 23(4)(b) */
    DEADLINE_INTERMEDIATE,        /* NIS2 Art. 23(4)(c), on request of the CSIRT */
    DEADLINE_FINAL,               /* NIS2 Art. 23(4)(d) */
    DEADLINE_BREACH_NOTIFICATION, /* GDPR Art. 33(1) */
};

enum deadline_state {
    DEADLINE_OK,       /* due later than DEADLINE_SOON_S from now */
    DEADLINE_DUE_SOON, /* due within DEADLINE_SOON_S, not yet overdue */
    DEADLINE_OVERDUE,  /* the due time has passed and nothing was sent */
    DEADLINE_SENT,     /* sent: the clock stopped */
    DEADLINE_NO_DUE,   /* no due time yet (final before the notification, intermediate
                        * before the coordinator sets one) */
};

#define DEADLINE_HOUR 3600LL
#define DEADLINE_SOON_S (6 * DEADLINE_HOUR)

/* "nis2"/"gdpr" and back; -1 for an unknown code. */
const char *deadline_regime_code(enum deadline_regime r);
int deadline_regime_parse(const char *code);
/* "early_warning", "notification", "intermediate", "final", "breach_notification" and back;
 * -1 for an unknown code. */
const char *deadline_report_code(enum deadline_report r);
int deadline_report_parse(const char *code);
/* "ok", "due_soon", "overdue", "sent", "no_due". */
const char *deadline_state_code(enum deadline_state s);

/* The reports a regime owes once an incident is flagged under it, in order; returns their
 * number (at most 4) and fills out. Intermediate reports are owed only on request, so they
 * are not listed. */
size_t deadline_reports(enum deadline_regime regime, enum deadline_report out[4]);

/* The due time of one report. awareness is when the entity became aware of the incident;
 * notification_sent is when the NIS2 incident notification was sent, or a negative value
 * when it has not been sent yet. Returns 1 and sets *due; 0 when the report has no due
 * time of its own yet (the final report before the notification is sent; an intermediate
 * report, whose due time the coordinator sets on request); -1 when the regime does not
 * have that report. */
int deadline_due(enum deadline_regime regime, enum deadline_report report, long long awareness,
                 long long notification_sent, long long *due);

/* t plus one calendar month: the same day of the month and time of day in the next month,
 * clamped to that month's last day (31 January -> 28 or 29 February). UTC. */
long long deadline_add_month(long long t);

/* The state of a report due at due (has_due 0: no due time yet) at now. A report is
 * overdue only after its due time: at the due second itself it is still due soon. */
enum deadline_state deadline_state(long long now, int has_due, long long due, int sent);

/* The time left until due, or past it, in the two largest units that matter, truncated:
 * 3 d 4 h, 23 h 59 min, 45 min, or under a minute. The words come from the language files
 * (Lang.Countdown, the countdown macro of templates/macros.cs): "in 3 d 4 h", "overdue by
 * 2 h 5 min"; "in 3 Tg. 4 Std.", "überfällig seit 2 Std. 5 Min.". */
enum deadline_unit {
    DEADLINE_DAYS,        /* big days, small hours */
    DEADLINE_HOURS,       /* big hours, small minutes */
    DEADLINE_MINUTES,     /* big minutes */
    DEADLINE_UNDER_MINUTE /* neither */
};
struct deadline_span {
    int overdue; /* 1 past the due time (by the span), 0 before it (in the span) */
    enum deadline_unit unit;
    long long big, small;
};
void deadline_span(long long now, long long due, struct deadline_span *out);
/* "days", "hours", "minutes", "under_minute". */
const char *deadline_unit_code(enum deadline_unit u);

/* "2026-01-15T08:30:00Z" (21 bytes with the terminator), as PostgreSQL takes a
 * timestamptz. Returns buf. */
char *deadline_format_iso(long long t, char buf[21]);

/* The civil date and time of t (UTC). */
struct deadline_civil {
    long year;
    int month, day, hour, minute, second; /* month 1-12, day 1-31 */
};
void deadline_to_civil(long long t, struct deadline_civil *out);
long long deadline_from_civil(const struct deadline_civil *c);

#endif
