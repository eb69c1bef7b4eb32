/* test_csv.c - the CSV writer and reader: quoting and CRLF row ends, the formula guard of
 * csv_write_text_field and its removal on reading, round trips of tricky values through
 * both writers, BOM, CRLF and LF, blank lines, row line numbers, every parse error with
 * its line, the row, field and field-length limits, and csv_header_index. */
#include "testlib.h"

#include "csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Parses a string literal (without its terminating NUL). */
#define PARSE(lit, t, e) csv_parse(lit, sizeof(lit) - 1, t, e)

/* Writes one row of n values with the plain (text = 0) or text writer; returns the CSV. */
static char *write_row(const char *const *values, size_t n, int text)
{
    struct csv_writer w;
    csv_writer_init(&w);
    for (size_t i = 0; i < n; i++)
        ck_assert_int_eq(
            text ? csv_write_text_field(&w, values[i]) : csv_write_field(&w, values[i]), 0);
    ck_assert_int_eq(csv_end_row(&w), 0);
    size_t len;
    char *out = csv_writer_take(&w, &len);
    ck_assert_ptr_nonnull(out);
    ck_assert_uint_eq(len, strlen(out));
    csv_writer_free(&w);
    return out;
}

/* The CSV one value makes alone on a row. */
static char *write_one(const char *value, int text)
{
    return write_row(&value, 1, text);
}

static void expect_error_limits(const char *data, size_t len, const struct csv_limits *lim,
                                const char *key, size_t line)
{
    struct csv_table t;
    struct csv_error e = {99, "none"};
    ck_assert_int_eq(csv_parse_limits(data, len, lim, &t, &e), -1);
    ck_assert_str_eq(e.key, key);
    ck_assert_uint_eq(e.line, line);
    ck_assert_uint_eq(t.n_rows, 0);
    ck_assert_ptr_null(t.rows);
    csv_table_free(&t);
}

#define EXPECT_ERROR(lit, key, line) expect_error_limits(lit, sizeof(lit) - 1, NULL, key, line)

/* ---- writer ---- */

START_TEST(test_write_plain)
{
    static const char *const v[] = {"a", "1.5", "", "x y", "-5", "=1"};
    char *s = write_row(v, 6, 0);
    ck_assert_str_eq(s, "a,1.5,,x y,-5,=1\r\n");
    free(s);
}
END_TEST

START_TEST(test_write_quoting)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"a,b", "\"a,b\"\r\n"},
        {"say \"hi\"", "\"say \"\"hi\"\"\"\r\n"},
        {"\"", "\"\"\"\"\r\n"},
        {"l1\nl2", "\"l1\nl2\"\r\n"},
        {"l1\r\nl2", "\"l1\r\nl2\"\r\n"},
        {" lead", "\" lead\"\r\n"},
        {"trail ", "\"trail \"\r\n"},
        {"tab\t", "\"tab\t\"\r\n"},
        {"in side", "in side\r\n"},
        {"\xEF\xBB\xBF"
         "x",
         "\"\xEF\xBB\xBFx\"\r\n"},
        {"caf\xc3\xa9", "caf\xc3\xa9\r\n"},
        {"", "\"\"\r\n"}, /* a lone empty field is not a blank line */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *s = write_one(cases[i].in, 0);
        ck_assert_str_eq(s, cases[i].out);
        free(s);
    }
}
END_TEST

START_TEST(test_write_rows_and_empties)
{
    struct csv_writer w;
    csv_writer_init(&w);
    ck_assert_int_eq(csv_write_field(&w, "a"), 0);
    ck_assert_int_eq(csv_write_field(&w, NULL), 0);
    ck_assert_int_eq(csv_write_field(&w, ""), 0);
    ck_assert_int_eq(csv_end_row(&w), 0);
    ck_assert_int_eq(csv_end_row(&w), 0); /* no fields */
    ck_assert_int_eq(csv_write_field(&w, ""), 0);
    ck_assert_int_eq(csv_write_field(&w, ""), 0);
    ck_assert_int_eq(csv_end_row(&w), 0);
    ck_assert_int_eq(csv_write_field(&w, "last"), 0); /* not ended */
    size_t len = 99;
    char *s = csv_writer_take(&w, &len);
    ck_assert_str_eq(s, "a,,\r\n\"\"\r\n,\r\nlast");
    ck_assert_uint_eq(len, strlen(s));
    free(s);

    /* the writer is empty again and reusable */
    ck_assert_uint_eq(w.len, 0);
    ck_assert_int_eq(csv_write_field(&w, "b"), 0);
    ck_assert_int_eq(csv_end_row(&w), 0);
    s = csv_writer_take(&w, NULL);
    ck_assert_str_eq(s, "b\r\n");
    free(s);

    /* nothing written: an empty string */
    s = csv_writer_take(&w, &len);
    ck_assert_str_eq(s, "");
    ck_assert_uint_eq(len, 0);
    free(s);
    csv_writer_free(&w);
    csv_writer_free(&w);
}
END_TEST

START_TEST(test_write_invalid_utf8_spoils)
{
    struct csv_writer w;
    csv_writer_init(&w);
    ck_assert_int_eq(csv_write_field(&w, "ok"), 0);
    ck_assert_int_eq(csv_write_field(&w, "\xc3("), -1);
    ck_assert_int_eq(csv_write_field(&w, "ok"), -1);
    ck_assert_int_eq(csv_end_row(&w), -1);
    size_t len = 99;
    ck_assert_ptr_null(csv_writer_take(&w, &len));
    ck_assert_uint_eq(len, 0);
    csv_writer_free(&w);
}
END_TEST

START_TEST(test_write_bom)
{
    struct csv_writer w;
    csv_writer_init(&w);
    ck_assert_int_eq(csv_write_bom(&w), 0);
    ck_assert_int_eq(csv_end_row(&w), 0); /* the BOM is not a field */
    ck_assert_int_eq(csv_write_field(&w, "x"), 0);
    ck_assert_int_eq(csv_end_row(&w), 0);
    char *s = csv_writer_take(&w, NULL);
    ck_assert_str_eq(s, "\xEF\xBB\xBF\"\"\r\nx\r\n");
    free(s);

    ck_assert_int_eq(csv_write_field(&w, "x"), 0);
    ck_assert_int_eq(csv_write_bom(&w), -1); /* only first */
    ck_assert_ptr_null(csv_writer_take(&w, NULL));
    csv_writer_free(&w);
}
END_TEST

START_TEST(test_write_text_guard)
{
    static const struct {
        const char *in, *text, *plain;
    } cases[] = {
        {"=1+1", "'=1+1\r\n", "=1+1\r\n"},
        {"+1", "'+1\r\n", "+1\r\n"},
        {"-5", "'-5\r\n", "-5\r\n"},
        {"@SUM(A1)", "'@SUM(A1)\r\n", "@SUM(A1)\r\n"},
        {"=HYPERLINK(\"x\",\"y\")", "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"\r\n",
         "\"=HYPERLINK(\"\"x\"\",\"\"y\"\")\"\r\n"},
        {"\tx", "\"'\tx\"\r\n", "\"\tx\"\r\n"},
        {"\rx", "\"'\rx\"\r\n", "\"\rx\"\r\n"},
        /* already guarded-looking: both writers add one so the reader's removal restores it */
        {"'=x", "''=x\r\n", "''=x\r\n"},
        {"''-1", "'''-1\r\n", "'''-1\r\n"},
        /* not of that shape: unchanged */
        {"'", "'\r\n", "'\r\n"},
        {"'abc", "'abc\r\n", "'abc\r\n"},
        {"it's", "it's\r\n", "it's\r\n"},
        {"a=b", "a=b\r\n", "a=b\r\n"},
        /* spaces before a formula character: still a formula to a spreadsheet */
        {" =1", "\"' =1\"\r\n", "\" =1\"\r\n"},
        {"   @SUM(A1)", "\"'   @SUM(A1)\"\r\n", "\"   @SUM(A1)\"\r\n"},
        {"' +1", "'' +1\r\n", "'' +1\r\n"},
        {" x=1", "\" x=1\"\r\n", "\" x=1\"\r\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *s = write_one(cases[i].in, 1);
        ck_assert_str_eq(s, cases[i].text);
        free(s);
        s = write_one(cases[i].in, 0);
        ck_assert_str_eq(s, cases[i].plain);
        free(s);
    }
}
END_TEST

/* ---- round trips ---- */

static const char *const tricky[] = {
    "",
    "a",
    "a,b",
    "a,b,",
    ",",
    "say \"hi\"",
    "\"",
    "\"\"",
    "\"a\"",
    "line1\nline2",
    "line1\r\nline2",
    "\n",
    "\r",
    "\r\n\r\n",
    "cr\rinside",
    " lead",
    "trail ",
    " ",
    "\t",
    "=SUM(A1:A2)",
    "=1+1",
    "+1",
    "-1",
    "-",
    "@cmd",
    "\tx",
    "\rx",
    "'",
    "''",
    "'a",
    "'=x",
    "''=x",
    "'\t",
    "it's",
    "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
    "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82, \"\xe4\xb8\x96\xe7\x95\x8c\"",
    "\xEF\xBB\xBF",
    "\xEF\xBB\xBF"
    "bom",
    "12.50",
};
#define N_TRICKY (sizeof tricky / sizeof tricky[0])

/* Writes every tricky value alone on a row, then all of them on one row, then each
 * between two others; parses it back and compares. */
static void round_trip(int text)
{
    struct csv_writer w;
    csv_writer_init(&w);
    for (size_t i = 0; i < N_TRICKY; i++) {
        ck_assert_int_eq(
            text ? csv_write_text_field(&w, tricky[i]) : csv_write_field(&w, tricky[i]), 0);
        ck_assert_int_eq(csv_end_row(&w), 0);
    }
    for (size_t i = 0; i < N_TRICKY; i++)
        ck_assert_int_eq(
            text ? csv_write_text_field(&w, tricky[i]) : csv_write_field(&w, tricky[i]), 0);
    ck_assert_int_eq(csv_end_row(&w), 0);
    for (size_t i = 0; i < N_TRICKY; i++) {
        ck_assert_int_eq(csv_write_field(&w, "x"), 0);
        ck_assert_int_eq(
            text ? csv_write_text_field(&w, tricky[i]) : csv_write_field(&w, tricky[i]), 0);
        ck_assert_int_eq(csv_write_field(&w, ""), 0);
        ck_assert_int_eq(csv_end_row(&w), 0);
    }
    size_t len;
    char *s = csv_writer_take(&w, &len);
    ck_assert_ptr_nonnull(s);

    struct csv_table t;
    struct csv_error e;
    ck_assert_int_eq(csv_parse(s, len, &t, &e), 0);
    ck_assert_ptr_null(e.key);
    ck_assert_uint_eq(t.n_rows, 2 * N_TRICKY + 1);
    for (size_t i = 0; i < N_TRICKY; i++) {
        ck_assert_uint_eq(t.rows[i].n_fields, 1);
        ck_assert_str_eq(t.rows[i].fields[0], tricky[i]);
    }
    const struct csv_row *all = &t.rows[N_TRICKY];
    ck_assert_uint_eq(all->n_fields, N_TRICKY);
    for (size_t i = 0; i < N_TRICKY; i++)
        ck_assert_str_eq(all->fields[i], tricky[i]);
    for (size_t i = 0; i < N_TRICKY; i++) {
        const struct csv_row *r = &t.rows[N_TRICKY + 1 + i];
        ck_assert_uint_eq(r->n_fields, 3);
        ck_assert_str_eq(r->fields[0], "x");
        ck_assert_str_eq(r->fields[1], tricky[i]);
        ck_assert_str_eq(r->fields[2], "");
    }
    /* line numbers count the line ends inside quoted fields */
    size_t line = 1;
    for (size_t i = 0; i < t.n_rows; i++) {
        ck_assert_uint_eq(t.rows[i].line, line);
        for (size_t f = 0; f < t.rows[i].n_fields; f++)
            for (const char *c = t.rows[i].fields[f]; *c; c++)
                line += *c == '\n';
        line++;
    }
    csv_table_free(&t);
    free(s);
    csv_writer_free(&w);
}

START_TEST(test_round_trip_text)
{
    round_trip(1);
}
END_TEST

START_TEST(test_round_trip_plain)
{
    round_trip(0);
}
END_TEST

START_TEST(test_round_trip_with_bom)
{
    struct csv_writer w;
    csv_writer_init(&w);
    ck_assert_int_eq(csv_write_bom(&w), 0);
    ck_assert_int_eq(csv_write_text_field(&w, "\xEF\xBB\xBFstill here"), 0);
    ck_assert_int_eq(csv_write_text_field(&w, "=x"), 0);
    ck_assert_int_eq(csv_end_row(&w), 0);
    size_t len;
    char *s = csv_writer_take(&w, &len);
    struct csv_table t;
    ck_assert_int_eq(csv_parse(s, len, &t, NULL), 0);
    ck_assert_uint_eq(t.n_rows, 1);
    ck_assert_uint_eq(t.rows[0].n_fields, 2);
    ck_assert_str_eq(t.rows[0].fields[0], "\xEF\xBB\xBFstill here");
    ck_assert_str_eq(t.rows[0].fields[1], "=x");
    csv_table_free(&t);
    free(s);
}
END_TEST

/* ---- reader ---- */

START_TEST(test_parse_basic)
{
    struct csv_table t;
    struct csv_error e = {5, "x"};
    ck_assert_int_eq(PARSE("name,count\nAcme,3\n", &t, &e), 0);
    ck_assert_ptr_null(e.key);
    ck_assert_uint_eq(e.line, 0);
    ck_assert_uint_eq(t.n_rows, 2);
    ck_assert_uint_eq(t.rows[0].n_fields, 2);
    ck_assert_str_eq(t.rows[0].fields[0], "name");
    ck_assert_str_eq(t.rows[0].fields[1], "count");
    ck_assert_str_eq(t.rows[1].fields[0], "Acme");
    ck_assert_str_eq(t.rows[1].fields[1], "3");
    ck_assert_uint_eq(t.rows[0].line, 1);
    ck_assert_uint_eq(t.rows[1].line, 2);
    csv_table_free(&t);
    csv_table_free(&t);
}
END_TEST

START_TEST(test_parse_trailing_empty_fields)
{
    struct csv_table t;
    ck_assert_int_eq(PARSE("a,b,", &t, NULL), 0);
    ck_assert_uint_eq(t.n_rows, 1);
    ck_assert_uint_eq(t.rows[0].n_fields, 3);
    ck_assert_str_eq(t.rows[0].fields[2], "");
    csv_table_free(&t);

    ck_assert_int_eq(PARSE("a,b,\r\n,\n,,\"\"\n", &t, NULL), 0);
    ck_assert_uint_eq(t.n_rows, 3);
    ck_assert_uint_eq(t.rows[0].n_fields, 3);
    ck_assert_uint_eq(t.rows[1].n_fields, 2);
    ck_assert_str_eq(t.rows[1].fields[0], "");
    ck_assert_str_eq(t.rows[1].fields[1], "");
    ck_assert_uint_eq(t.rows[2].n_fields, 3);
    csv_table_free(&t);

    ck_assert_int_eq(PARSE("\"\"", &t, NULL), 0); /* one empty field */
    ck_assert_uint_eq(t.n_rows, 1);
    ck_assert_uint_eq(t.rows[0].n_fields, 1);
    ck_assert_str_eq(t.rows[0].fields[0], "");
    csv_table_free(&t);
}
END_TEST

START_TEST(test_parse_crlf_lf_same)
{
    struct csv_table a, b, c;
    ck_assert_int_eq(PARSE("h1,h2\r\n\"x\r\ny\",2\r\nlast,\"q\"\"\"\r\n", &a, NULL), 0);
    ck_assert_int_eq(PARSE("h1,h2\n\"x\r\ny\",2\nlast,\"q\"\"\"\n", &b, NULL), 0);
    ck_assert_int_eq(PARSE("h1,h2\n\"x\r\ny\",2\r\nlast,\"q\"\"\"", &c, NULL), 0); /* mixed */
    const struct csv_table *ts[] = {&a, &b, &c};
    for (size_t k = 0; k < 3; k++) {
        const struct csv_table *t = ts[k];
        ck_assert_uint_eq(t->n_rows, 3);
        ck_assert_str_eq(t->rows[0].fields[1], "h2");
        ck_assert_str_eq(t->rows[1].fields[0], "x\r\ny"); /* kept as written */
        ck_assert_str_eq(t->rows[1].fields[1], "2");
        ck_assert_str_eq(t->rows[2].fields[0], "last");
        ck_assert_str_eq(t->rows[2].fields[1], "q\"");
        ck_assert_uint_eq(t->rows[0].line, 1);
        ck_assert_uint_eq(t->rows[1].line, 2);
        ck_assert_uint_eq(t->rows[2].line, 4);
    }
    csv_table_free(&a);
    csv_table_free(&b);
    csv_table_free(&c);
}
END_TEST

START_TEST(test_parse_bom_and_blank_lines)
{
    struct csv_table t;
    ck_assert_int_eq(PARSE("\xEF\xBB\xBF"
                           "Name\r\n\r\n\nAcme\n \n\r\n\n",
                           &t, NULL),
                     0);
    ck_assert_uint_eq(t.n_rows, 3);
    ck_assert_str_eq(t.rows[0].fields[0], "Name"); /* without the BOM */
    ck_assert_uint_eq(t.rows[0].line, 1);
    ck_assert_str_eq(t.rows[1].fields[0], "Acme");
    ck_assert_uint_eq(t.rows[1].line, 4);
    ck_assert_str_eq(t.rows[2].fields[0], " "); /* spaces are data */
    ck_assert_uint_eq(t.rows[2].line, 5);
    csv_table_free(&t);

    /* only the first BOM goes */
    ck_assert_int_eq(PARSE("\xEF\xBB\xBF\xEF\xBB\xBFx", &t, NULL), 0);
    ck_assert_str_eq(t.rows[0].fields[0], "\xEF\xBB\xBFx");
    csv_table_free(&t);

    /* nothing, a BOM alone, blank lines alone: no rows */
    ck_assert_int_eq(PARSE("", &t, NULL), 0);
    ck_assert_uint_eq(t.n_rows, 0);
    csv_table_free(&t);
    ck_assert_int_eq(csv_parse(NULL, 0, &t, NULL), 0);
    ck_assert_uint_eq(t.n_rows, 0);
    csv_table_free(&t);
    ck_assert_int_eq(PARSE("\xEF\xBB\xBF", &t, NULL), 0);
    ck_assert_uint_eq(t.n_rows, 0);
    csv_table_free(&t);
    ck_assert_int_eq(PARSE("\n\r\n\n", &t, NULL), 0);
    ck_assert_uint_eq(t.n_rows, 0);
    csv_table_free(&t);
}
END_TEST

START_TEST(test_parse_quoted)
{
    struct csv_table t;
    ck_assert_int_eq(PARSE("\"a,b\",\"say \"\"hi\"\"\",\"multi\nline\n\",\"\"\nnext\n", &t, NULL),
                     0);
    ck_assert_uint_eq(t.n_rows, 2);
    ck_assert_uint_eq(t.rows[0].n_fields, 4);
    ck_assert_str_eq(t.rows[0].fields[0], "a,b");
    ck_assert_str_eq(t.rows[0].fields[1], "say \"hi\"");
    ck_assert_str_eq(t.rows[0].fields[2], "multi\nline\n");
    ck_assert_str_eq(t.rows[0].fields[3], "");
    ck_assert_str_eq(t.rows[1].fields[0], "next");
    ck_assert_uint_eq(t.rows[1].line, 4);
    csv_table_free(&t);
}
END_TEST

START_TEST(test_parse_guard_removed)
{
    struct csv_table t;
    ck_assert_int_eq(PARSE("'=1+1,'-5,'abc,',''=x,\"'\t\",it's,'@,'+,\"' =1\"\n", &t, NULL), 0);
    const char *want[] = {"=1+1", "-5", "'abc", "'", "'=x", "\t", "it's", "@", "+", " =1"};
    ck_assert_uint_eq(t.rows[0].n_fields, 10);
    for (size_t i = 0; i < 10; i++)
        ck_assert_str_eq(t.rows[0].fields[i], want[i]);
    csv_table_free(&t);
}
END_TEST

/* ---- errors ---- */

START_TEST(test_error_unterminated_quote)
{
    EXPECT_ERROR("a,b\nc,\"open\nmore\nstill", "unterminated_quote", 2);
    EXPECT_ERROR("\"", "unterminated_quote", 1);
    EXPECT_ERROR("a\n\n\"x\"\"", "unterminated_quote", 3);
}
END_TEST

START_TEST(test_error_quote_in_field)
{
    EXPECT_ERROR("a,b\r\nc,d\"e\r\n", "quote_in_field", 2);
    EXPECT_ERROR("ab\"", "quote_in_field", 1);
    EXPECT_ERROR("x\n \"spaced\"", "quote_in_field", 2);
}
END_TEST

START_TEST(test_error_text_after_quote)
{
    EXPECT_ERROR("h\n\"a\"b,c", "text_after_quote", 2);
    EXPECT_ERROR("\"two\nlines\" ,x", "text_after_quote", 2);
    EXPECT_ERROR("\"a\"\"\"x", "text_after_quote", 1);
}
END_TEST

START_TEST(test_error_bare_cr)
{
    EXPECT_ERROR("a\rb", "bare_cr", 1);
    EXPECT_ERROR("a\nb\r", "bare_cr", 2);
    EXPECT_ERROR("a\n\"q\"\rx", "bare_cr", 2);
    EXPECT_ERROR("a\n\n\r", "bare_cr", 3);
}
END_TEST

START_TEST(test_error_invalid_utf8)
{
    EXPECT_ERROR("a\nb\n\xff", "invalid_utf8", 3);
    EXPECT_ERROR("ok\n\"caf\xc3\"\n", "invalid_utf8", 2); /* truncated sequence */
    EXPECT_ERROR("x,\xed\xa0\x80", "invalid_utf8", 1);    /* surrogate */
    EXPECT_ERROR("a\nb\0c\n", "invalid_utf8", 2);         /* NUL */
    EXPECT_ERROR("\xFF\xFEh\0i\0", "invalid_utf8", 1);    /* UTF-16 */
}
END_TEST

START_TEST(test_limits_custom)
{
    struct csv_limits lim = {.max_rows = 2, .max_fields = 3, .max_field_len = 4};
    struct csv_table t;
    const char ok[] = "a,b,c\n\n\"abcd\",1234\n";
    ck_assert_int_eq(csv_parse_limits(ok, sizeof ok - 1, &lim, &t, NULL), 0);
    ck_assert_uint_eq(t.n_rows, 2);
    csv_table_free(&t);

    const char rows[] = "a\nb\n\nc\n";
    expect_error_limits(rows, sizeof rows - 1, &lim, "too_many_rows", 4);
    const char fields[] = "a\nb,c,d,e";
    expect_error_limits(fields, sizeof fields - 1, &lim, "too_many_fields", 2);
    const char trailing[] = "a,b,c,";
    expect_error_limits(trailing, sizeof trailing - 1, &lim, "too_many_fields", 1);
    const char longf[] = "a\nabcde";
    expect_error_limits(longf, sizeof longf - 1, &lim, "field_too_long", 2);
    const char longq[] = "\"ab\"\"cd\"";
    expect_error_limits(longq, sizeof longq - 1, &lim, "field_too_long", 1);
    const char shortq[] = "\"ab\"\"c\"";
    ck_assert_int_eq(csv_parse_limits(shortq, sizeof shortq - 1, &lim, &t, NULL), 0);
    ck_assert_str_eq(t.rows[0].fields[0], "ab\"c");
    csv_table_free(&t);

    /* a member left 0 takes its default */
    struct csv_limits only_rows = {.max_rows = 1};
    const char wide[] = "a,b,c,d,e,f";
    ck_assert_int_eq(csv_parse_limits(wide, sizeof wide - 1, &only_rows, &t, NULL), 0);
    ck_assert_uint_eq(t.rows[0].n_fields, 6);
    csv_table_free(&t);
}
END_TEST

/* Text of n rows of "x\n". */
static char *make_rows(size_t n)
{
    char *s = malloc(2 * n + 1);
    ck_assert_ptr_nonnull(s);
    for (size_t i = 0; i < n; i++)
        memcpy(s + 2 * i, "x\n", 2);
    s[2 * n] = '\0';
    return s;
}

START_TEST(test_limits_default)
{
    struct csv_table t;
    char *s = make_rows(CSV_DEFAULT_MAX_ROWS);
    ck_assert_int_eq(csv_parse(s, 2 * CSV_DEFAULT_MAX_ROWS, &t, NULL), 0);
    ck_assert_uint_eq(t.n_rows, CSV_DEFAULT_MAX_ROWS);
    ck_assert_uint_eq(t.rows[CSV_DEFAULT_MAX_ROWS - 1].line, CSV_DEFAULT_MAX_ROWS);
    csv_table_free(&t);
    free(s);
    s = make_rows(CSV_DEFAULT_MAX_ROWS + 1);
    expect_error_limits(s, strlen(s), NULL, "too_many_rows", CSV_DEFAULT_MAX_ROWS + 1);
    free(s);

    /* fields: 200 fit, 201 do not */
    char row[2 * (CSV_DEFAULT_MAX_FIELDS + 1) + 1];
    memset(row, ',', sizeof row);
    row[sizeof row - 1] = '\0';
    ck_assert_int_eq(csv_parse(row, CSV_DEFAULT_MAX_FIELDS - 1, &t, NULL), 0);
    ck_assert_uint_eq(t.rows[0].n_fields, CSV_DEFAULT_MAX_FIELDS);
    csv_table_free(&t);
    expect_error_limits(row, CSV_DEFAULT_MAX_FIELDS, NULL, "too_many_fields", 1);

    /* field length: 10000 bytes fit, 10001 do not */
    size_t n = CSV_DEFAULT_MAX_FIELD_LEN + 1;
    s = malloc(n + 1);
    memset(s, 'y', n);
    s[n] = '\0';
    ck_assert_int_eq(csv_parse(s, n - 1, &t, NULL), 0);
    ck_assert_uint_eq(strlen(t.rows[0].fields[0]), CSV_DEFAULT_MAX_FIELD_LEN);
    csv_table_free(&t);
    expect_error_limits(s, n, NULL, "field_too_long", 1);
    free(s);
}
END_TEST

START_TEST(test_not_nul_terminated)
{
    /* parsing stops at len: the bytes after it are never read */
    const char buf[] = "a,\"b\"XYZ";
    struct csv_table t;
    ck_assert_int_eq(csv_parse(buf, 5, &t, NULL), 0);
    ck_assert_uint_eq(t.rows[0].n_fields, 2);
    ck_assert_str_eq(t.rows[0].fields[1], "b");
    csv_table_free(&t);
}
END_TEST

/* ---- header ---- */

START_TEST(test_header_index)
{
    struct csv_table t;
    ck_assert_int_eq(PARSE("\xEF\xBB\xBF Name ,E-Mail,\tcountry\t,,name\r\n", &t, NULL), 0);
    const struct csv_row *h = &t.rows[0];
    ck_assert_int_eq(csv_header_index(h, "name"), 0);
    ck_assert_int_eq(csv_header_index(h, "NAME"), 0);
    ck_assert_int_eq(csv_header_index(h, "  Name\t"), 0);
    ck_assert_int_eq(csv_header_index(h, "e-mail"), 1);
    ck_assert_int_eq(csv_header_index(h, "Country"), 2);
    ck_assert_int_eq(csv_header_index(h, ""), 3);
    ck_assert_int_eq(csv_header_index(h, "email"), -1);
    ck_assert_int_eq(csv_header_index(h, "nam"), -1);
    ck_assert_int_eq(csv_header_index(h, "names"), -1);
    ck_assert_int_eq(csv_header_index(h, NULL), -1);
    ck_assert_int_eq(csv_header_index(NULL, "name"), -1);
    csv_table_free(&t);
}
END_TEST

static Suite *csv_suite(void)
{
    Suite *s = suite_create("csv");
    TCase *w = tcase_create("writer");
    tcase_add_test(w, test_write_plain);
    tcase_add_test(w, test_write_quoting);
    tcase_add_test(w, test_write_rows_and_empties);
    tcase_add_test(w, test_write_invalid_utf8_spoils);
    tcase_add_test(w, test_write_bom);
    tcase_add_test(w, test_write_text_guard);
    suite_add_tcase(s, w);

    TCase *rt = tcase_create("round trip");
    tcase_add_test(rt, test_round_trip_text);
    tcase_add_test(rt, test_round_trip_plain);
    tcase_add_test(rt, test_round_trip_with_bom);
    suite_add_tcase(s, rt);

    TCase *r = tcase_create("reader");
    tcase_add_test(r, test_parse_basic);
    tcase_add_test(r, test_parse_trailing_empty_fields);
    tcase_add_test(r, test_parse_crlf_lf_same);
    tcase_add_test(r, test_parse_bom_and_blank_lines);
    tcase_add_test(r, test_parse_quoted);
    tcase_add_test(r, test_parse_guard_removed);
    tcase_add_test(r, test_not_nul_terminated);
    suite_add_tcase(s, r);

    TCase *e = tcase_create("errors");
    tcase_add_test(e, test_error_unterminated_quote);
    tcase_add_test(e, test_error_quote_in_field);
    tcase_add_test(e, test_error_text_after_quote);
    tcase_add_test(e, test_error_bare_cr);
    tcase_add_test(e, test_error_invalid_utf8);
    tcase_add_test(e, test_limits_custom);
    tcase_add_test(e, test_limits_default);
    suite_add_tcase(s, e);

    TCase *h = tcase_create("header");
    tcase_add_test(h, test_header_index);
    suite_add_tcase(s, h);
    return s;
}

TEST_MAIN(csv_suite)
