/* test_layers.c - the programs keep their three jobs apart and read results by name
 * (../shared/design.md, "One request"), checked on the sources themselves:
 *  - no result column is read by a number (db_text(res, i, 3)): each statement has an enum
 *    of its columns beside it, so a column added to a SELECT cannot shift another;
 *  - no function both runs a statement and writes the page's HDF: loaders read into a
 *    struct, views turn that struct into HDF, and a handler that changes data calls a
 *    function that stores it rather than writing SQL and page in one place. */
#include "testlib.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_FINDINGS 4096

struct findings {
    char text[MAX_FINDINGS][800];
    int n;
};

static void add(struct findings *f, const char *path, int line, const char *what)
{
    if (f->n < MAX_FINDINGS)
        snprintf(f->text[f->n++], sizeof f->text[0], "%.200s:%d: %.300s", path, line, what);
}

/* 1 when the call starting at open (the '(' after a column reader's name) ends with a
 * number as its last argument. */
static int last_argument_is_number(const char *open)
{
    int depth = 0;
    const char *last_comma = NULL;
    for (const char *p = open; *p; p++) {
        if (*p == '(')
            depth++;
        else if (*p == ')' && --depth == 0) {
            if (!last_comma)
                return 0;
            const char *q = last_comma + 1;
            while (*q == ' ')
                q++;
            if (!isdigit((unsigned char)*q))
                return 0;
            while (isdigit((unsigned char)*q))
                q++;
            while (*q == ' ')
                q++;
            return q == p;
        } else if (*p == ',' && depth == 1)
            last_comma = p;
    }
    return 0;
}

static const char *const column_readers[] = {"db_text(",     "db_long(",     "PQgetvalue(",
                                             "PQgetisnull(", "PQgetlength(", NULL};
static const char *const hdf_writers[] = {
    "view_set(",          "view_setf(",    "view_set_int(", "hdf_set_value(", "hdf_set_valuef(",
    "hdf_set_int_value(", "hdf_set_copy(", "hdf_copy(",     "_to_hdf(",       NULL};

static int calls(const char *line, const char *name)
{
    for (const char *p = strstr(line, name); p; p = strstr(p + 1, name)) {
        if (name[0] == '_' || p == line || !(isalnum((unsigned char)p[-1]) || p[-1] == '_'))
            return 1;
    }
    return 0;
}

static void scan_file(const char *path, struct findings *positional, struct findings *mixed)
{
    FILE *f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    char line[4096], function[300] = "";
    int lineno = 0, in_function = 0, runs_statement = 0, writes_hdf = 0, function_line = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        if (!in_function && (isalpha((unsigned char)line[0])) && strchr(line, '(') &&
            !strchr(line, ';') && !strstr(line, "#define")) {
            snprintf(function, sizeof function, "%.*s", (int)strcspn(line, "\n") & 255, line);
            function_line = lineno;
        }
        if (line[0] == '{') /* a view (named *_to_hdf) writes HDF whatever it calls */
            in_function = 1, runs_statement = 0, writes_hdf = strstr(function, "_to_hdf(") != 0;
        if (!in_function)
            continue;
        for (int r = 0; column_readers[r]; r++)
            for (const char *p = strstr(line, column_readers[r]); p;
                 p = strstr(p + 1, column_readers[r]))
                if (last_argument_is_number(p + strlen(column_readers[r]) - 1))
                    add(positional, path, lineno, "a column read by number (name it in an enum)");
        if (calls(line, "db_exec("))
            runs_statement = 1;
        for (int w = 0; hdf_writers[w]; w++)
            if (calls(line, hdf_writers[w]))
                writes_hdf = 1;
        if (line[0] == '}') {
            if (runs_statement && writes_hdf)
                add(mixed, path, function_line, function);
            in_function = 0;
        }
    }
    fclose(f);
}

static void scan_dir(const char *dir, struct findings *positional, struct findings *mixed)
{
    DIR *d = opendir(dir);
    ck_assert_msg(d != NULL, "cannot read %s (run from the repository)", dir);
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 3 || strcmp(e->d_name + len - 2, ".c") != 0)
            continue;
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        scan_file(path, positional, mixed);
    }
    closedir(d);
}

static void report(const struct findings *f, const char *what)
{
    for (int i = 0; i < f->n; i++)
        fprintf(stderr, "%s\n", f->text[i]);
    ck_assert_msg(f->n == 0, "%d %s (listed above)", f->n, what);
}

static struct findings positional, mixed;

START_TEST(columns_are_read_by_name)
{
    positional.n = mixed.n = 0;
    scan_dir("cgi", &positional, &mixed);
    scan_dir("lib", &positional, &mixed);
    report(&positional, "columns read by number");
}
END_TEST

START_TEST(no_function_both_queries_and_presents)
{
    positional.n = mixed.n = 0;
    scan_dir("cgi", &positional, &mixed);
    scan_dir("lib", &positional, &mixed);
    report(&mixed, "functions that run a statement and write the page's HDF");
}
END_TEST

/* The scanner finds what it looks for: a sample with one of each, and one without. */
START_TEST(the_scanner_finds_both)
{
    char dir[] = "/tmp/layersXXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[600];
    snprintf(path, sizeof path, "%s/sample.c", dir);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs("static int mixed(struct ctx *c)\n{\n    db_exec(c->db, &res, \"SELECT 1\", 0, NULL);\n"
          "    view_set(c->req->hdf, \"A\", db_text(res, 0, 0));\n}\n"
          "static int named(struct ctx *c)\n{\n    db_exec(c->db, &res, \"SELECT 1\", 0, NULL);\n"
          "    x = db_long(res, i, COL_ID) + atoi(db_text(res, 0, f(1, 2)));\n}\n"
          "static void view(struct ctx *c)\n{\n    view_set(c->req->hdf, \"A\", a->b);\n}\n",
          f);
    fclose(f);
    positional.n = mixed.n = 0;
    scan_dir(dir, &positional, &mixed);
    unlink(path);
    rmdir(dir);
    ck_assert_int_eq(positional.n, 1);
    ck_assert_int_eq(mixed.n, 1);
    ck_assert_ptr_nonnull(strstr(mixed.text[0], "mixed"));
}
END_TEST

static Suite *layers_suite(void)
{
    Suite *s = suite_create("layers");
    TCase *t = tcase_create("sources");
    tcase_add_test(t, the_scanner_finds_both);
    tcase_add_test(t, columns_are_read_by_name);
    tcase_add_test(t, no_function_both_queries_and_presents);
    suite_add_tcase(s, t);
    return s;
}

TEST_MAIN(layers_suite)
