/* test_alert.c - alert_format_json: the document parses back (jansson) with every field in
 * its place, it is compact with sorted keys, and text with quotes, backslashes, newlines,
 * control characters and non-ASCII characters round-trips unchanged. */
#include "testlib.h"

#include "alert.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const struct incident_alert sample = {
    .number = "INC-2024-0001",
    .title = "Phishing wave",
    .description = "Mails asking for passwords.",
    .category = "technical_attack",
    .severity = "warning",
    .tlp = "amber",
    .detected_at = "2024-02-29T12:30:00Z",
    .reported_at = "2024-02-29T13:00:00Z",
    .organisation = "Example Ltd",
};

/* Formats a, parses the result back and returns it (decref it); fails on NULL. */
static json_t *round_trip(const struct incident_alert *a, char **text)
{
    char *s = alert_format_json(a);
    ck_assert_ptr_nonnull(s);
    json_error_t err;
    json_t *doc = json_loads(s, 0, &err);
    ck_assert_msg(doc != NULL, "not JSON: %s (%s)", err.text, s);
    if (text)
        *text = s;
    else
        free(s);
    return doc;
}

static const char *str(json_t *doc, const char *obj, const char *key)
{
    json_t *o = json_object_get(doc, obj);
    ck_assert_msg(json_is_object(o), "%s is not an object", obj);
    json_t *v = json_object_get(o, key);
    ck_assert_msg(json_is_string(v), "%s.%s is not a string", obj, key);
    return json_string_value(v);
}

START_TEST(test_fields)
{
    json_t *doc = round_trip(&sample, NULL);
    ck_assert_uint_eq(json_object_size(doc), 4);
    ck_assert_str_eq(json_string_value(json_object_get(doc, "type")), "incident.alert");
    ck_assert_int_eq(json_integer_value(json_object_get(doc, "schema_version")), 1);
    ck_assert(json_is_integer(json_object_get(doc, "schema_version")));
    json_t *inc = json_object_get(doc, "incident");
    ck_assert_uint_eq(json_object_size(inc), 8);
    ck_assert_str_eq(str(doc, "incident", "number"), "INC-2024-0001");
    ck_assert_str_eq(str(doc, "incident", "title"), "Phishing wave");
    ck_assert_str_eq(str(doc, "incident", "description"), "Mails asking for passwords.");
    ck_assert_str_eq(str(doc, "incident", "category"), "technical_attack");
    ck_assert_str_eq(str(doc, "incident", "severity"), "warning");
    ck_assert_str_eq(str(doc, "incident", "tlp"), "amber");
    ck_assert_str_eq(str(doc, "incident", "detected_at"), "2024-02-29T12:30:00Z");
    ck_assert_str_eq(str(doc, "incident", "reported_at"), "2024-02-29T13:00:00Z");
    ck_assert_uint_eq(json_object_size(json_object_get(doc, "organisation")), 1);
    ck_assert_str_eq(str(doc, "organisation", "name"), "Example Ltd");
    json_decref(doc);
}
END_TEST

START_TEST(test_compact_sorted)
{
    char *text;
    json_t *doc = round_trip(&sample, &text);
    ck_assert_ptr_null(strchr(text, '\n'));
    ck_assert_ptr_null(strstr(text, ": "));
    ck_assert_ptr_null(strstr(text, ", "));
    ck_assert_int_eq(strncmp(text, "{\"incident\":{\"category\":", 24), 0);
    const char *org = strstr(text, "\"organisation\":");
    const char *ver = strstr(text, "\"schema_version\":1,");
    const char *type = strstr(text, "\"type\":\"incident.alert\"}");
    ck_assert(org && ver && type && org < ver && ver < type);
    free(text);
    json_decref(doc);
}
END_TEST

START_TEST(test_escaping)
{
    struct incident_alert a = sample;
    a.title = "He said \"stop\" \\ now";
    a.description = "line 1\nline 2\r\n\ttabbed \x01 </script>";
    a.organisation = "Caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xe6\x97\xa5\xe6\x9c\xac";
    char *text;
    json_t *doc = round_trip(&a, &text);
    ck_assert_str_eq(str(doc, "incident", "title"), a.title);
    ck_assert_str_eq(str(doc, "incident", "description"), a.description);
    ck_assert_str_eq(str(doc, "organisation", "name"), a.organisation);
    /* escaped in the text: no raw newline or control byte */
    ck_assert_ptr_null(strchr(text, '\n'));
    ck_assert_ptr_null(strchr(text, '\x01'));
    ck_assert_ptr_nonnull(strstr(text, "\\\"stop\\\" \\\\ now"));
    free(text);
    json_decref(doc);
}
END_TEST

START_TEST(test_empty_strings)
{
    struct incident_alert a = sample;
    a.description = "";
    json_t *doc = round_trip(&a, NULL);
    ck_assert_str_eq(str(doc, "incident", "description"), "");
    json_decref(doc);
}
END_TEST

/* Not only out of memory: a missing field or invalid UTF-8 makes json_pack fail. */
START_TEST(test_refused)
{
    struct incident_alert a = sample;
    a.description = NULL;
    ck_assert_ptr_null(alert_format_json(&a));
    a = sample;
    a.title = "bad \xc3\x28 byte";
    ck_assert_ptr_null(alert_format_json(&a));
}
END_TEST

static Suite *alert_suite(void)
{
    Suite *s = suite_create("alert");
    TCase *tc = tcase_create("alert_format_json");
    tcase_add_test(tc, test_fields);
    tcase_add_test(tc, test_compact_sorted);
    tcase_add_test(tc, test_escaping);
    tcase_add_test(tc, test_empty_strings);
    tcase_add_test(tc, test_refused);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(alert_suite)
