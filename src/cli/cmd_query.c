/*
** cmd_query.c — `zhevents query`: the events the database holds, in time
** order (undated last), selected by chip, type, dates, vendor and
** confidence, for a reporter asking "every H100 price in 2023":
**
**   table   one line per event, quote shortened (the default on a terminal)
**   jsonl   one event object per line (the default otherwise)
**   json    one array of event objects
**   csv     RFC 4180, one row per event, formula cells neutralized
**
** The last three are the exporter's (src/export/), the same as `zhevents
** timeline --format csv|json|jsonl` writes.
*/
#include "cli.h"

#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { OPT_DB = 256, OPT_BOM };

static const struct option S_options[] = {
    ZHE_CLI_FILTER_OPTIONS,
    { "db", required_argument, NULL, OPT_DB },
    { "bom", no_argument, NULL, OPT_BOM },
    { "format", required_argument, NULL, 'f' },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 },
};

/* The table is this command's; the other formats are the exporter's, as
 * `zhevents timeline` writes them. */
typedef struct {
    int table;
    zhe_exporter *x;
} S_out;

/* A number as text: "265000", "1.5", "" for NAN. */
static void S_fmt_num(double v, char out[32])
{
    if (isnan(v)) out[0] = '\0';
    else if (fabs(v) < 9e15 && v == floor(v)) snprintf(out, 32, "%.0f", v);
    else snprintf(out, 32, "%.15g", v);
}

/* Widths of the table's columns; the quote takes what is left of 120. */
enum { W_DATE = 16, W_TYPE = 14, W_CHIPS = 18, W_MONEY = 22, W_QTY = 12, W_MEANS = 18,
       W_QUOTE = 40 };

static void S_table_head(void)
{
    zhe_cli_put_cell(stdout, "DATE", 4, W_DATE, 1);
    fputs("  ", stdout);
    zhe_cli_put_cell(stdout, "TYPE", 4, W_TYPE, 1);
    fputs("  ", stdout);
    zhe_cli_put_cell(stdout, "CHIPS", 5, W_CHIPS, 1);
    fputs("  ", stdout);
    zhe_cli_put_cell(stdout, "MONEY", 5, W_MONEY, 1);
    fputs("  ", stdout);
    zhe_cli_put_cell(stdout, "QUANTITY", 8, W_QTY, 1);
    fputs("  ", stdout);
    zhe_cli_put_cell(stdout, "MEANS", 5, W_MEANS, 1);
    fputs("  QUOTE\n", stdout);
}

/* What the event means, where it is not a plain fact of one chip:
 * "server/8", "chip/hour", "grey", "expected", "negative", joined by ",". */
static void S_means(zhe_buf *b, const zhe_stored_event *e)
{
    if (e->per && (strcmp(e->per, "chip") != 0 || e->period)) zhe_buf_puts(b, e->per);
    if (e->chips_per_unit) zhe_buf_printf(b, "/%u", e->chips_per_unit);
    if (e->period) zhe_buf_printf(b, "/%s", e->period);
    const char *more[] = {e->market, e->modality && strcmp(e->modality, "asserted") ? e->modality : NULL,
                          e->polarity && strcmp(e->polarity, "positive") ? e->polarity : NULL};
    for (size_t i = 0; i < sizeof more / sizeof *more; i++)
        if (more[i]) zhe_buf_printf(b, "%s%s", b->len ? "," : "", more[i]);
}

static void S_table_row(const zhe_stored_event *e)
{
    zhe_buf b = ZHE_BUF_INIT;
    if (e->timex) zhe_buf_printf(&b, "%s%s%s", e->timex, e->mod ? " " : "", e->mod ? e->mod : "");
    else zhe_buf_puts(&b, "undated");
    zhe_cli_put_cell(stdout, b.ptr, b.len, W_DATE, 1);
    fputs("  ", stdout);
    zhe_cli_put_cell(stdout, e->type, strlen(e->type), W_TYPE, 1);
    fputs("  ", stdout);
    zhe_buf_truncate(&b, 0);
    for (size_t i = 0; i < e->n_chips; i++) zhe_buf_printf(&b, "%s%s", i ? "," : "", e->chips[i]);
    zhe_cli_put_cell(stdout, b.len ? b.ptr : "", b.len, W_CHIPS, 1);
    fputs("  ", stdout);
    zhe_buf_truncate(&b, 0);
    char n1[32], n2[32];
    if (!isnan(e->amount)) {
        S_fmt_num(e->amount, n1);
        S_fmt_num(e->high, n2);
        zhe_buf_printf(&b, "%s%s%s %s", n1, *n2 ? "-" : "", n2, e->currency ? e->currency : "");
    }
    zhe_cli_put_cell(stdout, b.len ? b.ptr : "", b.len, W_MONEY, 1);
    fputs("  ", stdout);
    zhe_buf_truncate(&b, 0);
    if (!isnan(e->quantity)) {
        S_fmt_num(e->quantity, n1);
        S_fmt_num(e->quantity_high, n2);
        zhe_buf_printf(&b, "%s%s%s%s", n1, *n2 ? "-" : "", n2, e->unit ? e->unit : "");
    }
    zhe_cli_put_cell(stdout, b.len ? b.ptr : "", b.len, W_QTY, 1);
    fputs("  ", stdout);
    zhe_buf_truncate(&b, 0);
    S_means(&b, e);
    zhe_cli_put_cell(stdout, b.len ? b.ptr : "", b.len, W_MEANS, 1);
    fputs("  ", stdout);
    const char *q = e->quote ? e->quote : "";
    zhe_cli_put_cell(stdout, q, strlen(q), W_QUOTE, 0);
    putchar('\n');
    zhe_buf_clear(&b);
}

static int S_event(void *ctx, const zhe_stored_event *e)
{
    S_out *o = ctx;
    zhe_error err;
    if (!o->table) return zhe_exporter_add(o->x, e, &err) != ZHE_OK;
    S_table_row(e);
    return ferror(stdout) != 0;
}

int zhe_cmd_query(int argc, char **argv)
{
    zhe_cli_filter cf;
    zhe_cli_filter_init(&cf);
    const char *db = NULL, *format = NULL;
    zhe_export_options xo = { NULL, NULL, 0, 0, ZHE_GROUP_AUTO };
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "f:h", S_options, NULL)) != -1) {
        int taken = zhe_cli_filter_option("query", &cf, c, optarg);
        if (taken > 0) return taken;
        if (taken < 0) continue;
        switch (c) {
        case OPT_DB: db = optarg; break;
        case OPT_BOM: xo.bom = 1; break;
        case 'f': format = optarg; break;
        case 'h': {
            char *help_argv[] = { "help", "query", NULL };
            return zhe_cmd_help(2, help_argv);
        }
        default:
            return zhe_cli_usage_error("query", "unknown option or missing value: '%s'",
                                       argv[optind - 1]);
        }
    }
    if (optind < argc)
        return zhe_cli_usage_error("query", "unexpected argument '%s'", argv[optind]);
    int bad = zhe_cli_filter_resolve("query", &cf);
    if (bad >= 0) return bad;
    S_out o = { zhe_cli_stdout_tty(), NULL };
    zhe_export_format fmt = ZHE_EXPORT_JSONL;
    if (format) {
        o.table = !strcmp(format, "table");
        fmt = zhe_export_format_parse(format);
        if (!o.table && fmt != ZHE_EXPORT_JSONL && fmt != ZHE_EXPORT_JSON &&
            fmt != ZHE_EXPORT_CSV)
            return zhe_cli_usage_error("query", "unknown format '%s' (known: table, csv, json, "
                                                "jsonl; more with zhevents timeline)", format);
    }

    zhe_store *store;
    int rc = zhe_cli_store_open_read("query", db, &store);
    if (rc >= 0) return rc;
    zhe_error err;
    zhe_status st = ZHE_OK;
    if (o.table) S_table_head();
    else st = zhe_exporter_new(fmt, &xo, stdout, &o.x, &err);
    if (st == ZHE_OK) st = zhe_store_query(store, &cf.f, S_event, &o, &err);
    zhe_store_close(store, NULL);
    zhe_error ferr;
    if (o.x && zhe_exporter_finish(o.x, &ferr) != ZHE_OK && st == ZHE_OK) {
        st = ZHE_ERR_IO;
        err = ferr;
    }
    if (st == ZHE_OK && (fflush(stdout) != 0 || ferror(stdout)))
        st = zhe_error_set(&err, ZHE_ERR_IO, NULL, 0, UINT64_MAX, "cannot write the output");
    if (st != ZHE_OK) {
        fprintf(stderr, "zhevents query: %s\n", err.message);
        return zhe_cli_store_exit(st);
    }
    return ZHE_EXIT_OK;
}
