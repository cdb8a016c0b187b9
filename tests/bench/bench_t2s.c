/*
** bench_t2s.c — traditional→simplified conversion, three ways, on our test
** set and on generated text (tests/bench, suite `bench`).
**
**     bench_t2s CASES.tsv [TRADITIONAL.jsonl [SIMPLIFIED.jsonl]]
**
**   table    the per-character table zhevents used before (ICU's
**            Traditional-Simplified transform, src/text/t2s_table.h) with
**            its rule: a paragraph is converted whole when its characters
**            with a simplified form number at least 2 and outnumber its
**            simplified-only ones;
**   opencc   OpenCC's t2s.json through libopencc (when built with it);
**   zhevents zhe_text_normalize(): NFKC, white space and the offset map
**            included, so its speed is that of the whole normalizer.
**
** CASES.tsv (tests/text/t2s-cases.tsv) holds "input<TAB>expected" lines in
** sections (a comment after a blank line names one).  Every output and
** every expected line is compared after NFKC, since zhevents' output has
** it.  Printed per converter and section: sentences matched exactly, and
** character accuracy (the longest common subsequence of output and
** expected over the expected's length).  Then, on the articles of each
** JSON Lines corpus (read with zhe_text_read_buffer, held in memory), the
** MB/s of each converter over the articles' text, best of 3 runs.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <zhevents/zhevents.h>
#ifdef ZHE_BENCH_OPENCC
#include <opencc.h>
#endif

#include "../../src/text/t2s_table.h"

#define S_MAX_SECTIONS 16

static double S_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ------------------------------------------------ the table, as before */

static uint16_t S_to[65536];
static uint8_t S_cls[65536];       /* 1: has a simplified form, 2: simplified only */

static void S_table_init(void)
{
    for (size_t i = 0; i < sizeof S_t2s / sizeof *S_t2s; i++) {
        S_to[S_t2s[i][0]] = S_t2s[i][1];
        S_cls[S_t2s[i][0]] = 1;
    }
    for (size_t i = 0; i < sizeof S_t2s / sizeof *S_t2s; i++)
        if (S_cls[S_t2s[i][1]] != 1) S_cls[S_t2s[i][1]] = 2;
}

/* One paragraph s[0..len) onto out, converted when convert. */
static void S_table_para(const char *s, size_t len, int convert, zhe_buf *out)
{
    if (!convert) {
        zhe_buf_put(out, s, len);
        return;
    }
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = zhe_utf8_decode(s + i, len - i, &cp);
        if (cp < 0x10000 && S_to[cp]) {
            char b[4];
            zhe_buf_put(out, b, zhe_utf8_encode(S_to[cp], b));
        } else {
            zhe_buf_put(out, s + i, n);
        }
        i += n;
    }
}

/* The old rule over s[0..len): counts per paragraph and for the text, then
 * the paragraphs the rule picks converted. */
static void S_table(const char *s, size_t len, zhe_buf *out)
{
    size_t trad = 0, simp = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += zhe_utf8_decode(s + i, len - i, &cp);
        if (cp < 0x10000) trad += S_cls[cp] == 1, simp += S_cls[cp] == 2;
    }
    int article_trad = trad >= 2 && trad > simp;
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - s) : len, pt = 0, ps = 0;
        for (size_t j = i; j < end;) {
            uint32_t cp;
            j += zhe_utf8_decode(s + j, end - j, &cp);
            if (cp < 0x10000) pt += S_cls[cp] == 1, ps += S_cls[cp] == 2;
        }
        int convert = pt && (article_trad ? !(ps > pt && ps >= 2) : (pt >= 3 && ps == 0));
        S_table_para(s + i, end - i, convert, out);
        if (nl) zhe_buf_putc(out, '\n');
        i = end + (nl != NULL);
    }
}

/* ------------------------------------------------------- the converters */

typedef struct {
    const char *name;
    void (*run)(void *ctx, const char *s, size_t len, zhe_buf *out);
    void *ctx;
} S_conv;

static void S_run_table(void *ctx, const char *s, size_t len, zhe_buf *out)
{
    (void)ctx;
    S_table(s, len, out);
}

#ifdef ZHE_BENCH_OPENCC
static void S_run_opencc(void *ctx, const char *s, size_t len, zhe_buf *out)
{
    char *r = opencc_convert_utf8((opencc_t)ctx, s, len);
    if (r) zhe_buf_puts(out, r);
    opencc_convert_utf8_free(r);
}
#endif

static void S_run_zhevents(void *ctx, const char *s, size_t len, zhe_buf *out)
{
    zhe_article *a;
    if (zhe_text_normalize(ctx, s, len, &a, NULL) != ZHE_OK) return;
    zhe_buf_put(out, a->norm, a->norm_len);
    zhe_article_free(a);
}

/* ------------------------------------------------------------ comparing */

/* NFKC of s[0..len) as code points in cps (at most cap). Returns the count. */
static size_t S_nfkc(const char *s, size_t len, uint32_t *cps, size_t cap)
{
    static UChar src[4096], dst[8192];
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = 0;
    u_strFromUTF8(src, 4096, &n, s, (int32_t)len, &st);
    const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&st);
    int32_t m = unorm2_normalize(nfkc, src, n, dst, 8192, &st);
    if (U_FAILURE(st)) return 0;
    size_t k = 0;
    for (int32_t i = 0; i < m && k < cap;) {
        UChar32 c;
        U16_NEXT(dst, i, m, c);
        cps[k++] = (uint32_t)c;
    }
    return k;
}

/* Length of the longest common subsequence of a and b. */
static size_t S_lcs(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    static size_t row[2][2049];
    if (nb > 2048) nb = 2048;
    memset(row, 0, sizeof row);
    for (size_t i = 1; i <= na; i++) {
        size_t *cur = row[i & 1], *prev = row[(i - 1) & 1];
        cur[0] = 0;
        for (size_t j = 1; j <= nb; j++)
            cur[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1
                                           : (prev[j] > cur[j - 1] ? prev[j] : cur[j - 1]);
    }
    return row[na & 1][nb];
}

typedef struct {
    char *in, *want;
    int section;
} S_case;

static char *S_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(1);
    }
    zhe_buf b = ZHE_BUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) zhe_buf_put(&b, chunk, n);
    fclose(f);
    if (!b.ptr) zhe_buf_puts(&b, "");
    return zhe_buf_detach(&b, len);
}

static void S_score(const S_conv *cv, const S_case *cases, size_t n, char **sections,
                    int n_sections, int verbose)
{
    size_t exact[S_MAX_SECTIONS] = {0}, total[S_MAX_SECTIONS] = {0};
    size_t chars_ok[S_MAX_SECTIONS] = {0}, chars[S_MAX_SECTIONS] = {0};
    static uint32_t got[2048], want[2048];
    for (size_t i = 0; i < n; i++) {
        zhe_buf out = ZHE_BUF_INIT;
        cv->run(cv->ctx, cases[i].in, strlen(cases[i].in), &out);
        size_t ng = S_nfkc(out.ptr ? out.ptr : "", out.len, got, 2048);
        size_t nw = S_nfkc(cases[i].want, strlen(cases[i].want), want, 2048);
        int same = ng == nw && !memcmp(got, want, ng * sizeof *got);
        size_t lcs = same ? nw : S_lcs(got, ng, want, nw);
        int s = cases[i].section;
        exact[s] += same, total[s]++, chars_ok[s] += lcs, chars[s] += nw;
        if (!same && verbose)
            printf("  %-8s miss: %s -> %.*s (want %s)\n", cv->name, cases[i].in, (int)out.len,
                   out.ptr ? out.ptr : "", cases[i].want);
        zhe_buf_clear(&out);
    }
    size_t e = 0, t = 0, co = 0, c = 0;
    for (int s = 0; s < n_sections; s++) {
        printf("%-9s %-40s exact %3zu/%-3zu %6.1f%%  chars %6.2f%%\n", cv->name, sections[s],
               exact[s], total[s], total[s] ? 100.0 * (double)exact[s] / (double)total[s] : 0.0,
               chars[s] ? 100.0 * (double)chars_ok[s] / (double)chars[s] : 0.0);
        e += exact[s], t += total[s], co += chars_ok[s], c += chars[s];
    }
    printf("%-9s %-40s exact %3zu/%-3zu %6.1f%%  chars %6.2f%%\n", cv->name, "ALL", e, t,
           t ? 100.0 * (double)e / (double)t : 0.0, c ? 100.0 * (double)co / (double)c : 0.0);
}

/* ---------------------------------------------------------- the corpora */

typedef struct {
    char **texts;
    size_t *lens;
    size_t n, cap, bytes;
} S_texts;

static void S_on_article(void *ctx, zhe_status st, zhe_article *a, const zhe_error *err)
{
    (void)err;
    S_texts *t = ctx;
    if (st != ZHE_OK) return;
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 1024;
        t->texts = realloc(t->texts, t->cap * sizeof *t->texts);
        t->lens = realloc(t->lens, t->cap * sizeof *t->lens);
        if (!t->texts || !t->lens) exit(1);
    }
    t->texts[t->n] = zhe_strndup(a->raw, a->raw_len);
    t->lens[t->n++] = a->raw_len;
    t->bytes += a->raw_len;
    zhe_article_free(a);
}

static void S_speed(const S_conv *cv, const S_texts *t, const char *label)
{
    double best = 0;
    size_t out_bytes = 0;
    for (int run = 0; run < 3; run++) {
        zhe_buf out = ZHE_BUF_INIT;
        double t0 = S_now();
        for (size_t i = 0; i < t->n; i++) {
            cv->run(cv->ctx, t->texts[i], t->lens[i], &out);
            out_bytes = out.len;
            zhe_buf_truncate(&out, 0);
        }
        double secs = S_now() - t0;
        double mbs = (double)t->bytes / 1e6 / secs;
        if (mbs > best) best = mbs;
        zhe_buf_clear(&out);
    }
    (void)out_bytes;
    printf("%-9s %-12s %8.2f MB  %8.1f MB/s\n", cv->name, label, (double)t->bytes / 1e6, best);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("usage: bench_t2s CASES.tsv [TRADITIONAL.jsonl [SIMPLIFIED.jsonl]] [-v]\n", stderr);
        return 2;
    }
    int verbose = 0;
    if (!strcmp(argv[argc - 1], "-v")) verbose = 1, argc--;
    S_table_init();

    size_t len;
    char *tsv = S_slurp(argv[1], &len);
    S_case *cases = calloc(len / 4 + 1, sizeof *cases);
    char *sections[S_MAX_SECTIONS];
    int n_sections = 0, blank = 1;
    const char *pending = NULL;     /* a comment after a blank line names a section */
    size_t n = 0;
    for (char *line = tsv; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl) *nl = '\0';
        char *tab = strchr(line, '\t');
        if (line[0] == '#') {
            if (blank) pending = line + 2;
            blank = 0;
        } else if (!tab) {
            blank = 1;
        } else {
            *tab = '\0';
            if (pending && n_sections < S_MAX_SECTIONS) sections[n_sections++] = (char *)pending;
            pending = NULL;
            cases[n].in = line;
            cases[n].want = tab + 1;
            cases[n].section = n_sections ? n_sections - 1 : 0;
            if (!n_sections) sections[n_sections++] = "cases";
            n++;
            blank = 0;
        }
        line = nl ? nl + 1 : NULL;
    }

    zhe_text_options opt;
    zhe_text_options_init(&opt);
    zhe_text *tx;
    zhe_error err;
    if (zhe_text_new(&opt, &tx, &err) != ZHE_OK) {
        fprintf(stderr, "bench_t2s: %s\n", err.message);
        return 1;
    }
    S_conv convs[3];
    int n_convs = 0;
    convs[n_convs++] = (S_conv){ "table", S_run_table, NULL };
#ifdef ZHE_BENCH_OPENCC
    opencc_t oc = opencc_open("t2s.json");
    if (oc == (opencc_t)-1) {
        fprintf(stderr, "bench_t2s: opencc: %s\n", opencc_error());
        return 1;
    }
    convs[n_convs++] = (S_conv){ "opencc", S_run_opencc, oc };
#endif
    convs[n_convs++] = (S_conv){ "zhevents", S_run_zhevents, tx };

    printf("zhevents %s, %zu cases from %s\n", zhe_version(), n, argv[1]);
    for (int c = 0; c < n_convs; c++) S_score(&convs[c], cases, n, sections, n_sections, verbose);

    static const char *const labels[] = { "traditional", "simplified" };
    for (int k = 2; k < argc && k < 4; k++) {
        size_t blen;
        char *buf = S_slurp(argv[k], &blen);
        S_texts t;
        memset(&t, 0, sizeof t);
        zhe_text_read_buffer(tx, argv[k], buf, blen, S_on_article, &t);
        for (int c = 0; c < n_convs; c++) S_speed(&convs[c], &t, labels[k - 2]);
        for (size_t i = 0; i < t.n; i++) zhe_free(t.texts[i]);
        free(t.texts);
        free(t.lens);
        zhe_free(buf);
    }
#ifdef ZHE_BENCH_OPENCC
    opencc_close(oc);
#endif
    zhe_text_free(tx);
    zhe_free(tsv);
    free(cases);
    return 0;
}
