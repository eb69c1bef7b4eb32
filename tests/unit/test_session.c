/* test_session.c - the pure parts of sessions: role names and their bits, and finding a
 * membership by organisation and role on a hand-filled struct session (no database). */
#include "testlib.h"

#include "session.h"

#include <string.h>

static struct session sess;
static struct membership store[8];

/* Adds a membership to sess. */
static void member(long org_id, const char *name, unsigned roles)
{
    struct membership *m = &sess.orgs[sess.n_orgs++];
    m->org_id = org_id;
    strcpy(m->org_name, name);
    m->roles = roles;
}

static void setup(void)
{
    memset(&sess, 0, sizeof sess);
    sess.orgs = store;
    sess.user_id = 7;
    member(10, "Alpha", ROLE_ASSESSOR);
    member(20, "Beta", ROLE_INCIDENT_REPORTER | ROLE_ORG_ADMIN);
    member(30, "Gamma", ROLE_ASSESSOR | ROLE_REVIEWER);
}

START_TEST(test_role_from_name)
{
    ck_assert_uint_eq(role_from_name("org_admin"), ROLE_ORG_ADMIN);
    ck_assert_uint_eq(role_from_name("assessor"), ROLE_ASSESSOR);
    ck_assert_uint_eq(role_from_name("incident_reporter"), ROLE_INCIDENT_REPORTER);
    ck_assert_uint_eq(role_from_name("coordinator"), ROLE_COORDINATOR);
    ck_assert_uint_eq(role_from_name("reviewer"), ROLE_REVIEWER);
    ck_assert_uint_eq(role_from_name(""), 0);
    ck_assert_uint_eq(role_from_name("admin"), 0);
    ck_assert_uint_eq(role_from_name("Reviewer"), 0);
    ck_assert_uint_eq(role_from_name("reviewers"), 0);
}
END_TEST

START_TEST(test_role_name)
{
    ck_assert_str_eq(role_name(ROLE_ORG_ADMIN), "org_admin");
    ck_assert_str_eq(role_name(ROLE_ASSESSOR), "assessor");
    ck_assert_str_eq(role_name(ROLE_INCIDENT_REPORTER), "incident_reporter");
    ck_assert_str_eq(role_name(ROLE_COORDINATOR), "coordinator");
    ck_assert_str_eq(role_name(ROLE_REVIEWER), "reviewer");
    ck_assert_str_eq(role_name(0), "");
    ck_assert_str_eq(role_name(ROLE_ORG_ADMIN | ROLE_ASSESSOR), ""); /* one role at a time */
    ck_assert_str_eq(role_name(1u << 5), "");
    for (unsigned bit = 1; bit < ROLE_ANY_MEMBER; bit <<= 1)
        ck_assert_uint_eq(role_from_name(role_name(bit)), bit);
}
END_TEST

START_TEST(test_session_roles)
{
    ck_assert_uint_eq(session_roles(&sess),
                      ROLE_ASSESSOR | ROLE_INCIDENT_REPORTER | ROLE_ORG_ADMIN | ROLE_REVIEWER);
    sess.n_orgs = 0;
    ck_assert_uint_eq(session_roles(&sess), 0);
}
END_TEST

START_TEST(test_session_org)
{
    const struct membership *m = session_org(&sess, 20, ROLE_INCIDENT_REPORTER);
    ck_assert_ptr_eq(m, &sess.orgs[1]);
    ck_assert_str_eq(m->org_name, "Beta");
    ck_assert_ptr_eq(session_org(&sess, 20, ROLE_ORG_ADMIN), &sess.orgs[1]);
    ck_assert_ptr_eq(session_org(&sess, 30, ROLE_ORG_ADMIN | ROLE_REVIEWER), &sess.orgs[2]);
    ck_assert_ptr_eq(session_org(&sess, 10, ROLE_ANY_MEMBER), &sess.orgs[0]);
    /* a member without the role, an organisation without membership, no role asked */
    ck_assert_ptr_null(session_org(&sess, 10, ROLE_INCIDENT_REPORTER));
    ck_assert_ptr_null(session_org(&sess, 40, ROLE_ANY_MEMBER));
    ck_assert_ptr_null(session_org(&sess, 20, 0));
}
END_TEST

START_TEST(test_session_first_org)
{
    ck_assert_ptr_eq(session_first_org(&sess, ROLE_ASSESSOR), &sess.orgs[0]);
    ck_assert_ptr_eq(session_first_org(&sess, ROLE_REVIEWER), &sess.orgs[2]);
    ck_assert_ptr_eq(session_first_org(&sess, ROLE_ORG_ADMIN | ROLE_REVIEWER), &sess.orgs[1]);
    ck_assert_ptr_eq(session_first_org(&sess, ROLE_ANY_MEMBER), &sess.orgs[0]);
    ck_assert_ptr_null(session_first_org(&sess, ROLE_COORDINATOR));
    ck_assert_ptr_null(session_first_org(&sess, 0));
}
END_TEST

/* Entries past n_orgs are never looked at. */
START_TEST(test_n_orgs_bounds)
{
    sess.n_orgs = 1;
    ck_assert_ptr_null(session_org(&sess, 20, ROLE_ANY_MEMBER));
    ck_assert_ptr_null(session_first_org(&sess, ROLE_REVIEWER));
    ck_assert_uint_eq(session_roles(&sess), ROLE_ASSESSOR);
}
END_TEST

static Suite *session_suite(void)
{
    Suite *s = suite_create("session");
    TCase *tc = tcase_create("roles");
    tcase_add_test(tc, test_role_from_name);
    tcase_add_test(tc, test_role_name);
    suite_add_tcase(s, tc);
    tc = tcase_create("memberships");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, test_session_roles);
    tcase_add_test(tc, test_session_org);
    tcase_add_test(tc, test_session_first_org);
    tcase_add_test(tc, test_n_orgs_bounds);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(session_suite)
