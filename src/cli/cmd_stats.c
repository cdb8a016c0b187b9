/*
** cmd_stats.c — `zhevents stats`: what a database holds, at a glance:
** totals, the days its events span, events by type, chip and month, and
** rejected inputs by file.
**
**   table   sections of "name  count" lines (the default)
**   json    {"articles", "sentences", "mentions", "events", "rejects",
**           "runs", "first", "last", "type": {…}, "chip": {…},
**           "month": {…}, "reject": {…}}
**   csv     group,name,count rows (RFC 4180, CRLF): the totals under
**           "total", then type, chip, month and reject; --bom puts a byte
**           order mark first, for Excel
*/
#include "cli.h"

#include <getopt.h>
#include <jansson.h>
#include <string.h>

enum { OPT_DB = 256, OPT_BOM };

static const struct option S_options[] = {
    { "db", required_argument, NULL, OPT_DB },
    { "bom", no_argument, NULL, OPT_BOM },
    { "format", required_argument, NULL, 'f' },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 },
};

typedef struct {
    json_t *root;           /* json: the object being built; NULL for table */
    const char *group;      /* table: the section printed last */
    int csv;
} S_out;

static void S_csv_row(const char *group, const char *name, long long n)
{
    zhe_buf b = ZHE_BUF_INIT;
    zhe_cli_csv_cell(&b, group, 1);
    zhe_cli_csv_cell(&b, name, 0);
    zhe_buf_printf(&b, ",%lld\r\n", n);
    fwrite(b.ptr, 1, b.len, stdout);
    zhe_buf_clear(&b);
}

static const char *S_heading(const char *group)
{
    if (!strcmp(group, "type")) return "events by type";
    if (!strcmp(group, "chip")) return "events by chip";
    if (!strcmp(group, "month")) return "events by month (a coarser date by its period)";
    return "rejected inputs by file";
}

static int S_count(void *ctx, const char *group, const char *name, int64_t n)
{
    S_out *o = ctx;
    if (o->csv) {
        S_csv_row(group, name, (long long)n);
        return ferror(stdout) != 0;
    }
    if (o->root) {
        json_t *g = json_object_get(o->root, group);
        if (!g) {
            g = json_object();
            json_object_set_new(o->root, group, g);
        }
        json_object_set_new(g, name, json_integer((json_int_t)n));
        return 0;
    }
    if (!o->group || strcmp(o->group, group) != 0) {
        printf("\n%s:\n", S_heading(group));
        o->group = group;
    }
    fputs("  ", stdout);
    zhe_cli_put_cell(stdout, name, strlen(name), 40, 1);
    printf("  %lld\n", (long long)n);
    return ferror(stdout) != 0;
}

int zhe_cmd_stats(int argc, char **argv)
{
    const char *db = NULL, *format = NULL;
    int bom = 0;
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "f:h", S_options, NULL)) != -1) {
        switch (c) {
        case OPT_DB: db = optarg; break;
        case OPT_BOM: bom = 1; break;
        case 'f': format = optarg; break;
        case 'h': {
            char *help_argv[] = { "help", "stats", NULL };
            return zhe_cmd_help(2, help_argv);
        }
        default:
            return zhe_cli_usage_error("stats", "unknown option or missing value: '%s'",
                                       argv[optind - 1]);
        }
    }
    if (optind < argc)
        return zhe_cli_usage_error("stats", "unexpected argument '%s'", argv[optind]);
    int json = 0, csv = 0;
    if (format && !strcmp(format, "json")) json = 1;
    else if (format && !strcmp(format, "csv")) csv = 1;
    else if (format && strcmp(format, "table") != 0)
        return zhe_cli_usage_error("stats", "unknown format '%s' (known: table, json, csv)",
                                   format);

    zhe_store *store;
    int rc = zhe_cli_store_open_read("stats", db, &store);
    if (rc >= 0) return rc;
    S_out o = { json ? json_object() : NULL, NULL, csv };
    /* Each group appears even when empty. */
    if (json)
        for (const char *const *g = (const char *const[]){ "type", "chip", "month", "reject",
                                                            NULL };
             *g; g++)
            json_object_set_new(o.root, *g, json_object());
    zhe_store_totals t;
    zhe_error err;
    zhe_status st = zhe_store_stats(store, &t, NULL, NULL, &err);
    if (st == ZHE_OK && csv) {
        if (bom) fputs("\xEF\xBB\xBF", stdout);
        fputs("group,name,count\r\n", stdout);
        S_csv_row("total", "articles", (long long)t.articles);
        S_csv_row("total", "sentences", (long long)t.sentences);
        S_csv_row("total", "mentions", (long long)t.mentions);
        S_csv_row("total", "events", (long long)t.events);
        S_csv_row("total", "rejects", (long long)t.rejects);
        S_csv_row("total", "runs", (long long)t.runs);
    } else if (st == ZHE_OK && !json) {
        printf("database   %s\narticles   %lld\nsentences  %lld\nmentions   %lld\n"
               "events     %lld\nrejects    %lld\nruns       %lld\nevents from %s to %s\n",
               zhe_store_path(store), (long long)t.articles, (long long)t.sentences,
               (long long)t.mentions, (long long)t.events, (long long)t.rejects,
               (long long)t.runs, *t.first ? t.first : "-", *t.last ? t.last : "-");
    }
    if (st == ZHE_OK) st = zhe_store_stats(store, &t, S_count, &o, &err);
    zhe_store_close(store, NULL);
    if (st == ZHE_OK && json) {
        json_object_set_new(o.root, "articles", json_integer(t.articles));
        json_object_set_new(o.root, "sentences", json_integer(t.sentences));
        json_object_set_new(o.root, "mentions", json_integer(t.mentions));
        json_object_set_new(o.root, "events", json_integer(t.events));
        json_object_set_new(o.root, "rejects", json_integer(t.rejects));
        json_object_set_new(o.root, "runs", json_integer(t.runs));
        json_object_set_new(o.root, "first", *t.first ? json_string(t.first) : json_null());
        json_object_set_new(o.root, "last", *t.last ? json_string(t.last) : json_null());
        if (json_dumpf(o.root, stdout, JSON_INDENT(2)) != 0 || putchar('\n') == EOF)
            st = zhe_error_set(&err, ZHE_ERR_IO, NULL, 0, UINT64_MAX, "cannot write the output");
    }
    json_decref(o.root);
    if (st == ZHE_OK && (fflush(stdout) != 0 || ferror(stdout)))
        st = zhe_error_set(&err, ZHE_ERR_IO, NULL, 0, UINT64_MAX, "cannot write the output");
    if (st != ZHE_OK) {
        fprintf(stderr, "zhevents stats: %s\n", err.message);
        return zhe_cli_store_exit(st);
    }
    return ZHE_EXIT_OK;
}
