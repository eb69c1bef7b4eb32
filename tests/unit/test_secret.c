/* test_secret.c - recipient credentials at rest: sealing and opening round trip, a changed
 * byte or another key gives NULL, malformed text gives NULL; the key from 64 hex
 * characters and from the configuration. */
#include "testlib.h"

#include "config.h"
#include "secret.h"

#include <stdlib.h>
#include <string.h>

static const char key_hex[] = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

static void key_of(const char *hex, unsigned char key[SECRET_KEY_BYTES])
{
    ck_assert_int_eq(secret_key_parse(hex, key), 0);
}

START_TEST(test_round_trip)
{
    unsigned char key[SECRET_KEY_BYTES];
    key_of(key_hex, key);
    const char *secrets[] = {"x", "misp-api-key-0123456789abcdef", "Bearer-ish token with spaces",
                             "ünïcödé ✓"};
    for (size_t i = 0; i < sizeof secrets / sizeof secrets[0]; i++) {
        char *sealed = secret_seal(key, secrets[i]);
        ck_assert_ptr_nonnull(sealed);
        ck_assert(strncmp(sealed, "\\x", 2) == 0);
        /* nonce (24) + MAC (16) + text, two hex digits a byte */
        ck_assert_uint_eq(strlen(sealed), 2 + 2 * (24 + 16 + strlen(secrets[i])));
        char *plain = secret_open(key, sealed);
        ck_assert_ptr_nonnull(plain);
        ck_assert_str_eq(plain, secrets[i]);
        secret_free(plain);
        free(sealed);
    }
    /* the empty secret too */
    char *sealed = secret_seal(key, "");
    char *plain = secret_open(key, sealed);
    ck_assert_ptr_nonnull(plain);
    ck_assert_str_eq(plain, "");
    secret_free(plain);
    free(sealed);
}
END_TEST

START_TEST(test_fresh_nonce)
{
    unsigned char key[SECRET_KEY_BYTES];
    key_of(key_hex, key);
    char *a = secret_seal(key, "same"), *b = secret_seal(key, "same");
    ck_assert_str_ne(a, b);
    free(a);
    free(b);
}
END_TEST

START_TEST(test_tampered)
{
    unsigned char key[SECRET_KEY_BYTES];
    key_of(key_hex, key);
    char *sealed = secret_seal(key, "the MISP key");
    size_t len = strlen(sealed);
    /* every hex digit of nonce, MAC and ciphertext matters */
    for (size_t i = 2; i < len; i++) {
        char saved = sealed[i];
        sealed[i] = saved == '0' ? '1' : '0';
        char *plain = secret_open(key, sealed);
        ck_assert_msg(plain == NULL, "digit %zu changed, still opened", i);
        sealed[i] = saved;
    }
    /* cut short, one byte more, odd length */
    char *copy = strdup(sealed);
    copy[len - 2] = '\0';
    ck_assert_ptr_null(secret_open(key, copy));
    copy[len - 3] = '\0';
    ck_assert_ptr_null(secret_open(key, copy));
    free(copy);
    copy = malloc(len + 3);
    snprintf(copy, len + 3, "%s00", sealed);
    ck_assert_ptr_null(secret_open(key, copy));
    free(copy);
    char *plain = secret_open(key, sealed);
    ck_assert_str_eq(plain, "the MISP key");
    secret_free(plain);
    free(sealed);
}
END_TEST

START_TEST(test_wrong_key)
{
    unsigned char key[SECRET_KEY_BYTES], other[SECRET_KEY_BYTES];
    key_of(key_hex, key);
    key_of("ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", other);
    char *sealed = secret_seal(key, "token");
    ck_assert_ptr_null(secret_open(other, sealed));
    free(sealed);
}
END_TEST

START_TEST(test_malformed)
{
    unsigned char key[SECRET_KEY_BYTES];
    key_of(key_hex, key);
    ck_assert_ptr_null(secret_open(key, NULL));
    ck_assert_ptr_null(secret_open(key, ""));
    ck_assert_ptr_null(secret_open(key, "\\x"));
    ck_assert_ptr_null(secret_open(key, "\\x00"));
    char *sealed = secret_seal(key, "token");
    ck_assert_ptr_null(secret_open(key, sealed + 2)); /* no \x */
    sealed[10] = 'g';
    ck_assert_ptr_null(secret_open(key, sealed));
    free(sealed);
}
END_TEST

START_TEST(test_key_parse)
{
    unsigned char key[SECRET_KEY_BYTES];
    ck_assert_int_eq(secret_key_parse(key_hex, key), 0);
    ck_assert_uint_eq(key[0], 0x00);
    ck_assert_uint_eq(key[31], 0x1f);
    ck_assert_int_eq(
        secret_key_parse("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F", key),
        0);
    ck_assert_int_eq(secret_key_parse("", key), -1);
    ck_assert_int_eq(secret_key_parse(NULL, key), -1);
    ck_assert_int_eq(secret_key_parse("0001", key), -1);
    /* 63 and 65 characters, a non-hex one, a space */
    ck_assert_int_eq(
        secret_key_parse("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1", key),
        -1);
    ck_assert_int_eq(
        secret_key_parse("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f0", key),
        -1);
    ck_assert_int_eq(
        secret_key_parse("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1z", key),
        -1);
    ck_assert_int_eq(
        secret_key_parse("000102030405060708090a0b0c0d0e0f10111213141516171 191a1b1c1d1e1f", key),
        -1);
    for (int i = 0; i < SECRET_KEY_BYTES; i++)
        ck_assert_uint_eq(key[i], 0); /* zeroed on failure */
}
END_TEST

START_TEST(test_key_from_config)
{
    unsetenv("PORTAL_CONFIG");
    unsetenv("PORTAL_SECRET_KEY");
    unsetenv("FORWARDER_CONCURRENCY");
    unsetenv("FORWARDER_RETRY_HORIZON_S");
    struct config cfg;
    ck_assert_int_eq(config_load(&cfg), 0);
    ck_assert_str_eq(cfg.secret_key, "");
    ck_assert_int_eq(cfg.fwd_concurrency, 8);
    ck_assert_int_eq(cfg.fwd_retry_horizon_s, 172800);
    setenv("PORTAL_SECRET_KEY", key_hex, 1);
    setenv("FORWARDER_CONCURRENCY", "16", 1);
    setenv("FORWARDER_RETRY_HORIZON_S", "5", 1);
    ck_assert_int_eq(config_load(&cfg), 0);
    ck_assert_str_eq(cfg.secret_key, key_hex);
    ck_assert_int_eq(cfg.fwd_concurrency, 16);
    ck_assert_int_eq(cfg.fwd_retry_horizon_s, 5);
    unsigned char key[SECRET_KEY_BYTES];
    ck_assert_int_eq(secret_key_parse(cfg.secret_key, key), 0);
}
END_TEST

static Suite *secret_suite(void)
{
    Suite *s = suite_create("secret");
    TCase *tc = tcase_create("seal");
    tcase_add_test(tc, test_round_trip);
    tcase_add_test(tc, test_fresh_nonce);
    tcase_add_test(tc, test_tampered);
    tcase_add_test(tc, test_wrong_key);
    tcase_add_test(tc, test_malformed);
    tcase_add_test(tc, test_key_parse);
    tcase_add_test(tc, test_key_from_config);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(secret_suite)
