/* test_utf8.c - utf8_valid: well-formed input of every sequence length is accepted;
 * overlongs, surrogates, values above U+10FFFF, stray or missing continuation bytes,
 * truncation at the end of the buffer and NUL bytes are refused. */
#include "testlib.h"

#include "utf8.h"

#include <string.h>

/* Valid when the whole literal (without its terminating NUL) is checked. */
#define VALID(lit) utf8_valid(lit, sizeof(lit) - 1)

START_TEST(test_ascii)
{
    ck_assert_int_eq(VALID(""), 1);
    ck_assert_int_eq(VALID("hello, world ~\t\r\n"), 1);
    ck_assert_int_eq(VALID("\x7f"), 1);
}
END_TEST

START_TEST(test_multibyte)
{
    ck_assert_int_eq(VALID("\xc2\x80"), 1);         /* U+0080, smallest 2-byte */
    ck_assert_int_eq(VALID("caf\xc3\xa9"), 1);      /* é */
    ck_assert_int_eq(VALID("\xdf\xbf"), 1);         /* U+07FF */
    ck_assert_int_eq(VALID("\xe0\xa0\x80"), 1);     /* U+0800, smallest 3-byte */
    ck_assert_int_eq(VALID("\xe2\x82\xac"), 1);     /* € */
    ck_assert_int_eq(VALID("\xed\x9f\xbf"), 1);     /* U+D7FF, just below the surrogates */
    ck_assert_int_eq(VALID("\xee\x80\x80"), 1);     /* U+E000, just above them */
    ck_assert_int_eq(VALID("\xef\xbf\xbf"), 1);     /* U+FFFF */
    ck_assert_int_eq(VALID("\xf0\x90\x80\x80"), 1); /* U+10000, smallest 4-byte */
    ck_assert_int_eq(VALID("\xf0\x9f\x98\x80"), 1); /* 😀 */
    ck_assert_int_eq(VALID("\xf4\x8f\xbf\xbf"), 1); /* U+10FFFF, the largest */
}
END_TEST

START_TEST(test_overlong)
{
    ck_assert_int_eq(VALID("\xc0\x80"), 0);
    ck_assert_int_eq(VALID("\xc1\xbf"), 0);
    ck_assert_int_eq(VALID("\xe0\x80\x80"), 0);
    ck_assert_int_eq(VALID("\xe0\x9f\xbf"), 0);
    ck_assert_int_eq(VALID("\xf0\x80\x80\x80"), 0);
    ck_assert_int_eq(VALID("\xf0\x8f\xbf\xbf"), 0);
}
END_TEST

START_TEST(test_surrogates_and_range)
{
    ck_assert_int_eq(VALID("\xed\xa0\x80"), 0);     /* U+D800 */
    ck_assert_int_eq(VALID("\xed\xbf\xbf"), 0);     /* U+DFFF */
    ck_assert_int_eq(VALID("\xf4\x90\x80\x80"), 0); /* U+110000 */
    ck_assert_int_eq(VALID("\xf5\x80\x80\x80"), 0);
    ck_assert_int_eq(VALID("\xff"), 0);
    ck_assert_int_eq(VALID("\xfe"), 0);
}
END_TEST

START_TEST(test_bad_continuation)
{
    ck_assert_int_eq(VALID("\x80"), 0); /* stray continuation byte */
    ck_assert_int_eq(VALID("a\xbf"
                           "b"),
                     0);
    ck_assert_int_eq(VALID("\xc3"
                           "a"),
                     0); /* lead byte, then ASCII */
    ck_assert_int_eq(VALID("\xe2\x82"
                           "a"),
                     0);
    ck_assert_int_eq(VALID("\xf0\x9f\x98"
                           "a"),
                     0);
    ck_assert_int_eq(VALID("\xc3\xc3\xa9"), 0); /* lead byte, then another lead byte */
}
END_TEST

START_TEST(test_truncated)
{
    ck_assert_int_eq(VALID("ok\xc3"), 0);
    ck_assert_int_eq(VALID("ok\xe2\x82"), 0);
    ck_assert_int_eq(VALID("ok\xf0\x9f\x98"), 0);
    /* the length, not the NUL terminator, bounds the check */
    ck_assert_int_eq(utf8_valid("\xc3\xa9", 1), 0);
    ck_assert_int_eq(utf8_valid("\xf0\x9f\x98\x80", 3), 0);
    ck_assert_int_eq(utf8_valid("\xf0\x9f\x98\x80xyz", 4), 1);
}
END_TEST

START_TEST(test_nul)
{
    ck_assert_int_eq(VALID("\0"), 0);
    ck_assert_int_eq(VALID("abc\0def"), 0);
    ck_assert_int_eq(VALID("\xc3\xa9\0"), 0);
    ck_assert_int_eq(utf8_valid("abc", 0), 1); /* empty range */
}
END_TEST

/* A copy that does not fit ends before the character it would cut in half. */
START_TEST(test_copy_never_cuts_a_character)
{
    char buf[6];
    ck_assert_uint_eq(utf8_copy(buf, sizeof buf, "abc"), 3);
    ck_assert_str_eq(buf, "abc");
    utf8_copy(buf, sizeof buf, "\xd0\x96\xd0\x96\xd0\x96"); /* ЖЖЖ: 6 bytes into 5 */
    ck_assert_str_eq(buf, "\xd0\x96\xd0\x96");
    utf8_copy(buf, sizeof buf, "a\xf0\x9f\x98\x80" "b"); /* a😀b: the emoji fits exactly */
    ck_assert_str_eq(buf, "a\xf0\x9f\x98\x80");
    utf8_copy(buf, sizeof buf, "ab\xf0\x9f\x98\x80"); /* would be cut after 3 of 4 bytes */
    ck_assert_str_eq(buf, "ab");
    ck_assert_int_eq(utf8_valid(buf, strlen(buf)), 1);
    char big[UTF8_BUF(64)];
    char name[64 * 2 + 1] = "";
    for (int i = 0; i < 64; i++)
        strcat(name, "\xd0\x96");
    utf8_copy(big, sizeof big, name);
    ck_assert_str_eq(big, name);
    utf8_copy(buf, 0, "x"); /* nothing written */
}
END_TEST

static Suite *utf8_suite(void)
{
    Suite *s = suite_create("utf8");
    TCase *tc = tcase_create("utf8_valid");
    tcase_add_test(tc, test_ascii);
    tcase_add_test(tc, test_multibyte);
    tcase_add_test(tc, test_overlong);
    tcase_add_test(tc, test_surrogates_and_range);
    tcase_add_test(tc, test_bad_continuation);
    tcase_add_test(tc, test_truncated);
    tcase_add_test(tc, test_nul);
    tcase_add_test(tc, test_copy_never_cuts_a_character);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(utf8_suite)
