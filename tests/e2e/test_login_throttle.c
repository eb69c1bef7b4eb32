/* test_login_throttle.c - throttled sign-in that hands an attacker no lock-out: a
 * stranger's wrong passwords slow the stranger down, not the owner signing in from a
 * browser they used before; and attempts made at the same moment are each counted before
 * their password is checked, so a burst cannot try more passwords than the limit. */
#include "testlib.h"

#include "auth.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* A new account with password; its e-mail address in email[64]. */
static void new_account(char email[64], const char *password)
{
    ck_assert_int_eq(auth_init(), 0);
    snprintf(email, 64, "throttle-%u@test.example", randombytes_random());
    char hash[AUTH_PWHASH_TEXT];
    ck_assert_int_eq(auth_password_hash(password, hash), 0);
    PGconn *db = test_db_owner();
    const char *p[] = {email, hash};
    free(test_db_value(db,
                       "INSERT INTO users (email, display_name, password_hash) "
                       "VALUES ($1, 'Throttle Test', $2) RETURNING id",
                       2, p));
    PQfinish(db);
}

START_TEST(stranger_cannot_lock_the_owner_out)
{
    char email[64];
    const char *password = "correct horse battery staple 7";
    new_account(email, password);
    struct http *owner = http_new(), *stranger = http_new();
    ck_assert_int_eq(http_login(owner, email, password), 303); /* the owner's browser */
    int refused = 0;
    for (int i = 0; i < 10; i++) {
        long st = http_login(stranger, email, "guess");
        ck_assert(st == 401 || st == 429);
        refused += st == 429;
    }
    ck_assert_int_ge(refused, 1);
    ck_assert_ptr_nonnull(http_header(stranger, "Retry-After"));
    /* the stranger gets nowhere even with the right password while throttled: sent within
     * a second of a refusal that asked for 2 s or more, so that the wait has not run out
     * however slowly the machine answers (more wrong guesses until such a refusal) */
    ck_assert_int_eq(http_get(stranger, "/login"), 200);
    char token[128];
    snprintf(token, sizeof token, "%s", http_csrf_of(stranger, "/login"));
    long right = 0;
    for (int i = 0; i < 60 && right == 0; i++) {
        long st = http_post(stranger, "/login", "csrf_token", token, "email", email, "password",
                            "guess", NULL);
        ck_assert(st == 401 || st == 429);
        const char *after = http_header(stranger, "Retry-After");
        if (st != 429 || !after || atoi(after) < 2) {
            usleep(200000);
            continue;
        }
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        long st2 = http_post(stranger, "/login", "csrf_token", token, "email", email, "password",
                             password, NULL);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        if ((double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9 < 1.0)
            right = st2;
    }
    ck_assert_int_eq(right, 429);
    /* ... while the owner, from the browser they signed in from before, gets in */
    ck_assert_int_eq(http_login(owner, email, password), 303);
    http_free(owner);
    http_free(stranger);
}
END_TEST

START_TEST(a_burst_of_attempts_is_counted_attempt_by_attempt)
{
    char email[64];
    new_account(email, "the right one 12345");
    enum { BURST = 12 };
    pid_t pids[BURST];
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 0; i < BURST; i++) {
        pids[i] = fork();
        ck_assert_int_ge(pids[i], 0);
        if (pids[i] == 0) {
            struct http *h = http_new();
            long st = http_login(h, email, "a wrong guess");
            _exit(st == 401 ? 1 : st == 429 ? 2 : 3);
        }
    }
    int tried = 0, refused = 0;
    for (int i = 0; i < BURST; i++) {
        int status;
        ck_assert_int_eq(waitpid(pids[i], &status, 0), pids[i]);
        ck_assert(WIFEXITED(status));
        ck_assert_msg(WEXITSTATUS(status) != 3, "an attempt answered neither 401 nor 429");
        tried += WEXITSTATUS(status) == 1;
        refused += WEXITSTATUS(status) == 2;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    /* three go through, then each waits 1 s, 2 s, 4 s ... after the one before: within the
     * burst's T seconds at most floor(log2(T + 1)) more (none when it took under a second,
     * as it does on a machine that is not loaded) */
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    int more = 0;
    while ((1 << (more + 1)) - 1 <= secs)
        more++;
    ck_assert_msg(tried <= 3 + more, "%d of %d simultaneous guesses were checked in %.1f s", tried,
                  BURST, secs);
    ck_assert_int_eq(tried + refused, BURST);
}
END_TEST

static Suite *login_throttle_suite(void)
{
    Suite *s = suite_create("login_throttle");
    TCase *t = tcase_create("throttle");
    tcase_set_timeout(t, 60);
    tcase_add_test(t, stranger_cannot_lock_the_owner_out);
    tcase_add_test(t, a_burst_of_attempts_is_counted_attempt_by_attempt);
    suite_add_tcase(s, t);
    return s;
}

TEST_MAIN(login_throttle_suite)
