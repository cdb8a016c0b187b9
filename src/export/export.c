/*
** export.c — timelines for reporters (see zhevents/export.h): every format
** but the HTML page, which is html.c's.
**
** Each format is three steps, begin, event, end.  The streaming ones (csv,
** jsonl, timelinejs-csv, flourish) write a row per event and keep nothing;
** the others keep the events (zhei_export_event, strings copied) and write at the
** end: json and timelinejs an array, prices-wide a table of months by
** chips, md a chronology by month, html the page.
**
** What goes into each format is escaped for it: CSV quoting (RFC 4180)
** with formula cells neutralized, JSON by jansson, Markdown with its
** punctuation backslashed and < > & as entities, HTML (TimelineJS's text
** is HTML) with & < > " ' as entities.
*/
#include "export_int.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

struct zhe_exporter {
    zhe_export_format format;
    zhe_export_options opt;
    FILE *out;
    int failed;             /* a write failed */
    size_t rows;
    zhei_export_event *kept;
    size_t n_kept, cap_kept;
    json_t *array;          /* json: the events so far */
    zhe_buf line;           /* the JSON being written */
};

static const char *const S_names[] = {
    NULL, "csv", "json", "jsonl", "timelinejs", "timelinejs-csv", "flourish", "prices-wide",
    "md", "html",
};

const char *zhe_export_format_str(zhe_export_format f)
{
    return f >= 1 && f <= ZHE_EXPORT_FORMAT_MAX ? S_names[f] : NULL;
}

zhe_export_format zhe_export_format_parse(const char *s)
{
    for (int f = 1; f <= ZHE_EXPORT_FORMAT_MAX; f++)
        if (strcmp(s, S_names[f]) == 0) return (zhe_export_format)f;
    return (zhe_export_format)0;
}

/* ----------------------------------------------------------------- CSV */

static void S_cell_num(zhe_buf *b, double v)
{
    zhe_buf_putc(b, ',');
    if (!isnan(v)) zhei_number(b, v);
}

static const char S_csv_header[] =
    "date,end,timex,precision,type,chips,amount,amount_high,currency,amount_cny,quantity,"
    "quantity_high,unit,quote,title,url,published,confidence,key";

static void S_csv_row(zhe_buf *b, const zhe_store_event *e)
{
    zhe_buf tmp = ZHE_BUF_INIT;
    zhei_csv_cell(b, e->start, 1);
    zhei_csv_cell(b, e->end, 0);
    zhei_csv_cell(b, e->timex, 0);
    zhei_csv_cell(b, zhei_precision_name(zhei_timex_precision(e->timex)), 0);
    zhei_csv_cell(b, e->type, 0);
    zhei_chips_join(&tmp, e, ";");
    zhei_csv_cell(b, tmp.ptr ? tmp.ptr : "", 0);
    S_cell_num(b, e->amount);
    S_cell_num(b, e->high);
    zhei_csv_cell(b, e->currency, 0);
    S_cell_num(b, e->amount_cny);
    S_cell_num(b, e->quantity);
    S_cell_num(b, e->quantity_high);
    zhei_csv_cell(b, e->unit, 0);
    zhei_csv_cell(b, e->quote, 0);
    zhei_csv_cell(b, e->title, 0);
    zhei_csv_cell(b, e->url, 0);
    zhei_csv_cell(b, e->published, 0);
    zhe_buf_printf(b, ",%.2f", e->confidence);
    zhei_csv_cell(b, e->key, 0);
    zhe_buf_puts(b, "\r\n");
    zhe_buf_clear(&tmp);
}

/* ---------------------------------------------------------------- JSON */

static json_t *S_jstr(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *S_jnum(double v)
{
    if (isnan(v)) return json_null();
    if (v == floor(v) && fabs(v) < 9e15) return json_integer((json_int_t)v);
    return json_real(v);
}

static json_t *S_event_json(const zhe_store_event *e)
{
    json_t *o = json_object();
    json_object_set_new(o, "type", S_jstr(e->type));
    json_t *d = json_object();
    json_object_set_new(d, "timex", S_jstr(e->timex));
    json_object_set_new(d, "mod", S_jstr(e->mod));
    json_object_set_new(d, "start", S_jstr(e->start));
    json_object_set_new(d, "end", S_jstr(e->end));
    json_object_set_new(d, "precision",
                        json_string(zhei_precision_name(zhei_timex_precision(e->timex))));
    json_object_set_new(d, "basis", S_jstr(e->basis));
    json_object_set_new(o, "date", d);
    json_t *chips = json_array();
    for (size_t i = 0; i < e->n_chips; i++) json_array_append_new(chips, S_jstr(e->chips[i]));
    json_object_set_new(o, "chips", chips);
    json_t *vendors = json_array();
    for (size_t i = 0; i < e->n_chips; i++) json_array_append_new(vendors, S_jstr(e->vendors[i]));
    json_object_set_new(o, "vendors", vendors);
    if (!isnan(e->amount)) {
        json_t *m = json_object();
        json_object_set_new(m, "amount", S_jnum(e->amount));
        if (!isnan(e->high)) json_object_set_new(m, "high", S_jnum(e->high));
        json_object_set_new(m, "currency", S_jstr(e->currency));
        json_object_set_new(m, "qualifier", S_jstr(e->qualifier));
        json_object_set_new(m, "cny", S_jnum(round(e->amount_cny)));
        json_object_set_new(o, "money", m);
    } else {
        json_object_set_new(o, "money", json_null());
    }
    if (!isnan(e->quantity)) {
        json_t *q = json_object();
        json_object_set_new(q, "amount", S_jnum(e->quantity));
        if (!isnan(e->quantity_high)) json_object_set_new(q, "high", S_jnum(e->quantity_high));
        json_object_set_new(q, "unit", S_jstr(e->unit));
        json_object_set_new(o, "quantity", q);
    } else {
        json_object_set_new(o, "quantity", json_null());
    }
    json_object_set_new(o, "quote", S_jstr(e->quote));
    if (e->mark_end > e->mark_start)
        json_object_set_new(o, "mark", json_pack("[I,I]", (json_int_t)e->mark_start,
                                                 (json_int_t)e->mark_end));
    json_object_set_new(o, "title", S_jstr(e->title));
    json_object_set_new(o, "url", S_jstr(e->url));
    json_object_set_new(o, "published", S_jstr(e->published));
    json_object_set_new(o, "article", S_jstr(e->article));
    json_object_set_new(o, "confidence", json_real(round(e->confidence * 100) / 100));
    json_object_set_new(o, "rule", S_jstr(e->rule));
    json_object_set_new(o, "key", S_jstr(e->key));
    return o;
}

/* ----------------------------------------------------------- TimelineJS */

/* A date the way TimelineJS takes it: {year, month?, day?}, as precise as
 * the timex (a quarter or a week from its first or last day's month). */
static json_t *S_tl_date(const char *timex, const char *day)
{
    int y, m, dd;
    if (zhei_iso_fields(day, &y, &m, &dd) < 3) return NULL;
    json_t *d = json_object();
    json_object_set_new(d, "year", json_integer(y));
    zhei_precision p = zhei_timex_precision(timex);
    if (p == ZHEI_P_YEAR) return d;
    json_object_set_new(d, "month", json_integer(m));
    /* a week runs from a day to a day; a quarter, a half or a season
     * from a month to a month */
    if (p == ZHEI_P_DAY || p == ZHEI_P_WEEK) json_object_set_new(d, "day", json_integer(dd));
    return d;
}

/* The text of an event's slide or row: the quote as a blockquote, then the
 * source, all HTML escaped. */
static void S_tl_text(zhe_buf *b, const zhe_store_event *e)
{
    zhe_buf_puts(b, "<blockquote>");
    zhei_html_escape_str(b, e->quote);
    zhe_buf_puts(b, "</blockquote><p>");
    if (zhei_web_url(e->url)) {
        zhe_buf_puts(b, "<a href=\"");
        zhei_html_escape_str(b, e->url);
        zhe_buf_puts(b, "\">");
        zhei_html_escape_str(b, e->title ? e->title : e->url);
        zhe_buf_puts(b, "</a>");
    } else {
        zhei_html_escape_str(b, e->title);
    }
    if (e->published) {
        zhe_buf_puts(b, ", ");
        zhei_html_escape_str(b, e->published);
    }
    zhe_buf_puts(b, "</p>");
}

static json_t *S_tl_event(const zhe_store_event *e)
{
    json_t *o = json_object();
    json_t *start = S_tl_date(e->timex, e->start);
    if (!start) {
        json_decref(o);
        return NULL;    /* TimelineJS has no place for an undated event */
    }
    json_object_set_new(o, "start_date", start);
    zhei_precision p = zhei_timex_precision(e->timex);
    if (e->end && p != ZHEI_P_DAY && p != ZHEI_P_MONTH && p != ZHEI_P_YEAR) {
        json_t *end = S_tl_date(e->timex, e->end);
        if (end) json_object_set_new(o, "end_date", end);
    }
    zhe_buf b = ZHE_BUF_INIT;
    zhei_date_text(&b, e->timex, e->mod);
    json_object_set_new(o, "display_date", json_string(b.ptr));
    zhe_buf_truncate(&b, 0);
    json_t *text = json_object();
    zhei_headline(&b, e);
    json_object_set_new(text, "headline", json_string(b.ptr));
    zhe_buf_truncate(&b, 0);
    S_tl_text(&b, e);
    json_object_set_new(text, "text", json_string(b.ptr));
    json_object_set_new(o, "text", text);
    json_object_set_new(o, "group",
                        json_string(e->n_chips ? e->chips[0] : zhei_type_word(e->type, "")));
    /* the event key is the same in two articles quoting the same sentence;
     * the slide's id (a URL fragment) must not be: the article's hash too */
    zhe_buf_truncate(&b, 0);
    zhe_buf_printf(&b, "%s-%08llx", e->key ? e->key : "",
                   (unsigned long long)(XXH3_64bits(e->article ? e->article : "",
                                                    e->article ? strlen(e->article) : 0) &
                                        0xffffffffu));
    json_object_set_new(o, "unique_id", json_string(b.ptr));
    zhe_buf_clear(&b);
    return o;
}

static int S_append(const char *s, size_t len, void *ctx)
{
    zhe_buf_put(ctx, s, len);
    return 0;
}

/* Write j and a line end, and free it.  jansson's json_dumpf writes a
 * token at a time; dumped into a buffer kept from one event to the next,
 * a line is one fwrite. */
static int S_write_json(zhe_exporter *x, json_t *j, size_t flags)
{
    zhe_buf_truncate(&x->line, 0);
    int bad = json_dump_callback(j, S_append, &x->line, flags) != 0;
    json_decref(j);
    zhe_buf_putc(&x->line, '\n');
    return bad || fwrite(x->line.ptr, 1, x->line.len, x->out) != x->line.len;
}

static int S_timelinejs(zhe_exporter *x)
{
    json_t *root = json_object(), *events = json_array();
    json_t *title = json_object(), *text = json_object();
    zhe_buf b = ZHE_BUF_INIT;
    zhei_html_escape_str(&b, x->opt.title);
    json_object_set_new(text, "headline", json_string(b.ptr ? b.ptr : ""));
    zhe_buf_truncate(&b, 0);
    zhe_buf_printf(&b, "%zu", x->n_kept);
    zhe_buf_puts(&b, " 个事件");
    if (x->opt.filters) {
        zhe_buf_puts(&b, " · ");
        zhei_html_escape_str(&b, x->opt.filters);
    }
    json_object_set_new(text, "text", json_string(b.ptr));
    zhe_buf_clear(&b);
    json_object_set_new(title, "text", text);
    json_object_set_new(root, "title", title);
    for (size_t i = 0; i < x->n_kept; i++) {
        zhe_store_event e;
        zhei_export_event_view(&x->kept[i], &e);
        json_t *o = S_tl_event(&e);
        if (o) json_array_append_new(events, o);
    }
    json_object_set_new(root, "events", events);
    return S_write_json(x, root, JSON_INDENT(2));
}

/* The TimelineJS sheet: its 18 columns, in its order. */
static const char S_tljs_header[] =
    "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,"
    "Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background";

static void S_tljs_row(zhe_buf *b, const zhe_store_event *e)
{
    json_t *start = S_tl_date(e->timex, e->start);
    if (!start) return;
    json_t *end = NULL;
    zhei_precision p = zhei_timex_precision(e->timex);
    if (e->end && p != ZHEI_P_DAY && p != ZHEI_P_MONTH && p != ZHEI_P_YEAR)
        end = S_tl_date(e->timex, e->end);
    const char *parts[] = {"year", "month", "day"};
    zhe_buf t = ZHE_BUF_INIT;
    for (int k = 0; k < 3; k++) {
        json_t *v = json_object_get(start, parts[k]);
        if (k) zhe_buf_putc(b, ',');
        if (v) zhe_buf_printf(b, "%d", (int)json_integer_value(v));
    }
    zhe_buf_putc(b, ',');   /* Time */
    for (int k = 0; k < 3; k++) {
        json_t *v = end ? json_object_get(end, parts[k]) : NULL;
        zhe_buf_putc(b, ',');
        if (v) zhe_buf_printf(b, "%d", (int)json_integer_value(v));
    }
    zhe_buf_putc(b, ',');   /* End Time */
    zhei_date_text(&t, e->timex, e->mod);
    zhei_csv_cell(b, t.ptr, 0);
    zhe_buf_truncate(&t, 0);
    zhei_headline(&t, e);
    zhei_csv_cell(b, t.ptr, 0);
    zhe_buf_truncate(&t, 0);
    S_tl_text(&t, e);
    zhei_csv_cell(b, t.ptr, 0);
    zhe_buf_puts(b, ",,,,");    /* Media, Media Credit, Media Caption, Media Thumbnail */
    zhe_buf_putc(b, ',');       /* Type */
    zhei_csv_cell(b, e->n_chips ? e->chips[0] : zhei_type_word(e->type, ""), 0);
    zhe_buf_puts(b, ",\r\n");   /* Background */
    zhe_buf_clear(&t);
    json_decref(start);
    json_decref(end);
}

/* ------------------------------------------------------------ Flourish */

static const char S_flourish_header[] = "Start time,End time,Category,Title,Text";

static void S_flourish_row(zhe_buf *b, const zhe_store_event *e)
{
    zhe_buf t = ZHE_BUF_INIT;
    zhei_csv_cell(b, e->start, 1);
    zhei_csv_cell(b, e->end && e->start && strcmp(e->end, e->start) != 0 ? e->end : NULL, 0);
    zhei_csv_cell(b, zhei_type_word(e->type, ""), 0);
    zhei_headline(&t, e);
    zhei_csv_cell(b, t.ptr, 0);
    zhe_buf_truncate(&t, 0);
    zhe_buf_puts(&t, e->quote ? e->quote : "");
    if (e->title) zhe_buf_printf(&t, " (%s%s%s)", e->title, e->published ? ", " : "",
                                 e->published ? e->published : "");
    zhei_csv_cell(b, t.ptr, 0);
    zhe_buf_puts(b, "\r\n");
    zhe_buf_clear(&t);
}

/* --------------------------------------------------------- prices-wide */

static int S_str_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The month index of "YYYY-MM-…": months since year 0. */
static int S_month(const char *day)
{
    int y = 0, m = 0;
    zhei_iso_fields(day, &y, &m, NULL);
    return y * 12 + m - 1;
}

/* Does e go into the monthly price table: a price (or a launch price)
 * in yuan, dated to its month or closer?  A price of "2023" or "二季度"
 * has no month to go in. */
static int S_monthly_price(const zhei_export_event *e)
{
    int y, m;
    if (isnan(e->amount_cny) || !e->type || zhei_iso_fields(e->start, &y, &m, NULL) < 2)
        return 0;
    if (strcmp(e->type, "price") != 0 && strcmp(e->type, "launch") != 0) return 0;
    zhei_precision p = zhei_timex_precision(e->timex);
    return p == ZHEI_P_DAY || p == ZHEI_P_WEEK || p == ZHEI_P_MONTH;
}

/*
** One row per month from the first price to the last, one column per chip;
** a cell is the median of that chip's prices that month in yuan (a range
** counts as its middle), empty when there were none.
*/
/* A price placed in the table: its cell (month row, chip column) and its
 * yuan value (the middle of a range). */
typedef struct {
    size_t cell;
    double v;
} S_price;

static int S_price_cmp(const void *pa, const void *pb)
{
    const S_price *a = pa, *b = pb;
    if (a->cell != b->cell) return a->cell < b->cell ? -1 : 1;
    return a->v < b->v ? -1 : a->v > b->v;
}

static int S_prices_wide(zhe_exporter *x)
{
    const char **chips = NULL;
    size_t n_chips = 0, cap = 0;
    int m0 = 0, m1 = -1;
    for (size_t i = 0; i < x->n_kept; i++) {
        const zhei_export_event *e = &x->kept[i];
        if (!S_monthly_price(e)) continue;
        int m = S_month(e->start);
        if (m1 < m0) m0 = m1 = m;
        if (m < m0) m0 = m;
        if (m > m1) m1 = m;
        for (size_t k = 0; k < e->n_chips; k++) {
            size_t j = 0;
            while (j < n_chips && strcmp(chips[j], e->chips[k]) != 0) j++;
            if (j < n_chips) continue;
            ZHE_GROW(&chips, &cap, n_chips + 1);
            chips[n_chips++] = e->chips[k];
        }
    }
    if (n_chips) qsort(chips, n_chips, sizeof *chips, S_str_cmp);

    /* every price in its cell, sorted by cell and value: a cell's median
     * is the middle of its run */
    S_price *p = NULL;
    size_t n = 0, cap_p = 0;
    for (size_t i = 0; i < x->n_kept; i++) {
        const zhei_export_event *e = &x->kept[i];
        if (!S_monthly_price(e)) continue;
        size_t row = (size_t)(S_month(e->start) - m0);
        double v = isnan(e->high_cny) ? e->amount_cny : (e->amount_cny + e->high_cny) / 2;
        for (size_t k = 0; k < e->n_chips; k++) {
            const char **c = bsearch(&e->chips[k], chips, n_chips, sizeof *chips, S_str_cmp);
            ZHE_GROW(&p, &cap_p, n + 1);
            p[n++] = (S_price){row * n_chips + (size_t)(c - chips), v};
        }
    }
    if (n) qsort(p, n, sizeof *p, S_price_cmp);

    zhe_buf b = ZHE_BUF_INIT;
    if (x->opt.bom) zhe_buf_puts(&b, "\xEF\xBB\xBF");
    zhe_buf_puts(&b, "month");
    for (size_t j = 0; j < n_chips; j++) zhei_csv_cell(&b, chips[j], 0);
    zhe_buf_puts(&b, "\r\n");
    size_t i = 0;
    for (int m = m0; m <= m1 && n_chips; m++) {
        zhe_buf_printf(&b, "%04d-%02d", m / 12, m % 12 + 1);
        for (size_t j = 0; j < n_chips; j++) {
            size_t cell = (size_t)(m - m0) * n_chips + j, first = i;
            while (i < n && p[i].cell == cell) i++;
            zhe_buf_putc(&b, ',');
            size_t k = i - first;
            if (!k) continue;
            const S_price *r = p + first;
            double med = k % 2 ? r[k / 2].v : (r[k / 2 - 1].v + r[k / 2].v) / 2;
            zhe_buf_printf(&b, "%.0f", round(med));
        }
        zhe_buf_puts(&b, "\r\n");
    }
    int bad = b.len && fwrite(b.ptr, 1, b.len, x->out) != b.len;
    zhe_buf_clear(&b);
    zhe_free(p);
    zhe_free(chips);
    return bad;
}

/* ------------------------------------------------------------ Markdown */

/* A chronology: a heading a month (2023年10月; a coarser period, 2023年第二季度,
 * for events known no better), a line an event. */
static int S_markdown(zhe_exporter *x)
{
    zhe_buf b = ZHE_BUF_INIT;
    zhe_buf_puts(&b, "# ");
    zhei_md_escape(&b, x->opt.title);
    zhe_buf_puts(&b, "\n\n");
    if (x->opt.filters) {
        zhe_buf_puts(&b, "筛选：");
        zhei_md_escape(&b, x->opt.filters);
        zhe_buf_puts(&b, "  \n");
    }
    zhe_buf_printf(&b, "共 %zu 个事件。\n", x->n_kept);
    char month[64] = "";
    for (size_t i = 0; i < x->n_kept; i++) {
        zhe_store_event e;
        zhei_export_event_view(&x->kept[i], &e);
        /* the heading: the month, or the coarser period the event has */
        zhe_buf h = ZHE_BUF_INIT;
        zhei_precision p = zhei_timex_precision(e.timex);
        int y, m;
        if (p == ZHEI_P_NONE || zhei_iso_fields(e.start, &y, &m, NULL) < 2) {
            zhe_buf_puts(&h, "日期不详");
        } else if (p == ZHEI_P_DAY || p == ZHEI_P_WEEK || p == ZHEI_P_MONTH) {
            zhe_buf_printf(&h, "%d年%d月", y, m);
        } else {
            zhei_date_text(&h, e.timex, NULL);
        }
        if (strcmp(h.ptr, month) != 0) {
            snprintf(month, sizeof month, "%s", h.ptr);
            zhe_buf_puts(&b, "\n## ");
            zhei_md_escape(&b, h.ptr);
            zhe_buf_puts(&b, "\n\n");
        }
        zhe_buf_clear(&h);
        zhe_buf_puts(&b, "- **");
        zhe_buf t = ZHE_BUF_INIT;
        zhei_date_text(&t, e.timex, e.mod);
        zhei_md_escape(&b, t.ptr);
        zhe_buf_puts(&b, "** · ");
        zhe_buf_truncate(&t, 0);
        zhei_headline(&t, &e);
        zhei_md_escape(&b, t.ptr);
        zhe_buf_clear(&t);
        zhe_buf_puts(&b, "：“");
        zhei_md_escape(&b, e.quote);
        zhe_buf_puts(&b, "”（");
        if (zhei_web_url(e.url)) {
            zhe_buf_puts(&b, "[");
            zhei_md_escape(&b, e.title ? e.title : e.url);
            zhe_buf_puts(&b, "](<");
            zhei_md_url(&b, e.url);
            zhe_buf_puts(&b, ">)");
        } else {
            zhei_md_escape(&b, e.title ? e.title : "");
        }
        if (e.published) {
            zhe_buf_puts(&b, "，");
            zhei_md_escape(&b, e.published);
        }
        zhe_buf_puts(&b, "）\n");
    }
    int bad = fwrite(b.ptr, 1, b.len, x->out) != b.len;
    zhe_buf_clear(&b);
    return bad;
}

/* ------------------------------------------------------------- the API */

static int S_streaming(zhe_export_format f)
{
    return f == ZHE_EXPORT_CSV || f == ZHE_EXPORT_JSONL || f == ZHE_EXPORT_TIMELINEJS_CSV ||
           f == ZHE_EXPORT_FLOURISH;
}

static zhe_status S_io(zhe_error *err)
{
    return zhe_error_set(err, ZHE_ERR_IO, NULL, 0, UINT64_MAX, "cannot write the output");
}

zhe_status zhe_exporter_new(zhe_export_format f, const zhe_export_options *opt, FILE *out,
                            zhe_exporter **px, zhe_error *err)
{
    *px = NULL;
    if (!zhe_export_format_str(f))
        return zhe_error_set(err, ZHE_ERR_USAGE, NULL, 0, UINT64_MAX, "unknown export format");
    zhe_exporter *x = ZHE_NEW(zhe_exporter);
    x->format = f;
    if (opt) x->opt = *opt;
    if (!x->opt.title) x->opt.title = "芯片事件时间线 · zhevents";
    x->out = out;
    const char *header = f == ZHE_EXPORT_CSV ? S_csv_header
                         : f == ZHE_EXPORT_TIMELINEJS_CSV ? S_tljs_header
                         : f == ZHE_EXPORT_FLOURISH ? S_flourish_header
                                                    : NULL;
    if (header) {
        if ((x->opt.bom && fputs("\xEF\xBB\xBF", out) == EOF) || fputs(header, out) == EOF ||
            fputs("\r\n", out) == EOF) {
            zhe_free(x);
            return S_io(err);
        }
    }
    if (f == ZHE_EXPORT_JSON) x->array = json_array();
    *px = x;
    return ZHE_OK;
}

zhe_status zhe_exporter_add(zhe_exporter *x, const zhe_store_event *e, zhe_error *err)
{
    x->rows++;
    if (x->format == ZHE_EXPORT_JSON) {
        json_array_append_new(x->array, S_event_json(e));
        return ZHE_OK;
    }
    if (x->format == ZHE_EXPORT_JSONL) {
        if (S_write_json(x, S_event_json(e), JSON_COMPACT | JSON_REAL_PRECISION(15)))
            return S_io(err);
        return ZHE_OK;
    }
    if (!S_streaming(x->format)) {
        ZHE_GROW(&x->kept, &x->cap_kept, x->n_kept + 1);
        zhei_export_event_copy(&x->kept[x->n_kept++], e);
        return ZHE_OK;
    }
    zhe_buf b = ZHE_BUF_INIT;
    if (x->format == ZHE_EXPORT_CSV) S_csv_row(&b, e);
    else if (x->format == ZHE_EXPORT_TIMELINEJS_CSV) S_tljs_row(&b, e);
    else S_flourish_row(&b, e);
    int bad = b.len && fwrite(b.ptr, 1, b.len, x->out) != b.len;
    zhe_buf_clear(&b);
    return bad ? S_io(err) : ZHE_OK;
}

zhe_status zhe_exporter_finish(zhe_exporter *x, zhe_error *err)
{
    if (!x) return ZHE_OK;
    zhe_status s = ZHE_OK;
    int bad = 0;
    switch (x->format) {
    case ZHE_EXPORT_JSON:
        bad = S_write_json(x, x->array, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
        x->array = NULL;
        break;
    case ZHE_EXPORT_TIMELINEJS: bad = S_timelinejs(x); break;
    case ZHE_EXPORT_PRICES_WIDE: bad = S_prices_wide(x); break;
    case ZHE_EXPORT_MD: bad = S_markdown(x); break;
    case ZHE_EXPORT_HTML: s = zhe_export_html(x->out, &x->opt, x->kept, x->n_kept, err); break;
    default: break;
    }
    if (fflush(x->out) != 0 || ferror(x->out)) bad = 1;
    if (bad && s == ZHE_OK) s = S_io(err);
    for (size_t i = 0; i < x->n_kept; i++) zhei_export_event_free(&x->kept[i]);
    zhe_free(x->kept);
    json_decref(x->array);
    zhe_buf_clear(&x->line);
    zhe_free(x);
    return s;
}
