/* config.c - loads struct config: defaults, then the HDF file, then the environment (a
 * string setting also from a file named by NAME_FILE, for secrets kept out of env files). */
#include "config.h"

#include "log.h"

#include <ClearSilver.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct setting {
    const char *hdf_name;
    const char *env_name;
    size_t offset;
    size_t size; /* 0 for an int field, -1 for a long field, else the char array's size */
};

#define STR(field, hdf, env)                                                                       \
    {                                                                                              \
        hdf, env, offsetof(struct config, field), sizeof(((struct config *)0)->field)              \
    }
#define INT(field, hdf, env)                                                                       \
    {                                                                                              \
        hdf, env, offsetof(struct config, field), 0                                                \
    }
#define LONG(field, hdf, env)                                                                      \
    {                                                                                              \
        hdf, env, offsetof(struct config, field), (size_t)-1                                       \
    }

static const struct setting settings[] = {
    STR(db_conninfo, "Database.Conninfo", "PORTAL_DB"),
    STR(forwarder_conninfo, "Forwarder.Conninfo", "FORWARDER_DB"),
    STR(socket_path, "Portal.Socket", "PORTAL_SOCKET"),
    STR(socket_group, "Portal.SocketGroup", "PORTAL_SOCKET_GROUP"),
    STR(template_dir, "Portal.Templates", "PORTAL_TEMPLATES"),
    STR(formats_dir, "Portal.Formats", "PORTAL_FORMATS"),
    INT(workers, "Portal.Workers", "PORTAL_WORKERS"),
    LONG(max_body, "Portal.MaxBody", "PORTAL_MAX_BODY"),
    LONG(max_upload, "Portal.MaxUpload", "PORTAL_MAX_UPLOAD"),
    INT(session_idle_s, "Session.IdleSeconds", "PORTAL_SESSION_IDLE"),
    INT(session_absolute_s, "Session.AbsoluteSeconds", "PORTAL_SESSION_ABSOLUTE"),
    INT(secure_cookies, "Session.SecureCookies", "PORTAL_SECURE_COOKIES"),
    INT(login_max_account, "Login.MaxFailuresPerAccount", "PORTAL_LOGIN_MAX_ACCOUNT"),
    INT(login_max_address, "Login.MaxFailuresPerAddress", "PORTAL_LOGIN_MAX_ADDRESS"),
    INT(login_window_s, "Login.WindowSeconds", "PORTAL_LOGIN_WINDOW"),
    INT(fwd_poll_s, "Forwarder.PollSeconds", "FORWARDER_POLL"),
    INT(fwd_connect_timeout_ms, "Forwarder.ConnectTimeoutMs", "FORWARDER_CONNECT_TIMEOUT_MS"),
    INT(fwd_timeout_ms, "Forwarder.TimeoutMs", "FORWARDER_TIMEOUT_MS"),
    INT(fwd_backoff_base_ms, "Forwarder.BackoffBaseMs", "FORWARDER_BACKOFF_BASE_MS"),
    INT(fwd_backoff_cap_ms, "Forwarder.BackoffCapMs", "FORWARDER_BACKOFF_CAP_MS"),
    STR(fwd_allow_hosts, "Forwarder.AllowHosts", "FORWARDER_ALLOW_HOSTS"),
    STR(fwd_ca_file, "Forwarder.CaFile", "FORWARDER_CA_FILE"),
    STR(smtp_url, "Forwarder.SmtpUrl", "FORWARDER_SMTP_URL"),
    STR(smtp_from, "Forwarder.SmtpFrom", "FORWARDER_SMTP_FROM"),
    STR(smtp_user, "Forwarder.SmtpUser", "FORWARDER_SMTP_USER"),
    STR(smtp_password, "Forwarder.SmtpPassword", "FORWARDER_SMTP_PASSWORD"),
    INT(fwd_reminder_interval_s, "Forwarder.ReminderIntervalSeconds",
        "FORWARDER_REMINDER_INTERVAL"),
    INT(fwd_reminder_before_days, "Forwarder.ReminderBeforeDays", "FORWARDER_REMINDER_BEFORE_DAYS"),
    INT(fwd_reminder_after_days, "Forwarder.ReminderAfterDays", "FORWARDER_REMINDER_AFTER_DAYS"),
    STR(base_url, "Portal.BaseUrl", "PORTAL_BASE_URL"),
    STR(secret_key, "Portal.SecretKey", "PORTAL_SECRET_KEY"),
    INT(fwd_concurrency, "Forwarder.Concurrency", "FORWARDER_CONCURRENCY"),
    INT(fwd_batch, "Forwarder.Batch", "FORWARDER_BATCH"),
    INT(fwd_retry_horizon_s, "Forwarder.RetryHorizonSeconds", "FORWARDER_RETRY_HORIZON_S"),
    INT(api_rate_per_minute, "Api.RatePerMinute", "PORTAL_API_RATE"),
    STR(metrics_listen, "Metrics.Listen", "PORTAL_METRICS"),
    STR(metrics_conninfo, "Metrics.Conninfo", "PORTAL_METRICS_DB"),
};

static void config_defaults(struct config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    snprintf(cfg->db_conninfo, sizeof cfg->db_conninfo, "dbname=portal user=portal_app");
    snprintf(cfg->forwarder_conninfo, sizeof cfg->forwarder_conninfo,
             "dbname=portal user=portal_forwarder");
    snprintf(cfg->socket_path, sizeof cfg->socket_path, "var/run/portal.sock");
    snprintf(cfg->template_dir, sizeof cfg->template_dir, "templates");
    snprintf(cfg->formats_dir, sizeof cfg->formats_dir, "schema/formats");
    cfg->workers = 0;
    cfg->max_body = 10L * 1024 * 1024;
    cfg->max_upload = 5L * 1024 * 1024;
    cfg->session_idle_s = 30 * 60;
    cfg->session_absolute_s = 12 * 3600;
    cfg->login_max_account = 5;
    cfg->login_max_address = 20;
    cfg->login_window_s = 15 * 60;
    cfg->fwd_poll_s = 5;
    cfg->fwd_connect_timeout_ms = 5000;
    cfg->fwd_timeout_ms = 15000;
    cfg->fwd_backoff_base_ms = 2000;
    cfg->fwd_backoff_cap_ms = 3600 * 1000;
    cfg->fwd_reminder_interval_s = 60;
    cfg->fwd_reminder_before_days = 7;
    cfg->fwd_reminder_after_days = 1;
    snprintf(cfg->smtp_url, sizeof cfg->smtp_url, "smtp://127.0.0.1:25");
    snprintf(cfg->smtp_from, sizeof cfg->smtp_from, "portal@localhost");
    snprintf(cfg->base_url, sizeof cfg->base_url, "http://127.0.0.1:8080");
    cfg->fwd_concurrency = 8;
    cfg->fwd_batch = 64;
    cfg->fwd_retry_horizon_s = 48 * 3600;
    cfg->api_rate_per_minute = 120;
    snprintf(cfg->metrics_conninfo, sizeof cfg->metrics_conninfo,
             "dbname=portal user=portal_metrics");
}

static void setting_apply(struct config *cfg, const struct setting *s, const char *value)
{
    char *field = (char *)cfg + s->offset;
    if (s->size == 0)
        *(int *)field = atoi(value);
    else if (s->size == (size_t)-1)
        *(long *)field = atol(value);
    else
        snprintf(field, s->size, "%s", value);
}

/* The configuration is one file of plain settings: "Name = value" lines, "Name {" ... "}"
 * blocks and comments. ClearSilver's HDF reader also follows links ("A : B"), copies
 * ("A := B") and "#include", and recurses without end on a link to itself, a cycle of
 * links or a file that includes itself; it takes attributes and multi-line values too.
 * This walks the lines as that reader does (ClearSilver util/neo_hdf.c, _hdf_read_string)
 * and returns the number of the first line that is none of the plain forms, 0 if none. */
static int config_unsupported_line(const char *text)
{
    int lineno = 0;
    for (const char *line = text; *line;) {
        const char *nl = strchr(line, '\n');
        const char *eol = nl ? nl : line + strlen(line);
        lineno++;
        const char *s = line;
        while (s < eol && isspace((unsigned char)*s))
            s++;
        if (s < eol && *s == '#') {
            if ((size_t)(eol - s) >= 9 && strncmp(s, "#include ", 9) == 0)
                return lineno;
        } else if (s < eol && *s != '}') {
            while (s < eol && (isalnum((unsigned char)*s) || *s == '_' || *s == '.'))
                s++;
            while (s < eol && isspace((unsigned char)*s))
                s++;
            if (s == eol || (*s != '=' && *s != '{'))
                return lineno;
        }
        line = nl ? nl + 1 : eol;
    }
    return 0;
}

/* Reads the file at path into hdf, refusing what config_unsupported_line names. */
static int config_read_file(HDF *hdf, const char *path)
{
    char *text = NULL;
    NEOERR *err = ne_load_file(path, &text);
    if (err != STATUS_OK) {
        nerr_ignore(&err);
        return -1;
    }
    int bad = config_unsupported_line(text);
    if (bad) {
        log_error("%s line %d: not a setting; write each as Name = value (links, copies, "
                  "attributes, multi-line values and #include are not read)",
                  path, bad);
        free(text);
        return -1;
    }
    err = hdf_read_string(hdf, text);
    free(text);
    if (err != STATUS_OK) {
        nerr_ignore(&err);
        return -1;
    }
    return 0;
}

/* Sets a string setting from the file named by its NAME_FILE variable (e.g.
 * PORTAL_SECRET_KEY_FILE): the file's first line without its line end, so a secret can live
 * in a file of mode 0600 rather than in the environment, which other processes of the same
 * user and every child inherit. Returns 0 (also when the variable is unset), or -1 when the
 * file cannot be read or its line does not fit. */
static int setting_apply_file(struct config *cfg, const struct setting *s)
{
    char name[96];
    snprintf(name, sizeof name, "%s_FILE", s->env_name);
    const char *path = getenv(name);
    if (!path || !*path || s->size == 0 || s->size == (size_t)-1)
        return 0;
    FILE *f = fopen(path, "r");
    if (!f) {
        log_error("%s: cannot read %s", name, path);
        return -1;
    }
    char line[1024];
    int rc = 0;
    if (!fgets(line, sizeof line, f))
        line[0] = '\0';
    else if (!strchr(line, '\n') && !feof(f))
        rc = -1;
    fclose(f);
    line[strcspn(line, "\r\n")] = '\0';
    if (rc == 0 && strlen(line) >= s->size)
        rc = -1;
    if (rc == 0)
        setting_apply(cfg, s, line);
    else
        log_error("%s: the first line of %s is longer than the setting takes", name, path);
    explicit_bzero(line, sizeof line);
    return rc;
}

int config_load(struct config *cfg)
{
    config_defaults(cfg);
    const char *path = getenv("PORTAL_CONFIG");
    HDF *hdf = NULL;
    if (path && *path) {
        if (hdf_init(&hdf) != STATUS_OK)
            return -1;
        if (config_read_file(hdf, path) != 0) {
            hdf_destroy(&hdf);
            return -1;
        }
    }
    for (size_t i = 0; i < sizeof settings / sizeof settings[0]; i++) {
        const char *v = hdf ? hdf_get_value(hdf, settings[i].hdf_name, NULL) : NULL;
        if (v)
            setting_apply(cfg, &settings[i], v);
        if (setting_apply_file(cfg, &settings[i]) != 0) {
            if (hdf)
                hdf_destroy(&hdf);
            return -1;
        }
        v = getenv(settings[i].env_name);
        if (v && *v)
            setting_apply(cfg, &settings[i], v);
    }
    if (hdf)
        hdf_destroy(&hdf);
    if (cfg->workers <= 0) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        cfg->workers = (int)(cores > 0 ? 2 * cores : 2);
    }
    return 0;
}
