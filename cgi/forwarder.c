/* forwarder.c - the alert forwarder: claims a batch of due outbox rows (FOR UPDATE SKIP
 * LOCKED, so several forwarders may run side by side), sends them with libcurl's multi
 * interface, a few at a time (the next starts as soon as one finishes) - an HTTP POST
 * shaped by the recipient's format (JSON webhook signed with HMAC-SHA256, STIX 2.1, MISP;
 * the payload as compact JSON, as the portal formatted it) or a mail over SMTP - records
 * every attempt and commits, then takes the next batch. A failure is retried with exponential
 * backoff and jitter until the recipient accepts it or the row is older than the retry horizon;
 * then the row is 'failed' and the coordinators of the recipient's organisation get a mail (they
 * can retry it from the portal). Woken by LISTEN outbox and by a timer. Delivery is at least once;
 * receivers deduplicate on the Idempotency-Key header. On SIGTERM the transfers in flight
 * are aborted and their rows stay due; what finished is recorded. On a timer of its own
 * (once a minute by default) it also queues the due-date reminders (app.queue_reminders),
 * which then leave like any other mail. The advisory feeds that are due are polled by a
 * process it forks and keeps running (lib/feed_poller.c), so a slow feed server never
 * holds up a delivery. */
#include "config.h"
#include "db.h"
#include "delivery.h"
#include "feed_poller.h"
#include "log.h"
#include "mail.h"
#include "secret.h"
#include "view.h"

#include <curl/curl.h>
#include <errno.h>
#include <jansson.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>

#define MAX_CONCURRENCY 256
#define MAX_BATCH 4096

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

struct forwarder {
    struct config cfg;
    struct db db;
    CURLM *multi; /* kept across batches: its connection cache keeps receivers' connections */
    struct delivery_options opt;
    unsigned char key[SECRET_KEY_BYTES];
    int have_key;
    char *mail_words; /* the mails' words in every language (malloc'd JSON), or NULL */
};

/* One claimed row on its way. */
struct job {
    int row; /* in the claim's result */
    char id[24];
    int attempt;
    struct delivery *d;
    int in_multi;
    int finished; /* result holds the outcome */
    struct delivery_result result;
};

/* The columns of a claimed row. */
enum { C_ID, C_KEY, C_PAYLOAD, C_CHANNEL, C_ATTEMPTS, C_FORMAT, C_URL, C_CREDENTIALS };

static void job_fail(struct job *j, const char *why)
{
    memset(&j->result, 0, sizeof j->result);
    snprintf(j->result.error, sizeof j->result.error, "%s", why);
    j->finished = 1;
}

/* Prepares the transfer of one claimed row and hands it to the multi handle; a row that
 * cannot be sent (malformed mail, credentials that do not open) finishes at once. */
static void job_start(struct forwarder *f, PGresult *res, struct job *j)
{
    const char *key = db_text(res, j->row, C_KEY), *payload = db_text(res, j->row, C_PAYLOAD);
    if (strcmp(db_text(res, j->row, C_CHANNEL), "smtp") == 0) {
        /* the Message-ID carries the idempotency key, so a resent mail can be recognised */
        char *to = NULL;
        char *message = mail_format(payload, f->cfg.smtp_from, key, time(NULL), &to);
        if (!message) {
            job_fail(j, "malformed mail payload");
            return;
        }
        j->d = delivery_mail_start(f->cfg.smtp_url, f->cfg.smtp_user, f->cfg.smtp_password,
                                   f->cfg.smtp_from, to, message, &f->opt);
        free(message);
        free(to);
    } else {
        const char *format = db_text(res, j->row, C_FORMAT);
        char *credential = NULL;
        if (!PQgetisnull(res, j->row, C_CREDENTIALS)) {
            if (!f->have_key) {
                job_fail(j, "the recipient has credentials but PORTAL_SECRET_KEY is not set");
                return;
            }
            credential = secret_open(f->key, db_text(res, j->row, C_CREDENTIALS));
            if (!credential) {
                job_fail(j, "the recipient's credentials do not open with PORTAL_SECRET_KEY");
                return;
            }
        }
        char *body = delivery_body(payload, (size_t)PQgetlength(res, j->row, C_PAYLOAD));
        struct delivery_request req = {
            .format = format,
            .url = db_text(res, j->row, C_URL),
            .idempotency_key = key,
            .body = body,
            .body_len = body ? strlen(body) : 0,
            .credential = credential,
        };
        j->d = body ? delivery_http_start(&req, &f->opt) : NULL;
        free(body);
        secret_free(credential);
    }
    if (!j->d) {
        job_fail(j, "out of memory");
    } else if (!delivery_handle(j->d)) {
        delivery_finish(j->d, 0, &j->result);
        j->finished = 1;
    } else if (curl_multi_add_handle(f->multi, delivery_handle(j->d)) != CURLM_OK) {
        job_fail(j, "cannot start the transfer");
    } else {
        j->in_multi = 1;
    }
}

static long long monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Runs the batch's transfers, at most fwd_concurrency at once, each next row starting as
 * one finishes, until all have finished or a stop is requested. A row is started only
 * within the transfer timeout of the batch's start, so that a slow receiver holds the
 * batch's rows (and their locks) for at most about twice the timeout; a row not started
 * stays due for the next batch, as on a stop. */
static void run_transfers(struct forwarder *f, PGresult *res, struct job *jobs, int n)
{
    long long start_by = monotonic_ms() + f->cfg.fwd_timeout_ms;
    int next = 0, in_flight = 0, running = 0;
    for (;;) {
        while (next < n && in_flight < f->cfg.fwd_concurrency && !stop_requested &&
               monotonic_ms() < start_by) {
            job_start(f, res, &jobs[next]);
            in_flight += jobs[next].in_multi;
            next++;
        }
        if (curl_multi_perform(f->multi, &running) != CURLM_OK)
            break;
        CURLMsg *msg;
        int left;
        while ((msg = curl_multi_info_read(f->multi, &left))) {
            if (msg->msg != CURLMSG_DONE)
                continue;
            for (int i = 0; i < next; i++) {
                if (jobs[i].in_multi && delivery_handle(jobs[i].d) == msg->easy_handle) {
                    delivery_finish(jobs[i].d, (int)msg->data.result, &jobs[i].result);
                    jobs[i].finished = 1;
                    curl_multi_remove_handle(f->multi, msg->easy_handle);
                    jobs[i].in_multi = 0;
                    in_flight--;
                    break;
                }
            }
        }
        int more = next < n && !stop_requested && monotonic_ms() < start_by;
        /* on a stop, what has just finished still counts (one more turn after the poll) */
        if ((in_flight == 0 && !more) || stop_requested)
            break;
        if (more && in_flight < f->cfg.fwd_concurrency)
            continue;
        /* at most 100 ms at a time, so that a stop is noticed quickly */
        curl_multi_poll(f->multi, NULL, 0, 100, NULL);
    }
    /* what is still in flight is aborted; unless we are stopping, that counts as failed */
    for (int i = 0; i < next; i++) {
        if (jobs[i].in_multi) {
            curl_multi_remove_handle(f->multi, delivery_handle(jobs[i].d));
            jobs[i].in_multi = 0;
            if (!stop_requested)
                job_fail(&jobs[i], "transfer aborted");
        }
    }
}

/* The batch's outcomes as JSON for the recording statement; NULL when out of memory. */
static char *results_json(const struct forwarder *f, struct job *jobs, int n, long *delays)
{
    json_t *all = json_array();
    for (int i = 0; all && i < n; i++) {
        const struct job *j = &jobs[i];
        if (!j->finished)
            continue;
        const struct delivery_result *r = &j->result;
        delays[i] =
            delivery_backoff_ms(j->attempt, f->cfg.fwd_backoff_base_ms, f->cfg.fwd_backoff_cap_ms,
                                (double)randombytes_uniform(1000000) / 1e6);
        json_t *o = json_pack("{s:s, s:o, s:o, s:I, s:b, s:I, s:o}", "id", j->id, "status",
                              r->http_status ? json_integer(r->http_status) : json_null(), "error",
                              r->delivered ? json_null() : json_string(r->error), "ms",
                              (json_int_t)r->duration_ms, "ok", r->delivered, "delay",
                              (json_int_t)delays[i], "receipt",
                              r->receipt_id[0] ? json_string(r->receipt_id) : json_null());
        if (!o || json_array_append_new(all, o) != 0) {
            json_decref(all);
            return NULL;
        }
    }
    char *text = all ? json_dumps(all, JSON_COMPACT) : NULL;
    json_decref(all);
    return text;
}

/* Columns of a recorded row: its id, and whether it was given up. */
enum recorded_column { RC_ID, RC_GAVE_UP };

/* Records the finished jobs' attempts and outcomes, gives up on rows past the horizon and
 * queues the coordinators' mail about them; in the batch's transaction. Returns DB_OK or
 * a DB_ error. *failed receives the number of rows given up. */
static int record_results(struct forwarder *f, struct job *jobs, int n, long *delays, int *failed)
{
    *failed = 0;
    char *results = results_json(f, jobs, n, delays);
    if (!results) {
        snprintf(f->db.error, sizeof f->db.error, "out of memory");
        return DB_ERROR;
    }
    char horizon[24];
    snprintf(horizon, sizeof horizon, "%d", f->cfg.fwd_retry_horizon_s);
    const char *p[] = {results, horizon};
    PGresult *res;
    int rc = db_exec(
        &f->db, &res,
        "WITH r AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id bigint, status int, "
        "           error text, ms int, ok boolean, delay bigint, receipt text)), "
        "a AS (INSERT INTO delivery_attempts (outbox_id, http_status, error, duration_ms) "
        "      SELECT id, status, error, ms FROM r) "
        "UPDATE outbox o SET attempts = o.attempts + 1, last_attempt_at = now(), "
        "       last_http_status = r.status, last_error = r.error, "
        "       state = CASE WHEN r.ok THEN 'delivered' "
        "                    WHEN $2::int > 0 AND o.created_at < now() - make_interval("
        "                         secs => $2::int) THEN 'failed' ELSE 'failing' END, "
        "       delivered_at = CASE WHEN r.ok THEN now() END, "
        "       failed_at = CASE WHEN NOT r.ok AND $2::int > 0 AND o.created_at < now() - "
        "                        make_interval(secs => $2::int) THEN now() END, "
        "       receipt_id = CASE WHEN r.ok THEN r.receipt ELSE o.receipt_id END, "
        /* a sent invitation's link is the recipient's alone: the outbox keeps no copy */
        "       payload = CASE WHEN r.ok AND o.kind = 'mail.invitation' THEN jsonb_set("
        "                 o.payload, '{text}', '\"(sent; the single-use link is not kept)\"') "
        "                 ELSE o.payload END, "
        "       next_attempt_at = now() + r.delay * interval '1 millisecond' "
        "  FROM r WHERE o.id = r.id "
        "RETURNING o.id, o.state = 'failed'",
        2, p);
    free(results);
    if (rc != DB_OK)
        return rc;
    /* "{1,2,3}": the rows given up, for the coordinators' mail */
    size_t size = 3 + (size_t)PQntuples(res) * 22, len = 1;
    char *ids = malloc(size);
    if (!ids) {
        PQclear(res);
        snprintf(f->db.error, sizeof f->db.error, "out of memory");
        return DB_ERROR;
    }
    ids[0] = '{';
    for (int i = 0; i < PQntuples(res); i++) {
        if (strcmp(db_text(res, i, RC_GAVE_UP), "t") != 0)
            continue;
        len += (size_t)snprintf(ids + len, size - len, "%s%s", *failed ? "," : "",
                                db_text(res, i, RC_ID));
        (*failed)++;
    }
    snprintf(ids + len, size - len, "}");
    PQclear(res);
    if (*failed > 0) {
        /* in each recipient's language; in English when the language files were unreadable */
        const char *q[] = {ids, f->cfg.base_url, f->mail_words};
        rc = f->mail_words ? db_exec(&f->db, NULL,
                                     "SELECT app.queue_delivery_failed_in($1::bigint[], $2, "
                                     "$3::jsonb)",
                                     3, q)
                           : db_exec(&f->db, NULL,
                                     "SELECT app.queue_delivery_failed($1::bigint[], $2)", 2, q);
    }
    free(ids);
    return rc;
}

static void log_outcomes(const struct forwarder *f, const struct job *jobs, int n,
                         const long *delays, int failed)
{
    for (int i = 0; i < n; i++) {
        const struct job *j = &jobs[i];
        const struct delivery_result *r = &j->result;
        if (!j->finished)
            log_info("aborted outbox=%s attempt=%d: stays due", j->id, j->attempt);
        else if (r->delivered)
            log_info("delivered outbox=%s status=%ld attempt=%d ms=%ld%s%s", j->id, r->http_status,
                     j->attempt, r->duration_ms, r->receipt_id[0] ? " receipt=" : "",
                     r->receipt_id);
        else
            log_info("failed outbox=%s attempt=%d error=%s retry_in_ms=%ld", j->id, j->attempt,
                     r->error, delays[i]);
    }
    if (failed > 0)
        log_info("gave up on %d row(s) older than %d s: state failed, coordinators told", failed,
                 f->cfg.fwd_retry_horizon_s);
}

/* Claims up to fwd_batch due rows, sends them and records the outcomes, in one
 * transaction. Returns the number of rows claimed (0 when none was due) or a DB_ error. */
static int forward_batch(struct forwarder *f)
{
    struct db *db = &f->db;
    if (db_begin(db) != DB_OK)
        return DB_CONN_LOST;
    char limit[16];
    snprintf(limit, sizeof limit, "%d", f->cfg.fwd_batch);
    const char *p[] = {limit};
    PGresult *res;
    int rc = db_exec(db, &res,
                     "SELECT o.id, o.idempotency_key, o.payload::text, o.channel, o.attempts, "
                     "       coalesce(r.format, 'webhook'), r.url, r.credentials "
                     "  FROM outbox o LEFT JOIN recipients r ON r.id = o.recipient_id "
                     " WHERE o.state IN ('pending', 'failing') AND o.next_attempt_at <= now() "
                     " ORDER BY o.next_attempt_at LIMIT $1 FOR UPDATE OF o SKIP LOCKED",
                     1, p);
    if (rc != DB_OK) {
        db_rollback(db);
        return rc;
    }
    int n = PQntuples(res);
    if (n == 0) {
        PQclear(res);
        db_rollback(db);
        return 0;
    }
    struct job *jobs = calloc((size_t)n, sizeof *jobs);
    long *delays = calloc((size_t)n, sizeof *delays);
    if (!jobs || !delays) {
        free(jobs);
        free(delays);
        PQclear(res);
        db_rollback(db);
        snprintf(db->error, sizeof db->error, "out of memory");
        return DB_ERROR;
    }
    for (int i = 0; i < n; i++) {
        jobs[i].row = i;
        snprintf(jobs[i].id, sizeof jobs[i].id, "%s", db_text(res, i, C_ID));
        jobs[i].attempt = (int)db_long(res, i, C_ATTEMPTS) + 1;
    }
    run_transfers(f, res, jobs, n);
    PQclear(res);
    for (int i = 0; i < n; i++)
        delivery_free(jobs[i].d);

    /* on a stop, what finished is recorded; the aborted and unstarted rows stay due */
    int failed = 0;
    rc = record_results(f, jobs, n, delays, &failed);
    if (rc == DB_OK)
        rc = db_commit(db);
    if (rc != DB_OK)
        db_rollback(db);
    else
        log_outcomes(f, jobs, n, delays, failed);
    free(jobs);
    free(delays);
    return rc != DB_OK ? rc : n;
}

/* Column of app.queue_reminders_in's answer: the number of mails queued. */
enum { QUEUED_COLUMN };

/* The words of the mails the forwarder queues (reminders, deliveries given up) in every
 * language, from the language files (Lang.Mail.Reminder.*, Lang.Mail.Failed.*), as
 * app.queue_reminders_in and app.queue_delivery_failed_in take them: {"en": {"subject_before":
 * ..., ...}, "de": {...}}. Read once at start. Returns malloc'd JSON, or NULL when a
 * language file cannot be read. */
static char *mail_words_load(const char *template_dir)
{
    static const char *const keys[][2] = {
        {"subject_before", "Mail.Reminder.SubjectBefore"},
        {"subject_after", "Mail.Reminder.SubjectAfter"},
        {"body", "Mail.Reminder.Body"},
        {"overdue", "Mail.Reminder.Overdue"},
        {"today", "Mail.Reminder.Today"},
        {"pending", "Mail.Reminder.Pending"},
        {"failed_subject", "Mail.Failed.Subject"},
        {"failed_body", "Mail.Failed.Body"},
        {"failed_what_incident", "Mail.Failed.WhatIncident"},
        {"failed_again_incident", "Mail.Failed.AgainIncident"},
        {"failed_again_other", "Mail.Failed.AgainOther"},
        {"failed_unknown_error", "Mail.Failed.UnknownError"},
        /* rapid advisory campaigns (schema/046's app.queue_rapid_reminders) */
        {"remind_subject", "Mail.Rapid.RemindSubject"},
        {"remind_body", "Mail.Rapid.RemindBody"},
        {"escalate_subject", "Mail.Rapid.EscalateSubject"},
        {"escalate_body", "Mail.Rapid.EscalateBody"},
    };
    if (view_init(template_dir) != 0)
        return NULL;
    char *text = view_lang_words_json(keys, sizeof keys / sizeof keys[0]);
    view_shutdown();
    return text;
}

/* Queues the reminder mails due now (questionnaire campaigns' and rapid advisory
 * campaigns'), in a transaction of its own. Returns the number of
 * mails queued, or a DB_ error. */
static int queue_reminders(struct db *db, const struct config *cfg, const char *words)
{
    char before[32], after[32];
    snprintf(before, sizeof before, "%d days", cfg->fwd_reminder_before_days);
    snprintf(after, sizeof after, "%d days", cfg->fwd_reminder_after_days);
    const char *p[] = {before, after, cfg->base_url, words};
    if (db_begin(db) != DB_OK)
        return DB_CONN_LOST;
    PGresult *res;
    int rc = db_exec(
        db, &res, "SELECT app.queue_reminders_in($1::interval, $2::interval, $3, $4::jsonb)", 4, p);
    if (rc != DB_OK) {
        db_rollback(db);
        return rc;
    }
    int n = (int)db_long(res, 0, QUEUED_COLUMN);
    PQclear(res);
    /* and those of rapid advisory campaigns: every so many hours until answered, and one
     * escalation after the deadline */
    const char *q[] = {cfg->base_url, words};
    rc = db_exec(db, &res, "SELECT app.queue_rapid_reminders($1, $2::jsonb)", 2, q);
    if (rc != DB_OK) {
        db_rollback(db);
        return rc;
    }
    n += (int)db_long(res, 0, QUEUED_COLUMN);
    PQclear(res);
    rc = db_commit(db);
    if (rc != DB_OK) {
        db_rollback(db);
        return rc;
    }
    return n;
}

/* Column of the milliseconds until the next row falls due (NULL: none is). */
enum { DUE_MS_COLUMN };

/* Milliseconds until the next row falls due, at most poll_s seconds. */
static long next_due_ms(struct db *db, int poll_s)
{
    PGresult *res;
    long wait = poll_s * 1000L;
    if (db_exec(db, &res,
                "SELECT ceil(extract(epoch FROM min(next_attempt_at) - now()) * 1000)::bigint "
                "  FROM outbox WHERE state IN ('pending', 'failing')",
                0, NULL) != DB_OK)
        return wait;
    if (*db_text(res, 0, DUE_MS_COLUMN)) {
        long due = db_long(res, 0, DUE_MS_COLUMN);
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
    if (fd < 0) /* the connection was dropped (lib/db.c): the main loop makes it again */
        return;
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
    static struct forwarder f;
    if (config_load(&f.cfg) != 0) {
        log_error("cannot read the configuration (PORTAL_CONFIG, or a file named by a *_FILE "
                  "setting)");
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

    f.have_key = secret_key_parse(f.cfg.secret_key, f.key) == 0;
    if (f.cfg.secret_key[0] && !f.have_key)
        log_error("PORTAL_SECRET_KEY is not 64 hex characters: recipients with credentials "
                  "cannot be served");
    sodium_memzero(f.cfg.secret_key, sizeof f.cfg.secret_key);
    if (getenv("FORWARDER_ALLOW_PRIVATE"))
        log_error("FORWARDER_ALLOW_PRIVATE is no longer read: name the private endpoints "
                  "allowed in FORWARDER_ALLOW_HOSTS (IP:PORT)");
    if (f.cfg.fwd_concurrency < 1)
        f.cfg.fwd_concurrency = 1;
    if (f.cfg.fwd_concurrency > MAX_CONCURRENCY)
        f.cfg.fwd_concurrency = MAX_CONCURRENCY;
    if (f.cfg.fwd_batch < f.cfg.fwd_concurrency)
        f.cfg.fwd_batch = f.cfg.fwd_concurrency;
    if (f.cfg.fwd_batch > MAX_BATCH)
        f.cfg.fwd_batch = MAX_BATCH;
    f.opt = (struct delivery_options){
        .connect_timeout_ms = f.cfg.fwd_connect_timeout_ms,
        .timeout_ms = f.cfg.fwd_timeout_ms,
        .allow_hosts = f.cfg.fwd_allow_hosts,
        .ca_file = f.cfg.fwd_ca_file,
    };
    f.multi = curl_multi_init();
    if (!f.multi) {
        log_error("cannot initialise libcurl");
        return 1;
    }
    f.mail_words = mail_words_load(f.cfg.template_dir);
    if (!f.mail_words) {
        /* deliveries go on; only the reminders wait for readable language files */
        log_error("cannot read the language files in %s/lang: no reminders are queued, "
                  "failed deliveries are told in English",
                  f.cfg.template_dir);
        f.cfg.fwd_reminder_interval_s = 0;
    }
    snprintf(f.db.conninfo, sizeof f.db.conninfo, "%s", f.cfg.forwarder_conninfo);
    struct feed_poller poller = {.conninfo = f.db.conninfo,
                                 .formats = f.cfg.formats_dir,
                                 .opt = f.opt,
                                 .poll_s = f.cfg.fwd_poll_s};
    int connected = 0;
    long long reminders_at = 0; /* when to queue reminders next (monotonic ms); now */
    log_info("forwarder started");
    while (!stop_requested) {
        if (!connected) {
            /* Commits need not wait for the WAL flush (several times the rate on a slow
             * disk): the rows themselves were committed durably by whoever queued them,
             * and a commit of ours lost in a crash of PostgreSQL only means those rows are
             * sent again - what at-least-once delivery with idempotency keys allows for,
             * as after a forwarder killed between sending and committing. */
            if (db_connect(&f.db, f.db.conninfo) != DB_OK ||
                db_exec(&f.db, NULL, "SET synchronous_commit = off", 0, NULL) != DB_OK ||
                db_exec(&f.db, NULL, "LISTEN outbox", 0, NULL) != DB_OK) {
                log_error("database unavailable: %s", f.db.error);
                sleep(1);
                continue;
            }
            connected = 1;
        }
        if (f.cfg.fwd_reminder_interval_s > 0 && monotonic_ms() >= reminders_at) {
            /* the timer moves on even after a failure, so an error is logged once per
             * interval rather than on every wake-up */
            reminders_at = monotonic_ms() + f.cfg.fwd_reminder_interval_s * 1000LL;
            int queued = queue_reminders(&f.db, &f.cfg, f.mail_words);
            if (queued > 0)
                log_info("reminders queued=%d", queued);
            else if (queued < 0) {
                log_error("queueing reminders failed: %s", f.db.error);
                if (queued == DB_CONN_LOST) {
                    connected = 0;
                    sleep(1);
                    continue;
                }
            }
        }
        /* advisory feeds are polled by a process of their own (lib/feed_poller.c) */
        if (feed_poller_keep(&poller) != 0)
            log_error("cannot start the advisory feed poller");
        /* batches while rows are due; the reminders' timer still gets its turn */
        int rc = 0;
        while (!stop_requested && (rc = forward_batch(&f)) > 0 &&
               !(f.cfg.fwd_reminder_interval_s > 0 && monotonic_ms() >= reminders_at))
            ;
        if (stop_requested)
            break;
        if (rc < 0) {
            log_error("outbox processing failed: %s", f.db.error);
            if (rc == DB_CONN_LOST)
                connected = 0;
            sleep(1);
            continue;
        }
        long wait = next_due_ms(&f.db, f.cfg.fwd_poll_s);
        if (f.cfg.fwd_reminder_interval_s > 0) {
            long long until = reminders_at - monotonic_ms();
            if (until < wait)
                wait = until < 0 ? 0 : (long)until;
        }
        wait_for_work(&f.db, wait);
        if (PQstatus(f.db.conn) != CONNECTION_OK)
            connected = 0;
    }
    feed_poller_stop(&poller);
    db_close(&f.db);
    curl_multi_cleanup(f.multi);
    free(f.mail_words);
    sodium_memzero(f.key, sizeof f.key);
    curl_global_cleanup();
    log_info("forwarder stopped");
    return 0;
}
