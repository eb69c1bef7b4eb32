/* test_db_failover.c - lib/db.c across a failover: a server that turned read-only under an
 * open connection (a demoted primary, a fenced one: SQLSTATE 25006) counts as a lost
 * connection, so the request in flight fails with 503 and the next one connects again
 * (with target_session_attrs=read-write, to whichever host is the primary now); a
 * connection whose server went away is made again by the next request. */
#include "testlib.h"

#include "db.h"

#include <stdio.h>
#include <string.h>

static struct db db;

static void setup(void)
{
    memset(&db, 0, sizeof db);
    ck_assert_int_eq(db_connect(&db, test_env("TEST_APP_DB")), DB_OK);
}

static void teardown(void)
{
    db_close(&db);
}

/* a write a read-only transaction refuses (25006) before any privilege check */
static const char write_sql[] = "CREATE TEMP TABLE failover_probe (x int) ON COMMIT DROP";

/* the connection takes writes again */
static void assert_read_write(void)
{
    PGresult *res;
    ck_assert_int_eq(db_exec(&db, &res, "SHOW transaction_read_only", 0, NULL), DB_OK);
    ck_assert_str_eq(db_text(res, 0, 0), "off");
    PQclear(res);
}

START_TEST(a_server_turned_read_only_is_a_lost_connection)
{
    /* what a demoted primary answers: every transaction read-only from now on */
    PQclear(PQexec(db.conn, "SET default_transaction_read_only = on"));
    ck_assert_int_eq(db_begin(&db), DB_OK);
    ck_assert_int_eq(db_exec(&db, NULL, write_sql, 0, NULL), DB_CONN_LOST);
    ck_assert_str_eq(db.sqlstate, "25006");
    db_rollback(&db);
    /* the next request's db_ensure connects afresh and can write */
    ck_assert_int_eq(db_ensure(&db), DB_OK);
    ck_assert_int_eq(db_begin(&db), DB_OK);
    assert_read_write();
    ck_assert_int_eq(db_commit(&db), DB_OK);
}
END_TEST

START_TEST(a_connection_killed_mid_transaction_is_made_again)
{
    /* the superuser of the test cluster ends the portal's backend, as a server going down
     * under a failover does */
    char conninfo[600];
    snprintf(conninfo, sizeof conninfo, "host=%s/pgsock dbname=portal user=postgres",
             test_env("TEST_DIR"));
    PGconn *admin = PQconnectdb(conninfo);
    ck_assert_int_eq(PQstatus(admin), CONNECTION_OK);
    ck_assert_int_eq(db_begin(&db), DB_OK);
    PGresult *res;
    ck_assert_int_eq(db_exec(&db, &res, "SELECT pg_backend_pid()", 0, NULL), DB_OK);
    const char *p[] = {db_text(res, 0, 0)};
    PGresult *k =
        PQexecParams(admin, "SELECT pg_terminate_backend($1::int)", 1, NULL, p, NULL, NULL, 0);
    ck_assert_str_eq(PQgetvalue(k, 0, 0), "t");
    PQclear(k);
    PQclear(res);
    PQfinish(admin);
    ck_assert_int_eq(db_exec(&db, NULL, "SELECT 1", 0, NULL), DB_CONN_LOST);
    db_rollback(&db);
    /* the next request */
    ck_assert_int_eq(db_ensure(&db), DB_OK);
    ck_assert_int_eq(db_begin(&db), DB_OK);
    assert_read_write();
    ck_assert_int_eq(db_commit(&db), DB_OK);
}
END_TEST

static Suite *db_failover_suite(void)
{
    Suite *s = suite_create("db_failover");
    TCase *t = tcase_create("reconnect");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, a_server_turned_read_only_is_a_lost_connection);
    tcase_add_test(t, a_connection_killed_mid_transaction_is_made_again);
    suite_add_tcase(s, t);
    return s;
}

TEST_MAIN(db_failover_suite)
