/* view.c - ClearSilver templates: one language tree per language, loaded once per process
 * and shared by every render as the templates' global data (never copied into a request),
 * global HTML escaping. */
#include "view.h"

#include <jansson.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* What every render may read and none changes, one tree per language: Lang.* (ClearSilver
 * looks a name up in the request's data first, then here) with Lang.Code, the escaping mode
 * and the template directory. A render picks its language's tree: a pointer, no copy. */
static HDF *globals_of[LANG_COUNT];
#define globals (globals_of[LANG_EN])
static char template_root[256];

/* Templates parsed once per process: a parse tree holds no request data (ClearSilver
 * reads the data when it renders), so each render lends it the request's tree. */
#define VIEW_PARSED_MAX 128
static struct {
    char name[96];
    CSPARSE *cs;
} parsed[VIEW_PARSED_MAX];
static int n_parsed;

/* The parse of template in *out; *kept is 0 when the cache had no room for it (the caller
 * then destroys it after use). */
static NEOERR *view_parsed(const char *template, CSPARSE **out, int *kept)
{
    *kept = 1;
    for (int i = 0; i < n_parsed; i++)
        if (strcmp(parsed[i].name, template) == 0) {
            *out = parsed[i].cs;
            return STATUS_OK;
        }
    CSPARSE *cs = NULL;
    NEOERR *err = cs_init(&cs, globals);
    if (err == STATUS_OK)
        err = cgi_register_strfuncs(cs);
    if (err == STATUS_OK)
        err = cs_parse_file(cs, template);
    if (err != STATUS_OK) {
        if (cs)
            cs_destroy(&cs);
        return nerr_pass(err);
    }
    cs->global_hdf = globals;
    *kept = n_parsed < VIEW_PARSED_MAX && strlen(template) < sizeof parsed[0].name;
    if (*kept) {
        snprintf(parsed[n_parsed].name, sizeof parsed[n_parsed].name, "%s", template);
        parsed[n_parsed++].cs = cs;
    }
    *out = cs;
    return STATUS_OK;
}

/* Forgets template's parse (after a failed render, whose state is not to be trusted). */
static void view_forget(CSPARSE *cs)
{
    for (int i = 0; i < n_parsed; i++)
        if (parsed[i].cs == cs) {
            parsed[i] = parsed[--n_parsed];
            break;
        }
    cs_destroy(&cs);
}

/* Fills one language's tree: English first, then the language's own file over it, so a key
 * the language lacks would still read in English (tests/unit/test_lang_parity.c keeps the
 * files complete). */
static NEOERR *view_load_language(HDF *tree, enum lang l)
{
    HDF *lang = NULL;
    NEOERR *err = hdf_set_value(tree, "Config.VarEscapeMode", "html");
    if (err == STATUS_OK)
        err = hdf_set_value(tree, "hdf.loadpaths.0", template_root);
    if (err == STATUS_OK)
        err = hdf_get_node(tree, "Lang", &lang);
    for (int k = 0; k < 2 && err == STATUS_OK; k++) {
        if (k == 1 && l == LANG_EN)
            break;
        char path[512];
        snprintf(path, sizeof path, "%s/lang/%s.hdf", template_root,
                 lang_code(k == 0 ? LANG_EN : l));
        err = hdf_read_file(lang, path);
    }
    if (err == STATUS_OK)
        err = hdf_set_value(lang, "Code", lang_code(l));
    return err;
}

int view_init(const char *template_dir)
{
    snprintf(template_root, sizeof template_root, "%s", template_dir);
    if (globals)
        return 0;
    for (int l = 0; l < LANG_COUNT; l++) {
        NEOERR *err = hdf_init(&globals_of[l]);
        if (err == STATUS_OK)
            err = view_load_language(globals_of[l], (enum lang)l);
        if (err != STATUS_OK) {
            nerr_ignore(&err);
            view_shutdown();
            return -1;
        }
    }
    return 0;
}

void view_shutdown(void)
{
    while (n_parsed > 0)
        view_forget(parsed[n_parsed - 1].cs);
    for (int l = 0; l < LANG_COUNT; l++)
        if (globals_of[l])
            hdf_destroy(&globals_of[l]);
}

static NEOERR *render_to_string(void *ctx, char *s)
{
    return string_append((STRING *)ctx, s);
}

const char *view_lang_value(enum lang l, const char *name)
{
    HDF *tree = globals_of[(unsigned)l < LANG_COUNT ? l : LANG_EN];
    char key[256];
    snprintf(key, sizeof key, "Lang.%s", name);
    return tree ? hdf_get_value(tree, key, NULL) : NULL;
}

char *view_lang_words_json(const char *const keys[][2], size_t n)
{
    json_t *all = json_object();
    for (int l = 0; all && l < LANG_COUNT; l++) {
        json_t *words = json_object();
        for (size_t k = 0; words && k < n; k++) {
            const char *w = view_lang_value((enum lang)l, keys[k][1]);
            json_object_set_new(words, keys[k][0], json_string(w ? w : ""));
        }
        json_object_set_new(all, lang_code((enum lang)l), words);
    }
    char *text = all ? json_dumps(all, JSON_COMPACT) : NULL;
    json_decref(all);
    return text;
}

int view_render(HDF *hdf, enum lang lang, const char *template, STRING *out, char *errbuf,
                size_t errlen)
{
    CSPARSE *cs = NULL;
    int kept = 0;
    NEOERR *err = view_parsed(template, &cs, &kept);
    if (err == STATUS_OK) {
        cs->hdf = hdf;
        cs->global_hdf = globals_of[(unsigned)lang < LANG_COUNT ? lang : LANG_EN];
        err = cs_render(cs, out, render_to_string);
        cs->hdf = globals; /* the request's tree is freed after this */
        cs->global_hdf = globals;
        if (err != STATUS_OK || !kept)
            view_forget(cs);
    }
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
