/* test_membership_consent.c - nobody becomes a member of an organisation they did not
 * accept, and every membership a person accepted stays in their session. A parent's
 * administrator who names an existing account (with a password) for a new child
 * organisation only invites it: no membership until its owner, signed in, accepts. A
 * person with more memberships than the session used to hold (32) keeps their own
 * organisation's rights, however the other organisations' names sort. A person sees
 * their organisations on /account and can leave one, except as its last administrator. */
#include "testlib.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ADMIN "admin@northwind.example"
#define VICTIM "assessor@acme.example"

static long membership_count(PGconn *db, const char *email, const char *org)
{
    const char *p[] = {email, org};
    return test_db_long(db,
                        "SELECT count(*) FROM memberships m JOIN users u ON u.id = m.user_id "
                        "JOIN organisations o ON o.id = m.org_id "
                        "WHERE u.email = $1 AND o.name = $2",
                        2, p);
}

START_TEST(existing_account_is_invited_not_added)
{
    ck_assert_int_ge(sodium_init(), 0);
    char org[96];
    snprintf(org, sizeof org, "Consent test supplier %u", randombytes_random());
    struct http *admin = http_new();
    ck_assert_int_eq(http_login(admin, ADMIN, test_password(ADMIN)), 303);
    ck_assert_int_eq(http_get(admin, "/organisations"), 200);
    char csrf[128];
    snprintf(csrf, sizeof csrf, "%s", http_csrf_of(admin, "/organisations"));
    ck_assert_int_eq(http_post(admin, "/organisations", "csrf_token", csrf, "organisation", org,
                               "relation", "supplier", "user_email", VICTIM, "user_name",
                               "Someone Else", "role", "incident_reporter", NULL),
                     303);
    PGconn *db = test_db_owner();
    ck_assert_int_eq(membership_count(db, VICTIM, org), 0);

    /* the owner of the account sees nothing of it until they accept */
    struct http *victim = http_new();
    ck_assert_int_eq(http_login(victim, VICTIM, test_password(VICTIM)), 303);
    ck_assert_int_eq(http_get(victim, "/"), 200);
    ck_assert_ptr_null(strstr(victim->body, org));
    /* but their account page says an invitation waits, from whom, as what */
    ck_assert_int_eq(http_get(victim, "/account"), 200);
    char *waiting = strstr(victim->body, "Invitations waiting for you");
    ck_assert_ptr_nonnull(waiting);
    ck_assert_ptr_nonnull(strstr(waiting, org));
    ck_assert_ptr_nonnull(strstr(waiting, "Incident reporter"));
    ck_assert_ptr_nonnull(strstr(waiting, "Nora Admin"));
    const char *token = test_invitation_token(VICTIM);
    ck_assert_ptr_nonnull(token);
    char link[256];
    snprintf(link, sizeof link, "/invite?token=%s", token);
    ck_assert_int_eq(http_get(victim, link), 200);
    ck_assert_ptr_nonnull(strstr(victim->body, org));
    snprintf(csrf, sizeof csrf, "%s", http_csrf_of(victim, "/invite"));
    ck_assert_int_eq(http_post(victim, "/invite", "csrf_token", csrf, "token", token, NULL), 303);
    ck_assert_int_eq(membership_count(db, VICTIM, org), 1);
    const char *p[] = {VICTIM, org};
    char *role = test_db_value(db,
                               "SELECT m.role FROM memberships m JOIN users u ON u.id = m.user_id "
                               "JOIN organisations o ON o.id = m.org_id "
                               "WHERE u.email = $1 AND o.name = $2",
                               2, p);
    ck_assert_str_eq(role, "incident_reporter");
    free(role);

    /* they see it among their organisations, no longer waiting, and leave it again */
    ck_assert_int_eq(http_get(victim, "/account"), 200);
    ck_assert_ptr_nonnull(strstr(victim->body, org));
    waiting = strstr(victim->body, "Invitations waiting for you");
    ck_assert_ptr_nonnull(waiting);
    ck_assert_ptr_null(strstr(waiting, org));
    ck_assert_int_eq(test_org_id(db, org) > 0, 1);
    char leave[96];
    snprintf(leave, sizeof leave, "/memberships/%ld/leave", test_org_id(db, org));
    snprintf(csrf, sizeof csrf, "%s", http_session_csrf(victim));
    ck_assert_int_eq(http_post(victim, leave, "csrf_token", csrf, NULL), 303);
    ck_assert_int_eq(membership_count(db, VICTIM, org), 0);
    ck_assert_int_eq(http_get(victim, "/account"), 200);
    ck_assert_ptr_null(strstr(victim->body, org));
    ck_assert_int_eq(http_post(victim, leave, "csrf_token", csrf, NULL), 404); /* not a member */
    PQfinish(db);
    http_free(admin);
    http_free(victim);
}
END_TEST

/* The last administrator of an organisation cannot leave it. */
START_TEST(last_administrator_cannot_leave)
{
    PGconn *db = test_db_owner();
    char org[96];
    snprintf(org, sizeof org, "Consent test sole admin %u", randombytes_random());
    const char *p[] = {org, VICTIM};
    free(test_db_value(db,
                       "WITH o AS (INSERT INTO organisations (name) VALUES ($1) RETURNING id) "
                       "INSERT INTO memberships (user_id, org_id, role) SELECT "
                       "(SELECT id FROM users WHERE email = $2), o.id, 'org_admin' FROM o "
                       "RETURNING 1",
                       2, p));
    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, VICTIM, test_password(VICTIM)), 303);
    ck_assert_int_eq(http_get(h, "/account"), 200);
    char leave[96], csrf[128];
    snprintf(leave, sizeof leave, "/memberships/%ld/leave", test_org_id(db, org));
    snprintf(csrf, sizeof csrf, "%s", http_session_csrf(h));
    ck_assert_int_eq(http_post(h, leave, "csrf_token", csrf, NULL), 422);
    ck_assert_ptr_nonnull(strstr(h->body, "last administrator"));
    ck_assert_int_eq(membership_count(db, VICTIM, org), 1);
    free(test_db_value(db,
                       "DELETE FROM memberships WHERE org_id = (SELECT id FROM organisations "
                       "WHERE name = $1) AND user_id = (SELECT id FROM users WHERE email = $2) "
                       "RETURNING 1",
                       2, p));
    PQfinish(db);
    http_free(h);
}
END_TEST

START_TEST(every_membership_stays_in_the_session)
{
    const char *who = "coordinator@northwind.example";
    PGconn *db = test_db_owner();
    char tag[32];
    snprintf(tag, sizeof tag, "%u", randombytes_random());
    const char *p[] = {tag, who};
    /* 40 organisations whose names sort before everyone's, each with a membership */
    free(test_db_value(db,
                       "WITH o AS (INSERT INTO organisations (name) "
                       "  SELECT '!' || lpad(g::text, 3, '0') || ' sorts first ' || $1 "
                       "  FROM generate_series(1, 40) g RETURNING id) "
                       "INSERT INTO memberships (user_id, org_id, role) "
                       "SELECT (SELECT id FROM users WHERE email = $2), o.id, 'assessor' FROM o "
                       "RETURNING 1",
                       2, p));
    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, who, test_password(who)), 303);
    ck_assert_int_eq(http_get(h, "/queue"), 200); /* a coordinator of Northwind Group still */
    free(test_db_value(db,
                       "DELETE FROM memberships WHERE user_id = (SELECT id FROM users WHERE "
                       "email = $2) AND org_id IN (SELECT id FROM organisations WHERE name LIKE "
                       "'!%' || $1) RETURNING 1",
                       2, p));
    PQfinish(db);
    http_free(h);
}
END_TEST

static Suite *membership_consent_suite(void)
{
    Suite *s = suite_create("membership_consent");
    TCase *t = tcase_create("consent");
    tcase_set_timeout(t, 60);
    tcase_add_test(t, existing_account_is_invited_not_added);
    tcase_add_test(t, every_membership_stays_in_the_session);
    tcase_add_test(t, last_administrator_cannot_leave);
    suite_add_tcase(s, t);
    return s;
}

TEST_MAIN(membership_consent_suite)
