/* api.h - the JSON API under /api/v1: its table of operations (each with the scope a token
 * needs and the roles its person needs, as the HTML routes have), the serving of one API
 * request (Bearer token, rate limit, Idempotency-Key, problem details), and what the
 * operations share. The operations reuse the HTML handlers and loaders: a JSON body
 * becomes the form fields the handler reads, and the handler's outcome (redirect, form
 * errors, status) becomes the API's answer. */
#ifndef API_H
#define API_H

#include "portal.h"

#include <jansson.h>

#define API_PREFIX "/api/v1"

/* What a request with a token carries beside the session-shaped identity in c->sess. */
struct api_call {
    long token_id;
    long org_id;     /* the organisation the token acts for */
    unsigned scopes; /* enum api_scope bits */
    json_t *body;    /* the parsed JSON body of a POST, NULL for none */
};

struct api_op {
    struct route_pattern match;
    handler_fn fn;
    unsigned scope; /* the enum api_scope bit needed; 0: public (the description) */
    unsigned roles; /* the roles of which the person needs one, as struct route */
};

extern const struct api_op api_ops[];
extern const size_t api_op_count;

/* 1 when path belongs to the API. */
int api_path(const char *path);

/* Serves one API request end to end into c->resp (always a JSON or problem+json body),
 * inside its own transaction; early is req_begin's refusal (0 when the request was read).
 * Returns the HTTP status. */
int api_serve(struct ctx *c, int early);

/* GET /api/v1/openapi.json: the description (schema/formats/openapi.json), public. */
int api_description(struct ctx *c);

/* ---- for the operations (api_ops.c) ---- */
/* Answers with doc (taken) as application/json. Returns status. */
int api_reply(struct ctx *c, int status, json_t *doc);
/* Copies the body's top-level members that are strings, numbers or booleans into the form
 * fields the HTML handlers read (Query.<name>; true is "1", false and null leave the field
 * out). Returns 0, or 400 when a member's name is not a plain field name. */
int api_body_to_form(struct ctx *c, json_t *object);
/* Turns a HTML handler's outcome into the API's: a 303 to "/<kind>/<id>" becomes 201 with
 * {"id", "href"} and a Location; form errors (422, 409 and 400) stay in Form.Errors for the
 * problem details api_serve writes. Returns the status to answer with. */
int api_created(struct ctx *c, int status);
/* Marks the HTML handler's page as not to be rendered (its HDF stays for the problem). */
void api_no_page(struct ctx *c);

/* JSON views (api_view.c): the HDF rows a list handler's view wrote under base (base.N.*)
 * as an array of objects, each member named and typed by the operation's map. */
struct api_member {
    const char *hdf;  /* the view's name, "DueDate" */
    const char *json; /* the API's name, "due_date" */
    char type;        /* 's' string ("" as null), 'i' integer, 'b' boolean ("1" or "") */
};
json_t *api_rows_json(HDF *hdf, const char *base, const struct api_member *members, size_t n);
struct assessment;
/* One assessment with its items as the API shows it. */
json_t *api_assessment_json(const struct assessment *a);

#endif
