/* test_form.c - the form validator: every field type and error code, the datetime
 * parser (shapes, calendar, leap years, the five-minute future allowance), lengths
 * counted in code points, and form_validate's per-field results and error count. */
#include "testlib.h"

#include "form.h"

#include <string.h>

#define NOW 1709209800LL /* 2024-02-29T12:30:00Z */

static const char *const colours[] = {"red", "green", "blue", NULL};

static const struct field f_text = {"title", FIELD_TEXT, 1, 3, 5, NULL};
static const struct field f_optional = {"note", FIELD_TEXT, 0, 3, 5, NULL};
static const struct field f_multi = {"body", FIELD_MULTILINE, 1, 0, 0, NULL};
static const struct field f_int = {"level", FIELD_INT, 1, 0, 5, NULL};
static const struct field f_choice = {"colour", FIELD_CHOICE, 1, 0, 0, colours};
static const struct field f_when = {"when", FIELD_DATETIME, 1, 0, 0, NULL};
static const struct field f_email = {"email", FIELD_EMAIL, 1, 3, 254, NULL};

static enum field_error check(const struct field *f, const char *value)
{
    return form_check_field(f, value, NOW);
}

START_TEST(test_error_keys)
{
    ck_assert_str_eq(form_error_key(FE_NONE), "");
    ck_assert_str_eq(form_error_key(FE_REQUIRED), "required");
    ck_assert_str_eq(form_error_key(FE_TOO_SHORT), "too_short");
    ck_assert_str_eq(form_error_key(FE_TOO_LONG), "too_long");
    ck_assert_str_eq(form_error_key(FE_NOT_A_NUMBER), "not_a_number");
    ck_assert_str_eq(form_error_key(FE_OUT_OF_RANGE), "out_of_range");
    ck_assert_str_eq(form_error_key(FE_NOT_A_CHOICE), "not_a_choice");
    ck_assert_str_eq(form_error_key(FE_BAD_DATETIME), "bad_datetime");
    ck_assert_str_eq(form_error_key(FE_IN_FUTURE), "in_future");
    ck_assert_str_eq(form_error_key(FE_BAD_EMAIL), "bad_email");
    ck_assert_str_eq(form_error_key(FE_NOT_ONE_LINE), "not_one_line");
    ck_assert_str_eq(form_error_key(FE_NOT_A_DECIMAL), "not_a_decimal");
    ck_assert_str_eq(form_error_key((enum field_error)99), "");
}
END_TEST

START_TEST(test_utf8_length)
{
    ck_assert_uint_eq(form_utf8_length(""), 0);
    ck_assert_uint_eq(form_utf8_length("abc"), 3);
    ck_assert_uint_eq(form_utf8_length("caf\xc3\xa9"), 4); /* café */
    ck_assert_uint_eq(form_utf8_length("\xe2\x82\xac"
                                       "5"),
                      2);                                                /* €5 */
    ck_assert_uint_eq(form_utf8_length("\xf0\x9f\x98\x80\xc3\xa9x"), 3); /* 😀éx */
}
END_TEST

START_TEST(test_required)
{
    ck_assert_int_eq(check(&f_text, NULL), FE_REQUIRED);
    ck_assert_int_eq(check(&f_text, ""), FE_REQUIRED);
    ck_assert_int_eq(check(&f_text, " \t\r\n "), FE_REQUIRED);
    ck_assert_int_eq(check(&f_int, ""), FE_REQUIRED);
    ck_assert_int_eq(check(&f_optional, NULL), FE_NONE);
    ck_assert_int_eq(check(&f_optional, "  "), FE_NONE);
    ck_assert_int_eq(check(&f_optional, "ab"), FE_TOO_SHORT); /* bounds apply once given */
}
END_TEST

START_TEST(test_text)
{
    ck_assert_int_eq(check(&f_text, "abc"), FE_NONE);
    ck_assert_int_eq(check(&f_text, "abcde"), FE_NONE);
    ck_assert_int_eq(check(&f_text, "ab"), FE_TOO_SHORT);
    ck_assert_int_eq(check(&f_text, "abcdef"), FE_TOO_LONG);
    ck_assert_int_eq(check(&f_text, "ab\ncd"), FE_NOT_ONE_LINE);
    ck_assert_int_eq(check(&f_text, "ab\rcd"), FE_NOT_ONE_LINE);
    ck_assert_int_eq(check(&f_multi, "line one\r\nline two"), FE_NONE);
    ck_assert_int_eq(check(&f_multi, "x"), FE_NONE); /* min/max 0: unbounded */
}
END_TEST

/* Bounds count characters, not bytes: five 2-byte letters fit a max of 5. */
START_TEST(test_text_multibyte_length)
{
    ck_assert_int_eq(check(&f_text, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"), FE_NONE);
    ck_assert_int_eq(check(&f_text, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"),
                     FE_TOO_LONG);
    ck_assert_int_eq(check(&f_text, "\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80"), FE_NONE);
    ck_assert_int_eq(check(&f_text, "\xf0\x9f\x98\x80\xf0\x9f\x98\x80"), FE_TOO_SHORT);
}
END_TEST

START_TEST(test_int)
{
    ck_assert_int_eq(check(&f_int, "0"), FE_NONE);
    ck_assert_int_eq(check(&f_int, "3"), FE_NONE);
    ck_assert_int_eq(check(&f_int, "5"), FE_NONE);
    ck_assert_int_eq(check(&f_int, "6"), FE_OUT_OF_RANGE);
    ck_assert_int_eq(check(&f_int, "-1"), FE_OUT_OF_RANGE);
    ck_assert_int_eq(check(&f_int, "abc"), FE_NOT_A_NUMBER);
    ck_assert_int_eq(check(&f_int, "3x"), FE_NOT_A_NUMBER);
    ck_assert_int_eq(check(&f_int, "3.0"), FE_NOT_A_NUMBER);
    ck_assert_int_eq(check(&f_int, "0x3"), FE_NOT_A_NUMBER);
    ck_assert_int_eq(check(&f_int, "99999999999999999999999"), FE_NOT_A_NUMBER); /* overflow */
}
END_TEST

START_TEST(test_parse_hundredths)
{
    long v = -1;
    ck_assert_int_eq(form_parse_hundredths("3", &v), 0);
    ck_assert_int_eq(v, 300);
    ck_assert_int_eq(form_parse_hundredths("0.5", &v), 0);
    ck_assert_int_eq(v, 50);
    ck_assert_int_eq(form_parse_hundredths("0.05", &v), 0);
    ck_assert_int_eq(v, 5);
    ck_assert_int_eq(form_parse_hundredths("10.25", &v), 0);
    ck_assert_int_eq(v, 1025);
    ck_assert_int_eq(form_parse_hundredths("007.10", &v), 0);
    ck_assert_int_eq(v, 710);
    v = -1;
    static const char *const bad[] = {
        "",   ".5",  "1.",  "1.234", "-1",   "+1",   "1e1",  " 1",
        "1 ", "1,5", "abc", "1.x",   "0x10", "1..2", "1.5.", "99999999999999999999"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(form_parse_hundredths(bad[i], &v) == -1, "accepted \"%s\"", bad[i]);
    ck_assert_int_eq(v, -1); /* untouched on error */
}
END_TEST

START_TEST(test_decimal)
{
    const struct field f = {"weight", FIELD_DECIMAL, 1, 10, 1000, NULL};
    ck_assert_int_eq(check(&f, "1"), FE_NONE);
    ck_assert_int_eq(check(&f, "0.1"), FE_NONE);
    ck_assert_int_eq(check(&f, "10"), FE_NONE);
    ck_assert_int_eq(check(&f, "10.00"), FE_NONE);
    ck_assert_int_eq(check(&f, "2.75"), FE_NONE);
    ck_assert_int_eq(check(&f, "0.09"), FE_OUT_OF_RANGE);
    ck_assert_int_eq(check(&f, "0"), FE_OUT_OF_RANGE);
    ck_assert_int_eq(check(&f, "10.01"), FE_OUT_OF_RANGE);
    ck_assert_int_eq(check(&f, "1.234"), FE_NOT_A_DECIMAL);
    ck_assert_int_eq(check(&f, "-1"), FE_NOT_A_DECIMAL);
    ck_assert_int_eq(check(&f, "two"), FE_NOT_A_DECIMAL);
    ck_assert_int_eq(check(&f, ""), FE_REQUIRED);
}
END_TEST

START_TEST(test_choice)
{
    ck_assert_int_eq(check(&f_choice, "red"), FE_NONE);
    ck_assert_int_eq(check(&f_choice, "blue"), FE_NONE);
    ck_assert_int_eq(check(&f_choice, "Red"), FE_NOT_A_CHOICE);
    ck_assert_int_eq(check(&f_choice, "re"), FE_NOT_A_CHOICE);
    ck_assert_int_eq(check(&f_choice, "redd"), FE_NOT_A_CHOICE);
    struct field none = {"x", FIELD_CHOICE, 1, 0, 0, NULL};
    ck_assert_int_eq(check(&none, "red"), FE_NOT_A_CHOICE);
}
END_TEST

START_TEST(test_email)
{
    ck_assert_int_eq(check(&f_email, "a@b.c"), FE_NONE);
    ck_assert_int_eq(check(&f_email, "first.last+tag@sub.example.org"), FE_NONE);
    ck_assert_int_eq(check(&f_email, "ab"), FE_TOO_SHORT);
    ck_assert_int_eq(check(&f_email, "a.b"), FE_BAD_EMAIL);
    ck_assert_int_eq(check(&f_email, "@b.c"), FE_BAD_EMAIL);
    ck_assert_int_eq(check(&f_email, "a@bc"), FE_BAD_EMAIL);
    ck_assert_int_eq(check(&f_email, "a@b@c.d"), FE_BAD_EMAIL);
    ck_assert_int_eq(check(&f_email, "a b@c.d"), FE_BAD_EMAIL);
    ck_assert_int_eq(check(&f_email, "a@.bc"), FE_BAD_EMAIL);
    ck_assert_int_eq(check(&f_email, "a@bc."), FE_BAD_EMAIL);
    ck_assert_int_eq(check(&f_email, "<a@b.c>"), FE_BAD_EMAIL);
    ck_assert_int_eq(check(&f_email, "a@b.c,d@e.f"), FE_BAD_EMAIL);
    ck_assert_int_eq(check(&f_email, "a@b.c\n"), FE_BAD_EMAIL);
}
END_TEST

START_TEST(test_parse_datetime)
{
    long long t = -1;
    ck_assert_int_eq(form_parse_datetime("1970-01-01T00:00", &t), 0);
    ck_assert_int_eq(t, 0);
    ck_assert_int_eq(form_parse_datetime("2024-02-29T12:30", &t), 0); /* 16 chars */
    ck_assert_int_eq(t, NOW);
    ck_assert_int_eq(form_parse_datetime("2024-02-29T12:30:45", &t), 0); /* 19 chars */
    ck_assert_int_eq(t, NOW + 45);
    ck_assert_int_eq(form_parse_datetime("2000-03-01T00:00", &t), 0);
    ck_assert_int_eq(t, 951868800LL);
    ck_assert_int_eq(form_parse_datetime("9999-12-31T23:59:59", &t), 0);
    ck_assert_int_eq(t, 253402300799LL);
}
END_TEST

START_TEST(test_parse_datetime_calendar)
{
    long long t;
    ck_assert_int_eq(form_parse_datetime("2000-02-29T00:00", &t), 0); /* divisible by 400 */
    ck_assert_int_eq(form_parse_datetime("2023-02-29T00:00", &t), -1);
    ck_assert_int_eq(form_parse_datetime("2100-02-29T00:00", &t), -1); /* divisible by 100 */
    ck_assert_int_eq(form_parse_datetime("2024-02-30T00:00", &t), -1);
    ck_assert_int_eq(form_parse_datetime("2024-04-31T00:00", &t), -1);
    ck_assert_int_eq(form_parse_datetime("2024-12-31T00:00", &t), 0);
    ck_assert_int_eq(form_parse_datetime("2024-13-01T00:00", &t), -1);
    ck_assert_int_eq(form_parse_datetime("2024-00-01T00:00", &t), -1);
    ck_assert_int_eq(form_parse_datetime("2024-01-00T00:00", &t), -1);
    ck_assert_int_eq(form_parse_datetime("2024-01-01T24:00", &t), -1);
    ck_assert_int_eq(form_parse_datetime("2024-01-01T23:60", &t), -1);
    ck_assert_int_eq(form_parse_datetime("2024-01-01T23:59:60", &t), -1);
    ck_assert_int_eq(form_parse_datetime("1969-12-31T23:59", &t), -1);
}
END_TEST

START_TEST(test_parse_datetime_shape)
{
    long long t;
    ck_assert_int_eq(form_parse_datetime("", &t), -1);
    ck_assert_int_eq(form_parse_datetime("2024-02-29", &t), -1);
    ck_assert_int_eq(form_parse_datetime("2024-02-29 12:30:", &t), -1);
    ck_assert_int_eq(form_parse_datetime("2024-02-29T12:30:", &t), -1);  /* 17 chars */
    ck_assert_int_eq(form_parse_datetime("2024-02-29T12:30:4", &t), -1); /* 18 chars */
    ck_assert_int_eq(form_parse_datetime("2024-02-29T12:30Z", &t), -1);
    ck_assert_int_eq(form_parse_datetime("2024-02-29T12:30:45Z", &t), -1);
    ck_assert_int_eq(form_parse_datetime("2024/02/29T12:30", &t), -1);
    ck_assert_int_eq(form_parse_datetime("2024-2-029T12:30", &t), -1);
    ck_assert_int_eq(form_parse_datetime("+024-02-29T12:30", &t), -1);
    ck_assert_int_eq(form_parse_datetime("2024-02-29T1a:30", &t), -1);
}
END_TEST

/* People type a space where the datetime-local input sends a T; both mean the same. */
START_TEST(test_parse_datetime_space)
{
    long long with_t, with_space;
    ck_assert_int_eq(form_parse_datetime("2024-02-29T12:30", &with_t), 0);
    ck_assert_int_eq(form_parse_datetime("2024-02-29 12:30", &with_space), 0);
    ck_assert(with_t == with_space);
    ck_assert_int_eq(form_parse_datetime("2024-02-29 12:30:45", &with_space), 0);
    ck_assert(with_space == with_t + 45);
    ck_assert_int_eq(form_parse_datetime("2024-02-29_12:30", &with_t), -1);
}
END_TEST

START_TEST(test_datetime_field)
{
    ck_assert_int_eq(check(&f_when, "2024-02-29T12:30"), FE_NONE);
    ck_assert_int_eq(check(&f_when, "2023-02-28T08:00:00"), FE_NONE);
    ck_assert_int_eq(check(&f_when, "2024-02-29T12:35:00"), FE_NONE); /* exactly 5 min ahead */
    ck_assert_int_eq(check(&f_when, "2024-02-29T12:35:01"), FE_IN_FUTURE);
    ck_assert_int_eq(check(&f_when, "2025-01-01T00:00"), FE_IN_FUTURE);
    ck_assert_int_eq(check(&f_when, "2023-02-29T00:00"), FE_BAD_DATETIME);
    ck_assert_int_eq(check(&f_when, "yesterday"), FE_BAD_DATETIME);
}
END_TEST

/* form_validate reads values through get(); ctx is a NULL-terminated name/value list. */
static const char *lookup(void *ctx, const char *name)
{
    const char *const *kv = ctx;
    for (; kv[0]; kv += 2)
        if (strcmp(kv[0], name) == 0)
            return kv[1];
    return NULL;
}

START_TEST(test_validate)
{
    const struct field fields[] = {f_text, f_int, f_choice, f_when, f_optional};
    const char *good[] = {
        "title", "abcd", "level", "4", "colour", "green", "when", "2024-01-01T00:00", NULL};
    enum field_error errors[5];
    memset(errors, 0xff, sizeof errors);
    ck_assert_uint_eq(form_validate(fields, 5, lookup, good, errors, NOW), 0);
    for (int i = 0; i < 5; i++)
        ck_assert_int_eq(errors[i], FE_NONE);

    const char *bad[] = {"title", "a\nb", "level", "9", "when", "2030-01-01T00:00",
                         "note",  "x",    NULL};
    ck_assert_uint_eq(form_validate(fields, 5, lookup, bad, errors, NOW), 5);
    ck_assert_int_eq(errors[0], FE_NOT_ONE_LINE);
    ck_assert_int_eq(errors[1], FE_OUT_OF_RANGE);
    ck_assert_int_eq(errors[2], FE_REQUIRED);
    ck_assert_int_eq(errors[3], FE_IN_FUTURE);
    ck_assert_int_eq(errors[4], FE_TOO_SHORT);

    const char *some[] = {"title", "abc", "level", "x", "colour", "red", NULL};
    ck_assert_uint_eq(form_validate(fields, 5, lookup, some, errors, NOW), 2);
    ck_assert_int_eq(errors[0], FE_NONE);
    ck_assert_int_eq(errors[1], FE_NOT_A_NUMBER);
    ck_assert_int_eq(errors[2], FE_NONE);
    ck_assert_int_eq(errors[3], FE_REQUIRED);
    ck_assert_int_eq(errors[4], FE_NONE);
}
END_TEST

static Suite *form_suite(void)
{
    Suite *s = suite_create("form");
    TCase *tc = tcase_create("fields");
    tcase_add_test(tc, test_error_keys);
    tcase_add_test(tc, test_utf8_length);
    tcase_add_test(tc, test_required);
    tcase_add_test(tc, test_text);
    tcase_add_test(tc, test_text_multibyte_length);
    tcase_add_test(tc, test_int);
    tcase_add_test(tc, test_parse_hundredths);
    tcase_add_test(tc, test_decimal);
    tcase_add_test(tc, test_choice);
    tcase_add_test(tc, test_email);
    suite_add_tcase(s, tc);
    tc = tcase_create("datetime");
    tcase_add_test(tc, test_parse_datetime);
    tcase_add_test(tc, test_parse_datetime_calendar);
    tcase_add_test(tc, test_parse_datetime_shape);
    tcase_add_test(tc, test_parse_datetime_space);
    tcase_add_test(tc, test_datetime_field);
    suite_add_tcase(s, tc);
    tc = tcase_create("validate");
    tcase_add_test(tc, test_validate);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(form_suite)
