/* misp_feed_poll.c - taking in a MISP feed's events (see misp_feed_poll.h). */
#include "misp_feed_poll.h"

#include "feed_fetch.h"
#include "misp_event.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MISP_MAX_BYTES (4L * 1024 * 1024) /* one event file */

/* Records what became of the event file at url: the event row it became, or why not. */
static int document_record(struct misp_feed *f, const char *url, const struct feed_response *r,
                           long event, const char *problems)
{
    char eid[24] = "";
    if (event)
        snprintf(eid, sizeof eid, "%ld", event);
    const char *q[] = {f->feed_id,
                       url,
                       r->etag[0] ? r->etag : NULL,
                       r->last_modified[0] ? r->last_modified : NULL,
                       event ? eid : NULL,
                       problems};
    return db_exec(f->db, NULL,
                   "INSERT INTO advisory_feed_documents (feed_id, url, etag, last_modified, "
                   "  misp_event_id, problems) VALUES ($1::bigint, $2, $3, $4, $5::bigint, "
                   "  $6::jsonb) "
                   "ON CONFLICT (feed_id, url) DO UPDATE SET etag = EXCLUDED.etag, "
                   "  last_modified = EXCLUDED.last_modified, misp_event_id = "
                   "  EXCLUDED.misp_event_id, advisory_id = NULL, problems = EXCLUDED.problems, "
                   "  checked_at = now()",
                   6, q);
}

/* Columns of the stored revision's statement. */
enum { STORED_ID, STORED_NEW };

/* Stores the event read (e, doc) as revision `revision` under the feed's organisation and
 * lets the newest revision of its uuid supersede the others. *id gets its row. Returns 0
 * (stored), 1 (that revision was there already) or -1. */
static int event_store(struct misp_feed *f, const struct misp_event *e, json_t *doc,
                       long long revision, long *id)
{
    char org[24], user[24], rev[24];
    snprintf(org, sizeof org, "%ld", f->org);
    snprintf(user, sizeof user, "%ld", f->user);
    snprintf(rev, sizeof rev, "%lld", revision);
    json_t *cves = json_array();
    for (size_t i = 0; i < e->n_cves; i++)
        json_array_append_new(cves, json_string(e->cves[i]));
    char *cve_text = json_dumps(cves, JSON_COMPACT);
    char *counts = json_dumps(e->counts, JSON_COMPACT);
    char *event = json_dumps(doc, JSON_COMPACT);
    json_decref(cves);
    char level[8], attributes[24];
    snprintf(level, sizeof level, "%d", e->threat_level);
    snprintf(attributes, sizeof attributes, "%ld", e->attributes);
    int rc = -1;
    PGresult *res = NULL;
    if (cve_text && counts && event) {
        const char *q[] = {
            org,   f->feed_id, e->uuid, e->info,  e->publisher, e->date[0] ? e->date : NULL,
            rev,   e->tlp,     level,   cve_text, counts,       attributes,
            event, user};
        if (db_exec(f->db, &res,
                    "WITH n AS (INSERT INTO misp_events (org_id, feed_id, uuid, info, publisher, "
                    "  event_date, event_timestamp, tlp, threat_level, cves, attribute_counts, "
                    "  attributes, event, imported_by) "
                    "  SELECT $1::bigint, $2::bigint, $3::uuid, $4, $5, $6::date, $7::bigint, $8, "
                    "    $9::smallint, ARRAY(SELECT jsonb_array_elements_text($10::jsonb)), "
                    "    $11::jsonb, $12::int, $13::jsonb, $14::bigint "
                    "  ON CONFLICT (org_id, uuid, event_timestamp) DO NOTHING RETURNING id) "
                    "SELECT id, true FROM n UNION ALL "
                    "SELECT id, false FROM misp_events WHERE org_id = $1::bigint "
                    "  AND uuid = $3::uuid AND event_timestamp = $7::bigint",
                    14, q) == DB_OK &&
            PQntuples(res) >= 1) {
            *id = db_long(res, 0, STORED_ID);
            rc = strcmp(db_text(res, 0, STORED_NEW), "t") == 0 ? 0 : 1;
        }
    }
    if (res)
        PQclear(res);
    free(cve_text);
    free(counts);
    free(event);
    if (rc != 0)
        return rc;
    const char *s[] = {org, e->uuid};
    return db_exec(f->db, NULL,
                   "WITH newest AS (SELECT id FROM misp_events WHERE org_id = $1::bigint "
                   "  AND uuid = $2::uuid ORDER BY event_timestamp DESC LIMIT 1) "
                   "UPDATE misp_events m SET superseded_by = newest.id FROM newest "
                   "WHERE m.org_id = $1::bigint AND m.uuid = $2::uuid AND m.id <> newest.id "
                   "  AND m.superseded_by IS DISTINCT FROM newest.id",
                   2, s) == DB_OK
               ? 0
               : -1;
}

/* Columns of the revision and validators' lookup. */
enum { TAKEN_REVISION, TAKEN_ETAG, TAKEN_LAST_MODIFIED };

/* Takes in the event of manifest entry m, found at url, when it is newer than what was
 * taken. Returns 0 or -1 (database error). */
static int event_take(struct misp_feed *f, const struct misp_manifest_entry *m, const char *url)
{
    char org[24];
    snprintf(org, sizeof org, "%ld", f->org);
    const char *q[] = {org, m->uuid, f->feed_id, url};
    PGresult *res;
    if (db_exec(f->db, &res,
                "SELECT (SELECT coalesce(max(event_timestamp), -1) FROM misp_events "
                "          WHERE org_id = $1::bigint AND uuid = $2::uuid), "
                "  (SELECT coalesce(etag, '') FROM advisory_feed_documents "
                "    WHERE feed_id = $3::bigint AND url = $4), "
                "  (SELECT coalesce(last_modified, '') FROM advisory_feed_documents "
                "    WHERE feed_id = $3::bigint AND url = $4)",
                4, q) != DB_OK)
        return -1;
    long long taken = strtoll(db_text(res, 0, TAKEN_REVISION), NULL, 10);
    char etag[256], modified[64];
    snprintf(etag, sizeof etag, "%s", db_text(res, 0, TAKEN_ETAG));
    snprintf(modified, sizeof modified, "%s", db_text(res, 0, TAKEN_LAST_MODIFIED));
    PQclear(res);
    if (m->timestamp <= taken)
        return 0;
    struct feed_response r;
    if (feed_fetch(url, etag, modified, MISP_MAX_BYTES, f->opt, &r) != 0) {
        f->refused++;
        int rc = document_record(f, url, &r, 0, "{\"error\": \"fetch_failed\"}");
        feed_response_free(&r);
        return rc == DB_OK ? 0 : -1;
    }
    if (r.status == 304)
        return 0;
    json_t *doc;
    struct misp_event e;
    enum misp_result read = misp_event_parse(r.body, r.len, m->uuid, &doc, &e);
    int rc;
    if (read != MISP_OK) {
        f->refused++;
        char why[96];
        snprintf(why, sizeof why, "{\"error\": \"%s\"}", misp_result_key(read));
        rc = document_record(f, url, &r, 0, why);
    } else if ((rc = db_exec(f->db, NULL, "SAVEPOINT misp_event", 0, NULL)) == DB_OK) {
        long id = 0;
        int stored = event_store(f, &e, doc, e.timestamp ? e.timestamp : m->timestamp, &id);
        if (stored < 0) {
            rc = db_exec(f->db, NULL, "ROLLBACK TO SAVEPOINT misp_event", 0, NULL);
            f->refused++;
            if (rc == DB_OK)
                rc = document_record(f, url, &r, 0, "{\"error\": \"misp_not_stored\"}");
        } else {
            f->imported += stored == 0;
            rc = document_record(f, url, &r, id, NULL);
        }
    }
    if (read == MISP_OK) {
        misp_event_free(&e);
        json_decref(doc);
    }
    feed_response_free(&r);
    return rc == DB_OK ? 0 : -1;
}

int misp_feed_take(struct misp_feed *f, const char *body, size_t len, char *error, size_t size)
{
    struct misp_manifest_entry *m;
    size_t n;
    if (misp_manifest_parse(body, len, &m, &n) != 0) {
        snprintf(error, size, "misp_no_manifest");
        return -1;
    }
    /* the events lie beside the manifest */
    const char *slash = strrchr(f->manifest_url, '/');
    size_t dir = slash ? (size_t)(slash - f->manifest_url) + 1 : strlen(f->manifest_url);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        char *url = malloc(dir + sizeof m[i].uuid + 8);
        if (!url) {
            rc = -2;
            break;
        }
        sprintf(url, "%.*s%s.json", (int)dir, f->manifest_url, m[i].uuid);
        if (event_take(f, &m[i], url) != 0)
            rc = -2;
        free(url);
    }
    free(m);
    return rc;
}
