/*
** test_extract.c — the extractor's chip, money and quantity mentions,
** checked against the hand-written table tests/extract/mentions.txt (its
** header says how a case is written).
**
**     test_extract LEXICON_DIR CORPUS_DIR
**
** The table lives beside the corpus, at CORPUS_DIR/../tests/extract/.
** Each case becomes a plain-text article (a title line, the publication
** date, the sentence), read by zhe_text_read_buffer, prepared by
** the pipeline (zhe_pipeline_extract), as the CLI does.  Its chip,
** money and quantity mentions (dates are test_date's) are written out the
** way the table writes them and compared, as one string, with the expected
** ones.  The expected ones are parsed and written out again first, so
** 2.5e8 and 250000000 are the same value, and a typo in the table fails
** its row with the reason instead of silently matching nothing.
**
** One TAP line per case; a failing case prints what was wanted, what was
** found, the rules that found it and the sentence as the extractor saw it
** (normalized).  A summary per section of the table comes last.
*/
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zhevents/zhevents.h>

#include "case.h"
#include "tap.h"

#define S_TABLE "/../tests/extract/mentions.txt"
#define S_TITLE "芯片市场动态"

/* ------------------------------------------------------------- rendering */

/* A value as the table writes it: 265000, 0.85, 1500000000000. */
static void S_put_number(zhe_buf *b, double v) { zhe_buf_printf(b, "%.15g", v); }

static void S_put_amount(zhe_buf *b, double value, double high)
{
    S_put_number(b, value);
    if (!isnan(high)) {
        zhe_buf_puts(b, "..");
        S_put_number(b, high);
    }
}

/* A mention found, as the table writes one: "money 约8.8万元 = 88000 CNY
 * approx".  The text is the original's, raw[raw_start..raw_end). */
static void S_put_mention(zhe_buf *b, const zhe_article *a, const zhe_mention *m)
{
    zhe_buf_printf(b, "%s ", zhe_mention_type_str(m->type));
    if (m->raw_start <= m->raw_end && m->raw_end <= a->raw_len)
        zhe_buf_put(b, a->raw + m->raw_start, m->raw_end - m->raw_start);
    else
        zhe_buf_printf(b, "<bad span %zu..%zu>", m->raw_start, m->raw_end);
    zhe_buf_puts(b, " = ");
    const char *q = zhe_qualifier_str(m->amount.qualifier);
    switch (m->type) {
    case ZHE_MENTION_CHIP:
        /* "-" for a memory generation that no one vendor makes (HBM3E) */
        zhe_buf_printf(b, "%s/%s", *m->model ? m->model : "?",
                       !m->vendor ? "?" : *m->vendor ? m->vendor : "-");
        if (m->variant[0]) zhe_buf_printf(b, "/%s", m->variant);
        break;
    case ZHE_MENTION_MONEY:
    case ZHE_MENTION_QUANTITY:
        S_put_amount(b, m->amount.value, m->amount.high);
        zhe_buf_printf(b, " %s %s", m->type == ZHE_MENTION_MONEY ? m->currency : m->unit,
                       q ? q : "?");
        break;
    default:
        break;
    }
}

/* ------------------------------------------------------ the table's side */

static const char *const S_qualifiers[] = {"exact",     "approx", "at_least", "at_most",
                                           "more_than", "max",    "min",      "range"};

/* Read an amount, "265000" or "14000..16000", from s[0..len).  Returns 1
 * and sets *value and *high (NAN when not a range), or 0. */
static int S_parse_amount(const char *s, size_t len, double *value, double *high)
{
    char tmp[64];
    if (!len || len >= sizeof tmp) return 0;
    memcpy(tmp, s, len);
    tmp[len] = '\0';
    char *dots = strstr(tmp, "..");
    if (dots) *dots = '\0';
    char *end;
    errno = 0;
    *value = strtod(tmp, &end);
    if (end == tmp || *end || errno) return 0;
    *high = NAN;
    if (dots) {
        *high = strtod(dots + 2, &end);
        if (end == dots + 2 || *end || errno) return 0;
    }
    return 1;
}

/* Split s[0..len) at single spaces into at most max words.  Returns how
 * many, or max + 1 when there are more. */
static size_t S_words(const char *s, size_t len, const char **w, size_t *wl, size_t max)
{
    size_t n = 0, i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && s[j] != ' ') j++;
        if (n == max) return max + 1;
        w[n] = s + i;
        wl[n++] = j - i;
        i = j + 1;
    }
    return n;
}

/*
** One expected mention, s[0..len) ("chip A100,80G = A100/NVIDIA/80GB"),
** checked and written out again in the form S_put_mention gives.  Returns
** NULL, or what is wrong with it.
*/
static const char *S_put_expected(zhe_buf *b, const char *s, size_t len)
{
    const char *sp = memchr(s, ' ', len);
    if (!sp) return "expected TYPE TEXT = VALUE";
    size_t tlen = (size_t)(sp - s);
    int chip = tlen == 4 && !memcmp(s, "chip", 4);
    int money = tlen == 5 && !memcmp(s, "money", 5);
    int quantity = tlen == 8 && !memcmp(s, "quantity", 8);
    if (!chip && !money && !quantity) return "the type is chip, money or quantity";
    /* The last " = ": a text never holds one, a value never does either. */
    const char *eq = NULL;
    for (const char *p = sp; p + 3 <= s + len; p++)
        if (!memcmp(p, " = ", 3)) eq = p;
    if (!eq || eq <= sp + 1) return "expected TYPE TEXT = VALUE, with a text";
    const char *text = sp + 1, *val = eq + 3;
    size_t text_len = (size_t)(eq - text), val_len = (size_t)(s + len - val);
    if (!val_len) return "no value after =";
    zhe_buf_put(b, s, tlen);
    zhe_buf_putc(b, ' ');
    zhe_buf_put(b, text, text_len);
    zhe_buf_puts(b, " = ");
    if (chip) {
        /* MODEL/VENDOR or MODEL/VENDOR/VARIANT, none empty */
        size_t parts = 1, k;
        for (k = 0; k < val_len; k++)
            if (val[k] == '/') {
                if (k == 0 || val[k - 1] == '/' || k + 1 == val_len) return "an empty chip field";
                parts++;
            }
        if (parts < 2 || parts > 3) return "a chip is MODEL/VENDOR or MODEL/VENDOR/VARIANT";
        zhe_buf_put(b, val, val_len);
        return NULL;
    }
    const char *w[4];
    size_t wl[4];
    if (S_words(val, val_len, w, wl, 3) != 3)
        return money ? "money is AMOUNT CURRENCY QUALIFIER" : "a quantity is AMOUNT UNIT QUALIFIER";
    double value, high;
    if (!S_parse_amount(w[0], wl[0], &value, &high)) return "the amount is N or LOW..HIGH";
    if (money) {
        if (wl[1] != 3) return "the currency is an ISO 4217 code";
        for (size_t k = 0; k < 3; k++)
            if (w[1][k] < 'A' || w[1][k] > 'Z') return "the currency is an ISO 4217 code";
    }
    int known = 0;
    for (size_t k = 0; k < sizeof S_qualifiers / sizeof *S_qualifiers; k++)
        if (wl[2] == strlen(S_qualifiers[k]) && !memcmp(w[2], S_qualifiers[k], wl[2])) known = 1;
    if (!known) return "unknown qualifier";
    int range = wl[2] == 5 && !memcmp(w[2], "range", 5);
    if (range != !isnan(high)) return "LOW..HIGH goes with range, and range with LOW..HIGH";
    if (range && !(high > value)) return "a range's HIGH is above its LOW";
    S_put_amount(b, value, high);
    zhe_buf_putc(b, ' ');
    zhe_buf_put(b, w[1], wl[1]);
    zhe_buf_putc(b, ' ');
    zhe_buf_put(b, w[2], wl[2]);
    return NULL;
}

/* The expected field of a case, written out again ("-" for none).
 * Returns NULL, or what is wrong with it. */
static const char *S_put_expected_all(zhe_buf *b, const char *s, size_t len)
{
    if (len == 1 && s[0] == '-') {
        zhe_buf_puts(b, "-");
        return NULL;
    }
    static const char sep[] = " ; ";
    const size_t seplen = sizeof sep - 1;
    size_t i = 0;
    for (;;) {
        size_t j = i;
        while (j < len && !(len - j >= seplen && !memcmp(s + j, sep, seplen))) j++;
        if (j == i) return "an empty mention (\"-\" is written alone)";
        if (i) zhe_buf_puts(b, sep);
        const char *why = S_put_expected(b, s + i, j - i);
        if (why) return why;
        if (j == len) return NULL;
        i = j + seplen;
    }
}

/* --------------------------------------------------------- the pipeline */

typedef struct {
    const zhe_pipeline *p;
} S_env;

/*
** Run one case through the pipeline and write its chip, money and
** quantity mentions to got ("-" for none), their rules to rules, and the
** sentence as normalized to norm.  Returns NULL, or why the article could
** not be made.
*/
static const char *S_run(const S_env *env, const char *published, size_t plen,
                         const char *sentence, size_t slen, zhe_buf *got, zhe_buf *rules,
                         zhe_buf *norm, char *why, size_t why_cap)
{
    zhe_buf doc = ZHE_BUF_INIT;
    zhe_buf_puts(&doc, S_TITLE "\n");
    zhe_buf_put(&doc, published, plen);
    zhe_buf_putc(&doc, '\n');
    zhe_buf_put(&doc, sentence, slen);
    zhe_buf_putc(&doc, '\n');
    zhe_mentions ms = {NULL, 0, 0};
    zhe_events evs = {NULL, 0, 0};
    zhe_article *a = case_article(env->p, doc.ptr, doc.len, &ms, &evs, why, why_cap);
    zhe_buf_clear(&doc);
    zhe_events_clear(&evs);
    if (!a) {
        zhe_mentions_clear(&ms);
        return why;
    }
    if (strlen(a->published) != plen || memcmp(a->published, published, plen)) {
        snprintf(why, why_cap, "the publication date was read as \"%s\"", a->published);
        zhe_article_free(a);
        zhe_mentions_clear(&ms);
        return why;
    }
    zhe_buf_put(norm, a->norm, a->norm_len);
    size_t shown = 0;
    for (size_t i = 0; i < ms.n; i++) {
        const zhe_mention *m = &ms.v[i];
        if (m->type == ZHE_MENTION_DATE) continue;
        if (shown++) {
            zhe_buf_puts(got, " ; ");
            zhe_buf_puts(rules, ", ");
        }
        S_put_mention(got, a, m);
        zhe_buf_puts(rules, m->rule ? m->rule : "?");
    }
    if (!shown) zhe_buf_puts(got, "-");
    zhe_mentions_clear(&ms);
    zhe_article_free(a);
    return NULL;
}

/* -------------------------------------------------------------- the table */

typedef struct {
    char name[160];
    size_t rows, failed;
} S_section;

static S_section S_sections[64];
static size_t S_n_sections;

static void S_count(int pass)
{
    if (!S_n_sections) {
        snprintf(S_sections[0].name, sizeof S_sections[0].name, "(before any section)");
        S_n_sections = 1;
    }
    S_section *sec = &S_sections[S_n_sections - 1];
    sec->rows++;
    if (!pass) sec->failed++;
}

/* Check every case of the table held in t[0..len). */
static size_t S_cases(const S_env *env, const char *t, size_t len)
{
    size_t rows = 0, lineno = 0;
    zhe_buf want = ZHE_BUF_INIT, got = ZHE_BUF_INIT, rules = ZHE_BUF_INIT, norm = ZHE_BUF_INIT;
    for (size_t i = 0; i < len;) {
        const char *line = t + i;
        const char *nl = memchr(line, '\n', len - i);
        size_t n = nl ? (size_t)(nl - line) : len - i;
        i += n + (nl != NULL);
        lineno++;
        if (n && line[n - 1] == '\r') n--;
        if (n >= 3 && !memcmp(line, "## ", 3)) {
            if (S_n_sections < sizeof S_sections / sizeof *S_sections) S_n_sections++;
            S_section *sec = &S_sections[S_n_sections - 1];
            snprintf(sec->name, sizeof sec->name, "%.*s", (int)(n - 3), line + 3);
            sec->rows = sec->failed = 0;
            continue;
        }
        if (!n || line[0] == '#') continue;
        rows++;

        /* published TAB sentence TAB expected */
        const char *f[3];
        size_t fl[3];
        if (!case_fields(line, n, f, fl)) {
            ok(0, "mentions.txt:%zu: three fields separated by tabs", lineno);
            S_count(0);
            continue;
        }
        zhe_buf_truncate(&want, 0);
        zhe_buf_truncate(&got, 0);
        zhe_buf_truncate(&rules, 0);
        zhe_buf_truncate(&norm, 0);
        const char *bad = S_put_expected_all(&want, f[2], fl[2]);
        if (bad) {
            ok(0, "mentions.txt:%zu: %.*s", lineno, (int)fl[1], f[1]);
            printf("#   the expected field is malformed: %s\n#   \"%.*s\"\n", bad, (int)fl[2],
                   f[2]);
            S_count(0);
            continue;
        }
        char why[768];
        const char *fail = S_run(env, f[0], fl[0], f[1], fl[1], &got, &rules, &norm, why,
                                 sizeof why);
        int pass = !fail && want.len == got.len && !memcmp(case_str(&want), case_str(&got), got.len);
        ok(pass, "mentions.txt:%zu: %.*s", lineno, (int)fl[1], f[1]);
        if (!pass) {
            printf("#   want:  %s\n", case_str(&want));
            if (fail) {
                printf("#   error: %s\n", fail);
            } else {
                printf("#   got:   %s\n", case_str(&got));
                if (rules.len) printf("#   rules: %s\n", case_str(&rules));
                printf("#   norm:  %s\n", case_str(&norm));
            }
        }
        S_count(pass);
    }
    zhe_buf_clear(&want);
    zhe_buf_clear(&got);
    zhe_buf_clear(&rules);
    zhe_buf_clear(&norm);
    return rows;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        printf("Bail out! usage: test_extract LEXICON_DIR CORPUS_DIR\n");
        return 1;
    }
    zhe_error err;
    zhe_pipeline_options opt;
    zhe_pipeline_options_init(&opt);
    opt.lexicon_dir = argv[1];
    zhe_pipeline *p;
    if (zhe_pipeline_new(&opt, &p, &err) != ZHE_OK) {
        printf("Bail out! %s\n", err.message);
        return 1;
    }
    zhe_buf path = ZHE_BUF_INIT, table = ZHE_BUF_INIT;
    zhe_buf_printf(&path, "%s" S_TABLE, argv[2]);
    if (!case_slurp(case_str(&path), &table)) {
        printf("Bail out! cannot read %s: %s\n", case_str(&path), strerror(errno));
        zhe_buf_clear(&path);
        zhe_pipeline_free(p);
        return 1;
    }
    S_env env = {p};
    size_t rows = S_cases(&env, case_str(&table), table.len);
    ok(rows >= 170, "the table holds %zu cases", rows);

    size_t failed = 0;
    printf("# %-56s %5s %7s\n", "section", "rows", "failing");
    for (size_t k = 0; k < S_n_sections; k++) {
        printf("# %-56s %5zu %7zu\n", S_sections[k].name, S_sections[k].rows,
               S_sections[k].failed);
        failed += S_sections[k].failed;
    }
    printf("# %-56s %5zu %7zu\n", "all", rows, failed);

    zhe_buf_clear(&path);
    zhe_buf_clear(&table);
    zhe_pipeline_free(p);
    return tap_done();
}
