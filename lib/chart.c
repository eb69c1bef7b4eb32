/* chart.c - server-rendered SVG charts (radar and line) for the self-assessment pages;
 * see chart.h for what they look like and the class names. Pure: text in, text out. */
#include "chart.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/* Default look (portal.css tokens); CSS rules on the class names override these. */
#define CHART_INK "#1a2230"
#define CHART_MUTED "#5c6778"
#define CHART_GRID "#d5dbe3"
#define CHART_AXIS "#aab4c2"
#define CHART_PAPER "#ffffff"
static const char *const chart_palette[] = {"#0b5cad", "#c26a00", "#17663a", "#6b3fa0"};
#define CHART_PALETTE_N (sizeof chart_palette / sizeof chart_palette[0])

/* Line chart values are kept to this magnitude so integer grid steps stay exact. */
#define CHART_MAX_ABS 1e6

/* ---- output buffer: grows as needed; after a failed allocation it only records that ---- */

struct chart_buf {
    char *p;
    size_t len, cap;
    int failed;
};

static int chart_buf_reserve(struct chart_buf *b, size_t extra)
{
    if (b->failed)
        return -1;
    if (extra > SIZE_MAX - 1 - b->len) {
        b->failed = 1;
        return -1;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        b->failed = 1;
        return -1;
    }
    b->p = p;
    b->cap = cap;
    return 0;
}

static void chart_buf_append(struct chart_buf *b, const char *s, size_t n)
{
    if (chart_buf_reserve(b, n) < 0)
        return;
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void chart_buf_puts(struct chart_buf *b, const char *s)
{
    chart_buf_append(b, s, strlen(s));
}

__attribute__((format(printf, 2, 3))) static void chart_buf_printf(struct chart_buf *b,
                                                                   const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = 1;
        return;
    }
    if ((size_t)n < sizeof tmp) {
        chart_buf_append(b, tmp, (size_t)n);
        return;
    }
    if (chart_buf_reserve(b, (size_t)n) < 0)
        return;
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* Text as XML character data or attribute value: & < > " ' become entities; control
 * characters XML 1.0 does not allow (all below 0x20 except tab, LF, CR) are dropped. The
 * input was checked to be valid UTF-8, so every other byte is copied as is. */
static void chart_buf_escape(struct chart_buf *b, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '&':
            chart_buf_puts(b, "&amp;");
            break;
        case '<':
            chart_buf_puts(b, "&lt;");
            break;
        case '>':
            chart_buf_puts(b, "&gt;");
            break;
        case '"':
            chart_buf_puts(b, "&quot;");
            break;
        case '\'':
            chart_buf_puts(b, "&apos;");
            break;
        default:
            if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r')
                chart_buf_append(b, s, 1);
        }
    }
}

/* The string, or NULL (and nothing to free) when an allocation failed. */
static char *chart_buf_finish(struct chart_buf *b)
{
    if (b->failed || !b->p) {
        free(b->p);
        return NULL;
    }
    return b->p;
}

/* ---- small pure helpers ---- */

/* A number with one decimal, like "%.1f" but never with a locale's decimal comma. The
 * callers pass coordinates or clamped values, far from the range of long long. */
struct chart_num {
    char s[32];
};

static struct chart_num chart_format_num(double v)
{
    struct chart_num n;
    long long t = llround(v * 10.0);
    const char *sign = "";
    if (t < 0) {
        sign = "-";
        t = -t;
    }
    snprintf(n.s, sizeof n.s, "%s%lld.%lld", sign, t / 10, t % 10);
    return n;
}

static int chart_text_ok(const char *s)
{
    return s && utf8_valid(s, strlen(s));
}

static int chart_value_missing(double v)
{
    return !(v >= 0.0); /* also true for NaN */
}

static double chart_clamp(double v, double lo, double hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* Width of s in user units at font-size 12, roughly: 7 per character (UTF-8 lead byte). */
static double chart_estimate_width(const char *s)
{
    size_t chars = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            chars++;
    return 7.0 * (double)chars;
}

static int chart_series_ok(const struct chart_series *series, size_t n_series)
{
    if (n_series > 0 && !series)
        return 0;
    for (size_t i = 0; i < n_series; i++) {
        if (!chart_text_ok(series[i].name) || !series[i].values)
            return 0;
        if (series[i].css_class && !chart_text_ok(series[i].css_class))
            return 0;
    }
    return 1;
}

static int chart_labels_ok(const char *const *labels, size_t n)
{
    if (!labels)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!chart_text_ok(labels[i]))
            return 0;
    return 1;
}

/* ` class="base extra"` (extra escaped; left out when NULL or empty). */
static void chart_write_class(struct chart_buf *b, const char *base, const char *extra)
{
    chart_buf_printf(b, " class=\"%s", base);
    if (extra && *extra) {
        chart_buf_puts(b, " ");
        chart_buf_escape(b, extra);
    }
    chart_buf_puts(b, "\"");
}

/* The look of series i: a palette colour, and every second series dashed so the series
 * differ without colour too. */
static void chart_write_stroke(struct chart_buf *b, size_t i)
{
    chart_buf_printf(b, " stroke=\"%s\" stroke-width=\"2\"", chart_palette[i % CHART_PALETTE_N]);
    if (i % 2 == 1)
        chart_buf_puts(b, " stroke-dasharray=\"6 4\"");
}

static void chart_write_open(struct chart_buf *b, const char *kind, const char *viewbox,
                             const char *title)
{
    chart_buf_printf(b,
                     "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart %s\" "
                     "viewBox=\"%s\" role=\"img\" aria-label=\"",
                     kind, viewbox);
    chart_buf_escape(b, title);
    chart_buf_puts(b, "\"><title>");
    chart_buf_escape(b, title);
    chart_buf_puts(b, "</title>");
}

/* A circle marker with a tooltip "<series>, <label>: <value>" ("no data" when missing). */
static void chart_write_marker(struct chart_buf *b, const struct chart_series *s, size_t i,
                               double x, double y, const char *label, double value, int missing)
{
    const char *color = chart_palette[i % CHART_PALETTE_N];
    chart_buf_puts(b, "<circle");
    chart_write_class(b, missing ? "chart-point chart-missing" : "chart-point", s->css_class);
    chart_buf_printf(b, " cx=\"%s\" cy=\"%s\" r=\"3.5\"", chart_format_num(x).s,
                     chart_format_num(y).s);
    if (missing)
        chart_buf_printf(b, " fill=\"%s\" stroke=\"%s\" stroke-width=\"1.5\"", CHART_PAPER, color);
    else
        chart_buf_printf(b, " fill=\"%s\"", color);
    chart_buf_puts(b, "><title>");
    chart_buf_escape(b, s->name);
    chart_buf_puts(b, ", ");
    chart_buf_escape(b, label);
    if (missing)
        chart_buf_puts(b, ": no data");
    else
        chart_buf_printf(b, ": %s", chart_format_num(value).s);
    chart_buf_puts(b, "</title></circle>");
}

/* The legend: per series a short line in its stroke and its name, left to right from
 * (x0, y) and wrapping to a new row 18 below when a row would pass x_max. */
static void chart_write_legend(struct chart_buf *b, const struct chart_series *series, size_t n,
                               double x0, double y, double x_max)
{
    if (n == 0)
        return;
    chart_buf_printf(b, "<g class=\"chart-legend\" font-size=\"12\" fill=\"%s\">", CHART_INK);
    double x = x0;
    for (size_t i = 0; i < n; i++) {
        double w = 18.0 + 6.0 + chart_estimate_width(series[i].name);
        if (x > x0 && x + w > x_max) {
            x = x0;
            y += 18.0;
        }
        chart_buf_puts(b, "<line");
        chart_write_class(b, "chart-swatch", series[i].css_class);
        chart_buf_printf(b, " x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"", chart_format_num(x).s,
                         chart_format_num(y - 4.0).s, chart_format_num(x + 18.0).s,
                         chart_format_num(y - 4.0).s);
        chart_write_stroke(b, i);
        chart_buf_printf(b, "/><text x=\"%s\" y=\"%s\">", chart_format_num(x + 24.0).s,
                         chart_format_num(y).s);
        chart_buf_escape(b, series[i].name);
        chart_buf_puts(b, "</text>");
        x += w + 20.0;
    }
    chart_buf_puts(b, "</g>");
}

/* ---- radar ---- */

/* Geometry (viewBox 0 0 400 400): centre (200, 195), radius 120 for max_value. Axis i of n
 * points at angle a = 2*pi*i/n measured clockwise from straight up, so a value v on it sits
 * at (cx + rv*sin a, cy - rv*cos a) with rv = 120 * v / max_value (SVG y grows downwards).
 * Labels sit 12 beyond the rim; the legend starts at (20, 372). */
#define RADAR_PI 3.14159265358979323846
#define RADAR_CX 200.0
#define RADAR_CY 195.0
#define RADAR_R 120.0
#define RADAR_LABEL_GAP 12.0

static double radar_angle(size_t i, size_t n)
{
    return 2.0 * RADAR_PI * (double)i / (double)n;
}

static void radar_point(double radius, double angle, double *x, double *y)
{
    *x = RADAR_CX + radius * sin(angle);
    *y = RADAR_CY - radius * cos(angle);
}

static void radar_write_xy(struct chart_buf *b, size_t i, double x, double y)
{
    chart_buf_printf(b, "%s%s,%s", i ? " " : "", chart_format_num(x).s, chart_format_num(y).s);
}

char *chart_radar_svg(const struct chart_radar *r)
{
    if (!r || !chart_text_ok(r->title) || r->n_axes < 3 ||
        !chart_labels_ok(r->axis_labels, r->n_axes) || !chart_series_ok(r->series, r->n_series) ||
        (r->missing_label && !chart_text_ok(r->missing_label)))
        return NULL;
    if (!isfinite(r->max_value) || !(r->max_value > 0.0) || r->max_value > CHART_MAX_GRID)
        return NULL;

    const size_t n = r->n_axes;
    const double max = r->max_value;
    const int rings = (int)floor(max);
    struct chart_buf b = {0};

    /* The text alternative names every axis a series has no value on, so a reader of it
     * learns what the picture shows by leaving the axis out. */
    const char *missing_label = r->missing_label ? r->missing_label : "no data";
    struct chart_buf alt = {0};
    chart_buf_puts(&alt, r->title);
    int any_missing = 0;
    for (size_t si = 0; si < r->n_series; si++)
        for (size_t i = 0; i < n; i++)
            if (chart_value_missing(r->series[si].values[i])) {
                chart_buf_puts(&alt, any_missing ? "; " : " (");
                chart_buf_printf(&alt, "%s, %s: %s", r->series[si].name, r->axis_labels[i],
                                 missing_label);
                any_missing = 1;
            }
    if (any_missing)
        chart_buf_puts(&alt, ")");
    char *alt_text = chart_buf_finish(&alt);
    if (!alt_text)
        return NULL;
    chart_write_open(&b, "chart-radar", "0 0 400 400", alt_text);
    free(alt_text);

    /* Rings: one polygon per integer step, vertices on the axes. */
    chart_buf_printf(&b, "<g class=\"chart-grid\" fill=\"none\" stroke=\"%s\" stroke-width=\"1\">",
                     CHART_GRID);
    for (int k = 1; k <= rings; k++) {
        chart_buf_puts(&b, "<polygon points=\"");
        for (size_t i = 0; i < n; i++) {
            double x, y;
            radar_point(RADAR_R * k / max, radar_angle(i, n), &x, &y);
            radar_write_xy(&b, i, x, y);
        }
        chart_buf_puts(&b, "\"/>");
    }
    chart_buf_puts(&b, "</g>");

    /* Axis lines from the centre to the rim. */
    chart_buf_printf(&b, "<g class=\"chart-axis\" stroke=\"%s\" stroke-width=\"1\">", CHART_AXIS);
    for (size_t i = 0; i < n; i++) {
        double x, y;
        radar_point(RADAR_R, radar_angle(i, n), &x, &y);
        chart_buf_printf(&b, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/>",
                         chart_format_num(RADAR_CX).s, chart_format_num(RADAR_CY).s,
                         chart_format_num(x).s, chart_format_num(y).s);
    }
    chart_buf_puts(&b, "</g>");

    /* Scale numbers just right of the top axis, above each ring. */
    chart_buf_printf(&b, "<g font-size=\"10\" fill=\"%s\">", CHART_MUTED);
    for (int k = 1; k <= rings; k++)
        chart_buf_printf(&b, "<text class=\"chart-tick\" x=\"%s\" y=\"%s\">%d</text>",
                         chart_format_num(RADAR_CX + 4.0).s,
                         chart_format_num(RADAR_CY - RADAR_R * k / max - 2.0).s, k);
    chart_buf_puts(&b, "</g>");

    /* Axis labels: anchored at their inner side (start on the right half, end on the left,
     * middle on the vertical), and moved down by 4 - 5*cos a so that a label above the
     * centre ends over the rim and one below starts under it. */
    chart_buf_printf(&b, "<g font-size=\"12\" fill=\"%s\">", CHART_INK);
    for (size_t i = 0; i < n; i++) {
        double a = radar_angle(i, n), x, y;
        radar_point(RADAR_R + RADAR_LABEL_GAP, a, &x, &y);
        double s = sin(a);
        const char *anchor = fabs(s) < 0.01 ? "middle" : s > 0 ? "start" : "end";
        chart_buf_printf(&b, "<text class=\"chart-label\" x=\"%s\" y=\"%s\" text-anchor=\"%s\">",
                         chart_format_num(x).s, chart_format_num(y + 4.0 - 5.0 * cos(a)).s, anchor);
        chart_buf_escape(&b, r->axis_labels[i]);
        chart_buf_puts(&b, "</text>");
        /* an axis without a value in some series says so under its label */
        for (size_t si = 0; si < r->n_series; si++)
            if (chart_value_missing(r->series[si].values[i])) {
                chart_buf_printf(&b,
                                 "<text class=\"chart-label chart-missing\" x=\"%s\" y=\"%s\" "
                                 "text-anchor=\"%s\" font-style=\"italic\">",
                                 chart_format_num(x).s, chart_format_num(y + 18.0 - 5.0 * cos(a)).s,
                                 anchor);
                chart_buf_escape(&b, missing_label);
                chart_buf_puts(&b, "</text>");
                break;
            }
    }
    chart_buf_puts(&b, "</g>");

    /* Series: a closed polygon through the present values only (a missing value is no
     * vertex at all: drawing it at the centre would read as 0), then a marker per present
     * value. */
    for (size_t si = 0; si < r->n_series; si++) {
        const struct chart_series *s = &r->series[si];
        chart_buf_puts(&b, "<polygon");
        chart_write_class(&b, "chart-series", s->css_class);
        chart_buf_puts(&b, " points=\"");
        for (size_t i = 0, k = 0; i < n; i++) {
            if (chart_value_missing(s->values[i]))
                continue;
            double v = chart_clamp(s->values[i], 0, max);
            double x, y;
            radar_point(RADAR_R * v / max, radar_angle(i, n), &x, &y);
            radar_write_xy(&b, k++, x, y);
        }
        chart_buf_printf(&b, "\" fill=\"%s\" fill-opacity=\"0.15\"",
                         chart_palette[si % CHART_PALETTE_N]);
        chart_write_stroke(&b, si);
        chart_buf_puts(&b, " stroke-linejoin=\"round\"/>");
        for (size_t i = 0; i < n; i++) {
            if (chart_value_missing(s->values[i]))
                continue;
            double v = chart_clamp(s->values[i], 0, max);
            double x, y;
            radar_point(RADAR_R * v / max, radar_angle(i, n), &x, &y);
            chart_write_marker(&b, s, si, x, y, r->axis_labels[i], v, 0);
        }
    }

    chart_write_legend(&b, r->series, r->n_series, 20.0, 372.0, 380.0);
    chart_buf_puts(&b, "</svg>");
    return chart_buf_finish(&b);
}

/* ---- line ---- */

/* Geometry (viewBox 0 0 600 320): the plot area spans x 50..580 and y 20..230 (min_value at
 * the bottom, max_value at the top). The width is cut into n_points equal slots and point i
 * sits in the middle of slot i, so one point is centred and end labels are not clipped.
 * Y labels end 8 left of the plot; x labels are centred 18 under it; the legend starts at
 * (50, 285). */
#define LINE_LEFT 50.0
#define LINE_RIGHT 580.0
#define LINE_TOP 20.0
#define LINE_BOTTOM 230.0

static double line_x(size_t i, size_t n)
{
    return LINE_LEFT + (LINE_RIGHT - LINE_LEFT) * ((double)i + 0.5) / (double)n;
}

static double line_y(double v, double min, double max)
{
    return LINE_BOTTOM - (chart_clamp(v, min, max) - min) / (max - min) * (LINE_BOTTOM - LINE_TOP);
}

char *chart_line_svg(const struct chart_line *l)
{
    if (!l || !chart_text_ok(l->title) || l->n_points == 0 ||
        !chart_labels_ok(l->x_labels, l->n_points) || !chart_series_ok(l->series, l->n_series))
        return NULL;
    const double min = l->min_value, max = l->max_value;
    if (!isfinite(min) || !isfinite(max) || !(min < max) || max - min > CHART_MAX_GRID ||
        fabs(min) > CHART_MAX_ABS || fabs(max) > CHART_MAX_ABS)
        return NULL;

    const size_t n = l->n_points;
    const long first = (long)ceil(min), last = (long)floor(max);
    struct chart_buf b = {0};

    /* room below the plot for two rows of legend (six series wrap once) */
    chart_write_open(&b, "chart-line", "0 0 600 320", l->title);

    /* Horizontal grid line per integer value. */
    chart_buf_printf(&b, "<g class=\"chart-grid\" stroke=\"%s\" stroke-width=\"1\">", CHART_GRID);
    for (long k = first; k <= last; k++) {
        struct chart_num y = chart_format_num(line_y((double)k, min, max));
        chart_buf_printf(&b, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/>",
                         chart_format_num(LINE_LEFT).s, y.s, chart_format_num(LINE_RIGHT).s, y.s);
    }
    chart_buf_puts(&b, "</g>");

    /* The y axis on the left and the x axis along the bottom. */
    chart_buf_printf(&b,
                     "<g class=\"chart-axis\" stroke=\"%s\" stroke-width=\"1\">"
                     "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/>"
                     "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/></g>",
                     CHART_AXIS, chart_format_num(LINE_LEFT).s, chart_format_num(LINE_TOP).s,
                     chart_format_num(LINE_LEFT).s, chart_format_num(LINE_BOTTOM).s,
                     chart_format_num(LINE_LEFT).s, chart_format_num(LINE_BOTTOM).s,
                     chart_format_num(LINE_RIGHT).s, chart_format_num(LINE_BOTTOM).s);

    /* Y labels, one per grid line. */
    chart_buf_printf(&b, "<g font-size=\"10\" fill=\"%s\" text-anchor=\"end\">", CHART_MUTED);
    for (long k = first; k <= last; k++)
        chart_buf_printf(&b, "<text class=\"chart-tick\" x=\"%s\" y=\"%s\">%ld</text>",
                         chart_format_num(LINE_LEFT - 8.0).s,
                         chart_format_num(line_y((double)k, min, max) + 4.0).s, k);
    chart_buf_puts(&b, "</g>");

    /* X labels. */
    chart_buf_printf(&b, "<g font-size=\"12\" fill=\"%s\" text-anchor=\"middle\">", CHART_INK);
    for (size_t i = 0; i < n; i++) {
        chart_buf_printf(&b, "<text class=\"chart-label\" x=\"%s\" y=\"%s\">",
                         chart_format_num(line_x(i, n)).s, chart_format_num(LINE_BOTTOM + 18.0).s);
        chart_buf_escape(&b, l->x_labels[i]);
        chart_buf_puts(&b, "</text>");
    }
    chart_buf_puts(&b, "</g>");

    /* Series: a polyline per run of two or more present values, then the markers. */
    for (size_t si = 0; si < l->n_series; si++) {
        const struct chart_series *s = &l->series[si];
        size_t i = 0;
        while (i < n) {
            if (chart_value_missing(s->values[i])) {
                i++;
                continue;
            }
            size_t end = i;
            while (end < n && !chart_value_missing(s->values[end]))
                end++;
            if (end - i >= 2) {
                chart_buf_puts(&b, "<polyline");
                chart_write_class(&b, "chart-series", s->css_class);
                chart_buf_puts(&b, " points=\"");
                for (size_t j = i; j < end; j++)
                    chart_buf_printf(&b, "%s%s,%s", j > i ? " " : "",
                                     chart_format_num(line_x(j, n)).s,
                                     chart_format_num(line_y(s->values[j], min, max)).s);
                chart_buf_puts(&b, "\" fill=\"none\"");
                chart_write_stroke(&b, si);
                chart_buf_puts(&b, " stroke-linejoin=\"round\"/>");
            }
            i = end;
        }
        for (i = 0; i < n; i++) {
            if (chart_value_missing(s->values[i]))
                continue;
            double v = chart_clamp(s->values[i], min, max);
            chart_write_marker(&b, s, si, line_x(i, n), line_y(v, min, max), l->x_labels[i], v, 0);
        }
    }

    chart_write_legend(&b, l->series, l->n_series, LINE_LEFT, 285.0, LINE_RIGHT);
    chart_buf_puts(&b, "</svg>");
    return chart_buf_finish(&b);
}
