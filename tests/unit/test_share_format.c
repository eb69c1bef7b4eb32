/* test_share_format.c - the four forms of a shared incident (share_format.h): each
 * parses back (jansson) with every field in its place and left-out fields absent; an
 * anonymised organisation appears nowhere in any of them; the webhook's HMAC matches RFC
 * 4231; STIX and MISP ids are the same for the same share and differ between shares;
 * the TLP 2.0 markings are the published OASIS objects; every TLP level maps as
 * documented; text round-trips; bad input gives NULL. */
#include "testlib.h"

#include "share_format.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const struct share_incident sample = {
    .number = "INC-000042",
    .title = "Ransomware on the billing servers",
    .description = "Files encrypted on two servers.",
    .category = "technical_attack",
    .category_label = "Technical attack",
    .severity = "critical",
    .tlp = "amber",
    .nature = "actual",
    .occurred_at = "2026-01-15T07:45:00Z",
    .detected_at = "2026-01-15T08:30:00Z",
    .reported_at = "2026-01-15T09:02:11Z",
    .organisation = "Northwind Energy",
    .organisation_key = "org-key-17",
    .assets = "billing-01, billing-02",
    .impact = "Invoicing stopped for four hours.",
    .actions = "Servers isolated, restored from backup.",
    .share_key = "0b9f1c2e-3d4a-4b5c-8d6e-7f8091a2b3c4",
    .created_at = "2026-01-15T10:00:00Z",
};

/* sample with every optional field and the organisation left out */
static struct share_incident bare(void)
{
    struct share_incident in = sample;
    in.description = NULL;
    in.occurred_at = NULL;
    in.assets = NULL;
    in.impact = NULL;
    in.actions = NULL;
    in.organisation = NULL;
    return in;
}

enum format { WEBHOOK, STIX, MISP, EMAIL, FORMATS };

static char *format(enum format f, const struct share_incident *in)
{
    switch (f) {
    case WEBHOOK:
        return share_format_webhook(in);
    case STIX:
        return share_format_stix(in);
    case MISP:
        return share_format_misp(in);
    default:
        return share_format_email(in, "csirt@example.org");
    }
}

/* Parses text (fails the test when it is not JSON). */
static json_t *parse(const char *text)
{
    ck_assert_ptr_nonnull(text);
    json_error_t err;
    json_t *doc = json_loads(text, 0, &err);
    ck_assert_msg(doc != NULL, "not JSON: %s (%s)", err.text, text);
    return doc;
}

static json_t *format_json(enum format f, const struct share_incident *in)
{
    char *s = format(f, in);
    json_t *doc = parse(s);
    free(s);
    return doc;
}

/* The string at key of obj, failing the test when it is not one. */
static const char *str(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    ck_assert_msg(json_is_string(v), "%s is not a string", key);
    return json_string_value(v);
}

/* objects[i] of a STIX bundle */
static json_t *stix_object(json_t *bundle, size_t i)
{
    json_t *o = json_array_get(json_object_get(bundle, "objects"), i);
    ck_assert_msg(json_is_object(o), "objects[%zu] missing", i);
    return o;
}

/* Checks "uuid" is an RFC 4122 version 4 UUID in lowercase hex. */
static void assert_uuid4(const char *uuid)
{
    ck_assert_uint_eq(strlen(uuid), 36);
    for (int i = 0; i < 36; i++) {
        if (i == 8 || i == 13 || i == 18 || i == 23)
            ck_assert_int_eq(uuid[i], '-');
        else
            ck_assert_msg(strchr("0123456789abcdef", uuid[i]), "bad UUID %s", uuid);
    }
    ck_assert_int_eq(uuid[14], '4');
    ck_assert_msg(strchr("89ab", uuid[19]), "bad variant in %s", uuid);
}

static void assert_stix_id(const char *id, const char *prefix)
{
    size_t n = strlen(prefix);
    ck_assert_msg(strncmp(id, prefix, n) == 0 && id[n] == '-' && id[n + 1] == '-',
                  "%s is not a %s id", id, prefix);
    assert_uuid4(id + n + 2);
}

/* ---- webhook ---- */

START_TEST(webhook_fields)
{
    json_t *doc = format_json(WEBHOOK, &sample);
    ck_assert_uint_eq(json_object_size(doc), 6);
    ck_assert_str_eq(str(doc, "type"), "incident");
    ck_assert(json_is_integer(json_object_get(doc, "schema_version")));
    ck_assert_int_eq(json_integer_value(json_object_get(doc, "schema_version")), 2);
    ck_assert_str_eq(str(doc, "id"), sample.share_key);
    ck_assert_str_eq(str(doc, "shared_at"), sample.created_at);
    json_t *org = json_object_get(doc, "organisation");
    ck_assert_uint_eq(json_object_size(org), 1);
    ck_assert_str_eq(str(org, "name"), "Northwind Energy");
    json_t *inc = json_object_get(doc, "incident");
    ck_assert_uint_eq(json_object_size(inc), 14);
    ck_assert_str_eq(str(inc, "number"), "INC-000042");
    ck_assert_str_eq(str(inc, "title"), sample.title);
    ck_assert_str_eq(str(inc, "description"), sample.description);
    ck_assert_str_eq(str(inc, "category"), "technical_attack");
    ck_assert_str_eq(str(inc, "category_label"), "Technical attack");
    ck_assert_str_eq(str(inc, "severity"), "critical");
    ck_assert_str_eq(str(inc, "tlp"), "amber");
    ck_assert_str_eq(str(inc, "nature"), "actual");
    ck_assert_str_eq(str(inc, "occurred_at"), sample.occurred_at);
    ck_assert_str_eq(str(inc, "detected_at"), sample.detected_at);
    ck_assert_str_eq(str(inc, "reported_at"), sample.reported_at);
    ck_assert_str_eq(str(inc, "assets"), sample.assets);
    ck_assert_str_eq(str(inc, "impact"), sample.impact);
    ck_assert_str_eq(str(inc, "actions"), sample.actions);
    json_decref(doc);
}
END_TEST

START_TEST(webhook_omitted_fields_absent)
{
    struct share_incident in = bare();
    in.description = ""; /* empty counts as left out */
    json_t *doc = format_json(WEBHOOK, &in);
    ck_assert(json_is_null(json_object_get(doc, "organisation")));
    json_t *inc = json_object_get(doc, "incident");
    ck_assert_uint_eq(json_object_size(inc), 9);
    const char *absent[] = {"description", "occurred_at", "assets", "impact", "actions"};
    for (size_t i = 0; i < 5; i++)
        ck_assert_msg(json_object_get(inc, absent[i]) == NULL, "%s present", absent[i]);
    json_decref(doc);
    char *s = share_format_webhook(&in);
    ck_assert_ptr_null(strstr(s, "description"));
    const char *null = strstr(s, "\"organisation\":null,");
    ck_assert_ptr_nonnull(null);
    /* nothing else is null */
    ck_assert_ptr_eq(strstr(s, "null"), null + 15);
    ck_assert_ptr_null(strstr(null + 19, "null"));
    free(s);
}
END_TEST

START_TEST(webhook_compact_sorted)
{
    char *s = share_format_webhook(&sample);
    json_t *doc = parse(s);
    char *again = json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS);
    ck_assert_str_eq(s, again);
    free(again);
    json_decref(doc);
    ck_assert_int_eq(strncmp(s, "{\"id\":\"0b9f1c2e-", 16), 0);
    const char *keys[] = {"\"id\":",           "\"incident\":{\"actions\":",
                          "\"organisation\":", "\"schema_version\":2,",
                          "\"shared_at\":",    "\"type\":\"incident\"}"};
    const char *prev = s;
    for (size_t i = 0; i < 6; i++) {
        const char *at = strstr(s, keys[i]);
        ck_assert_msg(at && at >= prev, "%s out of order in %s", keys[i], s);
        prev = at;
    }
    free(s);
}
END_TEST

/* RFC 4231 test cases 1, 2 and 6 (a key longer than SHA-256's block). */
START_TEST(hmac_known_answers)
{
    char hex[65];
    const char *data = "what do ya want for nothing?";
    share_sign_hmac(data, strlen(data), (const unsigned char *)"Jefe", 4, hex);
    ck_assert_str_eq(hex, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");

    unsigned char key[131];
    memset(key, 0x0b, 20);
    share_sign_hmac("Hi There", 8, key, 20, hex);
    ck_assert_str_eq(hex, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");

    memset(key, 0xaa, sizeof key);
    data = "Test Using Larger Than Block-Size Key - Hash Key First";
    share_sign_hmac(data, strlen(data), key, sizeof key, hex);
    ck_assert_str_eq(hex, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}
END_TEST

START_TEST(hmac_covers_the_exact_bytes)
{
    char a[65], b[65];
    char *body = share_format_webhook(&sample);
    const unsigned char key[] = "recipient secret";
    share_sign_hmac(body, strlen(body), key, sizeof key - 1, a);
    share_sign_hmac(body, strlen(body), key, sizeof key - 1, b);
    ck_assert_str_eq(a, b);
    body[strlen(body) - 2] ^= 1;
    share_sign_hmac(body, strlen(body), key, sizeof key - 1, b);
    ck_assert_str_ne(a, b);
    share_sign_hmac(body, strlen(body), key, sizeof key - 2, a);
    ck_assert_str_ne(a, b);
    free(body);
}
END_TEST

/* ---- STIX ---- */

/* The published OASIS TLP 2.0 marking-definitions (cti-stix-common-objects,
 * extension-definition-specifications/tlp-2.0), written out independently of the code. */
static const struct {
    const char *tlp, *json;
} published[] = {
    {"clear", "{\"type\":\"marking-definition\",\"spec_version\":\"2.1\","
              "\"id\":\"marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487\","
              "\"created\":\"2022-10-01T00:00:00.000Z\",\"name\":\"TLP:CLEAR\",\"extensions\":"
              "{\"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d\":"
              "{\"extension_type\":\"property-extension\",\"tlp_2_0\":\"clear\"}}}"},
    {"green", "{\"type\":\"marking-definition\",\"spec_version\":\"2.1\","
              "\"id\":\"marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb\","
              "\"created\":\"2022-10-01T00:00:00.000Z\",\"name\":\"TLP:GREEN\",\"extensions\":"
              "{\"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d\":"
              "{\"extension_type\":\"property-extension\",\"tlp_2_0\":\"green\"}}}"},
    {"amber", "{\"type\":\"marking-definition\",\"spec_version\":\"2.1\","
              "\"id\":\"marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421\","
              "\"created\":\"2022-10-01T00:00:00.000Z\",\"name\":\"TLP:AMBER\",\"extensions\":"
              "{\"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d\":"
              "{\"extension_type\":\"property-extension\",\"tlp_2_0\":\"amber\"}}}"},
    {"amber_strict",
     "{\"type\":\"marking-definition\",\"spec_version\":\"2.1\","
     "\"id\":\"marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003\","
     "\"created\":\"2022-10-01T00:00:00.000Z\",\"name\":\"TLP:AMBER+STRICT\",\"extensions\":"
     "{\"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d\":"
     "{\"extension_type\":\"property-extension\",\"tlp_2_0\":\"amber+strict\"}}}"},
    {"red", "{\"type\":\"marking-definition\",\"spec_version\":\"2.1\","
            "\"id\":\"marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1\","
            "\"created\":\"2022-10-01T00:00:00.000Z\",\"name\":\"TLP:RED\",\"extensions\":"
            "{\"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d\":"
            "{\"extension_type\":\"property-extension\",\"tlp_2_0\":\"red\"}}}"},
};

START_TEST(stix_bundle)
{
    json_t *doc = format_json(STIX, &sample);
    ck_assert_uint_eq(json_object_size(doc), 3);
    ck_assert_str_eq(str(doc, "type"), "bundle");
    assert_stix_id(str(doc, "id"), "bundle");
    ck_assert_uint_eq(json_array_size(json_object_get(doc, "objects")), 3);

    json_t *identity = stix_object(doc, 0);
    ck_assert_str_eq(str(identity, "type"), "identity");
    ck_assert_str_eq(str(identity, "spec_version"), "2.1");
    assert_stix_id(str(identity, "id"), "identity");
    ck_assert_str_eq(str(identity, "name"), "Northwind Energy");
    ck_assert_str_eq(str(identity, "identity_class"), "organization");
    ck_assert_str_eq(str(identity, "created"), "2026-01-15T10:00:00.000Z");
    ck_assert_str_eq(str(identity, "modified"), "2026-01-15T10:00:00.000Z");

    json_t *inc = stix_object(doc, 1);
    ck_assert_uint_eq(json_object_size(inc), 20);
    ck_assert_str_eq(str(inc, "type"), "incident");
    ck_assert_str_eq(str(inc, "spec_version"), "2.1");
    assert_stix_id(str(inc, "id"), "incident");
    ck_assert_str_eq(str(inc, "created"), "2026-01-15T10:00:00.000Z");
    ck_assert_str_eq(str(inc, "modified"), "2026-01-15T10:00:00.000Z");
    ck_assert_str_eq(str(inc, "name"), sample.title);
    ck_assert_str_eq(str(inc, "description"), sample.description);
    ck_assert_str_eq(str(inc, "created_by_ref"), str(identity, "id"));
    ck_assert_str_eq(str(inc, "x_number"), "INC-000042");
    ck_assert_str_eq(str(inc, "x_category"), "technical_attack");
    ck_assert_str_eq(str(inc, "x_category_label"), "Technical attack");
    ck_assert_str_eq(str(inc, "x_severity"), "critical");
    ck_assert_str_eq(str(inc, "x_nature"), "actual");
    ck_assert_str_eq(str(inc, "x_occurred_at"), sample.occurred_at);
    ck_assert_str_eq(str(inc, "x_detected_at"), sample.detected_at);
    ck_assert_str_eq(str(inc, "x_reported_at"), sample.reported_at);
    ck_assert_str_eq(str(inc, "x_assets"), sample.assets);
    ck_assert_str_eq(str(inc, "x_impact"), sample.impact);
    ck_assert_str_eq(str(inc, "x_actions"), sample.actions);
    ck_assert_ptr_null(json_object_get(inc, "severity")); /* forbidden by the schema */

    const char *marking = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";
    for (size_t i = 0; i < 2; i++) {
        json_t *refs = json_object_get(stix_object(doc, i), "object_marking_refs");
        ck_assert_uint_eq(json_array_size(refs), 1);
        ck_assert_str_eq(json_string_value(json_array_get(refs, 0)), marking);
    }
    ck_assert_str_eq(str(stix_object(doc, 2), "id"), marking);
    json_decref(doc);
}
END_TEST

START_TEST(stix_markings_as_published)
{
    for (size_t i = 0; i < sizeof published / sizeof published[0]; i++) {
        struct share_incident in = sample;
        in.tlp = published[i].tlp;
        json_t *doc = format_json(STIX, &in);
        json_t *expected = parse(published[i].json);
        json_t *marking = stix_object(doc, 2);
        ck_assert_msg(json_equal(marking, expected), "TLP %s: marking differs", published[i].tlp);
        const char *id = str(expected, "id");
        ck_assert_str_eq(share_tlp_stix_marking_id(published[i].tlp), id);
        json_t *refs = json_object_get(stix_object(doc, 1), "object_marking_refs");
        ck_assert_str_eq(json_string_value(json_array_get(refs, 0)), id);
        json_decref(expected);
        json_decref(doc);
    }
}
END_TEST

START_TEST(stix_omitted_fields_absent)
{
    struct share_incident in = bare();
    json_t *doc = format_json(STIX, &in);
    json_t *inc = stix_object(doc, 1);
    ck_assert_uint_eq(json_object_size(inc), 15);
    const char *absent[] = {"description", "x_occurred_at", "x_assets", "x_impact", "x_actions"};
    for (size_t i = 0; i < 5; i++)
        ck_assert_msg(json_object_get(inc, absent[i]) == NULL, "%s present", absent[i]);
    json_decref(doc);
}
END_TEST

START_TEST(stix_millisecond_timestamps)
{
    const char *cases[][2] = {
        {"2026-01-15T10:00:00Z", "2026-01-15T10:00:00.000Z"},
        {"2026-01-15T10:00:00.5Z", "2026-01-15T10:00:00.500Z"},
        {"2026-01-15T10:00:00.123456Z", "2026-01-15T10:00:00.123Z"},
        {"2024-02-29T23:59:60.07Z", "2024-02-29T23:59:60.070Z"},
    };
    for (size_t i = 0; i < 4; i++) {
        struct share_incident in = sample;
        in.created_at = cases[i][0];
        json_t *doc = format_json(STIX, &in);
        ck_assert_str_eq(str(stix_object(doc, 1), "created"), cases[i][1]);
        ck_assert_str_eq(str(stix_object(doc, 1), "modified"), cases[i][1]);
        json_decref(doc);
    }
}
END_TEST

START_TEST(stix_ids_deterministic)
{
    char *a = share_format_stix(&sample), *b = share_format_stix(&sample);
    ck_assert_str_eq(a, b);
    struct share_incident other = sample;
    other.share_key = "5c2d7a10-9e8f-4a3b-b2c1-d0e9f8a7b6c5";
    other.title = "Another incident";
    char *c = share_format_stix(&other);
    json_t *da = parse(a), *dc = parse(c);
    ck_assert_str_ne(str(da, "id"), str(dc, "id"));
    ck_assert_str_ne(str(stix_object(da, 1), "id"), str(stix_object(dc, 1), "id"));
    /* the organisation keeps its identity from one share to the next */
    ck_assert_str_eq(str(stix_object(da, 0), "id"), str(stix_object(dc, 0), "id"));
    /* and another organisation has another */
    other.organisation_key = "org-key-18";
    char *d = share_format_stix(&other);
    json_t *dd = parse(d);
    ck_assert_str_ne(str(stix_object(dc, 0), "id"), str(stix_object(dd, 0), "id"));
    /* the bundle, incident and identity ids differ from one another */
    ck_assert_str_ne(str(da, "id") + 8, str(stix_object(da, 1), "id") + 10);
    ck_assert_str_ne(str(da, "id") + 8, str(stix_object(da, 0), "id") + 10);
    json_decref(da);
    json_decref(dc);
    json_decref(dd);
    free(a);
    free(b);
    free(c);
    free(d);
}
END_TEST

/* A second send to a recipient is an update (issue 8, hole 9): the same STIX incident and
 * MISP event ids as the first share, the first created time, a new modified and bundle. */
START_TEST(update_keeps_object_ids)
{
    struct share_incident update = sample;
    update.share_key = "5c2d7a10-9e8f-4a3b-b2c1-d0e9f8a7b6c5"; /* this send's key */
    update.created_at = "2026-01-16T11:30:00Z";
    update.object_key = sample.share_key;
    update.first_created_at = sample.created_at;
    update.organisation = NULL; /* anonymised both times */
    struct share_incident first = sample;
    first.organisation = NULL;
    json_t *a = format_json(STIX, &first), *b = format_json(STIX, &update);
    ck_assert_str_ne(str(a, "id"), str(b, "id"));
    for (size_t i = 0; i < 2; i++) {
        json_t *oa = stix_object(a, i), *ob = stix_object(b, i);
        ck_assert_str_eq(str(oa, "id"), str(ob, "id"));
        ck_assert_str_eq(str(ob, "created"), "2026-01-15T10:00:00.000Z");
        ck_assert_str_eq(str(ob, "modified"), "2026-01-16T11:30:00.000Z");
        ck_assert_str_eq(str(oa, "modified"), "2026-01-15T10:00:00.000Z");
    }
    json_decref(a);
    json_decref(b);
    a = format_json(MISP, &first);
    b = format_json(MISP, &update);
    ck_assert_str_eq(str(json_object_get(a, "Event"), "uuid"),
                     str(json_object_get(b, "Event"), "uuid"));
    json_decref(a);
    json_decref(b);
    /* a bad first time is bad input */
    update.first_created_at = "yesterday";
    ck_assert_ptr_null(share_format_stix(&update));
}
END_TEST

START_TEST(stix_anonymous_identity)
{
    json_t *named = format_json(STIX, &sample);
    struct share_incident in = sample;
    in.organisation = NULL;
    json_t *anon = format_json(STIX, &in);
    json_t *identity = stix_object(anon, 0);
    ck_assert_str_eq(str(identity, "name"), "Anonymous");
    ck_assert_str_eq(str(identity, "identity_class"), "organization");
    assert_stix_id(str(identity, "id"), "identity");
    ck_assert_str_ne(str(identity, "id"), str(stix_object(named, 0), "id"));
    ck_assert_str_eq(str(stix_object(anon, 1), "created_by_ref"), str(identity, "id"));
    /* two anonymised shares of one organisation cannot be linked */
    in.share_key = "5c2d7a10-9e8f-4a3b-b2c1-d0e9f8a7b6c5";
    json_t *anon2 = format_json(STIX, &in);
    ck_assert_str_ne(str(stix_object(anon2, 0), "id"), str(identity, "id"));
    /* the organisation key is not needed when anonymised */
    in.organisation_key = NULL;
    json_t *anon3 = format_json(STIX, &in);
    ck_assert(json_equal(anon2, anon3));
    json_decref(named);
    json_decref(anon);
    json_decref(anon2);
    json_decref(anon3);
}
END_TEST

/* ---- MISP ---- */

START_TEST(misp_event)
{
    json_t *doc = format_json(MISP, &sample);
    ck_assert_uint_eq(json_object_size(doc), 1);
    json_t *ev = json_object_get(doc, "Event");
    ck_assert_uint_eq(json_object_size(ev), 8);
    assert_uuid4(str(ev, "uuid"));
    ck_assert_str_eq(str(ev, "info"), "INC-000042: Ransomware on the billing servers");
    ck_assert_str_eq(str(ev, "threat_level_id"), "1");
    ck_assert_str_eq(str(ev, "analysis"), "1");
    ck_assert_str_eq(str(ev, "distribution"), "1");
    ck_assert_str_eq(str(ev, "date"), "2026-01-15");
    json_t *tags = json_object_get(ev, "Tag");
    ck_assert_uint_eq(json_array_size(tags), 1);
    ck_assert_str_eq(str(json_array_get(tags, 0), "name"), "tlp:amber");
    json_t *attrs = json_object_get(ev, "Attribute");
    const char *expected[][2] = {{sample.description, "Description"},
                                 {sample.assets, "Affected assets"},
                                 {sample.impact, "Impact"},
                                 {sample.actions, "Actions taken"},
                                 {sample.organisation, "Reporting organisation"}};
    ck_assert_uint_eq(json_array_size(attrs), 5);
    for (size_t i = 0; i < 5; i++) {
        json_t *a = json_array_get(attrs, i);
        ck_assert_str_eq(str(a, "type"), "text");
        ck_assert_str_eq(str(a, "category"), "Other");
        ck_assert_str_eq(str(a, "value"), expected[i][0]);
        ck_assert_str_eq(str(a, "comment"), expected[i][1]);
        ck_assert_str_eq(str(a, "distribution"), "5");
        ck_assert(json_is_false(json_object_get(a, "to_ids")));
    }
    json_decref(doc);

    /* the same share has the same event uuid, another share another */
    json_t *again = format_json(MISP, &sample);
    struct share_incident other = sample;
    other.share_key = "5c2d7a10-9e8f-4a3b-b2c1-d0e9f8a7b6c5";
    json_t *doc2 = format_json(MISP, &other);
    const char *u1 = str(json_object_get(again, "Event"), "uuid");
    ck_assert_str_ne(u1, str(json_object_get(doc2, "Event"), "uuid"));
    json_decref(again);
    json_decref(doc2);
}
END_TEST

START_TEST(misp_omitted_fields_absent)
{
    struct share_incident in = bare();
    json_t *doc = format_json(MISP, &in);
    json_t *ev = json_object_get(doc, "Event");
    ck_assert(json_is_array(json_object_get(ev, "Attribute")));
    ck_assert_uint_eq(json_array_size(json_object_get(ev, "Attribute")), 0);
    json_decref(doc);
    in.impact = "Only the impact is shared.";
    doc = format_json(MISP, &in);
    json_t *attrs = json_object_get(json_object_get(doc, "Event"), "Attribute");
    ck_assert_uint_eq(json_array_size(attrs), 1);
    ck_assert_str_eq(str(json_array_get(attrs, 0), "comment"), "Impact");
    json_decref(doc);
}
END_TEST

START_TEST(misp_threat_levels)
{
    const char *cases[][2] = {{"emergency", "1"},
                              {"critical", "1"},
                              {"warning", "2"},
                              {"information", "3"},
                              {"unrated", "4"}};
    for (size_t i = 0; i < 5; i++) {
        struct share_incident in = sample;
        in.severity = cases[i][0];
        json_t *doc = format_json(MISP, &in);
        ck_assert_str_eq(str(json_object_get(doc, "Event"), "threat_level_id"), cases[i][1]);
        json_decref(doc);
    }
}
END_TEST

/* ---- every TLP level in every format ---- */

static const struct {
    const char *code, *name, *misp_tag, *misp_distribution, *mail_line;
} levels[] = {
    {"clear", "TLP:CLEAR", "tlp:clear", "3", "TLP:CLEAR \xe2\x80\x94 no limit on disclosure"},
    {"green", "TLP:GREEN", "tlp:green", "2",
     "TLP:GREEN \xe2\x80\x94 share within your community, not publicly"},
    {"amber", "TLP:AMBER", "tlp:amber", "1",
     "TLP:AMBER \xe2\x80\x94 share on a need-to-know basis within your organisation and its "
     "clients"},
    {"amber_strict", "TLP:AMBER+STRICT", "tlp:amber+strict", "0",
     "TLP:AMBER+STRICT \xe2\x80\x94 share on a need-to-know basis within your organisation "
     "only"},
    {"red", "TLP:RED", "tlp:red", "0",
     "TLP:RED \xe2\x80\x94 for the named recipients only, no further disclosure"},
};

START_TEST(tlp_mappings)
{
    for (size_t i = 0; i < 5; i++) {
        struct share_incident in = sample;
        in.tlp = levels[i].code;
        ck_assert_str_eq(share_tlp_name(in.tlp), levels[i].name);
        ck_assert_ptr_nonnull(share_tlp_stix_marking_id(in.tlp));

        json_t *hook = format_json(WEBHOOK, &in);
        ck_assert_str_eq(str(json_object_get(hook, "incident"), "tlp"), levels[i].code);
        json_decref(hook);

        json_t *misp = format_json(MISP, &in);
        json_t *ev = json_object_get(misp, "Event");
        ck_assert_str_eq(str(ev, "distribution"), levels[i].misp_distribution);
        json_t *tags = json_object_get(ev, "Tag");
        ck_assert_uint_eq(json_array_size(tags), 1);
        ck_assert_str_eq(str(json_array_get(tags, 0), "name"), levels[i].misp_tag);
        json_decref(misp);

        json_t *mail = format_json(EMAIL, &in);
        char subject[128];
        snprintf(subject, sizeof subject, "[%s] INC-000042 Critical: %s", levels[i].name,
                 sample.title);
        ck_assert_str_eq(str(mail, "subject"), subject);
        const char *text = str(mail, "text");
        size_t n = strlen(levels[i].mail_line), len = strlen(text);
        ck_assert_msg(strncmp(text, levels[i].mail_line, n) == 0 && text[n] == '\n',
                      "first line of %s", text);
        ck_assert_msg(len > n + 2 && text[len - n - 2] == '\n' &&
                          strncmp(text + len - n - 1, levels[i].mail_line, n) == 0 &&
                          text[len - 1] == '\n',
                      "last line of %s", text);
        json_decref(mail);
    }
    ck_assert_ptr_null(share_tlp_name("white"));
    ck_assert_ptr_null(share_tlp_name("AMBER"));
    ck_assert_ptr_null(share_tlp_name("amber+strict"));
    ck_assert_ptr_null(share_tlp_name(NULL));
    ck_assert_ptr_null(share_tlp_stix_marking_id("white"));
    ck_assert_ptr_null(share_tlp_stix_marking_id(""));
    ck_assert_ptr_null(share_tlp_stix_marking_id(NULL));
}
END_TEST

/* ---- e-mail ---- */

START_TEST(email_payload)
{
    json_t *doc = format_json(EMAIL, &sample);
    ck_assert_uint_eq(json_object_size(doc), 3);
    ck_assert_str_eq(str(doc, "to"), "csirt@example.org");
    ck_assert_str_eq(str(doc, "subject"),
                     "[TLP:AMBER] INC-000042 Critical: Ransomware on the billing servers");
    const char *text = str(doc, "text");
    const char *lines[] = {"\nIncident: INC-000042\n",
                           "\nTitle: Ransomware on the billing servers\n",
                           "\nReporting organisation: Northwind Energy\n",
                           "\nCategory: Technical attack (technical_attack)\n",
                           "\nSeverity: Critical\n",
                           "\nNature: Actual\n",
                           "\nOccurred: 2026-01-15T07:45:00Z\n",
                           "\nDetected: 2026-01-15T08:30:00Z\n",
                           "\nReported: 2026-01-15T09:02:11Z\n",
                           "\nShared: 2026-01-15T10:00:00Z\n",
                           "\nReference: 0b9f1c2e-3d4a-4b5c-8d6e-7f8091a2b3c4\n",
                           "\nDescription:\nFiles encrypted on two servers.\n",
                           "\nAffected assets:\nbilling-01, billing-02\n",
                           "\nImpact:\nInvoicing stopped for four hours.\n",
                           "\nActions taken:\nServers isolated, restored from backup.\n"};
    const char *prev = text;
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        const char *at = strstr(text, lines[i]);
        ck_assert_msg(at && at >= prev, "missing or out of order: %s in %s", lines[i], text);
        prev = at;
    }
    json_decref(doc);
}
END_TEST

START_TEST(email_omitted_fields_absent)
{
    struct share_incident in = bare();
    in.severity = "information";
    in.nature = "suspected";
    json_t *doc = format_json(EMAIL, &in);
    const char *text = str(doc, "text");
    ck_assert_str_eq(str(doc, "subject"),
                     "[TLP:AMBER] INC-000042 Information: Ransomware on the billing servers");
    const char *absent[] = {"Description", "Occurred", "Affected assets", "Impact",
                            "Actions taken"};
    for (size_t i = 0; i < 5; i++)
        ck_assert_msg(strstr(text, absent[i]) == NULL, "%s present", absent[i]);
    ck_assert_ptr_nonnull(strstr(text, "\nReporting organisation: not disclosed\n"));
    ck_assert_ptr_nonnull(strstr(text, "\nNature: Suspected\n"));
    json_decref(doc);
}
END_TEST

/* ---- across formats ---- */

START_TEST(anonymised_organisation_nowhere)
{
    char *named = share_format_stix(&sample);
    json_t *named_doc = parse(named);
    char identity_uuid[64];
    snprintf(identity_uuid, sizeof identity_uuid, "%s",
             str(stix_object(named_doc, 0), "id") + strlen("identity--"));
    json_decref(named_doc);
    free(named);

    struct share_incident anon[2] = {sample, bare()};
    anon[0].organisation = NULL;
    anon[1].organisation = ""; /* empty counts as anonymised */
    for (size_t a = 0; a < 2; a++) {
        for (enum format f = WEBHOOK; f < FORMATS; f++) {
            char *s = format(f, &anon[a]);
            ck_assert_ptr_nonnull(s);
            ck_assert_msg(strstr(s, "Northwind") == NULL, "organisation in format %d: %s", f, s);
            ck_assert_msg(strstr(s, "org-key-17") == NULL, "organisation key in %d", f);
            ck_assert_msg(strstr(s, identity_uuid) == NULL, "linkable identity in %d", f);
            free(s);
        }
    }
}
END_TEST

START_TEST(escaping_and_unicode)
{
    struct share_incident in = sample;
    in.title = "He said \"stop\" \\ now\n\tCaf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 </script>";
    in.description = "line 1\nline 2\r\n\x01 \xe6\x97\xa5\xe6\x9c\xac";
    in.organisation = "\xc3\x98rsted \"&\" Co \xe2\x80\x94 \xd0\x9a\xd0\xb8\xd0\xb5\xd0\xb2";
    json_t *hook = format_json(WEBHOOK, &in);
    ck_assert_str_eq(str(json_object_get(hook, "incident"), "title"), in.title);
    ck_assert_str_eq(str(json_object_get(hook, "incident"), "description"), in.description);
    ck_assert_str_eq(str(json_object_get(hook, "organisation"), "name"), in.organisation);
    json_decref(hook);

    json_t *stix = format_json(STIX, &in);
    ck_assert_str_eq(str(stix_object(stix, 0), "name"), in.organisation);
    ck_assert_str_eq(str(stix_object(stix, 1), "name"), in.title);
    ck_assert_str_eq(str(stix_object(stix, 1), "description"), in.description);
    json_decref(stix);

    json_t *misp = format_json(MISP, &in);
    json_t *ev = json_object_get(misp, "Event");
    char info[256];
    snprintf(info, sizeof info, "INC-000042: %s", in.title);
    ck_assert_str_eq(str(ev, "info"), info);
    ck_assert_str_eq(str(json_array_get(json_object_get(ev, "Attribute"), 0), "value"),
                     in.description);
    json_decref(misp);

    json_t *mail = format_json(EMAIL, &in);
    /* the subject is one line; the text keeps the title as it is */
    ck_assert_str_eq(str(mail, "subject"),
                     "[TLP:AMBER] INC-000042 Critical: He said \"stop\" \\ now  "
                     "Caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 </script>");
    ck_assert_ptr_nonnull(strstr(str(mail, "text"), in.title));
    ck_assert_ptr_nonnull(strstr(str(mail, "text"), in.description));
    ck_assert_ptr_nonnull(strstr(str(mail, "text"), in.organisation));
    json_decref(mail);

    for (enum format f = WEBHOOK; f < FORMATS; f++) {
        char *s = format(f, &in);
        ck_assert_ptr_null(strchr(s, '\n'));
        ck_assert_ptr_null(strchr(s, '\x01'));
        free(s);
    }
}
END_TEST

/* Every format of in is NULL. */
static void assert_refused(const struct share_incident *in, const char *why)
{
    for (enum format f = WEBHOOK; f < FORMATS; f++) {
        char *s = format(f, in);
        ck_assert_msg(s == NULL, "format %d accepted %s: %s", f, why, s);
    }
}

START_TEST(bad_input_refused)
{
    assert_refused(NULL, "no incident");
    struct share_incident in;
    const char **required[] = {&in.number,      &in.title,     &in.category,  &in.category_label,
                               &in.severity,    &in.tlp,       &in.nature,    &in.detected_at,
                               &in.reported_at, &in.share_key, &in.created_at};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
        in = sample;
        *required[i] = NULL;
        assert_refused(&in, "a missing field");
        *required[i] = "";
        assert_refused(&in, "an empty field");
        in = sample;
        *required[i] = "bad \xc3\x28 byte";
        assert_refused(&in, "invalid UTF-8 in a required field");
    }
    const char **optionals[] = {&in.description, &in.assets, &in.impact, &in.actions,
                                &in.organisation};
    for (size_t i = 0; i < sizeof optionals / sizeof optionals[0]; i++) {
        in = sample;
        *optionals[i] = "overlong \xc0\xaf slash";
        assert_refused(&in, "invalid UTF-8 in an optional field");
    }
    in = sample;
    in.organisation_key = NULL;
    assert_refused(&in, "an organisation without its key");
    const char *tlps[] = {"white", "AMBER", "amber+strict", "amber strict"};
    for (size_t i = 0; i < 4; i++) {
        in = sample;
        in.tlp = tlps[i];
        assert_refused(&in, "an unknown TLP");
    }
    const char *times[] = {"2026-01-15 08:30:00+00", "2026-01-15T08:30:00",
                           "2026-13-15T08:30:00Z",   "2026-01-15T24:00:00Z",
                           "2026-01-15T08:30:00.Z",  "2026-01-15T08:30:00Zjunk",
                           "2026-1-15T08:30:00Z"};
    for (size_t i = 0; i < sizeof times / sizeof times[0]; i++) {
        in = sample;
        in.created_at = times[i];
        assert_refused(&in, "a bad created_at");
        in = sample;
        in.detected_at = times[i];
        assert_refused(&in, "a bad detected_at");
        in = sample;
        in.occurred_at = times[i];
        assert_refused(&in, "a bad occurred_at");
    }
    ck_assert_ptr_null(share_format_email(&sample, NULL));
    ck_assert_ptr_null(share_format_email(&sample, ""));
    ck_assert_ptr_null(share_format_email(&sample, "a@example.org\r\nBcc: b@example.org"));
    ck_assert_ptr_null(share_format_email(&sample, "\xff@example.org"));
}
END_TEST

static Suite *share_format_suite(void)
{
    Suite *s = suite_create("share_format");
    TCase *tc = tcase_create("webhook");
    tcase_add_test(tc, webhook_fields);
    tcase_add_test(tc, webhook_omitted_fields_absent);
    tcase_add_test(tc, webhook_compact_sorted);
    tcase_add_test(tc, hmac_known_answers);
    tcase_add_test(tc, hmac_covers_the_exact_bytes);
    suite_add_tcase(s, tc);
    tc = tcase_create("stix");
    tcase_add_test(tc, stix_bundle);
    tcase_add_test(tc, stix_markings_as_published);
    tcase_add_test(tc, stix_omitted_fields_absent);
    tcase_add_test(tc, stix_millisecond_timestamps);
    tcase_add_test(tc, stix_ids_deterministic);
    tcase_add_test(tc, update_keeps_object_ids);
    tcase_add_test(tc, stix_anonymous_identity);
    suite_add_tcase(s, tc);
    tc = tcase_create("misp");
    tcase_add_test(tc, misp_event);
    tcase_add_test(tc, misp_omitted_fields_absent);
    tcase_add_test(tc, misp_threat_levels);
    suite_add_tcase(s, tc);
    tc = tcase_create("email");
    tcase_add_test(tc, email_payload);
    tcase_add_test(tc, email_omitted_fields_absent);
    suite_add_tcase(s, tc);
    tc = tcase_create("all formats");
    tcase_add_test(tc, tlp_mappings);
    tcase_add_test(tc, anonymised_organisation_nowhere);
    tcase_add_test(tc, escaping_and_unicode);
    tcase_add_test(tc, bad_input_refused);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(share_format_suite)
