/* test_delivery_loss.c - the forwarder against real loopback receivers (tests/receiver.c),
 * with forwarders this program starts itself (the suite's own forwarder is stopped for the
 * duration, and started again at the end, so that each test knows who sends what). Rows
 * are queued directly as the owner, for recipients of Northwind Group.
 *
 * formats: a webhook carries X-Signature-SHA256 over the exact bytes sent (the receiver
 *   checks it), STIX its content type and bearer token, MISP goes to /events with its API
 *   key; receipts are stored; credentials sealed under another key, or a missing
 *   signature, make the row fail with the reason.
 * loss ("with a receiver down for several retry rounds, then up, every alert arrives
 *   exactly once by idempotency key; with the forwarder killed with SIGKILL in the middle
 *   of sending, and restarted, nothing is lost; with two forwarders running at once,
 *   nothing is sent twice per idempotency key"), and SIGTERM: a stop within 2 s that
 *   leaves the rows in flight due.
 * horizon: a row that still fails after FORWARDER_RETRY_HORIZON_S becomes 'failed', the
 *   recipient organisation's coordinators get a mail, and a coordinator's POST
 *   /deliveries/:id/retry sends it again. */
#include "testlib.h"

#include "auth.h"
#include "secret.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define COORDINATOR "coordinator@northwind.example"
#define ADMIN "admin@northwind.example"
#define REPORTER "reporter@energy.example"

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int port_open(int port);

/* A TCP port on 127.0.0.1 that nobody listens on now, from the ports the suite's
 * forwarders may reach (TEST_SPARE_PORTS, tests/run-suite.sh): each call in a test takes
 * the next one not in use. */
static int free_port(void)
{
    static int taken;
    char ports[256];
    snprintf(ports, sizeof ports, "%s", test_env("TEST_SPARE_PORTS"));
    int k = 0;
    for (char *w = strtok(ports, ","); w; w = strtok(NULL, ","), k++) {
        int port = atoi(w);
        if (k >= taken && !port_open(port)) {
            taken = k + 1;
            return port;
        }
    }
    ck_abort_msg("no spare receiver port left in TEST_SPARE_PORTS");
    return 0;
}

static int port_open(int port)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int ok = connect(s, (struct sockaddr *)&a, sizeof a) == 0;
    close(s);
    return ok;
}

static void path_in(char *out, size_t size, const char *dir, const char *name, const char *ext)
{
    snprintf(out, size, "%s/%s/%s%s", test_env("TEST_DIR"), dir, name, ext);
}

/* Starts argv with the environment plus env ("NAME=value" words, space-separated, may be
 * NULL) and more (NULL-terminated), output appended to log/NAME.log. With tied, it dies
 * with this test (and leaves run/extra-NAME.pid for the suite's cleanup). */
static pid_t spawn(const char *name, char *const argv[], const char *env, const char *const *more,
                   int tied)
{
    char log[512];
    path_in(log, sizeof log, "log", name, ".log");
    pid_t parent = getpid();
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        if (tied && (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent))
            _exit(1);
        int fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
            close(fd);
        }
        char *words = strdup(env ? env : "");
        for (char *w = strtok(words, " \n"); w; w = strtok(NULL, " \n"))
            putenv(w);
        for (int i = 0; more && more[i]; i++)
            putenv(strdup(more[i]));
        execv(argv[0], argv);
        _exit(127);
    }
    if (tied) {
        char pidfile[512], extra[128];
        snprintf(extra, sizeof extra, "extra-%s", name);
        path_in(pidfile, sizeof pidfile, "run", extra, ".pid");
        FILE *f = fopen(pidfile, "w");
        if (f) {
            fprintf(f, "%d\n", (int)pid);
            fclose(f);
        }
    }
    return pid;
}

/* Waits up to ms for our child pid to end; returns 1 if it did. */
static int reap(pid_t pid, long ms)
{
    for (long long end = now_ms() + ms;;) {
        pid_t r = waitpid(pid, NULL, WNOHANG);
        if (r == pid || r < 0)
            return 1;
        if (now_ms() >= end)
            return 0;
        usleep(10000);
    }
}

/* Stops a child started by spawn: SIGTERM (SIGKILL after 3 s). Returns how long it took. */
static long stop(pid_t pid, const char *name)
{
    long long t0 = now_ms();
    kill(pid, SIGTERM);
    if (!reap(pid, 3000)) {
        kill(pid, SIGKILL);
        reap(pid, 3000);
    }
    char pidfile[512], extra[128];
    snprintf(extra, sizeof extra, "extra-%s", name);
    path_in(pidfile, sizeof pidfile, "run", extra, ".pid");
    unlink(pidfile);
    return (long)(now_ms() - t0);
}

/* A forwarder with the suite's settings (TEST_FORWARDER_ENV) and more ("NAME=value"...,
 * NULL-terminated). */
static pid_t forwarder_start(const char *name, const char *const *more)
{
    char *argv[] = {(char *)test_env("TEST_FORWARDER"), NULL};
    return spawn(name, argv, test_env("TEST_FORWARDER_ENV"), more, 1);
}

/* A receiver on port logging to log/NAME.received, with options (NULL-terminated, may be
 * NULL); waits until it listens. */
static pid_t receiver_start(const char *name, int port, const char *const *options)
{
    char p[16], log[512];
    snprintf(p, sizeof p, "%d", port);
    path_in(log, sizeof log, "log", name, ".received");
    char *argv[16] = {(char *)test_env("TEST_RECEIVER"), p, log};
    int n = 3;
    for (int i = 0; options && options[i] && n < 15; i++)
        argv[n++] = (char *)options[i];
    argv[n] = NULL;
    pid_t pid = spawn(name, argv, NULL, NULL, 1);
    for (int i = 0; i < 100 && !port_open(port); i++)
        usleep(20000);
    ck_assert_msg(port_open(port), "receiver %s does not listen on %d", name, port);
    return pid;
}

/* ---- the receiver's log ---- */
struct rxlog {
    char **lines;
    int n;
};

static void rxlog_load(struct rxlog *l, const char *name)
{
    char path[512];
    path_in(path, sizeof path, "log", name, ".received");
    memset(l, 0, sizeof *l);
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int size = 0;
    while ((len = getline(&line, &cap, f)) > 0) {
        if (line[len - 1] == '\n')
            line[len - 1] = '\0';
        if (l->n == size) {
            size = size ? 2 * size : 256;
            l->lines = realloc(l->lines, sizeof *l->lines * (size_t)size);
        }
        l->lines[l->n++] = strdup(line);
    }
    free(line);
    fclose(f);
}

static void rxlog_free(struct rxlog *l)
{
    for (int i = 0; i < l->n; i++)
        free(l->lines[i]);
    free(l->lines);
}

/* Lines "TYPE KEY" or "TYPE KEY ..."; key NULL counts every line of the type. */
static int rxlog_count(const struct rxlog *l, const char *type, const char *key)
{
    size_t tl = strlen(type), kl = key ? strlen(key) : 0;
    int n = 0;
    for (int i = 0; i < l->n; i++) {
        const char *s = l->lines[i];
        if (strncmp(s, type, tl) != 0 || s[tl] != ' ')
            continue;
        if (!key || (strncmp(s + tl + 1, key, kl) == 0 &&
                     (s[tl + 1 + kl] == ' ' || s[tl + 1 + kl] == '\0')))
            n++;
    }
    return n;
}

/* The rest of the first line "TYPE KEY rest", or NULL. */
static const char *rxlog_rest(const struct rxlog *l, const char *type, const char *key)
{
    size_t tl = strlen(type), kl = strlen(key);
    for (int i = 0; i < l->n; i++) {
        const char *s = l->lines[i];
        if (strncmp(s, type, tl) == 0 && s[tl] == ' ' && strncmp(s + tl + 1, key, kl) == 0 &&
            s[tl + 1 + kl] == ' ')
            return s + tl + 2 + kl;
    }
    return NULL;
}

static int rxlog_count_now(const char *name, const char *type, const char *key)
{
    struct rxlog l;
    rxlog_load(&l, name);
    int n = rxlog_count(&l, type, key);
    rxlog_free(&l);
    return n;
}

/* ---- the database ---- */
static PGresult *query(PGconn *db, const char *sql, int n, const char *const *p)
{
    PGresult *res = PQexecParams(db, sql, n, NULL, p, NULL, NULL, 0);
    ck_assert_msg(PQresultStatus(res) == PGRES_TUPLES_OK, "SQL failed: %s\n%s",
                  PQresultErrorMessage(res), sql);
    return res;
}

static char sfx[32];

/* A recipient of Northwind Group; credential (plaintext) is sealed with key, or with
 * PORTAL_SECRET_KEY when key is NULL. Returns its id as text (static buffer). */
static const char *recipient(PGconn *db, const char *name, const char *url, const char *format,
                             const char *credential, const unsigned char *key)
{
    static char id[24];
    char full[128];
    snprintf(full, sizeof full, "%s %s", name, sfx);
    char *sealed = NULL;
    if (credential) {
        unsigned char own[SECRET_KEY_BYTES];
        if (!key) {
            ck_assert_int_eq(secret_key_parse(test_env("PORTAL_SECRET_KEY"), own), 0);
            key = own;
        }
        sealed = secret_seal(key, credential);
        ck_assert_ptr_nonnull(sealed);
    }
    const char *p[] = {full, url, format, sealed};
    char *v = test_db_value(db,
                            "INSERT INTO recipients (org_id, name, url, format, max_tlp, "
                            "  credentials) SELECT id, $1, $2, $3, 'red', $4::bytea "
                            "FROM organisations WHERE name = 'Northwind Group' RETURNING id",
                            4, p);
    snprintf(id, sizeof id, "%s", v);
    ck_assert_str_ne(id, "");
    free(v);
    free(sealed);
    return id;
}

/* n rows for the recipient, payloads {"n": i, "tag": tag, ...}; wakes the forwarders. */
static void queue_rows(PGconn *db, const char *rid, int n, const char *tag)
{
    char count[16];
    snprintf(count, sizeof count, "%d", n);
    const char *p[] = {rid, count, tag};
    free(test_db_value(db,
                       "INSERT INTO outbox (org_id, recipient_id, recipient_org_id, kind, payload) "
                       "SELECT r.org_id, r.id, r.org_id, 'test.alert', jsonb_build_object("
                       "  'type', 'incident.alert', 'tag', $3::text, 'n', g, "
                       "  'title', 'Überlastung \"' || g || '\" <b>', 'z', 1, 'a', 2) "
                       "FROM recipients r, generate_series(1, $2::int) g WHERE r.id = $1",
                       3, p));
    free(test_db_value(db, "NOTIFY outbox", 0, NULL));
}

static int wait_for(const char *sql, const char *rid, int seconds)
{
    char cond[1024];
    snprintf(cond, sizeof cond, sql, rid);
    return test_wait_for(cond, seconds);
}

/* The idempotency keys of the recipient's rows. */
static PGresult *keys_of(PGconn *db, const char *rid)
{
    const char *p[] = {rid};
    return query(db,
                 "SELECT idempotency_key, state, attempts FROM outbox "
                 "WHERE recipient_id = $1 ORDER BY id",
                 1, p);
}

/* Marks the recipient's rows that did not arrive as failed, so that nobody retries them
 * after the test, and deactivates the recipient. */
static void retire(PGconn *db, const char *rid)
{
    const char *p[] = {rid};
    free(test_db_value(db,
                       "UPDATE outbox SET state = 'failed', failed_at = now() "
                       "WHERE recipient_id = $1 AND state <> 'delivered'",
                       1, p));
    free(test_db_value(db, "UPDATE recipients SET active = false WHERE id = $1", 1, p));
}

/* Batches of 8 sent at once: what a kill or a stop leaves in flight is one batch. */
static const char *const batches_of_8[] = {"FORWARDER_CONCURRENCY=8", "FORWARDER_BATCH=8", NULL};

/* Puts off, by a day, the rows other tests left due, so that a forwarder's first batch is
 * exactly this test's rows; returns their ids for unpark_others (free it). */
static char *park_others(PGconn *db)
{
    return test_db_value(db,
                         "WITH p AS (UPDATE outbox SET next_attempt_at = next_attempt_at + "
                         "interval '1 day' WHERE state IN ('pending', 'failing') RETURNING id) "
                         "SELECT coalesce(array_agg(id), '{}')::text FROM p",
                         0, NULL);
}

static void unpark_others(PGconn *db, char *ids)
{
    const char *p[] = {ids};
    free(test_db_value(db,
                       "UPDATE outbox SET next_attempt_at = next_attempt_at - interval '1 day' "
                       "WHERE id = ANY ($1::bigint[])",
                       1, p));
    free(ids);
}

/* ---- the suite's forwarder, stopped around these tests ---- */
static void pidfile_of_suite_forwarder(char *out, size_t size)
{
    path_in(out, size, "run", "forwarder", ".pid");
}

static int process_alive(pid_t pid)
{
    char path[64], state = 0;
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    /* "pid (comm) S ...": a zombie (Z) has ended, only its parent has not reaped it */
    int ok = fscanf(f, "%*d (%*[^)]) %c", &state) == 1;
    fclose(f);
    return ok && state != 'Z' && state != 'X';
}

static void suite_forwarder_stop(void)
{
    char path[512];
    pidfile_of_suite_forwarder(path, sizeof path);
    FILE *f = fopen(path, "r");
    int pid = 0;
    if (f) {
        if (fscanf(f, "%d", &pid) != 1)
            pid = 0;
        fclose(f);
    }
    if (pid <= 0)
        return;
    kill(pid, SIGTERM);
    for (int i = 0; i < 300 && process_alive(pid); i++)
        usleep(10000);
    if (process_alive(pid))
        kill(pid, SIGKILL);
}

static void suite_forwarder_start(void)
{
    char *argv[] = {getenv("TEST_FORWARDER"), NULL};
    if (!argv[0] || !getenv("TEST_DIR"))
        return;
    char log[512], path[512];
    snprintf(log, sizeof log, "%s/log/forwarder.log", getenv("TEST_DIR"));
    pid_t pid = fork();
    if (pid == 0) {
        setsid();
        int fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
            close(fd);
        }
        char *words = strdup(getenv("TEST_FORWARDER_ENV") ? getenv("TEST_FORWARDER_ENV") : "");
        for (char *w = strtok(words, " \n"); w; w = strtok(NULL, " \n"))
            putenv(w);
        execv(argv[0], argv);
        _exit(127);
    }
    snprintf(path, sizeof path, "%s/run/forwarder.pid", getenv("TEST_DIR"));
    FILE *f = fopen(path, "w");
    if (f && pid > 0)
        fprintf(f, "%d\n", (int)pid);
    if (f)
        fclose(f);
}

/* =========================================================================================
 * formats */
START_TEST(formats_carry_their_headers_signature_and_receipts)
{
    PGconn *db = test_db_owner();
    int hook_port = free_port(), other_port = free_port();
    while (other_port == hook_port)
        other_port = free_port();
    char hook_url[96], stix_url[96], misp_url[96];
    snprintf(hook_url, sizeof hook_url, "http://127.0.0.1:%d/hook", hook_port);
    snprintf(stix_url, sizeof stix_url, "http://127.0.0.1:%d/taxii/objects", other_port);
    snprintf(misp_url, sizeof misp_url, "http://127.0.0.1:%d/misp/", other_port);
    const char *hook_opts[] = {"--hmac-secret", "hook-s3cret", "--verbose", NULL};
    const char *other_opts[] = {"--verbose", NULL};
    pid_t rx_hook = receiver_start("fmt-hook", hook_port, hook_opts);
    pid_t rx_other = receiver_start("fmt-other", other_port, other_opts);

    unsigned char wrong[SECRET_KEY_BYTES];
    memset(wrong, 7, sizeof wrong);
    char hook[24], stix[24], misp[24], sealed_elsewhere[24], unsigned_hook[24];
    snprintf(hook, sizeof hook, "%s",
             recipient(db, "Signed webhook", hook_url, "webhook", "hook-s3cret", NULL));
    snprintf(stix, sizeof stix, "%s",
             recipient(db, "STIX endpoint", stix_url, "stix", "stix-token-1", NULL));
    snprintf(misp, sizeof misp, "%s",
             recipient(db, "MISP instance", misp_url, "misp", "MISPKEY0123", NULL));
    snprintf(sealed_elsewhere, sizeof sealed_elsewhere, "%s",
             recipient(db, "Sealed elsewhere", hook_url, "webhook", "x", wrong));
    snprintf(unsigned_hook, sizeof unsigned_hook, "%s",
             recipient(db, "Unsigned webhook", hook_url, "webhook", NULL, NULL));
    const char *all[] = {hook, stix, misp, sealed_elsewhere, unsigned_hook};
    for (int i = 0; i < 5; i++)
        queue_rows(db, all[i], 2, "formats");

    pid_t fwd = forwarder_start("fwd-formats", batches_of_8);
    ck_assert_msg(wait_for("SELECT bool_and(state = 'delivered') FROM outbox "
                           "WHERE recipient_id IN (%s)",
                           hook, 20) &&
                      wait_for("SELECT bool_and(state = 'delivered') FROM outbox "
                               "WHERE recipient_id = %s",
                               stix, 20) &&
                      wait_for("SELECT bool_and(state = 'delivered') FROM outbox "
                               "WHERE recipient_id = %s",
                               misp, 20),
                  "the signed webhook, STIX and MISP rows were not delivered");
    ck_assert(wait_for("SELECT bool_and(attempts >= 1 AND state = 'failing') FROM outbox "
                       "WHERE recipient_id = %s",
                       sealed_elsewhere, 20));
    ck_assert(wait_for("SELECT bool_and(attempts >= 1 AND state = 'failing') FROM outbox "
                       "WHERE recipient_id = %s",
                       unsigned_hook, 20));
    stop(fwd, "fwd-formats");

    struct rxlog hl, ol;
    rxlog_load(&hl, "fmt-hook");
    rxlog_load(&ol, "fmt-other");
    /* the webhook: the payload as compact JSON with sorted keys, signed over exactly the
     * bytes sent (the receiver checked) */
    PGresult *res = keys_of(db, hook);
    for (int i = 0; i < PQntuples(res); i++) {
        const char *key = PQgetvalue(res, i, 0);
        ck_assert_int_eq(rxlog_count(&hl, "new", key), 1);
        const char *body = rxlog_rest(&hl, "new", key);
        ck_assert_ptr_nonnull(body);
        ck_assert_ptr_null(strstr(body, "\": "));
        ck_assert(strncmp(body, "{\"a\":2,", 7) == 0);
        const char *same[] = {body, key};
        char *equal = test_db_value(db,
                                    "SELECT payload = $1::jsonb FROM outbox "
                                    "WHERE idempotency_key = $2",
                                    2, same);
        ck_assert_str_eq(equal, "t");
        free(equal);
        ck_assert_int_eq(rxlog_count(&hl, "sig", key), 1);
        const char *meta = rxlog_rest(&hl, "meta", key);
        ck_assert_ptr_nonnull(meta);
        ck_assert_ptr_nonnull(strstr(meta, "path=/hook type=application/json auth= sig=sha256="));
    }
    PQclear(res);
    /* a webhook without a credential is not signed: this receiver refuses it */
    res = keys_of(db, unsigned_hook);
    for (int i = 0; i < PQntuples(res); i++) {
        ck_assert_int_ge(rxlog_count(&hl, "bad", PQgetvalue(res, i, 0)), 1);
        ck_assert_int_eq(rxlog_count(&hl, "new", PQgetvalue(res, i, 0)), 0);
    }
    PQclear(res);
    const char *u[] = {unsigned_hook};
    char *err = test_db_value(db, "SELECT last_error FROM outbox WHERE recipient_id = $1", 1, u);
    ck_assert_str_eq(err, "HTTP 401");
    free(err);
    /* credentials sealed under another key: no request at all, and the reason */
    res = keys_of(db, sealed_elsewhere);
    for (int i = 0; i < PQntuples(res); i++)
        ck_assert_int_eq(rxlog_count(&hl, "meta", PQgetvalue(res, i, 0)), 0);
    PQclear(res);
    const char *s[] = {sealed_elsewhere};
    err = test_db_value(db, "SELECT last_error FROM outbox WHERE recipient_id = $1", 1, s);
    ck_assert_ptr_nonnull(strstr(err, "do not open"));
    free(err);
    /* STIX: its media type and the bearer token */
    res = keys_of(db, stix);
    for (int i = 0; i < PQntuples(res); i++) {
        const char *meta = rxlog_rest(&ol, "meta", PQgetvalue(res, i, 0));
        ck_assert_ptr_nonnull(meta);
        ck_assert_str_eq(meta, "path=/taxii/objects type=application/stix+json;version=2.1 "
                               "auth=Bearer stix-token-1 sig=");
    }
    PQclear(res);
    /* MISP: /events under the base URL, the key as it is, the event id as the receipt */
    res = keys_of(db, misp);
    for (int i = 0; i < PQntuples(res); i++) {
        const char *meta = rxlog_rest(&ol, "meta", PQgetvalue(res, i, 0));
        ck_assert_ptr_nonnull(meta);
        ck_assert_str_eq(meta, "path=/misp/events type=application/json auth=MISPKEY0123 sig=");
    }
    PQclear(res);
    const char *m[] = {misp};
    ck_assert_int_eq(test_db_long(db,
                                  "SELECT count(*) FROM outbox WHERE recipient_id = $1 "
                                  "AND receipt_id ~ '^[0-9]+$'",
                                  1, m),
                     2);
    const char *h[] = {hook};
    ck_assert_int_eq(test_db_long(db,
                                  "SELECT count(DISTINCT receipt_id) FROM outbox "
                                  "WHERE recipient_id = $1 AND receipt_id LIKE 'rcpt-%'",
                                  1, h),
                     2);
    ck_assert_int_eq(test_db_long(db,
                                  "SELECT count(*) FROM outbox WHERE recipient_id = $1 "
                                  "AND last_http_status = 200 AND delivered_at IS NOT NULL",
                                  1, h),
                     2);
    rxlog_free(&hl);
    rxlog_free(&ol);
    for (int i = 0; i < 5; i++)
        retire(db, all[i]);
    stop(rx_hook, "fmt-hook");
    stop(rx_other, "fmt-other");
    PQfinish(db);
}
END_TEST

/* =========================================================================================
 * loss */
START_TEST(receiver_down_for_retry_rounds_then_up_gets_each_alert_once)
{
    PGconn *db = test_db_owner();
    int port = free_port();
    char url[96];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/alerts", port);
    char rid[24];
    snprintf(rid, sizeof rid, "%s", recipient(db, "Down then up", url, "webhook", NULL, NULL));
    queue_rows(db, rid, 50, "down-up");
    pid_t fwd = forwarder_start("fwd-downup", batches_of_8);
    /* nobody listens: three failed rounds at least, recorded */
    ck_assert_msg(wait_for("SELECT bool_and(attempts >= 3 AND state = 'failing') FROM outbox "
                           "WHERE recipient_id = %s",
                           rid, 30),
                  "not every row failed three times");
    ck_assert(wait_for("SELECT count(*) >= 150 FROM delivery_attempts a JOIN outbox o "
                       "ON o.id = a.outbox_id WHERE o.recipient_id = %s AND a.error IS NOT NULL",
                       rid, 5));
    pid_t rx = receiver_start("downup", port, NULL);
    ck_assert_msg(wait_for("SELECT bool_and(state = 'delivered') FROM outbox "
                           "WHERE recipient_id = %s",
                           rid, 30),
                  "not every row was delivered once the receiver was up");
    stop(fwd, "fwd-downup");
    struct rxlog l;
    rxlog_load(&l, "downup");
    PGresult *res = keys_of(db, rid);
    ck_assert_int_eq(PQntuples(res), 50);
    for (int i = 0; i < PQntuples(res); i++)
        ck_assert_int_eq(rxlog_count(&l, "new", PQgetvalue(res, i, 0)), 1);
    ck_assert_int_eq(rxlog_count(&l, "new", NULL), 50);
    ck_assert_int_eq(rxlog_count(&l, "dup", NULL), 0);
    PQclear(res);
    rxlog_free(&l);
    retire(db, rid);
    stop(rx, "downup");
    PQfinish(db);
}
END_TEST

/* Keys the receiver logged as new whose rows are not delivered: in flight. */
static int in_flight(PGconn *db, const char *rid, const char *rx)
{
    struct rxlog l;
    rxlog_load(&l, rx);
    PGresult *res = keys_of(db, rid);
    int n = 0;
    for (int i = 0; i < PQntuples(res); i++)
        if (strcmp(PQgetvalue(res, i, 1), "delivered") != 0 &&
            rxlog_count(&l, "new", PQgetvalue(res, i, 0)) > 0)
            n++;
    PQclear(res);
    rxlog_free(&l);
    return n;
}

START_TEST(forwarder_killed_mid_send_and_restarted_loses_nothing)
{
    PGconn *db = test_db_owner();
    int port = free_port();
    char url[96];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/alerts", port);
    char rid[24];
    snprintf(rid, sizeof rid, "%s", recipient(db, "Killed mid-send", url, "webhook", NULL, NULL));
    /* each answer takes 400 ms: a batch of 8 is in flight most of the time */
    const char *slow[] = {"--delay-ms", "400", NULL};
    pid_t rx = receiver_start("killed", port, slow);
    queue_rows(db, rid, 120, "sigkill");
    int at_kill = 0;
    for (int round = 0; round < 3 && at_kill == 0; round++) {
        pid_t fwd = forwarder_start("fwd-killed", batches_of_8);
        /* wait until a batch has reached the receiver and is not committed */
        int seen = 0;
        for (long long end = now_ms() + 15000; now_ms() < end && !seen;) {
            seen = rxlog_count_now("killed", "new", NULL) >= 8 * (round + 1) &&
                   in_flight(db, rid, "killed") > 0;
            if (!seen)
                usleep(20000);
        }
        ck_assert_msg(seen, "no batch in flight to kill");
        kill(fwd, SIGKILL);
        reap(fwd, 3000);
        /* the killed forwarder's transaction is rolled back when its connection drops */
        at_kill = in_flight(db, rid, "killed");
    }
    ck_assert_msg(at_kill > 0, "the forwarder was never killed in the middle of a batch");
    ck_assert_int_le(at_kill, 8);
    const char *p[] = {rid};
    ck_assert_int_lt(test_db_long(db,
                                  "SELECT count(*) FROM outbox WHERE recipient_id = $1 "
                                  "AND state = 'delivered'",
                                  1, p),
                     120);

    pid_t again = forwarder_start("fwd-restarted", batches_of_8);
    ck_assert_msg(wait_for("SELECT bool_and(state = 'delivered') FROM outbox "
                           "WHERE recipient_id = %s",
                           rid, 40),
                  "rows were lost: not all delivered after the restart");
    stop(again, "fwd-restarted");
    struct rxlog l;
    rxlog_load(&l, "killed");
    PGresult *res = keys_of(db, rid);
    for (int i = 0; i < PQntuples(res); i++)
        ck_assert_int_eq(rxlog_count(&l, "new", PQgetvalue(res, i, 0)), 1);
    ck_assert_int_eq(rxlog_count(&l, "new", NULL), 120);
    /* what was in flight was sent again, and recognised by its key */
    ck_assert_int_ge(rxlog_count(&l, "dup", NULL), at_kill);
    PQclear(res);
    rxlog_free(&l);
    retire(db, rid);
    stop(rx, "killed");
    PQfinish(db);
}
END_TEST

START_TEST(two_forwarders_at_once_send_nothing_twice)
{
    PGconn *db = test_db_owner();
    int port = free_port();
    char url[96];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/alerts", port);
    char rid[24];
    snprintf(rid, sizeof rid, "%s", recipient(db, "Two forwarders", url, "webhook", NULL, NULL));
    const char *slowish[] = {"--delay-ms", "5", NULL};
    pid_t rx = receiver_start("two", port, slowish);
    queue_rows(db, rid, 500, "two");
    pid_t a = forwarder_start("fwd-two-a", batches_of_8);
    pid_t b = forwarder_start("fwd-two-b", batches_of_8);
    ck_assert_msg(wait_for("SELECT bool_and(state = 'delivered') FROM outbox "
                           "WHERE recipient_id = %s",
                           rid, 60),
                  "not every row was delivered");
    stop(a, "fwd-two-a");
    stop(b, "fwd-two-b");
    struct rxlog l;
    rxlog_load(&l, "two");
    PGresult *res = keys_of(db, rid);
    ck_assert_int_eq(PQntuples(res), 500);
    for (int i = 0; i < PQntuples(res); i++) {
        ck_assert_int_eq(rxlog_count(&l, "new", PQgetvalue(res, i, 0)), 1);
        ck_assert_str_eq(PQgetvalue(res, i, 2), "1"); /* one attempt each */
    }
    ck_assert_int_eq(rxlog_count(&l, "new", NULL), 500);
    ck_assert_int_eq(rxlog_count(&l, "dup", NULL), 0);
    PQclear(res);
    rxlog_free(&l);
    /* both took part */
    const char *names[] = {"fwd-two-a", "fwd-two-b"};
    for (int k = 0; k < 2; k++) {
        char path[512], line[1024];
        path_in(path, sizeof path, "log", names[k], ".log");
        FILE *f = fopen(path, "r");
        ck_assert_ptr_nonnull(f);
        int delivered = 0;
        while (fgets(line, sizeof line, f))
            delivered += strstr(line, "delivered outbox=") != NULL;
        fclose(f);
        ck_assert_msg(delivered > 0, "%s delivered nothing", names[k]);
    }
    retire(db, rid);
    stop(rx, "two");
    PQfinish(db);
}
END_TEST

START_TEST(sigterm_stops_within_2s_and_leaves_rows_in_flight_due)
{
    PGconn *db = test_db_owner();
    int port = free_port();
    char url[96];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/alerts", port);
    char rid[24];
    snprintf(rid, sizeof rid, "%s", recipient(db, "Stopped", url, "webhook", NULL, NULL));
    const char *very_slow[] = {"--delay-ms", "10000", NULL};
    pid_t rx = receiver_start("stopped", port, very_slow);
    /* all 8 in flight at once: no row of another test may take a place in the batch */
    char *parked = park_others(db);
    queue_rows(db, rid, 8, "sigterm");
    pid_t fwd = forwarder_start("fwd-stopped", batches_of_8);
    for (long long end = now_ms() + 10000;
         now_ms() < end && rxlog_count_now("stopped", "new", NULL) < 8;)
        usleep(20000);
    ck_assert_int_eq(rxlog_count_now("stopped", "new", NULL), 8);
    long ms = stop(fwd, "fwd-stopped");
    ck_assert_msg(ms < 2000, "the forwarder took %ld ms to stop", ms);
    /* nothing recorded for the aborted transfers: still pending, due, never attempted */
    const char *p[] = {rid};
    ck_assert_int_eq(test_db_long(db,
                                  "SELECT count(*) FROM outbox WHERE recipient_id = $1 "
                                  "AND state = 'pending' AND attempts = 0 "
                                  "AND next_attempt_at <= now()",
                                  1, p),
                     8);
    ck_assert_int_eq(test_db_long(db,
                                  "SELECT count(*) FROM delivery_attempts a JOIN outbox o "
                                  "ON o.id = a.outbox_id WHERE o.recipient_id = $1",
                                  1, p),
                     0);
    stop(rx, "stopped");
    rx = receiver_start("stopped", port, NULL); /* the same log: the keys seen are forgotten */
    fwd = forwarder_start("fwd-stopped", batches_of_8);
    ck_assert(wait_for("SELECT bool_and(state = 'delivered' AND attempts = 1) FROM outbox "
                       "WHERE recipient_id = %s",
                       rid, 20));
    stop(fwd, "fwd-stopped");
    retire(db, rid);
    unpark_others(db, parked);
    stop(rx, "stopped");
    PQfinish(db);
}
END_TEST

/* A batch larger than the transfers at once: the next row starts as one finishes, never
 * more than FORWARDER_CONCURRENCY at a time, and the whole batch is one transaction (one
 * delivered_at, the transaction's time); before, a batch was as many rows as were sent at
 * once, a transaction and its commit for every few deliveries. */
START_TEST(a_batch_is_sent_a_few_at_a_time_and_recorded_once)
{
    PGconn *db = test_db_owner();
    int port = free_port();
    char url[96];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/alerts", port);
    char rid[24];
    snprintf(rid, sizeof rid, "%s", recipient(db, "Pipelined", url, "webhook", NULL, NULL));
    const char *slow[] = {"--delay-ms", "400", NULL};
    pid_t rx = receiver_start("pipelined", port, slow);
    char *parked = park_others(db);
    queue_rows(db, rid, 16, "pipelined");
    const char *two_of_16[] = {"FORWARDER_CONCURRENCY=2", "FORWARDER_BATCH=16", NULL};
    long long start = now_ms();
    pid_t fwd = forwarder_start("fwd-pipelined", two_of_16);
    ck_assert(wait_for("SELECT bool_and(state = 'delivered') FROM outbox WHERE recipient_id = %s",
                       rid, 30));
    long long took = now_ms() - start;
    stop(fwd, "fwd-pipelined");
    /* 16 answers of 400 ms two at a time: 3.2 s at least; all at once would take 0.4 s */
    ck_assert_msg(took >= 3000, "16 rows two at a time took only %lld ms", took);
    const char *p[] = {rid};
    ck_assert_int_eq(test_db_long(db,
                                  "SELECT count(DISTINCT delivered_at) FROM outbox "
                                  "WHERE recipient_id = $1",
                                  1, p),
                     1);
    ck_assert_int_eq(rxlog_count_now("pipelined", "new", NULL), 16);
    retire(db, rid);
    unpark_others(db, parked);
    stop(rx, "pipelined");
    PQfinish(db);
}
END_TEST

/* =========================================================================================
 * horizon */

/* A coordinator of an organisation of its own, signing in with a password we know. */
static void other_coordinator(PGconn *db, char *email, size_t size, const char *password)
{
    snprintf(email, size, "coordinator.%s@other-group.example", sfx);
    char hash[AUTH_PWHASH_TEXT], org[64];
    ck_assert_int_eq(auth_init(), 0);
    ck_assert_int_eq(auth_password_hash(password, hash), 0);
    snprintf(org, sizeof org, "Other Group %s", sfx);
    const char *p[] = {email, hash, org};
    free(test_db_value(db,
                       "WITH o AS (INSERT INTO organisations (name) VALUES ($3) RETURNING id), "
                       "u AS (INSERT INTO users (email, display_name, password_hash) "
                       "      VALUES ($1, 'Other Coordinator', $2) RETURNING id) "
                       "INSERT INTO memberships (user_id, org_id, role) "
                       "SELECT u.id, o.id, 'coordinator' FROM u, o",
                       3, p));
}

START_TEST(past_the_horizon_a_row_fails_coordinators_hear_and_may_retry_it)
{
    PGconn *db = test_db_owner();
    int port = free_port();
    char url[96];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/alerts", port);
    char rid[24], name[96];
    snprintf(rid, sizeof rid, "%s", recipient(db, "Gone CSIRT", url, "webhook", NULL, NULL));
    snprintf(name, sizeof name, "Gone CSIRT %s", sfx);
    /* an incident of a group company, and its alert for the parent's recipient */
    char *incident = test_db_value(
        db,
        "INSERT INTO incidents (org_id, title, detected_at, description, category, severity, "
        "  tlp, reported_by) "
        "SELECT o.id, 'Unreachable CSIRT test', now(), 'Testing the retry horizon.', 'malware', "
        "  'warning', 'green', u.id FROM organisations o, users u "
        "WHERE o.name = 'Northwind Energy' AND u.email = '" REPORTER "' RETURNING id",
        0, NULL);
    const char *q[] = {rid, incident};
    char *outbox = test_db_value(db,
                                 "INSERT INTO outbox (org_id, recipient_id, recipient_org_id, "
                                 "  incident_id, kind, payload) "
                                 "SELECT i.org_id, r.id, r.org_id, i.id, 'incident.alert', "
                                 "  jsonb_build_object('type', 'incident.alert', 'number', "
                                 "  i.number) FROM recipients r, incidents i "
                                 "WHERE r.id = $1 AND i.id = $2 RETURNING id",
                                 2, q);
    const char *o[] = {outbox};
    char *number = test_db_value(db, "SELECT number FROM incidents WHERE id = $1", 1, q + 1);

    const char *horizon[] = {"FORWARDER_CONCURRENCY=8", "FORWARDER_RETRY_HORIZON_S=2", NULL};
    pid_t fwd = forwarder_start("fwd-horizon", horizon);
    ck_assert_msg(wait_for("SELECT state = 'failed' FROM outbox WHERE id = %s", outbox, 30),
                  "the row did not fail after the horizon");
    ck_assert_int_eq(test_db_long(db,
                                  "SELECT count(*) FROM outbox WHERE id = $1 AND failed_at "
                                  "IS NOT NULL AND last_error IS NOT NULL AND attempts >= 1 "
                                  "AND created_at < failed_at - interval '2 seconds'",
                                  1, o),
                     1);
    long attempts = test_db_long(db, "SELECT attempts FROM outbox WHERE id = $1", 1, o);
    /* the coordinator and the administrator of Northwind Group hear of it, once each */
    char subject[256];
    snprintf(subject, sizeof subject, "Subject: Delivery failed: %s to %s", number, name);
    for (int i = 0; i < 100 && (test_mails_to(COORDINATOR, "", subject) < 1 ||
                                test_mails_to(ADMIN, "", subject) < 1);
         i++)
        usleep(100000);
    ck_assert_int_eq(test_mails_to(COORDINATOR, "", subject), 1);
    ck_assert_int_eq(test_mails_to(ADMIN, "", subject), 1);
    char link[256];
    snprintf(link, sizeof link, "/incidents/%s", incident);
    ck_assert_int_eq(test_mails_to(COORDINATOR, "", link), 1);
    ck_assert_int_eq(test_mails_to(REPORTER, "", subject), 0);
    /* the failed row is left alone now */
    usleep(1500000);
    ck_assert_int_eq(test_db_long(db, "SELECT attempts FROM outbox WHERE id = $1", 1, o), attempts);

    char path[64];
    snprintf(path, sizeof path, "/deliveries/%s/retry", outbox);
    /* not for a reporter, nor for another organisation's coordinator */
    struct http *rep = http_new();
    ck_assert_int_eq(http_login(rep, REPORTER, test_password(REPORTER)), 303);
    ck_assert_int_eq(http_get(rep, "/incidents"), 200);
    char token[128];
    snprintf(token, sizeof token, "%s", http_csrf(rep));
    long status = http_post(rep, path, "csrf_token", token, NULL);
    ck_assert_msg(status == 403 || status == 404, "a reporter's retry answered %ld", status);
    http_free(rep);
    char email[128];
    other_coordinator(db, email, sizeof email, "a long password for the test");
    struct http *other = http_new();
    ck_assert_int_eq(http_login(other, email, "a long password for the test"), 303);
    ck_assert_int_eq(http_get(other, "/incidents"), 200);
    snprintf(token, sizeof token, "%s", http_csrf(other));
    ck_assert_int_eq(http_post(other, path, "csrf_token", token, NULL), 404);
    http_free(other);
    ck_assert_int_eq(test_db_long(db,
                                  "SELECT count(*) FROM outbox WHERE id = $1 "
                                  "AND state = 'failed'",
                                  1, o),
                     1);

    /* the recipient is back; the coordinator retries */
    pid_t rx = receiver_start("horizon", port, NULL);
    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, COORDINATOR, test_password(COORDINATOR)), 303);
    ck_assert_int_eq(http_get(h, "/incidents"), 200);
    snprintf(token, sizeof token, "%s", http_csrf(h));
    ck_assert_int_eq(http_post(h, path, "csrf_token", "wrong", NULL), 403);
    ck_assert_int_eq(http_post(h, path, "csrf_token", token, NULL), 303);
    ck_assert_str_eq(http_header(h, "Location"), link);
    ck_assert_msg(wait_for("SELECT state = 'delivered' FROM outbox WHERE id = %s", outbox, 20),
                  "the retried row was not delivered");
    ck_assert_int_eq(test_db_long(db, "SELECT attempts FROM outbox WHERE id = $1", 1, o),
                     attempts + 1);
    ck_assert_int_eq(test_db_long(db,
                                  "SELECT count(*) FROM outbox WHERE id = $1 "
                                  "AND failed_at IS NULL AND delivered_at IS NOT NULL",
                                  1, o),
                     1);
    ck_assert_int_eq(test_db_long(db,
                                  "SELECT count(*) FROM audit_log WHERE action = 'retry' "
                                  "AND entity = 'delivery' AND entity_id = $1",
                                  1, o),
                     1);
    char *key = test_db_value(db, "SELECT idempotency_key FROM outbox WHERE id = $1", 1, o);
    ck_assert_int_eq(rxlog_count_now("horizon", "new", key), 1);
    /* delivered now: nothing to retry */
    ck_assert_int_eq(http_post(h, path, "csrf_token", token, NULL), 404);
    ck_assert_int_eq(http_post(h, "/deliveries/999999999/retry", "csrf_token", token, NULL), 404);
    stop(fwd, "fwd-horizon");
    http_free(h);
    free(key);
    free(number);
    free(outbox);
    free(incident);
    retire(db, rid);
    stop(rx, "horizon");
    PQfinish(db);
}
END_TEST

static Suite *delivery_suite(void)
{
    snprintf(sfx, sizeof sfx, "%ld-%d", (long)time(NULL), (int)getpid());
    Suite *s = suite_create("delivery");
    TCase *tc = tcase_create("delivery");
    tcase_set_timeout(tc, 120);
    tcase_add_unchecked_fixture(tc, suite_forwarder_stop, suite_forwarder_start);
    tcase_add_test(tc, formats_carry_their_headers_signature_and_receipts);
    tcase_add_test(tc, receiver_down_for_retry_rounds_then_up_gets_each_alert_once);
    tcase_add_test(tc, forwarder_killed_mid_send_and_restarted_loses_nothing);
    tcase_add_test(tc, two_forwarders_at_once_send_nothing_twice);
    tcase_add_test(tc, sigterm_stops_within_2s_and_leaves_rows_in_flight_due);
    tcase_add_test(tc, a_batch_is_sent_a_few_at_a_time_and_recorded_once);
    tcase_add_test(tc, past_the_horizon_a_row_fails_coordinators_hear_and_may_retry_it);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(delivery_suite)
