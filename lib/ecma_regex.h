/* ecma_regex.h - the regular expressions of JSON Schema "pattern" keywords (ECMA-262
 * syntax) rewritten as POSIX extended regular expressions for regcomp(3), so that schemas
 * published for JavaScript validators (CSAF 2.0, CVSS, STIX 2.1) can be checked in C.
 *
 * Supported: literals and escaped punctuation; . ^ $ | ( ) (?: ) and the quantifiers
 * * + ? {n} {n,} {n,m}, lazy forms taken as greedy (whether a match exists does not
 * depend on it); classes [...] and [^...] with ranges and escapes; \d \D \s \S \w \W
 * \t \n \r \f \v and \uXXXX for ASCII. Refused (ecma_regex_translate fails): look-around,
 * back-references, \b, named groups and \u escapes beyond ASCII. Matching is by bytes, as
 * regcomp does in the C locale: a negated class matches each byte of a multi-byte
 * character. */
#ifndef ECMA_REGEX_H
#define ECMA_REGEX_H

#include <regex.h>
#include <stddef.h>

/* Writes the POSIX ERE equivalent of the ECMA pattern src (NUL-terminated) to out (room
 * for cap bytes). Returns 0, or -1 for syntax this translation does not support or when
 * out is too small. */
int ecma_regex_translate(const char *src, char *out, size_t cap);

/* Translates and compiles src with REG_EXTENDED | REG_NOSUB. Returns 0, or -1 (nothing
 * to free). */
int ecma_regex_compile(regex_t *re, const char *src);

/* 1 when text (len bytes, any bytes) contains a match of re, else 0. */
int ecma_regex_search(const regex_t *re, const char *text, size_t len);

#endif
