/*
** cmd_search.c — `zhevents search WORDS...`: the sentences that hold every
** word given, best first, with their article's title and date and the
** words marked in the sentence as the article printed it.
**
** A word is any string, found as adjacent characters wherever it stands:
** 商务部 inside 美国商务部, 万元 inside 26.5万元.  Words are separated by
** spaces; "double quotes" (or “these”) make one word of a phrase with
** spaces in it.  Each word is normalized as the stored text is (NFKC,
** traditional to simplified: 輝達 finds 辉达 in either script) and its
** spaces dropped; the store finds it in the trigram index or, under three
** characters, by LIKE (zhe_store_search).
**
** Exit status as grep's: 0 when a sentence was found, 1 when none was, 2
** on an error.  When more sentences match than are shown, stderr says how
** many ("20 of 38 sentences shown").
**
**   table   date, title, the sentence with the words in «» (default on a
**           terminal)
**   jsonl   one object per sentence: {"article", "article_id", "title",
**           "published", "url", "sentence_id", "text", "highlight", "rank"}
**           (default otherwise); "highlight" is the text as printed with
**           the words in «»
**   json    the same objects in one array
*/
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

enum { OPT_LIMIT = 256, OPT_ALL, OPT_DB };

static const struct option S_options[] = {
    { "limit", required_argument, NULL, OPT_LIMIT },
    { "all", no_argument, NULL, OPT_ALL },
    { "db", required_argument, NULL, OPT_DB },
    { "format", required_argument, NULL, 'f' },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 },
};

typedef enum { S_TABLE, S_JSONL, S_JSON } S_format;

typedef struct {
    S_format format;
    json_t *array;
    const zhe_text *tx;
    char **terms;               /* normalized, without spaces */
    size_t n_terms;
} S_out;

static int S_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static unsigned char S_lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c | 0x20) : c;
}

/*
** Sentence text as printed, with every place a term stands in its
** normalized form between « and ».  The text is normalized again (as it
** was when stored) and searched without its spaces, ASCII letters in any
** case; what is found maps back through the offset map.  Marks that
** overlap are one mark.
*/
static void S_highlight(const S_out *o, const char *text, zhe_buf *out)
{
    size_t len = strlen(text);
    zhe_article *a = NULL;
    zhe_error err;
    if (zhe_text_normalize(o->tx, text, len, &a, &err) != ZHE_OK) {
        zhe_buf_put(out, text, len);
        return;
    }
    /* plain: norm without its spaces, lower case; at[i]: its byte in norm */
    size_t *at = zhe_xcalloc(a->norm_len + 1, sizeof *at);
    char *plain = zhe_xcalloc(a->norm_len + 1, 1);
    size_t n = 0;
    for (size_t i = 0; i < a->norm_len; i++) {
        if (S_space((unsigned char)a->norm[i])) continue;
        at[n] = i;
        plain[n++] = (char)S_lower((unsigned char)a->norm[i]);
    }
    at[n] = a->norm_len;
    plain[n] = '\0';
    /* marked[k] = 1 for each byte of the raw text inside a mark */
    unsigned char *marked = zhe_xcalloc(len + 1, 1);
    for (size_t t = 0; t < o->n_terms; t++) {
        size_t tl = strlen(o->terms[t]);
        if (!tl || tl > n) continue;
        for (size_t i = 0; i + tl <= n; i++) {
            size_t k = 0;
            while (k < tl && plain[i + k] == (char)S_lower((unsigned char)o->terms[t][k])) k++;
            if (k < tl) continue;
            size_t r0 = zhe_offmap_to_raw(&a->map, at[i]);
            size_t r1 = zhe_offmap_to_raw_end(&a->map, at[i + tl - 1] + 1);
            for (size_t r = r0; r < r1 && r < len; r++) marked[r] = 1;
        }
    }
    for (size_t r = 0; r < len; r++) {
        if (marked[r] && (r == 0 || !marked[r - 1])) zhe_buf_puts(out, "«");
        zhe_buf_putc(out, text[r]);
        if (marked[r] && !marked[r + 1]) zhe_buf_puts(out, "»");
    }
    zhe_free(marked);
    zhe_free(plain);
    zhe_free(at);
    zhe_article_free(a);
}

static int S_hit(void *ctx, const zhe_store_hit *h)
{
    S_out *o = ctx;
    zhe_buf hl = ZHE_BUF_INIT;
    S_highlight(o, h->text ? h->text : "", &hl);
    int bad = 0;
    if (o->format == S_TABLE) {
        const char *date = h->published ? h->published : "";
        zhe_cli_put_cell(stdout, date, ZHE_CLI_MIN(strlen(date), 10), 10, 1);
        fputs("  ", stdout);
        zhe_cli_put_cell(stdout, h->title, strlen(h->title), 36, 1);
        fputs("  ", stdout);
        /* one line a sentence: a line break printed in it is a space */
        for (size_t i = 0; i < hl.len; i++) putchar(hl.ptr[i] == '\n' ? ' ' : hl.ptr[i]);
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

/* The opening quote at s, or 0: " or “ (which “ or ” closes). */
static size_t S_quote(const char *s)
{
    if (*s == '"') return 1;
    if (!strncmp(s, "“", 3) || !strncmp(s, "”", 3)) return 3;
    return 0;
}

/* Add word w[0..n) to o's terms, normalized and without its spaces;
 * a word that normalizes to nothing is dropped. */
static zhe_status S_term(S_out *o, const char *w, size_t n, zhe_error *err)
{
    zhe_article *a;
    zhe_status st = zhe_text_normalize(o->tx, w, n, &a, err);
    if (st != ZHE_OK) return st;
    char *t = zhe_xcalloc(a->norm_len + 1, 1);
    size_t k = 0;
    for (size_t i = 0; i < a->norm_len; i++)
        if (!S_space((unsigned char)a->norm[i])) t[k++] = a->norm[i];
    t[k] = '\0';
    zhe_article_free(a);
    if (!k) {
        zhe_free(t);
        return ZHE_OK;
    }
    o->terms = zhe_xrealloc(o->terms, (o->n_terms + 1) * sizeof *o->terms);
    o->terms[o->n_terms++] = t;
    return ZHE_OK;
}

/* The words of the command line: separated by spaces, a quoted phrase
 * one word with its spaces. */
static zhe_status S_terms(S_out *o, const char *line, zhe_error *err)
{
    const char *p = line;
    while (*p) {
        while (S_space((unsigned char)*p)) p++;
        if (!*p) break;
        size_t q = S_quote(p);
        const char *w = p + q, *e;
        if (q) {
            e = w;
            while (*e && !S_quote(e)) e++;
            p = *e ? e + S_quote(e) : e;
        } else {
            e = w;
            while (*e && !S_space((unsigned char)*e) && !S_quote(e)) e++;
            p = e;
        }
        zhe_status st = S_term(o, w, (size_t)(e - w), err);
        if (st != ZHE_OK) return st;
    }
    return ZHE_OK;
}

static void S_out_free(S_out *o)
{
    for (size_t i = 0; i < o->n_terms; i++) zhe_free(o->terms[i]);
    zhe_free(o->terms);
    json_decref(o->array);
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
        case OPT_ALL: limit = 0; break;
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
    S_out o = { zhe_cli_stdout_tty() ? S_TABLE : S_JSONL, NULL, NULL, NULL, 0 };
    if (format) {
        if (!strcmp(format, "table")) o.format = S_TABLE;
        else if (!strcmp(format, "jsonl")) o.format = S_JSONL;
        else if (!strcmp(format, "json")) o.format = S_JSON;
        else
            return zhe_cli_usage_error("search", "unknown format '%s' (known: table, json, "
                                                 "jsonl)", format);
    }

    zhe_error err;
    zhe_pipeline_options opt;
    zhe_pipeline_options_init(&opt);
    zhe_pipeline *p;
    if (zhe_pipeline_new(&opt, &p, &err) != ZHE_OK) {
        fprintf(stderr, "zhevents search: %s\n", err.message);
        return ZHE_EXIT_USAGE;
    }
    o.tx = zhe_pipeline_text(p);
    zhe_buf words = ZHE_BUF_INIT;
    for (int i = optind; i < argc; i++) {
        if (words.len) zhe_buf_putc(&words, ' ');
        zhe_buf_puts(&words, argv[i]);
    }
    zhe_status st = S_terms(&o, words.ptr, &err);
    zhe_buf_clear(&words);
    if (st == ZHE_OK && !o.n_terms) {
        zhe_pipeline_free(p);
        S_out_free(&o);
        return zhe_cli_usage_error("search", "no words to search for");
    }
    zhe_store *store = NULL;
    if (st == ZHE_OK && zhe_cli_store_open_read("search", db, &store) >= 0) {
        zhe_pipeline_free(p);
        S_out_free(&o);
        return ZHE_EXIT_USAGE;  /* as grep: 2 for an error; the reason is printed */
    }
    size_t total = 0;
    if (o.format == S_JSON) o.array = json_array();
    if (st == ZHE_OK)
        st = zhe_store_search(store, (const char *const *)o.terms, o.n_terms, limit, &total,
                              S_hit, &o, &err);
    zhe_store_close(store, NULL);
    if (st == ZHE_OK && o.format == S_JSON &&
        (json_dumpf(o.array, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(6)) != 0 ||
         putchar('\n') == EOF))
        st = zhe_error_set(&err, ZHE_ERR_IO, NULL, 0, UINT64_MAX, "cannot write the output");
    if (st == ZHE_OK && (fflush(stdout) != 0 || ferror(stdout)))
        st = zhe_error_set(&err, ZHE_ERR_IO, NULL, 0, UINT64_MAX, "cannot write the output");
    zhe_pipeline_free(p);
    S_out_free(&o);
    if (st != ZHE_OK) {
        fprintf(stderr, "zhevents search: %s\n", err.message);
        return ZHE_EXIT_USAGE;
    }
    if (limit && total > limit)
        fprintf(stderr, "zhevents search: %zu of %zu sentences shown (--limit N or --all for "
                        "more)\n", limit, total);
    return total ? ZHE_EXIT_OK : 1;
}
