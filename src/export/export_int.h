/*
** export_int.h — what the files of src/export/ share; never installed.
** Names shared between the files start with zhei_export_: zhei_ alone is
** every module's (base's calendar names its timex zhei_timex).  Each file
** uses only files listed above it here (timelinejs.c also json.c's
** writer):
**
**   event.c        the kept copy of a store row (zhei_export_event)
**   escape.c       text made safe for HTML, CSV and Markdown
**   dates.c        the one place timexes and ISO days are read
**   wording.c      what the formats say in Chinese, and their numbers
**   page.c         the HTML page's writer, for html.c and svg.c
**   svg.c          the page's charts
**   csv.c, json.c, timelinejs.c, flourish.c, prices.c, md.c, html.c
**                  the formats: each defines its row (zhei_export_format)
**   export.c       the table of formats behind zhe_exporter_new/add/finish
*/
#ifndef ZHE_EXPORT_INT_H
#define ZHE_EXPORT_INT_H

#include "../base/base_int.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <zhevents/segment.h>
#include <zhevents/extract.h>
#include <zhevents/events.h>
#include <zhevents/store.h>
#include <zhevents/export.h>

/* -------------------------------------------------------------- event.c */

/* An event kept by an exporter (event.c): a store row with its strings
 * copied.  Absent strings are NULL, absent numbers NAN; every string is
 * the exporter's own. */
typedef struct zhei_export_event {
    char *key, *type, *rule;
    char *timex, *mod, *start, *end, *basis;   /* start, end: "YYYY-MM-DD" */
    double amount, high, amount_cny, high_cny;
    char *currency, *qualifier;
    double quantity, quantity_high;
    char *unit;
    char *quote;                /* the sentence as the article printed it */
    size_t mark_start, mark_end;    /* code points into quote; both 0: none */
    double confidence;
    char *article, *title, *url, *published, *outlet, *review;
    char *per, *period, *market, *modality, *polarity;
    unsigned chips_per_unit;
    int headline;
    size_t sources;             /* articles that report its fact (--facts), or 0 */
    size_t n_chips;
    char *chips[ZHE_RECORD_MAX_CHIPS];
    char *vendors[ZHE_RECORD_MAX_CHIPS];
} zhei_export_event;

/* src copied into dst (at most 8 chips, as a store row has); free it with
 * zhei_export_event_free. */
void zhei_export_event_copy(zhei_export_event *dst, const zhe_stored_event *src);
/* e's strings freed; e zeroed. */
void zhei_export_event_free(zhei_export_event *e);
/* x seen as a store row: dst's strings are x's, borrowed while x lives;
 * the fields a kept event leaves out (ids, trigger) are 0 or NULL. */
void zhei_export_event_view(const zhei_export_event *x, zhe_stored_event *dst);

/*
** The series a price is compared in (charts, prices-wide): like with like.
** Returns 0 for an event no series takes: not a price or launch price,
** no yuan value, not a fact (expected, planned, rumoured or denied), or
** stored before prices said what they are for (`ingest --replace`).
** Otherwise writes into b (when not NULL) what the price is for: "" for
** one chip sold, "server", "chip/hour", "server/month" …, and sets
** *chips (when not NULL) to the chips the price buys when it is the sale
** of a machine that says how many it holds (8卡服务器: 8; a chip's price
** derived from it is the price over 8), else 0.
*/
int zhei_export_price_series(const zhei_export_event *e, zhe_buf *b, unsigned *chips);

/* ------------------------------------------------------------ escape.c */

/* s[0..len) as HTML text or a quoted attribute value, into b: & < > " '
 * as entities; C0 control characters (but tab and line end), which HTML
 * does not allow, and DEL as spaces; bytes that are no UTF-8 as U+FFFD,
 * so the output is valid UTF-8 whatever it is given. */
void zhei_export_html_escape(zhe_buf *b, const char *s, size_t len);
/* The same for a NUL-terminated s; NULL writes nothing. */
void zhei_export_html_escape_str(zhe_buf *b, const char *s);

/* Is u a web address a link may go to (http or https, any case)?  0 for
 * NULL; javascript:, data:, file: and the like are shown as text. */
int zhei_export_web_url(const char *u);

/* One CSV cell (RFC 4180) into b, after a comma unless first: quoted when
 * it holds a comma, a quote or a line end, quotes doubled; a cell a
 * spreadsheet would take for a formula (= + - @, a tab or a carriage
 * return first) is quoted with a ' before it, so it opens as text.  NULL
 * is an empty cell. */
void zhei_export_csv_cell(zhe_buf *b, const char *s, int first);

/* s for Markdown text inside a line, into b: the punctuation that makes
 * emphasis, code, links and tables backslashed, < > & as entities (no raw
 * HTML), a line end as a space.  NULL writes nothing. */
void zhei_export_md_escape(zhe_buf *b, const char *s);
/* url (not NULL) as the target of a Markdown <…> link: space, < and > as
 * %20, %3C, %3E; the rest as it is. */
void zhei_export_md_url(zhe_buf *b, const char *url);

/* ------------------------------------------------------------- dates.c */

/* How precise a timex is. */
typedef enum zhei_export_precision {
    ZHEI_EXPORT_P_NONE,        /* no timex */
    ZHEI_EXPORT_P_DAY,         /* 2023-10-17 */
    ZHEI_EXPORT_P_WEEK,        /* 2023-W44 */
    ZHEI_EXPORT_P_MONTH,       /* 2023-10 */
    ZHEI_EXPORT_P_QUARTER,     /* 2023-Q2 */
    ZHEI_EXPORT_P_HALF,        /* 2023-H2 */
    ZHEI_EXPORT_P_SEASON,      /* 2023-SP, -SU, -FA, -WI */
    ZHEI_EXPORT_P_YEAR,        /* 2023 */
    ZHEI_EXPORT_P_OTHER        /* a timex zhei_export_timex_read cannot read */
} zhei_export_precision;

/* The precision of timex tx (zhei_export_timex_read's): NONE for NULL
 * or "", OTHER for what the calendar cannot read. */
zhei_export_precision zhei_export_timex_precision(const char *tx);
/* "day", "week", "month", "quarter", "half", "season", "year"; "" for
 * NONE and OTHER. */
const char *zhei_export_precision_name(zhei_export_precision p);

/* A timex read strictly, into its fields. */
typedef struct zhei_export_timex {
    zhei_export_precision precision;
    int year;           /* all but NONE and OTHER */
    int month, day;     /* DAY: both; MONTH: month */
    int n;              /* QUARTER 1–4; HALF 1–2; WEEK its number; SEASON
                           1 spring, 2 summer, 3 autumn, 4 winter */
    int weekend;        /* WEEK: 1 for the week's weekend (2023-W42-WE) */
} zhei_export_timex;

/* tx read into *t (zeroed first) by the calendar (zhei_timex_parse: a
 * real month, day, quarter, half, ISO week or season).  Returns
 * t->precision: NONE for NULL or "", OTHER when tx is none of the forms
 * (its other fields are then 0). */
zhei_export_precision zhei_export_timex_read(const char *tx, zhei_export_timex *t);

/* The numbers of a real day "YYYY-MM-DD…" (returns 3; *d set when d is
 * not NULL) or month "YYYY-MM…" (returns 2), else 0 with nothing set. */
int zhei_export_iso_fields(const char *s, int *y, int *m, int *d);
/* The day number (days since 1970-01-01) of a real day "YYYY-MM-DD…" in
 * *days; returns 1, or 0 (and *days unset) when s is no such date. */
int zhei_export_iso_day(const char *s, long *days);
/* The year and month of day number z. */
void zhei_export_year_month(long z, long *y, long *m);
/* The day number of the first day of z's month; of the first day of the
 * next month unless z is a first day itself (then z). */
long zhei_export_month_floor(long z);
long zhei_export_month_ceil(long z);

/* ----------------------------------------------------------- wording.c */

/* The event types a format names in Chinese: export_control, price,
 * launch, shipment, capacity, indexed 0 to ZHEI_EXPORT_N_TYPES - 1 in
 * that order; ZHEI_EXPORT_TYPE_OTHER stands for any other type (and for
 * none). */
enum { ZHEI_EXPORT_N_TYPES = 5, ZHEI_EXPORT_TYPE_OTHER = ZHEI_EXPORT_N_TYPES };

/* The index of type (may be NULL): 0 to ZHEI_EXPORT_N_TYPES - 1, or
 * ZHEI_EXPORT_TYPE_OTHER. */
size_t zhei_export_type_index(const char *type);
/* The Chinese name of an event type (出口管制, 价格, 发布, 出货, 产能), or
 * NULL for a type it does not know and for NULL. */
const char *zhei_export_type_zh(const char *type);
/* The Chinese name of type index t; 其他 for ZHEI_EXPORT_TYPE_OTHER. */
const char *zhei_export_type_zh_at(size_t t);
/* The Chinese name of type; else type itself (raw: the caller escapes
 * it); else, for NULL, absent. */
const char *zhei_export_type_word(const char *type, const char *absent);

/* A date as the reader reads it, as precise as its timex (read by
 * zhei_export_timex_read), raw text into b: 2023年10月17日, 2023年10月,
 * 2023年第二季度, 2023年下半年, 2023年第44周, 2023年秋季, 2023年, a timex it
 * cannot read as it is; with mod after it unless mod is NULL (START 初,
 * MID 中, END 底 after a year or a month and 末 after the rest, APPROX 前后);
 * 日期不详 (and no mod) when timex is NULL or "". */
void zhei_export_date_text(zhe_buf *b, const char *timex, const char *mod);

/* v as the plain formats print a number: an integer without decimals
 * (265000), else up to 15 significant digits (0.5); never 1.2e+12 for an
 * integer below 10^15. */
void zhei_export_number(zhe_buf *b, double v);
/* e's chips joined by sep, into b. */
void zhei_export_chips_join(zhe_buf *b, const zhe_stored_event *e, const char *sep);
/* A one-line headline for a reader (md, TimelineJS, Flourish), raw text
 * into b: the chips, the type in Chinese, the amount as the news writes
 * it (its qualifier, 万 and 亿, a range with –, the currency's name), the
 * count and its unit, joined by " · ": "H100 · 价格 · 544万日元",
 * "A800, H800 · 出口管制", what it means when that is not a plain fact
 * of one chip ("H800 · 价格 · 约245万元 · 8卡整机"), and how many
 * articles report it when more than one (--facts: "· 3 篇报道"). */
void zhei_export_headline(zhe_buf *b, const zhe_stored_event *e);

/* What an event means, in Chinese, into b, when that is not a plain fact
 * of one chip (nothing then): what a price is for (整机, 8卡整机, 模组,
 * 系统, 集群), a rental's period (每小时租金), the market (官方价, 零售价,
 * 渠道价, 二手价), the modality (预计, 计划, 传闻) and a negation (否定:
 * denied, not done),
 * joined by "，". */
void zhei_export_means(zhe_buf *b, const zhe_stored_event *e);

/* v the way Chinese news writes an amount, into b: 12999, 26.5万, 1.2亿.
 * exact: as the article gave it, so 万 or 亿 only when nothing is lost
 * (544万, 8.112亿, but 12345); otherwise (a yuan value worked out at a rate)
 * rounded to two decimals of its unit (18.34万).  Returns the unit word
 * written ("亿", "万" or ""), a static string. */
const char *zhei_export_cn_num(zhe_buf *b, double v, int exact);
/* lo, or lo–hi when hi is not NAN, then unit after it: 1.4万–1.6万元; the
 * unit after lo too when the two are written with different unit words,
 * so that 9000元–1.2万元 cannot be read as 9000万. */
void zhei_export_cn_range(zhe_buf *b, double lo, double hi, int exact, const char *unit);
/* e's money as printed (e->amount not NAN), raw text: its qualifier's
 * word, the amount or range, the currency's name: 约544万日元, 1.4万–1.6万元;
 * a currency without a Chinese name as " XYZ". */
void zhei_export_money(zhe_buf *b, const zhei_export_event *e);
/* e's yuan value, ≈ 26.5万元; nothing when it has none or its money is in
 * yuan already. */
void zhei_export_money_cny(zhe_buf *b, const zhei_export_event *e);
/* e's count (e->quantity not NAN) and its unit, raw text: 3000片, 3–5片. */
void zhei_export_quantity(zhe_buf *b, const zhei_export_event *e);

/* --------------------------------------------------------------- formats */

/* An export under way, as a format's steps see it; export.c owns it. */
typedef struct zhei_export_run {
    FILE *out;                  /* borrowed */
    zhe_export_options opt;     /* the caller's; title never NULL */
    zhei_export_event *kept;    /* a keeping format's events, in the order added */
    size_t n_kept;
    void *state;                /* the format's own: made by begin, freed by finish */
} zhei_export_run;

/*
** A format: a row of export.c's table, defined in the format's file.
** export.c writes header (when there is one) first, then calls begin,
** then event for each event or (when keeps) keeps a copy of it in
** r->kept, then finish; after finish it flushes out and frees the kept
** events.  event and finish return ZHE_OK or the status they reported in
** err.
*/
typedef struct zhei_export_format {
    const char *name;           /* zhe_export_format_str's */
    int keeps;                  /* export.c keeps every event for finish */
    const char *header;         /* a CSV format's header row (no line end),
                                   after a byte order mark with --bom; or NULL */
    void (*begin)(zhei_export_run *r);     /* sets up r->state; or NULL */
    /* a format of one row an event (csv, flourish, the TimelineJS sheet):
     * the event's row, which export.c writes as it comes; or NULL */
    void (*row)(const zhei_export_run *r, zhe_buf *b, const zhe_stored_event *e);
    /* takes one event as it comes; NULL when keeps or row */
    zhe_status (*event)(zhei_export_run *r, const zhe_stored_event *e, zhe_error *err);
    /* writes what comes at the end and frees r->state; or NULL */
    zhe_status (*finish)(zhei_export_run *r, zhe_error *err);
} zhei_export_format;

extern const zhei_export_format zhei_export_format_csv;            /* csv.c */
extern const zhei_export_format zhei_export_format_json;           /* json.c */
extern const zhei_export_format zhei_export_format_jsonl;          /* json.c */
extern const zhei_export_format zhei_export_format_timelinejs;     /* timelinejs.c */
extern const zhei_export_format zhei_export_format_timelinejs_csv; /* timelinejs.c */
extern const zhei_export_format zhei_export_format_flourish;       /* flourish.c */
extern const zhei_export_format zhei_export_format_prices_wide;    /* prices.c */
extern const zhei_export_format zhei_export_format_md;             /* md.c */
extern const zhei_export_format zhei_export_format_html;           /* html.c */

/* How every format but html reports a failed write: ZHE_ERR_IO, "cannot
 * write the output", in err. */
static inline zhe_status zhei_export_write_failed(zhe_error *err)
{
    return zhe_error_set(err, ZHE_ERR_IO, NULL, 0, UINT64_MAX, "cannot write the output");
}

/* b written to out in one fwrite: ZHE_OK (also when b is empty), or
 * zhei_export_write_failed. */
static inline zhe_status zhei_export_write(FILE *out, const zhe_buf *b, zhe_error *err)
{
    if (b->len && fwrite(b->ptr, 1, b->len, out) != b->len) return zhei_export_write_failed(err);
    return ZHE_OK;
}

/* j dumped with jansson's flags and a line end into line (emptied first),
 * written to out in one fwrite, and freed (json.c; timelinejs.c's JSON
 * goes through it too).  ZHE_OK, or zhei_export_write_failed when jansson
 * or the write fails. */
zhe_status zhei_export_json_write(FILE *out, zhe_buf *line, json_t *j, size_t flags,
                                  zhe_error *err);

/* -------------------------------------------- the HTML page: page.c, svg.c */

/* The page being written: a buffer flushed to out when it holds 64 KB.
 * After the first failed write nothing more is written and failed stays
 * set.  Start it as {out, ZHE_BUF_INIT, 0, 0}; its writer (html.c)
 * flushes it at the end and clears b. */
typedef struct zhei_export_page {
    FILE *out;          /* borrowed */
    zhe_buf b;
    int failed;
    int errnum;         /* errno of the failed write, or 0 */
} zhei_export_page;

/* Write out what b holds (unless a write has failed) and empty it. */
void zhei_export_page_flush(zhei_export_page *p);
/* s as it is (the page's own markup), into the page. */
void zhei_export_page_put(zhei_export_page *p, const char *s);
/* printf into the page, as it is: for markup and numbers, never for text
 * taken from the events. */
void zhei_export_page_printf(zhei_export_page *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* s escaped (zhei_export_html_escape) into the page; NULL writes nothing. */
void zhei_export_page_esc(zhei_export_page *p, const char *s);
/* A piece of text built in a zhe_buf (our own words and the events'
 * strings, raw), escaped into the page. */
void zhei_export_page_esc_buf(zhei_export_page *p, const zhe_buf *t);
/* The CSS class of type index t (zhei_export_type_index) on the page: t-export,
 * t-price, t-launch, t-shipment, t-capacity; t-other for any other. */
const char *zhei_export_type_class(size_t t);

/* An event as the page places it in time: from its first day d0 up to
 * (not including) d1, day numbers; dated is 0 when it has no usable date. */
typedef struct zhei_export_when {
    int dated;
    long d0, d1;
} zhei_export_when;

/* An event on the page: its place in the list (id "e-N") and its time. */
typedef struct zhei_export_page_event {
    const zhei_export_event *e;     /* borrowed */
    size_t n;                       /* 1-based, the list's numbering */
    zhei_export_when w;
} zhei_export_page_event;

/* A chip: its name and vendor (borrowed from an event), the number of
 * its events, and of its prices with a yuan value (zhei_export_chart_price). */
typedef struct zhei_export_page_chip {
    const char *name, *vendor;
    size_t n_events, n_prices;
} zhei_export_page_chip;

/* A horizontal time scale: days [d0, d1) onto [x0, x0 + w) in SVG units. */
typedef struct zhei_export_scale {
    long d0, d1;
    double x0, w;
} zhei_export_scale;

/* Is h a price for the charts (svg.c): the sale of one chip told as a fact
 * (zhei_export_price_series's ""), with a yuan value and a date? */
int zhei_export_chart_price(const zhei_export_page_event *h);
/* A price chart (svg.c) for each of the n_chips chips that has prices,
 * the chips with most prices first (chips is sorted so), each with y from
 * 0 to a round number above its highest yuan value and x the days of xs
 * (whose x0 and w are set here), for the n events evs. */
void zhei_export_svg_price_charts(zhei_export_page *p, zhei_export_page_chip *chips, size_t n_chips,
                                  const zhei_export_page_event *evs, size_t n,
                                  zhei_export_scale *xs);
/* The swimlane (svg.c): a lane per chip, the chips grouped by vendor
 * (chips is sorted so), then one for the events of no chip when chipless;
 * every dated event of evs a mark in its lanes, x the days of xs (whose x0
 * and w are set here). */
void zhei_export_svg_swimlane(zhei_export_page *p, zhei_export_page_chip *chips, size_t n_chips,
                              int chipless, const zhei_export_page_event *evs, size_t n,
                              zhei_export_scale *xs);
/* The legend of the types (svg.c): each type's mark and Chinese name,
 * "其他" only when by_type (counts by type index) has any. */
void zhei_export_svg_legend(zhei_export_page *p, const size_t *by_type);

#endif /* ZHE_EXPORT_INT_H */
