/* handler_delivery.c - deliveries the forwarder gave up on: a coordinator or administrator
 * of the recipient's organisation puts a 'failed' outbox row back to 'pending', due now,
 * and the forwarders are woken. Its attempts so far stay counted. */
#include "portal.h"

#include <stdio.h>

/* Columns of the retry's RETURNING list. */
enum retried_column { RETRIED_INCIDENT, RETRIED_ORG };

/* POST /deliveries/:id/retry - 303 back to the incident (or the incident list), 404 when
 * there is no such failed delivery this user may retry (policy outbox_retry). */
int handle_delivery_retry(struct ctx *c)
{
    char id[24];
    snprintf(id, sizeof id, "%ld", c->id);
    const char *p[] = {id};
    PGresult *res;
    if (db_exec(c->db, &res,
                "UPDATE outbox SET state = 'pending', next_attempt_at = now(), failed_at = NULL "
                " WHERE id = $1 AND state = 'failed' "
                "   AND app.has_role(recipient_org_id, ARRAY['coordinator', 'org_admin']) "
                "RETURNING coalesce(incident_id, 0), recipient_org_id",
                1, p) != DB_OK)
        return 500;
    if (PQntuples(res) != 1) {
        PQclear(res);
        return 404;
    }
    long incident = db_long(res, 0, RETRIED_INCIDENT);
    c->org_id = db_long(res, 0, RETRIED_ORG);
    PQclear(res);
    if (db_exec(c->db, NULL, "SELECT pg_notify('outbox', '')", 0, NULL) != DB_OK ||
        db_audit(c->db, c->sess->user_id, c->org_id, "retry", "delivery", c->id, NULL) != DB_OK)
        return 500;
    char where[48];
    if (incident > 0)
        snprintf(where, sizeof where, "/incidents/%ld", incident);
    else
        snprintf(where, sizeof where, "/incidents");
    resp_redirect(c->resp, where);
    return 303;
}
