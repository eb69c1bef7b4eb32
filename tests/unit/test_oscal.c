/* test_oscal.c - the OSCAL assessment-results document: SHA-1 and version 5 UUIDs against
 * published values; the document's shape (metadata, import-ap pointing at the back-matter
 * questionnaire, one result with scores, reviewed controls, an observation per answered
 * item, a finding per item with a level and a target); values cleaned for the schema's
 * string and token types; the same UUIDs on every export and other ones for another
 * installation; an assessment without items. TEST_VALIDATOR and TEST_SCHEMA_DIR are
 * set (make check), every document made here is also validated against the OSCAL 1.0.6
 * JSON Schema, and a broken one must fail. */
#include "testlib.h"

#include "oscal.h"

#include <jansson.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BASE "https://portal.example.org"

static const struct export_item fixture_items[] = {
    /* a maturity item below its target, with evidence */
    {.code = "ID.AM-1",
     .kind = "subcategory",
     .text = "Physical devices are inventoried.",
     .answer_type = "maturity",
     .choices = "",
     .category_code = "ID.AM",
     .category_name = "Asset Management",
     .function_code = "ID",
     .function_name = "Identify",
     .level = 2,
     .target = 4,
     .justification = "",
     .evidence_notes = "CMDB export, March",
     .value = "",
     .version = 3,
     .evidence_files = 2,
     .updated_at = "2026-03-01T10:00:00Z"},
    /* at its target, carried over */
    {.code = "ID.AM-2",
     .kind = "subcategory",
     .text = "Software is inventoried.",
     .answer_type = "maturity",
     .choices = "",
     .category_code = "ID.AM",
     .category_name = "Asset Management",
     .function_code = "ID",
     .function_name = "Identify",
     .level = 4,
     .target = 4,
     .justification = "",
     .evidence_notes = "",
     .value = "",
     .version = 1,
     .carried_over = 1,
     .updated_at = "2026-03-02T10:00:00Z"},
    /* not applicable */
    {.code = "ID.AM-3",
     .kind = "subcategory",
     .text = "Data flows are mapped.",
     .answer_type = "maturity",
     .choices = "",
     .category_code = "ID.AM",
     .category_name = "Asset Management",
     .function_code = "ID",
     .function_name = "Identify",
     .level = -1,
     .target = 3,
     .not_applicable = 1,
     .justification = "No data leaves.",
     .evidence_notes = "",
     .value = "",
     .version = 1,
     .updated_at = ""},
    /* not answered */
    {.code = "ID.AM-4",
     .kind = "subcategory",
     .text = "External systems are catalogued.",
     .answer_type = "maturity",
     .choices = "",
     .category_code = "ID.AM",
     .category_name = "Asset Management",
     .function_code = "ID",
     .function_name = "Identify",
     .level = -1,
     .target = -1,
     .justification = "",
     .evidence_notes = "",
     .value = "",
     .updated_at = ""},
    /* own questions: a yes/no, and a text with line breaks; a code no token may hold */
    {.code = "Q2000",
     .kind = "custom",
     .text = "Do you hold an ISO/IEC 27001 certificate?",
     .answer_type = "yesno",
     .choices = "",
     .category_code = "",
     .category_name = "",
     .function_code = "",
     .function_name = "",
     .level = -1,
     .target = -1,
     .justification = "",
     .evidence_notes = "",
     .value = "yes",
     .version = 1,
     .updated_at = "2026-03-03T10:00:00Z"},
    {.code = "2 odd/code",
     .kind = "custom",
     .text = "Describe your backups.",
     .answer_type = "text",
     .choices = "",
     .category_code = "",
     .category_name = "",
     .function_code = "",
     .function_name = "",
     .level = -1,
     .target = -1,
     .justification = "",
     .evidence_notes = "",
     .value = "  Daily,\r\n offsite  ",
     .version = 1,
     .updated_at = "2026-03-03T11:00:00Z"},
};

static const struct export_score fixture_categories[] = {{"ID.AM", "Asset Management", 3.0}};
static const struct export_score fixture_functions[] = {{"ID", "Identify", 3.0},
                                                        {"PR", "Protect", -1},
                                                        {"DE", "Detect", -1},
                                                        {"RS", "Respond", -1},
                                                        {"RC", "Recover", -1}};

static struct export_assessment fixture(void)
{
    return (struct export_assessment){
        .id = 42,
        .org_id = 7,
        .org_name = " Acme\n Cloud\u2028Services ",
        .title = "Supplier security 2026",
        .status = "accepted",
        .created_at = "2026-02-01T09:00:00Z",
        .updated_at = "2026-03-05T12:00:00Z",
        .submitted_at = "2026-03-04T12:00:00Z",
        .reviewed_at = "2026-03-05T12:00:00Z",
        .due_date = "2026-06-30",
        .cycle = 1,
        .items = fixture_items,
        .n_items = sizeof fixture_items / sizeof fixture_items[0],
        .categories = fixture_categories,
        .n_categories = 1,
        .functions = fixture_functions,
        .n_functions = 5,
        .overall = 3.0,
    };
}

/* ---- helpers ---- */

static json_t *parse(const char *text)
{
    ck_assert_ptr_nonnull(text);
    json_error_t err;
    json_t *doc = json_loads(text, 0, &err);
    ck_assert_msg(doc != NULL, "not JSON: %s (line %d)", err.text, err.line);
    return doc;
}

static json_t *at(json_t *obj, const char *path)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", path);
    json_t *v = obj;
    for (char *k = strtok(buf, "/"); k && v; k = strtok(NULL, "/")) {
        if (json_is_array(v))
            v = json_array_get(v, strtoul(k, NULL, 10));
        else
            v = json_object_get(v, k);
    }
    ck_assert_msg(v != NULL, "%s missing", path);
    return v;
}

static const char *str(json_t *obj, const char *path)
{
    json_t *v = at(obj, path);
    ck_assert_msg(json_is_string(v), "%s is not a string", path);
    return json_string_value(v);
}

static int matches(const char *pattern, const char *s)
{
    regex_t re;
    ck_assert_int_eq(regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB), 0);
    int ok = regexec(&re, s, 0, NULL, 0) == 0;
    regfree(&re);
    return ok;
}

#define UUID5 "^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"

/* The value of the prop named name (and class cls, if not NULL) in props, or NULL. */
static const char *prop(json_t *props, const char *name, const char *cls)
{
    size_t i;
    json_t *p;
    json_array_foreach(props, i, p)
    {
        json_t *c = json_object_get(p, "class");
        if (strcmp(json_string_value(json_object_get(p, "name")), name) == 0 &&
            (!cls || (c && strcmp(json_string_value(c), cls) == 0))) {
            ck_assert_str_eq(json_string_value(json_object_get(p, "ns")), OSCAL_NS);
            return json_string_value(json_object_get(p, "value"));
        }
    }
    return NULL;
}

/* Runs TEST_VALIDATOR (set by make check) on text; returns its exit status. A missing
 * validator fails the test. */
static int validate(const char *text)
{
    const char *validator = test_env("TEST_VALIDATOR");
    const char *dir = test_env("TEST_SCHEMA_DIR");
    char file[] = "/tmp/test_oscal.XXXXXX";
    int fd = mkstemp(file);
    ck_assert_int_ge(fd, 0);
    size_t len = strlen(text);
    ck_assert_int_eq(write(fd, text, len), (ssize_t)len);
    close(fd);
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "%s %s/oscal-1.0.6/oscal_assessment-results_schema.json %s",
             validator, dir, file);
    int rc = system(cmd);
    unlink(file);
    ck_assert_msg(rc != -1 && WIFEXITED(rc), "the validator did not run: %s", cmd);
    return WEXITSTATUS(rc);
}

/* ---- tests ---- */

START_TEST(test_sha1)
{
    unsigned char h[20];
    char hex[41];
    oscal_sha1("abc", 3, h);
    for (int i = 0; i < 20; i++)
        snprintf(hex + 2 * i, 3, "%02x", h[i]);
    ck_assert_str_eq(hex, "a9993e364706816aba3e25717850c26c9cd0d89d");
    oscal_sha1("", 0, h);
    for (int i = 0; i < 20; i++)
        snprintf(hex + 2 * i, 3, "%02x", h[i]);
    ck_assert_str_eq(hex, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    /* two blocks */
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    oscal_sha1(two, strlen(two), h);
    for (int i = 0; i < 20; i++)
        snprintf(hex + 2 * i, 3, "%02x", h[i]);
    ck_assert_str_eq(hex, "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
}
END_TEST

START_TEST(test_uuid_v5)
{
    /* Python's uuid.uuid5(uuid.NAMESPACE_DNS, "python.org") */
    static const unsigned char dns[16] = {0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1,
                                          0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};
    char u[37];
    oscal_uuid_v5(dns, "python.org", u);
    ck_assert_str_eq(u, "886313e1-3b8a-5372-9b90-0c9aee199e5d");
    oscal_uuid_v5(oscal_namespace_url, "https://portal.example.org/assessments/1", u);
    ck_assert(matches(UUID5, u));
}
END_TEST

START_TEST(test_document)
{
    struct export_assessment a = fixture();
    char *text = oscal_assessment_results(&a, BASE);
    json_t *doc = parse(text);
    json_t *ar = at(doc, "assessment-results");
    ck_assert(matches(UUID5, str(ar, "uuid")));

    /* metadata */
    ck_assert_str_eq(str(ar, "metadata/oscal-version"), "1.0.6");
    ck_assert_str_eq(str(ar, "metadata/last-modified"), "2026-03-05T12:00:00Z");
    ck_assert_str_eq(str(ar, "metadata/version"), "2026-03-05T12:00:00Z");
    ck_assert_ptr_nonnull(strstr(str(ar, "metadata/title"), "Supplier security 2026"));
    ck_assert_str_eq(str(ar, "metadata/parties/0/type"), "organization");
    ck_assert_str_eq(str(ar, "metadata/parties/0/name"), "Acme Cloud Services");
    const char *party = str(ar, "metadata/parties/0/uuid");
    ck_assert(matches(UUID5, party));

    /* the plan is the questionnaire in back-matter */
    const char *href = str(ar, "import-ap/href");
    ck_assert_int_eq(href[0], '#');
    ck_assert_str_eq(href + 1, str(ar, "back-matter/resources/0/uuid"));
    ck_assert_ptr_nonnull(strstr(str(ar, "back-matter/resources/0/title"), "Supplier security"));

    /* one result with its times and scores */
    ck_assert_int_eq(json_array_size(at(ar, "results")), 1);
    json_t *r = at(ar, "results/0");
    ck_assert(matches(UUID5, str(r, "uuid")));
    ck_assert_str_eq(str(r, "start"), "2026-02-01T09:00:00Z");
    ck_assert_str_eq(str(r, "end"), "2026-03-05T12:00:00Z"); /* accepted */
    json_t *props = at(r, "props");
    ck_assert_str_eq(prop(props, "assessment-status", NULL), "accepted");
    ck_assert_str_eq(prop(props, "overall-score", NULL), "3.0");
    ck_assert_str_eq(prop(props, "function-score", "ID"), "3.0");
    ck_assert_ptr_null(prop(props, "function-score", "PR")); /* nothing to score */
    ck_assert_str_eq(prop(props, "category-score", "ID.AM"), "3.0");

    /* every item reviewed; a code that is no token is made one */
    json_t *include = at(r, "reviewed-controls/control-selections/0/include-controls");
    ck_assert_int_eq(json_array_size(include), 6);
    ck_assert_str_eq(str(include, "0/control-id"), "ID.AM-1");
    ck_assert_str_eq(str(include, "5/control-id"), "_2_odd_code");

    /* an observation per answered item (ID.AM-4 is not) */
    json_t *obs = at(r, "observations");
    ck_assert_int_eq(json_array_size(obs), 5);
    json_t *o = at(obs, "0");
    ck_assert_str_eq(str(o, "title"), "ID.AM-1");
    ck_assert_ptr_nonnull(strstr(str(o, "description"), "Physical devices are inventoried."));
    ck_assert_ptr_nonnull(strstr(str(o, "description"), "Maturity level 2 of 5 (target 4)"));
    ck_assert_str_eq(prop(at(o, "props"), "maturity-level", NULL), "2");
    ck_assert_str_eq(prop(at(o, "props"), "target-level", NULL), "4");
    ck_assert_str_eq(str(o, "methods/0"), "INTERVIEW");
    ck_assert_str_eq(str(o, "methods/1"), "EXAMINE"); /* files attached */
    ck_assert_str_eq(str(o, "relevant-evidence/0/description"), "CMDB export, March");
    ck_assert_ptr_nonnull(strstr(str(o, "relevant-evidence/1/description"), "2 evidence files"));
    ck_assert_str_eq(str(o, "collected"), "2026-03-01T10:00:00Z");
    ck_assert_str_eq(str(o, "subjects/0/subject-uuid"), party);
    ck_assert_str_eq(str(o, "subjects/0/type"), "party");
    o = at(obs, "1");
    ck_assert_int_eq(json_array_size(at(o, "methods")), 1);
    ck_assert_str_eq(prop(at(o, "props"), "carried-over", NULL), "true");
    o = at(obs, "2"); /* not applicable: collected falls back to the assessment's change */
    ck_assert_str_eq(prop(at(o, "props"), "not-applicable", NULL), "true");
    ck_assert_ptr_null(prop(at(o, "props"), "maturity-level", NULL));
    ck_assert_ptr_nonnull(strstr(str(o, "description"), "Not applicable: No data leaves."));
    ck_assert_str_eq(str(o, "collected"), "2026-03-05T12:00:00Z");
    o = at(obs, "3"); /* yes/no: the answer as a prop */
    ck_assert_str_eq(prop(at(o, "props"), "answer", NULL), "yes");
    o = at(obs, "4"); /* free text: in the description only, no props at all */
    ck_assert_ptr_null(json_object_get(o, "props"));
    ck_assert_ptr_nonnull(strstr(str(o, "description"), "Answer:   Daily,\r\n offsite  "));

    /* findings for the items with a level and a target */
    json_t *findings = at(r, "findings");
    ck_assert_int_eq(json_array_size(findings), 2);
    ck_assert_str_eq(str(findings, "0/target/type"), "objective-id");
    ck_assert_str_eq(str(findings, "0/target/target-id"), "ID.AM-1");
    ck_assert_str_eq(str(findings, "0/target/status/state"), "not-satisfied");
    ck_assert_str_eq(prop(at(findings, "0/props"), "gap", NULL), "2");
    ck_assert_str_eq(str(findings, "0/related-observations/0/observation-uuid"),
                     str(obs, "0/uuid"));
    ck_assert_str_eq(str(findings, "1/target/status/state"), "satisfied");
    ck_assert_ptr_null(json_object_get(at(findings, "1"), "props"));

    int rc = validate(text);
    ck_assert_msg(rc == 0, "the OSCAL document is not valid:\n%s", text);
    json_decref(doc);
    free(text);
}
END_TEST

START_TEST(test_stable_uuids)
{
    struct export_assessment a = fixture();
    char *one = oscal_assessment_results(&a, BASE);
    char *two = oscal_assessment_results(&a, BASE);
    ck_assert_str_eq(one, two); /* same subject, same UUIDs: the same document */
    char *other = oscal_assessment_results(&a, "https://other.example.net");
    json_t *d1 = parse(one), *d2 = parse(other);
    ck_assert_str_ne(str(d1, "assessment-results/uuid"), str(d2, "assessment-results/uuid"));
    ck_assert_str_ne(str(d1, "assessment-results/results/0/observations/0/uuid"),
                     str(d2, "assessment-results/results/0/observations/0/uuid"));
    /* every UUID in a document is different */
    const char *u[] = {str(d1, "assessment-results/uuid"),
                       str(d1, "assessment-results/results/0/uuid"),
                       str(d1, "assessment-results/metadata/parties/0/uuid"),
                       str(d1, "assessment-results/back-matter/resources/0/uuid"),
                       str(d1, "assessment-results/results/0/observations/0/uuid"),
                       str(d1, "assessment-results/results/0/observations/1/uuid"),
                       str(d1, "assessment-results/results/0/findings/0/uuid")};
    for (size_t i = 0; i < sizeof u / sizeof u[0]; i++)
        for (size_t k = i + 1; k < sizeof u / sizeof u[0]; k++)
            ck_assert_str_ne(u[i], u[k]);
    json_decref(d1);
    json_decref(d2);
    free(one);
    free(two);
    free(other);
}
END_TEST

START_TEST(test_draft_without_items)
{
    struct export_assessment a = fixture();
    a.status = "draft";
    a.items = NULL;
    a.n_items = 0;
    a.n_categories = 0;
    a.overall = -1;
    a.n_functions = 0;
    a.submitted_at = a.reviewed_at = "";
    a.updated_at = "not a time";
    a.org_name = " \n ";
    char *text = oscal_assessment_results(&a, BASE);
    json_t *doc = parse(text);
    json_t *r = at(doc, "assessment-results/results/0");
    ck_assert_ptr_null(json_object_get(r, "end"));
    ck_assert_ptr_null(json_object_get(r, "observations"));
    ck_assert_ptr_null(json_object_get(r, "findings"));
    ck_assert(json_is_object(at(r, "reviewed-controls/control-selections/0/include-all")));
    ck_assert_int_eq(json_array_size(at(r, "props")), 1); /* the status only */
    /* a time that is none falls back to the creation */
    ck_assert_str_eq(str(doc, "assessment-results/metadata/last-modified"), "2026-02-01T09:00:00Z");
    ck_assert_str_eq(str(doc, "assessment-results/metadata/parties/0/name"),
                     "Unnamed organisation");
    int rc = validate(text);
    ck_assert_msg(rc == 0, "the OSCAL document is not valid:\n%s", text);
    json_decref(doc);
    free(text);
}
END_TEST

START_TEST(test_invalid_utf8)
{
    struct export_assessment a = fixture();
    a.title = "bad \xff title";
    ck_assert_ptr_null(oscal_assessment_results(&a, BASE));
}
END_TEST

/* The validator must refuse what the schema does not allow, or the checks above prove
 * nothing. */
START_TEST(test_validator_refuses_broken_document)
{
    struct export_assessment a = fixture();
    char *text = oscal_assessment_results(&a, BASE);
    json_t *doc = parse(text);
    json_object_del(at(doc, "assessment-results"), "import-ap");
    json_object_set_new(at(doc, "assessment-results/results/0/observations/0"), "methods",
                        json_array());
    char *broken = json_dumps(doc, 0);
    int rc = validate(broken);
    ck_assert_msg(rc == 1, "a broken document passed the validator (%d)", rc);
    free(broken);
    json_decref(doc);
    free(text);
}
END_TEST

static Suite *oscal_suite(void)
{
    Suite *s = suite_create("oscal");
    TCase *tc = tcase_create("oscal");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_sha1);
    tcase_add_test(tc, test_uuid_v5);
    tcase_add_test(tc, test_document);
    tcase_add_test(tc, test_stable_uuids);
    tcase_add_test(tc, test_draft_without_items);
    tcase_add_test(tc, test_invalid_utf8);
    tcase_add_test(tc, test_validator_refuses_broken_document);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(oscal_suite)
