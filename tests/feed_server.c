/* feed_server.c - the feed tests' HTTP file server (see feed_server.h). */
#include "feed_server.h"
#include "testlib.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void server_log(const struct feed_server *s, const char *line)
{
    FILE *lf = fopen(s->log, "a");
    if (lf) {
        fprintf(lf, "%s\n", line);
        fclose(lf);
    }
}

/* Seconds to wait before answering for file (its .stall file), 0 when none. */
static int stall_of(const char *file)
{
    char name[1200];
    snprintf(name, sizeof name, "%s.stall", file);
    FILE *f = fopen(name, "r");
    int seconds = 0;
    if (f) {
        if (fscanf(f, "%d", &seconds) != 1)
            seconds = 0;
        fclose(f);
    }
    return seconds;
}

static void serve_one(const struct feed_server *s, int fd)
{
    char head[8192];
    size_t len = 0;
    while (len < sizeof head - 1) {
        ssize_t n = read(fd, head + len, sizeof head - 1 - len);
        if (n <= 0)
            break;
        len += (size_t)n;
        head[len] = '\0';
        if (strstr(head, "\r\n\r\n"))
            break;
    }
    head[len] = '\0';
    char method[16] = "", path[512] = "", line[700];
    sscanf(head, "%15s %511s", method, path);
    if (strcmp(method, "POST") == 0) {
        snprintf(line, sizeof line, "POST %s 200", path);
        server_log(s, line);
        const char *ok = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        (void)!write(fd, ok, strlen(ok));
        return;
    }
    char inm[256] = "";
    const char *h = strcasestr(head, "\r\nIf-None-Match: ");
    if (h)
        sscanf(h + 17, "%255[^\r]", inm);
    char file[1100];
    snprintf(file, sizeof file, "%s%s", s->dir, path);
    struct stat st;
    int status = strstr(path, "..") || stat(file, &st) != 0 ? 404 : 200;
    int stall = status == 200 ? stall_of(file) : 0;
    if (stall > 0) {
        snprintf(line, sizeof line, "%s stalled", path);
        server_log(s, line);
        sleep((unsigned)stall);
    }
    char etag[64] = "";
    if (status == 200) {
        snprintf(etag, sizeof etag, "\"%lld-%ld\"", (long long)st.st_size, st.st_mtim.tv_nsec);
        if (*inm && strcmp(inm, etag) == 0)
            status = 304;
    }
    snprintf(line, sizeof line, "%s %d inm=%d", path, status, *inm != '\0');
    server_log(s, line);
    char out[512];
    if (status != 200) {
        int n = snprintf(out, sizeof out,
                         "HTTP/1.1 %d X\r\nContent-Length: 0\r\n%s%s%sConnection: close\r\n\r\n",
                         status, *etag ? "ETag: " : "", etag, *etag ? "\r\n" : "");
        (void)!write(fd, out, (size_t)n);
        return;
    }
    FILE *f = fopen(file, "rb");
    char *body = malloc((size_t)st.st_size + 1);
    size_t got = f && body ? fread(body, 1, (size_t)st.st_size, f) : 0;
    if (f)
        fclose(f);
    int n = snprintf(out, sizeof out,
                     "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nETag: %s\r\n"
                     "Content-Length: %zu\r\nConnection: close\r\n\r\n",
                     etag, got);
    (void)!write(fd, out, (size_t)n);
    (void)!write(fd, body, got);
    free(body);
}

void feed_server_start(struct feed_server *s, const char *tag, int nth_last_port)
{
    memset(s, 0, sizeof *s);
    char ports[256];
    int all[32], n = 0;
    snprintf(ports, sizeof ports, "%s", test_env("TEST_SPARE_PORTS"));
    for (char *w = strtok(ports, ","); w && n < 32; w = strtok(NULL, ","))
        all[n++] = atoi(w);
    ck_assert_int_gt(n, nth_last_port);
    s->port = all[n - 1 - nth_last_port];
    snprintf(s->dir, sizeof s->dir, "%s/%s-%d", test_env("TEST_DIR"), tag, (int)getpid());
    snprintf(s->log, sizeof s->log, "%s.log", s->dir);
    mkdir(s->dir, 0700);
    unlink(s->log);
    int sock = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)s->port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ck_assert_int_eq(bind(sock, (struct sockaddr *)&a, sizeof a), 0);
    ck_assert_int_eq(listen(sock, 16), 0);
    pid_t parent = getpid();
    s->pid = fork();
    ck_assert_int_ge(s->pid, 0);
    if (s->pid == 0) {
        /* the server, and each connection's process, end with the test */
        setpgid(0, 0);
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent)
            _exit(0);
        signal(SIGCHLD, SIG_IGN);
        for (;;) {
            int fd = accept(sock, NULL, NULL);
            if (fd < 0)
                continue;
            pid_t one_pid = fork();
            if (one_pid == 0) {
                close(sock);
                serve_one(s, fd);
                close(fd);
                _exit(0);
            }
            close(fd);
        }
    }
    setpgid(s->pid, s->pid);
    close(sock);
}

void feed_server_stop(struct feed_server *s)
{
    if (s->pid > 0) {
        kill(-s->pid, SIGKILL);
        waitpid(s->pid, NULL, 0);
        s->pid = 0;
    }
}

void feed_server_write(const struct feed_server *s, const char *name, const char *text)
{
    char path[1100];
    snprintf(path, sizeof path, "%s/%s", s->dir, name);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

void feed_server_mkdir(const struct feed_server *s, const char *name)
{
    char path[1100];
    snprintf(path, sizeof path, "%s/%s", s->dir, name);
    mkdir(path, 0700);
}

int feed_server_logged(const struct feed_server *s, const char *want)
{
    char line[800];
    FILE *f = fopen(s->log, "r");
    int n = 0;
    size_t wl = strlen(want);
    while (f && fgets(line, sizeof line, f))
        n += strncmp(line, want, wl) == 0 && line[wl] == '\n';
    if (f)
        fclose(f);
    return n;
}

int feed_server_served(const struct feed_server *s, const char *path, int status, int inm)
{
    char want[700];
    snprintf(want, sizeof want, "%s %d inm=%d", path, status, inm);
    return feed_server_logged(s, want);
}

void feed_server_url(const struct feed_server *s, const char *path, char *out, size_t size)
{
    snprintf(out, size, "http://127.0.0.1:%d%s", s->port, path);
}
