/* timeline.h - the append-only history of events, incidents and vulnerabilities: who did
 * what when. Rows are only ever added (a trigger refuses UPDATE and DELETE). */
#ifndef TIMELINE_H
#define TIMELINE_H

#include "portal.h"

/* Adds a row in the request's transaction; also writes the audit log. Returns DB_OK or a
 * DB_ error. */
int timeline_add(struct ctx *c, long org_id, const char *entity, long entity_id, const char *action,
                 const char *detail);

/* Timeline.N.{At,Who,Action,Detail} of one entity. Returns 0 or -1. */
int timeline_to_hdf(struct ctx *c, const char *entity, long entity_id);

#endif
