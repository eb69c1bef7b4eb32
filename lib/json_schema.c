/* json_schema.c - JSON Schema validation of documents the portal is sent; see
 * json_schema.h. */
#include "json_schema.h"

#include "ecma_regex.h"
#include "utf8.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DOCUMENTS 8
#define MAX_DEPTH 96 /* schema and document levels followed at once */

struct schema_document {
    char *uri; /* "" for the root */
    json_t *root;
};

struct compiled_pattern {
    const char *source; /* owned by the schema document */
    regex_t re;
};

struct json_schema_set {
    struct schema_document docs[MAX_DOCUMENTS];
    size_t n_docs;
    struct compiled_pattern *patterns;
    size_t n_patterns;
};

/* One validation: where failures go, and whether only their existence matters. */
struct run {
    struct json_schema_set *set;
    struct json_schema_error *errors;
    size_t max, count;
    int silent; /* a branch of anyOf, oneOf, not, if: stop at the first failure */
    int depth;
    char path[192];
};

/* ---- loading ---- */

/* Compiles pattern source (kept by the schema document) once. */
static int pattern_add(struct json_schema_set *set, const char *source, char *err, size_t err_len)
{
    struct compiled_pattern *grown = realloc(set->patterns, (set->n_patterns + 1) * sizeof *grown);
    if (!grown) {
        snprintf(err, err_len, "out of memory");
        return -1;
    }
    set->patterns = grown;
    if (ecma_regex_compile(&set->patterns[set->n_patterns].re, source) != 0) {
        snprintf(err, err_len, "pattern not supported: %s", source);
        return -1;
    }
    set->patterns[set->n_patterns++].source = source;
    return 0;
}

/* Compiles every pattern and patternProperties key under node. */
static int patterns_compile(struct json_schema_set *set, json_t *node, char *err, size_t err_len)
{
    size_t i;
    json_t *v;
    if (json_is_array(node)) {
        json_array_foreach(node, i, v) if (patterns_compile(set, v, err, err_len) != 0) return -1;
        return 0;
    }
    if (!json_is_object(node))
        return 0;
    const char *key;
    json_object_foreach(node, key, v)
    {
        if (strcmp(key, "pattern") == 0 && json_is_string(v)) {
            if (pattern_add(set, json_string_value(v), err, err_len) != 0)
                return -1;
            continue;
        }
        if (strcmp(key, "patternProperties") == 0 && json_is_object(v)) {
            const char *p;
            json_t *sub;
            json_object_foreach(v, p, sub) if (pattern_add(set, p, err, err_len) != 0) return -1;
        }
        if (patterns_compile(set, v, err, err_len) != 0)
            return -1;
    }
    return 0;
}

struct json_schema_set *json_schema_load(const char *root_file, const struct json_schema_ref *refs,
                                         size_t n_refs, char *err, size_t err_len)
{
    if (n_refs + 1 > MAX_DOCUMENTS) {
        snprintf(err, err_len, "too many referenced schemas");
        return NULL;
    }
    struct json_schema_set *set = calloc(1, sizeof *set);
    if (!set) {
        snprintf(err, err_len, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i <= n_refs; i++) {
        const char *file = i == 0 ? root_file : refs[i - 1].file;
        json_error_t jerr;
        json_t *root = json_load_file(file, 0, &jerr);
        if (!root) {
            snprintf(err, err_len, "%s: %s", file, jerr.text);
            json_schema_free(set);
            return NULL;
        }
        set->docs[i].root = root;
        set->docs[i].uri = strdup(i == 0 ? "" : refs[i - 1].uri);
        set->n_docs++;
        if (!set->docs[i].uri || patterns_compile(set, root, err, err_len) != 0) {
            json_schema_free(set);
            return NULL;
        }
    }
    return set;
}

void json_schema_free(struct json_schema_set *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->n_patterns; i++)
        regfree(&set->patterns[i].re);
    free(set->patterns);
    for (size_t i = 0; i < set->n_docs; i++) {
        json_decref(set->docs[i].root);
        free(set->docs[i].uri);
    }
    free(set);
}

/* ---- failures ---- */

static void fail(struct run *r, const char *keyword, const char *param)
{
    if (!r->silent && r->count < r->max) {
        struct json_schema_error *e = &r->errors[r->count];
        snprintf(e->path, sizeof e->path, "%s", r->path);
        snprintf(e->keyword, sizeof e->keyword, "%s", keyword);
        utf8_copy(e->param, sizeof e->param, param ? param : "");
    }
    r->count++;
}

static void fail_number(struct run *r, const char *keyword, double bound)
{
    char text[48];
    snprintf(text, sizeof text, "%.15g", bound);
    fail(r, keyword, text);
}

/* In silent mode one failure decides: the rest need not be looked for. */
static int decided(const struct run *r)
{
    return r->silent && r->count > 0;
}

/* Appends a JSON Pointer segment to r->path; returns the length to cut back to. */
static size_t path_push(struct run *r, const char *segment)
{
    size_t len = strlen(r->path), at = len;
    if (at + 1 < sizeof r->path)
        r->path[at++] = '/';
    for (const char *s = segment; *s && at + 2 < sizeof r->path; s++) {
        if (*s == '~' || *s == '/') {
            r->path[at++] = '~';
            r->path[at++] = *s == '~' ? '0' : '1';
        } else
            r->path[at++] = *s;
    }
    r->path[at] = '\0';
    return len;
}

static size_t path_push_index(struct run *r, size_t i)
{
    char n[24];
    snprintf(n, sizeof n, "%zu", i);
    return path_push(r, n);
}

/* ---- references ---- */

/* The node at JSON Pointer pointer (after the '#') in root, or NULL. */
static json_t *pointer_resolve(json_t *root, const char *pointer)
{
    json_t *node = root;
    while (node && *pointer == '/') {
        pointer++;
        char segment[128];
        size_t n = 0;
        while (*pointer && *pointer != '/' && n + 1 < sizeof segment) {
            if (pointer[0] == '~' && (pointer[1] == '0' || pointer[1] == '1')) {
                segment[n++] = pointer[1] == '0' ? '~' : '/';
                pointer += 2;
            } else
                segment[n++] = *pointer++;
        }
        segment[n] = '\0';
        if (json_is_object(node))
            node = json_object_get(node, segment);
        else if (json_is_array(node) && strspn(segment, "0123456789") == n && n)
            node = json_array_get(node, strtoul(segment, NULL, 10));
        else
            node = NULL;
    }
    return *pointer ? NULL : node;
}

/* Resolves ref seen in document *doc: the target schema, with *doc set to the document it
 * is in; NULL when it cannot be found. */
static json_t *ref_resolve(struct json_schema_set *set, const char *ref,
                           const struct schema_document **doc)
{
    const char *hash = strchr(ref, '#');
    size_t base_len = hash ? (size_t)(hash - ref) : strlen(ref);
    if (base_len > 0) {
        const struct schema_document *found = NULL;
        for (size_t i = 1; i < set->n_docs && !found; i++)
            if (strlen(set->docs[i].uri) == base_len &&
                strncmp(set->docs[i].uri, ref, base_len) == 0)
                found = &set->docs[i];
        if (!found)
            return NULL;
        *doc = found;
    }
    return pointer_resolve((*doc)->root, hash ? hash + 1 : "");
}

/* ---- the keywords ---- */

static void check(struct run *r, const struct schema_document *doc, json_t *schema, json_t *inst);

/* How many failures schema finds in inst, stopping at the first. */
static size_t failures_of(struct run *r, const struct schema_document *doc, json_t *schema,
                          json_t *inst)
{
    struct run branch = *r;
    branch.silent = 1;
    branch.count = 0;
    check(&branch, doc, schema, inst);
    return branch.count;
}

/* When no branch of an anyOf or oneOf fits: the failures of the branch that came
 * closest (fewest failures), so that the reason names the field at fault, not only the
 * choice. Nothing to do in silent mode. */
static void closest_branch_failures(struct run *r, const struct schema_document *doc,
                                    json_t *branches, json_t *inst)
{
    if (r->silent)
        return;
    json_t *best = NULL, *sub;
    size_t best_count = 0, i;
    json_array_foreach(branches, i, sub)
    {
        struct run counting = *r;
        counting.max = 0;
        counting.count = 0;
        check(&counting, doc, sub, inst);
        if (!best || counting.count < best_count)
            best = sub, best_count = counting.count;
    }
    if (best)
        check(r, doc, best, inst);
}

static int type_is(const char *type, json_t *inst)
{
    if (strcmp(type, "object") == 0)
        return json_is_object(inst);
    if (strcmp(type, "array") == 0)
        return json_is_array(inst);
    if (strcmp(type, "string") == 0)
        return json_is_string(inst);
    if (strcmp(type, "boolean") == 0)
        return json_is_boolean(inst);
    if (strcmp(type, "null") == 0)
        return json_is_null(inst);
    if (strcmp(type, "number") == 0)
        return json_is_number(inst);
    if (strcmp(type, "integer") == 0)
        return json_is_integer(inst) ||
               (json_is_real(inst) && floor(json_real_value(inst)) == json_real_value(inst));
    return 0;
}

static void check_type(struct run *r, json_t *type, json_t *inst)
{
    if (json_is_string(type)) {
        if (!type_is(json_string_value(type), inst))
            fail(r, "type", json_string_value(type));
        return;
    }
    size_t i;
    json_t *t;
    json_array_foreach(type, i,
                       t) if (json_is_string(t) && type_is(json_string_value(t), inst)) return;
    fail(r, "type", "");
}

static void check_enum(struct run *r, json_t *values, json_t *inst)
{
    size_t i;
    json_t *v;
    json_array_foreach(values, i, v) if (json_equal(v, inst)) return;
    fail(r, "enum", "");
}

static void check_number(struct run *r, json_t *schema, json_t *inst)
{
    double x = json_number_value(inst);
    json_t *b;
    if ((b = json_object_get(schema, "minimum")) && json_is_number(b) && x < json_number_value(b))
        fail_number(r, "minimum", json_number_value(b));
    if ((b = json_object_get(schema, "maximum")) && json_is_number(b) && x > json_number_value(b))
        fail_number(r, "maximum", json_number_value(b));
    if ((b = json_object_get(schema, "exclusiveMinimum")) && json_is_number(b) &&
        x <= json_number_value(b))
        fail_number(r, "exclusiveMinimum", json_number_value(b));
    if ((b = json_object_get(schema, "exclusiveMaximum")) && json_is_number(b) &&
        x >= json_number_value(b))
        fail_number(r, "exclusiveMaximum", json_number_value(b));
    if ((b = json_object_get(schema, "multipleOf")) && json_is_number(b) &&
        json_number_value(b) > 0) {
        double q = x / json_number_value(b);
        if (fabs(q - round(q)) > 1e-9)
            fail_number(r, "multipleOf", json_number_value(b));
    }
}

/* The number of Unicode code points in a UTF-8 string of len bytes. */
static size_t code_points(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xc0) != 0x80;
    return n;
}

static int digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* RFC 3339 full-date: YYYY-MM-DD with a month and day in range. */
static int is_date(const char *s)
{
    if (!digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' || !digits(s + 8, 2))
        return 0;
    int month = atoi(s + 5), day = atoi(s + 8);
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/* RFC 3339 date-time: full-date "T" hh:mm:ss[.frac] then "Z" or +hh:mm / -hh:mm. */
static int is_date_time(const char *s)
{
    if (!is_date(s) || (s[10] != 'T' && s[10] != 't'))
        return 0;
    const char *t = s + 11;
    if (!digits(t, 2) || t[2] != ':' || !digits(t + 3, 2) || t[5] != ':' || !digits(t + 6, 2))
        return 0;
    if (atoi(t) > 23 || atoi(t + 3) > 59 || atoi(t + 6) > 60)
        return 0;
    t += 8;
    if (*t == '.') {
        t++;
        if (!digits(t, 1))
            return 0;
        while (*t >= '0' && *t <= '9')
            t++;
    }
    if (*t == 'Z' || *t == 'z')
        return t[1] == '\0';
    return (*t == '+' || *t == '-') && digits(t + 1, 2) && t[3] == ':' && digits(t + 4, 2) &&
           t[6] == '\0' && atoi(t + 1) <= 23 && atoi(t + 4) <= 59;
}

/* RFC 3986 URI: a scheme, ':', and the rest without spaces or control characters. */
static int is_uri(const char *s)
{
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
        return 0;
    const char *p = s + 1;
    while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
           *p == '+' || *p == '-' || *p == '.')
        p++;
    if (*p != ':')
        return 0;
    for (p++; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == '"' || *p == '<' || *p == '>' || *p == '\\' ||
            *p == '^' || *p == '`' || *p == '{' || *p == '|' || *p == '}' || *p == 0x7f)
            return 0;
    return 1;
}

static int is_email(const char *s)
{
    const char *at = strchr(s, '@');
    return at && at > s && at[1] && !strchr(at + 1, '@') && !strpbrk(s, " \t\r\n");
}

static const regex_t *pattern_find(struct json_schema_set *set, const char *source)
{
    for (size_t i = 0; i < set->n_patterns; i++)
        if (set->patterns[i].source == source || strcmp(set->patterns[i].source, source) == 0)
            return &set->patterns[i].re;
    return NULL;
}

static void check_string(struct run *r, json_t *schema, json_t *inst)
{
    const char *s = json_string_value(inst);
    size_t len = json_string_length(inst), n = code_points(s, len);
    json_t *b;
    if ((b = json_object_get(schema, "minLength")) && json_is_integer(b) &&
        n < (size_t)json_integer_value(b))
        fail_number(r, "minLength", (double)json_integer_value(b));
    if ((b = json_object_get(schema, "maxLength")) && json_is_integer(b) &&
        n > (size_t)json_integer_value(b))
        fail_number(r, "maxLength", (double)json_integer_value(b));
    if ((b = json_object_get(schema, "pattern")) && json_is_string(b)) {
        const regex_t *re = pattern_find(r->set, json_string_value(b));
        if (!re || !ecma_regex_search(re, s, len))
            fail(r, "pattern", json_string_value(b));
    }
    if ((b = json_object_get(schema, "format")) && json_is_string(b)) {
        const char *format = json_string_value(b);
        int ok = strlen(s) != len                   ? 0 /* a NUL inside */
                 : strcmp(format, "date-time") == 0 ? is_date_time(s)
                 : strcmp(format, "date") == 0      ? is_date(s) && s[10] == '\0'
                 : strcmp(format, "uri") == 0       ? is_uri(s)
                 : strcmp(format, "email") == 0     ? is_email(s)
                                                    : 1;
        if (!ok)
            fail(r, "format", format);
    }
}

static void check_array(struct run *r, const struct schema_document *doc, json_t *schema,
                        json_t *inst)
{
    size_t n = json_array_size(inst), i, j;
    json_t *b, *v;
    if ((b = json_object_get(schema, "minItems")) && json_is_integer(b) &&
        n < (size_t)json_integer_value(b))
        fail_number(r, "minItems", (double)json_integer_value(b));
    if ((b = json_object_get(schema, "maxItems")) && json_is_integer(b) &&
        n > (size_t)json_integer_value(b))
        fail_number(r, "maxItems", (double)json_integer_value(b));
    if ((b = json_object_get(schema, "uniqueItems")) && json_is_true(b))
        for (i = 0; i < n && !decided(r); i++)
            for (j = i + 1; j < n; j++)
                if (json_equal(json_array_get(inst, i), json_array_get(inst, j))) {
                    size_t back = path_push_index(r, j);
                    fail(r, "uniqueItems", "");
                    r->path[back] = '\0';
                    j = n;
                    i = n;
                }
    /* draft-07's array form of items, and 2020-12's prefixItems, check by position */
    json_t *prefix = json_object_get(schema, "prefixItems");
    json_t *items = json_object_get(schema, "items");
    if (json_is_array(items))
        prefix = items, items = json_object_get(schema, "additionalItems");
    size_t n_prefix = json_is_array(prefix) ? json_array_size(prefix) : 0;
    json_array_foreach(inst, i, v)
    {
        if (decided(r))
            return;
        json_t *sub = i < n_prefix ? json_array_get(prefix, i) : items;
        if (!sub)
            continue;
        size_t back = path_push_index(r, i);
        check(r, doc, sub, v);
        r->path[back] = '\0';
    }
    if ((b = json_object_get(schema, "contains"))) {
        int found = 0;
        json_array_foreach(inst, i, v) if (!found && failures_of(r, doc, b, v) == 0) found = 1;
        if (!found)
            fail(r, "contains", "");
    }
}

/* Checks value against the schema of each key of patterns that name matches; returns 1
 * when one did. */
static int pattern_property(struct run *r, json_t *patterns, const char *name, size_t len,
                            const struct schema_document *doc, json_t *value)
{
    int matched = 0;
    const char *p;
    json_t *sub;
    json_object_foreach(patterns, p, sub)
    {
        const regex_t *re = pattern_find(r->set, p);
        if (!re || !ecma_regex_search(re, name, len))
            continue;
        matched = 1;
        check(r, doc, sub, value);
    }
    return matched;
}

static void check_object(struct run *r, const struct schema_document *doc, json_t *schema,
                         json_t *inst)
{
    size_t n = json_object_size(inst), i;
    json_t *b, *v;
    const char *key;
    if ((b = json_object_get(schema, "required")) && json_is_array(b))
        json_array_foreach(b, i,
                           v) if (json_is_string(v) && !json_object_get(inst, json_string_value(v)))
            fail(r, "required", json_string_value(v));
    if ((b = json_object_get(schema, "minProperties")) && json_is_integer(b) &&
        n < (size_t)json_integer_value(b))
        fail_number(r, "minProperties", (double)json_integer_value(b));
    if ((b = json_object_get(schema, "maxProperties")) && json_is_integer(b) &&
        n > (size_t)json_integer_value(b))
        fail_number(r, "maxProperties", (double)json_integer_value(b));
    if ((b = json_object_get(schema, "dependentRequired")) && json_is_object(b)) {
        json_t *needs;
        json_object_foreach(b, key, needs)
        {
            if (!json_object_get(inst, key) || !json_is_array(needs))
                continue;
            json_array_foreach(needs, i, v) if (json_is_string(v) &&
                                                !json_object_get(inst, json_string_value(v)))
                fail(r, "dependentRequired", json_string_value(v));
        }
    }
    json_t *properties = json_object_get(schema, "properties");
    json_t *patterns = json_object_get(schema, "patternProperties");
    json_t *additional = json_object_get(schema, "additionalProperties");
    void *iter = json_object_iter(inst);
    for (; iter && !decided(r); iter = json_object_iter_next(inst, iter)) {
        key = json_object_iter_key(iter);
        v = json_object_iter_value(iter);
        size_t back = path_push(r, key);
        json_t *sub = json_is_object(properties) ? json_object_get(properties, key) : NULL;
        int known = sub != NULL;
        if (sub)
            check(r, doc, sub, v);
        if (json_is_object(patterns) &&
            pattern_property(r, patterns, key, json_object_iter_key_len(iter), doc, v))
            known = 1;
        if (!known && additional) {
            if (json_is_false(additional))
                fail(r, "additionalProperties", key);
            else if (json_is_object(additional))
                check(r, doc, additional, v);
        }
        r->path[back] = '\0';
    }
}

static void check_combinators(struct run *r, const struct schema_document *doc, json_t *schema,
                              json_t *inst)
{
    json_t *b, *sub;
    size_t i;
    if ((b = json_object_get(schema, "allOf")) && json_is_array(b))
        json_array_foreach(b, i, sub) check(r, doc, sub, inst);
    if ((b = json_object_get(schema, "anyOf")) && json_is_array(b)) {
        int any = 0;
        json_array_foreach(b, i, sub) if (!any && failures_of(r, doc, sub, inst) == 0) any = 1;
        if (!any) {
            closest_branch_failures(r, doc, b, inst);
            fail(r, "anyOf", "");
        }
    }
    if ((b = json_object_get(schema, "oneOf")) && json_is_array(b)) {
        int valid = 0;
        json_array_foreach(b, i, sub) valid += failures_of(r, doc, sub, inst) == 0;
        if (valid == 0)
            closest_branch_failures(r, doc, b, inst);
        if (valid != 1)
            fail(r, "oneOf", valid ? "several" : "none");
    }
    if ((b = json_object_get(schema, "not")) && failures_of(r, doc, b, inst) == 0)
        fail(r, "not", "");
    if ((b = json_object_get(schema, "if"))) {
        json_t *then = json_object_get(schema, "then"),
               *otherwise = json_object_get(schema, "else");
        json_t *branch = failures_of(r, doc, b, inst) == 0 ? then : otherwise;
        if (branch)
            check(r, doc, branch, inst);
    }
}

static void check(struct run *r, const struct schema_document *doc, json_t *schema, json_t *inst)
{
    if (decided(r))
        return;
    if (json_is_boolean(schema)) {
        if (json_is_false(schema))
            fail(r, "false", "");
        return;
    }
    if (!json_is_object(schema))
        return;
    if (r->depth >= MAX_DEPTH) {
        fail(r, "depth", "");
        return;
    }
    r->depth++;
    json_t *b = json_object_get(schema, "$ref");
    if (json_is_string(b)) {
        const struct schema_document *target_doc = doc;
        json_t *target = ref_resolve(r->set, json_string_value(b), &target_doc);
        if (!target)
            fail(r, "$ref", json_string_value(b));
        else
            check(r, target_doc, target, inst);
    }
    if ((b = json_object_get(schema, "type")))
        check_type(r, b, inst);
    if ((b = json_object_get(schema, "enum")) && json_is_array(b))
        check_enum(r, b, inst);
    if ((b = json_object_get(schema, "const")) && !json_equal(b, inst))
        fail(r, "const", "");
    if (json_is_number(inst))
        check_number(r, schema, inst);
    else if (json_is_string(inst))
        check_string(r, schema, inst);
    else if (json_is_array(inst))
        check_array(r, doc, schema, inst);
    else if (json_is_object(inst))
        check_object(r, doc, schema, inst);
    check_combinators(r, doc, schema, inst);
    r->depth--;
}

size_t json_schema_validate(struct json_schema_set *set, json_t *doc,
                            struct json_schema_error *errors, size_t max)
{
    struct run r = {set, errors, max, 0, 0, 0, ""};
    check(&r, &set->docs[0], set->docs[0].root, doc);
    return r.count;
}
