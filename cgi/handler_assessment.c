/* handler_assessment.c - self-assessment of one catalogue category: the list of an
 * organisation's assessments (and, for a parent's reviewer, its children's submitted
 * ones), starting one, the answer form with draft/resume/submit, and the score. */
#include "form.h"
#include "log.h"
#include "portal.h"
#include "scoring.h"
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ITEMS 64
#define EDITORS (ROLE_ASSESSOR | ROLE_ORG_ADMIN)

/* "3,1,4" (answered levels) -> score text. */
static void score_from_list(const char *list, char *buf, size_t size)
{
    int levels[MAX_ITEMS];
    size_t n = 0;
    const char *p = list;
    while (*p && n < MAX_ITEMS) {
        char *end;
        long v = strtol(p, &end, 10);
        if (end == p)
            break;
        levels[n++] = (int)v;
        p = *end == ',' ? end + 1 : end;
    }
    scoring_format(scoring_category_tenths(levels, n), buf, size);
}

int handle_assessments(struct ctx *c)
{
    HDF *hdf = c->req->hdf;
    PGresult *res;
    /* Row-level security limits this to the user's organisations and the submitted
     * assessments of the organisations they oversee. */
    if (db_exec(c->db, &res,
                "SELECT a.id, o.name, cat.code, cat.name, a.status, "
                "       to_char(a.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "
                "       coalesce((SELECT string_agg(level::text, ',') FROM assessment_answers "
                "                  WHERE assessment_id = a.id), ''), "
                "       a.org_id IN (SELECT app.member_orgs()) "
                "  FROM assessments a JOIN organisations o ON o.id = a.org_id "
                "  JOIN catalogue_categories cat ON cat.id = a.category_id "
                " ORDER BY a.updated_at DESC LIMIT 500",
                0, NULL) != DB_OK)
        return 500;
    for (int i = 0; i < PQntuples(res); i++) {
        char key[64], score[16];
        snprintf(key, sizeof key, "Assessments.%d", i);
        HDF *row;
        if (hdf_get_node(hdf, key, &row) != STATUS_OK)
            continue;
        view_set(row, "Id", db_text(res, i, 0));
        view_set(row, "Org", db_text(res, i, 1));
        view_set(row, "CategoryCode", db_text(res, i, 2));
        view_set(row, "Category", db_text(res, i, 3));
        view_set(row, "Status", db_text(res, i, 4));
        view_set(row, "Updated", db_text(res, i, 5));
        score_from_list(db_text(res, i, 6), score, sizeof score);
        view_set(row, "Score", score);
        view_set(row, "Own", strcmp(db_text(res, i, 7), "t") == 0 ? "1" : "0");
    }
    PQclear(res);

    if (session_first_org(c->sess, EDITORS)) {
        if (db_exec(c->db, &res,
                    "SELECT cat.code, f.name || ' · ' || cat.name "
                    "  FROM catalogue_categories cat "
                    "  JOIN catalogue_functions f ON f.id = cat.function_id "
                    "  JOIN catalogue_editions e ON e.id = f.edition_id "
                    " WHERE e.id = (SELECT max(id) FROM catalogue_editions) "
                    " ORDER BY f.position, cat.position",
                    0, NULL) != DB_OK)
            return 500;
        for (int i = 0; i < PQntuples(res); i++) {
            char key[64];
            snprintf(key, sizeof key, "Categories.%d.Code", i);
            view_set(hdf, key, db_text(res, i, 0));
            snprintf(key, sizeof key, "Categories.%d.Name", i);
            view_set(hdf, key, db_text(res, i, 1));
        }
        PQclear(res);
        int k = 0;
        for (int i = 0; i < c->sess->n_orgs; i++) {
            if (!(c->sess->orgs[i].roles & EDITORS))
                continue;
            char key[64];
            snprintf(key, sizeof key, "EditableOrgs.%d.Id", k);
            view_set_int(hdf, key, c->sess->orgs[i].org_id);
            snprintf(key, sizeof key, "EditableOrgs.%d.Name", k++);
            view_set(hdf, key, c->sess->orgs[i].org_name);
        }
    }
    portal_page(c, "assessment/list.cs", "assessments");
    return 200;
}

/* The organisation a form acts for: the submitted org_id, or the only one possible. */
static const struct membership *acting_org(struct ctx *c, unsigned roles)
{
    const char *v = req_param(c->req, "org_id");
    if (v && *v)
        return session_org(c->sess, strtol(v, NULL, 10), roles);
    return session_first_org(c->sess, roles);
}

int handle_assessment_start(struct ctx *c)
{
    const struct membership *org = acting_org(c, EDITORS);
    const char *code = req_param(c->req, "category");
    if (!org)
        return 403;
    c->org_id = org->org_id;
    char oid[24];
    snprintf(oid, sizeof oid, "%ld", org->org_id);
    const char *p[] = {oid, code ? code : ""};
    PGresult *res;
    if (db_exec(c->db, &res,
                "SELECT cat.id, (SELECT a.id FROM assessments a WHERE a.org_id = $1::bigint "
                "                   AND a.category_id = cat.id AND a.status = 'draft') "
                "  FROM catalogue_categories cat "
                "  JOIN catalogue_functions f ON f.id = cat.function_id "
                " WHERE cat.code = $2 AND f.edition_id = (SELECT max(id) FROM catalogue_editions)",
                2, p) != DB_OK)
        return 500;
    if (PQntuples(res) != 1) {
        PQclear(res);
        view_set(c->req->hdf, "Form.Errors.category", "not_a_choice");
        int status = handle_assessments(c);
        return status == 200 ? 422 : status;
    }
    long draft = db_long(res, 0, 1);
    char cat[24], uid[24];
    snprintf(cat, sizeof cat, "%s", db_text(res, 0, 0));
    PQclear(res);
    if (!draft) {
        snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
        const char *q[] = {oid, cat, uid};
        if (db_exec(c->db, &res,
                    "INSERT INTO assessments (org_id, category_id, created_by) "
                    "VALUES ($1, $2, $3) RETURNING id",
                    3, q) != DB_OK)
            return 500;
        draft = db_long(res, 0, 0);
        PQclear(res);
        if (db_audit(c->db, c->sess->user_id, org->org_id, "create", "assessment", draft,
                     NULL) != DB_OK)
            return 500;
    }
    char where[64];
    snprintf(where, sizeof where, "/assessments/%ld", draft);
    resp_redirect(c->resp, where);
    return 303;
}

struct assessment {
    long id, org_id;
    char status[16];
    int editable;
    int n_items;
    long item_ids[MAX_ITEMS];
};

/* Loads the assessment (404 when row-level security hides it), its category, items,
 * mappings and answers into the HDF. Returns 200, 404 or 500. */
static int assessment_load(struct ctx *c, struct assessment *a, int keep_form_values)
{
    HDF *hdf = c->req->hdf;
    char id[24];
    snprintf(id, sizeof id, "%ld", c->id);
    const char *p[] = {id};
    PGresult *res;
    if (db_exec(c->db, &res,
                "SELECT a.id, a.org_id, o.name, a.status, cat.code, cat.name, cat.description, "
                "       f.name, to_char(a.submitted_at AT TIME ZONE 'UTC', "
                "                       'YYYY-MM-DD HH24:MI'), "
                "       (SELECT display_name FROM users WHERE id = a.submitted_by) "
                "  FROM assessments a JOIN organisations o ON o.id = a.org_id "
                "  JOIN catalogue_categories cat ON cat.id = a.category_id "
                "  JOIN catalogue_functions f ON f.id = cat.function_id WHERE a.id = $1",
                1, p) != DB_OK)
        return 500;
    if (PQntuples(res) != 1) {
        PQclear(res);
        return 404;
    }
    a->id = db_long(res, 0, 0);
    a->org_id = c->org_id = db_long(res, 0, 1);
    snprintf(a->status, sizeof a->status, "%s", db_text(res, 0, 3));
    a->editable = strcmp(a->status, "draft") == 0 && session_org(c->sess, a->org_id, EDITORS);
    view_set(hdf, "Assessment.Id", db_text(res, 0, 0));
    view_set(hdf, "Assessment.Org", db_text(res, 0, 2));
    view_set(hdf, "Assessment.Status", a->status);
    view_set(hdf, "Assessment.CategoryCode", db_text(res, 0, 4));
    view_set(hdf, "Assessment.Category", db_text(res, 0, 5));
    view_set(hdf, "Assessment.CategoryDescription", db_text(res, 0, 6));
    view_set(hdf, "Assessment.Function", db_text(res, 0, 7));
    view_set(hdf, "Assessment.SubmittedAt", db_text(res, 0, 8));
    view_set(hdf, "Assessment.SubmittedBy", db_text(res, 0, 9));
    view_set_int(hdf, "Assessment.Editable", a->editable);
    PQclear(res);

    if (db_exec(c->db, &res,
                "SELECT s.id, s.code, s.outcome, coalesce(ans.level::text, ''), "
                "       coalesce((SELECT string_agg(m.standard || "
                "                   CASE WHEN m.clause = '' THEN '' ELSE ' ' || m.clause END, "
                "                   '; ' ORDER BY m.position) "
                "                   FROM catalogue_mappings m WHERE m.subcategory_id = s.id), '') "
                "  FROM assessments a JOIN catalogue_subcategories s ON s.category_id = a.category_id "
                "  LEFT JOIN assessment_answers ans "
                "         ON ans.assessment_id = a.id AND ans.subcategory_id = s.id "
                " WHERE a.id = $1 ORDER BY s.position",
                1, p) != DB_OK)
        return 500;
    int levels[MAX_ITEMS];
    a->n_items = PQntuples(res) < MAX_ITEMS ? PQntuples(res) : MAX_ITEMS;
    int answered = 0;
    for (int i = 0; i < a->n_items; i++) {
        char key[64];
        snprintf(key, sizeof key, "Items.%d", i);
        HDF *row;
        if (hdf_get_node(hdf, key, &row) != STATUS_OK)
            continue;
        a->item_ids[i] = db_long(res, i, 0);
        const char *level = db_text(res, i, 3);
        levels[i] = *level ? atoi(level) : -1;
        answered += *level != '\0';
        view_setf(row, "Field", "level_%ld", a->item_ids[i]);
        view_set(row, "Code", db_text(res, i, 1));
        view_set(row, "Outcome", db_text(res, i, 2));
        view_set(row, "Level", level);
        view_set(row, "Mapping", db_text(res, i, 4));
        if (!keep_form_values) {
            snprintf(key, sizeof key, "Form.Values.level_%ld", a->item_ids[i]);
            view_set(hdf, key, level);
        }
    }
    PQclear(res);
    char score[16];
    scoring_format(scoring_category_tenths(levels, (size_t)a->n_items), score, sizeof score);
    view_set(hdf, "Assessment.Score", score);
    view_set_int(hdf, "Assessment.Answered", answered);
    view_set_int(hdf, "Assessment.Total", a->n_items);

    if (db_exec(c->db, &res, "SELECT level, name, meaning FROM maturity_levels ORDER BY level",
                0, NULL) != DB_OK)
        return 500;
    for (int i = 0; i < PQntuples(res); i++) {
        char key[64];
        snprintf(key, sizeof key, "Levels.%d.Level", i);
        view_set(hdf, key, db_text(res, i, 0));
        snprintf(key, sizeof key, "Levels.%d.Name", i);
        view_set(hdf, key, db_text(res, i, 1));
        snprintf(key, sizeof key, "Levels.%d.Meaning", i);
        view_set(hdf, key, db_text(res, i, 2));
    }
    PQclear(res);
    portal_page(c, "assessment/form.cs", "assessment");
    return 200;
}

int handle_assessment_show(struct ctx *c)
{
    struct assessment a;
    memset(&a, 0, sizeof a);
    if (req_param(c->req, "saved"))
        view_set(c->req->hdf, "Flash", req_param(c->req, "saved"));
    return assessment_load(c, &a, 0);
}

int handle_assessment_save(struct ctx *c)
{
    struct assessment a;
    memset(&a, 0, sizeof a);
    int status = assessment_load(c, &a, 1);
    if (status != 200)
        return status;
    if (!a.editable)
        return 409; /* submitted, or not this user's to edit */
    const char *action = req_param(c->req, "action");
    int submit = action && strcmp(action, "submit") == 0;

    struct field fields[MAX_ITEMS];
    char names[MAX_ITEMS][32];
    for (int i = 0; i < a.n_items; i++) {
        snprintf(names[i], sizeof names[i], "level_%ld", a.item_ids[i]);
        fields[i] = (struct field){names[i], FIELD_INT, submit, 0, 5, NULL};
    }
    if (portal_form_check(c, fields, (size_t)a.n_items) > 0) {
        if (submit)
            view_set(c->req->hdf, "Form.Message", "incomplete");
        return 422;
    }

    char aid[24], uid[24];
    snprintf(aid, sizeof aid, "%ld", a.id);
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    for (int i = 0; i < a.n_items; i++) {
        const char *v = req_param(c->req, names[i]);
        char sid[24];
        snprintf(sid, sizeof sid, "%ld", a.item_ids[i]);
        int rc;
        if (v && *v) {
            const char *p[] = {aid, sid, v, uid};
            rc = db_exec(c->db, NULL,
                         "INSERT INTO assessment_answers (assessment_id, subcategory_id, level, "
                         "updated_by) VALUES ($1, $2, $3, $4) "
                         "ON CONFLICT (assessment_id, subcategory_id) DO UPDATE "
                         "SET level = EXCLUDED.level, updated_by = EXCLUDED.updated_by, "
                         "    updated_at = now() "
                         "WHERE assessment_answers.level IS DISTINCT FROM EXCLUDED.level",
                         4, p);
        } else {
            const char *p[] = {aid, sid};
            rc = db_exec(c->db, NULL,
                         "DELETE FROM assessment_answers "
                         "WHERE assessment_id = $1 AND subcategory_id = $2",
                         2, p);
        }
        if (rc != DB_OK)
            return 500;
    }
    const char *p[] = {aid, uid};
    if (db_exec(c->db, NULL,
                submit ? "UPDATE assessments SET status = 'submitted', submitted_at = now(), "
                         "submitted_by = $2, updated_at = now() WHERE id = $1"
                       : "UPDATE assessments SET updated_at = now() WHERE id = $1",
                submit ? 2 : 1, p) != DB_OK ||
        db_audit(c->db, c->sess->user_id, a.org_id, submit ? "submit" : "save_draft",
                 "assessment", a.id, NULL) != DB_OK)
        return 500;
    char where[80];
    snprintf(where, sizeof where, "/assessments/%ld?saved=%s", a.id, submit ? "submitted" : "draft");
    resp_redirect(c->resp, where);
    return 303;
}
