/*
** export.c — the exporter (see zhevents/export.h): a table of the nine
** formats drives zhe_exporter_new, _add and _finish.  Each format is a row
** defined in its own file (zhei_export_format): its name, its header row
** if it is a CSV table, whether it keeps the events until the end, and its
** steps, begin, event and finish.
**
**   csv, timelinejs-csv, flourish   a header here, then a row per event
**   jsonl                           a line per event
**   json                            the events gathered, written at finish
**   timelinejs, prices-wide, md,    the events kept here (strings copied,
**   html                            event.c), written at finish
**
** This file knows nothing of any format beyond its row; the formats know
** nothing of this file.
*/
#include "export_int.h"

#include <stdlib.h>
#include <string.h>

/* The formats, by zhe_export_format. */
static const zhei_export_format *const S_formats[ZHE_EXPORT_FORMAT_MAX + 1] = {
    [ZHE_EXPORT_CSV] = &zhei_export_format_csv,
    [ZHE_EXPORT_JSON] = &zhei_export_format_json,
    [ZHE_EXPORT_JSONL] = &zhei_export_format_jsonl,
    [ZHE_EXPORT_TIMELINEJS] = &zhei_export_format_timelinejs,
    [ZHE_EXPORT_TIMELINEJS_CSV] = &zhei_export_format_timelinejs_csv,
    [ZHE_EXPORT_FLOURISH] = &zhei_export_format_flourish,
    [ZHE_EXPORT_PRICES_WIDE] = &zhei_export_format_prices_wide,
    [ZHE_EXPORT_MD] = &zhei_export_format_md,
    [ZHE_EXPORT_HTML] = &zhei_export_format_html,
};

struct zhe_exporter {
    const zhei_export_format *f;
    zhei_export_run run;
    size_t cap_kept;            /* of run.kept */
};

/* The row of format f, or NULL outside the enum. */
static const zhei_export_format *S_format(zhe_export_format f)
{
    return f >= 1 && f <= ZHE_EXPORT_FORMAT_MAX ? S_formats[f] : NULL;
}

const char *zhe_export_format_str(zhe_export_format f)
{
    const zhei_export_format *row = S_format(f);
    return row ? row->name : NULL;
}

zhe_export_format zhe_export_format_parse(const char *s)
{
    for (int f = 1; f <= ZHE_EXPORT_FORMAT_MAX; f++)
        if (strcmp(s, S_formats[f]->name) == 0) return (zhe_export_format)f;
    return (zhe_export_format)0;
}

zhe_status zhe_exporter_new(zhe_export_format f, const zhe_export_options *opt, FILE *out,
                            zhe_exporter **px, zhe_error *err)
{
    *px = NULL;
    const zhei_export_format *row = S_format(f);
    if (!row)
        return zhe_error_set(err, ZHE_ERR_USAGE, NULL, 0, UINT64_MAX, "unknown export format");
    zhe_exporter *x = ZHEI_NEW(zhe_exporter);
    x->f = row;
    if (opt) x->run.opt = *opt;
    if (!x->run.opt.title) x->run.opt.title = "芯片事件时间线 · zhevents";
    x->run.out = out;
    if (row->header) {
        if ((x->run.opt.bom && fputs("\xEF\xBB\xBF", out) == EOF) ||
            fputs(row->header, out) == EOF || fputs("\r\n", out) == EOF) {
            zhe_free(x);
            return zhei_export_write_failed(err);
        }
    }
    if (row->begin) row->begin(&x->run);
    *px = x;
    return ZHE_OK;
}

zhe_status zhe_exporter_add(zhe_exporter *x, const zhe_stored_event *e, zhe_error *err)
{
    if (x->f->row) {
        zhe_buf b = ZHE_BUF_INIT;
        x->f->row(&x->run, &b, e);
        zhe_status s = zhei_export_write(x->run.out, &b, err);
        zhe_buf_clear(&b);
        return s;
    }
    if (!x->f->keeps) return x->f->event(&x->run, e, err);
    zhei_export_run *r = &x->run;
    ZHEI_GROW(&r->kept, &x->cap_kept, r->n_kept + 1);
    zhei_export_event_copy(&r->kept[r->n_kept++], e);
    return ZHE_OK;
}

zhe_status zhe_exporter_finish(zhe_exporter *x, zhe_error *err)
{
    if (!x) return ZHE_OK;
    zhei_export_run *r = &x->run;
    zhe_status s = x->f->finish ? x->f->finish(r, err) : ZHE_OK;
    if ((fflush(r->out) != 0 || ferror(r->out)) && s == ZHE_OK) s = zhei_export_write_failed(err);
    for (size_t i = 0; i < r->n_kept; i++) zhei_export_event_free(&r->kept[i]);
    zhe_free(r->kept);
    zhe_free(x);
    return s;
}
