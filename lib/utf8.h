/* utf8.h - strict UTF-8 validation of request input. */
#ifndef UTF8_H
#define UTF8_H

#include <stddef.h>

/* 1 when buf[0..len) is well-formed UTF-8 (no overlongs, surrogates or values above
 * U+10FFFF) and holds no NUL byte; 0 otherwise. */
int utf8_valid(const char *buf, size_t len);

#endif
