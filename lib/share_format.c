/* share_format.c - builds the webhook, STIX 2.1, MISP and e-mail forms of a shared
 * incident (jansson for JSON, libsodium for SHA-256 and HMAC-SHA256, which need no
 * sodium_init: they have one portable implementation). The formats and their mappings are
 * described in share_format.h. */
#include "share_format.h"

#include "mail.h"
#include "utf8.h"

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One TLP 2.0 level in every vocabulary the formats use. The STIX ids and values are the
 * OASIS TLP 2.0 marking-definitions (oasis-open/cti-stix-common-objects,
 * extension-definition-specifications/tlp-2.0); the tags are MISP's tlp taxonomy. */
struct tlp_level {
    const char *code;      /* the portal's code */
    const char *name;      /* TLP:AMBER+STRICT */
    const char *stix;      /* tlp_2_0 value */
    const char *marking;   /* marking-definition id */
    const char *misp_tag;  /* tlp:amber+strict */
    const char *misp_dist; /* MISP distribution level */
    const char *rule;      /* the mail's handling line, after the name */
};

static const struct tlp_level tlp_levels[] = {
    {"clear", "TLP:CLEAR", "clear", "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
     "tlp:clear", "3", "no limit on disclosure"},
    {"green", "TLP:GREEN", "green", "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
     "tlp:green", "2", "share within your community, not publicly"},
    {"amber", "TLP:AMBER", "amber", "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
     "tlp:amber", "1", "share on a need-to-know basis within your organisation and its clients"},
    {"amber_strict", "TLP:AMBER+STRICT", "amber+strict",
     "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", "tlp:amber+strict", "0",
     "share on a need-to-know basis within your organisation only"},
    {"red", "TLP:RED", "red", "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", "tlp:red",
     "0", "for the named recipients only, no further disclosure"},
};

#define TLP_EXTENSION_ID "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"
#define TLP_CREATED "2022-10-01T00:00:00.000Z"

static const struct tlp_level *tlp_find(const char *code)
{
    if (!code)
        return NULL;
    for (size_t i = 0; i < sizeof tlp_levels / sizeof tlp_levels[0]; i++)
        if (strcmp(tlp_levels[i].code, code) == 0)
            return &tlp_levels[i];
    return NULL;
}

const char *share_tlp_stix_marking_id(const char *tlp)
{
    const struct tlp_level *t = tlp_find(tlp);
    return t ? t->marking : NULL;
}

const char *share_tlp_name(const char *tlp)
{
    const struct tlp_level *t = tlp_find(tlp);
    return t ? t->name : NULL;
}

/* ---- input checks ---- */

static int present(const char *s)
{
    return s && *s;
}

/* NULL for a left-out optional text (NULL or empty), else s. */
static const char *optional(const char *s)
{
    return present(s) ? s : NULL;
}

static int text_ok(const char *s)
{
    return utf8_valid(s, strlen(s));
}

static int digits(const char *s, int n, int max)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v <= max ? v : -1;
}

/* YYYY-MM-DDTHH:MM:SS[.f+]Z, the ranges of the STIX timestamp pattern. */
static int timestamp_ok(const char *s)
{
    if (strlen(s) < 20 || digits(s, 4, 9999) < 0 || s[4] != '-' || digits(s + 5, 2, 12) < 1 ||
        s[7] != '-' || digits(s + 8, 2, 31) < 1 || s[10] != 'T' || digits(s + 11, 2, 23) < 0 ||
        s[13] != ':' || digits(s + 14, 2, 59) < 0 || s[16] != ':' || digits(s + 17, 2, 60) < 0)
        return 0;
    const char *p = s + 19;
    if (*p == '.') {
        p++;
        if (*p < '0' || *p > '9')
            return 0;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    return p[0] == 'Z' && p[1] == '\0';
}

/* 1 when in can be formatted (see share_format.h). */
static int input_ok(const struct share_incident *in)
{
    if (!in)
        return 0;
    const char *required[] = {in->number,      in->title,     in->category,  in->category_label,
                              in->severity,    in->tlp,       in->nature,    in->detected_at,
                              in->reported_at, in->share_key, in->created_at};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (!present(required[i]) || !text_ok(required[i]))
            return 0;
    const char *optionals[] = {in->description, in->occurred_at, in->assets,
                               in->impact,      in->actions,     in->organisation};
    for (size_t i = 0; i < sizeof optionals / sizeof optionals[0]; i++)
        if (optionals[i] && !text_ok(optionals[i]))
            return 0;
    if (present(in->organisation) &&
        (!present(in->organisation_key) || !text_ok(in->organisation_key)))
        return 0;
    if (!tlp_find(in->tlp))
        return 0;
    if (in->object_key && (!present(in->object_key) || !text_ok(in->object_key)))
        return 0;
    if (in->first_created_at && !timestamp_ok(in->first_created_at))
        return 0;
    if (!timestamp_ok(in->detected_at) || !timestamp_ok(in->reported_at) ||
        !timestamp_ok(in->created_at) ||
        (optional(in->occurred_at) && !timestamp_ok(in->occurred_at)))
        return 0;
    return 1;
}

/* ---- JSON helpers ---- */

/* Sets key to the string value; a NULL value sets nothing. Returns -1 on failure. */
static int set_str(json_t *obj, const char *key, const char *value)
{
    if (!value)
        return 0;
    json_t *v = json_string(value);
    return v ? json_object_set_new(obj, key, v) : -1;
}

/* The document as compact JSON with sorted keys; takes the reference. */
static char *dump(json_t *doc)
{
    if (!doc)
        return NULL;
    char *s = json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(doc);
    return s;
}

/* ---- webhook ---- */

char *share_format_webhook(const struct share_incident *in)
{
    if (!input_ok(in))
        return NULL;
    json_t *inc = json_object();
    int rc = inc ? 0 : -1;
    const struct {
        const char *key, *value;
    } fields[] = {
        {"number", in->number},
        {"title", in->title},
        {"description", optional(in->description)},
        {"category", in->category},
        {"category_label", in->category_label},
        {"severity", in->severity},
        {"tlp", in->tlp},
        {"nature", in->nature},
        {"occurred_at", optional(in->occurred_at)},
        {"detected_at", in->detected_at},
        {"reported_at", in->reported_at},
        {"assets", optional(in->assets)},
        {"impact", optional(in->impact)},
        {"actions", optional(in->actions)},
    };
    for (size_t i = 0; rc == 0 && i < sizeof fields / sizeof fields[0]; i++)
        rc = set_str(inc, fields[i].key, fields[i].value);
    if (rc != 0) {
        json_decref(inc);
        return NULL;
    }
    json_t *org =
        present(in->organisation) ? json_pack("{s:s}", "name", in->organisation) : json_null();
    if (!org) {
        json_decref(inc);
        return NULL;
    }
    return dump(json_pack("{s:s, s:i, s:s, s:o, s:o, s:s}", "type", "incident", "schema_version", 2,
                          "id", in->share_key, "incident", inc, "organisation", org, "shared_at",
                          in->created_at));
}

void share_sign_hmac(const char *body, size_t len, const unsigned char *key, size_t key_len,
                     char out[65])
{
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state st;
    static const unsigned char none[1];
    crypto_auth_hmacsha256_init(&st, key ? key : none, key ? key_len : 0);
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)(body ? body : ""), body ? len : 0);
    crypto_auth_hmacsha256_final(&st, mac);
    sodium_bin2hex(out, 65, mac, sizeof mac);
    sodium_memzero(&st, sizeof st);
}

/* ---- deterministic ids ---- */

/* "<prefix>--<uuid>" in out: the first 16 bytes of SHA-256 over a domain tag, role and
 * key (each NUL-terminated, so no two (role, key) pairs hash the same input), with the
 * RFC 4122 version 4 and variant bits set. prefix NULL gives the bare UUID. */
static void derive_id(const char *prefix, const char *role, const char *key, char out[96])
{
    static const char tag[] = "share-format/v1";
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    crypto_hash_sha256_update(&st, (const unsigned char *)tag, sizeof tag);
    crypto_hash_sha256_update(&st, (const unsigned char *)role, strlen(role) + 1);
    crypto_hash_sha256_update(&st, (const unsigned char *)key, strlen(key) + 1);
    crypto_hash_sha256_final(&st, h);
    h[6] = (unsigned char)((h[6] & 0x0F) | 0x40);
    h[8] = (unsigned char)((h[8] & 0x3F) | 0x80);
    snprintf(out, 96, "%s%s%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             prefix ? prefix : "", prefix ? "--" : "", h[0], h[1], h[2], h[3], h[4], h[5], h[6],
             h[7], h[8], h[9], h[10], h[11], h[12], h[13], h[14], h[15]);
}

/* ---- STIX 2.1 ---- */

/* A checked timestamp with exactly three fraction digits: "...T08:30:00.000Z". */
static void stix_time(const char *iso, char out[32])
{
    char frac[4] = "000";
    const char *p = iso + 19;
    if (*p == '.')
        for (int i = 0; i < 3 && p[1 + i] >= '0' && p[1 + i] <= '9'; i++)
            frac[i] = p[1 + i];
    snprintf(out, 32, "%.19s.%sZ", iso, frac);
}

static json_t *stix_marking(const struct tlp_level *t)
{
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:{s:{s:s, s:s}}}", "type", "marking-definition",
                     "spec_version", "2.1", "id", t->marking, "created", TLP_CREATED, "name",
                     t->name, "extensions", TLP_EXTENSION_ID, "extension_type",
                     "property-extension", "tlp_2_0", t->stix);
}

char *share_format_stix(const struct share_incident *in)
{
    if (!input_ok(in))
        return NULL;
    const struct tlp_level *t = tlp_find(in->tlp);
    int anonymous = !present(in->organisation);
    /* an update keeps the objects' ids and created time; the bundle is new */
    const char *object_key = in->object_key ? in->object_key : in->share_key;
    char bundle_id[96], incident_id[96], identity_id[96], created[32], modified[32];
    derive_id("bundle", "bundle", in->share_key, bundle_id);
    derive_id("incident", "incident", object_key, incident_id);
    if (anonymous)
        derive_id("identity", "anonymous-identity", object_key, identity_id);
    else
        derive_id("identity", "organisation", in->organisation_key, identity_id);
    stix_time(in->first_created_at ? in->first_created_at : in->created_at, created);
    stix_time(in->created_at, modified);

    json_t *identity =
        json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:[s]}", "type", "identity", "spec_version",
                  "2.1", "id", identity_id, "created", created, "modified", modified, "name",
                  anonymous ? "Anonymous" : in->organisation, "identity_class", "organization",
                  "object_marking_refs", t->marking);
    json_t *incident =
        json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:[s]}", "type", "incident", "spec_version",
                  "2.1", "id", incident_id, "created", created, "modified", modified, "name",
                  in->title, "created_by_ref", identity_id, "object_marking_refs", t->marking);
    int rc = incident ? 0 : -1;
    const struct {
        const char *key, *value;
    } fields[] = {
        {"description", optional(in->description)},
        {"x_number", in->number},
        {"x_category", in->category},
        {"x_category_label", in->category_label},
        {"x_severity", in->severity},
        {"x_nature", in->nature},
        {"x_occurred_at", optional(in->occurred_at)},
        {"x_detected_at", in->detected_at},
        {"x_reported_at", in->reported_at},
        {"x_assets", optional(in->assets)},
        {"x_impact", optional(in->impact)},
        {"x_actions", optional(in->actions)},
    };
    for (size_t i = 0; rc == 0 && i < sizeof fields / sizeof fields[0]; i++)
        rc = set_str(incident, fields[i].key, fields[i].value);
    if (rc != 0 || !identity) {
        json_decref(identity);
        json_decref(incident);
        return NULL;
    }
    return dump(json_pack("{s:s, s:s, s:[o, o, o]}", "type", "bundle", "id", bundle_id, "objects",
                          identity, incident, stix_marking(t)));
}

/* ---- MISP ---- */

static const char *misp_threat_level(const char *severity)
{
    if (strcmp(severity, "emergency") == 0 || strcmp(severity, "critical") == 0)
        return "1";
    if (strcmp(severity, "warning") == 0)
        return "2";
    if (strcmp(severity, "information") == 0)
        return "3";
    return "4";
}

/* Appends a text attribute (category Other, not for IDS, the event's distribution) when
 * value is set. Returns -1 on failure. */
static int misp_add_text(json_t *attrs, const char *value, const char *comment)
{
    if (!value)
        return 0;
    json_t *a = json_pack("{s:s, s:s, s:s, s:s, s:b, s:s}", "type", "text", "category", "Other",
                          "value", value, "comment", comment, "to_ids", 0, "distribution", "5");
    return a ? json_array_append_new(attrs, a) : -1;
}

char *share_format_misp(const struct share_incident *in)
{
    if (!input_ok(in))
        return NULL;
    const struct tlp_level *t = tlp_find(in->tlp);
    char uuid[96], date[11];
    derive_id(NULL, "misp-event", in->object_key ? in->object_key : in->share_key, uuid);
    snprintf(date, sizeof date, "%.10s", in->detected_at);
    size_t info_len = strlen(in->number) + strlen(in->title) + 3;
    char *info = malloc(info_len);
    if (!info)
        return NULL;
    snprintf(info, info_len, "%s: %s", in->number, in->title);

    json_t *attrs = json_array();
    int rc = attrs ? 0 : -1;
    if (rc == 0)
        rc = misp_add_text(attrs, optional(in->description), "Description");
    if (rc == 0)
        rc = misp_add_text(attrs, optional(in->assets), "Affected assets");
    if (rc == 0)
        rc = misp_add_text(attrs, optional(in->impact), "Impact");
    if (rc == 0)
        rc = misp_add_text(attrs, optional(in->actions), "Actions taken");
    if (rc == 0)
        rc = misp_add_text(attrs, optional(in->organisation), "Reporting organisation");
    if (rc != 0) {
        json_decref(attrs);
        free(info);
        return NULL;
    }
    char *out = dump(json_pack(
        "{s:{s:s, s:s, s:s, s:s, s:s, s:s, s:[{s:s}], s:o}}", "Event", "uuid", uuid, "info", info,
        "threat_level_id", misp_threat_level(in->severity), "analysis", "1", "distribution",
        t->misp_dist, "date", date, "Tag", "name", t->misp_tag, "Attribute", attrs));
    free(info);
    return out;
}

/* ---- e-mail ---- */

struct buf {
    char *s;
    size_t len, cap;
    int failed;
};

static void buf_add(struct buf *b, const char *s)
{
    size_t n = strlen(s);
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 512;
        while (b->len + n + 1 > cap)
            cap *= 2;
        char *p = realloc(b->s, cap);
        if (!p) {
            b->failed = 1;
            return;
        }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n + 1);
    b->len += n;
}

/* "label: value\n" when value is set. */
static void buf_line(struct buf *b, const char *label, const char *value)
{
    if (!value)
        return;
    buf_add(b, label);
    buf_add(b, value);
    buf_add(b, "\n");
}

/* "\nheading:\nvalue\n" when value is set. */
static void buf_block(struct buf *b, const char *heading, const char *value)
{
    if (!value)
        return;
    buf_add(b, "\n");
    buf_add(b, heading);
    buf_add(b, ":\n");
    buf_add(b, value);
    buf_add(b, "\n");
}

static const char *label_of(const char *code, const char *const *pairs)
{
    for (; *pairs; pairs += 2)
        if (strcmp(pairs[0], code) == 0)
            return pairs[1];
    return code;
}

static const char *const severity_labels[] = {"emergency",   "Emergency",   "critical",
                                              "Critical",    "warning",     "Warning",
                                              "information", "Information", NULL};
static const char *const nature_labels[] = {"actual",    "Actual",    "attempted", "Attempted",
                                            "suspected", "Suspected", NULL};

char *share_format_email(const struct share_incident *in, const char *to)
{
    if (!input_ok(in) || !present(to) || !text_ok(to) || strpbrk(to, "\r\n"))
        return NULL;
    const struct tlp_level *t = tlp_find(in->tlp);
    const char *severity = label_of(in->severity, severity_labels);

    struct buf subject = {0};
    buf_add(&subject, "[");
    buf_add(&subject, t->name);
    buf_add(&subject, "] ");
    buf_add(&subject, in->number);
    buf_add(&subject, " ");
    buf_add(&subject, severity);
    buf_add(&subject, ": ");
    buf_add(&subject, in->title);
    for (char *p = subject.s; !subject.failed && *p; p++)
        if (*p == '\r' || *p == '\n' || *p == '\t')
            *p = ' ';

    struct buf tlp_line = {0};
    buf_add(&tlp_line, t->name);
    buf_add(&tlp_line, " \xe2\x80\x94 ");
    buf_add(&tlp_line, t->rule);

    struct buf text = {0};
    buf_add(&text, tlp_line.failed ? "" : tlp_line.s);
    buf_add(&text, "\n\n");
    buf_line(&text, "Incident: ", in->number);
    buf_line(&text, "Title: ", in->title);
    buf_line(&text, "Reporting organisation: ",
             present(in->organisation) ? in->organisation : "not disclosed");
    buf_add(&text, "Category: ");
    buf_add(&text, in->category_label);
    buf_add(&text, " (");
    buf_add(&text, in->category);
    buf_add(&text, ")\n");
    buf_line(&text, "Severity: ", severity);
    buf_line(&text, "Nature: ", label_of(in->nature, nature_labels));
    buf_line(&text, "Occurred: ", optional(in->occurred_at));
    buf_line(&text, "Detected: ", in->detected_at);
    buf_line(&text, "Reported: ", in->reported_at);
    buf_line(&text, "Shared: ", in->created_at);
    buf_line(&text, "Reference: ", in->share_key);
    buf_block(&text, "Description", optional(in->description));
    buf_block(&text, "Affected assets", optional(in->assets));
    buf_block(&text, "Impact", optional(in->impact));
    buf_block(&text, "Actions taken", optional(in->actions));
    buf_add(&text, "\n");
    buf_add(&text, tlp_line.failed ? "" : tlp_line.s);
    buf_add(&text, "\n");

    char *out = NULL;
    if (!subject.failed && !tlp_line.failed && !text.failed)
        out = mail_payload(to, subject.s, text.s);
    free(subject.s);
    free(tlp_line.s);
    free(text.s);
    return out;
}

char *share_format_stix_stats(const struct share_stats *st)
{
    if (!st)
        return NULL;
    const char *required[] = {
        st->cve,       st->title,     st->tlp, st->organisation, st->organisation_key,
        st->share_key, st->created_at};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (!present(required[i]) || !text_ok(required[i]))
            return NULL;
    const struct tlp_level *t = tlp_find(st->tlp);
    if (!t || !timestamp_ok(st->created_at))
        return NULL;
    char bundle_id[96], report_id[96], vuln_id[96], identity_id[96], created[32];
    derive_id("bundle", "stats-bundle", st->share_key, bundle_id);
    derive_id("report", "stats-report", st->share_key, report_id);
    derive_id("vulnerability", "stats-vulnerability", st->share_key, vuln_id);
    derive_id("identity", "organisation", st->organisation_key, identity_id);
    stix_time(st->created_at, created);
    json_t *identity = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:[s]}", "type", "identity",
                                 "spec_version", "2.1", "id", identity_id, "created", created,
                                 "modified", created, "name", st->organisation, "identity_class",
                                 "organization", "object_marking_refs", t->marking);
    json_t *vuln = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:[{s:s, s:s}], s:[s]}", "type",
                             "vulnerability", "spec_version", "2.1", "id", vuln_id, "created",
                             created, "modified", created, "name", st->cve, "created_by_ref",
                             identity_id, "external_references", "source_name", "cve",
                             "external_id", st->cve, "object_marking_refs", t->marking);
    json_t *report = json_pack(
        "{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:[s], s:s, s:[s], s:[s], s:I, s:I, s:I, s:I, s:I, "
        "s:I}",
        "type", "report", "spec_version", "2.1", "id", report_id, "created", created, "modified",
        created, "published", created, "name", st->title, "report_types", "vulnerability",
        "created_by_ref", identity_id, "object_refs", vuln_id, "object_marking_refs", t->marking,
        "x_asked", (json_int_t)st->asked, "x_affected", (json_int_t)st->affected, "x_not_affected",
        (json_int_t)st->not_affected, "x_investigating", (json_int_t)st->investigating,
        "x_unanswered", (json_int_t)st->unanswered, "x_mitigated", (json_int_t)st->mitigated);
    if (!identity || !vuln || !report) {
        json_decref(identity);
        json_decref(vuln);
        json_decref(report);
        return NULL;
    }
    return dump(json_pack("{s:s, s:s, s:[o, o, o, o]}", "type", "bundle", "id", bundle_id,
                          "objects", identity, vuln, report, stix_marking(t)));
}
