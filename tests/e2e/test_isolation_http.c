/* test_isolation_http.c - tenant isolation over HTTP, generated from the route table:
 * every route of cgi/routes.c whose path takes an id is called, GET or POST as declared
 * (POST with the caller's own valid CSRF token), by each kind of outsider of the world in
 * tenants.h (a member holding every role) with the id of an object it must not reach:
 *
 *   another parent (R)        everything of the parent P, its group company G, supplier S
 *   a sibling group company   everything of G and of the parent P
 *   a supplier (S)            everything of its customer P and of P's group company G
 *   a customer not chosen (Q) S's incident work; S's assessments only as their overseer,
 *                             never what S answered for another customer
 *   the chosen customer (P)   S's incident work: it may read the incident, and sees its
 *                             title and the actions S chose, never the parts S withheld;
 *                             it changes nothing
 *
 * A customer's manager may also assign an improvement action to its supplier (POST
 * /organisations/:id/actions, here 422 on the empty form).
 *
 * Each answer must be 403 or 404 (the chosen customer's reads excepted, as above) and no
 * answer may show a withheld text of the object's owner. A route whose path names a kind
 * this test has no object for fails it: a new kind of route cannot slip through. */
#include "tenants.h"
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The path prefix, and the owner's query for the object of that kind that organisation
 * $1 owns: its id and the name that shows it (beyond the markers in its texts). */
static const struct {
    const char *prefix, *sql;
    int incident_work; /* part of an incident's handling, which a customer may be shown */
} kinds[] = {
    {"/assessments/",
     "SELECT a.id, o.name FROM assessments a JOIN organisations o ON o.id = a.org_id "
     "WHERE a.org_id = $1::bigint",
     0},
    {"/campaigns/", "SELECT id, title FROM campaigns WHERE owner_org_id = $1::bigint", 0},
    {"/evidence/",
     "SELECT e.id, e.file_name FROM evidence_files e JOIN assessments a ON a.id = "
     "e.assessment_id WHERE a.org_id = $1::bigint",
     0},
    {"/incidents/", "SELECT id, title FROM incidents WHERE org_id = $1::bigint", 1},
    {"/events/", "SELECT id, what_occurred FROM events WHERE org_id = $1::bigint", 1},
    {"/vulnerabilities/", "SELECT id, description FROM vulnerabilities WHERE org_id = $1::bigint",
     1},
    {"/obligations/",
     "SELECT o.id, o.sent_body FROM notification_obligations o JOIN incidents i "
     "ON i.id = o.incident_id WHERE i.org_id = $1::bigint",
     1},
    {"/deliveries/", "SELECT id, payload->>'subject' FROM outbox WHERE org_id = $1::bigint", 1},
    {"/organisations/", "SELECT id, name FROM organisations WHERE id = $1::bigint", 0},
    {"/memberships/", "SELECT id, name FROM organisations WHERE id = $1::bigint", 0},
    {"/advisories/", "SELECT id, title FROM advisories WHERE org_id = $1::bigint", 0},
    {"/advisory-feeds/", "SELECT id, url FROM advisory_feeds WHERE org_id = $1::bigint", 0},
    {"/misp-events/", "SELECT id, info FROM misp_events WHERE org_id = $1::bigint", 0},
    {"/actions/", "SELECT id, title FROM planned_actions WHERE org_id = $1::bigint", 0},
    {"/account/tokens/", "SELECT id, name FROM api_tokens WHERE org_id = $1::bigint", 0},
    /* before "/rapid/": a respondent's request, then the asking parent's campaign */
    {"/rapid/requests/", "SELECT id, notes FROM rapid_requests WHERE org_id = $1::bigint", 0},
    {"/rapid/", "SELECT id, title FROM rapid_campaigns WHERE org_id = $1::bigint", 0},
};
#define KIND_COUNT (sizeof kinds / sizeof kinds[0])

/* STRICT: refused everywhere. A customer of S oversees S's own assessments (not those it
 * answered for another customer) and may read those pages; the chosen customer reads S's
 * incident too. Neither changes anything of S's, and no page shows a withheld text. */
enum reach { STRICT, CUSTOMER, CHOSEN_CUSTOMER };

static const struct {
    const char *who;
    enum tenant outsider;
    enum tenant targets[3];
    int target_count;
    enum reach reach;
} cases[] = {
    {"another parent", TENANT_R, {TENANT_P, TENANT_G, TENANT_S}, 3, STRICT},
    {"a sibling group company", TENANT_H, {TENANT_G, TENANT_P}, 2, STRICT},
    {"a supplier", TENANT_S, {TENANT_P, TENANT_G}, 2, STRICT},
    {"a customer the supplier did not choose", TENANT_Q, {TENANT_S}, 1, CUSTOMER},
    {"the chosen customer", TENANT_P, {TENANT_S}, 1, CHOSEN_CUSTOMER},
};

static struct tenants world;
static char routes_text[65536];

static void world_setup(void)
{
    PGconn *db = test_db_owner();
    tenants_build(db, &world);
    PQfinish(db);
    char path[1024];
    snprintf(path, sizeof path, "%s/cgi/routes.c", test_env("TEST_REPO"));
    FILE *f = fopen(path, "r");
    ck_assert_msg(f != NULL, "cannot read %s", path);
    size_t len = fread(routes_text, 1, sizeof routes_text - 1, f);
    routes_text[len] = '\0';
    fclose(f);
}

static int kind_of(const char *pattern)
{
    for (size_t i = 0; i < KIND_COUNT; i++)
        if (strncmp(pattern, kinds[i].prefix, strlen(kinds[i].prefix)) == 0)
            return (int)i;
    return -1;
}

/* Calls every id-taking route as the case's outsider on each of its targets' objects;
 * returns the number of calls and appends what went wrong to failures. */
static int walk_routes(PGconn *db, int c, int tried[], char *failures, size_t size)
{
    enum tenant out = cases[c].outsider;
    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, world.email[out], tenants_password), 303);
    int calls = 0;
    for (const char *p = strstr(routes_text, "{{\""); p; p = strstr(p + 1, "{{\"")) {
        char method[8], pattern[256];
        if (sscanf(p, "{{\"%7[A-Z]\", \"%255[^\"]\"}", method, pattern) != 2 ||
            !strstr(pattern, ":id"))
            continue;
        int k = kind_of(pattern);
        ck_assert_msg(k >= 0, "%s %s: no object of its kind here; add a fixture for this route",
                      method, pattern);
        if (cases[c].reach == CHOSEN_CUSTOMER && !kinds[k].incident_work)
            continue; /* P oversees its supplier's assessments: not a customer's matter */
        int is_get = strcmp(method, "GET") == 0;
        for (int t = 0; t < cases[c].target_count; t++) {
            enum tenant target = cases[c].targets[t];
            const char *param[] = {world.org_id[target]};
            PGresult *r = PQexecParams(db, kinds[k].sql, 1, NULL, param, NULL, NULL, 0);
            ck_assert_msg(PQresultStatus(r) == PGRES_TUPLES_OK, "%s", PQerrorMessage(db));
            if (PQntuples(r) == 0) { /* only parents own campaigns */
                PQclear(r);
                continue;
            }
            tried[k]++;
            char url[512], name[256];
            const char *at = strstr(pattern, ":id");
            snprintf(url, sizeof url, "%.*s%s%s", (int)(at - pattern), pattern, PQgetvalue(r, 0, 0),
                     at + 3);
            snprintf(name, sizeof name, "%s", PQgetvalue(r, 0, 1));
            PQclear(r);
            long status;
            if (is_get) {
                status = http_get(h, url);
            } else {
                ck_assert_int_eq(http_get(h, "/"), 200);
                char csrf[128];
                snprintf(csrf, sizeof csrf, "%s", http_session_csrf(h));
                status = http_post(h, url, "csrf_token", csrf, NULL);
            }
            calls++;
            const char *body = h->body ? h->body : "";
            int refused = status == 403 || status == 404;
            int reads = is_get && status == 200 &&
                        ((cases[c].reach == CUSTOMER && !kinds[k].incident_work) ||
                         (cases[c].reach == CHOSEN_CUSTOMER && kinds[k].incident_work));
            /* a customer's manager assigns remediation to its supplier (issue 10): the empty
             * form reaches validation */
            reads = reads || (cases[c].reach == CUSTOMER && status == 422 &&
                              strcmp(pattern, "/organisations/:id/actions") == 0);
            const char *why = NULL;
            if (!refused && !reads)
                why = "answered";
            else if (strstr(body, world.leak_marker[target]))
                why = "showed a withheld text of its owner, in an answer";
            else if (cases[c].reach == STRICT &&
                     (strstr(body, world.shown_marker) ||
                      (strcmp(kinds[k].prefix, "/organisations/") != 0 &&
                       strcmp(kinds[k].prefix, "/memberships/") != 0 && strstr(body, name))))
                why = "showed the object, in an answer";
            if (why)
                snprintf(failures + strlen(failures), size - strlen(failures),
                         "\n  %s (%c) -> %c: %s %s %s %ld", cases[c].who, tenant_letter(out),
                         tenant_letter(target), method, url, why, status);
        }
    }
    http_free(h);
    return calls;
}

START_TEST(outsiders_get_nothing_by_id)
{
    PGconn *db = test_db_owner();
    static char failures[32768];
    failures[0] = '\0';
    int calls = 0, tried[KIND_COUNT] = {0};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++)
        calls += walk_routes(db, (int)c, tried, failures, sizeof failures);
    PQfinish(db);
    ck_assert_msg(failures[0] == '\0', "an outsider reached objects it must not:%s", failures);
    for (size_t k = 0; k < KIND_COUNT; k++)
        ck_assert_msg(tried[k] > 0, "no route of %s was tried", kinds[k].prefix);
    ck_assert_int_ge(calls, 200);
}
END_TEST

/* The control: the chosen customer does read the supplier's incident, with the parts it
 * was given, so the matrix above is not passing on a page that shows nothing to anyone. */
START_TEST(chosen_customer_reads_what_was_shared)
{
    PGconn *db = test_db_owner();
    const char *p[] = {world.org_id[TENANT_S]};
    char *incident = test_db_value(db, "SELECT id FROM incidents WHERE org_id = $1::bigint", 1, p);
    PQfinish(db);
    char url[64];
    snprintf(url, sizeof url, "/incidents/%s", incident);
    free(incident);
    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, world.email[TENANT_P], tenants_password), 303);
    ck_assert_int_eq(http_get(h, url), 200);
    char title[96], actions[96];
    snprintf(title, sizeof title, "%s incident", world.shown_marker);
    snprintf(actions, sizeof actions, "%s actions", world.shown_marker);
    ck_assert_msg(strstr(h->body, title) != NULL, "the shared incident's title is not shown");
    ck_assert_msg(strstr(h->body, actions) != NULL, "the actions S chose to share are not shown");
    ck_assert_ptr_null(strstr(h->body, world.leak_marker[TENANT_S]));
    /* the customer not chosen does not */
    struct http *q = http_new();
    ck_assert_int_eq(http_login(q, world.email[TENANT_Q], tenants_password), 303);
    long status = http_get(q, url);
    ck_assert_msg(status == 403 || status == 404, "customer not chosen: %ld", status);
    http_free(q);
    http_free(h);
}
END_TEST

static Suite *isolation_http_suite(void)
{
    Suite *s = suite_create("isolation_http");
    TCase *t = tcase_create("matrix");
    tcase_set_timeout(t, 300);
    tcase_add_unchecked_fixture(t, world_setup, NULL);
    tcase_add_test(t, chosen_customer_reads_what_was_shared);
    tcase_add_test(t, outsiders_get_nothing_by_id);
    suite_add_tcase(s, t);
    return s;
}

TEST_MAIN(isolation_http_suite)
