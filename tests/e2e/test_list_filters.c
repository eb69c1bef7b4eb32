/* test_list_filters.c - the incident and delivery lists a coordinator works from (issue 10,
 * defect 6: no filter, search or sort). Each filter of /incidents (status, severity,
 * category, organisation, TLP, report dates) and the text search keep exactly the rows that
 * match; each sort orders them; the paging links keep the filters and sort and reach every
 * matching row once; a bad parameter is a 400 that still shows the list with a message
 * beside the field. /deliveries lists the outbox rows of the user's organisations only,
 * filtered by state, with the retry button on a failed one. /events filters its events by
 * status, organisation, TLP and dates, searches and sorts them. */
#include "tenants.h"
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGED 130

static struct tenants world;
static char mark[4][48]; /* LF-<tag>-a .. d */

/* Four incidents that differ in every filtered attribute: a, b, c of G (a group company of
 * P), d of P itself; and PAGED more of H (LP-<tag>-page), all alike, for the paging. */
static void world_setup(void)
{
    PGconn *db = test_db_owner();
    tenants_build(db, &world);
    for (int k = 0; k < 4; k++)
        snprintf(mark[k], sizeof mark[k], "LF-%s-%c", world.tag, 'a' + k);
    const char *p[] = {world.org_id[TENANT_G], world.org_id[TENANT_P], world.org_id[TENANT_H],
                       world.user_id[TENANT_P], world.tag};
    char sql[2048];
    snprintf(sql, sizeof sql,
             "WITH i AS (INSERT INTO incidents (org_id, title, detected_at, description, "
             "  category, severity, tlp, reported_by, created_at, status) VALUES "
             "  ($1::bigint, 'LF-' || $5 || '-a', now(), 'plain', 'malware', 'emergency', "
             "   'green', $4::bigint, now() - interval '1 day', 'open'), "
             "  ($1::bigint, 'LF-' || $5 || '-b', now(), 'plain', 'technical_attack', "
             "   'critical', 'amber', $4::bigint, now() - interval '10 days', 'responding'), "
             "  ($1::bigint, 'LF-' || $5 || '-c', now(), 'a needle-' || $5 || ' in it', "
             "   'malware', 'information', 'clear', $4::bigint, now() - interval '40 days', "
             "   'closed'), "
             "  ($2::bigint, 'LF-' || $5 || '-d', now(), 'plain', 'other', 'warning', 'red', "
             "   $4::bigint, '2020-06-01 12:00+00', 'resolved') RETURNING 1), "
             "h AS (INSERT INTO incidents (org_id, title, detected_at, description, category, "
             "  severity, tlp, reported_by, created_at) "
             "  SELECT $3::bigint, 'LP-' || $5 || '-page', now(), 'paged', 'other', "
             "  'information', 'amber', $4::bigint, now() - g * interval '1 minute' "
             "  FROM generate_series(1, %d) g RETURNING 1) "
             "SELECT (SELECT count(*) FROM i) + (SELECT count(*) FROM h)",
             PAGED);
    ck_assert_int_eq(test_db_long(db, sql, 5, p), 4 + PAGED);
    /* two events of G, the older at TLP:RED */
    const char *e[] = {world.org_id[TENANT_G], world.user_id[TENANT_P], world.tag};
    ck_assert_int_eq(
        test_db_long(db,
                     "WITH e AS (INSERT INTO events (org_id, reporter_name, reporter_email, "
                     "  what_occurred, detected_at, created_by, reported_at, tlp) VALUES "
                     "  ($1::bigint, 'R', 'r@tenants.example', 'LFE-' || $3 || '-x', now(), "
                     "   $2::bigint, now() - interval '1 hour', 'green'), "
                     "  ($1::bigint, 'R', 'r@tenants.example', 'LFE-' || $3 || '-y', now(), "
                     "   $2::bigint, now() - interval '2 hours', 'red') RETURNING 1) "
                     "SELECT count(*) FROM e",
                     3, e),
        2);
    /* P's deliveries besides the world's delivered one: one the forwarder gave up on, one
     * pending; tenants_build gave G and every other organisation one of their own */
    const char *q[] = {world.org_id[TENANT_P], world.tag};
    ck_assert_int_eq(
        test_db_long(db,
                     "WITH i AS (SELECT id FROM incidents WHERE org_id = $1::bigint "
                     "  AND title LIKE 'ISOLEAK-%' LIMIT 1), "
                     "x AS (INSERT INTO outbox (org_id, channel, address, recipient_org_id, "
                     "  incident_id, kind, payload, state, attempts, last_error, next_attempt_at) "
                     "  SELECT $1::bigint, 'smtp', 'lfd-' || s || '@tenants.example', $1::bigint, "
                     "  i.id, 'incident.share', '{}', s, 7, 'LFD-' || $2 || '-' || s, now() + "
                     "interval '1 day' "
                     "  FROM i, unnest(ARRAY['failed', 'pending']) s RETURNING 1) "
                     "SELECT count(*) FROM x",
                     2, q),
        2);
    PQfinish(db);
}

static struct http *as_p(void)
{
    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, world.email[TENANT_P], tenants_password), 303);
    return h;
}

/* GETs path (with %s for the tag) and checks that exactly the marks in want ("ab", "c",
 * ...) of a..d are listed. */
static void expect_marks(struct http *h, const char *path, const char *want)
{
    char url[512];
    snprintf(url, sizeof url, path, world.tag);
    ck_assert_int_eq(http_get(h, url), 200);
    for (int k = 0; k < 4; k++) {
        int listed = strstr(h->body, mark[k]) != NULL;
        int wanted = strchr(want, 'a' + k) != NULL;
        ck_assert_msg(listed == wanted, "%s: %s %s", url, mark[k],
                      listed ? "listed, not wanted" : "wanted, not listed");
    }
}

START_TEST(each_filter_keeps_the_matching_rows)
{
    struct http *h = as_p();
    expect_marks(h, "/incidents?q=LF-%s-", "abcd");
    expect_marks(h, "/incidents?status=responding&q=LF-%s-", "b");
    expect_marks(h, "/incidents?status=closed&q=LF-%s-", "c");
    expect_marks(h, "/incidents?severity=emergency&q=LF-%s-", "a");
    expect_marks(h, "/incidents?category=malware&q=LF-%s-", "ac");
    expect_marks(h, "/incidents?tlp=red&q=LF-%s-", "d");
    char url[256];
    snprintf(url, sizeof url, "/incidents?org=%s&q=LF-%%s-", world.org_id[TENANT_P]);
    expect_marks(h, url, "d");
    snprintf(url, sizeof url, "/incidents?org=%s&q=LF-%%s-", world.org_id[TENANT_G]);
    expect_marks(h, url, "abc");
    expect_marks(h, "/incidents?from=2020-06-01&to=2020-06-01&q=LF-%s-", "d");
    expect_marks(h, "/incidents?to=2020-05-31&q=LF-%s-", "");
    /* several at once */
    expect_marks(h, "/incidents?category=malware&severity=information&q=LF-%s-", "c");
    /* the form shows what was chosen */
    ck_assert_ptr_nonnull(strstr(h->body, "<option value=\"information\" selected>"));
    http_free(h);
}
END_TEST

START_TEST(the_search_reads_titles_and_descriptions)
{
    struct http *h = as_p();
    expect_marks(h, "/incidents?q=NEEDLE-%s", "c"); /* in the description, any case */
    expect_marks(h, "/incidents?q=LF-%s-b", "b");   /* in the title */
    /* a pattern's characters match themselves */
    expect_marks(h, "/incidents?q=LF-%s-%%25", "");
    expect_marks(h, "/incidents?q=LF-%s-_", "");
    http_free(h);
}
END_TEST

/* The positions of the marks in the last page, in the order of order ("abdc"). */
static void expect_order(struct http *h, const char *path, const char *order)
{
    char url[512];
    snprintf(url, sizeof url, path, world.tag);
    ck_assert_int_eq(http_get(h, url), 200);
    const char *prev = h->body;
    for (const char *o = order; *o; o++) {
        const char *at = strstr(h->body, mark[*o - 'a']);
        ck_assert_msg(at && at > prev, "%s: %c not after the one before it", url, *o);
        prev = at;
    }
}

START_TEST(each_sort_orders_the_rows)
{
    struct http *h = as_p();
    expect_order(h, "/incidents?q=LF-%s-&sort=date_desc", "abcd");
    expect_order(h, "/incidents?q=LF-%s-&sort=date_asc", "dcba");
    expect_order(h, "/incidents?q=LF-%s-&sort=severity_desc", "abdc");
    expect_order(h, "/incidents?q=LF-%s-&sort=severity_asc", "cdba");
    expect_order(h, "/incidents?q=LF-%s-&sort=status_desc", "abdc");
    expect_order(h, "/incidents?q=LF-%s-&sort=status_asc", "cdba");
    http_free(h);
}
END_TEST

/* Walks the "Older" links from path; each must keep the filters; returns the rows. */
static int walk(struct http *h, const char *path, const char *keep)
{
    char url[1024];
    snprintf(url, sizeof url, "%s", path);
    int rows = 0;
    for (int pages = 0; pages < 5; pages++) {
        long st = http_get(h, url);
        ck_assert_msg(st == 200, "%s answered %ld", url, st);
        char row[64];
        snprintf(row, sizeof row, "LP-%s-page<", world.tag);
        int on_page = 0;
        for (const char *s = strstr(h->body, row); s; s = strstr(s + 1, row))
            on_page++;
        ck_assert_int_le(on_page, 100);
        rows += on_page;
        const char *older = strstr(h->body, "rel=\"next\" href=\"");
        if (!older)
            return rows;
        older += strlen("rel=\"next\" href=\"");
        const char *end = strchr(older, '"');
        char link[1024];
        snprintf(link, sizeof link, "%.*s", (int)(end - older), older);
        ck_assert_msg(strstr(link, keep) != NULL, "the link %s drops %s", link, keep);
        /* the page's HTML escapes the & between parameters */
        size_t k = 0;
        for (const char *s = link; *s && k + 1 < sizeof url; s++) {
            url[k++] = *s;
            if (strncmp(s, "&amp;", 5) == 0)
                s += 4;
        }
        url[k] = '\0';
    }
    ck_abort_msg("more pages than rows");
    return rows;
}

START_TEST(the_paging_links_keep_the_filters)
{
    struct http *h = as_p();
    char path[256], keep[128];
    static const char *const sorts[] = {"date_desc", "date_asc", "severity_desc", "status_asc"};
    for (size_t s = 0; s < sizeof sorts / sizeof sorts[0]; s++) {
        snprintf(path, sizeof path, "/incidents?severity=information&q=LP-%s-page&sort=%s",
                 world.tag, sorts[s]);
        snprintf(keep, sizeof keep, "severity=information&amp;q=LP-%s-page&amp;sort=%s", world.tag,
                 sorts[s]);
        ck_assert_int_eq(walk(h, path, keep), PAGED);
    }
    /* the form keeps them too */
    ck_assert_ptr_nonnull(strstr(h->body, "<option value=\"status_asc\" selected>"));
    http_free(h);
}
END_TEST

START_TEST(a_bad_parameter_is_refused_with_a_message)
{
    struct http *h = as_p();
    static const char *const bad[] = {
        "/incidents?status=bogus",
        "/incidents?severity=1",
        "/incidents?tlp=white",
        "/incidents?category=Malware%27",
        "/incidents?org=abc",
        "/incidents?org=999999999",
        "/incidents?from=2026-13-01",
        "/incidents?to=yesterday",
        "/incidents?sort=title",
        "/incidents?q=a%0Ab",
        "/incidents?sort=severity_desc&before=1.2", /* a date cursor for a keyed sort */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        long st = http_get(h, bad[i]);
        ck_assert_msg(st == 400, "%s answered %ld", bad[i], st);
        if (strstr(bad[i], "before="))
            continue;
        ck_assert_msg(strstr(h->body, "Some filters could not be used") &&
                          strstr(h->body, "class=\"field-error\"") &&
                          strstr(h->body, "aria-invalid=\"true\""),
                      "%s: no message beside the field", bad[i]);
        ck_assert_msg(strstr(h->body, "<table class=\"data\">") != NULL,
                      "%s: the list is not shown", bad[i]);
    }
    /* the organisation of somebody else is no choice */
    char url[128];
    snprintf(url, sizeof url, "/incidents?org=%s", world.org_id[TENANT_R]);
    ck_assert_int_eq(http_get(h, url), 400);
    ck_assert_ptr_null(strstr(h->body, world.leak_marker[TENANT_R]));
    char longq[256 + 16] = "/incidents?q=";
    memset(longq + strlen(longq), 'x', 201);
    ck_assert_int_eq(http_get(h, longq), 400);
    http_free(h);
}
END_TEST

START_TEST(the_filter_form_is_labelled)
{
    struct http *h = as_p();
    ck_assert_int_eq(http_get(h, "/incidents"), 200);
    static const char *const parts[] = {
        "<form method=\"get\" action=\"/incidents\"",
        "<fieldset><legend>",
        "<label for=\"f-status\">",
        "<label for=\"f-severity\">",
        "<label for=\"f-category\">",
        "<label for=\"f-org\">",
        "<label for=\"f-tlp\">",
        "<label for=\"f-from\">",
        "<label for=\"f-to\">",
        "<label for=\"f-q\">",
        "<label for=\"f-sort\">",
    };
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        ck_assert_msg(strstr(h->body, parts[i]) != NULL, "no %s", parts[i]);
    http_free(h);
}
END_TEST

/* P's list: P's deliveries only, never G's (its group company's, whose alerts P does not
 * send) nor R's; a coordinator of R sees none of P's. */
START_TEST(the_delivery_list_keeps_to_the_users_organisations)
{
    struct http *h = as_p();
    ck_assert_int_eq(http_get(h, "/deliveries"), 200);
    char failed[64];
    snprintf(failed, sizeof failed, "LFD-%s-failed", world.tag);
    ck_assert_ptr_nonnull(strstr(h->body, failed));
    ck_assert_ptr_nonnull(strstr(h->body, "isoleak-p@tenants.example"));
    for (int t = 0; t < TENANT_COUNT; t++)
        if (t != TENANT_P)
            ck_assert_msg(strstr(h->body, world.leak_marker[t]) == NULL &&
                              !strstr(h->body, t == TENANT_G   ? "isoleak-g@"
                                               : t == TENANT_H ? "isoleak-h@"
                                               : t == TENANT_S ? "isoleak-s@"
                                               : t == TENANT_Q ? "isoleak-q@"
                                                               : "isoleak-r@"),
                          "P's delivery list shows %c's", tenant_letter((enum tenant)t));
    /* another organisation is no choice */
    char url[128];
    snprintf(url, sizeof url, "/deliveries?org=%s", world.org_id[TENANT_G]);
    ck_assert_int_eq(http_get(h, url), 400);
    ck_assert_ptr_null(strstr(h->body, "isoleak-g@"));
    http_free(h);

    struct http *r = http_new();
    ck_assert_int_eq(http_login(r, world.email[TENANT_R], tenants_password), 303);
    ck_assert_int_eq(http_get(r, "/deliveries"), 200);
    ck_assert_ptr_null(strstr(r->body, failed));
    ck_assert_ptr_null(strstr(r->body, world.leak_marker[TENANT_P]));
    ck_assert_ptr_null(strstr(r->body, "isoleak-p@"));
    http_free(r);
}
END_TEST

START_TEST(the_delivery_list_filters_by_state_and_search)
{
    struct http *h = as_p();
    char failed[64], pending[64];
    snprintf(failed, sizeof failed, "LFD-%s-failed", world.tag);
    snprintf(pending, sizeof pending, "LFD-%s-pending", world.tag);
    ck_assert_int_eq(http_get(h, "/deliveries?status=failed"), 200);
    ck_assert_ptr_nonnull(strstr(h->body, failed));
    ck_assert_ptr_null(strstr(h->body, pending));
    ck_assert_ptr_null(strstr(h->body, "isoleak-p@"));
    /* what the forwarder did: state, attempts, last error, and the retry button */
    ck_assert_ptr_nonnull(strstr(h->body, "data-state=\"failed\""));
    ck_assert_ptr_nonnull(strstr(h->body, "<td class=\"num\">7</td>"));
    ck_assert_ptr_nonnull(strstr(h->body, "/retry\" class=\"retry\""));
    ck_assert_int_eq(http_get(h, "/deliveries?status=delivered"), 200);
    ck_assert_ptr_null(strstr(h->body, failed));
    ck_assert_ptr_nonnull(strstr(h->body, "isoleak-p@"));
    ck_assert_int_eq(http_get(h, "/deliveries?q=lfd-pending"), 200);
    ck_assert_ptr_nonnull(strstr(h->body, pending));
    ck_assert_ptr_null(strstr(h->body, failed));
    ck_assert_int_eq(http_get(h, "/deliveries?to=2020-01-01"), 200);
    ck_assert_ptr_null(strstr(h->body, pending));
    ck_assert_int_eq(http_get(h, "/deliveries?status=given_up"), 400);
    ck_assert_ptr_nonnull(strstr(h->body, "Some filters could not be used"));
    ck_assert_int_eq(http_get(h, "/deliveries?sort=severity_desc"), 400);
    http_free(h);
}
END_TEST

START_TEST(the_event_list_filters_searches_and_sorts)
{
    struct http *h = as_p();
    char url[256], x[64], y[64];
    snprintf(x, sizeof x, "LFE-%s-x", world.tag);
    snprintf(y, sizeof y, "LFE-%s-y", world.tag);
    snprintf(url, sizeof url, "/events?q=LFE-%s-", world.tag);
    ck_assert_int_eq(http_get(h, url), 200);
    ck_assert_ptr_nonnull(strstr(h->body, x));
    ck_assert_ptr_nonnull(strstr(h->body, y));
    ck_assert(strstr(h->body, x) < strstr(h->body, y)); /* newest first */
    snprintf(url, sizeof url, "/events?q=LFE-%s-&sort=date_asc", world.tag);
    ck_assert_int_eq(http_get(h, url), 200);
    ck_assert(strstr(h->body, y) < strstr(h->body, x));
    snprintf(url, sizeof url, "/events?q=LFE-%s-&tlp=red", world.tag);
    ck_assert_int_eq(http_get(h, url), 200);
    ck_assert_ptr_null(strstr(h->body, x));
    ck_assert_ptr_nonnull(strstr(h->body, y));
    snprintf(url, sizeof url, "/events?q=LFE-%s-&status=promoted", world.tag);
    ck_assert_int_eq(http_get(h, url), 200);
    ck_assert_ptr_null(strstr(h->body, x));
    snprintf(url, sizeof url, "/events?q=LFE-%s-&org=%s", world.tag, world.org_id[TENANT_G]);
    ck_assert_int_eq(http_get(h, url), 200);
    ck_assert_ptr_nonnull(strstr(h->body, x));
    ck_assert_ptr_nonnull(strstr(h->body, "<label for=\"f-status\">"));
    snprintf(url, sizeof url, "/events?org=%s", world.org_id[TENANT_R]);
    ck_assert_int_eq(http_get(h, url), 400);
    ck_assert_int_eq(http_get(h, "/events?status=open"), 400);
    ck_assert_ptr_nonnull(strstr(h->body, "Some filters could not be used"));
    ck_assert_int_eq(http_get(h, "/events?sort=severity_desc"), 400);
    http_free(h);
}
END_TEST

static Suite *list_filters_suite(void)
{
    Suite *s = suite_create("list_filters");
    TCase *t = tcase_create("incidents");
    tcase_set_timeout(t, 120);
    tcase_add_unchecked_fixture(t, world_setup, NULL);
    tcase_add_test(t, each_filter_keeps_the_matching_rows);
    tcase_add_test(t, the_search_reads_titles_and_descriptions);
    tcase_add_test(t, each_sort_orders_the_rows);
    tcase_add_test(t, the_paging_links_keep_the_filters);
    tcase_add_test(t, a_bad_parameter_is_refused_with_a_message);
    tcase_add_test(t, the_filter_form_is_labelled);
    tcase_add_test(t, the_delivery_list_keeps_to_the_users_organisations);
    tcase_add_test(t, the_delivery_list_filters_by_state_and_search);
    tcase_add_test(t, the_event_list_filters_searches_and_sorts);
    suite_add_tcase(s, t);
    return s;
}

TEST_MAIN(list_filters_suite)
