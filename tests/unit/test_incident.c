/* test_incident.c - the incident vocabulary: the 4 severity classes of ISO/IEC 27035-2
 * Annex C, the 5 TLP 2.0 levels, and which TLP levels are forwarded automatically. */
#include "testlib.h"

#include "incident.h"

#include <string.h>

static size_t count(const char *const *list)
{
    size_t n = 0;
    while (list[n])
        n++;
    return n;
}

/* Asserts list holds exactly expected[0..n), in that order. */
static void assert_list(const char *const *list, const char *const *expected, size_t n)
{
    ck_assert_uint_eq(count(list), n);
    for (size_t i = 0; i < n; i++)
        ck_assert_str_eq(list[i], expected[i]);
}

START_TEST(test_severities)
{
    static const char *const expected[] = {"emergency", "critical", "warning", "information"};
    assert_list(incident_severities, expected, 4);
}
END_TEST

START_TEST(test_tlp_levels)
{
    static const char *const expected[] = {"clear", "green", "amber", "amber_strict", "red"};
    assert_list(incident_tlp_levels, expected, 5);
}
END_TEST

START_TEST(test_tlp_forwardable)
{
    ck_assert_int_eq(incident_tlp_forwardable("clear"), 1);
    ck_assert_int_eq(incident_tlp_forwardable("green"), 1);
    ck_assert_int_eq(incident_tlp_forwardable("amber"), 1);
    ck_assert_int_eq(incident_tlp_forwardable("amber_strict"), 0);
    ck_assert_int_eq(incident_tlp_forwardable("red"), 0);
    /* anything not in the list stays home */
    ck_assert_int_eq(incident_tlp_forwardable(""), 0);
    ck_assert_int_eq(incident_tlp_forwardable("white"), 0); /* TLP 1.0 */
    ck_assert_int_eq(incident_tlp_forwardable("AMBER"), 0);
    ck_assert_int_eq(incident_tlp_forwardable("amber+strict"), 0);
    ck_assert_int_eq(incident_tlp_forwardable("amber "), 0);
}
END_TEST

static Suite *incident_suite(void)
{
    Suite *s = suite_create("incident");
    TCase *tc = tcase_create("vocabulary");
    tcase_add_test(tc, test_severities);
    tcase_add_test(tc, test_tlp_levels);
    tcase_add_test(tc, test_tlp_forwardable);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(incident_suite)
