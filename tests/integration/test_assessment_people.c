/* test_assessment_people.c - who submitted and who reviewed an assessment is named to every
 * organisation that sees it, and to nobody else (schema/033; issue 10, defect 4: the parent's
 * reviewer read "submitted by , <date>"). In the tenants' world (tests/tenants.h) G answers
 * P's campaign: G's member submits, P's member reviews. Also checks that
 * app.assessment_visible agrees with the assessments_read policy for every member of the
 * world on every assessment, and that the people who answered its items are named to the
 * same organisations (schema/040). */
#include "tenants.h"
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct tenants world;
static char assessment[24]; /* G's answer to P's campaign */

static void world_setup(void)
{
    PGconn *db = test_db_owner();
    tenants_build(db, &world);
    const char *p[] = {world.org_id[TENANT_G], world.user_id[TENANT_G], world.user_id[TENANT_P]};
    char *id = test_db_value(db,
                             "UPDATE assessments SET status = 'submitted', submitted_by = $2, "
                             "submitted_at = now() WHERE org_id = $1::bigint "
                             "AND campaign_id IS NOT NULL RETURNING id",
                             2, p);
    ck_assert_msg(id[0] != '\0', "G has no campaign assessment");
    snprintf(assessment, sizeof assessment, "%s", id);
    free(id);
    const char *q[] = {assessment, world.user_id[TENANT_P]};
    free(test_db_value(db,
                       "UPDATE assessments SET status = 'accepted', reviewed_by = $2::bigint, "
                       "reviewed_at = now() WHERE id = $1::bigint RETURNING id",
                       2, q));
    const char *r[] = {assessment, world.user_id[TENANT_G]};
    free(test_db_value(db,
                       "INSERT INTO assessment_answers (assessment_id, item_id, level, updated_by) "
                       "SELECT a.id, qi.id, 3, $2::bigint FROM assessments a "
                       "JOIN questionnaire_items qi ON qi.questionnaire_id = a.questionnaire_id "
                       "WHERE a.id = $1::bigint ORDER BY qi.position LIMIT 1 RETURNING item_id",
                       2, r));
    PQfinish(db);
}

/* The name of the person in role for the assessment, as member of who sees it ("(none)"
 * for NULL). */
static char *person_as(enum tenant who, const char *role)
{
    PGconn *db = test_db_app_as(world.email[who]);
    const char *p[] = {assessment, role};
    char *name =
        test_db_value(db, "SELECT coalesce(app.assessment_person($1::bigint, $2), '(none)')", 2, p);
    test_db_app_end(db);
    return name;
}

START_TEST(the_organisations_involved_see_the_names)
{
    char *name = person_as(TENANT_P, "submitted");
    ck_assert_str_eq(name, "Member G"); /* the parent's reviewer sees the child's assessor */
    free(name);
    name = person_as(TENANT_G, "reviewed");
    ck_assert_str_eq(name, "Member P"); /* and the child sees its reviewer */
    free(name);
    name = person_as(TENANT_G, "submitted");
    ck_assert_str_eq(name, "Member G");
    free(name);
    name = person_as(TENANT_P, "created"); /* only the two roles */
    ck_assert_str_eq(name, "(none)");
    free(name);
}
END_TEST

START_TEST(outsiders_see_no_name)
{
    static const enum tenant outsiders[] = {TENANT_H, TENANT_S, TENANT_Q, TENANT_R};
    for (size_t i = 0; i < sizeof outsiders / sizeof outsiders[0]; i++) {
        char *name = person_as(outsiders[i], "submitted");
        ck_assert_msg(strcmp(name, "(none)") == 0, "%c read %s", tenant_letter(outsiders[i]), name);
        free(name);
        name = person_as(outsiders[i], "reviewed");
        ck_assert_msg(strcmp(name, "(none)") == 0, "%c read %s", tenant_letter(outsiders[i]), name);
        free(name);
    }
}
END_TEST

/* The names app.assessment_answerers gives member who of G's assessment ("" for none). */
static char *answerers_as(enum tenant who)
{
    PGconn *db = test_db_app_as(world.email[who]);
    const char *p[] = {assessment};
    char *names = test_db_value(db,
                                "SELECT coalesce(string_agg(person_name, ','), '') "
                                "FROM app.assessment_answerers($1::bigint)",
                                1, p);
    test_db_app_end(db);
    return names;
}

START_TEST(who_answered_is_named_to_the_organisations_involved_only)
{
    char *names = answerers_as(TENANT_P); /* the reviewer beside the answers */
    ck_assert_str_eq(names, "Member G");
    free(names);
    names = answerers_as(TENANT_G);
    ck_assert_str_eq(names, "Member G");
    free(names);
    static const enum tenant outsiders[] = {TENANT_H, TENANT_S, TENANT_Q, TENANT_R};
    for (size_t i = 0; i < sizeof outsiders / sizeof outsiders[0]; i++) {
        names = answerers_as(outsiders[i]);
        ck_assert_msg(names[0] == '\0', "%c read %s", tenant_letter(outsiders[i]), names);
        free(names);
    }
}
END_TEST

/* app.assessment_visible asks the assessments_read policy's condition of one row: for each
 * member of the world, the assessments it answers true for are those the policy shows. */
START_TEST(visibility_agrees_with_the_policy)
{
    for (int who = 0; who < TENANT_COUNT; who++) {
        PGconn *as = test_db_app_as(world.email[who]);
        char *by_policy = test_db_value(
            as, "SELECT coalesce(string_agg(id::text, ',' ORDER BY id), '') FROM assessments", 0,
            NULL);
        test_db_app_end(as);
        PGconn *owner = test_db_owner();
        const char *u[] = {world.user_id[who]};
        free(test_db_value(owner, "SELECT set_config('app.user_id', $1, false)", 1, u));
        char *by_function = test_db_value(owner,
                                          "SELECT coalesce(string_agg(id::text, ',' ORDER BY "
                                          "id), '') FROM assessments "
                                          "WHERE app.assessment_visible(id)",
                                          0, NULL);
        PQfinish(owner);
        ck_assert_msg(strcmp(by_policy, by_function) == 0, "%c: policy %s, function %s",
                      tenant_letter((enum tenant)who), by_policy, by_function);
        /* P, G and S own assessments (the others own none) */
        ck_assert_msg(by_policy[0] != '\0' ||
                          (who != TENANT_P && who != TENANT_G && who != TENANT_S),
                      "%c sees no assessment", tenant_letter((enum tenant)who));
        free(by_policy);
        free(by_function);
    }
}
END_TEST

static Suite *assessment_people_suite(void)
{
    Suite *s = suite_create("assessment_people");
    TCase *t = tcase_create("people");
    tcase_add_unchecked_fixture(t, world_setup, NULL);
    tcase_add_test(t, the_organisations_involved_see_the_names);
    tcase_add_test(t, outsiders_see_no_name);
    tcase_add_test(t, who_answered_is_named_to_the_organisations_involved_only);
    tcase_add_test(t, visibility_agrees_with_the_policy);
    suite_add_tcase(s, t);
    return s;
}

TEST_MAIN(assessment_people_suite)
