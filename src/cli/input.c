/*
** input.c — the options and the reading loop that every subcommand which
** reads articles shares: parse --encoding, --field, --published …; walk
** the paths; report rejects on stderr and what cleaning cut with
** --verbose; turn the outcome into an exit code.
*/
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { OPT_FIELD = 256, OPT_PUBLISHED, OPT_MAX, OPT_LEXICONS, OPT_STRICT, OPT_DB, OPT_REPLACE,
       OPT_TRIGRAM, OPT_JOBS, OPT_ERRORS };

static const struct option S_options[] = {
    { "encoding", required_argument, NULL, 'e' },
    { "field", required_argument, NULL, OPT_FIELD },
    { "published", required_argument, NULL, OPT_PUBLISHED },
    { "max-article-bytes", required_argument, NULL, OPT_MAX },
    { "lexicons", required_argument, NULL, OPT_LEXICONS },
    { "strict", no_argument, NULL, OPT_STRICT },
    { "verbose", no_argument, NULL, 'v' },
    { "quiet", no_argument, NULL, 'q' },
    { "format", required_argument, NULL, 'f' },
    { "help", no_argument, NULL, 'h' },
    /* ZHE_CLI_STORE_OPTIONS only: */
    { "db", required_argument, NULL, OPT_DB },
    { "replace", no_argument, NULL, OPT_REPLACE },
    { "fts-trigram", no_argument, NULL, OPT_TRIGRAM },
    { "jobs", required_argument, NULL, OPT_JOBS },
    /* ZHE_CLI_MAP_OPTIONS only: */
    { "errors", required_argument, NULL, OPT_ERRORS },
    { NULL, 0, NULL, 0 },
};

static const char *const S_fields[] = { "id", "title", "content", "published", "url", "source" };

int zhe_cli_input_parse(const char *cmd, int argc, char **argv, zhe_cli_input *in)
{
    return zhe_cli_input_parse_ex(cmd, argc, argv, in, 0);
}

int zhe_cli_input_parse_ex(const char *cmd, int argc, char **argv, zhe_cli_input *in,
                           int flags)
{
    memset(in, 0, sizeof *in);
    zhe_text_options_init(&in->text);
    in->text.fields = in->fields;
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "e:f:vqh", S_options, NULL)) != -1) {
        switch (c) {
        case 'e':
            if (zhe_encoding_parse(optarg, &in->text.encoding) != ZHE_OK)
                return zhe_cli_usage_error(cmd, "unknown encoding '%s'", optarg);
            break;
        case OPT_FIELD: {
            char *eq = strchr(optarg, '=');
            if (!eq || eq == optarg)
                return zhe_cli_usage_error(cmd, "--field wants KEY=NAME, not '%s'", optarg);
            int known = 0;
            for (size_t i = 0; i < sizeof S_fields / sizeof *S_fields; i++)
                known |= !strcmp(eq + 1, S_fields[i]);
            if (!known)
                return zhe_cli_usage_error(
                    cmd, "--field %s: NAME must be id, title, content, published, url or source",
                    optarg);
            if (in->text.n_fields == sizeof in->fields / sizeof *in->fields)
                return zhe_cli_usage_error(cmd, "too many --field options");
            *eq = '\0';
            in->fields[in->text.n_fields].key = optarg;
            in->fields[in->text.n_fields].field = eq + 1;
            in->text.n_fields++;
            break;
        }
        case OPT_PUBLISHED: {
            char out[17];
            if (zhe_published_parse(optarg, strlen(optarg), out) != strlen(optarg))
                return zhe_cli_usage_error(cmd, "--published: cannot read '%s' as a date "
                                                "(try 2023-11-09)", optarg);
            in->text.published = optarg;
            break;
        }
        case OPT_MAX: {
            char *end;
            errno = 0;
            unsigned long long v = strtoull(optarg, &end, 10);
            if (errno || *end || v == 0 || optarg[0] == '-')
                return zhe_cli_usage_error(cmd, "--max-article-bytes wants a positive number, "
                                                "not '%s'", optarg);
            in->text.max_article_bytes = (size_t)v;
            break;
        }
        case OPT_LEXICONS: in->lexicon_dir = optarg; break;
        case OPT_STRICT: in->strict = 1; break;
        case OPT_DB:
        case OPT_REPLACE:
        case OPT_TRIGRAM:
        case OPT_JOBS:
            if (!(flags & ZHE_CLI_STORE_OPTIONS))
                return zhe_cli_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
            if (c == OPT_DB) {
                in->db = optarg;
            } else if (c == OPT_REPLACE) {
                in->replace = 1;
            } else if (c == OPT_TRIGRAM) {
                in->fts_trigram = 1;
            } else {
                char *end;
                errno = 0;
                unsigned long v = strtoul(optarg, &end, 10);
                if (errno || *end || v == 0 || v > 256 || optarg[0] == '-')
                    return zhe_cli_usage_error(cmd, "--jobs wants a number from 1 to 256, "
                                                    "not '%s'", optarg);
                in->jobs = (size_t)v;
            }
            break;
        case OPT_ERRORS:
            if (!(flags & ZHE_CLI_MAP_OPTIONS))
                return zhe_cli_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
            in->errors = optarg;
            break;
        case 'v': in->verbose = 1; break;
        case 'q': in->quiet = 1; break;
        case 'f': in->format = optarg; break;
        case 'h': {
            char *help_argv[] = { "help", (char *)cmd, NULL };
            zhe_cmd_help(2, help_argv);
            return ZHE_EXIT_OK;
        }
        default:
            if (optopt && optopt < 256)
                return zhe_cli_usage_error(cmd, "option -%c: unknown, or missing its value",
                                           optopt);
            return zhe_cli_usage_error(cmd, "unknown option or missing value: '%s'",
                                       argv[optind - 1]);
        }
    }
    return -1;
}

void zhe_cli_cuts(const zhe_article *a, zhe_buf *out)
{
    for (size_t i = 0; i < a->n_cuts; i++) {
        const zhe_cut *c = &a->cuts[i];
        size_t from = zhe_article_cp_offset(a, c->span.off);
        size_t to = zhe_article_cp_offset(a, c->span.off + c->span.len);
        /* An excerpt of at most 24 characters. */
        size_t n = 0, k = 0;
        while (n < c->span.len && k < 24) {
            uint32_t cp;
            n += zhe_utf8_decode(a->raw + c->span.off + n, c->span.len - n, &cp);
            k++;
        }
        zhe_buf_printf(out, "zhevents: %s: cut %s, characters %zu-%zu: \"%.*s%s\"\n", a->id,
                       zhe_cut_reason_str(c->reason), from, to, (int)n, a->raw + c->span.off,
                       n < c->span.len ? "…" : "");
    }
}

size_t zhe_cli_default_jobs(void)
{
    /* The writer keeps a core busy: a worker more than the cores left
     * would only take turns with it, and the writer bounds the run. */
    long n = sysconf(_SC_NPROCESSORS_ONLN) - 1;
    return n < 1 ? 1 : n > 256 ? 256 : (size_t)n;
}

int zhe_cli_pipeline_open(const char *cmd, const zhe_cli_input *in, int segment,
                          zhe_pipeline **out)
{
    zhe_pipeline_options opt;
    zhe_pipeline_options_init(&opt);
    opt.lexicon_dir = in->lexicon_dir;
    opt.text = in->text;
    opt.segment = segment;
    zhe_error err;
    if (zhe_pipeline_new(&opt, out, &err) != ZHE_OK) {
        fprintf(stderr, "zhevents %s: %s\n", cmd, err.message);
        return ZHE_EXIT_IO;
    }
    return ZHE_EXIT_OK;
}

int zhe_cli_read_raw(const zhe_pipeline *p, int npaths, char **paths, zhe_cli_raw_fn fn,
                     void *ctx)
{
    zhe_error err;
    zhe_reader *r;
    zhe_reader_new(zhe_pipeline_text(p), &r, NULL);
    int rc = ZHE_EXIT_OK;
    if (npaths == 0) zhe_reader_add(r, "-", &err);
    for (int i = 0; i < npaths && !rc; i++)
        if (zhe_reader_add(r, paths[i], &err) != ZHE_OK) rc = fn(ctx, NULL, &err, 0);
    while (!rc) {
        zhe_article *a = NULL;
        zhe_status st = zhe_reader_next(r, &a, &err);
        if (st == ZHE_DONE) break;
        rc = fn(ctx, st == ZHE_OK ? a : NULL, st == ZHE_OK ? NULL : &err, zhe_reader_bytes(r));
    }
    zhe_reader_free(r);
    return rc;
}

/* zhe_cli_read_all's state, for its zhe_cli_read_raw callback. */
typedef struct {
    const char *cmd;
    zhe_cli_input *in;
    const zhe_pipeline *p;  /* prepares the articles, and with extract */
    int extract;            /* runs them through to their records */
    zhe_cli_article_fn fn;
    void *ctx;
    size_t articles, rejected;
    uint64_t bytes;
} S_all;

static void S_rejected(S_all *g, const zhe_error *rej)
{
    zhe_cli_progress_clear(&g->in->prog);
    fprintf(stderr, "zhevents %s: rejected: %s\n", g->cmd, rej->message);
    if (g->in->on_reject) g->in->on_reject(g->in->reject_ctx, rej);
    g->in->prog.rejects = ++g->rejected;
}

static int S_one(void *ctx, zhe_article *a, const zhe_error *rej, uint64_t bytes)
{
    S_all *g = ctx;
    if (bytes) g->bytes = bytes;
    if (!a) {
        S_rejected(g, rej);
        return 0;
    }
    zhe_error err;
    zhe_record *rec = NULL;
    zhe_status st = g->extract ? zhe_pipeline_run(g->p, a, &rec, &err)
                               : zhe_text_prepare(zhe_pipeline_text(g->p), a, &err);
    if (st != ZHE_OK) {
        zhe_error r;
        zhe_error_set(&r, st, a->path, a->line, UINT64_MAX, "%s: %s", a->id, err.message);
        S_rejected(g, &r);
        zhe_article_free(a);
        return 0;
    }
    g->articles++;
    if (g->in->verbose) {
        zhe_buf cuts = ZHE_BUF_INIT;
        zhe_cli_cuts(a, &cuts);
        if (cuts.len) fputs(cuts.ptr, stderr);
        zhe_buf_clear(&cuts);
    }
    zhe_cli_progress_article(&g->in->prog, a->path, bytes);
    int bad = g->fn(g->ctx, a, rec);
    zhe_record_free(rec);
    zhe_article_free(a);
    if (bad == 1) {
        fprintf(stderr, "zhevents %s: cannot write the output: %s\n", g->cmd, strerror(errno));
        return ZHE_EXIT_IO;
    }
    return bad;     /* 0, or the exit code fn reported */
}

int zhe_cli_read_all(const char *cmd, zhe_cli_input *in, int extract, int npaths, char **paths,
                     zhe_cli_article_fn fn, void *ctx)
{
    S_all g = { cmd, in, NULL, extract, fn, ctx, 0, 0, 0 };
    zhe_pipeline *p;
    int rc = zhe_cli_pipeline_open(cmd, in, 0, &p);
    if (rc != ZHE_EXIT_OK) return rc;
    g.p = p;
    zhe_cli_progress *prog = &in->prog;
    zhe_cli_progress_start(prog, in->progress && !in->quiet, npaths, paths);
    rc = zhe_cli_read_raw(p, npaths, paths, S_one, &g);
    prog->rejects = g.rejected;
    prog->bytes = g.bytes;
    zhe_cli_progress_end(prog);
    if (in->verbose)
        fprintf(stderr, "zhevents %s: %zu articles, %zu rejected, %llu bytes read\n", cmd,
                g.articles, g.rejected, (unsigned long long)g.bytes);
    zhe_pipeline_free(p);
    if (rc != ZHE_EXIT_OK) return rc;
    if (g.articles == 0) {
        fprintf(stderr, "zhevents %s: no article could be read\n", cmd);
        return ZHE_EXIT_IO;
    }
    if (g.rejected && in->strict) return ZHE_EXIT_REJECTS;
    return ZHE_EXIT_OK;
}
