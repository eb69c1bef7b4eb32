/* handler_weights.c - how much each category counts: a parent's administrators and
 * reviewers give every category of the latest catalogue edition a weight from 0.1 to 10
 * (1 unless set). A function's score is the weighted mean of its categories' scores
 * wherever scores appear (the assessment page through assessment_score, the heatmap, an
 * organisation's scores and the campaign report through handler_dashboard.c), always with
 * the weights of the organisation that owns the questionnaire. */
#include "form.h"
#include "portal.h"
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CATEGORIES 64
#define WEIGHT_MIN 10   /* 0.1, in hundredths */
#define WEIGHT_MAX 1000 /* 10 */

/* Columns of the categories' statement; the weight as typed ("1", "2.5"). */
enum category_column { CC_ID, CC_FUNCTION_CODE, CC_FUNCTION_NAME, CC_CODE, CC_NAME, CC_WEIGHT };

/* The latest edition's categories with the organisation's weights (enum category_column),
 * in the catalogue's order. Returns 0 or -1. */
static int categories_load(struct ctx *c, long org, PGresult **res)
{
    char oid[24];
    snprintf(oid, sizeof oid, "%ld", org);
    const char *p[] = {oid};
    return db_exec(c->db, res,
                   "SELECT cat.id, f.code, f.name, cat.code, cat.name, "
                   "  trim_scale(coalesce(w.weight, 1))::text "
                   "FROM catalogue_categories cat "
                   "JOIN catalogue_functions f ON f.id = cat.function_id "
                   "LEFT JOIN category_weights w ON w.category_id = cat.id "
                   "  AND w.owner_org_id = $1 "
                   "WHERE f.edition_id = (SELECT max(id) FROM catalogue_editions) "
                   "ORDER BY f.position, cat.position",
                   1, p) == DB_OK
               ? 0
               : -1;
}

/* The form: Weights.Categories.N.* and, unless the submitted values are kept (keep_form),
 * Form.Values.weight_<id> from what is stored; the organisation and the others the user
 * may set weights for. */
static void weights_to_hdf(struct ctx *c, const struct membership *org, PGresult *categories,
                           int keep_form)
{
    HDF *hdf = c->req->hdf;
    for (int i = 0; i < PQntuples(categories) && i < MAX_CATEGORIES; i++) {
        char key[64];
        HDF *row;
        snprintf(key, sizeof key, "Weights.Categories.%d", i);
        if (hdf_get_node(hdf, key, &row) != STATUS_OK)
            continue;
        view_set(row, "Id", db_text(categories, i, CC_ID));
        view_set(row, "FunctionCode", db_text(categories, i, CC_FUNCTION_CODE));
        view_set(row, "Function", db_text(categories, i, CC_FUNCTION_NAME));
        view_set(row, "Code", db_text(categories, i, CC_CODE));
        view_set(row, "Name", db_text(categories, i, CC_NAME));
        view_set(row, "Stored", db_text(categories, i, CC_WEIGHT));
        view_set_int(row, "NewFunction",
                     i == 0 || strcmp(db_text(categories, i, CC_FUNCTION_CODE),
                                      db_text(categories, i - 1, CC_FUNCTION_CODE)) != 0);
        if (!keep_form) {
            snprintf(key, sizeof key, "Form.Values.weight_%s", db_text(categories, i, CC_ID));
            view_set(hdf, key, db_text(categories, i, CC_WEIGHT));
        }
    }
    view_set(hdf, "Weights.Org", org->org_name);
    view_set_int(hdf, "Weights.OrgId", org->org_id);
    for (int i = 0, n = 0; i < c->sess->n_orgs; i++)
        if (c->sess->orgs[i].roles & ROLES_MANAGERS) {
            char key[64];
            snprintf(key, sizeof key, "Weights.Orgs.%d.Id", n);
            view_set_int(hdf, key, c->sess->orgs[i].org_id);
            snprintf(key, sizeof key, "Weights.Orgs.%d.Name", n++);
            view_set(hdf, key, c->sess->orgs[i].org_name);
        }
}

static int weights_page(struct ctx *c, const struct membership *org, int keep_form)
{
    PGresult *res;
    if (categories_load(c, org->org_id, &res) != 0)
        return 500;
    weights_to_hdf(c, org, res, keep_form);
    PQclear(res);
    c->org_id = org->org_id;
    portal_page(c, "dashboard/weights.cs", "weights");
    return 200;
}

/* GET /weights */
int handle_weights_form(struct ctx *c)
{
    const struct membership *org = portal_acting_org(c, ROLES_MANAGERS);
    if (!org)
        return 404;
    const char *saved = req_param(c->req, "saved");
    view_set(c->req->hdf, "Weights.Saved", saved && strcmp(saved, "1") == 0 ? "1" : "");
    return weights_page(c, org, 0);
}

/* Column of what changed, for the audit log: {"ID.AM": {"from": 1, "to": 2.5}, ...}. */
enum { CHANGES_COLUMN };

/* Stores org's weights given as PostgreSQL arrays of category ids and weights, only those
 * that changed, with one audit row listing the changes. Returns 200 or 500. */
static int weights_store(struct ctx *c, long org, const char *ids, const char *weights)
{
    char oid[24];
    snprintf(oid, sizeof oid, "%ld", org);
    const char *p[] = {oid, ids, weights};
    PGresult *res;
    if (db_exec(c->db, &res,
                "WITH input AS (SELECT unnest($2::int[]) AS category_id, "
                "                      unnest($3::numeric[]) AS weight), "
                "old AS (SELECT i.category_id, i.weight, coalesce(w.weight, 1) AS before "
                "  FROM input i LEFT JOIN category_weights w "
                "    ON w.owner_org_id = $1 AND w.category_id = i.category_id), "
                "changed AS (INSERT INTO category_weights (owner_org_id, category_id, weight) "
                "  SELECT $1, category_id, weight FROM old WHERE weight <> before "
                "  ON CONFLICT (owner_org_id, category_id) DO UPDATE SET weight = EXCLUDED.weight "
                "  RETURNING category_id) "
                "SELECT coalesce(json_object_agg(cat.code, json_build_object("
                "  'from', trim_scale(o.before), 'to', trim_scale(o.weight)) ORDER BY cat.code), "
                "  '{}')::text "
                "FROM old o JOIN changed ch ON ch.category_id = o.category_id "
                "JOIN catalogue_categories cat ON cat.id = o.category_id",
                3, p) != DB_OK)
        return 500;
    int rc = db_audit(c->db, c->sess->user_id, org, "update", "category_weights", org,
                      db_text(res, 0, CHANGES_COLUMN));
    PQclear(res);
    return rc == DB_OK ? 200 : 500;
}

/* POST /weights - every category's weight at once; invalid input comes back with 422 as
 * typed, a valid form is stored (only what changed) with one audit row. */
int handle_weights_save(struct ctx *c)
{
    const struct membership *org = portal_acting_org(c, ROLES_MANAGERS);
    if (!org)
        return 404;
    PGresult *res;
    if (categories_load(c, org->org_id, &res) != 0)
        return 500;
    int n = PQntuples(res) < MAX_CATEGORIES ? PQntuples(res) : MAX_CATEGORIES;
    struct field fields[MAX_CATEGORIES];
    char names[MAX_CATEGORIES][32];
    for (int i = 0; i < n; i++) {
        snprintf(names[i], sizeof names[i], "weight_%s", db_text(res, i, CC_ID));
        fields[i] = (struct field){names[i], FIELD_DECIMAL, 1, WEIGHT_MIN, WEIGHT_MAX, NULL};
    }
    if (portal_form_check(c, fields, (size_t)n)) {
        PQclear(res);
        int status = weights_page(c, org, 1);
        return status == 200 ? 422 : status;
    }
    /* the validated values as PostgreSQL arrays: ids and weights (from hundredths, so
     * nothing typed reaches the SQL text) */
    char ids[MAX_CATEGORIES * 12 + 3] = "{", weights[MAX_CATEGORIES * 12 + 3] = "{";
    size_t ni = 1, nw = 1;
    for (int i = 0; i < n; i++) {
        long h = 0;
        form_parse_hundredths(req_param(c->req, names[i]), &h);
        ni += (size_t)snprintf(ids + ni, sizeof ids - ni, "%s%ld", i ? "," : "",
                               db_long(res, i, CC_ID));
        nw += (size_t)snprintf(weights + nw, sizeof weights - nw, "%s%ld.%02ld", i ? "," : "",
                               h / 100, h % 100);
    }
    PQclear(res);
    snprintf(ids + ni, sizeof ids - ni, "}");
    snprintf(weights + nw, sizeof weights - nw, "}");
    if (weights_store(c, org->org_id, ids, weights) != 200)
        return 500;
    c->org_id = org->org_id;
    char where[64];
    snprintf(where, sizeof where, "/weights?org_id=%ld&saved=1", org->org_id);
    resp_redirect(c->resp, where);
    return 303;
}
