/* test_fcgi_params.c - the index of a request's FastCGI parameters answers every lookup as
 * libfcgi's own FCGX_GetParam does (the oracle): present and absent names, names that are
 * prefixes of others, empty values, '=' inside values, an entry without '=', a repeated
 * name, no parameters at all, and more parameters than the index holds (the scan). */
#include "testlib.h"

#include "fcgi_params.h"

#include <fcgiapp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const probes[] = {"REQUEST_METHOD",
                                     "DOCUMENT_URI",
                                     "HTTP_COOKIE",
                                     "HTTP_COOKIE2",
                                     "HTTP_COOKI",
                                     "QUERY_STRING",
                                     "EMPTY",
                                     "EQUALS",
                                     "NOEQUALS",
                                     "TWICE",
                                     "CONTENT_TYPE",
                                     "",
                                     "P0",
                                     "P299",
                                     "P300",
                                     "HTTP_ACCEPT",
                                     "HTTP_ACCEPT_LANGUAGE"};

static void agrees_with_libfcgi(char **envp)
{
    static struct fcgi_params p; /* large: not on the stack */
    fcgi_params_index(&p, envp);
    for (size_t i = 0; i < sizeof probes / sizeof *probes; i++) {
        const char *want = FCGX_GetParam(probes[i], envp);
        const char *got = fcgi_params_get(&p, probes[i]);
        if (!want)
            ck_assert_msg(got == NULL, "%s: expected none, got \"%s\"", probes[i], got);
        else
            ck_assert_msg(got == want, "%s: expected \"%s\", got \"%s\"", probes[i], want,
                          got ? got : "(none)");
    }
}

START_TEST(a_request_s_parameters)
{
    char *envp[] = {"REQUEST_METHOD=GET",
                    "DOCUMENT_URI=/login",
                    "HTTP_COOKIE2=b=2",
                    "HTTP_COOKIE=portal_session=abc; x=y",
                    "QUERY_STRING=",
                    "EMPTY=",
                    "EQUALS=a=b=c",
                    "NOEQUALS",
                    "TWICE=first",
                    "TWICE=second",
                    "HTTP_ACCEPT_LANGUAGE=de-DE,de;q=0.9",
                    NULL};
    agrees_with_libfcgi(envp);
    static struct fcgi_params p;
    fcgi_params_index(&p, envp);
    ck_assert_str_eq(fcgi_params_get(&p, "TWICE"), "first");
    ck_assert_str_eq(fcgi_params_get(&p, "EQUALS"), "a=b=c");
    ck_assert_ptr_null(fcgi_params_get(&p, "NOEQUALS"));
    ck_assert_int_eq(p.overflow, 0);
}
END_TEST

START_TEST(no_parameters)
{
    char *envp[] = {NULL};
    agrees_with_libfcgi(envp);
}
END_TEST

START_TEST(more_parameters_than_the_index_holds)
{
    enum { N = 300 };
    char *envp[N + 2];
    for (int i = 0; i < N; i++) {
        envp[i] = malloc(32);
        snprintf(envp[i], 32, "P%d=v%d", i, i);
    }
    envp[N] = "HTTP_COOKIE=late";
    envp[N + 1] = NULL;
    agrees_with_libfcgi(envp);
    static struct fcgi_params p;
    fcgi_params_index(&p, envp);
    ck_assert_int_eq(p.overflow, 1);
    ck_assert_str_eq(fcgi_params_get(&p, "HTTP_COOKIE"), "late");
    for (int i = 0; i < N; i++)
        free(envp[i]);
}
END_TEST

static Suite *fcgi_params_suite(void)
{
    Suite *s = suite_create("fcgi_params");
    TCase *tc = tcase_create("fcgi_params");
    tcase_add_test(tc, a_request_s_parameters);
    tcase_add_test(tc, no_parameters);
    tcase_add_test(tc, more_parameters_than_the_index_holds);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(fcgi_params_suite)
