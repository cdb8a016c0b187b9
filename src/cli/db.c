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

void zhe_cli_csv_cell(zhe_buf *b, const char *v, int first)
{
    if (!first) zhe_buf_putc(b, ',');
    if (!v) return;
    int quote = strpbrk(v, ",\"\r\n") != NULL;
    if (quote) zhe_buf_putc(b, '"');
    if (*v && strchr("=+-@", *v)) zhe_buf_putc(b, '\'');
    for (; *v; v++) {
        if (*v == '"') zhe_buf_putc(b, '"');
        zhe_buf_putc(b, *v);
    }
    if (quote) zhe_buf_putc(b, '"');
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
    case ZHE_OPT_OVERLAP:
        f->overlap = 1;
        return -1;
    case ZHE_OPT_REVIEWED:
        f->reviewed = 1;
        return -1;
    default:
        return 0;
    }
}

/* The code points of UTF-8 key s, at most cap of them, in out; their
 * number. */
static size_t S_points(const char *s, uint32_t *out, size_t cap)
{
    size_t n = 0, len = strlen(s), off = 0;
    while (off < len && n < cap) {
        size_t k = zhei_utf8_next(s + off, len - off, &out[n++]);
        off += k ? k : 1;
    }
    return n;
}

/* Edit distance between a[0..na) and b[0..nb) (both at most 64). */
static size_t S_distance(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    size_t row[65];
    for (size_t j = 0; j <= nb; j++) row[j] = j;
    for (size_t i = 1; i <= na; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best) best = up + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[nb];
}

/* How far typed key t is from name: 1 when t is part of it (910 in
 * ascend910b), else the edit distance of their keys. */
static size_t S_far(const char *t, const uint32_t *tp, size_t nt, const char *name)
{
    char key[256];
    uint32_t np[64];
    zhe_lexicon_key(name, strlen(name), key, sizeof key);
    if (*t && strstr(key, t)) return 1;
    return S_distance(tp, nt, np, S_points(key, np, 64));
}

/* "did you mean A, B?" for a typed name of nt characters: the up to three
 * names of names[0..n) nearest to it, when any is near enough (a third of
 * its characters changed, at least two). */
static void S_suggest(size_t nt, const char *const *names, const size_t *far, size_t n)
{
    size_t near = nt / 3 > 2 ? nt / 3 : 2, shown = 0;
    for (size_t d = 1; d <= near && shown < 3; d++)
        for (size_t i = 0; i < n && shown < 3; i++) {
            if (far[i] != d) continue;
            size_t j = 0;
            while (j < i && strcmp(names[j], names[i]) != 0) j++;
            if (j < i && far[j] <= d) continue;     /* said already */
            fprintf(stderr, "%s%s", shown++ ? ", " : "; did you mean ", names[i]);
        }
    fputs(shown ? "?\n" : "\n", stderr);
}

/* Report that lex knows no chip (vendor when vendor is set) named typed,
 * with the names nearest to it. */
static void S_unknown(const char *cmd, const zhe_lexicon *lex, const char *typed, int vendor)
{
    char key[256];
    uint32_t tp[64];
    zhe_lexicon_key(typed, strlen(typed), key, sizeof key);
    size_t nt = S_points(key, tp, 64);
    size_t n = zhe_lexicon_n_chips(lex);
    const char **names = zhe_xcalloc(n + 1, sizeof *names);
    size_t *far = zhe_xcalloc(n + 1, sizeof *far);
    for (size_t i = 0; i < n; i++) {
        const zhe_chip *c = zhe_lexicon_chip(lex, i);
        if (vendor) {
            names[i] = c->vendor;
            far[i] = *c->vendor ? S_far(key, tp, nt, c->vendor) : SIZE_MAX;
            continue;
        }
        names[i] = c->model;
        far[i] = S_far(key, tp, nt, c->model);
        for (size_t k = 0; k < c->n_aliases; k++) {
            size_t d = S_far(key, tp, nt, c->aliases[k]);
            if (d < far[i]) far[i] = d;
        }
    }
    fprintf(stderr, "zhevents %s: no %s named '%s'", cmd, vendor ? "vendor" : "chip", typed);
    S_suggest(nt, names, far, n);
    zhe_free(names);
    zhe_free(far);
}

int zhe_cli_filter_resolve(const char *cmd, zhe_cli_filter *cf)
{
    zhe_store_filter *f = &cf->f;
    if (!f->n_chips && !f->vendor) return -1;
    zhe_lexicon *lex;
    if (zhe_lexicon_open(NULL, &lex, NULL) != ZHE_OK) return -1;
    int rc = -1;
    for (size_t i = 0; i < f->n_chips && rc < 0; i++) {
        const zhe_chip *c = zhe_lexicon_find_chip(lex, cf->chips[i], strlen(cf->chips[i]));
        if (!c) {
            S_unknown(cmd, lex, cf->chips[i], 0);
            rc = ZHE_EXIT_USAGE;
            break;
        }
        snprintf(cf->models[i], sizeof cf->models[i], "%s", c->model);
        cf->chips[i] = cf->models[i];
    }
    if (rc < 0 && f->vendor) {
        const char *v = zhe_lexicon_find_vendor(lex, f->vendor, strlen(f->vendor));
        if (v) {
            snprintf(cf->vendor, sizeof cf->vendor, "%s", v);
            f->vendor = cf->vendor;
        } else {
            S_unknown(cmd, lex, f->vendor, 1);
            rc = ZHE_EXIT_USAGE;
        }
    }
    zhe_lexicon_free(lex);
    return rc;
}
