/*
** db.c — what the database subcommands (ingest, query, search, stats,
** datasette-metadata) share: opening the store and turning its failures
** into exit codes, the options that select events (query, timeline),
** dates typed on the command line, and the cells of a table printed on a
** terminal, where a Chinese character takes two columns.
*/
#include "cli.h"

#include "../base/base_int.h"   /* the calendar */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int zhe_cli_store_exit(zhe_status st)
{
    switch (st) {
    case ZHE_OK: return ZHE_EXIT_OK;
    case ZHE_ERR_DB:
    case ZHE_ERR_INTERNAL: return ZHE_EXIT_DB;
    case ZHE_ERR_USAGE: return ZHE_EXIT_USAGE;
    default: return ZHE_EXIT_IO;
    }
}

zhe_status zhe_cli_store_put(const char *cmd, zhe_store *store, zhe_record *r,
                             zhe_store_counts *counts, zhe_cli_progress *prog)
{
    zhe_store_outcome outcome = ZHE_STORE_DUPLICATE;
    zhe_error err;
    zhe_status st = zhe_store_put_record(store, r, &outcome, &err);
    if (st != ZHE_OK) {
        zhe_cli_progress_clear(prog);
        fprintf(stderr, "zhevents %s: %s: %s\n", cmd, zhe_record_id(r), err.message);
        return st;
    }
    if (outcome == ZHE_STORE_ADDED)
        counts->added++;
    else if (outcome == ZHE_STORE_REPLACED)
        counts->replaced++;
    else
        counts->duplicate++;
    if (outcome != ZHE_STORE_DUPLICATE) counts->events += zhe_record_n_events(r);
    prog->events = counts->events;
    return ZHE_OK;
}

void zhe_cli_store_summary(const char *cmd, const char *what, const zhe_store_counts *c,
                           const char *db)
{
    fprintf(stderr,
            "zhevents %s: %llu %s read: %llu new, %llu duplicate, %llu replaced; "
            "%llu rejected; %llu events; database %s\n",
            cmd, (unsigned long long)c->read, what, (unsigned long long)c->added,
            (unsigned long long)c->duplicate, (unsigned long long)c->replaced,
            (unsigned long long)c->rejected, (unsigned long long)c->events, db);
}

int zhe_cli_store_open_read(const char *cmd, const char *path, zhe_store **out)
{
    zhe_store_options opt;
    zhe_store_options_init(&opt);
    opt.readonly = 1;
    zhe_error err;
    zhe_status st = zhe_store_open(path ? path : ZHE_CLI_DEFAULT_DB, &opt, out, &err);
    if (st == ZHE_OK) return -1;
    fprintf(stderr, "zhevents %s: %s\n", cmd, err.message);
    return zhe_cli_store_exit(st);
}

/* Columns of code point cp: two for the wide East Asian blocks. */
static size_t S_cols(uint32_t cp)
{
    if (cp < 0x1100) return 1;
    if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
        (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
        (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
        (cp >= 0xFFE0 && cp <= 0xFFE6) || cp >= 0x20000)
        return 2;
    return 1;
}

size_t zhe_cli_width(const char *s, size_t len)
{
    size_t w = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += zhe_utf8_decode(s + i, len - i, &cp);
        w += S_cols(cp);
    }
    return w;
}

void zhe_cli_put_cell(FILE *f, const char *s, size_t len, size_t width, int pad)
{
    size_t w = 0, i = 0;
    int cut = zhe_cli_width(s, len) > width;
    size_t room = cut ? width - 1 : width;     /* one column for "…" */
    while (i < len) {
        uint32_t cp;
        size_t n = zhe_utf8_decode(s + i, len - i, &cp);
        size_t c = S_cols(cp);
        if (w + c > room) break;
        /* Line breaks and tabs would break the table. */
        if (cp == '\n' || cp == '\r' || cp == '\t') fputc(' ', f);
        else fwrite(s + i, 1, n, f);
        w += c;
        i += n;
    }
    if (cut) {
        fputs("…", f);
        w++;
    }
    if (pad)
        for (; w < width; w++) fputc(' ', f);
}

/* The dates --from and --to take are the TIMEX3 values of a year, a
 * month and a day (base/calendar.c reads them strictly). */
int zhe_cli_parse_day(const char *s, int last, char out[11])
{
    zhei_timex t;
    if (!zhei_timex_parse(s, strlen(s), &t) ||
        (t.unit != ZHEI_TIMEX_YEAR && t.unit != ZHEI_TIMEX_MONTH && t.unit != ZHEI_TIMEX_DAY))
        return 0;
    zhei_iso_day_format(last ? zhei_timex_last(&t) : zhei_timex_first(&t), out);
    return 1;
}

int zhe_cli_stdout_tty(void)
{
    return isatty(STDOUT_FILENO);
}

void zhe_cli_filter_init(zhe_cli_filter *cf)
{
    memset(cf, 0, sizeof *cf);
    cf->f.chips = cf->chips;
    cf->f.types = cf->types;
}

int zhe_cli_filter_option(const char *cmd, zhe_cli_filter *cf, int c, const char *arg)
{
    zhe_store_filter *f = &cf->f;
    switch (c) {
    case ZHE_OPT_CHIP:
        if (f->n_chips == ZHE_CLI_ARRAY_LEN(cf->chips))
            return zhe_cli_usage_error(cmd, "too many --chip options");
        cf->chips[f->n_chips++] = arg;
        return -1;
    case ZHE_OPT_TYPE:
        if (!zhe_event_type_parse(arg))
            return zhe_cli_usage_error(cmd, "--type: unknown event type '%s' (known: "
                                            "export_control, price, launch, shipment, "
                                            "capacity)", arg);
        if (f->n_types == ZHE_CLI_ARRAY_LEN(cf->types))
            return zhe_cli_usage_error(cmd, "too many --type options");
        cf->types[f->n_types++] = arg;
        return -1;
    case ZHE_OPT_FROM:
    case ZHE_OPT_TO:
        if (!zhe_cli_parse_day(arg, c == ZHE_OPT_TO, c == ZHE_OPT_TO ? cf->to : cf->from))
            return zhe_cli_usage_error(cmd, "--%s: cannot read '%s' as a date "
                                            "(YYYY, YYYY-MM or YYYY-MM-DD)",
                                       c == ZHE_OPT_TO ? "to" : "from", arg);
        if (c == ZHE_OPT_TO) f->to = cf->to;
        else f->from = cf->from;
        return -1;
    case ZHE_OPT_VENDOR:
        f->vendor = arg;
        return -1;
    case ZHE_OPT_MINCONF: {
        char *end;
        errno = 0;
        double v = strtod(arg, &end);
        if (errno || *end || end == arg || !(v >= 0 && v <= 1))
            return zhe_cli_usage_error(cmd, "--min-confidence wants a number from 0 to 1, "
                                            "not '%s'", arg);
        f->min_confidence = v;
        return -1;
    }
    case ZHE_OPT_ASSERTED:
        f->asserted_only = 1;
        return -1;
    case ZHE_OPT_FACTS:
        f->facts = 1;
        return -1;
    default:
        return 0;
    }
}

void zhe_cli_filter_resolve(zhe_cli_filter *cf)
{
    zhe_store_filter *f = &cf->f;
    if (!f->n_chips && !f->vendor) return;
    zhe_lexicon *lex;
    if (zhe_lexicon_open(NULL, &lex, NULL) != ZHE_OK) return;
    for (size_t i = 0; i < f->n_chips; i++) {
        const zhe_chip *c = zhe_lexicon_find_chip(lex, cf->chips[i], strlen(cf->chips[i]));
        if (!c) continue;
        snprintf(cf->models[i], sizeof cf->models[i], "%s", c->model);
        cf->chips[i] = cf->models[i];
    }
    const char *v = f->vendor ? zhe_lexicon_find_vendor(lex, f->vendor, strlen(f->vendor)) : NULL;
    if (v) {
        snprintf(cf->vendor, sizeof cf->vendor, "%s", v);
        f->vendor = cf->vendor;
    }
    zhe_lexicon_free(lex);
}
