/* metrics_http.h - the portal's Prometheus endpoint: a listener of its own (PORTAL_METRICS,
 * a local TCP address, never behind the public nginx site) served by one process the
 * supervisor forks beside the workers, reading the counters every worker adds to. */
#ifndef METRICS_HTTP_H
#define METRICS_HTTP_H

#include "config.h"
#include "metrics.h"

#include <stddef.h>

/* The shared counters, mapped by the supervisor before it forks; NULL when metrics are
 * off (PORTAL_METRICS empty), and then counting is a no-op. */
extern struct metrics_shared *portal_metrics;

/* The counter slot of a request: its index in portal_routes, or the API's or the
 * unmatched requests' slot. */
size_t metrics_route_slot(int route_index, int api);

/* Maps the counters and listens on cfg->metrics_listen ("HOST:PORT", numeric host).
 * Returns the listening socket, or -1 with errno set (EINVAL: not HOST:PORT, or the
 * route table does not fit). */
int metrics_http_open(const struct config *cfg);

/* The listener's process: answers GET /metrics on listen_fd until killed. Never returns. */
void metrics_http_run(int listen_fd, const struct config *cfg) __attribute__((noreturn));

#endif
