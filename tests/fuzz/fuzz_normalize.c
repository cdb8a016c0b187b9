/*
** fuzz_normalize.c — fuzz target for the text stage after reading:
** cleaning (zhe_clean), normalization with its offset map (zhe_normalize)
** and sentence splitting (zhe_split), on an article built straight from
** the input, with no reader in between.
**
** The first input byte picks options: whether the first line of the text
** is also the article's title (so cleaning cuts it), whether the text
** stage has a default publication date, and whether the three steps run
** through zhe_text_prepare or one by one.  The rest, made valid UTF-8 by
** the decoder, is the raw text.  Beyond "no crash": the promises of
** fuzz_check.h — kept spans and cuts inside the raw text; normalized text
** of valid UTF-8; anchors sorted, `same` anchors holding the bytes of
** their source; every normalized offset mapped into [0, raw_len], to_raw
** and to_raw_end monotonic and to_raw(o) <= to_raw_end(o + 1), so that
** to_raw(a) <= to_raw_end(b) whenever a < b; sentences inside the
** normalized text and in order — and preparing the article a second time
** changes none of it.
**
** Built with -Dfuzzing=true -Dfuzzer_ldflags=-fsanitize=fuzzer it is a
** libFuzzer target; otherwise fuzz_main.c replays a corpus through it.
*/
#include "fuzz_check.h"

/* A copy of what preparing an article made, to compare a second run with. */
typedef struct {
    zhe_span *kept, *sentences;
    zhe_cut *cuts;
    zhe_anchor *anchors;
    char *norm;
    size_t n_kept, n_sentences, n_cuts, n_anchors, norm_len;
} S_result;

static void *S_dup(const void *p, size_t n)
{
    void *q = malloc(n ? n : 1);
    if (!q) abort();
    if (n) memcpy(q, p, n);
    return q;
}

static void S_save(const zhe_article *a, S_result *r)
{
    r->kept = S_dup(a->kept, a->n_kept * sizeof *a->kept);
    r->n_kept = a->n_kept;
    r->cuts = S_dup(a->cuts, a->n_cuts * sizeof *a->cuts);
    r->n_cuts = a->n_cuts;
    r->sentences = S_dup(a->sentences, a->n_sentences * sizeof *a->sentences);
    r->n_sentences = a->n_sentences;
    r->anchors = S_dup(a->map.anchors, a->map.n * sizeof *a->map.anchors);
    r->n_anchors = a->map.n;
    r->norm = S_dup(a->norm, a->norm_len);
    r->norm_len = a->norm_len;
}

/* Whether a holds what r saved.  Compared field by field: structures may
 * have padding. */
static int S_same(const zhe_article *a, const S_result *r)
{
    if (a->n_kept != r->n_kept || a->n_cuts != r->n_cuts || a->n_sentences != r->n_sentences ||
        a->map.n != r->n_anchors || a->norm_len != r->norm_len ||
        memcmp(a->norm, r->norm, r->norm_len) != 0)
        return 0;
    for (size_t i = 0; i < r->n_kept; i++)
        if (a->kept[i].off != r->kept[i].off || a->kept[i].len != r->kept[i].len) return 0;
    for (size_t i = 0; i < r->n_cuts; i++)
        if (a->cuts[i].span.off != r->cuts[i].span.off ||
            a->cuts[i].span.len != r->cuts[i].span.len || a->cuts[i].reason != r->cuts[i].reason)
            return 0;
    for (size_t i = 0; i < r->n_sentences; i++)
        if (a->sentences[i].off != r->sentences[i].off ||
            a->sentences[i].len != r->sentences[i].len)
            return 0;
    for (size_t i = 0; i < r->n_anchors; i++) {
        const zhe_anchor *x = &a->map.anchors[i], *y = &r->anchors[i];
        if (x->norm != y->norm || x->raw != y->raw || x->raw_len != y->raw_len ||
            x->same != y->same)
            return 0;
    }
    return 1;
}

static void S_free(S_result *r)
{
    free(r->kept);
    free(r->cuts);
    free(r->sentences);
    free(r->anchors);
    free(r->norm);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static zhe_text *texts[2];
    if (size < 1) return 0;
    int titled = data[0] & 1, dated = (data[0] & 2) != 0, steps = (data[0] & 4) != 0;
    if (!texts[dated]) {
        zhe_text_options opt;
        zhe_text_options_init(&opt);
        if (dated) opt.published = "2024-02-29";
        if (zhe_text_new(&opt, &texts[dated], NULL) != ZHE_OK) abort();
    }
    zhe_text *tx = texts[dated];

    zhe_article *a;

    zhe_article_new(&a, NULL);
    zhe_free(a->id);
    a->id = zhe_strdup("fuzz-input");
    zhe_decoder *d;
    if (zhe_decoder_new(ZHE_ENC_UTF8, &d, NULL) != ZHE_OK) abort();
    zhe_buf raw = ZHE_BUF_INIT;
    zhe_decoder_feed(d, (const char *)data + 1, size - 1, &raw);
    zhe_decoder_finish(d, &raw);
    zhe_decoder_free(d);
    zhe_free(a->raw);
    a->raw = zhe_buf_detach(&raw, &a->raw_len);
    if (titled) {
        const char *nl = memchr(a->raw, '\n', a->raw_len);
        zhe_free(a->title);
        a->title = zhe_strndup(a->raw, nl ? (size_t)(nl - a->raw) : a->raw_len);
    }

    if (steps) {
        zhe_clean(tx, a);
        if (zhe_normalize(tx, a, NULL) != ZHE_OK) fuzz_fail("normalize failed", a->id);
        zhe_split(a);
    } else if (zhe_text_prepare(tx, a, NULL) != ZHE_OK) {
        fuzz_fail("prepare failed", a->id);
    }
    fuzz_check_prepared(a);
    if (dated && !*a->published) fuzz_fail("the default publication date not taken", a->id);

    S_result first;
    S_save(a, &first);
    if (zhe_text_prepare(tx, a, NULL) != ZHE_OK) fuzz_fail("prepare failed", a->id);
    if (!S_same(a, &first)) fuzz_fail("preparing again changed the result", a->id);
    S_free(&first);
    zhe_article_free(a);
    return 0;
}
