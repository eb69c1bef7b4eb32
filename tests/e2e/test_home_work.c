/* test_home_work.c - the start page shows each role its work (issue 10, defect 5), through
 * nginx and the portal: with the demo organisations, an overdue and a returned assessment
 * of Northwind Energy, one of Acme's submitted for review, an event awaiting a decision,
 * an incident whose NIS2 early warning is overdue and an alert that could not be
 * delivered. The assessor, the reviewer, the administrator, the coordinator and the
 * reporter each see their part as a count that grew by what was added and links to exactly
 * those items, which open; a member of an unrelated parent sees none of it, and counts of
 * nothing said in words. The counts are compared before and after, as other test programs
 * leave work of their own in the demo organisations. */
#include "tenants.h"
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define ASSESSOR "assessor@energy.example"
#define REVIEWER "reviewer@northwind.example"
#define ADMIN "admin@northwind.example"
#define COORDINATOR "coordinator@northwind.example"
#define REPORTER "reporter@energy.example"

/* What the test adds, by id, and the marker in each of its texts. */
struct work {
    char marker[48];
    long overdue, returned, submitted;      /* assessments */
    long campaign_overdue, campaign_review; /* campaigns */
    long event, incident, obligation, delivery;
};

/* The counts a user's start page shows. */
struct counts {
    long assess, overdue, returned, review, events, clocks, clocks_overdue, failed, reports;
};

static struct http *signed_in(const char *email)
{
    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, email, test_password(email)), 303);
    return h;
}

/* The number in the first data-count="" after marker in body (after the section's id
 * attribute), -1 when the section is not on the page. */
static long count_after(const char *body, const char *marker)
{
    const char *s = strstr(body, marker);
    if (!s)
        return -1;
    const char *end = strstr(s, "</section>");
    const char *d = strstr(s, "data-count=\"");
    if (!d || (end && d > end))
        return -1;
    return strtol(d + strlen("data-count=\""), NULL, 10);
}

/* The overdue badge's count inside a section, 0 when there is none. */
static long flag_after(const char *body, const char *section, const char *badge)
{
    const char *s = strstr(body, section);
    if (!s)
        return -1;
    const char *end = strstr(s, "</section>");
    const char *b = strstr(s, badge);
    if (!b || (end && b > end))
        return 0;
    const char *d = strstr(b, "data-count=\"");
    return d ? strtol(d + strlen("data-count=\""), NULL, 10) : -1;
}

static void home_counts(struct http *h, struct counts *c)
{
    ck_assert_int_eq(http_get(h, "/"), 200);
    c->assess = count_after(h->body, "id=\"work-assess\"");
    c->overdue = flag_after(h->body, "id=\"work-assess\"", "class=\"badge overdue\" data-count");
    c->returned = flag_after(h->body, "id=\"work-assess\"", "class=\"badge returned\" data-count");
    c->review = count_after(h->body, "id=\"work-review\"");
    c->events = count_after(h->body, "id=\"work-events\"");
    c->clocks = count_after(h->body, "id=\"work-clocks\"");
    c->clocks_overdue =
        flag_after(h->body, "id=\"work-clocks\"", "class=\"badge overdue\" data-count");
    c->failed = count_after(h->body, "id=\"work-failed\"");
    c->reports = count_after(h->body, "id=\"work-reports\"");
}

/* The start page of h holds a link to path (href="path"). */
static int links_to(struct http *h, const char *fmt, long id)
{
    char href[96];
    snprintf(href, sizeof href, fmt, id);
    return strstr(h->body, href) != NULL;
}

static long owner_long(PGconn *db, const char *sql, const struct work *w)
{
    const char *p[] = {w->marker};
    return test_db_long(db, sql, 1, p);
}

/* Adds the work (as the database owner) with the demo organisations. */
static void work_add(PGconn *db, struct work *w)
{
    snprintf(w->marker, sizeof w->marker, "HOMEWORK-%08lx",
             (unsigned long)time(NULL) ^ (unsigned long)getpid() << 16);
    free(test_db_value(db, "SELECT set_config('home.marker', $1, false)", 1,
                       (const char *const[]){w->marker}));
    long q = owner_long(
        db,
        "WITH q AS (INSERT INTO questionnaires (owner_org_id, edition_id, title, created_by) "
        "  SELECT o.id, (SELECT min(id) FROM catalogue_editions), $1 || ' questionnaire', u.id "
        "  FROM organisations o, users u WHERE o.name = 'Northwind Group' "
        "  AND u.email = 'admin@northwind.example' RETURNING id) SELECT id FROM q",
        w);
    char qs[24];
    snprintf(qs, sizeof qs, "%ld", q);
    const char *qp[] = {qs};
    test_db_long(db,
                 "WITH i AS (INSERT INTO questionnaire_items (questionnaire_id, position, kind, "
                 "question, answer_type) VALUES ($1::bigint, 1, 'custom', "
                 "current_setting('home.marker') || ' question', 'text') RETURNING id) "
                 "SELECT id FROM i",
                 1, qp);
    free(test_db_value(db, "UPDATE questionnaires SET frozen_at = now() WHERE id = $1::bigint", 1,
                       qp));
    static const char campaign_sql[] =
        "WITH c AS (INSERT INTO campaigns (owner_org_id, questionnaire_id, title, due_date, "
        "  created_by) SELECT o.id, $1::bigint, current_setting('home.marker') || $2, "
        "  current_date + $3::int, u.id FROM organisations o, users u "
        "  WHERE o.name = 'Northwind Group' AND u.email = 'admin@northwind.example' "
        "  RETURNING id) SELECT id FROM c";
    w->campaign_overdue =
        test_db_long(db, campaign_sql, 3, (const char *const[]){qs, " overdue", "-3"});
    w->campaign_review =
        test_db_long(db, campaign_sql, 3, (const char *const[]){qs, " review", "30"});
    static const char assessment_sql[] =
        "WITH a AS (INSERT INTO assessments (org_id, questionnaire_id, campaign_id, status, "
        "  created_by, submitted_at) SELECT o.id, $1::bigint, $2::bigint, $4, u.id, "
        "  CASE WHEN $4 = 'submitted' THEN now() END FROM organisations o, users u "
        "  WHERE o.name = $3 AND u.email = 'admin@northwind.example' RETURNING id) "
        "SELECT id FROM a";
    char co[24], cr[24];
    snprintf(co, sizeof co, "%ld", w->campaign_overdue);
    snprintf(cr, sizeof cr, "%ld", w->campaign_review);
    w->overdue = test_db_long(db, assessment_sql, 4,
                              (const char *const[]){qs, co, "Northwind Energy", "draft"});
    w->returned = test_db_long(db, assessment_sql, 4,
                               (const char *const[]){qs, cr, "Northwind Energy", "returned"});
    w->submitted = test_db_long(db, assessment_sql, 4,
                                (const char *const[]){qs, cr, "Acme Cloud Services", "submitted"});
    char ret[24];
    snprintf(ret, sizeof ret, "%ld", w->returned);
    free(test_db_value(db,
                       "INSERT INTO returned_items (assessment_id, item_id, comment, returned_by) "
                       "SELECT $1::bigint, i.id, 'Attach the certificate', u.id "
                       "FROM questionnaire_items i, users u WHERE i.questionnaire_id = "
                       "(SELECT questionnaire_id FROM assessments WHERE id = $1::bigint) "
                       "AND u.email = 'reviewer@northwind.example'",
                       1, (const char *const[]){ret}));
    w->event = owner_long(
        db,
        "WITH e AS (INSERT INTO events (org_id, reporter_name, reporter_email, what_occurred, "
        "  detected_at, created_by) SELECT o.id, 'Emma Reporter', 'reporter@energy.example', "
        "  $1 || ' event', now() - interval '1 hour', u.id FROM organisations o, users u "
        "  WHERE o.name = 'Northwind Energy' AND u.email = 'reporter@energy.example' "
        "  RETURNING id) SELECT id FROM e",
        w);
    w->incident = owner_long(
        db,
        "WITH i AS (INSERT INTO incidents (org_id, title, detected_at, description, category, "
        "  severity, tlp, reported_by, reportable_nis2) SELECT o.id, $1 || ' incident', "
        "  now() - interval '30 hours', 'A ransomware note on two file servers.', 'malware', "
        "  'critical', 'amber', u.id, true FROM organisations o, users u "
        "  WHERE o.name = 'Northwind Energy' AND u.email = 'reporter@energy.example' "
        "  RETURNING id) SELECT id FROM i",
        w);
    char inc[24];
    snprintf(inc, sizeof inc, "%ld", w->incident);
    w->obligation = test_db_long(
        db,
        "WITH o AS (INSERT INTO notification_obligations (incident_id, regime, report, due_at) "
        "  VALUES ($1::bigint, 'nis2', 'early_warning', now() - interval '6 hours') "
        "  RETURNING id) SELECT id FROM o",
        1, (const char *const[]){inc});
    w->delivery = test_db_long(
        db,
        "WITH x AS (INSERT INTO outbox (org_id, channel, address, recipient_org_id, incident_id, "
        "  kind, payload, state, attempts, failed_at, last_error) "
        "  SELECT o.id, 'smtp', lower(current_setting('home.marker')) || '@csirt.example', "
        "  g.id, $1::bigint, 'incident_alert', '{}'::jsonb, 'failed', 9, now(), 'refused' "
        "  FROM organisations o, organisations g WHERE o.name = 'Northwind Energy' "
        "  AND g.name = 'Northwind Group' RETURNING id) SELECT id FROM x",
        1, (const char *const[]){inc});
}

START_TEST(each_role_sees_its_work)
{
    PGconn *db = test_db_owner();
    struct http *assessor = signed_in(ASSESSOR), *reviewer = signed_in(REVIEWER),
                *admin = signed_in(ADMIN), *coordinator = signed_in(COORDINATOR),
                *reporter = signed_in(REPORTER);
    struct counts a0, r0, ad0, c0, p0;
    home_counts(assessor, &a0);
    home_counts(reviewer, &r0);
    home_counts(admin, &ad0);
    home_counts(coordinator, &c0);
    home_counts(reporter, &p0);
    struct work w;
    work_add(db, &w);

    /* the assessor: two more to complete, one overdue, one returned with an item to fix */
    struct counts a;
    home_counts(assessor, &a);
    ck_assert_int_eq(a.assess, a0.assess + 2);
    ck_assert_int_eq(a.overdue, a0.overdue + 1);
    ck_assert_int_eq(a.returned, a0.returned + 1);
    ck_assert_msg(links_to(assessor, "href=\"/assessments/%ld\"", w.overdue) &&
                      links_to(assessor, "href=\"/assessments/%ld\"", w.returned),
                  "the assessor's start page does not link to the open assessments");
    ck_assert_ptr_nonnull(strstr(assessor->body, "1 item to fix"));
    ck_assert_msg(!links_to(assessor, "href=\"/assessments/%ld\"", w.submitted),
                  "Acme's assessment is on Northwind Energy's assessor's start page");
    ck_assert_int_eq(a.review, -1); /* not a reviewer: no such part */
    ck_assert_int_eq(a.events, -1);
    char path[64];
    snprintf(path, sizeof path, "/assessments/%ld", w.returned);
    ck_assert_int_eq(http_get(assessor, path), 200);
    ck_assert_ptr_nonnull(strstr(assessor->body, "Attach the certificate"));

    /* the reviewer and the administrator: one more to review, both campaigns open */
    struct http *managers[] = {reviewer, admin};
    struct counts *before[] = {&r0, &ad0};
    for (int i = 0; i < 2; i++) {
        struct counts m;
        home_counts(managers[i], &m);
        ck_assert_int_eq(m.review, before[i]->review + 1);
        ck_assert(links_to(managers[i], "href=\"/assessments/%ld\"", w.submitted));
        ck_assert(links_to(managers[i], "href=\"/campaigns/%ld\"", w.campaign_overdue));
        char row[256];
        snprintf(row, sizeof row, "href=\"/campaigns/%ld\">%s review</a>", w.campaign_review,
                 w.marker);
        const char *r = strstr(managers[i]->body, row);
        ck_assert_msg(r != NULL, "the review campaign is not among the open campaigns");
        /* two organisations take part, none answered an item, one submitted, none accepted */
        ck_assert_ptr_nonnull(strstr(r, "<td class=\"num\">2</td><td class=\"num\">0</td>"
                                        "<td class=\"num\">1</td><td class=\"num\">0</td>"));
    }
    snprintf(path, sizeof path, "/assessments/%ld", w.submitted);
    ck_assert_int_eq(http_get(reviewer, path), 200);

    /* the coordinator: an event to decide on, an overdue clock, a failed delivery */
    struct counts c;
    home_counts(coordinator, &c);
    ck_assert_int_eq(c.events, c0.events + 1);
    ck_assert(links_to(coordinator, "href=\"/events/%ld\"", w.event));
    ck_assert_int_eq(c.clocks, c0.clocks + 1);
    ck_assert_int_eq(c.clocks_overdue, c0.clocks_overdue + 1);
    ck_assert(links_to(coordinator, "href=\"/obligations/%ld\"", w.obligation));
    ck_assert_int_eq(c.failed, c0.failed + 1);
    ck_assert(links_to(coordinator, "href=\"/incidents/%ld\"", w.incident));
    ck_assert_int_eq(c.assess, -1); /* a coordinator answers nothing */
    /* the nearest deadline first: the overdue report leads the clocks */
    const char *clocks = strstr(coordinator->body, "id=\"work-clocks\"");
    ck_assert_ptr_nonnull(clocks);
    ck_assert_ptr_nonnull(strstr(clocks, "data-state=\"overdue\""));
    snprintf(path, sizeof path, "/events/%ld", w.event);
    ck_assert_int_eq(http_get(coordinator, path), 200);
    ck_assert_ptr_nonnull(strstr(coordinator->body, w.marker));
    ck_assert_int_eq(http_get(coordinator, "/queue"), 200);
    ck_assert(links_to(coordinator, "href=\"/obligations/%ld\"", w.obligation));

    /* the administrator also coordinates */
    struct counts ad;
    home_counts(admin, &ad);
    ck_assert_int_eq(ad.events, ad0.events + 1);
    ck_assert_int_eq(ad.failed, ad0.failed + 1);

    /* the reporter: report actions first, and their two open reports */
    struct counts p;
    home_counts(reporter, &p);
    ck_assert_ptr_nonnull(strstr(reporter->body, "href=\"/events/new\""));
    ck_assert_ptr_nonnull(strstr(reporter->body, "href=\"/incidents/new\""));
    ck_assert_int_eq(p.reports, p0.reports + 2);
    ck_assert(links_to(reporter, "href=\"/events/%ld\"", w.event));
    ck_assert(links_to(reporter, "href=\"/incidents/%ld\"", w.incident));
    ck_assert_int_eq(p.events, -1); /* a reporter decides nothing */
    snprintf(path, sizeof path, "/incidents/%ld", w.incident);
    ck_assert_int_eq(http_get(reporter, path), 200);

    /* a member of an unrelated parent, holding every role: none of it, nothing in words */
    struct tenants t;
    tenants_build(db, &t);
    struct http *other = http_new();
    ck_assert_int_eq(http_login(other, t.email[TENANT_R], tenants_password), 303);
    struct counts o;
    home_counts(other, &o);
    ck_assert_ptr_null(strstr(other->body, w.marker));
    ck_assert_int_eq(o.assess, 0);
    ck_assert_int_eq(o.review, 0);
    ck_assert_int_eq(o.events, 0);
    ck_assert_int_eq(o.clocks, 0);
    ck_assert_int_eq(o.failed, 0);
    ck_assert_int_eq(o.reports, 0);
    ck_assert_ptr_nonnull(strstr(other->body, "Nothing waiting for your review."));
    ck_assert_ptr_nonnull(strstr(other->body, "No event awaiting your decision."));
    ck_assert_ptr_null(strstr(other->body, "<strong>0</strong>"));
    ck_assert(!links_to(other, "href=\"/assessments/%ld\"", w.submitted));
    ck_assert(!links_to(other, "href=\"/events/%ld\"", w.event));

    struct http *all[] = {assessor, reviewer, admin, coordinator, reporter, other};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        http_free(all[i]);
    PQfinish(db);
}
END_TEST

/* Adds n open incidents of org reported by user (as the database owner). */
static void open_reports_add(PGconn *db, const struct tenants *t, enum tenant who, int n)
{
    char count[16];
    snprintf(count, sizeof count, "%d", n);
    const char *p[] = {t->org_id[who], t->user_id[who], count};
    free(test_db_value(db,
                       "WITH x AS (INSERT INTO incidents (org_id, title, detected_at, description, "
                       "  category, severity, tlp, reported_by, status) "
                       "SELECT $1::bigint, 'Counted ' || g, now(), 'Counted', 'malware', "
                       "  'warning', 'amber', $2::bigint, 'open' "
                       "FROM generate_series(1, $3::int) g RETURNING 1) SELECT count(*) FROM x",
                       3, p));
}

/* Counts stop past 1 000 (HOME_COUNT_CAP): a parent's coordinator with half a million open
 * reports of their own waited 1.7 s for the start page while each row was counted. Up to
 * the cap the page gives the number, past it "More than 1000". */
START_TEST(counts_stop_past_a_thousand)
{
    PGconn *db = test_db_owner();
    struct tenants t;
    tenants_build(db, &t);
    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, t.email[TENANT_R], tenants_password), 303);
    struct counts c;
    home_counts(h, &c);
    open_reports_add(db, &t, TENANT_R, 1000 - (int)c.reports);
    home_counts(h, &c);
    ck_assert_int_eq(c.reports, 1000);
    ck_assert_ptr_nonnull(strstr(h->body, "<strong>1000</strong> reports of yours"));
    open_reports_add(db, &t, TENANT_R, 2);
    home_counts(h, &c);
    ck_assert_int_eq(c.reports, 1001);
    ck_assert_ptr_nonnull(strstr(h->body, "<strong>More than 1000</strong> reports of yours"));
    http_free(h);
    PQfinish(db);
}
END_TEST

static Suite *home_work_suite(void)
{
    Suite *s = suite_create("home_work");
    TCase *tc = tcase_create("roles");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, each_role_sees_its_work);
    tcase_add_test(tc, counts_stop_past_a_thousand);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(home_work_suite)
