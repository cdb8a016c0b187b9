/*
** html.c — the timeline as one self-contained HTML page (`zhevents timeline
** --format html`), for a reporter to open from disk, read on a phone or send
** to an editor as one file.
**
** The page, top to bottom:
**   - the title, the filters the events were selected by, how many events
**     there are of each type and the time they span;
**   - a price chart per chip (svg.c's);
**   - a swimlane of the events by chip and type, with its legend (svg.c's);
**   - the list: every event in time order (undated ones last) with a type
**     badge, its date as precise as it is known (2023年10月17日, 2023年10月,
**     2023年第二季度), its chips, amount and count, the quote with the words
**     the event is about marked, and its source.
** This file places every event in time, counts the types and the chips
** and writes the page around the charts: the head with its inline CSS, the
** header, the list and the footer.
**
** The page needs nothing else: no script, no stylesheet or font to fetch
** (the CSS is inline, the fonts are the system's Chinese fonts).  Every
** string taken from the events or the options goes through zhei_export_page_esc
** (& < > " ' as entities) — in text, in attributes and in SVG titles
** alike; only http and https URLs become links.  The page is written to
** the FILE in pieces of 64 KB as it is built (page.c).
*/
#include "export_int.h"

#include <errno.h>
#include <math.h>
#include <string.h>

/* ----------------------------------------------------------------- time */

/* An event as the page places it in time: from its start to its end
 * (its start when the end is missing or earlier); not dated when its
 * start is no day. */
static zhei_export_when S_when(const zhei_export_event *e)
{
    zhei_export_when w = {0, 0, 0};
    long a, b;
    if (!zhei_export_iso_day(e->start, &a)) return w;
    if (!zhei_export_iso_day(e->end, &b) || b < a) b = a;
    w.dated = 1;
    w.d0 = a;
    w.d1 = b + 1;
    return w;
}

/* ---------------------------------------------------------------- dates */

/* The same date for a <time datetime=""> (HTML's forms: 2023-10-17,
 * 2023-10, 2023, 2023-W44), written from its digits; "" when HTML has no
 * form for it (a quarter, a half). */
static void S_date_attr(zhe_buf *b, const zhei_export_event *e)
{
    zhei_export_timex t;
    switch (zhei_export_timex_read(e->timex, &t)) {
    case ZHEI_EXPORT_P_DAY: zhe_buf_printf(b, "%04d-%02d-%02d", t.year, t.month, t.day); break;
    case ZHEI_EXPORT_P_MONTH: zhe_buf_printf(b, "%04d-%02d", t.year, t.month); break;
    case ZHEI_EXPORT_P_YEAR: zhe_buf_printf(b, "%04d", t.year); break;
    case ZHEI_EXPORT_P_WEEK:
        zhe_buf_printf(b, "%04d-W%02d%s", t.year, t.n, t.weekend ? "-WE" : "");
        break;
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
static void S_quote(zhei_export_page *p, const zhei_export_event *e)
{
    const char *q = e->quote;
    size_t b0, b1;
    zhei_export_page_put(p, "<blockquote>");
    if (S_mark_bytes(q, e->mark_start, e->mark_end, &b0, &b1)) {
        zhei_export_html_escape(&p->b, q, b0);
        zhei_export_page_put(p, "<mark>");
        zhei_export_html_escape(&p->b, q + b0, b1 - b0);
        zhei_export_page_put(p, "</mark>");
        zhei_export_page_esc(p, q + b1);
    } else {
        zhei_export_page_esc(p, q);
    }
    zhei_export_page_put(p, "</blockquote>");
}

/* Its source: the outlet, the title linked to the URL (a web one), the
 * publication date; with internal, also the article's id when there is
 * no URL (a file path, often) and the linker's confidence, which the
 * public page does not show. */
static void S_source(zhei_export_page *p, const zhei_export_event *e, int internal)
{
    zhei_export_page_put(p, "<p class=\"src\">");
    if (e->outlet) {
        zhei_export_page_put(p, "来源：");
        zhei_export_page_esc(p, e->outlet);
        zhei_export_page_put(p, " · ");
    }
    const char *label = e->title ? e->title : e->url ? e->url : internal ? e->article : NULL;
    if (zhei_export_web_url(e->url)) {
        zhei_export_page_put(p, "<a href=\"");
        zhei_export_page_esc(p, e->url);
        zhei_export_page_put(p, "\" rel=\"noopener noreferrer\">");
        zhei_export_page_esc(p, label);
        zhei_export_page_put(p, "</a>");
    } else {
        zhei_export_page_put(p, "<cite>");
        zhei_export_page_esc(p, label ? label : "（无标题）");
        zhei_export_page_put(p, "</cite>");
        if (e->url && label != e->url) {
            zhei_export_page_put(p, " <span class=\"url\">");
            zhei_export_page_esc(p, e->url);
            zhei_export_page_put(p, "</span>");
        }
    }
    if (e->published) {
        zhei_export_page_put(p, " · 发布于 ");
        zhei_export_page_esc(p, e->published);
    }
    if (internal && !e->url && e->article && label != e->article) {
        zhei_export_page_put(p, " · <span class=\"url\">");
        zhei_export_page_esc(p, e->article);
        zhei_export_page_put(p, "</span>");
    }
    if (internal && !isnan(e->confidence))
        zhei_export_page_printf(p, " · 置信度 %.2f", e->confidence);
    zhei_export_page_put(p, "</p>");
}

/* One event of the list, <li id="e-N">: its date (in <time> when HTML has
 * a form for it) and where the date came from; its type, chips, money
 * and count; its quote and its source. */
static void S_item(zhei_export_page *p, const zhei_export_page_event *h, int internal)
{
    const zhei_export_event *e = h->e;
    zhe_buf t = ZHE_BUF_INIT;
    zhei_export_page_printf(p, "<li class=\"event %s\" id=\"e-%zu\"><div class=\"when\">",
                            zhei_export_type_class(zhei_export_type_index(e->type)), h->n);
    S_date_attr(&t, e);
    int timed = t.len > 0;
    if (timed) {
        zhei_export_page_put(p, "<time datetime=\"");
        zhei_export_page_esc_buf(p, &t);
        zhei_export_page_put(p, "\">");
    }
    zhe_buf_truncate(&t, 0);
    zhei_export_date_text(&t, e->timex, e->mod);
    zhei_export_page_esc_buf(p, &t);
    if (timed) zhei_export_page_put(p, "</time>");
    const char *basis = S_basis(e->basis);
    if (basis) zhei_export_page_printf(p, "<small>%s</small>", basis);
    zhei_export_page_put(p, "</div><div class=\"what\"><p class=\"head\"><span class=\"badge\">");
    zhei_export_page_esc(p, zhei_export_type_word(e->type, "事件"));
    zhei_export_page_put(p, "</span>");
    if (e->n_chips) {
        zhei_export_page_put(p, "<span class=\"chips\">");
        for (size_t i = 0; i < e->n_chips; i++) {
            if (i) zhei_export_page_put(p, "、");
            zhei_export_page_esc(p, e->chips[i]);
        }
        zhei_export_page_put(p, "</span>");
    }
    if (!isnan(e->amount)) {
        zhe_buf_truncate(&t, 0);
        zhei_export_money(&t, e);
        zhei_export_page_put(p, " <span class=\"money\">");
        zhei_export_page_esc_buf(p, &t);
        zhei_export_page_put(p, "</span>");
        zhe_buf_truncate(&t, 0);
        zhei_export_money_cny(&t, e);
        if (t.len) {
            zhei_export_page_put(p, " <span class=\"cny\">");
            zhei_export_page_esc_buf(p, &t);
            zhei_export_page_put(p, "</span>");
        }
    }
    if (!isnan(e->quantity)) {
        zhe_buf_truncate(&t, 0);
        zhei_export_quantity(&t, e);
        zhei_export_page_put(p, " <span class=\"qty\">数量 ");
        zhei_export_page_esc_buf(p, &t);
        zhei_export_page_put(p, "</span>");
    }
    zhe_buf_truncate(&t, 0);
    zhe_stored_event row;
    zhei_export_event_view(e, &row);
    zhei_export_means(&t, &row);
    if (t.len) {
        zhei_export_page_put(p, " <span class=\"means\">");
        zhei_export_page_esc_buf(p, &t);
        zhei_export_page_put(p, "</span>");
    }
    if (e->sources > 1) zhei_export_page_printf(p, " <span class=\"means\">%zu 篇报道</span>", e->sources);
    zhei_export_page_put(p, "</p>");
    if (e->quote) S_quote(p, e);
    S_source(p, e, internal);
    zhei_export_page_put(p, "</div></li>\n");
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
    ".chips{font-weight:600}.money{font-weight:600;margin-left:6px}.cny,.qty,.means{color:var(--muted);"
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
static void S_header(zhei_export_page *p, const char *title, const zhe_export_options *opt,
                     const size_t *by_type, size_t n, size_t undated, const zhei_export_scale *all)
{
    zhei_export_page_put(p, "<header><h1>");
    zhei_export_page_esc(p, title);
    zhei_export_page_put(p, "</h1>\n");
    if (opt->filters) {
        zhei_export_page_put(p, "<p class=\"meta filters\">筛选：");
        zhei_export_page_esc(p, opt->filters);
        zhei_export_page_put(p, "</p>\n");
    }
    zhei_export_page_printf(p, "<p class=\"meta count\">共 <strong>%zu</strong> 个事件", n);
    int first = 1;
    for (size_t t = 0; t <= ZHEI_EXPORT_N_TYPES; t++) {
        if (!by_type[t]) continue;
        zhei_export_page_printf(p, "%s%s %zu", first ? "：" : " · ", zhei_export_type_zh_at(t),
                                by_type[t]);
        first = 0;
    }
    zhei_export_page_put(p, "</p>\n");
    if (all) {
        long y0, m0, y1, m1;
        zhei_export_year_month(all->d0, &y0, &m0);
        zhei_export_year_month(all->d1 - 1, &y1, &m1);
        zhei_export_page_printf(p, "<p class=\"meta span\">时间：%ld年%ld月 至 %ld年%ld月", y0, m0,
                                y1, m1);
        if (undated) zhei_export_page_printf(p, "；另有 %zu 个事件日期不详", undated);
        zhei_export_page_put(p, "</p>\n");
    }
    zhei_export_page_put(p, "<nav><a href=\"#prices\">价格图</a><a href=\"#lanes\">泳道图</a>"
                     "<a href=\"#events\">事件列表</a></nav></header>\n");
}

/* The page, at the end, from the kept events (in time order, as the query
 * gives them).  A failed write is ZHE_ERR_IO with the system's reason. */
static zhe_status S_finish(zhei_export_run *r, zhe_error *err)
{
    FILE *out = r->out;
    const zhe_export_options *opt = &r->opt;
    const zhei_export_event *v = r->kept;
    size_t n = r->n_kept;
    zhei_export_page page = {out, ZHE_BUF_INIT, 0, 0};
    zhei_export_page *p = &page;
    const char *title = opt->title;

    /* the events, their time, and the spans of all events and of prices */
    zhei_export_page_event *evs = n ? ZHEI_NEW_ARRAY(zhei_export_page_event, n) : NULL;
    size_t by_type[ZHEI_EXPORT_N_TYPES + 1] = {0}, undated = 0;
    zhei_export_scale all = {0, 0, 0, 0}, prices = {0, 0, 0, 0};
    int any_dated = 0, any_price = 0, chipless = 0;
    zhei_export_page_chip *chips = NULL;
    size_t n_chips = 0, cap_chips = 0;
    for (size_t i = 0; i < n; i++) {
        zhei_export_page_event *h = &evs[i];
        h->e = &v[i];
        h->n = i + 1;
        h->w = S_when(h->e);
        by_type[zhei_export_type_index(h->e->type)]++;
        if (!h->w.dated) {
            undated++;
            continue;
        }
        if (!any_dated || h->w.d0 < all.d0) all.d0 = h->w.d0;
        if (!any_dated || h->w.d1 > all.d1) all.d1 = h->w.d1;
        any_dated = 1;
        int priced = zhei_export_chart_price(h);
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
                ZHEI_GROW(&chips, &cap_chips, n_chips + 1);
                chips[n_chips++] = (zhei_export_page_chip){name, h->e->vendors[k], 0, 0};
            }
            chips[j].n_events++;
            if (priced) chips[j].n_prices++;
        }
    }
    /* time runs from the first of a month to the first of a month */
    all.d0 = zhei_export_month_floor(all.d0);
    all.d1 = zhei_export_month_ceil(all.d1);
    prices.d0 = zhei_export_month_floor(prices.d0);
    prices.d1 = zhei_export_month_ceil(prices.d1);

    zhei_export_page_put(p, "<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n"
                            "<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                     "<meta name=\"generator\" content=\"zhevents\">\n<title>");
    zhei_export_page_esc(p, title);
    zhei_export_page_put(p, "</title>\n<style>\n");
    zhei_export_page_put(p, S_css);
    zhei_export_page_put(p, "</style>\n</head>\n<body>\n<main>\n");
    S_header(p, title, opt, by_type, n, undated, any_dated ? &all : NULL);

    /* the price charts, the chips with most prices first */
    zhei_export_page_put(p, "<section id=\"prices\"><h2>价格（折合人民币）</h2>\n");
    if (any_price) {
        zhei_export_page_put(p, "<p class=\"note\">每个点是一则报道里的价格（含发布价），"
                         "按报道所说的时间放置："
                         "横线是只知道月份、季度等的时间范围，竖线是价格区间。外币按当月汇率"
                         "（lexicons/rates.tsv）折算，仅供参考，发表前请核对。</p>\n"
                         "<div class=\"charts\">\n");
        zhei_export_svg_price_charts(p, chips, n_chips, evs, n, &prices);
        zhei_export_page_put(p, "</div>\n");
    } else {
        zhei_export_page_put(p, "<p class=\"note\">没有可以折合人民币的价格。</p>\n");
    }
    zhei_export_page_put(p, "</section>\n");

    /* the swimlane, chips grouped by vendor */
    zhei_export_page_put(p, "<section id=\"lanes\"><h2>事件泳道</h2>\n");
    zhei_export_svg_legend(p, by_type);
    if (any_dated) {
        zhei_export_page_put(p, "<div class=\"lanes\">");
        zhei_export_svg_swimlane(p, chips, n_chips, chipless, evs, n, &all);
        zhei_export_page_put(p, "</div>\n");
        if (undated)
            zhei_export_page_printf(p, "<p class=\"note\">另有 %zu 个事件日期不详，"
                                       "见列表末尾。</p>\n", undated);
    } else {
        zhei_export_page_put(p, "<p class=\"note\">没有注明日期的事件。</p>\n");
    }
    zhei_export_page_put(p, "</section>\n");

    /* the list */
    zhei_export_page_put(p, "<section id=\"events\"><h2>事件列表</h2>\n");
    if (!n) zhei_export_page_put(p, "<p class=\"note\">没有符合条件的事件。</p>\n");
    zhei_export_page_put(p, "<ol class=\"events\">\n");
    for (size_t i = 0; i < n; i++) S_item(p, &evs[i], r->opt.internal);
    zhei_export_page_put(p, "</ol>\n</section>\n");
    zhei_export_page_put(p, "<footer>由 zhevents 从新闻报道中自动抽取生成；每个事件都附有原文，"
                     "引用前请核对原报道。</footer>\n</main>\n</body>\n</html>\n");

    zhei_export_page_flush(p);
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

const zhei_export_format zhei_export_format_html = {
    .name = "html",
    .keeps = 1,
    .finish = S_finish,
};
