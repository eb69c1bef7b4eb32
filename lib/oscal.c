/* oscal.c - the OSCAL 1.0.6 assessment-results document of an assessment; see oscal.h.
 * Values the schema types as StringDatatype (one line, no space at either end) or
 * TokenDatatype (a name: a letter or '_', then letters, digits, '.', '-', '_') are cleaned
 * here so that any text from the database gives a valid document. */
#include "oscal.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- SHA-1 and version 5 UUIDs ---- */

struct sha1 {
    uint32_t h[5];
    unsigned char block[64];
    size_t used;
    uint64_t bytes;
};

static uint32_t rol32(uint32_t x, int n)
{
    return (x << n) | (x >> (32 - n));
}

static void sha1_block(struct sha1 *s, const unsigned char *p)
{
    uint32_t w[80];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
               (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
    for (int i = 16; i < 80; i++)
        w[i] = rol32(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    uint32_t a = s->h[0], b = s->h[1], c = s->h[2], d = s->h[3], e = s->h[4];
    for (int i = 0; i < 80; i++) {
        uint32_t f, k;
        if (i < 20)
            f = (b & c) | (~b & d), k = 0x5A827999;
        else if (i < 40)
            f = b ^ c ^ d, k = 0x6ED9EBA1;
        else if (i < 60)
            f = (b & c) | (b & d) | (c & d), k = 0x8F1BBCDC;
        else
            f = b ^ c ^ d, k = 0xCA62C1D6;
        uint32_t t = rol32(a, 5) + f + e + k + w[i];
        e = d, d = c, c = rol32(b, 30), b = a, a = t;
    }
    s->h[0] += a, s->h[1] += b, s->h[2] += c, s->h[3] += d, s->h[4] += e;
}

static void sha1_init(struct sha1 *s)
{
    static const uint32_t h0[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
    memcpy(s->h, h0, sizeof h0);
    s->used = 0;
    s->bytes = 0;
}

static void sha1_update(struct sha1 *s, const void *data, size_t len)
{
    const unsigned char *p = data;
    s->bytes += len;
    while (len > 0) {
        size_t n = 64 - s->used < len ? 64 - s->used : len;
        memcpy(s->block + s->used, p, n);
        s->used += n, p += n, len -= n;
        if (s->used == 64) {
            sha1_block(s, s->block);
            s->used = 0;
        }
    }
}

static void sha1_final(struct sha1 *s, unsigned char out[20])
{
    uint64_t bits = s->bytes * 8;
    unsigned char pad = 0x80;
    sha1_update(s, &pad, 1);
    pad = 0;
    while (s->used != 56)
        sha1_update(s, &pad, 1);
    unsigned char len[8];
    for (int i = 0; i < 8; i++)
        len[i] = (unsigned char)(bits >> (56 - 8 * i));
    sha1_update(s, len, 8);
    for (int i = 0; i < 5; i++)
        for (int k = 0; k < 4; k++)
            out[4 * i + k] = (unsigned char)(s->h[i] >> (24 - 8 * k));
}

void oscal_sha1(const void *data, size_t len, unsigned char out[20])
{
    struct sha1 s;
    sha1_init(&s);
    sha1_update(&s, data, len);
    sha1_final(&s, out);
}

const unsigned char oscal_namespace_url[16] = {0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
                                               0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};

void oscal_uuid_v5(const unsigned char ns[16], const char *name, char out[37])
{
    struct sha1 s;
    unsigned char h[20];
    sha1_init(&s);
    sha1_update(&s, ns, 16);
    sha1_update(&s, name, strlen(name));
    sha1_final(&s, h);
    h[6] = (unsigned char)((h[6] & 0x0f) | 0x50); /* version 5 */
    h[8] = (unsigned char)((h[8] & 0x3f) | 0x80); /* RFC 4122 variant */
    static const char hex[] = "0123456789abcdef";
    size_t n = 0;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out[n++] = '-';
        out[n++] = hex[h[i] >> 4];
        out[n++] = hex[h[i] & 15];
    }
    out[n] = '\0';
}

/* ---- cleaning values for the schema's data types ---- */

/* The code point at s (valid UTF-8) and its length in *n. */
static uint32_t utf8_next(const unsigned char *s, size_t *n)
{
    if (s[0] < 0x80) {
        *n = 1;
        return s[0];
    }
    if ((s[0] & 0xE0) == 0xC0 && s[1]) {
        *n = 2;
        return (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
    }
    if ((s[0] & 0xF0) == 0xE0 && s[1] && s[2]) {
        *n = 3;
        return (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
    }
    if ((s[0] & 0xF8) == 0xF0 && s[1] && s[2] && s[3]) {
        *n = 4;
        return (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 |
               (uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
    }
    *n = 1; /* not valid UTF-8: jansson refuses the string later */
    return s[0];
}

/* What JavaScript's \s matches (the schema's patterns are JavaScript regular expressions),
 * and U+0085, which ends a line for some readers. */
static int is_space(uint32_t c)
{
    return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
           c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

/* A StringDatatype value: s with every run of white space made one space and none at either
 * end; fallback when nothing is left. Malloc'd, NULL when out of memory. */
static char *one_line(const char *s, const char *fallback)
{
    size_t len = strlen(s);
    char *out = malloc(len + strlen(fallback) + 1);
    if (!out)
        return NULL;
    size_t n = 0;
    int gap = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        size_t k;
        uint32_t c = utf8_next(p, &k);
        if (is_space(c)) {
            gap = n > 0;
        } else {
            if (gap)
                out[n++] = ' ';
            gap = 0;
            memcpy(out + n, p, k);
            n += k;
        }
        p += k;
    }
    if (n == 0) {
        strcpy(out, fallback);
        return out;
    }
    out[n] = '\0';
    return out;
}

/* A TokenDatatype value made from s: characters outside [A-Za-z0-9._-] become '_', and
 * one that does not start with a letter gets '_' in front. */
static void token(const char *s, char *out, size_t size)
{
    size_t n = 0;
    if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')) && n + 1 < size)
        out[n++] = '_';
    for (; *s && n + 1 < size; s++) {
        char c = *s;
        int ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                 c == '.' || c == '-' || c == '_';
        out[n++] = ok ? c : '_';
    }
    out[n] = '\0';
}

/* 1 when s is "YYYY-MM-DDTHH:MM:SSZ" with a year the schema's date pattern takes. */
static int is_timestamp(const char *s)
{
    static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
    if (strlen(s) != sizeof shape - 1)
        return 0;
    for (size_t i = 0; i < sizeof shape - 1; i++)
        if (shape[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != shape[i])
            return 0;
    return s[0] == '2' || (s[0] == '1' && s[1] == '9');
}

/* ---- building the document ---- */

struct build {
    int failed;
    const struct export_assessment *a;
    char base[300]; /* "<base_url>/assessments/<id>": the names of the UUIDs */
    char party[37]; /* the respondent organisation */
};

static void put(struct build *b, json_t *obj, const char *key, json_t *value)
{
    if (!value || json_object_set_new(obj, key, value) != 0)
        b->failed = 1;
}

static void append(struct build *b, json_t *arr, json_t *value)
{
    if (!value || json_array_append_new(arr, value) != 0)
        b->failed = 1;
}

/* A JSON string of a StringDatatype value. */
static json_t *string_type(struct build *b, const char *s, const char *fallback)
{
    char *clean = one_line(s, fallback);
    if (!clean) {
        b->failed = 1;
        return NULL;
    }
    json_t *v = json_string(clean);
    free(clean);
    return v;
}

/* The UUID of the part of the assessment named by suffix ("" for the document). */
static json_t *uuid_of(struct build *b, const char *suffix)
{
    char name[512], uuid[37];
    snprintf(name, sizeof name, "%s%s", b->base, suffix);
    oscal_uuid_v5(oscal_namespace_url, name, uuid);
    return json_string(uuid);
}

/* {"name": name, "ns": OSCAL_NS, "value": value[, "class": class]} */
static json_t *prop(struct build *b, const char *name, const char *value, const char *cls)
{
    json_t *p = json_object();
    if (!p)
        return NULL;
    put(b, p, "name", json_string(name));
    put(b, p, "ns", json_string(OSCAL_NS));
    put(b, p, "value", string_type(b, value, "-"));
    if (cls) {
        char t[64];
        token(cls, t, sizeof t);
        put(b, p, "class", json_string(t));
    }
    return p;
}

static json_t *prop_int(struct build *b, const char *name, int value)
{
    char v[16];
    snprintf(v, sizeof v, "%d", value);
    return prop(b, name, v, NULL);
}

static void score_prop(struct build *b, json_t *props, const char *name, double score,
                       const char *cls)
{
    if (score < 0)
        return;
    char v[16];
    snprintf(v, sizeof v, "%.1f", score);
    append(b, props, prop(b, name, v, cls));
}

static json_t *metadata(struct build *b)
{
    const struct export_assessment *a = b->a;
    json_t *m = json_object();
    if (!m)
        return NULL;
    char title[600];
    snprintf(title, sizeof title, "%s — %s", a->title, a->org_name);
    put(b, m, "title", json_string(title));
    const char *modified = is_timestamp(a->updated_at)   ? a->updated_at
                           : is_timestamp(a->created_at) ? a->created_at
                                                         : "1970-01-01T00:00:00Z";
    put(b, m, "last-modified", json_string(modified));
    /* the document changes exactly when the assessment does */
    put(b, m, "version", json_string(modified));
    put(b, m, "oscal-version", json_string(OSCAL_VERSION));
    /* children are filled before they are attached: attaching frees them on failure */
    json_t *party = json_object();
    if (party) {
        put(b, party, "uuid", json_string(b->party));
        put(b, party, "type", json_string("organization"));
        put(b, party, "name", string_type(b, a->org_name, "Unnamed organisation"));
    }
    json_t *parties = json_array();
    append(b, parties, party);
    put(b, m, "parties", parties);
    return m;
}

static int answered(const struct export_item *it)
{
    return it->level >= 0 || it->not_applicable || *it->value;
}

static int is_maturity(const struct export_item *it)
{
    return strcmp(it->answer_type, "maturity") == 0;
}

/* What the respondent said, in words, after the item's text. */
static char *observation_text(const struct export_item *it)
{
    size_t size = strlen(it->text) + strlen(it->justification) + strlen(it->value) + 128;
    char *s = malloc(size);
    if (!s)
        return NULL;
    if (it->not_applicable)
        snprintf(s, size, "%s\n\nNot applicable: %s", it->text, it->justification);
    else if (is_maturity(it) && it->target >= 0)
        snprintf(s, size, "%s\n\nMaturity level %d of 5 (target %d).", it->text, it->level,
                 it->target);
    else if (is_maturity(it))
        snprintf(s, size, "%s\n\nMaturity level %d of 5.", it->text, it->level);
    else
        snprintf(s, size, "%s\n\nAnswer: %s", it->text, it->value);
    return s;
}

static json_t *observation(struct build *b, const struct export_item *it)
{
    const struct export_assessment *a = b->a;
    json_t *o = json_object();
    if (!o)
        return NULL;
    char suffix[128];
    snprintf(suffix, sizeof suffix, "/items/%s#observation", it->code);
    put(b, o, "uuid", uuid_of(b, suffix));
    put(b, o, "title", json_string(it->code));
    char *text = observation_text(it);
    put(b, o, "description", text ? json_string(text) : NULL);
    free(text);

    json_t *props = json_array();
    if (it->level >= 0)
        append(b, props, prop_int(b, "maturity-level", it->level));
    if (is_maturity(it) && it->target >= 0)
        append(b, props, prop_int(b, "target-level", it->target));
    if (it->not_applicable)
        append(b, props, prop(b, "not-applicable", "true", NULL));
    if (!is_maturity(it) && strcmp(it->answer_type, "text") != 0 && *it->value)
        append(b, props, prop(b, "answer", it->value, NULL));
    if (it->carried_over)
        append(b, props, prop(b, "carried-over", "true", NULL));
    if (props && json_array_size(props) == 0)
        json_decref(props); /* the schema wants at least one, or none at all */
    else
        put(b, o, "props", props);

    json_t *methods = json_array();
    append(b, methods, json_string("INTERVIEW"));
    if (it->evidence_files > 0)
        append(b, methods, json_string("EXAMINE"));
    put(b, o, "methods", methods);

    json_t *subject = json_object();
    if (subject) {
        put(b, subject, "subject-uuid", json_string(b->party));
        put(b, subject, "type", json_string("party"));
        put(b, subject, "title", json_string(a->org_name));
    }
    json_t *subjects = json_array();
    append(b, subjects, subject);
    put(b, o, "subjects", subjects);

    if (*it->evidence_notes || it->evidence_files > 0) {
        json_t *evidence = json_array();
        if (*it->evidence_notes) {
            json_t *e = json_object();
            put(b, e, "description", json_string(it->evidence_notes));
            append(b, evidence, e);
        }
        if (it->evidence_files > 0) {
            json_t *e = json_object();
            char d[96];
            snprintf(d, sizeof d, "%d evidence file%s kept in the portal with this answer.",
                     it->evidence_files, it->evidence_files == 1 ? "" : "s");
            put(b, e, "description", json_string(d));
            append(b, evidence, e);
        }
        put(b, o, "relevant-evidence", evidence);
    }
    const char *collected = is_timestamp(it->updated_at)  ? it->updated_at
                            : is_timestamp(a->updated_at) ? a->updated_at
                                                          : "1970-01-01T00:00:00Z";
    put(b, o, "collected", json_string(collected));
    if (*it->justification && !it->not_applicable)
        put(b, o, "remarks", json_string(it->justification));
    return o;
}

/* A finding for a maturity item with a level and a target. */
static json_t *finding(struct build *b, const struct export_item *it)
{
    json_t *f = json_object();
    if (!f)
        return NULL;
    char suffix[128], title[160], id[64];
    snprintf(suffix, sizeof suffix, "/items/%s#finding", it->code);
    put(b, f, "uuid", uuid_of(b, suffix));
    snprintf(title, sizeof title, "%s: level %d, target %d", it->code, it->level, it->target);
    put(b, f, "title", json_string(title));
    put(b, f, "description", json_string(it->text));
    int gap = it->target - it->level;
    if (gap > 0) {
        json_t *props = json_array();
        append(b, props, prop_int(b, "gap", gap));
        put(b, f, "props", props);
    }
    json_t *status = json_object();
    put(b, status, "state", json_string(gap > 0 ? "not-satisfied" : "satisfied"));
    json_t *target = json_object();
    token(it->code, id, sizeof id);
    put(b, target, "type", json_string("objective-id"));
    put(b, target, "target-id", json_string(id));
    put(b, target, "status", status);
    put(b, f, "target", target);
    json_t *r = json_object();
    snprintf(suffix, sizeof suffix, "/items/%s#observation", it->code);
    put(b, r, "observation-uuid", uuid_of(b, suffix));
    json_t *related = json_array();
    append(b, related, r);
    put(b, f, "related-observations", related);
    return f;
}

static json_t *reviewed_controls(struct build *b)
{
    const struct export_assessment *a = b->a;
    json_t *sel = json_object();
    if (a->n_items == 0) {
        put(b, sel, "include-all", json_object());
    } else {
        json_t *include = json_array();
        for (size_t i = 0; i < a->n_items; i++) {
            char id[64];
            token(a->items[i].code, id, sizeof id);
            json_t *c = json_object();
            put(b, c, "control-id", json_string(id));
            append(b, include, c);
        }
        put(b, sel, "include-controls", include);
    }
    json_t *selections = json_array();
    append(b, selections, sel);
    json_t *rc = json_object();
    put(b, rc, "description",
        json_string("The items of the questionnaire: ISO/IEC TR 27103 sub-categories, Annex B "
                    "principles and essentials, and the organisation's own questions."));
    put(b, rc, "control-selections", selections);
    return rc;
}

static json_t *result(struct build *b)
{
    const struct export_assessment *a = b->a;
    json_t *r = json_object();
    if (!r)
        return NULL;
    put(b, r, "uuid", uuid_of(b, "#result"));
    put(b, r, "title", json_string(a->title));
    char description[600];
    snprintf(description, sizeof description,
             "Self-assessment of %s after ISO/IEC TR 27103 (status: %s). Levels 0-5 per item; "
             "a category's score is the mean of its applicable levels, a function's the "
             "weighted mean of its categories, the overall score the mean of the functions.",
             a->org_name, a->status);
    put(b, r, "description", json_string(description));
    const char *start = is_timestamp(a->created_at) ? a->created_at : "1970-01-01T00:00:00Z";
    put(b, r, "start", json_string(start));
    const char *end = strcmp(a->status, "accepted") == 0 && is_timestamp(a->reviewed_at)
                          ? a->reviewed_at
                      : is_timestamp(a->submitted_at) ? a->submitted_at
                                                      : NULL;
    if (end)
        put(b, r, "end", json_string(end));

    json_t *props = json_array();
    append(b, props, prop(b, "assessment-status", a->status, NULL));
    score_prop(b, props, "overall-score", a->overall, NULL);
    for (size_t i = 0; i < a->n_functions; i++)
        score_prop(b, props, "function-score", a->functions[i].score, a->functions[i].code);
    for (size_t i = 0; i < a->n_categories; i++)
        score_prop(b, props, "category-score", a->categories[i].score, a->categories[i].code);
    put(b, r, "props", props);

    put(b, r, "reviewed-controls", reviewed_controls(b));

    json_t *observations = json_array(), *findings = json_array();
    for (size_t i = 0; i < a->n_items; i++) {
        const struct export_item *it = &a->items[i];
        if (!answered(it))
            continue;
        append(b, observations, observation(b, it));
        if (is_maturity(it) && !it->not_applicable && it->level >= 0 && it->target >= 0)
            append(b, findings, finding(b, it));
    }
    /* arrays in OSCAL have at least one member, or are left out */
    if (observations && json_array_size(observations) == 0)
        json_decref(observations);
    else
        put(b, r, "observations", observations);
    if (findings && json_array_size(findings) == 0)
        json_decref(findings);
    else
        put(b, r, "findings", findings);
    return r;
}

char *oscal_assessment_results(const struct export_assessment *a, const char *base_url)
{
    struct build b = {.a = a};
    snprintf(b.base, sizeof b.base, "%s/assessments/%ld", base_url, a->id);
    char name[400];
    snprintf(name, sizeof name, "%s/organisations/%ld", base_url, a->org_id);
    oscal_uuid_v5(oscal_namespace_url, name, b.party);

    json_t *doc = json_object(), *ar = json_object();
    if (!doc || !ar) {
        json_decref(doc);
        json_decref(ar);
        return NULL;
    }
    put(&b, ar, "uuid", uuid_of(&b, ""));
    put(&b, ar, "metadata", metadata(&b));

    /* the plan is the questionnaire, a back-matter resource: href "#<its uuid>" */
    json_t *plan = uuid_of(&b, "#questionnaire");
    char href[40] = "#";
    if (plan)
        snprintf(href + 1, sizeof href - 1, "%s", json_string_value(plan));
    json_t *import_ap = json_object();
    put(&b, import_ap, "href", json_string(href));
    put(&b, import_ap, "remarks",
        json_string("There is no separate OSCAL assessment plan: the questionnaire, "
                    "described in back-matter, is the plan these results follow."));
    put(&b, ar, "import-ap", import_ap);

    json_t *results = json_array();
    append(&b, results, result(&b));
    put(&b, ar, "results", results);

    json_t *q = json_object();
    put(&b, q, "uuid", plan); /* taken over (or freed) here */
    char title[300];
    snprintf(title, sizeof title, "Questionnaire: %s", a->title);
    put(&b, q, "title", json_string(title));
    put(&b, q, "description",
        json_string("The questionnaire the organisation answered in the portal: "
                    "ISO/IEC TR 27103 sub-categories rated on the maturity scale 0-5 "
                    "(with not applicable and a justification), Annex B principles and "
                    "essentials, and questions of the organisation that sent it."));
    json_t *resources = json_array();
    append(&b, resources, q);
    json_t *back = json_object();
    put(&b, back, "resources", resources);
    put(&b, ar, "back-matter", back);
    put(&b, doc, "assessment-results", ar);

    char *text = NULL;
    if (!b.failed)
        text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(doc);
    return text;
}
