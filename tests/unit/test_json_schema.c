/* test_json_schema.c - the JSON Schema checker with the official CSAF 2.0 schema and its
 * CVSS schemas (schema/formats/csaf-2.0/): the four published sample advisories
 * (TEST_SCHEMA_DIR/csaf-2.0/examples) are valid; each kind of mistake in one of them is
 * found, at its place, by the keyword a JavaScript validator would name; a schema with a
 * pattern the checker cannot follow is refused at load; a deep or self-referring document
 * stops at the depth limit. */
#include "testlib.h"

#include "json_schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FORMATS "schema/formats/csaf-2.0/"

static const struct json_schema_ref cvss[] = {
    {"https://www.first.org/cvss/cvss-v2.0.json", FORMATS "cvss-v2.0.json"},
    {"https://www.first.org/cvss/cvss-v3.0.json", FORMATS "cvss-v3.0.json"},
    {"https://www.first.org/cvss/cvss-v3.1.json", FORMATS "cvss-v3.1.json"},
};

static struct json_schema_set *csaf_schema(void)
{
    char err[256] = "";
    struct json_schema_set *set =
        json_schema_load(FORMATS "csaf_json_schema.json", cvss, 3, err, sizeof err);
    ck_assert_msg(set != NULL, "the CSAF schema does not load: %s", err);
    return set;
}

static json_t *sample(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/csaf-2.0/examples/%s", test_env("TEST_SCHEMA_DIR"), name);
    json_error_t e;
    json_t *doc = json_load_file(path, 0, &e);
    ck_assert_msg(doc != NULL, "%s: %s", path, e.text);
    return doc;
}

START_TEST(the_published_samples_are_valid)
{
    struct json_schema_set *set = csaf_schema();
    static const char *const samples[] = {"bsi-2022-0001.json", "cisco-sa-20180328-smi2.json",
                                          "rhsa-2021_5217.json", "rhsa-2022_0011.json"};
    for (size_t i = 0; i < 4; i++) {
        json_t *doc = sample(samples[i]);
        struct json_schema_error e[4];
        size_t n = json_schema_validate(set, doc, e, 4);
        ck_assert_msg(n == 0, "%s: %zu failures, first %s at %s (%s)", samples[i], n,
                      n ? e[0].keyword : "", n ? e[0].path : "", n ? e[0].param : "");
        json_decref(doc);
    }
    json_schema_free(set);
}
END_TEST

/* Validates doc and checks that one failure is keyword at path with param. */
static void expect_failure(struct json_schema_set *set, json_t *doc, const char *keyword,
                           const char *path, const char *param)
{
    struct json_schema_error e[16];
    size_t n = json_schema_validate(set, doc, e, 16);
    ck_assert_msg(n > 0, "no failure found, %s expected at %s", keyword, path);
    for (size_t i = 0; i < n && i < 16; i++)
        if (strcmp(e[i].keyword, keyword) == 0 && strcmp(e[i].path, path) == 0 &&
            (!param || strcmp(e[i].param, param) == 0))
            return;
    ck_abort_msg("%s at %s not among %zu failures (first: %s at %s, %s)", keyword, path, n,
                 e[0].keyword, e[0].path, e[0].param);
}

START_TEST(mistakes_are_found_where_they_are)
{
    struct json_schema_set *set = csaf_schema();
    json_t *doc = sample("rhsa-2021_5217.json");
    json_t *document = json_object_get(doc, "document");
    json_t *tracking = json_object_get(document, "tracking");
    json_t *vuln = json_array_get(json_object_get(doc, "vulnerabilities"), 0);

    json_object_del(tracking, "id");
    expect_failure(set, doc, "required", "/document/tracking", "id");
    json_object_set_new(tracking, "id", json_string("RHSA-2021:5217"));

    json_object_set_new(vuln, "cve", json_string("CVE-21-44228"));
    expect_failure(set, doc, "pattern", "/vulnerabilities/0/cve", NULL);
    json_object_set_new(vuln, "cve", json_string("CVE-2021-44228"));

    json_t *tlp = json_object_get(json_object_get(document, "distribution"), "tlp");
    json_object_set_new(tlp, "label", json_string("PURPLE"));
    expect_failure(set, doc, "enum", "/document/distribution/tlp/label", NULL);
    json_object_set_new(tlp, "label", json_string("WHITE"));

    json_object_set_new(tracking, "current_release_date", json_string("2021-12-14 10:00"));
    expect_failure(set, doc, "format", "/document/tracking/current_release_date", "date-time");
    json_object_set_new(tracking, "current_release_date", json_string("2021-12-14T10:00:00Z"));

    json_object_set_new(document, "title", json_integer(5));
    expect_failure(set, doc, "type", "/document/title", "string");
    json_object_set_new(document, "title", json_string("log4j security update"));

    json_t *affected = json_object_get(json_object_get(vuln, "product_status"), "fixed");
    ck_assert_ptr_nonnull(affected);
    json_array_append(affected, json_array_get(affected, 0));
    expect_failure(set, doc, "uniqueItems", "/vulnerabilities/0/product_status/fixed/1", NULL);
    json_array_remove(affected, 1);

    struct json_schema_error e[1];
    ck_assert_uint_eq(json_schema_validate(set, doc, e, 1), 0); /* all put right again */
    json_decref(doc);

    /* in the CVSS v3.x schema, reached by its URL */
    doc = sample("bsi-2022-0001.json");
    vuln = json_array_get(json_object_get(doc, "vulnerabilities"), 0);
    json_t *cvss3 = json_object_get(json_array_get(json_object_get(vuln, "scores"), 0), "cvss_v3");
    ck_assert_ptr_nonnull(cvss3);
    json_object_set_new(cvss3, "baseScore", json_real(11.0));
    expect_failure(set, doc, "maximum", "/vulnerabilities/0/scores/0/cvss_v3/baseScore", "10");
    json_object_set_new(cvss3, "baseScore", json_real(10.0));

    ck_assert_uint_eq(json_schema_validate(set, doc, e, 1), 0);
    json_decref(doc);
    json_schema_free(set);
}
END_TEST

/* Writes text to a new temporary file; returns its name (static buffer). */
static const char *schema_file(const char *text)
{
    static char name[] = "/tmp/test_json_schema.XXXXXX";
    strcpy(name, "/tmp/test_json_schema.XXXXXX");
    int fd = mkstemp(name);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return name;
}

START_TEST(unsupported_patterns_unknown_refs_and_depth)
{
    char err[256] = "";
    const char *file = schema_file("{\"type\": \"string\", \"pattern\": \"(?=x)y\"}");
    ck_assert_ptr_null(json_schema_load(file, NULL, 0, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "pattern not supported"));
    unlink(file);

    file = schema_file("{\"$ref\": \"https://example.org/other.json\"}");
    struct json_schema_set *set = json_schema_load(file, NULL, 0, err, sizeof err);
    unlink(file);
    ck_assert_ptr_nonnull(set);
    struct json_schema_error e[2];
    json_t *one = json_integer(1);
    ck_assert_uint_eq(json_schema_validate(set, one, e, 2), 1);
    ck_assert_str_eq(e[0].keyword, "$ref");
    json_schema_free(set);

    file = schema_file("{\"$ref\": \"#\"}"); /* refers to itself: stops at the depth limit */
    set = json_schema_load(file, NULL, 0, err, sizeof err);
    unlink(file);
    ck_assert_ptr_nonnull(set);
    ck_assert_uint_eq(json_schema_validate(set, one, e, 2), 1);
    ck_assert_str_eq(e[0].keyword, "depth");
    json_schema_free(set);
    json_decref(one);

    file = schema_file("{\"type\": \"array\", \"items\": {\"$ref\": \"#\"}}");
    set = json_schema_load(file, NULL, 0, err, sizeof err);
    unlink(file);
    json_t *deep = json_array(), *inner = deep;
    for (int i = 0; i < 500; i++) {
        json_t *next = json_array();
        json_array_append_new(inner, next);
        inner = next;
    }
    ck_assert_uint_ge(json_schema_validate(set, deep, e, 2), 1);
    ck_assert_str_eq(e[0].keyword, "depth");
    json_decref(deep);
    json_schema_free(set);
}
END_TEST

static Suite *json_schema_suite(void)
{
    Suite *s = suite_create("json_schema");
    TCase *t = tcase_create("csaf");
    tcase_set_timeout(t, 30);
    tcase_add_test(t, the_published_samples_are_valid);
    tcase_add_test(t, mistakes_are_found_where_they_are);
    tcase_add_test(t, unsupported_patterns_unknown_refs_and_depth);
    suite_add_tcase(s, t);
    return s;
}

TEST_MAIN(json_schema_suite)
