/* feed_poll.c - polling the due advisory feeds (see feed_poll.h). */
#include "feed_poll.h"

#include "advisory_intake.h"
#include "csaf.h"
#include "feed_fetch.h"
#include "misp_feed_poll.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FEED_MAX_BYTES (4L * 1024 * 1024) /* one document, index or feed */
#define FEED_MAX_DOCUMENTS 500            /* taken from one feed in one poll */
#define FEED_PROBLEMS 20                  /* the schema's reasons kept for a refused one */

/* What one poll of one feed found. */
struct poll {
    struct db *db;
    const struct delivery_options *opt;
    struct json_schema_set *schema;
    char feed_id[24];
    long org, user;
    int imported, refused;
};

/* Columns of a feed's document row. */
enum { FDR_ETAG, FDR_LAST_MODIFIED };

/* Records what became of the document at url (advisory id, or the reasons as JSON). */
static int document_record(struct poll *p, const char *url, const struct feed_response *r,
                           long advisory, const char *problems)
{
    char aid[24] = "";
    if (advisory)
        snprintf(aid, sizeof aid, "%ld", advisory);
    const char *q[] = {p->feed_id,
                       url,
                       r->etag[0] ? r->etag : NULL,
                       r->last_modified[0] ? r->last_modified : NULL,
                       advisory ? aid : NULL,
                       problems};
    return db_exec(p->db, NULL,
                   "INSERT INTO advisory_feed_documents (feed_id, url, etag, last_modified, "
                   "  advisory_id, problems) VALUES ($1::bigint, $2, $3, $4, $5::bigint, "
                   "  $6::jsonb) "
                   "ON CONFLICT (feed_id, url) DO UPDATE SET etag = EXCLUDED.etag, "
                   "  last_modified = EXCLUDED.last_modified, advisory_id = "
                   "  EXCLUDED.advisory_id, problems = EXCLUDED.problems, checked_at = now()",
                   6, q);
}

/* The schema's reasons as the feed page reads them: [{"path", "keyword", "param"}]. */
static char *problems_json(const struct json_schema_error *e, size_t n)
{
    json_t *all = json_array();
    for (size_t i = 0; all && i < n && i < FEED_PROBLEMS; i++)
        json_array_append_new(all, json_pack("{s:s, s:s, s:s}", "path", e[i].path, "keyword",
                                             e[i].keyword, "param", e[i].param));
    char *text = all ? json_dumps(all, JSON_COMPACT) : NULL;
    json_decref(all);
    return text;
}

/* Fetches the advisory at url (conditionally, with what the last poll kept), checks it
 * and stores it; a refused one is recorded with its reasons. Inside a savepoint, so a
 * failure leaves nothing half-stored. Returns 0 or -1 (database error). */
static int document_take(struct poll *p, const char *url)
{
    const char *q[] = {p->feed_id, url};
    PGresult *res;
    if (db_exec(p->db, &res,
                "SELECT coalesce(etag, ''), coalesce(last_modified, '') "
                "FROM advisory_feed_documents WHERE feed_id = $1::bigint AND url = $2 "
                "AND advisory_id IS NOT NULL",
                2, q) != DB_OK)
        return -1;
    char etag[256] = "", modified[64] = "";
    if (PQntuples(res) == 1) {
        snprintf(etag, sizeof etag, "%s", db_text(res, 0, FDR_ETAG));
        snprintf(modified, sizeof modified, "%s", db_text(res, 0, FDR_LAST_MODIFIED));
    }
    PQclear(res);
    struct feed_response r;
    if (feed_fetch(url, etag, modified, FEED_MAX_BYTES, p->opt, &r) != 0) {
        p->refused++;
        int rc = document_record(p, url, &r, 0, "{\"error\": \"fetch_failed\"}");
        feed_response_free(&r);
        return rc == DB_OK ? 0 : -1;
    }
    if (r.status == 304)
        return 0;
    json_t *doc;
    struct csaf_header h;
    struct json_schema_error e[FEED_PROBLEMS];
    size_t n;
    int line;
    enum advisory_check_result c =
        advisory_check(p->schema, r.body, r.len, &doc, &h, e, FEED_PROBLEMS, &n, &line);
    int rc = DB_OK;
    if (c != ADVISORY_OK) {
        p->refused++;
        char *why = c == ADVISORY_CSAF_INVALID
                        ? problems_json(e, n)
                        : strdup(c == ADVISORY_JSON_UNREADABLE ? "{\"error\": \"json_unreadable\"}"
                                                               : "{\"error\": \"csaf_too_long\"}");
        rc = why ? document_record(p, url, &r, 0, why) : DB_ERROR;
        free(why);
    } else {
        long id = 0;
        if (db_exec(p->db, NULL, "SAVEPOINT feed_document", 0, NULL) != DB_OK) {
            rc = DB_ERROR;
        } else {
            int stored = advisory_store(p->db, p->org, p->user, doc, &h, &id);
            if (stored < 0) {
                rc = db_exec(p->db, NULL, "ROLLBACK TO SAVEPOINT feed_document", 0, NULL);
                p->refused++;
                if (rc == DB_OK)
                    rc = document_record(p, url, &r, 0, "{\"error\": \"fetch_failed\"}");
            } else {
                if (stored == 0)
                    p->imported++;
                rc = document_record(p, url, &r, id, NULL);
            }
        }
        json_decref(doc);
    }
    feed_response_free(&r);
    return rc == DB_OK ? 0 : -1;
}

/* base's directory joined with rel (rel may be absolute). malloc'd. */
static char *url_join(const char *base, const char *rel)
{
    if (strncmp(rel, "https://", 8) == 0 || strncmp(rel, "http://", 7) == 0)
        return strdup(rel);
    size_t bl = strlen(base);
    while (bl && base[bl - 1] == '/')
        bl--;
    char *u = malloc(bl + strlen(rel) + 2);
    if (u)
        sprintf(u, "%.*s/%s", (int)bl, base, rel);
    return u;
}

/* rel resolved beside the document at file_url (in its directory), as a ROLIE feed's
 * relative links are. malloc'd. */
static char *url_beside(const char *file_url, const char *rel)
{
    const char *slash = strrchr(file_url, '/');
    const char *host = strstr(file_url, "://");
    size_t n = slash && host && slash > host + 2 ? (size_t)(slash - file_url) : strlen(file_url);
    char *dir = strndup(file_url, n);
    char *u = dir ? url_join(dir, rel) : NULL;
    free(dir);
    return u;
}

/* Takes in every advisory a directory's index.txt names. Returns 0, or -1 with *error. */
static int directory_take(struct poll *p, const char *dir, char *error, size_t size)
{
    char *index = url_join(dir, "index.txt");
    if (!index) {
        snprintf(error, size, "out of memory");
        return -1;
    }
    struct feed_response r;
    int rc = feed_fetch(index, NULL, NULL, FEED_MAX_BYTES, p->opt, &r);
    free(index);
    if (rc != 0) {
        snprintf(error, size, "index.txt: %.200s", r.error);
        return -1;
    }
    int n = 0;
    for (char *line = strtok(r.body, "\r\n"); line && n < FEED_MAX_DOCUMENTS;
         line = strtok(NULL, "\r\n")) {
        if (!*line || *line == '#')
            continue;
        char *url = url_join(dir, line);
        int ok = url && document_take(p, url) == 0;
        free(url);
        n++;
        if (!ok) {
            feed_response_free(&r);
            return -2;
        }
    }
    feed_response_free(&r);
    return 0;
}

/* Takes in every advisory a ROLIE feed's entries link to. */
static int rolie_take(struct poll *p, const char *feed_url, char *error, size_t size)
{
    struct feed_response r;
    if (feed_fetch(feed_url, NULL, NULL, FEED_MAX_BYTES, p->opt, &r) != 0) {
        snprintf(error, size, "ROLIE feed: %.200s", r.error);
        return -1;
    }
    json_t *feed = json_loadb(r.body, r.len, 0, NULL);
    feed_response_free(&r);
    json_t *entries = json_object_get(json_object_get(feed, "feed"), "entry");
    size_t i;
    json_t *e;
    int rc = 0;
    json_array_foreach(entries, i, e)
    {
        const char *src = json_string_value(json_object_get(json_object_get(e, "content"), "src"));
        if (!src || i >= FEED_MAX_DOCUMENTS)
            continue;
        char *url = url_beside(feed_url, src);
        int ok = url && document_take(p, url) == 0;
        free(url);
        if (!ok) {
            rc = -2;
            break;
        }
    }
    if (!json_is_array(entries)) {
        snprintf(error, size, "rolie_no_entries");
        rc = -1;
    }
    json_decref(feed);
    return rc;
}

/* Takes in what a CSAF provider's metadata (body) names. Returns 0, -1 (the feed cannot be
 * read: *error) or -2 (database error). */
static int provider_take(struct poll *p, const char *body, size_t len, char *error, size_t size)
{
    json_t *meta = json_loadb(body, len, 0, NULL);
    json_t *dists = json_object_get(meta, "distributions");
    if (!json_is_array(dists)) {
        json_decref(meta);
        snprintf(error, size, "no_distributions");
        return -1;
    }
    size_t i;
    json_t *d;
    int rc = 0;
    json_array_foreach(dists, i, d)
    {
        const char *dir = json_string_value(json_object_get(d, "directory_url"));
        if (dir && (rc = directory_take(p, dir, error, size)) != 0)
            break;
        json_t *feeds = json_object_get(json_object_get(d, "rolie"), "feeds");
        size_t k;
        json_t *f;
        json_array_foreach(feeds, k, f)
        {
            const char *u = json_string_value(json_object_get(f, "url"));
            if (u && (rc = rolie_take(p, u, error, size)) != 0)
                break;
        }
        if (rc != 0)
            break;
    }
    json_decref(meta);
    return rc;
}

/* Columns of a claimed feed. */
enum { CF_ID, CF_ORG, CF_KIND, CF_URL, CF_ETAG, CF_LAST_MODIFIED, CF_USER };

/* Polls one claimed feed (row i of res) in the open transaction and records the outcome.
 * Returns DB_OK or a DB_ error. */
static int feed_poll_one(struct poll *p, PGresult *res, int i, int interval_s)
{
    snprintf(p->feed_id, sizeof p->feed_id, "%s", db_text(res, i, CF_ID));
    p->org = db_long(res, i, CF_ORG);
    p->user = db_long(res, i, CF_USER);
    p->imported = p->refused = 0;
    const char *url = db_text(res, i, CF_URL);
    char error[256] = "";
    struct feed_response r;
    int rc = 0;
    if (feed_fetch(url, db_text(res, i, CF_ETAG), db_text(res, i, CF_LAST_MODIFIED), FEED_MAX_BYTES,
                   p->opt, &r) != 0) {
        snprintf(error, sizeof error, "%s", r.error);
        rc = -1;
    } else if (r.status == 200 && strcmp(db_text(res, i, CF_KIND), "misp") == 0) {
        struct misp_feed m = {.db = p->db,
                              .opt = p->opt,
                              .feed_id = p->feed_id,
                              .org = p->org,
                              .user = p->user,
                              .manifest_url = url};
        rc = misp_feed_take(&m, r.body, r.len, error, sizeof error);
        p->imported = m.imported;
        p->refused = m.refused;
    } else if (r.status == 200) {
        rc = provider_take(p, r.body, r.len, error, sizeof error);
    }
    feed_response_free(&r);
    if (rc == -2)
        return DB_ERROR;
    char interval[24], imported[24], refused[24];
    snprintf(interval, sizeof interval, "%d", interval_s);
    snprintf(imported, sizeof imported, "%d", p->imported);
    snprintf(refused, sizeof refused, "%d", p->refused);
    const char *outcome = rc != 0 ? "failed" : p->imported ? "imported" : "unchanged";
    /* the feed's validators are kept only when everything it named was read */
    const char *q[] = {p->feed_id,
                       interval,
                       outcome,
                       rc ? error : NULL,
                       imported,
                       refused,
                       rc == 0 && r.etag[0] ? r.etag : NULL,
                       rc == 0 && r.last_modified[0] ? r.last_modified : NULL,
                       rc == 0 && r.status == 304 ? "t" : "f"};
    return db_exec(p->db, NULL,
                   "UPDATE advisory_feeds SET last_polled_at = now(), "
                   "  next_poll_at = now() + make_interval(secs => $2::int), last_outcome = $3, "
                   "  last_error = $4, last_imported = $5::int, last_refused = $6::int, "
                   "  etag = CASE WHEN $9::boolean THEN etag ELSE $7 END, "
                   "  last_modified = CASE WHEN $9::boolean THEN last_modified ELSE $8 END "
                   "WHERE id = $1::bigint",
                   9, q);
}

int feed_poll_due(struct db *db, const struct delivery_options *opt, const char *formats_dir,
                  int interval_s)
{
    static struct json_schema_set *schema;
    if (!schema) {
        char err[256];
        if (!(schema = csaf_schema_load(formats_dir, err, sizeof err))) {
            snprintf(db->error, sizeof db->error, "CSAF schema: %s", err);
            return DB_ERROR;
        }
    }
    int polled = 0;
    for (;;) {
        if (db_begin(db) != DB_OK)
            return DB_CONN_LOST;
        char limit[16];
        snprintf(limit, sizeof limit, "%d", 1);
        const char *q[] = {limit};
        PGresult *res;
        int rc = db_exec(db, &res,
                         "SELECT id, org_id, kind, url, coalesce(etag, ''), "
                         "  coalesce(last_modified, ''), created_by FROM advisory_feeds "
                         "WHERE next_poll_at <= now() ORDER BY next_poll_at LIMIT $1 "
                         "FOR UPDATE SKIP LOCKED",
                         1, q);
        if (rc != DB_OK) {
            db_rollback(db);
            return rc;
        }
        if (PQntuples(res) == 0) {
            PQclear(res);
            db_rollback(db);
            return polled;
        }
        struct poll p = {.db = db, .opt = opt, .schema = schema};
        rc = feed_poll_one(&p, res, 0, interval_s);
        PQclear(res);
        if (rc == DB_OK)
            rc = db_commit(db);
        if (rc != DB_OK) {
            db_rollback(db);
            return rc;
        }
        if (++polled >= FEED_POLL_BATCH)
            return polled;
    }
}
