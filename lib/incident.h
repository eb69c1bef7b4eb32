/* incident.h - the incident vocabulary: ISO/IEC 27035-2 Annex C severity classes, TLP 2.0
 * levels, and which levels may leave the organisation. Pure. (Categories belong to the
 * classification scale in force, in the database: cgi/categories.h.) */
#ifndef INCIDENT_H
#define INCIDENT_H

/* NULL-terminated lists of codes; their labels and meanings are in templates/lang. */
extern const char *const incident_severities[];
extern const char *const incident_tlp_levels[];

/* 1 when an alert at this TLP level may be forwarded automatically to the parent's
 * recipients: CLEAR, GREEN and AMBER. AMBER+STRICT never leaves the organisation and RED
 * goes only to recipients named by hand, so neither is queued. */
int incident_tlp_forwardable(const char *tlp);

#endif
