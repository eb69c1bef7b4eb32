/* test_request.c - the request parser (lib/request.c) over an in-memory FastCGI request:
 * content types with parameters or in upper case are read, a multipart body without a
 * usable boundary is refused rather than crashing ClearSilver, a NUL byte in a multipart
 * text field is refused while files may hold any byte, several multipart requests in one
 * process each find their own boundary, and the query string is told apart from the body. */
#include "testlib.h"

#include "memreq.h"
#include "request.h"

#include <string.h>

struct parsed {
    struct memreq mem;
    struct request req;
    int status;
};

/* Parses a POST with content type ct (NULL: none) and the body lit[0..len). */
static void parse_post(struct parsed *p, const char *ct, const char *query, const char *body,
                       size_t len)
{
    char ct_env[512], cl_env[64], qs_env[512];
    snprintf(ct_env, sizeof ct_env, "CONTENT_TYPE=%s", ct ? ct : "");
    snprintf(cl_env, sizeof cl_env, "CONTENT_LENGTH=%lu", (unsigned long)len);
    snprintf(qs_env, sizeof qs_env, "QUERY_STRING=%s", query ? query : "");
    const char *env[] = {"REQUEST_METHOD=POST", "DOCUMENT_URI=/login", cl_env, qs_env, ct_env};
    ck_assert_int_eq(memreq_init(&p->mem, env, ct ? 5 : 4, body, len), 0);
    p->status = req_begin(&p->req, &p->mem.fcgi, 1 << 20);
}

static void parsed_free(struct parsed *p)
{
    req_end(&p->req);
    memreq_free(&p->mem);
}

#define BODY(lit) lit, sizeof(lit) - 1

START_TEST(test_urlencoded_plain)
{
    struct parsed p;
    parse_post(&p, "application/x-www-form-urlencoded", NULL, BODY("a=1&b=two"));
    ck_assert_int_eq(p.status, 0);
    ck_assert_str_eq(req_param(&p.req, "b"), "two");
    parsed_free(&p);
}
END_TEST

START_TEST(test_urlencoded_with_charset)
{
    struct parsed p;
    parse_post(&p, "application/x-www-form-urlencoded; charset=utf-8", NULL, BODY("a=1&b=two"));
    ck_assert_int_eq(p.status, 0);
    ck_assert_ptr_nonnull(req_param(&p.req, "b"));
    ck_assert_str_eq(req_param(&p.req, "b"), "two");
    parsed_free(&p);
}
END_TEST

START_TEST(test_urlencoded_upper_case)
{
    struct parsed p;
    parse_post(&p, "Application/X-WWW-Form-URLEncoded;Charset=UTF-8", NULL, BODY("b=two"));
    ck_assert_int_eq(p.status, 0);
    ck_assert_ptr_nonnull(req_param(&p.req, "b"));
    ck_assert_str_eq(req_param(&p.req, "b"), "two");
    parsed_free(&p);
}
END_TEST

START_TEST(test_multipart_without_boundary)
{
    const char *types[] = {"multipart/form-data",
                           "multipart/form-data;",
                           "multipart/form-data; boundary=",
                           "multipart/form-data; boundary=\"\"",
                           "multipart/form-data; charset=x",
                           "MULTIPART/FORM-DATA"};
    struct parsed ok; /* a boundary seen first is what made ClearSilver crash on none */
    parse_post(&ok, "multipart/form-data; boundary=abc", NULL,
               BODY("--abc\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--abc--\r\n"));
    ck_assert_int_eq(ok.status, 0);
    parsed_free(&ok);
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        struct parsed p;
        parse_post(&p, types[i], NULL, BODY("x=1\r\n--\r\n"));
        ck_assert_msg(p.status == 400, "%s: status %d", types[i], p.status);
        parsed_free(&p);
    }
}
END_TEST

/* ClearSilver takes any type starting with "multipart/form-data" for multipart (found by
 * tests/fuzz/fuzz_request.c); such a body is not parsed at all. */
START_TEST(test_multipart_lookalike_type_ignored)
{
    const char *types[] = {"multipart/form-dataD boundary=abc",
                           "multipart/form-data-x; boundary=abc"};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        struct parsed ok, p;
        parse_post(
            &ok, "multipart/form-data; boundary=abc", NULL,
            BODY("--abc\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--abc--\r\n"));
        parsed_free(&ok);
        parse_post(
            &p, types[i], NULL,
            BODY("--abc\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--abc--\r\n"));
        ck_assert_int_eq(p.status, 0);
        ck_assert_ptr_null(req_param(&p.req, "a"));
        parsed_free(&p);
    }
}
END_TEST

START_TEST(test_multipart_boundary_too_long)
{
    char ct[200];
    snprintf(ct, sizeof ct, "multipart/form-data; boundary=%071d", 0);
    struct parsed p;
    parse_post(&p, ct, NULL, BODY("x=1"));
    ck_assert_int_eq(p.status, 400);
    parsed_free(&p);
}
END_TEST

START_TEST(test_multipart_fields)
{
    struct parsed p;
    parse_post(&p, "Multipart/Form-Data; boundary=\"XyZ\"", NULL,
               BODY("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nhello\r\n"
                    "--XyZ--\r\n"));
    ck_assert_int_eq(p.status, 0);
    ck_assert_ptr_nonnull(req_param(&p.req, "a"));
    ck_assert_str_eq(req_param(&p.req, "a"), "hello");
    parsed_free(&p);
}
END_TEST

START_TEST(test_multipart_nul_in_text_field)
{
    struct parsed p;
    parse_post(&p, "multipart/form-data; boundary=B1", NULL,
               BODY("--B1\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nab\0cd\r\n"
                    "--B1--\r\n"));
    ck_assert_int_eq(p.status, 400);
    parsed_free(&p);
}
END_TEST

/* ClearSilver leaks the first value of a repeated Content-Disposition, Content-Type or
 * Content-Encoding (found by tests/fuzz/fuzz_request.c): a worker could be grown without
 * bound, so such a part is refused. */
START_TEST(test_multipart_repeated_header)
{
    struct parsed p;
    parse_post(&p, "multipart/form-data; boundary=B1", NULL,
               BODY("--B1\r\nContent-Disposition: form-data; name=\"a\"\r\n"
                    "content-disposition: form-data; name=\"b\"\r\n\r\nx\r\n--B1--\r\n"));
    ck_assert_int_eq(p.status, 400);
    parsed_free(&p);
    parse_post(&p, "multipart/form-data; boundary=B1", NULL,
               BODY("--B1\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n"
                    "--B1\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\ny\r\n--B1--\r\n"));
    ck_assert_int_eq(p.status, 0);
    ck_assert_str_eq(req_param(&p.req, "b"), "y");
    parsed_free(&p);
}
END_TEST

START_TEST(test_multipart_nul_in_file)
{
    struct parsed p;
    parse_post(&p, "multipart/form-data; boundary=B1", NULL,
               BODY("--B1\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nok\r\n"
                    "--B1\r\nContent-Disposition: form-data; name=\"file\"; "
                    "filename=\"a.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                    "\x01\0\x02\r\n--B1--\r\n"));
    ck_assert_int_eq(p.status, 0);
    ck_assert_str_eq(req_param(&p.req, "title"), "ok");
    FILE *f = cgi_filehandle(p.req.cgi, "file");
    ck_assert_ptr_nonnull(f);
    char buf[8];
    ck_assert_uint_eq(fread(buf, 1, sizeof buf, f), 3);
    ck_assert_int_eq(buf[1], 0);
    parsed_free(&p);
}
END_TEST

/* ClearSilver caches the boundary's length under the address of the boundary string;
 * when the next request's boundary is allocated at the same address, a stale length
 * would make it miss every boundary line. */
START_TEST(test_multipart_boundaries_of_different_lengths)
{
    const char *boundaries[] = {"short", "a-much-longer-boundary-xyz", "mid-length-1", "s2",
                                "------WebKitFormBoundary7MA4YWxkTrZu0gW"};
    for (int round = 0; round < 3; round++)
        for (size_t i = 0; i < sizeof boundaries / sizeof boundaries[0]; i++) {
            char ct[128], body[512];
            snprintf(ct, sizeof ct, "multipart/form-data; boundary=%s", boundaries[i]);
            int n = snprintf(body, sizeof body,
                             "--%s\r\nContent-Disposition: form-data; name=\"k\"\r\n\r\nv%zu\r\n"
                             "--%s--\r\n",
                             boundaries[i], i, boundaries[i]);
            struct parsed p;
            parse_post(&p, ct, NULL, body, (size_t)n);
            ck_assert_int_eq(p.status, 0);
            char want[8];
            snprintf(want, sizeof want, "v%zu", i);
            ck_assert_msg(req_param(&p.req, "k") && strcmp(req_param(&p.req, "k"), want) == 0,
                          "boundary %s (round %d): field not found", boundaries[i], round);
            parsed_free(&p);
        }
}
END_TEST

/* Only GET, HEAD and POST are parsed: ClearSilver spins for ever reading a PUT body that
 * is shorter than its CONTENT_LENGTH (found by tests/fuzz/fuzz_request.c). */
START_TEST(test_other_methods_not_parsed)
{
    const char *env[] = {"REQUEST_METHOD=PUT", "DOCUMENT_URI=/login", "CONTENT_LENGTH=3075"};
    struct memreq mem;
    ck_assert_int_eq(memreq_init(&mem, env, 3, "-", 1), 0);
    struct request req;
    ck_assert_int_eq(req_begin(&req, &mem.fcgi, 1 << 20), 405);
    req_end(&req);
    memreq_free(&mem);
}
END_TEST

START_TEST(test_query_told_apart_from_body)
{
    struct parsed p;
    parse_post(&p, "application/x-www-form-urlencoded", "x=1&csrf%5Ftoken=abc",
               BODY("csrf_token=def"));
    ck_assert_int_eq(p.status, 0);
    ck_assert_int_eq(req_query_has(&p.req, "csrf_token"), 1);
    ck_assert_int_eq(req_query_has(&p.req, "x"), 1);
    ck_assert_int_eq(req_query_has(&p.req, "y"), 0);
    parsed_free(&p);
    parse_post(&p, "application/x-www-form-urlencoded", "csrf_tokenx=1&a=csrf_token",
               BODY("csrf_token=def"));
    ck_assert_int_eq(req_query_has(&p.req, "csrf_token"), 0);
    parsed_free(&p);
}
END_TEST

static Suite *request_suite(void)
{
    Suite *s = suite_create("request");
    TCase *t = tcase_create("parse");
    tcase_add_test(t, test_urlencoded_plain);
    tcase_add_test(t, test_urlencoded_with_charset);
    tcase_add_test(t, test_urlencoded_upper_case);
    tcase_add_test(t, test_multipart_without_boundary);
    tcase_add_test(t, test_multipart_lookalike_type_ignored);
    tcase_add_test(t, test_multipart_boundary_too_long);
    tcase_add_test(t, test_multipart_fields);
    tcase_add_test(t, test_multipart_nul_in_text_field);
    tcase_add_test(t, test_multipart_nul_in_file);
    tcase_add_test(t, test_multipart_repeated_header);
    tcase_add_test(t, test_multipart_boundaries_of_different_lengths);
    tcase_add_test(t, test_other_methods_not_parsed);
    tcase_add_test(t, test_query_told_apart_from_body);
    suite_add_tcase(s, t);
    return s;
}

TEST_MAIN(request_suite)
