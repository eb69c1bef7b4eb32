/* test_chart.c - the SVG charts: well-formed fragments (a small checker here, and xmllint
 * when it is installed), the exact element counts chart.h promises, hand-computed radar
 * vertices, missing values (radar: at the centre and marked; line: the line breaks),
 * escaping of every text, no style attributes, deterministic output, and bad input. */
#include "testlib.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chart.h"

static const char *const csf[] = {"Identify", "Protect", "Detect", "Respond", "Recover"};

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0, len = strlen(needle);
    for (const char *p = strstr(hay, needle); p; p = strstr(p + len, needle))
        n++;
    return n;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* Length of the entity at p ("&amp;" ...) or 0 when p does not start one of the five. */
static size_t entity_len(const char *p)
{
    static const char *const ents[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"};
    for (size_t i = 0; i < sizeof ents / sizeof ents[0]; i++)
        if (strncmp(p, ents[i], strlen(ents[i])) == 0)
            return strlen(ents[i]);
    return 0;
}

static int name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == ':';
}

/* A strict checker for the subset of XML the charts use: one root element <svg>, tags
 * that nest and close, attribute values in double quotes, no '<' or '>' in text or
 * values, and every '&' one of the five entities. Returns 1 when s passes. */
static int xml_well_formed(const char *s)
{
    char stack[16][32];
    int depth = 0, root_done = 0;
    const char *p = s;
    while (*p) {
        if (*p == '&') {
            size_t n = entity_len(p);
            if (!n)
                return 0;
            p += n;
        } else if (*p == '>') {
            return 0;
        } else if (*p != '<') {
            if (depth == 0)
                return 0; /* text outside the root */
            p++;
        } else if (p[1] == '/') {
            const char *q = p + 2;
            size_t n = 0;
            while (name_char(q[n]))
                n++;
            if (depth == 0 || q[n] != '>' || strlen(stack[depth - 1]) != n ||
                strncmp(stack[depth - 1], q, n) != 0)
                return 0;
            depth--;
            if (depth == 0)
                root_done = 1;
            p = q + n + 1;
        } else {
            if (root_done)
                return 0;
            const char *q = p + 1;
            size_t n = 0;
            while (name_char(q[n]))
                n++;
            if (n == 0 || n >= sizeof stack[0] || (depth == 0 && strncmp(q, "svg", n) != 0))
                return 0;
            q += n;
            char name[32];
            memcpy(name, p + 1, n);
            name[n] = '\0';
            for (;;) { /* attributes */
                if (*q != ' ' && *q != '>' && *q != '/')
                    return 0;
                while (*q == ' ')
                    q++;
                if (q[0] == '/' && q[1] == '>') {
                    q += 2;
                    break;
                }
                if (*q == '>') {
                    if (depth == (int)(sizeof stack / sizeof stack[0]))
                        return 0;
                    strcpy(stack[depth++], name);
                    q++;
                    break;
                }
                size_t an = 0;
                while (name_char(q[an]))
                    an++;
                if (an == 0 || q[an] != '=' || q[an + 1] != '"')
                    return 0;
                q += an + 2;
                while (*q != '"') {
                    if (*q == '\0' || *q == '<' || *q == '>')
                        return 0;
                    if (*q == '&') {
                        size_t e = entity_len(q);
                        if (!e)
                            return 0;
                        q += e;
                    } else {
                        q++;
                    }
                }
                q++;
            }
            if (depth == 0)
                root_done = 1;
            p = q;
        }
    }
    return root_done && depth == 0;
}

/* Also xmllint --noout when /usr/bin/xmllint exists (libxml2-utils); 1 when absent. */
static int xmllint_ok(const char *svg)
{
    if (access("/usr/bin/xmllint", X_OK) != 0)
        return 1;
    char path[] = "/tmp/test_chart_XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *f = fdopen(fd, "w");
    ck_assert_ptr_nonnull(f);
    fputs(svg, f);
    fclose(f);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "/usr/bin/xmllint --noout %s 2>/dev/null", path);
    int rc = system(cmd);
    unlink(path);
    return rc == 0;
}

static void assert_fragment(const char *svg, const char *title_escaped)
{
    ck_assert_ptr_nonnull(svg);
    ck_assert_msg(strncmp(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" ", 40) == 0, "%s", svg);
    ck_assert(ends_with(svg, "</svg>"));
    ck_assert_int_eq(count(svg, "<svg"), 1);
    ck_assert_int_eq(count(svg, "</svg>"), 1);
    ck_assert(strstr(svg, " role=\"img\"") != NULL);
    char want[256];
    snprintf(want, sizeof want, " aria-label=\"%s\"><title>%s</title>", title_escaped,
             title_escaped);
    ck_assert_msg(strstr(svg, want) != NULL, "no %s", want);
    /* CSP: no style attribute or element, nothing executable. */
    ck_assert(strstr(svg, "style") == NULL);
    ck_assert(strstr(svg, "<script") == NULL);
    ck_assert(strstr(svg, "href") == NULL);
    ck_assert_msg(xml_well_formed(svg), "not well-formed: %s", svg);
    ck_assert_msg(xmllint_ok(svg), "xmllint rejects: %s", svg);
}

/* The checker itself rejects what it should. */
START_TEST(test_checker)
{
    ck_assert(xml_well_formed("<svg a=\"1\"><g><line x=\"&amp;\"/></g>t</svg>"));
    ck_assert(!xml_well_formed("<svg><g></svg>"));
    ck_assert(!xml_well_formed("<svg><g></h></svg>"));
    ck_assert(!xml_well_formed("<svg a=\"<\"/>"));
    ck_assert(!xml_well_formed("<svg a='1'/>"));
    ck_assert(!xml_well_formed("<svg>R&D</svg>"));
    ck_assert(!xml_well_formed("<svg>a>b</svg>"));
    ck_assert(!xml_well_formed("<svg/><svg/>"));
    ck_assert(!xml_well_formed("<g/>"));
    ck_assert(!xml_well_formed("<svg>"));
    ck_assert(!xml_well_formed("<svg a=\"1\"b=\"2\"/>"));
    ck_assert(xmllint_ok("<svg/>"));
    ck_assert(access("/usr/bin/xmllint", X_OK) != 0 || !xmllint_ok("<svg><g></svg>"));
}
END_TEST

static char *radar5(const double *current, const double *target)
{
    struct chart_series series[2] = {{"Current", current, "current"}, {"Target", target, "target"}};
    struct chart_radar r = {"Maturity by function", 5, csf, 5.0, target ? 2 : 1, series, NULL};
    return chart_radar_svg(&r);
}

START_TEST(test_radar_structure)
{
    const double cur[] = {3, 2, 4, 1, 5}, tgt[] = {4, 4, 4, 4, 4};
    char *svg = radar5(cur, tgt);
    assert_fragment(svg, "Maturity by function");
    ck_assert(strstr(svg, " viewBox=\"0 0 400 400\"") != NULL);
    ck_assert(strstr(svg, " class=\"chart chart-radar\"") != NULL);
    /* 5 rings + 2 series; no polylines */
    ck_assert_int_eq(count(svg, "<polygon"), 5 + 2);
    ck_assert_int_eq(count(svg, "<polyline"), 0);
    ck_assert_int_eq(count(svg, "<polygon class=\"chart-series current\""), 1);
    ck_assert_int_eq(count(svg, "<polygon class=\"chart-series target\""), 1);
    /* a marker per vertex per series, none missing */
    ck_assert_int_eq(count(svg, "<circle"), 10);
    ck_assert_int_eq(count(svg, "chart-missing"), 0);
    /* 5 axis lines + 2 legend swatches */
    ck_assert_int_eq(count(svg, "<line"), 5 + 2);
    ck_assert_int_eq(count(svg, "class=\"chart-swatch current\""), 1);
    ck_assert_int_eq(count(svg, "class=\"chart-label\""), 5);
    ck_assert_int_eq(count(svg, "class=\"chart-tick\""), 5);
    /* <text>: 5 labels + 5 scale numbers + 2 legend names */
    ck_assert_int_eq(count(svg, "<text"), 12);
    ck_assert(strstr(svg, ">Identify</text>") != NULL);
    ck_assert(strstr(svg, ">Recover</text>") != NULL);
    ck_assert(strstr(svg, ">Current</text>") != NULL);
    ck_assert(strstr(svg, ">Target</text>") != NULL);
    /* the first axis points straight up: its label is centred above the rim */
    ck_assert(strstr(svg, "x=\"200.0\" y=\"62.0\" text-anchor=\"middle\">Identify<") != NULL);
    /* the second series is dashed */
    ck_assert_int_eq(count(svg, "stroke-dasharray"), 2); /* its polygon and its swatch */
    free(svg);
}
END_TEST

START_TEST(test_radar_vertices)
{
    const double cur[] = {3, 2, 4, 1, 5};
    char *svg = radar5(cur, NULL);
    ck_assert_ptr_nonnull(svg);
    /* Centre (200, 195), radius 120 for 5. Axis i at angle 72*i degrees clockwise from up:
     * (200 + 120*v/5*sin a, 195 - 120*v/5*cos a).
     *   Identify 3, a=0:   (200, 195 - 72)                     = (200.0, 123.0)
     *   Protect  2, a=72:  (200 + 48*0.95106, 195 - 48*0.30902) = (245.7, 180.2)
     *   Detect   4, a=144: (200 + 96*0.58779, 195 + 96*0.80902) = (256.4, 272.7)
     *   Respond  1, a=216: (200 - 24*0.58779, 195 + 24*0.80902) = (185.9, 214.4)
     *   Recover  5, a=288: (200 - 120*0.95106, 195 - 120*0.30902) = (85.9, 157.9) */
    ck_assert_msg(strstr(svg, "<polygon class=\"chart-series current\" points=\"200.0,123.0 "
                              "245.7,180.2 256.4,272.7 185.9,214.4 85.9,157.9\"") != NULL,
                  "%s", svg);
    ck_assert(strstr(svg, "cx=\"200.0\" cy=\"123.0\"") != NULL);
    ck_assert(strstr(svg, "<title>Current, Identify: 3.0</title>") != NULL);
    /* the outer ring (5) starts at the top of the rim, the inner one (1) 24 from the centre */
    ck_assert(strstr(svg, "<polygon points=\"200.0,75.0 314.1,157.9 ") != NULL);
    ck_assert(strstr(svg, "<polygon points=\"200.0,171.0 ") != NULL);
    /* axis lines run from the centre */
    ck_assert(strstr(svg, "<line x1=\"200.0\" y1=\"195.0\" x2=\"200.0\" y2=\"75.0\"/>") != NULL);
    free(svg);
}
END_TEST

START_TEST(test_radar_missing_and_clamped)
{
    /* An unassessed function is missing, not 0: no vertex or marker at the centre, the axis
     * says "not assessed" under its label, and the text alternative says so too. */
    const double cur[] = {3, -1, 4, NAN, 9};
    const char *csf[] = {"Identify", "Protect", "Detect", "Respond", "Recover"};
    struct chart_series s = {"Current", cur, "current"};
    struct chart_radar r = {"Maturity by function", 5, csf, 5.0, 1, &s, "not assessed"};
    char *svg = chart_radar_svg(&r);
    ck_assert_ptr_nonnull(svg);
    /* the polygon joins the present values only; 9 drawn at the rim (5) */
    ck_assert_msg(strstr(svg, "points=\"200.0,123.0 256.4,272.7 85.9,157.9\"") != NULL, "%s", svg);
    ck_assert_ptr_null(strstr(svg, "200.0,195.0 "));
    ck_assert_int_eq(count(svg, "<polygon"), 5 + 1);
    ck_assert_int_eq(count(svg, "<circle"), 3);
    ck_assert_int_eq(count(svg, "class=\"chart-label chart-missing\""), 2);
    ck_assert_int_eq(count(svg, ">not assessed</text>"), 2);
    ck_assert(strstr(svg, "aria-label=\"Maturity by function (Current, Protect: not assessed; "
                          "Current, Respond: not assessed)\"") != NULL);
    ck_assert(strstr(svg, "<title>Current, Recover: 5.0</title>") != NULL);
    free(svg);
}
END_TEST

START_TEST(test_radar_variants)
{
    /* no series: grid only, no legend */
    struct chart_radar r = {"Empty", 3, csf, 4.0, 0, NULL, NULL};
    char *svg = chart_radar_svg(&r);
    assert_fragment(svg, "Empty");
    ck_assert_int_eq(count(svg, "<polygon"), 4);
    ck_assert_int_eq(count(svg, "<circle"), 0);
    ck_assert(strstr(svg, "chart-legend") == NULL);
    free(svg);

    /* a fractional maximum: rings at 1 and 2 only; no css class */
    const double v[] = {1, 2, 2.5};
    struct chart_series s = {"Score", v, NULL};
    struct chart_radar r2 = {"Half", 3, csf, 2.5, 1, &s, NULL};
    svg = chart_radar_svg(&r2);
    assert_fragment(svg, "Half");
    ck_assert_int_eq(count(svg, "<polygon"), 2 + 1);
    ck_assert(strstr(svg, "<polygon class=\"chart-series\" points=\"200.0,147.0 ") != NULL);
    ck_assert(strstr(svg, "<title>Score, Detect: 2.5</title>") != NULL);
    free(svg);
}
END_TEST

START_TEST(test_deterministic)
{
    const double cur[] = {3, 2, 4, 1, 5}, tgt[] = {4, 4, 4, 4, 4};
    char *a = radar5(cur, tgt), *b = radar5(cur, tgt);
    ck_assert_str_eq(a, b);
    free(a);
    free(b);
}
END_TEST

START_TEST(test_escaping)
{
    const char *evil = "R&D <x> \"q\" 'a'";
    const char *esc = "R&amp;D &lt;x&gt; &quot;q&quot; &apos;a&apos;";
    const char *labels[] = {evil, "Protect", "<script>alert(1)</script>"};
    const double v[] = {1, 2, 3};
    struct chart_series s = {evil, v, "x\" onload=\"alert(1)"};
    struct chart_radar r = {evil, 3, labels, 5.0, 1, &s, NULL};
    char *svg = chart_radar_svg(&r);
    ck_assert_ptr_nonnull(svg);
    ck_assert(strstr(svg, "R&D") == NULL);
    ck_assert(strstr(svg, "<x>") == NULL);
    ck_assert(strstr(svg, "<script") == NULL);
    ck_assert(strstr(svg, "\"q\"") == NULL);
    ck_assert(strstr(svg, "'") == NULL);
    ck_assert(strstr(svg, "onload=\"") == NULL);
    ck_assert(strstr(svg, "class=\"chart-series x&quot; onload=&quot;alert(1)\"") != NULL);
    ck_assert(strstr(svg, "&lt;script&gt;alert(1)&lt;/script&gt;") != NULL);
    char want[256];
    snprintf(want, sizeof want, "text-anchor=\"middle\">%s</text>", esc); /* the axis label */
    ck_assert(strstr(svg, want) != NULL);
    snprintf(want, sizeof want, "<title>%s, %s: 1.0</title>", esc, esc); /* a marker */
    ck_assert(strstr(svg, want) != NULL);
    snprintf(want, sizeof want, ">%s</text></g></svg>", esc); /* the legend */
    ck_assert(strstr(svg, want) != NULL);
    /* every & starts an entity: nothing unescaped */
    for (const char *p = strchr(svg, '&'); p; p = strchr(p + 1, '&'))
        ck_assert_msg(entity_len(p) > 0, "bare & at %.20s", p);
    assert_fragment(svg, esc);
    free(svg);

    /* control characters XML does not allow are dropped; UTF-8 is kept */
    const char *labels2[] = {"a\x01"
                             "b",
                             "Gr\xc3\xbc"
                             "n",
                             "c"};
    struct chart_radar r2 = {"T\x1b", 3, labels2, 5.0, 0, NULL, NULL};
    svg = chart_radar_svg(&r2);
    assert_fragment(svg, "T");
    ck_assert(strstr(svg, ">ab</text>") != NULL);
    ck_assert(strstr(svg, ">Gr\xc3\xbcn</text>") != NULL);
    free(svg);

    const char *escl[] = {"2025 & <b>"};
    struct chart_line l = {"A & B", 1, escl, 0, 5, 0, NULL};
    svg = chart_line_svg(&l);
    assert_fragment(svg, "A &amp; B");
    ck_assert(strstr(svg, ">2025 &amp; &lt;b&gt;</text>") != NULL);
    free(svg);
}
END_TEST

START_TEST(test_radar_bad_input)
{
    const double v[] = {1, 2, 3, 4, 5};
    struct chart_series s = {"Current", v, "current"};
    struct chart_radar ok = {"T", 5, csf, 5.0, 1, &s, NULL};
    char *svg = chart_radar_svg(&ok);
    ck_assert_ptr_nonnull(svg);
    free(svg);

    ck_assert_ptr_null(chart_radar_svg(NULL));
    struct chart_radar r = ok;
    r.n_axes = 2;
    ck_assert_ptr_null(chart_radar_svg(&r));
    r.n_axes = 0;
    ck_assert_ptr_null(chart_radar_svg(&r));
    r = ok;
    r.title = NULL;
    ck_assert_ptr_null(chart_radar_svg(&r));
    r = ok;
    r.axis_labels = NULL;
    ck_assert_ptr_null(chart_radar_svg(&r));
    const char *holes[] = {"a", NULL, "c"};
    r = ok;
    r.n_axes = 3;
    r.axis_labels = holes;
    ck_assert_ptr_null(chart_radar_svg(&r));
    const char *bad_utf8[] = {"a", "\xc3\x28", "c"};
    r.axis_labels = bad_utf8;
    ck_assert_ptr_null(chart_radar_svg(&r));
    r = ok;
    r.max_value = 0;
    ck_assert_ptr_null(chart_radar_svg(&r));
    r.max_value = -5;
    ck_assert_ptr_null(chart_radar_svg(&r));
    r.max_value = NAN;
    ck_assert_ptr_null(chart_radar_svg(&r));
    r.max_value = INFINITY;
    ck_assert_ptr_null(chart_radar_svg(&r));
    r.max_value = CHART_MAX_GRID + 1;
    ck_assert_ptr_null(chart_radar_svg(&r));
    r = ok;
    r.series = NULL;
    ck_assert_ptr_null(chart_radar_svg(&r));
    struct chart_series bad = s;
    bad.values = NULL;
    r.series = &bad;
    ck_assert_ptr_null(chart_radar_svg(&r));
    bad = s;
    bad.name = NULL;
    ck_assert_ptr_null(chart_radar_svg(&r));
}
END_TEST

static const char *const cycles[] = {"2023", "2024", "2025", "2026", "2027"};

static char *line5(const double *current, const double *target)
{
    struct chart_series series[2] = {{"Current", current, "current"}, {"Target", target, "target"}};
    struct chart_line l = {"Overall maturity", 5, cycles, 0.0, 5.0, target ? 2 : 1, series};
    return chart_line_svg(&l);
}

START_TEST(test_line_structure)
{
    const double cur[] = {1, 2, 2.5, 3, 3.4}, tgt[] = {3, 3, 4, 4, 4};
    char *svg = line5(cur, tgt);
    assert_fragment(svg, "Overall maturity");
    ck_assert(strstr(svg, " viewBox=\"0 0 600 320\"") != NULL);
    ck_assert(strstr(svg, " class=\"chart chart-line\"") != NULL);
    ck_assert_int_eq(count(svg, "<polyline"), 2);
    ck_assert_int_eq(count(svg, "<polygon"), 0);
    ck_assert_int_eq(count(svg, "<circle"), 10);
    ck_assert_int_eq(count(svg, "class=\"chart-label\""), 5);
    ck_assert_int_eq(count(svg, "class=\"chart-tick\""), 6); /* 0..5 */
    /* 6 grid lines + 2 axes + 2 legend swatches */
    ck_assert_int_eq(count(svg, "<line"), 6 + 2 + 2);
    /* Slots of 530/5 = 106 from x 50, points in their middle: 103, 209, 315, 421, 527.
     * y = 230 - v/5*210: 1 -> 188, 2 -> 146, 2.5 -> 125, 3 -> 104, 3.4 -> 87.2. */
    ck_assert_msg(strstr(svg,
                         "<polyline class=\"chart-series current\" points=\"103.0,188.0 "
                         "209.0,146.0 315.0,125.0 421.0,104.0 527.0,87.2\" fill=\"none\"") != NULL,
                  "%s", svg);
    ck_assert(strstr(svg, "x=\"315.0\" y=\"248.0\">2025</text>") != NULL);
    ck_assert(strstr(svg, "<title>Current, 2027: 3.4</title>") != NULL);
    ck_assert(strstr(svg, "<title>Target, 2025: 4.0</title>") != NULL);
    /* grid lines at 0 (bottom) and 5 (top), with their numbers */
    ck_assert(strstr(svg, "<line x1=\"50.0\" y1=\"230.0\" x2=\"580.0\" y2=\"230.0\"/>") != NULL);
    ck_assert(strstr(svg, "<line x1=\"50.0\" y1=\"20.0\" x2=\"580.0\" y2=\"20.0\"/>") != NULL);
    ck_assert(strstr(svg, "x=\"42.0\" y=\"24.0\">5</text>") != NULL);
    ck_assert(strstr(svg, ">Current</text>") != NULL);
    ck_assert(strstr(svg, ">Target</text>") != NULL);
    free(svg);
}
END_TEST

START_TEST(test_line_missing)
{
    /* a missing middle value: two polylines, no marker for it */
    const double gap[] = {1, 2, -1, 3, 4};
    char *svg = line5(gap, NULL);
    assert_fragment(svg, "Overall maturity");
    ck_assert_int_eq(count(svg, "<polyline"), 2);
    ck_assert(strstr(svg, "points=\"103.0,188.0 209.0,146.0\"") != NULL);
    ck_assert(strstr(svg, "points=\"421.0,104.0 527.0,62.0\"") != NULL);
    ck_assert_int_eq(count(svg, "<circle"), 4);
    ck_assert(strstr(svg, "2025:") == NULL);
    free(svg);

    /* isolated points get a marker but no line */
    const double lone[] = {1, -1, 3, NAN, 5};
    svg = line5(lone, NULL);
    assert_fragment(svg, "Overall maturity");
    ck_assert_int_eq(count(svg, "<polyline"), 0);
    ck_assert_int_eq(count(svg, "<circle"), 3);
    free(svg);

    /* all missing: axes, labels and legend only */
    const double none[] = {-1, -1, -1, -1, -1};
    svg = line5(none, NULL);
    assert_fragment(svg, "Overall maturity");
    ck_assert_int_eq(count(svg, "<polyline"), 0);
    ck_assert_int_eq(count(svg, "<circle"), 0);
    ck_assert(strstr(svg, ">Current</text>") != NULL);
    free(svg);
}
END_TEST

START_TEST(test_line_one_point_and_range)
{
    /* one cycle: centred, a marker only */
    const double v[] = {7};
    struct chart_series s = {"Current", v, "current"};
    struct chart_line l = {"First cycle", 1, cycles, 0.5, 5.0, 1, &s};
    char *svg = chart_line_svg(&l);
    assert_fragment(svg, "First cycle");
    ck_assert_int_eq(count(svg, "<polyline"), 0);
    /* 7 is drawn at the top (5); grid lines at 1..5 only */
    ck_assert(strstr(svg, "<circle class=\"chart-point current\" cx=\"315.0\" cy=\"20.0\"") !=
              NULL);
    ck_assert(strstr(svg, "<title>Current, 2023: 5.0</title>") != NULL);
    ck_assert_int_eq(count(svg, "class=\"chart-tick\""), 5);
    ck_assert_int_eq(count(svg, "class=\"chart-label\""), 1);
    free(svg);
}
END_TEST

START_TEST(test_line_bad_input)
{
    const double v[] = {1, 2, 3, 4, 5};
    struct chart_series s = {"Current", v, "current"};
    struct chart_line ok = {"T", 5, cycles, 0, 5, 1, &s};
    char *svg = chart_line_svg(&ok);
    ck_assert_ptr_nonnull(svg);
    free(svg);

    ck_assert_ptr_null(chart_line_svg(NULL));
    struct chart_line l = ok;
    l.n_points = 0;
    ck_assert_ptr_null(chart_line_svg(&l));
    l = ok;
    l.title = NULL;
    ck_assert_ptr_null(chart_line_svg(&l));
    l = ok;
    l.x_labels = NULL;
    ck_assert_ptr_null(chart_line_svg(&l));
    l = ok;
    l.min_value = 5;
    ck_assert_ptr_null(chart_line_svg(&l));
    l.min_value = 6;
    ck_assert_ptr_null(chart_line_svg(&l));
    l = ok;
    l.max_value = NAN;
    ck_assert_ptr_null(chart_line_svg(&l));
    l.max_value = CHART_MAX_GRID + 1;
    ck_assert_ptr_null(chart_line_svg(&l));
    l = ok;
    l.min_value = -1e300;
    ck_assert_ptr_null(chart_line_svg(&l));
    l = ok;
    l.min_value = 1e17;
    l.max_value = 1e17 + 64;
    ck_assert_ptr_null(chart_line_svg(&l));
    l = ok;
    l.series = NULL;
    ck_assert_ptr_null(chart_line_svg(&l));
    struct chart_series bad = s;
    bad.css_class = "\xff";
    l.series = &bad;
    ck_assert_ptr_null(chart_line_svg(&l));
}
END_TEST

static Suite *chart_suite(void)
{
    Suite *s = suite_create("chart");
    TCase *tc = tcase_create("chart");
    tcase_add_test(tc, test_checker);
    tcase_add_test(tc, test_radar_structure);
    tcase_add_test(tc, test_radar_vertices);
    tcase_add_test(tc, test_radar_missing_and_clamped);
    tcase_add_test(tc, test_radar_variants);
    tcase_add_test(tc, test_deterministic);
    tcase_add_test(tc, test_escaping);
    tcase_add_test(tc, test_radar_bad_input);
    tcase_add_test(tc, test_line_structure);
    tcase_add_test(tc, test_line_missing);
    tcase_add_test(tc, test_line_one_point_and_range);
    tcase_add_test(tc, test_line_bad_input);
    suite_add_tcase(s, tc);
    return s;
}

TEST_MAIN(chart_suite)
