/* test_language.c - the portal speaks German (issue 10): a browser asking for German in
 * Accept-Language gets German pages with <html lang="de">, a person's choice on /account
 * overrides the browser either way (a CSRF-checked POST answered 303), a person who chose
 * German gets the portal's mail in German, and what C builds (the countdowns of the
 * regulatory clocks, the timeline) reads in German too. */
#include "testlib.h"

#include <curl/curl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define ADMIN "admin@northwind.example"
#define GERMAN "reporter@bolt.example"
#define COORDINATOR "coordinator@northwind.example"
#define REPORTER "reporter@energy.example"

/* GET path with an Accept-Language header (NULL: none). */
static long get_in(struct http *h, const char *path, const char *accept)
{
    char line[256];
    struct curl_slist *headers = NULL;
    if (accept) {
        snprintf(line, sizeof line, "Accept-Language: %s", accept);
        headers = curl_slist_append(NULL, line);
    }
    curl_easy_setopt(h->curl, CURLOPT_HTTPHEADER, headers);
    long status = http_get(h, path);
    curl_easy_setopt(h->curl, CURLOPT_HTTPHEADER, NULL);
    curl_slist_free_all(headers);
    return status;
}

static long choose(struct http *h, const char *lang)
{
    ck_assert_int_eq(http_get(h, "/account"), 200);
    char csrf[128];
    snprintf(csrf, sizeof csrf, "%s", http_csrf_of(h, "/account/language"));
    ck_assert_str_ne(csrf, "");
    return http_post(h, "/account/language", "csrf_token", csrf, "lang", lang, NULL);
}

static void forget_choices(void)
{
    PGconn *db = test_db_owner();
    PQclear(PQexec(db, "UPDATE users SET lang = NULL WHERE email IN ('" GERMAN "', '" COORDINATOR
                       "', '" ADMIN "')"));
    PQfinish(db);
}

START_TEST(accept_language_chooses_german)
{
    struct http *h = http_new();
    ck_assert_int_eq(get_in(h, "/login", "de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7"), 200);
    ck_assert_ptr_nonnull(strstr(h->body, "<html lang=\"de\">"));
    ck_assert_ptr_nonnull(strstr(h->body, "E-Mail-Adresse"));
    ck_assert_ptr_null(strstr(h->body, "E-mail address"));
    /* a higher q-value for English wins, whatever the order */
    ck_assert_int_eq(get_in(h, "/login", "de;q=0.5, en"), 200);
    ck_assert_ptr_nonnull(strstr(h->body, "<html lang=\"en\">"));
    ck_assert_ptr_nonnull(strstr(h->body, "E-mail address"));
    /* nothing asked, or only languages the portal does not speak: English */
    ck_assert_int_eq(get_in(h, "/login", NULL), 200);
    ck_assert_ptr_nonnull(strstr(h->body, "<html lang=\"en\">"));
    ck_assert_int_eq(get_in(h, "/login", "fr-FR, it;q=0.5"), 200);
    ck_assert_ptr_nonnull(strstr(h->body, "<html lang=\"en\">"));
    /* error pages too */
    ck_assert_int_eq(get_in(h, "/no-such-page", "de"), 404);
    ck_assert_ptr_nonnull(strstr(h->body, "Nicht gefunden"));
    http_free(h);
}
END_TEST

START_TEST(the_account_choice_overrides_the_browser)
{
    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, GERMAN, test_password(GERMAN)), 303);
    ck_assert_int_eq(get_in(h, "/account", "de"), 200);
    ck_assert_ptr_nonnull(strstr(h->body, "Ihr Konto"));
    /* the browser's language is the one offered as chosen until the person chooses */
    ck_assert_ptr_nonnull(strstr(h->body, "value=\"browser\" checked"));

    ck_assert_int_eq(choose(h, "de"), 303);
    ck_assert_str_eq(http_header(h, "Location"), "/account?language=1");
    ck_assert_int_eq(get_in(h, "/account?language=1", "en"), 200);
    ck_assert_ptr_nonnull(strstr(h->body, "<html lang=\"de\">"));
    ck_assert_ptr_nonnull(strstr(h->body, "Sprache gespeichert."));
    ck_assert_ptr_nonnull(strstr(h->body, "value=\"de\" checked"));
    ck_assert_int_eq(get_in(h, "/", "en-GB"), 200);
    ck_assert_ptr_nonnull(strstr(h->body, "Sicherheitsvorfall melden"));

    ck_assert_int_eq(choose(h, "en"), 303);
    ck_assert_int_eq(get_in(h, "/", "de"), 200);
    ck_assert_ptr_nonnull(strstr(h->body, "<html lang=\"en\">"));
    ck_assert_ptr_nonnull(strstr(h->body, "Report an incident"));

    /* back to the browser's choice */
    ck_assert_int_eq(choose(h, "browser"), 303);
    ck_assert_int_eq(get_in(h, "/", "de"), 200);
    ck_assert_ptr_nonnull(strstr(h->body, "<html lang=\"de\">"));
    PGconn *db = test_db_owner();
    const char *p[] = {GERMAN};
    char *stored =
        test_db_value(db, "SELECT coalesce(lang, 'none') FROM users WHERE email = $1", 1, p);
    ck_assert_str_eq(stored, "none");
    free(stored);
    /* and the changes are in the audit log */
    ck_assert_int_ge(test_db_long(db,
                                  "SELECT count(*) FROM audit_log a JOIN users u ON "
                                  "u.id = a.user_id WHERE u.email = $1 AND a.action = "
                                  "'set_language'",
                                  1, p),
                     3);
    PQfinish(db);

    /* a language the portal does not speak is refused; so is a form without the token */
    ck_assert_int_eq(choose(h, "fr"), 422);
    ck_assert_int_eq(http_post(h, "/account/language", "lang", "de", NULL), 403);
    http_free(h);
    forget_choices();
}
END_TEST

/* The newest mail to email whose text holds needle, waited for (static buffer). */
static const char *mail_to(const char *email, const char *needle)
{
    const char *log = test_env("TEST_MAIL_LOG");
    static char mail[16384];
    for (int tries = 0; tries < 300; tries++) {
        FILE *f = fopen(log, "r");
        char line[4096];
        int to_them = 0, found = 0;
        size_t len = 0;
        while (f && fgets(line, sizeof line, f)) {
            if (strncmp(line, "=== MAIL FROM", 13) == 0) {
                if (to_them && strstr(mail, needle))
                    found = 1;
                if (found)
                    break;
                to_them = strstr(line, email) != NULL;
                len = 0;
                mail[0] = '\0';
            }
            if (to_them && len + strlen(line) < sizeof mail) {
                memcpy(mail + len, line, strlen(line) + 1);
                len += strlen(line);
            }
        }
        if (f)
            fclose(f);
        if (found || (to_them && strstr(mail, needle)))
            return mail;
        usleep(100000);
    }
    ck_abort_msg("no mail to %s with \"%s\" arrived", email, needle);
    return NULL;
}

START_TEST(a_german_user_gets_german_mail)
{
    ck_assert_int_ge(sodium_init(), 0);
    struct http *g = http_new();
    ck_assert_int_eq(http_login(g, GERMAN, test_password(GERMAN)), 303);
    ck_assert_int_eq(choose(g, "de"), 303);

    /* an administrator who reads English invites the German account to an organisation */
    char org[96];
    snprintf(org, sizeof org, "Sprachtest GmbH %u", randombytes_random());
    struct http *admin = http_new();
    ck_assert_int_eq(http_login(admin, ADMIN, test_password(ADMIN)), 303);
    ck_assert_int_eq(get_in(admin, "/organisations", "en"), 200);
    char csrf[128];
    snprintf(csrf, sizeof csrf, "%s", http_csrf_of(admin, "/organisations"));
    ck_assert_int_eq(http_post(admin, "/organisations", "csrf_token", csrf, "organisation", org,
                               "relation", "supplier", "user_email", GERMAN, "user_name",
                               "Greta Deutsch", "role", "incident_reporter", NULL),
                     303);
    const char *mail = mail_to(GERMAN, org);
    ck_assert_msg(strstr(mail, "Hallo") != NULL, "not German: %s", mail);
    ck_assert_msg(strstr(mail, "Meldende Person") != NULL, "role not in German: %s", mail);
    ck_assert_ptr_null(strstr(mail, "Hello"));
    ck_assert_ptr_null(strstr(mail, "expires in"));
    http_free(admin);
    http_free(g);
    forget_choices();
}
END_TEST

/* Reports an incident as a reporter of a group company (English) and returns its id. */
static long report_incident(const char *title)
{
    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, REPORTER, test_password(REPORTER)), 303);
    ck_assert_int_eq(http_get(h, "/incidents/new"), 200);
    char token[128];
    snprintf(token, sizeof token, "%s", http_csrf(h));
    ck_assert_int_eq(http_post(h, "/incidents", "csrf_token", token, "title", title, "detected_at",
                               "2026-01-15T08:30", "description", "Verschlüsselte Dateien.",
                               "category", "malware", "severity", "critical", "tlp", "amber", NULL),
                     303);
    long id = 0;
    ck_assert_int_eq(sscanf(http_header(h, "Location"), "/incidents/%ld", &id), 1);
    http_free(h);
    return id;
}

START_TEST(countdowns_and_timeline_in_german)
{
    long id = report_incident("Ransomware im Umspannwerk");
    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, COORDINATOR, test_password(COORDINATOR)), 303);
    ck_assert_int_eq(choose(h, "de"), 303);
    ck_assert_int_eq(http_get(h, "/account"), 200);
    char token[128];
    snprintf(token, sizeof token, "%s", http_session_csrf(h));
    /* aware since 30 hours: the early warning is 6 hours overdue, the notification due in
     * 1 day 18 hours */
    char aware[24], action[96], path[64];
    time_t t = time(NULL) - 30 * 3600;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(aware, sizeof aware, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(action, sizeof action, "/incidents/%ld/reportable", id);
    ck_assert_int_eq(
        http_post(h, action, "csrf_token", token, "nis2", "1", "awareness_at", aware, NULL), 303);
    /* what a sharing rule wrote, with the words the database stored for it */
    PGconn *db = test_db_owner();
    char iid[24];
    snprintf(iid, sizeof iid, "%ld", id);
    const char *p[] = {iid};
    PQclear(PQexecParams(db,
                         "INSERT INTO timeline (org_id, entity, entity_id, who, action, detail) "
                         "SELECT org_id, 'incident', id, 'sharing rule', 'shared_by_rule', "
                         "'CERT-Test' FROM incidents WHERE id = $1",
                         1, NULL, p, NULL, NULL, 0));
    PQfinish(db);

    snprintf(path, sizeof path, "/incidents/%ld", id);
    ck_assert_int_eq(get_in(h, path, "en"), 200);
    ck_assert_msg(strstr(h->body, "überfällig seit 5 Std. 59 Min.") ||
                      strstr(h->body, "überfällig seit 6 Std. 0 Min."),
                  "no German overdue countdown");
    ck_assert_msg(strstr(h->body, "in 1 Tg. 17 Std.") || strstr(h->body, "in 1 Tg. 18 Std."),
                  "no German countdown");
    ck_assert_ptr_null(strstr(h->body, "overdue by"));
    /* the default scale's category, stored in English, in German */
    ck_assert_ptr_nonnull(strstr(h->body, "Schadsoftware"));
    ck_assert_ptr_null(strstr(h->body, ">Malware<"));
    ck_assert_ptr_nonnull(strstr(h->body, "Meldepflicht festgelegt")); /* the timeline */
    ck_assert_ptr_nonnull(strstr(h->body, "Weitergaberegel"));
    ck_assert_ptr_null(strstr(h->body, "sharing rule"));
    ck_assert_int_eq(get_in(h, "/queue", "en"), 200);
    ck_assert_ptr_nonnull(strstr(h->body, "überfällig seit"));

    /* the same page for someone reading English */
    ck_assert_int_eq(choose(h, "en"), 303);
    ck_assert_int_eq(get_in(h, path, "de"), 200);
    ck_assert_ptr_nonnull(strstr(h->body, "overdue by "));
    ck_assert_ptr_nonnull(strstr(h->body, ">Sharing rule<"));
    http_free(h);
    forget_choices();
}
END_TEST

static Suite *language_suite(void)
{
    Suite *s = suite_create("language");
    TCase *t = tcase_create("language");
    tcase_set_timeout(t, 60);
    tcase_add_test(t, accept_language_chooses_german);
    tcase_add_test(t, the_account_choice_overrides_the_browser);
    tcase_add_test(t, a_german_user_gets_german_mail);
    tcase_add_test(t, countdowns_and_timeline_in_german);
    suite_add_tcase(s, t);
    return s;
}

TEST_MAIN(language_suite)
