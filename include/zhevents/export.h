/*
** zhevents/export.h — timelines for reporters: the events a query selects,
** written as CSV, JSON, TimelineJS, Flourish/Datawrapper tables, a Markdown
** chronology or one self-contained HTML page with charts.  An exporter
** takes the events zhe_store_query hands out, one at a time:
**
**     static int on_event(void *x, const zhe_stored_event *ev)
**     {
**         return zhe_exporter_add(x, ev, NULL) != ZHE_OK;
**     }
**     zhe_export_options opt = { "H100 价格", NULL, 0, 0, ZHE_GROUP_AUTO };
**     zhe_exporter *x;
**     if (zhe_exporter_new(ZHE_EXPORT_CSV, &opt, stdout, &x, &err) != ZHE_OK) return 2;
**     zhe_store_query(st, &filter, on_event, x, &err);   // st: opened readonly
**     zhe_exporter_finish(x, &err);         // writes what is left, frees x
**
** csv, jsonl, flourish and timelinejs-csv write each event as it comes, in
** constant memory; json, timelinejs, prices-wide, md and html keep the
** events (their strings copied) until finish.  Everything taken from
** articles is escaped for the format it goes into; CSV cells that a
** spreadsheet would run as a formula (= + - @ first) are neutralized.
*/
#ifndef ZHEVENTS_EXPORT_H
#define ZHEVENTS_EXPORT_H

#if !defined(ZHEVENTS_H_IN) && !defined(ZHEVENTS_COMPILATION)
#error "Only <zhevents/zhevents.h> can be included directly."
#endif

#include <stdio.h>

#include <zhevents/store.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum zhe_export_format {
    ZHE_EXPORT_CSV = 1,         /* one row per event, RFC 4180 */
    ZHE_EXPORT_JSON,            /* one array of events */
    ZHE_EXPORT_JSONL,           /* one event a line */
    ZHE_EXPORT_TIMELINEJS,      /* TimelineJS 3 JSON: {"title", "events": […]} */
    ZHE_EXPORT_TIMELINEJS_CSV,  /* the TimelineJS Google Sheet's 18 columns */
    ZHE_EXPORT_FLOURISH,        /* Start time, End time, Category, Title, Text */
    ZHE_EXPORT_PRICES_WIDE,     /* a row per month, a column per chip: median CNY */
    ZHE_EXPORT_MD,              /* a chronology by month, for drafting */
    ZHE_EXPORT_HTML             /* one self-contained page: charts and the list */
} zhe_export_format;

#define ZHE_EXPORT_FORMAT_MAX ZHE_EXPORT_HTML

/** "csv", "json", "jsonl", "timelinejs", "timelinejs-csv", "flourish",
 *  "prices-wide", "md", "html"; NULL outside the enum. */
ZHE_API const char *zhe_export_format_str(zhe_export_format f);
/** The format named s, or 0. */
ZHE_API zhe_export_format zhe_export_format_parse(const char *s);

/* What TimelineJS groups events by: AUTO is a chip's when the events
 * name at most six chips (their first), else their type; the sheet,
 * written as events come, takes TYPE for AUTO. */
typedef enum zhe_export_group {
    ZHE_GROUP_AUTO = 0,
    ZHE_GROUP_TYPE,
    ZHE_GROUP_CHIP,
    ZHE_GROUP_VENDOR,
    ZHE_GROUP_NONE
} zhe_export_group;

typedef struct zhe_export_options {
    const char *title;      /* of the page or document; NULL: "芯片事件时间线 zhevents" */
    const char *filters;    /* the filters used, as the reader should see them, or NULL */
    int bom;                /* csv formats: a UTF-8 byte order mark first (Excel) */
    int internal;           /* html: also the articles' ids and file paths and the
                               linker's confidence, for the newsroom, not the public */
    zhe_export_group group; /* TimelineJS: what its groups (rows) are */
} zhe_export_options;

typedef struct zhe_exporter zhe_exporter;

/** An exporter writing format f to out (borrowed, not closed). */
ZHE_API zhe_status zhe_exporter_new(zhe_export_format f, const zhe_export_options *opt,
                                    FILE *out, zhe_exporter **x, zhe_error *err);
/** Add one event (borrowed: copied when the format keeps it). */
ZHE_API zhe_status zhe_exporter_add(zhe_exporter *x, const zhe_stored_event *ev,
                                    zhe_error *err);
/** Write what the format writes at the end, and free x (also on error). */
ZHE_API zhe_status zhe_exporter_finish(zhe_exporter *x, zhe_error *err);

#ifdef __cplusplus
}
#endif

#endif /* ZHEVENTS_EXPORT_H */
