/* test_rapid_reminders.c - the reminders and escalations of rapid advisory campaigns end to
 * end (schema/046): campaigns set up as the owner, the running forwarder (reminders every
 * second in the suite) queues them with its other reminders through
 * app.queue_rapid_reminders, and the SMTP sink receives them. An unanswered request whose
 * last mail is older than the campaign's schedule reminds each assessor, coordinator and
 * administrator of the organisation asked once, with the link to the request, in each
 * person's language; one past its deadline is escalated once to the organisation's
 * administrators only, or, when it has none, to those its reminders go to (schema/059); an
 * answered one and a campaign without a schedule remind nobody;
 * several intervals later nothing was sent twice. The portal's role may not queue them. */
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

static void supplier_of(long parent, long child)
{
    char pa[24], ch[24];
    snprintf(pa, sizeof pa, "%ld", parent);
    snprintf(ch, sizeof ch, "%ld", child);
    const char *p[] = {pa, ch};
    sql_long("INSERT INTO org_relations (parent_id, child_id, kind) "
             "VALUES ($1, $2, 'supplier') RETURNING 1",
             2, p);
}

static const char *email_of(const char *who)
{
    static char email[128];
    snprintf(email, sizeof email, "%s.%s@rapid.example", who, sfx);
    return email;
}

/* A user with a role in org (a second call with the same who adds a role). */
static long member(const char *who, long org, const char *role)
{
    char o[24];
    snprintf(o, sizeof o, "%ld", org);
    const char *p[] = {email_of(who), o, role};
    return sql_long("WITH u AS (INSERT INTO users (email, display_name) VALUES ($1, $1) "
                    "  ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email RETURNING id), "
                    "m AS (INSERT INTO memberships (user_id, org_id, role) "
                    "  SELECT id, $2::bigint, $3 FROM u) SELECT id FROM u",
                    3, p);
}

/* A campaign of parent with its deadline `hours` from now (negative: passed) and a
 * reminder every remind hours, asking org, whose last mail went out `quiet` hours ago;
 * answered or not. Returns the request's id. */
static long request_to(long parent, long creator, int hours, int remind, long org, int quiet,
                       int answered)
{
    char pa[24], u[24], h[24], r[24];
    snprintf(pa, sizeof pa, "%ld", parent);
    snprintf(u, sizeof u, "%ld", creator);
    snprintf(h, sizeof h, "%d", hours);
    snprintf(r, sizeof r, "%d", remind);
    const char *p[] = {pa, u, h, r};
    long campaign = sql_long("INSERT INTO rapid_campaigns (org_id, cve, title, deadline, "
                             "  remind_hours, created_by, created_at) "
                             "VALUES ($1, 'CVE-2021-44228', 'Log4Shell', "
                             "  now() + make_interval(hours => $3::int), $4, $2, "
                             "  now() - interval '30 hours') RETURNING id",
                             4, p);
    char c[24], o[24], q[24];
    snprintf(c, sizeof c, "%ld", campaign);
    snprintf(o, sizeof o, "%ld", org);
    snprintf(q, sizeof q, "%d", quiet);
    const char *rp[] = {c, o, q, answered ? "affected" : NULL, u};
    return sql_long("INSERT INTO rapid_requests (campaign_id, org_id, last_mailed_at, answer, "
                    "  answered_at, answered_by, contact) "
                    "VALUES ($1, $2, now() - make_interval(hours => $3::int), $4::text, "
                    "  CASE WHEN $4::text IS NOT NULL THEN now() END, "
                    "  CASE WHEN $4::text IS NOT NULL THEN $5::bigint END, '') RETURNING id",
                    5, rp);
}

START_TEST(reminders_until_answered_and_one_escalation_after_the_deadline)
{
    snprintf(sfx, sizeof sfx, "%d", (int)getpid());
    owner = test_db_owner();
    long parent = new_org("Rapid Parent");
    long silent = new_org("Rapid Silent");
    long late = new_org("Rapid Late");
    long answered = new_org("Rapid Answered");
    long unscheduled = new_org("Rapid Unscheduled");
    long adminless = new_org("Rapid Adminless");
    long creator = member("creator", parent, "coordinator");
    supplier_of(parent, silent);
    supplier_of(parent, late);
    supplier_of(parent, answered);
    supplier_of(parent, unscheduled);
    supplier_of(parent, adminless);
    member("assessor", silent, "assessor");
    member("coordinator", silent, "coordinator");
    member("reporter", silent, "incident_reporter");
    member("pruefer", silent, "assessor"); /* reads German */
    const char *lp[] = {email_of("pruefer")};
    sql_long("UPDATE users SET lang = 'de' WHERE email = $1 RETURNING id", 1, lp);
    member("lateassessor", late, "assessor");
    member("lateadmin", late, "org_admin");
    member("answered", answered, "org_admin");
    member("unscheduled", unscheduled, "org_admin");
    member("lonelyassessor", adminless, "assessor");
    member("lonelycoordinator", adminless, "coordinator");
    member("lonelyreporter", adminless, "incident_reporter");
    long gone = member("goneadmin", adminless, "org_admin"); /* disabled: cannot act */
    char gid[24];
    snprintf(gid, sizeof gid, "%ld", gone);
    const char *gp[] = {gid};
    sql_long("UPDATE users SET disabled = true WHERE id = $1 RETURNING id", 1, gp);
    long r_silent = request_to(parent, creator, 10, 12, silent, 13, 0);
    long r_late = request_to(parent, creator, -1, 0, late, 1, 0);
    request_to(parent, creator, 10, 12, answered, 13, 1);
    request_to(parent, creator, 10, 0, unscheduled, 13, 0);
    long r_adminless = request_to(parent, creator, -1, 0, adminless, 1, 0);

    char cond[512];
    snprintf(cond, sizeof cond,
             "SELECT count(*) = 6 AND bool_and(state = 'delivered') FROM outbox "
             "WHERE kind LIKE 'mail.rapid_%%' AND address LIKE '%%.%s@rapid.example'",
             sfx);
    ck_assert_msg(test_wait_for(cond, 20), "the reminders were not queued and delivered");

    char link[256];
    snprintf(link, sizeof link, "%s/rapid/requests/%ld", test_env("TEST_BASE_URL"), r_silent);
    ck_assert_int_eq(test_mails_to(email_of("assessor"), "Reminder: CVE-2021-44228", link), 1);
    ck_assert_int_eq(test_mails_to(email_of("coordinator"), "Reminder: CVE-2021-44228", link), 1);
    ck_assert_int_eq(test_mails_to(email_of("pruefer"), "", "wartet noch auf die Antwort"), 1);
    ck_assert_int_eq(test_mails_to(email_of("pruefer"), "", link), 1);
    ck_assert_int_eq(test_mails_to(email_of("reporter"), "", NULL), 0);
    snprintf(link, sizeof link, "%s/rapid/requests/%ld", test_env("TEST_BASE_URL"), r_late);
    ck_assert_int_eq(test_mails_to(email_of("lateadmin"), "Overdue:", link), 1);
    ck_assert_int_eq(test_mails_to(email_of("lateassessor"), "", NULL), 0);
    ck_assert_int_eq(test_mails_to(email_of("answered"), "", NULL), 0);
    ck_assert_int_eq(test_mails_to(email_of("unscheduled"), "", NULL), 0);
    ck_assert_int_eq(test_mails_to(email_of("creator"), "", NULL), 0);
    snprintf(link, sizeof link, "%s/rapid/requests/%ld", test_env("TEST_BASE_URL"), r_adminless);
    ck_assert_int_eq(test_mails_to(email_of("lonelyassessor"), "Overdue:", link), 1);
    ck_assert_int_eq(test_mails_to(email_of("lonelycoordinator"), "Overdue:", link), 1);
    ck_assert_int_eq(test_mails_to(email_of("lonelyreporter"), "", NULL), 0);
    ck_assert_int_eq(test_mails_to(email_of("goneadmin"), "", NULL), 0);

    /* several intervals later, still one of each */
    sleep(3);
    ck_assert_int_eq(test_mails_to(email_of("assessor"), "", NULL), 1);
    ck_assert_int_eq(test_mails_to(email_of("lateadmin"), "", NULL), 1);
    snprintf(cond, sizeof cond,
             "SELECT count(*) FROM outbox WHERE kind LIKE 'mail.rapid_%%' "
             "AND address LIKE '%%.%s@rapid.example'",
             sfx);
    ck_assert_int_eq(sql_long(cond, 0, NULL), 6);
    /* sent as the asking organisation's mail */
    const char *bp[] = {email_of("lateadmin")};
    ck_assert_int_eq(sql_long("SELECT org_id FROM outbox WHERE address = $1", 1, bp), parent);
    PQfinish(owner);
}
END_TEST

/* Only the forwarder's role queues them; the portal's may not (nor the mail function). */
START_TEST(portal_role_may_not_queue_rapid_reminders)
{
    PGconn *app = test_db_app();
    const char *const calls[] = {"SELECT app.queue_rapid_reminders('http://x', '{}')",
                                 "SELECT app.rapid_mail('{1}', 'remind', 'http://x', '{}')"};
    for (int i = 0; i < 2; i++) {
        PGresult *res = PQexec(app, calls[i]);
        ck_assert_int_eq(PQresultStatus(res), PGRES_FATAL_ERROR);
        ck_assert_str_eq(PQresultErrorField(res, PG_DIAG_SQLSTATE), "42501");
        PQclear(res);
    }
    PQfinish(app);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rapid_reminders");
    TCase *tc = tcase_create("rapid_reminders");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, reminders_until_answered_and_one_escalation_after_the_deadline);
    tcase_add_test(tc, portal_role_may_not_queue_rapid_reminders);
    suite_add_tcase(s, tc);
    return testlib_run(s);
}
