/* delivery.h - sending one alert over HTTP(S) with libcurl, and the retry schedule. */
#ifndef DELIVERY_H
#define DELIVERY_H

#include <stddef.h>

struct delivery_options {
    long connect_timeout_ms;
    long timeout_ms;
    int allow_private;   /* permit loopback and private addresses (tests, demo) */
    const char *ca_file; /* extra CA bundle or NULL */
    volatile int *cancel; /* when it becomes non-zero, the transfer is aborted */
};

struct delivery_result {
    long http_status;  /* 0 when no HTTP answer arrived */
    int delivered;     /* a 2xx answer */
    char error[256];   /* why not, when not delivered */
    long duration_ms;
};

/* POSTs body (JSON) to url with the Idempotency-Key header. TLS is always verified; only
 * http and https are allowed; unless allowed, connections to loopback, private, link-local
 * and other non-public addresses are refused at connect time (after DNS resolution). */
void delivery_post_json(const char *url, const char *idempotency_key, const char *body,
                        const struct delivery_options *opt, struct delivery_result *out);

/* Sends message (RFC 5322, CRLF) from from to to through the SMTP server at smtp_url,
 * with STARTTLS when the server offers it (verified), and authentication when user is
 * not empty. The same address policy applies as to HTTP. */
void delivery_send_mail(const char *smtp_url, const char *user, const char *password,
                        const char *from, const char *to, const char *message,
                        const struct delivery_options *opt, struct delivery_result *out);

/* Delay before attempt number attempt+1 after attempt failures (attempt >= 1):
 * base * 2^(attempt-1), capped, with "equal jitter": half fixed, half random, where
 * random01 is uniform in [0, 1). In milliseconds. Pure. */
long delivery_backoff_ms(int attempt, long base_ms, long cap_ms, double random01);

/* 1 when the IPv4/IPv6 address (a struct sockaddr) is public. Pure. */
struct sockaddr;
int delivery_address_public(const struct sockaddr *sa);

#endif
