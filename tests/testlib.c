/* testlib.c - shared test helpers: runner, HTTP client, database access. */
#include "testlib.h"

#include "api_token.h"

#include <curl/curl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

int testlib_run(Suite *s)
{
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? 0 : 1;
}

const char *test_env(const char *name)
{
    const char *v = getenv(name);
    ck_assert_msg(v && *v, "environment variable %s is not set (run through make check)", name);
    return v;
}

const char *test_password(const char *email)
{
    static char password[64];
    FILE *f = fopen(test_env("TEST_LOGINS"), "r");
    ck_assert_msg(f != NULL, "cannot open the demo logins file");
    char line[512];
    password[0] = '\0';
    while (fgets(line, sizeof line, f)) {
        char e[256], p[64];
        if (sscanf(line, "%255s %63s", e, p) == 2 && strcmp(e, email) == 0) {
            snprintf(password, sizeof password, "%s", p);
            break;
        }
    }
    fclose(f);
    ck_assert_msg(password[0], "no demo login for %s", email);
    return password;
}

static PGconn *test_db_connect(const char *env)
{
    PGconn *db = PQconnectdb(test_env(env));
    ck_assert_msg(PQstatus(db) == CONNECTION_OK, "cannot connect (%s): %s", env,
                  PQerrorMessage(db));
    return db;
}

PGconn *test_db_owner(void)
{
    return test_db_connect("TEST_OWNER_DB");
}

PGconn *test_db_app(void)
{
    return test_db_connect("TEST_APP_DB");
}

PGconn *test_db_app_as(const char *email)
{
    PGconn *owner = test_db_owner();
    const char *e[] = {email};
    char *uid = test_db_value(owner, "SELECT id FROM users WHERE email = $1", 1, e);
    PQfinish(owner);
    ck_assert_msg(uid[0] != '\0', "no user %s", email);
    PGconn *db = test_db_app();
    PQclear(PQexec(db, "BEGIN"));
    const char *u[] = {uid};
    free(test_db_value(db, "SELECT set_config('app.user_id', $1, true)", 1, u));
    free(uid);
    return db;
}

void test_db_app_end(PGconn *db)
{
    PQclear(PQexec(db, "ROLLBACK"));
    PQfinish(db);
}

char *test_db_value(PGconn *db, const char *sql, int nparams, const char *const *params)
{
    PGresult *res = PQexecParams(db, sql, nparams, NULL, params, NULL, NULL, 0);
    ExecStatusType st = PQresultStatus(res);
    ck_assert_msg(st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK, "SQL failed: %s\n%s",
                  PQresultErrorMessage(res), sql);
    char *v = strdup(st == PGRES_TUPLES_OK && PQntuples(res) > 0 ? PQgetvalue(res, 0, 0) : "");
    PQclear(res);
    return v;
}

long test_db_long(PGconn *db, const char *sql, int nparams, const char *const *params)
{
    char *v = test_db_value(db, sql, nparams, params);
    long n = strtol(v, NULL, 10);
    free(v);
    return n;
}

static size_t on_body(char *ptr, size_t size, size_t nmemb, void *userdata)
{
    struct http *h = userdata;
    size_t n = size * nmemb;
    char *grown = realloc(h->body, h->body_len + n + 1);
    ck_assert(grown != NULL);
    h->body = grown;
    memcpy(h->body + h->body_len, ptr, n);
    h->body_len += n;
    h->body[h->body_len] = '\0';
    return n;
}

static size_t on_header(char *ptr, size_t size, size_t nmemb, void *userdata)
{
    struct http *h = userdata;
    size_t n = size * nmemb, used = strlen(h->headers);
    if (used + n < sizeof h->headers) {
        memcpy(h->headers + used, ptr, n);
        h->headers[used + n] = '\0';
    }
    return n;
}

struct http *http_new(void)
{
    struct http *h = calloc(1, sizeof *h);
    ck_assert(h != NULL);
    CURL *c = curl_easy_init();
    ck_assert(c != NULL);
    curl_easy_setopt(c, CURLOPT_COOKIEFILE, ""); /* in-memory cookie jar */
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, h);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, h);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
    h->curl = c;
    return h;
}

void http_free(struct http *h)
{
    if (!h)
        return;
    curl_easy_cleanup(h->curl);
    free(h->body);
    free(h);
}

static long http_perform(struct http *h, const char *path)
{
    char url[2048];
    snprintf(url, sizeof url, "%s%s", test_env("TEST_BASE_URL"), path);
    free(h->body);
    h->body = strdup("");
    h->body_len = 0;
    h->headers[0] = '\0';
    h->status = 0;
    curl_easy_setopt(h->curl, CURLOPT_URL, url);
    CURLcode rc = curl_easy_perform(h->curl);
    ck_assert_msg(rc == CURLE_OK, "request to %s failed: %s", url, curl_easy_strerror(rc));
    curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, &h->status);
    return h->status;
}

long http_get(struct http *h, const char *path)
{
    curl_easy_setopt(h->curl, CURLOPT_HTTPGET, 1L);
    return http_perform(h, path);
}

long http_post_raw(struct http *h, const char *path, const char *content_type, const char *body,
                   size_t len)
{
    char ct[256];
    snprintf(ct, sizeof ct, "Content-Type: %s", content_type);
    struct curl_slist *headers = curl_slist_append(NULL, ct);
    headers = curl_slist_append(headers, "Expect:");
    curl_easy_setopt(h->curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(h->curl, CURLOPT_POST, 1L);
    curl_easy_setopt(h->curl, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(h->curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
    long status = http_perform(h, path);
    curl_easy_setopt(h->curl, CURLOPT_HTTPHEADER, NULL);
    curl_slist_free_all(headers);
    return status;
}

long http_api(struct http *h, const char *method, const char *path, const char *token,
              const char *idempotency_key, const char *json)
{
    char auth[256], key[256];
    struct curl_slist *headers = curl_slist_append(NULL, "Accept: application/json");
    headers = curl_slist_append(headers, "Expect:");
    if (token) {
        snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
        headers = curl_slist_append(headers, auth);
    }
    if (idempotency_key) {
        snprintf(key, sizeof key, "Idempotency-Key: %s", idempotency_key);
        headers = curl_slist_append(headers, key);
    }
    if (json)
        headers = curl_slist_append(headers, "Content-Type: application/json");
    curl_easy_setopt(h->curl, CURLOPT_HTTPHEADER, headers);
    if (strcmp(method, "POST") == 0) {
        curl_easy_setopt(h->curl, CURLOPT_POST, 1L);
        curl_easy_setopt(h->curl, CURLOPT_POSTFIELDS, json ? json : "");
        curl_easy_setopt(h->curl, CURLOPT_POSTFIELDSIZE_LARGE,
                         (curl_off_t)(json ? strlen(json) : 0));
    } else
        curl_easy_setopt(h->curl, CURLOPT_HTTPGET, 1L);
    long status = http_perform(h, path);
    curl_easy_setopt(h->curl, CURLOPT_HTTPHEADER, NULL);
    curl_slist_free_all(headers);
    return status;
}

long http_post(struct http *h, const char *path, ...)
{
    char *body = calloc(1, 1);
    size_t len = 0;
    va_list ap;
    va_start(ap, path);
    const char *name;
    while ((name = va_arg(ap, const char *))) {
        const char *value = va_arg(ap, const char *);
        char *esc = curl_easy_escape(h->curl, value ? value : "", 0);
        size_t add = strlen(name) + strlen(esc) + 2;
        body = realloc(body, len + add + 1);
        len += (size_t)sprintf(body + len, "%s%s=%s", len ? "&" : "", name, esc);
        curl_free(esc);
    }
    va_end(ap);
    long status = http_post_raw(h, path, "application/x-www-form-urlencoded", body, len);
    free(body);
    return status;
}

const char *http_header(struct http *h, const char *name)
{
    static char value[1024];
    size_t n = strlen(name);
    for (const char *line = h->headers; line && *line;) {
        if (strncasecmp(line, name, n) == 0 && line[n] == ':') {
            const char *v = line + n + 1;
            while (*v == ' ')
                v++;
            size_t k = strcspn(v, "\r\n");
            if (k >= sizeof value)
                k = sizeof value - 1;
            memcpy(value, v, k);
            value[k] = '\0';
            return value;
        }
        line = strchr(line, '\n');
        if (line)
            line++;
    }
    return NULL;
}

const char *http_csrf(struct http *h)
{
    return http_csrf_of(h, NULL);
}

const char *http_csrf_of(struct http *h, const char *action)
{
    static char token[128];
    token[0] = '\0';
    const char *p = h->body;
    if (p && action) {
        char marker[256];
        snprintf(marker, sizeof marker, "action=\"%s\"", action);
        p = strstr(p, marker);
    }
    p = p ? strstr(p, "name=\"csrf_token\" value=\"") : NULL;
    if (p) {
        p += strlen("name=\"csrf_token\" value=\"");
        size_t n = strcspn(p, "\"");
        if (n < sizeof token) {
            memcpy(token, p, n);
            token[n] = '\0';
        }
    }
    return token;
}

long http_post_multipart(struct http *h, const char *path, const char *file_field,
                         const char *file_name, const char *data, size_t len, ...)
{
    curl_mime *mime = curl_mime_init(h->curl);
    va_list ap;
    va_start(ap, len);
    const char *name;
    while ((name = va_arg(ap, const char *))) {
        const char *value = va_arg(ap, const char *);
        curl_mimepart *part = curl_mime_addpart(mime);
        curl_mime_name(part, name);
        curl_mime_data(part, value, CURL_ZERO_TERMINATED);
    }
    va_end(ap);
    if (file_field) {
        curl_mimepart *part = curl_mime_addpart(mime);
        curl_mime_name(part, file_field);
        curl_mime_filename(part, file_name);
        curl_mime_type(part, "application/octet-stream");
        curl_mime_data(part, data, len);
    }
    struct curl_slist *headers = curl_slist_append(NULL, "Expect:");
    curl_easy_setopt(h->curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(h->curl, CURLOPT_MIMEPOST, mime);
    long status = http_perform(h, path);
    curl_easy_setopt(h->curl, CURLOPT_MIMEPOST, NULL);
    curl_easy_setopt(h->curl, CURLOPT_HTTPHEADER, NULL);
    curl_slist_free_all(headers);
    curl_mime_free(mime);
    return status;
}

const char *http_input_value(struct http *h, const char *name)
{
    static char value[1024];
    char marker[256];
    snprintf(marker, sizeof marker, "name=\"%s\" value=\"", name);
    const char *p = h->body ? strstr(h->body, marker) : NULL;
    if (!p)
        return NULL;
    p += strlen(marker);
    size_t n = strcspn(p, "\"");
    if (n >= sizeof value)
        n = sizeof value - 1;
    memcpy(value, p, n);
    value[n] = '\0';
    return value;
}

long http_login(struct http *h, const char *email, const char *password)
{
    ck_assert_int_eq(http_get(h, "/login"), 200);
    char token[128];
    snprintf(token, sizeof token, "%s", http_csrf_of(h, "/login"));
    return http_post(h, "/login", "csrf_token", token, "email", email, "password", password, NULL);
}

int test_wait_for(const char *cond_sql, int seconds)
{
    PGconn *db = test_db_owner();
    int ok = 0;
    for (int i = 0; i < seconds * 10 && !ok; i++) {
        char *v = test_db_value(db, cond_sql, 0, NULL);
        ok = strcmp(v, "t") == 0;
        free(v);
        if (!ok)
            usleep(100000);
    }
    PQfinish(db);
    return ok;
}

void http_form_add(struct http_form *f, const char *name, const char *value)
{
    char *n = curl_escape(name, 0), *v = curl_escape(value, 0);
    size_t add = strlen(n) + strlen(v) + 2;
    char *grown = realloc(f->body, f->len + add + 1);
    ck_assert(grown != NULL);
    f->body = grown;
    f->len += (size_t)sprintf(f->body + f->len, "%s%s=%s", f->len ? "&" : "", n, v);
    curl_free(n);
    curl_free(v);
}

long http_form_post(struct http *h, const char *path, struct http_form *f)
{
    long status =
        http_post_raw(h, path, "application/x-www-form-urlencoded", f->body ? f->body : "", f->len);
    free(f->body);
    f->body = NULL;
    f->len = 0;
    return status;
}

const char *http_session_csrf(struct http *h)
{
    static char token[128];
    snprintf(token, sizeof token, "%s", http_csrf_of(h, "/logout"));
    return token;
}

long test_org_id(PGconn *db, const char *name)
{
    const char *p[] = {name};
    return test_db_long(db, "SELECT id FROM organisations WHERE name = $1", 1, p);
}

void test_api_token(const char *email, const char *org, const char *scopes, const char *valid_for,
                    int revoked, char out[48])
{
    char hash[API_TOKEN_HASH_TEXT];
    api_token_new(out);
    api_token_hash(out, hash);
    PGconn *db = test_db_owner();
    const char *p[] = {hash, scopes, valid_for, revoked ? "t" : "f", email, org};
    long id = test_db_long(db,
                           "INSERT INTO api_tokens (user_id, org_id, name, token_hash, scopes, "
                           "  created_at, expires_at, revoked_at) "
                           "SELECT u.id, o.id, 'test tool', $1::bytea, $2::text[], "
                           "  now() - interval '30 days', now() + $3::interval, "
                           "  CASE WHEN $4::boolean THEN now() END "
                           "FROM users u, organisations o WHERE u.email = $5 AND o.name = $6 "
                           "RETURNING id",
                           6, p);
    ck_assert_msg(id > 0, "no token made for %s in %s", email, org);
    PQfinish(db);
}

const char *test_invitation_token(const char *email)
{
    const char *log = test_env("TEST_MAIL_LOG");
    static char token[128];
    for (int tries = 0; tries < 300; tries++) {
        FILE *f = fopen(log, "r");
        char line[4096];
        int to_them = 0;
        token[0] = '\0';
        while (f && fgets(line, sizeof line, f)) {
            if (strncmp(line, "=== MAIL FROM", 13) == 0)
                to_them = strstr(line, email) != NULL;
            const char *t = strstr(line, "/invite?token=");
            if (to_them && t)
                sscanf(t + strlen("/invite?token="), "%127[A-Za-z0-9_-]", token);
        }
        if (f)
            fclose(f);
        if (token[0])
            return token;
        usleep(100000);
    }
    ck_abort_msg("no invitation mail to %s arrived", email);
    return NULL;
}

int test_mails_to(const char *address, const char *subject, const char *text)
{
    FILE *f = fopen(test_env("TEST_MAIL_LOG"), "r");
    if (!f)
        return 0;
    char line[4096], to[300], want[300];
    snprintf(to, sizeof to, "<%s>", address);
    snprintf(want, sizeof want, "Subject: %s", subject);
    int n = 0, mine = 0, subject_ok = 0, text_ok = 0;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "=== MAIL FROM", 13) == 0) {
            mine = strstr(line, to) != NULL;
            subject_ok = 0;
            text_ok = text == NULL;
        } else if (strncmp(line, "=== END", 7) == 0) {
            n += mine && subject_ok && text_ok;
            mine = 0;
        } else if (mine) {
            subject_ok |= strncmp(line, want, strlen(want)) == 0;
            text_ok |= text && strstr(line, text) != NULL;
        }
    }
    fclose(f);
    return n;
}

pid_t test_receiver_start(const char *port, const char *log, const char *pidname)
{
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        execl(test_env("TEST_RECEIVER"), "receiver", port, log, (char *)NULL);
        _exit(127);
    }
    if (pidname) {
        char pidfile[512];
        snprintf(pidfile, sizeof pidfile, "%s/run/%s.pid", test_env("TEST_DIR"), pidname);
        FILE *f = fopen(pidfile, "w");
        if (f) {
            fprintf(f, "%d\n", (int)pid);
            fclose(f);
        }
    }
    return pid;
}

void test_receiver_stop(pid_t pid)
{
    kill(pid, SIGTERM);
    waitpid(pid, NULL, 0);
}

const char *test_received_body(const char *log)
{
    static char line[65536];
    FILE *f = fopen(log, "r");
    int found = 0;
    while (f && !found && fgets(line, sizeof line, f))
        found = strncmp(line, "new ", 4) == 0;
    if (f)
        fclose(f);
    const char *body = found ? strchr(line + 4, ' ') : NULL;
    return body ? body + 1 : "";
}
