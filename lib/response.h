/* response.h - what a handler answers: a status, a template or a raw body, a redirect,
 * extra headers; and the one function that writes it, with the security headers. */
#ifndef RESPONSE_H
#define RESPONSE_H

#include <fcgiapp.h>
#include <stddef.h>

struct response {
    int status;
    const char *template; /* rendered from the request's HDF when set */
    char location[512];   /* set by resp_redirect */
    char headers[2048];   /* extra "Name: value\r\n" lines */
    size_t headers_len;
    const char *content_type; /* default text/html; charset=utf-8 */
    char *body;               /* a raw body (downloads, exports) instead of a template;
                               * malloc'd, freed after sending */
    size_t body_len;
};

/* Answers with a raw body (taking ownership of body) as a download named file_name
 * (Content-Disposition: attachment), or inline when file_name is NULL. */
void resp_body(struct response *resp, const char *content_type, char *body, size_t len,
               const char *file_name);

void resp_init(struct response *resp);
/* Adds one header line; returns 0, or -1 when it does not fit or holds a line break. */
int resp_header(struct response *resp, const char *name, const char *value);
/* 303 See Other to a local path (POST -> redirect -> GET). */
void resp_redirect(struct response *resp, const char *path);
/* Adds a Set-Cookie header: HttpOnly, SameSite=Lax, Path=/, Secure when secure is set;
 * max_age < 0 means a session cookie, 0 deletes the cookie. */
int resp_cookie(struct response *resp, const char *name, const char *value, long max_age,
                int secure);

/* Writes status line, headers (security headers included) and body to out. */
int resp_send(FCGX_Stream *out, const struct response *resp, const char *body, size_t len);

/* The reason phrase of a status code. */
const char *resp_reason(int status);

#endif
