/* share_view.h - building what an incident share sends, shared by the share page and the
 * sharing rules that release incidents by themselves. */
#ifndef SHARE_VIEW_H
#define SHARE_VIEW_H

#include "portal.h"
#include "share.h"

/* The incident as it may be shared (one row). Returns 0, 1 when hidden, -1 on error. */
int share_incident_load(struct ctx *c, long incident, PGresult **out);
/* Fills in from that row, leaving out the omitted parts (NULL-terminated list of
 * description, assets, impact, actions) and, when anonymise, the organisation. */
void share_incident_fill(PGresult *row, const char *const *omitted, int anonymise, const char *key,
                         const char *now, struct share_incident *in);
/* The payload in a recipient's format (webhook, stix, misp, email); malloc'd or NULL. */
char *share_payload(const struct share_incident *in, const char *format, const char *endpoint);
/* A random UUID (version 4) and the current time as ISO 8601 UTC. */
void share_new_key(char out[37]);
void share_now(char out[32]);
/* Releases the shares the sharing rules call for. Returns 0 or -1. */
int share_apply_rules(struct ctx *c, long incident);

#endif
