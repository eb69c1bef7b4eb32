/* metrics.h - the portal's Prometheus metrics: counters that every worker adds to in one
 * shared memory region (MAP_SHARED, mapped by the supervisor before it forks, so all
 * workers and the metrics listener see the same atomics), the figures read from the
 * database at scrape time, and their rendering in the Prometheus text format 0.0.4. */
#ifndef METRICS_H
#define METRICS_H

#include <ClearSilver.h>
#include <stdatomic.h>
#include <stddef.h>

/* Room for every route of the table plus the API and unmatched requests (cgi/metrics_http.c
 * checks the table fits at start). */
#define METRICS_MAX_ROUTES 256
/* Request duration buckets (upper bounds in seconds) and one more for +Inf. */
#define METRICS_BUCKETS 11
extern const double metrics_bucket_le[METRICS_BUCKETS];

/* What one route has served since the portal started, summed over all workers. */
struct metrics_route {
    atomic_ulong requests[5];                   /* by status class: 1xx ... 5xx */
    atomic_ulong duration[METRICS_BUCKETS + 1]; /* per bucket, not cumulative; last = +Inf */
    atomic_ulong duration_us;                   /* sum of durations, microseconds */
    atomic_ulong db_us;                         /* time in database statements, microseconds */
    atomic_ulong statements;                    /* database statements run */
};

struct metrics_shared {
    struct metrics_route routes[METRICS_MAX_ROUTES];
    atomic_ulong worker_restarts; /* workers that ended and were replaced */
};

/* The name of route slot i: its method and the route table's pattern (bounded
 * cardinality: never the raw path). */
struct metrics_route_name {
    const char *method;
    const char *route;
};

/* Figures read from the database at scrape time; ok = 0 when they could not be read. */
struct metrics_db {
    int ok;
    long outbox_depth;          /* rows not delivered yet (pending, failing) */
    double outbox_oldest_age_s; /* age of the oldest of them, 0 when none */
    long deliveries_failed;     /* rows given up after the retry horizon, not retried */
    long clocks_due_24h;        /* regulatory reports not sent, due within the next 24 h */
    long clocks_overdue;        /* regulatory reports not sent, past their deadline */
    int has_next_clock;         /* a report not sent has a deadline still ahead */
    double next_clock_s;        /* seconds to the nearest such deadline */
};

/* A zeroed region shared with processes forked later; NULL when mmap fails. */
struct metrics_shared *metrics_map(void);

/* Counts one request served by route slot (out of range: ignored) with its status, its
 * duration and its database cost. m may be NULL (metrics off). */
void metrics_observe(struct metrics_shared *m, size_t slot, int status, double ms, double db_ms,
                     long statements);

/* Appends value to out escaped for a label value of the text format (\\, \", \n). */
void metrics_label_escape(STRING *out, const char *value);

/* Appends the whole exposition to out: the n routes named by names (slots 0..n-1 of m),
 * worker restarts and, when db is not NULL, the database figures. Returns 0, or -1 when
 * out of memory. */
int metrics_render(STRING *out, const struct metrics_shared *m,
                   const struct metrics_route_name *names, size_t n, int workers,
                   const struct metrics_db *db);

#endif
