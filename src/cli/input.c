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

enum { OPT_FIELD = 256, OPT_PUBLISHED, OPT_MAX, OPT_LEXICONS, OPT_STRICT, OPT_DB, OPT_REPLACE,
       OPT_TRIGRAM };

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
    in->text.lexicon_dir = getenv("ZHEVENTS_LEXICONS");
    if (in->text.lexicon_dir && !*in->text.lexicon_dir) in->text.lexicon_dir = NULL;
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
        case OPT_LEXICONS: in->text.lexicon_dir = optarg; break;
        case OPT_STRICT: in->strict = 1; break;
        case OPT_DB:
        case OPT_REPLACE:
        case OPT_TRIGRAM:
            if (!(flags & ZHE_CLI_STORE_OPTIONS))
                return zhe_cli_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
            if (c == OPT_DB) in->db = optarg;
            else if (c == OPT_REPLACE) in->replace = 1;
            else in->fts_trigram = 1;
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

/* Print what cleaning cut from a, for --verbose. */
static void S_report_cuts(const zhe_article *a)
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
        fprintf(stderr, "zhevents: %s: cut %s, characters %zu-%zu: \"%.*s%s\"\n", a->id,
                zhe_cut_reason_str(c->reason), from, to, (int)n, a->raw + c->span.off,
                n < c->span.len ? "…" : "");
    }
}

int zhe_cli_read_all(const char *cmd, zhe_cli_input *in, int npaths, char **paths,
                     zhe_cli_article_fn fn, void *ctx)
{
    zhe_error err;
    zhe_text *tx;
    if (zhe_text_new(&in->text, &tx, &err) != ZHE_OK) {
        fprintf(stderr, "zhevents %s: %s\n", cmd, err.message);
        return ZHE_EXIT_IO;
    }
    zhe_reader *r = zhe_reader_new(tx);
    size_t rejected = 0, articles = 0;
    zhe_cli_progress *prog = &in->prog;
    zhe_cli_progress_start(prog, in->progress && !in->quiet, npaths, paths);
    if (npaths == 0) zhe_reader_add(r, "-", &err);
    for (int i = 0; i < npaths; i++) {
        if (zhe_reader_add(r, paths[i], &err) != ZHE_OK) {
            zhe_cli_progress_clear(prog);
            fprintf(stderr, "zhevents %s: rejected: %s\n", cmd, err.message);
            if (in->on_reject) in->on_reject(in->reject_ctx, &err);
            prog->rejects = ++rejected;
        }
    }
    int rc = ZHE_EXIT_OK;
    for (;;) {
        zhe_article *a = NULL;
        zhe_status st = zhe_reader_next(r, &a, &err);
        if (st == ZHE_DONE) break;
        if (st != ZHE_OK) {
            zhe_cli_progress_clear(prog);
            fprintf(stderr, "zhevents %s: rejected: %s\n", cmd, err.message);
            if (in->on_reject) in->on_reject(in->reject_ctx, &err);
            prog->rejects = ++rejected;
            continue;
        }
        st = zhe_text_prepare(tx, a, &err);
        if (st != ZHE_OK) {
            zhe_cli_progress_clear(prog);
            fprintf(stderr, "zhevents %s: rejected: %s: %s\n", cmd, a->id, err.message);
            if (in->on_reject) {
                zhe_error rej;
                zhe_error_set(&rej, st, a->path, a->line, UINT64_MAX, "%s: %s", a->id,
                              err.message);
                in->on_reject(in->reject_ctx, &rej);
            }
            prog->rejects = ++rejected;
            zhe_article_free(a);
            continue;
        }
        articles++;
        if (in->verbose) S_report_cuts(a);
        zhe_cli_progress_article(prog, a->path, zhe_reader_bytes(r));
        int bad = fn(ctx, a);
        zhe_article_free(a);
        if (bad > 1) {
            rc = bad;       /* fn reported it */
            break;
        }
        if (bad) {
            fprintf(stderr, "zhevents %s: cannot write the output: %s\n", cmd,
                    strerror(errno));
            rc = ZHE_EXIT_IO;
            break;
        }
    }
    prog->rejects = rejected;
    prog->bytes = zhe_reader_bytes(r);
    zhe_cli_progress_end(prog);
    if (in->verbose)
        fprintf(stderr, "zhevents %s: %zu articles, %zu rejected, %llu bytes read\n", cmd,
                articles, rejected, (unsigned long long)zhe_reader_bytes(r));
    zhe_reader_free(r);
    zhe_text_free(tx);
    if (rc != ZHE_EXIT_OK) return rc;
    if (articles == 0) {
        fprintf(stderr, "zhevents %s: no article could be read\n", cmd);
        return ZHE_EXIT_IO;
    }
    if (rejected && in->strict) return ZHE_EXIT_REJECTS;
    return ZHE_EXIT_OK;
}
