/* oscal.h - an assessment as a NIST OSCAL 1.0.6 assessment-results document (JSON), for
 * tools that read OSCAL. Pure: the struct of lib/export.h in, JSON text out.
 *
 * How the self-assessment maps onto OSCAL:
 * - metadata: the assessment's title, last change (last-modified and version), and the
 *   respondent organisation as a party;
 * - import-ap: OSCAL wants the assessment plan the results follow. There is no OSCAL plan:
 *   the portal's questionnaire is the plan, so href points ("#uuid") to a back-matter
 *   resource describing it, as OSCAL does for documents it cannot link to;
 * - one result: start = created, end = accepted (or submitted), the scores as props,
 *   reviewed-controls listing every item's code (TR 27103 sub-category such as "ID.AM-1",
 *   Annex B "P1"/"E3", own questions "Q<position>");
 * - one observation per answered item (method INTERVIEW: the organisation's own account;
 *   EXAMINE as well when evidence files are attached), with the level, target and
 *   not-applicable as props in the namespace OSCAL_NS;
 * - one finding per item with a level and a target: satisfied when the level reaches the
 *   target.
 *
 * UUIDs are name-based (version 5, SHA-1, RFC 4122) from URLs under the portal's base URL,
 * so every export of the same assessment gives its parts the same UUIDs, as OSCAL asks
 * ("consistently used to identify the same subject across revisions"). */
#ifndef OSCAL_H
#define OSCAL_H

#include "export.h"

#include <stddef.h>

#define OSCAL_VERSION "1.0.6"
/* The namespace of this portal's props (level, target, scores): not NIST's. */
#define OSCAL_NS "https://cyberportal.example/ns/tr27103"

/* The document as JSON text (malloc'd), or NULL when out of memory or a text is not valid
 * UTF-8. base_url names this installation (e.g. "https://portal.example.org"); UUIDs are
 * derived from it and the assessment's id. */
char *oscal_assessment_results(const struct export_assessment *a, const char *base_url);

/* SHA-1 of data (for name-based UUIDs; not for anything that needs a secure hash). */
void oscal_sha1(const void *data, size_t len, unsigned char out[20]);

/* The RFC 4122 namespace for names that are URLs: 6ba7b811-9dad-11d1-80b4-00c04fd430c8. */
extern const unsigned char oscal_namespace_url[16];

/* The version 5 UUID of name in namespace ns, as 36 lowercase characters and a NUL. */
void oscal_uuid_v5(const unsigned char ns[16], const char *name, char out[37]);

#endif
