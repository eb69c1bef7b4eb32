/* test_delivery.c - the pure parts of delivery: the exponential backoff with equal jitter,
 * the outbound address policy (which IPv4/IPv6 addresses count as public), the URL and
 * headers of each recipient format (the webhook's HMAC over the exact body bytes), and the
 * receipt id read from an answer. No network beyond loopback: addresses are parsed with
 * inet_pton into struct sockaddr by hand, and one test shows that a port not named is never
 * connected to. */
#include "testlib.h"

#include "delivery.h"
#include "share_format.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>

START_TEST(test_backoff_first)
{
    ck_assert_int_eq(delivery_backoff_ms(1, 1000, 60000, 0.0), 500);
    ck_assert_int_eq(delivery_backoff_ms(1, 1000, 60000, 0.5), 750);
    ck_assert_int_eq(delivery_backoff_ms(1, 1000, 60000, 0.999999), 999);
    ck_assert_int_eq(delivery_backoff_ms(0, 1000, 60000, 0.0), 500); /* treated as 1 */
    ck_assert_int_eq(delivery_backoff_ms(-3, 1000, 60000, 0.0), 500);
}
END_TEST

START_TEST(test_backoff_doubles)
{
    ck_assert_int_eq(delivery_backoff_ms(2, 1000, 60000, 0.0), 1000);
    ck_assert_int_eq(delivery_backoff_ms(3, 1000, 60000, 0.0), 2000);
    ck_assert_int_eq(delivery_backoff_ms(4, 1000, 60000, 0.999999), 7999);
    ck_assert_int_eq(delivery_backoff_ms(6, 1000, 60000, 0.0), 16000);
    ck_assert_int_eq(delivery_backoff_ms(6, 1000, 60000, 0.999999), 31999);
    ck_assert_int_eq(delivery_backoff_ms(2, 1001, 60000, 0.0), 1001); /* odd: 1001 + 1001 */
    ck_assert_int_eq(delivery_backoff_ms(1, 1001, 60000, 0.0), 500);
    ck_assert_int_eq(delivery_backoff_ms(1, 1001, 60000, 0.999999), 1000);
}
END_TEST

START_TEST(test_backoff_capped)
{
    ck_assert_int_eq(delivery_backoff_ms(7, 1000, 60000, 0.0), 30000); /* 64000 -> 60000 */
    ck_assert_int_eq(delivery_backoff_ms(10, 1000, 60000, 0.0), 30000);
    ck_assert_int_eq(delivery_backoff_ms(10, 1000, 60000, 0.999999), 59999);
    ck_assert_int_eq(delivery_backoff_ms(1000000, 1000, 60000, 0.5), 45000); /* no overflow */
    ck_assert_int_eq(delivery_backoff_ms(1, 5000, 3000, 0.0), 1500);         /* base above cap */
    for (int attempt = 1; attempt < 200; attempt++) {
        long d = delivery_backoff_ms(attempt, 2000, 3600000, 0.999999);
        ck_assert(d > 0 && d < 3600000);
    }
}
END_TEST

/* delivery_address_public on a textual IPv4 or IPv6 address. */
static int is_public(const char *text)
{
    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof ss);
    if (strchr(text, ':')) {
        struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;
        in6->sin6_family = AF_INET6;
        ck_assert_int_eq(inet_pton(AF_INET6, text, &in6->sin6_addr), 1);
    } else {
        struct sockaddr_in *in = (struct sockaddr_in *)&ss;
        in->sin_family = AF_INET;
        ck_assert_int_eq(inet_pton(AF_INET, text, &in->sin_addr), 1);
    }
    return delivery_address_public((const struct sockaddr *)&ss);
}

START_TEST(test_ipv4_not_public)
{
    const char *addrs[] = {
        "127.0.0.1",  "127.255.255.254", "0.0.0.0",     "10.0.0.1",        "10.255.255.255",
        "172.16.0.1", "172.31.255.255",  "192.168.0.1", "192.168.255.1",   "169.254.169.254",
        "100.64.0.1", "100.127.255.255", "192.0.0.8",   "198.18.0.1",      "198.19.255.255",
        "224.0.0.1",  "239.255.255.250", "240.0.0.1",   "255.255.255.255",
    };
    for (size_t i = 0; i < sizeof addrs / sizeof addrs[0]; i++)
        ck_assert_msg(is_public(addrs[i]) == 0, "%s counted as public", addrs[i]);
}
END_TEST

START_TEST(test_ipv4_public)
{
    const char *addrs[] = {
        "8.8.8.8",         "1.1.1.1",     "172.15.255.255", "172.32.0.1",  "192.167.255.255",
        "192.169.0.1",     "169.253.0.1", "100.63.255.255", "100.128.0.1", "11.0.0.1",
        "126.255.255.255", "128.0.0.1",   "198.17.255.255", "198.20.0.1",  "223.255.255.255",
    };
    for (size_t i = 0; i < sizeof addrs / sizeof addrs[0]; i++)
        ck_assert_msg(is_public(addrs[i]) == 1, "%s counted as not public", addrs[i]);
}
END_TEST

START_TEST(test_ipv6)
{
    ck_assert_int_eq(is_public("::1"), 0);
    ck_assert_int_eq(is_public("::"), 0);
    ck_assert_int_eq(is_public("fe80::1"), 0);
    ck_assert_int_eq(is_public("febf::1"), 0);
    ck_assert_int_eq(is_public("fec0::1"), 0); /* deprecated site-local */
    ck_assert_int_eq(is_public("fc00::1"), 0);
    ck_assert_int_eq(is_public("fd12:3456::1"), 0);
    ck_assert_int_eq(is_public("ff02::1"), 0);
    ck_assert_int_eq(is_public("::ffff:10.0.0.1"), 0);
    ck_assert_int_eq(is_public("::ffff:127.0.0.1"), 0);
    ck_assert_int_eq(is_public("::ffff:8.8.8.8"), 1);
    ck_assert_int_eq(is_public("2a00:1450:4001:800::200e"), 1);
    ck_assert_int_eq(is_public("fbff::1"), 1);
    /* The documentation range 2001:db8::/32 is not excluded: the policy is about what
     * could reach inside, and such addresses are simply unroutable. */
    ck_assert_int_eq(is_public("2001:db8::1"), 1);
}
END_TEST

/* IPv6 forms that carry an IPv4 address are judged by that address. */
START_TEST(test_ipv6_embedded_ipv4)
{
    ck_assert_int_eq(is_public("64:ff9b::a00:1"), 0);   /* NAT64 of 10.0.0.1 */
    ck_assert_int_eq(is_public("64:ff9b::808:808"), 1); /* NAT64 of 8.8.8.8 */
    ck_assert_int_eq(is_public("::10.0.0.1"), 0);       /* IPv4-compatible */
    ck_assert_int_eq(is_public("::8.8.8.8"), 1);
    ck_assert_int_eq(is_public("2002:c0a8:101::1"), 0); /* 6to4 of 192.168.1.1 */
    ck_assert_int_eq(is_public("2002:808:808::1"), 1);
    ck_assert_int_eq(is_public("::"), 0);
    ck_assert_int_eq(is_public("::1"), 0);
    ck_assert_int_eq(is_public("64:ff9b:1::a00:1"), 0);    /* local-use NAT64 */
    ck_assert_int_eq(is_public("2001:0:4136:e378::1"), 0); /* Teredo */
}
END_TEST

START_TEST(test_other_family)
{
    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof ss);
    ss.ss_family = AF_UNIX;
    ck_assert_int_eq(delivery_address_public((const struct sockaddr *)&ss), 0);
}
END_TEST

#define KEY "6f1c2d3e-0000-4000-8000-00000000002a"
#define BODY "{\"type\": \"incident.alert\", \"schema_version\": 1}"

/* delivery_address_allowed on a textual address and port, over TLS (plain 0) or not. */
static int allowed(const char *text, int port, const char *allow_hosts, int plain)
{
    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof ss);
    if (strchr(text, ':')) {
        struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons((uint16_t)port);
        ck_assert_int_eq(inet_pton(AF_INET6, text, &in6->sin6_addr), 1);
    } else {
        struct sockaddr_in *in = (struct sockaddr_in *)&ss;
        in->sin_family = AF_INET;
        in->sin_port = htons((uint16_t)port);
        ck_assert_int_eq(inet_pton(AF_INET, text, &in->sin_addr), 1);
    }
    return delivery_address_allowed((const struct sockaddr *)&ss, allow_hosts, plain);
}

/* Hole 8 of issue 8: the demo allowed every private address, so a recipient URL could
 * probe the host's ports. Exactly the named endpoints are allowed, nothing else. */
START_TEST(test_allow_hosts_exactly)
{
    const char *demo = "127.0.0.1:18081";
    ck_assert_int_eq(allowed("127.0.0.1", 18081, demo, 1), 1);
    ck_assert_int_eq(allowed("127.0.0.1", 18081, demo, 0), 1);
    ck_assert_int_eq(allowed("127.0.0.1", 5432, demo, 1), 0); /* the database next door */
    ck_assert_int_eq(allowed("127.0.0.1", 22, demo, 0), 0);
    ck_assert_int_eq(allowed("127.0.0.2", 18081, demo, 1), 0);
    ck_assert_int_eq(allowed("10.0.0.5", 18081, demo, 0), 0);
    ck_assert_int_eq(allowed("::1", 18081, demo, 1), 0);
    /* nothing named: private never, public only over TLS */
    ck_assert_int_eq(allowed("127.0.0.1", 18081, "", 0), 0);
    ck_assert_int_eq(allowed("127.0.0.1", 18081, NULL, 1), 0);
    ck_assert_int_eq(allowed("8.8.8.8", 443, NULL, 0), 1);
    ck_assert_int_eq(allowed("8.8.8.8", 80, NULL, 1), 0);
    ck_assert_int_eq(allowed("8.8.8.8", 80, demo, 1), 0); /* plain http only where named */
    /* lists, ranges, IPv6 in brackets; malformed entries name nothing */
    const char *list = "127.0.0.1:18081, 127.0.0.1:20000-20007,[::1]:18082";
    ck_assert_int_eq(allowed("127.0.0.1", 20000, list, 1), 1);
    ck_assert_int_eq(allowed("127.0.0.1", 20007, list, 1), 1);
    ck_assert_int_eq(allowed("127.0.0.1", 20008, list, 1), 0);
    ck_assert_int_eq(allowed("127.0.0.1", 19999, list, 1), 0);
    ck_assert_int_eq(allowed("::1", 18082, list, 1), 1);
    ck_assert_int_eq(allowed("::1", 18081, list, 1), 0);
    ck_assert_int_eq(allowed("127.0.0.1", 18081, "127.0.0.1", 1), 0);
    ck_assert_int_eq(allowed("127.0.0.1", 18081, "127.0.0.1:", 1), 0);
    ck_assert_int_eq(allowed("127.0.0.1", 18081, "127.0.0.1:18081x", 1), 0);
    ck_assert_int_eq(allowed("127.0.0.1", 0, "127.0.0.1:*", 1), 0);
    ck_assert_int_eq(allowed("127.0.0.1", 18081, "127.0.0.10:18081", 1), 0);
}
END_TEST

/* An endpoint not named fails the same way whether something listens there or not, and
 * before any connection: the receipt tells a recipient nothing about the host. */
START_TEST(test_unnamed_port_not_probed)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    ck_assert_int_eq(bind(s, (struct sockaddr *)&a, sizeof a), 0);
    ck_assert_int_eq(listen(s, 4), 0);
    ck_assert_int_eq(getsockname(s, (struct sockaddr *)&a, &len), 0);
    char open_url[64];
    snprintf(open_url, sizeof open_url, "http://127.0.0.1:%d/x", ntohs(a.sin_port));
    struct delivery_options opt = {1000, 1000, "127.0.0.1:1", NULL};
    char errors[2][256];
    const char *urls[] = {open_url, "http://127.0.0.1:9/x"};
    for (int k = 0; k < 2; k++) {
        struct delivery_request req = {"webhook", urls[k], KEY, BODY, strlen(BODY), NULL};
        struct delivery *d = delivery_http_start(&req, &opt);
        ck_assert_ptr_nonnull(d);
        struct delivery_result r;
        delivery_perform(d, &r);
        ck_assert_int_eq(r.delivered, 0);
        ck_assert_int_eq(r.http_status, 0);
        /* the error names the port and the time taken; but for numbers it is the same */
        int n = 0;
        for (const char *e = r.error; *e && n < 255; e++)
            if (*e < '0' || *e > '9')
                errors[k][n++] = *e;
        errors[k][n] = '\0';
        delivery_free(d);
    }
    ck_assert_str_eq(errors[0], errors[1]);
    /* nothing connected to the listening socket */
    struct timeval tv = {0, 200000};
    fd_set fds;
    FD_ZERO(&fds);
    FD_SET(s, &fds);
    ck_assert_int_eq(select(s + 1, &fds, NULL, NULL, &tv), 0);
    close(s);
}
END_TEST

/* The header lines of req joined with "\n" (static buffer); "(null)" for no list. */
static const char *headers_of(const struct delivery_request *req)
{
    static char buf[2048];
    struct curl_slist *h = delivery_headers(req);
    if (!h)
        return "(null)";
    buf[0] = '\0';
    for (struct curl_slist *p = h; p; p = p->next) {
        strncat(buf, p->data, sizeof buf - strlen(buf) - 2);
        strcat(buf, "\n");
    }
    curl_slist_free_all(h);
    return buf;
}

START_TEST(test_webhook_headers)
{
    struct delivery_request req = {"webhook", "https://hooks.example/in", KEY, BODY, strlen(BODY),
                                   NULL};
    ck_assert_str_eq(headers_of(&req), "Content-Type: application/json\n"
                                       "Accept: application/json\n"
                                       "Idempotency-Key: " KEY "\n"
                                       "Expect:\n");
    req.credential = "";
    ck_assert_ptr_null(strstr(headers_of(&req), "X-Signature"));
    req.credential = "hook secret";
    char mac[65], want[128];
    share_sign_hmac(BODY, strlen(BODY), (const unsigned char *)"hook secret", 11, mac);
    snprintf(want, sizeof want, "X-Signature-SHA256: sha256=%s\n", mac);
    ck_assert_ptr_nonnull(strstr(headers_of(&req), want));
    ck_assert_ptr_null(strstr(headers_of(&req), "Authorization"));
    /* the signature covers exactly body_len bytes */
    req.body_len = 10;
    share_sign_hmac(BODY, 10, (const unsigned char *)"hook secret", 11, mac);
    snprintf(want, sizeof want, "X-Signature-SHA256: sha256=%s\n", mac);
    ck_assert_ptr_nonnull(strstr(headers_of(&req), want));
    char *url = delivery_url(&req);
    ck_assert_str_eq(url, "https://hooks.example/in");
    free(url);
}
END_TEST

START_TEST(test_stix_headers)
{
    struct delivery_request req = {
        "stix", "https://taxii.example/collections/x/objects", KEY, BODY, strlen(BODY), "tok-123"};
    const char *h = headers_of(&req);
    ck_assert_ptr_nonnull(strstr(h, "Content-Type: application/stix+json;version=2.1\n"));
    ck_assert_ptr_nonnull(strstr(h, "Authorization: Bearer tok-123\n"));
    ck_assert_ptr_nonnull(strstr(h, "Idempotency-Key: " KEY "\n"));
    ck_assert_ptr_null(strstr(h, "X-Signature"));
    req.credential = NULL;
    ck_assert_ptr_null(strstr(headers_of(&req), "Authorization"));
    char *url = delivery_url(&req);
    ck_assert_str_eq(url, "https://taxii.example/collections/x/objects");
    free(url);
}
END_TEST

START_TEST(test_misp_headers_and_url)
{
    struct delivery_request req = {"misp", "https://misp.example", KEY,
                                   BODY,   strlen(BODY),           "MISPKEY0123"};
    const char *h = headers_of(&req);
    ck_assert_ptr_nonnull(strstr(h, "Content-Type: application/json\n"));
    ck_assert_ptr_nonnull(strstr(h, "Accept: application/json\n"));
    ck_assert_ptr_nonnull(strstr(h, "Authorization: MISPKEY0123\n"));
    ck_assert_ptr_null(strstr(h, "Bearer"));
    char *url = delivery_url(&req);
    ck_assert_str_eq(url, "https://misp.example/events");
    free(url);
    req.url = "https://misp.example/base//";
    url = delivery_url(&req);
    ck_assert_str_eq(url, "https://misp.example/base/events");
    free(url);
}
END_TEST

START_TEST(test_refused_requests)
{
    struct delivery_request req = {"email", "x@y.example", KEY, BODY, strlen(BODY), NULL};
    ck_assert_str_eq(headers_of(&req), "(null)");
    ck_assert_ptr_null(delivery_url(&req));
    /* no header injection through a credential or a key */
    req.format = "misp";
    req.credential = "key\r\nX-Evil: 1";
    ck_assert_str_eq(headers_of(&req), "(null)");
    req.format = "stix";
    req.credential = "tok\n";
    ck_assert_str_eq(headers_of(&req), "(null)");
    req.credential = NULL;
    req.idempotency_key = "k\r\nX: y";
    ck_assert_str_eq(headers_of(&req), "(null)");
    /* such a request becomes a delivery without a handle that finishes with the reason */
    req.format = "email";
    req.idempotency_key = KEY;
    struct delivery_options opt = {1000, 1000, NULL, NULL};
    struct delivery *d = delivery_http_start(&req, &opt);
    ck_assert_ptr_nonnull(d);
    ck_assert_ptr_null(delivery_handle(d));
    struct delivery_result r;
    delivery_perform(d, &r);
    ck_assert_int_eq(r.delivered, 0);
    ck_assert_str_eq(r.error, "unknown recipient format");
    delivery_free(d);
}
END_TEST

START_TEST(test_body_compact_sorted)
{
    /* as PostgreSQL prints a jsonb: shorter keys first, ", " and ": " */
    const char *pg = "{\"id\": \"x\", \"type\": \"bundle\", \"objects\": [{\"b\": 1, "
                     "\"a\": \"\u00fc/\\\"q\\\" <b>\\n\"}, true, null, -12]}";
    char *body = delivery_body(pg, strlen(pg));
    ck_assert_str_eq(body, "{\"id\":\"x\",\"objects\":[{\"a\":\"\u00fc/\\\"q\\\" <b>\\n\",\"b\":1},"
                           "true,null,-12],\"type\":\"bundle\"}");
    /* what the portal formatted comes out byte for byte */
    char *again = delivery_body(body, strlen(body));
    ck_assert_str_eq(again, body);
    free(again);
    free(body);
    /* only len bytes */
    body = delivery_body("{\"a\": 1}xyz", 8);
    ck_assert_str_eq(body, "{\"a\":1}");
    free(body);
    /* a real number might not print back as it was: sent as it is; so is text */
    const char *as_is[] = {"{\"n\": 0.1, \"a\": 1}", "not json", "{\"a\": [1, 2.5]}", ""};
    for (size_t i = 0; i < sizeof as_is / sizeof as_is[0]; i++) {
        body = delivery_body(as_is[i], strlen(as_is[i]));
        ck_assert_str_eq(body, as_is[i]);
        free(body);
    }
}
END_TEST

START_TEST(test_receipt_id)
{
    char out[DELIVERY_RECEIPT_MAX];
    const char *b = "{\"id\": \"r-42\", \"status\": \"accepted\"}";
    ck_assert_int_eq(delivery_receipt_id(b, strlen(b), out, sizeof out), 0);
    ck_assert_str_eq(out, "r-42");
    b = "{\"id\": 1234567}";
    ck_assert_int_eq(delivery_receipt_id(b, strlen(b), out, sizeof out), 0);
    ck_assert_str_eq(out, "1234567");
    b = "{\"Event\": {\"id\": \"977\", \"uuid\": \"5f0...\", \"info\": \"x\"}}";
    ck_assert_int_eq(delivery_receipt_id(b, strlen(b), out, sizeof out), 0);
    ck_assert_str_eq(out, "977");
    /* only len bytes count */
    b = "{\"id\": \"a\"}garbage";
    ck_assert_int_eq(delivery_receipt_id(b, 11, out, sizeof out), 0);
    ck_assert_str_eq(out, "a");
    const char *none[] = {"",
                          "not json",
                          "[1, 2]",
                          "{}",
                          "{\"id\": null}",
                          "{\"id\": 1.5}",
                          "{\"id\": \"\"}",
                          "{\"id\": \"two words\"}",
                          "{\"id\": \"tab\\t\"}",
                          "{\"Event\": []}",
                          "{\"Event\": {\"uuid\": \"u\"}}",
                          "\"id\""};
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
        strcpy(out, "left over");
        ck_assert_msg(delivery_receipt_id(none[i], strlen(none[i]), out, sizeof out) == -1,
                      "%s gave a receipt", none[i]);
        ck_assert_str_eq(out, "");
    }
    /* too long for the column's limit */
    char big[300];
    memset(big, 'x', sizeof big);
    memcpy(big, "{\"id\": \"", 8);
    memcpy(big + 200, "\"}", 3);
    ck_assert_int_eq(delivery_receipt_id(big, strlen(big), out, sizeof out), -1);
}
END_TEST

static Suite *delivery_suite(void)
{
    Suite *s = suite_create("delivery");
    TCase *tc = tcase_create("backoff");
    tcase_add_test(tc, test_backoff_first);
    tcase_add_test(tc, test_backoff_doubles);
    tcase_add_test(tc, test_backoff_capped);
    suite_add_tcase(s, tc);
    tc = tcase_create("address_public");
    tcase_add_test(tc, test_ipv4_not_public);
    tcase_add_test(tc, test_ipv4_public);
    tcase_add_test(tc, test_ipv6);
    tcase_add_test(tc, test_ipv6_embedded_ipv4);
    tcase_add_test(tc, test_other_family);
    tcase_add_test(tc, test_allow_hosts_exactly);
    tcase_add_test(tc, test_unnamed_port_not_probed);
    suite_add_tcase(s, tc);
    tc = tcase_create("formats");
    tcase_add_test(tc, test_webhook_headers);
    tcase_add_test(tc, test_stix_headers);
    tcase_add_test(tc, test_misp_headers_and_url);
    tcase_add_test(tc, test_refused_requests);
    tcase_add_test(tc, test_body_compact_sorted);
    tcase_add_test(tc, test_receipt_id);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(delivery_suite)
