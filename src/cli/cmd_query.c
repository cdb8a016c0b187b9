/*
** cmd_query.c — `zhevents query`: the events the database holds, in time
** order (undated last), selected by chip, type, dates, vendor and
** confidence, for a reporter asking "every H100 price in 2023":
**
**   table   one line per event, quote shortened (the default on a terminal)
**   jsonl   one event object per line (the default otherwise)
**   json    one array of event objects
**   csv     RFC 4180 (CRLF, quotes doubled), one row per event; cells that
**           a spreadsheet would run as a formula get a leading '
**
** An event object: {"type", "date": {"timex", "mod", "start", "end",
** "basis"}, "chips", "vendors", "money": {"amount", "high"?, "currency",
** "qualifier"} | null, "quantity": {"amount", "high"?, "unit"} | null,
** "quote", "title", "article", "article_id", "url", "published",
** "confidence", "rule", "key"}.
*/
#include "cli.h"

#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { OPT_DB = 256 };

static const struct option S_options[] = {
    ZHE_CLI_FILTER_OPTIONS,
    { "db", required_argument, NULL, OPT_DB },
    { "format", required_argument, NULL, 'f' },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 },
};

typedef enum { S_TABLE, S_JSONL, S_JSON, S_CSV } S_format;

typedef struct {
    S_format format;
    json_t *array;      /* json: the events so far */
    size_t n;
} S_out;

static json_t *S_str(const char *s)
{
    return s ? json_string(s) : json_null();
}

/* A number as JSON: an integer when it is one (265000, not 265000.0). */
static json_t *S_number(double v)
{
    if (fabs(v) < 9e15 && v == floor(v)) return json_integer((json_int_t)v);
    return json_real(v);
}

static json_t *S_event_json(const zhe_store_event *e)
{
    json_t *o = json_object();
    json_object_set_new(o, "type", S_str(e->type));
    json_t *d = json_object();
    json_object_set_new(d, "timex", S_str(e->timex));
    json_object_set_new(d, "mod", S_str(e->mod));
    json_object_set_new(d, "start", S_str(e->start));
    json_object_set_new(d, "end", S_str(e->end));
    json_object_set_new(d, "basis", S_str(e->basis));
    json_object_set_new(o, "date", d);
    json_t *chips = json_array(), *vendors = json_array();
    for (size_t i = 0; i < e->n_chips; i++) {
        json_array_append_new(chips, S_str(e->chips[i]));
        json_array_append_new(vendors, S_str(e->vendors[i]));
    }
    json_object_set_new(o, "chips", chips);
    json_object_set_new(o, "vendors", vendors);
    if (!isnan(e->amount)) {
        json_t *m = json_object();
        json_object_set_new(m, "amount", S_number(e->amount));
        if (!isnan(e->high)) json_object_set_new(m, "high", S_number(e->high));
        json_object_set_new(m, "currency", S_str(e->currency));
        json_object_set_new(m, "qualifier", S_str(e->qualifier));
        json_object_set_new(o, "money", m);
    } else {
        json_object_set_new(o, "money", json_null());
    }
    if (!isnan(e->quantity)) {
        json_t *m = json_object();
        json_object_set_new(m, "amount", S_number(e->quantity));
        if (!isnan(e->quantity_high))
            json_object_set_new(m, "high", S_number(e->quantity_high));
        json_object_set_new(m, "unit", S_str(e->unit));
        json_object_set_new(o, "quantity", m);
    } else {
        json_object_set_new(o, "quantity", json_null());
    }
    json_object_set_new(o, "quote", S_str(e->quote));
    json_object_set_new(o, "title", S_str(e->title));
    json_object_set_new(o, "article", S_str(e->article));
    json_object_set_new(o, "article_id", json_integer((json_int_t)e->article_id));
    json_object_set_new(o, "url", S_str(e->url && *e->url ? e->url : NULL));
    json_object_set_new(o, "published", S_str(e->published));
    json_object_set_new(o, "confidence", json_real(e->confidence));
    json_object_set_new(o, "rule", S_str(e->rule));
    json_object_set_new(o, "key", S_str(e->key));
    return o;
}

/* A number as text: "265000", "1.5", "" for NAN. */
static void S_fmt_num(double v, char out[32])
{
    if (isnan(v)) out[0] = '\0';
    else if (fabs(v) < 9e15 && v == floor(v)) snprintf(out, 32, "%.0f", v);
    else snprintf(out, 32, "%.15g", v);
}

/* One CSV cell, quoted when it must be, a formula defused. */
static void S_csv(const char *s, int last)
{
    if (!s) s = "";
    int formula = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
                  s[0] == '\r';
    if (formula || strpbrk(s, ",\"\r\n")) {
        putchar('"');
        if (formula) putchar('\'');
        for (const char *p = s; *p; p++) {
            if (*p == '"') putchar('"');
            putchar(*p);
        }
        putchar('"');
    } else {
        fputs(s, stdout);
    }
    fputs(last ? "\r\n" : ",", stdout);
}

static const char *const S_csv_head[] = {
    "start", "end", "timex", "mod", "date_basis", "type", "chips", "vendors", "amount",
    "amount_high", "currency", "qualifier", "quantity", "quantity_high", "unit",
    "confidence", "rule", "key", "article_id", "article", "title", "url", "quote",
};

static void S_csv_row(const zhe_store_event *e)
{
    zhe_buf chips = ZHE_BUF_INIT, vendors = ZHE_BUF_INIT;
    for (size_t i = 0; i < e->n_chips; i++) {
        if (i) zhe_buf_putc(&chips, ';'), zhe_buf_putc(&vendors, ';');
        zhe_buf_puts(&chips, e->chips[i]);
        zhe_buf_puts(&vendors, e->vendors[i] ? e->vendors[i] : "");
    }
    char a[32], ah[32], q[32], qh[32], conf[32], id[32];
    S_fmt_num(e->amount, a);
    S_fmt_num(e->high, ah);
    S_fmt_num(e->quantity, q);
    S_fmt_num(e->quantity_high, qh);
    snprintf(conf, sizeof conf, "%g", e->confidence);
    snprintf(id, sizeof id, "%lld", (long long)e->article_id);
    const char *cells[] = {
        e->start, e->end, e->timex, e->mod, e->basis, e->type,
        chips.len ? chips.ptr : "", vendors.len ? vendors.ptr : "", a, ah, e->currency,
        e->qualifier, q, qh, e->unit, conf, e->rule, e->key, id, e->article, e->title, e->url,
        e->quote,
    };
    for (size_t i = 0; i < ZHE_CLI_ARRAY_LEN(cells); i++)
        S_csv(cells[i], i + 1 == ZHE_CLI_ARRAY_LEN(cells));
    zhe_buf_clear(&chips);
    zhe_buf_clear(&vendors);
}

/* Widths of the table's columns; the quote takes what is left of 120. */
enum { W_DATE = 16, W_TYPE = 14, W_CHIPS = 18, W_MONEY = 22, W_QTY = 12, W_QUOTE = 40 };

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
    fputs("  QUOTE\n", stdout);
}

static void S_table_row(const zhe_store_event *e)
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
    const char *q = e->quote ? e->quote : "";
    zhe_cli_put_cell(stdout, q, strlen(q), W_QUOTE, 0);
    putchar('\n');
    zhe_buf_clear(&b);
}

static int S_event(void *ctx, const zhe_store_event *e)
{
    S_out *o = ctx;
    o->n++;
    switch (o->format) {
    case S_TABLE: S_table_row(e); break;
    case S_CSV: S_csv_row(e); break;
    case S_JSON: json_array_append_new(o->array, S_event_json(e)); break;
    case S_JSONL: {
        json_t *j = S_event_json(e);
        int bad = json_dumpf(j, stdout, JSON_COMPACT | JSON_REAL_PRECISION(15)) != 0;
        json_decref(j);
        if (bad || putchar('\n') == EOF) return 1;
        break;
    }
    }
    return ferror(stdout) != 0;
}

int zhe_cmd_query(int argc, char **argv)
{
    zhe_cli_filter cf;
    zhe_cli_filter_init(&cf);
    const char *db = NULL, *format = NULL;
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "f:h", S_options, NULL)) != -1) {
        int taken = zhe_cli_filter_option("query", &cf, c, optarg);
        if (taken > 0) return taken;
        if (taken < 0) continue;
        switch (c) {
        case OPT_DB: db = optarg; break;
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
    S_out o = { zhe_cli_stdout_tty() ? S_TABLE : S_JSONL, NULL, 0 };
    if (format) {
        if (!strcmp(format, "table")) o.format = S_TABLE;
        else if (!strcmp(format, "jsonl")) o.format = S_JSONL;
        else if (!strcmp(format, "json")) o.format = S_JSON;
        else if (!strcmp(format, "csv")) o.format = S_CSV;
        else
            return zhe_cli_usage_error("query", "unknown format '%s' (known: table, csv, json, "
                                                "jsonl)", format);
    }

    zhe_store *store;
    int rc = zhe_cli_store_open_read("query", db, &store);
    if (rc >= 0) return rc;
    if (o.format == S_TABLE) S_table_head();
    if (o.format == S_CSV)
        for (size_t i = 0; i < ZHE_CLI_ARRAY_LEN(S_csv_head); i++)
            S_csv(S_csv_head[i], i + 1 == ZHE_CLI_ARRAY_LEN(S_csv_head));
    if (o.format == S_JSON) o.array = json_array();
    zhe_error err;
    zhe_status st = zhe_store_query(store, &cf.f, S_event, &o, &err);
    zhe_store_close(store, NULL);
    if (st == ZHE_OK && o.format == S_JSON) {
        if (json_dumpf(o.array, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(15)) != 0 ||
            putchar('\n') == EOF)
            st = zhe_error_set(&err, ZHE_ERR_IO, NULL, 0, UINT64_MAX, "cannot write the output");
    }
    json_decref(o.array);
    if (st == ZHE_OK && (fflush(stdout) != 0 || ferror(stdout)))
        st = zhe_error_set(&err, ZHE_ERR_IO, NULL, 0, UINT64_MAX, "cannot write the output");
    if (st != ZHE_OK) {
        fprintf(stderr, "zhevents query: %s\n", err.message);
        return zhe_cli_store_exit(st);
    }
    return ZHE_EXIT_OK;
}
