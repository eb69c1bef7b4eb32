/* feed_poller.h - the advisory feeds are polled in a process of their own, forked by the
 * forwarder and kept running by it, so that a slow or hanging feed server (each fetch may
 * take the forwarder's whole transfer time-out, and a feed names many documents) never
 * holds up the delivery of alerts. The poller has its own database connection, polls the
 * due feeds (feed_poll.h) every few seconds, and ends when the forwarder ends or is gone. */
#ifndef FEED_POLLER_H
#define FEED_POLLER_H

#include "delivery.h"

#include <sys/types.h>

struct feed_poller {
    pid_t pid;            /* the running poller, 0 when none */
    long long started_ms; /* when it was last started (monotonic) */
    const char *conninfo; /* the forwarder's database */
    const char *formats;  /* the CSAF schema's directory */
    struct delivery_options opt;
    int poll_s; /* seconds between looks for due feeds */
};

/* Starts the poller unless it runs (an ended one is reaped and started again, at most once
 * every few seconds). Never blocks; returns 0, or -1 when fork failed. */
int feed_poller_keep(struct feed_poller *p);
/* Ends the poller (SIGTERM) and waits for it. */
void feed_poller_stop(struct feed_poller *p);

#endif
