/* router.c - path pattern matching for the route table. */
#include "router.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* 1 when path matches pattern; the ":id" segment's value goes to *id. */
static int pattern_match(const char *pattern, const char *path, long *id)
{
    *id = 0;
    while (*pattern && *path) {
        if (pattern[0] == ':' && strncmp(pattern, ":id", 3) == 0) {
            if (!isdigit((unsigned char)*path) || *path == '0')
                return 0;
            char *end;
            errno = 0;
            long v = strtol(path, &end, 10);
            if (errno || v <= 0 || (*end && *end != '/'))
                return 0;
            *id = v;
            pattern += 3;
            path = end;
            continue;
        }
        if (*pattern != *path)
            return 0;
        pattern++, path++;
    }
    return *pattern == '\0' && *path == '\0';
}

int router_match(const void *table, size_t count, size_t stride, const char *method,
                 const char *path, long *id)
{
    int path_seen = 0;
    for (size_t i = 0; i < count; i++) {
        const struct route_pattern *r =
            (const struct route_pattern *)((const char *)table + i * stride);
        long v;
        if (!pattern_match(r->pattern, path, &v))
            continue;
        path_seen = 1;
        if (strcmp(r->method, method) == 0 ||
            (strcmp(method, "HEAD") == 0 && strcmp(r->method, "GET") == 0)) {
            *id = v;
            return (int)i;
        }
    }
    return path_seen ? ROUTE_METHOD_NOT_ALLOWED : ROUTE_NOT_FOUND;
}
