/*
** cmd_load.c — `zhevents load`: the records `zhevents map` wrote, from
** any number of shards (gzip-compressed or not, or standard input), into
** the database, as `ingest` would have stored the same articles.  A
** record whose article is stored already is skipped, so loading a shard
** twice, or again after a failed task was rerun, doubles nothing.  The
** error records map wrote, and lines that are not records, go to the
** rejects table and to stderr; the rest of the shard goes on.  So does
** a line too long to be a record, which is skipped without being held.
*/
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

enum { OPT_DB = 256, OPT_REPLACE, OPT_TRIGRAM, OPT_LEXICONS, OPT_STRICT };

static const struct option S_options[] = {
    { "db", required_argument, NULL, OPT_DB },
    { "replace", no_argument, NULL, OPT_REPLACE },
    { "fts-trigram", no_argument, NULL, OPT_TRIGRAM },
    { "lexicons", required_argument, NULL, OPT_LEXICONS },
    { "strict", no_argument, NULL, OPT_STRICT },
    { "quiet", no_argument, NULL, 'q' },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 },
};

typedef struct {
    zhe_store *store;
    zhe_store_counts counts;
    zhe_status failed;          /* the first store failure */
    zhe_cli_progress prog;
    zhe_buf line;
} S_load;

/* Record a reject: on stderr and in the rejects table. */
static void S_reject(S_load *g, const zhe_error *rej)
{
    zhe_cli_progress_clear(&g->prog);
    fprintf(stderr, "zhevents load: rejected: %s\n", rej->message);
    g->prog.rejects = ++g->counts.rejected;
    zhe_error err;
    zhe_status st = zhe_store_reject(g->store, rej, NULL, 0, &err);
    if (st != ZHE_OK) {
        fprintf(stderr, "zhevents load: %s\n", err.message);
        g->failed = st;
    }
}

/* One line of a shard.  Returns 0, or an exit code to stop. */
static int S_record(S_load *g, const char *path, uint64_t no, const char *s, size_t len)
{
    while (len && (s[len - 1] == '\n' || s[len - 1] == '\r' || s[len - 1] == '\t' ||
                   s[len - 1] == ' '))
        len--;
    if (!len) return 0;
    zhe_error err;
    zhe_buf msg = ZHE_BUF_INIT;
    uint64_t line = 0;
    if (zhe_record_read_error_json(s, len, &msg, &line)) {
        zhe_error_set(&err, ZHE_ERR_FORMAT, path, no, UINT64_MAX,
                      "map could not read line %llu of its input: %s",
                      (unsigned long long)line, msg.ptr);
        zhe_buf_clear(&msg);
        S_reject(g, &err);
        return g->failed ? zhe_cli_store_exit(g->failed) : 0;
    }
    zhe_record *r;
    if (zhe_record_read_json(s, len, path, no, &r, &err) != ZHE_OK) {
        S_reject(g, &err);
        return g->failed ? zhe_cli_store_exit(g->failed) : 0;
    }
    g->counts.read++;
    zhe_status st = zhe_cli_store_put("load", g->store, r, &g->counts, &g->prog);
    if (st != ZHE_OK) g->failed = st;
    zhe_record_free(r);
    return g->failed ? zhe_cli_store_exit(g->failed) : 0;
}

/* Every line of one shard.  Returns 0, or an exit code to stop. */
static int S_shard(S_load *g, const char *path, uint64_t *bytes)
{
    errno = 0;
    zhe_cli_lines *in = zhe_cli_lines_open(path);
    if (!in) {
        zhe_error err;
        zhe_error_set(&err, ZHE_ERR_IO, path, 0, UINT64_MAX, "cannot open: %s",
                      errno ? strerror(errno) : "out of memory");
        S_reject(g, &err);
        return g->failed ? zhe_cli_store_exit(g->failed) : 0;
    }
    const size_t max = ZHE_CLI_MAX_RECORD_BYTES;
    uint64_t no = 0;
    size_t len;
    int rc = 0;
    while (zhe_cli_lines_next(in, max, &g->line, &len) > 0) {
        no++;
        *bytes += len + 1;
        if (len > max) {
            zhe_error err;
            zhe_error_set(&err, ZHE_ERR_TOO_BIG, path, no, UINT64_MAX,
                          "record line of %zu bytes exceeds load's limit of %zu bytes; skipped",
                          len, max);
            S_reject(g, &err);
            rc = g->failed ? zhe_cli_store_exit(g->failed) : 0;
        } else {
            rc = S_record(g, path, no, g->line.ptr, g->line.len);
        }
        if (rc) break;
        zhe_cli_progress_article(&g->prog, path, *bytes);
    }
    const char *why = rc ? NULL : zhe_cli_lines_error(in);
    if (why) {
        zhe_error err;
        zhe_error_set(&err, ZHE_ERR_IO, path, no, UINT64_MAX, "cannot read: %s", why);
        S_reject(g, &err);
        if (g->failed) rc = zhe_cli_store_exit(g->failed);
    }
    zhe_cli_lines_close(in);
    return rc;
}

int zhe_cmd_load(int argc, char **argv)
{
    const char *db = ZHE_CLI_DEFAULT_DB;
    const char *lexicons = NULL;
    int replace = 0, trigram = 0, strict = 0, quiet = 0;
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "qh", S_options, NULL)) != -1) {
        switch (c) {
        case OPT_DB: db = optarg; break;
        case OPT_REPLACE: replace = 1; break;
        case OPT_TRIGRAM: trigram = 1; break;
        case OPT_LEXICONS: lexicons = optarg; break;
        case OPT_STRICT: strict = 1; break;
        case 'q': quiet = 1; break;
        case 'h': {
            char *help_argv[] = { "help", "load", NULL };
            return zhe_cmd_help(2, help_argv);
        }
        default:
            return zhe_cli_usage_error("load", "unknown option or missing value: '%s'",
                                       argv[optind - 1]);
        }
    }

    S_load g;
    memset(&g, 0, sizeof g);
    zhe_error err;
    zhe_store_options opt;
    zhe_store_options_init(&opt);
    opt.replace = replace;
    opt.fts_trigram = trigram;
    zhe_lexicon *lex = NULL;        /* for its exchange rates */
    zhe_status st = zhe_lexicon_open(lexicons, &lex, &err);
    opt.lexicon = lex;
    if (st == ZHE_OK) st = zhe_store_open(db, &opt, &g.store, &err);
    if (st == ZHE_OK) {
        zhe_buf cmd = ZHE_BUF_INIT;
        zhe_buf_puts(&cmd, "zhevents");
        for (int i = 0; i < argc; i++) zhe_buf_printf(&cmd, " %s", argv[i]);
        st = zhe_store_run_begin(g.store, cmd.ptr, &err);
        zhe_buf_clear(&cmd);
    }
    if (st != ZHE_OK) {
        fprintf(stderr, "zhevents load: %s\n", err.message);
        zhe_store_close(g.store, NULL);
        zhe_lexicon_free(lex);
        return zhe_cli_store_exit(st);
    }

    int npaths = argc - optind;
    char *stdin_path[] = { "-" };
    char **paths = npaths ? argv + optind : stdin_path;
    if (!npaths) npaths = 1;
    zhe_cli_progress_start(&g.prog, !quiet, npaths, paths);
    int rc = 0;
    uint64_t bytes = 0;
    for (int i = 0; i < npaths && !rc; i++) rc = S_shard(&g, paths[i], &bytes);
    zhe_cli_progress_end(&g.prog);
    zhe_buf_clear(&g.line);

    if (!g.failed) {
        st = zhe_store_run_end(g.store, &g.counts, &err);
        if (st == ZHE_OK) st = zhe_store_close(g.store, &err);
        g.store = NULL;
        if (st != ZHE_OK) {
            fprintf(stderr, "zhevents load: %s\n", err.message);
            g.failed = st;
        }
    }
    zhe_store_close(g.store, NULL);
    zhe_lexicon_free(lex);
    if (g.failed) {
        rc = zhe_cli_store_exit(g.failed);
    } else if (!rc && g.counts.read == 0) {
        /* a missing file, or a file of articles rather than records */
        fprintf(stderr, "zhevents load: no record could be read\n");
        rc = ZHE_EXIT_IO;
    } else if (!rc && (st = zhe_store_write_metadata(db, &err)) != ZHE_OK) {
        fprintf(stderr, "zhevents load: %s\n", err.message);
        if (st != ZHE_ERR_USAGE) rc = zhe_cli_store_exit(st);   /* someone else's: a note */
    }
    if (!rc && g.counts.rejected && strict) rc = ZHE_EXIT_REJECTS;
    zhe_cli_store_summary("load", "records", &g.counts, db);
    return rc;
}
