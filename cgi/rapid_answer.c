/* rapid_answer.c - the one place an answer to a rapid advisory request is checked and
 * stored (rapid.h), whether it comes from the respondent's screen (handler_rapid_answer.c)
 * or a supplier's tool through the JSON API: every field checked against its declaration,
 * products only among the campaign's choices (any one-line names when it offers none), a refused
 * field named with its message key, nothing stored unless all of it is right. The first answer's
 * time stays the time to answer; a later change keeps it. */
#include "rapid.h"

#include "form.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *const rapid_answers[] = {"affected", "not_affected", "investigating", NULL};

static const struct field answer_fields[] = {
    {"answer", FIELD_CHOICE, 1, 0, 0, rapid_answers},
    {"mitigations", FIELD_MULTILINE, 0, 0, 4000, NULL},
    {"fix_date", FIELD_TEXT, 0, 0, 10, NULL},
    {"contact", FIELD_TEXT, 1, 3, 300, NULL},
    {"notes", FIELD_MULTILINE, 0, 0, 4000, NULL},
};
enum { AF_ANSWER, AF_MITIGATIONS, AF_FIX_DATE, AF_CONTACT, AF_NOTES, AF_COUNT };

/* Columns of the statement that reads the request's choices. */
enum answer_request_column { ARC_PRODUCTS };

static void error_add(struct advisory_answer_errors *errors, const char *field, const char *key)
{
    if (errors->n < RAPID_ANSWER_ERRORS)
        errors->e[errors->n++] = (struct advisory_answer_error){field, key};
}

/* 1 when s is a calendar date written YYYY-MM-DD. */
static int is_date(const char *s)
{
    char dt[32];
    long long t;
    if (strlen(s) != 10)
        return 0;
    snprintf(dt, sizeof dt, "%sT00:00", s);
    return form_parse_datetime(dt, &t) == 0;
}

/* Checks a's fields against their declarations and its products against choices (a JSON
 * array of names); the reasons go to errors. */
static void answer_check(const struct advisory_answer *a, json_t *choices,
                         struct advisory_answer_errors *errors)
{
    const char *values[AF_COUNT] = {a->answer, a->mitigations, a->fix_date, a->contact, a->notes};
    for (int i = 0; i < AF_COUNT; i++) {
        enum field_error e = form_check_field(&answer_fields[i], values[i], (long long)time(NULL));
        if (e != FE_NONE)
            error_add(errors, answer_fields[i].name, form_error_key(e));
    }
    if (a->fix_date && *a->fix_date && !is_date(a->fix_date))
        error_add(errors, "fix_date", "bad_date");
    /* a campaign started by hand offers no choices: the products are typed, one line each */
    static const struct field typed = {"products", FIELD_TEXT, 1, 1, 200, NULL};
    for (size_t i = 0; json_array_size(choices) == 0 && i < a->n_products; i++) {
        enum field_error e = form_check_field(&typed, a->products[i], 0);
        if (e != FE_NONE) {
            error_add(errors, "products", form_error_key(e));
            break;
        }
    }
    for (size_t i = 0; json_array_size(choices) > 0 && i < a->n_products; i++) {
        int known = 0;
        size_t k;
        json_t *name;
        json_array_foreach(choices, k, name) known |=
            strcmp(json_string_value(name), a->products[i]) == 0;
        if (!known) {
            error_add(errors, "products", "not_a_choice");
            break;
        }
    }
}

/* The campaign's product choices for a request the user answers for, as a JSON array in
 * *choices. Returns 200, 404 or 500. */
static int answer_choices_load(struct db *db, long request_id, json_t **choices)
{
    char rid[24];
    snprintf(rid, sizeof rid, "%ld", request_id);
    const char *p[] = {rid};
    PGresult *res;
    if (db_exec(db, &res,
                "SELECT array_to_json(c.products)::text "
                "FROM rapid_requests q JOIN rapid_campaigns c ON c.id = q.campaign_id "
                "WHERE q.id = $1 AND app.has_role(q.org_id, "
                "  ARRAY['assessor', 'coordinator', 'org_admin'])",
                1, p) != DB_OK)
        return 500;
    int found = PQntuples(res) == 1;
    json_error_t e;
    *choices = found ? json_loads(db_text(res, 0, ARC_PRODUCTS), 0, &e) : NULL;
    PQclear(res);
    if (!found)
        return 404;
    return *choices ? 200 : 500;
}

/* Column of the stored answer's organisation. */
enum { STORED_ORG_COLUMN };

static int answer_store(struct db *db, long user_id, long request_id,
                        const struct advisory_answer *a)
{
    json_t *products = json_array();
    for (size_t i = 0; products && i < a->n_products; i++)
        json_array_append_new(products, json_string(a->products[i]));
    char *products_text = products ? json_dumps(products, JSON_COMPACT) : NULL;
    json_decref(products);
    if (!products_text)
        return 500;
    char rid[24], uid[24];
    snprintf(rid, sizeof rid, "%ld", request_id);
    snprintf(uid, sizeof uid, "%ld", user_id);
    const char *p[] = {rid,
                       a->answer,
                       products_text,
                       a->mitigations ? a->mitigations : "",
                       a->fix_date ? a->fix_date : "",
                       a->contact,
                       a->notes ? a->notes : "",
                       uid};
    PGresult *res;
    int rc = db_exec(db, &res,
                     "UPDATE rapid_requests SET answer = $2, "
                     "  products = ARRAY(SELECT jsonb_array_elements_text($3::jsonb)), "
                     "  mitigations = $4, fix_date = nullif($5, '')::date, contact = $6, "
                     "  notes = $7, answered_by = $8, answered_at = coalesce(answered_at, now()) "
                     "WHERE id = $1 RETURNING org_id",
                     8, p);
    free(products_text);
    if (rc != DB_OK)
        return 500;
    int stored = PQntuples(res) == 1;
    long org = stored ? db_long(res, 0, STORED_ORG_COLUMN) : 0;
    PQclear(res);
    if (!stored)
        return 404;
    return db_audit(db, user_id, org, "answer_rapid_request", "rapid_request", request_id, NULL) ==
                   DB_OK
               ? 0
               : 500;
}

int advisory_answer_save(struct db *db, long user_id, long request_id,
                         const struct advisory_answer *a, struct advisory_answer_errors *errors)
{
    errors->n = 0;
    json_t *choices = NULL;
    int status = answer_choices_load(db, request_id, &choices);
    if (status != 200)
        return status;
    answer_check(a, choices, errors);
    json_decref(choices);
    if (errors->n)
        return 422;
    return answer_store(db, user_id, request_id, a);
}
