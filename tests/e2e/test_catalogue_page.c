/* test_catalogue_page.c - the catalogue page through nginx: browsing the whole edition
 * (functions, all 22 categories with anchors, sub-categories with their mappings, Annex B),
 * searching by standard clause (exact and by prefix) and by text (wildcards taken
 * literally), invalid input answered with 422 and the input kept, sign-in required, and
 * an older edition still answering as before once a newer one is loaded beside it. */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ASSESSOR "assessor@energy.example"
#define ISO27002 "ISO%2FIEC%2027002%3A2013"

static struct http *signed_in(void)
{
    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, ASSESSOR, test_password(ASSESSOR)), 303);
    return h;
}

static void assert_has(struct http *h, const char *text)
{
    ck_assert_msg(strstr(h->body, text) != NULL, "\"%s\" missing from the page", text);
}

static void assert_lacks(struct http *h, const char *text)
{
    ck_assert_msg(strstr(h->body, text) == NULL, "\"%s\" should not be on the page", text);
}

/* The sub-category rows of a result page are <tr id="CODE">. */
static void assert_row(struct http *h, const char *code, int present)
{
    char row[64];
    snprintf(row, sizeof row, "<tr id=\"%s\">", code);
    if (present)
        assert_has(h, row);
    else
        assert_lacks(h, row);
}

START_TEST(browse_shows_the_whole_edition)
{
    static const char *const categories[] = {"ID.AM", "ID.BE", "ID.GV", "ID.RA", "ID.RM", "PR.AC",
                                             "PR.AT", "PR.DS", "PR.IP", "PR.MA", "PR.PT", "DE.AE",
                                             "DE.CM", "DE.DP", "RS.RP", "RS.CO", "RS.AN", "RS.MI",
                                             "RS.IM", "RC.RP", "RC.IM", "RC.CO"};
    struct http *h = signed_in();
    ck_assert_int_eq(http_get(h, "/catalogue"), 200);
    for (size_t i = 0; i < sizeof categories / sizeof categories[0]; i++) {
        char anchor[32], link[32];
        snprintf(anchor, sizeof anchor, "id=\"%s\"", categories[i]);
        snprintf(link, sizeof link, "href=\"#%s\"", categories[i]);
        assert_has(h, anchor); /* the section */
        assert_has(h, link);   /* its entry in the table of contents */
    }
    const char *functions[] = {"Identify", "Protect", "Detect", "Respond", "Recover"};
    for (int i = 0; i < 5; i++)
        assert_has(h, functions[i]);
    assert_has(h, "The Detect function identifies the occurrence");
    assert_has(h, "ID.AM-5");
    assert_has(h, "Physical devices and systems within the organization are inventoried");
    assert_has(h, "ISO/IEC 27002:2013 8.1.1");    /* a mapping chip */
    assert_has(h, "IEC 62443-2-1:2010, 4.2.3.4"); /* a category reference */
    /* Annex B with its mappings */
    assert_has(h, "id=\"annex-b\"");
    assert_has(h, "<tr id=\"P3\">");
    assert_has(h, "<tr id=\"E10\">");
    assert_has(h, "Reporting information security events");
    /* the standards to search by, and the nav link */
    assert_has(h, "<option value=\"ISO/IEC 27002:2013\">");
    assert_has(h, "<option value=\"ISO/IEC 27014\">"); /* cited only in Annex B */
    assert_has(h, "href=\"/catalogue\" aria-current=\"page\"");
    assert_lacks(h, "style=");
    assert_lacks(h, "id=\"no-results\"");
    http_free(h);
}
END_TEST

START_TEST(standard_clause_search)
{
    struct http *h = signed_in();
    ck_assert_int_eq(http_get(h, "/catalogue?standard=" ISO27002 "&clause=16.1.2"), 200);
    assert_row(h, "DE.DP-4", 1);
    assert_row(h, "RS.CO-2", 1);
    assert_row(h, "RS.CO-3", 1);
    assert_has(h, "id=\"count\">3<");
    assert_lacks(h, "ID.AM-1");
    assert_lacks(h, "RS.CO-1");
    assert_lacks(h, "id=\"ID.AM\""); /* no browse view under the results */
    /* Annex B: essential E9 cites the same clause */
    assert_row(h, "E9", 1);
    assert_has(h, "id=\"count-annex\">1<");
    assert_row(h, "E8", 0);
    /* the asked-for mapping is marked, the choice kept */
    assert_has(h, "class=\"chip hit\"");
    assert_has(h, "<option value=\"ISO/IEC 27002:2013\" selected>");
    assert_has(h, "value=\"16.1.2\"");

    /* a clause finds its sub-clauses: 16.1 also finds 16.1.x */
    ck_assert_int_eq(http_get(h, "/catalogue?standard=" ISO27002 "&clause=16.1"), 200);
    assert_row(h, "DE.DP-4", 1);
    assert_row(h, "RS.CO-2", 1);
    assert_row(h, "RS.CO-3", 1);
    assert_row(h, "DE.AE-2", 1); /* 16.1.4 */
    assert_row(h, "RS.MI-1", 1); /* 16.1.5 */
    assert_row(h, "ID.AM-1", 0);
    assert_has(h, "16.1 finds 16.1.1");
    PGconn *db = test_db_app();
    long expected = test_db_long(db,
                                 "SELECT count(DISTINCT subcategory_id) FROM catalogue_mappings "
                                 "WHERE standard = 'ISO/IEC 27002:2013' AND clause LIKE '16.1.%'",
                                 0, NULL);
    PQfinish(db);
    char count[48];
    snprintf(count, sizeof count, "id=\"count\">%ld<", expected);
    assert_has(h, count);
    /* ... but only at a dot: 1 is not a prefix of 16.1.2 */
    ck_assert_int_eq(http_get(h, "/catalogue?standard=" ISO27002 "&clause=1"), 200);
    assert_has(h, "id=\"no-results\"");
    assert_has(h, "id=\"count\">0<");
    http_free(h);
}
END_TEST

START_TEST(text_search)
{
    struct http *h = signed_in();
    ck_assert_int_eq(http_get(h, "/catalogue?q=inventor"), 200);
    assert_row(h, "ID.AM-1", 1);
    assert_row(h, "ID.AM-2", 1);
    assert_row(h, "ID.AM-3", 0);
    assert_has(h, "id=\"count\">2<");
    assert_has(h, "value=\"inventor\"");
    /* case does not matter; a category's name finds its sub-categories */
    ck_assert_int_eq(http_get(h, "/catalogue?q=%20INVENTOR%20"), 200);
    assert_has(h, "id=\"count\">2<");
    ck_assert_int_eq(http_get(h, "/catalogue?q=asset%20management"), 200);
    assert_row(h, "ID.AM-5", 1);
    assert_row(h, "ID.BE-1", 0);
    /* Annex B statements are searched too */
    ck_assert_int_eq(http_get(h, "/catalogue?q=csirt"), 200);
    assert_row(h, "E9", 1);
    http_free(h);
}
END_TEST

START_TEST(wildcards_are_literal)
{
    struct http *h = signed_in();
    /* each would match something (or everything) if taken as a LIKE pattern */
    static const char *const paths[] = {
        "/catalogue?q=100%25",      /* 100% */
        "/catalogue?q=%25",         /* % */
        "/catalogue?q=_",           /* _ */
        "/catalogue?q=inventor_ed", /* _ would match the i of "inventoried" */
        "/catalogue?q=%5C",         /* a lone backslash, the escape character */
        "/catalogue?q=%25inventor%25",
    };
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        ck_assert_int_eq(http_get(h, paths[i]), 200);
        ck_assert_msg(strstr(h->body, "id=\"no-results\""), "%s found something", paths[i]);
        assert_has(h, "id=\"count\">0<");
        assert_has(h, "id=\"count-annex\">0<");
    }
    /* a clause with wildcards is literal as well */
    ck_assert_int_eq(http_get(h, "/catalogue?standard=" ISO27002 "&clause=16.%25"), 200);
    assert_has(h, "id=\"no-results\"");
    http_free(h);
}
END_TEST

START_TEST(invalid_input_is_422_with_input_kept)
{
    struct http *h = signed_in();
    char q[202], path[256];
    memset(q, 'x', 201);
    q[201] = '\0';
    snprintf(path, sizeof path, "/catalogue?q=%s", q);
    ck_assert_int_eq(http_get(h, path), 422);
    char kept[220];
    snprintf(kept, sizeof kept, "value=\"%s\"", q);
    assert_has(h, kept);
    assert_has(h, "id=\"err-q\"");
    assert_has(h, "This is too long.");
    assert_has(h, "aria-describedby=\"err-q q-help\" aria-invalid=\"true\"");
    assert_lacks(h, "id=\"count\"");

    /* markup in the input comes back escaped */
    ck_assert_int_eq(http_get(h, "/catalogue?q=%3Cb%3E"), 200);
    assert_has(h, "value=\"&lt;b&gt;\"");
    assert_lacks(h, "<b>");

    /* a clause needs its standard */
    ck_assert_int_eq(http_get(h, "/catalogue?clause=16.1.2"), 422);
    assert_has(h, "id=\"err-standard\"");
    assert_has(h, "value=\"16.1.2\"");

    /* an edition that is no number, or does not exist */
    ck_assert_int_eq(http_get(h, "/catalogue?edition=abc"), 422);
    assert_has(h, "id=\"err-edition\"");
    ck_assert_int_eq(http_get(h, "/catalogue?edition=999999"), 422);
    assert_has(h, "id=\"err-edition\"");
    http_free(h);
}
END_TEST

START_TEST(signed_out_goes_to_login)
{
    struct http *h = http_new();
    ck_assert_int_eq(http_get(h, "/catalogue"), 303);
    ck_assert_str_eq(http_header(h, "Location"), "/login");
    ck_assert_int_eq(http_get(h, "/catalogue?standard=" ISO27002 "&clause=16.1.2"), 303);
    http_free(h);
}
END_TEST

/* ---- a second edition beside the first ---- */

#define TEST_EDITION "TEST catalogue-page edition"

static void remove_test_edition(PGconn *db)
{
    static const char *const steps[] = {
        "DELETE FROM catalogue_mappings WHERE subcategory_id IN (SELECT s.id FROM "
        "catalogue_subcategories s JOIN catalogue_categories c ON c.id = s.category_id "
        "JOIN catalogue_functions f ON f.id = c.function_id JOIN catalogue_editions e "
        "ON e.id = f.edition_id WHERE e.code = '" TEST_EDITION "')",
        "DELETE FROM catalogue_subcategories WHERE category_id IN (SELECT c.id FROM "
        "catalogue_categories c JOIN catalogue_functions f ON f.id = c.function_id "
        "JOIN catalogue_editions e ON e.id = f.edition_id WHERE e.code = '" TEST_EDITION "')",
        "DELETE FROM catalogue_categories WHERE function_id IN (SELECT f.id FROM "
        "catalogue_functions f JOIN catalogue_editions e ON e.id = f.edition_id "
        "WHERE e.code = '" TEST_EDITION "')",
        "DELETE FROM catalogue_functions WHERE edition_id IN (SELECT id FROM "
        "catalogue_editions WHERE code = '" TEST_EDITION "')",
        "DELETE FROM catalogue_editions WHERE code = '" TEST_EDITION "'",
    };
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        PGresult *res = PQexec(db, steps[i]);
        PQclear(res);
    }
}

/* Unchecked fixture (runs in the parent, even when a test fails): the test edition
 * exists only while the edition tests run. */
static void add_test_edition(void)
{
    PGconn *db = test_db_owner();
    remove_test_edition(db);
    static const char *const steps[] = {
        "INSERT INTO catalogue_editions (code, title) VALUES ('" TEST_EDITION
        "', 'A later edition')",
        "INSERT INTO catalogue_functions (edition_id, code, name, description, position) "
        "SELECT id, 'ZZ', 'Zeta', 'A function of the later edition.', 1 "
        "FROM catalogue_editions WHERE code = '" TEST_EDITION "'",
        "INSERT INTO catalogue_categories (function_id, code, name, description, position) "
        "SELECT f.id, 'ZZ.TE', 'Testing', 'Only in the later edition.', 1 "
        "FROM catalogue_functions f JOIN catalogue_editions e ON e.id = f.edition_id "
        "WHERE e.code = '" TEST_EDITION "'",
        "INSERT INTO catalogue_subcategories (category_id, code, outcome, position) "
        "SELECT c.id, 'ZZ.TE-1', 'Events are reported in the later edition', 1 "
        "FROM catalogue_categories c JOIN catalogue_functions f ON f.id = c.function_id "
        "JOIN catalogue_editions e ON e.id = f.edition_id WHERE e.code = '" TEST_EDITION "'",
        "INSERT INTO catalogue_mappings (subcategory_id, standard, clause, position) "
        "SELECT s.id, 'ISO/IEC 27002:2013', '16.1.2', 1 FROM catalogue_subcategories s "
        "JOIN catalogue_categories c ON c.id = s.category_id "
        "JOIN catalogue_functions f ON f.id = c.function_id "
        "JOIN catalogue_editions e ON e.id = f.edition_id WHERE e.code = '" TEST_EDITION "'",
    };
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
        free(test_db_value(db, steps[i], 0, NULL));
    PQfinish(db);
}

static void drop_test_edition(void)
{
    PGconn *db = test_db_owner();
    remove_test_edition(db);
    PQfinish(db);
}

START_TEST(older_edition_answers_as_before)
{
    PGconn *db = test_db_owner();
    char *old_id = test_db_value(db,
                                 "SELECT id FROM catalogue_editions "
                                 "WHERE code = 'ISO/IEC TR 27103:2018'",
                                 0, NULL);
    PQfinish(db);
    struct http *h = signed_in();

    /* the newest edition by default, with both listed */
    ck_assert_int_eq(http_get(h, "/catalogue"), 200);
    assert_has(h, "id=\"ZZ.TE\"");
    assert_lacks(h, "id=\"ID.AM\"");
    assert_has(h, TEST_EDITION);
    assert_has(h, "ISO/IEC TR 27103:2018");
    ck_assert_int_eq(http_get(h, "/catalogue?standard=" ISO27002 "&clause=16.1.2"), 200);
    assert_row(h, "ZZ.TE-1", 1);
    assert_row(h, "DE.DP-4", 0);
    assert_has(h, "id=\"count\">1<");

    /* the older edition, asked for by id, answers as it did */
    char path[160];
    snprintf(path, sizeof path, "/catalogue?edition=%s&standard=%s&clause=16.1.2", old_id,
             ISO27002);
    ck_assert_int_eq(http_get(h, path), 200);
    assert_row(h, "DE.DP-4", 1);
    assert_row(h, "RS.CO-2", 1);
    assert_row(h, "RS.CO-3", 1);
    assert_row(h, "ZZ.TE-1", 0);
    assert_has(h, "id=\"count\">3<");
    char hidden[96];
    snprintf(hidden, sizeof hidden, "name=\"edition\" value=\"%s\"", old_id);
    assert_has(h, hidden);
    snprintf(path, sizeof path, "/catalogue?edition=%s", old_id);
    ck_assert_int_eq(http_get(h, path), 200);
    assert_has(h, "id=\"ID.AM\"");
    assert_lacks(h, "id=\"ZZ.TE\"");
    free(old_id);
    http_free(h);
}
END_TEST

static Suite *catalogue_page_suite(void)
{
    Suite *s = suite_create("catalogue_page");
    TCase *tc = tcase_create("page");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, browse_shows_the_whole_edition);
    tcase_add_test(tc, standard_clause_search);
    tcase_add_test(tc, text_search);
    tcase_add_test(tc, wildcards_are_literal);
    tcase_add_test(tc, invalid_input_is_422_with_input_kept);
    tcase_add_test(tc, signed_out_goes_to_login);
    suite_add_tcase(s, tc);

    TCase *ed = tcase_create("editions");
    tcase_set_timeout(ed, 60);
    tcase_add_unchecked_fixture(ed, add_test_edition, drop_test_edition);
    tcase_add_test(ed, older_edition_answers_as_before);
    suite_add_tcase(s, ed);
    return s;
}

TEST_MAIN(catalogue_page_suite)
