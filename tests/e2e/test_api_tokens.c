/* test_api_tokens.c - API tokens end to end through nginx, as a supplier's tool uses
 * them: made on /account/tokens (CSRF checked, at least one scope, the secret shown once
 * and stored only as its hash), used with "Authorization: Bearer" (and never with the
 * session cookie), every use in the audit log; refused with 401 when missing, malformed,
 * unknown, expired or revoked (revoked on the page), with 403 outside its scopes, and with
 * 429 and Retry-After past the per-token rate (PORTAL_API_RATE, 60 a minute in the
 * suite); every refusal is application/problem+json (RFC 9457). */
#include "testlib.h"

#include "api_token.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SUPPLIER_USER "assessor@acme.example"
#define SUPPLIER "Acme Cloud Services"

/* The body is a problem document of status with the members RFC 9457 names. */
static json_t *problem_of(struct http *h, long status)
{
    ck_assert_int_eq(h->status, status);
    const char *ct = http_header(h, "Content-Type");
    ck_assert_msg(ct && strncmp(ct, "application/problem+json", 24) == 0, "content type %s",
                  ct ? ct : "(none)");
    json_error_t err;
    json_t *p = json_loads(h->body, 0, &err);
    ck_assert_msg(p != NULL, "not JSON: %s", h->body);
    ck_assert_int_eq(json_integer_value(json_object_get(p, "status")), status);
    ck_assert(json_is_string(json_object_get(p, "type")));
    ck_assert(json_string_length(json_object_get(p, "title")) > 0);
    ck_assert(json_is_string(json_object_get(p, "instance")));
    ck_assert(json_string_length(json_object_get(p, "request_id")) == 16);
    return p;
}

START_TEST(test_token_page_make_use_revoke)
{
    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, SUPPLIER_USER, test_password(SUPPLIER_USER)), 303);
    ck_assert_int_eq(http_get(h, "/account"), 200);
    ck_assert(strstr(h->body, "href=\"/account/tokens\"") != NULL);
    ck_assert_int_eq(http_get(h, "/account/tokens"), 200);
    char csrf[128];
    snprintf(csrf, sizeof csrf, "%s", http_csrf_of(h, "/account/tokens"));
    ck_assert(*csrf);
    PGconn *db = test_db_owner();
    char org[24];
    snprintf(org, sizeof org, "%ld", test_org_id(db, SUPPLIER));

    /* without the CSRF token, nothing is made */
    ck_assert_int_eq(http_post(h, "/account/tokens", "name", "tool", "org_id", org, "days", "30",
                               "scope_assessments_read", "1", NULL),
                     403);
    /* without a scope: 422, the message beside the field */
    ck_assert_int_eq(http_post(h, "/account/tokens", "csrf_token", csrf, "name", "tool", "org_id",
                               org, "days", "30", NULL),
                     422);
    ck_assert(strstr(h->body, "Choose at least one scope.") != NULL);
    ck_assert_int_eq(http_post(h, "/account/tokens", "csrf_token", csrf, "name", "tool", "org_id",
                               org, "days", "400", "scope_assessments_read", "1", NULL),
                     422);
    ck_assert_int_eq(
        test_db_long(db, "SELECT count(*) FROM api_tokens WHERE name = 'tool'", 0, NULL), 0);

    ck_assert_int_eq(http_post(h, "/account/tokens", "csrf_token", csrf, "name", "tool", "org_id",
                               org, "days", "30", "scope_assessments_read", "1", NULL),
                     200);
    char token[API_TOKEN_TEXT];
    const char *shown = http_input_value(h, "new_token");
    ck_assert_msg(shown != NULL, "no token shown");
    snprintf(token, sizeof token, "%s", shown);
    ck_assert_uint_eq(strlen(token), API_TOKEN_TEXT - 1);
    /* stored as its hash only, with its scopes and expiry */
    char hash[API_TOKEN_HASH_TEXT];
    api_token_hash(token, hash);
    const char *hp[] = {hash, token};
    ck_assert_int_eq(test_db_long(db,
                                  "SELECT count(*) FROM api_tokens t WHERE token_hash = $1::bytea "
                                  "AND scopes = '{assessments:read}' AND name = 'tool' "
                                  "AND expires_at BETWEEN now() + interval '29 days' "
                                  "AND now() + interval '31 days' "
                                  "AND position($2 in t::text) = 0",
                                  2, hp),
                     1);
    ck_assert_int_eq(test_db_long(db,
                                  "SELECT count(*) FROM audit_log WHERE action = 'create' "
                                  "AND entity = 'api_token'",
                                  0, NULL),
                     1);
    /* shown once: the list shows it no more */
    ck_assert_int_eq(http_get(h, "/account/tokens"), 200);
    ck_assert(strstr(h->body, token) == NULL);
    ck_assert(strstr(h->body, "assessments:read") != NULL);

    /* the session cookie is no credential for the API; the token is */
    ck_assert_int_eq(http_api(h, "GET", "/api/v1/assessments", NULL, NULL, NULL), 401);
    json_decref(problem_of(h, 401));
    ck_assert(http_header(h, "WWW-Authenticate") != NULL);
    struct http *tool = http_new();
    ck_assert_int_eq(http_api(tool, "GET", "/api/v1/assessments", token, NULL, NULL), 200);
    ck_assert(strncmp(http_header(tool, "Content-Type"), "application/json", 16) == 0);
    ck_assert(http_header(tool, "Set-Cookie") == NULL);
    const char *tp[] = {hash};
    ck_assert_int_eq(test_db_long(db,
                                  "SELECT count(*) FROM audit_log l JOIN api_tokens t "
                                  "ON t.id = l.entity_id AND l.entity = 'api_token' "
                                  "WHERE t.token_hash = $1::bytea AND l.action = 'api_call' "
                                  "AND l.user_id = t.user_id AND l.org_id = t.org_id "
                                  "AND l.detail->>'path' = '/api/v1/assessments' "
                                  "AND (l.detail->>'status')::int = 200",
                                  1, tp),
                     1);

    /* revoked on the page: refused from then on */
    long id = test_db_long(db, "SELECT id FROM api_tokens WHERE token_hash = $1::bytea", 1, tp);
    char path[64];
    snprintf(path, sizeof path, "/account/tokens/%ld/revoke", id);
    ck_assert_int_eq(http_get(h, "/account/tokens"), 200);
    ck_assert_int_eq(http_post(h, path, "csrf_token", http_csrf_of(h, path), NULL), 303);
    ck_assert_int_eq(http_api(tool, "GET", "/api/v1/assessments", token, NULL, NULL), 401);
    json_decref(problem_of(tool, 401));
    ck_assert_int_eq(http_post(h, path, "csrf_token", csrf, NULL), 404); /* once */
    ck_assert_int_eq(test_db_long(db,
                                  "SELECT count(*) FROM audit_log WHERE action = 'revoke' "
                                  "AND entity = 'api_token'",
                                  0, NULL),
                     1);
    PQfinish(db);
    http_free(tool);
    http_free(h);
}
END_TEST

START_TEST(test_refusals)
{
    struct http *h = http_new();
    char expired[API_TOKEN_TEXT], revoked[API_TOKEN_TEXT], narrow[API_TOKEN_TEXT];
    test_api_token(SUPPLIER_USER, SUPPLIER, "{assessments:read}", "-1 day", 0, expired);
    test_api_token(SUPPLIER_USER, SUPPLIER, "{assessments:read}", "30 days", 1, revoked);
    test_api_token(SUPPLIER_USER, SUPPLIER, "{deliveries:read}", "30 days", 0, narrow);
    ck_assert_int_eq(http_api(h, "GET", "/api/v1/assessments", expired, NULL, NULL), 401);
    json_decref(problem_of(h, 401));
    ck_assert_int_eq(http_api(h, "GET", "/api/v1/assessments", revoked, NULL, NULL), 401);
    json_decref(problem_of(h, 401));
    char unknown[API_TOKEN_TEXT];
    api_token_new(unknown);
    ck_assert_int_eq(http_api(h, "GET", "/api/v1/assessments", unknown, NULL, NULL), 401);
    ck_assert_int_eq(http_api(h, "GET", "/api/v1/assessments", "not-a-token", NULL, NULL), 401);
    /* outside its scopes: 403, saying why */
    ck_assert_int_eq(http_api(h, "GET", "/api/v1/assessments", narrow, NULL, NULL), 403);
    json_t *p = problem_of(h, 403);
    ck_assert_str_eq(json_string_value(json_object_get(p, "detail")),
                     "This token's scopes do not include this operation.");
    json_decref(p);
    ck_assert_int_eq(http_api(h, "POST", "/api/v1/incidents", narrow, NULL, "{\"title\": \"x\"}"),
                     403);
    json_decref(problem_of(h, 403));
    /* unknown operations and methods answer as problems too */
    ck_assert_int_eq(http_api(h, "GET", "/api/v1/nothing", narrow, NULL, NULL), 404);
    json_decref(problem_of(h, 404));
    ck_assert_int_eq(http_api(h, "POST", "/api/v1/deliveries", narrow, NULL, "{}"), 405);
    json_decref(problem_of(h, 405));
    http_free(h);
}
END_TEST

START_TEST(test_rate_limit)
{
    struct http *h = http_new();
    char token[API_TOKEN_TEXT];
    test_api_token(SUPPLIER_USER, SUPPLIER, "{assessments:read}", "1 day", 0, token);
    int limited = 0;
    for (int i = 0; i < 70 && !limited; i++) {
        long s = http_api(h, "GET", "/api/v1/assessments", token, NULL, NULL);
        ck_assert(s == 200 || s == 429);
        if (s == 429) {
            ck_assert_msg(i >= 60, "limited after %d requests", i);
            limited = 1;
        }
    }
    ck_assert_msg(limited, "never limited");
    const char *wait = http_header(h, "Retry-After");
    ck_assert(wait != NULL);
    ck_assert(atoi(wait) >= 1 && atoi(wait) <= 60);
    json_decref(problem_of(h, 429));
    http_free(h);
}
END_TEST

static Suite *api_tokens_suite(void)
{
    Suite *s = suite_create("api_tokens");
    TCase *tc = tcase_create("tokens");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_token_page_make_use_revoke);
    tcase_add_test(tc, test_refusals);
    tcase_add_test(tc, test_rate_limit);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(api_tokens_suite)
