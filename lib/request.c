/* request.c - ClearSilver's CGI kit over the current FCGX_Request (cgiwrap_init_emu), the
 * body-size limit, and the UTF-8 check of everything parsed. */
#include "request.h"

#include "fcgi_params.h"
#include "utf8.h"

#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* cgiwrap is process-global; a worker serves one request at a time, so this is the
 * request the callbacks act on, and the index of its parameters. */
static FCGX_Request *current;
static struct fcgi_params current_params;

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

/* The content type ClearSilver is shown: the media type in lower case (ClearSilver
 * compares it case-sensitively and misses "application/x-www-form-urlencoded;
 * charset=utf-8"), for multipart only a boundary checked here, and nothing for a body
 * of any other type. */
static char content_type[128];

/* RFC 2046 5.1.1: 1 to 70 of these characters, the last not a space. */
static int boundary_valid(const char *b, size_t len)
{
    if (len < 1 || len > 70 || b[len - 1] == ' ')
        return 0;
    for (size_t i = 0; i < len; i++)
        if (!strchr("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ",
                    b[i]))
            return 0;
    return 1;
}

/* The value of parameter name in a header's "; name=value" list (quotes removed), or
 * -1 when absent or malformed; *len is its length. */
static int header_param(const char *h, const char *name, const char **value, size_t *len)
{
    size_t nl = strlen(name);
    const char *p = strchr(h, ';');
    while (p) {
        p++;
        while (*p == ' ' || *p == '\t')
            p++;
        const char *k = p;
        while (*p && *p != '=' && *p != ';' && *p != ' ' && *p != '\t')
            p++;
        size_t kl = (size_t)(p - k);
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p != '=') {
            p = strchr(p, ';');
            continue;
        }
        p++;
        while (*p == ' ' || *p == '\t')
            p++;
        const char *v = p;
        size_t vl;
        if (*p == '"') {
            v = ++p;
            while (*p && *p != '"')
                p++;
            if (*p != '"')
                return -1;
            vl = (size_t)(p - v);
            p++;
        } else {
            while (*p && *p != ';' && *p != ' ' && *p != '\t')
                p++;
            vl = (size_t)(p - v);
        }
        if (kl == nl && strncasecmp(k, name, nl) == 0) {
            *value = v;
            *len = vl;
            return 0;
        }
        p = strchr(p, ';');
    }
    return -1;
}

enum body_kind { BODY_OTHER, BODY_URLENCODED, BODY_MULTIPART };

/* Sets content_type from the request's header. Returns the kind of body, or -1 for a
 * multipart type without a usable boundary: ClearSilver 0.10.5's _is_boundary caches
 * strlen(boundary) under the boundary's address and so calls strlen(NULL) on the first
 * multipart request without one after any request with one, crashing the worker. */
static int content_type_set(const char *ct)
{
    content_type[0] = '\0';
    if (!ct)
        return BODY_OTHER;
    while (*ct == ' ' || *ct == '\t')
        ct++;
    size_t mt = strcspn(ct, "; \t");
    if (mt == 33 && strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0) {
        snprintf(content_type, sizeof content_type, "application/x-www-form-urlencoded");
        return BODY_URLENCODED;
    }
    if (mt == 19 && strncasecmp(ct, "multipart/form-data", 19) == 0) {
        const char *b;
        size_t bl;
        if (header_param(ct, "boundary", &b, &bl) != 0 || !boundary_valid(b, bl))
            return -1;
        snprintf(content_type, sizeof content_type, "multipart/form-data; boundary=\"%.*s\"",
                 (int)bl, b);
        return BODY_MULTIPART;
    }
    return BODY_OTHER; /* ClearSilver is shown none: it would take any type that merely
                        * starts with "multipart/form-data" for one */
}

/* A multipart body is followed before ClearSilver reads it, the way ClearSilver's
 * rfc2388.c reads it: in pieces that end at a newline or after 4096 bytes (its line
 * buffer), a boundary only on a piece ending in a newline and only outside a part's
 * headers, headers up to a piece that is blank or starts with white space (a piece
 * starting with a space or TAB right after a header continues it), nothing after the
 * closing boundary. Refused: a NUL byte in a text field or a header (ClearSilver would
 * cut the value short; files may hold any byte), and a part that repeats a header whose
 * value ClearSilver mallocs, as it loses the first (thousands of repetitions in one body
 * would grow a worker without bound). */
#define MP_PIECE 4096
static const char *const mp_kept_headers[] = {
    "content-disposition:", "content-type:", "content-encoding:"};

static struct {
    char boundary[72];
    size_t boundary_len;
    enum { MP_PREAMBLE, MP_HEADERS, MP_CONTENT, MP_DONE } state;
    int after_header;      /* the previous piece was a header line */
    int part_is_file;      /* the part's Content-Disposition has a filename */
    unsigned headers_seen; /* bit per mp_kept_headers entry in the current part */
    int bad;               /* a NUL in a text field or header, or a repeated header */
    char piece[MP_PIECE + 1];
    size_t piece_len;
    int piece_nul;
} mp_scan;

/* 0, 1 for a boundary, 2 for the closing one. */
static int mp_piece_boundary(void)
{
    size_t l = mp_scan.piece_len, bl = mp_scan.boundary_len;
    const char *s = mp_scan.piece;
    if (l == 0 || s[l - 1] != '\n')
        return 0;
    l--;
    if (l && s[l - 1] == '\r')
        l--;
    if (l < bl + 2 || s[0] != '-' || s[1] != '-' || memcmp(s + 2, mp_scan.boundary, bl) != 0)
        return 0;
    if (l == bl + 2)
        return 1;
    return l == bl + 4 && s[l - 1] == '-' && s[l - 2] == '-' ? 2 : 0;
}

static void mp_header_piece(void)
{
    const char *s = mp_scan.piece;
    if (mp_scan.after_header && (s[0] == ' ' || s[0] == '\t'))
        return; /* a continuation */
    size_t l = mp_scan.piece_len;
    while (l && isspace((unsigned char)s[l - 1]))
        l--;
    if (l == 0 || isspace((unsigned char)s[0])) {
        mp_scan.state = MP_CONTENT;
        return;
    }
    mp_scan.after_header = 1;
    mp_scan.piece[l] = '\0';
    for (unsigned k = 0; k < sizeof mp_kept_headers / sizeof mp_kept_headers[0]; k++)
        if (strncasecmp(s, mp_kept_headers[k], strlen(mp_kept_headers[k])) == 0) {
            if (mp_scan.headers_seen & (1u << k))
                mp_scan.bad = 1;
            mp_scan.headers_seen |= 1u << k;
        }
    const char *v;
    size_t vl;
    if (strncasecmp(s, "content-disposition:", 20) == 0 &&
        header_param(s, "filename", &v, &vl) == 0)
        mp_scan.part_is_file = 1;
}

static void mp_scan_piece(void)
{
    int boundary = mp_scan.state == MP_HEADERS ? 0 : mp_piece_boundary();
    if (boundary == 2) {
        mp_scan.state = MP_DONE;
    } else if (boundary == 1) {
        mp_scan.state = MP_HEADERS;
        mp_scan.after_header = mp_scan.part_is_file = 0;
        mp_scan.headers_seen = 0;
    } else if (mp_scan.state == MP_HEADERS) {
        if (mp_scan.piece_nul)
            mp_scan.bad = 1;
        mp_header_piece();
    } else if (mp_scan.state == MP_CONTENT && mp_scan.piece_nul && !mp_scan.part_is_file) {
        mp_scan.bad = 1;
    }
    mp_scan.piece_len = 0;
    mp_scan.piece_nul = 0;
}

/* Scans a whole multipart body; 1 when ClearSilver must not parse it. */
static int mp_scan_body(const char *buf, size_t n)
{
    for (size_t i = 0; i < n && mp_scan.state != MP_DONE; i++) {
        char c = buf[i];
        mp_scan.piece[mp_scan.piece_len++] = c;
        mp_scan.piece_nul |= c == '\0';
        if (c == '\n' || mp_scan.piece_len == MP_PIECE)
            mp_scan_piece();
    }
    if (mp_scan.piece_len && mp_scan.state != MP_DONE)
        mp_scan_piece();
    return mp_scan.bad;
}

/* A multipart body, read whole and checked before ClearSilver reads it from here. */
static struct {
    char *data;
    size_t len, pos;
} body_buf;

static int cb_read(void *data, char *buf, int size)
{
    (void)data;
    if (body_buf.data) {
        size_t n = body_buf.len - body_buf.pos;
        if (n > (size_t)size)
            n = (size_t)size;
        memcpy(buf, body_buf.data + body_buf.pos, n);
        body_buf.pos += n;
        return (int)n;
    }
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
    if (strcmp(name, "CONTENT_TYPE") == 0)
        return content_type[0] ? strdup(content_type) : NULL;
    const char *v = fcgi_params_get(&current_params, name);
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

/* Reads the multipart body (length declared and already bounded by the caller) into
 * body_buf and checks it. Returns 0, 400 or 500. */
static int multipart_read_and_check(FCGX_Request *fcgi, long length)
{
    body_buf.data = malloc(length > 0 ? (size_t)length : 1);
    if (!body_buf.data)
        return 500;
    while (body_buf.len < (size_t)length) {
        int n = FCGX_GetStr(body_buf.data + body_buf.len, (int)((size_t)length - body_buf.len),
                            fcgi->in);
        if (n <= 0)
            break;
        body_buf.len += (size_t)n;
    }
    return mp_scan_body(body_buf.data, body_buf.len) ? 400 : 0;
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
    fcgi_params_index(&current_params, fcgi->envp);
    req_new_id(req->request_id);
    cgiwrap_init_emu(NULL, cb_read, cb_writef, cb_write, cb_getenv, cb_putenv, cb_iterenv);

    const char *m = fcgi_params_get(&current_params, "REQUEST_METHOD");
    snprintf(req->method, sizeof req->method, "%s", m ? m : "GET");
    const char *p = fcgi_params_get(&current_params, "DOCUMENT_URI");
    snprintf(req->path, sizeof req->path, "%s", p && *p ? p : "/");
    const char *a = fcgi_params_get(&current_params, "REMOTE_ADDR");
    snprintf(req->client_addr, sizeof req->client_addr, "%s", a ? a : "");
    memset(&nul_scan, 0, sizeof nul_scan);
    memset(&mp_scan, 0, sizeof mp_scan);
    free(body_buf.data);
    memset(&body_buf, 0, sizeof body_buf);
    int body_kind = content_type_set(fcgi_params_get(&current_params, "CONTENT_TYPE"));
    nul_scan.watch = body_kind == BODY_URLENCODED;
    if (body_kind == BODY_MULTIPART) {
        const char *b;
        size_t bl;
        header_param(content_type, "boundary", &b, &bl);
        memcpy(mp_scan.boundary, b, bl);
        mp_scan.boundary_len = bl;
    }
    const char *qs = fcgi_params_get(&current_params, "QUERY_STRING");
    const char *cookies = fcgi_params_get(&current_params, "HTTP_COOKIE");
    const char *cl = fcgi_params_get(&current_params, "CONTENT_LENGTH");
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
    /* The portal answers GET, HEAD and POST only. ClearSilver reads the body of any other
     * method (PUT) to a file until it has CONTENT_LENGTH bytes, and spins for ever on a
     * body that ends sooner (found by tests/fuzz/fuzz_request.c). */
    if (strcmp(req->method, "GET") != 0 && strcmp(req->method, "HEAD") != 0 &&
        strcmp(req->method, "POST") != 0)
        return 405;
    if (body_kind < 0 && strcmp(req->method, "POST") == 0)
        return 400;
    if (body_kind == BODY_MULTIPART) {
        int rc = multipart_read_and_check(fcgi, req->content_length);
        if (rc)
            return rc;
    }
    err = cgi_parse(req->cgi);
    if (err != STATUS_OK) {
        nerr_ignore(&err);
        return 400;
    }
    return !nul_scan.seen && input_valid(req->hdf) ? 0 : 400;
}

void req_end(struct request *req)
{
    free(body_buf.data);
    memset(&body_buf, 0, sizeof body_buf);
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

/* The value of %XX at s, or -1. */
static int hex_byte(const char *s)
{
    int v = 0;
    for (int i = 0; i < 2; i++) {
        char c = s[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= c - '0';
        else if (c >= 'a' && c <= 'f')
            v |= c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            v |= c - 'A' + 10;
        else
            return -1;
    }
    return v;
}

int req_query_has(const struct request *req, const char *name)
{
    const char *qs = req_env(req, "QUERY_STRING");
    size_t nl = strlen(name);
    while (qs && *qs) {
        size_t pair = strcspn(qs, "&");
        size_t key = strcspn(qs, "=&");
        size_t matched = 0, i = 0;
        while (i < key && matched <= nl) {
            int c = (unsigned char)qs[i];
            if (c == '%' && i + 2 < key && hex_byte(qs + i + 1) >= 0) {
                c = hex_byte(qs + i + 1);
                i += 3;
            } else {
                c = c == '+' ? ' ' : c;
                i++;
            }
            if (matched < nl && c == (unsigned char)name[matched])
                matched++;
            else
                matched = nl + 1;
        }
        if (matched == nl)
            return 1;
        qs += pair;
        if (*qs == '&')
            qs++;
    }
    return 0;
}

const char *req_env(const struct request *req, const char *name)
{
    return req->fcgi == current ? fcgi_params_get(&current_params, name)
                                : FCGX_GetParam(name, req->fcgi->envp);
}
