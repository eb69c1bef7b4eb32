/* test_reminders.c - due-date reminders end to end: campaigns set up as the owner, the
 * running forwarder (reminders every second in the suite) queues them through
 * app.queue_reminders, and the SMTP sink receives them. A campaign due tomorrow reminds
 * each assessor and administrator of the respondent once (a person holding both roles gets
 * one mail), with the link to the assessment; an overdue one gets the 'after' reminder;
 * a person who chose German gets it in German; a submitted assessment and an incident
 * reporter get nothing; several intervals later
 * nothing was sent twice. The portal's own role may not queue reminders. */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static PGconn *owner;
static char sfx[32];

static long sql_long(const char *sql, int n, const char *const *p)
{
    return test_db_long(owner, sql, n, p);
}

static long new_org(const char *name)
{
    const char *p[] = {name, sfx};
    return sql_long("INSERT INTO organisations (name) VALUES ($1 || ' ' || $2) RETURNING id", 2, p);
}

/* A user with a role in org (a second call with the same who adds a role). */
static long member(const char *who, long org, const char *role)
{
    char email[128], o[24];
    snprintf(email, sizeof email, "%s.%s@reminders.example", who, sfx);
    snprintf(o, sizeof o, "%ld", org);
    const char *p[] = {email, o, role};
    return sql_long("WITH u AS (INSERT INTO users (email, display_name) VALUES ($1, $1) "
                    "  ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email RETURNING id), "
                    "m AS (INSERT INTO memberships (user_id, org_id, role) "
                    "  SELECT id, $2::bigint, $3 FROM u) SELECT id FROM u",
                    3, p);
}

static const char *email_of(const char *who)
{
    static char email[128];
    snprintf(email, sizeof email, "%s.%s@reminders.example", who, sfx);
    return email;
}

/* A campaign of parent due in `days` days (negative: overdue) with one assessment of org
 * in status; returns the assessment. */
static long assessment_due(long parent, long questionnaire, long creator, int days, long org,
                           const char *status)
{
    char pa[24], q[24], u[24], d[24], o[24];
    snprintf(pa, sizeof pa, "%ld", parent);
    snprintf(q, sizeof q, "%ld", questionnaire);
    snprintf(u, sizeof u, "%ld", creator);
    snprintf(d, sizeof d, "%d", days);
    snprintf(o, sizeof o, "%ld", org);
    const char *p[] = {pa, q, u, d};
    long campaign = sql_long("INSERT INTO campaigns (owner_org_id, questionnaire_id, title, "
                             "due_date, created_by) VALUES ($1, $2, 'Reminded campaign', "
                             "current_date + $4::int, $3) RETURNING id",
                             4, p);
    char c[24];
    snprintf(c, sizeof c, "%ld", campaign);
    const char *ap[] = {o, q, c, u, status};
    return sql_long("INSERT INTO assessments (org_id, questionnaire_id, campaign_id, created_by, "
                    "status, submitted_at) VALUES ($1, $2, $3, $4, $5, "
                    "  CASE WHEN $5 = 'submitted' THEN now() END) RETURNING id",
                    5, ap);
}

START_TEST(reminders_before_and_after_the_due_date)
{
    snprintf(sfx, sizeof sfx, "%d", (int)getpid());
    owner = test_db_owner();
    long parent = new_org("Reminder Parent");
    long soon = new_org("Reminder Soon");
    long late = new_org("Reminder Late");
    long done = new_org("Reminder Done");
    long creator = member("creator", parent, "org_admin");
    member("both", soon, "assessor");
    member("both", soon, "org_admin"); /* two roles, one mail */
    member("assessor", soon, "assessor");
    member("reporter", soon, "incident_reporter");
    member("late", late, "assessor");
    member("spaet", late, "assessor"); /* reads German */
    const char *lp[] = {email_of("spaet")};
    sql_long("UPDATE users SET lang = 'de' WHERE email = $1 RETURNING id", 1, lp);
    member("done", done, "assessor");
    char pa[24], u[24];
    snprintf(pa, sizeof pa, "%ld", parent);
    snprintf(u, sizeof u, "%ld", creator);
    const char *qp[] = {pa, u};
    long questionnaire = sql_long(
        "INSERT INTO questionnaires (owner_org_id, edition_id, title, created_by, frozen_at) "
        "VALUES ($1, (SELECT max(id) FROM catalogue_editions), 'Reminded questions', $2, now()) "
        "RETURNING id",
        2, qp);
    long a_soon = assessment_due(parent, questionnaire, creator, 1, soon, "draft");
    long a_late = assessment_due(parent, questionnaire, creator, -2, late, "draft");
    long a_done = assessment_due(parent, questionnaire, creator, 1, done, "submitted");

    /* the forwarder queues and sends them within a few of its one-second intervals */
    char cond[512];
    snprintf(cond, sizeof cond,
             "SELECT count(*) = 4 AND bool_and(state = 'delivered') FROM outbox "
             "WHERE kind = 'mail.reminder' AND address LIKE '%%.%s@reminders.example'",
             sfx);
    ck_assert_msg(test_wait_for(cond, 20), "the reminders were not queued and delivered");

    char link[256];
    snprintf(link, sizeof link, "%s/assessments/%ld", test_env("TEST_BASE_URL"), a_soon);
    ck_assert_int_eq(test_mails_to(email_of("both"), "Reminder:", link), 1);
    ck_assert_int_eq(test_mails_to(email_of("assessor"), "Reminder:", link), 1);
    snprintf(link, sizeof link, "%s/assessments/%ld", test_env("TEST_BASE_URL"), a_late);
    ck_assert_int_eq(test_mails_to(email_of("late"), "Overdue:", link), 1);
    ck_assert_int_eq(test_mails_to(email_of("late"), "Reminder:", NULL), 0);
    /* in the language the person chose, the subject RFC 2047-encoded */
    ck_assert_int_eq(test_mails_to(email_of("spaet"), "=?UTF-8?", link), 1);
    ck_assert_int_eq(test_mails_to(email_of("spaet"), "", "Hallo spaet."), 1);
    ck_assert_int_eq(test_mails_to(email_of("spaet"), "", "Er ist überfällig und noch nicht"), 1);
    ck_assert_int_eq(test_mails_to(email_of("spaet"), "", "Hello"), 0);
    ck_assert_int_eq(test_mails_to(email_of("reporter"), "", NULL), 0);
    ck_assert_int_eq(test_mails_to(email_of("done"), "", NULL), 0);
    ck_assert_int_eq(test_mails_to(email_of("creator"), "", NULL), 0);

    /* several intervals later, still one of each */
    sleep(3);
    ck_assert_int_eq(test_mails_to(email_of("both"), "", NULL), 1);
    ck_assert_int_eq(test_mails_to(email_of("assessor"), "", NULL), 1);
    ck_assert_int_eq(test_mails_to(email_of("late"), "", NULL), 1);
    char ids[96];
    snprintf(ids, sizeof ids, "{%ld,%ld,%ld}", a_soon, a_late, a_done);
    const char *ip[] = {ids};
    char *sent = test_db_value(owner,
                               "SELECT string_agg(kind, ',' ORDER BY assessment_id, kind) "
                               "FROM reminders_sent WHERE assessment_id = ANY ($1::bigint[])",
                               1, ip);
    ck_assert_str_eq(sent, "before,after");
    free(sent);
    snprintf(cond, sizeof cond,
             "SELECT count(*) FROM outbox WHERE kind = 'mail.reminder' "
             "AND address LIKE '%%.%s@reminders.example'",
             sfx);
    ck_assert_int_eq(sql_long(cond, 0, NULL), 4);

    /* the reminder goes out with the parent as its origin (its outbox view shows it) */
    const char *bp[] = {email_of("late")};
    ck_assert_int_eq(sql_long("SELECT org_id FROM outbox WHERE kind = 'mail.reminder' "
                              "AND address = $1",
                              1, bp),
                     parent);
    PQfinish(owner);
}
END_TEST

/* Only the forwarder's role may queue reminders: the portal's may not. */
START_TEST(portal_role_may_not_queue_reminders)
{
    PGconn *app = test_db_app();
    PGresult *res = PQexec(app, "SELECT app.queue_reminders('7 days', '1 day', 'http://x')");
    ck_assert_int_eq(PQresultStatus(res), PGRES_FATAL_ERROR);
    ck_assert_str_eq(PQresultErrorField(res, PG_DIAG_SQLSTATE), "42501");
    PQclear(res);
    PQfinish(app);
}
END_TEST

static Suite *reminders_suite(void)
{
    Suite *s = suite_create("reminders");
    TCase *tc = tcase_create("reminders");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, reminders_before_and_after_the_due_date);
    tcase_add_test(tc, portal_role_may_not_queue_reminders);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(reminders_suite)
