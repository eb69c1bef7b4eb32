/* csv.h - RFC 4180 CSV writing and reading for exports and imports: answers exported to
 * CSV re-import to the same answers, suppliers fill a template in a spreadsheet, and
 * organisations are bulk-added from a file. Pure: text in memory in, text in memory out.
 *
 * Formula injection. A spreadsheet runs a cell that starts with = + - @ TAB or CR as a
 * formula. csv_write_text_field guards free text against that by putting an apostrophe in
 * front of such a value ("=1+1" is written '=1+1, which spreadsheets show as text);
 * csv_write_field writes the value as it is, so numbers such as -5 stay numbers. Use
 * csv_write_text_field for anything a user typed, csv_write_field for numbers, dates and
 * fixed keywords.
 *
 * Round trip. csv_parse takes that apostrophe off again: a field made of one or more
 * apostrophes followed by one of = + - @ TAB CR loses its first apostrophe ("'=1+1" reads
 * as "=1+1", "''=x" as "'=x"). So that every value survives writing and reading, both
 * writers add an apostrophe to a value that already has that shape ("'=x" is written
 * ''=x), and csv_write_text_field also to a value starting with one of the characters.
 * Values not of that shape ("'", "'abc", "it's") are read and written unchanged. */
#ifndef CSV_H
#define CSV_H

#include <stddef.h>

/* ---- writing ---- */

/* Accumulates CSV text in a growable buffer. Fields are separated by commas, rows end
 * with CRLF. Once a call fails the writer is spoiled: later calls return -1 and
 * csv_writer_take returns NULL, so a caller may check only at the end. */
struct csv_writer {
    char *buf;
    size_t len, cap;
    size_t row_start;  /* offset where the current row begins */
    size_t row_fields; /* fields written in the current row */
    int failed;
};

void csv_writer_init(struct csv_writer *w);

/* Writes the UTF-8 byte order mark, which makes spreadsheets read the file as UTF-8.
 * Only before anything else; returns 0 or -1 (also when something was written). */
int csv_write_bom(struct csv_writer *w);

/* Appends one field to the current row, as it is (NULL is written as an empty field).
 * The value is quoted when it contains a comma, quote, CR or LF, starts or ends with a
 * space or TAB, or starts with a byte order mark; quotes inside are doubled. Returns 0,
 * or -1 when out of memory or value is not valid UTF-8 (see utf8_valid). */
int csv_write_field(struct csv_writer *w, const char *value);

/* Like csv_write_field, and a value starting with = + - @ TAB or CR gets an apostrophe
 * in front (see the top of this file). For text a person typed. */
int csv_write_text_field(struct csv_writer *w, const char *value);

/* Ends the current row with CRLF. A row with no fields, or with one empty field, is
 * written as "" so that it is not a blank line, which csv_parse would skip: it reads back
 * as a row with one empty field. Returns 0 or -1. */
int csv_end_row(struct csv_writer *w);

/* The text written so far, NUL-terminated (the caller frees it); *len (if len is not
 * NULL) receives its length without the NUL. The writer is empty again afterwards, ready
 * for reuse or csv_writer_free. NULL when the writer is spoiled or out of memory. A row
 * not ended with csv_end_row is returned as it is, without a line end. */
char *csv_writer_take(struct csv_writer *w, size_t *len);

/* Frees what the writer holds (safe after csv_writer_take, and twice). */
void csv_writer_free(struct csv_writer *w);

/* ---- reading ---- */

struct csv_row {
    size_t n_fields; /* at least 1 */
    char **fields;   /* NUL-terminated UTF-8, owned by the table */
    size_t line;     /* 1-based line where the row starts */
};

struct csv_table {
    size_t n_rows;
    struct csv_row *rows;
    /* storage behind rows[].fields; free it all with csv_table_free */
    char **field_store;
    char *text_store;
};

/* Largest input csv_parse accepts. A member left 0 takes its default. */
struct csv_limits {
    size_t max_rows;      /* rows, header included */
    size_t max_fields;    /* fields in one row */
    size_t max_field_len; /* bytes in one field, after undoubling quotes */
};

#define CSV_DEFAULT_MAX_ROWS 100000
#define CSV_DEFAULT_MAX_FIELDS 200
#define CSV_DEFAULT_MAX_FIELD_LEN 10000

/* Why csv_parse failed: a short message key for the user-visible text, and the 1-based
 * line it was found on (0 for out_of_memory). */
struct csv_error {
    size_t line;
    const char *key;
};

/* Parses data[0..len) into rows of fields, with the default limits. Accepts CRLF and LF
 * line ends (mixed, too) and skips a UTF-8 byte order mark at the start. Fields may be
 * quoted, with commas, doubled quotes and line ends inside. Blank lines are skipped, so a
 * trailing line end makes no empty row; "a,b," is three fields. Spaces are part of a
 * field. The formula guard's apostrophe is taken off (see the top of this file).
 *
 * Returns 0 with the rows in *out (free with csv_table_free), or -1 with *out empty and,
 * if err is not NULL, err filled with one of these keys:
 *   unterminated_quote  a quoted field runs to the end of the input (line: where it opened)
 *   quote_in_field      a quote inside a field that does not start with one
 *   text_after_quote    a closing quote followed by something other than , CR LF or the end
 *   bare_cr             a CR outside quotes that is not followed by LF
 *   invalid_utf8        not valid UTF-8, or a NUL byte
 *   too_many_rows, too_many_fields, field_too_long   past a limit
 *   out_of_memory
 * On success err, if given, gets line 0 and key NULL. */
int csv_parse(const char *data, size_t len, struct csv_table *out, struct csv_error *err);

/* csv_parse with other limits (NULL: the defaults). */
int csv_parse_limits(const char *data, size_t len, const struct csv_limits *limits,
                     struct csv_table *out, struct csv_error *err);

/* Frees the table and empties it (safe on an empty table, and twice). */
void csv_table_free(struct csv_table *t);

/* The index of the header field equal to name, ignoring ASCII case and spaces or TABs
 * around either, or -1 when there is none. The first match wins. */
int csv_header_index(const struct csv_row *header, const char *name);

#endif
