/* obligations.c - the regulatory clocks of one incident as the incident page shows them:
 * the regimes it is flagged under, each report owed with its due time, countdown and
 * state, and whether the signed-in user may flag it and record what was sent (the
 * coordinators and administrators of the incident's organisation or of its parent). */
#include "deadline.h"
#include "obligations.h"
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int obligation_may_manage(struct ctx *c, long org_id)
{
    if (session_org(c->sess, org_id, ROLES_COORDINATORS))
        return 1;
    char oid[24];
    snprintf(oid, sizeof oid, "%ld", org_id);
    const char *p[] = {oid};
    PGresult *res;
    if (db_exec(c->db, &res,
                "SELECT parent_id FROM org_relations WHERE child_id = $1 "
                "AND kind = 'group_company'",
                1, p) != DB_OK)
        return -1;
    int may = 0;
    for (int i = 0; i < PQntuples(res) && !may; i++)
        may = session_org(c->sess, db_long(res, i, 0), ROLES_COORDINATORS) != NULL;
    PQclear(res);
    return may;
}

void obligation_clock_to_hdf(HDF *node, long long now, int has_due, long long due, int sent)
{
    enum deadline_state st = deadline_state(now, has_due, due, sent);
    view_set(node, "State", deadline_state_code(st));
    if (has_due && !sent) {
        char text[64];
        view_set(node, "Countdown", deadline_countdown(now, due, text, sizeof text));
    }
}

int obligations_to_hdf(struct ctx *c, long incident_id)
{
    HDF *hdf = c->req->hdf;
    char id[24];
    snprintf(id, sizeof id, "%ld", incident_id);
    const char *p[] = {id};
    PGresult *res;
    if (db_exec(c->db, &res,
                "SELECT org_id, reportable_nis2, reportable_gdpr, "
                "  to_char(awareness_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "
                "  to_char(coalesce(awareness_at, detected_at) AT TIME ZONE 'UTC', "
                "          'YYYY-MM-DD\"T\"HH24:MI') "
                "FROM incidents WHERE id = $1",
                1, p) != DB_OK)
        return -1;
    if (PQntuples(res) != 1) {
        PQclear(res);
        return 0;
    }
    long org_id = db_long(res, 0, 0);
    view_set_int(hdf, "Obligations.IncidentId", incident_id);
    if (db_text(res, 0, 1)[0] == 't')
        view_set(hdf, "Obligations.Nis2", "1");
    if (db_text(res, 0, 2)[0] == 't')
        view_set(hdf, "Obligations.Gdpr", "1");
    view_set(hdf, "Obligations.AwarenessAt", db_text(res, 0, 3));
    view_set(hdf, "Obligations.AwarenessInput", db_text(res, 0, 4));
    PQclear(res);
    int may = obligation_may_manage(c, org_id);
    if (may < 0)
        return -1;
    if (may)
        view_set(hdf, "Obligations.MayManage", "1");

    if (db_exec(c->db, &res,
                "SELECT id, regime, report, due_at IS NOT NULL, "
                "  floor(extract(epoch FROM due_at))::bigint, "
                "  to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "
                "  sent_at IS NOT NULL, "
                "  to_char(sent_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), sent_to "
                "FROM notification_obligations WHERE incident_id = $1 "
                "ORDER BY regime DESC, array_position(ARRAY['early_warning', 'notification', "
                "  'intermediate', 'final', 'breach_notification'], report)",
                1, p) != DB_OK)
        return -1;
    long long now = (long long)time(NULL);
    for (int i = 0; i < PQntuples(res); i++) {
        char key[48];
        snprintf(key, sizeof key, "Obligations.Items.%d", i);
        HDF *item;
        if (hdf_get_node(hdf, key, &item) != STATUS_OK)
            continue;
        view_set(item, "Id", db_text(res, i, 0));
        view_set(item, "Regime", db_text(res, i, 1));
        view_set(item, "Report", db_text(res, i, 2));
        view_set(item, "DueAt", db_text(res, i, 5));
        view_set(item, "SentAt", db_text(res, i, 7));
        view_set(item, "SentTo", db_text(res, i, 8));
        obligation_clock_to_hdf(item, now, db_text(res, i, 3)[0] == 't',
                                strtoll(db_text(res, i, 4), NULL, 10),
                                db_text(res, i, 6)[0] == 't');
    }
    PQclear(res);
    return 0;
}
