/* feed_fetch.c - a conditional GET under the delivery address policy (see feed_fetch.h). */
#include "feed_fetch.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

struct fetch {
    struct feed_response *out;
    size_t max_bytes;
    size_t cap;
    int too_big;
    int plain;
    const char *allow_hosts;
};

static size_t fetch_body(char *ptr, size_t size, size_t nmemb, void *userdata)
{
    struct fetch *f = userdata;
    size_t n = size * nmemb;
    if (f->out->len + n > f->max_bytes) {
        f->too_big = 1;
        return 0; /* aborts the transfer */
    }
    if (f->out->len + n + 1 > f->cap) {
        size_t cap = f->cap ? f->cap : 16384;
        while (cap < f->out->len + n + 1)
            cap *= 2;
        char *b = realloc(f->out->body, cap);
        if (!b)
            return 0;
        f->out->body = b;
        f->cap = cap;
    }
    memcpy(f->out->body + f->out->len, ptr, n);
    f->out->len += n;
    f->out->body[f->out->len] = '\0';
    return n;
}

/* Keeps the value of header name (without its CRLF) in out when line is that header. */
static void keep_header(const char *line, size_t len, const char *name, char *out, size_t size)
{
    size_t nl = strlen(name);
    if (len <= nl + 1 || strncasecmp(line, name, nl) != 0 || line[nl] != ':')
        return;
    const char *v = line + nl + 1;
    const char *end = line + len;
    while (v < end && (*v == ' ' || *v == '\t'))
        v++;
    while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' '))
        end--;
    size_t vl = (size_t)(end - v);
    if (vl >= size)
        return; /* too long to send back: no conditional GET next time */
    memcpy(out, v, vl);
    out[vl] = '\0';
}

static size_t fetch_header(char *line, size_t size, size_t nitems, void *userdata)
{
    struct fetch *f = userdata;
    size_t n = size * nitems;
    keep_header(line, n, "ETag", f->out->etag, sizeof f->out->etag);
    keep_header(line, n, "Last-Modified", f->out->last_modified, sizeof f->out->last_modified);
    return n;
}

static curl_socket_t fetch_socket(void *clientp, curlsocktype purpose, struct curl_sockaddr *addr)
{
    const struct fetch *f = clientp;
    (void)purpose;
    if (!delivery_address_allowed(&addr->addr, f->allow_hosts, f->plain))
        return CURL_SOCKET_BAD;
    return socket(addr->family, addr->socktype, addr->protocol);
}

static int has_control(const char *s)
{
    for (; s && *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return 1;
    return 0;
}

int feed_fetch(const char *url, const char *etag, const char *last_modified, size_t max_bytes,
               const struct delivery_options *opt, struct feed_response *out)
{
    memset(out, 0, sizeof *out);
    struct fetch f = {.out = out, .max_bytes = max_bytes, .allow_hosts = opt->allow_hosts};
    f.plain = strncasecmp(url, "https://", 8) != 0;
    if (has_control(url) || has_control(etag) || has_control(last_modified)) {
        snprintf(out->error, sizeof out->error, "control character in the address");
        return -1;
    }
    CURL *c = curl_easy_init();
    if (!c) {
        snprintf(out->error, sizeof out->error, "cannot initialise libcurl");
        return -1;
    }
    struct curl_slist *headers = NULL;
    char line[400];
    if (etag && *etag) {
        snprintf(line, sizeof line, "If-None-Match: %s", etag);
        headers = curl_slist_append(headers, line);
    }
    if (last_modified && *last_modified) {
        snprintf(line, sizeof line, "If-Modified-Since: %s", last_modified);
        headers = curl_slist_append(headers, line);
    }
    char errbuf[CURL_ERROR_SIZE] = "";
    int any_plain = opt->allow_hosts && *opt->allow_hosts;
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, any_plain ? "http,https" : "https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    delivery_transport_policy(c, opt);
    curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, fetch_socket);
    curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, &f);
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)max_bytes);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "cyberportal-forwarder/1");
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, fetch_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &f);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, fetch_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &f);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    CURLcode rc = curl_easy_perform(c);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out->status);
    curl_easy_cleanup(c);
    curl_slist_free_all(headers);
    if (rc != CURLE_OK) {
        if (f.too_big || rc == CURLE_FILESIZE_EXCEEDED)
            snprintf(out->error, sizeof out->error, "larger than %lu bytes",
                     (unsigned long)max_bytes);
        else
            snprintf(out->error, sizeof out->error, "%s",
                     *errbuf ? errbuf : curl_easy_strerror(rc));
    } else if (out->status != 200 && out->status != 304) {
        snprintf(out->error, sizeof out->error, "HTTP %ld", out->status);
    } else if (out->status == 200 && !out->body) {
        out->body = calloc(1, 1);
    }
    if (*out->error || out->status == 304) {
        free(out->body);
        out->body = NULL;
        out->len = 0;
    }
    return *out->error ? -1 : 0;
}

void feed_response_free(struct feed_response *r)
{
    free(r->body);
    r->body = NULL;
}
