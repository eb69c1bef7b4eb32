/* test_incident_people.c - who recorded a regulatory report as sent is named to everyone who
 * works on the incident, and to nobody else (schema/034; issue 10, defect 4: a group
 * company's coordinators read "a user of another organisation" when the parent's
 * coordinator had recorded their NIS2 notification). In the tenants' world (tests/tenants.h)
 * P's member records G's notification as sent. */
#include "tenants.h"
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct tenants world;
static char obligation[24]; /* G's incident's NIS2 early warning */

static void world_setup(void)
{
    PGconn *db = test_db_owner();
    tenants_build(db, &world);
    const char *p[] = {world.org_id[TENANT_G], world.user_id[TENANT_P]};
    char *id = test_db_value(db,
                             "UPDATE notification_obligations o SET sent_at = now(), "
                             "sent_by = $2::bigint, sent_to = 'CSIRT' FROM incidents i "
                             "WHERE i.id = o.incident_id AND i.org_id = $1::bigint RETURNING o.id",
                             2, p);
    ck_assert_msg(id[0] != '\0', "G's incident has no obligation");
    snprintf(obligation, sizeof obligation, "%s", id);
    free(id);
    PQfinish(db);
}

/* The sender's name as member of who ("(none)" for NULL). */
static char *sender_as(enum tenant who)
{
    PGconn *db = test_db_app_as(world.email[who]);
    const char *p[] = {obligation};
    char *name =
        test_db_value(db, "SELECT coalesce(app.obligation_sender($1::bigint), '(none)')", 1, p);
    test_db_app_end(db);
    return name;
}

START_TEST(those_who_work_on_the_incident_see_the_sender)
{
    static const enum tenant insiders[] = {TENANT_G, TENANT_P};
    for (size_t i = 0; i < sizeof insiders / sizeof insiders[0]; i++) {
        char *name = sender_as(insiders[i]);
        ck_assert_msg(strcmp(name, "Member P") == 0, "%c read %s", tenant_letter(insiders[i]),
                      name);
        free(name);
    }
}
END_TEST

START_TEST(outsiders_see_no_sender)
{
    static const enum tenant outsiders[] = {TENANT_H, TENANT_S, TENANT_Q, TENANT_R};
    for (size_t i = 0; i < sizeof outsiders / sizeof outsiders[0]; i++) {
        char *name = sender_as(outsiders[i]);
        ck_assert_msg(strcmp(name, "(none)") == 0, "%c read %s", tenant_letter(outsiders[i]), name);
        free(name);
    }
}
END_TEST

static Suite *incident_people_suite(void)
{
    Suite *s = suite_create("incident_people");
    TCase *t = tcase_create("people");
    tcase_add_unchecked_fixture(t, world_setup, NULL);
    tcase_add_test(t, those_who_work_on_the_incident_see_the_sender);
    tcase_add_test(t, outsiders_see_no_sender);
    suite_add_tcase(s, t);
    return s;
}

TEST_MAIN(incident_people_suite)
