/* test_portalctl_admin.c - the first administrator of a new installation (portalctl
 * create-admin, README "One host"): the organisation and its org_admin made in one
 * transaction with the password from standard input, who then signs in and reaches the
 * administrators' page; an existing account, an existing organisation of that name twice,
 * a short password and missing arguments change nothing; the creation is audited. */
#include "testlib.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

/* portalctl create-admin ORG EMAIL NAME with password on its standard input; its exit
 * status, and its standard output in out. */
static int create_admin(const char *org, const char *email, const char *name, const char *password,
                        char *out, size_t size)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "printf '%%s\\n' '%s' | %s create-admin '%s' '%s' '%s' 2>&1",
             password, test_env("TEST_PORTALCTL"), org, email, name);
    FILE *f = popen(cmd, "r");
    ck_assert_ptr_nonnull(f);
    size_t n = fread(out, 1, size - 1, f);
    out[n] = '\0';
    int rc = pclose(f);
    ck_assert(WIFEXITED(rc));
    return WEXITSTATUS(rc);
}

static long count_of(PGconn *db, const char *sql, const char *arg)
{
    const char *p[] = {arg};
    return test_db_long(db, sql, 1, p);
}

START_TEST(the_first_administrator_signs_in)
{
    char org[64], email[96], out[1024];
    unsigned r = randombytes_random();
    snprintf(org, sizeof org, "Operator Org %u", r);
    snprintf(email, sizeof email, "First.Admin.%u@Operator.example", r);
    const char *password = "a long enough password 42";
    ck_assert_msg(create_admin(org, email, "First Admin", password, out, sizeof out) == 0, "%s",
                  out);
    long org_id = 0, user_id = 0;
    ck_assert_int_eq(sscanf(out, "%ld %ld", &org_id, &user_id), 2);

    PGconn *db = test_db_owner();
    char oid[24];
    snprintf(oid, sizeof oid, "%ld", org_id);
    ck_assert_int_eq(count_of(db,
                              "SELECT count(*) FROM memberships WHERE org_id = $1::bigint "
                              "AND role = 'org_admin'",
                              oid),
                     1);
    ck_assert_int_eq(count_of(db,
                              "SELECT count(*) FROM audit_log WHERE org_id = $1::bigint "
                              "AND action = 'create_admin' AND entity = 'user'",
                              oid),
                     1);

    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, email, password), 303);
    ck_assert_int_eq(http_get(h, "/organisations"), 200);
    ck_assert_ptr_nonnull(strstr(h->body, "Operator Org"));
    http_free(h);

    /* the same address again: refused, nothing new; the organisation stays one */
    ck_assert_int_eq(create_admin(org, email, "Second", password, out, sizeof out), 1);
    ck_assert_ptr_nonnull(strstr(out, "has an account already"));
    ck_assert_int_eq(count_of(db, "SELECT count(*) FROM organisations WHERE name = $1", org), 1);
    /* a second administrator of the existing organisation by its name */
    char second[96];
    snprintf(second, sizeof second, "second.%u@operator.example", r);
    ck_assert_int_eq(create_admin(org, second, "Second Admin", password, out, sizeof out), 0);
    ck_assert_int_eq(count_of(db,
                              "SELECT count(*) FROM memberships WHERE role = 'org_admin' AND "
                              "org_id = $1::bigint",
                              oid),
                     2);
    PQfinish(db);
}
END_TEST

START_TEST(bad_input_changes_nothing)
{
    char org[64], email[96], out[1024];
    unsigned r = randombytes_random();
    snprintf(org, sizeof org, "Refused Org %u", r);
    snprintf(email, sizeof email, "refused.%u@operator.example", r);
    ck_assert_int_eq(create_admin(org, email, "Refused", "too short", out, sizeof out), 1);
    ck_assert_ptr_nonnull(strstr(out, "at least 12 characters"));
    ck_assert_int_eq(
        create_admin(org, "no-at-sign", "Refused", "a long enough password 42", out, sizeof out),
        2);
    ck_assert_int_eq(create_admin(org, email, "", "a long enough password 42", out, sizeof out), 2);
    PGconn *db = test_db_owner();
    ck_assert_int_eq(count_of(db, "SELECT count(*) FROM organisations WHERE name = $1", org), 0);
    ck_assert_int_eq(count_of(db, "SELECT count(*) FROM users WHERE email = $1", email), 0);
    /* two organisations of one name: which one is meant is not for portalctl to guess */
    const char *p[] = {org};
    free(test_db_value(db, "INSERT INTO organisations (name) VALUES ($1), ($1) RETURNING 1", 1, p));
    ck_assert_int_eq(
        create_admin(org, email, "Refused", "a long enough password 42", out, sizeof out), 1);
    ck_assert_ptr_nonnull(strstr(out, "more than one organisation"));
    ck_assert_int_eq(count_of(db, "SELECT count(*) FROM users WHERE email = $1", email), 0);
    PQfinish(db);
}
END_TEST

static Suite *portalctl_admin_suite(void)
{
    Suite *s = suite_create("portalctl_admin");
    TCase *tc = tcase_create("create_admin");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, the_first_administrator_signs_in);
    tcase_add_test(tc, bad_input_changes_nothing);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(portalctl_admin_suite)
