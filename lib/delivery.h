/* delivery.h - sending one outbox row with libcurl: an HTTP POST shaped by the recipient's
 * format (JSON webhook, STIX 2.1, MISP) or a mail over SMTP; the outbound address policy;
 * the receipt a receiver may answer with; and the retry schedule.
 *
 * A transfer is a struct delivery: start it, run its easy handle alone (delivery_perform)
 * or with others in a curl multi handle (delivery_handle, then delivery_finish with the
 * CURLMsg's result), then free it. */
#ifndef DELIVERY_H
#define DELIVERY_H

#include <stddef.h>

struct delivery_options {
    long connect_timeout_ms;
    long timeout_ms;
    /* the only non-public endpoints allowed, and the only ones reached over plain http
     * (the demo's and the tests' receivers on loopback): "IP:PORT" or "IP:PORT-PORT"
     * entries separated by commas or spaces, IPv6 as "[::1]:PORT"; NULL or "" = none */
    const char *allow_hosts;
    const char *ca_file; /* extra CA bundle or NULL */
};

#define DELIVERY_RECEIPT_MAX 128

struct delivery_result {
    long http_status; /* 0 when no HTTP answer arrived; the SMTP reply code for mail */
    int delivered;    /* a 2xx answer (mail: accepted) */
    char error[256];  /* why not, when not delivered */
    long duration_ms;
    char receipt_id[DELIVERY_RECEIPT_MAX]; /* the receiver's id for it, "" if none */
};

/* One HTTP delivery: what the recipient row and the outbox row say. */
struct delivery_request {
    const char *format;          /* "webhook", "stix" or "misp" (recipients.format) */
    const char *url;             /* the endpoint; for MISP the instance's base URL */
    const char *idempotency_key; /* the outbox row's UUID, the same on every retry */
    const char *body;            /* the payload exactly as sent (outbox.payload::text) */
    size_t body_len;
    const char *credential; /* the opened recipients.credentials, NULL or "" if none:
                             * webhook: HMAC secret; stix: bearer token; misp: API key */
};

/* The body to send for an outbox payload as PostgreSQL prints a jsonb (its own key order,
 * ", " and ": "): compact JSON with keys sorted, as lib/share_format.c and lib/mail.c write
 * it, so a receiver gets the bytes the portal formatted, the same on every retry. A
 * document holding a non-integer number, which would not print back exactly, and text
 * that is not JSON are sent as they are. Returns a malloc'd string, NULL when out of
 * memory. Pure. */
char *delivery_body(const char *payload, size_t len);

/* The URL a request goes to (malloc'd): MISP's is base URL + "/events", the others' the
 * URL itself. NULL for an unknown format. Pure. */
char *delivery_url(const struct delivery_request *req);

/* The header lines of a request (malloc'd curl_slist; curl_slist_free_all): Content-Type
 * and Accept of the format, Idempotency-Key, and the credential's header - webhook
 * "X-Signature-SHA256: sha256=<HMAC-SHA256 of the body bytes, hex>", stix "Authorization:
 * Bearer <token>", misp "Authorization: <key>". NULL for an unknown format or a key or
 * credential holding a control character (no header injection). Pure. */
struct curl_slist *delivery_headers(const struct delivery_request *req);

struct delivery;

/* Prepares a POST of req. TLS is always verified; only https is allowed (plain http only
 * to the endpoints of opt->allow_hosts) and redirects are not followed; connections to
 * loopback, private, link-local and other non-public addresses not named in
 * opt->allow_hosts are refused at connect time (after DNS resolution). The response body is kept
 * (at most 64 KiB) for the receipt. Returns NULL only when out of memory; a request that cannot be
 * made (unknown format, bad credential) gives a delivery without a handle whose result is that
 * error. */
struct delivery *delivery_http_start(const struct delivery_request *req,
                                     const struct delivery_options *opt);

/* Prepares sending message (RFC 5322, CRLF) from from to to through the SMTP server at
 * smtp_url, with STARTTLS when the server offers it (verified), and authentication when
 * user is not empty. The same address policy applies as to HTTP. */
struct delivery *delivery_mail_start(const char *smtp_url, const char *user, const char *password,
                                     const char *from, const char *to, const char *message,
                                     const struct delivery_options *opt);

/* The CURL * easy handle to add to a multi handle; its CURLINFO_PRIVATE is d. NULL when
 * the request could not be prepared (delivery_finish then gives the reason). */
void *delivery_handle(struct delivery *d);

/* Fills out from the finished transfer: curl_code is the CURLcode it ended with (a
 * CURLMsg's data.result). On a 2xx answer the receipt id is read from the body. */
void delivery_finish(struct delivery *d, int curl_code, struct delivery_result *out);

/* Runs the transfer to its end in this thread and fills out. */
void delivery_perform(struct delivery *d, struct delivery_result *out);

/* Frees d and its handle (after curl_multi_remove_handle when it was added). */
void delivery_free(struct delivery *d);

/* The receiver's id for what it accepted, from its JSON answer: a top-level "id", or
 * MISP's {"Event": {"id": ...}}, a string or an integer, at most DELIVERY_RECEIPT_MAX - 1
 * printable ASCII characters. Returns 0 and fills out, or -1 (out = "") when there is
 * none. Pure. */
int delivery_receipt_id(const char *body, size_t len, char *out, size_t size);

/* Delay before attempt number attempt+1 after attempt failures (attempt >= 1):
 * base * 2^(attempt-1), capped, with "equal jitter": half fixed, half random, where
 * random01 is uniform in [0, 1). In milliseconds. Pure. */
long delivery_backoff_ms(int attempt, long base_ms, long cap_ms, double random01);

/* 1 when the IPv4/IPv6 address (a struct sockaddr) is public. Pure. */
struct sockaddr;
int delivery_address_public(const struct sockaddr *sa);

/* The address policy at connect time: 1 when the address and port (a struct sockaddr)
 * are named in allow_hosts (see struct delivery_options), else 1 only for a public
 * address reached over TLS (plain 0). A host not named is refused before any packet is
 * sent, so whether something listens there never shows in an error. Pure. */
int delivery_address_allowed(const struct sockaddr *sa, const char *allow_hosts, int plain);
/* Sets on a libcurl easy handle (a CURL *) what every transfer leaving the portal keeps:
 * opt's connect and total time-outs, no signals, peer and host verification (against
 * opt's CA file when it names one) and no proxy from the environment, which would connect
 * for us around the address check. The caller adds its own socket check (above). */
void delivery_transport_policy(void *curl, const struct delivery_options *opt);

#endif
