/* misp_event.c - reading MISP feed manifests and events (see misp_event.h). */
#include "misp_event.h"

#include "utf8.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *misp_result_key(enum misp_result r)
{
    switch (r) {
    case MISP_OK:
        return "ok";
    case MISP_UNREADABLE:
        return "json_unreadable";
    case MISP_NO_EVENT:
        return "misp_no_event";
    case MISP_NO_UUID:
        return "misp_no_uuid";
    case MISP_NO_INFO:
        return "misp_no_info";
    case MISP_INFO_TOO_LONG:
        return "misp_info_too_long";
    case MISP_BAD_TIMESTAMP:
        return "misp_bad_timestamp";
    case MISP_UUID_MISMATCH:
        return "misp_uuid_mismatch";
    }
    return "misp_unreadable";
}

/* Characters in s (UTF-8: the bytes that do not continue a character). */
static size_t chars_of(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Copies a uuid (8-4-4-4-12 hex digits) in lower case to out. Returns 0, or -1. */
static int uuid_read(const char *s, char out[37])
{
    if (!s || strlen(s) != 36)
        return -1;
    for (int i = 0; i < 36; i++) {
        int dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !isxdigit((unsigned char)s[i]))
            return -1;
        out[i] = (char)tolower((unsigned char)s[i]);
    }
    out[36] = '\0';
    return 0;
}

/* A timestamp written as a string of digits or as an integer: seconds since 1970 in *t.
 * Returns 0 (absent: *t = 0), or -1 when it is there but not one. */
static int timestamp_read(json_t *v, long long *t)
{
    *t = 0;
    if (!v)
        return 0;
    if (json_is_integer(v)) {
        *t = json_integer_value(v);
        return *t >= 0 ? 0 : -1;
    }
    const char *s = json_string_value(v);
    if (!s || !*s || strlen(s) > 15)
        return -1;
    for (const char *p = s; *p; p++)
        if (!isdigit((unsigned char)*p))
            return -1;
    *t = strtoll(s, NULL, 10);
    return 0;
}

/* The TLP tags in strictness order; white is TLP 1.0's clear. */
static const struct {
    const char *tag, *tlp;
    int rank;
} tlp_tags[] = {
    {"tlp:white", "clear", 1},
    {"tlp:clear", "clear", 1},
    {"tlp:green", "green", 2},
    {"tlp:amber", "amber", 3},
    {"tlp:amber+strict", "amber+strict", 4},
    {"tlp:red", "red", 5},
};

static void tlp_read(json_t *tags, char tlp[16])
{
    int best = 0;
    snprintf(tlp, 16, "unmarked");
    size_t i;
    json_t *t;
    json_array_foreach(tags, i, t)
    {
        const char *name = json_string_value(json_object_get(t, "name"));
        for (size_t k = 0; name && k < sizeof tlp_tags / sizeof *tlp_tags; k++)
            if (strcasecmp(name, tlp_tags[k].tag) == 0 && tlp_tags[k].rank > best) {
                best = tlp_tags[k].rank;
                snprintf(tlp, 16, "%s", tlp_tags[k].tlp);
            }
    }
}

/* 1 when s is a CVE id (CVE-YYYY-NNNN..., case-insensitive); out gets it upper case. */
static int cve_read(const char *s, char out[24])
{
    if (!s || strncasecmp(s, "CVE-", 4) != 0)
        return 0;
    size_t n = strlen(s);
    if (n < 13 || n > 23)
        return 0;
    for (size_t i = 4; i < n; i++) {
        if (i == 8 ? s[i] != '-' : !isdigit((unsigned char)s[i]))
            return 0;
    }
    for (size_t i = 0; i <= n; i++)
        out[i] = (char)toupper((unsigned char)s[i]);
    return 1;
}

/* Counts one attribute: its type, and its CVE when it is a vulnerability. */
static void attribute_take(struct misp_event *e, json_t *a)
{
    if (!json_is_object(a))
        return;
    const char *type = json_string_value(json_object_get(a, "type"));
    if (!type || !*type || strlen(type) > 64 || !utf8_valid(type, strlen(type)))
        type = "other";
    if (!json_object_get(e->counts, type) && json_object_size(e->counts) >= MISP_MAX_TYPES)
        type = "other";
    json_t *c = json_object_get(e->counts, type);
    json_object_set_new(e->counts, type, json_integer(c ? json_integer_value(c) + 1 : 1));
    e->attributes++;
    char cve[24];
    if (strcmp(type, "vulnerability") != 0 ||
        !cve_read(json_string_value(json_object_get(a, "value")), cve))
        return;
    for (size_t i = 0; i < e->n_cves; i++)
        if (strcmp(e->cves[i], cve) == 0)
            return;
    if (e->n_cves < MISP_MAX_CVES)
        memcpy(e->cves[e->n_cves++], cve, sizeof cve);
}

static void attributes_take(struct misp_event *e, json_t *list)
{
    size_t i;
    json_t *a;
    json_array_foreach(list, i, a) attribute_take(e, a);
}

enum misp_result misp_event_parse(const char *body, size_t len, const char *want_uuid, json_t **doc,
                                  struct misp_event *e)
{
    memset(e, 0, sizeof *e);
    *doc = NULL;
    json_t *root = json_loadb(body, len, JSON_REJECT_DUPLICATES, NULL);
    if (!root)
        return MISP_UNREADABLE;
    json_t *ev = json_object_get(root, "Event");
    enum misp_result r = MISP_OK;
    const char *info = json_string_value(json_object_get(ev, "info"));
    if (!json_is_object(ev))
        r = MISP_NO_EVENT;
    else if (uuid_read(json_string_value(json_object_get(ev, "uuid")), e->uuid) != 0)
        r = MISP_NO_UUID;
    else if (want_uuid && strcasecmp(want_uuid, e->uuid) != 0)
        r = MISP_UUID_MISMATCH;
    else if (!info || !*info)
        r = MISP_NO_INFO;
    else if (chars_of(info) > MISP_INFO_MAX)
        r = MISP_INFO_TOO_LONG;
    else if (timestamp_read(json_object_get(ev, "timestamp"), &e->timestamp) != 0)
        r = MISP_BAD_TIMESTAMP;
    if (r != MISP_OK) {
        json_decref(root);
        return r;
    }
    e->info = info;
    const char *pub = json_string_value(json_object_get(json_object_get(ev, "Orgc"), "name"));
    e->publisher = pub && strlen(pub) <= 1000 ? pub : "";
    const char *date = json_string_value(json_object_get(ev, "date"));
    int y, m, d;
    char rest;
    if (date && strlen(date) == 10 && sscanf(date, "%4d-%2d-%2d%c", &y, &m, &d, &rest) == 3 &&
        y >= 1970 && m >= 1 && m <= 12 && d >= 1 && d <= 31 && date[4] == '-' && date[7] == '-')
        memcpy(e->date, date, 11);
    json_t *level = json_object_get(ev, "threat_level_id");
    long long lv = 4;
    if (json_is_integer(level))
        lv = json_integer_value(level);
    else if (json_string_value(level) && strlen(json_string_value(level)) == 1)
        lv = json_string_value(level)[0] - '0';
    e->threat_level = lv >= 1 && lv <= 4 ? (int)lv : 4;
    tlp_read(json_object_get(ev, "Tag"), e->tlp);
    e->counts = json_object();
    attributes_take(e, json_object_get(ev, "Attribute"));
    size_t i;
    json_t *o;
    json_array_foreach(json_object_get(ev, "Object"), i, o)
        attributes_take(e, json_object_get(o, "Attribute"));
    *doc = root;
    return MISP_OK;
}

void misp_event_free(struct misp_event *e)
{
    json_decref(e->counts);
    e->counts = NULL;
}

int misp_manifest_parse(const char *body, size_t len, struct misp_manifest_entry **entries,
                        size_t *n)
{
    *entries = NULL;
    *n = 0;
    json_t *root = json_loadb(body, len, 0, NULL);
    if (!json_is_object(root)) {
        json_decref(root);
        return -1;
    }
    size_t size = json_object_size(root);
    if (size > MISP_MAX_EVENTS)
        size = MISP_MAX_EVENTS;
    *entries = calloc(size ? size : 1, sizeof **entries);
    if (!*entries) {
        json_decref(root);
        return -1;
    }
    const char *key;
    json_t *v;
    json_object_foreach(root, key, v)
    {
        if (*n >= size)
            break;
        struct misp_manifest_entry *m = &(*entries)[*n];
        if (uuid_read(key, m->uuid) != 0 || !json_is_object(v) ||
            timestamp_read(json_object_get(v, "timestamp"), &m->timestamp) != 0)
            continue;
        (*n)++;
    }
    json_decref(root);
    return 0;
}
