/* utf8.h - strict UTF-8 validation of request input, and copies that never cut a
 * character in half. */
#ifndef UTF8_H
#define UTF8_H

#include <stddef.h>

/* 1 when buf[0..len) is well-formed UTF-8 (no overlongs, surrogates or values above
 * U+10FFFF) and holds no NUL byte; 0 otherwise. */
int utf8_valid(const char *buf, size_t len);

/* Bytes a buffer needs for a text of up to chars characters (the database's and forms'
 * limits count characters; one may take four bytes) and its NUL. */
#define UTF8_BUF(chars) ((chars)*4 + 1)

/* Copies src into dst[0..size) like snprintf("%s"), but when src does not fit it ends
 * before the character that would be cut in half. Returns strlen(src). */
size_t utf8_copy(char *dst, size_t size, const char *src);

#endif
