/*
** bench_segment.c — times the segmenter against ICU's word break iterator
** on the same text, in the same run (tests/bench, suite `bench`).
**
**     bench_segment [--limit-mb N] FILE...
**
** The files are read and normalized first (untimed), up to N MB of
** normalized text (default 50).  Then, over exactly that text:
**   zhevents   zhe_segment() with a callback that counts tokens
**   icu        ubrk_open(UBRK_WORD, "zh") over a UTF-8 UText per article,
**              counting the pieces that are not white space
** Printed, one "key value" a line: the lexicon load time, MB (10^6 bytes of
** UTF-8), tokens and MB/s for each, and the ratio zhevents / icu.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>
#include <zhevents/zhevents.h>

static double S_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef struct {
    zhe_text *tx;
    char **texts;
    size_t *lens;
    size_t n, cap, bytes, limit;
} S_set;

static void S_keep(void *ctx, zhe_status st, zhe_article *a, const zhe_error *err)
{
    (void)err;
    S_set *set = ctx;
    if (st != ZHE_OK) return;
    if (set->bytes < set->limit && zhe_text_prepare(set->tx, a, NULL) == ZHE_OK) {
        if (set->n == set->cap) {
            set->cap = set->cap ? set->cap * 2 : 1024;
            set->texts = realloc(set->texts, set->cap * sizeof *set->texts);
            set->lens = realloc(set->lens, set->cap * sizeof *set->lens);
            if (!set->texts || !set->lens) abort();
        }
        set->texts[set->n] = a->norm;
        set->lens[set->n++] = a->norm_len;
        set->bytes += a->norm_len;
        a->norm = zhe_strdup("");
    }
    zhe_article_free(a);
}

static int S_count(void *ctx, int flags, const char *tok, int n, int start, int end)
{
    (void)flags, (void)tok, (void)n, (void)start, (void)end;
    (*(size_t *)ctx)++;
    return 0;
}

static char *S_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    zhe_buf b = ZHE_BUF_INIT;
    char tmp[65536];
    size_t k;
    while ((k = fread(tmp, 1, sizeof tmp, f)) > 0) zhe_buf_put(&b, tmp, k);
    fclose(f);
    if (!b.ptr) zhe_buf_puts(&b, "");
    return zhe_buf_detach(&b, len);
}

int main(int argc, char **argv)
{
    S_set set;
    memset(&set, 0, sizeof set);
    set.limit = 50 * 1000 * 1000;
    int first = 1;
    if (argc > 2 && strcmp(argv[1], "--limit-mb") == 0) {
        set.limit = (size_t)atol(argv[2]) * 1000 * 1000;
        first = 3;
    }
    if (first >= argc) {
        fprintf(stderr, "usage: bench_segment [--limit-mb N] FILE...\n");
        return 2;
    }
    zhe_text_options opt;
    zhe_text_options_init(&opt);
    zhe_error err;
    if (zhe_text_new(&opt, &set.tx, &err) != ZHE_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    for (int i = first; i < argc && set.bytes < set.limit; i++) {
        size_t len;
        char *data = S_read(argv[i], &len);
        if (!data) {
            fprintf(stderr, "cannot read %s\n", argv[i]);
            return 1;
        }
        zhe_text_read_buffer(set.tx, argv[i], data, len, S_keep, &set);
        zhe_free(data);
    }

    /* The load: the lexicon read, and the segmenter's table made of it
     * and of the general word list. */
    double t0 = S_now();
    zhe_lexicon *lex;
    zhe_segmenter *seg;
    if (zhe_lexicon_open(NULL, &lex, &err) != ZHE_OK ||
        zhe_segmenter_new(lex, &seg, &err) != ZHE_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    zhe_lexicon_free(lex);
    double load = S_now() - t0;

    size_t ours = 0;
    t0 = S_now();
    for (size_t i = 0; i < set.n; i++) zhe_segment(seg, set.texts[i], set.lens[i], S_count, &ours);
    double t_ours = S_now() - t0;

    size_t icu = 0;
    UErrorCode st = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_WORD, "zh", NULL, 0, &st);
    t0 = S_now();
    for (size_t i = 0; i < set.n && U_SUCCESS(st); i++) {
        UText *ut = utext_openUTF8(NULL, set.texts[i], (int64_t)set.lens[i], &st);
        ubrk_setUText(bi, ut, &st);
        for (int32_t p = ubrk_first(bi), q; (q = ubrk_next(bi)) != UBRK_DONE; p = q)
            if (ubrk_getRuleStatus(bi) != UBRK_WORD_NONE || set.texts[i][p] != ' ') icu++;
        utext_close(ut);
    }
    double t_icu = S_now() - t0;
    ubrk_close(bi);
    if (U_FAILURE(st)) {
        fprintf(stderr, "ICU: %s\n", u_errorName(st));
        return 1;
    }

    double mb = (double)set.bytes / 1e6;
    printf("lexicon_words     %zu\n", zhe_segmenter_words(seg));
    printf("lexicon_load_ms   %.1f\n", load * 1e3);
    printf("articles          %zu\n", set.n);
    printf("text_MB           %.2f   (normalized UTF-8)\n", mb);
    printf("zhevents_tokens   %zu\n", ours);
    printf("zhevents_seconds  %.3f\n", t_ours);
    printf("zhevents_MB_per_s %.1f\n", mb / t_ours);
    printf("icu_tokens        %zu\n", icu);
    printf("icu_seconds       %.3f\n", t_icu);
    printf("icu_MB_per_s      %.1f\n", mb / t_icu);
    printf("ratio             %.2f   (zhevents / icu, target >= 1.3)\n", t_icu / t_ours);
    for (size_t i = 0; i < set.n; i++) zhe_free(set.texts[i]);
    free(set.texts);
    free(set.lens);
    zhe_segmenter_free(seg);
    zhe_text_free(set.tx);
    return 0;
}
