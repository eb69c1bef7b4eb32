/* timeline.h - the append-only history of events, incidents and vulnerabilities: who did
 * what when. Rows are only ever added (a trigger refuses UPDATE and DELETE). */
#ifndef TIMELINE_H
#define TIMELINE_H

#include "portal.h"

/* Adds a row in the request's transaction; also writes the audit log. Returns DB_OK or a
 * DB_ error. */
int timeline_add(struct ctx *c, long org_id, const char *entity, long entity_id, const char *action,
                 const char *detail);

/* Columns of a timeline's rows, oldest first. */
enum timeline_column { TLC_AT, TLC_WHO, TLC_ACTION, TLC_DETAIL, TLC__COUNT };

/* The timeline of one entity into *rows (the caller PQclear's it). Returns 0 or -1. */
int timeline_load(struct ctx *c, const char *entity, long entity_id, PGresult **rows);

/* Timeline.N.{At,Who,Action,Detail} from rows read by timeline_load. */
void timeline_rows_to_hdf(struct ctx *c, PGresult *rows);

/* timeline_load, then timeline_rows_to_hdf: for the pages that do not load their timeline
 * with the rest of the page yet (events, vulnerabilities). Returns 0 or -1. */
int timeline_to_hdf(struct ctx *c, const char *entity, long entity_id);

#endif
