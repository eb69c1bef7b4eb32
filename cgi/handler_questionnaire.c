/* handler_questionnaire.c - the questionnaire builder: a parent builds a questionnaire from
 * the catalogue (the whole framework, chosen functions or categories, the Annex B
 * essentials) plus any number of questions of its own, up to OWN_MAX. Without JavaScript:
 * "Add another question" and "Remove" are submit buttons that re-render the form with what
 * was typed; "Create" checks and stores it, then leads to sending it in a campaign. */
#include "form.h"
#include "portal.h"
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OWN_FIRST 3 /* empty slots of a new form */
#define OWN_MAX                                                                                    \
    50 /* questions of its own a questionnaire may have (Lang.Questionnaire.TooMany)               \
        */

static const char *const answer_types[] = {"text", "yesno", "choice", "number", NULL};

/* Columns of an INSERT's RETURNING id. */
enum { NEW_ID_COLUMN };

/* The questions of its own a form carries, in order: slot i is q<i+1>_text, _type and
 * _choices, "" when absent. */
struct own_question {
    const char *text, *type, *choices;
};

struct own_questions {
    int n;
    int too_many; /* the form asked for more than OWN_MAX */
    struct own_question q[OWN_MAX];
};

static const char *param_or_empty(struct ctx *c, const char *name)
{
    const char *v = req_param(c->req, name);
    return v ? v : "";
}

/* Reads the slots of the form: as many as its "questions" field says, or, from a form
 * without it, up to the last question text it has. */
static void own_questions_read(struct ctx *c, struct own_questions *oq)
{
    memset(oq, 0, sizeof *oq);
    const char *v = req_param(c->req, "questions");
    long n = v && *v ? strtol(v, NULL, 10) : 0;
    if (n <= 0)
        for (int i = 1; i <= OWN_MAX + 1; i++) {
            char name[24];
            snprintf(name, sizeof name, "q%d_text", i);
            if (*param_or_empty(c, name))
                n = i;
        }
    if (n > OWN_MAX) {
        oq->too_many = 1;
        n = OWN_MAX;
    }
    oq->n = (int)n;
    for (int i = 0; i < oq->n; i++) {
        char name[24];
        snprintf(name, sizeof name, "q%d_text", i + 1);
        oq->q[i].text = param_or_empty(c, name);
        snprintf(name, sizeof name, "q%d_type", i + 1);
        oq->q[i].type = param_or_empty(c, name);
        snprintf(name, sizeof name, "q%d_choices", i + 1);
        oq->q[i].choices = param_or_empty(c, name);
    }
}

/* Applies "add" (one more empty slot, unless at OWN_MAX) or "remove_<k>" (slot k goes,
 * those after it move up) to oq. */
static void own_questions_apply(struct own_questions *oq, const char *action)
{
    if (strcmp(action, "add") == 0) {
        if (oq->n >= OWN_MAX) {
            oq->too_many = 1;
            return;
        }
        oq->q[oq->n++] = (struct own_question){"", "", ""};
        return;
    }
    long k = strtol(action + strlen("remove_"), NULL, 10);
    if (k < 1 || k > oq->n)
        return;
    memmove(&oq->q[k - 1], &oq->q[k], (size_t)(oq->n - k) * sizeof *oq->q);
    oq->n--;
}

/* Puts the slots on the form coming back: Builder.Custom.N = N (from 1), their values, and
 * their number in Form.Values.questions. */
static void own_questions_to_hdf(struct ctx *c, const struct own_questions *oq)
{
    HDF *hdf = c->req->hdf;
    view_set_int(hdf, "Form.Values.questions", oq->n);
    for (int i = 0; i < oq->n; i++) {
        char key[64];
        snprintf(key, sizeof key, "Builder.Custom.%d", i);
        view_set_int(hdf, key, i + 1);
        snprintf(key, sizeof key, "Form.Values.q%d_text", i + 1);
        view_set(hdf, key, oq->q[i].text);
        snprintf(key, sizeof key, "Form.Values.q%d_type", i + 1);
        view_set(hdf, key, oq->q[i].type);
        snprintf(key, sizeof key, "Form.Values.q%d_choices", i + 1);
        view_set(hdf, key, oq->q[i].choices);
    }
    if (oq->too_many)
        view_set(hdf, "Form.Message", "too_many_questions");
}

/* Columns of the questionnaire builder's statement. */
enum builder_column { BC_FUNCTION_CODE, BC_FUNCTION, BC_ID, BC_CODE, BC_NAME, BC_ITEMS };

/* The questionnaire builder: the catalogue's functions and categories. */
struct builder {
    PGresult *categories; /* enum builder_column */
};

static int builder_load(struct ctx *c, struct builder *b)
{
    if (db_exec(c->db, &b->categories,
                "SELECT f.code, f.name, cat.id, cat.code, cat.name, "
                "  (SELECT count(*) FROM catalogue_subcategories s WHERE s.category_id = cat.id) "
                "FROM catalogue_functions f JOIN catalogue_categories cat "
                "  ON cat.function_id = f.id "
                "WHERE f.edition_id = (SELECT max(id) FROM catalogue_editions) "
                "ORDER BY f.position, cat.position",
                0, NULL) != DB_OK)
        return 500;
    return 200;
}

static void builder_to_hdf(struct ctx *c, const struct builder *b, const struct own_questions *oq)
{
    static const char *const names[] = {
        [BC_FUNCTION_CODE] = "FunctionCode",
        [BC_FUNCTION] = "Function",
        [BC_ID] = "Id",
        [BC_CODE] = "Code",
        [BC_NAME] = "Name",
        [BC_ITEMS] = "Items",
    };
    portal_rows(c, "Builder.Categories", b->categories, names, (int)(sizeof names / sizeof *names));
    for (int i = 0; answer_types[i]; i++) {
        char key[48];
        snprintf(key, sizeof key, "Builder.Types.%d", i);
        view_set(c->req->hdf, key, answer_types[i]);
    }
    own_questions_to_hdf(c, oq);
    portal_page(c, "campaign/questionnaire_new.cs", "questionnaire_new");
}

/* The builder page with oq's questions and status (200, or 422 for a form coming back). */
static int builder_show(struct ctx *c, const struct own_questions *oq, int status)
{
    struct builder b;
    int rc = builder_load(c, &b);
    if (rc != 200)
        return rc;
    builder_to_hdf(c, &b, oq);
    PQclear(b.categories);
    return status;
}

int handle_questionnaire_form(struct ctx *c)
{
    view_set(c->req->hdf, "Form.Values.target", "3");
    struct own_questions oq = {.n = OWN_FIRST};
    for (int i = 0; i < oq.n; i++)
        oq.q[i] = (struct own_question){"", "", ""};
    return builder_show(c, &oq, 200);
}

/* 1 when the checkbox name was ticked; also keeps it for the form coming back. */
static int ticked(struct ctx *c, const char *name)
{
    const char *v = req_param(c->req, name);
    int on = v && strcmp(v, "1") == 0;
    char key[64];
    snprintf(key, sizeof key, "Form.Values.%s", name);
    view_set(c->req->hdf, key, on ? "1" : "");
    return on;
}

/* Columns of the catalogue's categories a questionnaire is built from. */
enum catalogue_choice_column { CCC_ID, CCC_FUNCTION_CODE };

/* The latest edition's categories with their function's code, in catalogue order.
 * Returns 200 or 500. */
static int catalogue_choices_load(struct ctx *c, PGresult **cats)
{
    if (db_exec(c->db, cats,
                "SELECT cat.id, f.code FROM catalogue_categories cat JOIN catalogue_functions f "
                "  ON f.id = cat.function_id "
                "WHERE f.edition_id = (SELECT max(id) FROM catalogue_editions) "
                "ORDER BY f.position, cat.position",
                0, NULL) != DB_OK)
        return 500;
    return 200;
}

/* Whether category row i (enum catalogue_choice_column) is chosen: by itself, through its
 * whole function (fn_<code>), or through the whole framework (whole). */
static int category_chosen(struct ctx *c, PGresult *cats, int i, int whole)
{
    char name[32];
    snprintf(name, sizeof name, "cat_%s", db_text(cats, i, CCC_ID));
    int own = ticked(c, name);
    snprintf(name, sizeof name, "fn_%s", db_text(cats, i, CCC_FUNCTION_CODE));
    int function = ticked(c, name);
    return own || function || whole;
}

/* The chosen categories of cats as a PostgreSQL int[] literal into out; returns how many.
 * Keeps every ticked box for the form coming back. */
static int chosen_categories(struct ctx *c, PGresult *cats, int whole, char *out, size_t size)
{
    size_t used = (size_t)snprintf(out, size, "{");
    int n = 0;
    for (int i = 0; i < PQntuples(cats); i++)
        if (category_chosen(c, cats, i, whole) && used < size - 16) {
            used += (size_t)snprintf(out + used, size - used, "%s%s", used > 1 ? "," : "",
                                     db_text(cats, i, CCC_ID));
            n++;
        }
    snprintf(out + used, size - used, "}");
    return n;
}

/* Stores the questionnaire the form describes (already checked) for org_id: the chosen
 * categories' subcategories (chosen: an int[] literal), the Annex B items when with_b,
 * and the questions of its own in their order; and logs it. Its id goes to qid. Returns
 * 200 or 500. */
static int questionnaire_store(struct ctx *c, long org_id, const char *chosen, int with_b,
                               const struct own_questions *oq, char qid[24])
{
    char oid[24], uid[24];
    snprintf(oid, sizeof oid, "%ld", org_id);
    snprintf(uid, sizeof uid, "%ld", c->sess->user_id);
    const char *p[] = {oid, req_param(c->req, "title"), uid};
    PGresult *res;
    if (db_exec(c->db, &res,
                "INSERT INTO questionnaires (owner_org_id, edition_id, title, created_by) "
                "VALUES ($1, (SELECT max(id) FROM catalogue_editions), $2, $3) RETURNING id",
                3, p) != DB_OK)
        return 500;
    snprintf(qid, 24, "%s", db_text(res, 0, NEW_ID_COLUMN));
    PQclear(res);
    const char *q[] = {qid, chosen, req_param(c->req, "target"), with_b ? "t" : "f"};
    if (db_exec(c->db, NULL,
                "INSERT INTO questionnaire_items (questionnaire_id, position, kind, "
                "  subcategory_id, default_target) "
                "SELECT $1, row_number() OVER (ORDER BY f.position, cat.position, s.position), "
                "  'subcategory', s.id, $3::int "
                "FROM catalogue_subcategories s JOIN catalogue_categories cat "
                "  ON cat.id = s.category_id JOIN catalogue_functions f ON f.id = cat.function_id "
                "WHERE cat.id = ANY ($2::int[])",
                3, q) != DB_OK ||
        db_exec(c->db, NULL,
                "INSERT INTO questionnaire_items (questionnaire_id, position, kind, "
                "  management_item_id, default_target) "
                "SELECT $1, 1000 + row_number() OVER (ORDER BY m.kind DESC, m.position), "
                "  'management', m.id, $2::int FROM management_items m "
                "WHERE $3::boolean AND m.edition_id = (SELECT max(id) FROM catalogue_editions)",
                3, (const char *[]){qid, q[2], q[3]}) != DB_OK)
        return 500;
    for (int i = 0, pos = 2000; i < oq->n; i++) {
        const struct own_question *o = &oq->q[i];
        if (!*o->text)
            continue; /* a slot left empty is no question */
        char posn[16];
        snprintf(posn, sizeof posn, "%d", pos++);
        const char *r[] = {qid, posn, o->text, o->type,
                           strcmp(o->type, "choice") == 0 ? o->choices : ""};
        if (db_exec(c->db, NULL,
                    "INSERT INTO questionnaire_items (questionnaire_id, position, kind, "
                    "  question, answer_type, choices) "
                    "VALUES ($1, $2, 'custom', $3, $4, CASE WHEN $5 = '' THEN '{}'::text[] "
                    "  ELSE ARRAY(SELECT btrim(x) FROM unnest(string_to_array($5, ',')) x "
                    "             WHERE btrim(x) <> '') END)",
                    5, r) != DB_OK)
            return 500;
    }
    if (db_audit(c->db, c->sess->user_id, org_id, "create", "questionnaire", atol(qid), NULL) !=
        DB_OK)
        return 500;
    return 200;
}

/* Checks the title, target and every slot of oq against the form's table of fields, then
 * the rules that span fields (a type for each question, two choices for a choice); the
 * number of questions with a text goes to customs. Returns the number of errors. */
static size_t builder_form_check(struct ctx *c, const struct own_questions *oq, int *customs)
{
    struct field fields[2 + 3 * OWN_MAX] = {
        {"title", FIELD_TEXT, 1, 3, 200, NULL},
        {"target", FIELD_INT, 1, 0, 5, NULL},
    };
    char names[3 * OWN_MAX][24];
    size_t n = 2;
    for (int i = 1; i <= oq->n; i++) {
        snprintf(names[3 * i - 3], 24, "q%d_text", i);
        snprintf(names[3 * i - 2], 24, "q%d_type", i);
        snprintf(names[3 * i - 1], 24, "q%d_choices", i);
        fields[n++] = (struct field){names[3 * i - 3], FIELD_TEXT, 0, 3, 1000, NULL};
        fields[n++] = (struct field){names[3 * i - 2], FIELD_CHOICE, 0, 0, 0, answer_types};
        fields[n++] = (struct field){names[3 * i - 1], FIELD_TEXT, 0, 0, 1000, NULL};
    }
    size_t bad = portal_form_check(c, fields, n);
    *customs = 0;
    for (int i = 0; i < oq->n; i++) {
        const struct own_question *o = &oq->q[i];
        if (!*o->text)
            continue;
        (*customs)++;
        if (!*o->type) {
            portal_form_error(c, names[3 * i + 1], "required");
            bad++;
        }
        if (strcmp(o->type, "choice") == 0 && !strchr(o->choices, ',')) {
            portal_form_error(c, names[3 * i + 2], "two_choices");
            bad++;
        }
    }
    return bad;
}

int handle_questionnaire_create(struct ctx *c)
{
    const struct membership *org = portal_acting_org(c, ROLES_MANAGERS);
    if (!org)
        return 403;
    c->org_id = org->org_id;
    struct own_questions oq;
    own_questions_read(c, &oq);
    PGresult *cats;
    if (catalogue_choices_load(c, &cats) != 200)
        return 500;
    int whole = ticked(c, "whole");
    char chosen[2048];
    int n_chosen = chosen_categories(c, cats, whole, chosen, sizeof chosen);
    PQclear(cats);
    int with_b = ticked(c, "annex_b");

    const char *action = req_param(c->req, "action");
    if (action && (strcmp(action, "add") == 0 || strncmp(action, "remove_", 7) == 0)) {
        /* not yet a questionnaire: the same form again, one question more or less */
        view_set(c->req->hdf, "Form.Values.title", param_or_empty(c, "title"));
        view_set(c->req->hdf, "Form.Values.target", param_or_empty(c, "target"));
        own_questions_apply(&oq, action);
        return builder_show(c, &oq, oq.too_many ? 422 : 200);
    }

    int customs;
    size_t bad = builder_form_check(c, &oq, &customs);
    if (oq.too_many)
        bad++;
    if (!n_chosen && !with_b && !customs && !oq.too_many) {
        view_set(c->req->hdf, "Form.Message", "empty_questionnaire");
        bad++;
    }
    if (bad)
        return builder_show(c, &oq, 422);
    char qid[24];
    int rc = questionnaire_store(c, org->org_id, chosen, with_b, &oq, qid);
    if (rc != 200)
        return rc;
    char where[96];
    snprintf(where, sizeof where, "/campaigns/new?questionnaire=%s&saved=questionnaire", qid);
    resp_redirect(c->resp, where);
    return 303;
}
