/* test_feeds.c - registering advisory feeds (issue 11, part 1): P's coordinator registers a
 * CSAF provider and sees it listed and on its own page; an address that is not a web
 * address, and the same address twice, are refused by field; a document the forwarder
 * refused shows with its reasons by place; other organisations see none of it (their list
 * stays empty, the feed's page and its removal are 404), a member without the coordinator's
 * role may read but not add; the coordinator removes it, the advisories stay. In the
 * tenants' world (tests/tenants.h). */
#include "tenants.h"
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct tenants world;

static void world_setup(void)
{
    PGconn *db = test_db_owner();
    tenants_build(db, &world);
    PQfinish(db);
}

static long add_feed(struct http *h, const char *kind, const char *url)
{
    ck_assert_int_eq(http_get(h, "/advisory-feeds"), 200);
    return http_post(h, "/advisory-feeds", "kind", kind, "url", url, "csrf_token",
                     http_csrf_of(h, "/advisory-feeds"), NULL);
}

/* The id of P's feed at url, 0 when there is none. */
static long feed_of_p(const char *url)
{
    PGconn *db = test_db_owner();
    const char *p[] = {world.org_id[TENANT_P], url};
    long id = test_db_long(db,
                           "SELECT coalesce(max(id), 0) FROM advisory_feeds "
                           "WHERE org_id = $1::bigint AND url = $2",
                           2, p);
    PQfinish(db);
    return id;
}

static const char csaf_url[] = "https://csaf.example.org/.well-known/csaf/provider-metadata.json";

START_TEST(a_coordinator_registers_a_feed_and_sees_it)
{
    struct http *p = tenants_signed_in(&world, TENANT_P);
    ck_assert_int_eq(add_feed(p, "csaf", csaf_url), 303);
    ck_assert_str_eq(http_header(p, "Location"), "/advisory-feeds?saved=added");
    ck_assert_int_eq(http_get(p, "/advisory-feeds?saved=added"), 200);
    ck_assert_ptr_nonnull(strstr(p->body, "Feed registered"));
    ck_assert_ptr_nonnull(strstr(p->body, csaf_url));
    /* the suite's forwarder may have polled it already (no such host): either is said */
    ck_assert(strstr(p->body, "not fetched yet") || strstr(p->body, "could not be read"));
    long id = feed_of_p(csaf_url);
    ck_assert_int_gt(id, 0);
    char path[64];
    snprintf(path, sizeof path, "/advisory-feeds/%ld", id);
    ck_assert_int_eq(http_get(p, path), 200);
    ck_assert_ptr_nonnull(strstr(p->body, "CSAF provider"));
    ck_assert_ptr_nonnull(strstr(p->body, "No document fetched from this feed yet."));

    /* a MISP feed too */
    ck_assert_int_eq(add_feed(p, "misp", "https://misp.example.org/feed/manifest.json"), 303);
    http_free(p);
}
END_TEST

START_TEST(a_bad_address_and_the_same_one_twice_are_refused)
{
    struct http *p = tenants_signed_in(&world, TENANT_P);
    ck_assert_int_eq(add_feed(p, "csaf", "ftp://csaf.example.org/provider-metadata.json"), 422);
    ck_assert_ptr_nonnull(strstr(p->body, "id=\"err-url\""));
    ck_assert_int_eq(add_feed(p, "csaf", "https://two words.example/x.json"), 422);
    ck_assert_int_eq(add_feed(p, "rss", "https://csaf.example.org/x.json"), 422);
    ck_assert_int_eq(add_feed(p, "csaf", "https://twice.example.org/provider-metadata.json"), 303);
    ck_assert_int_eq(add_feed(p, "csaf", "https://twice.example.org/provider-metadata.json"), 422);
    ck_assert_ptr_nonnull(
        strstr(p->body, "Your organisation has registered this address already."));
    ck_assert_int_eq(feed_of_p("ftp://csaf.example.org/provider-metadata.json"), 0);
    http_free(p);
}
END_TEST

START_TEST(a_refused_document_shows_with_its_reasons)
{
    struct http *p = tenants_signed_in(&world, TENANT_P);
    const char *url = "https://refusing.example.org/provider-metadata.json";
    ck_assert_int_eq(add_feed(p, "csaf", url), 303);
    long id = feed_of_p(url);
    char fid[24];
    snprintf(fid, sizeof fid, "%ld", id);
    /* as the forwarder records a poll (lib/feed_poll.c); the next one put off, so that the
     * running forwarder's poller does not record its own over this one */
    PGconn *db = test_db_owner();
    const char *q[] = {fid};
    test_db_long(db,
                 "WITH u AS (UPDATE advisory_feeds SET last_polled_at = now(), "
                 "  next_poll_at = now() + interval '1 day', "
                 "  last_outcome = 'unchanged', last_refused = 1 WHERE id = $1::bigint "
                 "  RETURNING id) "
                 "INSERT INTO advisory_feed_documents (feed_id, url, problems) "
                 "SELECT id, 'https://refusing.example.org/2026/broken.json', "
                 "  '[{\"path\": \"/document\", \"keyword\": \"required\", "
                 "\"param\": \"title\"}]' FROM u RETURNING 1",
                 1, q);
    PQfinish(db);
    char path[64];
    snprintf(path, sizeof path, "/advisory-feeds/%s", fid);
    ck_assert_int_eq(http_get(p, path), 200);
    ck_assert_ptr_nonnull(strstr(p->body, "broken.json"));
    ck_assert_ptr_nonnull(strstr(p->body, "does not follow the schema"));
    ck_assert_ptr_nonnull(strstr(p->body, "<code>/document</code>"));
    ck_assert_ptr_nonnull(strstr(p->body, "<code>title</code>"));
    ck_assert_ptr_nonnull(strstr(p->body, "1 refused"));
    http_free(p);
}
END_TEST

START_TEST(other_organisations_see_nothing_and_only_coordinators_add)
{
    const char *url = "https://private.example.org/provider-metadata.json";
    struct http *p = tenants_signed_in(&world, TENANT_P);
    ck_assert_int_eq(add_feed(p, "csaf", url), 303);
    long id = feed_of_p(url);
    char path[64], remove[80];
    snprintf(path, sizeof path, "/advisory-feeds/%ld", id);
    snprintf(remove, sizeof remove, "/advisory-feeds/%ld/remove", id);
    static const enum tenant outsiders[] = {TENANT_G, TENANT_H, TENANT_S, TENANT_R};
    for (size_t i = 0; i < sizeof outsiders / sizeof outsiders[0]; i++) {
        struct http *h = tenants_signed_in(&world, outsiders[i]);
        ck_assert_int_eq(http_get(h, "/advisory-feeds"), 200);
        ck_assert_msg(strstr(h->body, "private.example.org") == NULL, "%c sees P's feeds",
                      tenant_letter(outsiders[i]));
        ck_assert_int_eq(http_get(h, path), 404);
        ck_assert_int_eq(http_post(h, remove, "csrf_token", http_session_csrf(h), NULL), 404);
        http_free(h);
    }
    ck_assert_int_eq(feed_of_p(url), id);

    /* a member who is no coordinator reads the list but may not add */
    struct http *r = http_new();
    ck_assert_int_eq(
        http_login(r, "reporter@energy.example", test_password("reporter@energy.example")), 303);
    ck_assert_int_eq(http_get(r, "/advisory-feeds"), 200);
    ck_assert_ptr_null(strstr(r->body, "action=\"/advisory-feeds\""));
    ck_assert_int_eq(http_post(r, "/advisory-feeds", "kind", "csaf", "url",
                               "https://r.example.org/provider-metadata.json", "csrf_token",
                               http_session_csrf(r), NULL),
                     403);
    http_free(r);

    /* without the form's token nothing changes */
    ck_assert_int_eq(http_post(p, remove, NULL), 403);
    ck_assert_int_eq(feed_of_p(url), id);

    /* the coordinator removes it */
    ck_assert_int_eq(http_get(p, path), 200);
    ck_assert_int_eq(http_post(p, remove, "csrf_token", http_csrf_of(p, remove), NULL), 303);
    ck_assert_str_eq(http_header(p, "Location"), "/advisory-feeds?saved=removed");
    ck_assert_int_eq(feed_of_p(url), 0);
    ck_assert_int_eq(http_get(p, path), 404);
    PGconn *db = test_db_owner();
    char fid[24];
    snprintf(fid, sizeof fid, "%ld", id);
    const char *q[] = {fid};
    ck_assert_int_eq(test_db_long(db,
                                  "SELECT count(*) FROM audit_log WHERE entity = 'advisory_feed' "
                                  "AND entity_id = $1::bigint AND action = 'delete'",
                                  1, q),
                     1);
    PQfinish(db);
    http_free(p);
}
END_TEST

START_TEST(row_level_security_keeps_feeds_to_their_organisation)
{
    /* G's member inserting a feed for P, or reading P's, is stopped by the database itself */
    PGconn *db = test_db_app_as(world.email[TENANT_G]);
    const char *q[] = {world.org_id[TENANT_P], world.user_id[TENANT_G]};
    PGresult *res = PQexecParams(db,
                                 "INSERT INTO advisory_feeds (org_id, kind, url, created_by) "
                                 "VALUES ($1, 'csaf', 'https://g.example.org/p.json', $2)",
                                 2, NULL, q, NULL, NULL, 0);
    ck_assert_int_eq(PQresultStatus(res), PGRES_FATAL_ERROR);
    PQclear(res);
    test_db_app_end(db);
    db = test_db_app_as(world.email[TENANT_G]);
    const char *p_org[] = {world.org_id[TENANT_P]};
    ck_assert_int_eq(
        test_db_long(db, "SELECT count(*) FROM advisory_feeds WHERE org_id = $1::bigint", 1, p_org),
        0);
    test_db_app_end(db);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("feeds");
    TCase *tc = tcase_create("feeds");
    tcase_add_unchecked_fixture(tc, world_setup, NULL);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, a_coordinator_registers_a_feed_and_sees_it);
    tcase_add_test(tc, a_bad_address_and_the_same_one_twice_are_refused);
    tcase_add_test(tc, a_refused_document_shows_with_its_reasons);
    tcase_add_test(tc, other_organisations_see_nothing_and_only_coordinators_add);
    tcase_add_test(tc, row_level_security_keeps_feeds_to_their_organisation);
    suite_add_tcase(s, tc);
    return testlib_run(s);
}
