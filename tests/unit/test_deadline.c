/* test_deadline.c - the regulatory clocks: NIS2 Art. 23 (early warning 24 h, notification
 * 72 h after awareness, final report one calendar month after the notification, clamped to
 * the month's end; intermediate on request) and GDPR Art. 33 (72 h); the calendar
 * arithmetic across month ends, leap years and years; the state at its exact boundaries;
 * the countdown text; and the text of each prepared report. */
#include "testlib.h"

#include "deadline.h"
#include "form.h"
#include "regreport.h"

#include <stdlib.h>
#include <string.h>

/* Seconds since the epoch of "YYYY-MM-DDTHH:MM:SS" (UTC), through the form parser, which
 * is checked independently of the code under test. */
static long long at(const char *s)
{
    long long t;
    ck_assert_msg(form_parse_datetime(s, &t) == 0, "bad time %s", s);
    return t;
}

static const char *iso(long long t)
{
    static char buf[21];
    return deadline_format_iso(t, buf);
}

START_TEST(test_codes_round_trip)
{
    ck_assert_str_eq(deadline_regime_code(DEADLINE_NIS2), "nis2");
    ck_assert_str_eq(deadline_regime_code(DEADLINE_GDPR), "gdpr");
    ck_assert_int_eq(deadline_regime_parse("nis2"), DEADLINE_NIS2);
    ck_assert_int_eq(deadline_regime_parse("gdpr"), DEADLINE_GDPR);
    ck_assert_int_eq(deadline_regime_parse("NIS2"), -1);
    ck_assert_int_eq(deadline_regime_parse(""), -1);
    ck_assert_int_eq(deadline_regime_parse(NULL), -1);
    static const char *const reports[] = {"early_warning", "notification", "intermediate", "final",
                                          "breach_notification"};
    for (int i = 0; i < 5; i++) {
        ck_assert_str_eq(deadline_report_code((enum deadline_report)i), reports[i]);
        ck_assert_int_eq(deadline_report_parse(reports[i]), i);
    }
    ck_assert_int_eq(deadline_report_parse("final_report"), -1);
    static const char *const states[] = {"ok", "due_soon", "overdue", "sent", "no_due"};
    for (int i = 0; i < 5; i++)
        ck_assert_str_eq(deadline_state_code((enum deadline_state)i), states[i]);
}
END_TEST

START_TEST(test_reports_per_regime)
{
    enum deadline_report r[4];
    ck_assert_uint_eq(deadline_reports(DEADLINE_NIS2, r), 3);
    ck_assert_int_eq(r[0], DEADLINE_EARLY_WARNING);
    ck_assert_int_eq(r[1], DEADLINE_NOTIFICATION);
    ck_assert_int_eq(r[2], DEADLINE_FINAL);
    ck_assert_uint_eq(deadline_reports(DEADLINE_GDPR, r), 1);
    ck_assert_int_eq(r[0], DEADLINE_BREACH_NOTIFICATION);
}
END_TEST

START_TEST(test_nis2_due_times)
{
    long long aware = at("2026-01-15T08:30:00"), due = 0;
    ck_assert_int_eq(deadline_due(DEADLINE_NIS2, DEADLINE_EARLY_WARNING, aware, -1, &due), 1);
    ck_assert_str_eq(iso(due), "2026-01-16T08:30:00Z");
    ck_assert_int_eq(due - aware, 24 * 3600);
    ck_assert_int_eq(deadline_due(DEADLINE_NIS2, DEADLINE_NOTIFICATION, aware, -1, &due), 1);
    ck_assert_str_eq(iso(due), "2026-01-18T08:30:00Z");
    ck_assert_int_eq(due - aware, 72 * 3600);
    /* across a month's and a year's end, in whole hours whatever the calendar */
    aware = at("2025-12-31T23:59:59");
    ck_assert_int_eq(deadline_due(DEADLINE_NIS2, DEADLINE_EARLY_WARNING, aware, -1, &due), 1);
    ck_assert_str_eq(iso(due), "2026-01-01T23:59:59Z");
    ck_assert_int_eq(deadline_due(DEADLINE_NIS2, DEADLINE_NOTIFICATION, aware, -1, &due), 1);
    ck_assert_str_eq(iso(due), "2026-01-03T23:59:59Z");
    /* 72 hours over 28 February of a leap year */
    aware = at("2028-02-27T12:00:00");
    ck_assert_int_eq(deadline_due(DEADLINE_NIS2, DEADLINE_NOTIFICATION, aware, -1, &due), 1);
    ck_assert_str_eq(iso(due), "2028-03-01T12:00:00Z");
}
END_TEST

START_TEST(test_nis2_final_waits_for_the_notification)
{
    long long aware = at("2026-01-15T08:30:00"), due = 12345;
    ck_assert_int_eq(deadline_due(DEADLINE_NIS2, DEADLINE_FINAL, aware, -1, &due), 0);
    ck_assert_int_eq(due, 12345); /* untouched */
    ck_assert_int_eq(
        deadline_due(DEADLINE_NIS2, DEADLINE_FINAL, aware, at("2026-01-17T10:11:12"), &due), 1);
    ck_assert_str_eq(iso(due), "2026-02-17T10:11:12Z");
    /* the awareness plays no part in it */
    ck_assert_int_eq(
        deadline_due(DEADLINE_NIS2, DEADLINE_FINAL, 0, at("2026-01-17T10:11:12"), &due), 1);
    ck_assert_str_eq(iso(due), "2026-02-17T10:11:12Z");
    /* month-end clamping */
    ck_assert_int_eq(
        deadline_due(DEADLINE_NIS2, DEADLINE_FINAL, aware, at("2026-01-31T23:00:00"), &due), 1);
    ck_assert_str_eq(iso(due), "2026-02-28T23:00:00Z");
}
END_TEST

START_TEST(test_intermediate_has_no_computed_due)
{
    long long due = 7;
    ck_assert_int_eq(deadline_due(DEADLINE_NIS2, DEADLINE_INTERMEDIATE, at("2026-01-15T08:30:00"),
                                  at("2026-01-16T08:30:00"), &due),
                     0);
    ck_assert_int_eq(due, 7);
}
END_TEST

START_TEST(test_gdpr_due_time)
{
    long long aware = at("2026-03-27T22:15:00"), due = 0;
    ck_assert_int_eq(deadline_due(DEADLINE_GDPR, DEADLINE_BREACH_NOTIFICATION, aware, -1, &due), 1);
    /* 72 hours, not "three calendar days" in a zone with a DST change on 29 March */
    ck_assert_str_eq(iso(due), "2026-03-30T22:15:00Z");
    ck_assert_int_eq(due - aware, 72 * 3600);
}
END_TEST

START_TEST(test_reports_a_regime_does_not_have)
{
    long long due = 0, t = at("2026-01-15T08:30:00");
    ck_assert_int_eq(deadline_due(DEADLINE_GDPR, DEADLINE_EARLY_WARNING, t, -1, &due), -1);
    ck_assert_int_eq(deadline_due(DEADLINE_GDPR, DEADLINE_NOTIFICATION, t, -1, &due), -1);
    ck_assert_int_eq(deadline_due(DEADLINE_GDPR, DEADLINE_FINAL, t, t, &due), -1);
    ck_assert_int_eq(deadline_due(DEADLINE_GDPR, DEADLINE_INTERMEDIATE, t, -1, &due), -1);
    ck_assert_int_eq(deadline_due(DEADLINE_NIS2, DEADLINE_BREACH_NOTIFICATION, t, -1, &due), -1);
    ck_assert_int_eq(deadline_due((enum deadline_regime)7, DEADLINE_FINAL, t, t, &due), -1);
}
END_TEST

START_TEST(test_add_month_clamps_to_month_end)
{
    static const char *const cases[][2] = {
        {"2026-01-15T08:30:00", "2026-02-15T08:30:00Z"},
        {"2026-01-28T00:00:00", "2026-02-28T00:00:00Z"},
        {"2026-01-29T00:00:00", "2026-02-28T00:00:00Z"},
        {"2026-01-30T12:00:00", "2026-02-28T12:00:00Z"},
        {"2026-01-31T23:59:59", "2026-02-28T23:59:59Z"},
        {"2028-01-31T10:00:00", "2028-02-29T10:00:00Z"}, /* leap year */
        {"2028-01-29T10:00:00", "2028-02-29T10:00:00Z"},
        {"2100-01-31T10:00:00", "2100-02-28T10:00:00Z"}, /* divisible by 100: no leap */
        {"2000-01-31T10:00:00", "2000-02-29T10:00:00Z"}, /* divisible by 400: leap */
        {"2028-02-29T06:00:00", "2028-03-29T06:00:00Z"},
        {"2026-02-28T06:00:00", "2026-03-28T06:00:00Z"},
        {"2026-03-31T00:00:00", "2026-04-30T00:00:00Z"},
        {"2026-05-31T00:00:00", "2026-06-30T00:00:00Z"},
        {"2026-08-31T00:00:00", "2026-09-30T00:00:00Z"},
        {"2026-10-31T00:00:00", "2026-11-30T00:00:00Z"},
        {"2026-04-30T00:00:00", "2026-05-30T00:00:00Z"},
        {"2026-07-31T00:00:00", "2026-08-31T00:00:00Z"},
        {"2026-12-15T09:00:00", "2027-01-15T09:00:00Z"}, /* into the next year */
        {"2026-12-31T23:59:59", "2027-01-31T23:59:59Z"},
        {"1970-01-01T00:00:00", "1970-02-01T00:00:00Z"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        ck_assert_msg(strcmp(iso(deadline_add_month(at(cases[i][0]))), cases[i][1]) == 0,
                      "%s + 1 month = %s, expected %s", cases[i][0],
                      iso(deadline_add_month(at(cases[i][0]))), cases[i][1]);
}
END_TEST

START_TEST(test_civil_round_trip)
{
    /* every day from 1969 to 2101 converts there and back, and days follow each other */
    struct deadline_civil c, prev;
    deadline_to_civil(-86400LL * 366, &prev);
    ck_assert_int_eq(prev.year, 1968);
    ck_assert_int_eq(prev.month, 12);
    ck_assert_int_eq(prev.day, 31);
    for (long long d = -365; d < 48000; d++) {
        long long t = d * 86400 + 3661;
        deadline_to_civil(t, &c);
        ck_assert_int_eq(deadline_from_civil(&c), t);
        ck_assert_int_eq(c.hour, 1);
        ck_assert_int_eq(c.minute, 1);
        ck_assert_int_eq(c.second, 1);
        int next_day = c.day == prev.day + 1 && c.month == prev.month && c.year == prev.year;
        int next_month =
            c.day == 1 && ((c.month == prev.month + 1 && c.year == prev.year) ||
                           (c.month == 1 && prev.month == 12 && c.year == prev.year + 1));
        ck_assert_msg(next_day || next_month, "%ld-%d-%d after %ld-%d-%d", c.year, c.month, c.day,
                      prev.year, prev.month, prev.day);
        prev = c;
    }
    /* a second before the epoch is the last second of 1969 */
    deadline_to_civil(-1, &c);
    ck_assert_int_eq(c.year, 1969);
    ck_assert_int_eq(c.month, 12);
    ck_assert_int_eq(c.day, 31);
    ck_assert_int_eq(c.hour, 23);
    ck_assert_int_eq(c.second, 59);
    /* agrees with the form parser on a leap day */
    deadline_to_civil(at("2024-02-29T13:14:15"), &c);
    ck_assert_int_eq(c.year, 2024);
    ck_assert_int_eq(c.month, 2);
    ck_assert_int_eq(c.day, 29);
    ck_assert_str_eq(iso(at("2024-02-29T13:14:15")), "2024-02-29T13:14:15Z");
}
END_TEST

START_TEST(test_state_boundaries)
{
    long long due = at("2026-01-16T08:30:00");
    ck_assert_int_eq(deadline_state(due - 6 * 3600 - 1, 1, due, 0), DEADLINE_OK);
    ck_assert_int_eq(deadline_state(due - 6 * 3600, 1, due, 0), DEADLINE_OK);
    ck_assert_int_eq(deadline_state(due - 6 * 3600 + 1, 1, due, 0), DEADLINE_DUE_SOON);
    ck_assert_int_eq(deadline_state(due - 1, 1, due, 0), DEADLINE_DUE_SOON);
    ck_assert_int_eq(deadline_state(due, 1, due, 0), DEADLINE_DUE_SOON);
    ck_assert_int_eq(deadline_state(due + 1, 1, due, 0), DEADLINE_OVERDUE);
    ck_assert_int_eq(deadline_state(due + 86400 * 30, 1, due, 0), DEADLINE_OVERDUE);
    /* sent stops the clock, late or not */
    ck_assert_int_eq(deadline_state(due + 1, 1, due, 1), DEADLINE_SENT);
    ck_assert_int_eq(deadline_state(due - 86400, 1, due, 1), DEADLINE_SENT);
    ck_assert_int_eq(deadline_state(due, 0, 0, 1), DEADLINE_SENT);
    ck_assert_int_eq(deadline_state(due, 0, 0, 0), DEADLINE_NO_DUE);
}
END_TEST

/* The span in the words of templates/lang/en.hdf's Countdown keys, as the countdown macro
 * of templates/macros.cs puts them together. */
static char *deadline_countdown(long long now, long long due, char *buf, size_t len)
{
    struct deadline_span sp;
    deadline_span(now, due, &sp);
    const char *pre = sp.overdue ? "overdue by" : "in";
    if (sp.unit == DEADLINE_DAYS)
        snprintf(buf, len, "%s %lld d %lld h", pre, sp.big, sp.small);
    else if (sp.unit == DEADLINE_HOURS)
        snprintf(buf, len, "%s %lld h %lld min", pre, sp.big, sp.small);
    else if (sp.unit == DEADLINE_MINUTES)
        snprintf(buf, len, "%s %lld min", pre, sp.big);
    else
        snprintf(buf, len, "%s less than 1 min", pre);
    return buf;
}

START_TEST(test_countdown_text)
{
    char buf[64];
    long long now = at("2026-01-15T10:30:00");
    ck_assert_str_eq(deadline_countdown(now, now + 24 * 3600 - 1, buf, sizeof buf),
                     "in 23 h 59 min");
    ck_assert_str_eq(deadline_countdown(now, now + 24 * 3600, buf, sizeof buf), "in 1 d 0 h");
    ck_assert_str_eq(deadline_countdown(now, now + 22 * 3600, buf, sizeof buf), "in 22 h 0 min");
    ck_assert_str_eq(deadline_countdown(now, now + 3 * 86400 + 4 * 3600 + 59 * 60, buf, sizeof buf),
                     "in 3 d 4 h");
    ck_assert_str_eq(deadline_countdown(now, now + 70 * 3600, buf, sizeof buf), "in 2 d 22 h");
    ck_assert_str_eq(deadline_countdown(now, now + 3600, buf, sizeof buf), "in 1 h 0 min");
    ck_assert_str_eq(deadline_countdown(now, now + 3599, buf, sizeof buf), "in 59 min");
    ck_assert_str_eq(deadline_countdown(now, now + 60, buf, sizeof buf), "in 1 min");
    ck_assert_str_eq(deadline_countdown(now, now + 59, buf, sizeof buf), "in less than 1 min");
    ck_assert_str_eq(deadline_countdown(now, now, buf, sizeof buf), "in less than 1 min");
    ck_assert_str_eq(deadline_countdown(now, now - 1, buf, sizeof buf),
                     "overdue by less than 1 min");
    ck_assert_str_eq(deadline_countdown(now, now - (2 * 3600 + 5 * 60), buf, sizeof buf),
                     "overdue by 2 h 5 min");
    ck_assert_str_eq(deadline_countdown(now, now - (2 * 3600 + 5 * 60 + 59), buf, sizeof buf),
                     "overdue by 2 h 5 min");
    ck_assert_str_eq(deadline_countdown(now, now - 40 * 86400 - 3600, buf, sizeof buf),
                     "overdue by 40 d 1 h");
    /* the units by their codes, as the templates read them */
    struct deadline_span sp;
    deadline_span(now, now + 3 * 86400, &sp);
    ck_assert_str_eq(deadline_unit_code(sp.unit), "days");
    deadline_span(now, now - 7200, &sp);
    ck_assert_str_eq(deadline_unit_code(sp.unit), "hours");
    ck_assert_int_eq(sp.overdue, 1);
    deadline_span(now, now + 61, &sp);
    ck_assert_str_eq(deadline_unit_code(sp.unit), "minutes");
    deadline_span(now, now, &sp);
    ck_assert_str_eq(deadline_unit_code(sp.unit), "under_minute");
    ck_assert_int_eq(sp.overdue, 0);
}
END_TEST

START_TEST(test_format_iso)
{
    ck_assert_str_eq(iso(0), "1970-01-01T00:00:00Z");
    ck_assert_str_eq(iso(at("2026-01-15T08:30:05")), "2026-01-15T08:30:05Z");
    ck_assert_str_eq(iso(at("9999-12-31T23:59:59")), "9999-12-31T23:59:59Z");
}
END_TEST

/* ---- report text ---- */

static struct regreport_incident sample(void)
{
    struct regreport_incident inc = {
        .number = "INC-000042",
        .title = "Ransomware on FS01",
        .organisation = "Northwind Energy",
        .description = "Ransomware encrypted the file server FS01.",
        .category = "malware",
        .category_label = "Malware",
        .severity = "Critical",
        .nature = "actual",
        .status = "responding",
        .detected_at = "2026-01-15 08:30 UTC",
        .awareness_at = "2026-01-15 09:00 UTC",
        .impact_availability = "File shares down for 6 hours.",
        .actions_taken = "Isolated FS01; restored from backup.",
        .contact = "Colin Coordinator <coordinator@northwind.example>",
    };
    return inc;
}

static int contains(const char *text, const char *needle)
{
    return text && strstr(text, needle) != NULL;
}

static int count_of(const char *text, const char *needle)
{
    int n = 0;
    for (const char *p = text; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

START_TEST(test_early_warning_text)
{
    struct regreport_incident inc = sample();
    char *t = regreport_text(&inc, DEADLINE_NIS2, DEADLINE_EARLY_WARNING);
    ck_assert_ptr_nonnull(t);
    ck_assert(contains(t, "NIS2 early warning"));
    ck_assert(contains(t, "Article 23(4)(a)"));
    ck_assert(contains(t, "Reporting entity: Northwind Energy"));
    ck_assert(contains(t, "Incident: INC-000042 - Ransomware on FS01"));
    ck_assert(contains(t, "Became aware: 2026-01-15 09:00 UTC"));
    ck_assert(contains(t, "Ransomware encrypted the file server FS01."));
    ck_assert(contains(t, "unlawful or malicious"));
    ck_assert(contains(t, "Yes, suspected: the incident is classified as Malware."));
    ck_assert(contains(t, "cross-border impact?\n" REGREPORT_TODO));
    ck_assert(contains(t, "Contact for this report: Colin Coordinator"));
    free(t);

    /* not a deliberate act by its category, and no perpetrator: the question stays open */
    inc.category = "technical_failure";
    inc.category_label = "Technical failure";
    t = regreport_text(&inc, DEADLINE_NIS2, DEADLINE_EARLY_WARNING);
    ck_assert(contains(t, REGREPORT_TODO " (the incident is classified as Technical failure)"));
    ck_assert(!contains(t, "Yes, suspected"));
    free(t);

    /* a perpetrator named makes it suspected whatever the category */
    inc.perpetrator = "Former contractor";
    t = regreport_text(&inc, DEADLINE_NIS2, DEADLINE_EARLY_WARNING);
    ck_assert(contains(t, "Yes, suspected"));
    ck_assert(contains(t, "Perpetrator: Former contractor"));
    free(t);
}
END_TEST

START_TEST(test_notification_text)
{
    struct regreport_incident inc = sample();
    char *t = regreport_text(&inc, DEADLINE_NIS2, DEADLINE_NOTIFICATION);
    ck_assert(contains(t, "NIS2 incident notification"));
    ck_assert(contains(t, "Article 23(4)(b)"));
    ck_assert(contains(t, "Early warning sent: not yet"));
    ck_assert(contains(t, "Initial assessment"));
    ck_assert(contains(t, "Severity: Critical"));
    ck_assert(contains(t, "Impact on availability: File shares down for 6 hours."));
    ck_assert(contains(t, "Impact on confidentiality: " REGREPORT_TODO));
    ck_assert(contains(t, "Indicators of compromise, where available\n" REGREPORT_TODO));
    ck_assert(contains(t, "Affected assets: " REGREPORT_TODO));
    free(t);
    inc.early_warning_sent_at = "2026-01-15 20:00 UTC";
    inc.assets = "Hardware: FS01\nSoftware: Samba";
    t = regreport_text(&inc, DEADLINE_NIS2, DEADLINE_NOTIFICATION);
    ck_assert(contains(t, "Early warning sent: 2026-01-15 20:00 UTC"));
    /* a value of several lines starts on its own line */
    ck_assert(contains(t, "Affected assets:\nHardware: FS01\nSoftware: Samba\n"));
    free(t);
}
END_TEST

START_TEST(test_final_and_intermediate_text)
{
    struct regreport_incident inc = sample();
    inc.notification_sent_at = "2026-01-17 10:00 UTC";
    char *t = regreport_text(&inc, DEADLINE_NIS2, DEADLINE_FINAL);
    ck_assert(contains(t, "NIS2 final report"));
    ck_assert(contains(t, "Article 23(4)(d)"));
    ck_assert(contains(t, "Incident notification sent: 2026-01-17 10:00 UTC"));
    ck_assert(contains(t, "Detailed description"));
    ck_assert(contains(t, "Type of threat: Malware"));
    ck_assert(contains(t, "Root cause: " REGREPORT_TODO));
    ck_assert(contains(t, "Applied: Isolated FS01; restored from backup."));
    ck_assert(contains(t, "Ongoing or planned: " REGREPORT_TODO));
    ck_assert(
        contains(t, "Cross-border impact of the incident, where applicable\n" REGREPORT_TODO));
    free(t);
    t = regreport_text(&inc, DEADLINE_NIS2, DEADLINE_INTERMEDIATE);
    ck_assert(contains(t, "NIS2 intermediate report"));
    ck_assert(contains(t, "Article 23(4)(c)"));
    ck_assert(contains(t, "Status: responding"));
    free(t);
}
END_TEST

START_TEST(test_gdpr_text)
{
    struct regreport_incident inc = sample();
    char *t = regreport_text(&inc, DEADLINE_GDPR, DEADLINE_BREACH_NOTIFICATION);
    ck_assert(contains(t, "GDPR personal data breach notification"));
    ck_assert(contains(t, "Article 33"));
    ck_assert(contains(t, "Controller: Northwind Energy"));
    ck_assert(contains(t, "(a) Nature of the personal data breach"));
    ck_assert(contains(t, "Categories of data subjects concerned: " REGREPORT_TODO));
    ck_assert(contains(t, "Approximate number of data subjects concerned: " REGREPORT_TODO));
    ck_assert(
        contains(t, "Approximate number of personal data records concerned: " REGREPORT_TODO));
    ck_assert(contains(t, "data protection officer or other contact point\n" REGREPORT_TODO));
    ck_assert(contains(t, "(c) Likely consequences of the personal data breach\n" REGREPORT_TODO));
    ck_assert(contains(t, "Taken: Isolated FS01; restored from backup."));
    ck_assert(!contains(t, "Reasons for the delay"));
    free(t);
    inc.late = 1;
    t = regreport_text(&inc, DEADLINE_GDPR, DEADLINE_BREACH_NOTIFICATION);
    ck_assert(contains(t, "Reasons for the delay (Article 33(1))\n" REGREPORT_TODO));
    free(t);
}
END_TEST

START_TEST(test_empty_record_is_all_placeholders)
{
    struct regreport_incident inc = {0};
    for (int r = 0; r < 5; r++) {
        enum deadline_regime regime =
            r == DEADLINE_BREACH_NOTIFICATION ? DEADLINE_GDPR : DEADLINE_NIS2;
        char *t = regreport_text(&inc, regime, (enum deadline_report)r);
        ck_assert_ptr_nonnull(t);
        ck_assert_int_ge(count_of(t, REGREPORT_TODO), 5);
        ck_assert(contains(t, regime == DEADLINE_GDPR ? "Controller: " REGREPORT_TODO
                                                      : "Reporting entity: " REGREPORT_TODO));
        free(t);
    }
    /* blanks count as missing */
    inc.description = "  \n ";
    char *t = regreport_text(&inc, DEADLINE_NIS2, DEADLINE_EARLY_WARNING);
    ck_assert(contains(t, "Description: " REGREPORT_TODO));
    free(t);
}
END_TEST

START_TEST(test_report_a_regime_does_not_have)
{
    struct regreport_incident inc = sample();
    ck_assert_ptr_null(regreport_text(&inc, DEADLINE_GDPR, DEADLINE_EARLY_WARNING));
    ck_assert_ptr_null(regreport_text(&inc, DEADLINE_NIS2, DEADLINE_BREACH_NOTIFICATION));
}
END_TEST

START_TEST(test_malicious_categories)
{
    ck_assert(regreport_category_malicious("malware"));
    ck_assert(regreport_category_malicious("technical_attack"));
    ck_assert(regreport_category_malicious("compromise_of_information"));
    ck_assert(!regreport_category_malicious("natural_disaster"));
    ck_assert(!regreport_category_malicious("technical_failure"));
    ck_assert(!regreport_category_malicious(""));
    ck_assert(!regreport_category_malicious(NULL));
}
END_TEST

static Suite *deadline_suite(void)
{
    Suite *s = suite_create("deadline");
    TCase *tc = tcase_create("clocks");
    tcase_add_test(tc, test_codes_round_trip);
    tcase_add_test(tc, test_reports_per_regime);
    tcase_add_test(tc, test_nis2_due_times);
    tcase_add_test(tc, test_nis2_final_waits_for_the_notification);
    tcase_add_test(tc, test_intermediate_has_no_computed_due);
    tcase_add_test(tc, test_gdpr_due_time);
    tcase_add_test(tc, test_reports_a_regime_does_not_have);
    tcase_add_test(tc, test_add_month_clamps_to_month_end);
    tcase_add_test(tc, test_civil_round_trip);
    tcase_add_test(tc, test_state_boundaries);
    tcase_add_test(tc, test_countdown_text);
    tcase_add_test(tc, test_format_iso);
    suite_add_tcase(s, tc);
    TCase *tr = tcase_create("report text");
    tcase_add_test(tr, test_early_warning_text);
    tcase_add_test(tr, test_notification_text);
    tcase_add_test(tr, test_final_and_intermediate_text);
    tcase_add_test(tr, test_gdpr_text);
    tcase_add_test(tr, test_empty_record_is_all_placeholders);
    tcase_add_test(tr, test_report_a_regime_does_not_have);
    tcase_add_test(tr, test_malicious_categories);
    suite_add_tcase(s, tr);
    return s;
}

TEST_MAIN(deadline_suite)
