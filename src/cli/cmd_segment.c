/*
** cmd_segment.c — `zhevents segment`: every input line, segmented into
** words.  The input is read as lines, not as articles: no title, no
** cleaning, one output line per input line, so the output lines up with a
** segmented gold file.  Each line is normalized (NFKC, traditional to
** simplified) for the segmenter, and the words are printed as the input
** wrote them, through the offset map:
**
**   text    words separated by one space
**   jsonl   {"line": N, "tokens": [{"text", "start", "end"}]} with
**           code-point offsets into the line
*/
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

typedef struct {
    const zhe_article *a;       /* the line, normalized */
    size_t done;                /* raw bytes printed so far */
    int jsonl;
    int first;
    json_t *tokens;
} S_out;

/* One token: print the raw text its normalized span came from. */
static int S_token(void *ctx, int flags, const char *tok, int n, int start, int end)
{
    (void)flags, (void)tok, (void)n;
    S_out *o = ctx;
    const zhe_article *a = o->a;
    size_t r0 = zhe_offmap_to_raw(&a->map, (size_t)start);
    size_t r1 = zhe_offmap_to_raw_end(&a->map, (size_t)end);
    /* Tokens from one raw character (NFKC made ㍿ two): shown once. */
    if (r0 < o->done) r0 = o->done;
    if (r1 <= r0) return 0;
    o->done = r1;
    if (o->jsonl) {
        json_t *t = json_object();
        json_object_set_new(t, "text", json_stringn(a->raw + r0, r1 - r0));
        json_object_set_new(t, "start", json_integer((json_int_t)zhe_article_cp_offset(a, r0)));
        json_object_set_new(t, "end", json_integer((json_int_t)zhe_article_cp_offset(a, r1)));
        json_array_append_new(o->tokens, t);
        return 0;
    }
    if (!o->first) putchar(' ');
    o->first = 0;
    fwrite(a->raw + r0, 1, r1 - r0, stdout);
    return 0;
}

/* Segment and print one line. */
static void S_line(const zhe_text *tx, const zhe_segmenter *seg, const char *s, size_t len,
                   size_t lineno, int jsonl)
{
    zhe_article *a;
    if (zhe_text_normalize(tx, s, len, &a, NULL) != ZHE_OK) return;
    S_out o = { a, 0, jsonl, 1, jsonl ? json_array() : NULL };
    zhe_segment(seg, a->norm, a->norm_len, S_token, &o);
    if (jsonl) {
        json_t *rec = json_object();
        json_object_set_new(rec, "line", json_integer((json_int_t)lineno));
        json_object_set_new(rec, "tokens", o.tokens);
        json_dumpf(rec, stdout, JSON_COMPACT);
        json_decref(rec);
    }
    putchar('\n');
    zhe_article_free(a);
}

/* Read, decode and segment one input.  Returns 0, or -1 after reporting
 * why it could not be read. */
static int S_input(const zhe_text *tx, const zhe_segmenter *seg, const char *path,
                   zhe_encoding forced, int jsonl)
{
    gzFile gz = strcmp(path, "-") == 0 ? gzdopen(dup(0), "rb") : gzopen(path, "rb");
    if (!gz) {
        fprintf(stderr, "zhevents segment: rejected: %s: cannot open: %s\n", path,
                strerror(errno));
        return -1;
    }
    zhe_buf bytes = ZHE_BUF_INIT;
    char chunk[65536];
    int k;
    while ((k = gzread(gz, chunk, sizeof chunk)) > 0) zhe_buf_put(&bytes, chunk, (size_t)k);
    int zerr;
    const char *msg = gzerror(gz, &zerr);
    gzclose(gz);
    if (k < 0 || zerr == Z_BUF_ERROR) {
        fprintf(stderr, "zhevents segment: rejected: %s: cannot read: %s\n", path,
                k < 0 ? msg : "the gzip data is cut short");
        zhe_buf_clear(&bytes);
        return -1;
    }
    zhe_encoding enc = forced != ZHE_ENC_AUTO
                           ? forced
                           : zhe_encoding_detect(bytes.ptr ? bytes.ptr : "", bytes.len, 1);
    zhe_decoder *d;
    zhe_decoder_new(enc, &d, NULL);
    zhe_buf text = ZHE_BUF_INIT;
    zhe_decoder_feed(d, bytes.ptr ? bytes.ptr : "", bytes.len, &text);
    zhe_decoder_finish(d, &text);
    zhe_decoder_free(d);
    zhe_buf_clear(&bytes);
    size_t lineno = 0;
    for (size_t i = 0; i < text.len;) {
        const char *nl = memchr(text.ptr + i, '\n', text.len - i);
        size_t e = nl ? (size_t)(nl - text.ptr) : text.len;
        size_t t = e;
        if (t > i && text.ptr[t - 1] == '\r') t--;
        S_line(tx, seg, text.ptr + i, t - i, ++lineno, jsonl);
        i = e + 1;
    }
    zhe_buf_clear(&text);
    return 0;
}

int zhe_cmd_segment(int argc, char **argv)
{
    zhe_cli_input in;
    int rc = zhe_cli_input_parse("segment", argc, argv, &in);
    if (rc >= 0) return rc;
    /* lines, not articles: nothing of an article's to read or reject */
    if (in.text.n_fields || in.text.published || in.verbose)
        return zhe_cli_usage_error("segment", "%s: segment reads lines, not articles",
                                   in.text.n_fields ? "--field"
                                   : in.text.published ? "--published" : "--verbose");
    int jsonl = in.format && strcmp(in.format, "jsonl") == 0;
    if (in.format && !jsonl && strcmp(in.format, "text") != 0)
        return zhe_cli_usage_error("segment", "unknown format '%s' (known: text, jsonl)",
                                   in.format);
    zhe_pipeline *p;
    rc = zhe_cli_pipeline_open("segment", &in, 1, &p);
    if (rc != ZHE_EXIT_OK) return rc;
    const zhe_text *tx = zhe_pipeline_text(p);
    const zhe_segmenter *seg = zhe_pipeline_segmenter(p);
    int n = argc - optind, failed = 0;
    if (n == 0) failed += S_input(tx, seg, "-", in.text.encoding, jsonl) < 0;
    for (int i = 0; i < n; i++)
        failed += S_input(tx, seg, argv[optind + i], in.text.encoding, jsonl) < 0;
    zhe_pipeline_free(p);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "zhevents segment: cannot write the output\n");
        return ZHE_EXIT_IO;
    }
    if (failed == (n ? n : 1)) return ZHE_EXIT_IO;
    return failed && in.strict ? ZHE_EXIT_REJECTS : ZHE_EXIT_OK;
}
