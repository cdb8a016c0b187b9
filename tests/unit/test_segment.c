/*
** test_segment.c — unit tests of the segmenter: domain words never split,
** numbers stay whole, and every token's offsets point at exactly its
** characters, on hand-written sentences and on the whole of corpus/.
**
**     test_segment LEXICON_DIR CORPUS_DIR
*/
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zhevents/zhevents.h>

#include "tap.h"

static zhe_segmenter *S_seg;

typedef struct {
    const char *text;
    zhe_buf joined;         /* tokens joined by '|' */
    zhe_buf concat;         /* tokens concatenated, white space left out */
    int bad_offsets;
} S_toks;

static int S_collect(void *ctx, int flags, const char *tok, int n, int start, int end)
{
    (void)flags;
    S_toks *t = ctx;
    if (tok != t->text + start || n != end - start || n <= 0) t->bad_offsets = 1;
    if (t->joined.len) zhe_buf_putc(&t->joined, '|');
    zhe_buf_put(&t->joined, tok, (size_t)n);
    /* Compared without white space: a model name may hold one (RTX 4090). */
    for (int i = 0; i < n; i++)
        if (tok[i] != ' ') zhe_buf_putc(&t->concat, tok[i]);
    return 0;
}

/* Segment text; the caller clears t's buffers. */
static void S_run(const char *text, size_t len, S_toks *t)
{
    memset(t, 0, sizeof *t);
    t->text = text;
    zhe_segment(S_seg, text, len, S_collect, t);
    if (!t->joined.ptr) zhe_buf_puts(&t->joined, "");
    if (!t->concat.ptr) zhe_buf_puts(&t->concat, "");
}

static void S_clear(S_toks *t)
{
    zhe_buf_clear(&t->joined);
    zhe_buf_clear(&t->concat);
}

/* 1 if `word` is one of the '|'-joined tokens. */
static int S_has_token(const char *joined, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = joined; (p = strstr(p, word)); p++)
        if ((p == joined || p[-1] == '|') && (p[n] == '\0' || p[n] == '|')) return 1;
    return 0;
}

static void test_cases(void)
{
    static const struct {
        const char *text;
        const char *tokens;
        const char *note;
    } cases[] = {
        { "英伟达A800和H800芯片面临禁售。", "英伟达|A800|和|H800|芯片|面临|禁售|。",
          "models and trade words" },
        { "RTX 4090的价格冲上4万元", "RTX 4090|的|价格|冲|上|4万|元", "a model with a space" },
        { "RTX4090D显卡开售", "RTX4090D|显卡|开售", "the longest model wins" },
        { "A1000不是A100", "A1000|不是|A100", "A100 is not found inside A1000" },
        { "占比35%,单价1,200美元,增长3.5倍", "占|比|35%|,|单价|1,200|美元|,|增长|3.5|倍",
          "numbers stay whole" },
        { "2024年3月15日发布", "2024年|3月|15日|发布", "dates split by unit, never inside" },
        { "2024-05-24 15:16发布,型号8-14周", "2024-05-24|15:16|发布|,|型号|8|-|14|周",
          "digit dates and times whole; a range is not a date" },
        { "产能4.5万片", "产能|4.5万|片", "4.5万 and its classifier" },
        { "一九九八年三十二万人", "一九九八年|三十二万|人", "Chinese numerals with a unit" },
        { "三五片", "三五|片", "a Chinese numeral range and its classifier" },
        { "昇腾910B出货约5万片", "昇腾910B|出货|约|5万|片", "a Chinese model name" },
        { "华为昇腾芯片出货", "华为|昇腾|芯片|出货", "a chip brand alone is one word" },
        { "寒武紀與崑崙芯", "寒武紀|與|崑崙芯", "chip brands in traditional script" },
        { "加深算法理解", "加深|算法|理解", "a brand (深算) is not cut out of common words" },
        { "上海光明乳业", "上海|光明|乳业", "nor is 海光 cut out of 上海光明" },
        { "价格......即使", "价格|......|即使", "an NFKC ellipsis is one token" },
        { "", "", "empty text" },
        { "  ", "", "white space only" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        S_toks t;
        S_run(cases[i].text, strlen(cases[i].text), &t);
        is_str(t.joined.ptr, t.joined.len, cases[i].tokens, cases[i].note);
        S_clear(&t);
    }
}

/* Every domain word, in several contexts, comes out as one token. */
static void test_domain_words(const char *lexdir)
{
    static const char *const contexts[][2] = {
        { "", "" }, { "据悉", "的价格" }, { "美国对", "实施" }, { "“", "”" }, { "3万片", "," },
    };
    static const char *const files[] = { "chips.tsv", "segment-words.tsv" };
    size_t words = 0, failures = 0;
    for (size_t f = 0; f < 2; f++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", lexdir, files[f]);
        FILE *fp = fopen(path, "r");
        if (!ok(fp != NULL, "open %s", path)) continue;
        char line[512];
        while (fgets(line, sizeof line, fp)) {
            line[strcspn(line, "\r\n")] = '\0';
            if (!line[0] || line[0] == '#') continue;
            /* chips.tsv: the model and its aliases; segment-words.tsv: the word. */
            char *cols[3] = { line, NULL, NULL };
            char *tab = strchr(line, '\t');
            if (tab) *tab = '\0', cols[1] = tab + 1;
            if (f == 0 && cols[1] && (tab = strchr(cols[1], '\t'))) {
                cols[2] = tab + 1;
                if ((tab = strchr(cols[2], '\t'))) *tab = '\0';    /* the context column */
            }
            char *names[16];
            size_t n = 0;
            names[n++] = cols[0];
            for (char *a = cols[2]; a && *a && n < 16;) {
                names[n++] = a;
                char *comma = strchr(a, ',');
                if (!comma) break;
                *comma = '\0';
                a = comma + 1;
            }
            for (size_t k = 0; k < n; k++) {
                words++;
                for (size_t c = 0; c < sizeof contexts / sizeof *contexts; c++) {
                    char text[256];
                    snprintf(text, sizeof text, "%s%s%s", contexts[c][0], names[k],
                             contexts[c][1]);
                    S_toks t;
                    S_run(text, strlen(text), &t);
                    if (!S_has_token(t.joined.ptr, names[k])) {
                        failures++;
                        printf("# split: %s -> %s\n", text, t.joined.ptr);
                    }
                    S_clear(&t);
                }
            }
        }
        fclose(fp);
    }
    ok(words > 80, "domain words read (%zu)", words);
    is_int(failures, 0, "no domain word is split in any context");
}

/* The corpus: each article's tokens concatenate to its text without white
 * space (inside a token too: RTX 4090), and each token's offsets are its
 * own. */
static size_t S_articles, S_bad;

static void S_check_article(zhe_text *tx, zhe_article *a)
{
    zhe_text_prepare(tx, a, NULL);
    S_toks t;
    S_run(a->norm, a->norm_len, &t);
    zhe_buf want = ZHE_BUF_INIT;
    for (size_t i = 0; i < a->norm_len; i++)
        if (a->norm[i] != ' ' && a->norm[i] != '\n') zhe_buf_putc(&want, a->norm[i]);
    if (!want.ptr) zhe_buf_puts(&want, "");
    if (t.bad_offsets || want.len != t.concat.len || memcmp(want.ptr, t.concat.ptr, want.len)) {
        S_bad++;
        size_t k = 0;
        while (k < want.len && k < t.concat.len && want.ptr[k] == t.concat.ptr[k]) k++;
        printf("# %s: tokens do not cover the text, from byte %zu: \"%.24s\" vs \"%.24s\"\n",
               a->id, k, want.ptr + k, k < t.concat.len ? t.concat.ptr + k : "");
    }
    S_articles++;
    zhe_buf_clear(&want);
    S_clear(&t);
}

static void test_corpus(const char *corpus)
{
    zhe_text_options opt;
    zhe_text_options_init(&opt);
    zhe_text *tx;
    zhe_text_new(&opt, &tx, NULL);
    zhe_reader *r;
    zhe_reader_new(tx, &r, NULL);
    zhe_reader_add(r, corpus, NULL);
    zhe_article *a;
    zhe_status st;
    while ((st = zhe_reader_next(r, &a, NULL)) != ZHE_DONE) {
        if (st != ZHE_OK) continue;
        S_check_article(tx, a);
        zhe_article_free(a);
    }
    zhe_reader_free(r);
    zhe_text_free(tx);
    ok(S_articles >= 20, "corpus articles segmented (%zu)", S_articles);
    is_int(S_bad, 0, "every corpus article's tokens are exactly its text");
}

/* A word added to segment-words.tsv is never split: no rebuild, only a
 * new segmenter over the edited lexicons (here a copy of lexicons/ with
 * links to the big files). */
static void test_user_word(const char *lexdir)
{
    char dir[] = "/tmp/zhe-lexicons-XXXXXX";
    if (!ok(mkdtemp(dir) != NULL, "make a lexicon directory")) return;
    char src[PATH_MAX + 64], dst[PATH_MAX + 64], abs[PATH_MAX];
    if (!ok(realpath(lexdir, abs) != NULL, "find %s", lexdir)) return;
    static const char *const linked[] = { "words-jieba.tsv", "chips.tsv", "boilerplate.tsv",
                                          "currencies.tsv", "units.tsv", "qualifiers.tsv",
                                          "triggers.tsv", "cues.tsv", "patterns.tsv",
                                          "rates.tsv" };
    for (size_t i = 0; i < sizeof linked / sizeof *linked; i++) {
        snprintf(src, sizeof src, "%s/%s", abs, linked[i]);
        snprintf(dst, sizeof dst, "%s/%s", dir, linked[i]);
        if (symlink(src, dst) != 0) ok(0, "link %s", dst);
    }
    snprintf(dst, sizeof dst, "%s/segment-words.tsv", dir);
    FILE *f = fopen(dst, "w");
    if (f) {
        fputs("# a user's own word\n算力券\n", f);
        fclose(f);
    }
    zhe_segmenter *mine;
    zhe_error err;
    const char *text = "多地发放算力券支持企业";
    zhe_lexicon *lex = NULL;
    if (ok(zhe_lexicon_open(dir, &lex, &err) == ZHE_OK &&
               zhe_segmenter_new(lex, &mine, &err) == ZHE_OK,
           "segmenter over the edited lexicons")) {
        zhe_segmenter *keep = S_seg;
        S_seg = mine;
        S_toks t;
        S_run(text, strlen(text), &t);
        ok(S_has_token(t.joined.ptr, "算力券"), "the added word is one token (%s)", t.joined.ptr);
        S_clear(&t);
        S_seg = keep;
        zhe_segmenter_free(mine);
    }
    zhe_lexicon_free(lex);
    S_toks t;
    S_run(text, strlen(text), &t);
    ok(!S_has_token(t.joined.ptr, "算力券"), "without it, the stock lexicons split it (%s)",
       t.joined.ptr);
    S_clear(&t);
    for (size_t i = 0; i < sizeof linked / sizeof *linked; i++) {
        snprintf(dst, sizeof dst, "%s/%s", dir, linked[i]);
        unlink(dst);
    }
    snprintf(dst, sizeof dst, "%s/segment-words.tsv", dir);
    unlink(dst);
    rmdir(dir);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        printf("Bail out! usage: test_segment LEXICON_DIR CORPUS_DIR\n");
        return 1;
    }
    zhe_error err;
    zhe_lexicon *lex;
    if (zhe_lexicon_open(argv[1], &lex, &err) != ZHE_OK ||
        zhe_segmenter_new(lex, &S_seg, &err) != ZHE_OK) {
        printf("Bail out! %s\n", err.message);
        return 1;
    }
    zhe_lexicon_free(lex);     /* the segmenter keeps its own table */
    ok(zhe_segmenter_words(S_seg) > 300000, "lexicon loaded (%zu words)",
       zhe_segmenter_words(S_seg));
    test_cases();
    test_domain_words(argv[1]);
    test_user_word(argv[1]);
    test_corpus(argv[2]);
    zhe_segmenter_free(S_seg);
    return tap_done();
}
