/* receiver.c - a real HTTP/1.1 endpoint standing in for an authority, ISAC or MISP in tests,
 * the demo and the benchmark: listens on 127.0.0.1:PORT, deduplicates POSTs on the
 * Idempotency-Key header as a real receiver should, and appends one line per POST to LOG:
 *   "new KEY BODY" the first time a key arrives, "dup KEY" for a repeat,
 * preceded by "sig KEY VALUE" when the POST carries an X-Signature-SHA256 header.
 * Every accepted POST is answered 200 with a receipt: {"Event": {"id": "N"}} when the path
 * ends in /events (as MISP answers), else {"id": "rcpt-N"}; a repeat gets its first
 * receipt again. GET and HEAD answer 200 "ok" and are not logged (a load generator's
 * ceiling).
 *
 * One thread, poll(): many connections at once, persistent connections (HTTP/1.1 keep-alive,
 * pipelining, "Connection: close", HTTP/1.0), Content-Length bodies up to 1 MiB (413 above,
 * 501 for a Transfer-Encoding), "Expect: 100-continue", 400 for a malformed request.
 *
 * usage: receiver PORT LOG [--down-while FILE] [--delay-ms N] [--hmac-secret S] [--verbose]
 *   --down-while FILE  answer 503 (and log nothing) while FILE exists
 *   --delay-ms N       hold each answer N ms (after logging), other connections go on
 *   --hmac-secret S    refuse with 401 (logging "bad KEY") a POST whose
 *                      X-Signature-SHA256 is not sha256=<HMAC-SHA256 of the body under S>
 *   --verbose          also log "meta KEY path=P type=T auth=A sig=S" for each POST */
#include "share_format.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_BODY (1024 * 1024)
#define MAX_HEAD (64 * 1024)
#define MAX_CONNS 4096

static const char *down_file, *hmac_secret;
static long delay_ms;
static int verbose;
static FILE *log_file;
static int log_dirty;

/* ---- the keys seen, with their receipt number: open addressing, doubling ---- */
struct seen {
    char *key;
    long receipt;
};
static struct seen *seen;
static size_t seen_cap, seen_count;
static long receipts;

static unsigned long hash_of(const char *s)
{
    unsigned long h = 1469598103934665603UL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211UL;
    return h;
}

/* The receipt number of key, and whether it was new (*fresh). */
static long key_receipt(const char *key, int *fresh)
{
    if (seen_count * 2 >= seen_cap) {
        size_t cap = seen_cap ? seen_cap * 2 : 1024;
        struct seen *grown = calloc(cap, sizeof *grown);
        if (!grown) {
            perror("receiver");
            exit(1);
        }
        for (size_t i = 0; i < seen_cap; i++) {
            if (!seen[i].key)
                continue;
            size_t k = hash_of(seen[i].key) & (cap - 1);
            while (grown[k].key)
                k = (k + 1) & (cap - 1);
            grown[k] = seen[i];
        }
        free(seen);
        seen = grown;
        seen_cap = cap;
    }
    size_t k = hash_of(key) & (seen_cap - 1);
    for (; seen[k].key; k = (k + 1) & (seen_cap - 1)) {
        if (strcmp(seen[k].key, key) == 0) {
            *fresh = 0;
            return seen[k].receipt;
        }
    }
    seen[k].key = strdup(key);
    seen[k].receipt = ++receipts;
    seen_count++;
    *fresh = 1;
    return seen[k].receipt;
}

/* ---- connections ---- */
struct conn {
    int fd;
    char *in; /* what arrived and is not handled yet */
    size_t in_len, in_cap;
    char *out; /* answers not written yet */
    size_t out_len, out_off, out_cap;
    long long hold_until; /* monotonic ms; 0 = nothing held */
    int close_after;      /* close once out is written */
    int continue_sent;    /* "100 Continue" sent for the request in progress */
    int eof;              /* the peer sent all it will: close once answered */
};
static struct conn *conns[MAX_CONNS];
static int n_conns;

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int out_append(struct conn *c, const char *data, size_t len)
{
    if (c->out_len + len > c->out_cap) {
        size_t cap = c->out_cap ? c->out_cap : 1024;
        while (cap < c->out_len + len)
            cap *= 2;
        char *grown = realloc(c->out, cap);
        if (!grown)
            return -1;
        c->out = grown;
        c->out_cap = cap;
    }
    memcpy(c->out + c->out_len, data, len);
    c->out_len += len;
    return 0;
}

static void answer(struct conn *c, int status, const char *reason, const char *type,
                   const char *body, int head_only)
{
    char head[256];
    size_t len = strlen(body);
    int n = snprintf(head, sizeof head,
                     "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n%s\r\n", status,
                     reason, type, len, c->close_after ? "Connection: close\r\n" : "");
    out_append(c, head, (size_t)n);
    if (!head_only)
        out_append(c, body, len);
    if (delay_ms > 0)
        c->hold_until = now_ms() + delay_ms;
}

/* The value of header name (case-insensitive) among the header lines of head (which ends
 * with the blank line), copied to out; 1 when present. */
static int header_value(const char *head, const char *name, char *out, size_t size)
{
    out[0] = '\0';
    size_t len = strlen(name);
    const char *line = strstr(head, "\r\n");
    while (line && line[2] != '\r') {
        line += 2;
        if (strncasecmp(line, name, len) == 0 && line[len] == ':') {
            const char *v = line + len + 1;
            while (*v == ' ' || *v == '\t')
                v++;
            size_t n = strcspn(v, "\r\n");
            while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
                n--;
            if (n >= size)
                n = size - 1;
            memcpy(out, v, n);
            out[n] = '\0';
            return 1;
        }
        line = strstr(line, "\r\n");
    }
    return 0;
}

/* 1 when the comma-separated header value holds token (case-insensitive). */
static int has_token(const char *value, const char *token)
{
    size_t len = strlen(token);
    for (const char *p = value; *p;) {
        while (*p == ' ' || *p == ',')
            p++;
        if (strncasecmp(p, token, len) == 0 && (p[len] == '\0' || p[len] == ',' || p[len] == ' '))
            return 1;
        p += strcspn(p, ",");
    }
    return 0;
}

static void log_line(const char *fmt, const char *a, const char *b)
{
    fprintf(log_file, fmt, a, b);
    log_dirty = 1;
}

/* Handles one complete POST: signature, deduplication, log, receipt. */
static void handle_post(struct conn *c, const char *head, const char *path, char *body, size_t len)
{
    char key[256], sig[128], receipt[96];
    header_value(head, "Idempotency-Key", key, sizeof key);
    if (down_file && access(down_file, F_OK) == 0) {
        answer(c, 503, "Service Unavailable", "text/plain", "down\n", 0);
        return;
    }
    if (hmac_secret) {
        char mac[65], want[80];
        share_sign_hmac(body, len, (const unsigned char *)hmac_secret, strlen(hmac_secret), mac);
        snprintf(want, sizeof want, "sha256=%s", mac);
        if (!header_value(head, "X-Signature-SHA256", sig, sizeof sig) || strcmp(sig, want) != 0) {
            log_line("bad %s%s\n", key, "");
            answer(c, 401, "Unauthorized", "text/plain", "bad signature\n", 0);
            return;
        }
    }
    if (verbose) {
        char type[128], auth[256], meta[1024];
        header_value(head, "Content-Type", type, sizeof type);
        header_value(head, "Authorization", auth, sizeof auth);
        header_value(head, "X-Signature-SHA256", sig, sizeof sig);
        snprintf(meta, sizeof meta, "path=%.400s type=%s auth=%s sig=%s", path, type, auth, sig);
        log_line("meta %s %s\n", key, meta);
    }
    if (header_value(head, "X-Signature-SHA256", sig, sizeof sig))
        log_line("sig %s %s\n", key, sig);
    int fresh;
    long n = key_receipt(key, &fresh);
    body[len] = '\0';
    if (fresh)
        log_line("new %s %s\n", key, body);
    else
        log_line("dup %s%s\n", key, "");
    size_t plen = strlen(path);
    if (plen >= 7 && strcmp(path + plen - 7, "/events") == 0)
        snprintf(receipt, sizeof receipt, "{\"Event\": {\"id\": \"%ld\"}}", n);
    else
        snprintf(receipt, sizeof receipt, "{\"id\": \"rcpt-%ld\"}", n);
    answer(c, 200, "OK", "application/json", receipt, 0);
}

/* Handles the requests complete in c->in, in order, until one must wait (for more bytes,
 * or for a held answer to go out). */
static void handle_input(struct conn *c)
{
    while (c->in_len > 0 && !c->hold_until && !c->close_after) {
        c->in[c->in_len] = '\0';
        char *end = strstr(c->in, "\r\n\r\n");
        if (!end) {
            if (c->in_len > MAX_HEAD) {
                c->close_after = 1;
                answer(c, 431, "Request Header Fields Too Large", "text/plain", "", 0);
            }
            return;
        }
        size_t head_len = (size_t)(end - c->in) + 4;
        char method[16], path[2048], version[16];
        if (sscanf(c->in, "%15s %2047s %15s", method, path, version) != 3 ||
            strncmp(version, "HTTP/1.", 7) != 0 || memchr(c->in, '\0', head_len)) {
            c->close_after = 1;
            answer(c, 400, "Bad Request", "text/plain", "bad request\n", 0);
            return;
        }
        char value[256];
        int http10 = strcmp(version, "HTTP/1.0") == 0;
        header_value(c->in, "Connection", value, sizeof value);
        int close = http10 ? !has_token(value, "keep-alive") : has_token(value, "close");
        if (header_value(c->in, "Transfer-Encoding", value, sizeof value)) {
            c->close_after = 1;
            answer(c, 501, "Not Implemented", "text/plain", "no transfer codings\n", 0);
            return;
        }
        long want = 0;
        if (header_value(c->in, "Content-Length", value, sizeof value)) {
            char *e;
            want = strtol(value, &e, 10);
            if (!value[0] || *e || want < 0) {
                c->close_after = 1;
                answer(c, 400, "Bad Request", "text/plain", "bad Content-Length\n", 0);
                return;
            }
        }
        if (want > MAX_BODY) {
            c->close_after = 1;
            answer(c, 413, "Payload Too Large", "text/plain", "", 0);
            return;
        }
        if (c->in_len - head_len < (size_t)want) {
            if (!c->continue_sent && header_value(c->in, "Expect", value, sizeof value) &&
                strcasecmp(value, "100-continue") == 0) {
                static const char cont[] = "HTTP/1.1 100 Continue\r\n\r\n";
                out_append(c, cont, sizeof cont - 1);
                c->continue_sent = 1;
            }
            return;
        }
        c->close_after = close;
        char *body = c->in + head_len;
        char saved = body[want];
        if (strcmp(method, "POST") == 0)
            handle_post(c, c->in, path, body, (size_t)want);
        else if (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0)
            answer(c, 200, "OK", "text/plain", "ok\n", method[0] == 'H');
        else
            answer(c, 405, "Method Not Allowed", "text/plain", "", 0);
        body[want] = saved;
        size_t used = head_len + (size_t)want;
        memmove(c->in, c->in + used, c->in_len - used);
        c->in_len -= used;
        c->continue_sent = 0;
    }
}

static void conn_close(int i)
{
    struct conn *c = conns[i];
    close(c->fd);
    free(c->in);
    free(c->out);
    free(c);
    conns[i] = conns[--n_conns];
}

/* Reads what is there. Returns -1 on EOF or error. */
static int conn_read(struct conn *c)
{
    for (;;) {
        if (c->in_cap - c->in_len < 4096 + 1) {
            size_t cap = c->in_cap ? c->in_cap * 2 : 16384;
            if (cap > MAX_HEAD + MAX_BODY + 4096 + 1) {
                if (c->in_cap - c->in_len <= 1)
                    return 0; /* full: wait until what is there is handled */
                cap = c->in_cap;
            }
            char *grown = realloc(c->in, cap);
            if (!grown)
                return -1;
            c->in = grown;
            c->in_cap = cap;
        }
        ssize_t n = read(c->fd, c->in + c->in_len, c->in_cap - c->in_len - 1);
        if (n > 0) {
            c->in_len += (size_t)n;
            continue;
        }
        if (n == 0)
            return -1;
        return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? 0 : -1;
    }
}

/* Writes what may go out now. Returns -1 when the connection is finished or broken. */
static int conn_write(struct conn *c)
{
    if (c->hold_until) {
        if (now_ms() < c->hold_until)
            return 0;
        c->hold_until = 0;
    }
    while (c->out_off < c->out_len) {
        ssize_t n = write(c->fd, c->out + c->out_off, c->out_len - c->out_off);
        if (n < 0)
            return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? 0 : -1;
        c->out_off += (size_t)n;
    }
    c->out_off = c->out_len = 0;
    return c->close_after ? -1 : 0;
}

/* Reads, handles and answers what it can without blocking. Returns -1 when the
 * connection is finished or broken. */
static int conn_step(struct conn *c, short revents)
{
    if ((revents & (POLLIN | POLLHUP | POLLERR)) && !c->eof && conn_read(c) < 0)
        c->eof = 1;
    for (;;) {
        if (c->hold_until && now_ms() < c->hold_until)
            return 0;
        if (c->hold_until || c->out_off < c->out_len) {
            if (conn_write(c) < 0)
                return -1;
            if (c->out_off < c->out_len)
                return 0; /* the socket is full: wait for POLLOUT */
        }
        size_t before = c->out_len;
        handle_input(c);
        if (c->out_len == before && !c->hold_until)
            break;
    }
    return c->eof ? -1 : 0;
}

static void usage(void)
{
    fprintf(stderr, "usage: receiver PORT LOG [--down-while FILE] [--delay-ms N] "
                    "[--hmac-secret S] [--verbose]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    if (argc < 3)
        usage();
    for (int i = 3; i < argc; i++) {
        if (strcmp(argv[i], "--down-while") == 0 && i + 1 < argc)
            down_file = argv[++i];
        else if (strcmp(argv[i], "--delay-ms") == 0 && i + 1 < argc)
            delay_ms = atol(argv[++i]);
        else if (strcmp(argv[i], "--hmac-secret") == 0 && i + 1 < argc)
            hmac_secret = argv[++i];
        else if (strcmp(argv[i], "--verbose") == 0)
            verbose = 1;
        else
            usage();
    }
    signal(SIGPIPE, SIG_IGN);
    log_file = fopen(argv[2], "a");
    if (!log_file) {
        perror(argv[2]);
        return 1;
    }
    int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int one = 1;
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(argv[1]))};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(s, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(s, 1024) != 0) {
        perror("bind");
        return 1;
    }
    static struct pollfd fds[MAX_CONNS + 1];
    for (;;) {
        if (log_dirty) {
            fflush(log_file);
            log_dirty = 0;
        }
        long long now = now_ms(), wake = -1;
        fds[0] = (struct pollfd){.fd = s, .events = n_conns < MAX_CONNS ? POLLIN : 0};
        for (int i = 0; i < n_conns; i++) {
            struct conn *c = conns[i];
            short ev = 0;
            if (c->hold_until) {
                long long left = c->hold_until > now ? c->hold_until - now : 0;
                if (wake < 0 || left < wake)
                    wake = left;
            } else {
                if (c->out_off < c->out_len)
                    ev |= POLLOUT;
                if (!c->close_after && !c->eof)
                    ev |= POLLIN;
            }
            fds[i + 1] = (struct pollfd){.fd = c->fd, .events = ev};
        }
        int ready = poll(fds, (nfds_t)n_conns + 1, (int)wake);
        if (ready < 0 && errno != EINTR) {
            perror("poll");
            return 1;
        }
        /* walk backwards: closing moves the last connection into the freed slot */
        for (int i = n_conns - 1; i >= 0; i--)
            if (conn_step(conns[i], fds[i + 1].revents) < 0)
                conn_close(i);
        if (fds[0].revents & POLLIN) {
            for (;;) {
                int fd = accept4(s, NULL, NULL, SOCK_NONBLOCK);
                if (fd < 0)
                    break;
                struct conn *c = n_conns < MAX_CONNS ? calloc(1, sizeof *c) : NULL;
                if (!c) {
                    close(fd);
                    break;
                }
                setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                c->fd = fd;
                conns[n_conns++] = c;
            }
        }
    }
}
