/*
** cmd_ingest.c — `zhevents ingest`: the whole pipeline into the database.
** Every article read is looked up by its content hash; one stored before
** is skipped (or, with --replace, extracted again and its rows replaced),
** a new one is extracted, linked into events and stored.  Rejected inputs
** go to the rejects table with an excerpt, as well as to stderr.  At the
** end: a summary on stderr, and metadata.json for Datasette next to the
** database.
*/
#include "cli.h"

#include <getopt.h>
#include <string.h>
#include <zlib.h>

typedef struct {
    zhe_store *store;
    const zhe_extractor *ex;
    const zhe_linker *lk;
    int replace;            /* --replace */
    zhe_store_counts counts;
    zhe_status failed;      /* the first store failure, ZHE_OK if none */
    zhe_cli_progress *prog; /* the progress line: events are counted here */
} S_ingest;

/* A line of up to 160 bytes of the rejected input at its offset or line,
 * for the rejects table: what a person checking the reject first wants to
 * see.  Invalid UTF-8 and control bytes are written as \xNN.  Nothing for
 * standard input or when the place is unknown. */
static void S_excerpt(const zhe_error *rej, zhe_buf *out)
{
    if (!rej->path[0] || !strcmp(rej->path, "-")) return;
    if (!rej->line && rej->offset == UINT64_MAX) return;
    gzFile f = gzopen(rej->path, "rb");    /* reads plain files as they are */
    if (!f) return;
    char buf[4096];
    if (rej->offset != UINT64_MAX && rej->offset < ((uint64_t)1 << 31)) {
        if (gzseek(f, (z_off_t)rej->offset, SEEK_SET) < 0) goto done;
    } else {
        /* Skip to the line, reading at most 64 MB. */
        uint64_t line = 1, seen = 0;
        while (line < rej->line) {
            int n = gzread(f, buf, 1);
            if (n <= 0 || ++seen > ((uint64_t)64 << 20)) goto done;
            if (buf[0] == '\n') line++;
        }
    }
    int n = gzread(f, buf, 160);
    if (n <= 0) goto done;
    for (int i = 0; i < n;) {
        uint32_t cp;
        size_t k = zhe_utf8_decode(buf + i, (size_t)(n - i), &cp);
        if (cp == '\n' || cp == '\r') break;
        if ((cp == 0xFFFD && k == 1) || cp < 0x20 || cp == 0x7F) {
            /* A sequence cut at the end of the excerpt ends it. */
            if (cp == 0xFFFD && n - i < 4 && n == 160) break;
            zhe_buf_printf(out, "\\x%02X", (unsigned char)buf[i]);
            i++;
            continue;
        }
        zhe_buf_put(out, buf + i, k);
        i += (int)k;
    }
done:
    gzclose(f);
}

static void S_reject(void *ctx, const zhe_error *rej)
{
    S_ingest *g = ctx;
    g->counts.rejected++;
    if (g->failed) return;
    zhe_buf ex = ZHE_BUF_INIT;
    S_excerpt(rej, &ex);
    zhe_error err;
    zhe_status st = zhe_store_reject(g->store, rej, ex.len ? ex.ptr : NULL, ex.len, &err);
    zhe_buf_clear(&ex);
    if (st != ZHE_OK) {
        fprintf(stderr, "zhevents ingest: %s\n", err.message);
        g->failed = st;
    }
}

/* One article: skipped when stored before (unless --replace), else
 * extracted, linked and stored.  Returns 0, or the exit code of a
 * database failure (already reported). */
static int S_article(void *ctx, zhe_article *a)
{
    S_ingest *g = ctx;
    zhe_error err;
    g->counts.read++;
    if (g->failed) return zhe_cli_store_exit(g->failed);
    int64_t id;
    zhe_status st = zhe_store_find(g->store, a, &id, &err);
    if (st == ZHE_OK && id && !g->replace) {
        g->counts.duplicate++;
        return 0;
    }
    zhe_mentions ms = {0};
    zhe_events evs = {0};
    zhe_store_outcome outcome = ZHE_STORE_DUPLICATE;
    if (st == ZHE_OK) {
        zhe_extract(g->ex, a, &ms);
        zhe_link(g->lk, a, &ms, &evs);
        st = zhe_store_put(g->store, a, &ms, &evs, &outcome, &err);
    }
    if (st == ZHE_OK) {
        if (outcome == ZHE_STORE_ADDED) g->counts.added++;
        else if (outcome == ZHE_STORE_REPLACED) g->counts.replaced++;
        else g->counts.duplicate++;
        if (outcome != ZHE_STORE_DUPLICATE) g->counts.events += evs.n;
        g->prog->events = g->counts.events;
    }
    zhe_mentions_clear(&ms);
    zhe_events_clear(&evs);
    if (st == ZHE_OK) return 0;
    zhe_cli_progress_clear(g->prog);
    fprintf(stderr, "zhevents ingest: %s: %s\n", a->id, err.message);
    g->failed = st;
    return zhe_cli_store_exit(st);
}

/* The command line as one string, for the runs table. */
static char *S_argv(int argc, char **argv)
{
    zhe_buf b = ZHE_BUF_INIT;
    zhe_buf_puts(&b, "zhevents");
    for (int i = 0; i < argc; i++) {
        zhe_buf_putc(&b, ' ');
        zhe_buf_puts(&b, argv[i]);
    }
    return zhe_buf_detach(&b, NULL);
}

int zhe_cmd_ingest(int argc, char **argv)
{
    zhe_cli_input in;
    int rc = zhe_cli_input_parse_ex("ingest", argc, argv, &in, ZHE_CLI_STORE_OPTIONS);
    if (rc >= 0) return rc;
    if (in.format) return zhe_cli_usage_error("ingest", "ingest has no --format");
    const char *db = in.db ? in.db : ZHE_CLI_DEFAULT_DB;

    zhe_error err;
    zhe_segmenter *seg = NULL;
    zhe_extractor *ex = NULL;
    zhe_linker *lk = NULL;
    zhe_store *store = NULL;
    zhe_status st = zhe_segmenter_new(in.text.lexicon_dir, &seg, &err);
    if (st == ZHE_OK) st = zhe_extractor_new(in.text.lexicon_dir, &ex, &err);
    if (st == ZHE_OK) st = zhe_linker_new(in.text.lexicon_dir, &lk, &err);
    if (st == ZHE_OK) {
        zhe_store_options opt;
        zhe_store_options_init(&opt);
        opt.seg = seg;
        opt.replace = in.replace;
        opt.fts_trigram = in.fts_trigram;
        opt.lexicon_dir = in.text.lexicon_dir;
        st = zhe_store_open(db, &opt, &store, &err);
    }
    char *cmdline = S_argv(argc, argv);
    if (st == ZHE_OK) st = zhe_store_run_begin(store, cmdline, &err);
    zhe_free(cmdline);
    if (st != ZHE_OK) {
        fprintf(stderr, "zhevents ingest: %s\n", err.message);
        rc = zhe_cli_store_exit(st);
        goto out;
    }

    S_ingest g;
    memset(&g, 0, sizeof g);
    g.store = store;
    g.ex = ex;
    g.lk = lk;
    g.replace = in.replace;
    g.prog = &in.prog;
    in.progress = 1;
    in.on_reject = S_reject;
    in.reject_ctx = &g;
    rc = zhe_cli_read_all("ingest", &in, argc - optind, argv + optind, S_article, &g);

    if (!g.failed) {
        st = zhe_store_run_end(store, &g.counts, &err);
        if (st == ZHE_OK) {
            st = zhe_store_close(store, &err);
            store = NULL;
        }
        if (st != ZHE_OK) {
            fprintf(stderr, "zhevents ingest: %s\n", err.message);
            g.failed = st;
        }
    }
    if (g.failed) {
        rc = zhe_cli_store_exit(g.failed);
    } else if ((st = zhe_store_write_metadata(db, &err)) != ZHE_OK) {
        fprintf(stderr, "zhevents ingest: %s\n", err.message);
        if (rc == ZHE_EXIT_OK || rc == ZHE_EXIT_REJECTS) rc = zhe_cli_store_exit(st);
    }
    fprintf(stderr,
            "zhevents ingest: %llu articles read: %llu new, %llu duplicate, %llu replaced; "
            "%llu rejected; %llu events; database %s\n",
            (unsigned long long)g.counts.read, (unsigned long long)g.counts.added,
            (unsigned long long)g.counts.duplicate, (unsigned long long)g.counts.replaced,
            (unsigned long long)g.counts.rejected, (unsigned long long)g.counts.events, db);

out:
    zhe_store_close(store, NULL);
    zhe_linker_free(lk);
    zhe_extractor_free(ex);
    zhe_segmenter_free(seg);
    return rc;
}
