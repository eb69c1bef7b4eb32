/* handler_assessment.c - answering an assessment: the list of assessments a user can
 * see, starting a self-assessment of one catalogue category, the answer form (levels 0-5,
 * not applicable with a justification, evidence notes and files, own questions), saving
 * drafts without overwriting a colleague's concurrent edit, and submitting when complete. */
#include "answers.h"
#include "assessment.h"
#include "evidence.h"
#include "form.h"
#include "log.h"
#include "portal.h"
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Columns of the assessment list's statement. */
enum assessment_list_column {
    ALC_ID,
    ALC_ORG,
    ALC_TITLE,
    ALC_STATUS,
    ALC_UPDATED,
    ALC_DUE_DATE,
    ALC_TOTAL,
    ALC_ANSWERED,
    ALC_OWN,
    ALC_OVERDUE,
    ALC_ORG_ID,
    ALC_OWNER_ORG_ID, /* the questionnaire's owner: the campaign's, or the respondent */
};
/* Columns of the statement of the categories a self-assessment may cover. */
enum category_choice_column { CCC_CODE, CCC_NAME };

/* The list page: the assessments the user can see, and the categories a self-assessment
 * may cover (NULL unless the user may start one). */
struct assessment_list {
    PGresult *rows;       /* enum assessment_list_column */
    PGresult *categories; /* enum category_choice_column */
};

static void assessment_list_free(struct assessment_list *l)
{
    if (l->rows)
        PQclear(l->rows);
    if (l->categories)
        PQclear(l->categories);
    l->rows = l->categories = NULL;
}

/* Reads the list, and the categories when may_start. Returns 200 or 500. */
static int assessment_list_load(struct ctx *c, int may_start, struct assessment_list *l)
{
    memset(l, 0, sizeof *l);
    /* row-level security limits this to what the user may see */
    if (db_exec(c->db, &l->rows,
                "SELECT a.id, o.name, coalesce(cp.title, q.title), a.status, "
                "  to_char(a.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "
                "  coalesce(to_char(cp.due_date, 'YYYY-MM-DD'), ''), "
                "  (SELECT count(*) FROM questionnaire_items WHERE questionnaire_id = q.id), "
                "  app.assessment_answered(a.id), "
                "  a.org_id IN (SELECT app.member_orgs()), "
                "  cp.due_date < current_date AND a.status IN ('draft', 'returned'), "
                "  a.org_id, q.owner_org_id "
                "FROM assessments a JOIN organisations o ON o.id = a.org_id "
                "JOIN questionnaires q ON q.id = a.questionnaire_id "
                "LEFT JOIN campaigns cp ON cp.id = a.campaign_id "
                "ORDER BY a.updated_at DESC LIMIT 1000",
                0, NULL) != DB_OK)
        return 500;
    if (may_start && db_exec(c->db, &l->categories,
                             "SELECT cat.code, f.name || ' · ' || cat.name "
                             "  FROM catalogue_categories cat "
                             "  JOIN catalogue_functions f ON f.id = cat.function_id "
                             " WHERE f.edition_id = (SELECT max(id) FROM catalogue_editions) "
                             " ORDER BY f.position, cat.position",
                             0, NULL) != DB_OK)
        return 500;
    return 200;
}

/* Assessments.N; and when a self-assessment may be started, Categories.N and the
 * organisations it may be for (EditableOrgs.N). */
static void assessment_list_to_hdf(struct ctx *c, const struct assessment_list *l)
{
    HDF *hdf = c->req->hdf;
    static const struct {
        const char *name;
        enum assessment_list_column col;
        int flag; /* a boolean: "1" or "" */
    } cols[] = {
        {"Id", ALC_ID, 0},           {"Org", ALC_ORG, 0},
        {"Title", ALC_TITLE, 0},     {"Status", ALC_STATUS, 0},
        {"Updated", ALC_UPDATED, 0}, {"DueDate", ALC_DUE_DATE, 0},
        {"Total", ALC_TOTAL, 0},     {"Answered", ALC_ANSWERED, 0},
        {"Own", ALC_OWN, 1},         {"Overdue", ALC_OVERDUE, 1},
        {"OrgId", ALC_ORG_ID, 0},    {"OwnerOrgId", ALC_OWNER_ORG_ID, 0},
    };
    for (int i = 0; i < PQntuples(l->rows); i++) {
        char key[64];
        snprintf(key, sizeof key, "Assessments.%d", i);
        HDF *row;
        if (hdf_get_node(hdf, key, &row) != STATUS_OK)
            continue;
        for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++) {
            const char *v = db_text(l->rows, i, (int)cols[k].col);
            view_set(row, cols[k].name, cols[k].flag ? (strcmp(v, "t") == 0 ? "1" : "") : v);
        }
    }
    if (!l->categories)
        return;
    for (int i = 0; i < PQntuples(l->categories); i++) {
        char key[64];
        snprintf(key, sizeof key, "Categories.%d.Code", i);
        view_set(hdf, key, db_text(l->categories, i, CCC_CODE));
        snprintf(key, sizeof key, "Categories.%d.Name", i);
        view_set(hdf, key, db_text(l->categories, i, CCC_NAME));
    }
    int k = 0;
    for (int i = 0; i < c->sess->n_orgs; i++) {
        if (!(c->sess->orgs[i].roles & ROLES_EDITORS))
            continue;
        char key[64];
        snprintf(key, sizeof key, "EditableOrgs.%d.Id", k);
        view_set_int(hdf, key, c->sess->orgs[i].org_id);
        snprintf(key, sizeof key, "EditableOrgs.%d.Name", k++);
        view_set(hdf, key, c->sess->orgs[i].org_name);
    }
}

int handle_assessments(struct ctx *c)
{
    struct assessment_list l;
    int status = assessment_list_load(c, session_first_org(c->sess, ROLES_EDITORS) != NULL, &l);
    if (status == 200) {
        assessment_list_to_hdf(c, &l);
        portal_page(c, "assessment/list.cs", "assessments");
    }
    assessment_list_free(&l);
    return status;
}

/* Columns of the statement that finds a self-assessment's category. */
enum self_category_column { SCC_ID, SCC_EDITION_ID, SCC_NAME, SCC_QUESTIONNAIRE_ID };
/* The one column of the statements that return a row's id. */
enum { ID_COLUMN };

/* The category a self-assessment covers, and the organisation's questionnaire of it. */
struct self_assessment {
    char category[24], edition[24], title[UTF8_BUF(200)];
    long questionnaire; /* 0 until the organisation has one */
};

/* Reads category code of the latest edition and organisation oid's newest questionnaire of
 * it. Returns 200, 404 when there is no such category, or 500. */
static int self_assessment_load(struct ctx *c, const char *oid, const char *code,
                                struct self_assessment *sa)
{
    const char *p[] = {oid, code ? code : ""};
    PGresult *res;
    if (db_exec(c->db, &res,
                "SELECT cat.id, f.edition_id, cat.code || ' ' || cat.name, "
                "  (SELECT q.id FROM questionnaires q WHERE q.owner_org_id = $1::bigint "
                "     AND q.title = 'Self-assessment ' || cat.code || ' ' || cat.name "
                "     AND q.edition_id = f.edition_id ORDER BY q.version DESC LIMIT 1) "
                "FROM catalogue_categories cat JOIN catalogue_functions f "
                "  ON f.id = cat.function_id "
                "WHERE cat.code = $2 AND f.edition_id = (SELECT max(id) FROM catalogue_editions)",
                2, p) != DB_OK)
        return 500;
    if (PQntuples(res) != 1) {
        PQclear(res);
        return 404;
    }
    snprintf(sa->category, sizeof sa->category, "%s", db_text(res, 0, SCC_ID));
    snprintf(sa->edition, sizeof sa->edition, "%s", db_text(res, 0, SCC_EDITION_ID));
    snprintf(sa->title, sizeof sa->title, "Self-assessment %s", db_text(res, 0, SCC_NAME));
    sa->questionnaire = db_long(res, 0, SCC_QUESTIONNAIRE_ID);
    PQclear(res);
    return 200;
}

/* Makes the organisation's questionnaire of the category's sub-categories, frozen at
 * once. Returns DB_OK or an error. */
static int self_questionnaire_store(struct ctx *c, const char *oid, const char *uid,
                                    struct self_assessment *sa)
{
    const char *q[] = {oid, sa->edition, sa->title, uid};
    PGresult *res;
    int rc = db_exec(c->db, &res,
                     "INSERT INTO questionnaires (owner_org_id, edition_id, title, created_by) "
                     "VALUES ($1, $2, $3, $4) RETURNING id",
                     4, q);
    if (rc != DB_OK)
        return rc;
    sa->questionnaire = db_long(res, 0, ID_COLUMN);
    PQclear(res);
    char qid[24];
    snprintf(qid, sizeof qid, "%ld", sa->questionnaire);
    const char *r[] = {qid, sa->category};
    rc = db_exec(c->db, NULL,
                 "INSERT INTO questionnaire_items (questionnaire_id, position, kind, "
                 "  subcategory_id) SELECT $1, position, 'subcategory', id "
                 "FROM catalogue_subcategories WHERE category_id = $2",
                 2, r);
    if (rc == DB_OK)
        rc =
            db_exec(c->db, NULL, "UPDATE questionnaires SET frozen_at = now() WHERE id = $1", 1, r);
    return rc;
}

/* The organisation's open self-assessment of the questionnaire into *id, started (and
 * audited) when there is none. Returns DB_OK or an error. */
static int self_assessment_store(struct ctx *c, const struct membership *org, const char *uid,
                                 const struct self_assessment *sa, long *id)
{
    char oid[24], qid[24];
    snprintf(oid, sizeof oid, "%ld", org->org_id);
    snprintf(qid, sizeof qid, "%ld", sa->questionnaire);
    const char *s[] = {oid, qid, uid};
    PGresult *res;
    int rc = db_exec(c->db, &res,
                     "SELECT id FROM assessments WHERE org_id = $1 AND questionnaire_id = $2 "
                     "AND campaign_id IS NULL AND status IN ('draft', 'returned')",
                     2, s);
    if (rc != DB_OK)
        return rc;
    *id = PQntuples(res) ? db_long(res, 0, ID_COLUMN) : 0;
    PQclear(res);
    if (*id)
        return DB_OK;
    rc = db_exec(c->db, &res,
                 "INSERT INTO assessments (org_id, questionnaire_id, created_by) "
                 "VALUES ($1, $2, $3) RETURNING id",
                 3, s);
    if (rc != DB_OK)
        return rc;
    *id = db_long(res, 0, ID_COLUMN);
    PQclear(res);
    return db_audit(c->db, c->sess->user_id, org->org_id, "create", "assessment", *id, NULL);
}

/* A self-assessment of one category: the organisation's own one-category questionnaire
 * (made and frozen on first use) and an open assessment of it. */
int handle_assessment_start(struct ctx *c)
{
    const struct membership *org = portal_acting_org(c, ROLES_EDITORS);
    if (!org)
        return 403;
    c->org_id = org->org_id;
    char oid[24], uid[24];
    snprintf(oid, sizeof oid, "%ld", org->org_id);
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    struct self_assessment sa;
    int status = self_assessment_load(c, oid, req_param(c->req, "category"), &sa);
    if (status == 404) {
        portal_form_error(c, "category", "not_a_choice");
        status = handle_assessments(c);
        return status == 200 ? 422 : status;
    }
    if (status != 200)
        return status;
    long id = 0;
    if ((!sa.questionnaire && self_questionnaire_store(c, oid, uid, &sa) != DB_OK) ||
        self_assessment_store(c, org, uid, &sa, &id) != DB_OK)
        return 500;
    char where[64];
    snprintf(where, sizeof where, "/assessments/%ld", id);
    resp_redirect(c->resp, where);
    return 303;
}

int handle_assessment_show(struct ctx *c)
{
    struct assessment a;
    int status = assessment_load(c, c->id, &a);
    if (status == 200)
        status = assessment_load_page(c, &a);
    if (status == 200)
        status = assessment_to_hdf(c, &a, 0);
    assessment_free(&a);
    if (status != 200)
        return status;
    const char *flash = req_param(c->req, "saved");
    if (flash)
        view_set(c->req->hdf, "Flash", flash);
    portal_page(c, "assessment/form.cs", "assessment");
    return 200;
}

static const char *param_of(struct ctx *c, const char *prefix, long id)
{
    char name[48];
    snprintf(name, sizeof name, "%s_%ld", prefix, id);
    const char *v = req_param(c->req, name);
    return v ? v : "";
}

/* What one item's form fields say (see struct item_input in answers.h). An item whose
 * version field was not sent is not part of the form and stays as stored. */
static void item_read(struct ctx *c, const struct assessment *a, int i, struct item_input *in)
{
    long id = db_long(a->items, i, IC_ID);
    char ver_name[40];
    snprintf(ver_name, sizeof ver_name, "ver_%ld", id);
    in->present = req_param(c->req, ver_name) != NULL;
    if (!in->present) {
        int stored_na = strcmp(db_text(a->items, i, IC_NA), "t") == 0;
        in->answered = strcmp(db_text(a->items, i, IC_TYPE), "maturity") == 0
                           ? (*db_text(a->items, i, IC_LEVEL) || stored_na)
                           : *db_text(a->items, i, IC_VALUE) != '\0';
        return;
    }
    in->level = param_of(c, "level", id);
    in->just = param_of(c, "just", id);
    in->notes = param_of(c, "notes", id);
    in->value = param_of(c, "value", id);
    in->ver = param_of(c, "ver", id);
    in->na = strcmp(param_of(c, "na", id), "1") == 0;
    in->confirm = strcmp(param_of(c, "confirm", id), "1") == 0;
    answers_compare(a, i, in);
    /* the hidden and checkbox fields come back too when the form is shown again */
    static const char *const kept[] = {"ver", "na", "confirm"};
    const char *values[] = {in->ver, in->na ? "1" : "", in->confirm ? "1" : ""};
    for (int k = 0; k < 3; k++) {
        char key[64];
        snprintf(key, sizeof key, "Form.Values.%s_%ld", kept[k], id);
        view_set(c->req->hdf, key, values[k]);
    }
}

/* After a conflict, the conflicting items' fields show what is stored now (with its
 * version), so the next save starts from the colleague's answer. */
static void conflicts_show_stored(struct ctx *c, const struct assessment *a)
{
    for (int i = 0; i < a->n_items; i++) {
        long id = db_long(a->items, i, IC_ID);
        char key[64];
        snprintf(key, sizeof key, "Form.Errors.level_%ld", id);
        const char *e = hdf_get_value(c->req->hdf, key, NULL);
        snprintf(key, sizeof key, "Form.Errors.value_%ld", id);
        const char *e2 = hdf_get_value(c->req->hdf, key, NULL);
        if (!(e && strcmp(e, "conflict") == 0) && !(e2 && strcmp(e2, "conflict") == 0))
            continue;
        assessment_item_stored_to_form(c->req->hdf, a, i);
    }
}

/* Checks every editable item; returns the number of problems (recorded in Form.Errors,
 * with what was typed in Form.Values), and in *missing how many of them are answers still
 * to give or carried-over answers to confirm. */
static size_t answers_check(struct ctx *c, const struct assessment *a, int submit,
                            struct item_input *inputs, size_t *missing)
{
    size_t bad = 0;
    *missing = 0;
    for (int i = 0; i < a->n_items; i++) {
        if (!assessment_item_editable(a, i))
            continue;
        struct item_input *in = &inputs[i];
        item_read(c, a, i, in);
        long id = db_long(a->items, i, IC_ID);
        char field[32];
        int maturity = strcmp(db_text(a->items, i, IC_TYPE), "maturity") == 0;
        int carried = strcmp(db_text(a->items, i, IC_CARRIED), "t") == 0;
        if (!in->present) {
            if (submit && (!in->answered || carried)) {
                snprintf(field, sizeof field, "%s_%ld", maturity ? "level" : "value", id);
                portal_form_error(c, field, in->answered ? "confirm_carried" : "required");
                bad++;
                (*missing)++;
            }
            continue;
        }
        const struct {
            const char *prefix, *value;
        } typed[] = {{"just", in->just},
                     {"notes", in->notes},
                     {maturity ? "level" : "value", maturity ? in->level : in->value}};
        for (size_t k = 0; k < sizeof typed / sizeof typed[0]; k++) {
            char key[64];
            snprintf(key, sizeof key, "Form.Values.%s_%ld", typed[k].prefix, id);
            view_set(c->req->hdf, key, typed[k].value);
        }
        struct answer_problem problems[ANSWER_MAX_PROBLEMS];
        size_t n = answers_check_item(a, i, in, submit, problems);
        for (size_t k = 0; k < n; k++) {
            snprintf(field, sizeof field, "%s_%ld", problems[k].field, id);
            portal_form_error(c, field, problems[k].key);
            *missing += strcmp(problems[k].key, "required") == 0 ||
                        strcmp(problems[k].key, "confirm_carried") == 0;
        }
        bad += n;
    }
    return bad;
}

/* Re-renders the form with what the user typed and the messages. */
static int answers_form_again(struct ctx *c, struct assessment *a, int status)
{
    int rc = assessment_load_page(c, a);
    if (rc == 200)
        rc = assessment_to_hdf(c, a, 1);
    portal_page(c, "assessment/form.cs", "assessment");
    return rc == 200 ? status : rc;
}

/* After a conflict the form again, its conflicting items showing what is stored now: what
 * was saved stays saved, and the conflicting items show the colleague's version. A save
 * changes only the items, so only they are read again. */
static int answers_conflict_again(struct ctx *c, struct assessment *a)
{
    if (assessment_load_items(c, a) != 200)
        return 500;
    view_set(c->req->hdf, "Form.Message", "conflict");
    conflicts_show_stored(c, a);
    return answers_form_again(c, a, 409);
}

/* Marks the assessment saved now, or submitted (its returned items resolved), and audits
 * it. Returns DB_OK or an error. */
static int assessment_save_store(struct ctx *c, const struct assessment *a, int submit)
{
    char aid[24], uid[24];
    snprintf(aid, sizeof aid, "%ld", a->id);
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    const char *p[] = {aid, uid};
    int rc = submit ? db_exec(c->db, NULL,
                              "UPDATE assessments SET status = 'submitted', submitted_at = now(), "
                              "submitted_by = $2, updated_at = now() WHERE id = $1",
                              2, p)
                    : db_exec(c->db, NULL,
                              "UPDATE assessments SET updated_at = now() WHERE id = $1", 1, p);
    if (rc == DB_OK && submit)
        rc = db_exec(c->db, NULL,
                     "UPDATE returned_items SET resolved_at = now() "
                     "WHERE assessment_id = $1 AND resolved_at IS NULL",
                     1, p);
    if (rc == DB_OK)
        rc = db_audit(c->db, c->sess->user_id, a->org_id, submit ? "submit" : "save_draft",
                      "assessment", a->id, NULL);
    return rc;
}

/* Checks the form against the assessment as loaded, then stores the answers and marks the
 * assessment saved; or shows the form again with the problems or conflicts. The files sent
 * with it are stored first, each on its own merits, so that a mistake elsewhere on the
 * form never loses them (the form again lists them as attached). A "remove" button on an
 * attached file removes it and saves the rest as a draft. */
static int assessment_save(struct ctx *c, struct assessment *a)
{
    const char *action = req_param(c->req, "action");
    const char *remove = req_param(c->req, "remove_file");
    int submit = !remove && action && strcmp(action, "submit") == 0;
    if (remove &&
        (!*remove || strspn(remove, "0123456789") != strlen(remove) || strlen(remove) > 18))
        return 400;
    if (remove && evidence_remove(c, a, remove) < 0)
        return 500;
    size_t refused;
    int kept = evidence_take_uploads(c, a, &refused);
    if (kept < 0)
        return 500;
    struct item_input *inputs = calloc((size_t)a->n_items + 1, sizeof *inputs);
    if (!inputs)
        return 500;
    size_t missing;
    size_t bad = answers_check(c, a, submit, inputs, &missing) + refused;
    int conflicts = bad ? 0 : answers_store(c, a, inputs);
    free(inputs);
    if (bad) {
        if (missing) /* otherwise the list of problems says what is wrong */
            view_set(c->req->hdf, "Form.Message", "incomplete");
        if (kept)
            view_set_int(c->req->hdf, "Form.FilesKept", kept);
        return answers_form_again(c, a, 422);
    }
    if (conflicts < 0)
        return 500;
    if (conflicts > 0)
        return answers_conflict_again(c, a);
    if (assessment_save_store(c, a, submit) != DB_OK)
        return 500;
    char where[80];
    snprintf(where, sizeof where, "/assessments/%ld?saved=%s", a->id,
             submit ? "submitted" : "draft");
    resp_redirect(c->resp, where);
    return 303;
}

/* POST /assessments/:id - the assessment is read once: the checks, the stores and (after a
 * problem) the form again all work from it. */
int handle_assessment_save(struct ctx *c)
{
    struct assessment a;
    int status = assessment_load(c, c->id, &a);
    if (status == 200 && !a.editable)
        status = 409; /* submitted, or not this user's to edit */
    if (status == 200)
        status = assessment_save(c, &a);
    assessment_free(&a);
    return status;
}
