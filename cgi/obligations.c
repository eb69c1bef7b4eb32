/* obligations.c - the regulatory clocks of one incident as the incident page shows them:
 * the regimes it is flagged under, each report owed with its due time, countdown and
 * state, and whether the signed-in user may flag it and record what was sent (the
 * coordinators and administrators of the incident's organisation or of its parent). */
#include "deadline.h"
#include "obligations.h"
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Column of the parents' statement. */
enum { PARENT_ID_COLUMN };

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
        may = session_org(c->sess, db_long(res, i, PARENT_ID_COLUMN), ROLES_COORDINATORS) != NULL;
    PQclear(res);
    return may;
}

void obligation_clock_to_hdf(HDF *node, long long now, int has_due, long long due, int sent)
{
    enum deadline_state st = deadline_state(now, has_due, due, sent);
    view_set(node, "State", deadline_state_code(st));
    if (has_due && !sent) {
        struct deadline_span span;
        deadline_span(now, due, &span);
        view_set_int(node, "Countdown.Overdue", span.overdue);
        view_set(node, "Countdown.Unit", deadline_unit_code(span.unit));
        view_set_int(node, "Countdown.Big", span.big);
        view_set_int(node, "Countdown.Small", span.small);
    }
}

/* Columns of the incident's flags. */
enum flags_column { FLC_ORG_ID, FLC_NIS2, FLC_GDPR, FLC_AWARENESS_AT, FLC_AWARENESS_INPUT };

int obligations_load(struct ctx *c, long incident_id, struct incident_obligations *o)
{
    memset(o, 0, sizeof *o);
    o->incident_id = incident_id;
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
        return 500;
    if (PQntuples(res) != 1) {
        PQclear(res);
        return 200;
    }
    o->found = 1;
    long org_id = db_long(res, 0, FLC_ORG_ID);
    o->nis2 = db_text(res, 0, FLC_NIS2)[0] == 't';
    o->gdpr = db_text(res, 0, FLC_GDPR)[0] == 't';
    snprintf(o->awareness_at, sizeof o->awareness_at, "%s", db_text(res, 0, FLC_AWARENESS_AT));
    snprintf(o->awareness_input, sizeof o->awareness_input, "%s",
             db_text(res, 0, FLC_AWARENESS_INPUT));
    PQclear(res);
    o->may_manage = obligation_may_manage(c, org_id);
    if (o->may_manage < 0)
        return 500;

    if (db_exec(c->db, &o->items,
                "SELECT id, regime, report, due_at IS NOT NULL, "
                "  floor(extract(epoch FROM due_at))::bigint, "
                "  to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "
                "  sent_at IS NOT NULL, "
                "  to_char(sent_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), sent_to "
                "FROM notification_obligations WHERE incident_id = $1 "
                "ORDER BY regime DESC, array_position(ARRAY['early_warning', 'notification', "
                "  'intermediate', 'final', 'breach_notification'], report)",
                1, p) != DB_OK)
        return 500;
    return 200;
}

void obligations_free(struct incident_obligations *o)
{
    if (o->items)
        PQclear(o->items);
    o->items = NULL;
}

/* Obligations.Items.N.* */
static void obligation_items_to_hdf(HDF *hdf, PGresult *res)
{
    long long now = (long long)time(NULL);
    for (int i = 0; i < PQntuples(res); i++) {
        char key[48];
        snprintf(key, sizeof key, "Obligations.Items.%d", i);
        HDF *item;
        if (hdf_get_node(hdf, key, &item) != STATUS_OK)
            continue;
        view_set(item, "Id", db_text(res, i, OIC_ID));
        view_set(item, "Regime", db_text(res, i, OIC_REGIME));
        view_set(item, "Report", db_text(res, i, OIC_REPORT));
        view_set(item, "DueAt", db_text(res, i, OIC_DUE_AT));
        view_set(item, "SentAt", db_text(res, i, OIC_SENT_AT));
        view_set(item, "SentTo", db_text(res, i, OIC_SENT_TO));
        obligation_clock_to_hdf(item, now, db_text(res, i, OIC_HAS_DUE)[0] == 't',
                                strtoll(db_text(res, i, OIC_DUE_EPOCH), NULL, 10),
                                db_text(res, i, OIC_SENT)[0] == 't');
    }
}

void obligations_to_hdf(struct ctx *c, const struct incident_obligations *o)
{
    HDF *hdf = c->req->hdf;
    if (!o->found)
        return;
    view_set_int(hdf, "Obligations.IncidentId", o->incident_id);
    if (o->nis2)
        view_set(hdf, "Obligations.Nis2", "1");
    if (o->gdpr)
        view_set(hdf, "Obligations.Gdpr", "1");
    view_set(hdf, "Obligations.AwarenessAt", o->awareness_at);
    view_set(hdf, "Obligations.AwarenessInput", o->awareness_input);
    if (o->may_manage)
        view_set(hdf, "Obligations.MayManage", "1");
    if (o->items)
        obligation_items_to_hdf(hdf, o->items);
}
