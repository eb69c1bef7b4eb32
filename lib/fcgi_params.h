/* fcgi_params.h - an index of one FastCGI request's parameters ("NAME=value" strings, as
 * FCGX_Request's envp holds them), so that a lookup costs one hash probe instead of a scan
 * of every parameter: ClearSilver's CGI kit asks for some forty names per request, most of
 * them absent, and libfcgi's FCGX_GetParam compares each with every parameter. */
#ifndef FCGI_PARAMS_H
#define FCGI_PARAMS_H

#include <stddef.h>

#define FCGI_PARAMS_SLOTS 512 /* a power of two; requests with more fall back to a scan */

struct fcgi_params {
    char **envp;  /* what was indexed */
    int overflow; /* too many parameters to index: lookups scan envp */
    struct {
        const char *entry; /* "NAME=value", or NULL */
        size_t name_len;
    } slots[FCGI_PARAMS_SLOTS];
};

/* Indexes envp (NULL-terminated; kept, not copied). An entry without '=' is skipped; of
 * two with one name the first counts, as with FCGX_GetParam. */
void fcgi_params_index(struct fcgi_params *p, char **envp);
/* The value of parameter name, or NULL when the request has none. */
const char *fcgi_params_get(const struct fcgi_params *p, const char *name);

#endif
