/* test_feed_poll.c - the forwarder polls a CSAF provider (issue 11, part 1) served by a
 * real HTTP server in this test (a child process on one of the suite's spare ports, which
 * answers conditional GETs with 304 and logs each request): the first poll takes the four
 * published samples in under the feed's organisation; the second sends If-None-Match and
 * gets 304, storing nothing; a newer revision then supersedes the older and a document
 * that breaks the schema is refused with its reasons on the feed's page, nothing of it
 * stored. Outside the test configuration (no allowed hosts) the same fetch to loopback is
 * refused before any packet is sent. A MISP feed's page says its events are not taken in
 * yet. */
#include "feed_fetch.h"
#include "tenants.h"
#include "testlib.h"

#include <arpa/inet.h>
#include <jansson.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static struct tenants world;
static char dir[512], log_path[600];
static int port;
static pid_t server;

/* ---- the feed server: GET of files under dir, ETag "<size>-<mtime ns>", 304 on a
 * matching If-None-Match; one log line "<path> <status> inm=<0|1>" per request ---- */

static void serve_one(int fd)
{
    char head[8192];
    size_t len = 0;
    while (len < sizeof head - 1) {
        ssize_t n = read(fd, head + len, sizeof head - 1 - len);
        if (n <= 0)
            break;
        len += (size_t)n;
        head[len] = '\0';
        if (strstr(head, "\r\n\r\n"))
            break;
    }
    head[len] = '\0';
    char path[512] = "";
    sscanf(head, "GET %511s", path);
    char inm[256] = "";
    const char *h = strcasestr(head, "\r\nIf-None-Match: ");
    if (h)
        sscanf(h + 17, "%255[^\r]", inm);
    char file[1100];
    snprintf(file, sizeof file, "%s%s", dir, path);
    struct stat st;
    int status = strstr(path, "..") || stat(file, &st) != 0 ? 404 : 200;
    char etag[64] = "";
    if (status == 200) {
        snprintf(etag, sizeof etag, "\"%lld-%ld\"", (long long)st.st_size, st.st_mtim.tv_nsec);
        if (*inm && strcmp(inm, etag) == 0)
            status = 304;
    }
    FILE *lf = fopen(log_path, "a");
    if (lf) {
        fprintf(lf, "%s %d inm=%d\n", path, status, *inm != '\0');
        fclose(lf);
    }
    char out[512];
    if (status != 200) {
        int n = snprintf(out, sizeof out,
                         "HTTP/1.1 %d X\r\nContent-Length: 0\r\n%s%s%sConnection: close\r\n\r\n",
                         status, *etag ? "ETag: " : "", etag, *etag ? "\r\n" : "");
        (void)!write(fd, out, (size_t)n);
        return;
    }
    FILE *f = fopen(file, "rb");
    char *body = malloc((size_t)st.st_size + 1);
    size_t got = f && body ? fread(body, 1, (size_t)st.st_size, f) : 0;
    if (f)
        fclose(f);
    int n = snprintf(out, sizeof out,
                     "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nETag: %s\r\n"
                     "Content-Length: %zu\r\nConnection: close\r\n\r\n",
                     etag, got);
    (void)!write(fd, out, (size_t)n);
    (void)!write(fd, body, got);
    free(body);
}

static void server_start(void)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ck_assert_int_eq(bind(s, (struct sockaddr *)&a, sizeof a), 0);
    ck_assert_int_eq(listen(s, 16), 0);
    server = fork();
    ck_assert_int_ge(server, 0);
    if (server == 0) {
        for (;;) {
            int fd = accept(s, NULL, NULL);
            if (fd < 0)
                continue;
            serve_one(fd);
            close(fd);
        }
    }
    close(s);
}

static void write_file(const char *name, const char *text)
{
    char path[1100];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
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
    /* the last spare port: the suite's forwarder may reach it over plain http */
    char ports[256];
    snprintf(ports, sizeof ports, "%s", test_env("TEST_SPARE_PORTS"));
    for (char *w = strtok(ports, ","); w; w = strtok(NULL, ","))
        port = atoi(w);
    snprintf(dir, sizeof dir, "%s/feed-%d", test_env("TEST_DIR"), (int)getpid());
    snprintf(log_path, sizeof log_path, "%s.log", dir);
    mkdir(dir, 0700);
    char sub[600];
    snprintf(sub, sizeof sub, "%s/advisories", dir);
    mkdir(sub, 0700);
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
    server_start();
}

static void teardown(void)
{
    if (server > 0) {
        kill(server, SIGKILL);
        waitpid(server, NULL, 0);
    }
}

/* How many requests for path the server answered with status after a conditional GET
 * (inm 1) or a plain one (inm 0). */
static int served(const char *path, int status, int inm)
{
    char want[600], line[700];
    snprintf(want, sizeof want, "%s %d inm=%d\n", path, status, inm);
    FILE *f = fopen(log_path, "r");
    int n = 0;
    while (f && fgets(line, sizeof line, f))
        n += strcmp(line, want) == 0;
    if (f)
        fclose(f);
    return n;
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

START_TEST(a_misp_feed_says_it_is_not_taken_in_yet)
{
    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, world.email[TENANT_P], tenants_password), 303);
    char url[128];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/manifest.json", port);
    ck_assert_int_eq(http_get(h, "/advisory-feeds"), 200);
    ck_assert_int_eq(http_post(h, "/advisory-feeds", "kind", "misp", "url", url, "csrf_token",
                               http_csrf_of(h, "/advisory-feeds"), NULL),
                     303);
    char sql[300];
    snprintf(sql, sizeof sql, "SELECT last_outcome = 'failed' FROM advisory_feeds WHERE url = '%s'",
             url);
    ck_assert_msg(test_wait_for(sql, 30), "the forwarder did not poll the MISP feed");
    PGconn *db = test_db_owner();
    const char *q[] = {url};
    long id = test_db_long(db, "SELECT id FROM advisory_feeds WHERE url = $1", 1, q);
    PQfinish(db);
    char path[64];
    snprintf(path, sizeof path, "/advisory-feeds/%ld", id);
    ck_assert_int_eq(http_get(h, path), 200);
    ck_assert_ptr_nonnull(strstr(h->body, "their events are not taken in yet"));
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
    tcase_add_test(tc, a_misp_feed_says_it_is_not_taken_in_yet);
    suite_add_tcase(s, tc);
    return testlib_run(s);
}
