/* share.h - one incident as it leaves the portal, after the coordinator's choices (fields
 * left out, organisation anonymised), and the formats receivers read: a JSON webhook
 * (signed with HMAC-SHA256), a STIX 2.1 bundle, a MISP event and a plain-text e-mail.
 * Every format is built from the same struct by a pure function. */
#ifndef SHARE_H
#define SHARE_H

#include <stddef.h>

struct share_incident {
    const char *number; /* "INC-000042" */
    const char *title;
    const char *description;    /* NULL when left out */
    const char *category;       /* scale code, e.g. "technical_attack" */
    const char *category_label; /* "Technical attack" */
    const char *severity;       /* emergency | critical | warning | information */
    const char *tlp;            /* clear | green | amber | amber_strict | red */
    const char *nature;         /* actual | attempted | suspected */
    const char *occurred_at;    /* ISO 8601 UTC "2026-01-15T08:30:00Z", NULL if unknown */
    const char *detected_at;
    const char *reported_at;
    const char *organisation;     /* NULL when anonymised */
    const char *organisation_key; /* stable, unique per organisation (e.g. its id), for ids */
    const char *assets;           /* NULL when left out */
    const char *impact;           /* NULL when left out */
    const char *actions;          /* NULL when left out */
    const char *share_key;        /* the outbox idempotency key (a UUID) */
    const char *created_at;       /* when the share was approved, ISO 8601 UTC */
    /* An update of what a recipient already received: the first share's key, from which
     * the STIX and MISP object ids derive, and the first share's created time (its STIX
     * created; created_at becomes modified). Both NULL for a first share. */
    const char *object_key;
    const char *first_created_at;
};

#endif
