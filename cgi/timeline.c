/* timeline.c - writes and shows the timeline of a report; see timeline.h. */
#include "timeline.h"

#include "view.h"

#include <stdio.h>
#include <string.h>

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

/* A classification's entry, written by the classify handler as "CATEGORY; IMPORTANCE x
 * IMPACT -> DERIVED" (then "; overridden: SEVERITY" when a coordinator chose another
 * severity), as Timeline.N.Classified.{Category,Importance,Impact,Derived,Severity}, codes
 * the template names with their labels. An entry of another shape keeps its Detail only. */
static void classified_to_hdf(HDF *row, const char *detail)
{
    char category[64], importance[32], impact[32], derived[32], severity[32] = "";
    if (sscanf(detail, "%63[^;]; %31s x %31s -> %31[^;]; overridden: %31s", category, importance,
               impact, derived, severity) < 4)
        return;
    view_set(row, "Classified.Category", category);
    view_set(row, "Classified.Importance", importance);
    view_set(row, "Classified.Impact", impact);
    view_set(row, "Classified.Derived", derived);
    view_set(row, "Classified.Severity", severity);
}

void timeline_rows_to_hdf(struct ctx *c, PGresult *rows)
{
    static const char *const names[TLC__COUNT] = {
        [TLC_AT] = "At", [TLC_WHO] = "Who", [TLC_ACTION] = "Action", [TLC_DETAIL] = "Detail"};
    portal_rows(c, "Timeline", rows, names, TLC__COUNT);
    for (int i = 0; i < PQntuples(rows); i++) {
        char key[32];
        snprintf(key, sizeof key, "Timeline.%d", i);
        HDF *row;
        if (strcmp(db_text(rows, i, TLC_ACTION), "classified") == 0 &&
            hdf_get_node(c->req->hdf, key, &row) == STATUS_OK)
            classified_to_hdf(row, db_text(rows, i, TLC_DETAIL));
    }
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
