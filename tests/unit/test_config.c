/* test_config.c - config_load: the built-in defaults, an HDF file named by PORTAL_CONFIG,
 * environment variables overriding both, a file that cannot be read, and string settings
 * read from the file a NAME_FILE variable names (secrets of mode 0600). Each test runs
 * in its own process (check's fork mode) but clears the variables it relies on anyway. */
#include "testlib.h"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char hdf_path[64];

/* Every setting's variable: all of PORTAL_* and FORWARDER_* (the suite sets some). */
static void clear_env(void)
{
    extern char **environ;
    for (int again = 1; again;) {
        again = 0;
        for (char **e = environ; *e; e++)
            if (strncmp(*e, "PORTAL_", 7) == 0 || strncmp(*e, "FORWARDER_", 10) == 0) {
                char name[128];
                snprintf(name, sizeof name, "%.*s", (int)strcspn(*e, "="), *e);
                unsetenv(name);
                again = 1;
                break;
            }
    }
}

/* Writes text to a fresh temporary file and points PORTAL_CONFIG at it (the test's earlier
 * file is removed: a test writing two left one in /tmp at every run). */
static void write_hdf(const char *text)
{
    if (hdf_path[0])
        unlink(hdf_path);
    strcpy(hdf_path, "/tmp/portal-config-XXXXXX");
    int fd = mkstemp(hdf_path);
    ck_assert_int_ge(fd, 0);
    FILE *f = fdopen(fd, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    ck_assert_int_eq(fclose(f), 0);
    setenv("PORTAL_CONFIG", hdf_path, 1);
}

static void setup(void)
{
    clear_env();
    hdf_path[0] = '\0';
}

static void teardown(void)
{
    if (hdf_path[0])
        unlink(hdf_path);
}

START_TEST(test_defaults)
{
    struct config cfg;
    memset(&cfg, 0x5a, sizeof cfg);
    ck_assert_int_eq(config_load(&cfg), 0);
    ck_assert_str_eq(cfg.db_conninfo, "dbname=portal user=portal_app");
    ck_assert_str_eq(cfg.forwarder_conninfo, "dbname=portal user=portal_forwarder");
    ck_assert_str_eq(cfg.socket_path, "var/run/portal.sock");
    ck_assert_str_eq(cfg.template_dir, "templates");
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    ck_assert_int_eq(cfg.workers, cores > 0 ? 2 * cores : 2); /* 0 means 2 x cores */
    ck_assert_int_eq(cfg.max_body, 10L * 1024 * 1024);
    ck_assert_int_eq(cfg.session_idle_s, 1800);
    ck_assert_int_eq(cfg.session_absolute_s, 43200);
    ck_assert_int_eq(cfg.secure_cookies, 0);
    ck_assert_int_eq(cfg.login_max_account, 5);
    ck_assert_int_eq(cfg.login_max_address, 20);
    ck_assert_int_eq(cfg.login_window_s, 900);
    ck_assert_int_eq(cfg.fwd_poll_s, 5);
    ck_assert_int_eq(cfg.fwd_connect_timeout_ms, 5000);
    ck_assert_int_eq(cfg.fwd_timeout_ms, 15000);
    ck_assert_int_eq(cfg.fwd_backoff_base_ms, 2000);
    ck_assert_int_eq(cfg.fwd_backoff_cap_ms, 3600000);
    ck_assert_str_eq(cfg.fwd_allow_hosts, "");
    ck_assert_str_eq(cfg.fwd_ca_file, "");
    ck_assert_int_eq(cfg.fwd_reminder_interval_s, 60);
    ck_assert_int_eq(cfg.fwd_reminder_before_days, 7);
    ck_assert_int_eq(cfg.fwd_reminder_after_days, 1);
}
END_TEST

START_TEST(test_env_override)
{
    setenv("PORTAL_DB", "host=/tmp dbname=other", 1);
    setenv("PORTAL_WORKERS", "3", 1);
    setenv("PORTAL_MAX_BODY", "5000000000", 1); /* a long, beyond int */
    setenv("PORTAL_SECURE_COOKIES", "1", 1);
    setenv("FORWARDER_CA_FILE", "/etc/ca.pem", 1);
    setenv("PORTAL_SOCKET", "", 1); /* empty: ignored */
    setenv("FORWARDER_REMINDER_INTERVAL", "1", 1);
    setenv("FORWARDER_REMINDER_BEFORE_DAYS", "3", 1);
    struct config cfg;
    ck_assert_int_eq(config_load(&cfg), 0);
    ck_assert_str_eq(cfg.db_conninfo, "host=/tmp dbname=other");
    ck_assert_int_eq(cfg.workers, 3);
    ck_assert_int_eq(cfg.max_body, 5000000000L);
    ck_assert_int_eq(cfg.secure_cookies, 1);
    ck_assert_str_eq(cfg.fwd_ca_file, "/etc/ca.pem");
    ck_assert_str_eq(cfg.socket_path, "var/run/portal.sock");
    ck_assert_int_eq(cfg.session_idle_s, 1800); /* untouched */
    ck_assert_int_eq(cfg.fwd_reminder_interval_s, 1);
    ck_assert_int_eq(cfg.fwd_reminder_before_days, 3);
    ck_assert_int_eq(cfg.fwd_reminder_after_days, 1); /* untouched */
}
END_TEST

START_TEST(test_env_too_long)
{
    char big[600];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    setenv("PORTAL_SOCKET", big, 1);
    struct config cfg;
    ck_assert_int_eq(config_load(&cfg), 0);
    ck_assert_uint_eq(strlen(cfg.socket_path), sizeof cfg.socket_path - 1); /* truncated */
}
END_TEST

START_TEST(test_hdf_file)
{
    write_hdf("Database.Conninfo = dbname=fromfile\n"
              "Portal {\n"
              "  Workers = 7\n"
              "  Templates = /srv/templates\n"
              "}\n"
              "Session.IdleSeconds = 600\n"
              "Forwarder.AllowHosts = 127.0.0.1:8091\n"
              "Forwarder.BackoffCapMs = 120000\n"
              "Forwarder.ReminderAfterDays = 2\n"
              "Unknown.Setting = ignored\n");
    struct config cfg;
    ck_assert_int_eq(config_load(&cfg), 0);
    ck_assert_str_eq(cfg.db_conninfo, "dbname=fromfile");
    ck_assert_int_eq(cfg.workers, 7);
    ck_assert_str_eq(cfg.template_dir, "/srv/templates");
    ck_assert_int_eq(cfg.session_idle_s, 600);
    ck_assert_str_eq(cfg.fwd_allow_hosts, "127.0.0.1:8091");
    ck_assert_int_eq(cfg.fwd_backoff_cap_ms, 120000);
    ck_assert_int_eq(cfg.fwd_reminder_after_days, 2);
    ck_assert_int_eq(cfg.session_absolute_s, 43200); /* not in the file: default */
}
END_TEST

START_TEST(test_env_over_hdf)
{
    write_hdf("Portal.Workers = 7\nSession.IdleSeconds = 600\n");
    setenv("PORTAL_WORKERS", "4", 1);
    struct config cfg;
    ck_assert_int_eq(config_load(&cfg), 0);
    ck_assert_int_eq(cfg.workers, 4);
    ck_assert_int_eq(cfg.session_idle_s, 600);
}
END_TEST

START_TEST(test_hdf_bad)
{
    /* ClearSilver shrugs at an unclosed "{", but not at a line that is no assignment */
    write_hdf("Portal.Workers = 7\nthis is not hdf\n");
    struct config cfg;
    ck_assert_int_eq(config_load(&cfg), -1);
}
END_TEST

/* Found by the config fuzzer: ClearSilver follows a link to itself (or a cycle of links,
 * or a file including itself) until the stack overflows. The configuration takes plain
 * settings only; each other form is refused with its line, before ClearSilver reads it. */
START_TEST(test_hdf_only_plain_settings)
{
    static const char *const refused[] = {
        "Portal:Portal\nPortal.Workers=3\n", /* the fuzzer's find, reduced */
        "A : B\nB : A\nA.X = 1\n",
        "Portal.Workers := Portal.MaxBody\n",
        "#include \"/etc/cyberportal/other.hdf\"\n",
        "Portal.Workers [secret] = 3\n",
        "Portal {\n  Workers << EOM\n3\nEOM\n}\n",
        "Portal {\n  Base : Portal\n  Base.X = 1\n}\n",
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        write_hdf(refused[i]);
        struct config cfg;
        ck_assert_msg(config_load(&cfg) == -1, "accepted: %s", refused[i]);
    }
    /* comments, blank lines, blocks and values with ':' and '<<' stay as they were */
    write_hdf("# the portal\n\n  Portal {\n    Workers = 3\n  }\n"
              "Portal.BaseUrl = https://portal.example:8443/a<<b\n#includes nothing\n");
    struct config cfg;
    ck_assert_int_eq(config_load(&cfg), 0);
    ck_assert_int_eq(cfg.workers, 3);
    ck_assert_str_eq(cfg.base_url, "https://portal.example:8443/a<<b");
}
END_TEST

/* A named file that does not exist is an error too (a typo should not fall back). */
START_TEST(test_hdf_missing)
{
    setenv("PORTAL_CONFIG", "/nonexistent/portal.hdf", 1);
    struct config cfg;
    ck_assert_int_eq(config_load(&cfg), -1);
}
END_TEST

/* Writes text to a fresh temporary file and names it in the variable name. */
static void write_secret(char path[64], const char *name, const char *text)
{
    strcpy(path, "/tmp/portal-secret-XXXXXX");
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    ck_assert_int_eq(close(fd), 0);
    setenv(name, path, 1);
}

/* The installed units keep the sealing key and the SMTP password in files of mode 0600
 * (deploy/install.sh), never in an environment file every child process inherits. */
START_TEST(test_env_file)
{
    char key_path[64], pw_path[64];
    const char *key = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    char text[80];
    snprintf(text, sizeof text, "%s\n", key);
    write_secret(key_path, "PORTAL_SECRET_KEY_FILE", text);
    write_secret(pw_path, "FORWARDER_SMTP_PASSWORD_FILE", "pass word\r\nsecond line\n");
    struct config cfg;
    int rc = config_load(&cfg);
    unlink(key_path);
    unlink(pw_path);
    ck_assert_int_eq(rc, 0);
    ck_assert_str_eq(cfg.secret_key, key);            /* the line end is not part of it */
    ck_assert_str_eq(cfg.smtp_password, "pass word"); /* the first line only */
    ck_assert_str_eq(cfg.smtp_user, "");              /* no file named: untouched */
}
END_TEST

START_TEST(test_env_over_file)
{
    char path[64];
    write_secret(path, "FORWARDER_SMTP_PASSWORD_FILE", "from file\n");
    setenv("FORWARDER_SMTP_PASSWORD", "from env", 1);
    struct config cfg;
    int rc = config_load(&cfg);
    unlink(path);
    ck_assert_int_eq(rc, 0);
    ck_assert_str_eq(cfg.smtp_password, "from env");
}
END_TEST

/* A named secret file that is missing or unreadable stops the program: running without
 * the sealing key would fail later and less clearly. So does a line the setting cannot
 * hold (silently cutting a key or password would be worse). */
START_TEST(test_env_file_bad)
{
    setenv("PORTAL_SECRET_KEY_FILE", "/nonexistent/secret_key", 1);
    struct config cfg;
    ck_assert_int_eq(config_load(&cfg), -1);

    char path[64], long_line[200];
    memset(long_line, 'a', sizeof long_line - 1);
    long_line[sizeof long_line - 1] = '\0';
    write_secret(path, "PORTAL_SECRET_KEY_FILE", long_line);
    int rc = config_load(&cfg);
    unlink(path);
    ck_assert_int_eq(rc, -1);
}
END_TEST

static Suite *config_suite(void)
{
    Suite *s = suite_create("config");
    TCase *tc = tcase_create("config_load");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_defaults);
    tcase_add_test(tc, test_env_override);
    tcase_add_test(tc, test_env_too_long);
    tcase_add_test(tc, test_hdf_file);
    tcase_add_test(tc, test_env_over_hdf);
    tcase_add_test(tc, test_hdf_bad);
    tcase_add_test(tc, test_hdf_missing);
    tcase_add_test(tc, test_hdf_only_plain_settings);
    tcase_add_test(tc, test_env_file);
    tcase_add_test(tc, test_env_over_file);
    tcase_add_test(tc, test_env_file_bad);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(config_suite)
