/*
** bench_extract.c — times extraction alone (tests/bench, suite `bench`).
**
**     bench_extract [--limit-mb N] FILE...
**
** The files are read, cleaned, normalized and split first (untimed), up to
** N MB of normalized text (default 50); the articles are kept.  Then
** zhe_extract() runs over all of them and the time is taken; then, over
** each article's mentions again, zhe_link() alone.  Printed, one "key
** value" a line: the extractor's load time, MB (10^6 bytes of normalized
** UTF-8), mentions of each type, MB/s, events of each type, the linker's
** MB/s, and the peak RSS of the whole process (which holds every prepared
** article).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <zhevents/zhevents.h>

static double S_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef struct {
    zhe_text *tx;
    zhe_article **v;
    size_t n, cap, bytes, limit;
} S_set;

static void S_keep(void *ctx, zhe_status st, zhe_article *a, const zhe_error *err)
{
    (void)err;
    S_set *set = ctx;
    if (st != ZHE_OK) return;
    if (set->bytes >= set->limit || zhe_text_prepare(set->tx, a, NULL) != ZHE_OK) {
        zhe_article_free(a);
        return;
    }
    if (set->n == set->cap) {
        set->cap = set->cap ? set->cap * 2 : 1024;
        set->v = realloc(set->v, set->cap * sizeof *set->v);
        if (!set->v) abort();
    }
    set->v[set->n++] = a;
    set->bytes += a->norm_len;
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
        fprintf(stderr, "usage: bench_extract [--limit-mb N] FILE...\n");
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

    /* The load: the lexicon read, and the extractor compiled from it. */
    double t0 = S_now();
    zhe_lexicon *lex;
    zhe_extractor *ex;
    if (zhe_lexicon_open(NULL, &lex, &err) != ZHE_OK ||
        zhe_extractor_new(lex, &ex, &err) != ZHE_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    double load = S_now() - t0;

    size_t by_type[5] = {0};
    zhe_mentions ms = {0};
    t0 = S_now();
    for (size_t i = 0; i < set.n; i++) {
        ms.n = 0;
        zhe_extract(ex, set.v[i], &ms);
        for (size_t k = 0; k < ms.n; k++) by_type[ms.v[k].type]++;
    }
    double t = S_now() - t0;

    /* Linking, on its own: each article's mentions again, then timed
     * zhe_link alone. */
    zhe_linker *lk;
    if (zhe_linker_new(lex, &lk, &err) != ZHE_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    size_t by_event[ZHE_EVENT_TYPE_MAX + 1] = {0};
    zhe_events evs = {0};
    double tl = 0;
    for (size_t i = 0; i < set.n; i++) {
        ms.n = 0;
        evs.n = 0;
        zhe_extract(ex, set.v[i], &ms);
        double t1 = S_now();
        zhe_link(lk, set.v[i], &ms, &evs);
        tl += S_now() - t1;
        for (size_t k = 0; k < evs.n; k++) by_event[evs.v[k].type]++;
    }

    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double mb = (double)set.bytes / 1e6;
    printf("extractor_load_ms  %.1f\n", load * 1e3);
    printf("articles           %zu\n", set.n);
    printf("text_MB            %.2f   (normalized UTF-8)\n", mb);
    for (int k = ZHE_MENTION_CHIP; k <= ZHE_MENTION_QUANTITY; k++)
        printf("mentions_%-9s %zu\n", zhe_mention_type_str((zhe_mention_type)k), by_type[k]);
    printf("extract_seconds    %.3f\n", t);
    printf("extract_MB_per_s   %.1f   (target >= 30)\n", mb / t);
    for (int k = 1; k <= ZHE_EVENT_TYPE_MAX; k++)
        printf("events_%-11s %zu\n", zhe_event_type_str((zhe_event_type)k), by_event[k]);
    printf("link_seconds       %.3f\n", tl);
    printf("link_MB_per_s      %.1f\n", mb / tl);
    printf("peak_rss_MB        %.0f\n", (double)ru.ru_maxrss / 1024);

    zhe_events_clear(&evs);
    zhe_linker_free(lk);
    zhe_mentions_clear(&ms);
    zhe_extractor_free(ex);
    zhe_lexicon_free(lex);
    for (size_t i = 0; i < set.n; i++) zhe_article_free(set.v[i]);
    free(set.v);
    zhe_text_free(set.tx);
    return 0;
}
