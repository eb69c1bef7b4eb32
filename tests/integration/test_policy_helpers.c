/* test_policy_helpers.c - the functions row-level security policies call keep their plans:
 * no helper in schema app is a SECURITY DEFINER SQL function (never inlined, so planned
 * again at every call; schema/026 made them PL/pgSQL), the converted helpers still answer
 * as before for a member of the demo data, and the small sets are planned as small. */
#include "tenants.h"
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

START_TEST(no_helper_is_planned_per_call)
{
    PGconn *db = test_db_owner();
    char *left = test_db_value(
        db,
        "SELECT coalesce(string_agg(p.proname, ', '), '') FROM pg_proc p "
        "JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang "
        "WHERE n.nspname = 'app' AND l.lanname = 'sql' AND p.provolatile = 's' AND p.prosecdef "
        "AND format_type(p.prorettype, NULL) IN ('bigint', 'boolean', 'integer')",
        0, NULL);
    ck_assert_msg(left[0] == '\0', "SQL helpers planned at every call: %s (see schema/026)", left);
    free(left);
    PQfinish(db);
}
END_TEST

START_TEST(helpers_answer_as_before)
{
    /* the parent's reviewer: member of one organisation, overseer of its four children */
    PGconn *db = test_db_app_as("reviewer@northwind.example");
    ck_assert_int_eq(test_db_long(db, "SELECT count(*) FROM app.member_orgs()", 0, NULL), 1);
    ck_assert_int_ge(test_db_long(db, "SELECT count(*) FROM app.overseen_orgs()", 0, NULL), 4);
    ck_assert_int_eq(
        test_db_long(db,
                     "SELECT count(*) FROM organisations o WHERE o.name = 'Northwind Group' "
                     "AND app.has_role(o.id, ARRAY['reviewer'])",
                     0, NULL),
        1);
    ck_assert_int_eq(
        test_db_long(db,
                     "SELECT count(*) FROM organisations o WHERE o.name = 'Northwind Group' "
                     "AND app.has_role(o.id, ARRAY['assessor'])",
                     0, NULL),
        0);
    test_db_app_end(db);
    /* a scalar helper returns NULL for nothing, as the SQL function did (the owner's call:
     * this one is not the portal's) */
    PGconn *owner = test_db_owner();
    char *none = test_db_value(
        owner, "SELECT coalesce(app.supplier_by_name(0, 'no such name')::text, 'null')", 0, NULL);
    ck_assert_str_eq(none, "null");
    free(none);
    PQfinish(owner);
}
END_TEST

/* The helpers whose sets are a user's few organisations, campaigns and drafts are planned
 * as small (schema/029): with the default estimate of 1 000 rows, the queries that filter
 * by them scanned whole tables (every assessment, every incident) at every statement. */
START_TEST(small_sets_are_planned_as_small)
{
    PGconn *db = test_db_owner();
    char *large = test_db_value(
        db,
        "SELECT coalesce(string_agg(p.proname || ' ' || p.prorows, ', '), '') FROM pg_proc p "
        "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'app' "
        "AND p.proname IN ('member_orgs', 'managed_campaigns', 'editable_assessments') "
        "AND p.prorows > 50",
        0, NULL);
    ck_assert_msg(large[0] == '\0', "planned as large sets: %s", large);
    free(large);
    PQfinish(db);
}
END_TEST

/* No policy computes every incident a user works on to judge one row (schema/032): with a
 * million incidents that set was read at every statement that wrote a timeline row. */
START_TEST(incident_policies_look_up_one_incident)
{
    PGconn *db = test_db_owner();
    char *sets =
        test_db_value(db,
                      "SELECT coalesce(string_agg(c.relname || '.' || p.polname, ', '), '') "
                      "FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid "
                      "WHERE coalesce(pg_get_expr(p.polqual, p.polrelid), '') || "
                      "      coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '') "
                      "      ~ '(internal|member)_incidents\\(\\)|IN \\( SELECT incidents\\.id'",
                      0, NULL);
    ck_assert_msg(sets[0] == '\0', "policies that compute a set of incidents: %s", sets);
    free(sets);
    PQfinish(db);
    /* and the lookups answer as the sets did, for a parent's member who oversees its group
     * companies, a group company's and a supplier's (tests/tenants.h) */
    PGconn *owner = test_db_owner();
    struct tenants world;
    tenants_build(owner, &world);
    PQfinish(owner);
    static const enum tenant who[] = {TENANT_P, TENANT_G, TENANT_S};
    for (size_t u = 0; u < sizeof who / sizeof who[0]; u++) {
        PGconn *as = test_db_app_as(world.email[who[u]]);
        ck_assert_int_gt(test_db_long(as, "SELECT count(*) FROM incidents", 0, NULL), 0);
        ck_assert_int_eq(test_db_long(as,
                                      "SELECT count(*) FROM incidents i WHERE "
                                      "app.is_internal_incident(i.id) <> "
                                      "(i.id IN (SELECT app.internal_incidents())) OR "
                                      "app.is_member_incident(i.id) <> "
                                      "(i.id IN (SELECT app.member_incidents()))",
                                      0, NULL),
                         0);
        test_db_app_end(as);
    }
}
END_TEST

/* The read policies of questionnaires (schema/051), of answers, evidence and score totals
 * (052) and of organisations (053, as far as overseen) ask views the planner sees into rather than
 * app.visible_questionnaires() and app.answer_readable_assessments() and app.overseen_orgs(), which
 * computed the whole set at every statement; each view lets through exactly what its function did,
 * for every member of the tenants' world (a parent overseeing its group companies, those companies,
 * a supplier of two customers, an unrelated parent) and the demo's reviewer, assessor and supplier.
 */
START_TEST(visibility_views_are_the_old_sets)
{
    PGconn *owner = test_db_owner();
    char *sets = test_db_value(owner,
                               "SELECT coalesce(string_agg(c.relname || '.' || p.polname, ', '), "
                               "'') FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid "
                               "WHERE pg_get_expr(p.polqual, p.polrelid) ~ "
                               "'(visible_questionnaires|answer_readable_assessments)\\(\\)' OR "
                               "(c.relname = 'organisations' AND "
                               "pg_get_expr(p.polqual, p.polrelid) ~ 'overseen_orgs\\(\\)')",
                               0, NULL);
    ck_assert_msg(sets[0] == '\0', "policies computing a whole set: %s", sets);
    free(sets);
    struct tenants world;
    tenants_build(owner, &world);
    PQfinish(owner);
    const char *emails[TENANT_COUNT + 3];
    int n = 0;
    for (int who = 0; who < TENANT_COUNT; who++)
        emails[n++] = world.email[who];
    emails[n++] = "reviewer@northwind.example";
    emails[n++] = "assessor@energy.example";
    emails[n++] = "assessor@acme.example";
    static const char *const pairs[][2] = {
        {"app.questionnaire_visibility", "app.visible_questionnaires()"},
        {"app.answer_readability", "app.answer_readable_assessments()"},
        {"app.overseen_organisations", "app.overseen_orgs()"},
    };
    for (int u = 0; u < n; u++) {
        PGconn *as = test_db_app_as(emails[u]);
        for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++) {
            char sql[512];
            snprintf(sql, sizeof sql,
                     "SELECT count(*) FROM ((SELECT id FROM %s EXCEPT SELECT %s) UNION ALL "
                     "(SELECT %s EXCEPT SELECT id FROM %s)) d",
                     pairs[k][0], pairs[k][1], pairs[k][1], pairs[k][0]);
            long differ = test_db_long(as, sql, 0, NULL);
            ck_assert_msg(differ == 0, "%s: %s and %s differ by %ld", emails[u], pairs[k][0],
                          pairs[k][1], differ);
        }
        test_db_app_end(as);
    }
}
END_TEST

static Suite *policy_helpers_suite(void)
{
    Suite *s = suite_create("policy_helpers");
    TCase *t = tcase_create("helpers");
    tcase_add_test(t, no_helper_is_planned_per_call);
    tcase_add_test(t, helpers_answer_as_before);
    tcase_add_test(t, small_sets_are_planned_as_small);
    tcase_add_test(t, incident_policies_look_up_one_incident);
    tcase_add_test(t, visibility_views_are_the_old_sets);
    suite_add_tcase(s, t);
    return s;
}

TEST_MAIN(policy_helpers_suite)
