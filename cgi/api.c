/* api.c - one request to the JSON API (/api/v1), from the route to the answer: the
 * description is public; every operation needs "Authorization: Bearer <token>" (cookies
 * are never looked at, so there is no CSRF to check). The token is looked up in the
 * request's transaction, which sets the same tenant context a session does (row-level
 * security applies unchanged) and counts the request against the token's rate limit; then
 * the operation's scope and roles are checked, a POST's Idempotency-Key replays the first
 * answer (kept in the same transaction as the action), the operation runs, every use is
 * audited, and errors are answered as RFC 9457 problem details in the person's language
 * with the form validators' own messages. */
#include "api.h"
#include "api_token.h"
#include "log.h"
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int api_path(const char *path)
{
    size_t n = strlen(API_PREFIX);
    return strncmp(path, API_PREFIX, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

int api_reply(struct ctx *c, int status, json_t *doc)
{
    char *text = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
    json_decref(doc);
    if (!text)
        return 500;
    resp_body(c->resp, "application/json", text, strlen(text), NULL);
    return status;
}

void api_no_page(struct ctx *c)
{
    c->resp->template = NULL;
}

int api_body_to_form(struct ctx *c, json_t *object)
{
    const char *name;
    json_t *v;
    json_object_foreach(object, name, v)
    {
        if (!*name || strlen(name) > 64 ||
            strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(name))
            return 400;
        char key[80], num[40];
        snprintf(key, sizeof key, "Query.%s", name);
        const char *text = NULL;
        if (json_is_string(v))
            text = json_string_value(v);
        else if (json_is_integer(v))
            snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v)), text = num;
        else if (json_is_real(v))
            snprintf(num, sizeof num, "%.10g", json_real_value(v)), text = num;
        else if (json_is_true(v))
            text = "1";
        if (text)
            view_set(c->req->hdf, key, text);
    }
    return 0;
}

int api_created(struct ctx *c, int status)
{
    api_no_page(c);
    if (status != 303)
        return status;
    /* "/incidents/12" (perhaps with a query): the new record */
    const char *slash = strrchr(c->resp->location, '/');
    long id = slash ? strtol(slash + 1, NULL, 10) : 0;
    char href[256];
    snprintf(href, sizeof href, "%.*s", (int)strcspn(c->resp->location, "?"), c->resp->location);
    c->resp->location[0] = '\0';
    if (id <= 0)
        return 500;
    resp_header(c->resp, "Location", href);
    return api_reply(c, 201, json_pack("{s:I, s:s}", "id", (json_int_t)id, "href", href));
}

/* The words of Lang.<key> in the request's language ("" when there are none). */
static const char *api_words(const struct ctx *c, const char *key)
{
    const char *v = view_lang_value(c->lang, key);
    return v ? v : "";
}

/* Field-level details from the form's errors (Form.Errors.<field> = message key): each
 * with the field, the message key and the form's message; an answer's field
 * ("level_12") names its item apart. */
static json_t *api_problem_errors(struct ctx *c)
{
    json_t *errors = json_array();
    HDF *node = c->req->hdf ? hdf_get_child(c->req->hdf, "Form.Errors") : NULL;
    for (; node; node = hdf_obj_next(node)) {
        const char *field = hdf_obj_name(node), *code = hdf_obj_value(node);
        if (!field || !code)
            continue;
        char key[96], name[64];
        snprintf(key, sizeof key, "Errors.%s", code);
        json_t *e = json_pack("{s:s, s:s, s:s}", "field", field, "code", code, "message",
                              api_words(c, key));
        const char *us = strrchr(field, '_');
        if (us && us[1] && strspn(us + 1, "0123456789") == strlen(us + 1)) {
            snprintf(name, sizeof name, "%.*s", (int)(us - field), field);
            json_object_set_new(e, "field", json_string(name));
            json_object_set_new(e, "item_id", json_integer(strtoll(us + 1, NULL, 10)));
        }
        json_array_append_new(errors, e);
    }
    return errors;
}

/* Answers status as application/problem+json: title and detail from the language files
 * (detail_key under Errors.Explain, or the status's own explanation), the request id, and
 * the field errors when there are any. */
static int api_problem(struct ctx *c, int status, const char *detail_key)
{
    char key[64], type[64];
    snprintf(key, sizeof key, "Errors.Status.%d", status);
    json_t *p =
        json_pack("{s:s, s:s, s:i, s:s, s:s}", "type", "about:blank", "title", api_words(c, key),
                  "status", status, "instance", c->req->path, "request_id", c->req->request_id);
    snprintf(key, sizeof key, "Errors.Explain.%s", detail_key ? detail_key : "");
    if (!detail_key)
        snprintf(key, sizeof key, "Errors.Explain.%d", status);
    if (*api_words(c, key))
        json_object_set_new(p, "detail", json_string(api_words(c, key)));
    json_t *errors = api_problem_errors(c);
    if (json_array_size(errors) > 0) {
        snprintf(type, sizeof type, "%s/problems/%s", API_PREFIX,
                 status == 409 ? "conflict" : "invalid-input");
        json_object_set_new(p, "type", json_string(type));
        json_object_set_new(p, "errors", errors);
    } else
        json_decref(errors);
    char *text = json_dumps(p, JSON_COMPACT);
    json_decref(p);
    if (!text)
        return status;
    free(c->resp->body);
    c->resp->body = NULL;
    resp_body(c->resp, "application/problem+json", text, strlen(text), NULL);
    return status;
}

/* GET /api/v1/openapi.json: the description, a file beside the exchange formats' schemas. */
int api_description(struct ctx *c)
{
    char path[512];
    snprintf(path, sizeof path, "%s/openapi.json", c->cfg->formats_dir);
    FILE *f = fopen(path, "rb");
    if (!f)
        return 500;
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len + 4096 > cap) {
            char *grown = realloc(buf, cap = cap * 2 + 8192);
            if (!grown)
                break;
            buf = grown;
        }
        size_t n = fread(buf + len, 1, cap - len, f);
        if (n == 0)
            break;
        len += n;
    }
    fclose(f);
    if (!buf)
        return 500;
    resp_body(c->resp, "application/json", buf, len, NULL);
    return 200;
}

/* Columns of app.api_token_begin's row. */
enum token_begin_column {
    TB_TOKEN_ID,
    TB_USER_ID,
    TB_ORG_ID,
    TB_SCOPES,
    TB_EMAIL,
    TB_DISPLAY_NAME,
    TB_MEMBERSHIPS,
    TB_LANG,
    TB_RETRY_AFTER
};

/* Looks the Bearer token up and fills c->sess (the person, with the memberships of the
 * token's organisation only) and call. Returns 0, 401, 429 (Retry-After set) or 500. */
static int api_authenticate(struct ctx *c, struct api_call *call)
{
    const char *token = api_token_from_header(req_env(c->req, "HTTP_AUTHORIZATION"));
    if (!token) {
        resp_header(c->resp, "WWW-Authenticate", "Bearer");
        return 401;
    }
    char hash[API_TOKEN_HASH_TEXT], limit[16];
    api_token_hash(token, hash);
    snprintf(limit, sizeof limit, "%d", c->cfg->api_rate_per_minute);
    const char *p[] = {hash, limit};
    PGresult *res;
    if (db_exec(c->db, &res,
                "SELECT token_id, user_id, org_id, scopes, email, display_name, memberships, "
                "  lang, retry_after FROM app.api_token_begin($1::bytea, $2::int)",
                2, p) != DB_OK)
        return 500;
    if (PQntuples(res) != 1) {
        PQclear(res);
        resp_header(c->resp, "WWW-Authenticate", "Bearer error=\"invalid_token\"");
        return 401;
    }
    call->token_id = db_long(res, 0, TB_TOKEN_ID);
    call->org_id = db_long(res, 0, TB_ORG_ID);
    c->org_id = call->org_id;
    long wait = db_long(res, 0, TB_RETRY_AFTER);
    if (wait > 0) {
        PQclear(res);
        char s[24];
        snprintf(s, sizeof s, "%ld", wait);
        resp_header(c->resp, "Retry-After", s);
        return 429;
    }
    call->scopes = api_scopes_parse(db_text(res, 0, TB_SCOPES));
    struct session *s = c->sess;
    s->user_id = db_long(res, 0, TB_USER_ID);
    utf8_copy(s->email, sizeof s->email, db_text(res, 0, TB_EMAIL));
    utf8_copy(s->display_name, sizeof s->display_name, db_text(res, 0, TB_DISPLAY_NAME));
    s->lang = lang_parse(db_text(res, 0, TB_LANG));
    int rc = session_parse_orgs(s, db_text(res, 0, TB_MEMBERSHIPS));
    PQclear(res);
    if (rc != 0)
        return 500;
    if (s->lang >= 0)
        c->lang = (enum lang)s->lang;
    return 0;
}

/* Columns of a stored first answer. */
enum replay_column { RC_METHOD, RC_PATH, RC_STATUS, RC_TYPE, RC_BODY, RC_LOCATION };

/* When key was used with this token before: the first answer again (its status), or
 * REPLAY_OTHER when the key was used for another operation; 0 when the key is new; -1 on a
 * database error. */
enum { REPLAY_OTHER = -2 };
static int api_replay(struct ctx *c, const struct api_call *call, const char *key)
{
    char tid[24];
    snprintf(tid, sizeof tid, "%ld", call->token_id);
    const char *p[] = {tid, key};
    PGresult *res;
    if (db_exec(c->db, &res,
                "SELECT method, path, status, content_type, body, location "
                "FROM api_idempotency WHERE token_id = $1 AND key = $2",
                2, p) != DB_OK)
        return -1;
    if (PQntuples(res) != 1) {
        PQclear(res);
        return 0;
    }
    if (strcmp(db_text(res, 0, RC_METHOD), c->req->method) != 0 ||
        strcmp(db_text(res, 0, RC_PATH), c->req->path) != 0) {
        PQclear(res);
        return REPLAY_OTHER;
    }
    int status = (int)db_long(res, 0, RC_STATUS);
    const char *body = db_text(res, 0, RC_BODY);
    char *copy = strdup(body);
    static char type[64];
    snprintf(type, sizeof type, "%s", db_text(res, 0, RC_TYPE));
    if (*db_text(res, 0, RC_LOCATION))
        resp_header(c->resp, "Location", db_text(res, 0, RC_LOCATION));
    PQclear(res);
    if (!copy)
        return -1;
    resp_body(c->resp,
              strcmp(type, "application/json") == 0 ? "application/json"
                                                    : "application/problem+json",
              copy, strlen(copy), NULL);
    resp_header(c->resp, "Idempotent-Replayed", "true");
    return status;
}

/* Keeps the answer to key in the transaction of the action. Returns DB_OK or an error. */
static int api_remember(struct ctx *c, const struct api_call *call, const char *key, int status)
{
    char tid[24], st[16];
    snprintf(tid, sizeof tid, "%ld", call->token_id);
    snprintf(st, sizeof st, "%d", status);
    const char *loc = "";
    const char *h = strstr(c->resp->headers, "Location: ");
    char where[256] = "";
    if (h) {
        snprintf(where, sizeof where, "%.*s", (int)strcspn(h + 10, "\r\n"), h + 10);
        loc = where;
    }
    const char *p[] = {tid,
                       key,
                       c->req->method,
                       c->req->path,
                       st,
                       c->resp->content_type ? c->resp->content_type : "application/json",
                       c->resp->body ? c->resp->body : "",
                       loc};
    return db_exec(c->db, NULL,
                   "INSERT INTO api_idempotency (token_id, key, method, path, status, "
                   "  content_type, body, location) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                   8, p);
}

/* Records the use of the token (person, organisation, operation, outcome) in the audit
 * log; a refused one (429) without the person, whose context was not set. */
static int api_audit(struct ctx *c, const struct api_call *call, int status, int replayed)
{
    json_t *d = json_pack("{s:s, s:s, s:i, s:b}", "method", c->req->method, "path", c->req->path,
                          "status", status, "replayed", replayed);
    char *text = json_dumps(d, JSON_COMPACT);
    json_decref(d);
    int rc = db_audit(c->db, status == 429 ? 0 : c->sess->user_id, status == 429 ? 0 : call->org_id,
                      "api_call", "api_token", call->token_id, text);
    free(text);
    return rc;
}

/* Reads and parses a POST's JSON body into call->body. Returns 0, 400 or 415. */
static int api_read_body(struct ctx *c, struct api_call *call)
{
    if (c->req->content_length == 0)
        return 0;
    const char *ct = req_env(c->req, "CONTENT_TYPE");
    if (!ct || strncasecmp(ct, "application/json", 16) != 0 ||
        (ct[16] && ct[16] != ';' && ct[16] != ' '))
        return 415;
    size_t len = (size_t)c->req->content_length;
    char *buf = malloc(len + 1);
    if (!buf)
        return 500;
    size_t got = 0;
    while (got < len) {
        int n = FCGX_GetStr(buf + got, (int)(len - got), c->req->fcgi->in);
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    json_error_t jerr;
    call->body = got == len ? json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr) : NULL;
    free(buf);
    return json_is_object(call->body) ? 0 : 400;
}

/* Everything after the route is known, inside the open transaction. */
static int api_run(struct ctx *c, const struct api_op *op, struct api_call *call, int *replayed)
{
    int status = api_authenticate(c, call);
    if (status)
        return status;
    if (!(call->scopes & op->scope)) {
        view_set(c->req->hdf, "Api.Detail", "scope");
        return 403;
    }
    if (!(session_roles(c->sess) & op->roles))
        return 403;
    int post = strcmp(c->req->method, "POST") == 0;
    const char *key = post ? req_env(c->req, "HTTP_IDEMPOTENCY_KEY") : NULL;
    if (key && (!*key || strlen(key) > 200)) {
        view_set(c->req->hdf, "Form.Errors.idempotency_key", "too_long");
        return 400;
    }
    if (key) {
        status = api_replay(c, call, key);
        if (status == REPLAY_OTHER) {
            view_set(c->req->hdf, "Form.Errors.idempotency_key", "idempotency_key_reused");
            return 422;
        }
        if (status < 0)
            return 500;
        if (status) {
            *replayed = 1;
            return status;
        }
    }
    if (post && (status = api_read_body(c, call)) != 0)
        return status;
    status = op->fn(c);
    if (status >= 400 && status < 500 && !c->resp->body)
        status = api_problem(c, status,
                             status == 409 && hdf_get_child(c->req->hdf, "Form.Errors") ? "conflict"
                                                                                        : NULL);
    if (key && status < 500 && api_remember(c, call, key, status) != DB_OK)
        return 500;
    return status;
}

int api_serve(struct ctx *c, int early)
{
    if (early)
        return api_problem(c, early, NULL);
    long id = 0;
    int i =
        router_match(api_ops, api_op_count, sizeof api_ops[0], c->req->method, c->req->path, &id);
    c->id = id;
    if (i == ROUTE_NOT_FOUND || i == ROUTE_METHOD_NOT_ALLOWED) {
        if (i == ROUTE_METHOD_NOT_ALLOWED)
            resp_header(c->resp, "Allow", "GET, POST");
        return api_problem(c, i == ROUTE_NOT_FOUND ? 404 : 405, NULL);
    }
    const struct api_op *op = &api_ops[i];
    if (!op->scope) {
        int status = op->fn(c);
        return status == 200 ? status : api_problem(c, status, NULL);
    }
    if (db_ensure(c->db) != DB_OK || db_begin(c->db) != DB_OK) {
        log_error("request_id=%s database unavailable: %s", c->req->request_id, c->db->error);
        return api_problem(c, 503, NULL);
    }
    struct api_call call;
    memset(&call, 0, sizeof call);
    c->api = &call;
    int replayed = 0;
    int status = api_run(c, op, &call, &replayed);
    json_decref(call.body);
    c->api = NULL;
    if (status < 500 && call.token_id && api_audit(c, &call, status, replayed) != DB_OK)
        status = 500;
    if (status >= 500) {
        log_error("request_id=%s api operation failed: %s", c->req->request_id, c->db->error);
        db_rollback(c->db);
        if (PQstatus(c->db->conn) != CONNECTION_OK)
            status = 503;
    } else if (db_commit(c->db) != DB_OK) {
        log_error("request_id=%s commit failed: %s", c->req->request_id, c->db->error);
        status = PQstatus(c->db->conn) != CONNECTION_OK ? 503 : 500;
    } else if (status >= 400 && !c->resp->body) {
        status = api_problem(c, status, hdf_get_value(c->req->hdf, "Api.Detail", NULL));
    }
    if (status >= 500) {
        c->resp->headers[0] = '\0';
        c->resp->headers_len = 0;
        c->resp->location[0] = '\0';
        free(c->resp->body);
        c->resp->body = NULL;
        status = api_problem(c, status, NULL);
    }
    return status;
}
