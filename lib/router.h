/* router.h - matching a method and path against a table of routes. Patterns are literal
 * paths in which a segment ":id" matches a positive decimal number. Pure. */
#ifndef ROUTER_H
#define ROUTER_H

#include <stddef.h>

struct route_pattern {
    const char *method;  /* "GET" or "POST" */
    const char *pattern; /* "/incidents/:id" */
};

enum { ROUTE_NOT_FOUND = -1, ROUTE_METHOD_NOT_ALLOWED = -2 };

/* Returns the index of the first route in table (each entry stride bytes apart, starting
 * with a struct route_pattern) matching method and path, storing the ":id" value in *id
 * (0 if none); or ROUTE_NOT_FOUND / ROUTE_METHOD_NOT_ALLOWED. */
int router_match(const void *table, size_t count, size_t stride, const char *method,
                 const char *path, long *id);

#endif
