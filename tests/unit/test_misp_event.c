/* test_misp_event.c - reading MISP feed events and manifests (lib/misp_event.c): a whole
 * event's info, publisher, date, revision, threat level, TLP from its tags (the strictest,
 * white as clear), CVE ids from "vulnerability" attributes (objects' too, once each, upper
 * case) and counts per attribute type; every refusal with its reason; a manifest's entries
 * with their timestamps, the malformed ones left out. */
#include "testlib.h"

#include "misp_event.h"

#include <stdlib.h>
#include <string.h>

static const char event[] =
    "{\"Event\": {\"uuid\": \"5E6B322A-9F80-4E2F-9F2B-1D2A3C4B5D6E\", "
    "\"info\": \"Log4Shell exploitation seen\", \"date\": \"2021-12-10\", "
    "\"timestamp\": \"1639130000\", \"threat_level_id\": \"1\", "
    "\"Orgc\": {\"name\": \"CIRCL\"}, "
    "\"Tag\": [{\"name\": \"type:OSINT\"}, {\"name\": \"tlp:white\"}, {\"name\": \"TLP:AMBER\"}], "
    "\"Attribute\": [{\"type\": \"vulnerability\", \"value\": \"cve-2021-44228\"}, "
    "{\"type\": \"ip-dst\", \"value\": \"192.0.2.1\"}, {\"type\": \"ip-dst\", \"value\": "
    "\"192.0.2.2\"}, {\"type\": \"vulnerability\", \"value\": \"not a cve\"}], "
    "\"Object\": [{\"name\": \"file\", \"Attribute\": [{\"type\": \"sha256\", \"value\": "
    "\"abc\"}, {\"type\": \"vulnerability\", \"value\": \"CVE-2021-44228\"}, "
    "{\"type\": \"vulnerability\", \"value\": \"CVE-2021-45046\"}]}]}}";

static long count_of(const struct misp_event *e, const char *type)
{
    return (long)json_integer_value(json_object_get(e->counts, type));
}

START_TEST(a_whole_event_is_read)
{
    json_t *doc;
    struct misp_event e;
    ck_assert_int_eq(misp_event_parse(event, sizeof event - 1, NULL, &doc, &e), MISP_OK);
    ck_assert_ptr_nonnull(doc);
    ck_assert_str_eq(e.uuid, "5e6b322a-9f80-4e2f-9f2b-1d2a3c4b5d6e");
    ck_assert_str_eq(e.info, "Log4Shell exploitation seen");
    ck_assert_str_eq(e.publisher, "CIRCL");
    ck_assert_str_eq(e.date, "2021-12-10");
    ck_assert_int_eq(e.timestamp, 1639130000LL);
    ck_assert_int_eq(e.threat_level, 1);
    ck_assert_str_eq(e.tlp, "amber");
    ck_assert_uint_eq(e.n_cves, 2);
    ck_assert_str_eq(e.cves[0], "CVE-2021-44228");
    ck_assert_str_eq(e.cves[1], "CVE-2021-45046");
    ck_assert_int_eq(e.attributes, 7);
    ck_assert_int_eq(count_of(&e, "ip-dst"), 2);
    ck_assert_int_eq(count_of(&e, "vulnerability"), 4);
    ck_assert_int_eq(count_of(&e, "sha256"), 1);
    ck_assert_uint_eq(json_object_size(e.counts), 3);
    misp_event_free(&e);
    json_decref(doc);
    /* the uuid the manifest named, in any case, matches */
    ck_assert_int_eq(
        misp_event_parse(event, sizeof event - 1, "5e6b322a-9f80-4e2f-9f2b-1d2a3c4b5d6e", &doc, &e),
        MISP_OK);
    misp_event_free(&e);
    json_decref(doc);
}
END_TEST

static enum misp_result parse(const char *text)
{
    json_t *doc = (json_t *)1;
    struct misp_event e;
    enum misp_result r = misp_event_parse(text, strlen(text), NULL, &doc, &e);
    if (r == MISP_OK) {
        misp_event_free(&e);
        json_decref(doc);
    } else {
        ck_assert_ptr_null(doc);
    }
    return r;
}

#define UUID "\"uuid\": \"5e6b322a-9f80-4e2f-9f2b-1d2a3c4b5d6e\""

START_TEST(defaults_when_fields_are_missing)
{
    const char text[] = "{\"Event\": {" UUID ", \"info\": \"x\", \"date\": \"10.12.2021\", "
                        "\"threat_level_id\": 9, \"Tag\": [{\"name\": \"tlp:clear\"}]}}";
    json_t *doc;
    struct misp_event e;
    ck_assert_int_eq(misp_event_parse(text, sizeof text - 1, NULL, &doc, &e), MISP_OK);
    ck_assert_str_eq(e.publisher, "");
    ck_assert_str_eq(e.date, "");
    ck_assert_int_eq(e.timestamp, 0);
    ck_assert_int_eq(e.threat_level, 4);
    ck_assert_str_eq(e.tlp, "clear");
    ck_assert_uint_eq(e.n_cves, 0);
    ck_assert_int_eq(e.attributes, 0);
    misp_event_free(&e);
    json_decref(doc);
    ck_assert_int_eq(parse("{\"Event\": {" UUID ", \"info\": \"x\", \"timestamp\": 5}}"), MISP_OK);
    ck_assert_int_eq(parse("{\"Event\": {" UUID ", \"info\": \"x\", \"Tag\": [{\"name\": "
                           "\"tlp:red\"}, {\"name\": \"tlp:amber+strict\"}]}}"),
                     MISP_OK);
}
END_TEST

START_TEST(malformed_events_are_refused_with_a_reason)
{
    ck_assert_int_eq(parse("{\"Event\": "), MISP_UNREADABLE);
    ck_assert_int_eq(parse("[]"), MISP_NO_EVENT);
    ck_assert_int_eq(parse("{\"Event\": []}"), MISP_NO_EVENT);
    ck_assert_int_eq(parse("{\"Event\": {\"info\": \"x\"}}"), MISP_NO_UUID);
    ck_assert_int_eq(parse("{\"Event\": {\"uuid\": \"5e6b322a\", \"info\": \"x\"}}"), MISP_NO_UUID);
    ck_assert_int_eq(parse("{\"Event\": {\"uuid\": \"5e6b322a-9f80-4e2f-9f2b-1d2a3c4b5d6g\", "
                           "\"info\": \"x\"}}"),
                     MISP_NO_UUID);
    ck_assert_int_eq(parse("{\"Event\": {" UUID "}}"), MISP_NO_INFO);
    ck_assert_int_eq(parse("{\"Event\": {" UUID ", \"info\": \"\"}}"), MISP_NO_INFO);
    ck_assert_int_eq(parse("{\"Event\": {" UUID ", \"info\": 3}}"), MISP_NO_INFO);
    ck_assert_int_eq(parse("{\"Event\": {" UUID ", \"info\": \"x\", \"timestamp\": \"soon\"}}"),
                     MISP_BAD_TIMESTAMP);
    ck_assert_int_eq(parse("{\"Event\": {" UUID ", \"info\": \"x\", \"timestamp\": -1}}"),
                     MISP_BAD_TIMESTAMP);
    char *longer = malloc(1200);
    int at = snprintf(longer, 1200, "{\"Event\": {" UUID ", \"info\": \"");
    memset(longer + at, 'a', 1001);
    snprintf(longer + at + 1001, 1200 - (size_t)at - 1001, "\"}}");
    ck_assert_int_eq(parse(longer), MISP_INFO_TOO_LONG);
    free(longer);
    json_t *doc;
    struct misp_event e;
    ck_assert_int_eq(
        misp_event_parse(event, sizeof event - 1, "00000000-9f80-4e2f-9f2b-1d2a3c4b5d6e", &doc, &e),
        MISP_UUID_MISMATCH);
    ck_assert_str_eq(misp_result_key(MISP_NO_INFO), "misp_no_info");
    ck_assert_str_eq(misp_result_key(MISP_UNREADABLE), "json_unreadable");
}
END_TEST

START_TEST(a_manifest_names_its_events_with_their_timestamps)
{
    const char text[] =
        "{\"5e6b322a-9f80-4e2f-9f2b-1d2a3c4b5d6e\": {\"info\": \"a\", \"timestamp\": "
        "\"1639130000\"}, \"not-a-uuid\": {\"timestamp\": \"1\"}, "
        "\"11111111-2222-3333-4444-555555555555\": {\"timestamp\": 7}, "
        "\"22222222-2222-3333-4444-555555555555\": {\"timestamp\": \"x\"}, "
        "\"33333333-2222-3333-4444-555555555555\": 5}";
    struct misp_manifest_entry *m;
    size_t n;
    ck_assert_int_eq(misp_manifest_parse(text, sizeof text - 1, &m, &n), 0);
    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(m[0].uuid, "5e6b322a-9f80-4e2f-9f2b-1d2a3c4b5d6e");
    ck_assert_int_eq(m[0].timestamp, 1639130000LL);
    ck_assert_str_eq(m[1].uuid, "11111111-2222-3333-4444-555555555555");
    ck_assert_int_eq(m[1].timestamp, 7);
    free(m);
    ck_assert_int_eq(misp_manifest_parse("[]", 2, &m, &n), -1);
    ck_assert_ptr_null(m);
    ck_assert_int_eq(misp_manifest_parse("{", 1, &m, &n), -1);
    ck_assert_int_eq(misp_manifest_parse("{}", 2, &m, &n), 0);
    ck_assert_uint_eq(n, 0);
    free(m);
}
END_TEST

static Suite *misp_event_suite(void)
{
    Suite *s = suite_create("misp_event");
    TCase *tc = tcase_create("misp_event");
    tcase_add_test(tc, a_whole_event_is_read);
    tcase_add_test(tc, defaults_when_fields_are_missing);
    tcase_add_test(tc, malformed_events_are_refused_with_a_reason);
    tcase_add_test(tc, a_manifest_names_its_events_with_their_timestamps);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(misp_event_suite)
