/* test_evidence_kept.c - a file attached to an answer is kept whatever else on the form
 * went wrong (issue 10, defect 1: after a 422 the files were gone, and nothing said so),
 * is listed with its item with a Remove button, and Remove takes it away, and only it.
 * In the tenants' world (tests/tenants.h) G's member answers P's campaign. */
#include "tenants.h"
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct tenants world;
static char assessment[24], item[24], path[64];

static void world_setup(void)
{
    PGconn *db = test_db_owner();
    tenants_build(db, &world);
    const char *p[] = {world.org_id[TENANT_G]};
    char *id = test_db_value(db,
                             "SELECT a.id || ' ' || qi.id FROM assessments a "
                             "JOIN questionnaire_items qi ON qi.questionnaire_id = "
                             "a.questionnaire_id WHERE a.org_id = $1::bigint "
                             "AND a.campaign_id IS NOT NULL",
                             1, p);
    ck_assert_int_eq(sscanf(id, "%23s %23s", assessment, item), 2);
    free(id);
    snprintf(path, sizeof path, "/assessments/%s", assessment);
    PQfinish(db);
}

/* How many evidence files of G's assessment are named name. */
static long files_named(const char *name)
{
    PGconn *db = test_db_owner();
    const char *p[] = {assessment, name};
    long n = test_db_long(db,
                          "SELECT count(*) FROM evidence_files WHERE assessment_id = $1::bigint "
                          "AND file_name = $2",
                          2, p);
    PQfinish(db);
    return n;
}

START_TEST(a_file_survives_a_refused_submit_and_can_be_removed)
{
    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, world.email[TENANT_G], tenants_password), 303);
    ck_assert_int_eq(http_get(h, path), 200);
    char file_field[40];
    snprintf(file_field, sizeof file_field, "file_%s", item);
    const char text[] = "asset inventory, signed by the owner";
    /* submit without answering: refused (422), but the file is stored and shown */
    ck_assert_int_eq(http_post_multipart(h, path, file_field, "kept-inventory.txt", text,
                                         sizeof text - 1, "csrf_token", http_csrf(h), "action",
                                         "submit", NULL),
                     422);
    ck_assert_ptr_nonnull(strstr(h->body, "To submit, answer every item"));
    ck_assert_ptr_nonnull(strstr(h->body, "The files you attached are kept"));
    ck_assert_ptr_nonnull(strstr(h->body, "kept-inventory.txt"));
    ck_assert_int_eq(files_named("kept-inventory.txt"), 1);
    /* the Remove button beside that file (the item has the world's own file too) */
    const char *remove =
        strstr(strstr(h->body, "kept-inventory.txt"), "name=\"remove_file\" value=\"");
    ck_assert_ptr_nonnull(remove);
    long file_id = atol(remove + strlen("name=\"remove_file\" value=\""));
    ck_assert_int_gt(file_id, 0);

    /* a refused file is not stored, and says why */
    ck_assert_int_eq(http_post_multipart(h, path, file_field, "run.exe", "MZ", 2, "csrf_token",
                                         http_csrf(h), "action", "save", NULL),
                     422);
    ck_assert_ptr_nonnull(strstr(h->body, "not accepted"));
    ck_assert_int_eq(files_named("run.exe"), 0);

    /* Remove: that file goes, the world's own evidence of G stays */
    char evidence[96];
    snprintf(evidence, sizeof evidence, "%s evidence.txt", world.leak_marker[TENANT_G]);
    ck_assert_int_eq(files_named(evidence), 1);
    char id[24];
    snprintf(id, sizeof id, "%ld", file_id);
    ck_assert_int_eq(http_get(h, path), 200);
    ck_assert_int_eq(http_post(h, path, "csrf_token", http_csrf(h), "remove_file", id, NULL), 303);
    ck_assert_int_eq(files_named("kept-inventory.txt"), 0);
    ck_assert_int_eq(files_named(evidence), 1);

    /* another organisation's file cannot be removed from here; a malformed id is a 400 */
    PGconn *db = test_db_owner();
    const char *p[] = {world.org_id[TENANT_P]};
    char *other = test_db_value(db,
                                "SELECT e.id FROM evidence_files e JOIN assessments a ON a.id = "
                                "e.assessment_id WHERE a.org_id = $1::bigint",
                                1, p);
    const char *q[] = {other};
    ck_assert_int_eq(http_get(h, path), 200);
    ck_assert_int_eq(http_post(h, path, "csrf_token", http_csrf(h), "remove_file", other, NULL),
                     303);
    ck_assert_int_eq(
        test_db_long(db, "SELECT count(*) FROM evidence_files WHERE id = $1::bigint", 1, q), 1);
    free(other);
    PQfinish(db);
    ck_assert_int_eq(http_get(h, path), 200);
    ck_assert_int_eq(http_post(h, path, "csrf_token", http_csrf(h), "remove_file", "1; x", NULL),
                     400);
    http_free(h);
}
END_TEST

static Suite *evidence_kept_suite(void)
{
    Suite *s = suite_create("evidence_kept");
    TCase *t = tcase_create("evidence");
    tcase_set_timeout(t, 30);
    tcase_add_unchecked_fixture(t, world_setup, NULL);
    tcase_add_test(t, a_file_survives_a_refused_submit_and_can_be_removed);
    suite_add_tcase(s, t);
    return s;
}

TEST_MAIN(evidence_kept_suite)
