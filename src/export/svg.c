/*
** svg.c — the HTML page's charts, drawn as inline SVG (html.c places
** them):
**   - a price chart per chip: every sale price of one chip (or launch
**     price) told as a fact that has a yuan value (machines, rentals,
**     forecasts are other series: zhei_export_price_series), x the time it is dated to (a bar across the month or the
**     quarter when the date is no more precise), y yuan (a vertical bar for
**     a range like 1.4万–1.6万元); each point's hover text gives its date,
**     the amount as the article printed it and its yuan value;
**   - a swimlane: a lane per chip, and one for events without a chip,
**     every event a mark whose colour and shape say its type;
**   - the legend of the types' marks.
** Every mark links to its event in the list ("#e-N").  Text taken from
** the events goes through zhei_export_page_esc, in labels and <title>s alike;
** coordinates are numbers formatted here.
*/
#include "export_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- marks */

/* The shape of each event type's marks, by zhei_export_type_index (the last for
 * any other type). */
typedef enum { S_CIRCLE, S_DIAMOND, S_TRIANGLE, S_SQUARE, S_TRIANGLE_DOWN } svg_shape;

static const svg_shape S_shapes[ZHEI_EXPORT_N_TYPES + 1] = {
    S_DIAMOND,          /* export_control */
    S_CIRCLE,           /* price */
    S_TRIANGLE,         /* launch */
    S_SQUARE,           /* shipment */
    S_TRIANGLE_DOWN,    /* capacity */
    S_CIRCLE,           /* any other */
};

/* A mark of type t centred on (x, y), r its half-size in SVG units. */
static void S_shape(zhei_export_page *p, size_t t, double x, double y, double r)
{
    svg_shape s = S_shapes[t];
    switch (s) {
    case S_DIAMOND:
        r *= 1.25;
        zhei_export_page_printf(p, "<path class=\"mk\" d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1f"
                                   "L%.1f %.1fZ\"/>", x, y - r, x + r, y, x, y + r, x - r, y);
        break;
    case S_TRIANGLE:
        r *= 1.2;
        zhei_export_page_printf(p, "<path class=\"mk\" d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\"/>",
                                x, y - r, x + r, y + r * 0.75, x - r, y + r * 0.75);
        break;
    case S_TRIANGLE_DOWN:
        r *= 1.2;
        zhei_export_page_printf(p, "<path class=\"mk\" d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\"/>",
                                x, y + r, x + r, y - r * 0.75, x - r, y - r * 0.75);
        break;
    case S_SQUARE:
        r *= 0.9;
        zhei_export_page_printf(p, "<rect class=\"mk\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                            "height=\"%.1f\"/>", x - r, y - r, 2 * r, 2 * r);
        break;
    default:
        zhei_export_page_printf(p, "<circle class=\"mk\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"/>",
                                x, y, r);
    }
}

/* ------------------------------------------------------------- the axes */

static double S_x(const zhei_export_scale *s, double day)
{
    return s->x0 + (day - (double)s->d0) * s->w / (double)(s->d1 - s->d0);
}

/*
** The time axis under a plot that runs from y_top to y_axis: a grid line
** at every month tick (a darker one at each new year), month labels on a
** first row (10月, 1月, 4月 …) when there is room for months, year labels
** on a second row (2023年) at each January and at the start.
*/
static void S_time_axis(zhei_export_page *p, const zhei_export_scale *s, double y_top,
                        double y_axis)
{
    long y0, m0;
    zhei_export_year_month(s->d0, &y0, &m0);
    long first = y0 * 12 + (m0 - 1), months = 0;
    for (long d = s->d0; d < s->d1; months++) {
        long y = (first + months + 1) / 12, m = (first + months + 1) % 12 + 1;
        d = zhei_days_from_civil(y, m, 1);
    }
    double px_month = s->w / (double)(months ? months : 1);
    static const long steps[] = {1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200};
    long step = 1200;
    for (size_t i = 0; i < ZHEI_ARRAY_LEN(steps); i++)
        if (px_month * (double)steps[i] >= 34) {
            step = steps[i];
            break;
        }
    zhei_export_page_printf(p, "<line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
                               "y2=\"%.1f\"/>", s->x0, y_axis, s->x0 + s->w, y_axis);
    for (long k = 0; k <= months; k++) {
        long mi = first + k, y = mi / 12, m = mi % 12 + 1;
        double x = S_x(s, (double)zhei_days_from_civil(y, m, 1));
        int year_start = m == 1;
        /* the start's year, unless the next January is too close */
        if (k == 0 && !year_start && k < months &&
            (double)(12 - (m - 1)) * px_month >= 40)
            zhei_export_page_printf(p, "<text class=\"yr\" x=\"%.1f\" y=\"%.1f\">%ld年</text>",
                                    x + 2, y_axis + (step < 12 ? 28 : 14), y);
        if (mi % step != 0 && !(year_start && step < 12)) continue;
        zhei_export_page_printf(p, "<line class=\"grid%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
                            "y2=\"%.1f\"/>", year_start ? " year" : "", x, y_top, x, y_axis + 4);
        if (k == months) continue;  /* the end: a line, no label */
        if (step < 12 && mi % step == 0)
            zhei_export_page_printf(p, "<text x=\"%.1f\" y=\"%.1f\">%ld月</text>", x + 2,
                                    y_axis + 14, m);
        if (year_start && mi % (step < 12 ? 12 : step) == 0)
            zhei_export_page_printf(p, "<text class=\"yr\" x=\"%.1f\" y=\"%.1f\">%ld年</text>",
                                    x + 2, y_axis + (step < 12 ? 28 : 14), y);
    }
}

/* A step for about `want` ticks up to max: 1, 2, 2.5 or 5 times 10^k. */
static double S_nice_step(double max, int want)
{
    double raw = max / want, mag = pow(10, floor(log10(raw))), f = raw / mag;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * mag;
}

/* ------------------------------------------------------------- the events */

int zhei_export_chart_price(const zhei_export_page_event *h)
{
    zhe_buf series = ZHE_BUF_INIT;
    int chip_sale = h->w.dated && zhei_export_price_series(h->e, &series, NULL) && !series.len;
    zhe_buf_clear(&series);
    return chip_sale;
}

/* Is chip one of e's chips? */
static int S_has_chip(const zhei_export_event *e, const char *chip)
{
    for (size_t i = 0; i < e->n_chips; i++)
        if (e->chips[i] && !strcmp(e->chips[i], chip)) return 1;
    return 0;
}

/* qsort: chips by vendor (those without one last), then by name. */
static int S_chip_by_vendor(const void *a, const void *b)
{
    const zhei_export_page_chip *x = a, *y = b;
    int c = strcmp(x->vendor ? x->vendor : "~", y->vendor ? y->vendor : "~");
    return c ? c : strcmp(x->name, y->name);
}

/* qsort: chips by their number of prices, most first, then by name. */
static int S_chip_by_prices(const void *a, const void *b)
{
    const zhei_export_page_chip *x = a, *y = b;
    if (x->n_prices != y->n_prices) return x->n_prices > y->n_prices ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* The hover text of an event's mark (raw text): chip, date, type, money
 * as printed and in yuan, count, source. */
static void S_hover(zhe_buf *t, const zhei_export_page_event *h, const char *chip)
{
    const zhei_export_event *e = h->e;
    if (chip) zhe_buf_printf(t, "%s · ", chip);
    zhei_export_date_text(t, e->timex, e->mod);
    zhe_buf_printf(t, " · %s", zhei_export_type_word(e->type, "事件"));
    if (!chip && e->n_chips) {
        zhe_buf_puts(t, " · ");
        for (size_t i = 0; i < e->n_chips; i++)
            zhe_buf_printf(t, "%s%s", i ? "、" : "", e->chips[i] ? e->chips[i] : "");
    }
    if (!isnan(e->amount)) {
        zhe_buf_putc(t, '\n');
        zhei_export_money(t, e);
        if (!isnan(e->amount_cny) && e->currency && strcmp(e->currency, "CNY") != 0) {
            zhe_buf_puts(t, " ");
            zhei_export_money_cny(t, e);
        }
    }
    if (!isnan(e->quantity)) {
        zhe_buf_putc(t, '\n');
        zhei_export_quantity(t, e);
    }
    if (e->title) zhe_buf_printf(t, "\n《%s》", e->title);
    if (e->published) zhe_buf_printf(t, " %s", e->published);
}

/* ------------------------------------------------------- the price charts */

enum { S_CW = 420, S_CH = 210, S_CL = 50, S_CR = 10, S_CT = 12, S_CB = 40 };

/* One chip's price chart: y from 0 to a round number above its highest
 * yuan value, x the time all charts share. */
static void S_price_chart(zhei_export_page *p, const zhei_export_page_chip *c,
                          const zhei_export_page_event *evs, size_t n,
                          const zhei_export_scale *xs)
{
    double max = 0, lo_all = INFINITY, hi_all = 0;
    for (size_t i = 0; i < n; i++) {
        if (!zhei_export_chart_price(&evs[i]) || !S_has_chip(evs[i].e, c->name)) continue;
        const zhei_export_event *e = evs[i].e;
        double hi = isnan(e->high_cny) ? e->amount_cny : fmax(e->amount_cny, e->high_cny);
        max = fmax(max, hi);
        hi_all = fmax(hi_all, hi);
        lo_all = fmin(lo_all, e->amount_cny);
    }
    if (!(max > 0)) max = 1;
    double step = S_nice_step(max, 4), top = ceil(max / step - 1e-9) * step;
    double plot_h = S_CH - S_CT - S_CB, y_axis = S_CT + plot_h;

    zhe_buf t = ZHE_BUF_INIT;
    zhei_export_page_put(p, "<figure class=\"chart\"><figcaption>");
    zhei_export_page_esc(p, c->name);
    zhei_export_page_put(p, " <small>");
    if (c->vendor) {
        zhei_export_page_esc(p, c->vendor);
        zhei_export_page_put(p, " · ");
    }
    zhei_export_page_printf(p, "%zu 个价格，", c->n_prices);
    zhei_export_cn_range(&t, lo_all, hi_all > lo_all ? hi_all : NAN, 0, "元");
    zhei_export_page_esc_buf(p, &t);
    zhei_export_page_put(p, "</small></figcaption>\n");
    zhei_export_page_printf(p, "<svg class=\"price-chart\" viewBox=\"0 0 %d %d\" role=\"img\" "
                        "data-chip=\"", S_CW, S_CH);
    zhei_export_page_esc(p, c->name);
    zhei_export_page_put(p, "\" aria-label=\"");
    zhei_export_page_esc(p, c->name);
    zhei_export_page_put(p, " 价格（折合人民币）\">");
    /* y: grid lines and yuan labels */
    for (double v = 0; v <= top + step / 2; v += step) {
        double y = y_axis - v / top * plot_h;
        zhe_buf_truncate(&t, 0);
        zhei_export_cn_num(&t, v, 0);
        zhei_export_page_printf(p, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" "
                                   "y2=\"%.1f\"/>", S_CL, y, S_CW - S_CR, y);
        zhei_export_page_put(p, "<text class=\"yl\" x=\"");
        zhei_export_page_printf(p, "%d\" y=\"%.1f\">", S_CL - 6, y + 4);
        zhei_export_page_esc_buf(p, &t);
        zhei_export_page_put(p, "</text>");
    }
    S_time_axis(p, xs, S_CT, y_axis);
    /* the points */
    for (size_t i = 0; i < n; i++) {
        const zhei_export_page_event *h = &evs[i];
        if (!zhei_export_chart_price(h) || !S_has_chip(h->e, c->name)) continue;
        const zhei_export_event *e = h->e;
        double lo = e->amount_cny, hi = isnan(e->high_cny) ? lo : e->high_cny;
        double x0 = S_x(xs, (double)h->w.d0), x1 = S_x(xs, (double)h->w.d1);
        double ylo = y_axis - lo / top * plot_h, yhi = y_axis - hi / top * plot_h;
        double xm = h->w.d1 - h->w.d0 > 1 ? (x0 + x1) / 2 : x0, ym = (ylo + yhi) / 2;
        zhe_buf_truncate(&t, 0);
        S_hover(&t, h, c->name);
        zhei_export_page_printf(p, "\n<a href=\"#e-%zu\" class=\"pt %s\"><title>", h->n,
                                zhei_export_type_class(zhei_export_type_index(e->type)));
        zhei_export_page_esc_buf(p, &t);
        zhei_export_page_put(p, "</title>");
        if (h->w.d1 - h->w.d0 > 1)  /* dated to a week, a month, a quarter …: its span */
            zhei_export_page_printf(p, "<line class=\"rng\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
                                "y2=\"%.1f\"/>", x0, ym, x1, ym);
        if (hi != lo)               /* a range of prices */
            zhei_export_page_printf(p, "<line class=\"rng v\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
                                "y2=\"%.1f\"/>", xm, ylo, xm, yhi);
        S_shape(p, zhei_export_type_index(e->type), xm, ym, 4);
        zhei_export_page_put(p, "</a>");
    }
    zhei_export_page_put(p, "\n</svg></figure>\n");
    zhe_buf_clear(&t);
}

/* ------------------------------------------------------------ the swimlane */

enum { S_SW = 1120, S_SL = 120, S_SR = 16, S_ST = 8, S_LANE = 26, S_SB = 40 };

/* The marks of one lane: the events of chip (NULL: of no chip). */
static void S_lane_marks(zhei_export_page *p, const char *chip, double yc,
                         const zhei_export_page_event *evs, size_t n, const zhei_export_scale *xs)
{
    zhe_buf t = ZHE_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        const zhei_export_page_event *h = &evs[i];
        if (!h->w.dated) continue;
        if (chip ? !S_has_chip(h->e, chip) : h->e->n_chips != 0) continue;
        size_t type = zhei_export_type_index(h->e->type);
        double x0 = S_x(xs, (double)h->w.d0), x1 = S_x(xs, (double)h->w.d1);
        int span = h->w.d1 - h->w.d0 > 1;
        zhe_buf_truncate(&t, 0);
        S_hover(&t, h, chip);
        zhei_export_page_printf(p, "\n<a href=\"#e-%zu\" class=\"%s\"><title>", h->n,
                                zhei_export_type_class(type));
        zhei_export_page_esc_buf(p, &t);
        zhei_export_page_put(p, "</title>");
        if (span)
            zhei_export_page_printf(p, "<rect class=\"span\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                                "height=\"8\" rx=\"3\"/>", x0, yc - 4, fmax(x1 - x0, 1));
        S_shape(p, type, span ? (x0 + x1) / 2 : x0, yc, 5);
        zhei_export_page_put(p, "</a>");
    }
    zhe_buf_clear(&t);
}

/* The swimlane: a band per lane (a chip each, then one for the events of
 * no chip), the time axis, a lane's label and its marks. */
static void S_swimlane(zhei_export_page *p, const zhei_export_page_chip *chips, size_t n_chips,
                       int chipless, const zhei_export_page_event *evs, size_t n,
                       const zhei_export_scale *xs)
{
    size_t lanes = n_chips + (chipless ? 1 : 0);
    double h = S_ST + (double)lanes * S_LANE + S_SB, y_axis = S_ST + (double)lanes * S_LANE;
    zhei_export_page_printf(p, "<svg class=\"swimlane\" viewBox=\"0 0 %d %.0f\" role=\"img\" "
                        "aria-label=\"事件泳道图：每行一个芯片\">", S_SW, h);
    for (size_t l = 0; l < lanes; l++) {
        double top = S_ST + (double)l * S_LANE;
        if (l % 2 == 0)
            zhei_export_page_printf(p, "<rect class=\"band\" x=\"0\" y=\"%.1f\" width=\"%d\" "
                                "height=\"%d\"/>", top, S_SW, S_LANE);
    }
    S_time_axis(p, xs, S_ST, y_axis);
    for (size_t l = 0; l < lanes; l++) {
        double yc = S_ST + (double)l * S_LANE + S_LANE / 2.0;
        const zhei_export_page_chip *c = l < n_chips ? &chips[l] : NULL;
        zhei_export_page_printf(p, "\n<g class=\"lane\"><text class=\"lane-label\" x=\"%d\" "
                                   "y=\"%.1f\">", S_SL - 10, yc + 4);
        if (c) {
            zhei_export_page_esc(p, c->name);
            if (c->vendor) {
                zhei_export_page_put(p, "<title>");
                zhei_export_page_esc(p, c->vendor);
                zhei_export_page_printf(p, " · %zu 个事件</title>", c->n_events);
            }
        } else {
            zhei_export_page_put(p, "无芯片");
        }
        zhei_export_page_put(p, "</text>");
        S_lane_marks(p, c ? c->name : NULL, yc, evs, n, xs);
        zhei_export_page_put(p, "</g>");
    }
    zhei_export_page_put(p, "\n</svg>\n");
}

void zhei_export_svg_legend(zhei_export_page *p, const size_t *by_type)
{
    zhei_export_page_put(p, "<ul class=\"legend\">");
    for (size_t t = 0; t <= ZHEI_EXPORT_N_TYPES; t++) {
        if (t == ZHEI_EXPORT_TYPE_OTHER && !by_type[t]) continue;
        zhei_export_page_printf(p, "<li class=\"%s\"><svg viewBox=\"0 0 14 14\" "
                                   "aria-hidden=\"true\">", zhei_export_type_class(t));
        S_shape(p, t, 7, 7, 5);
        zhei_export_page_printf(p, "</svg>%s</li>", zhei_export_type_zh_at(t));
    }
    zhei_export_page_put(p, "</ul>\n");
}

/* ------------------------------------------------------------ the drivers */

void zhei_export_svg_price_charts(zhei_export_page *p, zhei_export_page_chip *chips, size_t n_chips,
                                  const zhei_export_page_event *evs, size_t n,
                                  zhei_export_scale *xs)
{
    qsort(chips, n_chips, sizeof *chips, S_chip_by_prices);
    xs->x0 = S_CL;
    xs->w = S_CW - S_CL - S_CR;
    for (size_t j = 0; j < n_chips && chips[j].n_prices; j++)
        S_price_chart(p, &chips[j], evs, n, xs);
}

void zhei_export_svg_swimlane(zhei_export_page *p, zhei_export_page_chip *chips, size_t n_chips,
                              int chipless, const zhei_export_page_event *evs, size_t n,
                              zhei_export_scale *xs)
{
    if (n_chips) qsort(chips, n_chips, sizeof *chips, S_chip_by_vendor);
    xs->x0 = S_SL;
    xs->w = S_SW - S_SL - S_SR;
    S_swimlane(p, chips, n_chips, chipless, evs, n, xs);
}
