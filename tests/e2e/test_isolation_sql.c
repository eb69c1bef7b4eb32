/* test_isolation_sql.c - tenant isolation in the database, generated from the catalog:
 * for every table the portal's role may touch that has an organisation column, a member
 * (in every role) of an organisation unrelated to all others sees none of the other
 * organisations' rows, and updates or deletes none of them. It runs among the end-to-end
 * tests, after those before it in name order have filled the tables; a table added later
 * is covered without a change here. Tables without an organisation column must be on the
 * list of shared reference data below, or have row-level security. */
#include "testlib.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reference data every member may read; not tenant data. */
static const char *const shared_tables =
    "'schema_migrations', 'maturity_levels', 'management_items', 'management_mappings'";

static char outsider[24], outsider_org[24];

/* A new organisation related to nobody, and a member of it in every role. */
static void outsider_setup(void)
{
    ck_assert_int_ge(sodium_init(), 0);
    PGconn *db = test_db_owner();
    char name[64], email[96];
    unsigned tag = randombytes_random();
    snprintf(name, sizeof name, "Isolation outsider %u", tag);
    snprintf(email, sizeof email, "outsider.%u@isolation.example", tag);
    const char *p[] = {name, email};
    char *ids = test_db_value(
        db,
        "WITH o AS (INSERT INTO organisations (name) VALUES ($1) RETURNING id), "
        "u AS (INSERT INTO users (email, display_name) VALUES ($2, 'Outsider') RETURNING id), "
        "m AS (INSERT INTO memberships (user_id, org_id, role) SELECT u.id, o.id, r FROM u, o, "
        "  unnest(ARRAY['org_admin', 'assessor', 'reviewer', 'coordinator', "
        "  'incident_reporter']) r RETURNING 1) "
        "SELECT u.id || ' ' || o.id FROM u, o, (SELECT count(*) FROM m) c",
        2, p);
    ck_assert_int_eq(sscanf(ids, "%23s %23s", outsider, outsider_org), 2);
    free(ids);
    PQfinish(db);
}

/* Runs sql as the outsider in a transaction that is rolled back. Returns the rows it
 * returned or touched, or -1 when it was refused. */
static long as_outsider(const char *sql)
{
    PGconn *db = test_db_app();
    PQclear(PQexec(db, "BEGIN"));
    const char *u[] = {outsider};
    free(test_db_value(db, "SELECT set_config('app.user_id', $1, true)", 1, u));
    const char *o[] = {outsider_org};
    PGresult *r = PQexecParams(db, sql, 1, NULL, o, NULL, NULL, 0);
    long n = -1;
    if (PQresultStatus(r) == PGRES_TUPLES_OK)
        n = atol(PQgetvalue(r, 0, 0));
    else if (PQresultStatus(r) == PGRES_COMMAND_OK)
        n = atol(PQcmdTuples(r));
    PQclear(r);
    PQclear(PQexec(db, "ROLLBACK"));
    PQfinish(db);
    return n;
}

START_TEST(outsider_sees_and_touches_nothing)
{
    PGconn *owner = test_db_owner();
    /* every (table, organisation column) the portal's role has a privilege on */
    PGresult *cols = PQexec(
        owner,
        "SELECT c.relname, a.attname, "
        "  (SELECT count(*) FROM pg_attribute x WHERE x.attrelid = c.oid AND x.attnum > 0) "
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
        "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v') "
        "AND (has_table_privilege('portal_app', c.oid, 'SELECT') "
        "  OR has_table_privilege('portal_app', c.oid, 'UPDATE') "
        "  OR has_table_privilege('portal_app', c.oid, 'DELETE')) "
        "AND (a.attname IN ('org_id', 'owner_org_id', 'recipient_org_id', 'customer_org_id', "
        "  'parent_id', 'child_id') OR (c.relname = 'organisations' AND a.attname = 'id')) "
        "ORDER BY 1, 2");
    ck_assert_int_eq(PQresultStatus(cols), PGRES_TUPLES_OK);
    ck_assert_int_gt(PQntuples(cols), 10);
    char failures[8192] = "";
    int checked = 0;
    long others_total = 0;
    for (int i = 0; i < PQntuples(cols); i++) {
        const char *t = PQgetvalue(cols, i, 0), *col = PQgetvalue(cols, i, 1);
        char where[256], sql[1024];
        snprintf(where, sizeof where, "%s IS NOT NULL AND %s <> $1::bigint", col, col);
        /* rows of others that exist, seen by the owner */
        snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE %s", t, where);
        PGresult *r =
            PQexecParams(owner, sql, 1, NULL, (const char *const[]){outsider_org}, NULL, NULL, 0);
        long others = PQresultStatus(r) == PGRES_TUPLES_OK ? atol(PQgetvalue(r, 0, 0)) : 0;
        PQclear(r);
        long seen = as_outsider(sql);
        snprintf(sql, sizeof sql, "UPDATE %s SET %s = %s WHERE %s", t, col, col, where);
        long updated = as_outsider(sql);
        snprintf(sql, sizeof sql, "DELETE FROM %s WHERE %s", t, where);
        long deleted = as_outsider(sql);
        checked++;
        others_total += others;
        if (seen > 0 || updated > 0 || deleted > 0)
            snprintf(failures + strlen(failures), sizeof failures - strlen(failures),
                     "\n  %s.%s: of %ld rows of other organisations, saw %ld, updated %ld, "
                     "deleted %ld",
                     t, col, others, seen, updated, deleted);
    }
    PQclear(cols);
    /* and no table without an organisation column escapes row-level security unless it is
     * shared reference data */
    char sql[1024];
    snprintf(sql, sizeof sql,
             "SELECT string_agg(c.relname, ', ') FROM pg_class c JOIN pg_namespace n ON "
             "n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' "
             "AND NOT c.relrowsecurity AND c.relname NOT LIKE 'catalogue\\_%%' "
             "AND c.relname NOT IN (%s) "
             "AND (has_table_privilege('portal_app', c.oid, 'SELECT') "
             "  OR has_table_privilege('portal_app', c.oid, 'INSERT'))",
             shared_tables);
    char *open_tables = test_db_value(owner, sql, 0, NULL);
    PQfinish(owner);
    ck_assert_msg(failures[0] == '\0', "an outsider reached other organisations' rows:%s",
                  failures);
    ck_assert_msg(open_tables[0] == '\0', "tables without row-level security: %s", open_tables);
    free(open_tables);
    ck_assert_int_gt(checked, 10);
    ck_assert_int_gt(others_total, 0); /* there was something to hide */
}
END_TEST

static Suite *isolation_sql_suite(void)
{
    Suite *s = suite_create("isolation_sql");
    TCase *t = tcase_create("matrix");
    tcase_set_timeout(t, 120);
    tcase_add_unchecked_fixture(t, outsider_setup, NULL);
    tcase_add_test(t, outsider_sees_and_touches_nothing);
    suite_add_tcase(s, t);
    return s;
}

TEST_MAIN(isolation_sql_suite)
