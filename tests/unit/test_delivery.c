/* test_delivery.c - the pure parts of delivery: the exponential backoff with equal jitter,
 * and the outbound address policy (which IPv4/IPv6 addresses count as public). No
 * network: addresses are parsed with inet_pton into struct sockaddr by hand. */
#include "testlib.h"

#include "delivery.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

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
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(delivery_suite)
