/* form.h - forms declared once as tables of fields, and the one validator that checks
 * input against such a table. Pure: no I/O, no HDF, no database. */
#ifndef FORM_H
#define FORM_H

#include <stddef.h>

enum field_type {
    FIELD_TEXT,      /* one line; min/max are lengths in characters */
    FIELD_MULTILINE, /* free text; min/max are lengths in characters */
    FIELD_INT,       /* decimal integer; min/max are values */
    FIELD_CHOICE,    /* one of choices[] */
    FIELD_DATETIME,  /* "YYYY-MM-DDTHH:MM[:SS]" as a datetime-local input sends; a space
                      * may stand for the T, as people type it */
    FIELD_EMAIL,
    FIELD_DECIMAL, /* a decimal number with at most two decimals ("1", "0.25", "10.5");
                    * min/max are in hundredths (10 = 0.1) */
};

struct field {
    const char *name;
    enum field_type type;
    int required;
    long min, max;
    const char *const *choices; /* NULL-terminated, for FIELD_CHOICE */
};

/* Why a value was refused; each has a message in templates/lang/en.hdf (Lang.Errors). */
enum field_error {
    FE_NONE = 0,
    FE_REQUIRED,
    FE_TOO_SHORT,
    FE_TOO_LONG,
    FE_NOT_A_NUMBER,
    FE_OUT_OF_RANGE,
    FE_NOT_A_CHOICE,
    FE_BAD_DATETIME,
    FE_IN_FUTURE,
    FE_BAD_EMAIL,
    FE_NOT_ONE_LINE,
    FE_NOT_A_DECIMAL,
};

/* The key of an error in Lang.Errors ("required", "too_long", ...). */
const char *form_error_key(enum field_error e);

/* Checks one value ("" or NULL when absent) against its field. now is the current time
 * (seconds since the epoch, UTC) for FIELD_DATETIME, which may not lie in the future. */
enum field_error form_check_field(const struct field *f, const char *value, long long now);

/* Checks every field: get(ctx, name) returns the submitted value or NULL. errors[i]
 * receives field i's result. Returns the number of fields in error. */
size_t form_validate(const struct field *fields, size_t n,
                     const char *(*get)(void *ctx, const char *name), void *ctx,
                     enum field_error *errors, long long now);

/* Parses "YYYY-MM-DDTHH:MM[:SS]" or "YYYY-MM-DD HH:MM[:SS]" (UTC) into seconds since the
 * epoch. Returns 0 or -1. */
int form_parse_datetime(const char *s, long long *out);

/* Parses a decimal number with at most two decimals and no sign, exponent or spaces
 * ("3", "0.5", "10.25") into hundredths (300, 50, 1025). Returns 0 or -1. */
int form_parse_hundredths(const char *s, long *out);

/* Number of Unicode code points in a valid UTF-8 string. */
size_t form_utf8_length(const char *s);

#endif
