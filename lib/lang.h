/* lang.h - the languages the portal speaks (issue 10): their codes, which one a browser
 * asks for (the Accept-Language header, RFC 9110 12.5.4), and numbers written the way each
 * language writes them. Pure: no I/O, no locale (setlocale would change every printf of
 * the process, SQL parameters included). */
#ifndef LANG_H
#define LANG_H

#include <stddef.h>

/* Each has templates/lang/<code>.hdf. LANG_EN is the fallback for everything. */
enum lang { LANG_EN, LANG_DE, LANG_COUNT };

/* "en", "de". */
const char *lang_code(enum lang l);
/* "en"/"de" (exactly, lower case) -> the language; -1 for anything else, NULL included. */
int lang_parse(const char *code);

/* The language to answer in for an Accept-Language header (may be NULL): the supported
 * language with the highest q-value. A range matches a language by its primary subtag,
 * case-insensitively ("de-AT" asks for German); "*" stands for every language the header
 * does not name; q=0 refuses. Ties go to the range named first. Malformed elements are
 * skipped, not fatal. LANG_EN when nothing supported is acceptable. */
enum lang lang_from_accept(const char *header);

/* v with `decimals` digits after the decimal separator (0 to 3): "2.5" in English,
 * "2,5" in German; no thousands separator, a minus sign for negative values. Rounds half
 * away from zero. Writes at most len bytes, always terminated; returns buf. */
char *lang_format_decimal(enum lang l, double v, int decimals, char *buf, size_t len);

#endif
