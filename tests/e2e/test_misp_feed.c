/* test_misp_feed.c - the forwarder takes in a MISP feed (issue 11, part 1) served by a real
 * HTTP server (tests/feed_server.c): the first poll takes in the events the manifest names
 * under the feed's organisation, with their title, creator, TLP, threat level, CVEs and
 * attribute counts, shown on the advisories list and on each event's page; the second
 * poll asks for the manifest conditionally (304) and fetches no event again; an event whose
 * timestamp is newer supersedes the older revision, which stays readable, and only that
 * event is fetched; a malformed event is refused with its reason on the feed's page and
 * nothing of it is stored; the event's page is 404 to members of other organisations. */
#include "feed_server.h"
#include "tenants.h"
#include "testlib.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UUID_A "5e6b322a-9f80-4e2f-9f2b-1d2a3c4b5d6e"
#define UUID_B "11111111-2222-3333-4444-555555555555"
#define UUID_C "22222222-2222-3333-4444-555555555555"

static struct tenants world;
static struct feed_server fs;

/* An event file as MISP's feed generator writes it. */
static void event_write(const char *uuid, const char *info, long long ts, const char *tlp,
                        int with_cve)
{
    json_t *attrs =
        json_pack("[{s:s, s:s, s:s}, {s:s, s:s, s:s}, {s:s, s:s, s:s}]", "type", "ip-dst",
                  "category", "Network activity", "value", "192.0.2.1", "type", "ip-dst",
                  "category", "Network activity", "value", "192.0.2.2", "type", "domain",
                  "category", "Network activity", "value", "example.org");
    if (with_cve)
        json_array_append_new(
            attrs, json_pack("{s:s, s:s}", "type", "vulnerability", "value", "CVE-2021-44228"));
    char stamp[24];
    snprintf(stamp, sizeof stamp, "%lld", ts);
    json_t *ev = json_pack("{s:{s:s, s:s, s:s, s:s, s:s, s:{s:s}, s:[{s:s}, {s:s}], s:o, "
                           "s:[{s:s, s:[{s:s, s:s}]}]}}",
                           "Event", "uuid", uuid, "info", info, "date", "2021-12-10", "timestamp",
                           stamp, "threat_level_id", "1", "Orgc", "name", "CIRCL", "Tag", "name",
                           "type:OSINT", "name", tlp, "Attribute", attrs, "Object", "name", "file",
                           "Attribute", "type", "sha256", "value",
                           "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    char *text = json_dumps(ev, JSON_INDENT(1));
    char name[64];
    snprintf(name, sizeof name, "%s.json", uuid);
    feed_server_write(&fs, name, text);
    free(text);
    json_decref(ev);
}

/* The manifest naming a (at ts_a), b and, when with_c, c. */
static void manifest_write(long long ts_a, int with_c)
{
    char text[1024];
    snprintf(text, sizeof text,
             "{\"" UUID_A "\": {\"info\": \"a\", \"timestamp\": \"%lld\"}, "
             "\"" UUID_B "\": {\"info\": \"b\", \"timestamp\": \"1639000000\"}%s}",
             ts_a,
             with_c ? ", \"" UUID_C "\": {\"info\": \"c\", \"timestamp\": \"1639300000\"}" : "");
    feed_server_write(&fs, "manifest.json", text);
}

static void setup(void)
{
    PGconn *db = test_db_owner();
    tenants_build(db, &world);
    PQfinish(db);
    feed_server_start(&fs, "misp", 0);
    event_write(UUID_A, "Log4Shell exploitation seen", 1639130000LL, "tlp:amber", 1);
    event_write(UUID_B, "Phishing wave", 1639000000LL, "tlp:white", 0);
    manifest_write(1639130000LL, 0);
}

static void teardown(void)
{
    feed_server_stop(&fs);
}

static long feed_id;

static long value(const char *sql)
{
    PGconn *db = test_db_owner();
    char id[24];
    snprintf(id, sizeof id, "%ld", feed_id);
    const char *p[] = {id};
    long v = test_db_long(db, sql, 1, p);
    PQfinish(db);
    return v;
}

/* Makes the feed due and waits for the forwarder's next poll of it. */
static void poll_now(void)
{
    long before = value("SELECT coalesce(extract(epoch FROM last_polled_at) * 1000000, 0)"
                        "::bigint FROM advisory_feeds WHERE id = $1::bigint");
    value("WITH u AS (UPDATE advisory_feeds SET next_poll_at = now() WHERE id = $1::bigint "
          "RETURNING 1) SELECT count(*) FROM u");
    char sql[400];
    snprintf(sql, sizeof sql,
             "SELECT coalesce(extract(epoch FROM last_polled_at) * 1000000, 0)::bigint > %ld "
             "FROM advisory_feeds WHERE id = %ld",
             before, feed_id);
    ck_assert_msg(test_wait_for(sql, 30), "the forwarder did not poll the feed");
}

/* The id of the event row of uuid at revision ts under the feed's organisation, 0 if none. */
static long event_id(const char *uuid, long long ts)
{
    char sql[400];
    snprintf(sql, sizeof sql,
             "SELECT coalesce((SELECT e.id FROM misp_events e JOIN advisory_feeds f "
             "ON f.org_id = e.org_id WHERE f.id = $1::bigint AND e.uuid = '%s' "
             "AND e.event_timestamp = %lld), 0)",
             uuid, ts);
    return value(sql);
}

static char *page(struct http *h, const char *fmt, long id)
{
    char path[96];
    snprintf(path, sizeof path, fmt, id);
    ck_assert_int_eq(http_get(h, path), 200);
    return h->body;
}

START_TEST(a_misp_feed_is_taken_in_conditionally_and_revisions_supersede)
{
    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, world.email[TENANT_P], tenants_password), 303);
    char url[128];
    feed_server_url(&fs, "/manifest.json", url, sizeof url);
    ck_assert_int_eq(http_get(h, "/advisory-feeds"), 200);
    ck_assert_int_eq(http_post(h, "/advisory-feeds", "kind", "misp", "url", url, "org_id",
                               world.org_id[TENANT_P], "csrf_token",
                               http_csrf_of(h, "/advisory-feeds"), NULL),
                     303);
    PGconn *db = test_db_owner();
    const char *q[] = {url, world.org_id[TENANT_P]};
    feed_id = test_db_long(
        db, "SELECT id FROM advisory_feeds WHERE url = $1 AND org_id = $2::bigint", 2, q);
    PQfinish(db);
    ck_assert_int_gt(feed_id, 0);

    /* first poll: both events, under P, taken in by the feed's coordinator */
    char sql[300];
    snprintf(sql, sizeof sql,
             "SELECT last_polled_at IS NOT NULL FROM advisory_feeds WHERE id = %ld", feed_id);
    ck_assert_msg(test_wait_for(sql, 30), "the forwarder did not poll the new feed");
    long taken = value("SELECT last_imported * 10 + last_refused FROM advisory_feeds "
                       "WHERE id = $1::bigint");
    if (taken != 20) {
        PGconn *o = test_db_owner();
        char id[24];
        snprintf(id, sizeof id, "%ld", feed_id);
        const char *p[] = {id};
        char *why = test_db_value(o,
                                  "SELECT last_outcome || ' ' || coalesce(last_error, '') "
                                  "FROM advisory_feeds WHERE id = $1::bigint",
                                  1, p);
        ck_abort_msg("the first poll took in %ld (x10 + refused): %s", taken, why);
    }
    ck_assert_int_eq(value("SELECT count(*) FROM misp_events e JOIN advisory_feeds f "
                           "ON f.org_id = e.org_id AND f.id = e.feed_id "
                           "WHERE f.id = $1::bigint AND e.imported_by = f.created_by"),
                     2);
    ck_assert_int_eq(value("SELECT count(*) FROM misp_events WHERE feed_id = $1::bigint "
                           "AND uuid = '" UUID_A "' AND tlp = 'amber' AND threat_level = 1 "
                           "AND publisher = 'CIRCL' AND cves = '{CVE-2021-44228}' "
                           "AND (attribute_counts->>'ip-dst')::int = 2 AND attributes = 5 "
                           "AND event_date = '2021-12-10' AND superseded_by IS NULL "
                           "AND event->'Event'->>'info' = 'Log4Shell exploitation seen'"),
                     1);
    ck_assert_int_eq(value("SELECT count(*) FROM misp_events WHERE feed_id = $1::bigint "
                           "AND uuid = '" UUID_B "' AND tlp = 'clear' AND cves = '{}'"),
                     1);
    long a1 = event_id(UUID_A, 1639130000LL);
    ck_assert_int_gt(a1, 0);

    /* shown: beside the advisories, on the feed's page and on its own page */
    ck_assert_int_eq(http_get(h, "/advisories"), 200);
    ck_assert_ptr_nonnull(strstr(h->body, "Log4Shell exploitation seen"));
    ck_assert_ptr_nonnull(strstr(h->body, "Phishing wave"));
    char *body = page(h, "/advisory-feeds/%ld", feed_id);
    ck_assert_ptr_nonnull(strstr(body, "MISP event taken in"));
    body = page(h, "/misp-events/%ld", a1);
    ck_assert_ptr_nonnull(strstr(body, "<h1>Log4Shell exploitation seen</h1>"));
    ck_assert_ptr_nonnull(strstr(body, "CIRCL"));
    ck_assert_ptr_nonnull(strstr(body, "TLP:AMBER"));
    ck_assert_ptr_nonnull(strstr(body, "CVE-2021-44228"));
    ck_assert_ptr_nonnull(strstr(body, "<td class=\"code\">ip-dst</td><td>2</td>"));
    ck_assert_ptr_nonnull(strstr(body, "high"));
    ck_assert_ptr_nonnull(strstr(body, "2021-12-10 09:53:20"));

    /* second poll: the manifest asked for with If-None-Match, 304, no event fetched */
    poll_now();
    ck_assert_int_eq(feed_server_served(&fs, "/manifest.json", 304, 1), 1);
    ck_assert_int_eq(feed_server_served(&fs, "/" UUID_A ".json", 200, 0), 1);
    ck_assert_int_eq(feed_server_served(&fs, "/" UUID_B ".json", 200, 0), 1);
    ck_assert_int_eq(value("SELECT (last_outcome = 'unchanged')::int FROM advisory_feeds "
                           "WHERE id = $1::bigint"),
                     1);

    /* a newer revision of A and a malformed event C; B unchanged */
    event_write(UUID_A, "Log4Shell exploitation seen (updated)", 1639200000LL, "tlp:green", 1);
    feed_server_write(&fs, UUID_C ".json",
                      "{\"Event\": {\"uuid\": \"" UUID_C "\", \"timestamp\": \"1639300000\"}}");
    manifest_write(1639200000LL, 1);
    poll_now();
    ck_assert_int_eq(value("SELECT last_imported * 10 + last_refused FROM advisory_feeds "
                           "WHERE id = $1::bigint"),
                     11);
    long a2 = event_id(UUID_A, 1639200000LL);
    ck_assert_int_gt(a2, 0);
    char cond[200];
    snprintf(cond, sizeof cond,
             "SELECT count(*) FROM misp_events WHERE id = %ld AND superseded_by = %ld "
             "AND $1::bigint > 0",
             a1, a2);
    ck_assert_int_eq(value(cond), 1);
    ck_assert_int_eq(
        value("SELECT count(*) FROM misp_events WHERE uuid = '" UUID_C "' AND $1::bigint > 0"), 0);
    /* B's manifest timestamp did not change: not fetched again */
    ck_assert_int_eq(feed_server_served(&fs, "/" UUID_B ".json", 200, 0) +
                         feed_server_served(&fs, "/" UUID_B ".json", 304, 1),
                     1);
    body = page(h, "/misp-events/%ld", a1);
    ck_assert_ptr_nonnull(strstr(body, "A newer revision of this event was taken in."));
    body = page(h, "/misp-events/%ld", a2);
    ck_assert_ptr_nonnull(strstr(body, "Log4Shell exploitation seen (updated)"));
    ck_assert_ptr_nonnull(strstr(body, "TLP:GREEN"));
    char link[64];
    snprintf(link, sizeof link, "href=\"/misp-events/%ld\"", a1);
    ck_assert_ptr_nonnull(strstr(body, link));
    ck_assert_int_eq(http_get(h, "/advisories"), 200);
    ck_assert_ptr_nonnull(strstr(h->body, "(updated)"));
    snprintf(link, sizeof link, "href=\"/misp-events/%ld\"", a1);
    ck_assert_ptr_null(strstr(h->body, link));
    body = page(h, "/advisory-feeds/%ld", feed_id);
    ck_assert_ptr_nonnull(strstr(body, UUID_C ".json"));
    ck_assert_ptr_nonnull(strstr(body, "the event has no title (info)."));
    http_free(h);

    /* members of other organisations (a group company of P, an unrelated parent) */
    enum tenant others[] = {TENANT_G, TENANT_R};
    for (size_t i = 0; i < 2; i++) {
        struct http *o = tenants_signed_in(&world, others[i]);
        char path[64];
        snprintf(path, sizeof path, "/misp-events/%ld", a2);
        ck_assert_int_eq(http_get(o, path), 404);
        ck_assert_int_eq(http_get(o, "/advisories"), 200);
        ck_assert_ptr_null(strstr(o->body, "Log4Shell exploitation seen"));
        http_free(o);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("misp_feed");
    TCase *tc = tcase_create("misp_feed");
    tcase_add_unchecked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, a_misp_feed_is_taken_in_conditionally_and_revisions_supersede);
    suite_add_tcase(s, tc);
    return testlib_run(s);
}
