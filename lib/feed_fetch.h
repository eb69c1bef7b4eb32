/* feed_fetch.h - one conditional GET of a feed's document (a CSAF provider's metadata,
 * index or advisory, a MISP manifest or event) under the same outbound address policy as
 * deliveries (delivery.h: https only, no loopback or private address unless the operator
 * allows it, no redirects, the same timeouts), with a size limit, If-None-Match and
 * If-Modified-Since. */
#ifndef FEED_FETCH_H
#define FEED_FETCH_H

#include "delivery.h"

#include <stddef.h>

struct feed_response {
    long status;            /* the HTTP status, 0 when none arrived */
    char *body;             /* malloc'd and NUL-terminated on a 200, else NULL */
    size_t len;             /* its length */
    char etag[256];         /* the answer's ETag, "" if none */
    char last_modified[64]; /* its Last-Modified, "" if none */
    char error[256];        /* why there is no usable answer, "" when status is 200 or 304 */
};

/* GETs url, sending etag and last_modified (either may be NULL or "") as If-None-Match
 * and If-Modified-Since. A body larger than max_bytes is refused. Returns 0 on a 200 or
 * 304 (out->status says which), -1 otherwise with out->error. feed_response_free after. */
int feed_fetch(const char *url, const char *etag, const char *last_modified, size_t max_bytes,
               const struct delivery_options *opt, struct feed_response *out);

void feed_response_free(struct feed_response *r);

#endif
