/* view.h - ClearSilver rendering with HTML escaping on for every variable; user-visible
 * strings come from templates/lang/<code>.hdf under Lang.*, in the request's language. */
#ifndef VIEW_H
#define VIEW_H

#include <ClearSilver.h>

#include "lang.h"

/* Loads every language file once per process (templates/lang/en.hdf, and each other
 * language's file over English), with Lang.Code set to the language's code. Returns 0 or
 * -1 (a file missing or malformed). */
int view_init(const char *template_dir);
void view_shutdown(void);

/* Renders template (relative to the template directory) with hdf and lang's Lang.* into
 * out (a STRING the caller string_init'ed and string_clear's). Returns 0 or -1; on -1
 * errbuf says why. */
int view_render(HDF *hdf, enum lang lang, const char *template, STRING *out, char *errbuf,
                size_t errlen);

/* The text of Lang.<name> in language l (NULL when there is none), for words C must put
 * together itself: a mail's subject and body. */
const char *view_lang_value(enum lang l, const char *name);

/* The words of n keys in every language, as the database's mail functions take them:
 * {"<lang code>": {"<keys[i][0]>": "<text of Lang.keys[i][1]>", ...}, ...} ("" where a
 * language has none). A JSON text to free, or NULL when out of memory. */
char *view_lang_words_json(const char *const keys[][2], size_t n);

/* Sets a node to an integer / formatted value; wrappers that ignore allocation errors,
 * which surface as missing values on the page. */
void view_set(HDF *hdf, const char *name, const char *value);
void view_setf(HDF *hdf, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void view_set_int(HDF *hdf, const char *name, long value);

#endif
