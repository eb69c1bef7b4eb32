/* test_isolation_http.c - tenant isolation over HTTP, generated from the route table:
 * every route of cgi/routes.c whose path takes an id is called, GET or POST as declared
 * (POST with the caller's own valid CSRF token), by a signed-in member, in every role, of
 * an organisation related to nobody, with the id of another organisation's object of the
 * kind the path names. Each answer must be 403 or 404 and must not show that object's
 * title or name. A route whose path names a kind this test has no object for fails it:
 * a new kind of route cannot slip through. Runs among the end-to-end tests, after those
 * before it in name order have made the objects. */
#include "testlib.h"

#include "auth.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The path prefix, and the owner's query for one other organisation's object of that
 * kind: its id and a text the page of that object would show. */
static const struct {
    const char *prefix, *sql;
} kinds[] = {
    {"/assessments/", "SELECT a.id, o.name FROM assessments a JOIN organisations o ON o.id = "
                      "a.org_id WHERE a.org_id <> $1::bigint ORDER BY a.id LIMIT 1"},
    {"/campaigns/", "SELECT id, title FROM campaigns WHERE owner_org_id <> $1::bigint "
                    "ORDER BY id LIMIT 1"},
    {"/evidence/", "SELECT e.id, e.file_name FROM evidence_files e JOIN assessments a ON a.id = "
                   "e.assessment_id WHERE a.org_id <> $1::bigint ORDER BY e.id LIMIT 1"},
    {"/incidents/", "SELECT id, title FROM incidents WHERE org_id <> $1::bigint ORDER BY id "
                    "LIMIT 1"},
    {"/events/", "SELECT id, left(what_occurred, 40) FROM events WHERE org_id <> $1::bigint "
                 "ORDER BY id LIMIT 1"},
    {"/vulnerabilities/", "SELECT id, left(description, 40) FROM vulnerabilities WHERE org_id <> "
                          "$1::bigint ORDER BY id LIMIT 1"},
    {"/obligations/", "SELECT o.id, i.title FROM notification_obligations o JOIN incidents i "
                      "ON i.id = o.incident_id WHERE i.org_id <> $1::bigint ORDER BY o.id "
                      "LIMIT 1"},
    {"/deliveries/", "SELECT id, coalesce(address, kind) FROM outbox WHERE org_id <> $1::bigint "
                     "ORDER BY id LIMIT 1"},
    {"/organisations/", "SELECT id, name FROM organisations WHERE id <> $1::bigint AND name = "
                        "'Northwind Energy'"},
    {"/memberships/", "SELECT id, name FROM organisations WHERE id <> $1::bigint AND name = "
                      "'Northwind Energy'"},
};

static char outsider_email[96], outsider_org[24];
static const char outsider_password[] = "an outsider's password 4711";

static void outsider_setup(void)
{
    ck_assert_int_eq(auth_init(), 0);
    PGconn *db = test_db_owner();
    char name[64], hash[AUTH_PWHASH_TEXT];
    unsigned tag = randombytes_random();
    snprintf(name, sizeof name, "HTTP isolation outsider %u", tag);
    snprintf(outsider_email, sizeof outsider_email, "outsider.%u@http-isolation.example", tag);
    ck_assert_int_eq(auth_password_hash(outsider_password, hash), 0);
    const char *p[] = {name, outsider_email, hash};
    char *org = test_db_value(
        db,
        "WITH o AS (INSERT INTO organisations (name) VALUES ($1) RETURNING id), "
        "u AS (INSERT INTO users (email, display_name, password_hash) "
        "  VALUES ($2, 'Outsider', $3) RETURNING id), "
        "m AS (INSERT INTO memberships (user_id, org_id, role) SELECT u.id, o.id, r FROM u, o, "
        "  unnest(ARRAY['org_admin', 'assessor', 'reviewer', 'coordinator', "
        "  'incident_reporter']) r RETURNING 1) "
        "SELECT o.id FROM o, (SELECT count(*) FROM m) c",
        3, p);
    snprintf(outsider_org, sizeof outsider_org, "%s", org);
    free(org);
    PQfinish(db);
}

START_TEST(outsider_gets_nothing_by_id)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/cgi/routes.c", test_env("TEST_REPO"));
    FILE *f = fopen(path, "r");
    ck_assert_msg(f != NULL, "cannot read %s", path);
    static char text[65536];
    size_t len = fread(text, 1, sizeof text - 1, f);
    text[len] = '\0';
    fclose(f);

    PGconn *db = test_db_owner();
    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, outsider_email, outsider_password), 303);
    char failures[8192] = "";
    int routes = 0;
    for (const char *p = strstr(text, "{{\""); p; p = strstr(p + 1, "{{\"")) {
        char method[8], pattern[256];
        if (sscanf(p, "{{\"%7[A-Z]\", \"%255[^\"]\"}", method, pattern) != 2 ||
            !strstr(pattern, ":id"))
            continue;
        int k = -1;
        for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
            if (strncmp(pattern, kinds[i].prefix, strlen(kinds[i].prefix)) == 0)
                k = (int)i;
        ck_assert_msg(k >= 0, "%s %s: no object of its kind here; add a fixture for this route",
                      method, pattern);
        const char *param[] = {outsider_org};
        PGresult *r = PQexecParams(db, kinds[k].sql, 1, NULL, param, NULL, NULL, 0);
        ck_assert_msg(PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1,
                      "%s %s: no other organisation's object found (%s)", method, pattern,
                      PQerrorMessage(db));
        char url[512], secret[256];
        const char *id = PQgetvalue(r, 0, 0);
        snprintf(secret, sizeof secret, "%s", PQgetvalue(r, 0, 1));
        PQclear(r);
        const char *at = strstr(pattern, ":id");
        snprintf(url, sizeof url, "%.*s%s%s", (int)(at - pattern), pattern, id, at + 3);
        long status;
        if (strcmp(method, "GET") == 0) {
            status = http_get(h, url);
        } else {
            ck_assert_int_eq(http_get(h, "/"), 200);
            char csrf[128];
            snprintf(csrf, sizeof csrf, "%s", http_session_csrf(h));
            status = http_post(h, url, "csrf_token", csrf, NULL);
        }
        routes++;
        int leaked = strlen(secret) >= 4 && h->body && strstr(h->body, secret) != NULL;
        if ((status != 403 && status != 404) || leaked)
            snprintf(failures + strlen(failures), sizeof failures - strlen(failures),
                     "\n  %s %s (%s): status %ld%s", method, pattern, url, status,
                     leaked ? ", shows the object's title or name" : "");
    }
    PQfinish(db);
    http_free(h);
    ck_assert_msg(failures[0] == '\0', "an outsider reached another organisation's objects:%s",
                  failures);
    ck_assert_int_ge(routes, 30);
}
END_TEST

static Suite *isolation_http_suite(void)
{
    Suite *s = suite_create("isolation_http");
    TCase *t = tcase_create("matrix");
    tcase_set_timeout(t, 120);
    tcase_add_unchecked_fixture(t, outsider_setup, NULL);
    tcase_add_test(t, outsider_gets_nothing_by_id);
    suite_add_tcase(s, t);
    return s;
}

TEST_MAIN(isolation_http_suite)
