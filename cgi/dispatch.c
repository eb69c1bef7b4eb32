/* dispatch.c - one request from accept to log line: parse with ClearSilver's CGI kit,
 * route, look the session up, check role and CSRF token, run the handler inside one
 * transaction with the tenant context set, render the template, write, log. */
#include "api.h"
#include "auth.h"
#include "log.h"
#include "metrics_http.h"
#include "portal.h"
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double ms_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

/* What every page's layout needs: who is signed in, their organisations, the CSRF token. */
static void dispatch_session_data(struct ctx *c)
{
    HDF *hdf = c->req->hdf;
    const struct session *s = c->sess;
    view_set(hdf, "Request.Id", c->req->request_id);
    view_set(hdf, "Request.Path", c->req->path);
    if (!s->user_id)
        return;
    view_set_int(hdf, "Session.UserId", s->user_id);
    view_set(hdf, "Session.Name", s->display_name);
    view_set(hdf, "Session.Email", s->email);
    view_set(hdf, "Session.Csrf", s->csrf_token);
    view_set(hdf, "Session.Lang", s->lang >= 0 ? lang_code((enum lang)s->lang) : "browser");
    unsigned roles = session_roles(s);
    for (unsigned r = 1; r <= ROLE_REVIEWER; r <<= 1) {
        char name[64];
        snprintf(name, sizeof name, "Session.Role.%s", role_name(r));
        if (roles & r)
            view_set(hdf, name, "1");
    }
    for (int i = 0; i < s->n_orgs; i++) {
        char key[64];
        snprintf(key, sizeof key, "Session.Orgs.%d.Id", i);
        view_set_int(hdf, key, s->orgs[i].org_id);
        snprintf(key, sizeof key, "Session.Orgs.%d.Name", i);
        view_set(hdf, key, s->orgs[i].org_name);
    }
}

/* The token comes from the body only: one in the query string would land in access logs
 * and the Referer of the next page. */
static int dispatch_csrf_ok(struct ctx *c, const struct route *route)
{
    if (req_query_has(c->req, "csrf_token"))
        return 0;
    const char *sent = req_param(c->req, "csrf_token");
    const char *expected =
        route->prelogin ? req_cookie(c->req, PRELOGIN_COOKIE) : c->sess->csrf_token;
    return sent && expected && auth_token_equal(sent, expected);
}

/* Runs the matched route's checks and handler inside the open transaction. */
static int dispatch_handler(struct ctx *c, int route_index)
{
    if (route_index == ROUTE_NOT_FOUND)
        return 404;
    if (route_index == ROUTE_METHOD_NOT_ALLOWED)
        return 405;
    const struct route *route = &portal_routes[route_index];
    if (route->roles != ROLE_PUBLIC && !c->sess->user_id) {
        resp_redirect(c->resp, "/login");
        return 303;
    }
    if (route->roles != ROLE_PUBLIC && !(session_roles(c->sess) & route->roles))
        return 403;
    if (strcmp(c->req->method, "POST") == 0 && !dispatch_csrf_ok(c, route)) {
        view_set(c->req->hdf, "Error.Csrf", "1");
        return 403;
    }
    return route->handler(c);
}

static int dispatch_route(struct ctx *c)
{
    int i = router_match(portal_routes, portal_route_count, sizeof portal_routes[0], c->req->method,
                         c->req->path, &c->id);
    c->route = i;
    if (db_ensure(c->db) != DB_OK || db_begin(c->db) != DB_OK) {
        log_error("request_id=%s database unavailable: %s", c->req->request_id, c->db->error);
        return 503;
    }
    /* the session is looked up even for error pages, so they keep the navigation */
    int rc =
        session_load(c->db, req_cookie(c->req, SESSION_COOKIE), c->cfg->session_idle_s, c->sess);
    if (rc < 0) {
        log_error("request_id=%s session lookup failed: %s", c->req->request_id, c->db->error);
        db_rollback(c->db);
        return rc == DB_CONN_LOST ? 503 : 500;
    }
    if (c->sess->user_id && c->sess->lang >= 0)
        c->lang = (enum lang)c->sess->lang;
    dispatch_session_data(c);

    int status = dispatch_handler(c, i);
    if (status >= 500) {
        log_error("request_id=%s handler failed: %s", c->req->request_id, c->db->error);
        db_rollback(c->db);
        if (PQstatus(c->db->conn) != CONNECTION_OK)
            status = 503;
        c->resp->template = NULL;
    } else if (db_commit(c->db) != DB_OK) {
        log_error("request_id=%s commit failed: %s", c->req->request_id, c->db->error);
        status = PQstatus(c->db->conn) != CONNECTION_OK ? 503 : 500;
        c->resp->template = NULL;
        c->resp->location[0] = '\0';
    }
    return status;
}

void portal_dispatch(FCGX_Request *fcgi, struct db *db, const struct config *cfg)
{
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    struct request req;
    struct response resp;
    struct session sess;
    memset(&sess, 0, sizeof sess);
    resp_init(&resp);
    struct ctx c = {
        .req = &req, .resp = &resp, .db = db, .cfg = cfg, .sess = &sess, .route = ROUTE_NOT_FOUND};
    db_count_reset(db);

    int status = req_begin(&req, fcgi, cfg->max_body);
    c.lang = lang_from_accept(req_env(&req, "HTTP_ACCEPT_LANGUAGE"));
    /* the API answers with JSON of its own, errors included, and never reads a cookie */
    int api = req.hdf && api_path(req.path);
    if (api)
        status = api_serve(&c, status);
    else if (status == 0)
        status = dispatch_route(&c);
    resp.status = status;
    if (status == 405 && !api)
        resp_header(&resp, "Allow", "GET, POST");

    STRING body;
    string_init(&body);
    if (status >= 400 && !resp.template && req.hdf && !api) {
        resp.content_type = NULL;
        view_set_int(req.hdf, "Error.Status", status);
        view_set(req.hdf, "Error.RequestId", req.request_id);
        view_set(req.hdf, "Request.Id", req.request_id);
        resp.template = "error.cs";
    }
    if (resp.template && status != 303) {
        char err[512];
        if (view_render(req.hdf, c.lang, resp.template, &body, err, sizeof err) != 0) {
            log_error("request_id=%s template %s: %s", req.request_id, resp.template, err);
            string_clear(&body);
            string_init(&body);
            resp.status = status = 500;
            /* the template failed: the words straight from the language tree */
            const char *what = view_lang_value(c.lang, "Errors.Status.500");
            const char *id = view_lang_value(c.lang, "Errors.RequestId");
            string_appendf(&body,
                           "<!doctype html><html lang=\"%s\"><title>%s</title><p>%s. %s %s</p>",
                           lang_code(c.lang), what ? what : "500", what ? what : "500",
                           id ? id : "", req.request_id);
        }
    } else if (!req.hdf) {
        string_appendf(&body, "Internal error. Request id %s\n", req.request_id);
        resp.content_type = "text/plain; charset=utf-8";
    }
    int head = strcmp(req.method, "HEAD") == 0;
    if (resp.body && (status < 300 || api))
        resp_send(fcgi->out, &resp, resp.body, head ? 0 : resp.body_len);
    else
        resp_send(fcgi->out, &resp, body.buf ? body.buf : "", head ? 0 : (size_t)body.len);
    free(resp.body);
    string_clear(&body);
    double ms = ms_since(&t0);
    log_request(req.request_id, req.method, req.path, status, ms, sess.user_id, c.org_id,
                db->statements, db->statement_ms);
    metrics_observe(portal_metrics, metrics_route_slot(c.route, api), status, ms, db->statement_ms,
                    db->statements);
    if (db->cache_full == 1) { /* said once per connection; the suite fails on it */
        log_error("statement cache full: more than %d statements, raise DB_STATEMENT_CACHE",
                  DB_STATEMENT_CACHE);
        db->cache_full = 2;
    }
    req_end(&req);
    session_free(&sess);
}
