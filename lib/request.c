/* request.c - ClearSilver's CGI kit over the current FCGX_Request (cgiwrap_init_emu), the
 * body-size limit, and the UTF-8 check of everything parsed. */
#include "request.h"

#include "utf8.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* cgiwrap is process-global; a worker serves one request at a time, so this is the
 * request the callbacks act on. */
static FCGX_Request *current;

/* A NUL byte sent as "%00" disappears into ClearSilver's C strings (the value is cut
 * short), so the raw url-encoded body is watched for it while ClearSilver reads it. */
static struct {
    int watch;    /* the body is application/x-www-form-urlencoded */
    int seen;     /* a raw NUL or "%00" went by */
    char tail[2]; /* the last two bytes of the previous chunk */
} nul_scan;

static void nul_scan_chunk(const char *buf, int n)
{
    for (int i = 0; i < n; i++) {
        char c = buf[i];
        char p1 = i >= 1 ? buf[i - 1] : nul_scan.tail[1];
        char p2 = i >= 2 ? buf[i - 2] : i == 1 ? nul_scan.tail[1] : nul_scan.tail[0];
        if (c == '\0' || (p2 == '%' && p1 == '0' && c == '0'))
            nul_scan.seen = 1;
    }
    if (n >= 2) {
        nul_scan.tail[0] = buf[n - 2];
        nul_scan.tail[1] = buf[n - 1];
    } else if (n == 1) {
        nul_scan.tail[0] = nul_scan.tail[1];
        nul_scan.tail[1] = buf[0];
    }
}

static int cb_read(void *data, char *buf, int size)
{
    (void)data;
    int n = FCGX_GetStr(buf, size, current->in);
    if (nul_scan.watch && n > 0)
        nul_scan_chunk(buf, n);
    return n;
}

static int cb_writef(void *data, const char *fmt, va_list ap)
{
    (void)data;
    return FCGX_VFPrintF(current->out, fmt, ap);
}

static int cb_write(void *data, const char *buf, int size)
{
    (void)data;
    return FCGX_PutStr(buf, size, current->out);
}

static char *cb_getenv(void *data, const char *name)
{
    (void)data;
    const char *v = FCGX_GetParam(name, current->envp);
    return v ? strdup(v) : NULL;
}

static int cb_putenv(void *data, const char *name, const char *value)
{
    (void)data, (void)name, (void)value;
    return 1; /* the request's environment is read-only */
}

static int cb_iterenv(void *data, int num, char **name, char **value)
{
    (void)data;
    *name = *value = NULL;
    for (int i = 0; i < num; i++)
        if (!current->envp[i])
            return 0;
    const char *e = current->envp[num];
    if (!e)
        return 0;
    const char *eq = strchr(e, '=');
    if (!eq)
        return 0;
    *name = strndup(e, (size_t)(eq - e));
    *value = strdup(eq + 1);
    if (!*name || !*value) {
        free(*name);
        free(*value);
        *name = *value = NULL;
        return 1;
    }
    return 0;
}

void req_new_id(char out[17])
{
    unsigned char raw[8];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(out, 17, raw, sizeof raw);
}

/* Every name and value under node must be valid UTF-8 without NUL bytes. */
static int hdf_tree_valid(HDF *node)
{
    for (; node; node = hdf_obj_next(node)) {
        const char *name = hdf_obj_name(node), *value = hdf_obj_value(node);
        if ((name && !utf8_valid(name, strlen(name))) ||
            (value && !utf8_valid(value, strlen(value))))
            return 0;
        if (!hdf_tree_valid(hdf_obj_child(node)))
            return 0;
    }
    return 1;
}

static int input_valid(HDF *hdf)
{
    return hdf_tree_valid(hdf_get_child(hdf, "Query")) &&
           hdf_tree_valid(hdf_get_child(hdf, "Cookie"));
}

int req_begin(struct request *req, FCGX_Request *fcgi, long max_body)
{
    memset(req, 0, sizeof *req);
    req->fcgi = fcgi;
    current = fcgi;
    req_new_id(req->request_id);
    cgiwrap_init_emu(NULL, cb_read, cb_writef, cb_write, cb_getenv, cb_putenv, cb_iterenv);

    const char *m = FCGX_GetParam("REQUEST_METHOD", fcgi->envp);
    snprintf(req->method, sizeof req->method, "%s", m ? m : "GET");
    const char *p = FCGX_GetParam("DOCUMENT_URI", fcgi->envp);
    snprintf(req->path, sizeof req->path, "%s", p && *p ? p : "/");
    const char *a = FCGX_GetParam("REMOTE_ADDR", fcgi->envp);
    snprintf(req->client_addr, sizeof req->client_addr, "%s", a ? a : "");
    const char *ct = FCGX_GetParam("CONTENT_TYPE", fcgi->envp);
    memset(&nul_scan, 0, sizeof nul_scan);
    nul_scan.watch = ct && strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0;
    const char *qs = FCGX_GetParam("QUERY_STRING", fcgi->envp);
    const char *cookies = FCGX_GetParam("HTTP_COOKIE", fcgi->envp);
    const char *cl = FCGX_GetParam("CONTENT_LENGTH", fcgi->envp);
    req->content_length = cl && *cl ? strtol(cl, NULL, 10) : 0;

    HDF *hdf;
    if (hdf_init(&hdf) != STATUS_OK)
        return 500;
    NEOERR *err = cgi_init(&req->cgi, hdf);
    if (err != STATUS_OK) {
        nerr_ignore(&err);
        hdf_destroy(&hdf);
        req->cgi = NULL;
        return 500;
    }
    req->hdf = req->cgi->hdf;
    if (!utf8_valid(req->path, strlen(req->path)))
        return 400;
    if (req->content_length < 0)
        return 400;
    if (req->content_length > max_body)
        return 413;
    if ((qs && strstr(qs, "%00")) || (cookies && strstr(cookies, "%00")))
        return 400;
    err = cgi_parse(req->cgi);
    if (err != STATUS_OK) {
        nerr_ignore(&err);
        return 400;
    }
    return !nul_scan.seen && input_valid(req->hdf) ? 0 : 400;
}

void req_end(struct request *req)
{
    if (req->cgi)
        cgi_destroy(&req->cgi); /* also destroys req->hdf and uploaded temporary files */
    req->hdf = NULL;
    current = NULL;
}

const char *req_param(const struct request *req, const char *name)
{
    return hdf_get_valuef(req->hdf, "Query.%s", name);
}

const char *req_cookie(const struct request *req, const char *name)
{
    return hdf_get_valuef(req->hdf, "Cookie.%s", name);
}

const char *req_env(const struct request *req, const char *name)
{
    return FCGX_GetParam(name, req->fcgi->envp);
}
