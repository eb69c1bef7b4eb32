/* test_log4shell.c - the Log4Shell week handled in hours (issue 11's scenario), end to end
 * through nginx, the portal, the running forwarder, the SMTP sink and a real receiver:
 * a parent with 50 suppliers takes in a CSAF advisory of CVE-2021-44228, starts a rapid
 * campaign to all its suppliers with a 24 h deadline and a reminder every 12 h (50
 * invitations); ten suppliers answer in the one-screen form, one of them affected and
 * reporting the vulnerability from the answer's offer; ten answer through the JSON API
 * (one replayed by its Idempotency-Key); the thirty silent ones are reminded once (their
 * schedule moved 13 h back), the others not; the board and its CSV count and list every
 * supplier; the anonymised counts go to the parent's ISAC as a STIX 2.1 report naming no
 * supplier. */
#include "api_token.h"
#include "auth.h"
#include "testlib.h"

#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define SUPPLIERS 50
#define BY_FORM 10 /* suppliers 1..10 answer in the form; 1..3 affected */
#define BY_API 10  /* suppliers 11..20 through the API; 11..12 affected, 13..16 investigating */

static const char password[] = "a Log4Shell week's password";
static PGconn *owner;
static char sfx[32];

static long sql_long(const char *sql, int n, const char *const *p)
{
    return test_db_long(owner, sql, n, p);
}

/* "coordinator.<sfx>@l4s.example" or, for supplier n, "assessor<nn>.<sfx>@l4s.example". */
static const char *email_of(int supplier)
{
    static char email[128];
    if (supplier == 0)
        snprintf(email, sizeof email, "coordinator.%s@l4s.example", sfx);
    else
        snprintf(email, sizeof email, "assessor%02d.%s@l4s.example", supplier, sfx);
    return email;
}

static const char *org_of(int supplier)
{
    static char name[128];
    if (supplier == 0)
        snprintf(name, sizeof name, "L4S Group %s", sfx);
    else
        snprintf(name, sizeof name, "L4S Supplier %02d %s", supplier, sfx);
    return name;
}

/* The parent, its coordinator, 50 suppliers (links confirmed) each with an assessor, and
 * the parent's ISAC taking STIX up to TLP:GREEN at the second receiver's port. Returns the
 * ISAC's recipient id. */
static long world_build(void)
{
    ck_assert_int_eq(auth_init(), 0);
    char hash[AUTH_PWHASH_TEXT], n[8], url[128];
    ck_assert_int_eq(auth_password_hash(password, hash), 0);
    snprintf(n, sizeof n, "%d", SUPPLIERS);
    snprintf(url, sizeof url, "http://127.0.0.1:%s/stix", test_env("TEST_RECEIVER_PORT2"));
    const char *p[] = {sfx, hash, n, url};
    sql_long("WITH p AS (INSERT INTO organisations (name) VALUES ('L4S Group ' || $1::text) "
             "  RETURNING id), "
             "u AS (INSERT INTO users (email, display_name, password_hash) "
             "  VALUES ('coordinator.' || $1::text || '@l4s.example', 'Coordinator ' || $1::text, "
             "$2::text) "
             "  RETURNING id) "
             "INSERT INTO memberships (user_id, org_id, role) SELECT u.id, p.id, 'coordinator' "
             "FROM u, p RETURNING 1",
             2, p);
    const char *q[] = {sfx, hash, n};
    sql_long("WITH s AS (INSERT INTO organisations (name) "
             "  SELECT format('L4S Supplier %s %s', lpad(g::text, 2, '0'), $1::text) "
             "  FROM generate_series(1, $3::int) g RETURNING id, name), "
             "r AS (INSERT INTO org_relations (parent_id, child_id, kind, administers, "
             "  confirmed_at) SELECT p.id, s.id, 'supplier', false, now() FROM s, "
             "  organisations p WHERE p.name = 'L4S Group ' || $1::text), "
             "u AS (INSERT INTO users (email, display_name, password_hash) "
             "  SELECT format('assessor%s.%s@l4s.example', substring(s.name FROM "
             "    'Supplier ([0-9]+)'), $1::text), 'Assessor of ' || s.name, $2::text FROM s "
             "  RETURNING id, email) "
             "INSERT INTO memberships (user_id, org_id, role) SELECT u.id, s.id, 'assessor' "
             "FROM u JOIN s ON u.email = format('assessor%s.%s@l4s.example', "
             "  substring(s.name FROM 'Supplier ([0-9]+)'), $1::text) RETURNING 1",
             3, q);
    /* each supplier's administrator confirmed the link (app.link_confirm), here as owner */
    const char *w[] = {sfx};
    sql_long("WITH x AS (UPDATE org_relations r SET confirmed_at = now() FROM organisations p "
             "  WHERE p.id = r.parent_id AND p.name = 'L4S Group ' || $1::text RETURNING 1) "
             "SELECT count(*) FROM x",
             1, w);
    ck_assert_int_eq(sql_long("SELECT count(*) FROM org_relations r JOIN organisations p "
                              "ON p.id = r.parent_id WHERE p.name = 'L4S Group ' || $1::text "
                              "AND r.confirmed_at IS NOT NULL",
                              1, w),
                     SUPPLIERS);
    ck_assert_int_eq(sql_long("SELECT count(*) FROM memberships m JOIN users u ON u.id = "
                              "m.user_id WHERE u.email LIKE '%.' || $1::text || '@l4s.example'",
                              1, w),
                     SUPPLIERS + 1);
    const char *r[] = {sfx, url};
    return sql_long("INSERT INTO recipients (org_id, name, url, format, kind, max_tlp) "
                    "SELECT id, 'Energy ISAC ' || $1::text, $2, 'stix', 'isac', 'green' "
                    "FROM organisations WHERE name = 'L4S Group ' || $1::text RETURNING id",
                    2, r);
}

static struct http *signed_in(int supplier)
{
    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, email_of(supplier), password), 303);
    return h;
}

/* The coordinator takes in the BSI sample made a Log4Shell advisory; returns its id. */
static long advisory_take_in(struct http *c)
{
    char path[512];
    snprintf(path, sizeof path, "%s/csaf-2.0/examples/bsi-2022-0001.json",
             test_env("TEST_SCHEMA_DIR"));
    json_error_t e;
    json_t *doc = json_load_file(path, 0, &e);
    ck_assert_msg(doc != NULL, "%s: %s", path, e.text);
    json_t *document = json_object_get(doc, "document");
    char tracking[64];
    snprintf(tracking, sizeof tracking, "L4S-2021-%s", sfx);
    json_object_set_new(json_object_get(document, "tracking"), "id", json_string(tracking));
    json_object_set_new(document, "title",
                        json_string("Apache Log4j 2: remote code execution (Log4Shell)"));
    json_object_set_new(json_array_get(json_object_get(doc, "vulnerabilities"), 0), "cve",
                        json_string("CVE-2021-44228"));
    char *text = json_dumps(doc, JSON_COMPACT);
    json_decref(doc);
    ck_assert_int_eq(http_get(c, "/advisories/new"), 200);
    ck_assert_int_eq(http_post_multipart(c, "/advisories", "csaf", "log4shell.json", text,
                                         strlen(text), "csrf_token", http_csrf_of(c, "/advisories"),
                                         NULL),
                     303);
    free(text);
    long id = 0;
    ck_assert_int_eq(sscanf(http_header(c, "Location"), "/advisories/%ld", &id), 1);
    return id;
}

/* The campaign from the advisory to every supplier: 24 h, a reminder every 12 h. */
static long campaign_start(struct http *c, long advisory)
{
    char path[160], aid[24], parent[24];
    snprintf(aid, sizeof aid, "%ld", advisory);
    const char *p[] = {org_of(0)};
    snprintf(parent, sizeof parent, "%ld",
             sql_long("SELECT id FROM organisations WHERE name = $1", 1, p));
    snprintf(path, sizeof path, "/rapid/new?advisory_id=%ld&org_id=%s", advisory, parent);
    ck_assert_int_eq(http_get(c, path), 200);
    ck_assert_str_eq(http_input_value(c, "cve"), "CVE-2021-44228");
    long status =
        http_post(c, "/rapid", "csrf_token", http_csrf_of(c, "/rapid"), "org_id", parent,
                  "advisory_id", aid, "cve", "CVE-2021-44228", "title", "Log4Shell",
                  "deadline_hours", "24", "remind_hours", "12", "scope", "supplier", NULL);
    const char *why = strstr(c->body, "id=\"err-");
    ck_assert_msg(status == 303, "starting the campaign: %ld %.300s", status, why ? why : "");
    long id = 0;
    ck_assert_int_eq(sscanf(http_header(c, "Location"), "/rapid/%ld", &id), 1);
    return id;
}

static long request_of(long campaign, int supplier)
{
    char cid[24];
    snprintf(cid, sizeof cid, "%ld", campaign);
    const char *p[] = {cid, org_of(supplier)};
    return sql_long("SELECT q.id FROM rapid_requests q JOIN organisations o ON o.id = q.org_id "
                    "WHERE q.campaign_id = $1::bigint AND o.name = $2",
                    2, p);
}

/* Supplier n answers in the one-screen form; an affected one picks the first product. */
static void answer_by_form(long campaign, int n, const char *answer)
{
    struct http *s = signed_in(n);
    char path[64], csrf[128];
    snprintf(path, sizeof path, "/rapid/requests/%ld", request_of(campaign, n));
    ck_assert_int_eq(http_get(s, "/"), 200);
    ck_assert_ptr_nonnull(strstr(s->body, path)); /* the question is on its start page */
    ck_assert_int_eq(http_get(s, path), 200);
    snprintf(csrf, sizeof csrf, "%s", http_csrf_of(s, path));
    int affected = strcmp(answer, "affected") == 0;
    ck_assert_int_eq(http_post(s, path, "csrf_token", csrf, "answer", answer, "product_0",
                               affected ? "1" : "0", "mitigations",
                               affected ? "JndiLookup class removed" : "", "fix_date",
                               affected ? "2021-12-17" : "", "contact", email_of(n), NULL),
                     303);
    if (n == 1) {
        /* the answer offers the vulnerability report, pre-filled; it is reported */
        ck_assert_int_eq(http_get(s, path), 200);
        ck_assert_ptr_nonnull(strstr(s->body, "id=\"report-offer\""));
        const char *p[] = {org_of(n)};
        char vpath[160], org[24];
        snprintf(org, sizeof org, "%ld",
                 sql_long("SELECT id FROM organisations WHERE name = $1", 1, p));
        snprintf(vpath, sizeof vpath, "/vulnerabilities/new?rapid=%ld&org_id=%s",
                 request_of(campaign, n), org);
        ck_assert_int_eq(http_get(s, vpath), 200);
        ck_assert_ptr_nonnull(strstr(s->body, ">CVE-2021-44228: Log4Shell</textarea>"));
        ck_assert_int_eq(http_post(s, "/vulnerabilities", "csrf_token",
                                   http_csrf_of(s, "/vulnerabilities"), "org_id", org,
                                   "reporter_name", "Assessor one", "reporter_email", email_of(n),
                                   "description", "CVE-2021-44228: Log4Shell", "location",
                                   "the customer portal's search service", "tlp", "amber", NULL),
                         303);
        ck_assert(strncmp(http_header(s, "Location"), "/vulnerabilities/", 17) == 0);
    }
    http_free(s);
}

/* Supplier n's tool answers through the API with a token of its own. */
static void answer_by_api(struct http *h, long campaign, int n, const char *answer,
                          const char *product)
{
    char token[API_TOKEN_TEXT], path[96], json[512], key[48];
    test_api_token(email_of(n), org_of(n), "{advisories:answer}", "1 day", 0, token);
    snprintf(path, sizeof path, "/api/v1/rapid-requests/%ld/answer", request_of(campaign, n));
    if (strcmp(answer, "affected") == 0)
        snprintf(json, sizeof json,
                 "{\"answer\": \"affected\", \"products\": [\"%s\"], \"mitigations\": "
                 "\"log4j2.formatMsgNoLookups=true\", \"fix_date\": \"2021-12-20\", "
                 "\"contact\": \"%s\"}",
                 product, email_of(n));
    else
        snprintf(json, sizeof json, "{\"answer\": \"%s\", \"contact\": \"%s\"}", answer,
                 email_of(n));
    snprintf(key, sizeof key, "l4s-%s-%d", sfx, n);
    ck_assert_int_eq(http_api(h, "POST", path, token, key, json), 200);
    if (n == BY_FORM + 1) {
        ck_assert_int_eq(http_api(h, "POST", path, token, key, json), 200);
        ck_assert_str_eq(http_header(h, "Idempotent-Replayed"), "true");
    }
}

static int count_of(const char *body, const char *id)
{
    char want[64];
    snprintf(want, sizeof want, "<strong id=\"count-%s\">", id);
    const char *at = strstr(body, want);
    ck_assert_msg(at != NULL, "no count %s on the board", id);
    return atoi(at + strlen(want));
}

START_TEST(the_log4shell_week_in_hours)
{
    snprintf(sfx, sizeof sfx, "%d", (int)getpid());
    owner = test_db_owner();
    long isac = world_build();
    char log[512];
    snprintf(log, sizeof log, "%s/l4s-receiver.log", test_env("TEST_DIR"));
    pid_t receiver =
        test_receiver_start(test_env("TEST_RECEIVER_PORT2"), log, "extra-l4s-receiver");

    /* the advisory taken in, the campaign started from it, everyone invited */
    struct http *c = signed_in(0);
    long campaign = campaign_start(c, advisory_take_in(c));
    char cid[24], cond[512];
    snprintf(cid, sizeof cid, "%ld", campaign);
    const char *cp[] = {cid};
    ck_assert_int_eq(
        sql_long("SELECT count(*) FROM rapid_requests WHERE campaign_id = $1::bigint", 1, cp),
        SUPPLIERS);
    snprintf(cond, sizeof cond,
             "SELECT count(*) = %d FROM outbox WHERE kind = 'mail.rapid_invite' "
             "AND address LIKE 'assessor%%.%s@l4s.example'",
             SUPPLIERS, sfx);
    ck_assert_msg(test_wait_for(cond, 5), "not every supplier's assessor was invited");
    char *product = test_db_value(
        owner, "SELECT products[1] FROM rapid_campaigns WHERE id = $1::bigint", 1, cp);
    ck_assert(product[0] != '\0');

    /* answers: ten in the form, ten through the API */
    for (int n = 1; n <= BY_FORM; n++)
        answer_by_form(campaign, n, n <= 3 ? "affected" : "not_affected");
    struct http *tool = http_new();
    for (int n = BY_FORM + 1; n <= BY_FORM + BY_API; n++)
        answer_by_api(tool, campaign, n,
                      n <= 12   ? "affected"
                      : n <= 16 ? "investigating"
                                : "not_affected",
                      product);
    http_free(tool);
    const char *vp[] = {org_of(1)};
    ck_assert_int_eq(sql_long("SELECT count(*) FROM vulnerabilities v JOIN organisations o "
                              "ON o.id = v.org_id WHERE o.name = $1 "
                              "AND v.description LIKE 'CVE-2021-44228%'",
                              1, vp),
                     1);

    /* twelve hours of silence later (the schedule moved back 13 h): the silent are reminded */
    sql_long("WITH x AS (UPDATE rapid_requests SET last_mailed_at = now() - interval '13 hours' "
             "WHERE campaign_id = $1::bigint AND answer IS NULL RETURNING 1) "
             "SELECT count(*) FROM x",
             1, cp);
    snprintf(cond, sizeof cond,
             "SELECT count(*) = %d AND bool_and(state = 'delivered') FROM outbox "
             "WHERE kind = 'mail.rapid_remind' AND address LIKE 'assessor%%.%s@l4s.example'",
             SUPPLIERS - BY_FORM - BY_API, sfx);
    ck_assert_msg(test_wait_for(cond, 30), "the silent suppliers were not reminded");
    for (int n = 1; n <= SUPPLIERS; n++)
        ck_assert_int_eq(test_mails_to(email_of(n), "Reminder: CVE-2021-44228", NULL),
                         n > BY_FORM + BY_API ? 1 : 0);

    /* the board and its export */
    char path[96];
    snprintf(path, sizeof path, "/rapid/%ld", campaign);
    ck_assert_int_eq(http_get(c, path), 200);
    ck_assert_int_eq(count_of(c->body, "asked"), SUPPLIERS);
    ck_assert_int_eq(count_of(c->body, "affected"), 5);
    ck_assert_int_eq(count_of(c->body, "investigating"), 4);
    ck_assert_int_eq(count_of(c->body, "not_affected"), 11);
    ck_assert_int_eq(count_of(c->body, "silent"), 30);
    snprintf(path, sizeof path, "/rapid/%ld/board.csv?sort=org", campaign);
    ck_assert_int_eq(http_get(c, path), 200);
    int lines = 0;
    for (const char *l = c->body; (l = strchr(l, '\n')); l++)
        lines++;
    ck_assert_int_eq(lines, SUPPLIERS + 1);
    for (int n = 1; n <= SUPPLIERS; n++) {
        const char *row = strstr(c->body, org_of(n));
        ck_assert_msg(row != NULL, "%s is not in the export", org_of(n));
        char want[256];
        snprintf(want, sizeof want, ",Supplier,%s,",
                 n <= 3 || n == 11 || n == 12 ? "Affected"
                 : n > BY_FORM + BY_API       ? ""
                 : n >= 13 && n <= 16         ? "Still investigating"
                                              : "Not affected");
        ck_assert_msg(strncmp(row + strlen(org_of(n)), want, strlen(want)) == 0, "%s's row: %.120s",
                      org_of(n), row);
    }

    /* the anonymised counts to the ISAC, as STIX 2.1 under TLP:GREEN */
    char rid[24];
    snprintf(rid, sizeof rid, "%ld", isac);
    snprintf(path, sizeof path, "/rapid/%ld", campaign);
    ck_assert_int_eq(http_get(c, path), 200);
    snprintf(path, sizeof path, "/rapid/%ld/share", campaign);
    ck_assert_int_eq(http_post(c, path, "csrf_token", http_session_csrf(c), "recipient_id", rid,
                               "tlp", "green", NULL),
                     303);
    snprintf(cond, sizeof cond,
             "SELECT count(*) = 1 AND bool_and(state = 'delivered') FROM outbox "
             "WHERE recipient_id = %ld",
             isac);
    ck_assert_msg(test_wait_for(cond, 20), "the statistics did not reach the ISAC");
    const char *body = test_received_body(log);
    ck_assert_msg(*body, "the receiver logged nothing new");
    json_error_t e;
    json_t *bundle = json_loads(body, 0, &e), *report = NULL, *o;
    ck_assert_msg(bundle != NULL, "%s: %s", e.text, body);
    size_t i;
    json_array_foreach(json_object_get(bundle, "objects"), i, o)
    {
        if (strcmp(json_string_value(json_object_get(o, "type")), "report") == 0)
            report = o;
    }
    ck_assert_ptr_nonnull(report);
    ck_assert_int_eq(json_integer_value(json_object_get(report, "x_asked")), SUPPLIERS);
    ck_assert_int_eq(json_integer_value(json_object_get(report, "x_affected")), 5);
    ck_assert_int_eq(json_integer_value(json_object_get(report, "x_investigating")), 4);
    ck_assert_int_eq(json_integer_value(json_object_get(report, "x_not_affected")), 11);
    ck_assert_int_eq(json_integer_value(json_object_get(report, "x_unanswered")), 30);
    ck_assert_ptr_nonnull(strstr(body, "CVE-2021-44228"));
    ck_assert_ptr_null(strstr(body, "L4S Supplier"));
    json_decref(bundle);

    free(product);
    http_free(c);
    test_receiver_stop(receiver);
    PQfinish(owner);
}
END_TEST

static Suite *log4shell_suite(void)
{
    Suite *s = suite_create("log4shell");
    TCase *tc = tcase_create("week");
    tcase_set_timeout(tc, 240);
    tcase_add_test(tc, the_log4shell_week_in_hours);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(log4shell_suite)
