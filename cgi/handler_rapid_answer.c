/* handler_rapid_answer.c - a respondent's one screen for a rapid advisory request
 * (rapid.h): GET /rapid/requests/:id shows the question (CVE, title, who asks, the
 * deadline) and the answer form, pre-filled with the answer so far; POST stores it through
 * advisory_answer_save (rapid_answer.c) or shows the field-level reasons. Once the answer is
 * "affected" the page offers a vulnerability report pre-filled with the CVE, the title and
 * the products (GET /vulnerabilities/new?rapid=<id>, rapid_vulnerability_prefill). Only
 * the asked organisation's people who answer for it see the screen. */
#include "rapid.h"
#include "view.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Columns of the request's statement. */
enum request_column {
    RQC_ID,
    RQC_ORG_ID,
    RQC_ORG,
    RQC_CVE,
    RQC_TITLE,
    RQC_ASKER,
    RQC_DEADLINE,
    RQC_OVERDUE,
    RQC_CHOICES, /* JSON array of product names */
    RQC_ANSWER,
    RQC_PRODUCTS, /* JSON array of the chosen ones */
    RQC_MITIGATIONS,
    RQC_FIX_DATE,
    RQC_CONTACT,
    RQC_NOTES,
    RQC_ANSWERED_AT,
    RQC_COUNT,
};

struct rapid_request_page {
    PGresult *row; /* enum request_column */
    json_t *choices, *chosen;
};

static void request_page_free(struct rapid_request_page *r)
{
    if (r->row)
        PQclear(r->row);
    json_decref(r->choices);
    json_decref(r->chosen);
}

/* Reads request id for someone who answers for its organisation. Returns 200, 404 or 500. */
static int request_page_load(struct ctx *c, long id, struct rapid_request_page *r)
{
    memset(r, 0, sizeof *r);
    char rid[24];
    snprintf(rid, sizeof rid, "%ld", id);
    const char *p[] = {rid};
    if (db_exec(c->db, &r->row,
                "SELECT q.id, q.org_id, o.name, c.cve, c.title, asker.name, "
                "  to_char(c.deadline AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "
                "  c.deadline < now(), array_to_json(c.products)::text, coalesce(q.answer, ''), "
                "  array_to_json(q.products)::text, q.mitigations, "
                "  coalesce(to_char(q.fix_date, 'YYYY-MM-DD'), ''), q.contact, q.notes, "
                "  coalesce(to_char(q.answered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), '') "
                "FROM rapid_requests q JOIN rapid_campaigns c ON c.id = q.campaign_id "
                "JOIN organisations o ON o.id = q.org_id "
                "JOIN organisations asker ON asker.id = c.org_id "
                "WHERE q.id = $1 AND q.org_id IN (SELECT app.member_orgs())",
                1, p) != DB_OK)
        return 500;
    if (PQntuples(r->row) != 1 ||
        !session_org(c->sess, db_long(r->row, 0, RQC_ORG_ID), ROLES_RAPID_ANSWER))
        return 404;
    json_error_t e;
    r->choices = json_loads(db_text(r->row, 0, RQC_CHOICES), 0, &e);
    r->chosen = json_loads(db_text(r->row, 0, RQC_PRODUCTS), 0, &e);
    return r->choices && r->chosen ? 200 : 500;
}

/* 1 when name is in the JSON array of names. */
static int in_names(json_t *names, const char *name)
{
    size_t i;
    json_t *n;
    json_array_foreach(names, i, n) if (strcmp(json_string_value(n), name) == 0) return 1;
    return 0;
}

/* The page; with submitted != 0 the form shows what was sent instead of what is stored. */
static void request_page_to_hdf(struct ctx *c, const struct rapid_request_page *r, int submitted)
{
    HDF *hdf = c->req->hdf;
    static const char *const names[RQC_COUNT] = {"Id",      "OrgId",   "Org",      "Cve",
                                                 "Title",   "Asker",   "Deadline", "Overdue",
                                                 "Choices", "Answer",  "Products", "Mitigations",
                                                 "FixDate", "Contact", "Notes",    "AnsweredAt"};
    portal_rows(c, "Request", r->row, names, RQC_COUNT);
    size_t i;
    json_t *name;
    json_array_foreach(r->choices, i, name)
    {
        char key[64], field[32];
        snprintf(field, sizeof field, "product_%zu", i);
        snprintf(key, sizeof key, "Choices.%zu.Name", i);
        view_set(hdf, key, json_string_value(name));
        snprintf(key, sizeof key, "Choices.%zu.Field", i);
        view_set(hdf, key, field);
        const char *sent = req_param(c->req, field);
        int on = submitted ? sent && strcmp(sent, "1") == 0
                           : in_names(r->chosen, json_string_value(name));
        snprintf(key, sizeof key, "Form.Values.%s", field);
        view_set(hdf, key, on ? "1" : "");
    }
    if (submitted)
        return; /* the fields' values are the submitted ones (set by the handler) */
    if (json_array_size(r->choices) == 0) {
        /* started by hand: the products as typed, one a line */
        char *text = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&text, &len);
        json_array_foreach(r->chosen, i, name) if (f)
            fprintf(f, "%s%s", i ? "\n" : "", json_string_value(name));
        if (f)
            fclose(f);
        view_set(hdf, "Form.Values.products_text", text ? text : "");
        free(text);
    }
    static const struct {
        const char *field;
        enum request_column col;
    } values[] = {{"answer", RQC_ANSWER},
                  {"mitigations", RQC_MITIGATIONS},
                  {"fix_date", RQC_FIX_DATE},
                  {"contact", RQC_CONTACT},
                  {"notes", RQC_NOTES}};
    for (size_t k = 0; k < sizeof values / sizeof values[0]; k++) {
        char key[64];
        snprintf(key, sizeof key, "Form.Values.%s", values[k].field);
        view_set(hdf, key, db_text(r->row, 0, (int)values[k].col));
    }
    if (!*db_text(r->row, 0, RQC_CONTACT))
        view_setf(hdf, "Form.Values.contact", "%s <%s>", c->sess->display_name, c->sess->email);
}

static int request_page_show(struct ctx *c, const struct rapid_request_page *r, int submitted,
                             int status)
{
    c->org_id = db_long(r->row, 0, RQC_ORG_ID);
    request_page_to_hdf(c, r, submitted);
    portal_page(c, "rapid/answer.cs", "rapid_answer");
    return status;
}

int handle_rapid_request(struct ctx *c)
{
    struct rapid_request_page r;
    int status = request_page_load(c, c->id, &r);
    if (status == 200) {
        const char *saved = req_param(c->req, "saved");
        if (saved)
            view_set(c->req->hdf, "Flash", saved);
        status = request_page_show(c, &r, 0, 200);
    }
    request_page_free(&r);
    return status;
}

/* The products typed one a line (a campaign started by hand offers no choices) into
 * products, pointing into lines (a copy of the field to free); blank lines are skipped. */
static void products_typed(const char *text, char **lines, const char **products,
                           struct advisory_answer *a)
{
    *lines = strdup(text ? text : "");
    for (char *save = NULL, *line = *lines ? strtok_r(*lines, "\n", &save) : NULL; line;
         line = strtok_r(NULL, "\n", &save)) {
        line[strcspn(line, "\r")] = '\0';
        while (*line == ' ' || *line == '\t')
            line++;
        if (*line && a->n_products < RAPID_MAX_PRODUCTS)
            products[a->n_products++] = line;
    }
}

/* The choice named name (pointing into choices), or NULL when there is none. */
static const char *choice_named(json_t *choices, const char *name)
{
    size_t i;
    json_t *choice;
    json_array_foreach(choices, i, choice) if (strcmp(json_string_value(choice), name) ==
                                               0) return json_string_value(choice);
    return NULL;
}

/* The form's answer: products are the chosen among choices (names point into choices), or
 * those typed when there are no choices (pointing into *lines, to free). Where there are
 * choices, products may also come by name, one a line in products_text (as the JSON API
 * sends them); a name that is not a choice is the field's error. Returns 0, or 422. */
static int answer_from_form(struct ctx *c, json_t *choices, const char **products, char **lines,
                            struct advisory_answer *a)
{
    *lines = NULL;
    const char *fields[] = {"answer", "mitigations", "fix_date", "contact", "notes"};
    const char *v[5];
    for (int i = 0; i < 5; i++) {
        v[i] = req_param(c->req, fields[i]);
        char key[64];
        snprintf(key, sizeof key, "Form.Values.%s", fields[i]);
        view_set(c->req->hdf, key, v[i] ? v[i] : "");
    }
    *a = (struct advisory_answer){v[0] ? v[0] : "", products,         0,
                                  v[1] ? v[1] : "", v[2] ? v[2] : "", v[3] ? v[3] : "",
                                  v[4] ? v[4] : ""};
    size_t i;
    json_t *name;
    json_array_foreach(choices, i, name)
    {
        char field[32];
        snprintf(field, sizeof field, "product_%zu", i);
        const char *on = req_param(c->req, field);
        if (on && strcmp(on, "1") == 0 && a->n_products < RAPID_MAX_PRODUCTS)
            products[a->n_products++] = json_string_value(name);
    }
    const char *typed = req_param(c->req, "products_text");
    if (json_array_size(choices) == 0) {
        view_set(c->req->hdf, "Form.Values.products_text", typed ? typed : "");
        products_typed(typed, lines, products, a);
        return 0;
    }
    if (!typed)
        return 0;
    const char *named[RAPID_MAX_PRODUCTS];
    struct advisory_answer by_name = {.n_products = 0};
    products_typed(typed, lines, named, &by_name);
    for (size_t k = 0; k < by_name.n_products; k++) {
        const char *choice = choice_named(choices, named[k]);
        if (!choice) {
            portal_form_error(c, "products", "not_a_choice");
            return 422;
        }
        int seen = 0;
        for (size_t j = 0; j < a->n_products; j++)
            seen |= products[j] == choice;
        if (!seen && a->n_products < RAPID_MAX_PRODUCTS)
            products[a->n_products++] = choice;
    }
    return 0;
}

int handle_rapid_answer(struct ctx *c)
{
    struct rapid_request_page r;
    int status = request_page_load(c, c->id, &r);
    if (status != 200) {
        request_page_free(&r);
        return status;
    }
    const char *products[RAPID_MAX_PRODUCTS];
    struct advisory_answer a;
    char *lines;
    struct advisory_answer_errors errors = {.n = 0};
    status = answer_from_form(c, r.choices, products, &lines, &a);
    if (status == 0)
        status = advisory_answer_save(c->db, c->sess->user_id, c->id, &a, &errors);
    free(lines);
    if (status == 0) {
        char where[64];
        snprintf(where, sizeof where, "/rapid/requests/%ld?saved=answered", c->id);
        resp_redirect(c->resp, where);
        status = 303;
    } else if (status == 422) {
        for (size_t i = 0; i < errors.n; i++)
            portal_form_error(c, errors.e[i].field, errors.e[i].key);
        status = request_page_show(c, &r, 1, 422);
    }
    request_page_free(&r);
    return status;
}

/* ---- the vulnerability report an "affected" answer offers ---- */

int rapid_vulnerability_prefill(struct ctx *c, long request_id)
{
    struct rapid_request_page r;
    int status = request_page_load(c, request_id, &r);
    if (status == 200) {
        HDF *hdf = c->req->hdf;
        view_setf(hdf, "Form.Values.description", "%s: %s", db_text(r.row, 0, RQC_CVE),
                  db_text(r.row, 0, RQC_TITLE));
        char *location = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&location, &len);
        size_t i;
        json_t *name;
        json_array_foreach(r.chosen, i, name) if (f)
            fprintf(f, "%s%s", i ? "\n" : "", json_string_value(name));
        if (f)
            fclose(f);
        view_set(hdf, "Form.Values.location", location ? location : "");
        free(location);
        view_set_int(hdf, "Form.Values.org_id", db_long(r.row, 0, RQC_ORG_ID));
        view_set(hdf, "Form.FromRapid", db_text(r.row, 0, RQC_CVE));
    }
    request_page_free(&r);
    return status;
}
