/* ecma_regex.c - JSON Schema patterns (ECMA-262) as POSIX extended regular expressions;
 * see ecma_regex.h. */
#include "ecma_regex.h"

#include <string.h>

struct out {
    char *p;
    size_t len, cap;
    int bad;
};

static void put_char(struct out *o, char c)
{
    if (o->len + 1 >= o->cap) {
        o->bad = 1;
        return;
    }
    o->p[o->len++] = c;
    o->p[o->len] = '\0';
}

static void put(struct out *o, const char *s)
{
    while (*s)
        put_char(o, *s++);
}

/* The characters with a meaning of their own outside a bracket expression. */
static int special(int c)
{
    return c && strchr(".[]()*+?{}|^$\\", c) != NULL;
}

static void put_literal(struct out *o, int c)
{
    if (special(c))
        put_char(o, '\\');
    put_char(o, (char)c);
}

/* ---- sets of bytes (character classes) ---- */

struct byteset {
    unsigned char bits[32];
};

static void set_add(struct byteset *s, int c)
{
    s->bits[(unsigned char)c >> 3] |= (unsigned char)(1u << (c & 7));
}

static int set_has(const struct byteset *s, int c)
{
    return (s->bits[(unsigned char)c >> 3] >> (c & 7)) & 1;
}

static void set_range(struct byteset *s, int from, int to)
{
    for (int c = from; c <= to; c++)
        set_add(s, c);
}

/* Adds the class of \d \D \s \S \w \W (letter) to s; returns 0, or -1 for another letter. */
static int set_add_escape_class(struct byteset *s, char letter)
{
    struct byteset k = {{0}};
    switch (letter | 0x20) {
    case 'd':
        set_range(&k, '0', '9');
        break;
    case 's':
        set_range(&k, '\t', '\r');
        set_add(&k, ' '); /* Unicode's other spaces are multi-byte: not matched */
        break;
    case 'w':
        set_range(&k, 'a', 'z');
        set_range(&k, 'A', 'Z');
        set_range(&k, '0', '9');
        set_add(&k, '_');
        break;
    default:
        return -1;
    }
    int negate = letter >= 'A' && letter <= 'Z';
    for (int c = 1; c < 256; c++)
        if (set_has(&k, c) != negate)
            set_add(s, c);
    return 0;
}

/* The bytes a bracket expression must spell as a collating symbol [.c.]. */
static int bracket_special(int c)
{
    return c == ']' || c == '-' || c == '^' || c == '[';
}

/* Writes s as one bracket expression (bytes 1-255; s must not be empty). */
static void put_set(struct out *o, const struct byteset *s)
{
    put_char(o, '[');
    for (int c = 1; c < 256;) {
        if (!set_has(s, c)) {
            c++;
            continue;
        }
        if (bracket_special(c)) {
            char sym[] = {'[', '.', (char)c, '.', ']', '\0'};
            put(o, sym);
            c++;
            continue;
        }
        int end = c;
        while (end + 1 < 256 && set_has(s, end + 1) && !bracket_special(end + 1))
            end++;
        put_char(o, (char)c);
        if (end > c + 1)
            put_char(o, '-');
        if (end > c)
            put_char(o, (char)end);
        c = end + 1;
    }
    put_char(o, ']');
}

static int hex_value(const char *s, int digits)
{
    int v = 0;
    for (int i = 0; i < digits; i++) {
        char c = s[i];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* The one character an escape \<at...> stands for (control escapes, \uXXXX and \xXX for
 * ASCII, identity escapes); *used receives how many characters after the backslash it
 * took. Returns the character, or -1 when it is not a single character this supports. */
static int escape_char(const char *at, int *used)
{
    *used = 1;
    switch (*at) {
    case 't':
        return '\t';
    case 'n':
        return '\n';
    case 'r':
        return '\r';
    case 'f':
        return '\f';
    case 'v':
        return '\v';
    case 'u':
    case 'x': {
        int digits = *at == 'u' ? 4 : 2;
        if (strnlen(at + 1, (size_t)digits) < (size_t)digits)
            return -1;
        int v = hex_value(at + 1, digits);
        *used = 1 + digits;
        return v >= 1 && v < 0x80 ? v : -1;
    }
    case '\0':
    case '0':
    case 'b':
    case 'B':
    case 'c':
    case 'k':
    case 'p':
    case 'P':
        return -1;
    default:
        if (*at >= '1' && *at <= '9')
            return -1; /* a back-reference */
        return (unsigned char)*at;
    }
}

/* Reads the class at src (just after '['), adds its bytes to s; returns the characters
 * read up to and including the closing ']', or -1. */
static int read_class(const char *src, struct byteset *s)
{
    const char *at = src;
    int negate = *at == '^';
    struct byteset k = {{0}};
    if (negate)
        at++;
    int prev = -1; /* the last single character, which a '-' may make a range from */
    while (*at && *at != ']') {
        int c;
        if (*at == '\\') {
            at++;
            if (strchr("dDsSwW", *at) && *at) {
                set_add_escape_class(&k, *at++);
                prev = -1;
                continue;
            }
            int used;
            c = escape_char(at, &used);
            if (c < 0)
                return -1;
            at += used;
        } else if (*at == '-' && prev >= 0 && at[1] && at[1] != ']') {
            at++;
            int to;
            if (*at == '\\') {
                if (strchr("dDsSwW", at[1]))
                    return -1; /* a range to a class */
                int used;
                to = escape_char(at + 1, &used);
                at += 1 + used;
            } else
                to = (unsigned char)*at++;
            if (to < prev)
                return -1;
            set_range(&k, prev, to);
            prev = -1;
            continue;
        } else
            c = (unsigned char)*at++;
        if (c == 0)
            return -1;
        set_add(&k, c);
        prev = c;
    }
    if (*at != ']')
        return -1;
    int any = 0;
    for (int c = 1; c < 256; c++)
        if (set_has(&k, c) != negate) {
            set_add(s, c);
            any = 1;
        }
    return any ? (int)(at - src) + 1 : -1;
}

/* Reads a quantifier {n}, {n,} or {n,m} at src; returns its length, or 0 when src is not
 * one (ECMA then takes '{' as a literal). */
static size_t quantifier_length(const char *src)
{
    size_t i = 1, digits = 0;
    while (src[i] >= '0' && src[i] <= '9')
        i++, digits++;
    if (!digits)
        return 0;
    if (src[i] == ',') {
        i++;
        while (src[i] >= '0' && src[i] <= '9')
            i++;
    }
    return src[i] == '}' ? i + 1 : 0;
}

int ecma_regex_translate(const char *src, char *out, size_t cap)
{
    struct out o = {out, 0, cap, cap == 0};
    if (cap)
        out[0] = '\0';
    for (const char *at = src; *at && !o.bad;) {
        char c = *at;
        if (c == '\\') {
            at++;
            struct byteset s = {{0}};
            if (*at && strchr("dDsSwW", *at)) {
                set_add_escape_class(&s, *at++);
                put_set(&o, &s);
                continue;
            }
            int used, ch = escape_char(at, &used);
            if (ch < 0)
                return -1;
            put_literal(&o, ch);
            at += used;
        } else if (c == '[') {
            struct byteset s = {{0}};
            int used = read_class(at + 1, &s);
            if (used < 0)
                return -1;
            put_set(&o, &s);
            at += 1 + used;
        } else if (c == '(') {
            if (at[1] == '?') {
                if (at[2] != ':')
                    return -1; /* look-around or a named group */
                at += 2;
            }
            put_char(&o, '(');
            at++;
        } else if (c == '*' || c == '+' || c == '?') {
            put_char(&o, c);
            at++;
            if (*at == '?')
                at++; /* lazy */
        } else if (c == '{') {
            size_t n = quantifier_length(at);
            if (!n) {
                put_literal(&o, '{');
                at++;
                continue;
            }
            for (size_t i = 0; i < n; i++)
                put_char(&o, at[i]);
            at += n;
            if (*at == '?')
                at++;
        } else if (c == '}' || c == ']') {
            put_literal(&o, c);
            at++;
        } else {
            put_char(&o, c); /* a literal, or one of . ^ $ | ) */
            at++;
        }
    }
    return o.bad ? -1 : 0;
}

int ecma_regex_compile(regex_t *re, const char *src)
{
    char ere[4096];
    if (ecma_regex_translate(src, ere, sizeof ere) != 0)
        return -1;
    return regcomp(re, ere, REG_EXTENDED | REG_NOSUB) == 0 ? 0 : -1;
}

int ecma_regex_search(const regex_t *re, const char *text, size_t len)
{
    regmatch_t span[1] = {{0, (regoff_t)len}};
    return regexec(re, text, 1, span, REG_STARTEND) == 0;
}
