/* handler_feed.c - the advisory feeds an organisation registers (issue 11, part 1): a CSAF
 * provider's provider-metadata.json or a MISP feed's manifest.json, polled by the forwarder
 * (cgi/feed_poll.c). GET /advisory-feeds lists them with the form to add one, POST
 * /advisory-feeds adds one, GET /advisory-feeds/:id shows how its last poll went and the
 * documents it refused with their reasons, POST /advisory-feeds/:id/remove removes it (the
 * advisories it brought stay). Members read their organisations' feeds; coordinators and
 * administrators add and remove them. */
#include "form.h"
#include "portal.h"
#include "view.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const feed_kinds[] = {"csaf", "misp", NULL};

/* ---- GET /advisory-feeds ---- */

/* Columns of the feed list's statement. */
enum feed_list_column {
    FLC_ID,
    FLC_KIND,
    FLC_URL,
    FLC_ORG,
    FLC_POLLED,
    FLC_OUTCOME,
    FLC_IMPORTED,
    FLC_REFUSED,
};

/* What the feed list shows. */
struct feed_list {
    PGresult *feeds; /* enum feed_list_column */
};

static int feed_list_load(struct ctx *c, struct feed_list *l)
{
    /* row-level security keeps it to the user's organisations */
    return db_exec(c->db, &l->feeds,
                   "SELECT f.id, f.kind, f.url, o.name, "
                   "  to_char(f.last_polled_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "
                   "  coalesce(f.last_outcome, ''), f.last_imported, f.last_refused "
                   "FROM advisory_feeds f JOIN organisations o ON o.id = f.org_id "
                   "ORDER BY o.name, f.url LIMIT 500",
                   0, NULL) == DB_OK
               ? 200
               : 500;
}

/* The organisations the user may add feeds for (FeedOrgs.N), and the kinds. */
static void feed_form_to_hdf(struct ctx *c)
{
    for (int i = 0, k = 0; i < c->sess->n_orgs; i++) {
        if (!(c->sess->orgs[i].roles & ROLES_COORDINATORS))
            continue;
        char key[48];
        snprintf(key, sizeof key, "FeedOrgs.%d.Id", k);
        view_set_int(c->req->hdf, key, c->sess->orgs[i].org_id);
        snprintf(key, sizeof key, "FeedOrgs.%d.Name", k++);
        view_set(c->req->hdf, key, c->sess->orgs[i].org_name);
    }
    for (int i = 0; feed_kinds[i]; i++) {
        char key[48];
        snprintf(key, sizeof key, "Choices.FeedKind.%d", i);
        view_set(c->req->hdf, key, feed_kinds[i]);
    }
}

static void feed_list_to_hdf(struct ctx *c, const struct feed_list *l)
{
    static const char *const names[] = {
        [FLC_ID] = "Id",
        [FLC_KIND] = "Kind",
        [FLC_URL] = "Url",
        [FLC_ORG] = "Org",
        [FLC_POLLED] = "Polled",
        [FLC_OUTCOME] = "Outcome",
        [FLC_IMPORTED] = "Imported",
        [FLC_REFUSED] = "Refused",
    };
    portal_rows(c, "Feeds", l->feeds, names, (int)(sizeof names / sizeof *names));
    feed_form_to_hdf(c);
    view_set_int(c->req->hdf, "Feed.MayAdd", portal_acting_org(c, ROLES_COORDINATORS) != NULL);
    portal_page(c, "advisory/feeds.cs", "advisory_feeds");
}

static int feed_list_show(struct ctx *c, int status)
{
    struct feed_list l = {0};
    int rc = feed_list_load(c, &l);
    if (rc == 200)
        feed_list_to_hdf(c, &l);
    if (l.feeds)
        PQclear(l.feeds);
    return rc == 200 ? status : rc;
}

int handle_feeds(struct ctx *c)
{
    const char *saved = req_param(c->req, "saved");
    if (saved && (strcmp(saved, "added") == 0 || strcmp(saved, "removed") == 0))
        view_set(c->req->hdf, "Flash", saved);
    view_set(c->req->hdf, "Form.Values.kind", "csaf");
    return feed_list_show(c, 200);
}

/* ---- POST /advisory-feeds ---- */

/* Columns of a new feed's RETURNING list, and of the duplicate check. */
enum { FEED_ID_COLUMN };

/* Stores the checked form's feed for org and logs it; *id gets its id. Returns 0, 1 when
 * the organisation has that address already, or -1. */
static int feed_store(struct ctx *c, long org, long *id)
{
    char oid[24], uid[24];
    snprintf(oid, sizeof oid, "%ld", org);
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    const char *url = req_param(c->req, "url");
    const char *same[] = {oid, url};
    PGresult *res;
    if (db_exec(c->db, &res, "SELECT id FROM advisory_feeds WHERE org_id = $1 AND url = $2", 2,
                same) != DB_OK)
        return -1;
    int known = PQntuples(res) > 0;
    PQclear(res);
    if (known)
        return 1;
    const char *p[] = {oid, req_param(c->req, "kind"), url, uid};
    if (db_exec(c->db, &res,
                "INSERT INTO advisory_feeds (org_id, kind, url, created_by) "
                "VALUES ($1, $2, $3, $4) RETURNING id",
                4, p) != DB_OK)
        return -1;
    *id = db_long(res, 0, FEED_ID_COLUMN);
    PQclear(res);
    return db_audit(c->db, c->sess->user_id, org, "create", "advisory_feed", *id, NULL) == DB_OK
               ? 0
               : -1;
}

/* 1 when url is an http(s) address without spaces or control characters. */
static int feed_url_ok(const char *url)
{
    if (strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0)
        return 0;
    const char *host = strstr(url, "://") + 3;
    if (!*host || *host == '/')
        return 0;
    for (const unsigned char *p = (const unsigned char *)url; *p; p++)
        if (*p <= ' ' || *p == 0x7f)
            return 0;
    return 1;
}

int handle_feed_create(struct ctx *c)
{
    const struct membership *org = portal_acting_org(c, ROLES_COORDINATORS);
    if (!org)
        return 403;
    c->org_id = org->org_id;
    static const struct field fields[] = {
        {"kind", FIELD_CHOICE, 1, 0, 0, feed_kinds},
        {"url", FIELD_TEXT, 1, 8, 1000, NULL},
    };
    size_t bad = portal_form_check(c, fields, 2);
    const char *org_param = req_param(c->req, "org_id");
    view_set(c->req->hdf, "Form.Values.org_id", org_param ? org_param : "");
    if (!bad && !feed_url_ok(req_param(c->req, "url"))) {
        portal_form_error(c, "url", "bad_url");
        bad++;
    }
    long id = 0;
    if (!bad) {
        int stored = feed_store(c, org->org_id, &id);
        if (stored < 0)
            return 500;
        if (stored == 1) {
            portal_form_error(c, "url", "feed_known");
            bad++;
        }
    }
    if (bad)
        return feed_list_show(c, 422);
    resp_redirect(c->resp, "/advisory-feeds?saved=added");
    return 303;
}

/* ---- GET /advisory-feeds/:id ---- */

/* Columns of the feed page's statements. */
enum feed_column {
    FC_ORG_ID,
    FC_KIND,
    FC_URL,
    FC_ORG,
    FC_CREATED,
    FC_POLLED,
    FC_OUTCOME,
    FC_ERROR,
    FC_IMPORTED,
    FC_REFUSED,
    FC_NEXT,
};
enum feed_document_column { FDC_URL, FDC_CHECKED, FDC_ADVISORY, FDC_PROBLEMS, FDC_MISP_EVENT };

/* What one feed's page shows. */
struct feed_page {
    PGresult *feed;      /* enum feed_column, one row */
    PGresult *documents; /* enum feed_document_column: the refused ones first, then newest */
    long org_id;
};

static void feed_page_free(struct feed_page *f)
{
    if (f->feed)
        PQclear(f->feed);
    if (f->documents)
        PQclear(f->documents);
}

/* Returns 200, 404 (none, or not one of the user's organisations') or 500. */
static int feed_page_load(struct ctx *c, struct feed_page *f)
{
    memset(f, 0, sizeof *f);
    char id[24];
    snprintf(id, sizeof id, "%ld", c->id);
    const char *p[] = {id};
    if (db_exec(c->db, &f->feed,
                "SELECT f.org_id, f.kind, f.url, o.name, "
                "  to_char(f.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "
                "  to_char(f.last_polled_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "
                "  coalesce(f.last_outcome, ''), coalesce(f.last_error, ''), f.last_imported, "
                "  f.last_refused, "
                "  to_char(f.next_poll_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') "
                "FROM advisory_feeds f JOIN organisations o ON o.id = f.org_id "
                "WHERE f.id = $1::bigint",
                1, p) != DB_OK)
        return 500;
    if (PQntuples(f->feed) != 1)
        return 404;
    f->org_id = db_long(f->feed, 0, FC_ORG_ID);
    /* row-level security and the handler agree: the user is a member there */
    if (!session_org(c->sess, f->org_id, ROLE_ANY_MEMBER))
        return 404;
    if (db_exec(c->db, &f->documents,
                "SELECT d.url, to_char(d.checked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "
                "  coalesce(d.advisory_id::text, ''), coalesce(d.problems::text, ''), "
                "  coalesce(d.misp_event_id::text, '') "
                "FROM advisory_feed_documents d WHERE d.feed_id = $1::bigint "
                "ORDER BY d.problems IS NULL, d.checked_at DESC, d.url LIMIT 200",
                1, p) != DB_OK)
        return 500;
    return 200;
}

/* A refused document's reasons, as the forwarder kept them ([{"path", "keyword",
 * "param"}], or {"error": key} when it was not readable at all), under row. */
static void feed_problems_to_hdf(HDF *row, const char *problems)
{
    json_t *doc = json_loads(problems, 0, NULL);
    if (json_is_object(doc)) {
        view_set(row, "Error", json_string_value(json_object_get(doc, "error")));
    } else if (json_is_array(doc)) {
        size_t i;
        json_t *p;
        json_array_foreach(doc, i, p)
        {
            char key[48];
            HDF *node;
            snprintf(key, sizeof key, "Problems.%zu", i);
            if (hdf_get_node(row, key, &node) != STATUS_OK)
                continue;
            const char *path = json_string_value(json_object_get(p, "path"));
            view_set(node, "Path", path && *path ? path : "/");
            view_set(node, "Keyword", json_string_value(json_object_get(p, "keyword")));
            view_set(node, "Param", json_string_value(json_object_get(p, "param")));
        }
    }
    json_decref(doc);
}

static int feed_page_show(struct ctx *c, const struct feed_page *f)
{
    static const char *const names[] = {
        [FC_ORG_ID] = "OrgId",    [FC_KIND] = "Kind",       [FC_URL] = "Url",
        [FC_ORG] = "Org",         [FC_CREATED] = "Created", [FC_POLLED] = "Polled",
        [FC_OUTCOME] = "Outcome", [FC_ERROR] = "Error",     [FC_IMPORTED] = "Imported",
        [FC_REFUSED] = "Refused", [FC_NEXT] = "Next",
    };
    HDF *feed;
    if (hdf_get_node(c->req->hdf, "Feed", &feed) != STATUS_OK)
        return 500;
    for (size_t k = 0; k < sizeof names / sizeof *names; k++)
        view_set(feed, names[k], db_text(f->feed, 0, (int)k));
    view_set_int(c->req->hdf, "Feed.Id", c->id);
    view_set_int(c->req->hdf, "Feed.MayRemove",
                 session_org(c->sess, f->org_id, ROLES_COORDINATORS) != NULL);
    for (int i = 0; i < PQntuples(f->documents); i++) {
        char key[48];
        HDF *row;
        snprintf(key, sizeof key, "Documents.%d", i);
        if (hdf_get_node(c->req->hdf, key, &row) != STATUS_OK)
            continue;
        view_set(row, "Url", db_text(f->documents, i, FDC_URL));
        view_set(row, "Checked", db_text(f->documents, i, FDC_CHECKED));
        view_set(row, "Advisory", db_text(f->documents, i, FDC_ADVISORY));
        view_set(row, "MispEvent", db_text(f->documents, i, FDC_MISP_EVENT));
        feed_problems_to_hdf(row, db_text(f->documents, i, FDC_PROBLEMS));
    }
    portal_page(c, "advisory/feed.cs", "advisory_feed");
    return 200;
}

int handle_feed_show(struct ctx *c)
{
    struct feed_page f;
    int status = feed_page_load(c, &f);
    if (status == 200)
        status = feed_page_show(c, &f);
    feed_page_free(&f);
    return status;
}

/* ---- POST /advisory-feeds/:id/remove ---- */

/* Column of the owner lookup. */
enum { OWNER_ORG_COLUMN };

/* Removes feed c->id of an organisation the user coordinates, with its documents' record
 * (the advisories it brought stay), and logs it. Returns 0, 404 (none, or not the user's
 * to remove) or 500. */
static int feed_remove(struct ctx *c)
{
    char id[24];
    snprintf(id, sizeof id, "%ld", c->id);
    const char *p[] = {id};
    PGresult *res;
    if (db_exec(c->db, &res, "SELECT org_id FROM advisory_feeds WHERE id = $1::bigint", 1, p) !=
        DB_OK)
        return 500;
    long org = PQntuples(res) == 1 ? db_long(res, 0, OWNER_ORG_COLUMN) : 0;
    PQclear(res);
    if (!org || !session_org(c->sess, org, ROLES_COORDINATORS))
        return 404;
    c->org_id = org;
    if (db_exec(c->db, NULL, "DELETE FROM advisory_feeds WHERE id = $1::bigint", 1, p) != DB_OK)
        return 500;
    return db_audit(c->db, c->sess->user_id, org, "delete", "advisory_feed", c->id, NULL) == DB_OK
               ? 0
               : 500;
}

int handle_feed_remove(struct ctx *c)
{
    int rc = feed_remove(c);
    if (rc != 0)
        return rc;
    resp_redirect(c->resp, "/advisory-feeds?saved=removed");
    return 303;
}
