/*
** md.c — the md format: a Markdown chronology for drafting, written at the
** end from the kept events.  The title and the filters, the number of
** events, then a heading a month (2023年10月; a coarser period, 2023年第二季度,
** for events known no better; 日期不详 for the undated, which the query
** gives last) and a line an event: its date in bold, its headline, the
** quote, and the source, linked when its URL is a web one.
** Everything taken from the events goes through zhei_export_md_escape.
*/
#include "export_int.h"

#include <stdio.h>
#include <string.h>

/* The chronology, at the end, from the kept events. */
static zhe_status S_finish(zhei_export_run *r, zhe_error *err)
{
    zhe_buf b = ZHE_BUF_INIT;
    zhe_buf_puts(&b, "# ");
    zhei_export_md_escape(&b, r->opt.title);
    zhe_buf_puts(&b, "\n\n");
    if (r->opt.filters) {
        zhe_buf_puts(&b, "筛选：");
        zhei_export_md_escape(&b, r->opt.filters);
        zhe_buf_puts(&b, "  \n");
    }
    zhe_buf_printf(&b, "共 %zu 个事件。\n", r->n_kept);
    char month[64] = "";
    for (size_t i = 0; i < r->n_kept; i++) {
        zhe_stored_event e;
        zhei_export_event_view(&r->kept[i], &e);
        /* the heading: the month, or the coarser period the event has */
        zhe_buf h = ZHE_BUF_INIT;
        zhei_export_precision p = zhei_export_timex_precision(e.timex);
        int y, m;
        if (p == ZHEI_EXPORT_P_NONE || zhei_export_iso_fields(e.start, &y, &m, NULL) < 2) {
            zhe_buf_puts(&h, "日期不详");
        } else if (p == ZHEI_EXPORT_P_DAY || p == ZHEI_EXPORT_P_WEEK || p == ZHEI_EXPORT_P_MONTH) {
            zhe_buf_printf(&h, "%d年%d月", y, m);
        } else {
            zhei_export_date_text(&h, e.timex, NULL);
        }
        if (strcmp(h.ptr, month) != 0) {
            snprintf(month, sizeof month, "%s", h.ptr);
            zhe_buf_puts(&b, "\n## ");
            zhei_export_md_escape(&b, h.ptr);
            zhe_buf_puts(&b, "\n\n");
        }
        zhe_buf_clear(&h);
        zhe_buf_puts(&b, "- **");
        zhe_buf t = ZHE_BUF_INIT;
        zhei_export_date_text(&t, e.timex, e.mod);
        zhei_export_md_escape(&b, t.ptr);
        zhe_buf_puts(&b, "** · ");
        zhe_buf_truncate(&t, 0);
        zhei_export_headline(&t, &e);
        zhei_export_md_escape(&b, t.ptr);
        zhe_buf_clear(&t);
        zhe_buf_puts(&b, "：“");
        zhei_export_md_escape(&b, e.quote);
        zhe_buf_puts(&b, "”（");
        if (e.outlet) {
            zhei_export_md_escape(&b, e.outlet);
            zhe_buf_puts(&b, "：");
        }
        if (zhei_export_web_url(e.url)) {
            zhe_buf_puts(&b, "[");
            zhei_export_md_escape(&b, e.title ? e.title : e.url);
            zhe_buf_puts(&b, "](<");
            zhei_export_md_url(&b, e.url);
            zhe_buf_puts(&b, ">)");
        } else {
            zhei_export_md_escape(&b, e.title ? e.title : "");
        }
        if (e.published) {
            zhe_buf_puts(&b, "，");
            zhei_export_md_escape(&b, e.published);
        }
        zhe_buf_puts(&b, "）\n");
    }
    zhe_status s = zhei_export_write(r->out, &b, err);
    zhe_buf_clear(&b);
    return s;
}

const zhei_export_format zhei_export_format_md = {
    .name = "md",
    .keeps = 1,
    .finish = S_finish,
};
