/* view.h - ClearSilver rendering with HTML escaping on for every variable; user-visible
 * strings come from templates/lang/en.hdf under Lang.*. */
#ifndef VIEW_H
#define VIEW_H

#include <ClearSilver.h>

/* Loads the language file once per process. Returns 0 or -1. */
int view_init(const char *template_dir);
void view_shutdown(void);

/* Renders template (relative to the template directory) with hdf into out (a STRING the
 * caller string_init'ed and string_clear's). Returns 0 or -1; on -1 errbuf says why. */
int view_render(HDF *hdf, const char *template, STRING *out, char *errbuf, size_t errlen);

/* Sets a node to an integer / formatted value; wrappers that ignore allocation errors,
 * which surface as missing values on the page. */
void view_set(HDF *hdf, const char *name, const char *value);
void view_setf(HDF *hdf, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void view_set_int(HDF *hdf, const char *name, long value);

#endif
