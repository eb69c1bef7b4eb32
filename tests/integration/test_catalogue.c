/* test_catalogue.c - pins the loaded ISO/IEC TR 27103:2018 catalogue to the source
 * document: the number of functions, categories and sub-categories per category, a
 * sample of standards mappings, Annex B, and that migrations are recorded. The expected
 * values were counted from ../shared/seeds/000_*.txt by hand; the seed is not read here. */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>

static PGconn *db;

static void setup(void)
{
    db = test_db_app(); /* the catalogue is readable by the portal's role */
}

static void teardown(void)
{
    PQfinish(db);
}

static long count(const char *sql)
{
    return test_db_long(db, sql, 0, NULL);
}

START_TEST(functions_and_categories)
{
    ck_assert_int_eq(count("SELECT count(*) FROM catalogue_functions"), 5);
    ck_assert_int_eq(count("SELECT count(*) FROM catalogue_categories"), 22);
    ck_assert_int_eq(count("SELECT count(*) FROM catalogue_subcategories"), 88);
    ck_assert_int_eq(count("SELECT count(*) FROM catalogue_mappings"), 375);
    char *order = test_db_value(db,
                                "SELECT string_agg(code, ',' ORDER BY position) "
                                "FROM catalogue_functions",
                                0, NULL);
    ck_assert_str_eq(order, "ID,PR,DE,RS,RC");
    free(order);
}
END_TEST

START_TEST(subcategories_per_category)
{
    char *per = test_db_value(db,
                              "SELECT string_agg(c.code || '=' || n, ' ' ORDER BY c.code) FROM "
                              "(SELECT category_id, count(*) n FROM catalogue_subcategories "
                              "GROUP BY category_id) s JOIN catalogue_categories c "
                              "ON c.id = s.category_id",
                              0, NULL);
    ck_assert_str_eq(per, "DE.AE=5 DE.CM=6 DE.DP=5 ID.AM=5 ID.BE=5 ID.GV=4 ID.RA=6 ID.RM=3 "
                          "PR.AC=4 PR.AT=2 PR.DS=7 PR.IP=10 PR.MA=2 PR.PT=4 RC.CO=3 RC.IM=2 "
                          "RC.RP=1 RS.AN=4 RS.CO=5 RS.IM=2 RS.MI=2 RS.RP=1");
    free(per);
}
END_TEST

static void assert_clause_supports(const char *standard, const char *clause, const char *expected)
{
    const char *p[] = {standard, clause};
    char *codes = test_db_value(db,
                                "SELECT string_agg(s.code, ',' ORDER BY s.code) "
                                "FROM catalogue_mappings m JOIN catalogue_subcategories s "
                                "ON s.id = m.subcategory_id "
                                "WHERE m.standard = $1 AND m.clause = $2",
                                2, p);
    ck_assert_str_eq(codes, expected);
    free(codes);
}

START_TEST(sample_mappings)
{
    assert_clause_supports("ISO/IEC 27002:2013", "16.1.2", "DE.DP-4,RS.CO-2,RS.CO-3");
    assert_clause_supports("IEC 62443-2-1:2010", "4.3.2.4.2", "PR.AT-1,PR.AT-2");
    assert_clause_supports("ISO/IEC 30111", "", "ID.RA-1,ID.RA-2,PR.IP-10,RS.MI-2");
    assert_clause_supports("IEC 62443-2-1:2010", "4.2.3.10", "DE.AE-5");
    /* Table A.5, Asset Management: the first row maps to three standards */
    char *am1 = test_db_value(db,
                              "SELECT string_agg(m.standard || ' ' || m.clause, '; ' "
                              "ORDER BY m.position) FROM catalogue_mappings m "
                              "JOIN catalogue_subcategories s ON s.id = m.subcategory_id "
                              "WHERE s.code = 'ID.AM-1'",
                              0, NULL);
    ck_assert_str_eq(am1, "ISO/IEC 27002:2013 8.1.1; ISO/IEC 27002:2013 8.1.2; "
                          "IEC 62443-2-1:2010 4.2.3.4; ISO/IEC 27019:2017 9.2.1");
    free(am1);
}
END_TEST

START_TEST(annex_b_principles_and_essentials)
{
    ck_assert_int_eq(count("SELECT count(*) FROM management_items WHERE kind = 'principle'"), 3);
    ck_assert_int_eq(count("SELECT count(*) FROM management_items WHERE kind = 'essential'"), 10);
    ck_assert_int_eq(count("SELECT count(*) FROM management_mappings"), 45);
}
END_TEST

START_TEST(every_migration_is_recorded)
{
    PGconn *owner = test_db_owner();
    ck_assert_int_ge(test_db_long(owner, "SELECT count(*) FROM schema_migrations", 0, NULL), 7);
    char *first = test_db_value(owner, "SELECT min(version) FROM schema_migrations", 0, NULL);
    ck_assert_str_eq(first, "001_identity");
    free(first);
    PQfinish(owner);
}
END_TEST

static Suite *catalogue_suite(void)
{
    Suite *s = suite_create("catalogue");
    TCase *tc = tcase_create("tr27103");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, functions_and_categories);
    tcase_add_test(tc, subcategories_per_category);
    tcase_add_test(tc, sample_mappings);
    tcase_add_test(tc, annex_b_principles_and_essentials);
    tcase_add_test(tc, every_migration_is_recorded);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(catalogue_suite)
