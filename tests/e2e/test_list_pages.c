/* test_list_pages.c - the incident, event and vulnerability lists reach every row (issue 8,
 * hole 11: they showed the newest 500 and nothing older). An organisation with more rows
 * than that, some reported at the same instant, is walked page by page through the
 * "Older" links: each row appears exactly once, newest first, the oldest included, and no
 * page holds more than 100. A parent overseeing more than a hundred group companies (whose
 * list walks all incidents rather than each company's) is walked the same way. A malformed
 * cursor is a 400. */
#include "tenants.h"
#include "testlib.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define INCIDENTS 520
#define EVENTS 230
#define VULNERABILITIES 101

static struct tenants world;

/* Reports for R, two at each instant, so that the order rests on the id too. */
static void world_setup(void)
{
    PGconn *db = test_db_owner();
    tenants_build(db, &world);
    const char *p[] = {world.org_id[TENANT_R], world.user_id[TENANT_R]};
    char sql[1024];
    snprintf(sql, sizeof sql,
             "WITH i AS (INSERT INTO incidents (org_id, title, detected_at, description, "
             "  category, severity, tlp, reported_by, created_at) "
             "  SELECT $1::bigint, 'Paged incident ' || g, now(), 'd', 'malware', 'warning', "
             "  'amber', $2::bigint, now() - (g / 2) * interval '1 minute' "
             "  FROM generate_series(1, %d) g RETURNING 1), "
             "e AS (INSERT INTO events (org_id, reporter_name, reporter_email, what_occurred, "
             "  detected_at, created_by, reported_at) "
             "  SELECT $1::bigint, 'R', 'r@tenants.example', 'Paged event ' || g, now(), "
             "  $2::bigint, now() - (g / 2) * interval '1 minute' "
             "  FROM generate_series(1, %d) g RETURNING 1), "
             "v AS (INSERT INTO vulnerabilities (org_id, reporter_name, reporter_email, "
             "  description, location, created_by, created_at) "
             "  SELECT $1::bigint, 'R', 'r@tenants.example', 'Paged weakness ' || g, 'here', "
             "  $2::bigint, now() - (g / 2) * interval '1 minute' "
             "  FROM generate_series(1, %d) g RETURNING 1) "
             "SELECT (SELECT count(*) FROM i) + (SELECT count(*) FROM e) + "
             "(SELECT count(*) FROM v)",
             INCIDENTS, EVENTS, VULNERABILITIES);
    ck_assert_int_eq(test_db_long(db, sql, 2, p), INCIDENTS + EVENTS + VULNERABILITIES);
    PQfinish(db);
}

/* Follows the "Older" links of list (each page fetched as h) from path, collecting the
 * ids of the rows linked as prefix<id>; checks each page and returns the number of rows. */
static int walk(struct http *h, const char *path, const char *prefix, const char *param, long *ids,
                int max)
{
    char url[256];
    snprintf(url, sizeof url, "%s", path);
    int n = 0, pages = 0;
    for (;;) {
        ck_assert_int_eq(http_get(h, url), 200);
        pages++;
        ck_assert_int_le(pages, max / 100 + 2);
        char link[64];
        int on_page = 0;
        snprintf(link, sizeof link, "href=\"%s", prefix);
        for (const char *s = strstr(h->body, link); s; s = strstr(s + 1, link)) {
            if (!isdigit((unsigned char)s[strlen(link)]))
                continue; /* "new" */
            long id = atol(s + strlen(link));
            ck_assert_int_lt(n, max);
            for (int k = 0; k < n; k++)
                ck_assert_msg(ids[k] != id, "%s%ld shown twice", prefix, id);
            ids[n++] = id;
            on_page++;
        }
        ck_assert_int_le(on_page, 100);
        char next[64];
        snprintf(next, sizeof next, "href=\"%s?%s=", path, param);
        const char *older = strstr(h->body, next);
        if (!older)
            break;
        const char *end = strchr(older + 6, '"');
        snprintf(url, sizeof url, "%.*s", (int)(end - older - 6), older + 6);
    }
    return n;
}

/* Walks path as email and checks that it lists exactly the ids of order (comma-separated,
 * as the database orders them), in that order. */
static void walk_expecting(const char *email, const char *path, const char *prefix,
                           const char *param, const char *order, int expected)
{
    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, email, tenants_password), 303);
    long *ids = calloc((size_t)expected + 1, sizeof *ids);
    int n = walk(h, path, prefix, param, ids, expected + 1);
    ck_assert_int_eq(n, expected);
    const char *s = order;
    for (int k = 0; k < n; k++) {
        ck_assert_msg(s && atol(s) == ids[k], "row %d: %s%ld listed, %ld expected", k, prefix,
                      ids[k], s ? atol(s) : 0);
        s = strchr(s, ',');
        if (s)
            s++;
    }
    free(ids);
    http_free(h);
}

static void walk_all(const char *path, const char *prefix, const char *param, const char *table,
                     const char *time_col, int expected)
{
    /* newest first, by time then id, as the database orders them */
    PGconn *db = test_db_owner();
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT string_agg(id::text, ',' ORDER BY %s DESC, id DESC) FROM %s "
             "WHERE org_id = $1::bigint",
             time_col, table);
    const char *p[] = {world.org_id[TENANT_R]};
    char *order = test_db_value(db, sql, 1, p);
    PQfinish(db);
    walk_expecting(world.email[TENANT_R], path, prefix, param, order, expected);
    free(order);
}

START_TEST(every_incident_is_reachable)
{
    walk_all("/incidents", "/incidents/", "before", "incidents", "created_at", INCIDENTS);
}
END_TEST

START_TEST(every_event_and_vulnerability_is_reachable)
{
    walk_all("/events", "/events/", "events_before", "events", "reported_at", EVENTS);
    walk_all("/events", "/vulnerabilities/", "vulnerabilities_before", "vulnerabilities",
             "created_at", VULNERABILITIES);
}
END_TEST

/* A parent's coordinator who oversees more group companies than the list walks one by
 * one (cgi/handler_incident.c, INCIDENT_LIST_PER_ORG_MAX) is served by the walk over all
 * incidents, and still sees exactly what row-level security shows them: their own, their
 * group companies', and any supplier's incident shared with them, in order. */
START_TEST(a_parent_of_many_companies_reaches_every_incident)
{
    PGconn *db = test_db_owner();
    const char *p[] = {world.org_id[TENANT_P], world.user_id[TENANT_P], world.tag};
    ck_assert_int_eq(
        test_db_long(db,
                     "WITH c AS (INSERT INTO organisations (name) "
                     "  SELECT 'Wide company ' || g || ' ' || $3 FROM generate_series(1, 120) g "
                     "  RETURNING id), "
                     "r AS (INSERT INTO org_relations (parent_id, child_id, kind) "
                     "  SELECT $1::bigint, id, 'group_company' FROM c RETURNING child_id), "
                     "i AS (INSERT INTO incidents (org_id, title, detected_at, description, "
                     "  category, severity, tlp, reported_by, created_at) "
                     "  SELECT r.child_id, 'Wide incident', now(), 'd', 'malware', 'warning', "
                     "  'amber', $2::bigint, now() - (r.child_id % 37) * interval '1 minute' "
                     "  FROM r, generate_series(1, 2) RETURNING 1) "
                     "SELECT count(*) FROM i",
                     3, p),
        240);
    PQfinish(db);
    PGconn *as_p = test_db_app_as(world.email[TENANT_P]);
    char *order = test_db_value(as_p,
                                "SELECT string_agg(id::text, ',' ORDER BY at DESC, id DESC) "
                                "FROM (SELECT id, created_at AS at FROM incidents UNION "
                                "SELECT id, created_at FROM customer_incidents) x",
                                0, NULL);
    long visible = test_db_long(as_p,
                                "SELECT count(*) FROM (SELECT id FROM incidents UNION "
                                "SELECT id FROM customer_incidents) x",
                                0, NULL);
    ck_assert_int_gt(test_db_long(as_p, "SELECT cardinality(app.incident_orgs())", 0, NULL), 100);
    test_db_app_end(as_p);
    ck_assert_int_ge(visible, 240 + 3); /* and P's, G's and H's own */
    walk_expecting(world.email[TENANT_P], "/incidents", "/incidents/", "before", order,
                   (int)visible);
    free(order);
}
END_TEST

START_TEST(a_malformed_cursor_is_refused)
{
    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, world.email[TENANT_R], tenants_password), 303);
    static const char *const bad[] = {
        "/incidents?before=abc",     "/incidents?before=1",
        "/incidents?before=1.2.3",   "/incidents?before=-1.2",
        "/incidents?before=1.",      "/incidents?before=1234567890123456789.1",
        "/events?events_before=x.1", "/events?vulnerabilities_before=1.x",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(http_get(h, bad[i]) == 400, "%s answered %ld", bad[i], http_get(h, bad[i]));
    http_free(h);
}
END_TEST

static Suite *list_pages_suite(void)
{
    Suite *s = suite_create("list_pages");
    TCase *t = tcase_create("pages");
    tcase_set_timeout(t, 120);
    tcase_add_unchecked_fixture(t, world_setup, NULL);
    tcase_add_test(t, every_incident_is_reachable);
    tcase_add_test(t, every_event_and_vulnerability_is_reachable);
    tcase_add_test(t, a_parent_of_many_companies_reaches_every_incident);
    tcase_add_test(t, a_malformed_cursor_is_refused);
    suite_add_tcase(s, t);
    return s;
}

TEST_MAIN(list_pages_suite)
