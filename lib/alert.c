/* alert.c - builds the incident alert JSON with jansson. */
#include "alert.h"

#include <jansson.h>

char *alert_format_json(const struct incident_alert *a)
{
    json_t *doc = json_pack(
        "{s:s, s:i, s:{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}, s:{s:s}}", "type",
        "incident.alert", "schema_version", 1, "incident", "number", a->number, "title",
        a->title, "description", a->description, "category", a->category, "severity",
        a->severity, "tlp", a->tlp, "detected_at", a->detected_at, "reported_at",
        a->reported_at, "organisation", "name", a->organisation);
    if (!doc)
        return NULL;
    char *s = json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(doc);
    return s;
}
