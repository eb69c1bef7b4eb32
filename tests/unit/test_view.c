/* test_view.c - view_render: every variable HTML-escaped, Lang.* read from the request's
 * language file without being copied into the request's data, and a template parsed once per
 * process serving many requests: no data, loop or macro state of one render shows in the
 * next; a failed render leaves the next one intact. */
#include "testlib.h"

#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];

static void put(const char *name, const char *text)
{
    char path[160];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

static void setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/test-view-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char lang[96];
    snprintf(lang, sizeof lang, "%s/lang", dir);
    ck_assert_int_eq(mkdir(lang, 0700), 0);
    put("lang/en.hdf", "Greeting = Hello\nRole.admin = Administrator\nRole.user = User\n");
    put("lang/de.hdf", "Greeting = Hallo\nRole.admin = Administration\nRole.user = Person\n");
    put("macros.cs", "<?cs def:item(x) ?>[<?cs var:x ?>]<?cs /def ?>");
    put("page.cs", "<?cs include:\"macros.cs\" ?><?cs var:Lang.Greeting ?> <?cs var:Name ?>:"
                   "<?cs each:r = Rows ?><?cs call:item(r.Value) ?><?cs /each ?>"
                   ":<?cs var:Lang.Role[Role] ?>:<?cs var:subcount(Rows) ?>");
    ck_assert_int_eq(view_init(dir), 0);
}

static void teardown(void)
{
    view_shutdown();
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    ck_assert_int_eq(system(cmd), 0);
}

/* Renders page.cs with name, role and the values as Rows; returns the text (free it). */
static char *render_in(enum lang lang, const char *template, const char *name, const char *role,
                       const char *const *values, int n)
{
    HDF *hdf;
    ck_assert(hdf_init(&hdf) == STATUS_OK);
    view_set(hdf, "Name", name);
    view_set(hdf, "Role", role);
    for (int i = 0; i < n; i++) {
        char key[32];
        snprintf(key, sizeof key, "Rows.%d.Value", i);
        view_set(hdf, key, values[i]);
    }
    STRING out;
    string_init(&out);
    char err[256];
    int rc = view_render(hdf, lang, template, &out, err, sizeof err);
    /* the language is read where it is, never copied into the request's data */
    ck_assert_ptr_null(hdf_get_obj(hdf, "Lang"));
    hdf_destroy(&hdf);
    char *text = rc == 0 ? strdup(out.buf ? out.buf : "") : NULL;
    string_clear(&out);
    return text;
}

static char *render(const char *template, const char *name, const char *role,
                    const char *const *values, int n)
{
    return render_in(LANG_EN, template, name, role, values, n);
}

START_TEST(escaped_and_translated)
{
    const char *rows[] = {"<i>x</i>"};
    char *t = render("page.cs", "<b>Ann</b>", "admin", rows, 1);
    ck_assert_str_eq(t, "Hello &lt;b&gt;Ann&lt;/b&gt;:[&lt;i&gt;x&lt;/i&gt;]:Administrator:1");
    free(t);
}
END_TEST

START_TEST(one_parse_many_requests)
{
    const char *three[] = {"a", "b", "c"}, *one[] = {"z"};
    for (int round = 0; round < 3; round++) {
        char *t = render("page.cs", "Ann", "admin", three, 3);
        ck_assert_str_eq(t, "Hello Ann:[a][b][c]:Administrator:3");
        free(t);
        t = render("page.cs", "Bob", "user", one, 1);
        ck_assert_str_eq(t, "Hello Bob:[z]:User:1");
        free(t);
        t = render("page.cs", "", "", NULL, 0);
        ck_assert_str_eq(t, "Hello :::0");
        free(t);
    }
}
END_TEST

START_TEST(a_failed_render_harms_nothing)
{
    /* (a template that does not parse is no case here: ClearSilver leaks a stack entry on
     * it, whoever calls; the portal's templates all parse, test_catalogue_page and the
     * end-to-end tests render each) */
    ck_assert_ptr_null(render("missing.cs", "Ann", "admin", NULL, 0));
    put("empty.cs", "");
    char *t = render("empty.cs", "Ann", "admin", NULL, 0);
    ck_assert_str_eq(t, "");
    free(t);
    const char *rows[] = {"a"};
    t = render("page.cs", "Ann", "admin", rows, 1);
    ck_assert_str_eq(t, "Hello Ann:[a]:Administrator:1");
    free(t);
}
END_TEST

/* One parse serves every language: each render reads its own language's words, with
 * Lang.Code for <html lang>, and a key German lacks reads in English. */
START_TEST(each_render_in_its_language)
{
    put("lang/de.hdf", "Greeting = Hallo\nRole.admin = Administration\n");
    view_shutdown();
    ck_assert_int_eq(view_init(dir), 0);
    put("code.cs", "<?cs var:Lang.Code ?>");
    const char *rows[] = {"a"};
    for (int round = 0; round < 2; round++) {
        char *t = render_in(LANG_DE, "page.cs", "Ann", "admin", rows, 1);
        ck_assert_str_eq(t, "Hallo Ann:[a]:Administration:1");
        free(t);
        t = render_in(LANG_DE, "page.cs", "Bob", "user", rows, 1);
        ck_assert_str_eq(t, "Hallo Bob:[a]:User:1");
        free(t);
        t = render_in(LANG_EN, "page.cs", "Ann", "admin", rows, 1);
        ck_assert_str_eq(t, "Hello Ann:[a]:Administrator:1");
        free(t);
        t = render_in(LANG_DE, "code.cs", "", "", NULL, 0);
        ck_assert_str_eq(t, "de");
        free(t);
        t = render_in(LANG_EN, "code.cs", "", "", NULL, 0);
        ck_assert_str_eq(t, "en");
        free(t);
    }
    ck_assert_str_eq(view_lang_value(LANG_DE, "Greeting"), "Hallo");
    ck_assert_str_eq(view_lang_value(LANG_EN, "Greeting"), "Hello");
    ck_assert_ptr_null(view_lang_value(LANG_DE, "Nothing"));
}
END_TEST

/* A language file that cannot be read stops the start, rather than pages in English. */
START_TEST(a_missing_language_file_fails_the_start)
{
    view_shutdown();
    char path[160];
    snprintf(path, sizeof path, "%s/lang/de.hdf", dir);
    ck_assert_int_eq(unlink(path), 0);
    ck_assert_int_eq(view_init(dir), -1);
    put("lang/de.hdf", "Greeting = Hallo\n");
    ck_assert_int_eq(view_init(dir), 0);
}
END_TEST

static Suite *view_suite(void)
{
    Suite *s = suite_create("view");
    TCase *t = tcase_create("render");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, escaped_and_translated);
    tcase_add_test(t, one_parse_many_requests);
    tcase_add_test(t, a_failed_render_harms_nothing);
    tcase_add_test(t, each_render_in_its_language);
    tcase_add_test(t, a_missing_language_file_fails_the_start);
    suite_add_tcase(s, t);
    return s;
}

TEST_MAIN(view_suite)
