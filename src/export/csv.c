/*
** csv.c — the csv format: one row per event (RFC 4180, CRLF line ends),
** written as the event comes, in constant memory.  The columns name the
** event's date (start, end, timex and its precision), type, chips, money
** (as printed and in yuan), count, what it means (per, chips_per_unit,
** period, market, modality, polarity), whether only the headline tells
** it, the articles that report its fact (--facts), quote, the outlet and the article
** (title, url, published), confidence and key; money's qualifier (approx,
** at_least …) beside its amount;
** every cell goes through zhei_export_csv_cell, so a cell that a spreadsheet
** would run as a formula opens as text.  export.c writes the header row
** (after a byte order mark with --bom).
*/
#include "export_int.h"

#include <math.h>

/* A number cell: empty for NAN. */
static void S_cell_num(zhe_buf *b, double v)
{
    zhe_buf_putc(b, ',');
    if (!isnan(v)) zhei_export_number(b, v);
}

/* The columns, in their order. */
static const char S_header[] =
    "date,end,timex,precision,type,chips,amount,amount_high,currency,qualifier,amount_cny,"
    "quantity,quantity_high,unit,per,chips_per_unit,period,market,modality,polarity,headline,"
    "sources,quote,outlet,title,url,published,confidence,key,review";

/* One event's row, into b. */
static void S_row(const zhei_export_run *r, zhe_buf *b, const zhe_stored_event *e)
{
    (void)r;
    zhe_buf tmp = ZHE_BUF_INIT;
    zhei_export_csv_cell(b, e->start, 1);
    zhei_export_csv_cell(b, e->end, 0);
    zhei_export_csv_cell(b, e->timex, 0);
    zhei_export_csv_cell(b, zhei_export_precision_name(zhei_export_timex_precision(e->timex)), 0);
    zhei_export_csv_cell(b, e->type, 0);
    zhei_export_chips_join(&tmp, e, ";");
    zhei_export_csv_cell(b, tmp.ptr ? tmp.ptr : "", 0);
    S_cell_num(b, e->amount);
    S_cell_num(b, e->high);
    zhei_export_csv_cell(b, e->currency, 0);
    zhei_export_csv_cell(b, e->qualifier, 0);
    S_cell_num(b, e->amount_cny);
    S_cell_num(b, e->quantity);
    S_cell_num(b, e->quantity_high);
    zhei_export_csv_cell(b, e->unit, 0);
    zhei_export_csv_cell(b, e->per, 0);
    S_cell_num(b, e->chips_per_unit ? (double)e->chips_per_unit : NAN);
    zhei_export_csv_cell(b, e->period, 0);
    zhei_export_csv_cell(b, e->market, 0);
    zhei_export_csv_cell(b, e->modality, 0);
    zhei_export_csv_cell(b, e->polarity, 0);
    zhe_buf_printf(b, ",%d", e->headline != 0);
    S_cell_num(b, e->sources ? (double)e->sources : NAN);
    zhei_export_csv_cell(b, e->quote, 0);
    zhei_export_csv_cell(b, e->outlet, 0);
    zhei_export_csv_cell(b, e->title, 0);
    zhei_export_csv_cell(b, e->url, 0);
    zhei_export_csv_cell(b, e->published, 0);
    zhe_buf_printf(b, ",%.2f", e->confidence);
    zhei_export_csv_cell(b, e->key, 0);
    zhei_export_csv_cell(b, e->review, 0);
    zhe_buf_puts(b, "\r\n");
    zhe_buf_clear(&tmp);
}

const zhei_export_format zhei_export_format_csv = {
    .name = "csv",
    .keeps = 0,
    .header = S_header,
    .row = S_row,
};
