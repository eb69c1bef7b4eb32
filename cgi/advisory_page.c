/* advisory_page.c - GET /advisories/:id: one advisory as taken in: publisher, tracking id,
 * version and revision history, TLP, each vulnerability with its CVE, CVSS scores, the
 * products by status (known affected, fixed, not affected, under investigation, ...) and
 * the remediations, the references; and the other revisions of the same advisory, the
 * newest marked. The loader reads the stored row and document; the view walks the
 * document (lib/csaf.h names its products). */
#include "advisory_page.h"

#include "csaf.h"
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define PRODUCTS_SHOWN 40 /* per status and vulnerability; the rest are counted */

/* Columns of the advisory's statement. */
enum advisory_column {
    AVC_ID,
    AVC_ORG_ID,
    AVC_ORG,
    AVC_TRACKING_ID,
    AVC_VERSION,
    AVC_TITLE,
    AVC_PUBLISHER,
    AVC_NAMESPACE,
    AVC_TLP,
    AVC_RELEASED,
    AVC_IMPORTED,
    AVC_SUPERSEDED_BY,
    AVC_DOCUMENT,
};
/* Columns of the statement of its revisions. */
enum revision_column { RVC_ID, RVC_VERSION, RVC_RELEASED, RVC_CURRENT };
/* Columns of the statement of the organisations it may be passed on to. */
enum share_target_column { STC_ID, STC_NAME, STC_KIND, STC_SHARED };

struct advisory_page {
    PGresult *row;       /* enum advisory_column */
    PGresult *revisions; /* enum revision_column */
    PGresult *targets;   /* enum share_target_column; NULL unless the user may pass it on */
    json_t *doc;
};

struct advisory_page *advisory_page_new(void)
{
    return calloc(1, sizeof(struct advisory_page));
}

void advisory_page_free(struct advisory_page *a)
{
    if (!a)
        return;
    if (a->row)
        PQclear(a->row);
    if (a->revisions)
        PQclear(a->revisions);
    if (a->targets)
        PQclear(a->targets);
    json_decref(a->doc);
    free(a);
}

int advisory_page_load(struct ctx *c, struct advisory_page *a)
{
    char id[24];
    snprintf(id, sizeof id, "%ld", c->id);
    const char *p[] = {id};
    if (db_exec(c->db, &a->row,
                "SELECT a.id, a.org_id, o.name, a.tracking_id, a.version, a.title, "
                "  a.publisher_name, a.publisher_namespace, a.tlp, "
                "  to_char(a.current_release_date AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "
                "  to_char(a.imported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "
                "  coalesce(a.superseded_by, 0), a.document::text "
                "FROM advisories a JOIN organisations o ON o.id = a.org_id WHERE a.id = $1",
                1, p) != DB_OK)
        return 500;
    if (PQntuples(a->row) != 1)
        return 404; /* none, or not the user's organisation's (row-level security) */
    if (db_exec(c->db, &a->revisions,
                "SELECT r.id, r.version, "
                "  to_char(r.current_release_date AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "
                "  r.superseded_by IS NULL "
                "FROM advisories a JOIN advisories r ON r.org_id = a.org_id "
                "  AND r.publisher_namespace = a.publisher_namespace "
                "  AND r.tracking_id = a.tracking_id "
                "WHERE a.id = $1 ORDER BY r.current_release_date DESC, r.id DESC",
                1, p) != DB_OK)
        return 500;
    if (session_org(c->sess, db_long(a->row, 0, AVC_ORG_ID), ROLES_COORDINATORS) &&
        db_exec(c->db, &a->targets,
                "SELECT o.id, o.name, r.kind, "
                "  EXISTS (SELECT 1 FROM advisory_shares s "
                "           WHERE s.advisory_id = a.id AND s.org_id = o.id) "
                "FROM advisories a JOIN org_relations r ON r.parent_id = a.org_id "
                "  AND (r.administers OR r.confirmed_at IS NOT NULL) "
                "JOIN organisations o ON o.id = r.child_id "
                "WHERE a.id = $1 ORDER BY r.kind, o.name, o.id",
                1, p) != DB_OK)
        return 500;
    json_error_t e;
    a->doc = json_loads(db_text(a->row, 0, AVC_DOCUMENT), 0, &e);
    return a->doc ? 200 : 500;
}

int advisory_page_targets(const struct advisory_page *a, long **ids)
{
    int n = a->targets ? PQntuples(a->targets) : 0;
    *ids = calloc((size_t)n + 1, sizeof **ids);
    if (!*ids)
        return -1;
    for (int i = 0; i < n; i++)
        (*ids)[i] = db_long(a->targets, i, STC_ID);
    return n;
}

/* Sets name under node to the string member key of object, if it is one. */
static void member_to_hdf(HDF *node, const char *name, json_t *object, const char *key)
{
    json_t *v = json_object_get(object, key);
    if (json_is_string(v))
        view_set(node, name, json_string_value(v));
}

/* Sets name under node to the web address member key of object, if it is one: only
 * http and https addresses become links (a "javascript:" URI is valid CSAF). */
static void url_to_hdf(HDF *node, const char *name, json_t *object, const char *key)
{
    json_t *v = json_object_get(object, key);
    const char *url = json_string_value(v);
    if (url && (strncasecmp(url, "https://", 8) == 0 || strncasecmp(url, "http://", 7) == 0))
        view_set(node, name, url);
}

/* Each object of array under base.N with the string members named in keys (HDF name,
 * member key pairs, NULL-terminated; a member called "url" only as a web address). */
static void objects_to_hdf(HDF *hdf, const char *base, json_t *array, const char *const *keys)
{
    size_t i;
    json_t *o;
    json_array_foreach(array, i, o)
    {
        char key[96];
        HDF *node;
        snprintf(key, sizeof key, "%s.%zu", base, i);
        if (hdf_get_node(hdf, key, &node) != STATUS_OK)
            continue;
        for (const char *const *k = keys; *k; k += 2)
            if (strcmp(k[1], "url") == 0)
                url_to_hdf(node, k[0], o, k[1]);
            else
                member_to_hdf(node, k[0], o, k[1]);
    }
}

/* The highest CVSS base score of a vulnerability (v3 before v2), as text, with its
 * severity and vector. */
static void scores_to_hdf(HDF *node, json_t *vuln)
{
    double best = -1;
    json_t *best_score = NULL;
    size_t i;
    json_t *score;
    json_array_foreach(json_object_get(vuln, "scores"), i, score)
    {
        json_t *v3 = json_object_get(score, "cvss_v3"), *v2 = json_object_get(score, "cvss_v2");
        json_t *s = v3 ? v3 : v2;
        json_t *base = json_object_get(s, "baseScore");
        if (json_is_number(base) && json_number_value(base) > best)
            best = json_number_value(base), best_score = s;
    }
    if (!best_score)
        return;
    view_setf(node, "Score", "%.1f", best);
    member_to_hdf(node, "Severity", best_score, "baseSeverity");
    member_to_hdf(node, "Vector", best_score, "vectorString");
}

/* The products of each status of vuln under node's Status.<status>.N (names from the
 * product tree), with Status.<status>.More for those not listed. */
static void product_status_to_hdf(HDF *node, json_t *doc, json_t *vuln)
{
    const char *status;
    json_t *ids;
    json_object_foreach(json_object_get(vuln, "product_status"), status, ids)
    {
        size_t i;
        json_t *id;
        char key[96];
        json_array_foreach(ids, i, id)
        {
            if (i >= PRODUCTS_SHOWN || !json_is_string(id))
                continue;
            const char *name = csaf_product_name(doc, json_string_value(id));
            snprintf(key, sizeof key, "Status.%s.%zu", status, i);
            view_set(node, key, name ? name : json_string_value(id));
        }
        if (json_array_size(ids) > PRODUCTS_SHOWN) {
            snprintf(key, sizeof key, "Status.%s.More", status);
            view_set_int(node, key, (long)(json_array_size(ids) - PRODUCTS_SHOWN));
        }
    }
}

static void vulnerabilities_to_hdf(HDF *hdf, json_t *doc)
{
    static const char *const remediation_keys[] = {"Category", "category", "Details", "details",
                                                   "Url",      "url",      NULL};
    size_t i;
    json_t *vuln;
    json_array_foreach(json_object_get(doc, "vulnerabilities"), i, vuln)
    {
        char key[64];
        HDF *node;
        snprintf(key, sizeof key, "Vulnerabilities.%zu", i);
        if (hdf_get_node(hdf, key, &node) != STATUS_OK)
            continue;
        member_to_hdf(node, "Cve", vuln, "cve");
        member_to_hdf(node, "Title", vuln, "title");
        member_to_hdf(node, "Cwe", json_object_get(vuln, "cwe"), "id");
        member_to_hdf(node, "CweName", json_object_get(vuln, "cwe"), "name");
        scores_to_hdf(node, vuln);
        product_status_to_hdf(node, doc, vuln);
        objects_to_hdf(node, "Remediations", json_object_get(vuln, "remediations"),
                       remediation_keys);
    }
}

static void advisory_page_to_hdf(struct ctx *c, const struct advisory_page *a)
{
    HDF *hdf = c->req->hdf;
    static const struct {
        const char *name;
        enum advisory_column col;
    } cols[] = {{"Id", AVC_ID},
                {"Org", AVC_ORG},
                {"OrgId", AVC_ORG_ID},
                {"TrackingId", AVC_TRACKING_ID},
                {"Version", AVC_VERSION},
                {"Title", AVC_TITLE},
                {"Publisher", AVC_PUBLISHER},
                {"Namespace", AVC_NAMESPACE},
                {"Tlp", AVC_TLP},
                {"Released", AVC_RELEASED},
                {"Imported", AVC_IMPORTED},
                {"SupersededBy", AVC_SUPERSEDED_BY}};
    for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++) {
        char key[48];
        snprintf(key, sizeof key, "Advisory.%s", cols[k].name);
        view_set(hdf, key, db_text(a->row, 0, (int)cols[k].col));
    }
    for (int i = 0; i < PQntuples(a->revisions); i++) {
        char key[64];
        HDF *node;
        snprintf(key, sizeof key, "Revisions.%d", i);
        if (hdf_get_node(hdf, key, &node) != STATUS_OK)
            continue;
        view_set(node, "Id", db_text(a->revisions, i, RVC_ID));
        view_set(node, "Version", db_text(a->revisions, i, RVC_VERSION));
        view_set(node, "Released", db_text(a->revisions, i, RVC_RELEASED));
        view_set(node, "Current",
                 strcmp(db_text(a->revisions, i, RVC_CURRENT), "t") == 0 ? "1" : "");
    }
    for (int i = 0; a->targets && i < PQntuples(a->targets); i++) {
        char key[64];
        HDF *node;
        snprintf(key, sizeof key, "ShareTargets.%d", i);
        if (hdf_get_node(hdf, key, &node) != STATUS_OK)
            continue;
        view_set(node, "Id", db_text(a->targets, i, STC_ID));
        view_set(node, "Name", db_text(a->targets, i, STC_NAME));
        view_set(node, "Kind", db_text(a->targets, i, STC_KIND));
        view_set(node, "Shared", strcmp(db_text(a->targets, i, STC_SHARED), "t") == 0 ? "1" : "");
    }
    view_set_int(hdf, "Advisory.MayShare", a->targets != NULL);
    json_t *document = json_object_get(a->doc, "document");
    static const char *const history_keys[] = {"Number",  "number",  "Date", "date",
                                               "Summary", "summary", NULL};
    static const char *const reference_keys[] = {"Url", "url", "Summary", "summary", NULL};
    objects_to_hdf(hdf, "History",
                   json_object_get(json_object_get(document, "tracking"), "revision_history"),
                   history_keys);
    objects_to_hdf(hdf, "References", json_object_get(document, "references"), reference_keys);
    vulnerabilities_to_hdf(hdf, a->doc);
}

int advisory_page_show(struct ctx *c, struct advisory_page *a, int status)
{
    c->org_id = db_long(a->row, 0, AVC_ORG_ID);
    advisory_page_to_hdf(c, a);
    portal_page(c, "advisory/show.cs", "advisory");
    return status;
}

long advisory_page_org(const struct advisory_page *a)
{
    return db_long(a->row, 0, AVC_ORG_ID);
}

int advisory_page_may_share(const struct advisory_page *a)
{
    return a->targets != NULL;
}

const char *advisory_page_tlp(const struct advisory_page *a)
{
    return db_text(a->row, 0, AVC_TLP);
}

int handle_advisory_show(struct ctx *c)
{
    struct advisory_page *a = advisory_page_new();
    if (!a)
        return 500;
    int status = advisory_page_load(c, a);
    if (status == 200) {
        const char *saved = req_param(c->req, "saved");
        if (saved)
            view_set(c->req->hdf, "Flash", saved);
        status = advisory_page_show(c, a, 200);
    }
    advisory_page_free(a);
    return status;
}
