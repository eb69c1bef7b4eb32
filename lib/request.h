/* request.h - one FastCGI request, parsed by ClearSilver's CGI kit into an HDF tree:
 * Query.* (query string and form body, multipart included), Cookie.*, CGI.*. */
#ifndef REQUEST_H
#define REQUEST_H

#include <ClearSilver.h>
#include <fcgiapp.h>

struct request {
    FCGX_Request *fcgi;
    CGI *cgi;
    HDF *hdf; /* owned by cgi; handlers add the page's data to it */
    char method[8];
    char path[512];
    char request_id[17];
    char client_addr[64];
    long content_length;
};

/* Binds ClearSilver's CGI kit to fcgi and parses the request. Returns 0, or the HTTP
 * status to answer with: 413 when the declared body exceeds max_body, 400 for a malformed
 * request or input that is not valid UTF-8 or holds NUL bytes, 500 when out of memory.
 * Even on failure req->hdf is usable for an error page unless 500 is returned. */
int req_begin(struct request *req, FCGX_Request *fcgi, long max_body);
void req_end(struct request *req);

/* A form or query value (NULL when absent). */
const char *req_param(const struct request *req, const char *name);
const char *req_cookie(const struct request *req, const char *name);
const char *req_env(const struct request *req, const char *name);

/* The request's fresh random id, for the log line and error pages. */
void req_new_id(char out[17]);

/* 1 when the query string itself (not the body) carries a parameter called name. */
int req_query_has(const struct request *req, const char *name);

#endif
