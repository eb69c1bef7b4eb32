/* share_format.h - the formats one shared incident (struct share_incident, share.h) leaves
 * the portal in: a signed JSON webhook, a STIX 2.1 bundle, a MISP event and a plain-text
 * e-mail. Pure: each function takes the struct and returns malloc'd NUL-terminated text
 * (free it), or NULL when the input is bad: a required field NULL or empty, a text not
 * valid UTF-8, an unknown TLP code, or a timestamp not of the form
 * YYYY-MM-DDTHH:MM:SS[.fff]Z. Required: number, title, category, category_label,
 * severity, tlp, nature, detected_at, reported_at, share_key, created_at, and
 * organisation_key when organisation is set. The optional texts (description,
 * occurred_at, assets, impact, actions) and organisation count as left out when NULL or
 * empty; organisation left out means anonymised.
 *
 * Webhook, schema_version 2 (compact JSON, keys sorted, left-out fields absent, not null):
 *
 *   {"type": "incident", "schema_version": 2,
 *    "id": share_key,                      the outbox idempotency key, same on re-sends
 *    "incident": {"number": "INC-000042", "title": "...", "description": "...",
 *                 "category": "technical_attack", "category_label": "Technical attack",
 *                 "severity": "emergency|critical|warning|information",
 *                 "tlp": "clear|green|amber|amber_strict|red",
 *                 "nature": "actual|attempted|suspected",
 *                 "occurred_at": "...", "detected_at": "...", "reported_at": "...",
 *                 "assets": "...", "impact": "...", "actions": "..."},
 *    "organisation": {"name": "..."},      null when anonymised
 *    "shared_at": created_at}              ISO 8601 UTC, as given
 *
 * The forwarder POSTs these exact bytes with the headers
 *   X-Signature-SHA256: sha256=<share_sign_hmac(body, the recipient's secret)>
 *   Idempotency-Key: <share_key>
 * The receiver recomputes the HMAC over the raw body before parsing it and compares in
 * constant time. No timestamp is signed: replays are deduplicated on the idempotency key.
 *
 * STIX 2.1 bundle: {"type":"bundle","id":"bundle--U","objects":[identity, incident,
 * marking-definition]}. The identity (identity_class "organization") is the reporting
 * organisation, its id derived from organisation_key so it is the same in every share; when
 * anonymised it is named "Anonymous" and its id is derived from share_key, so two
 * anonymised shares cannot be linked. Both SDOs have created = modified = created_at to
 * the millisecond ("2026-01-15T10:00:00.000Z") and object_marking_refs = [the TLP
 * marking]. The incident SDO carries name (title), description, created_by_ref (the
 * identity) and the custom properties x_number, x_category, x_category_label, x_severity,
 * x_nature, x_occurred_at, x_detected_at, x_reported_at, x_assets, x_impact, x_actions
 * (the schema forbids a top-level "severity"). The marking is the OASIS TLP 2.0
 * marking-definition, as published in oasis-open/cti-stix-common-objects
 * (extension-definition--60a3c5c5-...). Every id is deterministic: the first 16 bytes of
 * SHA-256("share-format/v1", role, key) with the RFC 4122 version 4 and variant bits set,
 * so a re-sent share has the same ids. An update (object_key set: the first share's key)
 * keeps the identity and incident ids and their created time (first_created_at) and has
 * modified = created_at; its bundle id is new.
 *
 * MISP (body of POST /events): {"Event": {"uuid", "info": "<number>: <title>",
 * "threat_level_id", "analysis": "1" (ongoing: a share is sent while the incident is being
 * handled), "distribution", "date": detected_at's date, "Tag": [{"name": "tlp:..."}],
 * "Attribute": [text attributes: description, assets, impact, actions, reporting
 * organisation, each when present]}}.
 *   threat_level_id: emergency, critical -> "1" High; warning -> "2" Medium;
 *                    information -> "3" Low; any other severity -> "4" Undefined.
 *   distribution:    clear -> "3" all communities; green -> "2" connected communities;
 *                    amber -> "1" this community only; amber_strict, red -> "0" your
 *                    organisation only.
 *   Tag:             tlp:clear, tlp:green, tlp:amber, tlp:amber+strict, tlp:red (the MISP
 *                    TLP taxonomy).
 * The event uuid is derived from share_key (object_key for an update: the same event), so
 * MISP refuses a re-sent share as a duplicate.
 */
#ifndef SHARE_FORMAT_H
#define SHARE_FORMAT_H

#include "share.h"

#include <stddef.h>

/* The webhook JSON described above. */
char *share_format_webhook(const struct share_incident *in);

/* HMAC-SHA256 of body[0..len) under key[0..key_len) (any length), as 64 lowercase hex
 * digits and a NUL in out. */
void share_sign_hmac(const char *body, size_t len, const unsigned char *key, size_t key_len,
                     char out[65]);

/* The STIX 2.1 bundle described above (compact JSON, keys sorted). */
char *share_format_stix(const struct share_incident *in);

/* The MISP event described above (compact JSON, keys sorted). */
char *share_format_misp(const struct share_incident *in);

/* The outbox payload of the alert mail to `to` (mail_payload, mail.h): subject
 * "[TLP:AMBER] INC-000042 Critical: <title>", and a plain-text body listing the fields
 * between two TLP lines ("TLP:AMBER — share on a need-to-know basis ..."). NULL also when
 * to is NULL, empty, not valid UTF-8 or holds a line break. */
char *share_format_email(const struct share_incident *in, const char *to);

/* Aggregate, anonymised statistics of a rapid advisory campaign (cgi/rapid_share.c): how
 * many organisations were asked about one CVE and how they answered, with no organisation
 * named but the sender. Required: cve, title, tlp, organisation, organisation_key,
 * share_key, created_at (as for an incident). */
struct share_stats {
    const char *cve, *title, *tlp;
    const char *organisation, *organisation_key; /* the sender */
    const char *share_key, *created_at;
    long asked, affected, not_affected, investigating, unanswered, mitigated;
};

/* The statistics as a STIX 2.1 bundle (compact JSON, keys sorted): the sender's identity,
 * a vulnerability (name the CVE, external reference source "cve"), a report
 * (report_types ["vulnerability"], name the title, published = created = modified =
 * created_at, object_refs the vulnerability, created_by_ref the identity) carrying the
 * counts as custom properties x_asked, x_affected, x_not_affected, x_investigating,
 * x_unanswered and x_mitigated (affected with mitigations applied), and the TLP marking.
 * Ids are derived as for incidents, from share_key (the identity's from
 * organisation_key). NULL when the input is bad. */
char *share_format_stix_stats(const struct share_stats *st);

/* The id of the OASIS TLP 2.0 marking-definition of a TLP code (clear, green, amber,
 * amber_strict, red), or NULL for anything else. */
const char *share_tlp_stix_marking_id(const char *tlp);

/* The TLP 2.0 name of a TLP code ("TLP:AMBER+STRICT"), or NULL for anything else. */
const char *share_tlp_name(const char *tlp);

#endif
