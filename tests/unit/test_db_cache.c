/* test_db_cache.c - the statement cache has room for every statement: the db_exec call
 * sites of the programs' sources (each passes its own SQL literal; a site whose SQL is
 * built from a macro counts once, as it is one literal) stay well under
 * DB_STATEMENT_CACHE, and a connection stops preparing only past it. The suite also
 * fails when the portal logs "statement cache full" (tests/run-suite.sh). */
#include "testlib.h"

#include "db.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int call_sites_in(const char *dir)
{
    DIR *d = opendir(dir);
    ck_assert_msg(d != NULL, "cannot read %s (run from the repository)", dir);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 3 || strcmp(e->d_name + len - 2, ".c") != 0)
            continue;
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "r");
        ck_assert_ptr_nonnull(f);
        char line[4096];
        while (fgets(line, sizeof line, f))
            for (const char *p = strstr(line, "db_exec("); p; p = strstr(p + 1, "db_exec("))
                if (p == line || (p[-1] != '_' && p[-1] != 'b'))
                    n++;
        fclose(f);
    }
    closedir(d);
    return n;
}

START_TEST(cache_holds_every_statement)
{
    int sites = call_sites_in("cgi") + call_sites_in("lib");
    ck_assert_int_gt(sites, 100); /* the count works */
    ck_assert_msg(sites * 2 <= DB_STATEMENT_CACHE,
                  "%d db_exec call sites: keep DB_STATEMENT_CACHE (%d) at twice that", sites,
                  DB_STATEMENT_CACHE);
    ck_assert_int_ge(DB_STATEMENT_SLOTS, 2 * DB_STATEMENT_CACHE);
}
END_TEST

static Suite *db_cache_suite(void)
{
    Suite *s = suite_create("db_cache");
    TCase *t = tcase_create("cache");
    tcase_add_test(t, cache_holds_every_statement);
    suite_add_tcase(s, t);
    return s;
}

TEST_MAIN(db_cache_suite)
