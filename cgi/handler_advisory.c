/* handler_advisory.c - security advisories an organisation takes in (issue 11, part 1):
 * the list (GET /advisories), the upload form (GET /advisories/new) and the intake
 * (POST /advisories): a CSAF 2.0 document is read, checked against the official schema
 * (lib/json_schema.c) and only then stored, with what lists show beside it; a newer
 * revision supersedes the older ones, which stay readable. One advisory's page is in
 * advisory_page.c. */
#include "advisory_intake.h"
#include "csaf.h"
#include "log.h"
#include "portal.h"
#include "upload.h"
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ADVISORY_PROBLEMS 20 /* the schema's reasons listed on a refused intake */

/* ---- GET /advisories ---- */

/* Columns of the list's statement. */
enum advisory_list_column {
    ALC_ID,
    ALC_TRACKING_ID,
    ALC_VERSION,
    ALC_TITLE,
    ALC_PUBLISHER,
    ALC_TLP,
    ALC_RELEASED,
    ALC_CVES,
    ALC_SUPERSEDED,
    ALC_ORG,
};

/* Columns of the MISP events' statement. */
enum misp_list_column {
    MLC_ID,
    MLC_INFO,
    MLC_PUBLISHER,
    MLC_TLP,
    MLC_DATE,
    MLC_CVES,
    MLC_ORG,
};

/* What the list shows: the advisories, and beside them the MISP events' newest revisions. */
struct advisory_list {
    PGresult *advisories; /* enum advisory_list_column */
    PGresult *misp;       /* enum misp_list_column */
};

static int advisory_list_load(struct ctx *c, struct advisory_list *l)
{
    /* row-level security keeps both to the user's organisations */
    if (db_exec(c->db, &l->advisories,
                "SELECT a.id, a.tracking_id, a.version, a.title, a.publisher_name, a.tlp, "
                "  to_char(a.current_release_date AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "
                "  array_to_string(a.cves, ', '), a.superseded_by IS NOT NULL, o.name "
                "FROM advisories a JOIN organisations o ON o.id = a.org_id "
                "ORDER BY a.current_release_date DESC, a.id DESC LIMIT 500",
                0, NULL) != DB_OK)
        return 500;
    return db_exec(c->db, &l->misp,
                   "SELECT e.id, e.info, e.publisher, replace(e.tlp, '+', '_'), "
                   "  to_char(to_timestamp(e.event_timestamp) AT TIME ZONE 'UTC', "
                   "    'YYYY-MM-DD HH24:MI'), "
                   "  array_to_string(e.cves, ', '), o.name "
                   "FROM misp_events e JOIN organisations o ON o.id = e.org_id "
                   "WHERE e.superseded_by IS NULL "
                   "ORDER BY e.event_timestamp DESC, e.id DESC LIMIT 200",
                   0, NULL) == DB_OK
               ? 200
               : 500;
}

static void advisory_list_to_hdf(struct ctx *c, const struct advisory_list *l)
{
    PGresult *rows = l->advisories;
    static const struct {
        const char *name;
        enum advisory_list_column col;
    } cols[] = {{"Id", ALC_ID},
                {"TrackingId", ALC_TRACKING_ID},
                {"Version", ALC_VERSION},
                {"Title", ALC_TITLE},
                {"Publisher", ALC_PUBLISHER},
                {"Tlp", ALC_TLP},
                {"Released", ALC_RELEASED},
                {"Cves", ALC_CVES},
                {"Org", ALC_ORG}};
    for (int i = 0; i < PQntuples(rows); i++) {
        char key[48];
        HDF *row;
        snprintf(key, sizeof key, "Advisories.%d", i);
        if (hdf_get_node(c->req->hdf, key, &row) != STATUS_OK)
            continue;
        for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++)
            view_set(row, cols[k].name, db_text(rows, i, (int)cols[k].col));
        view_set(row, "Superseded", strcmp(db_text(rows, i, ALC_SUPERSEDED), "t") == 0 ? "1" : "");
    }
    view_set_int(c->req->hdf, "Advisory.MayImport",
                 portal_acting_org(c, ROLES_COORDINATORS) != NULL);
    static const char *const misp[] = {
        [MLC_ID] = "Id",   [MLC_INFO] = "Info", [MLC_PUBLISHER] = "Publisher",
        [MLC_TLP] = "Tlp", [MLC_DATE] = "Date", [MLC_CVES] = "Cves",
        [MLC_ORG] = "Org",
    };
    portal_rows(c, "MispEvents", l->misp, misp, (int)(sizeof misp / sizeof *misp));
}

int handle_advisories(struct ctx *c)
{
    struct advisory_list l = {0};
    int status = advisory_list_load(c, &l);
    if (status == 200) {
        advisory_list_to_hdf(c, &l);
        portal_page(c, "advisory/list.cs", "advisories");
    }
    if (l.advisories)
        PQclear(l.advisories);
    if (l.misp)
        PQclear(l.misp);
    return status;
}

/* ---- GET /advisories/new, POST /advisories ---- */

/* The organisations the user may take advisories in for (ImportOrgs.N). */
static void import_orgs_to_hdf(struct ctx *c)
{
    for (int i = 0, k = 0; i < c->sess->n_orgs; i++) {
        if (!(c->sess->orgs[i].roles & ROLES_COORDINATORS))
            continue;
        char key[48];
        snprintf(key, sizeof key, "ImportOrgs.%d.Id", k);
        view_set_int(c->req->hdf, key, c->sess->orgs[i].org_id);
        snprintf(key, sizeof key, "ImportOrgs.%d.Name", k++);
        view_set(c->req->hdf, key, c->sess->orgs[i].org_name);
    }
}

static int advisory_form_page(struct ctx *c, int status)
{
    import_orgs_to_hdf(c);
    const char *org = req_param(c->req, "org_id");
    view_set(c->req->hdf, "Form.Values.org_id", org ? org : "");
    portal_page(c, "advisory/new.cs", "advisory_new");
    return status;
}

int handle_advisory_form(struct ctx *c)
{
    if (!portal_acting_org(c, ROLES_COORDINATORS))
        return 403;
    return advisory_form_page(c, 200);
}

/* The schema's reasons under Advisory.Problems.N (Path, Keyword, Param) and their number
 * in Advisory.ProblemCount. */
static void schema_problems_to_hdf(struct ctx *c, const struct json_schema_error *e, size_t n)
{
    for (size_t i = 0; i < n && i < ADVISORY_PROBLEMS; i++) {
        char key[64];
        HDF *row;
        snprintf(key, sizeof key, "Advisory.Problems.%zu", i);
        if (hdf_get_node(c->req->hdf, key, &row) != STATUS_OK)
            continue;
        view_set(row, "Path", *e[i].path ? e[i].path : "/");
        view_set(row, "Keyword", e[i].keyword);
        view_set(row, "Param", e[i].param);
    }
    view_set_int(c->req->hdf, "Advisory.ProblemCount", (long)n);
}

/* The CSAF schema, read once per process. */
static struct json_schema_set *csaf_schema;

/* Reads the upload and checks it: *doc gets the document when it is a valid CSAF 2.0
 * advisory the portal can keep (header in *h). Returns 0; or 422 with the reasons on the
 * page; or 500. */
static int advisory_read(struct ctx *c, json_t **doc, struct csaf_header *h)
{
    *doc = NULL;
    char *data;
    size_t len;
    const char *file_name;
    const char *problem =
        upload_read_whole(c, "csaf", ".json", c->cfg->max_body, &data, &len, &file_name);
    view_set(c->req->hdf, "Advisory.FileName", file_name);
    if (problem) {
        free(data);
        if (strcmp(problem, "out_of_memory") == 0)
            return 500;
        portal_form_error(c, "csaf", strcmp(problem, "file_type") == 0 ? "json_only" : problem);
        return 422;
    }
    char err[256];
    if (!csaf_schema && !(csaf_schema = csaf_schema_load(c->cfg->formats_dir, err, sizeof err))) {
        free(data);
        log_error("CSAF schema: %s", err);
        return 500;
    }
    struct json_schema_error e[ADVISORY_PROBLEMS];
    size_t n = 0;
    int line = 0;
    enum advisory_check_result r =
        advisory_check(csaf_schema, data, len, doc, h, e, ADVISORY_PROBLEMS, &n, &line);
    free(data);
    switch (r) {
    case ADVISORY_OK:
        break;
    case ADVISORY_JSON_UNREADABLE:
        portal_form_error(c, "csaf", "json_unreadable");
        view_set_int(c->req->hdf, "Advisory.JsonLine", line);
        return 422;
    case ADVISORY_CSAF_INVALID:
        portal_form_error(c, "csaf", "csaf_invalid");
        schema_problems_to_hdf(c, e, n);
        return 422;
    case ADVISORY_CSAF_TOO_LONG:
        portal_form_error(c, "csaf", "csaf_too_long");
        return 422;
    }
    return 0;
}

int handle_advisory_create(struct ctx *c)
{
    const struct membership *org = portal_acting_org(c, ROLES_COORDINATORS);
    if (!org)
        return 403;
    c->org_id = org->org_id;
    json_t *doc;
    struct csaf_header h;
    int status = advisory_read(c, &doc, &h);
    if (status != 0) {
        json_decref(doc);
        return status == 500 ? 500 : advisory_form_page(c, status);
    }
    long id = 0;
    int stored = advisory_store(c->db, org->org_id, c->sess->user_id, doc, &h, &id);
    json_decref(doc);
    if (stored < 0)
        return 500;
    if (stored == 0 && db_audit(c->db, c->sess->user_id, org->org_id, "import_advisory", "advisory",
                                id, NULL) != DB_OK)
        return 500;
    char where[64];
    snprintf(where, sizeof where, "/advisories/%ld?saved=%s", id, stored ? "known" : "imported");
    resp_redirect(c->resp, where);
    return 303;
}
