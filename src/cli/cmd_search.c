/*
** cmd_search.c — `zhevents search WORDS...`: the sentences that hold all
** the words, best first, with their article's title and date and the
** words marked.  The words are normalized and segmented exactly as the
** stored sentences were (so 英伟达芯片 looks for 英伟达 and 芯片), and each
** token goes to FTS5 as a quoted string: nothing typed is FTS5 syntax.
**
**   table   date, title, the sentence with the words in «» (default on a
**           terminal)
**   jsonl   one object per sentence: {"article", "article_id", "title",
**           "published", "url", "sentence_id", "text", "highlight", "rank"}
**           (default otherwise); "highlight" is the segmented sentence with
**           the words in «»
**   json    the same objects in one array
*/
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

enum { OPT_LIMIT = 256, OPT_DB };

static const struct option S_options[] = {
    { "limit", required_argument, NULL, OPT_LIMIT },
    { "db", required_argument, NULL, OPT_DB },
    { "format", required_argument, NULL, 'f' },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 },
};

typedef enum { S_TABLE, S_JSONL, S_JSON } S_format;

typedef struct {
    S_format format;
    json_t *array;
} S_out;

/* 1 if the byte before or after a space the segmenter put in is part of
 * an ASCII word: the space is kept ("RTX 4090"), else dropped ("英伟达 A800"
 * reads 英伟达A800 again). */
static int S_ascii_word(unsigned char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* The highlight as a person reads it: FTS5's \x01 \x02 markers as « »,
 * and the spaces between words dropped except between two ASCII words. */
static void S_readable(const char *h, zhe_buf *out)
{
    size_t n = strlen(h);
    for (size_t i = 0; i < n; i++) {
        char c = h[i];
        if (c == '\x01') {
            zhe_buf_puts(out, "«");
        } else if (c == '\x02') {
            zhe_buf_puts(out, "»");
        } else if (c == ' ') {
            /* The characters around the space, markers skipped. */
            size_t a = i, b = i + 1;
            while (a > 0 && (h[a - 1] == '\x01' || h[a - 1] == '\x02')) a--;
            while (b < n && (h[b] == '\x01' || h[b] == '\x02')) b++;
            if (a > 0 && b < n && S_ascii_word((unsigned char)h[a - 1]) &&
                S_ascii_word((unsigned char)h[b]))
                zhe_buf_putc(out, ' ');
        } else {
            zhe_buf_putc(out, c);
        }
    }
}

static int S_hit(void *ctx, const zhe_store_hit *h)
{
    S_out *o = ctx;
    zhe_buf hl = ZHE_BUF_INIT;
    S_readable(h->highlight ? h->highlight : "", &hl);
    int bad = 0;
    if (o->format == S_TABLE) {
        const char *date = h->published ? h->published : "";
        zhe_cli_put_cell(stdout, date, ZHE_CLI_MIN(strlen(date), 10), 10, 1);
        fputs("  ", stdout);
        zhe_cli_put_cell(stdout, h->title, strlen(h->title), 36, 1);
        fputs("  ", stdout);
        fwrite(hl.ptr, 1, hl.len, stdout);
        putchar('\n');
    } else {
        json_t *j = json_object();
        json_object_set_new(j, "article", json_string(h->article));
        json_object_set_new(j, "article_id", json_integer((json_int_t)h->article_id));
        json_object_set_new(j, "title", json_string(h->title));
        json_object_set_new(j, "published", h->published ? json_string(h->published)
                                                         : json_null());
        json_object_set_new(j, "url", h->url && *h->url ? json_string(h->url) : json_null());
        json_object_set_new(j, "sentence_id", json_integer((json_int_t)h->sentence_id));
        json_object_set_new(j, "text", json_string(h->text));
        json_object_set_new(j, "highlight", json_stringn(hl.ptr, hl.len));
        json_object_set_new(j, "rank", json_real(h->rank));
        if (o->format == S_JSON) {
            json_array_append_new(o->array, j);
        } else {
            bad = json_dumpf(j, stdout, JSON_COMPACT | JSON_REAL_PRECISION(6)) != 0 ||
                  putchar('\n') == EOF;
            json_decref(j);
        }
    }
    zhe_buf_clear(&hl);
    return bad || ferror(stdout);
}

/* The FTS5 query for the words: normalized like an article's text (NFKC,
 * traditional to simplified), then segmented and quoted. */
static zhe_status S_match(const char *words, zhe_buf *out, zhe_error *err)
{
    zhe_pipeline_options opt;
    zhe_pipeline_options_init(&opt);
    opt.segment = 1;
    zhe_pipeline *p;
    zhe_status st = zhe_pipeline_new(&opt, &p, err);
    if (st == ZHE_OK) {
        zhe_article *a;
        st = zhe_text_normalize(zhe_pipeline_text(p), words, strlen(words), &a, err);
        if (st == ZHE_OK)
            zhe_segment_match_expr(zhe_pipeline_segmenter(p), a->norm, a->norm_len, out);
        zhe_article_free(a);
        zhe_pipeline_free(p);
    }
    return st;
}

int zhe_cmd_search(int argc, char **argv)
{
    const char *db = NULL, *format = NULL;
    size_t limit = 20;
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "f:h", S_options, NULL)) != -1) {
        switch (c) {
        case OPT_LIMIT: {
            char *end;
            errno = 0;
            unsigned long long v = strtoull(optarg, &end, 10);
            if (errno || *end || end == optarg || optarg[0] == '-')
                return zhe_cli_usage_error("search", "--limit wants a number, not '%s'",
                                           optarg);
            limit = (size_t)v;
            break;
        }
        case OPT_DB: db = optarg; break;
        case 'f': format = optarg; break;
        case 'h': {
            char *help_argv[] = { "help", "search", NULL };
            return zhe_cmd_help(2, help_argv);
        }
        default:
            return zhe_cli_usage_error("search", "unknown option or missing value: '%s'",
                                       argv[optind - 1]);
        }
    }
    if (optind >= argc) return zhe_cli_usage_error("search", "no words to search for");
    S_out o = { zhe_cli_stdout_tty() ? S_TABLE : S_JSONL, NULL };
    if (format) {
        if (!strcmp(format, "table")) o.format = S_TABLE;
        else if (!strcmp(format, "jsonl")) o.format = S_JSONL;
        else if (!strcmp(format, "json")) o.format = S_JSON;
        else
            return zhe_cli_usage_error("search", "unknown format '%s' (known: table, json, "
                                                 "jsonl)", format);
    }

    zhe_buf words = ZHE_BUF_INIT, match = ZHE_BUF_INIT;
    for (int i = optind; i < argc; i++) {
        if (words.len) zhe_buf_putc(&words, ' ');
        zhe_buf_puts(&words, argv[i]);
    }
    zhe_error err;
    zhe_status st = S_match(words.ptr, &match, &err);
    zhe_buf_clear(&words);
    if (st != ZHE_OK) {
        fprintf(stderr, "zhevents search: %s\n", err.message);
        zhe_buf_clear(&match);
        return ZHE_EXIT_IO;
    }
    zhe_store *store;
    int rc = zhe_cli_store_open_read("search", db, &store);
    if (rc >= 0) {
        zhe_buf_clear(&match);
        return rc;
    }
    if (o.format == S_JSON) o.array = json_array();
    st = zhe_store_search(store, match.len ? match.ptr : "", limit, S_hit, &o, &err);
    zhe_store_close(store, NULL);
    zhe_buf_clear(&match);
    if (st == ZHE_OK && o.format == S_JSON &&
        (json_dumpf(o.array, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(6)) != 0 ||
         putchar('\n') == EOF))
        st = zhe_error_set(&err, ZHE_ERR_IO, NULL, 0, UINT64_MAX, "cannot write the output");
    json_decref(o.array);
    if (st == ZHE_OK && (fflush(stdout) != 0 || ferror(stdout)))
        st = zhe_error_set(&err, ZHE_ERR_IO, NULL, 0, UINT64_MAX, "cannot write the output");
    if (st != ZHE_OK) {
        fprintf(stderr, "zhevents search: %s\n", err.message);
        return zhe_cli_store_exit(st);
    }
    return ZHE_EXIT_OK;
}
