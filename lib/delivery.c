/* delivery.c - outbox rows over the wire with libcurl: the HTTP request of each recipient
 * format (headers, signature, URL), mail over SMTP, timeouts, TLS verification, the
 * outbound address policy, receipts, and the exponential backoff schedule. */
#include "delivery.h"

#include "share_format.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <jansson.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

/* The most of a response body kept for its receipt; the rest is read and dropped. */
#define RESPONSE_MAX (64 * 1024)

long delivery_backoff_ms(int attempt, long base_ms, long cap_ms, double random01)
{
    if (attempt < 1)
        attempt = 1;
    long delay = base_ms;
    for (int i = 1; i < attempt && delay < cap_ms; i++)
        delay *= 2;
    if (delay > cap_ms)
        delay = cap_ms;
    return delay / 2 + (long)((double)(delay - delay / 2) * random01);
}

static int ipv4_public(uint32_t a)
{
    return !((a >> 24) == 0 || (a >> 24) == 10 || (a >> 24) == 127 ||
             (a >> 16) == 0xA9FE ||          /* 169.254/16 link-local */
             (a >> 20) == 0xAC1 ||           /* 172.16/12 */
             (a >> 16) == 0xC0A8 ||          /* 192.168/16 */
             (a >> 22) == (100u << 2 | 1) || /* 100.64/10 carrier-grade NAT */
             (a >> 8) == 0xC00000 ||         /* 192.0.0/24 */
             (a >> 17) == (0xC612u >> 1) ||  /* 198.18/15 benchmarking */
             (a >> 28) >= 0xE);              /* multicast and reserved */
}

int delivery_address_public(const struct sockaddr *sa)
{
    if (sa->sa_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
        return ipv4_public(ntohl(in->sin_addr.s_addr));
    }
    if (sa->sa_family == AF_INET6) {
        const struct in6_addr *a = &((const struct sockaddr_in6 *)sa)->sin6_addr;
        static const unsigned char nat64[12] = {0, 0x64, 0xff, 0x9b};
        static const unsigned char zero[12] = {0};
        uint32_t v4;
        /* forms that carry an IPv4 address: mapped ::ffff:a.b.c.d, compatible ::a.b.c.d,
         * NAT64 64:ff9b::a.b.c.d and 6to4 2002:AABB:CCDD:: - judged by that address */
        if (IN6_IS_ADDR_V4MAPPED(a) || memcmp(a->s6_addr, zero, 12) == 0 ||
            memcmp(a->s6_addr, nat64, 12) == 0) {
            if (!IN6_IS_ADDR_V4MAPPED(a) && memcmp(a->s6_addr, zero, 12) == 0 &&
                (IN6_IS_ADDR_LOOPBACK(a) || IN6_IS_ADDR_UNSPECIFIED(a)))
                return 0;
            memcpy(&v4, a->s6_addr + 12, 4);
            return ipv4_public(ntohl(v4));
        }
        if (a->s6_addr[0] == 0x20 && a->s6_addr[1] == 0x02) {
            memcpy(&v4, a->s6_addr + 2, 4);
            return ipv4_public(ntohl(v4));
        }
        static const unsigned char nat64_local[6] = {0, 0x64, 0xff, 0x9b, 0, 0x01};
        static const unsigned char teredo[4] = {0x20, 0x01, 0, 0};
        if (IN6_IS_ADDR_LOOPBACK(a) || IN6_IS_ADDR_UNSPECIFIED(a) || IN6_IS_ADDR_LINKLOCAL(a) ||
            IN6_IS_ADDR_SITELOCAL(a) || IN6_IS_ADDR_MULTICAST(a) ||
            (a->s6_addr[0] & 0xFE) == 0xFC ||          /* fc00::/7 unique local */
            memcmp(a->s6_addr, nat64_local, 6) == 0 || /* 64:ff9b:1::/48 local NAT64 */
            memcmp(a->s6_addr, teredo, 4) == 0)        /* 2001::/32 Teredo tunnels */
            return 0;
        return 1;
    }
    return 0;
}

/* 1 when entry ("IP:PORT" or "IP:PORT-PORT", IPv6 in brackets; len bytes) names the
 * address ip (text) and port. */
static int allow_entry_matches(const char *entry, size_t len, const char *ip, unsigned port)
{
    char e[80];
    if (len == 0 || len >= sizeof e)
        return 0;
    memcpy(e, entry, len);
    e[len] = '\0';
    char *colon = strrchr(e, ':');
    if (!colon)
        return 0;
    *colon = '\0';
    char *host = e;
    if (*host == '[') {
        size_t n = strlen(host);
        if (n < 2 || host[n - 1] != ']')
            return 0;
        host[n - 1] = '\0';
        host++;
    }
    char *end;
    unsigned long lo = strtoul(colon + 1, &end, 10), hi = lo;
    if (end == colon + 1)
        return 0;
    if (*end == '-') {
        char *end2;
        hi = strtoul(end + 1, &end2, 10);
        if (end2 == end + 1 || *end2)
            return 0;
    } else if (*end) {
        return 0;
    }
    return strcmp(host, ip) == 0 && port >= lo && port <= hi && hi <= 65535;
}

int delivery_address_allowed(const struct sockaddr *sa, const char *allow_hosts, int plain)
{
    char ip[INET6_ADDRSTRLEN];
    unsigned port;
    if (sa->sa_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
        if (!inet_ntop(AF_INET, &in->sin_addr, ip, sizeof ip))
            return 0;
        port = ntohs(in->sin_port);
    } else if (sa->sa_family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
        if (!inet_ntop(AF_INET6, &in6->sin6_addr, ip, sizeof ip))
            return 0;
        port = ntohs(in6->sin6_port);
    } else {
        return 0;
    }
    for (const char *s = allow_hosts ? allow_hosts : ""; *s;) {
        size_t skip = strspn(s, ", \t\n");
        s += skip;
        size_t len = strcspn(s, ", \t\n");
        if (len && allow_entry_matches(s, len, ip, port))
            return 1;
        s += len;
    }
    return !plain && delivery_address_public(sa);
}

struct delivery {
    CURL *curl; /* NULL when the request could not be prepared */
    struct curl_slist *headers;
    struct curl_slist *rcpt; /* mail: the envelope recipient */
    char *url;
    char *body; /* the HTTP body, or the mail message */
    size_t body_len;
    size_t body_sent; /* mail: bytes handed to libcurl so far */
    char *response;   /* the first RESPONSE_MAX bytes of the answer */
    size_t response_len;
    int is_mail;
    /* read by open_checked_socket: */
    int any_address;         /* the operator's own SMTP server: no address policy */
    int plain;               /* the URL is plain http */
    const char *allow_hosts; /* struct delivery_options */
    char errbuf[CURL_ERROR_SIZE];
    char error[256]; /* why there is no handle */
    struct timespec t0;
};

static int has_control(const char *s)
{
    for (; s && *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return 1;
    return 0;
}

/* 1 when doc holds no real number: it then prints back exactly as it was parsed. */
static int exact_json(json_t *doc)
{
    if (json_is_real(doc))
        return 0;
    for (void *it = json_object_iter(doc); it; it = json_object_iter_next(doc, it))
        if (!exact_json(json_object_iter_value(it)))
            return 0;
    for (size_t i = 0; i < json_array_size(doc); i++)
        if (!exact_json(json_array_get(doc, i)))
            return 0;
    return 1;
}

char *delivery_body(const char *payload, size_t len)
{
    json_t *doc = json_loadb(payload, len, JSON_DECODE_ANY, NULL);
    char *body = doc && exact_json(doc)
                     ? json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY)
                     : NULL;
    json_decref(doc);
    if (!body && (body = malloc(len + 1))) {
        memcpy(body, payload, len);
        body[len] = '\0';
    }
    return body;
}

char *delivery_url(const struct delivery_request *req)
{
    if (strcmp(req->format, "misp") == 0) {
        size_t n = strlen(req->url);
        while (n > 0 && req->url[n - 1] == '/')
            n--;
        char *url = malloc(n + sizeof "/events");
        if (url) {
            memcpy(url, req->url, n);
            memcpy(url + n, "/events", sizeof "/events");
        }
        return url;
    }
    if (strcmp(req->format, "webhook") == 0 || strcmp(req->format, "stix") == 0)
        return strdup(req->url);
    return NULL;
}

/* Appends "name: value" to list; on failure frees list and returns NULL. */
static struct curl_slist *add_header(struct curl_slist *list, const char *name, const char *value)
{
    size_t size = strlen(name) + strlen(value) + 3;
    char *line = malloc(size);
    struct curl_slist *more = NULL;
    if (line) {
        snprintf(line, size, "%s: %s", name, value);
        more = curl_slist_append(list, line);
        free(line);
    }
    if (!more)
        curl_slist_free_all(list);
    return more;
}

struct curl_slist *delivery_headers(const struct delivery_request *req)
{
    const char *type, *accept = "application/json", *cred = req->credential;
    int has_cred = cred && *cred;
    if (strcmp(req->format, "webhook") == 0)
        type = "application/json";
    else if (strcmp(req->format, "stix") == 0) {
        type = "application/stix+json;version=2.1";
        accept = "application/json, application/taxii+json;version=2.1";
    } else if (strcmp(req->format, "misp") == 0)
        type = "application/json";
    else
        return NULL;
    if (has_control(req->idempotency_key) || (has_cred && has_control(cred)))
        return NULL;
    struct curl_slist *h = add_header(NULL, "Content-Type", type);
    if (h)
        h = add_header(h, "Accept", accept);
    if (h)
        h = add_header(h, "Idempotency-Key", req->idempotency_key);
    if (h)
        h = curl_slist_append(h, "Expect:"); /* no 100-continue round trip */
    if (h && has_cred) {
        if (strcmp(req->format, "webhook") == 0) {
            char mac[65], value[72];
            share_sign_hmac(req->body, req->body_len, (const unsigned char *)cred, strlen(cred),
                            mac);
            snprintf(value, sizeof value, "sha256=%s", mac);
            h = add_header(h, "X-Signature-SHA256", value);
        } else if (strcmp(req->format, "stix") == 0) {
            size_t size = strlen(cred) + sizeof "Bearer ";
            char *value = malloc(size);
            if (value) {
                snprintf(value, size, "Bearer %s", cred);
                h = add_header(h, "Authorization", value);
                free(value);
            } else {
                curl_slist_free_all(h);
                h = NULL;
            }
        } else {
            h = add_header(h, "Authorization", cred);
        }
    }
    return h;
}

static size_t keep_response(char *ptr, size_t size, size_t nmemb, void *userdata)
{
    struct delivery *d = userdata;
    size_t n = size * nmemb;
    if (d->response_len < RESPONSE_MAX) {
        size_t take = n < RESPONSE_MAX - d->response_len ? n : RESPONSE_MAX - d->response_len;
        if (!d->response)
            d->response = malloc(RESPONSE_MAX);
        if (d->response) {
            memcpy(d->response + d->response_len, ptr, take);
            d->response_len += take;
        }
    }
    return n;
}

static size_t mail_read(char *buf, size_t size, size_t nitems, void *userdata)
{
    struct delivery *d = userdata;
    size_t left = d->body_len - d->body_sent;
    size_t n = size * nitems < left ? size * nitems : left;
    memcpy(buf, d->body + d->body_sent, n);
    d->body_sent += n;
    return n;
}

/* Refuses the connection when the resolved address and port break the address policy. */
static curl_socket_t open_checked_socket(void *clientp, curlsocktype purpose,
                                         struct curl_sockaddr *addr)
{
    const struct delivery *d = clientp;
    (void)purpose;
    if (!d->any_address && !delivery_address_allowed(&addr->addr, d->allow_hosts, d->plain))
        return CURL_SOCKET_BAD;
    return socket(addr->family, addr->socktype, addr->protocol);
}

/* A delivery with the settings every transfer shares; NULL when out of memory. */
static struct delivery *delivery_new(const struct delivery_options *opt)
{
    struct delivery *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    clock_gettime(CLOCK_MONOTONIC, &d->t0);
    d->allow_hosts = opt->allow_hosts;
    d->curl = curl_easy_init();
    if (!d->curl) {
        snprintf(d->error, sizeof d->error, "cannot initialise libcurl");
        return d;
    }
    CURL *c = d->curl;
    curl_easy_setopt(c, CURLOPT_PRIVATE, d);
    delivery_transport_policy(c, opt);
    curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, open_checked_socket);
    curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, d);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, d->errbuf);
    return d;
}

void delivery_transport_policy(void *curl, const struct delivery_options *opt)
{
    CURL *c = curl;
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, opt->connect_timeout_ms);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, opt->timeout_ms);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    if (opt->ca_file && *opt->ca_file)
        curl_easy_setopt(c, CURLOPT_CAINFO, opt->ca_file);
    curl_easy_setopt(c, CURLOPT_PROXY, "");
}

/* Drops the handle of a delivery that cannot be made, keeping why. */
static struct delivery *delivery_refuse(struct delivery *d, const char *why)
{
    curl_easy_cleanup(d->curl);
    d->curl = NULL;
    snprintf(d->error, sizeof d->error, "%s", why);
    return d;
}

struct delivery *delivery_http_start(const struct delivery_request *req,
                                     const struct delivery_options *opt)
{
    struct delivery *d = delivery_new(opt);
    if (!d || !d->curl)
        return d;
    d->url = delivery_url(req);
    if (!d->url)
        return delivery_refuse(d, "unknown recipient format");
    d->headers = delivery_headers(req);
    if (!d->headers)
        return delivery_refuse(d, "cannot build the request headers (control character in "
                                  "the credential?)");
    d->body = malloc(req->body_len + 1);
    if (!d->body)
        return delivery_refuse(d, "out of memory");
    memcpy(d->body, req->body, req->body_len);
    d->body[req->body_len] = '\0';
    d->body_len = req->body_len;
    CURL *c = d->curl;
    curl_easy_setopt(c, CURLOPT_URL, d->url);
    /* credentials and incidents travel encrypted; plain http only to the endpoints the
     * operator names (test and demo receivers on loopback), checked at connect time */
    d->plain = strncasecmp(d->url, "https://", 8) != 0;
    int any_plain = opt->allow_hosts && *opt->allow_hosts;
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, any_plain ? "http,https" : "https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, d->headers);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, d->body);
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)d->body_len);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "cyberportal-forwarder/1");
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, keep_response);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, d);
    return d;
}

struct delivery *delivery_mail_start(const char *smtp_url, const char *user, const char *password,
                                     const char *from, const char *to, const char *message,
                                     const struct delivery_options *opt)
{
    struct delivery *d = delivery_new(opt);
    if (!d || !d->curl)
        return d;
    char from_addr[300], to_addr[300];
    snprintf(from_addr, sizeof from_addr, "<%s>", from);
    snprintf(to_addr, sizeof to_addr, "<%s>", to);
    d->is_mail = 1;
    /* the SMTP server is the operator's own configuration, not a tenant's: no address
     * policy for it (it is typically on the same host or network) */
    d->any_address = 1;
    d->rcpt = curl_slist_append(NULL, to_addr);
    d->body = strdup(message);
    if (!d->rcpt || !d->body)
        return delivery_refuse(d, "out of memory");
    d->body_len = strlen(message);
    CURL *c = d->curl;
    curl_easy_setopt(c, CURLOPT_URL, smtp_url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    /* STARTTLS when offered; required when a password would otherwise go in clear */
    curl_easy_setopt(c, CURLOPT_USE_SSL, (long)(user && *user ? CURLUSESSL_ALL : CURLUSESSL_TRY));
    if (user && *user) {
        curl_easy_setopt(c, CURLOPT_USERNAME, user);
        curl_easy_setopt(c, CURLOPT_PASSWORD, password);
    }
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from_addr);
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, d->rcpt);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, mail_read);
    curl_easy_setopt(c, CURLOPT_READDATA, d);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    /* QUIT after each message rather than keeping the connection in the multi handle's
     * cache, where an idle session would hold up a server that serves one at a time */
    curl_easy_setopt(c, CURLOPT_FORBID_REUSE, 1L);
    return d;
}

void *delivery_handle(struct delivery *d)
{
    return d ? d->curl : NULL;
}

void delivery_finish(struct delivery *d, int curl_code, struct delivery_result *out)
{
    memset(out, 0, sizeof *out);
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    out->duration_ms = (t1.tv_sec - d->t0.tv_sec) * 1000 + (t1.tv_nsec - d->t0.tv_nsec) / 1000000;
    if (!d->curl) {
        snprintf(out->error, sizeof out->error, "%s", d->error);
        return;
    }
    CURLcode rc = (CURLcode)curl_code;
    if (d->is_mail) {
        curl_easy_getinfo(d->curl, CURLINFO_RESPONSE_CODE, &out->http_status);
        out->delivered = rc == CURLE_OK;
    } else if (rc == CURLE_OK) {
        curl_easy_getinfo(d->curl, CURLINFO_RESPONSE_CODE, &out->http_status);
        out->delivered = out->http_status >= 200 && out->http_status < 300;
        if (!out->delivered)
            snprintf(out->error, sizeof out->error, "HTTP %ld", out->http_status);
        else if (d->response)
            delivery_receipt_id(d->response, d->response_len, out->receipt_id,
                                sizeof out->receipt_id);
        return;
    }
    if (!out->delivered)
        snprintf(out->error, sizeof out->error, "%s",
                 d->errbuf[0] ? d->errbuf : curl_easy_strerror(rc));
}

void delivery_perform(struct delivery *d, struct delivery_result *out)
{
    CURLcode rc = d->curl ? curl_easy_perform(d->curl) : CURLE_FAILED_INIT;
    delivery_finish(d, (int)rc, out);
}

void delivery_free(struct delivery *d)
{
    if (!d)
        return;
    if (d->curl)
        curl_easy_cleanup(d->curl);
    curl_slist_free_all(d->headers);
    curl_slist_free_all(d->rcpt);
    free(d->url);
    free(d->body);
    free(d->response);
    free(d);
}

/* Copies a receipt id (string or integer) into out when it is short printable ASCII. */
static int receipt_value(json_t *v, char *out, size_t size)
{
    char buf[DELIVERY_RECEIPT_MAX];
    if (json_is_string(v)) {
        if (json_string_length(v) == 0 || json_string_length(v) >= sizeof buf)
            return -1;
        snprintf(buf, sizeof buf, "%s", json_string_value(v));
    } else if (json_is_integer(v)) {
        snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    } else {
        return -1;
    }
    for (const char *p = buf; *p; p++)
        if (*p < 0x21 || *p > 0x7e)
            return -1;
    if (strlen(buf) >= size)
        return -1;
    snprintf(out, size, "%s", buf);
    return 0;
}

int delivery_receipt_id(const char *body, size_t len, char *out, size_t size)
{
    if (size == 0)
        return -1;
    out[0] = '\0';
    json_t *doc = json_loadb(body, len, 0, NULL);
    int rc = -1;
    if (json_is_object(doc)) {
        json_t *id = json_object_get(doc, "id");
        if (!id)
            id = json_object_get(json_object_get(doc, "Event"), "id");
        rc = id ? receipt_value(id, out, size) : -1;
    }
    json_decref(doc);
    return rc;
}
