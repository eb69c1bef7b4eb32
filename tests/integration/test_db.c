/* test_db.c - lib/db.c against PostgreSQL: a transaction that runs nothing costs no round
 * trip (BEGIN goes out with its first statement), one that runs something is a real
 * transaction (rolled back, its write is gone; committed, it stays), every statement is
 * counted with its time, each distinct statement is prepared once per connection, and
 * audit rows are written at commit (so the audit chain's lock is held only for the end of
 * a transaction), never when it is rolled back. */
#include "testlib.h"

#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

START_TEST(an_empty_transaction_costs_nothing)
{
    db_count_reset(&db);
    ck_assert_int_eq(db_begin(&db), DB_OK);
    ck_assert_int_eq(db_commit(&db), DB_OK);
    ck_assert_int_eq(db.statements, 0);
    ck_assert_int_eq(PQtransactionStatus(db.conn), PQTRANS_IDLE);
}
END_TEST

START_TEST(the_first_statement_begins_it)
{
    db_count_reset(&db);
    ck_assert_int_eq(db_begin(&db), DB_OK);
    ck_assert_int_eq(db_set_user(&db, 4711), DB_OK);
    ck_assert_int_eq(PQtransactionStatus(db.conn), PQTRANS_INTRANS);
    ck_assert_int_eq(db.statements, 2); /* BEGIN and the statement */
    ck_assert(db.statement_ms > 0);
    /* transaction-local: gone after the rollback */
    db_rollback(&db);
    PGresult *res;
    ck_assert_int_eq(db_exec(&db, &res, "SELECT current_setting('app.user_id', true)", 0, NULL),
                     DB_OK);
    ck_assert_str_eq(db_text(res, 0, 0), "");
    PQclear(res);
    /* and kept for its transaction when set inside one */
    ck_assert_int_eq(db_begin(&db), DB_OK);
    ck_assert_int_eq(db_set_user(&db, 4712), DB_OK);
    ck_assert_int_eq(db_exec(&db, &res, "SELECT current_setting('app.user_id', true)", 0, NULL),
                     DB_OK);
    ck_assert_str_eq(db_text(res, 0, 0), "4712");
    PQclear(res);
    ck_assert_int_eq(db_commit(&db), DB_OK);
    ck_assert_int_eq(PQtransactionStatus(db.conn), PQTRANS_IDLE);
}
END_TEST

START_TEST(each_statement_prepared_once)
{
    static const char sql[] = "SELECT $1::int + 1";
    PGresult *res;
    for (int i = 0; i < 3; i++) {
        const char *p[] = {"41"};
        ck_assert_int_eq(db_exec(&db, &res, sql, 1, p), DB_OK);
        ck_assert_str_eq(db_text(res, 0, 0), "42");
        PQclear(res);
    }
    ck_assert_int_eq(db_exec(&db, &res,
                             "SELECT count(*) FROM pg_prepared_statements "
                             "WHERE statement = 'SELECT $1::int + 1'",
                             0, NULL),
                     DB_OK);
    ck_assert_str_eq(db_text(res, 0, 0), "1");
    PQclear(res);
    ck_assert_int_eq(db.cache_full, 0);
}
END_TEST

/* A column of ids handed to a later statement as its bigint[] parameter, whatever the sizes
 * of the numbers and of the result (none, one, many). */
START_TEST(a_column_becomes_an_array_parameter)
{
    static const char *const lists[] = {"SELECT 1 WHERE false", "SELECT 7",
                                        "SELECT g FROM generate_series(-3, 2000) g",
                                        "SELECT 9223372036854775807 UNION ALL "
                                        "SELECT -9223372036854775807 - 1"};
    static const char *const sums[] = {"0 0", "1 7", "2004 2000994", "2 -1"};
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
        PGresult *ids, *res;
        ck_assert_int_eq(db_exec(&db, &ids, lists[i], 0, NULL), DB_OK);
        char *literal = db_long_array(ids, 0);
        ck_assert_ptr_nonnull(literal);
        const char *p[] = {literal};
        ck_assert_int_eq(db_exec(&db, &res,
                                 "SELECT cardinality($1::bigint[]) || ' ' || "
                                 "coalesce((SELECT sum(x) FROM unnest($1::bigint[]) x), 0)",
                                 1, p),
                         DB_OK);
        ck_assert_str_eq(db_text(res, 0, 0), sums[i]);
        PQclear(res);
        PQclear(ids);
        free(literal);
    }
}
END_TEST

/* No JIT compilation (schema/054): the heatmap of a parent with 10 000 group companies
 * spent 176-230 ms compiling a statement that runs in 30 ms. */
START_TEST(statements_are_not_jit_compiled)
{
    PGresult *res;
    ck_assert_int_eq(db_exec(&db, &res, "SELECT current_setting('jit')", 0, NULL), DB_OK);
    ck_assert_str_eq(db_text(res, 0, 0), "off");
    PQclear(res);
}
END_TEST

START_TEST(audit_rows_are_written_at_commit)
{
    struct db owner;
    memset(&owner, 0, sizeof owner);
    ck_assert_int_eq(db_connect(&owner, test_env("TEST_OWNER_DB")), DB_OK);
    static const char count_sql[] = "SELECT count(*) FROM audit_log WHERE action = $1";
    char action[32];
    snprintf(action, sizeof action, "db-test-%d", (int)getpid());
    const char *p[] = {action};
    PGresult *res;
    /* rolled back: never written */
    ck_assert_int_eq(db_begin(&owner), DB_OK);
    ck_assert_int_eq(db_audit(&owner, 0, 0, action, "test", 1, "{\"n\": 1}"), DB_OK);
    db_rollback(&owner);
    /* committed: written then, not before */
    ck_assert_int_eq(db_begin(&owner), DB_OK);
    ck_assert_int_eq(db_audit(&owner, 0, 0, action, "test", 2, NULL), DB_OK);
    ck_assert_int_eq(db_exec(&owner, &res, count_sql, 1, p), DB_OK);
    ck_assert_str_eq(db_text(res, 0, 0), "0");
    PQclear(res);
    ck_assert_int_eq(db_commit(&owner), DB_OK);
    ck_assert_int_eq(db_exec(&owner, &res, count_sql, 1, p), DB_OK);
    ck_assert_str_eq(db_text(res, 0, 0), "1");
    PQclear(res);
    /* more than the eight kept: all written, in order */
    ck_assert_int_eq(db_begin(&owner), DB_OK);
    for (int i = 0; i < 20; i++)
        ck_assert_int_eq(db_audit(&owner, 0, 0, action, "many", 100 + i, NULL), DB_OK);
    ck_assert_int_eq(db_commit(&owner), DB_OK);
    ck_assert_int_eq(
        db_exec(&owner, &res,
                "SELECT count(*), bool_and(entity_id - 100 = rn - 1) FROM (SELECT entity_id, "
                "row_number() OVER (ORDER BY id) rn FROM audit_log WHERE action = $1 "
                "AND entity = 'many') x",
                1, p),
        DB_OK);
    ck_assert_str_eq(db_text(res, 0, 0), "20");
    ck_assert_str_eq(db_text(res, 0, 1), "t");
    PQclear(res);
    db_close(&owner);
}
END_TEST

static Suite *db_suite(void)
{
    Suite *s = suite_create("db");
    TCase *t = tcase_create("db");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, an_empty_transaction_costs_nothing);
    tcase_add_test(t, the_first_statement_begins_it);
    tcase_add_test(t, each_statement_prepared_once);
    tcase_add_test(t, a_column_becomes_an_array_parameter);
    tcase_add_test(t, statements_are_not_jit_compiled);
    tcase_add_test(t, audit_rows_are_written_at_commit);
    suite_add_tcase(s, t);
    return s;
}

TEST_MAIN(db_suite)
