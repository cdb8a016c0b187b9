/*
** bench_text.c — times the text stage (tests/bench, suite `bench`).
**
**     bench_text [--stage all|read|decode] FILE...
**
** Every FILE is read into memory before the clock starts, so the disk is
** not measured.  Then, for all the files in turn:
**
**   all     (default) decode, read records, clean, normalize and split:
**           zhe_text_read_buffer() with a callback that runs
**           zhe_text_prepare() on each article and frees it.  The time
**           spent inside zhe_text_prepare() is also reported on its own.
**   read    decode and read records only: the callback frees the article.
**   decode  zhe_encoding_detect() on the first 64 KiB, then a zhe_decoder
**           fed 64 KiB at a time (as the reader does), output discarded.
**
** Results go to stdout, one "key value" line each: input MB (10^6 bytes),
** articles, seconds (CLOCK_MONOTONIC), MB/s of input, and the peak resident
** set size (getrusage), which includes the input held in memory; the RSS
** after loading is printed too, so the stage's own share can be read off.
** Exit status 0, or 1 when a file cannot be read or no article came out.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <zhevents/zhevents.h>

#define S_CHUNK 65536

typedef enum { S_STAGE_ALL, S_STAGE_READ, S_STAGE_DECODE } S_stage;

/* One input file, held in memory. */
typedef struct {
    const char *path;
    char *data;
    size_t len;
} S_input;

/* What the callback counts. */
typedef struct {
    zhe_text *tx;
    S_stage stage;
    size_t articles;
    size_t rejects;
    size_t prepare_errors;
    size_t sentences;
    size_t raw_bytes;       /* article bodies, decoded */
    size_t norm_bytes;      /* normalized text */
    double prepare_s;       /* time inside zhe_text_prepare */
} S_stats;

static double S_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Peak resident set size so far, in MiB. */
static double S_peak_rss_mib(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0) return 0.0;
    return (double)ru.ru_maxrss / 1024.0;       /* Linux: ru_maxrss is in KiB */
}

/* Read the whole of path into in.  Returns 0, or -1 with a message on
 * stderr. */
static int S_load(const char *path, S_input *in)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "bench_text: %s: %s\n", path, strerror(errno));
        return -1;
    }
    size_t cap = (size_t)1 << 20, len = 0;
    char *data = malloc(cap);
    for (;;) {
        if (!data) {
            fprintf(stderr, "bench_text: %s: out of memory\n", path);
            fclose(f);
            return -1;
        }
        len += fread(data + len, 1, cap - len, f);
        if (len < cap) break;
        cap *= 2;
        char *bigger = realloc(data, cap);
        if (!bigger) free(data);
        data = bigger;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        fprintf(stderr, "bench_text: %s: read error\n", path);
        free(data);
        return -1;
    }
    in->path = path;
    in->data = data;
    in->len = len;
    return 0;
}

/* zhe_text_read_buffer's callback: prepare the article (stage all), count
 * it and free it.  The first reject is shown, the others only counted. */
static void S_on_article(void *ctx, zhe_status st, zhe_article *a, const zhe_error *err)
{
    S_stats *s = ctx;
    if (st != ZHE_OK) {
        if (!s->rejects++) fprintf(stderr, "bench_text: reject: %s\n", err->message);
        return;
    }
    s->articles++;
    s->raw_bytes += a->raw_len;
    if (s->stage == S_STAGE_ALL) {
        zhe_error e;
        double t0 = S_now();
        if (zhe_text_prepare(s->tx, a, &e) != ZHE_OK) s->prepare_errors++;
        s->prepare_s += S_now() - t0;
        s->sentences += a->n_sentences;
        s->norm_bytes += a->norm_len;
    }
    zhe_article_free(a);
}

/* Detect and decode s[0..len) as the reader would, discarding the output.
 * Returns the bytes of UTF-8 produced; *replaced gets the U+FFFD count and
 * *enc the encoding found. */
static size_t S_decode(const char *s, size_t len, size_t *replaced, zhe_encoding *enc)
{
    size_t first = len < S_CHUNK ? len : S_CHUNK;
    *enc = zhe_encoding_detect(s, first, len <= S_CHUNK);
    zhe_decoder *d;
    zhe_error err;
    if (zhe_decoder_new(*enc, &d, &err) != ZHE_OK) {
        fprintf(stderr, "bench_text: %s\n", err.message);
        exit(1);
    }
    zhe_buf out = ZHE_BUF_INIT;
    size_t produced = 0;
    for (size_t off = 0; off < len; off += S_CHUNK) {
        size_t n = len - off < S_CHUNK ? len - off : S_CHUNK;
        zhe_decoder_feed(d, s + off, n, &out);
        produced += out.len;
        zhe_buf_truncate(&out, 0);
    }
    zhe_decoder_finish(d, &out);
    produced += out.len;
    *replaced = zhe_decoder_replacements(d);
    zhe_buf_clear(&out);
    zhe_decoder_free(d);
    return produced;
}

static void S_usage(FILE *f)
{
    fputs("usage: bench_text [--stage all|read|decode] FILE...\n"
          "Times the text stage over FILEs held in memory; see tests/bench/bench_text.c.\n",
          f);
}

int main(int argc, char **argv)
{
    S_stage stage = S_STAGE_ALL;
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        const char *val = NULL;
        if (strcmp(argv[i], "--stage") == 0 && i + 1 < argc) val = argv[++i];
        else if (strncmp(argv[i], "--stage=", 8) == 0) val = argv[i] + 8;
        else if (strcmp(argv[i], "--help") == 0) {
            S_usage(stdout);
            return 0;
        } else {
            S_usage(stderr);
            return 2;
        }
        if (strcmp(val, "all") == 0) stage = S_STAGE_ALL;
        else if (strcmp(val, "read") == 0) stage = S_STAGE_READ;
        else if (strcmp(val, "decode") == 0) stage = S_STAGE_DECODE;
        else {
            S_usage(stderr);
            return 2;
        }
    }
    if (i == argc) {
        S_usage(stderr);
        return 2;
    }

    size_t n_inputs = (size_t)(argc - i), total = 0;
    S_input *inputs = calloc(n_inputs, sizeof *inputs);
    if (!inputs) return 1;
    for (size_t k = 0; k < n_inputs; k++) {
        if (S_load(argv[i + (int)k], &inputs[k]) != 0) return 1;
        total += inputs[k].len;
    }
    double rss_loaded = S_peak_rss_mib();

    zhe_text_options opt;
    zhe_text_options_init(&opt);
    S_stats stats;
    memset(&stats, 0, sizeof stats);
    stats.stage = stage;
    zhe_error err;
    if (zhe_text_new(&opt, &stats.tx, &err) != ZHE_OK) {
        fprintf(stderr, "bench_text: %s\n", err.message);
        return 1;
    }

    size_t produced = 0, replaced = 0;
    zhe_encoding enc = ZHE_ENC_AUTO;
    double t0 = S_now();
    for (size_t k = 0; k < n_inputs; k++) {
        if (stage == S_STAGE_DECODE) {
            size_t r;
            produced += S_decode(inputs[k].data, inputs[k].len, &r, &enc);
            replaced += r;
        } else {
            zhe_text_read_buffer(stats.tx, inputs[k].path, inputs[k].data, inputs[k].len,
                                 S_on_article, &stats);
        }
    }
    double secs = S_now() - t0;
    double mb = (double)total / 1e6;

    static const char *const stage_names[] = { "all", "read", "decode" };
    printf("zhevents          %s\n", zhe_version());
    printf("stage             %s\n", stage_names[stage]);
    for (size_t k = 0; k < n_inputs; k++) printf("file              %s\n", inputs[k].path);
    printf("input_MB          %.2f\n", mb);
    if (stage == S_STAGE_DECODE) {
        printf("encoding          %s\n", zhe_encoding_name(enc));
        printf("utf8_out_MB       %.2f\n", (double)produced / 1e6);
        printf("replacements      %zu\n", replaced);
    } else {
        printf("articles          %zu\n", stats.articles);
        printf("rejects           %zu\n", stats.rejects);
        printf("body_MB           %.2f\n", (double)stats.raw_bytes / 1e6);
    }
    if (stage == S_STAGE_ALL) {
        printf("prepare_errors    %zu\n", stats.prepare_errors);
        printf("sentences         %zu\n", stats.sentences);
        printf("normalized_MB     %.2f\n", (double)stats.norm_bytes / 1e6);
    }
    printf("seconds           %.3f\n", secs);
    if (stage == S_STAGE_ALL) {
        printf("  read_seconds    %.3f   (decode + read records)\n", secs - stats.prepare_s);
        printf("  prepare_seconds %.3f   (clean + normalize + split)\n", stats.prepare_s);
    }
    printf("MB_per_s          %.1f\n", secs > 0 ? mb / secs : 0.0);
    printf("rss_loaded_MiB    %.1f   (peak RSS with the input in memory)\n", rss_loaded);
    printf("peak_rss_MiB      %.1f\n", S_peak_rss_mib());

    zhe_text_free(stats.tx);
    for (size_t k = 0; k < n_inputs; k++) free(inputs[k].data);
    free(inputs);
    int bad = stage != S_STAGE_DECODE && (stats.articles == 0 || stats.prepare_errors);
    return bad ? 1 : 0;
}
