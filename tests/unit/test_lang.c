/* test_lang.c - lib/lang.c: which language an Accept-Language header asks for (q-values,
 * primary subtags, "*", q=0, malformed elements) and numbers written per language. */
#include "testlib.h"

#include "lang.h"

#include <math.h>

START_TEST(codes_round_trip)
{
    ck_assert_str_eq(lang_code(LANG_EN), "en");
    ck_assert_str_eq(lang_code(LANG_DE), "de");
    ck_assert_int_eq(lang_parse("de"), LANG_DE);
    ck_assert_int_eq(lang_parse("en"), LANG_EN);
    ck_assert_int_eq(lang_parse("DE"), -1);
    ck_assert_int_eq(lang_parse("fr"), -1);
    ck_assert_int_eq(lang_parse(""), -1);
    ck_assert_int_eq(lang_parse(NULL), -1);
}
END_TEST

START_TEST(accept_language_picks_the_highest_q)
{
    ck_assert_int_eq(lang_from_accept(NULL), LANG_EN);
    ck_assert_int_eq(lang_from_accept(""), LANG_EN);
    ck_assert_int_eq(lang_from_accept("de"), LANG_DE);
    ck_assert_int_eq(lang_from_accept("de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7"), LANG_DE);
    ck_assert_int_eq(lang_from_accept("en-GB,en;q=0.9,de;q=0.8"), LANG_EN);
    /* the order in the header does not matter, the q-value does */
    ck_assert_int_eq(lang_from_accept("en;q=0.5, de;q=0.6"), LANG_DE);
    ck_assert_int_eq(lang_from_accept("en;q=0.5,de;q=0.500"), LANG_EN); /* a tie: first */
    ck_assert_int_eq(lang_from_accept("fr-CH, fr;q=0.9, de;q=0.8, *;q=0.5"), LANG_DE);
    /* primary subtag, any case, with region or script */
    ck_assert_int_eq(lang_from_accept("DE-at"), LANG_DE);
    ck_assert_int_eq(lang_from_accept("de-Latn-CH"), LANG_DE);
    /* unsupported only: English */
    ck_assert_int_eq(lang_from_accept("fr, it;q=0.8"), LANG_EN);
    /* whitespace around everything */
    ck_assert_int_eq(lang_from_accept("  en ; q = 0.1 ,\tde ;q=1.000 "), LANG_DE);
}
END_TEST

START_TEST(accept_language_star_and_refusal)
{
    ck_assert_int_eq(lang_from_accept("*"), LANG_EN);
    ck_assert_int_eq(lang_from_accept("en;q=0, *"), LANG_DE); /* anything but English */
    ck_assert_int_eq(lang_from_accept("de;q=0, *;q=0.1"), LANG_EN);
    ck_assert_int_eq(lang_from_accept("en;q=0, de;q=0"), LANG_EN); /* nothing: fallback */
    ck_assert_int_eq(lang_from_accept("de;q=0"), LANG_EN);
    /* a more specific range does not undo a refusal of another language */
    ck_assert_int_eq(lang_from_accept("en;q=0, de-CH;q=0.3"), LANG_DE);
}
END_TEST

START_TEST(accept_language_malformed_elements_are_skipped)
{
    ck_assert_int_eq(lang_from_accept("de;q=2, en"), LANG_EN); /* q above 1 */
    ck_assert_int_eq(lang_from_accept("de;q=1.5, en;q=0.1"), LANG_EN);
    ck_assert_int_eq(lang_from_accept("de;q=0.1234, en;q=0.1"), LANG_EN); /* 4 decimals */
    ck_assert_int_eq(lang_from_accept("de;q=, en;q=0.1"), LANG_EN);
    ck_assert_int_eq(lang_from_accept("de;q=-1, en;q=0.1"), LANG_EN);
    ck_assert_int_eq(lang_from_accept("deutschland, en;q=0.1"), LANG_EN); /* 11 letters */
    ck_assert_int_eq(lang_from_accept("d e, en;q=0.1"), LANG_EN);
    ck_assert_int_eq(lang_from_accept("de-, en;q=0.1"), LANG_EN);
    ck_assert_int_eq(lang_from_accept(",,,;;;===,de"), LANG_DE);
    ck_assert_int_eq(lang_from_accept("de;level=1;q=0.9, en;q=0.8"), LANG_DE); /* other param */
    ck_assert_int_eq(lang_from_accept("de;Q=0.9, en;q=0.8"), LANG_DE);
}
END_TEST

START_TEST(decimals_per_language)
{
    char buf[32];
    ck_assert_str_eq(lang_format_decimal(LANG_EN, 2.5, 1, buf, sizeof buf), "2.5");
    ck_assert_str_eq(lang_format_decimal(LANG_DE, 2.5, 1, buf, sizeof buf), "2,5");
    ck_assert_str_eq(lang_format_decimal(LANG_DE, 3.0, 1, buf, sizeof buf), "3,0");
    ck_assert_str_eq(lang_format_decimal(LANG_DE, 0.25, 2, buf, sizeof buf), "0,25");
    ck_assert_str_eq(lang_format_decimal(LANG_DE, 2.25, 1, buf, sizeof buf), "2,3");
    ck_assert_str_eq(lang_format_decimal(LANG_EN, -0.05, 1, buf, sizeof buf), "-0.1");
    ck_assert_str_eq(lang_format_decimal(LANG_DE, -1.04, 1, buf, sizeof buf), "-1,0");
    ck_assert_str_eq(lang_format_decimal(LANG_DE, 12345.678, 0, buf, sizeof buf), "12346");
    ck_assert_str_eq(lang_format_decimal(LANG_EN, NAN, 1, buf, sizeof buf), "-");
    char tiny[4];
    ck_assert_str_eq(lang_format_decimal(LANG_DE, 123.45, 1, tiny, sizeof tiny), "123");
}
END_TEST

static Suite *lang_suite(void)
{
    Suite *s = suite_create("lang");
    TCase *t = tcase_create("lang");
    tcase_add_test(t, codes_round_trip);
    tcase_add_test(t, accept_language_picks_the_highest_q);
    tcase_add_test(t, accept_language_star_and_refusal);
    tcase_add_test(t, accept_language_malformed_elements_are_skipped);
    tcase_add_test(t, decimals_per_language);
    suite_add_tcase(s, t);
    return s;
}

TEST_MAIN(lang_suite)
