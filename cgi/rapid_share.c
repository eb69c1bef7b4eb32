/* rapid_share.c - a rapid advisory campaign's aggregate, anonymised statistics shared onward
 * (rapid.h, schema/049): the counts of the board as a STIX 2.1 report
 * (share_format_stix_stats) to one of the asking organisation's STIX recipients under the
 * chosen TLP, queued in the outbox in the same transaction and delivered by the forwarder
 * like any alert. No organisation asked is named. */
#include "rapid.h"
#include "share_format.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Columns of the statement that gives the share its key and time. */
enum share_key_column { SKC_KEY, SKC_NOW };
/* Column of the new share's id. */
enum { NEW_SHARE_ID_COLUMN };

int rapid_share_store(struct ctx *c, long campaign, long org, const char *recipient,
                      struct share_stats *st)
{
    PGresult *res;
    if (db_exec(c->db, &res,
                "SELECT gen_random_uuid()::text, "
                "  to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')",
                0, NULL) != DB_OK)
        return 500;
    char key[48], now[40];
    snprintf(key, sizeof key, "%s", db_text(res, 0, SKC_KEY));
    snprintf(now, sizeof now, "%s", db_text(res, 0, SKC_NOW));
    PQclear(res);
    st->share_key = key;
    st->created_at = now;
    char *payload = share_format_stix_stats(st);
    if (!payload)
        return 500;
    char cid[24], oid[24], uid[24];
    snprintf(cid, sizeof cid, "%ld", campaign);
    snprintf(oid, sizeof oid, "%ld", org);
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    const char *p[] = {cid, recipient, st->tlp, uid};
    int rc = db_exec(c->db, &res,
                     "INSERT INTO rapid_shares (campaign_id, recipient_id, tlp, shared_by) "
                     "VALUES ($1, $2, $3, $4) RETURNING id",
                     4, p);
    if (rc != DB_OK) {
        free(payload);
        /* a recipient or TLP the trigger refuses (a crafted form) */
        return strcmp(c->db->sqlstate, "23514") == 0 ? 422 : 500;
    }
    char sid[24];
    snprintf(sid, sizeof sid, "%s", db_text(res, 0, NEW_SHARE_ID_COLUMN));
    PQclear(res);
    const char *q[] = {oid, recipient, key, payload, sid};
    rc = db_exec(c->db, NULL,
                 "INSERT INTO outbox (org_id, channel, recipient_id, recipient_org_id, kind, "
                 "  idempotency_key, payload, rapid_share_id) "
                 "VALUES ($1, 'http', $2, $1, 'rapid.stats', $3::uuid, $4::jsonb, $5)",
                 5, q);
    free(payload);
    if (rc != DB_OK || db_exec(c->db, NULL, "SELECT pg_notify('outbox', '')", 0, NULL) != DB_OK)
        return 500;
    return db_audit(c->db, c->sess->user_id, org, "share_rapid_statistics", "rapid_campaign",
                    campaign, NULL) == DB_OK
               ? 0
               : 500;
}
