/* smtp_sink.c - a real SMTP server for tests and the demo: listens on 127.0.0.1:PORT,
 * speaks enough ESMTP for libcurl (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), accepts
 * every message, and appends it to LOG as "=== MAIL FROM <...> TO <...>", the message
 * (dot-unstuffed), then "=== END". One connection at a time.
 * usage: smtp-sink PORT LOG */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

static void reply(FILE *out, const char *line)
{
    fputs(line, out);
    fputs("\r\n", out);
    fflush(out);
}

static void session(int fd, FILE *log)
{
    FILE *in = fdopen(fd, "r");
    FILE *out = fdopen(dup(fd), "w");
    if (!in || !out)
        return;
    char line[8192], from[512] = "", to[2048] = "";
    reply(out, "220 smtp-sink ready");
    while (fgets(line, sizeof line, in)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (strncasecmp(line, "EHLO", 4) == 0) {
            reply(out, "250-smtp-sink");
            reply(out, "250 8BITMIME");
        } else if (strncasecmp(line, "HELO", 4) == 0 || strncasecmp(line, "NOOP", 4) == 0) {
            reply(out, "250 ok");
        } else if (strncasecmp(line, "MAIL FROM:", 10) == 0) {
            snprintf(from, sizeof from, "%.500s", line + 10);
            to[0] = '\0';
            reply(out, "250 ok");
        } else if (strncasecmp(line, "RCPT TO:", 8) == 0) {
            size_t n = strlen(to);
            if (n < sizeof to - 300)
                snprintf(to + n, sizeof to - n, "%s%.290s", n ? " " : "", line + 8);
            reply(out, "250 ok");
        } else if (strncasecmp(line, "DATA", 4) == 0) {
            reply(out, "354 end with <CRLF>.<CRLF>");
            fprintf(log, "=== MAIL FROM %s TO %s\n", from, to);
            while (fgets(line, sizeof line, in)) {
                line[strcspn(line, "\r\n")] = '\0';
                if (strcmp(line, ".") == 0)
                    break;
                fprintf(log, "%s\n", line[0] == '.' ? line + 1 : line);
            }
            fprintf(log, "=== END\n");
            fflush(log);
            reply(out, "250 queued");
        } else if (strncasecmp(line, "RSET", 4) == 0) {
            from[0] = to[0] = '\0';
            reply(out, "250 ok");
        } else if (strncasecmp(line, "QUIT", 4) == 0) {
            reply(out, "221 bye");
            break;
        } else {
            reply(out, "502 not implemented");
        }
    }
    fclose(in);
    fclose(out);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: smtp-sink PORT LOG\n");
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
    if (bind(s, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(s, 16) != 0) {
        perror("bind");
        return 1;
    }
    for (;;) {
        int fd = accept(s, NULL, NULL);
        if (fd >= 0)
            session(fd, log);
    }
}
