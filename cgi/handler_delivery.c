/* handler_delivery.c - the deliveries of incident alerts: the list of an organisation's
 * (GET /deliveries, for its coordinators and administrators: those that arose from its
 * incidents and those to its own recipients), and retrying one the forwarder gave up on: a
 * coordinator or administrator of the recipient's organisation puts a 'failed' outbox row
 * back to 'pending', due now, and the forwarders are woken. Its attempts so far stay
 * counted. */
#include "list_filter.h"
#include "pager.h"
#include "portal.h"
#include "view.h"

#include <stdio.h>
#include <string.h>

/* The list's filters, search and sort, in the order of the statement's parameters $4 to
 * $9 (list_filter.h). */
static const char *const delivery_states[] = {"pending", "failing", "delivered", "failed", NULL};
static const char *const delivery_sorts[] = {"date_desc", "date_asc", NULL};
enum delivery_list_param { DLP_STATE, DLP_ORG, DLP_FROM, DLP_TO, DLP_Q, DLP_SORT, DLP__COUNT };
static const struct list_param delivery_list_params[DLP__COUNT] = {
    [DLP_STATE] = {"status", LP_CHOICE, delivery_states},
    [DLP_ORG] = {"org", LP_ID, NULL},
    [DLP_FROM] = {"from", LP_DATE, NULL},
    [DLP_TO] = {"to", LP_DATE, NULL},
    [DLP_Q] = {"q", LP_TEXT, NULL},
    [DLP_SORT] = {"sort", LP_CHOICE, delivery_sorts},
};

/* Columns of the list's statement. */
enum delivery_list_column {
    DL_ID,
    DL_INCIDENT_ID,
    DL_NUMBER,
    DL_TITLE,
    DL_RECIPIENT,
    DL_RECIPIENT_ORG,
    DL_FORMAT,
    DL_STATE,
    DL_ATTEMPTS,
    DL_ERROR,
    DL_NEXT_ATTEMPT,
    DL_LAST_ATTEMPT,
    DL_CREATED,
    DL_MAY_RETRY,
    DL_RECEIPT, /* the receiver's own id of what it received, "" if none */
    DL__SHOWN,
    DL_CURSOR = DL__SHOWN,
};

/* One page of the outbox rows about incidents of the organisations $3 (a bigint[]: those
 * the user coordinates or administers, or the one chosen of them), below the cursor, as
 * filtered; row-level security (outbox_read) keeps it to the user's organisations too. The
 * incident's number and title show where the user may read the incident. */
#define DELIVERY_LIST_SQL(dir, cmp)                                                                \
    "SELECT x.id, coalesce(x.incident_id, 0), coalesce(i.number, ''), coalesce(i.title, ''), "     \
    "  coalesce(r.name, x.address, ''), coalesce(ro.name, ''), coalesce(r.format, x.channel), "    \
    "  x.state, x.attempts, coalesce(x.last_error, ''), "                                          \
    "  to_char(x.next_attempt_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "                      \
    "  coalesce(to_char(x.last_attempt_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), ''), "        \
    "  to_char(x.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "                           \
    "  x.state = 'failed' AND app.has_role(x.recipient_org_id, ARRAY['coordinator', "              \
    "'org_admin']), "                                                                              \
    "  coalesce(x.receipt_id, ''), "                                                               \
    "  " PAGER_CURSOR(                                                                             \
        "x.created_at") " "                                                                        \
                        "FROM outbox x LEFT JOIN incidents i ON i.id = x.incident_id "             \
                        "LEFT JOIN recipients r ON r.id = x.recipient_id "                         \
                        "LEFT JOIN organisations ro ON ro.id = x.recipient_org_id "                \
                        "WHERE x.incident_id IS NOT NULL "                                         \
                        "  AND (x.org_id = ANY ($3::bigint[]) OR x.recipient_org_id = ANY "        \
                        "($3::bigint[])) "                                                         \
                        "  AND " PAGER_BEYOND(                                                     \
                            "x.created_at", "x.id", "$1", "$2",                                    \
                            cmp) " "                                                               \
                                 "  AND ($4::text IS NULL OR x.state = $4) "                       \
                                 "  AND ($5::date IS NULL OR x.created_at >= $5::date::timestamp " \
                                 "AT TIME ZONE 'UTC') "                                            \
                                 "  AND ($6::date IS NULL OR x.created_at < ($6::date + "          \
                                 "1)::timestamp AT TIME ZONE 'UTC') "                              \
                                 "  AND ($7::text IS NULL OR i.title ILIKE $7 OR i.number ILIKE "  \
                                 "$7 OR r.name ILIKE $7 "                                          \
                                 "       OR x.address ILIKE $7) "                                  \
                                 "ORDER BY x.created_at " dir ", x.id " dir " " PAGER_LIMIT

static const char *const delivery_list_sql[] = {
    [SORT_DATE_DESC] = DELIVERY_LIST_SQL("DESC", "<"),
    [SORT_DATE_ASC] = DELIVERY_LIST_SQL("ASC", ">"),
};

/* The organisations whose deliveries the user may list: where they coordinate or
 * administer. */
static int delivery_org(const struct membership *m)
{
    return (m->roles & ROLES_COORDINATORS) != 0;
}

/* The organisations to list ({a,b}), the chosen one only when the filter names one of
 * them; 0, or -1 when it names another. */
static int delivery_orgs(struct ctx *c, const char *chosen, char *out, size_t cap)
{
    size_t len = (size_t)snprintf(out, cap, "{");
    int found = 0;
    for (int i = 0; i < c->sess->n_orgs && len + 24 < cap; i++) {
        const struct membership *m = &c->sess->orgs[i];
        if (!delivery_org(m))
            continue;
        char id[24];
        snprintf(id, sizeof id, "%ld", m->org_id);
        if (chosen && strcmp(chosen, id) != 0)
            continue;
        len += (size_t)snprintf(out + len, cap - len, "%s%s", found ? "," : "", id);
        found = 1;
    }
    snprintf(out + len, cap - len, "}");
    return chosen && !found ? -1 : 0;
}

/* One page of the list of the organisations orgs ({a,b}) as filtered and sorted (planned as
 * LIST_PLAN_SQL says). Returns 200 or 500. */
static int deliveries_load(struct ctx *c, const struct pager *pg, const struct list_filter *f,
                           const char *orgs, PGresult **res)
{
    const char *p[] = {pager_at(pg),
                       pager_id(pg),
                       orgs,
                       list_filter_arg(f, DLP_STATE),
                       list_filter_arg(f, DLP_FROM),
                       list_filter_arg(f, DLP_TO),
                       list_filter_arg(f, DLP_Q)};
    if (db_exec(c->db, NULL, LIST_PLAN_SQL, 0, NULL) != DB_OK ||
        db_exec(c->db, res, delivery_list_sql[list_filter_sort(f, DLP_SORT)], 7, p) != DB_OK)
        return 500;
    return 200;
}

/* Deliveries.N.*, the organisations to filter by (Orgs.N.*) and the choices. */
static void deliveries_to_hdf(struct ctx *c, PGresult *res, const struct pager *pg)
{
    static const char *const names[DL__SHOWN] = {
        [DL_ID] = "Id",
        [DL_INCIDENT_ID] = "IncidentId",
        [DL_NUMBER] = "Number",
        [DL_TITLE] = "Title",
        [DL_RECIPIENT] = "Recipient",
        [DL_RECIPIENT_ORG] = "RecipientOrg",
        [DL_FORMAT] = "Format",
        [DL_STATE] = "State",
        [DL_ATTEMPTS] = "Attempts",
        [DL_ERROR] = "Error",
        [DL_NEXT_ATTEMPT] = "NextAttempt",
        [DL_LAST_ATTEMPT] = "LastAttempt",
        [DL_CREATED] = "Created",
        [DL_MAY_RETRY] = "MayRetry",
        [DL_RECEIPT] = "Receipt",
    };
    portal_rows(c, "Deliveries", res, names, DL__SHOWN);
    pager_links(c, "Deliveries", res, DL_CURSOR, DL_ID, pg);
    int k = 0;
    for (int i = 0; i < c->sess->n_orgs; i++) {
        if (!delivery_org(&c->sess->orgs[i]))
            continue;
        char key[48];
        snprintf(key, sizeof key, "Orgs.%d.Id", k);
        view_set_int(c->req->hdf, key, c->sess->orgs[i].org_id);
        snprintf(key, sizeof key, "Orgs.%d.Name", k++);
        view_set(c->req->hdf, key, c->sess->orgs[i].org_name);
    }
    for (int i = 0; delivery_states[i]; i++) {
        char key[48];
        snprintf(key, sizeof key, "Choices.State.%d", i);
        view_set(c->req->hdf, key, delivery_states[i]);
    }
    for (int i = 0; delivery_sorts[i]; i++) {
        char key[48];
        snprintf(key, sizeof key, "Choices.Sort.%d", i);
        view_set(c->req->hdf, key, delivery_sorts[i]);
    }
}

/* GET /deliveries - 200, or 400 with the list filtered by the good values and a message
 * beside each refused one (a malformed cursor is a plain 400). */
int handle_deliveries(struct ctx *c)
{
    struct list_filter f;
    list_filter_read(c, delivery_list_params, DLP__COUNT, &f);
    struct pager pg;
    int bad = pager_read(c, "before", &pg);
    if (bad)
        return bad;
    char orgs[1024];
    if (delivery_orgs(c, list_filter_arg(&f, DLP_ORG), orgs, sizeof orgs) != 0) {
        list_filter_refuse(c, &f, DLP_ORG, "not_a_choice");
        delivery_orgs(c, NULL, orgs, sizeof orgs);
    }
    PGresult *res;
    if (deliveries_load(c, &pg, &f, orgs, &res) != 200)
        return 500;
    deliveries_to_hdf(c, res, &pg);
    PQclear(res);
    portal_page(c, "incident/deliveries.cs", "deliveries");
    return f.refused ? 400 : 200;
}

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
    const char *back = req_param(c->req, "back");
    if (back && strcmp(back, "list") == 0)
        snprintf(where, sizeof where, "/deliveries?status=failed");
    else if (incident > 0)
        snprintf(where, sizeof where, "/incidents/%ld", incident);
    else
        snprintf(where, sizeof where, "/incidents");
    resp_redirect(c->resp, where);
    return 303;
}
