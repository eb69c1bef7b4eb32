/* chart.h - server-rendered SVG charts for the self-assessment pages: a radar (one axis per
 * category, one closed shape per series such as Current and Target) and a line chart (one
 * line per series across assessment cycles). Pure.
 *
 * The result is an inline <svg> fragment for a template to print raw: it carries xmlns,
 * role="img", an aria-label and a <title> (both the chart's title), and no style attribute
 * or <style> element (CSP default-src 'self'). Looks come from presentation attributes
 * (fill, stroke, ...) that portal.css may override through the class names:
 *   svg        "chart chart-radar" / "chart chart-line"
 *   grid       "chart-grid" (rings, horizontal lines), "chart-axis" (axis lines)
 *   text       "chart-label" (axis / x labels), "chart-tick" (scale numbers)
 *   legend     "chart-legend" on its group
 *   series     "chart-series <css_class>" on each polygon / polyline, "chart-point <css_class>"
 *              on each marker, "chart-swatch <css_class>" on its legend swatch;
 *   missing    "chart-label chart-missing" on the radar's "not assessed" text under an axis
 *              label.
 * Each marker holds a <title> ("Current, Identify: 3.0") that browsers show on hover.
 * Numbers are printed with one decimal ("%.1f", independent of the locale), so output for
 * the same input is byte-identical. All text is XML-escaped. */
#ifndef CHART_H
#define CHART_H

#include <stddef.h>

/* The largest number of integer grid steps a chart draws (radar: max_value; line:
 * max_value - min_value); more is refused as bad input. */
#define CHART_MAX_GRID 100

struct chart_series {
    const char *name;      /* legend text, e.g. "Current", "Target" */
    const double *values;  /* n_axes (radar) or n_points (line) values; < 0 or NaN: missing */
    const char *css_class; /* e.g. "current", "target"; NULL for none */
};

struct chart_radar {
    const char *title;              /* aria-label and <title> */
    size_t n_axes;                  /* >= 3 */
    const char *const *axis_labels; /* n_axes labels, first one at the top, then clockwise */
    double max_value;               /* the outer edge, e.g. 5; 0 < max_value <= CHART_MAX_GRID */
    size_t n_series;                /* may be 0 (grid only) */
    const struct chart_series *series;
    const char *missing_label; /* said of an axis without a value, e.g. "not assessed";
                                * NULL: "no data" */
};

/* A radar chart, viewBox "0 0 400 400": rings (polygons) at 1..floor(max_value), an axis line
 * and label per axis, then one closed polygon per series, one circle marker per vertex, and
 * a legend. So the output holds exactly floor(max_value) + n_series "<polygon" elements.
 * A missing value is not drawn (no vertex, no marker: at the centre it would read as 0): the
 * series polygon joins the present values in axis order, the axis label gets missing_label
 * under it (class "chart-missing"), and the text alternative (aria-label and <title>) ends
 * with "(<series>, <axis>: <missing_label>; ...)". Values above max_value are drawn at
 * max_value.
 * Returns a malloc'd string (free it), or NULL when r, its title, labels, series names or
 * values are NULL, a text (missing_label too) is not valid UTF-8, n_axes < 3, max_value is not in
 * (0, CHART_MAX_GRID], or memory runs out. */
char *chart_radar_svg(const struct chart_radar *r);

struct chart_line {
    const char *title;           /* aria-label and <title> */
    size_t n_points;             /* >= 1, e.g. one per assessment cycle */
    const char *const *x_labels; /* n_points labels, e.g. "2025", "2026" */
    double min_value, max_value; /* y range, e.g. 0 and 5; min < max, max - min <= CHART_MAX_GRID */
    size_t n_series;             /* may be 0 (axes only) */
    const struct chart_series *series;
};

/* A line chart, viewBox "0 0 600 300": a horizontal grid line and y label per integer in
 * [min_value, max_value], an x label per point (points spread evenly, each in the middle of
 * its slot), then per series one polyline per run of two or more consecutive present values
 * (a missing value breaks the line), one circle marker per present value, and a legend.
 * Values outside the range are drawn at its edge. Returns a malloc'd string (free it), or
 * NULL when l, its title, labels, series names or values are NULL, a text is not valid
 * UTF-8, n_points is 0, the range is not finite, empty or wider than CHART_MAX_GRID, or
 * memory runs out. */
char *chart_line_svg(const struct chart_line *l);

#endif
