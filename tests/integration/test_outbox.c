/* test_outbox.c - the outbox contract between portal and forwarder, in SQL: alerts are
 * queued per recipient of the reporting organisation's parents in the caller's
 * transaction (or not at all), a NOTIFY wakes the forwarders at commit, and concurrent
 * forwarders never claim the same row (FOR UPDATE SKIP LOCKED). */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>

static PGconn *owner;
static long parent, child, outsider, reporter, stranger, incident;

static long insert_long(const char *sql, int n, const char *const *p)
{
    return test_db_long(owner, sql, n, p);
}

static void setup(void)
{
    char sfx[32], a[24], b[24];
    snprintf(sfx, sizeof sfx, "%d", (int)getpid());
    owner = test_db_owner();
    const char *p1[] = {sfx};
    parent = insert_long("INSERT INTO organisations (name) VALUES ('Outbox Parent ' || $1::text) "
                         "RETURNING id",
                         1, p1);
    child = insert_long("INSERT INTO organisations (name) VALUES ('Outbox Child ' || $1::text) "
                        "RETURNING id",
                        1, p1);
    outsider = insert_long("INSERT INTO organisations (name) VALUES ('Outbox Other ' || $1::text) "
                           "RETURNING id",
                           1, p1);
    snprintf(a, sizeof a, "%ld", parent);
    snprintf(b, sizeof b, "%ld", child);
    const char *p2[] = {a, b, sfx};
    free(test_db_value(owner,
                       "INSERT INTO org_relations (parent_id, child_id, kind) "
                       "VALUES ($1, $2, 'group_company')",
                       2, p2));
    /* two recipients of the parent, each with a rule releasing every incident to it; they
     * point at a closed port */
    free(test_db_value(owner,
                       "INSERT INTO recipients (org_id, name, url) VALUES "
                       "($1, 'CSIRT', 'http://127.0.0.1:9/'), "
                       "($1, 'ISAC', 'http://127.0.0.1:9/')",
                       1, p2));
    free(test_db_value(owner,
                       "INSERT INTO sharing_rules (org_id, recipient_id, min_severity, "
                       "created_by) SELECT org_id, id, 'information', "
                       "(SELECT min(id) FROM users) FROM recipients WHERE org_id = $1",
                       1, p2));
    const char *pr[] = {b, sfx};
    reporter = insert_long("WITH u AS (INSERT INTO users (email, display_name) "
                           "VALUES ('rep.' || $2::text || '@outbox.example', 'R') RETURNING id), "
                           "m AS (INSERT INTO memberships (user_id, org_id, role) "
                           "SELECT id, $1::bigint, 'incident_reporter' FROM u) "
                           "SELECT id FROM u",
                           2, pr);
    char o[24];
    snprintf(o, sizeof o, "%ld", outsider);
    const char *p3[] = {sfx, o};
    stranger = insert_long("WITH u AS (INSERT INTO users (email, display_name) "
                           "VALUES ('str.' || $1::text || '@outbox.example', 'S') RETURNING id), "
                           "m AS (INSERT INTO memberships (user_id, org_id, role) "
                           "SELECT id, $2::bigint, 'incident_reporter' FROM u) SELECT id FROM u",
                           2, p3);
    char r[24];
    snprintf(r, sizeof r, "%ld", reporter);
    const char *p4[] = {b, r};
    incident = insert_long("INSERT INTO incidents (org_id, title, detected_at, description, "
                           "category, severity, tlp, reported_by) VALUES ($1, 'Outbox test', "
                           "now(), 'something happened', 'malware', 'warning', 'amber', $2) "
                           "RETURNING id",
                           2, p4);
}

static void teardown(void)
{
    PQfinish(owner);
}

static PGconn *app_as(long user)
{
    PGconn *db = test_db_app();
    char id[24];
    snprintf(id, sizeof id, "%ld", user);
    const char *p[] = {id};
    free(test_db_value(db, "BEGIN", 0, NULL));
    free(test_db_value(db, "SELECT set_config('app.user_id', $1, true)", 1, p));
    return db;
}

static long outbox_rows(void)
{
    char i[24];
    snprintf(i, sizeof i, "%ld", incident);
    const char *p[] = {i};
    return test_db_long(owner, "SELECT count(*) FROM outbox WHERE incident_id = $1", 1, p);
}

START_TEST(alert_is_queued_per_recipient_and_notified_at_commit)
{
    PGconn *listener = test_db_owner();
    free(test_db_value(listener, "LISTEN outbox", 0, NULL));

    PGconn *db = app_as(reporter);
    char i[24];
    snprintf(i, sizeof i, "%ld", incident);
    const char *p[] = {i};
    ck_assert_int_eq(test_db_long(db, "SELECT count(*) FROM app.rule_matches($1)", 1, p), 2);
    ck_assert_int_eq(test_db_long(db,
                                  "SELECT count(app.release_rule_share($1, rule_id, "
                                  "gen_random_uuid(), '{\"a\":1}')) FROM app.rule_matches($1)",
                                  1, p),
                     2);
    ck_assert_int_eq(test_db_long(db, "SELECT count(*) FROM app.rule_matches($1)", 1, p), 0);
    ck_assert_int_eq(outbox_rows(), 0); /* nothing is visible before the commit */
    free(test_db_value(db, "COMMIT", 0, NULL));
    PQfinish(db);
    ck_assert_int_eq(outbox_rows(), 2);
    /* the recipients are fake: keep the running forwarder from retrying them */
    free(test_db_value(owner,
                       "UPDATE outbox SET next_attempt_at = now() + interval '1 day' "
                       "WHERE incident_id = $1",
                       1, p));

    int fd = PQsocket(listener);
    fd_set fds;
    FD_ZERO(&fds);
    FD_SET(fd, &fds);
    struct timeval tv = {5, 0};
    ck_assert_int_gt(select(fd + 1, &fds, NULL, NULL, &tv), 0);
    PQconsumeInput(listener);
    PGnotify *n = PQnotifies(listener);
    ck_assert_ptr_nonnull(n);
    ck_assert_str_eq(n->relname, "outbox");
    PQfreemem(n);
    PQfinish(listener);
}
END_TEST

START_TEST(outsider_cannot_queue_alerts)
{
    PGconn *db = app_as(stranger);
    char i[24];
    snprintf(i, sizeof i, "%ld", incident);
    const char *p[] = {i};
    ck_assert_int_eq(test_db_long(db, "SELECT count(*) FROM app.rule_matches($1)", 1, p), 0);
    PGresult *res = PQexecParams(db,
                                 "SELECT app.release_rule_share($1, (SELECT min(id) FROM "
                                 "sharing_rules), gen_random_uuid(), '{}')",
                                 1, NULL, p, NULL, NULL, 0);
    ck_assert_int_eq(PQresultStatus(res), PGRES_FATAL_ERROR);
    ck_assert_str_eq(PQresultErrorField(res, PG_DIAG_SQLSTATE), "42501");
    PQclear(res);
    PQfinish(db);
    ck_assert_int_eq(outbox_rows(), 0);
}
END_TEST

START_TEST(concurrent_forwarders_claim_different_rows)
{
    char i[24], r[24];
    snprintf(i, sizeof i, "%ld", incident);
    snprintf(r, sizeof r, "%ld", parent);
    const char *p[] = {i, r};
    free(test_db_value(owner,
                       "INSERT INTO outbox (org_id, recipient_id, recipient_org_id, "
                       "incident_id, kind, payload, next_attempt_at) "
                       "SELECT i.org_id, rc.id, rc.org_id, i.id, 'test', '{}', "
                       "       now() + interval '1 day' "
                       "FROM incidents i, recipients rc WHERE i.id = $1 AND rc.org_id = $2",
                       2, p));
    const char *claim = "SELECT o.id FROM outbox o WHERE o.incident_id = $1 "
                        "AND o.state <> 'delivered' ORDER BY o.id LIMIT 1 "
                        "FOR UPDATE SKIP LOCKED";
    const char *q[] = {i};
    PGconn *f1 = PQconnectdb(test_env("TEST_FORWARDER_DB"));
    PGconn *f2 = PQconnectdb(test_env("TEST_FORWARDER_DB"));
    ck_assert_int_eq(PQstatus(f1), CONNECTION_OK);
    free(test_db_value(f1, "BEGIN", 0, NULL));
    free(test_db_value(f2, "BEGIN", 0, NULL));
    char *a = test_db_value(f1, claim, 1, q);
    char *b = test_db_value(f2, claim, 1, q);
    ck_assert_str_ne(a, "");
    ck_assert_str_ne(b, "");
    ck_assert_str_ne(a, b);
    char *c = test_db_value(f2, claim, 1, q); /* same transaction, already holds b */
    ck_assert_str_eq(c, b);
    free(a), free(b), free(c);
    PQfinish(f1);
    PQfinish(f2);
}
END_TEST

static Suite *outbox_suite(void)
{
    Suite *s = suite_create("outbox");
    TCase *tc = tcase_create("outbox");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, alert_is_queued_per_recipient_and_notified_at_commit);
    tcase_add_test(tc, outsider_cannot_queue_alerts);
    tcase_add_test(tc, concurrent_forwarders_claim_different_rows);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(outbox_suite)
