/* test_tenancy.c - row-level security and the audit log, checked directly in SQL as the
 * portal's own database role: what a user of one organisation can and cannot see or do,
 * and that the role has no way around the policies. */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static PGconn *owner;
static char suffix[32];
static long parent_id, child_a, child_b, user_a, user_b, reviewer;

static long make_org(const char *name)
{
    char full[128];
    snprintf(full, sizeof full, "%s %s", name, suffix);
    const char *p[] = {full};
    return test_db_long(owner, "INSERT INTO organisations (name) VALUES ($1) RETURNING id", 1, p);
}

static long make_user(const char *who, long org, const char *role)
{
    char email[128], oid[24];
    snprintf(email, sizeof email, "%s.%s@tenancy.example", who, suffix);
    snprintf(oid, sizeof oid, "%ld", org);
    const char *p[] = {email, oid, role};
    return test_db_long(owner,
                        "WITH u AS (INSERT INTO users (email, display_name) VALUES ($1, $1) "
                        "RETURNING id), m AS (INSERT INTO memberships (user_id, org_id, role) "
                        "SELECT id, $2, $3 FROM u) SELECT id FROM u",
                        3, p);
}

static void relate(long parent, long child)
{
    char a[24], b[24];
    snprintf(a, sizeof a, "%ld", parent);
    snprintf(b, sizeof b, "%ld", child);
    const char *p[] = {a, b};
    free(test_db_value(owner,
                       "INSERT INTO org_relations (parent_id, child_id, kind) "
                       "VALUES ($1, $2, 'group_company')",
                       2, p));
}

static long make_assessment(long org, long user, const char *status)
{
    char o[24], u[24];
    snprintf(o, sizeof o, "%ld", org);
    snprintf(u, sizeof u, "%ld", user);
    const char *p[] = {o, u, status};
    return test_db_long(owner,
                        "WITH q AS (INSERT INTO questionnaires (owner_org_id, edition_id, title, "
                        "  created_by) SELECT $1::bigint, max(id), 'Tenancy test', $2::bigint "
                        "  FROM catalogue_editions RETURNING id) "
                        "INSERT INTO assessments (org_id, questionnaire_id, created_by, status, "
                        "submitted_at) SELECT $1::bigint, q.id, $2::bigint, $3::text, "
                        "CASE WHEN $3::text = 'submitted' THEN now() END FROM q RETURNING id",
                        3, p);
}

static void setup(void)
{
    snprintf(suffix, sizeof suffix, "%d", (int)getpid());
    owner = test_db_owner();
    parent_id = make_org("Tenancy Parent");
    child_a = make_org("Tenancy A");
    child_b = make_org("Tenancy B");
    relate(parent_id, child_a);
    relate(parent_id, child_b);
    user_a = make_user("a", child_a, "assessor");
    user_b = make_user("b", child_b, "assessor");
    reviewer = make_user("reviewer", parent_id, "reviewer");
}

static void teardown(void)
{
    PQfinish(owner);
}

/* A connection as portal_app inside a transaction acting for user (0 = nobody). */
static PGconn *app_as(long user)
{
    PGconn *db = test_db_app();
    char id[24];
    snprintf(id, sizeof id, "%ld", user);
    const char *p[] = {user ? id : ""};
    free(test_db_value(db, "BEGIN", 0, NULL));
    free(test_db_value(db, "SELECT set_config('app.user_id', $1, true)", 1, p));
    return db;
}

static long count_as(long user, const char *sql, long arg)
{
    PGconn *db = app_as(user);
    char a[24];
    snprintf(a, sizeof a, "%ld", arg);
    const char *p[] = {a};
    long n = test_db_long(db, sql, 1, p);
    PQfinish(db);
    return n;
}

START_TEST(other_organisations_assessment_is_invisible)
{
    long submitted_b = make_assessment(child_b, user_b, "submitted");
    ck_assert_int_eq(
        count_as(user_a, "SELECT count(*) FROM assessments WHERE id = $1", submitted_b), 0);
    ck_assert_int_eq(
        count_as(user_b, "SELECT count(*) FROM assessments WHERE id = $1", submitted_b), 1);
    ck_assert_int_eq(count_as(0, "SELECT count(*) FROM assessments WHERE id = $1", submitted_b), 0);
}
END_TEST

START_TEST(reviewer_sees_submitted_but_not_drafts)
{
    long draft = make_assessment(child_a, user_a, "draft");
    long submitted = make_assessment(child_b, user_b, "submitted");
    ck_assert_int_eq(count_as(reviewer, "SELECT count(*) FROM assessments WHERE id = $1", draft),
                     0);
    ck_assert_int_eq(
        count_as(reviewer, "SELECT count(*) FROM assessments WHERE id = $1", submitted), 1);
}
END_TEST

START_TEST(cannot_write_for_another_organisation)
{
    PGconn *db = app_as(user_a);
    char org[24], uid[24];
    snprintf(org, sizeof org, "%ld", child_b);
    snprintf(uid, sizeof uid, "%ld", user_a);
    const char *p[] = {org, uid};
    PGresult *res = PQexecParams(db,
                                 "INSERT INTO incidents (org_id, title, detected_at, "
                                 "description, category, severity, tlp, reported_by) "
                                 "VALUES ($1, 'x', now(), 'yyyyyyyyyyyy', 'malware', "
                                 "'warning', 'amber', $2)",
                                 2, NULL, p, NULL, NULL, 0);
    ck_assert_int_eq(PQresultStatus(res), PGRES_FATAL_ERROR);
    ck_assert_str_eq(PQresultErrorField(res, PG_DIAG_SQLSTATE), "42501");
    PQclear(res);
    PQfinish(db);
}
END_TEST

START_TEST(portal_role_cannot_bypass_policies)
{
    ck_assert_int_eq(test_db_long(owner,
                                  "SELECT count(*) FROM pg_roles WHERE rolname IN "
                                  "('portal_app', 'portal_forwarder') AND NOT rolsuper AND "
                                  "NOT rolbypassrls",
                                  0, NULL),
                     2);
    ck_assert_int_eq(test_db_long(owner,
                                  "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' "
                                  "AND tableowner <> 'portal_owner'",
                                  0, NULL),
                     0);
    /* every table holding tenant data has row-level security on */
    ck_assert_int_eq(test_db_long(owner,
                                  "SELECT count(*) FROM pg_class c JOIN pg_namespace n "
                                  "ON n.oid = c.relnamespace WHERE n.nspname = 'public' "
                                  "AND c.relkind = 'r' AND NOT c.relrowsecurity AND c.relname "
                                  "NOT LIKE 'catalogue\\_%' AND c.relname NOT IN "
                                  "('maturity_levels', 'schema_migrations', "
                                  "'management_items', 'management_mappings')",
                                  0, NULL),
                     0);
    PGconn *db = app_as(user_a);
    PGresult *res = PQexec(db, "SELECT * FROM sessions");
    ck_assert_int_eq(PQresultStatus(res), PGRES_FATAL_ERROR);
    PQclear(res);
    PQfinish(db);
}
END_TEST

START_TEST(audit_log_is_append_only)
{
    PGconn *db = app_as(user_a);
    char uid[24], org[24];
    snprintf(uid, sizeof uid, "%ld", user_a);
    snprintf(org, sizeof org, "%ld", child_a);
    const char *p[] = {uid, org};
    free(test_db_value(db,
                       "INSERT INTO audit_log (user_id, org_id, action, entity) "
                       "VALUES ($1, $2, 'test', 'nothing')",
                       2, p));
    PGresult *res = PQexec(db, "UPDATE audit_log SET action = 'rewritten'");
    ck_assert_int_eq(PQresultStatus(res), PGRES_FATAL_ERROR);
    ck_assert_str_eq(PQresultErrorField(res, PG_DIAG_SQLSTATE), "42501");
    PQclear(res);
    PQfinish(db);

    db = app_as(user_a);
    res = PQexec(db, "DELETE FROM audit_log");
    ck_assert_int_eq(PQresultStatus(res), PGRES_FATAL_ERROR);
    PQclear(res);
    PQfinish(db);

    /* not even the owner rewrites history */
    res = PQexec(owner, "UPDATE audit_log SET action = 'rewritten'");
    ck_assert_int_eq(PQresultStatus(res), PGRES_FATAL_ERROR);
    PQclear(res);
}
END_TEST

START_TEST(audit_rows_are_only_written_as_oneself)
{
    PGconn *db = app_as(user_a);
    char other[24];
    snprintf(other, sizeof other, "%ld", user_b);
    const char *p[] = {other};
    PGresult *res = PQexecParams(db,
                                 "INSERT INTO audit_log (user_id, action, entity) "
                                 "VALUES ($1, 'forged', 'nothing')",
                                 1, NULL, p, NULL, NULL, 0);
    ck_assert_int_eq(PQresultStatus(res), PGRES_FATAL_ERROR);
    PQclear(res);
    PQfinish(db);
}
END_TEST

static Suite *tenancy_suite(void)
{
    Suite *s = suite_create("tenancy");
    TCase *tc = tcase_create("rls");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, other_organisations_assessment_is_invisible);
    tcase_add_test(tc, reviewer_sees_submitted_but_not_drafts);
    tcase_add_test(tc, cannot_write_for_another_organisation);
    tcase_add_test(tc, portal_role_cannot_bypass_policies);
    tcase_add_test(tc, audit_log_is_append_only);
    tcase_add_test(tc, audit_rows_are_only_written_as_oneself);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(tenancy_suite)
