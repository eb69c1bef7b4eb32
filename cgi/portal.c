/* portal.c - the FastCGI portal's main: a supervisor that pre-forks single-threaded
 * workers sharing one listen socket, replaces any that dies, and stops them all on
 * SIGTERM/SIGINT within two seconds. Each worker owns one PGconn and serves one request
 * at a time (ClearSilver's CGI kit is process-global; a crash costs one request). */
#include "auth.h"
#include "config.h"
#include "db.h"
#include "log.h"
#include "metrics_http.h"
#include "portal.h"
#include "view.h"

#include <errno.h>
#include <fcgiapp.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_WORKERS 256

static volatile sig_atomic_t stop_requested;
static volatile sig_atomic_t worker_busy;
static int metrics_fd = -1; /* the metrics listener's socket, -1 when metrics are off */

/* Only the portal's user, and nginx's group when named, may connect to the socket: any
 * local process that reached it could otherwise speak FastCGI and set REMOTE_ADDR. */
static int socket_restrict(const char *path, const char *group)
{
    if (!*group)
        return chmod(path, 0600);
    struct group *g = getgrnam(group);
    if (!g) {
        errno = ENOENT;
        return -1;
    }
    if (chown(path, (uid_t)-1, g->gr_gid) != 0)
        return -1;
    return chmod(path, 0660);
}

static void supervisor_on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

/* An idle worker sits in accept(): it can leave at once. A busy one finishes its
 * request first. */
static void worker_on_signal(int sig)
{
    (void)sig;
    if (!worker_busy)
        _exit(0);
    stop_requested = 1;
}

static void set_handler(int sig, void (*fn)(int))
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

static void worker_run(int listen_fd, const struct config *cfg)
{
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    set_handler(SIGTERM, worker_on_signal);
    set_handler(SIGINT, worker_on_signal);
    signal(SIGPIPE, SIG_IGN);
    if (getppid() == 1)
        _exit(0);

    struct db db;
    memset(&db, 0, sizeof db);
    if (db_connect(&db, cfg->db_conninfo) != DB_OK)
        log_error("worker starts without database: %s", db.error);

    FCGX_Request request;
    FCGX_InitRequest(&request, listen_fd, 0);
    while (!stop_requested) {
        worker_busy = 0;
        if (stop_requested)
            break;
        int rc = FCGX_Accept_r(&request);
        worker_busy = 1;
        if (rc < 0) {
            if (errno == EINTR)
                continue;
            log_error("accept failed: %d", rc);
            break;
        }
        portal_dispatch(&request, &db, cfg);
        FCGX_Finish_r(&request);
    }
    db_close(&db);
    view_shutdown();
    exit(0);
}

static pid_t worker_spawn(int listen_fd, const struct config *cfg)
{
    pid_t pid = fork();
    if (pid == 0) {
        if (metrics_fd >= 0)
            close(metrics_fd);
        worker_run(listen_fd, cfg);
    }
    return pid;
}

/* The process answering GET /metrics (cgi/metrics_http.c); 0 when metrics are off. */
static pid_t metrics_spawn(int listen_fd, const struct config *cfg)
{
    if (metrics_fd < 0)
        return 0;
    pid_t pid = fork();
    if (pid == 0) {
        close(listen_fd);
        metrics_http_run(metrics_fd, cfg);
    }
    return pid;
}

static void supervisor_stop(pid_t *workers, int n)
{
    for (int i = 0; i < n; i++)
        if (workers[i] > 0)
            kill(workers[i], SIGTERM);
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    int alive = n;
    while (alive > 0) {
        pid_t pid = waitpid(-1, NULL, WNOHANG);
        if (pid > 0) {
            for (int i = 0; i < n; i++)
                if (workers[i] == pid)
                    workers[i] = 0;
            alive--;
            continue;
        }
        if (pid < 0 && errno == ECHILD)
            break;
        clock_gettime(CLOCK_MONOTONIC, &now);
        if ((now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000 > 1500) {
            for (int i = 0; i < n; i++)
                if (workers[i] > 0)
                    kill(workers[i], SIGKILL);
            while (waitpid(-1, NULL, 0) > 0)
                ;
            break;
        }
        usleep(10000);
    }
}

int main(void)
{
    struct config cfg;
    if (config_load(&cfg) != 0) {
        log_error("cannot read the configuration (PORTAL_CONFIG, or a file named by a *_FILE "
                  "setting)");
        return 1;
    }
    if (auth_init() != 0 || view_init(cfg.template_dir) != 0) {
        log_error("cannot initialise libsodium or read the language files in %s/lang",
                  cfg.template_dir);
        return 1;
    }
    if (cfg.workers > MAX_WORKERS)
        cfg.workers = MAX_WORKERS;
    if (FCGX_Init() != 0) {
        log_error("FCGX_Init failed");
        return 1;
    }
    /* "host:port" (as libfcgi reads it) listens on TCP, for nginx on another host
     * (deploy/ha/nginx-upstream.conf); anything else is a unix socket's path */
    int tcp = strchr(cfg.socket_path, ':') != NULL;
    if (!tcp)
        unlink(cfg.socket_path);
    int listen_fd = FCGX_OpenSocket(cfg.socket_path, 256);
    if (listen_fd < 0) {
        log_error("cannot listen on %s: %s", cfg.socket_path, strerror(errno));
        return 1;
    }
    if (!tcp && socket_restrict(cfg.socket_path, cfg.socket_group) != 0) {
        log_error("cannot give %s to group %s: %s", cfg.socket_path, cfg.socket_group,
                  strerror(errno));
        close(listen_fd);
        return 1;
    }

    if (cfg.metrics_listen[0] && (metrics_fd = metrics_http_open(&cfg)) < 0) {
        log_error("cannot serve metrics on %s: %s", cfg.metrics_listen, strerror(errno));
        close(listen_fd);
        return 1;
    }

    set_handler(SIGTERM, supervisor_on_signal);
    set_handler(SIGINT, supervisor_on_signal);
    signal(SIGPIPE, SIG_IGN);

    /* the workers, and after them the metrics listener's process (stopped with them) */
    pid_t workers[MAX_WORKERS + 1] = {0};
    for (int i = 0; i < cfg.workers; i++)
        workers[i] = worker_spawn(listen_fd, &cfg);
    workers[cfg.workers] = metrics_spawn(listen_fd, &cfg);
    log_info("portal listening on %s with %d workers%s%s", cfg.socket_path, cfg.workers,
             metrics_fd >= 0 ? ", metrics on " : "", metrics_fd >= 0 ? cfg.metrics_listen : "");

    time_t window = time(NULL);
    int respawns = 0;
    while (!stop_requested) {
        int status;
        pid_t pid = waitpid(-1, &status, 0);
        if (pid < 0) {
            if (errno != EINTR)
                sleep(1);
            continue;
        }
        if (pid == workers[cfg.workers]) {
            /* said as a worker's end is, so the suite's crash check sees a signal */
            log_error("metrics listener %d ended (%s %d); starting another", (int)pid,
                      WIFSIGNALED(status) ? "signal" : "exit",
                      WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
            if (!stop_requested)
                sleep(1); /* it ends only on a fault: do not spin */
            workers[cfg.workers] = stop_requested ? 0 : metrics_spawn(listen_fd, &cfg);
            continue;
        }
        for (int i = 0; i < cfg.workers; i++) {
            if (workers[i] != pid)
                continue;
            if (portal_metrics && !stop_requested)
                atomic_fetch_add(&portal_metrics->worker_restarts, 1);
            log_error("worker %d ended (%s %d); starting another", (int)pid,
                      WIFSIGNALED(status) ? "signal" : "exit",
                      WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
            if (time(NULL) - window > 10)
                window = time(NULL), respawns = 0;
            if (++respawns > 4 * cfg.workers)
                sleep(1); /* a crash loop must not spin the machine */
            workers[i] = stop_requested ? 0 : worker_spawn(listen_fd, &cfg);
        }
    }
    supervisor_stop(workers, cfg.workers + 1);
    close(listen_fd);
    if (!tcp)
        unlink(cfg.socket_path);
    view_shutdown();
    log_info("portal stopped");
    return 0;
}
