/* metrics_http.c - the portal's Prometheus endpoint (issue 12, Metrics). The supervisor
 * maps the shared counters and opens the listener before it forks; one process of its
 * own answers GET /metrics one connection at a time: the counters of every worker, and
 * figures read at scrape time as portal_metrics, a role that may only call
 * metrics.snapshot() (schema/056). It speaks just enough HTTP/1.0 for a scraper. */
#include "metrics_http.h"

#include "db.h"
#include "log.h"
#include "portal.h"

#include <errno.h>
#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

struct metrics_shared *portal_metrics;

size_t metrics_route_slot(int route_index, int api)
{
    if (api)
        return portal_route_count;
    if (route_index < 0)
        return portal_route_count + 1;
    return (size_t)route_index;
}

int metrics_http_open(const struct config *cfg)
{
    if (portal_route_count + 2 > METRICS_MAX_ROUTES) {
        errno = EINVAL;
        return -1;
    }
    char host[256];
    snprintf(host, sizeof host, "%s", cfg->metrics_listen);
    char *colon = strrchr(host, ':');
    if (!colon || !colon[1]) {
        errno = EINVAL;
        return -1;
    }
    *colon = '\0';
    const char *port = colon + 1;
    char *h = host;
    if (h[0] == '[' && colon > host && colon[-1] == ']') /* [::1]:9464 */
        h++, colon[-1] = '\0';
    struct addrinfo hints = {.ai_family = AF_UNSPEC,
                             .ai_socktype = SOCK_STREAM,
                             .ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE};
    struct addrinfo *ai;
    if (getaddrinfo(h, port, &hints, &ai) != 0) {
        errno = EINVAL;
        return -1;
    }
    int fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
        bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 || listen(fd, 16) != 0) {
        int e = errno;
        if (fd >= 0)
            close(fd);
        freeaddrinfo(ai);
        errno = e;
        return -1;
    }
    freeaddrinfo(ai);
    portal_metrics = metrics_map();
    if (!portal_metrics) {
        close(fd);
        return -1;
    }
    return fd;
}

/* Columns of metrics.snapshot(). */
enum snapshot_column {
    SC_OUTBOX_DEPTH,
    SC_OUTBOX_AGE,
    SC_FAILED,
    SC_DUE_24H,
    SC_OVERDUE,
    SC_NEXT_CLOCK
};

/* Reads the database figures into *out (out->ok = 0 when they could not be read). A
 * scrape must not hang on a busy database: two seconds at most. */
static void metrics_db_load(struct db *db, struct metrics_db *out)
{
    memset(out, 0, sizeof *out);
    PGresult *res = NULL;
    if (db_ensure(db) != DB_OK || db_begin(db) != DB_OK)
        return;
    if (db_exec(db, NULL, "SELECT set_config('statement_timeout', '2000', true)", 0, NULL) !=
            DB_OK ||
        db_exec(db, &res,
                "SELECT outbox_depth, outbox_oldest_age_s, deliveries_failed, clocks_due_24h, "
                "clocks_overdue, next_clock_s FROM metrics.snapshot()",
                0, NULL) != DB_OK) {
        db_rollback(db);
        return;
    }
    out->outbox_depth = db_long(res, 0, SC_OUTBOX_DEPTH);
    out->outbox_oldest_age_s = atof(db_text(res, 0, SC_OUTBOX_AGE));
    out->deliveries_failed = db_long(res, 0, SC_FAILED);
    out->clocks_due_24h = db_long(res, 0, SC_DUE_24H);
    out->clocks_overdue = db_long(res, 0, SC_OVERDUE);
    out->has_next_clock = !PQgetisnull(res, 0, SC_NEXT_CLOCK);
    out->next_clock_s = atof(db_text(res, 0, SC_NEXT_CLOCK));
    PQclear(res);
    out->ok = db_commit(db) == DB_OK;
}

static void write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        p += w, n -= (size_t)w;
    }
}

/* Reads the request head (up to 4 KiB, two seconds) and answers it. */
static void metrics_http_serve(int fd, struct db *db, const struct metrics_route_name *names,
                               size_t n, const struct config *cfg)
{
    struct timeval tv = {.tv_sec = 2};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    char head[4096];
    size_t len = 0;
    while (len < sizeof head - 1) {
        ssize_t r = read(fd, head + len, sizeof head - 1 - len);
        if (r <= 0)
            return;
        len += (size_t)r;
        head[len] = '\0';
        if (strstr(head, "\r\n\r\n") || strstr(head, "\n\n"))
            break;
    }
    int get = strncmp(head, "GET ", 4) == 0, is_head = strncmp(head, "HEAD ", 5) == 0;
    const char *target = head + (get ? 4 : 5);
    if (!get && !is_head) {
        const char *no = "HTTP/1.0 405 Method Not Allowed\r\nAllow: GET, HEAD\r\n"
                         "Content-Length: 0\r\nConnection: close\r\n\r\n";
        write_all(fd, no, strlen(no));
        return;
    }
    if (strncmp(target, "/metrics ", 9) != 0 && strncmp(target, "/metrics?", 9) != 0) {
        const char *no = "HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        write_all(fd, no, strlen(no));
        return;
    }
    struct metrics_db figures;
    metrics_db_load(db, &figures);
    if (!figures.ok)
        log_error("metrics: database figures unavailable: %s", db->error);
    STRING body;
    string_init(&body);
    metrics_render(&body, portal_metrics, names, n, cfg->workers, &figures);
    char top[256];
    int tl = snprintf(top, sizeof top,
                      "HTTP/1.0 200 OK\r\nContent-Type: text/plain; version=0.0.4; "
                      "charset=utf-8\r\nContent-Length: %d\r\nConnection: close\r\n\r\n",
                      body.len);
    write_all(fd, top, (size_t)tl);
    if (get && body.buf)
        write_all(fd, body.buf, (size_t)body.len);
    string_clear(&body);
}

void metrics_http_run(int listen_fd, const struct config *cfg)
{
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    prctl(PR_SET_NAME, "portal-metrics"); /* tells it from the workers in ps and /proc */
    signal(SIGTERM, SIG_DFL);
    signal(SIGINT, SIG_DFL);
    signal(SIGPIPE, SIG_IGN);
    if (getppid() == 1)
        _exit(0);
    size_t n = portal_route_count + 2;
    struct metrics_route_name *names = calloc(n, sizeof *names);
    if (!names)
        _exit(1);
    for (size_t i = 0; i < portal_route_count; i++)
        names[i] = (struct metrics_route_name){portal_routes[i].match.method,
                                               portal_routes[i].match.pattern};
    names[metrics_route_slot(0, 1)] = (struct metrics_route_name){"", "/api/v1"};
    names[metrics_route_slot(-1, 0)] = (struct metrics_route_name){"", "unmatched"};

    static struct db db; /* 1024 statement slots: not on the stack */
    snprintf(db.conninfo, sizeof db.conninfo, "%s", cfg->metrics_conninfo);
    for (;;) {
        int fd = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno != EINTR)
                usleep(100000);
            continue;
        }
        metrics_http_serve(fd, &db, names, n, cfg);
        close(fd);
    }
}
