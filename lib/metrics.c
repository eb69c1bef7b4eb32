/* metrics.c - the shared counters the portal's workers add to, and their exposition in
 * the Prometheus text format 0.0.4 (https://prometheus.io/docs/instrumenting/exposition_formats/).
 * Pure but for metrics_map; the listener that serves it is cgi/metrics_http.c. */
#include "metrics.h"

#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

const double metrics_bucket_le[METRICS_BUCKETS] = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                   0.5,   1,    2.5,   5,    10};

struct metrics_shared *metrics_map(void)
{
    void *p = mmap(NULL, sizeof(struct metrics_shared), PROT_READ | PROT_WRITE,
                   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? NULL : p; /* anonymous mappings start zeroed */
}

void metrics_observe(struct metrics_shared *m, size_t slot, int status, double ms, double db_ms,
                     long statements)
{
    if (!m || slot >= METRICS_MAX_ROUTES)
        return;
    struct metrics_route *r = &m->routes[slot];
    int cls = status / 100 - 1;
    if (cls < 0 || cls > 4)
        cls = 4; /* no status is a failure */
    atomic_fetch_add_explicit(&r->requests[cls], 1, memory_order_relaxed);
    double s = ms / 1e3;
    size_t b = 0;
    while (b < METRICS_BUCKETS && s > metrics_bucket_le[b])
        b++;
    atomic_fetch_add_explicit(&r->duration[b], 1, memory_order_relaxed);
    if (ms > 0)
        atomic_fetch_add_explicit(&r->duration_us, (unsigned long)(ms * 1e3), memory_order_relaxed);
    if (db_ms > 0)
        atomic_fetch_add_explicit(&r->db_us, (unsigned long)(db_ms * 1e3), memory_order_relaxed);
    if (statements > 0)
        atomic_fetch_add_explicit(&r->statements, (unsigned long)statements, memory_order_relaxed);
}

void metrics_label_escape(STRING *out, const char *value)
{
    for (const char *p = value ? value : ""; *p; p++) {
        if (*p == '\\')
            string_append(out, "\\\\");
        else if (*p == '"')
            string_append(out, "\\\"");
        else if (*p == '\n')
            string_append(out, "\\n");
        else
            string_append_char(out, *p);
    }
}

static unsigned long load(const atomic_ulong *v)
{
    return atomic_load_explicit(v, memory_order_relaxed);
}

static void family(STRING *out, const char *name, const char *type, const char *help)
{
    string_appendf(out, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* name{method="...",route="..."[,extra] */
static void series(STRING *out, const char *name, const struct metrics_route_name *rn)
{
    string_appendf(out, "%s{method=\"", name);
    metrics_label_escape(out, rn->method);
    string_append(out, "\",route=\"");
    metrics_label_escape(out, rn->route);
    string_append(out, "\"");
}

static unsigned long route_count(const struct metrics_route *r)
{
    unsigned long n = 0;
    for (int b = 0; b <= METRICS_BUCKETS; b++)
        n += load(&r->duration[b]);
    return n;
}

static void render_routes(STRING *out, const struct metrics_shared *m,
                          const struct metrics_route_name *names, size_t n)
{
    static const char *const classes[5] = {"1xx", "2xx", "3xx", "4xx", "5xx"};
    /* a route appears once it has served a request: 150 routes of which most are idle
     * would otherwise be some 3000 lines of zeros per scrape */
    family(out, "portal_requests_total", "counter",
           "Requests served, by route (the route table's pattern) and status class.");
    for (size_t i = 0; i < n; i++) {
        const struct metrics_route *r = &m->routes[i];
        if (!route_count(r))
            continue;
        for (int c = 0; c < 5; c++) {
            series(out, "portal_requests_total", &names[i]);
            string_appendf(out, ",status=\"%s\"} %lu\n", classes[c], load(&r->requests[c]));
        }
    }
    family(out, "portal_request_duration_seconds", "histogram",
           "Time from accepting a request to its log line, by route.");
    for (size_t i = 0; i < n; i++) {
        const struct metrics_route *r = &m->routes[i];
        unsigned long count = route_count(r);
        if (!count)
            continue;
        unsigned long cumulative = 0;
        for (int b = 0; b < METRICS_BUCKETS; b++) {
            cumulative += load(&r->duration[b]);
            series(out, "portal_request_duration_seconds_bucket", &names[i]);
            string_appendf(out, ",le=\"%g\"} %lu\n", metrics_bucket_le[b], cumulative);
        }
        series(out, "portal_request_duration_seconds_bucket", &names[i]);
        string_appendf(out, ",le=\"+Inf\"} %lu\n", count);
        series(out, "portal_request_duration_seconds_sum", &names[i]);
        string_appendf(out, "} %.6f\n", (double)load(&r->duration_us) / 1e6);
        series(out, "portal_request_duration_seconds_count", &names[i]);
        string_appendf(out, "} %lu\n", count);
    }
    family(out, "portal_db_seconds_total", "counter",
           "Time spent in database statements, by route.");
    for (size_t i = 0; i < n; i++) {
        if (!route_count(&m->routes[i]))
            continue;
        series(out, "portal_db_seconds_total", &names[i]);
        string_appendf(out, "} %.6f\n", (double)load(&m->routes[i].db_us) / 1e6);
    }
    family(out, "portal_db_statements_total", "counter", "Database statements run, by route.");
    for (size_t i = 0; i < n; i++) {
        if (!route_count(&m->routes[i]))
            continue;
        series(out, "portal_db_statements_total", &names[i]);
        string_appendf(out, "} %lu\n", load(&m->routes[i].statements));
    }
}

static void gauge(STRING *out, const char *name, const char *help, double value)
{
    family(out, name, "gauge", help);
    string_appendf(out, "%s %.9g\n", name, value);
}

static void render_db(STRING *out, const struct metrics_db *db)
{
    gauge(out, "portal_metrics_db_up",
          "1 when the figures below could be read from the database at this scrape.", db->ok);
    if (!db->ok)
        return;
    gauge(out, "portal_outbox_depth", "Outbox rows (alerts and mail) not delivered yet.",
          (double)db->outbox_depth);
    gauge(out, "portal_outbox_oldest_age_seconds",
          "Age of the oldest outbox row not delivered yet; 0 when there is none.",
          db->outbox_oldest_age_s);
    gauge(out, "portal_deliveries_failed",
          "Outbox rows given up after the retry horizon and not retried since.",
          (double)db->deliveries_failed);
    gauge(out, "portal_clocks_due_24h",
          "Regulatory reports not sent whose deadline is within the next 24 h.",
          (double)db->clocks_due_24h);
    gauge(out, "portal_clocks_overdue", "Regulatory reports not sent whose deadline has passed.",
          (double)db->clocks_overdue);
    if (db->has_next_clock)
        gauge(out, "portal_clock_next_due_seconds",
              "Seconds to the nearest deadline still ahead of a regulatory report not sent; "
              "absent when there is none.",
              db->next_clock_s);
}

int metrics_render(STRING *out, const struct metrics_shared *m,
                   const struct metrics_route_name *names, size_t n, int workers,
                   const struct metrics_db *db)
{
    if (n > METRICS_MAX_ROUTES)
        n = METRICS_MAX_ROUTES;
    render_routes(out, m, names, n);
    family(out, "portal_worker_restarts_total", "counter",
           "Workers that ended (crash, kill) and were replaced by the supervisor.");
    string_appendf(out, "portal_worker_restarts_total %lu\n", load(&m->worker_restarts));
    gauge(out, "portal_workers", "Worker processes the supervisor keeps running.", workers);
    if (db)
        render_db(out, db);
    return out->buf || out->len == 0 ? 0 : -1;
}
