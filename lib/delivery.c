/* delivery.c - HTTP POST of alerts with libcurl: timeouts, TLS verification, the
 * outbound address policy, and the exponential backoff schedule. */
#include "delivery.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

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
             (a >> 16) == 0xA9FE ||            /* 169.254/16 link-local */
             (a >> 20) == 0xAC1 ||             /* 172.16/12 */
             (a >> 16) == 0xC0A8 ||            /* 192.168/16 */
             (a >> 22) == (100u << 2 | 1) ||   /* 100.64/10 carrier-grade NAT */
             (a >> 8) == 0xC00000 ||           /* 192.0.0/24 */
             (a >> 17) == (0xC612u >> 1) ||    /* 198.18/15 benchmarking */
             (a >> 28) >= 0xE);                /* multicast and reserved */
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
        if (IN6_IS_ADDR_LOOPBACK(a) || IN6_IS_ADDR_UNSPECIFIED(a) || IN6_IS_ADDR_LINKLOCAL(a) ||
            IN6_IS_ADDR_SITELOCAL(a) || IN6_IS_ADDR_MULTICAST(a) ||
            (a->s6_addr[0] & 0xFE) == 0xFC) /* fc00::/7 unique local */
            return 0;
        return 1;
    }
    return 0;
}

/* Refuses the connection when the resolved address is not public. */
static curl_socket_t open_checked_socket(void *clientp, curlsocktype purpose,
                                         struct curl_sockaddr *addr)
{
    const int *allow_private = clientp;
    (void)purpose;
    if (!*allow_private && !delivery_address_public(&addr->addr))
        return CURL_SOCKET_BAD;
    return socket(addr->family, addr->socktype, addr->protocol);
}

static int check_cancel(void *clientp, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                        curl_off_t ulnow)
{
    (void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
    const volatile int *cancel = clientp;
    return cancel && *cancel;
}

static size_t discard_body(char *ptr, size_t size, size_t nmemb, void *userdata)
{
    (void)ptr, (void)userdata;
    return size * nmemb;
}

void delivery_post_json(const char *url, const char *idempotency_key, const char *body,
                        const struct delivery_options *opt, struct delivery_result *out)
{
    memset(out, 0, sizeof *out);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    CURL *curl = curl_easy_init();
    if (!curl) {
        snprintf(out->error, sizeof out->error, "cannot initialise libcurl");
        return;
    }
    char key_header[128];
    snprintf(key_header, sizeof key_header, "Idempotency-Key: %s", idempotency_key);
    struct curl_slist *headers = curl_slist_append(NULL, "Content-Type: application/json");
    headers = curl_slist_append(headers, key_header);
    headers = curl_slist_append(headers, "Expect:");
    char errbuf[CURL_ERROR_SIZE] = "";
    int allow_private = opt->allow_private;

    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, opt->connect_timeout_ms);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, opt->timeout_ms);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    if (opt->ca_file && *opt->ca_file)
        curl_easy_setopt(curl, CURLOPT_CAINFO, opt->ca_file);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "cyberportal-forwarder/1");
    curl_easy_setopt(curl, CURLOPT_OPENSOCKETFUNCTION, open_checked_socket);
    curl_easy_setopt(curl, CURLOPT_OPENSOCKETDATA, &allow_private);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard_body);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
    if (opt->cancel) {
        curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, check_cancel);
        curl_easy_setopt(curl, CURLOPT_XFERINFODATA, (void *)opt->cancel);
        curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    }

    CURLcode rc = curl_easy_perform(curl);
    if (rc == CURLE_OK) {
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &out->http_status);
        out->delivered = out->http_status >= 200 && out->http_status < 300;
        if (!out->delivered)
            snprintf(out->error, sizeof out->error, "HTTP %ld", out->http_status);
    } else {
        snprintf(out->error, sizeof out->error, "%s", errbuf[0] ? errbuf : curl_easy_strerror(rc));
    }
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    out->duration_ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
}

struct mail_source {
    const char *data;
    size_t left;
};

static size_t mail_read(char *buf, size_t size, size_t nitems, void *userdata)
{
    struct mail_source *src = userdata;
    size_t n = size * nitems < src->left ? size * nitems : src->left;
    memcpy(buf, src->data, n);
    src->data += n;
    src->left -= n;
    return n;
}

void delivery_send_mail(const char *smtp_url, const char *user, const char *password,
                        const char *from, const char *to, const char *message,
                        const struct delivery_options *opt, struct delivery_result *out)
{
    memset(out, 0, sizeof *out);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    CURL *curl = curl_easy_init();
    if (!curl) {
        snprintf(out->error, sizeof out->error, "cannot initialise libcurl");
        return;
    }
    char errbuf[CURL_ERROR_SIZE] = "";
    char from_addr[300], to_addr[300];
    snprintf(from_addr, sizeof from_addr, "<%s>", from);
    snprintf(to_addr, sizeof to_addr, "<%s>", to);
    struct curl_slist *rcpt = curl_slist_append(NULL, to_addr);
    struct mail_source src = {message, strlen(message)};
    int allow_private = opt->allow_private;
    curl_easy_setopt(curl, CURLOPT_URL, smtp_url);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(curl, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    if (opt->ca_file && *opt->ca_file)
        curl_easy_setopt(curl, CURLOPT_CAINFO, opt->ca_file);
    if (user && *user) {
        curl_easy_setopt(curl, CURLOPT_USERNAME, user);
        curl_easy_setopt(curl, CURLOPT_PASSWORD, password);
    }
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from_addr);
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, mail_read);
    curl_easy_setopt(curl, CURLOPT_READDATA, &src);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, opt->connect_timeout_ms);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, opt->timeout_ms);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_OPENSOCKETFUNCTION, open_checked_socket);
    curl_easy_setopt(curl, CURLOPT_OPENSOCKETDATA, &allow_private);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
    CURLcode rc = curl_easy_perform(curl);
    long code = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
    out->http_status = code; /* the SMTP reply code */
    out->delivered = rc == CURLE_OK;
    if (!out->delivered)
        snprintf(out->error, sizeof out->error, "%s", errbuf[0] ? errbuf : curl_easy_strerror(rc));
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(curl);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    out->duration_ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
}
