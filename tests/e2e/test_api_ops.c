/* test_api_ops.c - every operation of the JSON API through nginx with libcurl, as a
 * supplier's own tool would call it: Acme's assessor lists and reads an assessment, saves
 * answers with their item versions (409 on a stale one, 422 with the answer form's own
 * messages), replays a save by its Idempotency-Key (the first answer again, nothing saved
 * twice), submits; reads the OSCAL export; reports an incident (replayed: one record),
 * an event and a vulnerability; answers a rapid advisory campaign (422 with the one-screen
 * form's messages, a product that is not a choice, 403 without the scope, 404 for
 * another organisation's token); a coordinator reads deliveries. Another organisation's
 * token gets 404 for Acme's assessment. The OpenAPI description validates as OpenAPI 3.1
 * (TEST_OPENAPI_VALIDATOR), and the walk at the end fails for any documented operation
 * this test did not call. */
#include "testlib.h"

#include "api_token.h"

#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SUPPLIER_USER "assessor@acme.example"
#define SUPPLIER "Acme Cloud Services"
#define OTHER_USER "assessor@energy.example"
#define OTHER "Northwind Energy"
#define COORDINATOR "coordinator@northwind.example"
#define GROUP "Northwind Group"

/* The operations called so far, as "GET /assessments/{id}" (the description's form). */
static char called[64][96];
static int n_called;

static long api(struct http *h, const char *method, const char *op, const char *path,
                const char *token, const char *key, const char *json)
{
    char name[96];
    snprintf(name, sizeof name, "%s %s", method, op);
    int seen = 0;
    for (int i = 0; i < n_called; i++)
        seen |= strcmp(called[i], name) == 0;
    if (!seen && n_called < 64)
        snprintf(called[n_called++], sizeof called[0], "%s", name);
    char url[256];
    snprintf(url, sizeof url, "/api/v1%s", path);
    return http_api(h, method, url, token, key, json);
}

static json_t *body_json(struct http *h)
{
    json_error_t err;
    json_t *j = json_loads(h->body, 0, &err);
    ck_assert_msg(j != NULL, "not JSON (%ld): %s", h->status, h->body);
    return j;
}

/* The English message of Lang.Errors.<code>, read from the language file itself. */
static const char *form_message(const char *code)
{
    static char msg[512];
    char path[512], want[128], line[1024];
    snprintf(path, sizeof path, "%s/templates/lang/en.hdf", test_env("TEST_REPO"));
    snprintf(want, sizeof want, "Errors.%s = ", code);
    FILE *f = fopen(path, "r");
    ck_assert(f != NULL);
    msg[0] = '\0';
    while (fgets(line, sizeof line, f))
        if (strncmp(line, want, strlen(want)) == 0) {
            snprintf(msg, sizeof msg, "%.*s", (int)strcspn(line + strlen(want), "\n"),
                     line + strlen(want));
            break;
        }
    fclose(f);
    ck_assert_msg(*msg, "no message %s", code);
    return msg;
}

/* The first field error of a problem document of status; its code is checked against
 * the forms' message. */
static json_t *first_error(struct http *h, long status)
{
    ck_assert_int_eq(h->status, status);
    ck_assert(strncmp(http_header(h, "Content-Type"), "application/problem+json", 24) == 0);
    json_t *p = body_json(h);
    json_t *e = json_array_get(json_object_get(p, "errors"), 0);
    ck_assert_msg(e != NULL, "no errors in %s", h->body);
    ck_assert_str_eq(json_string_value(json_object_get(e, "message")),
                     form_message(json_string_value(json_object_get(e, "code"))));
    json_incref(e);
    json_decref(p);
    return e;
}

static long start_assessment(void)
{
    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, SUPPLIER_USER, test_password(SUPPLIER_USER)), 303);
    ck_assert_int_eq(http_get(h, "/assessments"), 200);
    ck_assert_int_eq(
        http_post(h, "/assessments", "csrf_token", http_session_csrf(h), "category", "ID.AM", NULL),
        303);
    long id = 0;
    ck_assert_int_eq(sscanf(http_header(h, "Location"), "/assessments/%ld", &id), 1);
    http_free(h);
    return id;
}

static void test_assessment_ops(struct http *h, const char *token, const char *other)
{
    long id = start_assessment();
    char path[96], json[4096];

    ck_assert_int_eq(api(h, "GET", "/assessments", "/assessments", token, NULL, NULL), 200);
    json_t *list = body_json(h);
    int listed = 0;
    size_t i;
    json_t *row;
    json_array_foreach(json_object_get(list, "assessments"), i, row) listed |=
        json_integer_value(json_object_get(row, "id")) == id;
    ck_assert(listed);
    json_decref(list);

    snprintf(path, sizeof path, "/assessments/%ld", id);
    ck_assert_int_eq(api(h, "GET", "/assessments/{id}", path, token, NULL, NULL), 200);
    json_t *a = body_json(h);
    ck_assert_str_eq(json_string_value(json_object_get(a, "status")), "draft");
    json_t *items = json_object_get(a, "items");
    size_t n = json_array_size(items);
    ck_assert(n >= 2);
    long first = (long)json_integer_value(json_object_get(json_array_get(items, 0), "id"));
    long version = (long)json_integer_value(json_object_get(json_array_get(items, 0), "version"));
    json_decref(a);

    /* a level out of the scale: 422 with the form's message for that item */
    snprintf(path, sizeof path, "/assessments/%ld/answers", id);
    snprintf(json, sizeof json,
             "{\"answers\": [{\"item_id\": %ld, \"version\": %ld, \"level\": 9}]}", first, version);
    ck_assert_int_eq(api(h, "POST", "/assessments/{id}/answers", path, token, NULL, json), 422);
    json_t *e = first_error(h, 422);
    ck_assert_int_eq(json_integer_value(json_object_get(e, "item_id")), first);
    ck_assert_str_eq(json_string_value(json_object_get(e, "field")), "level");
    json_decref(e);

    /* saved once, whatever the tool repeats */
    snprintf(json, sizeof json,
             "{\"answers\": [{\"item_id\": %ld, \"version\": %ld, \"level\": 3, "
             "\"notes\": \"asset register in the CMDB\"}]}",
             first, version);
    ck_assert_int_eq(api(h, "POST", "/assessments/{id}/answers", path, token, "save-1", json), 200);
    char *saved = strdup(h->body);
    a = body_json(h);
    json_t *item = json_array_get(json_object_get(a, "items"), 0);
    ck_assert_int_eq(json_integer_value(json_object_get(item, "level")), 3);
    ck_assert_int_eq(json_integer_value(json_object_get(item, "version")), version + 1);
    json_decref(a);
    ck_assert_int_eq(api(h, "POST", "/assessments/{id}/answers", path, token, "save-1", json), 200);
    ck_assert_str_eq(h->body, saved);
    ck_assert_str_eq(http_header(h, "Idempotent-Replayed"), "true");
    free(saved);
    PGconn *db = test_db_owner();
    char fid[24];
    snprintf(fid, sizeof fid, "%ld", first);
    const char *fp[] = {fid};
    ck_assert_int_eq(
        test_db_long(db, "SELECT max(version) FROM assessment_answers WHERE item_id = $1", 1, fp),
        version + 1);

    /* the stale version: 409, the item named, nothing overwritten */
    snprintf(json, sizeof json,
             "{\"answers\": [{\"item_id\": %ld, \"version\": %ld, \"level\": 4}]}", first, version);
    ck_assert_int_eq(api(h, "POST", "/assessments/{id}/answers", path, token, "save-2", json), 409);
    e = first_error(h, 409);
    ck_assert_str_eq(json_string_value(json_object_get(e, "code")), "conflict");
    ck_assert_int_eq(json_integer_value(json_object_get(e, "item_id")), first);
    json_decref(e);

    /* submitting before every item is answered: 422, the missing ones listed */
    snprintf(path, sizeof path, "/assessments/%ld/submit", id);
    ck_assert_int_eq(api(h, "POST", "/assessments/{id}/submit", path, token, NULL, "{}"), 422);
    e = first_error(h, 422);
    ck_assert_str_eq(json_string_value(json_object_get(e, "code")), "required");
    json_decref(e);

    /* every item answered with the versions read: submitted */
    snprintf(path, sizeof path, "/assessments/%ld", id);
    ck_assert_int_eq(api(h, "GET", "/assessments/{id}", path, token, NULL, NULL), 200);
    a = body_json(h);
    size_t len = (size_t)snprintf(json, sizeof json, "{\"answers\": [");
    json_array_foreach(json_object_get(a, "items"), i, item)
    {
        len += (size_t)snprintf(json + len, sizeof json - len,
                                "%s{\"item_id\": %lld, \"version\": %lld, \"level\": 2}",
                                i ? ", " : "", json_integer_value(json_object_get(item, "id")),
                                json_integer_value(json_object_get(item, "version")));
    }
    snprintf(json + len, sizeof json - len, "]}");
    json_decref(a);
    snprintf(path, sizeof path, "/assessments/%ld/submit", id);
    ck_assert_int_eq(api(h, "POST", "/assessments/{id}/submit", path, token, NULL, json), 200);
    a = body_json(h);
    ck_assert_str_eq(json_string_value(json_object_get(a, "status")), "submitted");
    json_decref(a);

    snprintf(path, sizeof path, "/assessments/%ld/oscal", id);
    ck_assert_int_eq(api(h, "GET", "/assessments/{id}/oscal", path, token, NULL, NULL), 200);
    a = body_json(h);
    ck_assert(json_object_get(a, "assessment-results") != NULL);
    json_decref(a);

    /* another organisation's token: Acme's assessment does not exist for it */
    snprintf(path, sizeof path, "/assessments/%ld", id);
    ck_assert_int_eq(api(h, "GET", "/assessments/{id}", path, other, NULL, NULL), 404);
    snprintf(path, sizeof path, "/assessments/%ld/oscal", id);
    ck_assert_int_eq(api(h, "GET", "/assessments/{id}/oscal", path, other, NULL, NULL), 404);
    snprintf(path, sizeof path, "/assessments/%ld/answers", id);
    snprintf(json, sizeof json,
             "{\"answers\": [{\"item_id\": %ld, \"version\": %ld, \"level\": 1}]}", first,
             version + 1);
    ck_assert_int_eq(api(h, "POST", "/assessments/{id}/answers", path, other, NULL, json), 404);
    ck_assert(strncmp(http_header(h, "Content-Type"), "application/problem+json", 24) == 0);

    /* a person in two organisations: a token for the one acts for it only, although row-level
     * security lets the person see Acme's assessment */
    PQclear(PQexec(db, "INSERT INTO users (email, display_name) "
                       "VALUES ('two-hats@acme.example', 'Tess Twohats')"));
    PQclear(PQexec(db, "INSERT INTO memberships (user_id, org_id, role) "
                       "SELECT u.id, o.id, 'assessor' FROM users u, organisations o "
                       "WHERE u.email = 'two-hats@acme.example' "
                       "AND o.name IN ('Acme Cloud Services', 'Bolt Security Ltd')"));
    char bolt[API_TOKEN_TEXT];
    test_api_token("two-hats@acme.example", "Bolt Security Ltd", "{assessments:read}", "1 day", 0,
                   bolt);
    snprintf(path, sizeof path, "/assessments/%ld", id);
    ck_assert_int_eq(api(h, "GET", "/assessments/{id}", path, bolt, NULL, NULL), 404);
    ck_assert_int_eq(api(h, "GET", "/assessments", "/assessments", bolt, NULL, NULL), 200);
    list = body_json(h);
    json_array_foreach(json_object_get(list, "assessments"), i, row)
        ck_assert_int_ne(json_integer_value(json_object_get(row, "id")), id);
    json_decref(list);
    PQclear(PQexec(db, "DELETE FROM memberships WHERE user_id = "
                       "(SELECT id FROM users WHERE email = 'two-hats@acme.example')"));
    PQfinish(db);
}

/* A POST with the token and a body of another type than JSON: its status. */
static long post_as(const char *token, const char *path, const char *type, const char *body)
{
    CURL *curl = curl_easy_init();
    char url[512], auth[128], ct[128];
    snprintf(url, sizeof url, "%s%s", test_env("TEST_BASE_URL"), path);
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
    snprintf(ct, sizeof ct, "Content-Type: %s", type);
    struct curl_slist *headers = curl_slist_append(curl_slist_append(NULL, auth), ct);
    FILE *sink = fopen("/dev/null", "w");
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, sink);
    ck_assert_int_eq(curl_easy_perform(curl), CURLE_OK);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    fclose(sink);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    return status;
}

static void test_report_ops(struct http *h, const char *token)
{
    PGconn *db = test_db_owner();
    /* invalid: the form's messages, nothing stored */
    ck_assert_int_eq(api(h, "POST", "/incidents", "/incidents", token, NULL, "{\"title\": \"x\"}"),
                     422);
    json_decref(first_error(h, 422));
    /* not JSON, or not sent as JSON */
    ck_assert_int_eq(api(h, "POST", "/incidents", "/incidents", token, NULL, "{\"title\": "), 400);
    ck_assert_int_eq(http_post_raw(h, "/api/v1/incidents", "text/plain", "title=x", 7), 401);
    ck_assert_int_eq(post_as(token, "/api/v1/incidents", "text/plain", "title=x"), 415);
    ck_assert_int_eq(
        post_as(token, "/api/v1/incidents", "application/x-www-form-urlencoded", "title=x"), 415);

    const char *incident =
        "{\"title\": \"API: phishing wave against the help desk\", "
        "\"detected_at\": \"2026-11-20 07:15\", "
        "\"description\": \"Forty mails with a fake invoice link since 07:00.\", "
        "\"category\": \"malware\", \"severity\": \"warning\", \"tlp\": \"amber\"}";
    ck_assert_int_eq(api(h, "POST", "/incidents", "/incidents", token, "incident-1", incident),
                     201);
    json_t *c = body_json(h);
    long id = (long)json_integer_value(json_object_get(c, "id"));
    char where[64];
    snprintf(where, sizeof where, "/incidents/%ld", id);
    ck_assert_str_eq(http_header(h, "Location"), where);
    ck_assert_str_eq(json_string_value(json_object_get(c, "href")), where);
    json_decref(c);
    ck_assert_int_eq(api(h, "POST", "/incidents", "/incidents", token, "incident-1", incident),
                     201);
    c = body_json(h);
    ck_assert_int_eq(json_integer_value(json_object_get(c, "id")), id);
    ck_assert_str_eq(http_header(h, "Location"), where);
    json_decref(c);
    ck_assert_int_eq(test_db_long(db,
                                  "SELECT count(*) FROM incidents "
                                  "WHERE title = 'API: phishing wave against the help desk'",
                                  0, NULL),
                     1);
    /* the same key for another operation is refused */
    ck_assert_int_eq(api(h, "POST", "/events", "/events", token, "incident-1", "{}"), 422);

    const char *event = "{\"reporter_name\": \"Anna Assessor\", "
                        "\"reporter_email\": \"assessor@acme.example\", "
                        "\"what_occurred\": \"Many failed VPN logins from one address.\", "
                        "\"detected_at\": \"2026-11-20T07:15\", \"is_over\": \"no\", "
                        "\"tlp\": \"green\"}";
    ck_assert_int_eq(api(h, "POST", "/events", "/events", token, "event-1", event), 201);
    ck_assert(strncmp(http_header(h, "Location"), "/events/", 8) == 0);
    const char *vulnerability = "{\"reporter_name\": \"Anna Assessor\", "
                                "\"reporter_email\": \"assessor@acme.example\", "
                                "\"description\": \"The VPN gateway firmware is two years old.\", "
                                "\"location\": \"VPN gateway vpn1\", \"tlp\": \"amber\"}";
    ck_assert_int_eq(
        api(h, "POST", "/vulnerabilities", "/vulnerabilities", token, NULL, vulnerability), 201);
    ck_assert(strncmp(http_header(h, "Location"), "/vulnerabilities/", 17) == 0);
    PQfinish(db);
}

/* Northwind Group asks Acme "are you affected?" (as the owner: the campaign's pages are
 * tested in test_rapid_campaign); Acme's tool answers through the API. */
static void test_rapid_ops(struct http *h, const char *token, const char *other)
{
    PGconn *db = test_db_owner();
    const char *orgs[] = {GROUP, SUPPLIER, COORDINATOR};
    long request = test_db_long(
        db,
        "WITH c AS (INSERT INTO rapid_campaigns (org_id, cve, title, deadline, products, "
        "  created_by) SELECT p.id, 'CVE-2021-44228', 'Log4Shell (API)', now() + interval "
        "  '24 hours', ARRAY['Log4j 2.14', 'Log4j 2.16'], u.id FROM organisations p, users u "
        "  WHERE p.name = $1 AND u.email = $3 RETURNING id) "
        "INSERT INTO rapid_requests (campaign_id, org_id) SELECT c.id, s.id FROM c, "
        "organisations s WHERE s.name = $2 RETURNING id",
        3, orgs);
    char path[96], op[] = "/rapid-requests/{id}/answer";
    snprintf(path, sizeof path, "/rapid-requests/%ld/answer", request);

    /* the tool finds the question among its organisation's, unanswered */
    ck_assert_int_eq(api(h, "GET", "/rapid-requests", "/rapid-requests", token, NULL, NULL), 200);
    json_t *list = body_json(h), *q;
    size_t k;
    int listed = 0;
    json_array_foreach(json_object_get(list, "requests"), k, q)
    {
        if (json_integer_value(json_object_get(q, "id")) == request) {
            listed = 1;
            ck_assert_str_eq(json_string_value(json_object_get(q, "cve")), "CVE-2021-44228");
            ck_assert(json_is_null(json_object_get(q, "answer")));
            ck_assert(json_is_false(json_object_get(q, "overdue")));
        }
    }
    ck_assert(listed);
    json_decref(list);
    ck_assert_int_eq(api(h, "GET", "/rapid-requests", "/rapid-requests", other, NULL, NULL), 403);

    /* without the scope: 403; another organisation's token: 404 */
    ck_assert_int_eq(api(h, "POST", op, path, other, NULL, "{\"answer\": \"affected\"}"), 403);
    char answering[API_TOKEN_TEXT];
    test_api_token(OTHER_USER, OTHER, "{advisories:answer}", "1 day", 0, answering);
    ck_assert_int_eq(api(h, "GET", "/rapid-requests", "/rapid-requests", answering, NULL, NULL),
                     200);
    json_t *theirs = body_json(h);
    json_array_foreach(json_object_get(theirs, "requests"), k, q)
        ck_assert_msg(json_integer_value(json_object_get(q, "id")) != request,
                      "Acme's question listed for %s", OTHER);
    json_decref(theirs);
    ck_assert_int_eq(api(h, "POST", op, path, answering, NULL, "{\"answer\": \"affected\"}"), 404);
    /* the form's checks and messages */
    api(h, "POST", op, path, token, NULL, "{\"answer\": \"maybe\"}");
    json_t *e = first_error(h, 422);
    ck_assert_str_eq(json_string_value(json_object_get(e, "field")), "answer");
    json_decref(e);
    api(h, "POST", op, path, token, NULL,
        "{\"answer\": \"affected\", \"products\": [\"Log4j 1.0\"]}");
    e = first_error(h, 422);
    ck_assert_str_eq(json_string_value(json_object_get(e, "field")), "products");
    ck_assert_str_eq(json_string_value(json_object_get(e, "code")), "not_a_choice");
    json_decref(e);
    ck_assert_int_eq(api(h, "POST", op, path, token, NULL, "{\"answer\": 1, \"products\": \"x\"}"),
                     400);
    /* stored, and replayed by its key without a second write */
    static const char answer[] = "{\"answer\": \"affected\", \"products\": [\"Log4j 2.14\"], "
                                 "\"mitigations\": \"JNDI lookups disabled\", "
                                 "\"fix_date\": \"2026-12-20\", \"contact\": \"sec@acme.example\"}";
    ck_assert_int_eq(api(h, "POST", op, path, token, "rapid-answer-1", answer), 200);
    json_t *r = body_json(h);
    ck_assert_int_eq(json_integer_value(json_object_get(r, "id")), request);
    ck_assert_str_eq(json_string_value(json_object_get(r, "answer")), "affected");
    json_decref(r);
    char id[24];
    snprintf(id, sizeof id, "%ld", request);
    const char *p[] = {id};
    char *stored = test_db_value(db,
                                 "SELECT answer || ' ' || array_to_string(products, ',') || ' ' "
                                 "|| fix_date || ' ' || mitigations FROM rapid_requests "
                                 "WHERE id = $1",
                                 1, p);
    ck_assert_str_eq(stored, "affected Log4j 2.14 2026-12-20 JNDI lookups disabled");
    free(stored);
    char *answered =
        test_db_value(db, "SELECT answered_at::text FROM rapid_requests WHERE id = $1", 1, p);
    ck_assert_int_eq(api(h, "POST", op, path, token, "rapid-answer-1", answer), 200);
    ck_assert_str_eq(http_header(h, "Idempotent-Replayed"), "true");
    char *again =
        test_db_value(db, "SELECT answered_at::text FROM rapid_requests WHERE id = $1", 1, p);
    ck_assert_str_eq(again, answered);
    free(again);
    free(answered);
    PQfinish(db);
}

START_TEST(test_every_operation)
{
    struct http *h = http_new();
    char token[API_TOKEN_TEXT], other[API_TOKEN_TEXT], coordinator[API_TOKEN_TEXT];
    test_api_token(SUPPLIER_USER, SUPPLIER,
                   "{assessments:read,assessments:write,incidents:write,advisories:answer}",
                   "1 day", 0, token);
    test_api_token(OTHER_USER, OTHER, "{assessments:read,assessments:write}", "1 day", 0, other);
    test_api_token(COORDINATOR, GROUP, "{deliveries:read}", "1 day", 0, coordinator);

    test_assessment_ops(h, token, other);
    test_report_ops(h, token);
    test_rapid_ops(h, token, other);
    ck_assert_int_eq(api(h, "GET", "/deliveries", "/deliveries", coordinator, NULL, NULL), 200);
    json_t *d = body_json(h);
    ck_assert(json_is_array(json_object_get(d, "deliveries")));
    size_t k;
    json_t *delivery;
    json_array_foreach(json_object_get(d, "deliveries"), k, delivery)
    {
        ck_assert(json_is_string(json_object_get(delivery, "state")));
        ck_assert(json_object_get(delivery, "receipt_id") != NULL);
    }
    json_decref(d);

    /* the description: public, and every operation in it was called above */
    ck_assert_int_eq(api(h, "GET", "/openapi.json", "/openapi.json", NULL, NULL, NULL), 200);
    json_t *doc = body_json(h);
    ck_assert_str_eq(json_string_value(json_object_get(doc, "openapi")), "3.1.0");
    const char *p;
    json_t *ops;
    int documented = 0;
    json_object_foreach(json_object_get(doc, "paths"), p, ops)
    {
        const char *method;
        json_t *op;
        json_object_foreach(ops, method, op)
        {
            char name[96];
            snprintf(name, sizeof name, "%s %s", method, p);
            for (char *k = name; *k != ' '; k++)
                *k = (char)(*k - 'a' + 'A');
            int seen = 0;
            for (int i = 0; i < n_called; i++)
                seen |= strcmp(called[i], name) == 0;
            ck_assert_msg(seen, "documented operation %s has no test", name);
            documented++;
        }
    }
    ck_assert_int_eq(documented, n_called);
    json_decref(doc);
    http_free(h);
}
END_TEST

START_TEST(test_description_validates)
{
    struct http *h = http_new();
    ck_assert_int_eq(http_get(h, "/api/v1/openapi.json"), 200);
    char file[] = "/tmp/openapi-XXXXXX";
    int fd = mkstemp(file);
    ck_assert(fd >= 0);
    ck_assert(write(fd, h->body, h->body_len) == (ssize_t)h->body_len);
    close(fd);
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "%s %s", test_env("TEST_OPENAPI_VALIDATOR"), file);
    ck_assert_msg(system(cmd) == 0, "the description does not validate as OpenAPI 3.1");
    /* a broken copy must not */
    FILE *f = fopen(file, "w");
    fputs("{\"openapi\": \"3.1.0\", \"paths\": {}}", f);
    fclose(f);
    snprintf(cmd, sizeof cmd, "%s %s >/dev/null", test_env("TEST_OPENAPI_VALIDATOR"), file);
    ck_assert(system(cmd) != 0);
    unlink(file);
    http_free(h);
}
END_TEST

static Suite *api_ops_suite(void)
{
    Suite *s = suite_create("api_ops");
    TCase *tc = tcase_create("operations");
    tcase_set_timeout(tc, 90);
    tcase_add_test(tc, test_every_operation);
    tcase_add_test(tc, test_description_validates);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(api_ops_suite)
