/* test_auth.c - session tokens (length, alphabet, freshness), their SHA-256 storage hash,
 * constant-time token comparison, Argon2id password hashing and verification, and the
 * random password generator's length and alphabet. */
#include "testlib.h"

#include "auth.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static const char b64url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

static void setup(void)
{
    ck_assert_int_eq(auth_init(), 0);
}

START_TEST(test_token_new)
{
    char a[AUTH_TOKEN_TEXT], b[AUTH_TOKEN_TEXT];
    auth_token_new(a);
    auth_token_new(b);
    ck_assert_uint_eq(strlen(a), 43); /* 32 bytes in base64 without padding */
    ck_assert_uint_eq(strlen(b), 43);
    ck_assert_uint_eq(strspn(a, b64url), 43);
    ck_assert_uint_eq(strspn(b, b64url), 43);
    ck_assert_str_ne(a, b);
}
END_TEST

START_TEST(test_token_hash)
{
    char h[AUTH_HASH_TEXT];
    auth_token_hash("abc", h); /* the FIPS 180-2 test vector */
    ck_assert_str_eq(h, "\\xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    ck_assert_uint_eq(strlen(h), AUTH_HASH_TEXT - 2);
    auth_token_hash("", h);
    ck_assert_str_eq(h, "\\xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    char h2[AUTH_HASH_TEXT];
    auth_token_hash("abd", h2);
    ck_assert_str_ne(h, h2);
}
END_TEST

START_TEST(test_token_equal)
{
    char t[AUTH_TOKEN_TEXT], u[AUTH_TOKEN_TEXT];
    auth_token_new(t);
    memcpy(u, t, sizeof t);
    ck_assert_int_eq(auth_token_equal(t, u), 1);
    u[42] = u[42] == 'A' ? 'B' : 'A';
    ck_assert_int_eq(auth_token_equal(t, u), 0);
    ck_assert_int_eq(auth_token_equal("abc", "abcd"), 0);
    ck_assert_int_eq(auth_token_equal("abcd", "abc"), 0);
    ck_assert_int_eq(auth_token_equal("abc", "abc"), 1);
    ck_assert_int_eq(auth_token_equal("", ""), 0); /* an empty token never matches */
    ck_assert_int_eq(auth_token_equal("", "a"), 0);
}
END_TEST

/* The proof of a right password is the stored hash's last part (hex of its base64),
 * computed from the settings before it; a wrong password's is something else. */
static int proof_matches(const char *stored, const char *password)
{
    char settings[AUTH_PWHASH_TEXT], proof[AUTH_HASH_TEXT], hex[AUTH_HASH_TEXT];
    snprintf(settings, sizeof settings, "%s", stored);
    char *last = strrchr(settings, '$');
    ck_assert_ptr_nonnull(last);
    *last = '\0';
    unsigned char raw[64];
    size_t len = 0;
    ck_assert_int_eq(sodium_base642bin(raw, sizeof raw, last + 1, strlen(last + 1), NULL, &len,
                                       NULL, sodium_base64_VARIANT_ORIGINAL_NO_PADDING),
                     0);
    ck_assert_uint_eq(len, 32);
    hex[0] = '\\';
    hex[1] = 'x';
    sodium_bin2hex(hex + 2, sizeof hex - 2, raw, len);
    ck_assert_int_eq(auth_password_proof(settings, password, proof), 0);
    return strcmp(proof, hex) == 0;
}

START_TEST(test_password_hash_proof)
{
    char h[AUTH_PWHASH_TEXT], h2[AUTH_PWHASH_TEXT];
    ck_assert_int_eq(auth_password_hash("correct horse", h), 0);
    ck_assert_int_eq(strncmp(h, "$argon2id$", 10), 0);
    ck_assert(proof_matches(h, "correct horse"));
    ck_assert(!proof_matches(h, "correct horsf"));
    ck_assert(!proof_matches(h, "correct horse "));
    ck_assert(!proof_matches(h, ""));
    ck_assert_int_eq(auth_password_hash("correct horse", h2), 0);
    ck_assert_str_ne(h, h2); /* salted */
    ck_assert(proof_matches(h2, "correct horse"));
}
END_TEST

START_TEST(test_password_malformed_settings)
{
    char proof[AUTH_HASH_TEXT];
    static const char *const bad[] = {
        "",
        "x",
        "$argon2id$v=19$m=65536,t=2,p=1$garbage",                  /* salt not 16 bytes */
        "$argon2i$v=19$m=65536,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA",    /* another algorithm */
        "$argon2id$v=19$m=-1,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA",      /* a sign */
        "$argon2id$v=19$m=4194304,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA", /* 4 GiB of memory */
        "$argon2id$v=19$m=65536,t=99,p=1$c2FsdHNhbHRzYWx0c2FsdA",  /* 99 passes */
        "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$x", /* the hash itself */
    };
    ck_assert_int_eq(auth_password_proof(NULL, "x", proof), -1);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(auth_password_proof(bad[i], "x", proof) == -1, "accepted %s", bad[i]);
    ck_assert_int_eq(
        auth_password_proof("$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA", "x", proof),
        0);
}
END_TEST

START_TEST(test_password_random)
{
    static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY34679";
    char p[17], q[17];
    auth_password_random(p);
    auth_password_random(q);
    ck_assert_uint_eq(strlen(p), 16);
    ck_assert_str_ne(p, q);
    int seen[256] = {0};
    for (int i = 0; i < 200; i++) {
        auth_password_random(p);
        ck_assert_uint_eq(strlen(p), 16);
        ck_assert_uint_eq(strspn(p, alphabet), 16);
        for (int k = 0; k < 16; k++)
            seen[(unsigned char)p[k]] = 1;
    }
    /* none of the look-alikes ever appears */
    for (const char *c = "0O1lIoBS2Z5"; *c; c++)
        ck_assert_msg(!seen[(unsigned char)*c], "ambiguous '%c' generated", *c);
    /* 3200 draws from 50 letters: every letter turns up */
    for (const char *c = alphabet; *c; c++)
        ck_assert_msg(seen[(unsigned char)*c], "'%c' never generated", *c);
}
END_TEST

static Suite *auth_suite(void)
{
    Suite *s = suite_create("auth");
    TCase *tc = tcase_create("tokens");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, test_token_new);
    tcase_add_test(tc, test_token_hash);
    tcase_add_test(tc, test_token_equal);
    suite_add_tcase(s, tc);
    tc = tcase_create("passwords");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_set_timeout(tc, 60); /* Argon2id is slow on purpose, slower still under ASan */
    tcase_add_test(tc, test_password_hash_proof);
    tcase_add_test(tc, test_password_malformed_settings);
    tcase_add_test(tc, test_password_random);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(auth_suite)
