/* testlib.h - what the check suites share: a main() per test program, an HTTP client
 * with a cookie jar (libcurl) for the end-to-end tests, the demo logins, and database
 * connections to the throwaway cluster that tests/run-suite.sh starts. */
#ifndef TESTLIB_H
#define TESTLIB_H

#include <check.h>
#include <libpq-fe.h>
#include <stddef.h>
#include <sys/types.h>

/* Each test program defines its suite and ends with TEST_MAIN(its_suite). */
int testlib_run(Suite *s);
#define TEST_MAIN(suite_fn)                                                                        \
    int main(void)                                                                                 \
    {                                                                                              \
        return testlib_run(suite_fn());                                                            \
    }

/* ---- environment set by tests/run-suite.sh ---- */
/* getenv(name), failing the test with a clear message when unset. */
const char *test_env(const char *name);
/* The demo password of email (from the file named by TEST_LOGINS). */
const char *test_password(const char *email);

/* ---- database ---- */
/* A connection as the owner (TEST_OWNER_DB) or the portal's role (TEST_APP_DB). */
PGconn *test_db_owner(void);
PGconn *test_db_app(void);
/* A connection as the portal's role inside an open transaction acting for the user called
 * email (app.user_id, as a signed-in request has it); end it with test_db_app_end, which
 * rolls back. */
PGconn *test_db_app_as(const char *email);
void test_db_app_end(PGconn *db);
/* Runs sql with text parameters and returns the first column of the first row as a
 * malloc'd string ("" when no row); fails the test on error. */
char *test_db_value(PGconn *db, const char *sql, int nparams, const char *const *params);
long test_db_long(PGconn *db, const char *sql, int nparams, const char *const *params);

/* ---- HTTP ---- */
struct http {
    void *curl; /* CURL *, with its own cookie jar */
    long status;
    char *body; /* NUL-terminated */
    size_t body_len;
    char headers[8192];
};

struct http *http_new(void);
void http_free(struct http *h);
/* GET path (relative to TEST_BASE_URL); returns the status. Redirects are not followed. */
long http_get(struct http *h, const char *path);
/* POST an application/x-www-form-urlencoded body built from name/value pairs ending with
 * NULL; values are URL-encoded here. Returns the status. */
long http_post(struct http *h, const char *path, ...) __attribute__((sentinel));
/* POST a raw body with a content type. */
long http_post_raw(struct http *h, const char *path, const char *content_type, const char *body,
                   size_t len);
/* A request to the JSON API as a supplier's tool makes it: method "GET" or "POST", the
 * token as "Authorization: Bearer" (NULL: none), an Idempotency-Key (NULL: none) and a
 * JSON body (NULL: none). Returns the status. */
long http_api(struct http *h, const char *method, const char *path, const char *token,
              const char *idempotency_key, const char *json);
/* The value of response header name (case-insensitive) or NULL; static buffer. */
const char *http_header(struct http *h, const char *name);
/* The first csrf_token hidden field of the last page, or "" (static buffer). */
const char *http_csrf(struct http *h);
/* The csrf_token of the form posting to action. */
const char *http_csrf_of(struct http *h, const char *action);
/* POST multipart/form-data: one file (file_field = NULL for none) and name/value pairs
 * ending with NULL. */
long http_post_multipart(struct http *h, const char *path, const char *file_field,
                         const char *file_name, const char *data, size_t len, ...)
    __attribute__((sentinel));
/* The value attribute of the input named name in the last page (static buffer), or NULL. */
const char *http_input_value(struct http *h, const char *name);
/* GET /login, then POST the credentials; returns the POST's status. */
long http_login(struct http *h, const char *email, const char *password);

/* An url-encoded form body built field by field, posted (and emptied) by http_form_post. */
struct http_form {
    char *body;
    size_t len;
};
void http_form_add(struct http_form *f, const char *name, const char *value);
long http_form_post(struct http *h, const char *path, struct http_form *f);
/* The session's CSRF token on the last page (that of its sign-out form; static buffer). */
const char *http_session_csrf(struct http *h);

/* The id of the organisation called name. */
long test_org_id(PGconn *db, const char *name);
/* Makes an API token (as the owner, straight in the table) for the person email acting
 * for the organisation called org, with scopes ("{assessments:read}"), expiring valid_for
 * from now (an interval; "-1 day" for one that has expired), revoked when revoked; its
 * secret goes to out (48 bytes). */
void test_api_token(const char *email, const char *org, const char *scopes, const char *valid_for,
                    int revoked, char out[48]);
/* Waits (up to 30 s: the forwarder may retry) for the invitation mail to email in the
 * SMTP sink's log (TEST_MAIL_LOG) and returns its token (static buffer). */
const char *test_invitation_token(const char *email);

/* Waits until cond_sql (run as owner) returns "t", at most seconds; returns 1 if it did. */
int test_wait_for(const char *cond_sql, int seconds);

/* The mails in the SMTP sink's log (TEST_MAIL_LOG) to address with a line starting
 * "Subject: <subject>" ("" for any) and, when text is not NULL, a line containing text. */
int test_mails_to(const char *address, const char *subject, const char *text);

/* Starts a receiver (tests/receiver.c) on port logging to log; with pidname, writes
 * run/<pidname>.pid in TEST_DIR so that the suite's cleanup stops it should the test die.
 * test_receiver_stop ends it. */
pid_t test_receiver_start(const char *port, const char *log, const char *pidname);
void test_receiver_stop(pid_t pid);
/* The body of the first request log logged as new (static buffer), or "" when none was. */
const char *test_received_body(const char *log);

#endif
