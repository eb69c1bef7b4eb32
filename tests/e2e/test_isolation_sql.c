/* test_isolation_sql.c - tenant isolation in the database, generated from the catalog:
 * for every table the portal's role may touch that has an organisation column, a member
 * (in every role) of an organisation unrelated to all others sees none of the other
 * organisations' rows, and updates or deletes none of them. It runs among the end-to-end
 * tests, after those before it in name order have filled the tables; a table added later
 * is covered without a change here. Tables without an organisation column must be on the
 * list of shared reference data below, or have row-level security.
 *
 * Then, in the world of tenants.h, each kind of related outsider (another parent, a
 * sibling group company, a supplier, a customer the supplier did not choose, the chosen
 * customer) sees, updates and deletes no row of any table or view that holds a text its
 * owner withheld from it (the markers), and inserts no row in the name of the
 * organisations it must not act for: a copy of each of their rows, with every user
 * column made its own, is refused by a policy or a privilege. */
#include "tenants.h"
#include "testlib.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reference data every member may read; not tenant data. */
static const char *const shared_tables =
    "'schema_migrations', 'maturity_levels', 'management_items', 'management_mappings'";

static char outsider_email[96], outsider_org[24];

/* A new organisation related to nobody, and a member of it in every role. */
static void outsider_setup(void)
{
    ck_assert_int_ge(sodium_init(), 0);
    PGconn *db = test_db_owner();
    char name[64];
    unsigned tag = randombytes_random();
    snprintf(name, sizeof name, "Isolation outsider %u", tag);
    snprintf(outsider_email, sizeof outsider_email, "outsider.%u@isolation.example", tag);
    const char *p[] = {name, outsider_email};
    char *org = test_db_value(
        db,
        "WITH o AS (INSERT INTO organisations (name) VALUES ($1) RETURNING id), "
        "u AS (INSERT INTO users (email, display_name) VALUES ($2, 'Outsider') RETURNING id), "
        "m AS (INSERT INTO memberships (user_id, org_id, role) SELECT u.id, o.id, r FROM u, o, "
        "  unnest(ARRAY['org_admin', 'assessor', 'reviewer', 'coordinator', "
        "  'incident_reporter']) r RETURNING 1) "
        "SELECT o.id FROM u, o, (SELECT count(*) FROM m) c",
        2, p);
    snprintf(outsider_org, sizeof outsider_org, "%s", org);
    free(org);
    PQfinish(db);
}

/* Runs sql with params in a savepoint of db's transaction and undoes it. Returns the rows
 * it returned or touched, or -1 when it was refused; the refusal's SQLSTATE in state. */
static long in_savepoint(PGconn *db, const char *sql, int n, const char *const *params,
                         char state[6])
{
    PQclear(PQexec(db, "SAVEPOINT probe"));
    PGresult *r = PQexecParams(db, sql, n, NULL, params, NULL, NULL, 0);
    long rows = -1;
    snprintf(state, 6, "%s", "");
    if (PQresultStatus(r) == PGRES_TUPLES_OK)
        rows = PQntuples(r) > 0 ? atol(PQgetvalue(r, 0, 0)) : 0;
    else if (PQresultStatus(r) == PGRES_COMMAND_OK)
        rows = atol(PQcmdTuples(r));
    else
        snprintf(state, 6, "%s", PQresultErrorField(r, PG_DIAG_SQLSTATE));
    PQclear(r);
    PQclear(PQexec(db, "ROLLBACK TO SAVEPOINT probe"));
    return rows;
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
    PGconn *app = test_db_app_as(outsider_email);
    const char *o[] = {outsider_org};
    char state[6];
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
        long seen = in_savepoint(app, sql, 1, o, state);
        snprintf(sql, sizeof sql, "UPDATE %s SET %s = %s WHERE %s", t, col, col, where);
        long updated = in_savepoint(app, sql, 1, o, state);
        snprintf(sql, sizeof sql, "DELETE FROM %s WHERE %s", t, where);
        long deleted = in_savepoint(app, sql, 1, o, state);
        checked++;
        others_total += others;
        if (seen > 0 || updated > 0 || deleted > 0)
            snprintf(failures + strlen(failures), sizeof failures - strlen(failures),
                     "\n  %s.%s: of %ld rows of other organisations, saw %ld, updated %ld, "
                     "deleted %ld",
                     t, col, others, seen, updated, deleted);
    }
    PQclear(cols);
    test_db_app_end(app);
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

/* What each related outsider must not reach, and the tables it legitimately reads rows of
 * its targets from (with the reason). */
static const struct {
    const char *who;
    enum tenant outsider;
    enum tenant targets[3];
    int target_count;
    const char *may_read, *may_write; /* space-separated table names */
} cases[] = {
    {"another parent", TENANT_R, {TENANT_P, TENANT_G, TENANT_S}, 3, "", ""},
    {"a sibling group company", TENANT_H, {TENANT_G, TENANT_P}, 2, "", ""},
    /* S answers P's campaign: it reads the campaign and its questionnaire; and P's rapid
     * advisory campaign asked it (its question, never the other answers) */
    {"a supplier",
     TENANT_S,
     {TENANT_P, TENANT_G},
     2,
     "campaigns questionnaires questionnaire_items rapid_campaigns",
     ""},
    {"a customer the supplier did not choose", TENANT_Q, {TENANT_S}, 1, "", ""},
    /* P is S's customer and its parent: its campaign gives S an assessment, its rapid
     * advisory campaign a request, whose answer P reads */
    {"the chosen customer",
     TENANT_P,
     {TENANT_S},
     1,
     "rapid_requests",
     "assessments rapid_requests"},
};

static struct tenants world;

static void world_setup(void)
{
    PGconn *db = test_db_owner();
    tenants_build(db, &world);
    PQfinish(db);
}

static int listed(const char *list, const char *name)
{
    size_t len = strlen(name);
    for (const char *p = strstr(list, name); p; p = strstr(p + 1, name))
        if ((p == list || p[-1] == ' ') && (p[len] == ' ' || p[len] == '\0'))
            return 1;
    return 0;
}

START_TEST(related_outsiders_reach_no_withheld_row)
{
    PGconn *owner = test_db_owner();
    /* every table and view the portal's role may read or change */
    PGresult *rels = PQexec(
        owner, "SELECT c.relname, (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = c.oid "
               "  AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' "
               "  ORDER BY a.attnum LIMIT 1), "
               "  has_table_privilege('portal_app', c.oid, 'SELECT') "
               "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
               "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v') "
               "AND (has_table_privilege('portal_app', c.oid, 'SELECT') "
               "  OR has_table_privilege('portal_app', c.oid, 'UPDATE') "
               "  OR has_table_privilege('portal_app', c.oid, 'DELETE')) ORDER BY 1");
    ck_assert_int_eq(PQresultStatus(rels), PGRES_TUPLES_OK);
    static char failures[16384];
    failures[0] = '\0';
    int probes = 0;
    long withheld_total = 0;
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        PGconn *db = test_db_app_as(world.email[cases[c].outsider]);
        for (int t = 0; t < cases[c].target_count; t++) {
            enum tenant target = cases[c].targets[t];
            char like[64], state[6];
            snprintf(like, sizeof like, "%%%s%%", world.leak_marker[target]);
            const char *p[] = {like};
            for (int i = 0; i < PQntuples(rels); i++) {
                const char *rel = PQgetvalue(rels, i, 0), *col = PQgetvalue(rels, i, 1);
                if (listed(cases[c].may_read, rel))
                    continue;
                char sql[1024];
                snprintf(sql, sizeof sql, "SELECT count(*) FROM %s x WHERE x::text LIKE $1", rel);
                long exist = in_savepoint(owner, sql, 1, p, state);
                withheld_total += exist > 0 ? exist : 0;
                long seen = strcmp(PQgetvalue(rels, i, 2), "t") == 0
                                ? in_savepoint(db, sql, 1, p, state)
                                : 0;
                snprintf(sql, sizeof sql, "UPDATE %s x SET %s = %s WHERE x::text LIKE $1", rel, col,
                         col);
                long updated = in_savepoint(db, sql, 1, p, state);
                snprintf(sql, sizeof sql, "DELETE FROM %s x WHERE x::text LIKE $1", rel);
                long deleted = in_savepoint(db, sql, 1, p, state);
                probes++;
                if (seen > 0 || updated > 0 || deleted > 0)
                    snprintf(failures + strlen(failures), sizeof failures - strlen(failures),
                             "\n  %s (%c) -> %c: %s: of %ld withheld rows saw %ld, updated %ld, "
                             "deleted %ld",
                             cases[c].who, tenant_letter(cases[c].outsider), tenant_letter(target),
                             rel, exist, seen, updated, deleted);
            }
        }
        test_db_app_end(db);
    }
    PQclear(rels);
    PQfinish(owner);
    ck_assert_msg(failures[0] == '\0', "a related outsider reached withheld rows:%s", failures);
    ck_assert_int_gt(probes, 100);
    ck_assert_int_gt(withheld_total, 20); /* the world's markers are there to be found */
}
END_TEST

/* The owner's copy of one row of rel that belongs to org (by its org_id or owner_org_id,
 * or, for organisations, its id), as JSON without the columns the database fills in and
 * with every reference to a user made the outsider's; NULL when rel has no such row. */
static char *row_copy(PGconn *owner, const char *rel, const char *org_col, const char *org,
                      const char *user)
{
    char sql[2048];
    snprintf(sql, sizeof sql,
             "SELECT (SELECT jsonb_object_agg(k, CASE WHEN k IN ( "
             "    SELECT a.attname FROM pg_constraint f JOIN pg_attribute a ON a.attrelid = "
             "    f.conrelid AND a.attnum = ANY (f.conkey) WHERE f.conrelid = '%s'::regclass "
             "    AND f.contype = 'f' AND f.confrelid = 'users'::regclass) "
             "  THEN to_jsonb($2::bigint) ELSE v END) "
             "  FROM jsonb_each(to_jsonb(x)) e(k, v) WHERE k NOT IN ( "
             "    SELECT a.attname FROM pg_attribute a WHERE a.attrelid = '%s'::regclass "
             "    AND a.attnum > 0 AND (a.attgenerated <> '' OR a.attidentity <> '' "
             "    OR pg_get_expr((SELECT d.adbin FROM pg_attrdef d WHERE d.adrelid = a.attrelid "
             "      AND d.adnum = a.attnum), a.attrelid) LIKE 'nextval%%'))) "
             "FROM %s x WHERE %s = $1::bigint LIMIT 1",
             rel, rel, rel, org_col);
    const char *p[] = {org, user};
    PGresult *r = PQexecParams(owner, sql, 2, NULL, p, NULL, NULL, 0);
    ck_assert_msg(PQresultStatus(r) == PGRES_TUPLES_OK, "%s: %s", rel, PQerrorMessage(owner));
    char *json = PQntuples(r) == 1 ? strdup(PQgetvalue(r, 0, 0)) : NULL;
    PQclear(r);
    return json;
}

START_TEST(related_outsiders_insert_nothing_for_others)
{
    PGconn *owner = test_db_owner();
    /* tables the portal's role may insert into, with the column naming their owner */
    PGresult *rels =
        PQexec(owner, "SELECT c.relname, a.attname FROM pg_class c "
                      "JOIN pg_namespace n ON n.oid = c.relnamespace "
                      "JOIN pg_attribute a ON a.attrelid = c.oid AND NOT a.attisdropped "
                      "WHERE n.nspname = 'public' AND c.relkind = 'r' "
                      "AND has_table_privilege('portal_app', c.oid, 'INSERT') "
                      "AND (a.attname IN ('org_id', 'owner_org_id') "
                      "  OR (c.relname = 'organisations' AND a.attname = 'id')) ORDER BY 1");
    ck_assert_int_eq(PQresultStatus(rels), PGRES_TUPLES_OK);
    ck_assert_int_gt(PQntuples(rels), 10);
    static char failures[16384];
    failures[0] = '\0';
    int attempts = 0;
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        enum tenant out = cases[c].outsider;
        PGconn *db = test_db_app_as(world.email[out]);
        for (int t = 0; t < cases[c].target_count; t++) {
            enum tenant target = cases[c].targets[t];
            for (int i = 0; i < PQntuples(rels); i++) {
                const char *rel = PQgetvalue(rels, i, 0), *col = PQgetvalue(rels, i, 1);
                char *json = row_copy(owner, rel, col, world.org_id[target], world.user_id[out]);
                if (!json)
                    continue;
                if (listed(cases[c].may_write, rel)) {
                    free(json);
                    continue;
                }
                /* the columns left out take their defaults: name the others */
                const char *jp[] = {json};
                char *cols = test_db_value(
                    owner, "SELECT string_agg(quote_ident(k), ', ') FROM jsonb_object_keys($1) k",
                    1, jp);
                char sql[8192], state[6];
                snprintf(sql, sizeof sql,
                         "INSERT INTO %s (%s) SELECT %s FROM jsonb_populate_record(NULL::%s, $1)",
                         rel, cols, cols, rel);
                long inserted = in_savepoint(db, sql, 1, jp, state);
                attempts++;
                if (inserted >= 0 || strcmp(state, "42501") != 0)
                    snprintf(failures + strlen(failures), sizeof failures - strlen(failures),
                             "\n  %s (%c) -> %c: %s: %s", cases[c].who, tenant_letter(out),
                             tenant_letter(target), rel,
                             inserted >= 0 ? "inserted a row in its name"
                                           : "refused, but not by a policy or privilege: ");
                if (inserted < 0 && strcmp(state, "42501") != 0)
                    snprintf(failures + strlen(failures), sizeof failures - strlen(failures),
                             "SQLSTATE %s", state);
                free(cols);
                free(json);
            }
        }
        test_db_app_end(db);
    }
    PQclear(rels);
    PQfinish(owner);
    ck_assert_msg(failures[0] == '\0', "a related outsider wrote for others:%s", failures);
    ck_assert_int_gt(attempts, 30);
}
END_TEST

static Suite *isolation_sql_suite(void)
{
    Suite *s = suite_create("isolation_sql");
    TCase *t = tcase_create("matrix");
    tcase_set_timeout(t, 120);
    tcase_add_unchecked_fixture(t, outsider_setup, NULL);
    tcase_add_test(t, outsider_sees_and_touches_nothing);
    TCase *w = tcase_create("related outsiders");
    tcase_set_timeout(w, 300);
    tcase_add_unchecked_fixture(w, world_setup, NULL);
    tcase_add_test(w, related_outsiders_reach_no_withheld_row);
    tcase_add_test(w, related_outsiders_insert_nothing_for_others);
    suite_add_tcase(s, w);
    suite_add_tcase(s, t);
    return s;
}

TEST_MAIN(isolation_sql_suite)
