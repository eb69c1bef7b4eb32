/* view.c - ClearSilver templates: the language tree loaded once, global HTML escaping. */
#include "view.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static HDF *lang;
static char template_root[256];

int view_init(const char *template_dir)
{
    snprintf(template_root, sizeof template_root, "%s", template_dir);
    if (lang)
        return 0;
    if (hdf_init(&lang) != STATUS_OK)
        return -1;
    char path[512];
    snprintf(path, sizeof path, "%s/lang/en.hdf", template_dir);
    NEOERR *err = hdf_read_file(lang, path);
    if (err != STATUS_OK) {
        nerr_ignore(&err);
        hdf_destroy(&lang);
        return -1;
    }
    return 0;
}

void view_shutdown(void)
{
    if (lang)
        hdf_destroy(&lang);
}

static NEOERR *render_to_string(void *ctx, char *s)
{
    return string_append((STRING *)ctx, s);
}

int view_render(HDF *hdf, const char *template, STRING *out, char *errbuf, size_t errlen)
{
    CSPARSE *cs = NULL;
    NEOERR *err = hdf_set_value(hdf, "Config.VarEscapeMode", "html");
    if (err == STATUS_OK)
        err = hdf_set_value(hdf, "hdf.loadpaths.0", template_root);
    if (err == STATUS_OK && lang)
        err = hdf_copy(hdf, "Lang", lang);
    if (err == STATUS_OK)
        err = cs_init(&cs, hdf);
    if (err == STATUS_OK)
        err = cgi_register_strfuncs(cs);
    if (err == STATUS_OK)
        err = cs_parse_file(cs, template);
    if (err == STATUS_OK)
        err = cs_render(cs, out, render_to_string);
    if (cs)
        cs_destroy(&cs);
    if (err != STATUS_OK) {
        STRING msg;
        string_init(&msg);
        nerr_error_string(err, &msg);
        snprintf(errbuf, errlen, "%s", msg.buf ? msg.buf : "template error");
        string_clear(&msg);
        nerr_ignore(&err);
        return -1;
    }
    return 0;
}

void view_set(HDF *hdf, const char *name, const char *value)
{
    NEOERR *err = hdf_set_value(hdf, name, value ? value : "");
    nerr_ignore(&err);
}

void view_setf(HDF *hdf, const char *name, const char *fmt, ...)
{
    char buf[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    view_set(hdf, name, buf);
}

void view_set_int(HDF *hdf, const char *name, long value)
{
    view_setf(hdf, name, "%ld", value);
}
