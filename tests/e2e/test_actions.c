/* test_actions.c - improvement actions over HTTP, through nginx and the portal, on a parent
 * overseeing a supplier and a stranger organisation, each with an org_admin:
 * - the parent's admin assigns an action to the supplier (invalid input answers 422 with
 *   messages; a valid one 303 to the action's page, which confirms it and shows who
 *   assigned it and the first history row);
 * - the supplier's admin updates its status with a comment (303, confirmed, in the
 *   history); an invalid update answers 422 with the typed values and a message beside
 *   each field, and changes nothing; an update without the CSRF token is refused;
 * - the stranger reaches neither the action nor the supplier's action form. */
#include "testlib.h"

#include "auth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PASSWORD "actions passphrase 1"

static PGconn *owner;
static char sfx[32];
static long parent, child, stranger;

static long new_org(const char *name)
{
    const char *p[] = {name, sfx};
    return test_db_long(
        owner, "INSERT INTO organisations (name) VALUES ($1 || ' ' || $2) RETURNING id", 2, p);
}

static const char *email_of(const char *who)
{
    static char email[128];
    snprintf(email, sizeof email, "%s.%s@actions.example", who, sfx);
    return email;
}

static void admin_of(const char *who, long org)
{
    char hash[AUTH_PWHASH_TEXT], o[24], name[64];
    ck_assert_int_eq(auth_password_hash(PASSWORD, hash), 0);
    snprintf(o, sizeof o, "%ld", org);
    snprintf(name, sizeof name, "%s person", who);
    const char *p[] = {email_of(who), o, hash, name};
    test_db_long(owner,
                 "WITH u AS (INSERT INTO users (email, display_name, password_hash) "
                 "  VALUES ($1, $4, $3) RETURNING id), "
                 "m AS (INSERT INTO memberships (user_id, org_id, role) "
                 "  SELECT id, $2::bigint, 'org_admin' FROM u) SELECT id FROM u",
                 4, p);
}

static void setup(void)
{
    snprintf(sfx, sizeof sfx, "%d", (int)getpid());
    owner = test_db_owner();
    parent = new_org("Actions Parent");
    child = new_org("Actions Supplier");
    stranger = new_org("Actions Stranger");
    char a[24], b[24];
    snprintf(a, sizeof a, "%ld", parent);
    snprintf(b, sizeof b, "%ld", child);
    const char *p[] = {a, b};
    test_db_long(owner,
                 "INSERT INTO org_relations (parent_id, child_id, kind, administers) "
                 "VALUES ($1, $2, 'supplier', true) RETURNING child_id",
                 2, p);
    admin_of("parent", parent);
    admin_of("child", child);
    admin_of("stranger", stranger);
}

static void teardown(void)
{
    PQfinish(owner);
}

static struct http *signed_in(const char *who)
{
    struct http *h = http_new();
    ck_assert_int_eq(http_login(h, email_of(who), PASSWORD), 303);
    ck_assert_int_eq(http_get(h, "/"), 200);
    return h;
}

static const char *csrf_of(struct http *h)
{
    static char token[128];
    snprintf(token, sizeof token, "%s", http_session_csrf(h));
    return token;
}

START_TEST(parent_assigns_child_updates_with_history)
{
    char path[96], action_path[96];
    snprintf(path, sizeof path, "/organisations/%ld/actions", child);

    /* the parent's admin: invalid, then a valid assignment */
    struct http *p = signed_in("parent");
    ck_assert_int_eq(http_post(p, path, "csrf_token", csrf_of(p), "title", "x", "owner_name",
                               "Ops lead", "due_date", "2027-02-30", NULL),
                     422);
    ck_assert_ptr_nonnull(strstr(p->body, "role=\"alert\""));
    ck_assert_int_eq(http_get(p, "/"), 200);
    ck_assert_int_eq(http_post(p, path, "csrf_token", csrf_of(p), "title", "Patch the VPN gateway",
                               "owner_name", "Ops lead", "due_date", "2027-03-01", NULL),
                     303);
    const char *loc = http_header(p, "Location");
    ck_assert_ptr_nonnull(loc);
    ck_assert_msg(strstr(loc, "/actions/") && strstr(loc, "?saved=created"), "%s", loc);
    ck_assert_int_eq(http_get(p, strstr(loc, "/actions/")), 200);
    ck_assert_ptr_nonnull(strstr(p->body, "The action was saved."));
    ck_assert_ptr_nonnull(strstr(p->body, "Patch the VPN gateway"));
    char parent_name[96];
    snprintf(parent_name, sizeof parent_name, "Actions Parent %s", sfx);
    ck_assert_ptr_nonnull(strstr(p->body, parent_name));     /* assigned by */
    ck_assert_ptr_nonnull(strstr(p->body, "parent person")); /* first history row */
    snprintf(action_path, sizeof action_path, "%.*s", (int)strcspn(strstr(loc, "/actions/"), "?"),
             strstr(loc, "/actions/"));
    http_free(p);

    /* the supplier's admin sees it on its scores page and updates it */
    struct http *c = signed_in("child");
    char scores[96];
    snprintf(scores, sizeof scores, "/organisations/%ld/scores", child);
    ck_assert_int_eq(http_get(c, scores), 200);
    ck_assert_ptr_nonnull(strstr(c->body, action_path));
    ck_assert_int_eq(http_get(c, action_path), 200);
    /* without the CSRF token: refused */
    ck_assert_int_eq(http_post(c, action_path, "status", "done", "owner_name", "Ops lead",
                               "due_date", "2027-03-01", NULL),
                     403);
    ck_assert_int_eq(http_get(c, action_path), 200);
    ck_assert_int_eq(http_post(c, action_path, "csrf_token", csrf_of(c), "status", "bogus",
                               "owner_name", "Kept owner", "due_date", "2027-13-01", "comment",
                               "Kept comment", NULL),
                     422);
    ck_assert_msg(strstr(c->body, "value=\"Kept owner\"") != NULL, "%s", c->body);
    ck_assert_ptr_nonnull(strstr(c->body, "Kept comment"));
    ck_assert_ptr_nonnull(strstr(c->body, "id=\"err-status\""));
    ck_assert_ptr_nonnull(strstr(c->body, "id=\"err-due_date\""));
    ck_assert_int_eq(http_get(c, action_path), 200);
    ck_assert_ptr_null(strstr(c->body, "Kept owner")); /* nothing stored */
    ck_assert_int_eq(http_post(c, action_path, "csrf_token", csrf_of(c), "status", "in_progress",
                               "owner_name", "Network team", "due_date", "2027-04-15", "comment",
                               "Started with the firmware", NULL),
                     303);
    ck_assert_ptr_nonnull(strstr(http_header(c, "Location"), "?saved=updated"));
    char confirmed[128];
    snprintf(confirmed, sizeof confirmed, "%s?saved=updated", action_path);
    ck_assert_int_eq(http_get(c, confirmed), 200);
    ck_assert_ptr_nonnull(strstr(c->body, "The change was saved"));
    ck_assert_ptr_nonnull(strstr(c->body, "Started with the firmware"));
    ck_assert_ptr_nonnull(strstr(c->body, "child person"));
    ck_assert_ptr_nonnull(strstr(c->body, "2027-04-15"));
    ck_assert_ptr_nonnull(strstr(c->body, "In progress"));
    http_free(c);

    const char *q[] = {strrchr(action_path, '/') + 1};
    ck_assert_int_eq(
        test_db_long(owner, "SELECT count(*) FROM action_history WHERE action_id = $1", 1, q), 2);

    /* a stranger reaches nothing */
    struct http *s = signed_in("stranger");
    ck_assert_int_eq(http_get(s, action_path), 404);
    ck_assert_int_eq(http_post(s, action_path, "csrf_token", csrf_of(s), "status", "done",
                               "owner_name", "x y", "due_date", "2027-03-01", NULL),
                     404);
    ck_assert_int_eq(http_get(s, "/"), 200);
    ck_assert_int_eq(http_post(s, path, "csrf_token", csrf_of(s), "title", "Sneaky action",
                               "owner_name", "x y", "due_date", "2027-03-01", NULL),
                     404);
    http_free(s);
}
END_TEST

static Suite *actions_suite(void)
{
    Suite *s = suite_create("actions");
    TCase *tc = tcase_create("actions");
    tcase_add_unchecked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, parent_assigns_child_updates_with_history);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(actions_suite)
