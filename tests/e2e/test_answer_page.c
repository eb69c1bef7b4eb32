/* test_answer_page.c - the answer page for the whole framework (issue 10, defects 2 and 3):
 * sections per function and category with their progress and a table of contents linking
 * to each, a save bar, the justification shown only for N/A, a refused form's problems
 * listed with links to the failing fields (and "answer every item" only when an answer is
 * missing), the returned items linked from the banner, and the reviewer's return choice
 * beside each answer. In the tenants' world (tests/tenants.h) P sends the whole framework
 * to G. */
#include "tenants.h"
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct tenants world;
static char path[64];
static char item_ids[88][24];

/* How often needle occurs in haystack. */
static int occurrences(const char *haystack, const char *needle)
{
    int n = 0;
    for (const char *at = strstr(haystack, needle); at; at = strstr(at + 1, needle))
        n++;
    return n;
}

/* P's member builds the whole framework and sends it to G; path is G's assessment. */
static void world_setup(void)
{
    PGconn *db = test_db_owner();
    tenants_build(db, &world);
    struct http *p = http_new();
    ck_assert_int_eq(http_login(p, world.email[TENANT_P], tenants_password), 303);
    ck_assert_int_eq(http_get(p, "/questionnaires/new"), 200);
    struct http_form f = {0};
    http_form_add(&f, "csrf_token", http_session_csrf(p));
    http_form_add(&f, "title", "Whole framework");
    http_form_add(&f, "target", "3");
    http_form_add(&f, "whole", "1");
    ck_assert_int_eq(http_form_post(p, "/questionnaires", &f), 303);
    long questionnaire = 0;
    ck_assert_int_eq(
        sscanf(http_header(p, "Location"), "/campaigns/new?questionnaire=%ld", &questionnaire), 1);
    char q[24], org[48];
    snprintf(q, sizeof q, "%ld", questionnaire);
    snprintf(org, sizeof org, "org_%s", world.org_id[TENANT_G]);
    ck_assert_int_eq(http_get(p, "/campaigns/new"), 200);
    http_form_add(&f, "csrf_token", http_session_csrf(p));
    http_form_add(&f, "org_id", world.org_id[TENANT_P]);
    http_form_add(&f, "title", "Whole framework baseline");
    http_form_add(&f, "questionnaire_id", q);
    http_form_add(&f, "due_date", "2030-06-30");
    http_form_add(&f, "recurrence", "none");
    http_form_add(&f, org, "1");
    ck_assert_int_eq(http_form_post(p, "/campaigns", &f), 303);
    long campaign = 0;
    ck_assert_int_eq(sscanf(http_header(p, "Location"), "/campaigns/%ld", &campaign), 1);
    http_free(p);
    char c[24];
    snprintf(c, sizeof c, "%ld", campaign);
    const char *params[] = {c};
    snprintf(path, sizeof path, "/assessments/%ld",
             test_db_long(db, "SELECT id FROM assessments WHERE campaign_id = $1::bigint", 1,
                          params));
    PGresult *items = PQexecParams(db,
                                   "SELECT id FROM questionnaire_items WHERE questionnaire_id = "
                                   "(SELECT questionnaire_id FROM campaigns WHERE id = $1::bigint) "
                                   "ORDER BY position",
                                   1, NULL, params, NULL, NULL, 0);
    ck_assert_int_eq(PQntuples(items), 88);
    for (int i = 0; i < 88; i++)
        snprintf(item_ids[i], sizeof item_ids[i], "%s", PQgetvalue(items, i, 0));
    PQclear(items);
    PQfinish(db);
}

/* A submit of every item at level 3, item bad also marked not applicable with a reason. */
static long submit_all(struct http *h, int bad)
{
    ck_assert_int_eq(http_get(h, path), 200);
    struct http_form f = {0};
    http_form_add(&f, "csrf_token", http_csrf_of(h, path));
    for (int i = 0; i < 88; i++) {
        char name[48];
        snprintf(name, sizeof name, "ver_%.23s", item_ids[i]);
        http_form_add(&f, name, http_input_value(h, name));
        snprintf(name, sizeof name, "level_%.23s", item_ids[i]);
        http_form_add(&f, name, "3");
        if (i == bad) {
            snprintf(name, sizeof name, "na_%.23s", item_ids[i]);
            http_form_add(&f, name, "1");
            snprintf(name, sizeof name, "just_%.23s", item_ids[i]);
            http_form_add(&f, name, "Run by the parent.");
        }
    }
    http_form_add(&f, "action", "submit");
    return http_form_post(h, path, &f);
}

/* The HTML of item id's block on the last page (up to the next item), as a new string. */
static char *item_block(struct http *h, const char *id)
{
    char anchor[48];
    snprintf(anchor, sizeof anchor, "id=\"item-%s\"", id);
    const char *start = strstr(h->body, anchor);
    ck_assert_msg(start != NULL, "no block for item %s", id);
    const char *end = strstr(start + 1, "id=\"item-");
    return strndup(start, end ? (size_t)(end - start) : strlen(start));
}

START_TEST(the_page_has_sections_contents_and_a_save_bar)
{
    struct http *g = http_new();
    ck_assert_int_eq(http_login(g, world.email[TENANT_G], tenants_password), 303);
    ck_assert_int_eq(http_get(g, path), 200);
    ck_assert_ptr_nonnull(strstr(g->body, "<nav class=\"toc answer-toc\""));
    ck_assert_int_eq(occurrences(g->body, "<section class=\"part\""), 5);
    ck_assert_int_eq(occurrences(g->body, "<section class=\"category\""), 22);
    /* every section and category is linked from the contents, with how far it is */
    for (const char *at = strstr(g->body, "<section class=\"category\" id=\""); at;
         at = strstr(at + 1, "<section class=\"category\" id=\"")) {
        char anchor[64], link[80];
        ck_assert_int_eq(sscanf(at, "<section class=\"category\" id=\"%63[^\"]\"", anchor), 1);
        snprintf(link, sizeof link, "href=\"#%s\"", anchor);
        ck_assert_msg(strstr(g->body, link) != NULL, "the contents do not link to %s", anchor);
    }
    ck_assert_ptr_nonnull(strstr(g->body, "<span class=\"count\">0 / 23</span>"));
    ck_assert_int_eq(occurrences(g->body, "class=\"actions savebar\""), 1);
    /* the justification is there to tick into view, not shown before N/A is ticked */
    ck_assert_int_eq(occurrences(g->body, "<div class=\"just\">"), 88);
    http_free(g);
}
END_TEST

START_TEST(problems_are_named_and_linked_and_review_sits_beside_the_answers)
{
    struct http *g = http_new();
    ck_assert_int_eq(http_login(g, world.email[TENANT_G], tenants_password), 303);

    /* nothing answered: "answer every item", 88 problems, the first 20 linked */
    ck_assert_int_eq(http_get(g, path), 200);
    ck_assert_int_eq(http_post(g, path, "csrf_token", http_csrf_of(g, path), "action", "submit",
                               NULL),
                     422);
    ck_assert_ptr_nonnull(strstr(g->body, "To submit, answer every item"));
    ck_assert_ptr_nonnull(strstr(g->body, "88 problems need your attention"));
    ck_assert_int_eq(occurrences(g->body, "<li><a href=\"#level_"), 20);
    ck_assert_ptr_nonnull(strstr(g->body, "68 more"));

    /* all answered, one with a level and N/A: not "answer every item", but that problem,
     * linked to its field, and the section marked; the justification shown with its text */
    ck_assert_int_eq(submit_all(g, 40), 422);
    ck_assert_ptr_null(strstr(g->body, "answer every item"));
    char link[96];
    snprintf(link, sizeof link, "<a href=\"#level_%s\">", item_ids[40]);
    ck_assert_ptr_nonnull(strstr(g->body, link));
    ck_assert_ptr_nonnull(strstr(g->body, "Give a level or mark it not applicable, not both."));
    ck_assert_ptr_nonnull(strstr(g->body, "One item needs your attention"));
    ck_assert_ptr_nonnull(strstr(g->body, "<span class=\"badge problem\">1 "));
    char *block = item_block(g, item_ids[40]);
    ck_assert_ptr_nonnull(strstr(block, "<div class=\"just shown\">"));
    ck_assert_ptr_nonnull(strstr(block, "Run by the parent."));
    free(block);

    ck_assert_int_eq(submit_all(g, -1), 303);

    /* the reviewer's choice sits in each item's block, beside its level */
    struct http *p = http_new();
    ck_assert_int_eq(http_login(p, world.email[TENANT_P], tenants_password), 303);
    ck_assert_int_eq(http_get(p, path), 200);
    for (int i = 0; i < 88; i += 29) {
        char field[48];
        block = item_block(p, item_ids[i]);
        snprintf(field, sizeof field, "name=\"return_%.23s\"", item_ids[i]);
        ck_assert_msg(strstr(block, field) != NULL, "no return choice beside item %d", i);
        snprintf(field, sizeof field, "name=\"comment_%.23s\"", item_ids[i]);
        ck_assert_ptr_nonnull(strstr(block, field));
        ck_assert_ptr_nonnull(strstr(block, "<strong class=\"level\">3</strong>"));
        ck_assert_ptr_nonnull(strstr(block, "answered by Member G")); /* schema/040 */
        free(block);
    }
    char review[80], choice[48], comment[48];
    snprintf(review, sizeof review, "%s/review", path);
    snprintf(choice, sizeof choice, "return_%s", item_ids[50]);
    snprintf(comment, sizeof comment, "comment_%s", item_ids[50]);
    ck_assert_int_eq(http_post(p, review, "csrf_token", http_csrf_of(p, review), choice, "1",
                               comment, "Show the test report.", "action", "return", NULL),
                     303);
    http_free(p);

    /* the respondent's banner leads to the returned item */
    ck_assert_int_eq(http_get(g, path), 200);
    snprintf(link, sizeof link, "<a href=\"#item-%s\">", item_ids[50]);
    const char *banner = strstr(g->body, "id=\"returned-items\"");
    ck_assert_ptr_nonnull(banner);
    ck_assert_ptr_nonnull(strstr(banner, link));
    ck_assert_ptr_nonnull(strstr(banner, "Show the test report."));
    ck_assert_int_eq(occurrences(g->body, "<select id=\"level_"), 1);
    http_free(g);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("answer_page");
    TCase *tc = tcase_create("answer_page");
    tcase_add_unchecked_fixture(tc, world_setup, NULL);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, the_page_has_sections_contents_and_a_save_bar);
    tcase_add_test(tc, problems_are_named_and_linked_and_review_sits_beside_the_answers);
    suite_add_tcase(s, tc);
    return testlib_run(s);
}
