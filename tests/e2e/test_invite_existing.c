/* test_invite_existing.c - an invitation addressed to someone who already has an account
 * does not sign its holder in: whoever has the link is asked to sign in as that account
 * first, and only then is the invitation accepted. */
#include "testlib.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OWNER "reporter@energy.example"

START_TEST(link_alone_does_not_sign_in_an_existing_account)
{
    ck_assert_int_ge(sodium_init(), 0);
    PGconn *db = test_db_owner();
    /* an open invitation for an existing account, with a token we know */
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    char token[64], hash[80];
    sodium_bin2base64(token, sizeof token, raw, sizeof raw,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, (const unsigned char *)token, strlen(token));
    hash[0] = '\\', hash[1] = 'x';
    sodium_bin2hex(hash + 2, sizeof hash - 2, digest, sizeof digest);
    const char *p[] = {hash, OWNER};
    free(test_db_value(db,
                       "INSERT INTO invitations (org_id, email, token_hash, expires_at, "
                       "created_by) SELECT o.id, $2, $1::bytea, now() + interval '1 day', "
                       "(SELECT id FROM users WHERE email = 'admin@northwind.example') "
                       "FROM organisations o WHERE o.name = 'Northwind Energy'",
                       2, p));

    char link[128];
    snprintf(link, sizeof link, "/invite?token=%s", token);
    struct http *stranger = http_new();
    ck_assert_int_eq(http_get(stranger, link), 200);
    ck_assert_ptr_nonnull(strstr(stranger->body, "Sign in as it first"));
    char csrf[128];
    snprintf(csrf, sizeof csrf, "%s", http_csrf_of(stranger, "/invite"));
    ck_assert_int_eq(http_post(stranger, "/invite", "csrf_token", csrf, "token", token, NULL), 403);
    ck_assert_int_eq(http_get(stranger, "/"), 303); /* not signed in */
    const char *q[] = {hash};
    ck_assert_int_eq(test_db_long(db,
                                  "SELECT count(*) FROM invitations WHERE token_hash = "
                                  "$1::bytea AND used_at IS NULL",
                                  1, q),
                     1);

    /* the owner, signed in, accepts it */
    struct http *owner = http_new();
    ck_assert_int_eq(http_login(owner, OWNER, test_password(OWNER)), 303);
    ck_assert_int_eq(http_get(owner, link), 200);
    snprintf(csrf, sizeof csrf, "%s", http_csrf_of(owner, "/invite"));
    ck_assert_int_eq(http_post(owner, "/invite", "csrf_token", csrf, "token", token, NULL), 303);
    ck_assert_int_eq(test_db_long(db,
                                  "SELECT count(*) FROM invitations WHERE token_hash = "
                                  "$1::bytea AND used_at IS NOT NULL",
                                  1, q),
                     1);
    http_free(owner);
    http_free(stranger);
    PQfinish(db);
}
END_TEST

static Suite *invite_existing_suite(void)
{
    Suite *s = suite_create("invite_existing");
    TCase *tc = tcase_create("invite");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, link_alone_does_not_sign_in_an_existing_account);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(invite_existing_suite)
