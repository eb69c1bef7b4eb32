/* misp_event.h - what the portal reads from a MISP feed (issue 11, part 1): the feed's
 * manifest.json (event uuid -> a summary with the event's "timestamp") and one event file
 * ({"Event": {...}}: info, uuid, date, timestamp, threat_level_id, Orgc.name, Tag[],
 * Attribute[], Object[].Attribute[]). A MISP event is not a CSAF advisory: it has no
 * schema of its own to check, so its structure is checked here before anything of it is
 * stored (an event without uuid or info, or not an object at all, is refused with a
 * reason). Pure: text in, structs out; no database, no network. */
#ifndef MISP_EVENT_H
#define MISP_EVENT_H

#include <jansson.h>
#include <stddef.h>

#define MISP_MAX_CVES 64     /* the CVE ids kept of one event */
#define MISP_MAX_TYPES 64    /* the attribute types counted one by one; the rest as "other" */
#define MISP_INFO_MAX 1000   /* the longest info (title) kept, in characters */
#define MISP_MAX_EVENTS 1000 /* the manifest's entries read */

enum misp_result {
    MISP_OK,
    MISP_UNREADABLE,    /* not JSON */
    MISP_NO_EVENT,      /* no "Event" object */
    MISP_NO_UUID,       /* no uuid, or not one */
    MISP_NO_INFO,       /* no info (title), or an empty one */
    MISP_INFO_TOO_LONG, /* info longer than MISP_INFO_MAX characters */
    MISP_BAD_TIMESTAMP, /* a timestamp that is not seconds since 1970 */
    MISP_UUID_MISMATCH, /* not the event the manifest named */
};

/* The key of a result in the feed page's reasons (Lang.Feed.DocError.*). */
const char *misp_result_key(enum misp_result r);

struct misp_event {
    char uuid[37];         /* lower case */
    const char *info;      /* points into the document */
    const char *publisher; /* Orgc.name, "" when none; points into the document */
    char date[11];         /* YYYY-MM-DD, "" when none or not a date */
    long long timestamp;   /* the event's revision (seconds since 1970), 0 when none */
    int threat_level;      /* 1 high, 2 medium, 3 low, 4 undefined */
    /* TLP 2.0 from the event's tags: "clear" (tlp:white too), "green", "amber",
     * "amber+strict", "red"; the strictest when several; "unmarked" when none */
    char tlp[16];
    size_t n_cves;
    char cves[MISP_MAX_CVES][24]; /* "vulnerability" attributes' CVE ids, once each */
    long attributes;              /* attributes in all, the objects' included */
    json_t *counts;               /* {"ip-dst": 3, ...}: owned, misp_event_free */
};

/* Reads an event file (body, len): *doc gets the parsed document (the caller decrefs it;
 * NULL unless MISP_OK) and e what is kept beside it. want_uuid, when not NULL, is the
 * uuid the manifest named for this file. */
enum misp_result misp_event_parse(const char *body, size_t len, const char *want_uuid, json_t **doc,
                                  struct misp_event *e);
void misp_event_free(struct misp_event *e);

struct misp_manifest_entry {
    char uuid[37];
    long long timestamp;
};

/* Reads a manifest: *entries gets the events it names with a well-formed uuid and
 * timestamp (malloc'd, free after; at most MISP_MAX_EVENTS), *n their number. Returns 0,
 * or -1 when the text is not a JSON object. */
int misp_manifest_parse(const char *body, size_t len, struct misp_manifest_entry **entries,
                        size_t *n);

#endif
