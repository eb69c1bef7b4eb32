/* test_feed_poll.c - the forwarder polls a CSAF provider (issue 11, part 1) served by a
 * real HTTP server in this test (a child process on one of the suite's spare ports, which
 * answers conditional GETs with 304 and logs each request): the first poll takes the four
 * published samples in under the feed's organisation; the second sends If-None-Match and
 * gets 304, storing nothing; a newer revision then supersedes the older and a document
 * that breaks the schema is refused with its reasons on the feed's page, nothing of it
 * stored. Outside the test configuration (no allowed hosts) the same fetch to loopback is
 * refused before any packet is sent. A provider publishing through a ROLIE feed is read
 * entry by entry. (MISP feeds: test_misp_feed.c.) */
#include "feed_fetch.h"
#include "feed_server.h"
#include "tenants.h"
#include "testlib.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct tenants world;
static struct feed_server fs;
static int port;

static void write_file(const char *name, const char *text)
{
    feed_server_write(&fs, name, text);
}

static void write_json(const char *name, json_t *doc)
{
    char *text = json_dumps(doc, JSON_INDENT(1));
    write_file(name, text);
    free(text);
}

static json_t *sample(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/csaf-2.0/examples/%s", test_env("TEST_SCHEMA_DIR"), name);
    json_t *doc = json_load_file(path, 0, NULL);
    ck_assert_ptr_nonnull(doc);
    return doc;
}

static const char *const samples[] = {"bsi-2022-0001.json", "cisco-sa-20180328-smi2.json",
                                      "rhsa-2021_5217.json", "rhsa-2022_0011.json"};

static void setup(void)
{
    PGconn *db = test_db_owner();
    tenants_build(db, &world);
    PQfinish(db);
    feed_server_start(&fs, "feed", 0);
    port = fs.port;
    feed_server_mkdir(&fs, "advisories");
    char meta[400];
    snprintf(meta, sizeof meta,
             "{\"canonical_url\": \"http://127.0.0.1:%d/provider-metadata.json\", "
             "\"distributions\": [{\"directory_url\": \"http://127.0.0.1:%d/advisories/\"}]}\n",
             port, port);
    write_file("provider-metadata.json", meta);
    char index[512] = "";
    for (size_t i = 0; i < 4; i++) {
        char name[128];
        snprintf(name, sizeof name, "advisories/%s", samples[i]);
        json_t *doc = sample(samples[i]);
        write_json(name, doc);
        json_decref(doc);
        strcat(index, samples[i]);
        strcat(index, "\n");
    }
    write_file("advisories/index.txt", index);
}

static void teardown(void)
{
    feed_server_stop(&fs);
}

/* How many requests for path the server answered with status after a conditional GET
 * (inm 1) or a plain one (inm 0). */
static int served(const char *path, int status, int inm)
{
    return feed_server_served(&fs, path, status, inm);
}

static long feed_id;

/* Makes the feed due and waits for the forwarder's next poll of it. */
static void poll_now(void)
{
    char sql[400];
    PGconn *db = test_db_owner();
    char id[24];
    snprintf(id, sizeof id, "%ld", feed_id);
    const char *p[] = {id};
    long polls = test_db_long(db,
                              "SELECT coalesce(extract(epoch FROM last_polled_at) * 1000000, 0)"
                              "::bigint FROM advisory_feeds WHERE id = $1::bigint",
                              1, p);
    test_db_long(db,
                 "WITH u AS (UPDATE advisory_feeds SET next_poll_at = now() "
                 "WHERE id = $1::bigint RETURNING 1) SELECT count(*) FROM u",
                 1, p);
    PQfinish(db);
    snprintf(sql, sizeof sql,
             "SELECT coalesce(extract(epoch FROM last_polled_at) * 1000000, 0)::bigint > %ld "
             "FROM advisory_feeds WHERE id = %ld",
             polls, feed_id);
    ck_assert_msg(test_wait_for(sql, 30), "the forwarder did not poll the feed");
}

static long feed_value(const char *sql)
{
    PGconn *db = test_db_owner();
    char id[24];
    snprintf(id, sizeof id, "%ld", feed_id);
    const char *p[] = {id};
    long v = test_db_long(db, sql, 1, p);
    PQfinish(db);
    return v;
}

START_TEST(the_provider_is_polled_conditionally_and_revisions_supersede)
{
    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, world.email[TENANT_P], tenants_password), 303);
    char url[128];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/provider-metadata.json", port);
    ck_assert_int_eq(http_get(h, "/advisory-feeds"), 200);
    ck_assert_int_eq(http_post(h, "/advisory-feeds", "kind", "csaf", "url", url, "csrf_token",
                               http_csrf_of(h, "/advisory-feeds"), NULL),
                     303);
    PGconn *db = test_db_owner();
    const char *q[] = {url};
    feed_id = test_db_long(db, "SELECT id FROM advisory_feeds WHERE url = $1", 1, q);
    PQfinish(db);
    ck_assert_int_gt(feed_id, 0);

    /* first poll: the four samples, under P, taken in by the feed's coordinator */
    char sql[300];
    snprintf(sql, sizeof sql,
             "SELECT last_polled_at IS NOT NULL FROM advisory_feeds WHERE id = %ld", feed_id);
    ck_assert_msg(test_wait_for(sql, 30), "the forwarder did not poll the new feed");
    ck_assert_int_eq(feed_value("SELECT last_imported FROM advisory_feeds WHERE id = $1::bigint"),
                     4);
    ck_assert_int_eq(feed_value("SELECT count(*) FROM advisory_feed_documents d JOIN advisories a "
                                "ON a.id = d.advisory_id JOIN advisory_feeds f ON f.id = d.feed_id "
                                "WHERE d.feed_id = $1::bigint AND a.org_id = f.org_id "
                                "AND a.imported_by = f.created_by"),
                     4);
    char path[64];
    snprintf(path, sizeof path, "/advisory-feeds/%ld", feed_id);
    ck_assert_int_eq(http_get(h, path), 200);
    ck_assert_ptr_nonnull(strstr(h->body, "new advisories taken in"));
    ck_assert_ptr_nonnull(strstr(h->body, "4 taken in"));
    ck_assert_int_eq(http_get(h, "/advisories"), 200);
    ck_assert_ptr_nonnull(strstr(h->body, "cisco-sa-20180328-smi2"));

    /* second poll: If-None-Match, 304, nothing new */
    poll_now();
    ck_assert_int_eq(served("/provider-metadata.json", 304, 1), 1);
    ck_assert_int_eq(served("/advisories/index.txt", 200, 0), 1);
    ck_assert_int_eq(feed_value("SELECT count(*) FROM advisory_feed_documents "
                                "WHERE feed_id = $1::bigint"),
                     4);
    ck_assert_int_eq(feed_value("SELECT (last_outcome = 'unchanged')::int FROM advisory_feeds "
                                "WHERE id = $1::bigint"),
                     1);

    /* a newer revision and a broken document appear; the metadata changes too */
    json_t *v2 = sample("bsi-2022-0001.json");
    json_t *tracking = json_object_get(json_object_get(v2, "document"), "tracking");
    json_object_set_new(tracking, "version", json_string("2"));
    json_object_set_new(tracking, "current_release_date", json_string("2022-04-01T10:00:00.000Z"));
    write_json("advisories/bsi-2022-0001-v2.json", v2);
    json_object_del(json_object_get(v2, "document"), "title");
    write_json("advisories/broken.json", v2);
    json_decref(v2);
    char index[512] = "";
    for (size_t i = 0; i < 4; i++)
        strcat(strcat(index, samples[i]), "\n");
    strcat(index, "bsi-2022-0001-v2.json\nbroken.json\n");
    write_file("advisories/index.txt", index);
    char meta[400];
    snprintf(meta, sizeof meta,
             "{\"canonical_url\": \"http://127.0.0.1:%d/provider-metadata.json\", "
             "\"distributions\": [{\"directory_url\": \"http://127.0.0.1:%d/advisories/\"}]}\n\n",
             port, port);
    write_file("provider-metadata.json", meta);
    poll_now();
    ck_assert_int_eq(feed_value("SELECT last_imported * 10 + last_refused FROM advisory_feeds "
                                "WHERE id = $1::bigint"),
                     11);
    ck_assert_int_eq(feed_value("SELECT count(*) FROM advisories a JOIN advisory_feeds f "
                                "ON f.org_id = a.org_id WHERE f.id = $1::bigint "
                                "AND a.tracking_id = 'BSI-2022-0001' AND a.superseded_by IS NULL "
                                "AND a.version = '2'"),
                     1);
    ck_assert_int_eq(feed_value("SELECT count(*) FROM advisories a JOIN advisory_feeds f "
                                "ON f.org_id = a.org_id WHERE f.id = $1::bigint "
                                "AND a.tracking_id = 'BSI-2022-0001' AND a.version = '1' "
                                "AND a.superseded_by IS NOT NULL"),
                     1);
    /* the unchanged samples were asked for conditionally and not fetched again */
    ck_assert_int_eq(served("/advisories/rhsa-2022_0011.json", 304, 1), 1);
    ck_assert_int_eq(http_get(h, path), 200);
    ck_assert_ptr_nonnull(strstr(h->body, "broken.json"));
    ck_assert_ptr_nonnull(strstr(h->body, "does not follow the schema"));
    ck_assert_ptr_nonnull(strstr(h->body, "<code>title</code>"));
    ck_assert_int_eq(feed_value("SELECT count(*) FROM advisory_feed_documents WHERE feed_id = "
                                "$1::bigint AND url LIKE '%broken.json' AND advisory_id IS NULL "
                                "AND problems IS NOT NULL"),
                     1);
    http_free(h);
}
END_TEST

START_TEST(loopback_is_refused_outside_the_test_configuration)
{
    char url[128];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/provider-metadata.json", port);
    int before =
        served("/provider-metadata.json", 200, 0) + served("/provider-metadata.json", 304, 1);
    struct delivery_options opt = {.connect_timeout_ms = 2000, .timeout_ms = 5000};
    struct feed_response r;
    ck_assert_int_eq(feed_fetch(url, NULL, NULL, 1 << 20, &opt, &r), -1);
    feed_response_free(&r);
    /* https to loopback, not named: refused at connect time too */
    snprintf(url, sizeof url, "https://127.0.0.1:%d/provider-metadata.json", port);
    ck_assert_int_eq(feed_fetch(url, NULL, NULL, 1 << 20, &opt, &r), -1);
    feed_response_free(&r);
    ck_assert_int_eq(served("/provider-metadata.json", 200, 0) +
                         served("/provider-metadata.json", 304, 1),
                     before);
    /* with the port named, as the suite's forwarder has it, the same fetch goes through */
    char allow[64];
    snprintf(allow, sizeof allow, "127.0.0.1:%d", port);
    opt.allow_hosts = allow;
    snprintf(url, sizeof url, "http://127.0.0.1:%d/provider-metadata.json", port);
    ck_assert_int_eq(feed_fetch(url, NULL, NULL, 1 << 20, &opt, &r), 0);
    ck_assert_int_eq(r.status, 200);
    ck_assert_ptr_nonnull(strstr(r.body, "distributions"));
    feed_response_free(&r);
    /* a size limit below the document's size refuses it */
    ck_assert_int_eq(feed_fetch(url, NULL, NULL, 10, &opt, &r), -1);
    feed_response_free(&r);
}
END_TEST

/* A CSAF provider publishing through ROLIE: the metadata names a ROLIE feed whose entries
 * link to the advisories (content.src, absolute or relative to the feed's directory); each
 * is taken in as from a directory, and the next poll asks for each conditionally. Under G,
 * which has none of the samples yet. */
START_TEST(a_rolie_feed_is_read_entry_by_entry)
{
    char meta[600], rolie_url[128], first[128];
    feed_server_url(&fs, "/rolie/csaf-feed-tlp-white.json", rolie_url, sizeof rolie_url);
    feed_server_url(&fs, "/rolie/2021/rhsa-2021_5217.json", first, sizeof first);
    snprintf(meta, sizeof meta,
             "{\"canonical_url\": \"http://127.0.0.1:%d/rolie-metadata.json\", "
             "\"distributions\": [{\"rolie\": {\"feeds\": [{\"summary\": \"WHITE\", "
             "\"tlp_label\": \"WHITE\", \"url\": \"%s\"}]}}]}\n",
             port, rolie_url);
    write_file("rolie-metadata.json", meta);
    feed_server_mkdir(&fs, "rolie");
    feed_server_mkdir(&fs, "rolie/2021");
    feed_server_mkdir(&fs, "rolie/2022");
    json_t *doc = sample("rhsa-2021_5217.json");
    write_json("rolie/2021/rhsa-2021_5217.json", doc);
    json_decref(doc);
    doc = sample("rhsa-2022_0011.json");
    write_json("rolie/2022/rhsa-2022_0011.json", doc);
    json_decref(doc);
    json_t *feed = json_pack(
        "{s:{s:s, s:s, s:s, s:[{s:s, s:{s:s, s:s}}, {s:s, s:{s:s, s:s}}, {s:s}]}}", "feed", "id",
        "example-csaf-feed-tlp-white", "title", "Example CSAF feed (TLP:WHITE)", "updated",
        "2022-01-01T00:00:00Z", "entry", "id", "RHSA-2021:5217", "content", "type",
        "application/json", "src", first, "id", "RHSA-2022:0011", "content", "type",
        "application/json", "src", "2022/rhsa-2022_0011.json", "id", "an entry without content");
    write_json("rolie/csaf-feed-tlp-white.json", feed);
    json_decref(feed);

    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, world.email[TENANT_G], tenants_password), 303);
    char url[128];
    feed_server_url(&fs, "/rolie-metadata.json", url, sizeof url);
    ck_assert_int_eq(http_get(h, "/advisory-feeds"), 200);
    ck_assert_int_eq(http_post(h, "/advisory-feeds", "kind", "csaf", "url", url, "org_id",
                               world.org_id[TENANT_G], "csrf_token",
                               http_csrf_of(h, "/advisory-feeds"), NULL),
                     303);
    PGconn *db = test_db_owner();
    const char *q[] = {url};
    feed_id = test_db_long(db, "SELECT id FROM advisory_feeds WHERE url = $1", 1, q);
    PQfinish(db);
    ck_assert_int_gt(feed_id, 0);
    char sql[300];
    snprintf(sql, sizeof sql,
             "SELECT last_polled_at IS NOT NULL FROM advisory_feeds WHERE id = %ld", feed_id);
    ck_assert_msg(test_wait_for(sql, 30), "the forwarder did not poll the ROLIE provider");
    ck_assert_int_eq(feed_value("SELECT last_imported * 10 + last_refused FROM advisory_feeds "
                                "WHERE id = $1::bigint"),
                     20);
    ck_assert_int_eq(feed_value("SELECT count(*) FROM advisory_feed_documents d JOIN advisories a "
                                "ON a.id = d.advisory_id JOIN advisory_feeds f ON f.id = d.feed_id "
                                "WHERE d.feed_id = $1::bigint AND a.org_id = f.org_id "
                                "AND a.tracking_id IN ('RHSA-2021:5217', 'RHSA-2022:0011')"),
                     2);
    ck_assert_int_eq(served("/rolie/csaf-feed-tlp-white.json", 200, 0), 1);
    ck_assert_int_eq(served("/rolie/2021/rhsa-2021_5217.json", 200, 0), 1);
    ck_assert_int_eq(http_get(h, "/advisories"), 200);
    ck_assert_ptr_nonnull(strstr(h->body, "RHSA-2022:0011"));

    /* the metadata changes; the feed is read again, each advisory asked for conditionally */
    snprintf(meta + strlen(meta), sizeof meta - strlen(meta), "\n");
    write_file("rolie-metadata.json", meta);
    poll_now();
    ck_assert_int_eq(served("/rolie/csaf-feed-tlp-white.json", 200, 0), 2);
    ck_assert_int_eq(served("/rolie/2021/rhsa-2021_5217.json", 304, 1), 1);
    ck_assert_int_eq(served("/rolie/2022/rhsa-2022_0011.json", 304, 1), 1);
    ck_assert_int_eq(feed_value("SELECT (last_outcome = 'unchanged')::int FROM advisory_feeds "
                                "WHERE id = $1::bigint"),
                     1);
    http_free(h);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("feed_poll");
    TCase *tc = tcase_create("feed_poll");
    tcase_add_unchecked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, the_provider_is_polled_conditionally_and_revisions_supersede);
    tcase_add_test(tc, loopback_is_refused_outside_the_test_configuration);
    tcase_add_test(tc, a_rolie_feed_is_read_entry_by_entry);
    suite_add_tcase(s, tc);
    return testlib_run(s);
}
