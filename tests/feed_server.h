/* feed_server.h - a real HTTP server for the feed tests (tests/e2e/test_feed_poll.c,
 * test_misp_feed.c, test_feed_hang.c): a child process on one of the suite's spare ports
 * (which the suite's forwarder may reach over plain http) serving the files under a
 * directory of the test's own. Each connection is answered by a process of its own, so a
 * request made to hang does not hold up the others. GET answers with an ETag
 * "<size>-<mtime ns>" and 304 on a matching If-None-Match; a file <name>.stall next to
 * <name> holding a number of seconds makes the answer wait that long; POST (an alert
 * delivered to it) is answered 200. One log line "<path> <status> inm=<0|1>" per GET,
 * "<path> stalled" when a stalled one starts and "POST <path> 200" per POST. */
#ifndef FEED_SERVER_H
#define FEED_SERVER_H

#include <sys/types.h>

struct feed_server {
    pid_t pid;
    int port;
    char dir[512]; /* the files served */
    char log[600]; /* what was asked */
};

/* Serves a new, empty directory under TEST_DIR (named after tag and the test's pid) on the
 * n-th last of the suite's spare ports (0: the last). Fails the test when it cannot. */
void feed_server_start(struct feed_server *s, const char *tag, int nth_last_port);
/* Ends the server (and any connection it is still answering). */
void feed_server_stop(struct feed_server *s);
/* Writes text to the file name (relative to the served directory; its directory exists). */
void feed_server_write(const struct feed_server *s, const char *name, const char *text);
/* Creates the directory name under the served one. */
void feed_server_mkdir(const struct feed_server *s, const char *name);
/* How many log lines are exactly "<path> <status> inm=<inm>". */
int feed_server_served(const struct feed_server *s, const char *path, int status, int inm);
/* How many log lines are exactly line. */
int feed_server_logged(const struct feed_server *s, const char *line);
/* "http://127.0.0.1:<port><path>" in out. */
void feed_server_url(const struct feed_server *s, const char *path, char *out, size_t size);

#endif
