/* config.h - the portal's and forwarder's settings: built-in defaults, then an optional
 * HDF file (PORTAL_CONFIG), then environment variables, each overriding the one before.
 * Every string setting can also be read from a file: NAME_FILE=/path (e.g.
 * PORTAL_SECRET_KEY_FILE, FORWARDER_SMTP_PASSWORD_FILE) takes the file's first line; NAME
 * itself, when set too, still wins. Database passwords need none of this: libpq reads them
 * from a password file (passfile=... in the conninfo, or PGPASSFILE). */
#ifndef CONFIG_H
#define CONFIG_H

#include <stddef.h>

struct config {
    char db_conninfo[512];        /* PORTAL_DB: libpq conninfo of the portal_app role */
    char forwarder_conninfo[512]; /* FORWARDER_DB: conninfo of the portal_forwarder role */
    char socket_path[256];        /* PORTAL_SOCKET: FastCGI unix socket */
    char socket_group[64];        /* PORTAL_SOCKET_GROUP: the group (nginx's) that may
                                   * connect; empty = only the portal's own user */
    char template_dir[256];       /* PORTAL_TEMPLATES */
    char formats_dir[256];        /* PORTAL_FORMATS: schemas of exchange formats
                                   * (schema/formats: CSAF 2.0 with CVSS) */
    int workers;                  /* PORTAL_WORKERS: pre-forked processes, 0 = 2 x cores */
    long max_body;                /* PORTAL_MAX_BODY: bytes; larger requests get 413 */
    long max_upload;              /* PORTAL_MAX_UPLOAD: bytes per evidence file */
    int session_idle_s;           /* PORTAL_SESSION_IDLE */
    int session_absolute_s;       /* PORTAL_SESSION_ABSOLUTE */
    int secure_cookies;           /* PORTAL_SECURE_COOKIES: add Secure (behind HTTPS) */
    int login_max_account;        /* failed logins per account in the window */
    int login_max_address;        /* failed logins per client address in the window */
    int login_window_s;
    /* forwarder */
    int fwd_poll_s;               /* FORWARDER_POLL: timer wake-up besides LISTEN */
    int fwd_connect_timeout_ms;   /* FORWARDER_CONNECT_TIMEOUT_MS */
    int fwd_timeout_ms;           /* FORWARDER_TIMEOUT_MS: whole request */
    int fwd_backoff_base_ms;      /* FORWARDER_BACKOFF_BASE_MS */
    int fwd_backoff_cap_ms;       /* FORWARDER_BACKOFF_CAP_MS */
    char fwd_allow_hosts[512];    /* FORWARDER_ALLOW_HOSTS: the only loopback/private and
                                   * plain-http endpoints, "IP:PORT[-PORT]", comma-separated */
    char fwd_ca_file[256];        /* FORWARDER_CA_FILE: extra CA bundle, empty = system */
    char smtp_url[256];           /* FORWARDER_SMTP_URL: smtp://host:port (STARTTLS if offered) */
    char smtp_from[256];          /* FORWARDER_SMTP_FROM */
    char smtp_user[128];          /* FORWARDER_SMTP_USER, empty = no authentication */
    char smtp_password[128];      /* FORWARDER_SMTP_PASSWORD */
    int fwd_reminder_interval_s;  /* FORWARDER_REMINDER_INTERVAL: how often reminders are
                                   * queued; 0 = never */
    int fwd_reminder_before_days; /* FORWARDER_REMINDER_BEFORE_DAYS: remind when due within */
    int fwd_reminder_after_days;  /* FORWARDER_REMINDER_AFTER_DAYS: remind when overdue by */
    char base_url[256];           /* PORTAL_BASE_URL: how users reach the portal, for links */
    char secret_key[80];          /* PORTAL_SECRET_KEY: 64 hex characters sealing recipient
                                   * credentials (lib/secret.h); empty = none */
    int fwd_concurrency;          /* FORWARDER_CONCURRENCY: transfers at once */
    int fwd_batch;                /* FORWARDER_BATCH: rows claimed in one transaction */
    int fwd_retry_horizon_s;      /* FORWARDER_RETRY_HORIZON_S: give up (state 'failed')
                                   * on a row older than this; 0 = never */
    int api_rate_per_minute;      /* PORTAL_API_RATE: requests per token and minute (429) */
    /* metrics (cgi/metrics_http.c) */
    char metrics_listen[256];   /* PORTAL_METRICS: "127.0.0.1:PORT" or a unix socket path
                                 * for the Prometheus endpoint; empty = no metrics */
    char metrics_conninfo[512]; /* PORTAL_METRICS_DB: conninfo of the portal_metrics role */
};

/* Fills cfg from defaults, the HDF file named by PORTAL_CONFIG (if set) and the
 * environment. Returns 0, or -1 when the file is named but missing or unparseable, or a
 * NAME_FILE names a file that cannot be read or whose first line is too long.
 * Numbers are read with atoi: a malformed one becomes 0. */
int config_load(struct config *cfg);

#endif
