/*
** cmd_ingest.c — `zhevents ingest`: the whole pipeline into the database.
**
** Three kinds of thread share the work (pool.c).  This one reads: it
** walks the inputs, and for each article looks its content hash up in
** the database, so an article stored before (a rerun, a resumed run) is
** not extracted again.  N workers (--jobs; by default one per core but
** the writer's) each clean, normalize, split, extract, link and segment
** an article into a record.  One writer stores the records in the order they were read —
** so the database is the same for any N — skips what is stored already
** (or with --replace, replaces it), and records rejected inputs with an
** excerpt, on stderr and in the rejects table.  At the end: a summary on
** stderr, and metadata.json for Datasette next to the database.
*/
#include "cli.h"

#include <getopt.h>
#include <string.h>
#include <zlib.h>

/* What goes from the reader through a worker to the writer. */
typedef enum { S_ARTICLE, S_STORED, S_REJECT } S_kind;

typedef struct {
    S_kind kind;
    zhe_article *a;         /* S_ARTICLE: read, until a worker makes rec */
    zhe_record *rec;        /* S_ARTICLE: what the writer stores */
    zhe_error rej;          /* S_REJECT: why */
    char *path;             /* the file it came from, for the progress line */
    uint64_t bytes;         /* input bytes read when it was */
    zhe_buf cuts;           /* --verbose: what cleaning cut */
} S_item;

typedef struct {
    zhe_cli_input *in;
    zhe_store *store;           /* the writer's */
    zhe_store_probe *probe;     /* the reader's: is an article stored? */
    const zhe_pipeline *pipe;   /* shared by the workers */
    zhe_cli_pool *pool;
    zhe_store_counts counts;    /* the writer's */
    zhe_status failed;          /* the first store failure, ZHE_OK if none */
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

static void S_item_free(S_item *it)
{
    zhe_article_free(it->a);
    zhe_record_free(it->rec);
    zhe_buf_clear(&it->cuts);
    zhe_free(it->path);
    zhe_free(it);
}

/* The reader: every article and reject, in input order, into the pool. */
static int S_read(void *ctx, zhe_article *a, const zhe_error *rej, uint64_t bytes)
{
    S_ingest *g = ctx;
    S_item *it = zhe_xcalloc(1, sizeof *it);
    it->bytes = bytes;
    if (!a) {
        it->kind = S_REJECT;
        it->rej = *rej;
    } else {
        it->kind = S_ARTICLE;
        it->a = a;
        it->path = zhe_strdup(a->path);
        char hash[33];
        zhe_record_article_hash(a, hash);
        if (g->probe && zhe_store_probe_has(g->probe, hash)) {
            it->kind = S_STORED;
            zhe_article_free(a);
            it->a = NULL;
        }
    }
    int rc = zhe_cli_pool_submit(g->pool, it);
    if (rc) S_item_free(it);
    return rc;
}

/* A worker: the text stage, extraction, linking and segmentation. */
static void S_work(void *ctx, size_t worker, void *item)
{
    S_ingest *g = ctx;
    S_item *it = item;
    (void)worker;
    if (it->kind != S_ARTICLE) return;
    zhe_article *a = it->a;
    zhe_error err;
    zhe_status st = zhe_pipeline_run(g->pipe, a, &it->rec, &err);
    if (st != ZHE_OK) {
        it->kind = S_REJECT;
        zhe_error_set(&it->rej, st, a->path, a->line, UINT64_MAX, "%s: %s", a->id,
                      err.message);
    } else if (g->in->verbose) {
        zhe_cli_cuts(a, &it->cuts);
    }
    zhe_article_free(a);
    it->a = NULL;
}

/* A reject: on stderr, and into the rejects table with an excerpt. */
static void S_reject(S_ingest *g, const zhe_error *rej)
{
    zhe_cli_progress_clear(&g->in->prog);
    fprintf(stderr, "zhevents ingest: rejected: %s\n", rej->message);
    g->in->prog.rejects = ++g->counts.rejected;
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

/* The writer: each item in input order.  Returns 0, or the exit code of
 * a database failure (reported); after one, items are only freed. */
static int S_write(void *ctx, void *item)
{
    S_ingest *g = ctx;
    S_item *it = item;
    zhe_cli_progress *prog = &g->in->prog;
    if (it->kind == S_REJECT) {
        S_reject(g, &it->rej);
    } else if (!g->failed) {
        g->counts.read++;
        if (it->cuts.len) {
            zhe_cli_progress_clear(prog);
            fputs(it->cuts.ptr, stderr);
        }
        zhe_status st = ZHE_OK;
        if (it->kind == S_ARTICLE)
            st = zhe_cli_store_put("ingest", g->store, it->rec, &g->counts, prog);
        else
            g->counts.duplicate++;
        if (st != ZHE_OK) g->failed = st;
        zhe_cli_progress_article(prog, it->path, it->bytes);
    }
    S_item_free(it);
    return g->failed ? zhe_cli_store_exit(g->failed) : 0;
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
    S_ingest g;
    memset(&g, 0, sizeof g);
    size_t jobs = in.jobs ? in.jobs : zhe_cli_default_jobs();
    zhe_pipeline *pipe = NULL;
    zhe_store *store = NULL;
    rc = zhe_cli_pipeline_open("ingest", &in, 1, &pipe);
    if (rc != ZHE_EXIT_OK) return rc;
    zhe_store_options opt;
    zhe_store_options_init(&opt);
    opt.replace = in.replace;
    opt.fts_trigram = in.fts_trigram;
    opt.lexicon = zhe_pipeline_lexicon(pipe);
    zhe_status st = zhe_store_open(db, &opt, &store, &err);
    char *cmdline = S_argv(argc, argv);
    if (st == ZHE_OK) st = zhe_store_run_begin(store, cmdline, &err);
    zhe_free(cmdline);
    if (st != ZHE_OK) {
        fprintf(stderr, "zhevents ingest: %s\n", err.message);
        rc = zhe_cli_store_exit(st);
        goto out;
    }

    g.in = &in;
    g.store = store;
    g.pipe = pipe;
    if (!in.replace) st = zhe_store_probe_open(db, &g.probe, &err);
    if (st != ZHE_OK) {
        fprintf(stderr, "zhevents ingest: %s\n", err.message);
        rc = st == ZHE_ERR_DB ? ZHE_EXIT_DB : ZHE_EXIT_IO;
        goto out;
    }
    int npaths = argc - optind;
    char **paths = argv + optind;
    zhe_cli_progress_start(&in.prog, !in.quiet, npaths, paths);
    /* Enough items in flight to keep every worker busy while the writer
     * commits a batch, few enough to keep memory flat. */
    g.pool = zhe_cli_pool_start(jobs, 16 * jobs + 64, S_work, S_write, &g);
    rc = zhe_cli_read_raw(pipe, npaths, paths, S_read, &g);
    zhe_cli_pool_cpu cpu;
    int wrc = zhe_cli_pool_finish(g.pool, &cpu);
    if (!rc) rc = wrc;
    in.prog.rejects = g.counts.rejected;
    zhe_cli_progress_end(&in.prog);
    zhe_store_probe_close(g.probe);
    g.probe = NULL;

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
    } else if (rc == ZHE_EXIT_OK && g.counts.read == 0) {
        fprintf(stderr, "zhevents ingest: no article could be read\n");
        rc = ZHE_EXIT_IO;
    } else if (rc == ZHE_EXIT_OK && g.counts.rejected && in.strict) {
        rc = ZHE_EXIT_REJECTS;
    }
    /* Datasette's metadata, for a database this run made or added to */
    if ((rc == ZHE_EXIT_OK || rc == ZHE_EXIT_REJECTS) &&
        (st = zhe_store_write_metadata(db, &err)) != ZHE_OK) {
        fprintf(stderr, "zhevents ingest: %s\n", err.message);
        if (st != ZHE_ERR_USAGE) rc = zhe_cli_store_exit(st);   /* someone else's: a note */
    }
    if (in.verbose)
        fprintf(stderr, "zhevents ingest: CPU seconds: reading %.2f, %zu workers %.2f, "
                        "writing %.2f\n", cpu.reader, jobs, cpu.workers, cpu.writer);
    if (g.failed) {
        /* The counts include the batch the failure cut off, which is not
         * in the database: "N new" would be a claim it does not keep. */
        fprintf(stderr,
                "zhevents ingest: stopped after %llu articles read; once the failure is "
                "mended, the same ingest adds what database %s lacks\n",
                (unsigned long long)g.counts.read, db);
    } else {
        zhe_cli_store_summary("ingest", "articles", &g.counts, db);
    }

out:
    zhe_store_close(store, NULL);
    zhe_pipeline_free(pipe);
    return rc;
}
