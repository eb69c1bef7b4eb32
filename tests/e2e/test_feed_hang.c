/* test_feed_hang.c - a feed server that hangs does not hold up deliveries (issue 11, part
 * 1): while the suite's forwarder is inside a poll of a MISP feed whose manifest.json never
 * comes (tests/feed_server.c, a .stall file), an alert queued for a recipient is delivered
 * within seconds, not after the fetch's time-out. */
#include "feed_server.h"
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static struct feed_server fs;

static void setup(void)
{
    feed_server_start(&fs, "hang", 0);
    feed_server_mkdir(&fs, "hang");
    feed_server_write(&fs, "hang/manifest.json", "{}");
    /* longer than the forwarder's transfer time-out (15 s by default) */
    feed_server_write(&fs, "hang/manifest.json.stall", "40");
}

static void teardown(void)
{
    feed_server_stop(&fs);
}

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

START_TEST(an_alert_is_delivered_while_a_feed_server_hangs)
{
    char feed_url[128], alert_url[128];
    feed_server_url(&fs, "/hang/manifest.json", feed_url, sizeof feed_url);
    feed_server_url(&fs, "/alerts", alert_url, sizeof alert_url);
    PGconn *db = test_db_owner();
    const char *f[] = {feed_url};
    free(test_db_value(db,
                       "INSERT INTO advisory_feeds (org_id, kind, url, created_by) "
                       "SELECT m.org_id, 'misp', $1, m.user_id FROM memberships m "
                       "JOIN organisations o ON o.id = m.org_id WHERE o.name = 'Northwind Group' "
                       "AND m.role = 'coordinator' LIMIT 1 RETURNING id",
                       1, f));
    /* the forwarder is now inside the fetch that hangs */
    int stalled = 0;
    for (int i = 0; i < 300 && !stalled; i++) {
        stalled = feed_server_logged(&fs, "/hang/manifest.json stalled") > 0;
        if (!stalled)
            usleep(100000);
    }
    ck_assert_msg(stalled, "the forwarder did not poll the feed");
    const char *r[] = {alert_url};
    char *rid = test_db_value(db,
                              "INSERT INTO recipients (org_id, name, url, format, max_tlp) "
                              "SELECT id, 'Hang test CSIRT', $1, 'webhook', 'red' "
                              "FROM organisations WHERE name = 'Northwind Group' RETURNING id",
                              1, r);
    const char *o[] = {rid};
    double queued = now_s();
    char *oid = test_db_value(db,
                              "INSERT INTO outbox (org_id, recipient_id, recipient_org_id, kind, "
                              "  payload) SELECT r.org_id, r.id, r.org_id, 'test.alert', "
                              "  '{\"type\": \"incident.alert\", \"n\": 1}'::jsonb "
                              "FROM recipients r WHERE r.id = $1 RETURNING id",
                              1, o);
    free(test_db_value(db, "NOTIFY outbox", 0, NULL));
    char cond[128];
    snprintf(cond, sizeof cond, "SELECT state = 'delivered' FROM outbox WHERE id = %s", oid);
    int delivered = test_wait_for(cond, 30);
    double took = now_s() - queued;
    ck_assert_msg(delivered, "the alert was not delivered");
    ck_assert_msg(took < 5.0, "the alert took %.1f s while a feed server hung", took);
    ck_assert_int_eq(feed_server_logged(&fs, "POST /alerts 200"), 1);
    /* the hanging feed is still being fetched: nothing of it recorded yet */
    ck_assert_int_eq(feed_server_served(&fs, "/hang/manifest.json", 200, 0), 0);
    free(rid);
    free(oid);
    PQfinish(db);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("feed_hang");
    TCase *tc = tcase_create("feed_hang");
    tcase_add_unchecked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 90);
    tcase_add_test(tc, an_alert_is_delivered_while_a_feed_server_hangs);
    suite_add_tcase(s, tc);
    return testlib_run(s);
}
