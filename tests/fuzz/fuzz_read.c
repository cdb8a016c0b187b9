/*
** fuzz_read.c — fuzz target for everything the text stage does with
** outside bytes: charset detection and decoding, the JSON Lines, Sogou,
** HTML and plain-text readers (gzip included), cleaning, normalization
** and sentence splitting — and the segmenter on the result.
**
** The first input byte picks options (a forced encoding, a small record
** limit); the rest is the file.  Beyond "no crash", each article must keep
** the text stage's promises: valid UTF-8 out, kept spans and cuts inside
** the raw text and in order, every sentence inside the normalized text, an
** offset map that is monotonic and maps every normalized offset into the
** raw text, and tokens that follow one another without overlap, each at
** its own offsets, covering every character but white space.
**
** Built with -Dfuzzing=true -Dfuzzer_ldflags=-fsanitize=fuzzer it is a
** libFuzzer target; otherwise fuzz_main.c replays a corpus through it.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <zhevents/zhevents.h>

static void S_fail(const char *what, const zhe_article *a)
{
    fprintf(stderr, "invariant broken: %s (article %s)\n", what, a ? a->id : "?");
    abort();
}

/* The pipeline with a segmenter, made once: its lexicon and segmenter
 * serve every option set. */
static zhe_pipeline *S_pipe;
static const zhe_segmenter *S_seg;

typedef struct {
    const zhe_article *a;
    size_t at;          /* where the last token ended */
} S_tokens;

static int S_token(void *ctx, int flags, const char *tok, int n, int start, int end)
{
    (void)flags;
    S_tokens *t = ctx;
    const zhe_article *a = t->a;
    if (start < 0 || end > (int)a->norm_len || n != end - start || n <= 0 ||
        tok != a->norm + start || (size_t)start < t->at)
        S_fail("a token out of place", a);
    for (size_t i = t->at; i < (size_t)start; i++)
        if (a->norm[i] != ' ' && a->norm[i] != '\n') S_fail("text between tokens", a);
    t->at = (size_t)end;
    return 0;
}

static void S_check(void *ctx, zhe_status st, zhe_article *a, const zhe_error *err)
{
    const zhe_text *tx = ctx;
    if (st != ZHE_OK) {
        if (!err || !err->message[0]) S_fail("a reject without a message", NULL);
        return;
    }
    if (zhe_text_prepare(tx, a, NULL) != ZHE_OK) S_fail("prepare failed", a);
    if (!zhe_utf8_valid(a->raw, a->raw_len)) S_fail("raw text is not UTF-8", a);
    if (!zhe_utf8_valid(a->norm, a->norm_len)) S_fail("normalized text is not UTF-8", a);
    size_t prev = 0;
    for (size_t i = 0; i < a->n_kept; i++) {
        if (a->kept[i].off < prev || a->kept[i].off + a->kept[i].len > a->raw_len)
            S_fail("kept span out of order or out of the raw text", a);
        prev = a->kept[i].off + a->kept[i].len;
    }
    for (size_t i = 0; i < a->n_cuts; i++)
        if (a->cuts[i].span.off + a->cuts[i].span.len > a->raw_len)
            S_fail("cut outside the raw text", a);
    for (size_t i = 0; i < a->n_sentences; i++)
        if (a->sentences[i].len == 0 || a->sentences[i].off + a->sentences[i].len > a->norm_len)
            S_fail("sentence outside the normalized text", a);
    size_t last = 0;
    for (size_t off = 0; off <= a->norm_len; off++) {
        size_t r0 = zhe_offmap_to_raw(&a->map, off), r1 = zhe_offmap_to_raw_end(&a->map, off);
        if (r0 > a->raw_len || r1 > a->raw_len) S_fail("map points outside the raw text", a);
        if (r0 < last) S_fail("map is not monotonic", a);
        last = r0;
    }
    S_tokens t = { a, 0 };
    zhe_segment(S_seg, a->norm, a->norm_len, S_token, &t);
    for (size_t i = t.at; i < a->norm_len; i++)
        if (a->norm[i] != ' ' && a->norm[i] != '\n') S_fail("text after the last token", a);
    zhe_article_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const zhe_encoding encs[] = { ZHE_ENC_AUTO, ZHE_ENC_UTF8, ZHE_ENC_GB18030,
                                         ZHE_ENC_BIG5, ZHE_ENC_UTF16LE };
    enum { N_ENC = sizeof encs / sizeof *encs };
    /* One zhe_text per option set, made once: building the normalizer's
     * tables for every input would be most of the work. */
    static zhe_text *texts[N_ENC][2];
    if (size < 1) return 0;
    if (!S_pipe) {
        zhe_pipeline_options opt;
        zhe_pipeline_options_init(&opt);
        opt.segment = 1;
        if (zhe_pipeline_new(&opt, &S_pipe, NULL) != ZHE_OK) abort();
        S_seg = zhe_pipeline_segmenter(S_pipe);
    }
    size_t e = (data[0] & 0x0F) % N_ENC, small = (data[0] & 0x10) != 0;
    if (!texts[e][small]) {
        zhe_text_options opt;
        zhe_text_options_init(&opt);
        opt.encoding = encs[e];
        if (small) opt.max_article_bytes = 512;
        opt.lexicon = zhe_pipeline_lexicon(S_pipe);
        if (zhe_text_new(&opt, &texts[e][small], NULL) != ZHE_OK) abort();
    }
    zhe_text *tx = texts[e][small];
    zhe_text_read_buffer(tx, "fuzz-input", (const char *)data + 1, size - 1, S_check, tx);
    return 0;
}
