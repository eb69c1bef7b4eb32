/* receiver.c - a real HTTP endpoint standing in for an authority or ISAC in tests and the
 * demo: listens on 127.0.0.1:PORT, answers every POST with 200 (or 503 while the file
 * named by --down-while exists), deduplicates on the Idempotency-Key header as a real
 * receiver should, and appends one line per request to LOG:
 *   "new KEY BODY" the first time a key arrives, "dup KEY" for a repeat.
 * usage: receiver PORT LOG [--down-while FILE] */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_KEYS 4096
#define MAX_REQUEST (1024 * 1024)

static char *seen[MAX_KEYS];
static int n_seen;

static int key_seen(const char *key)
{
    for (int i = 0; i < n_seen; i++)
        if (strcmp(seen[i], key) == 0)
            return 1;
    if (n_seen < MAX_KEYS)
        seen[n_seen++] = strdup(key);
    return 0;
}

/* Copies the value of header name (case-insensitive) into out. */
static void header_value(const char *head, const char *name, char *out, size_t size)
{
    out[0] = '\0';
    size_t len = strlen(name);
    for (const char *line = head; line && *line; line = strstr(line, "\r\n")) {
        if (line[0] == '\r')
            line += 2;
        if (strncasecmp(line, name, len) == 0 && line[len] == ':') {
            const char *v = line + len + 1;
            while (*v == ' ')
                v++;
            size_t n = strcspn(v, "\r\n");
            if (n >= size)
                n = size - 1;
            memcpy(out, v, n);
            out[n] = '\0';
            return;
        }
    }
}

static void serve(int fd, FILE *log, const char *down_file)
{
    static char buf[MAX_REQUEST + 1];
    size_t got = 0;
    char *body = NULL;
    long want = -1;
    while (got < MAX_REQUEST) {
        ssize_t n = read(fd, buf + got, MAX_REQUEST - got);
        if (n <= 0)
            break;
        got += (size_t)n;
        buf[got] = '\0';
        if (!body && (body = strstr(buf, "\r\n\r\n"))) {
            body += 4;
            char cl[32];
            header_value(buf, "Content-Length", cl, sizeof cl);
            want = atol(cl);
        }
        if (body && (long)(got - (size_t)(body - buf)) >= want)
            break;
    }
    if (!body)
        return;
    size_t have = got - (size_t)(body - buf);
    if (want < 0 || (size_t)want > have)
        want = (long)have;
    body[want] = '\0';
    int down = down_file && access(down_file, F_OK) == 0;
    const char *answer = down ? "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n"
                                "Connection: close\r\n\r\n"
                              : "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n"
                                "Connection: close\r\n\r\n";
    if (!down) {
        char key[128];
        header_value(buf, "Idempotency-Key", key, sizeof key);
        if (key_seen(key))
            fprintf(log, "dup %s\n", key);
        else
            fprintf(log, "new %s %s\n", key, body);
        fflush(log);
    }
    ssize_t ignored = write(fd, answer, strlen(answer));
    (void)ignored;
}

int main(int argc, char **argv)
{
    if (argc != 3 && !(argc == 5 && strcmp(argv[3], "--down-while") == 0)) {
        fprintf(stderr, "usage: receiver PORT LOG [--down-while FILE]\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    FILE *log = fopen(argv[2], "a");
    if (!log) {
        perror(argv[2]);
        return 1;
    }
    int s = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(argv[1]))};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(s, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(s, 64) != 0) {
        perror("bind");
        return 1;
    }
    for (;;) {
        int fd = accept(s, NULL, NULL);
        if (fd < 0)
            continue;
        serve(fd, log, argc == 5 ? argv[4] : NULL);
        close(fd);
    }
}
