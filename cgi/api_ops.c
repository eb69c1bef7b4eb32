/* api_ops.c - the operations of the JSON API and who may call them. Each reuses what the
 * HTML pages run: the list handlers' loaders and views (their HDF rows become JSON), the
 * assessment loader, the answer form's checks and stores (handle_assessment_save), the
 * report forms (handle_event_create, handle_incident_create, handle_vulnerability_create)
 * and the OSCAL exporter. Nothing here validates or stores on its own. */
#include "api.h"
#include "api_token.h"
#include "assessment.h"
#include "rapid.h"
#include "view.h"

#include <stdio.h>
#include <string.h>

/* 1 when an assessment concerns the token's organisation: it answers it, or its campaign
 * is the organisation's. Row-level security shows the person everything they may see in
 * any of their organisations; a token acts for one. */
static int api_concerns_token_org(const struct ctx *c, long org_id, long owner_org_id)
{
    return org_id == c->api->org_id || owner_org_id == c->api->org_id;
}

/* GET /api/v1/assessments */
static int api_assessments(struct ctx *c)
{
    static const struct api_member members[] = {
        {"Id", "id", 'i'},
        {"Org", "organisation", 's'},
        {"Title", "title", 's'},
        {"Status", "status", 's'},
        {"Updated", "updated_at", 's'},
        {"DueDate", "due_date", 's'},
        {"Total", "items_total", 'i'},
        {"Answered", "items_answered", 'i'},
        {"Own", "own", 'b'},
        {"Overdue", "overdue", 'b'},
    };
    int status = handle_assessments(c);
    api_no_page(c);
    if (status != 200)
        return status;
    for (HDF *row = hdf_get_child(c->req->hdf, "Assessments"); row;) {
        HDF *next = hdf_obj_next(row);
        if (!api_concerns_token_org(c, hdf_get_int_value(row, "OrgId", 0),
                                    hdf_get_int_value(row, "OwnerOrgId", 0))) {
            char key[64];
            snprintf(key, sizeof key, "Assessments.%s", hdf_obj_name(row));
            NEOERR *err = hdf_remove_tree(c->req->hdf, key);
            nerr_ignore(&err);
        }
        row = next;
    }
    json_t *rows =
        api_rows_json(c->req->hdf, "Assessments", members, sizeof members / sizeof members[0]);
    return api_reply(c, 200, json_pack("{s:o}", "assessments", rows));
}

/* GET /api/v1/assessments/:id - 404 when row-level security hides it. */
static int api_assessment(struct ctx *c)
{
    struct assessment a;
    int status = assessment_load(c, c->id, &a);
    if (status == 200 && !api_concerns_token_org(c, a.org_id, a.owner_org_id))
        status = 404;
    if (status == 200)
        status = api_reply(c, 200, api_assessment_json(&a));
    assessment_free(&a);
    return status;
}

/* 200 when assessment :id is one the token may act on (as api_assessment shows it), else
 * 404 (or 500). */
static int api_assessment_in_scope(struct ctx *c)
{
    struct assessment a;
    int status = assessment_load(c, c->id, &a);
    if (status == 200 && !api_concerns_token_org(c, a.org_id, a.owner_org_id))
        status = 404;
    assessment_free(&a);
    return status;
}

/* The body's "answers" ([{item_id, version, level, not_applicable, justification, notes,
 * value, confirm}]) as the answer form's fields (level_<id>, ver_<id>, ...). Returns 0 or
 * 400. */
static int api_answers_to_form(struct ctx *c)
{
    json_t *answers = c->api->body ? json_object_get(c->api->body, "answers") : NULL;
    if (!answers)
        return 0;
    if (!json_is_array(answers))
        return 400;
    static const struct {
        const char *json, *form;
    } names[] = {{"version", "ver"},    {"level", "level"}, {"justification", "just"},
                 {"notes", "notes"},    {"value", "value"}, {"not_applicable", "na"},
                 {"confirm", "confirm"}};
    size_t i;
    json_t *a;
    json_array_foreach(answers, i, a)
    {
        json_t *item = json_object_get(a, "item_id");
        if (!json_is_integer(item) || !json_is_integer(json_object_get(a, "version")))
            return 400;
        long long id = json_integer_value(item);
        for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
            json_t *v = json_object_get(a, names[k].json);
            char key[64], text[40];
            snprintf(key, sizeof key, "Query.%s_%lld", names[k].form, id);
            if (json_is_string(v))
                view_set(c->req->hdf, key, json_string_value(v));
            else if (json_is_integer(v))
                snprintf(text, sizeof text, "%lld", (long long)json_integer_value(v)),
                    view_set(c->req->hdf, key, text);
            else if (json_is_true(v))
                view_set(c->req->hdf, key, "1");
            else if (json_is_null(v) || json_is_false(v) || !v)
                view_set(c->req->hdf, key, "");
            else
                return 400;
        }
    }
    return 0;
}

/* Saves (or with submit, submits) through the answer form's handler, then shows the
 * assessment as stored. */
static int api_answers_save(struct ctx *c, int submit)
{
    int status = api_assessment_in_scope(c);
    if (status != 200)
        return status;
    if ((status = api_answers_to_form(c)) != 0)
        return status;
    if (submit)
        view_set(c->req->hdf, "Query.action", "submit");
    status = handle_assessment_save(c);
    api_no_page(c);
    c->resp->location[0] = '\0';
    if (status != 303)
        return status;
    return api_assessment(c);
}

/* POST /api/v1/assessments/:id/answers - 409 on a version conflict or when closed. */
static int api_answers(struct ctx *c)
{
    return api_answers_save(c, 0);
}

/* POST /api/v1/assessments/:id/submit */
static int api_submit(struct ctx *c)
{
    return api_answers_save(c, 1);
}

/* GET /api/v1/assessments/:id/oscal - the exporter's OSCAL assessment results. */
static int api_oscal(struct ctx *c)
{
    int status = api_assessment_in_scope(c);
    if (status != 200)
        return status;
    status = handle_assessment_oscal(c);
    api_no_page(c);
    return status;
}

/* A report through its form's handler: the body's members are the form's fields; the
 * organisation is the token's unless the body names another (which the handler refuses
 * when the token's person does not report for it: memberships are the token's only). */
static int api_report(struct ctx *c, handler_fn create)
{
    if (c->api->body && api_body_to_form(c, c->api->body) != 0)
        return 400;
    if (!req_param(c->req, "org_id")) {
        char org[24];
        snprintf(org, sizeof org, "%ld", c->api->org_id);
        view_set(c->req->hdf, "Query.org_id", org);
    }
    return api_created(c, create(c));
}

static int api_event_create(struct ctx *c)
{
    return api_report(c, handle_event_create);
}

static int api_incident_create(struct ctx *c)
{
    return api_report(c, handle_incident_create);
}

static int api_vulnerability_create(struct ctx *c)
{
    return api_report(c, handle_vulnerability_create);
}

/* GET /api/v1/deliveries - the alerts about the organisation's incidents and to its
 * recipients, with their receipts; the list page's filters and paging (status, from, to,
 * q, sort, before) apply. */
static int api_deliveries(struct ctx *c)
{
    static const struct api_member members[] = {
        {"Id", "id", 'i'},
        {"IncidentId", "incident_id", 'i'},
        {"Number", "incident_number", 's'},
        {"Title", "incident_title", 's'},
        {"Recipient", "recipient", 's'},
        {"RecipientOrg", "recipient_organisation", 's'},
        {"Format", "format", 's'},
        {"State", "state", 's'},
        {"Attempts", "attempts", 'i'},
        {"Error", "last_error", 's'},
        {"NextAttempt", "next_attempt_at", 's'},
        {"LastAttempt", "last_attempt_at", 's'},
        {"Created", "created_at", 's'},
        {"Receipt", "receipt_id", 's'},
    };
    int status = handle_deliveries(c);
    api_no_page(c);
    if (status != 200)
        return status;
    json_t *rows =
        api_rows_json(c->req->hdf, "Deliveries", members, sizeof members / sizeof members[0]);
    return api_reply(c, 200, json_pack("{s:o}", "deliveries", rows));
}

/* Columns of the token organisation's rapid requests. */
enum rapid_request_column {
    RRC_ID,
    RRC_CVE,
    RRC_TITLE,
    RRC_ASKER,
    RRC_DEADLINE,
    RRC_OVERDUE,
    RRC_ANSWER,
    RRC_ANSWERED_AT,
    RRC_COUNT
};

/* The rapid campaigns' questions to org (row-level security: those that asked it), the
 * unanswered first, nearest deadline first; at most 200. Returns 200 or 500. */
static int rapid_requests_load(struct ctx *c, long org, PGresult **res)
{
    char id[24];
    snprintf(id, sizeof id, "%ld", org);
    const char *p[] = {id};
    return db_exec(c->db, res,
                   "SELECT q.id, c.cve, c.title, asker.name, "
                   "  to_char(c.deadline AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
                   "  q.answer IS NULL AND c.deadline < now(), coalesce(q.answer, ''), "
                   "  coalesce(to_char(q.answered_at AT TIME ZONE 'UTC', "
                   "    'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), '') "
                   "FROM rapid_requests q JOIN rapid_campaigns c ON c.id = q.campaign_id "
                   "JOIN organisations asker ON asker.id = c.org_id WHERE q.org_id = $1::bigint "
                   "ORDER BY q.answer IS NOT NULL, c.deadline, q.id LIMIT 200",
                   1, p) == DB_OK
               ? 200
               : 500;
}

/* GET /api/v1/rapid-requests - the questions the token's organisation was asked, so that a
 * tool finds what to answer. */
static int api_rapid_requests(struct ctx *c)
{
    static const char *const names[RRC_COUNT] = {[RRC_ID] = "Id",
                                                 [RRC_CVE] = "Cve",
                                                 [RRC_TITLE] = "Title",
                                                 [RRC_ASKER] = "Asker",
                                                 [RRC_DEADLINE] = "Deadline",
                                                 [RRC_OVERDUE] = "Overdue",
                                                 [RRC_ANSWER] = "Answer",
                                                 [RRC_ANSWERED_AT] = "AnsweredAt"};
    static const struct api_member members[] = {
        {"Id", "id", 'i'},
        {"Cve", "cve", 's'},
        {"Title", "title", 's'},
        {"Asker", "asked_by", 's'},
        {"Deadline", "deadline", 's'},
        {"Overdue", "overdue", 'b'},
        {"Answer", "answer", 's'},
        {"AnsweredAt", "answered_at", 's'},
    };
    PGresult *res;
    if (rapid_requests_load(c, c->api->org_id, &res) != 200)
        return 500;
    portal_rows(c, "Requests", res, names, RRC_COUNT);
    PQclear(res);
    json_t *rows =
        api_rows_json(c->req->hdf, "Requests", members, sizeof members / sizeof members[0]);
    return api_reply(c, 200, json_pack("{s:o}", "requests", rows));
}

/* POST /api/v1/rapid-requests/:id/answer - an answer to a rapid advisory campaign through
 * its one-screen form's handler: the body's members are the form's fields, "products" (an
 * array of names among the campaign's choices, or typed when it offers none) one a line.
 * 200 with the request's id and answer; 422 with the form's messages; 404 for a request
 * that is not the token's organisation's. */
static int api_rapid_answer(struct ctx *c)
{
    json_t *body = c->api->body;
    if (!json_is_object(body))
        return 400;
    json_t *fields = json_copy(body), *products = json_object_get(body, "products");
    if (!fields)
        return 500;
    json_object_del(fields, "products");
    int bad = api_body_to_form(c, fields) != 0;
    json_decref(fields);
    if (bad || (products && !json_is_array(products)))
        return 400;
    char *lines = NULL;
    size_t len = 0;
    FILE *f = products ? open_memstream(&lines, &len) : NULL;
    size_t i;
    json_t *name;
    json_array_foreach(products, i, name)
    {
        const char *s = json_string_value(name);
        if (!s || strchr(s, '\n') || strchr(s, '\r'))
            bad = 1;
        else if (f)
            fprintf(f, "%s%s", i ? "\n" : "", s);
    }
    if (f)
        fclose(f);
    if (bad) {
        free(lines);
        return 400;
    }
    if (lines)
        view_set(c->req->hdf, "Query.products_text", lines);
    free(lines);
    int status = handle_rapid_answer(c);
    api_no_page(c);
    if (status != 303)
        return status;
    c->resp->location[0] = '\0';
    return api_reply(
        c, 200,
        json_pack("{s:I, s:s}", "id", (json_int_t)c->id, "answer", req_param(c->req, "answer")));
}

const struct api_op api_ops[] = {
    {{"GET", API_PREFIX "/openapi.json"}, api_description, 0, 0},
    {{"GET", API_PREFIX "/assessments"},
     api_assessments,
     SCOPE_ASSESSMENTS_READ,
     ROLE_ASSESSOR | ROLES_OVERSEERS},
    {{"GET", API_PREFIX "/assessments/:id"},
     api_assessment,
     SCOPE_ASSESSMENTS_READ,
     ROLE_ASSESSOR | ROLES_OVERSEERS},
    {{"POST", API_PREFIX "/assessments/:id/answers"},
     api_answers,
     SCOPE_ASSESSMENTS_WRITE,
     ROLE_ASSESSOR | ROLE_ORG_ADMIN},
    {{"POST", API_PREFIX "/assessments/:id/submit"},
     api_submit,
     SCOPE_ASSESSMENTS_WRITE,
     ROLE_ASSESSOR | ROLE_ORG_ADMIN},
    {{"GET", API_PREFIX "/assessments/:id/oscal"},
     api_oscal,
     SCOPE_ASSESSMENTS_READ,
     ROLE_ASSESSOR | ROLES_OVERSEERS},
    {{"POST", API_PREFIX "/events"}, api_event_create, SCOPE_INCIDENTS_WRITE, ROLES_REPORTERS},
    {{"POST", API_PREFIX "/incidents"},
     api_incident_create,
     SCOPE_INCIDENTS_WRITE,
     ROLES_REPORTERS},
    {{"POST", API_PREFIX "/vulnerabilities"},
     api_vulnerability_create,
     SCOPE_INCIDENTS_WRITE,
     ROLES_REPORTERS | ROLE_ASSESSOR},
    {{"GET", API_PREFIX "/deliveries"}, api_deliveries, SCOPE_DELIVERIES_READ, ROLES_COORDINATORS},
    {{"GET", API_PREFIX "/rapid-requests"},
     api_rapid_requests,
     SCOPE_ADVISORIES_ANSWER,
     ROLES_RAPID_ANSWER},
    {{"POST", API_PREFIX "/rapid-requests/:id/answer"},
     api_rapid_answer,
     SCOPE_ADVISORIES_ANSWER,
     ROLES_RAPID_ANSWER},
};

const size_t api_op_count = sizeof api_ops / sizeof api_ops[0];
