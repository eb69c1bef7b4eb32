/* forwarder.c - the alert forwarder: takes due outbox rows one at a time (FOR UPDATE SKIP
 * LOCKED, so several forwarders may run side by side), POSTs each with libcurl, records
 * the attempt, and schedules a retry with exponential backoff and jitter until the
 * recipient accepts it. Woken by LISTEN outbox and by a timer. Delivery is at least once;
 * receivers deduplicate on the Idempotency-Key header. */
#include "config.h"
#include "db.h"
#include "delivery.h"
#include "log.h"
#include "mail.h"

#include <curl/curl.h>
#include <errno.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>

static volatile int stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

/* Sends a mail row: the payload becomes an RFC 5322 message whose Message-ID carries the
 * idempotency key, so a resent mail can be recognised. */
static void forward_mail(const struct config *cfg, const char *payload, const char *key,
                         const struct delivery_options *opt, struct delivery_result *out)
{
    char *to = NULL;
    char *message = mail_format(payload, cfg->smtp_from, key, time(NULL), &to);
    if (!message) {
        memset(out, 0, sizeof *out);
        snprintf(out->error, sizeof out->error, "malformed mail payload");
        return;
    }
    delivery_send_mail(cfg->smtp_url, cfg->smtp_user, cfg->smtp_password, cfg->smtp_from, to,
                       message, opt, out);
    free(message);
    free(to);
}

/* Claims, sends and records one due alert. Returns 1 when one was handled, 0 when none
 * was due, or a DB_ error. */
static int forward_one(struct db *db, const struct config *cfg)
{
    if (db_begin(db) != DB_OK)
        return DB_CONN_LOST;
    PGresult *res;
    int rc = db_exec(db, &res,
                     "SELECT o.id, o.idempotency_key, o.payload::text, r.url, o.attempts, "
                     "       o.channel "
                     "  FROM outbox o LEFT JOIN recipients r ON r.id = o.recipient_id "
                     " WHERE o.state <> 'delivered' AND o.next_attempt_at <= now() "
                     " ORDER BY o.next_attempt_at LIMIT 1 FOR UPDATE OF o SKIP LOCKED",
                     0, NULL);
    if (rc != DB_OK) {
        db_rollback(db);
        return rc;
    }
    if (PQntuples(res) == 0) {
        PQclear(res);
        db_rollback(db);
        return 0;
    }
    char id[24];
    snprintf(id, sizeof id, "%s", db_text(res, 0, 0));
    int attempt = (int)db_long(res, 0, 4) + 1;
    struct delivery_options opt = {
        .connect_timeout_ms = cfg->fwd_connect_timeout_ms,
        .timeout_ms = cfg->fwd_timeout_ms,
        .allow_private = cfg->fwd_allow_private,
        .ca_file = cfg->fwd_ca_file,
        .cancel = &stop_requested,
    };
    struct delivery_result result;
    if (strcmp(db_text(res, 0, 5), "smtp") == 0)
        forward_mail(cfg, db_text(res, 0, 2), db_text(res, 0, 1), &opt, &result);
    else
        delivery_post_json(db_text(res, 0, 3), db_text(res, 0, 1), db_text(res, 0, 2), &opt,
                           &result);
    PQclear(res);
    if (stop_requested && !result.delivered) {
        db_rollback(db); /* interrupted: the row stays due for the next forwarder */
        return 0;
    }

    long delay = delivery_backoff_ms(attempt, cfg->fwd_backoff_base_ms, cfg->fwd_backoff_cap_ms,
                                     (double)randombytes_uniform(1000000) / 1e6);
    char status[16], duration[24], delay_ms[24];
    snprintf(status, sizeof status, "%ld", result.http_status);
    snprintf(duration, sizeof duration, "%ld", result.duration_ms);
    snprintf(delay_ms, sizeof delay_ms, "%ld", delay);
    const char *p[] = {id, result.http_status ? status : NULL,
                       result.delivered ? NULL : result.error, duration,
                       result.delivered ? "t" : "f", delay_ms};
    rc = db_exec(db, NULL,
                 "INSERT INTO delivery_attempts (outbox_id, http_status, error, duration_ms) "
                 "VALUES ($1, $2, $3, $4)",
                 4, p);
    const char *u[] = {id, p[1], p[2], p[4], p[5]};
    if (rc == DB_OK)
        rc = db_exec(db, NULL,
                     "UPDATE outbox SET attempts = attempts + 1, last_attempt_at = now(), "
                     "  last_http_status = $2, last_error = $3, "
                     "  state = CASE WHEN $4::boolean THEN 'delivered' ELSE 'failing' END, "
                     "  delivered_at = CASE WHEN $4::boolean THEN now() END, "
                     "  next_attempt_at = now() + ($5 || ' milliseconds')::interval "
                     "WHERE id = $1",
                     5, u);
    if (rc == DB_OK)
        rc = db_commit(db);
    if (rc != DB_OK) {
        db_rollback(db);
        return rc;
    }
    if (result.delivered)
        log_info("delivered outbox=%s status=%ld attempt=%d ms=%ld", id, result.http_status,
                 attempt, result.duration_ms);
    else
        log_info("failed outbox=%s attempt=%d error=%s retry_in_ms=%ld", id, attempt,
                 result.error, delay);
    return 1;
}

/* Milliseconds until the next row falls due, at most poll_s seconds. */
static long next_due_ms(struct db *db, int poll_s)
{
    PGresult *res;
    long wait = poll_s * 1000L;
    if (db_exec(db, &res,
                "SELECT ceil(extract(epoch FROM min(next_attempt_at) - now()) * 1000)::bigint "
                "  FROM outbox WHERE state <> 'delivered'",
                0, NULL) != DB_OK)
        return wait;
    if (*db_text(res, 0, 0)) {
        long due = db_long(res, 0, 0);
        if (due < wait)
            wait = due < 0 ? 0 : due;
    }
    PQclear(res);
    return wait;
}

/* Sleeps until a NOTIFY arrives, the timeout passes or a signal stops us. */
static void wait_for_work(struct db *db, long timeout_ms)
{
    if (timeout_ms <= 0)
        return;
    int fd = PQsocket(db->conn);
    fd_set fds;
    FD_ZERO(&fds);
    FD_SET(fd, &fds);
    struct timeval tv = {timeout_ms / 1000, (timeout_ms % 1000) * 1000};
    if (select(fd + 1, &fds, NULL, NULL, &tv) > 0) {
        PQconsumeInput(db->conn);
        PGnotify *n;
        while ((n = PQnotifies(db->conn)))
            PQfreemem(n);
    }
}

int main(void)
{
    struct config cfg;
    if (config_load(&cfg) != 0) {
        log_error("cannot read the configuration file named by PORTAL_CONFIG");
        return 1;
    }
    if (sodium_init() < 0 || curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        log_error("cannot initialise libsodium or libcurl");
        return 1;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    struct db db;
    memset(&db, 0, sizeof db);
    snprintf(db.conninfo, sizeof db.conninfo, "%s", cfg.forwarder_conninfo);
    int connected = 0;
    log_info("forwarder started");
    while (!stop_requested) {
        if (!connected) {
            if (db_connect(&db, db.conninfo) != DB_OK ||
                db_exec(&db, NULL, "LISTEN outbox", 0, NULL) != DB_OK) {
                log_error("database unavailable: %s", db.error);
                sleep(1);
                continue;
            }
            connected = 1;
        }
        int rc = 0;
        while (!stop_requested && (rc = forward_one(&db, &cfg)) == 1)
            ;
        if (stop_requested)
            break;
        if (rc < 0) {
            log_error("outbox processing failed: %s", db.error);
            if (rc == DB_CONN_LOST)
                connected = 0;
            sleep(1);
            continue;
        }
        wait_for_work(&db, next_due_ms(&db, cfg.fwd_poll_s));
        if (PQstatus(db.conn) != CONNECTION_OK)
            connected = 0;
    }
    db_close(&db);
    curl_global_cleanup();
    log_info("forwarder stopped");
    return 0;
}
