/*
** flourish.c — the flourish format: a CSV table for Flourish's (or
** Datawrapper's) timeline templates, a row per event written as it comes:
** Start time, End time, Category (the type in Chinese), Title (the
** headline) and Text (the quote and its source).  Cells go through
** zhei_export_csv_cell; export.c writes the header row.
*/
#include "export_int.h"

#include <string.h>

/* The columns Flourish's timeline template takes. */
static const char S_header[] = "Start time,End time,Category,Title,Text";

/* One event's row, into b: its start, its end when it differs, its type
 * in Chinese, the headline, and the quote with its source. */
static void S_row(const zhei_export_run *r, zhe_buf *b, const zhe_stored_event *e)
{
    (void)r;
    zhe_buf t = ZHE_BUF_INIT;
    zhei_export_csv_cell(b, e->start, 1);
    zhei_export_csv_cell(b, e->end && e->start && strcmp(e->end, e->start) != 0 ? e->end : NULL, 0);
    zhei_export_csv_cell(b, zhei_export_type_word(e->type, ""), 0);
    zhei_export_headline(&t, e);
    zhei_export_csv_cell(b, t.ptr, 0);
    zhe_buf_truncate(&t, 0);
    zhe_buf_puts(&t, e->quote ? e->quote : "");
    if (e->title || e->outlet)
        zhe_buf_printf(&t, " (%s%s%s%s%s)", e->outlet ? e->outlet : "",
                       e->outlet && e->title ? "：" : "", e->title ? e->title : "",
                       e->published ? ", " : "", e->published ? e->published : "");
    zhei_export_csv_cell(b, t.ptr, 0);
    zhe_buf_puts(b, "\r\n");
    zhe_buf_clear(&t);
}

const zhei_export_format zhei_export_format_flourish = {
    .name = "flourish",
    .keeps = 0,
    .header = S_header,
    .row = S_row,
};
