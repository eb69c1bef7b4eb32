/* test_router.c - router_match over a small table whose rows embed struct route_pattern:
 * exact paths, the ":id" segment (positive decimal only), 404 versus 405, HEAD as GET,
 * first match wins, and the stride stepping over each row's payload. */
#include "testlib.h"

#include "router.h"

#include <limits.h>
#include <stdio.h>

struct row {
    struct route_pattern match;
    int x;
};

static const struct row table[] = {
    {{"GET", "/"}, 100},
    {{"GET", "/incidents"}, 101},
    {{"POST", "/incidents"}, 102},
    {{"GET", "/incidents/:id"}, 103},
    {{"POST", "/incidents/:id/close"}, 104},
    {{"GET", "/incidents/new"}, 105}, /* "new" is no number, so :id never takes it */
    {{"GET", "/a/:id/b/:id"}, 106},
};
#define N (sizeof table / sizeof table[0])

/* The matched row's x, or the router's negative code. */
static int route(const char *method, const char *path, long *id)
{
    *id = -7;
    int i = router_match(table, N, sizeof table[0], method, path, id);
    return i < 0 ? i : table[i].x;
}

START_TEST(test_exact)
{
    long id;
    ck_assert_int_eq(route("GET", "/", &id), 100);
    ck_assert_int_eq(id, 0);
    ck_assert_int_eq(route("GET", "/incidents", &id), 101);
    ck_assert_int_eq(id, 0);
    ck_assert_int_eq(route("POST", "/incidents", &id), 102);
    ck_assert_int_eq(route("GET", "/incidents/new", &id), 105);
    ck_assert_int_eq(id, 0);
}
END_TEST

START_TEST(test_not_found)
{
    long id;
    ck_assert_int_eq(route("GET", "", &id), ROUTE_NOT_FOUND);
    ck_assert_int_eq(route("GET", "/incident", &id), ROUTE_NOT_FOUND);
    ck_assert_int_eq(route("GET", "/incidentsx", &id), ROUTE_NOT_FOUND);
    ck_assert_int_eq(route("GET", "/incidents/", &id), ROUTE_NOT_FOUND);
    ck_assert_int_eq(route("GET", "/Incidents", &id), ROUTE_NOT_FOUND);
    ck_assert_int_eq(route("GET", "//", &id), ROUTE_NOT_FOUND);
    ck_assert_int_eq(route("GET", "/incidents/7/", &id), ROUTE_NOT_FOUND);
    ck_assert_int_eq(route("GET", "/incidents/7/close/x", &id), ROUTE_NOT_FOUND);
    ck_assert_int_eq(router_match(table, 0, sizeof table[0], "GET", "/", &id), ROUTE_NOT_FOUND);
}
END_TEST

START_TEST(test_id)
{
    long id;
    ck_assert_int_eq(route("GET", "/incidents/1", &id), 103);
    ck_assert_int_eq(id, 1);
    ck_assert_int_eq(route("GET", "/incidents/42", &id), 103);
    ck_assert_int_eq(id, 42);
    ck_assert_int_eq(route("POST", "/incidents/1234567/close", &id), 104);
    ck_assert_int_eq(id, 1234567);
    char path[64];
    snprintf(path, sizeof path, "/incidents/%ld", LONG_MAX);
    ck_assert_int_eq(route("GET", path, &id), 103);
    ck_assert_int_eq(id, LONG_MAX);
    ck_assert_int_eq(route("GET", "/a/5/b/9", &id), 106);
    ck_assert_int_eq(id, 9); /* the last ":id" wins */
}
END_TEST

START_TEST(test_id_refused)
{
    long id;
    ck_assert_int_eq(route("GET", "/incidents/0", &id), ROUTE_NOT_FOUND);
    ck_assert_int_eq(route("GET", "/incidents/007", &id), ROUTE_NOT_FOUND);
    ck_assert_int_eq(route("GET", "/incidents/-1", &id), ROUTE_NOT_FOUND);
    ck_assert_int_eq(route("GET", "/incidents/+1", &id), ROUTE_NOT_FOUND);
    ck_assert_int_eq(route("GET", "/incidents/ 1", &id), ROUTE_NOT_FOUND);
    ck_assert_int_eq(route("GET", "/incidents/abc", &id), ROUTE_NOT_FOUND);
    ck_assert_int_eq(route("GET", "/incidents/12abc", &id), ROUTE_NOT_FOUND);
    ck_assert_int_eq(route("GET", "/incidents/12.5", &id), ROUTE_NOT_FOUND);
    ck_assert_int_eq(route("GET", "/incidents/0x1f", &id), ROUTE_NOT_FOUND);
    ck_assert_int_eq(route("GET", "/incidents/99999999999999999999", &id), ROUTE_NOT_FOUND);
    ck_assert_int_eq(route("GET", "/incidents/:id", &id), ROUTE_NOT_FOUND);
    ck_assert_int_eq(id, -7); /* untouched when nothing matched */
}
END_TEST

START_TEST(test_method)
{
    long id;
    ck_assert_int_eq(route("DELETE", "/incidents", &id), ROUTE_METHOD_NOT_ALLOWED);
    ck_assert_int_eq(route("POST", "/", &id), ROUTE_METHOD_NOT_ALLOWED);
    ck_assert_int_eq(route("POST", "/incidents/3", &id), ROUTE_METHOD_NOT_ALLOWED);
    ck_assert_int_eq(route("GET", "/incidents/3/close", &id), ROUTE_METHOD_NOT_ALLOWED);
    ck_assert_int_eq(route("get", "/incidents", &id), ROUTE_METHOD_NOT_ALLOWED);
    /* a refused id is not found, whatever the method */
    ck_assert_int_eq(route("POST", "/incidents/0/close", &id), ROUTE_NOT_FOUND);
}
END_TEST

START_TEST(test_head)
{
    long id;
    ck_assert_int_eq(route("HEAD", "/incidents", &id), 101);
    ck_assert_int_eq(route("HEAD", "/incidents/8", &id), 103);
    ck_assert_int_eq(id, 8);
    ck_assert_int_eq(route("HEAD", "/incidents/8/close", &id), ROUTE_METHOD_NOT_ALLOWED);
}
END_TEST

static Suite *router_suite(void)
{
    Suite *s = suite_create("router");
    TCase *tc = tcase_create("router_match");
    tcase_add_test(tc, test_exact);
    tcase_add_test(tc, test_not_found);
    tcase_add_test(tc, test_id);
    tcase_add_test(tc, test_id_refused);
    tcase_add_test(tc, test_method);
    tcase_add_test(tc, test_head);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(router_suite)
