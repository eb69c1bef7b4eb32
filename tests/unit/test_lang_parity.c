/* test_lang_parity.c - every language file has the same keys (issue 10): a key in
 * templates/lang/en.hdf missing from de.hdf, or the other way round, would show English (or
 * nothing) on a German page. Reads both files with ClearSilver's own HDF parser, the one
 * the portal uses, and lists every key missing on either side. The words of a mail built
 * by format() in the database (Mail.*) must use the same positional arguments (%1$s ...)
 * in both, or a translation would fail the mail or show the wrong value. And no file sets
 * a key twice: the later value silently wins (a count's "1 question" once became
 * "1 Question", the legend of the builder's question fields). */
#include "testlib.h"

#include <ClearSilver.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static HDF *load(const char *path)
{
    HDF *hdf = NULL;
    NEOERR *err = hdf_init(&hdf);
    if (err == STATUS_OK)
        err = hdf_read_file(hdf, path);
    if (err != STATUS_OK) {
        STRING msg;
        string_init(&msg);
        nerr_error_string(err, &msg);
        fprintf(stderr, "%s: %s\n", path, msg.buf ? msg.buf : "cannot read");
        string_clear(&msg);
        nerr_ignore(&err);
        ck_abort_msg("cannot read %s (run from the repository)", path);
    }
    return hdf;
}

/* The positional arguments of a format() string as a bit set: %1$s -> bit 1, ...; a bare
 * "%s" sets bit 0. */
static unsigned placeholders(const char *v)
{
    unsigned set = 0;
    for (const char *p = strchr(v, '%'); p; p = strchr(p + 1, '%')) {
        if (p[1] >= '1' && p[1] <= '9' && p[2] == '$')
            set |= 1u << (p[1] - '0');
        else if (p[1] == 's')
            set |= 1u;
    }
    return set;
}

/* Counts (and prints) the keys with a value under node in have that want lacks. */
static int missing_in(HDF *node, const char *prefix, HDF *want, const char *have_name,
                      const char *want_name, int *seen)
{
    int missing = 0;
    for (HDF *c = hdf_obj_child(node); c; c = hdf_obj_next(c)) {
        char key[512];
        snprintf(key, sizeof key, "%s%s%s", prefix, *prefix ? "." : "", hdf_obj_name(c));
        if (hdf_obj_value(c)) {
            (*seen)++;
            const char *other = hdf_get_value(want, key, NULL);
            if (!other || !*other) {
                fprintf(stderr, "%s has %s, %s does not\n", have_name, key, want_name);
                missing++;
            } else if (placeholders(hdf_obj_value(c)) != placeholders(other)) {
                fprintf(stderr, "%s and %s use other placeholders in %s\n", have_name, want_name,
                        key);
                missing++;
            }
        }
        missing += missing_in(c, key, want, have_name, want_name, seen);
    }
    return missing;
}

START_TEST(every_key_in_both_languages)
{
    HDF *en = load("templates/lang/en.hdf");
    HDF *de = load("templates/lang/de.hdf");
    int n_en = 0, n_de = 0;
    int missing = missing_in(en, "", de, "en.hdf", "de.hdf", &n_en) +
                  missing_in(de, "", en, "de.hdf", "en.hdf", &n_de);
    ck_assert_int_gt(n_en, 500); /* the walk reached the whole file */
    hdf_destroy(&en);
    hdf_destroy(&de);
    ck_assert_msg(missing == 0, "%d keys in one language file only (listed above)", missing);
}
END_TEST

/* The keys set more than once in the text of a language file (a "Name = " or "Name << "
 * at the start of a line); prints each and returns how many. */
static int keys_set_twice(const char *name, const char *text)
{
    int twice = 0, n = 0, cap = 0;
    char **keys = NULL;
    for (const char *line = text; line && *line;
         line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        size_t len = strcspn(line, " \t\n");
        const char *after = line + len;
        while (*after == ' ' || *after == '\t')
            after++;
        if (!len || *line == '#' || !(after[0] == '=' || (after[0] == '<' && after[1] == '<')))
            continue;
        for (int k = 0; k < n; k++)
            if (strlen(keys[k]) == len && strncmp(keys[k], line, len) == 0) {
                fprintf(stderr, "%s sets %s twice\n", name, keys[k]);
                twice++;
            }
        if (n == cap) {
            cap = cap ? 2 * cap : 256;
            keys = realloc(keys, (size_t)cap * sizeof *keys);
            ck_assert_ptr_nonnull(keys);
        }
        keys[n++] = strndup(line, len);
    }
    for (int k = 0; k < n; k++)
        free(keys[k]);
    free(keys);
    return twice;
}

START_TEST(no_key_set_twice)
{
    static const char *const files[] = {"templates/lang/en.hdf", "templates/lang/de.hdf"};
    int twice = 0;
    for (size_t i = 0; i < 2; i++) {
        FILE *f = fopen(files[i], "r");
        ck_assert_msg(f != NULL, "cannot read %s (run from the repository)", files[i]);
        static char text[1 << 20];
        size_t len = fread(text, 1, sizeof text - 1, f);
        fclose(f);
        text[len] = '\0';
        twice += keys_set_twice(files[i], text);
    }
    ck_assert_int_eq(keys_set_twice("sample", "A = 1\nB << EOM\nx\nEOM\nA = 2\n"), 1);
    ck_assert_msg(twice == 0, "%d keys set twice (listed above)", twice);
}
END_TEST

/* The walk itself: a key missing on one side is found, in either direction. */
START_TEST(a_missing_key_is_found)
{
    HDF *a = NULL, *b = NULL;
    ck_assert(hdf_init(&a) == STATUS_OK && hdf_init(&b) == STATUS_OK);
    ck_assert(hdf_read_string(a, "X.One = 1\nX.Two = 2\nY = 3\n") == STATUS_OK);
    ck_assert(hdf_read_string(b, "X.One = eins\nY = drei\nZ.Deep.Key = vier\n") == STATUS_OK);
    int seen = 0;
    ck_assert_int_eq(missing_in(a, "", b, "a", "b", &seen), 1);
    ck_assert_int_eq(seen, 3);
    ck_assert_int_eq(missing_in(b, "", a, "b", "a", &seen), 1);
    /* the same key with other placeholders counts too */
    ck_assert(hdf_read_string(a, "F = Due %1$s at %2$s\n") == STATUS_OK);
    ck_assert(hdf_read_string(b, "F = Fällig am %1$s\n") == STATUS_OK);
    seen = 0;
    ck_assert_int_eq(missing_in(a, "", b, "a", "b", &seen), 2);
    hdf_destroy(&a);
    hdf_destroy(&b);
}
END_TEST

static Suite *lang_parity_suite(void)
{
    Suite *s = suite_create("lang_parity");
    TCase *t = tcase_create("parity");
    tcase_add_test(t, every_key_in_both_languages);
    tcase_add_test(t, a_missing_key_is_found);
    tcase_add_test(t, no_key_set_twice);
    suite_add_tcase(s, t);
    return s;
}

TEST_MAIN(lang_parity_suite)
