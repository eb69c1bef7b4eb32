/* response.c - builds and writes responses; every one carries the security headers. */
#include "response.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char security_headers[] =
    "Content-Security-Policy: default-src 'self'; frame-ancestors 'none'; form-action 'self'; "
    "base-uri 'none'\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "Referrer-Policy: same-origin\r\n"
    "X-Frame-Options: DENY\r\n"
    "Cache-Control: no-store\r\n";

void resp_init(struct response *resp)
{
    memset(resp, 0, sizeof *resp);
    resp->status = 200;
}

int resp_header(struct response *resp, const char *name, const char *value)
{
    if (strpbrk(name, "\r\n:") || strpbrk(value, "\r\n"))
        return -1;
    size_t room = sizeof resp->headers - resp->headers_len;
    int n = snprintf(resp->headers + resp->headers_len, room, "%s: %s\r\n", name, value);
    if (n < 0 || (size_t)n >= room) {
        resp->headers[resp->headers_len] = '\0';
        return -1;
    }
    resp->headers_len += (size_t)n;
    return 0;
}

/* 1 when path is a local path: never "//host", "/\\host" or a scheme, and no control
 * character, since browsers drop tabs and line breaks inside a URL ("/\t/host" would
 * become "//host"). */
static int local_path(const char *path)
{
    if (path[0] != '/' || path[1] == '/' || path[1] == '\\')
        return 0;
    for (; *path; path++)
        if ((unsigned char)*path < 0x20 || *path == 0x7f)
            return 0;
    return 1;
}

void resp_redirect(struct response *resp, const char *path)
{
    resp->status = 303;
    resp->template = NULL;
    if (!local_path(path)) /* no open redirect */
        path = "/";
    snprintf(resp->location, sizeof resp->location, "%s", path);
}

int resp_cookie(struct response *resp, const char *name, const char *value, long max_age,
                int secure)
{
    if (strpbrk(name, "=; ,\t") || strpbrk(value, "; ,\t\"\\"))
        return -1;
    char buf[512];
    char age[40] = "";
    if (max_age >= 0)
        snprintf(age, sizeof age, "; Max-Age=%ld", max_age);
    int n = snprintf(buf, sizeof buf, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s%s", name, value, age,
                     secure ? "; Secure" : "");
    if (n < 0 || (size_t)n >= sizeof buf)
        return -1;
    return resp_header(resp, "Set-Cookie", buf);
}

void resp_body(struct response *resp, const char *content_type, char *body, size_t len,
               const char *file_name)
{
    free(resp->body);
    resp->body = body;
    resp->body_len = len;
    resp->content_type = content_type;
    resp->template = NULL;
    if (file_name) {
        /* only a plain name survives into the header; anything else becomes '_' */
        char safe[128], header[200];
        size_t n = 0;
        for (const char *p = file_name; *p && n < sizeof safe - 1; p++) {
            unsigned char ch = (unsigned char)*p;
            safe[n++] = (isalnum(ch) || ch == '.' || ch == '-' || ch == '_') ? (char)ch : '_';
        }
        safe[n] = '\0';
        snprintf(header, sizeof header, "attachment; filename=\"%s\"", n ? safe : "download");
        resp_header(resp, "Content-Disposition", header);
    }
}

const char *resp_reason(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 303:
        return "See Other";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 413:
        return "Payload Too Large";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Content";
    case 429:
        return "Too Many Requests";
    case 503:
        return "Service Unavailable";
    default:
        return status >= 500 ? "Internal Server Error" : "Error";
    }
}

int resp_send(FCGX_Stream *out, const struct response *resp, const char *body, size_t len)
{
    /* libfcgi's printf has no %zu: lengths go through unsigned long */
    FCGX_FPrintF(out, "Status: %d %s\r\n", resp->status, resp_reason(resp->status));
    if (resp->location[0])
        FCGX_FPrintF(out, "Location: %s\r\n", resp->location);
    FCGX_FPrintF(out, "Content-Type: %s\r\nContent-Length: %lu\r\n",
                 resp->content_type ? resp->content_type : "text/html; charset=utf-8",
                 (unsigned long)len);
    FCGX_PutStr(security_headers, (int)sizeof security_headers - 1, out);
    if (resp->headers_len)
        FCGX_PutStr(resp->headers, (int)resp->headers_len, out);
    FCGX_PutStr("\r\n", 2, out);
    if (len && FCGX_PutStr(body, (int)len, out) < 0)
        return -1;
    return 0;
}
