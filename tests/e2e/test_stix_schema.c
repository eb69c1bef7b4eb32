/* test_stix_schema.c - share_format_stix's bundles pass the official OASIS STIX 2.1 JSON
 * Schemas: each TLP level, an anonymised organisation, every optional field left out, and
 * text with quotes, control characters and non-ASCII characters. The bundles are written
 * to files and checked by tests/schema/validate_stix.js (node, ajv; every object against
 * the schema of its own type), and a deliberately broken bundle must be refused, so a
 * validator that passes everything fails this test. No HTTP: it lives with the end-to-end
 * tests because it needs node and the npm packages that tests/run-suite.sh installs.
 * TEST_STIX_SCHEMAS overrides where the schemas are (default ../shared/schemas/stix2.1/
 * schemas beside the repository), TEST_DIR where the files go. */
#include "testlib.h"

#include "share_format.h"

#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const struct share_incident sample = {
    .number = "INC-000042",
    .title = "Ransomware on the billing servers",
    .description = "Files encrypted on two servers.",
    .category = "technical_attack",
    .category_label = "Technical attack",
    .severity = "critical",
    .tlp = "amber",
    .nature = "actual",
    .occurred_at = "2026-01-15T07:45:00Z",
    .detected_at = "2026-01-15T08:30:00Z",
    .reported_at = "2026-01-15T09:02:11Z",
    .organisation = "Northwind Energy",
    .organisation_key = "17",
    .assets = "billing-01, billing-02",
    .impact = "Invoicing stopped for four hours.",
    .actions = "Servers isolated, restored from backup.",
    .share_key = "0b9f1c2e-3d4a-4b5c-8d6e-7f8091a2b3c4",
    .created_at = "2026-01-15T10:00:00Z",
};

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The repository: the first folder holding tests/schema/validate_stix.js, going up from
 * the current directory and then from this program's own (build/tests/e2e/). */
static void repo_root(char out[PATH_MAX])
{
    char start[2][PATH_MAX] = {{0}, {0}};
    if (!getcwd(start[0], PATH_MAX))
        start[0][0] = '\0';
    ssize_t n = readlink("/proc/self/exe", start[1], PATH_MAX - 1);
    start[1][n > 0 ? n : 0] = '\0';
    for (int i = 0; i < 2; i++) {
        char dir[PATH_MAX], probe[PATH_MAX + 64];
        memcpy(dir, start[i], sizeof dir);
        while (dir[0]) {
            snprintf(probe, sizeof probe, "%s/tests/schema/validate_stix.js", dir);
            if (is_file(probe)) {
                memcpy(out, dir, strlen(dir) + 1);
                return;
            }
            char *slash = strrchr(dir, '/');
            if (!slash)
                break;
            *slash = '\0';
        }
    }
    ck_abort_msg("tests/schema/validate_stix.js not found above %s or %s", start[0], start[1]);
}

static void schema_dir(const char *repo, char out[PATH_MAX])
{
    const char *env = getenv("TEST_STIX_SCHEMAS");
    if (env && *env)
        snprintf(out, PATH_MAX, "%s", env);
    else
        ck_assert(snprintf(out, PATH_MAX, "%s/../shared/schemas/stix2.1/schemas", repo) < PATH_MAX);
    ck_assert_msg(is_dir(out), "no STIX schemas in %s (set TEST_STIX_SCHEMAS)", out);
}

/* A fresh folder for the bundles (under TEST_DIR when set). */
static void work_dir(char out[PATH_MAX])
{
    const char *base = getenv("TEST_DIR");
    snprintf(out, PATH_MAX, "%s/stix.XXXXXX", base && *base ? base : "/tmp");
    ck_assert_msg(mkdtemp(out) != NULL, "cannot create a folder like %s", out);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    ck_assert_msg(f != NULL, "cannot write %s", path);
    fputs(text, f);
    ck_assert_int_eq(fclose(f), 0);
}

/* Runs the validator on the files (a NULL-terminated list); returns its exit status, or
 * -1 when it did not exit normally. */
static int validate(char *const *files)
{
    char repo[PATH_MAX], schemas[PATH_MAX];
    repo_root(repo);
    schema_dir(repo, schemas);
    size_t cap = 4 * PATH_MAX, len = 0;
    char *cmd = malloc(cap);
    ck_assert_ptr_nonnull(cmd);
    const char *parts[64];
    size_t nparts = 0;
    char script[PATH_MAX + 64];
    snprintf(script, sizeof script, "%s/tests/schema/validate_stix.js", repo);
    parts[nparts++] = script;
    parts[nparts++] = schemas;
    for (size_t i = 0; files[i]; i++) {
        ck_assert(nparts < 64);
        parts[nparts++] = files[i];
    }
    len = (size_t)snprintf(cmd, cap, "node");
    for (size_t i = 0; i < nparts; i++) {
        ck_assert_msg(strchr(parts[i], '\'') == NULL, "quote in %s", parts[i]);
        ck_assert(len + strlen(parts[i]) + 4 < cap);
        len += (size_t)snprintf(cmd + len, cap - len, " '%s'", parts[i]);
    }
    fflush(stdout);
    int status = system(cmd);
    free(cmd);
    return status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Writes the bundle of in to dir/name.json; returns the malloc'd path. */
static char *write_bundle(const char *dir, const char *name, const struct share_incident *in)
{
    char *json = share_format_stix(in);
    ck_assert_msg(json != NULL, "no bundle for %s", name);
    char *path = malloc(PATH_MAX);
    ck_assert_ptr_nonnull(path);
    snprintf(path, PATH_MAX, "%s/%s.json", dir, name);
    write_file(path, json);
    free(json);
    return path;
}

static void remove_all(const char *dir, char **files)
{
    for (size_t i = 0; files[i]; i++) {
        unlink(files[i]);
        free(files[i]);
    }
    rmdir(dir);
}

START_TEST(bundles_are_valid)
{
    char dir[PATH_MAX];
    work_dir(dir);
    char *files[16] = {0};
    size_t n = 0;
    const char *tlps[] = {"clear", "green", "amber", "amber_strict", "red"};
    for (size_t i = 0; i < 5; i++) {
        struct share_incident in = sample;
        in.tlp = tlps[i];
        files[n++] = write_bundle(dir, tlps[i], &in);
    }
    struct share_incident in = sample;
    in.organisation = NULL;
    files[n++] = write_bundle(dir, "anonymised", &in);

    in.description = NULL;
    in.occurred_at = NULL;
    in.assets = NULL;
    in.impact = NULL;
    in.actions = NULL;
    in.tlp = "red";
    files[n++] = write_bundle(dir, "bare", &in);

    in = sample;
    in.title = "He said \"stop\" \\ now\n\tCaf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 </script>";
    in.description = "line 1\nline 2\r\n\x01 \xe6\x97\xa5\xe6\x9c\xac";
    in.organisation = "\xc3\x98rsted \"&\" Co";
    in.created_at = "2024-02-29T23:59:60.123456Z";
    in.severity = "information";
    in.nature = "suspected";
    files[n++] = write_bundle(dir, "text", &in);

    int rc = validate(files);
    remove_all(dir, files);
    ck_assert_msg(rc != 2, "the validator could not run (see above)");
    ck_assert_msg(rc == 0,
                  "share_format_stix produced bundles the STIX schemas refuse "
                  "(exit %d, errors above)",
                  rc);
}
END_TEST

/* The check itself: a bundle the schemas refuse must make the validator fail. */
START_TEST(broken_bundle_is_refused)
{
    const char *breakages[] = {
        "severity",      /* a top-level property core.json forbids */
        "created",       /* a timestamp without milliseconds */
        "id",            /* an id that is not type--UUID */
        "identity_name", /* an identity without its required name */
    };
    for (size_t b = 0; b < sizeof breakages / sizeof breakages[0]; b++) {
        char *json = share_format_stix(&sample);
        json_t *doc = json_loads(json, 0, NULL);
        free(json);
        ck_assert_ptr_nonnull(doc);
        json_t *objects = json_object_get(doc, "objects");
        json_t *identity = json_array_get(objects, 0), *incident = json_array_get(objects, 1);
        if (strcmp(breakages[b], "severity") == 0)
            json_object_set_new(incident, "severity", json_string("high"));
        else if (strcmp(breakages[b], "created") == 0)
            json_object_set_new(incident, "created", json_string("2026-01-15T10:00:00Z"));
        else if (strcmp(breakages[b], "id") == 0)
            json_object_set_new(incident, "id", json_string("incident--42"));
        else
            json_object_del(identity, "name");
        json = json_dumps(doc, JSON_COMPACT);
        json_decref(doc);

        char dir[PATH_MAX];
        work_dir(dir);
        char *files[2] = {malloc(PATH_MAX), NULL};
        ck_assert(snprintf(files[0], PATH_MAX, "%s/broken-%s.json", dir, breakages[b]) < PATH_MAX);
        write_file(files[0], json);
        free(json);
        int rc = validate(files);
        remove_all(dir, files);
        ck_assert_msg(rc == 1, "a bundle broken by %s: validator exit %d, expected 1", breakages[b],
                      rc);
    }
}
END_TEST

/* The aggregate statistics of a rapid advisory campaign (share_format_stix_stats) pass the
 * same schemas, at each TLP level they may be shared under and with odd text. */
START_TEST(stats_bundles_are_valid)
{
    char dir[PATH_MAX];
    work_dir(dir);
    char *files[8] = {0};
    size_t n = 0;
    const char *tlps[] = {"clear", "green", "amber"};
    for (size_t i = 0; i < 3; i++) {
        struct share_stats st = {"CVE-2021-44228",
                                 "Log4Shell: who is affected",
                                 tlps[i],
                                 "Northwind Group",
                                 "6",
                                 "0b9f1c2e-3d4a-4b5c-8d6e-7f8091a2b3c5",
                                 "2026-01-15T10:00:00Z",
                                 212,
                                 37,
                                 150,
                                 5,
                                 20,
                                 12};
        char *json = share_format_stix_stats(&st);
        ck_assert_ptr_nonnull(json);
        files[n] = malloc(PATH_MAX);
        ck_assert_ptr_nonnull(files[n]);
        ck_assert(snprintf(files[n], PATH_MAX, "%s/stats-%s.json", dir, tlps[i]) < PATH_MAX);
        write_file(files[n++], json);
        free(json);
    }
    struct share_stats odd = {"CVE-2024-0001",
                              "\"Quotes\" \\ </script> Caf\xc3\xa9",
                              "green",
                              "\xc3\x98rsted \"&\" Co",
                              "17",
                              "0b9f1c2e-3d4a-4b5c-8d6e-7f8091a2b3c6",
                              "2024-02-29T23:59:60.5Z",
                              0,
                              0,
                              0,
                              0,
                              0,
                              0};
    char *json = share_format_stix_stats(&odd);
    ck_assert_ptr_nonnull(json);
    files[n] = malloc(PATH_MAX);
    ck_assert_ptr_nonnull(files[n]);
    ck_assert(snprintf(files[n], PATH_MAX, "%s/stats-odd.json", dir) < PATH_MAX);
    write_file(files[n++], json);
    free(json);
    int rc = validate(files);
    remove_all(dir, files);
    ck_assert_msg(rc == 0,
                  "share_format_stix_stats produced bundles the STIX schemas refuse "
                  "(exit %d, errors above)",
                  rc);
}
END_TEST

static Suite *stix_schema_suite(void)
{
    Suite *s = suite_create("stix_schema");
    TCase *tc = tcase_create("share_format_stix");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, bundles_are_valid);
    tcase_add_test(tc, broken_bundle_is_refused);
    tcase_add_test(tc, stats_bundles_are_valid);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(stix_schema_suite)
