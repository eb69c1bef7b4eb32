/* feed_poller.c - the advisory feeds' polling process (see feed_poller.h). */
#include "feed_poller.h"

#include "db.h"
#include "feed_poll.h"
#include "log.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define POLLER_RESTART_MS 5000 /* the least time between two starts */

static long long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* The poller itself: never returns. It leaves the forwarder's connection alone (it shares
 * the socket) and ends with _exit, so nothing of the parent's is closed or flushed. */
static void poller_run(const struct feed_poller *p, pid_t parent)
{
    signal(SIGTERM, SIG_DFL);
    signal(SIGINT, SIG_DFL);
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent)
        _exit(0);
    static struct db db;
    if (db_connect(&db, p->conninfo) != DB_OK) {
        log_error("feed poller: database unavailable: %s", db.error);
        _exit(1);
    }
    for (;;) {
        int polled = feed_poll_due(&db, &p->opt, p->formats, FEED_POLL_INTERVAL_S);
        if (polled < 0) {
            log_error("polling advisory feeds failed: %s", db.error);
            if (polled == DB_CONN_LOST)
                _exit(1);
        }
        /* a full batch: more may be due */
        if (polled <= 0 || polled < FEED_POLL_BATCH)
            sleep((unsigned)(p->poll_s > 0 ? p->poll_s : 1));
        if (getppid() != parent)
            _exit(0);
    }
}

int feed_poller_keep(struct feed_poller *p)
{
    if (p->pid > 0) {
        if (waitpid(p->pid, NULL, WNOHANG) == 0)
            return 0;
        p->pid = 0;
    }
    if (p->started_ms && now_ms() - p->started_ms < POLLER_RESTART_MS)
        return 0;
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0)
        poller_run(p, parent);
    p->pid = pid;
    p->started_ms = now_ms();
    return 0;
}

void feed_poller_stop(struct feed_poller *p)
{
    if (p->pid > 0) {
        kill(p->pid, SIGTERM);
        waitpid(p->pid, NULL, 0);
        p->pid = 0;
    }
}
