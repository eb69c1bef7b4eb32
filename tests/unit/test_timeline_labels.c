/* test_timeline_labels.c - every action the programs write to a report's timeline has its
 * words in the language file (issue 10, defect 10: an entry without them showed its code,
 * "shared_by_rule"). The actions are read from the sources: the literal action of each
 * timeline_add call in cgi/, and of the INSERT INTO timeline in schema/. */
#include "testlib.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ACTIONS 256

static char actions[MAX_ACTIONS][48];
static int n_actions;

static void add_action(const char *start, size_t len)
{
    if (len == 0 || len >= sizeof actions[0])
        return;
    for (int i = 0; i < n_actions; i++)
        if (strlen(actions[i]) == len && strncmp(actions[i], start, len) == 0)
            return;
    ck_assert_int_lt(n_actions, MAX_ACTIONS);
    snprintf(actions[n_actions++], sizeof actions[0], "%.*s", (int)len, start);
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "r");
    ck_assert_msg(f != NULL, "cannot read %s (run from the repository)", path);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    rewind(f);
    char *text = calloc((size_t)size + 1, 1);
    ck_assert_ptr_nonnull(text);
    ck_assert_int_eq(fread(text, 1, (size_t)size, f), (size_t)size);
    fclose(f);
    return text;
}

/* timeline_add(c, org, "entity", id, "action", ...): the fifth argument, when a literal. */
static void scan_c(const char *path)
{
    char *text = read_file(path);
    for (char *p = strstr(text, "timeline_add("); p; p = strstr(p + 1, "timeline_add(")) {
        char *q = p + strlen("timeline_add(");
        for (int comma = 0; comma < 4 && *q; q++)
            if (*q == ',')
                comma++;
        while (isspace((unsigned char)*q))
            q++;
        if (*q != '"')
            continue; /* the declaration, or an action in a variable */
        char *end = strchr(q + 1, '"');
        if (end)
            add_action(q + 1, (size_t)(end - q - 1));
    }
    free(text);
}

/* INSERT INTO timeline (..., action, ...) VALUES/SELECT ..., 'action', ...: the string
 * literal in the position of the column list's "action". */
static void scan_sql(const char *path)
{
    char *text = read_file(path);
    for (char *p = strstr(text, "INSERT INTO timeline ("); p;
         p = strstr(p + 1, "INSERT INTO timeline (")) {
        char *cols = p + strlen("INSERT INTO timeline (");
        char *close = strchr(cols, ')');
        int position = 0, action_at = -1;
        for (char *c = cols; c < close; c++) {
            if (strncmp(c, "action", 6) == 0 && !isalpha((unsigned char)c[6]))
                action_at = position;
            if (*c == ',')
                position++;
        }
        ck_assert_int_ge(action_at, 0);
        /* the values: count top-level commas after VALUES ( or SELECT */
        char *v = close + 1;
        while (*v && strncmp(v, "SELECT", 6) != 0 && strncmp(v, "VALUES (", 8) != 0)
            v++;
        v += strncmp(v, "SELECT", 6) == 0 ? 6 : 8;
        int depth = 0;
        position = 0;
        for (; *v && position <= action_at; v++) {
            if (*v == '(')
                depth++;
            else if (*v == ')')
                depth--;
            else if (*v == ',' && depth == 0)
                position++;
            else if (*v == '\'' && position == action_at && depth == 0) {
                char *end = strchr(v + 1, '\'');
                if (end)
                    add_action(v + 1, (size_t)(end - v - 1));
                break;
            }
        }
    }
    free(text);
}

static void scan_dir(const char *dir, const char *suffix, void (*scan)(const char *))
{
    DIR *d = opendir(dir);
    ck_assert_msg(d != NULL, "cannot read %s (run from the repository)", dir);
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name), slen = strlen(suffix);
        if (len <= slen || strcmp(e->d_name + len - slen, suffix) != 0)
            continue;
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        scan(path);
    }
    closedir(d);
}

START_TEST(every_timeline_action_has_words)
{
    n_actions = 0;
    scan_dir("cgi", ".c", scan_c);
    scan_dir("schema", ".sql", scan_sql);
    ck_assert_int_gt(n_actions, 10); /* the scan works */
    char *lang = read_file("templates/lang/en.hdf");
    int missing = 0;
    for (int i = 0; i < n_actions; i++) {
        char key[96];
        snprintf(key, sizeof key, "\nTimeline.Actions.%.47s = ", actions[i]);
        if (!strstr(lang, key)) {
            fprintf(stderr, "no Timeline.Actions.%.47s in templates/lang/en.hdf\n", actions[i]);
            missing++;
        }
    }
    free(lang);
    ck_assert_msg(missing == 0, "%d timeline actions without words (listed above)", missing);
}
END_TEST

static Suite *timeline_labels_suite(void)
{
    Suite *s = suite_create("timeline_labels");
    TCase *t = tcase_create("labels");
    tcase_add_test(t, every_timeline_action_has_words);
    suite_add_tcase(s, t);
    return s;
}

TEST_MAIN(timeline_labels_suite)
