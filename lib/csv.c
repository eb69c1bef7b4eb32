/* csv.c - RFC 4180 CSV writer (with the spreadsheet formula guard) and reader (strict,
 * with line numbers in its errors), for exports and imports. */
#include "csv.h"

#include "utf8.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- the formula guard, shared by writer and reader ---- */

/* 1 when s[i..len) is what a spreadsheet takes as a formula: a formula character, after
 * any spaces (spreadsheets skip them: " =1" is a formula too). */
static int csv_formula_at(const char *s, size_t len, size_t i)
{
    while (i < len && s[i] == ' ')
        i++;
    if (i >= len)
        return 0;
    char c = s[i];
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

/* 1 when s is one or more apostrophes and then a formula: the reader takes the first
 * apostrophe off such a field. */
static int csv_has_guard(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && s[i] == '\'')
        i++;
    return i > 0 && csv_formula_at(s, len, i);
}

/* ---- writing ---- */

void csv_writer_init(struct csv_writer *w)
{
    memset(w, 0, sizeof *w);
}

static int csv_fail_writer(struct csv_writer *w)
{
    w->failed = 1;
    return -1;
}

/* Makes room for n more bytes (and a NUL). */
static int csv_reserve_bytes(struct csv_writer *w, size_t n)
{
    if (w->failed)
        return -1;
    if (n > SIZE_MAX / 2 - 1 - w->len)
        return csv_fail_writer(w);
    size_t need = w->len + n + 1;
    if (need <= w->cap)
        return 0;
    size_t cap = w->cap ? w->cap : 256;
    while (cap < need)
        cap *= 2;
    char *buf = realloc(w->buf, cap);
    if (!buf)
        return csv_fail_writer(w);
    w->buf = buf;
    w->cap = cap;
    return 0;
}

static void csv_put_bytes(struct csv_writer *w, const char *s, size_t n)
{
    memcpy(w->buf + w->len, s, n);
    w->len += n;
}

int csv_write_bom(struct csv_writer *w)
{
    if (w->len > 0 || w->row_fields > 0)
        return csv_fail_writer(w);
    if (csv_reserve_bytes(w, 3) != 0)
        return -1;
    csv_put_bytes(w, "\xEF\xBB\xBF", 3);
    w->row_start = w->len;
    return 0;
}

static int csv_needs_quotes(const char *v, size_t n)
{
    if (n == 0)
        return 0;
    if (v[0] == ' ' || v[0] == '\t' || v[n - 1] == ' ' || v[n - 1] == '\t')
        return 1;
    if (n >= 3 && memcmp(v, "\xEF\xBB\xBF", 3) == 0)
        return 1;
    return strpbrk(v, ",\"\r\n") != NULL;
}

/* Writes one field; guard_formulas is 1 for csv_write_text_field. */
static int csv_write_value(struct csv_writer *w, const char *value, int guard_formulas)
{
    if (w->failed)
        return -1;
    const char *v = value ? value : "";
    size_t n = strlen(v);
    if (!utf8_valid(v, n))
        return csv_fail_writer(w);
    int apostrophe = csv_has_guard(v, n) || (guard_formulas && csv_formula_at(v, n, 0));
    int quoted = csv_needs_quotes(v, n);
    size_t quotes = 0;
    if (quoted)
        for (size_t i = 0; i < n; i++)
            quotes += v[i] == '"';
    /* comma + apostrophe + 2 quotes + the value with its quotes doubled */
    if (n > SIZE_MAX / 2 - 4 - quotes || csv_reserve_bytes(w, 4 + n + quotes) != 0)
        return csv_fail_writer(w);
    if (w->row_fields > 0)
        csv_put_bytes(w, ",", 1);
    if (quoted)
        csv_put_bytes(w, "\"", 1);
    if (apostrophe)
        csv_put_bytes(w, "'", 1);
    if (quoted) {
        for (size_t i = 0; i < n; i++) {
            w->buf[w->len++] = v[i];
            if (v[i] == '"')
                w->buf[w->len++] = '"';
        }
        csv_put_bytes(w, "\"", 1);
    } else {
        csv_put_bytes(w, v, n);
    }
    w->row_fields++;
    return 0;
}

int csv_write_field(struct csv_writer *w, const char *value)
{
    return csv_write_value(w, value, 0);
}

int csv_write_text_field(struct csv_writer *w, const char *value)
{
    return csv_write_value(w, value, 1);
}

int csv_end_row(struct csv_writer *w)
{
    if (csv_reserve_bytes(w, 4) != 0)
        return -1;
    /* Nothing written on this row (no fields, or one empty one): not a blank line. */
    if (w->len == w->row_start)
        csv_put_bytes(w, "\"\"", 2);
    csv_put_bytes(w, "\r\n", 2);
    w->row_start = w->len;
    w->row_fields = 0;
    return 0;
}

char *csv_writer_take(struct csv_writer *w, size_t *len)
{
    if (len)
        *len = 0;
    if (csv_reserve_bytes(w, 0) != 0) {
        csv_writer_free(w);
        return NULL;
    }
    w->buf[w->len] = '\0';
    char *buf = w->buf;
    if (len)
        *len = w->len;
    csv_writer_init(w);
    return buf;
}

void csv_writer_free(struct csv_writer *w)
{
    free(w->buf);
    csv_writer_init(w);
}

/* ---- reading ---- */

/* The parser's state while it runs. Field text goes into text, allocated once at its
 * largest possible size so that field pointers into it stay valid. */
struct csv_parser {
    const char *d;
    size_t n, i, line;
    struct csv_limits lim;
    char *text;
    size_t text_len;
    char **fields; /* every field of every row, in order */
    size_t n_fields, cap_fields;
    struct csv_row *rows; /* fields members are set at the end */
    size_t n_rows, cap_rows;
    const char *key; /* the error, or NULL */
    size_t err_line;
};

static int csv_fail_parse(struct csv_parser *p, const char *key, size_t line)
{
    p->key = key;
    p->err_line = line;
    return -1;
}

/* arr with room for need elements of size bytes (*cap of them now), or NULL when out of
 * memory (arr is then still valid). */
static void *csv_grow_array(void *arr, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return arr;
    size_t cap2 = *cap ? *cap : 16;
    while (cap2 < need) {
        if (cap2 > SIZE_MAX / 2 / size)
            return NULL;
        cap2 *= 2;
    }
    void *a = realloc(arr, cap2 * size);
    if (a)
        *cap = cap2;
    return a;
}

/* Checks the text line by line (a line end cannot sit inside a UTF-8 sequence) so that
 * the error names its line, and counts commas and line ends to bound the field text. */
static int csv_check_text(struct csv_parser *p, size_t *separators)
{
    size_t line = 1, start = p->i, count = 0;
    for (size_t i = p->i; i <= p->n; i++) {
        if (i < p->n && p->d[i] != '\n') {
            count += p->d[i] == ',';
            continue;
        }
        if (!utf8_valid(p->d + start, i - start))
            return csv_fail_parse(p, "invalid_utf8", line);
        count++;
        line++;
        start = i + 1;
    }
    *separators = count;
    return 0;
}

/* Appends byte c to the field that began at text offset start. */
static int csv_put_char(struct csv_parser *p, size_t start, char c, size_t line)
{
    if (p->text_len - start >= p->lim.max_field_len)
        return csv_fail_parse(p, "field_too_long", line);
    p->text[p->text_len++] = c;
    return 0;
}

/* Reads one field at p->i, quoted or not, up to (not past) the byte after it. */
static int csv_read_field(struct csv_parser *p)
{
    const char *d = p->d;
    size_t start = p->text_len, field_line = p->line;
    if (p->i < p->n && d[p->i] == '"') {
        p->i++;
        for (;;) {
            if (p->i >= p->n)
                return csv_fail_parse(p, "unterminated_quote", field_line);
            char c = d[p->i];
            if (c == '"') {
                if (p->i + 1 < p->n && d[p->i + 1] == '"') {
                    p->i++;
                } else {
                    p->i++;
                    break;
                }
            } else if (c == '\n') {
                p->line++;
            }
            if (csv_put_char(p, start, c, field_line) != 0)
                return -1;
            p->i++;
        }
        if (p->i < p->n && d[p->i] != ',' && d[p->i] != '\r' && d[p->i] != '\n')
            return csv_fail_parse(p, "text_after_quote", p->line);
    } else {
        while (p->i < p->n && d[p->i] != ',' && d[p->i] != '\r' && d[p->i] != '\n') {
            if (d[p->i] == '"')
                return csv_fail_parse(p, "quote_in_field", p->line);
            if (csv_put_char(p, start, d[p->i], field_line) != 0)
                return -1;
            p->i++;
        }
    }
    char *field = p->text + start;
    size_t flen = p->text_len - start;
    p->text[p->text_len++] = '\0';
    if (csv_has_guard(field, flen))
        field++;
    char **fields = csv_grow_array(p->fields, &p->cap_fields, p->n_fields + 1, sizeof *fields);
    if (!fields)
        return csv_fail_parse(p, "out_of_memory", 0);
    p->fields = fields;
    p->fields[p->n_fields++] = field;
    return 0;
}

/* Reads one row at p->i (which is not at a blank line) through its line end. */
static int csv_read_row(struct csv_parser *p)
{
    if (p->n_rows >= p->lim.max_rows)
        return csv_fail_parse(p, "too_many_rows", p->line);
    size_t line = p->line, count = 0;
    for (;;) {
        if (count >= p->lim.max_fields)
            return csv_fail_parse(p, "too_many_fields", p->line);
        if (csv_read_field(p) != 0)
            return -1;
        count++;
        if (p->i >= p->n)
            break;
        char c = p->d[p->i];
        if (c == ',') {
            p->i++;
            continue;
        }
        if (c == '\r') {
            if (p->i + 1 >= p->n || p->d[p->i + 1] != '\n')
                return csv_fail_parse(p, "bare_cr", p->line);
            p->i++;
        }
        p->i++; /* the LF */
        p->line++;
        break;
    }
    struct csv_row *rows = csv_grow_array(p->rows, &p->cap_rows, p->n_rows + 1, sizeof *rows);
    if (!rows)
        return csv_fail_parse(p, "out_of_memory", 0);
    p->rows = rows;
    p->rows[p->n_rows++] = (struct csv_row){.n_fields = count, .fields = NULL, .line = line};
    return 0;
}

static int csv_run_parser(struct csv_parser *p)
{
    size_t separators;
    if (csv_check_text(p, &separators) != 0)
        return -1;
    /* Field text is at most the input plus one NUL per field; there are at most as many
     * fields as commas and line ends, plus one. */
    size_t rest = p->n - p->i;
    if (rest > SIZE_MAX / 2 - 2 || separators > SIZE_MAX / 2 - 2)
        return csv_fail_parse(p, "out_of_memory", 0);
    p->text = malloc(rest + separators + 2);
    if (!p->text)
        return csv_fail_parse(p, "out_of_memory", 0);
    while (p->i < p->n) {
        char c = p->d[p->i];
        if (c == '\n') { /* blank line */
            p->i++;
            p->line++;
        } else if (c == '\r' && p->i + 1 < p->n && p->d[p->i + 1] == '\n') {
            p->i += 2;
            p->line++;
        } else if (c == '\r') {
            return csv_fail_parse(p, "bare_cr", p->line);
        } else if (csv_read_row(p) != 0) {
            return -1;
        }
    }
    return 0;
}

int csv_parse_limits(const char *data, size_t len, const struct csv_limits *limits,
                     struct csv_table *out, struct csv_error *err)
{
    memset(out, 0, sizeof *out);
    struct csv_parser p = {.d = data ? data : "", .n = data ? len : 0, .line = 1};
    if (limits)
        p.lim = *limits;
    if (!p.lim.max_rows)
        p.lim.max_rows = CSV_DEFAULT_MAX_ROWS;
    if (!p.lim.max_fields)
        p.lim.max_fields = CSV_DEFAULT_MAX_FIELDS;
    if (!p.lim.max_field_len)
        p.lim.max_field_len = CSV_DEFAULT_MAX_FIELD_LEN;
    if (p.n >= 3 && memcmp(p.d, "\xEF\xBB\xBF", 3) == 0)
        p.i = 3;

    if (csv_run_parser(&p) != 0) {
        free(p.text);
        free(p.fields);
        free(p.rows);
        if (err)
            *err = (struct csv_error){.line = p.err_line, .key = p.key};
        return -1;
    }
    size_t k = 0;
    for (size_t r = 0; r < p.n_rows; r++) {
        p.rows[r].fields = p.fields + k;
        k += p.rows[r].n_fields;
    }
    out->n_rows = p.n_rows;
    out->rows = p.rows;
    out->field_store = p.fields;
    out->text_store = p.text;
    if (err)
        *err = (struct csv_error){.line = 0, .key = NULL};
    return 0;
}

int csv_parse(const char *data, size_t len, struct csv_table *out, struct csv_error *err)
{
    return csv_parse_limits(data, len, NULL, out, err);
}

void csv_table_free(struct csv_table *t)
{
    free(t->rows);
    free(t->field_store);
    free(t->text_store);
    memset(t, 0, sizeof *t);
}

/* ---- helpers ---- */

static char csv_lower_ascii(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* s[0..*n) without spaces and TABs around it. */
static const char *csv_trim_blanks(const char *s, size_t *n)
{
    while (*n > 0 && (s[0] == ' ' || s[0] == '\t'))
        s++, (*n)--;
    while (*n > 0 && (s[*n - 1] == ' ' || s[*n - 1] == '\t'))
        (*n)--;
    return s;
}

int csv_header_index(const struct csv_row *header, const char *name)
{
    if (!header || !name)
        return -1;
    size_t nlen = strlen(name);
    const char *nm = csv_trim_blanks(name, &nlen);
    for (size_t i = 0; i < header->n_fields && i <= (size_t)INT_MAX; i++) {
        size_t flen = strlen(header->fields[i]);
        const char *f = csv_trim_blanks(header->fields[i], &flen);
        if (flen != nlen)
            continue;
        size_t k = 0;
        while (k < nlen && csv_lower_ascii(f[k]) == csv_lower_ascii(nm[k]))
            k++;
        if (k == nlen)
            return (int)i;
    }
    return -1;
}
