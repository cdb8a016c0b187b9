/*
** timelinejs.c — the timelinejs and timelinejs-csv formats, for TimelineJS
** 3 (timeline.knightlab.com): its JSON file, written at the end from the
** kept events, and the 18 columns of its Google Sheet, a row written as
** each event comes.  Both give an event the same date (as precise as its
** timex: a year, a month, or a day), display date, headline, and text (the
** quote and the source, as HTML: escaped); undated events have no place in
** TimelineJS and are left out.
*/
#include "export_int.h"

#include <string.h>
#include <xxhash.h>

/* --------------------------------------------------- what the two share */

/* A date the way TimelineJS takes it: {year, month?, day?}, as precise as
 * the timex (a quarter or a week from its first or last day's month); a
 * year with a mod (年底, 年初) at the month its part begins, so that 年底
 * is drawn in October, not on January 1 (display_date says 年底). */
static json_t *S_tl_date(const char *timex, const char *mod, const char *day)
{
    int y, m, dd;
    if (zhei_export_iso_fields(day, &y, &m, &dd) < 3) return NULL;
    json_t *d = json_object();
    json_object_set_new(d, "year", json_integer(y));
    zhei_export_precision p = zhei_export_timex_precision(timex);
    if (p == ZHEI_EXPORT_P_YEAR && !(mod && *mod && strcmp(mod, "APPROX") != 0)) return d;
    json_object_set_new(d, "month", json_integer(m));
    /* a week runs from a day to a day; a quarter, a half or a season
     * from a month to a month */
    if (p == ZHEI_EXPORT_P_DAY || p == ZHEI_EXPORT_P_WEEK)
        json_object_set_new(d, "day", json_integer(dd));
    return d;
}

/* The text of an event's slide or row: the quote as a blockquote, then the
 * source, all HTML escaped. */
static void S_tl_text(zhe_buf *b, const zhe_stored_event *e)
{
    zhe_buf_puts(b, "<blockquote>");
    zhei_export_html_escape_str(b, e->quote);
    zhe_buf_puts(b, "</blockquote><p>");
    if (e->outlet) {
        zhei_export_html_escape_str(b, e->outlet);
        zhe_buf_puts(b, "：");
    }
    if (zhei_export_web_url(e->url)) {
        zhe_buf_puts(b, "<a href=\"");
        zhei_export_html_escape_str(b, e->url);
        zhe_buf_puts(b, "\">");
        zhei_export_html_escape_str(b, e->title ? e->title : e->url);
        zhe_buf_puts(b, "</a>");
    } else {
        zhei_export_html_escape_str(b, e->title);
    }
    if (e->published) {
        zhe_buf_puts(b, ", ");
        zhei_export_html_escape_str(b, e->published);
    }
    zhe_buf_puts(b, "</p>");
}

/* The group (a row of TimelineJS) e goes in, or NULL for none. */
static const char *S_group(const zhe_stored_event *e, zhe_export_group g)
{
    const char *type = zhei_export_type_word(e->type, "");
    switch (g) {
    case ZHE_GROUP_NONE: return NULL;
    case ZHE_GROUP_CHIP: return e->n_chips ? e->chips[0] : type;
    case ZHE_GROUP_VENDOR: return e->n_chips && e->vendors[0] ? e->vendors[0] : type;
    default: return type;
    }
}

/* One event as a TimelineJS slide (the caller owns it): its start (and
 * end, for a week, a quarter, a half or a season), display date, headline,
 * text, group (its first chip, or its type) and unique id; NULL for an
 * undated event. */
static json_t *S_tl_event(const zhe_stored_event *e, zhe_export_group g)
{
    json_t *o = json_object();
    json_t *start = S_tl_date(e->timex, e->mod, e->start);
    if (!start) {
        json_decref(o);
        return NULL;    /* TimelineJS has no place for an undated event */
    }
    json_object_set_new(o, "start_date", start);
    zhei_export_precision p = zhei_export_timex_precision(e->timex);
    if (e->end && p != ZHEI_EXPORT_P_DAY && p != ZHEI_EXPORT_P_MONTH && p != ZHEI_EXPORT_P_YEAR) {
        json_t *end = S_tl_date(e->timex, e->mod, e->end);
        if (end) json_object_set_new(o, "end_date", end);
    }
    zhe_buf b = ZHE_BUF_INIT;
    zhei_export_date_text(&b, e->timex, e->mod);
    json_object_set_new(o, "display_date", json_string(b.ptr));
    zhe_buf_truncate(&b, 0);
    json_t *text = json_object();
    zhei_export_headline(&b, e);
    json_object_set_new(text, "headline", json_string(b.ptr));
    zhe_buf_truncate(&b, 0);
    S_tl_text(&b, e);
    json_object_set_new(text, "text", json_string(b.ptr));
    json_object_set_new(o, "text", text);
    const char *group = S_group(e, g);
    if (group) json_object_set_new(o, "group", json_string(group));
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

/* ------------------------------------------------------------ the JSON */

/* What AUTO groups by for the kept events: their first chips when there
 * are at most six of them, else their type. */
static zhe_export_group S_auto_group(const zhei_export_run *r)
{
    const char *seen[6];
    size_t n = 0;
    for (size_t i = 0; i < r->n_kept; i++) {
        const zhei_export_event *e = &r->kept[i];
        if (!e->n_chips) continue;
        size_t k = 0;
        while (k < n && strcmp(seen[k], e->chips[0]) != 0) k++;
        if (k < n) continue;
        if (n == 6) return ZHE_GROUP_TYPE;
        seen[n++] = e->chips[0];
    }
    return ZHE_GROUP_CHIP;
}

/* The whole TimelineJS file, at the end: a title slide (the title, the
 * number of events it shows, how many undated ones it leaves out, the
 * filters) and a slide per dated event. */
static zhe_status S_json_finish(zhei_export_run *r, zhe_error *err)
{
    json_t *root = json_object(), *events = json_array();
    json_t *title = json_object(), *text = json_object();
    zhe_export_group g = r->opt.group ? r->opt.group : S_auto_group(r);
    for (size_t i = 0; i < r->n_kept; i++) {
        zhe_stored_event e;
        zhei_export_event_view(&r->kept[i], &e);
        json_t *o = S_tl_event(&e, g);
        if (o) json_array_append_new(events, o);
    }
    size_t shown = json_array_size(events);
    zhe_buf b = ZHE_BUF_INIT;
    zhei_export_html_escape_str(&b, r->opt.title);
    json_object_set_new(text, "headline", json_string(b.ptr ? b.ptr : ""));
    zhe_buf_truncate(&b, 0);
    zhe_buf_printf(&b, "%zu 个事件", shown);
    if (r->n_kept > shown)
        zhe_buf_printf(&b, "（另有 %zu 个日期不详的事件未列入）", r->n_kept - shown);
    if (r->opt.filters) {
        zhe_buf_puts(&b, " · ");
        zhei_export_html_escape_str(&b, r->opt.filters);
    }
    json_object_set_new(text, "text", json_string(b.ptr));
    zhe_buf_clear(&b);
    json_object_set_new(title, "text", text);
    json_object_set_new(root, "title", title);
    json_object_set_new(root, "events", events);
    zhe_buf line = ZHE_BUF_INIT;
    zhe_status s = zhei_export_json_write(r->out, &line, root, JSON_INDENT(2), err);
    zhe_buf_clear(&line);
    return s;
}

const zhei_export_format zhei_export_format_timelinejs = {
    .name = "timelinejs",
    .keeps = 1,
    .finish = S_json_finish,
};

/* ----------------------------------------------------------- the sheet */

/* The TimelineJS sheet: its 18 columns, in its order. */
static const char S_sheet_header[] =
    "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,"
    "Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background";

/* One event's row, into b; nothing for an undated event. */
static void S_sheet_row(const zhei_export_run *r, zhe_buf *b, const zhe_stored_event *e)
{
    json_t *start = S_tl_date(e->timex, e->mod, e->start);
    if (!start) return;
    json_t *end = NULL;
    zhei_export_precision p = zhei_export_timex_precision(e->timex);
    if (e->end && p != ZHEI_EXPORT_P_DAY && p != ZHEI_EXPORT_P_MONTH && p != ZHEI_EXPORT_P_YEAR)
        end = S_tl_date(e->timex, e->mod, e->end);
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
    zhei_export_date_text(&t, e->timex, e->mod);
    zhei_export_csv_cell(b, t.ptr, 0);
    zhe_buf_truncate(&t, 0);
    zhei_export_headline(&t, e);
    zhei_export_csv_cell(b, t.ptr, 0);
    zhe_buf_truncate(&t, 0);
    S_tl_text(&t, e);
    zhei_export_csv_cell(b, t.ptr, 0);
    zhe_buf_puts(b, ",,,,");    /* Media, Media Credit, Media Caption, Media Thumbnail */
    zhe_buf_putc(b, ',');       /* Type */
    zhei_export_csv_cell(b, S_group(e, r->opt.group ? r->opt.group : ZHE_GROUP_TYPE), 0);
    zhe_buf_puts(b, ",\r\n");   /* Background */
    zhe_buf_clear(&t);
    json_decref(start);
    json_decref(end);
}

/* The sheet's title slide, first: a row of Type "title" with the title
 * and the filters (the sheet cannot count what follows it). */
static void S_sheet_begin(zhei_export_run *r)
{
    zhe_buf b = ZHE_BUF_INIT, t = ZHE_BUF_INIT;
    zhe_buf_puts(&b, ",,,,,,,,");   /* no date: Year … End Time; no Display Date */
    zhei_export_html_escape_str(&t, r->opt.title);
    zhei_export_csv_cell(&b, t.ptr ? t.ptr : "", 0);
    zhe_buf_truncate(&t, 0);
    if (r->opt.filters) zhei_export_html_escape_str(&t, r->opt.filters);
    zhei_export_csv_cell(&b, t.ptr ? t.ptr : "", 0);
    zhe_buf_puts(&b, ",,,,,title,,\r\n");  /* Media … Thumbnail, Type, Group, Background */
    fwrite(b.ptr, 1, b.len, r->out);
    zhe_buf_clear(&b);
    zhe_buf_clear(&t);
}

const zhei_export_format zhei_export_format_timelinejs_csv = {
    .name = "timelinejs-csv",
    .keeps = 0,
    .header = S_sheet_header,
    .begin = S_sheet_begin,
    .row = S_sheet_row,
};
