/* test_socket_mode.c - the portal's FastCGI socket admits only the portal's user and
 * nginx's group: no other local user can connect and speak FastCGI to it. */
#include "testlib.h"

#include <stdio.h>
#include <sys/stat.h>

START_TEST(socket_not_open_to_others)
{
    char path[512];
    snprintf(path, sizeof path, "%s/run/portal.sock", test_env("TEST_DIR"));
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert(S_ISSOCK(st.st_mode));
    ck_assert_msg((st.st_mode & 0007) == 0, "%s is mode %o: open to every local user", path,
                  (unsigned)(st.st_mode & 0777));
    ck_assert_int_eq(http_get(http_new(), "/healthz"), 200); /* nginx still gets through */
}
END_TEST

static Suite *socket_suite(void)
{
    Suite *s = suite_create("socket_mode");
    TCase *t = tcase_create("socket");
    tcase_add_test(t, socket_not_open_to_others);
    suite_add_tcase(s, t);
    return s;
}

TEST_MAIN(socket_suite)
