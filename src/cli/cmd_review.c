/*
** cmd_review.c — `zhevents review export|import`: a reporter checks each
** fact before publishing, in a spreadsheet, the way newsrooms work.
**
**   zhevents review export --db DB -o review.csv [--facts] [filters]
**   zhevents review import --db DB review.csv
**
** export writes one row per event (per fact with --facts): its key, date,
** type, chips, amount, currency, count, quote, outlet, title, published
** and a `verdict` column, filled with the verdict stored before or empty.
** It is UTF-8 with a byte order mark and CRLF lines (RFC 4180), which
** LibreOffice and Excel open right.
**
** The reporter writes ok or wrong in `verdict`, or corrects a cell of
** date (a day, YYYY-MM-DD), amount, currency, quantity or unit.  import
** reads the sheet back (any column order, by the header's names; `key`
** required), compares each row with the event of its key and stores the
** verdict and what differs in the database's `reviews` table
** (zhe_store_review).  A row that cannot be taken (an unknown key, a
** verdict other than ok or wrong, an amount that is no number) is
** reported with its file and line, and the rest go on.  Exports take
** --reviewed to keep the ok events with their corrections.
*/
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { OPT_DB = 256, OPT_FORCE };

static const struct option S_options[] = {
    ZHE_CLI_FILTER_OPTIONS,
    { "db", required_argument, NULL, OPT_DB },
    { "output", required_argument, NULL, 'o' },
    { "force", no_argument, NULL, OPT_FORCE },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 },
};

/* The sheet's columns, in their order. */
static const char *const S_cols[] = {
    "key", "date", "type", "chips", "amount", "currency", "quantity", "unit",
    "quote", "outlet", "title", "published", "verdict",
};
enum { C_KEY, C_DATE, C_TYPE, C_CHIPS, C_AMOUNT, C_CURRENCY, C_QUANTITY, C_UNIT, C_QUOTE,
       C_OUTLET, C_TITLE, C_PUBLISHED, C_VERDICT, C_N };

/* A number as a cell: as short as it reads back exactly. */
static void S_num(zhe_buf *b, double v)
{
    zhe_buf_putc(b, ',');
    if (!isnan(v)) zhe_buf_printf(b, "%.15g", v);
}

/* The event's date as the sheet writes it: its first day for a day, else
 * its TIMEX value (2023, 2023-10, 2023-Q4). */
static const char *S_date(const zhe_stored_event *e)
{
    return e->timex ? e->timex : "";
}

static int S_row(void *ctx, const zhe_stored_event *e)
{
    zhe_buf *b = ctx, chips = ZHE_BUF_INIT;
    zhe_cli_csv_cell(b, e->key, 1);
    zhe_cli_csv_cell(b, S_date(e), 0);
    zhe_cli_csv_cell(b, e->type, 0);
    for (size_t i = 0; i < e->n_chips; i++) {
        if (i) zhe_buf_putc(&chips, ';');
        zhe_buf_puts(&chips, e->chips[i]);
    }
    zhe_cli_csv_cell(b, chips.ptr ? chips.ptr : "", 0);
    zhe_buf_clear(&chips);
    S_num(b, e->amount);
    zhe_cli_csv_cell(b, e->currency, 0);
    S_num(b, e->quantity);
    zhe_cli_csv_cell(b, e->unit, 0);
    zhe_cli_csv_cell(b, e->quote, 0);
    zhe_cli_csv_cell(b, e->outlet, 0);
    zhe_cli_csv_cell(b, e->title, 0);
    zhe_cli_csv_cell(b, e->published, 0);
    zhe_cli_csv_cell(b, e->review, 0);
    zhe_buf_puts(b, "\r\n");
    return 0;
}

/* data[0..len) as the file path, whole or not at all: a temporary file
 * beside it, linked into place (renamed over it with force); an existing
 * file or link is never written through. */
static int S_write(const char *path, int force, const char *data, size_t len)
{
    struct stat sb;
    if (!force && lstat(path, &sb) == 0)
        return zhe_cli_usage_error("review", "%s exists: give --force to replace it", path);
    size_t n = strlen(path);
    char *tmp = zhe_xcalloc(n + 16, 1);
    snprintf(tmp, n + 16, "%s.XXXXXX", path);
    int fd = mkstemp(tmp), ok = fd >= 0;
    mode_t mask = umask(0);
    umask(mask);
    if (ok) fchmod(fd, 0666 & ~mask);
    for (size_t off = 0; ok && off < len;) {
        ssize_t w = write(fd, data + off, len - off);
        if (w <= 0) ok = 0;
        else off += (size_t)w;
    }
    if (fd >= 0 && close(fd) != 0) ok = 0;
    if (ok && (force ? rename(tmp, path) : link(tmp, path)) != 0) ok = 0;
    int why = errno;
    if (fd >= 0 && (!ok || !force)) unlink(tmp);
    zhe_free(tmp);
    if (ok) return ZHE_EXIT_OK;
    fprintf(stderr, "zhevents review: %s: cannot write it: %s\n", path, strerror(why));
    return ZHE_EXIT_IO;
}

static int S_export(const char *db, zhe_cli_filter *cf, const char *path, int force)
{
    zhe_store *store;
    int rc = zhe_cli_store_open_read("review", db, &store);
    if (rc >= 0) return rc;
    zhe_buf b = ZHE_BUF_INIT;
    zhe_buf_puts(&b, "\xEF\xBB\xBF");
    for (int i = 0; i < C_N; i++) zhe_cli_csv_cell(&b, S_cols[i], i == 0);
    zhe_buf_puts(&b, "\r\n");
    zhe_error err;
    zhe_status st = zhe_store_query(store, &cf->f, S_row, &b, &err);
    zhe_store_close(store, NULL);
    if (st != ZHE_OK) {
        fprintf(stderr, "zhevents review: %s\n", err.message);
        zhe_buf_clear(&b);
        return zhe_cli_store_exit(st);
    }
    rc = S_write(path, force, b.ptr, b.len);
    zhe_buf_clear(&b);
    return rc;
}

/* ------------------------------------------------------------- import */

/* The next record of RFC 4180 text s[*at..len) into cells (NUL-separated
 * in out, n of them); *line counts the lines it spans.  Returns 0 at the
 * end of the text. */
static int S_record(const char *s, size_t len, size_t *at, zhe_buf *out, size_t *n,
                    size_t *line)
{
    size_t i = *at;
    if (i >= len) return 0;
    zhe_buf_truncate(out, 0);
    *n = 1;
    int quoted = 0;
    for (; i < len; i++) {
        char c = s[i];
        if (quoted) {
            if (c == '"' && i + 1 < len && s[i + 1] == '"') zhe_buf_putc(out, '"'), i++;
            else if (c == '"') quoted = 0;
            else {
                if (c == '\n') ++*line;
                zhe_buf_putc(out, c);
            }
        } else if (c == '"') {
            quoted = 1;
        } else if (c == ',') {
            zhe_buf_putc(out, '\0');
            ++*n;
        } else if (c == '\r' && i + 1 < len && s[i + 1] == '\n') {
            i++;
            break;
        } else if (c == '\n') {
            break;
        } else {
            zhe_buf_putc(out, c);
        }
    }
    ++*line;
    zhe_buf_putc(out, '\0');
    *at = i + 1;
    return 1;
}

/* Cell k of a record, or "". */
static const char *S_get(const zhe_buf *rec, size_t n, int k)
{
    if (k < 0 || (size_t)k >= n) return "";
    const char *p = rec->ptr;
    for (int i = 0; i < k; i++) p += strlen(p) + 1;
    return p;
}

/* s without the spaces around it and the apostrophe export put before a
 * formula, into out (cap bytes). */
static const char *S_trim(const char *s, char *out, size_t cap)
{
    while (*s == ' ' || *s == '\t') s++;
    if (*s == '\'' && s[1] && strchr("=+-@", s[1])) s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
    if (n >= cap) n = cap - 1;
    memcpy(out, s, n);
    out[n] = '\0';
    return out;
}

/* The stored events, by key, to compare the sheet with. */
typedef struct {
    char key[17];
    char date[16], currency[8], unit[16];
    double amount, quantity;
} S_known;

typedef struct {
    S_known *v;
    size_t n, cap;
} S_knowns;

static int S_keep(void *ctx, const zhe_stored_event *e)
{
    S_knowns *k = ctx;
    if (!e->key) return 0;
    if (k->n == k->cap) {
        k->cap = k->cap ? 2 * k->cap : 256;
        k->v = zhe_xrealloc(k->v, k->cap * sizeof *k->v);
    }
    S_known *x = &k->v[k->n++];
    memset(x, 0, sizeof *x);
    snprintf(x->key, sizeof x->key, "%s", e->key);
    snprintf(x->date, sizeof x->date, "%s", S_date(e));
    snprintf(x->currency, sizeof x->currency, "%s", e->currency ? e->currency : "");
    snprintf(x->unit, sizeof x->unit, "%s", e->unit ? e->unit : "");
    x->amount = e->amount;
    x->quantity = e->quantity;
    return 0;
}

static int S_key_cmp(const void *a, const void *b)
{
    return strcmp(((const S_known *)a)->key, ((const S_known *)b)->key);
}

/* A number cell: 1 and *v, or 0 when it is no number; "" is NAN. */
static int S_number(const char *s, double *v)
{
    if (!*s) return *v = NAN, 1;
    char *end;
    errno = 0;
    *v = strtod(s, &end);
    return !errno && !*end && isfinite(*v);
}

static int S_import(const char *db, const char *path)
{
    zhe_buf text = ZHE_BUF_INIT;
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "zhevents review: %s: cannot open: %s\n", path, strerror(errno));
        return ZHE_EXIT_IO;
    }
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) zhe_buf_put(&text, chunk, got);
    int bad_read = ferror(f);
    fclose(f);
    if (bad_read || !text.len) {
        fprintf(stderr, "zhevents review: %s: %s\n", path, bad_read ? "cannot read" : "empty");
        zhe_buf_clear(&text);
        return ZHE_EXIT_IO;
    }

    zhe_lexicon *lex = NULL;
    zhe_store_options opt;
    zhe_store_options_init(&opt);
    zhe_error err;
    zhe_status st = zhe_lexicon_open(NULL, &lex, &err);
    opt.lexicon = lex;
    zhe_store *store = NULL;
    if (st == ZHE_OK) st = zhe_store_open(db, &opt, &store, &err);
    S_knowns known = { NULL, 0, 0 };
    zhe_store_filter all;
    memset(&all, 0, sizeof all);
    if (st == ZHE_OK) st = zhe_store_query(store, &all, S_keep, &known, &err);
    if (st != ZHE_OK) {
        fprintf(stderr, "zhevents review: %s\n", err.message);
        zhe_store_close(store, NULL);
        zhe_lexicon_free(lex);
        zhe_buf_clear(&text);
        zhe_free(known.v);
        return zhe_cli_store_exit(st);
    }
    qsort(known.v, known.n, sizeof *known.v, S_key_cmp);

    size_t at = 0, line = 1, n;
    if (text.len >= 3 && !memcmp(text.ptr, "\xEF\xBB\xBF", 3)) at = 3;
    zhe_buf rec = ZHE_BUF_INIT;
    int col[C_N];
    for (int k = 0; k < C_N; k++) col[k] = -1;
    S_record(text.ptr, text.len, &at, &rec, &n, &line);
    for (size_t i = 0; i < n; i++)
        for (int k = 0; k < C_N; k++)
            if (!strcmp(S_get(&rec, n, (int)i), S_cols[k])) col[k] = (int)i;
    size_t rows = 0, verdicts = 0, corrected = 0, rejected = 0;
    if (col[C_KEY] < 0) {
        fprintf(stderr, "zhevents review: %s:1: no 'key' column\n", path);
        rejected++;
    }
    while (col[C_KEY] >= 0 && st == ZHE_OK) {
        size_t first = line;
        if (!S_record(text.ptr, text.len, &at, &rec, &n, &line)) break;
        char key[64], verdict[32], cell[256];
        S_trim(S_get(&rec, n, col[C_KEY]), key, sizeof key);
        if (!*key) continue;
        rows++;
        S_known probe;
        const S_known *e = NULL;
        if (strlen(key) == 16) {
            memcpy(probe.key, key, 17);
            e = bsearch(&probe, known.v, known.n, sizeof *known.v, S_key_cmp);
        }
        if (!e) {
            fprintf(stderr, "zhevents review: %s:%zu: no event with key '%s'\n", path, first,
                    key);
            rejected++;
            continue;
        }
        S_trim(S_get(&rec, n, col[C_VERDICT]), verdict, sizeof verdict);
        for (char *p = verdict; *p; p++)
            if (*p >= 'A' && *p <= 'Z') *p = (char)(*p | 0x20);
        if (*verdict && strcmp(verdict, "ok") != 0 && strcmp(verdict, "wrong") != 0) {
            fprintf(stderr, "zhevents review: %s:%zu: verdict must be ok or wrong, not '%s'\n",
                    path, first, verdict);
            rejected++;
            continue;
        }
        json_t *fix = json_object();
        int bad = 0;
        if (col[C_DATE] >= 0) {
            S_trim(S_get(&rec, n, col[C_DATE]), cell, sizeof cell);
            char day[11];
            if (*cell && strcmp(cell, e->date) != 0) {
                if (strlen(cell) != 10 || !zhe_cli_parse_day(cell, 0, day))
                    bad = 1;
                else
                    json_object_set_new(fix, "date", json_string(cell));
            }
        }
        const int nums[] = { C_AMOUNT, C_QUANTITY };
        for (int k = 0; k < 2 && !bad; k++) {
            if (col[nums[k]] < 0) continue;
            double v, was = nums[k] == C_AMOUNT ? e->amount : e->quantity;
            S_trim(S_get(&rec, n, col[nums[k]]), cell, sizeof cell);
            if (!S_number(cell, &v)) bad = 1;
            else if (!isnan(v) && (isnan(was) || fabs(v - was) > 1e-9 * fmax(1, fabs(was))))
                json_object_set_new(fix, S_cols[nums[k]], json_real(v));
        }
        const int strs[] = { C_CURRENCY, C_UNIT };
        for (int k = 0; k < 2 && !bad; k++) {
            if (col[strs[k]] < 0) continue;
            S_trim(S_get(&rec, n, col[strs[k]]), cell, sizeof cell);
            if (*cell && strcmp(cell, strs[k] == C_CURRENCY ? e->currency : e->unit) != 0)
                json_object_set_new(fix, S_cols[strs[k]], json_string(cell));
        }
        if (bad) {
            fprintf(stderr, "zhevents review: %s:%zu: a date is a day (YYYY-MM-DD), an amount "
                            "or a count a number\n", path, first);
            rejected++;
            json_decref(fix);
            continue;
        }
        char *fixes = json_object_size(fix) ? json_dumps(fix, JSON_COMPACT | JSON_SORT_KEYS)
                                            : NULL;
        json_decref(fix);
        if (*verdict || fixes) {
            st = zhe_store_review(store, key, *verdict ? verdict : NULL, fixes, &err);
            verdicts += *verdict != 0;
            corrected += fixes != NULL;
        }
        free(fixes);
    }
    if (st == ZHE_OK) st = zhe_store_commit(store, &err);
    if (st == ZHE_OK) st = zhe_store_close(store, &err);
    else zhe_store_close(store, NULL);
    zhe_lexicon_free(lex);
    zhe_buf_clear(&rec);
    zhe_buf_clear(&text);
    zhe_free(known.v);
    if (st != ZHE_OK) {
        fprintf(stderr, "zhevents review: %s\n", err.message);
        return zhe_cli_store_exit(st);
    }
    fprintf(stderr, "zhevents review: %s: %zu rows: %zu verdicts, %zu corrected, %zu rejected\n",
            path, rows, verdicts, corrected, rejected);
    return rows || !rejected ? ZHE_EXIT_OK : ZHE_EXIT_IO;
}

int zhe_cmd_review(int argc, char **argv)
{
    if (argc < 2 || (strcmp(argv[1], "export") != 0 && strcmp(argv[1], "import") != 0)) {
        if (argc >= 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
            char *help_argv[] = { "help", "review", NULL };
            return zhe_cmd_help(2, help_argv);
        }
        return zhe_cli_usage_error("review", "review export or review import");
    }
    int import = !strcmp(argv[1], "import");
    zhe_cli_filter cf;
    zhe_cli_filter_init(&cf);
    const char *db = NULL, *path = NULL;
    int force = 0;
    optind = 2;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "o:h", S_options, NULL)) != -1) {
        int taken = import ? 0 : zhe_cli_filter_option("review", &cf, c, optarg);
        if (taken > 0) return taken;
        if (taken < 0) continue;
        switch (c) {
        case OPT_DB: db = optarg; break;
        case 'o': path = optarg; break;
        case OPT_FORCE: force = 1; break;
        case 'h': {
            char *help_argv[] = { "help", "review", NULL };
            return zhe_cmd_help(2, help_argv);
        }
        default:
            return zhe_cli_usage_error("review", "unknown option or missing value: '%s'",
                                       argv[optind - 1]);
        }
    }
    if (!db) db = ZHE_CLI_DEFAULT_DB;
    if (import) {
        if (optind + 1 != argc) return zhe_cli_usage_error("review", "review import FILE.csv");
        return S_import(db, argv[optind]);
    }
    if (optind < argc)
        return zhe_cli_usage_error("review", "unexpected argument '%s'", argv[optind]);
    if (!path) return zhe_cli_usage_error("review", "review export needs -o FILE.csv");
    int bad = zhe_cli_filter_resolve("review", &cf);
    if (bad >= 0) return bad;
    return S_export(db, &cf, path, force);
}
