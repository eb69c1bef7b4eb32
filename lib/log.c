/* log.c - key=value log lines on stderr, one write(2) each so processes do not interleave. */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static size_t log_timestamp(char *buf, size_t size)
{
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    size_t n = strftime(buf, size, "%Y-%m-%dT%H:%M:%S", &tm);
    n += (size_t)snprintf(buf + n, size - n, ".%03ldZ", ts.tv_nsec / 1000000);
    return n;
}

static void log_write(const char *level, const char *fmt, va_list ap)
{
    char line[2048];
    size_t n = (size_t)snprintf(line, sizeof line, "time=");
    n += log_timestamp(line + n, sizeof line - n);
    n += (size_t)snprintf(line + n, sizeof line - n, " pid=%d level=%s msg=\"", (int)getpid(),
                          level);
    if (n < sizeof line) {
        size_t start = n;
        int k = vsnprintf(line + n, sizeof line - n, fmt, ap);
        n = k < 0 ? n : n + (size_t)k;
        if (n > sizeof line - 3)
            n = sizeof line - 3;
        for (size_t i = start; i < n; i++) /* keep the line one line and the quotes paired */
            if (line[i] == '\n' || line[i] == '"')
                line[i] = line[i] == '"' ? '\'' : ' ';
    }
    line[n++] = '"';
    line[n++] = '\n';
    ssize_t ignored = write(STDERR_FILENO, line, n);
    (void)ignored;
}

void log_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    log_write("error", fmt, ap);
    va_end(ap);
}

void log_info(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    log_write("info", fmt, ap);
    va_end(ap);
}

void log_request(const char *request_id, const char *method, const char *path, int status,
                 double duration_ms, long user_id, long org_id, long statements, double db_ms)
{
    char line[1024], ts[40], safe[301];
    log_timestamp(ts, sizeof ts);
    /* the path is the client's: no quote or line break may end the field or the line */
    size_t k = 0;
    for (const char *p = path; *p && k < sizeof safe - 1; p++)
        safe[k++] = (*p == '"' || (unsigned char)*p < 0x20) ? '?' : *p;
    safe[k] = '\0';
    int n = snprintf(line, sizeof line,
                     "time=%s request_id=%s method=%s path=\"%.300s\" status=%d "
                     "duration_ms=%.2f statements=%ld db_ms=%.2f user_id=%ld org_id=%ld\n",
                     ts, request_id, method, safe, status, duration_ms, statements, db_ms, user_id,
                     org_id);
    if (n > (int)sizeof line)
        n = (int)sizeof line;
    ssize_t ignored = write(STDERR_FILENO, line, (size_t)n);
    (void)ignored;
}
