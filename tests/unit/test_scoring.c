/* test_scoring.c - category scores: the mean of answered levels in tenths, rounded half
 * up, unanswered items skipped, -1 when none is answered; and their formatting. */
#include "testlib.h"

#include "scoring.h"

#define SCORE(...)                                                                                 \
    scoring_category_tenths((const int[]){__VA_ARGS__},                                            \
                            sizeof((const int[]){__VA_ARGS__}) / sizeof(int))

START_TEST(test_mean)
{
    ck_assert_int_eq(SCORE(3, 1, 4), 27); /* 2.666... */
    ck_assert_int_eq(SCORE(2, 3), 25);
    ck_assert_int_eq(SCORE(1, 1, 2), 13); /* 1.333... */
    ck_assert_int_eq(SCORE(0), 0);
    ck_assert_int_eq(SCORE(5), 50);
    ck_assert_int_eq(SCORE(5, 5, 5, 5, 5, 5, 5, 5, 5, 5), 50);
    ck_assert_int_eq(SCORE(0, 0, 0, 1), 3); /* 0.25 -> 0.3 */
}
END_TEST

START_TEST(test_round_half_up)
{
    ck_assert_int_eq(SCORE(2, 2, 2, 3), 23); /* 2.25 -> 2.3 */
    /* 1.05 -> 1.1 */
    ck_assert_int_eq(SCORE(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2), 11);
    ck_assert_int_eq(SCORE(4, 4, 4, 5, 5, 5, 5, 5), 46); /* 4.625 -> 4.6 */
    ck_assert_int_eq(SCORE(2, 3, 3), 27);                /* 2.666 -> 2.7 */
    ck_assert_int_eq(SCORE(2, 2, 3), 23);                /* 2.333 -> 2.3 */
}
END_TEST

START_TEST(test_unanswered)
{
    ck_assert_int_eq(SCORE(-1, 3, -1, 1, 4), 27);
    ck_assert_int_eq(SCORE(-1), -1);
    ck_assert_int_eq(SCORE(-1, -5, -1), -1);
    ck_assert_int_eq(scoring_category_tenths(NULL, 0), -1);
    ck_assert_int_eq(SCORE(-1, 0), 0); /* an answered 0 counts */
}
END_TEST

START_TEST(test_format)
{
    char buf[16];
    scoring_format(27, buf, sizeof buf);
    ck_assert_str_eq(buf, "2.7");
    scoring_format(0, buf, sizeof buf);
    ck_assert_str_eq(buf, "0.0");
    scoring_format(50, buf, sizeof buf);
    ck_assert_str_eq(buf, "5.0");
    scoring_format(3, buf, sizeof buf);
    ck_assert_str_eq(buf, "0.3");
    scoring_format(-1, buf, sizeof buf);
    ck_assert_str_eq(buf, "-");
    scoring_format(27, buf, 3); /* truncated, still terminated */
    ck_assert_str_eq(buf, "2.");
}
END_TEST

static Suite *scoring_suite(void)
{
    Suite *s = suite_create("scoring");
    TCase *tc = tcase_create("scoring");
    tcase_add_test(tc, test_mean);
    tcase_add_test(tc, test_round_half_up);
    tcase_add_test(tc, test_unanswered);
    tcase_add_test(tc, test_format);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(scoring_suite)
