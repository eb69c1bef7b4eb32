/* timeline.c - writes and shows the timeline of a report; see timeline.h. */
#include "timeline.h"

#include "view.h"

#include <stdio.h>

int timeline_add(struct ctx *c, long org_id, const char *entity, long entity_id, const char *action,
                 const char *detail)
{
    char oid[24], eid[24], uid[24];
    snprintf(oid, sizeof oid, "%ld", org_id);
    snprintf(eid, sizeof eid, "%ld", entity_id);
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    const char *p[] = {oid, entity, eid, uid, action, detail ? detail : "", c->sess->display_name};
    int rc = db_exec(c->db, NULL,
                     "INSERT INTO timeline (org_id, entity, entity_id, user_id, action, detail, "
                     "  who) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                     7, p);
    if (rc == DB_OK)
        rc = db_audit(c->db, c->sess->user_id, org_id, action, entity, entity_id, NULL);
    return rc;
}

int timeline_load(struct ctx *c, const char *entity, long entity_id, PGresult **rows)
{
    char eid[24];
    snprintf(eid, sizeof eid, "%ld", entity_id);
    const char *p[] = {entity, eid};
    if (db_exec(c->db, rows,
                "SELECT to_char(t.at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'), "
                "  t.who, t.action, t.detail FROM timeline t "
                "WHERE t.entity = $1 AND t.entity_id = $2 ORDER BY t.at, t.id",
                2, p) != DB_OK)
        return -1;
    return 0;
}

void timeline_rows_to_hdf(struct ctx *c, PGresult *rows)
{
    static const char *const names[TLC__COUNT] = {
        [TLC_AT] = "At", [TLC_WHO] = "Who", [TLC_ACTION] = "Action", [TLC_DETAIL] = "Detail"};
    portal_rows(c, "Timeline", rows, names, TLC__COUNT);
}

int timeline_to_hdf(struct ctx *c, const char *entity, long entity_id)
{
    PGresult *rows;
    if (timeline_load(c, entity, entity_id, &rows) != 0)
        return -1;
    timeline_rows_to_hdf(c, rows);
    PQclear(rows);
    return 0;
}
