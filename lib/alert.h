/* alert.h - the JSON document an incident alert is sent as (described in README.md,
 * section Alerts). Pure. */
#ifndef ALERT_H
#define ALERT_H

struct incident_alert {
    const char *number;
    const char *title;
    const char *description;
    const char *category;
    const char *severity;
    const char *tlp;
    const char *detected_at; /* ISO 8601 */
    const char *reported_at; /* ISO 8601 */
    const char *organisation;
};

/* The alert as compact JSON (malloc'd; free it), or NULL when a field is NULL or not
 * valid UTF-8, or memory ran out. */
char *alert_format_json(const struct incident_alert *a);

#endif
