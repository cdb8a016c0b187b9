/*
** html.c — the timeline as one self-contained HTML page (`zhevents timeline
** --format html`), for a reporter to open from disk, read on a phone or send
** to an editor as one file.
**
** The page, top to bottom:
**   - the title, the filters the events were selected by, how many events
**     there are of each type and the time they span;
**   - a price chart per chip (SVG): every price or launch price that has a
**     yuan value, x the time it is dated to (a bar across the month or the
**     quarter when the date is no more precise), y yuan (a vertical bar for
**     a range like 1.4万–1.6万元); each point's hover text gives its date,
**     the amount as the article printed it and its yuan value;
**   - a swimlane (SVG): a lane per chip, and one for events without a chip,
**     every event a mark whose colour and shape say its type;
**   - the list: every event in time order (undated ones last) with a type
**     badge, its date as precise as it is known (2023年10月17日, 2023年10月,
**     2023年第二季度), its chips, amount and count, the quote with the words
**     the event is about marked, and its source.
**
** The page needs nothing else: no script, no stylesheet or font to fetch
** (the CSS is inline, the fonts are the system's Chinese fonts).  Every
** string taken from the events or the options goes through S_esc (& < > " '
** as entities) — in text, in attributes and in SVG titles alike; only http
** and https URLs become links.  Numbers are formatted here.  The page is
** written to the FILE in pieces of 64 KB as it is built.
*/
#include "export_int.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- writing */

/* The page being written: a buffer flushed to out when it is full.  After
 * the first failed write nothing more is written and failed stays set. */
typedef struct html_page {
    FILE *out;
    zhe_buf b;
    int failed;
    int errnum;     /* errno of the failed write */
} html_page;

enum { S_FLUSH_AT = 64 * 1024 };

static void S_flush(html_page *p)
{
    if (!p->failed && p->b.len) {
        errno = 0;
        if (fwrite(p->b.ptr, 1, p->b.len, p->out) != p->b.len || ferror(p->out)) {
            p->failed = 1;
            p->errnum = errno;
        }
    }
    zhe_buf_truncate(&p->b, 0);
}

static void S_put(html_page *p, const char *s)
{
    zhe_buf_puts(&p->b, s);
    if (p->b.len >= S_FLUSH_AT) S_flush(p);
}

static void S_printf(html_page *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void S_printf(html_page *p, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n < sizeof tmp) {
        S_put(p, tmp);
        return;
    }
    char *big = zhe_xcalloc((size_t)n + 1, 1);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    S_put(p, big);
    zhe_free(big);
}

/* s (may be NULL: nothing) escaped, into the page. */
static void S_esc(html_page *p, const char *s)
{
    if (!s) return;
    zhei_html_escape(&p->b, s, strlen(s));
    if (p->b.len >= S_FLUSH_AT) S_flush(p);
}

/* A piece of text built in a zhe_buf (our own words and the events'
 * strings, raw), escaped into the page. */
static void S_esc_buf(html_page *p, const zhe_buf *t)
{
    if (t->len) zhei_html_escape(&p->b, t->ptr, t->len);
    if (p->b.len >= S_FLUSH_AT) S_flush(p);
}

/* ------------------------------------------------------- event types */

/* What the page shows of each event type (by its zhei_type_index, the
 * last for a type the page does not know): the CSS class that gives its
 * colour, and the shape of its marks. */
typedef enum { S_CIRCLE, S_DIAMOND, S_TRIANGLE, S_SQUARE, S_TRIANGLE_DOWN } html_shape;

static const struct {
    const char *cls;
    html_shape shape;
} S_types[ZHEI_N_TYPES + 1] = {
    {"t-export", S_DIAMOND},        /* export_control */
    {"t-price", S_CIRCLE},          /* price */
    {"t-launch", S_TRIANGLE},       /* launch */
    {"t-shipment", S_SQUARE},       /* shipment */
    {"t-capacity", S_TRIANGLE_DOWN},/* capacity */
    {"t-other", S_CIRCLE},          /* any other */
};

static const char *S_type_cls(size_t t)
{
    return S_types[t].cls;
}

/* An event type's name for the reader: Chinese when known, else the type
 * itself (raw: escape it). */
static const char *S_type_zh(const zhei_export_event *e)
{
    return zhei_type_word(e->type, "事件");
}

/* A mark of type t centred on (x, y), r its half-size in SVG units. */
static void S_shape(html_page *p, size_t t, double x, double y, double r)
{
    html_shape s = S_types[t].shape;
    switch (s) {
    case S_DIAMOND:
        r *= 1.25;
        S_printf(p, "<path class=\"mk\" d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1fZ\"/>", x,
                 y - r, x + r, y, x, y + r, x - r, y);
        break;
    case S_TRIANGLE:
        r *= 1.2;
        S_printf(p, "<path class=\"mk\" d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\"/>", x, y - r,
                 x + r, y + r * 0.75, x - r, y + r * 0.75);
        break;
    case S_TRIANGLE_DOWN:
        r *= 1.2;
        S_printf(p, "<path class=\"mk\" d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\"/>", x, y + r,
                 x + r, y - r * 0.75, x - r, y - r * 0.75);
        break;
    case S_SQUARE:
        r *= 0.9;
        S_printf(p, "<rect class=\"mk\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>",
                 x - r, y - r, 2 * r, 2 * r);
        break;
    default:
        S_printf(p, "<circle class=\"mk\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"/>", x, y, r);
    }
}

/* --------------------------------------------------------------- days */

/* An event as the page places it in time: from its first day d0 up to
 * (not including) d1; dated is 0 when it has no usable date. */
typedef struct html_when {
    int dated;
    long d0, d1;
} html_when;

static html_when S_when(const zhei_export_event *e)
{
    html_when w = {0, 0, 0};
    long a, b;
    if (!zhei_iso_day(e->start, &a)) return w;
    if (!zhei_iso_day(e->end, &b) || b < a) b = a;
    w.dated = 1;
    w.d0 = a;
    w.d1 = b + 1;
    return w;
}

/* ---------------------------------------------------------------- dates */

static void S_date_text(zhe_buf *b, const zhei_export_event *e)
{
    zhei_date_text(b, e->timex, e->mod);
}

/* The same date for a <time datetime=""> (HTML's forms: 2023-10-17,
 * 2023-10, 2023, 2023-W44), written from its digits; "" when HTML has no
 * form for it (a quarter, a half). */
static void S_date_attr(zhe_buf *b, const zhei_export_event *e)
{
    zhei_timex t;
    switch (zhei_timex_read(e->timex, &t)) {
    case ZHEI_P_DAY: zhe_buf_printf(b, "%04d-%02d-%02d", t.year, t.month, t.day); break;
    case ZHEI_P_MONTH: zhe_buf_printf(b, "%04d-%02d", t.year, t.month); break;
    case ZHEI_P_YEAR: zhe_buf_printf(b, "%04d", t.year); break;
    case ZHEI_P_WEEK: zhe_buf_printf(b, "%04d-W%02d", t.year, t.n); break;
    default: break;
    }
}

/* Where the date came from, when not from the sentence itself. */
static const char *S_basis(const char *basis)
{
    if (!basis) return NULL;
    if (!strcmp(basis, "narrative")) return "日期据上文";
    if (!strcmp(basis, "published")) return "日期据发布日期";
    return NULL;
}

/* ------------------------------------------------------------- the axes */

/* A horizontal time scale: days [d0, d1) onto [x0, x0 + w). */
typedef struct html_scale {
    long d0, d1;
    double x0, w;
} html_scale;

static double S_x(const html_scale *s, double day)
{
    return s->x0 + (day - (double)s->d0) * s->w / (double)(s->d1 - s->d0);
}

/*
** The time axis under a plot that runs from y_top to y_axis: a grid line
** at every month tick (a darker one at each new year), month labels on a
** first row (10月, 1月, 4月 …) when there is room for months, year labels
** on a second row (2023年) at each January and at the start.
*/
static void S_time_axis(html_page *p, const html_scale *s, double y_top, double y_axis)
{
    long y0, m0;
    zhei_year_month(s->d0, &y0, &m0);
    long first = y0 * 12 + (m0 - 1), months = 0;
    for (long d = s->d0; d < s->d1; months++) {
        long y = (first + months + 1) / 12, m = (first + months + 1) % 12 + 1;
        d = zhe_days_from_civil(y, m, 1);
    }
    double px_month = s->w / (double)(months ? months : 1);
    static const long steps[] = {1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200};
    long step = 1200;
    for (size_t i = 0; i < ZHE_ARRAY_LEN(steps); i++)
        if (px_month * (double)steps[i] >= 34) {
            step = steps[i];
            break;
        }
    S_printf(p, "<line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", s->x0,
             y_axis, s->x0 + s->w, y_axis);
    for (long k = 0; k <= months; k++) {
        long mi = first + k, y = mi / 12, m = mi % 12 + 1;
        double x = S_x(s, (double)zhe_days_from_civil(y, m, 1));
        int year_start = m == 1;
        /* the start's year, unless the next January is too close */
        if (k == 0 && !year_start && k < months &&
            (double)(12 - (m - 1)) * px_month >= 40)
            S_printf(p, "<text class=\"yr\" x=\"%.1f\" y=\"%.1f\">%ld年</text>", x + 2,
                     y_axis + (step < 12 ? 28 : 14), y);
        if (mi % step != 0 && !(year_start && step < 12)) continue;
        S_printf(p, "<line class=\"grid%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
                 year_start ? " year" : "", x, y_top, x, y_axis + 4);
        if (k == months) continue;  /* the end: a line, no label */
        if (step < 12 && mi % step == 0)
            S_printf(p, "<text x=\"%.1f\" y=\"%.1f\">%ld月</text>", x + 2, y_axis + 14, m);
        if (year_start && mi % (step < 12 ? 12 : step) == 0)
            S_printf(p, "<text class=\"yr\" x=\"%.1f\" y=\"%.1f\">%ld年</text>", x + 2,
                     y_axis + (step < 12 ? 28 : 14), y);
    }
}

/* A step for about `want` ticks up to max: 1, 2, 2.5 or 5 times 10^k. */
static double S_nice_step(double max, int want)
{
    double raw = max / want, mag = pow(10, floor(log10(raw))), f = raw / mag;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * mag;
}

/* ------------------------------------------------------------- the data */

/* An event on the page: its place in the list (id "e-N") and its time. */
typedef struct html_ev {
    const zhei_export_event *e;
    size_t n;               /* 1-based, the list's numbering */
    html_when w;
} html_ev;

/* A chip: its name and vendor (borrowed from an event), the number of
 * its events, and of its prices with a yuan value. */
typedef struct html_chip {
    const char *name, *vendor;
    size_t n_events, n_prices;
} html_chip;

/* Is e a price for the charts: a price or a launch price, with a yuan
 * value and a date? */
static int S_chart_price(const html_ev *h)
{
    const zhei_export_event *e = h->e;
    return h->w.dated && !isnan(e->amount_cny) && e->type &&
           (!strcmp(e->type, "price") || !strcmp(e->type, "launch"));
}

static int S_has_chip(const zhei_export_event *e, const char *chip)
{
    for (size_t i = 0; i < e->n_chips; i++)
        if (e->chips[i] && !strcmp(e->chips[i], chip)) return 1;
    return 0;
}

static int S_chip_by_vendor(const void *a, const void *b)
{
    const html_chip *x = a, *y = b;
    int c = strcmp(x->vendor ? x->vendor : "~", y->vendor ? y->vendor : "~");
    return c ? c : strcmp(x->name, y->name);
}

static int S_chip_by_prices(const void *a, const void *b)
{
    const html_chip *x = a, *y = b;
    if (x->n_prices != y->n_prices) return x->n_prices > y->n_prices ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* The hover text of an event's mark (raw text): chip, date, type, money
 * as printed and in yuan, count, source. */
static void S_hover(zhe_buf *t, const html_ev *h, const char *chip)
{
    const zhei_export_event *e = h->e;
    if (chip) zhe_buf_printf(t, "%s · ", chip);
    S_date_text(t, e);
    zhe_buf_printf(t, " · %s", S_type_zh(e));
    if (!chip && e->n_chips) {
        zhe_buf_puts(t, " · ");
        for (size_t i = 0; i < e->n_chips; i++)
            zhe_buf_printf(t, "%s%s", i ? "、" : "", e->chips[i] ? e->chips[i] : "");
    }
    if (!isnan(e->amount)) {
        zhe_buf_putc(t, '\n');
        zhei_money(t, e);
        if (!isnan(e->amount_cny) && e->currency && strcmp(e->currency, "CNY") != 0) {
            zhe_buf_puts(t, " ");
            zhei_money_cny(t, e);
        }
    }
    if (!isnan(e->quantity)) {
        zhe_buf_putc(t, '\n');
        zhei_quantity(t, e);
    }
    if (e->title) zhe_buf_printf(t, "\n《%s》", e->title);
    if (e->published) zhe_buf_printf(t, " %s", e->published);
}

/* ------------------------------------------------------- the price charts */

enum { S_CW = 420, S_CH = 210, S_CL = 50, S_CR = 10, S_CT = 12, S_CB = 40 };

/* One chip's price chart: y from 0 to a round number above its highest
 * yuan value, x the time all charts share. */
static void S_price_chart(html_page *p, const html_chip *c, const html_ev *evs, size_t n,
                          const html_scale *xs)
{
    double max = 0, lo_all = INFINITY, hi_all = 0;
    for (size_t i = 0; i < n; i++) {
        if (!S_chart_price(&evs[i]) || !S_has_chip(evs[i].e, c->name)) continue;
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
    S_put(p, "<figure class=\"chart\"><figcaption>");
    S_esc(p, c->name);
    S_put(p, " <small>");
    if (c->vendor) {
        S_esc(p, c->vendor);
        S_put(p, " · ");
    }
    S_printf(p, "%zu 个价格，", c->n_prices);
    zhei_cn_range(&t, lo_all, hi_all > lo_all ? hi_all : NAN, 0, "元");
    S_esc_buf(p, &t);
    S_put(p, "</small></figcaption>\n");
    S_printf(p, "<svg class=\"price-chart\" viewBox=\"0 0 %d %d\" role=\"img\" data-chip=\"",
             S_CW, S_CH);
    S_esc(p, c->name);
    S_put(p, "\" aria-label=\"");
    S_esc(p, c->name);
    S_put(p, " 价格（折合人民币）\">");
    /* y: grid lines and yuan labels */
    for (double v = 0; v <= top + step / 2; v += step) {
        double y = y_axis - v / top * plot_h;
        zhe_buf_truncate(&t, 0);
        zhei_cn_num(&t, v, 0);
        S_printf(p, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>", S_CL,
                 y, S_CW - S_CR, y);
        S_put(p, "<text class=\"yl\" x=\"");
        S_printf(p, "%d\" y=\"%.1f\">", S_CL - 6, y + 4);
        S_esc_buf(p, &t);
        S_put(p, "</text>");
    }
    S_time_axis(p, xs, S_CT, y_axis);
    /* the points */
    for (size_t i = 0; i < n; i++) {
        const html_ev *h = &evs[i];
        if (!S_chart_price(h) || !S_has_chip(h->e, c->name)) continue;
        const zhei_export_event *e = h->e;
        double lo = e->amount_cny, hi = isnan(e->high_cny) ? lo : e->high_cny;
        double x0 = S_x(xs, (double)h->w.d0), x1 = S_x(xs, (double)h->w.d1);
        double ylo = y_axis - lo / top * plot_h, yhi = y_axis - hi / top * plot_h;
        double xm = h->w.d1 - h->w.d0 > 1 ? (x0 + x1) / 2 : x0, ym = (ylo + yhi) / 2;
        zhe_buf_truncate(&t, 0);
        S_hover(&t, h, c->name);
        S_printf(p, "\n<a href=\"#e-%zu\" class=\"pt %s\"><title>", h->n,
                 S_type_cls(zhei_type_index(e->type)));
        S_esc_buf(p, &t);
        S_put(p, "</title>");
        if (h->w.d1 - h->w.d0 > 1)  /* dated to a week, a month, a quarter …: its span */
            S_printf(p, "<line class=\"rng\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
                     x0, ym, x1, ym);
        if (hi != lo)               /* a range of prices */
            S_printf(p, "<line class=\"rng v\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
                     xm, ylo, xm, yhi);
        S_shape(p, zhei_type_index(e->type), xm, ym, 4);
        S_put(p, "</a>");
    }
    S_put(p, "\n</svg></figure>\n");
    zhe_buf_clear(&t);
}

/* ------------------------------------------------------------ the swimlane */

enum { S_SW = 1120, S_SL = 120, S_SR = 16, S_ST = 8, S_LANE = 26, S_SB = 40 };

/* The marks of one lane: the events of chip (NULL: of no chip). */
static void S_lane_marks(html_page *p, const char *chip, double yc, const html_ev *evs,
                         size_t n, const html_scale *xs)
{
    zhe_buf t = ZHE_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        const html_ev *h = &evs[i];
        if (!h->w.dated) continue;
        if (chip ? !S_has_chip(h->e, chip) : h->e->n_chips != 0) continue;
        size_t type = zhei_type_index(h->e->type);
        double x0 = S_x(xs, (double)h->w.d0), x1 = S_x(xs, (double)h->w.d1);
        int span = h->w.d1 - h->w.d0 > 1;
        zhe_buf_truncate(&t, 0);
        S_hover(&t, h, chip);
        S_printf(p, "\n<a href=\"#e-%zu\" class=\"%s\"><title>", h->n, S_type_cls(type));
        S_esc_buf(p, &t);
        S_put(p, "</title>");
        if (span)
            S_printf(p, "<rect class=\"span\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"8\" "
                        "rx=\"3\"/>", x0, yc - 4, fmax(x1 - x0, 1));
        S_shape(p, type, span ? (x0 + x1) / 2 : x0, yc, 5);
        S_put(p, "</a>");
    }
    zhe_buf_clear(&t);
}

static void S_swimlane(html_page *p, const html_chip *chips, size_t n_chips, int chipless,
                       const html_ev *evs, size_t n, const html_scale *xs)
{
    size_t lanes = n_chips + (chipless ? 1 : 0);
    double h = S_ST + (double)lanes * S_LANE + S_SB, y_axis = S_ST + (double)lanes * S_LANE;
    S_printf(p, "<svg class=\"swimlane\" viewBox=\"0 0 %d %.0f\" role=\"img\" "
                "aria-label=\"事件泳道图：每行一个芯片\">", S_SW, h);
    for (size_t l = 0; l < lanes; l++) {
        double top = S_ST + (double)l * S_LANE;
        if (l % 2 == 0)
            S_printf(p, "<rect class=\"band\" x=\"0\" y=\"%.1f\" width=\"%d\" height=\"%d\"/>",
                     top, S_SW, S_LANE);
    }
    S_time_axis(p, xs, S_ST, y_axis);
    for (size_t l = 0; l < lanes; l++) {
        double yc = S_ST + (double)l * S_LANE + S_LANE / 2.0;
        const html_chip *c = l < n_chips ? &chips[l] : NULL;
        S_printf(p, "\n<g class=\"lane\"><text class=\"lane-label\" x=\"%d\" y=\"%.1f\">",
                 S_SL - 10, yc + 4);
        if (c) {
            S_esc(p, c->name);
            if (c->vendor) {
                S_put(p, "<title>");
                S_esc(p, c->vendor);
                S_printf(p, " · %zu 个事件</title>", c->n_events);
            }
        } else {
            S_put(p, "无芯片");
        }
        S_put(p, "</text>");
        S_lane_marks(p, c ? c->name : NULL, yc, evs, n, xs);
        S_put(p, "</g>");
    }
    S_put(p, "\n</svg>\n");
}

/* The legend of types: a mark and a name each. */
static void S_legend(html_page *p, const size_t *by_type)
{
    S_put(p, "<ul class=\"legend\">");
    for (size_t t = 0; t <= ZHEI_N_TYPES; t++) {
        if (t == ZHEI_TYPE_OTHER && !by_type[t]) continue;
        S_printf(p, "<li class=\"%s\"><svg viewBox=\"0 0 14 14\" aria-hidden=\"true\">",
                 S_type_cls(t));
        S_shape(p, t, 7, 7, 5);
        S_printf(p, "</svg>%s</li>", zhei_type_zh_at(t));
    }
    S_put(p, "</ul>\n");
}

/* ---------------------------------------------------------------- the list */

/* Byte offsets b0..b1 in q of code points ms..me; 0 when the span is empty
 * or runs past the end.  The offsets fall between whole sequences. */
static int S_mark_bytes(const char *q, size_t ms, size_t me, size_t *b0, size_t *b1)
{
    if (me <= ms) return 0;
    size_t len = strlen(q), i = 0, cp = 0;
    int seen = 0;
    for (;;) {
        if (cp == ms) *b0 = i, seen = 1;
        if (cp == me) {
            *b1 = i;
            return seen;
        }
        if (i >= len) return 0;
        uint32_t c;
        i += zhe_utf8_decode(q + i, len - i, &c);
        cp++;
    }
}

/* The quote with the words the event is about in <mark>. */
static void S_quote(html_page *p, const zhei_export_event *e)
{
    const char *q = e->quote;
    size_t b0, b1;
    S_put(p, "<blockquote>");
    if (S_mark_bytes(q, e->mark_start, e->mark_end, &b0, &b1)) {
        zhei_html_escape(&p->b, q, b0);
        S_put(p, "<mark>");
        zhei_html_escape(&p->b, q + b0, b1 - b0);
        S_put(p, "</mark>");
        S_esc(p, q + b1);
    } else {
        S_esc(p, q);
    }
    S_put(p, "</blockquote>");
}

/* Its source: the title linked to the URL (a web one), the publication
 * date, the article's id when there is no URL, the confidence. */
static void S_source(html_page *p, const zhei_export_event *e)
{
    S_put(p, "<p class=\"src\">来源：");
    const char *label = e->title ? e->title : e->url ? e->url : e->article;
    if (zhei_web_url(e->url)) {
        S_put(p, "<a href=\"");
        S_esc(p, e->url);
        S_put(p, "\" rel=\"noopener noreferrer\">");
        S_esc(p, label);
        S_put(p, "</a>");
    } else {
        S_put(p, "<cite>");
        S_esc(p, label ? label : "（无标题）");
        S_put(p, "</cite>");
        if (e->url && label != e->url) {
            S_put(p, " <span class=\"url\">");
            S_esc(p, e->url);
            S_put(p, "</span>");
        }
    }
    if (e->published) {
        S_put(p, " · 发布于 ");
        S_esc(p, e->published);
    }
    if (!e->url && e->article && label != e->article) {
        S_put(p, " · <span class=\"url\">");
        S_esc(p, e->article);
        S_put(p, "</span>");
    }
    if (!isnan(e->confidence)) S_printf(p, " · 置信度 %.2f", e->confidence);
    S_put(p, "</p>");
}

static void S_item(html_page *p, const html_ev *h)
{
    const zhei_export_event *e = h->e;
    zhe_buf t = ZHE_BUF_INIT;
    S_printf(p, "<li class=\"event %s\" id=\"e-%zu\"><div class=\"when\">",
             S_type_cls(zhei_type_index(e->type)), h->n);
    S_date_attr(&t, e);
    int timed = t.len > 0;
    if (timed) {
        S_put(p, "<time datetime=\"");
        S_esc_buf(p, &t);
        S_put(p, "\">");
    }
    zhe_buf_truncate(&t, 0);
    S_date_text(&t, e);
    S_esc_buf(p, &t);
    if (timed) S_put(p, "</time>");
    const char *basis = S_basis(e->basis);
    if (basis) S_printf(p, "<small>%s</small>", basis);
    S_put(p, "</div><div class=\"what\"><p class=\"head\"><span class=\"badge\">");
    S_esc(p, S_type_zh(e));
    S_put(p, "</span>");
    if (e->n_chips) {
        S_put(p, "<span class=\"chips\">");
        for (size_t i = 0; i < e->n_chips; i++) {
            if (i) S_put(p, "、");
            S_esc(p, e->chips[i]);
        }
        S_put(p, "</span>");
    }
    if (!isnan(e->amount)) {
        zhe_buf_truncate(&t, 0);
        zhei_money(&t, e);
        S_put(p, " <span class=\"money\">");
        S_esc_buf(p, &t);
        S_put(p, "</span>");
        zhe_buf_truncate(&t, 0);
        zhei_money_cny(&t, e);
        if (t.len) {
            S_put(p, " <span class=\"cny\">");
            S_esc_buf(p, &t);
            S_put(p, "</span>");
        }
    }
    if (!isnan(e->quantity)) {
        zhe_buf_truncate(&t, 0);
        zhei_quantity(&t, e);
        S_put(p, " <span class=\"qty\">数量 ");
        S_esc_buf(p, &t);
        S_put(p, "</span>");
    }
    S_put(p, "</p>");
    if (e->quote) S_quote(p, e);
    S_source(p, e);
    S_put(p, "</div></li>\n");
    zhe_buf_clear(&t);
}

/* ------------------------------------------------------------ the page */

static const char S_css[] =
    ":root{--ink:#1d2330;--muted:#5b6475;--line:#dde2ea;--panel:#f6f7f9;--c:#6b7280}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;background:#fff;color:var(--ink);font:15px/1.7 -apple-system,"
    "BlinkMacSystemFont,\"PingFang SC\",\"Hiragino Sans GB\",\"Noto Sans CJK SC\","
    "\"Source Han Sans SC\",\"Microsoft YaHei\",\"WenQuanYi Micro Hei\",sans-serif}\n"
    "main{max-width:1180px;margin:0 auto;padding:28px 20px 48px}\n"
    "h1{font-size:26px;line-height:1.35;margin:0 0 8px}\n"
    "h2{font-size:19px;margin:36px 0 12px;padding-bottom:4px;border-bottom:1px solid var(--line)}\n"
    ".meta{margin:2px 0;color:var(--muted)}\n"
    "nav{margin-top:10px}nav a{margin-right:16px}\n"
    "a{color:#1f5fa8}\n"
    ".note{color:var(--muted);font-size:13px}\n"
    ".t-export{--c:#c0392b}.t-price{--c:#1f6fb2}.t-launch{--c:#2e8b57}"
    ".t-shipment{--c:#d9822b}.t-capacity{--c:#7b4fa0}.t-other{--c:#6b7280}\n"
    ".charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:16px}\n"
    "figure{margin:0;padding:10px 12px 6px;background:var(--panel);border:1px solid var(--line);"
    "border-radius:8px}\n"
    "figcaption{font-weight:600}figcaption small{font-weight:400;color:var(--muted);"
    "margin-left:6px}\n"
    "svg{display:block;width:100%;height:auto;overflow:visible}\n"
    "svg text{font-size:11px;fill:var(--muted)}svg text.yr{fill:var(--ink)}\n"
    "svg text.yl,svg text.lane-label{text-anchor:end}svg text.lane-label{font-size:12px;"
    "fill:var(--ink)}\n"
    "svg .grid{stroke:var(--line)}svg .grid.year{stroke:#b3bccb}svg .axis{stroke:#8a93a3}\n"
    "svg .band{fill:var(--panel)}\n"
    "svg .mk{fill:var(--c);stroke:#fff;stroke-width:1}\n"
    "svg .rng{stroke:var(--c);stroke-width:2;opacity:.55}svg .rng.v{stroke-width:3}\n"
    "svg .span{fill:var(--c);opacity:.22}\n"
    "svg a:hover .mk,svg a:focus .mk{stroke:var(--ink);stroke-width:2}\n"
    ".legend{list-style:none;margin:0 0 8px;padding:0;display:flex;flex-wrap:wrap;"
    "gap:4px 18px;color:var(--muted)}\n"
    ".legend svg{display:inline-block;width:14px;height:14px;margin-right:4px;"
    "vertical-align:-2px}\n"
    ".lanes{overflow-x:auto}\n"
    "ol.events{list-style:none;margin:0;padding:0}\n"
    ".event{display:grid;grid-template-columns:10.5em 1fr;gap:2px 18px;padding:12px 4px;"
    "border-bottom:1px solid var(--line)}\n"
    ".event:target{background:#fff8d9}\n"
    ".when{font-weight:600;font-variant-numeric:tabular-nums}"
    ".when small{display:block;font-weight:400;color:var(--muted)}\n"
    ".head{margin:0}.badge{display:inline-block;margin-right:8px;padding:0 9px;"
    "border-radius:10px;background:var(--c);color:#fff;font-size:12px;line-height:21px;"
    "vertical-align:1px}\n"
    ".chips{font-weight:600}.money{font-weight:600;margin-left:6px}.cny,.qty{color:var(--muted);"
    "margin-left:6px}\n"
    "blockquote{margin:6px 0;padding:1px 0 1px 12px;border-left:3px solid var(--c);"
    "color:#2b3342}\n"
    "mark{background:#ffe17a;border-radius:2px;padding:0 1px}\n"
    ".src{margin:0;color:var(--muted);font-size:13px}.src cite{font-style:normal}"
    ".url{word-break:break-all}\n"
    "footer{margin-top:32px;color:var(--muted);font-size:13px}\n"
    "@media (max-width:640px){.event{grid-template-columns:1fr}"
    ".charts{grid-template-columns:1fr}}\n"
    "@media print{.event,figure{break-inside:avoid}}\n";

/* The header: title, filters, counts by type, the time the events span. */
static void S_header(html_page *p, const char *title, const zhe_export_options *opt,
                     const size_t *by_type, size_t n, size_t undated, const html_scale *all)
{
    S_put(p, "<header><h1>");
    S_esc(p, title);
    S_put(p, "</h1>\n");
    if (opt && opt->filters) {
        S_put(p, "<p class=\"meta filters\">筛选：");
        S_esc(p, opt->filters);
        S_put(p, "</p>\n");
    }
    S_printf(p, "<p class=\"meta count\">共 <strong>%zu</strong> 个事件", n);
    int first = 1;
    for (size_t t = 0; t <= ZHEI_N_TYPES; t++) {
        if (!by_type[t]) continue;
        S_printf(p, "%s%s %zu", first ? "：" : " · ", zhei_type_zh_at(t),
                 by_type[t]);
        first = 0;
    }
    S_put(p, "</p>\n");
    if (all) {
        long y0, m0, y1, m1;
        zhei_year_month(all->d0, &y0, &m0);
        zhei_year_month(all->d1 - 1, &y1, &m1);
        S_printf(p, "<p class=\"meta span\">时间：%ld年%ld月 至 %ld年%ld月", y0, m0, y1, m1);
        if (undated) S_printf(p, "；另有 %zu 个事件日期不详", undated);
        S_put(p, "</p>\n");
    }
    S_put(p, "<nav><a href=\"#prices\">价格图</a><a href=\"#lanes\">泳道图</a>"
             "<a href=\"#events\">事件列表</a></nav></header>\n");
}

zhe_status zhe_export_html(FILE *out, const zhe_export_options *opt, const zhei_export_event *v,
                           size_t n, zhe_error *err)
{
    html_page page = {out, ZHE_BUF_INIT, 0, 0};
    html_page *p = &page;
    const char *title = opt && opt->title ? opt->title : "芯片事件时间线 · zhevents";

    /* the events, their time, and the spans of all events and of prices */
    html_ev *evs = n ? ZHE_NEW_ARRAY(html_ev, n) : NULL;
    size_t by_type[ZHEI_N_TYPES + 1] = {0}, undated = 0;
    html_scale all = {0, 0, 0, 0}, prices = {0, 0, 0, 0};
    int any_dated = 0, any_price = 0, chipless = 0;
    html_chip *chips = NULL;
    size_t n_chips = 0, cap_chips = 0;
    for (size_t i = 0; i < n; i++) {
        html_ev *h = &evs[i];
        h->e = &v[i];
        h->n = i + 1;
        h->w = S_when(h->e);
        by_type[zhei_type_index(h->e->type)]++;
        if (!h->w.dated) {
            undated++;
            continue;
        }
        if (!any_dated || h->w.d0 < all.d0) all.d0 = h->w.d0;
        if (!any_dated || h->w.d1 > all.d1) all.d1 = h->w.d1;
        any_dated = 1;
        int priced = S_chart_price(h);
        if (priced) {
            if (!any_price || h->w.d0 < prices.d0) prices.d0 = h->w.d0;
            if (!any_price || h->w.d1 > prices.d1) prices.d1 = h->w.d1;
            any_price = 1;
        }
        if (!h->e->n_chips) chipless = 1;
        for (size_t k = 0; k < h->e->n_chips; k++) {
            const char *name = h->e->chips[k];
            if (!name) continue;
            size_t j = 0;
            while (j < n_chips && strcmp(chips[j].name, name) != 0) j++;
            if (j == n_chips) {
                ZHE_GROW(&chips, &cap_chips, n_chips + 1);
                chips[n_chips++] = (html_chip){name, h->e->vendors[k], 0, 0};
            }
            chips[j].n_events++;
            if (priced) chips[j].n_prices++;
        }
    }
    /* time runs from the first of a month to the first of a month */
    all.d0 = zhei_month_floor(all.d0);
    all.d1 = zhei_month_ceil(all.d1);
    prices.d0 = zhei_month_floor(prices.d0);
    prices.d1 = zhei_month_ceil(prices.d1);

    S_put(p, "<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
             "<meta name=\"generator\" content=\"zhevents\">\n<title>");
    S_esc(p, title);
    S_put(p, "</title>\n<style>\n");
    S_put(p, S_css);
    S_put(p, "</style>\n</head>\n<body>\n<main>\n");
    S_header(p, title, opt, by_type, n, undated, any_dated ? &all : NULL);

    /* the price charts, the chips with most prices first */
    S_put(p, "<section id=\"prices\"><h2>价格（折合人民币）</h2>\n");
    if (any_price) {
        S_put(p, "<p class=\"note\">每个点是一则报道里的价格（含发布价），按报道所说的时间放置："
                 "横线是只知道月份、季度等的时间范围，竖线是价格区间。外币按当月汇率"
                 "（lexicons/rates.tsv）折算，仅供参考，发表前请核对。</p>\n"
                 "<div class=\"charts\">\n");
        qsort(chips, n_chips, sizeof *chips, S_chip_by_prices);
        prices.x0 = S_CL;
        prices.w = S_CW - S_CL - S_CR;
        for (size_t j = 0; j < n_chips && chips[j].n_prices; j++)
            S_price_chart(p, &chips[j], evs, n, &prices);
        S_put(p, "</div>\n");
    } else {
        S_put(p, "<p class=\"note\">没有可以折合人民币的价格。</p>\n");
    }
    S_put(p, "</section>\n");

    /* the swimlane, chips grouped by vendor */
    S_put(p, "<section id=\"lanes\"><h2>事件泳道</h2>\n");
    S_legend(p, by_type);
    if (any_dated) {
        if (n_chips) qsort(chips, n_chips, sizeof *chips, S_chip_by_vendor);
        all.x0 = S_SL;
        all.w = S_SW - S_SL - S_SR;
        S_put(p, "<div class=\"lanes\">");
        S_swimlane(p, chips, n_chips, chipless, evs, n, &all);
        S_put(p, "</div>\n");
        if (undated) S_printf(p, "<p class=\"note\">另有 %zu 个事件日期不详，见列表末尾。</p>\n",
                              undated);
    } else {
        S_put(p, "<p class=\"note\">没有注明日期的事件。</p>\n");
    }
    S_put(p, "</section>\n");

    /* the list */
    S_put(p, "<section id=\"events\"><h2>事件列表</h2>\n");
    if (!n) S_put(p, "<p class=\"note\">没有符合条件的事件。</p>\n");
    S_put(p, "<ol class=\"events\">\n");
    for (size_t i = 0; i < n; i++) S_item(p, &evs[i]);
    S_put(p, "</ol>\n</section>\n");
    S_put(p, "<footer>由 zhevents 从新闻报道中自动抽取生成；每个事件都附有原文，"
             "引用前请核对原报道。</footer>\n</main>\n</body>\n</html>\n");

    S_flush(p);
    if (!p->failed && fflush(out) != 0) {
        p->failed = 1;
        p->errnum = errno;
    }
    zhe_buf_clear(&page.b);
    zhe_free(chips);
    zhe_free(evs);
    if (p->failed)
        return zhe_error_set(err, ZHE_ERR_IO, NULL, 0, UINT64_MAX,
                             "cannot write the HTML page: %s",
                             p->errnum ? strerror(p->errnum) : "write error");
    return ZHE_OK;
}
