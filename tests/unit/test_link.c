/*
** test_link.c — the events zhe_link makes of an article's mentions,
** checked against the hand-written tables of tests/events/ (its README
** says how a case is written).
**
**     test_link LEXICON_DIR CORPUS_DIR
**
** The tables live beside the corpus, every *.txt of CORPUS_DIR/../tests/
** events/, read in name order.  Each case becomes a plain-text article (its
** headline, the publication date, the paragraphs), read by
** zhe_text_read_buffer, prepared by
** the pipeline (zhe_pipeline_extract: prepared, extracted, linked), as the CLI
** does.  Its events are written out the way the table writes them and
** compared, as one string, with the expected ones.
**
** One TAP line per case; a failing case prints what was wanted, what was
** found, the rules and trigger words that made it, and the text as the
** linker saw it (normalized).  A case whose expected events start with
** "TODO " is one we know we fail: a TAP TODO, which fails the run only
** when it passes (then the TODO should go).
*/
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zhevents/zhevents.h>

#include "case.h"
#include "tap.h"

#define S_TABLES "/../tests/events"
#define S_TITLE "芯片市场动态"
#define S_TODO "TODO "
#define S_PARAGRAPH " ¶ "

static void S_put_amount(zhe_buf *b, const zhe_mention *m, const char *what)
{
    zhe_buf_printf(b, "%.15g", m->amount.value);
    if (!isnan(m->amount.high)) zhe_buf_printf(b, "..%.15g", m->amount.high);
    zhe_buf_printf(b, " %s", what);
}

/* An event as the table writes one:
 * "price 2023-09 stated H100 = 5440000 JPY", "shipment 2023-09 stated
 * H100 x 3000 片", "export_control 2023-10-17 stated A800+H800+L40S". */
static void S_put_event(zhe_buf *b, const zhe_mentions *ms, const zhe_event *e)
{
    zhe_buf_printf(b, "%s %s %s ", zhe_event_type_str(e->type), *e->date.value ? e->date.value : "-",
                   zhe_event_basis_str(e->date_basis));
    if (!e->n_chips) zhe_buf_puts(b, "-");
    for (size_t i = 0; i < e->n_chips; i++) zhe_buf_printf(b, "%s%s", i ? "+" : "", e->chips[i]);
    if (e->money >= 0) {
        zhe_buf_puts(b, " = ");
        S_put_amount(b, &ms->v[e->money], ms->v[e->money].currency);
    }
    if (e->quantity >= 0) {
        zhe_buf_puts(b, " x ");
        S_put_amount(b, &ms->v[e->quantity], ms->v[e->quantity].unit);
    }
    if (e->per != ZHE_PER_NONE && e->per != ZHE_PER_CHIP) {
        zhe_buf_printf(b, " per=%s", zhe_price_per_str(e->per));
        if (e->chips_per_unit) zhe_buf_printf(b, "/%u", e->chips_per_unit);
    }
    if (e->period) zhe_buf_printf(b, " period=%s", zhe_price_period_str(e->period));
    if (e->market) zhe_buf_printf(b, " market=%s", zhe_price_market_str(e->market));
    if (e->modality) zhe_buf_printf(b, " modality=%s", zhe_modality_str(e->modality));
    if (e->polarity) zhe_buf_printf(b, " polarity=%s", zhe_polarity_str(e->polarity));
    if (e->headline) zhe_buf_puts(b, " headline");
    /* a fact told as done ends by the day of publication (本月稍早) */
    if (e->date_mention >= 0 && strcmp(e->date.end, ms->v[e->date_mention].date.end) != 0)
        zhe_buf_printf(b, " until=%s", e->date.end);
}

typedef struct {
    const zhe_pipeline *p;
} S_env;

/* Run one case and write its events to got ("-" for none), their rules
 * to rules and the normalized text to norm.  Returns NULL, or why the
 * article could not be made. */
static const char *S_run(const S_env *env, const char *published, size_t plen, const char *title,
                         size_t hlen, const char *text, size_t tlen, zhe_buf *got, zhe_buf *rules,
                         zhe_buf *norm, char *why, size_t why_cap)
{
    zhe_buf doc = ZHE_BUF_INIT;
    if (hlen == 1 && title[0] == '-') zhe_buf_puts(&doc, S_TITLE);
    else zhe_buf_put(&doc, title, hlen);
    zhe_buf_puts(&doc, "\n");
    zhe_buf_put(&doc, published, plen);
    zhe_buf_puts(&doc, "\n");
    /* paragraphs: " ¶ " in the table, a blank line in the article */
    const size_t plen_mark = strlen(S_PARAGRAPH);
    for (size_t i = 0; i < tlen;) {
        if (tlen - i >= plen_mark && !memcmp(text + i, S_PARAGRAPH, plen_mark)) {
            zhe_buf_puts(&doc, "\n\n");
            i += plen_mark;
        } else {
            zhe_buf_putc(&doc, text[i++]);
        }
    }
    zhe_buf_putc(&doc, '\n');
    zhe_mentions ms = {NULL, 0, 0};
    zhe_events evs = {NULL, 0, 0};
    zhe_article *a = case_article(env->p, doc.ptr, doc.len, &ms, &evs, why, why_cap);
    zhe_buf_clear(&doc);
    if (!a) {
        zhe_events_clear(&evs);
        zhe_mentions_clear(&ms);
        return why;
    }
    zhe_buf_put(norm, a->norm, a->norm_len);
    for (size_t i = 0; i < evs.n; i++) {
        if (i) {
            zhe_buf_puts(got, " ; ");
            zhe_buf_puts(rules, ", ");
        }
        S_put_event(got, &ms, &evs.v[i]);
        zhe_buf_printf(rules, "%s (%s)", evs.v[i].rule, evs.v[i].trigger);
    }
    if (!evs.n) zhe_buf_puts(got, "-");
    zhe_events_clear(&evs);
    zhe_mentions_clear(&ms);
    zhe_article_free(a);
    return NULL;
}

/* Split line[0..n) into its four tab-separated fields f[], fl[].
 * Returns 1 when there are exactly four, none of them empty. */
static int S_fields(const char *line, size_t n, const char *f[4], size_t fl[4])
{
    size_t nf = 0, k = 0;
    for (;;) {
        const char *tab = memchr(line + k, '\t', n - k);
        size_t e = tab ? (size_t)(tab - line) : n;
        if (nf == 4) return 0;
        f[nf] = line + k;
        fl[nf] = e - k;
        if (!fl[nf++]) return 0;
        if (!tab) break;
        k = e + 1;
    }
    return nf == 4;
}

/* Check every case of the table name, t[0..len).  Returns the number of
 * cases. */
static size_t S_cases(const S_env *env, const char *name, const char *t, size_t len)
{
    size_t rows = 0, lineno = 0;
    zhe_buf got = ZHE_BUF_INIT, rules = ZHE_BUF_INIT, norm = ZHE_BUF_INIT;
    for (size_t i = 0; i < len;) {
        const char *line = t + i;
        const char *nl = memchr(line, '\n', len - i);
        size_t n = nl ? (size_t)(nl - line) : len - i;
        i += n + (nl != NULL);
        lineno++;
        if (!n || line[0] == '#') continue;
        rows++;
        const char *f[4];
        size_t fl[4];
        if (!S_fields(line, n, f, fl)) {
            ok(0, "%s:%zu: four fields separated by tabs", name, lineno);
            continue;
        }
        const char *want = f[3];
        size_t wlen = fl[3];
        int todo = wlen > strlen(S_TODO) && !memcmp(want, S_TODO, strlen(S_TODO));
        if (todo) want += strlen(S_TODO), wlen -= strlen(S_TODO);
        zhe_buf_truncate(&got, 0);
        zhe_buf_truncate(&rules, 0);
        zhe_buf_truncate(&norm, 0);
        char why[768];
        const char *fail = S_run(env, f[0], fl[0], f[1], fl[1], f[2], fl[2], &got, &rules, &norm,
                                 why, sizeof why);
        int pass = !fail && got.len == wlen && !memcmp(case_str(&got), want, wlen);
        tap_todo = todo;
        size_t shown = fl[2] > 90 ? 90 : fl[2];    /* whole characters */
        while (shown < fl[2] && ((unsigned char)f[2][shown] & 0xC0) == 0x80) shown--;
        ok(pass, "%s:%zu: %.*s", name, lineno, (int)shown, f[2]);
        tap_todo = 0;
        if (!pass) {
            printf("#   want:  %.*s\n", (int)wlen, want);
            if (fail) {
                printf("#   error: %s\n", fail);
            } else {
                printf("#   got:   %s\n", case_str(&got));
                if (rules.len) printf("#   rules: %s\n", case_str(&rules));
                printf("#   norm:  ");   /* one line: paragraphs as ¶ */
                for (const char *c = case_str(&norm); *c; c++)
                    fputs(*c == '\n' ? " ¶ " : (char[2]){*c, 0}, stdout);
                putchar('\n');
            }
        }
    }
    zhe_buf_clear(&got);
    zhe_buf_clear(&rules);
    zhe_buf_clear(&norm);
    return rows;
}

static int S_name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: test_link LEXICON_DIR CORPUS_DIR\n");
        return 2;
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
    S_env env = {p};

    zhe_buf dir = ZHE_BUF_INIT;
    zhe_buf_printf(&dir, "%s%s", argv[2], S_TABLES);
    DIR *d = opendir(case_str(&dir));
    if (!d) {
        printf("Bail out! cannot read %s\n", case_str(&dir));
        return 1;
    }
    char *names[64];
    size_t n_names = 0;
    for (struct dirent *de; (de = readdir(d)) && n_names < 64;) {
        size_t k = strlen(de->d_name);
        if (k > 4 && !strcmp(de->d_name + k - 4, ".txt")) names[n_names++] = zhe_strdup(de->d_name);
    }
    closedir(d);
    qsort(names, n_names, sizeof *names, S_name_cmp);
    size_t rows = 0;
    for (size_t i = 0; i < n_names; i++) {
        zhe_buf path = ZHE_BUF_INIT, table = ZHE_BUF_INIT;
        zhe_buf_printf(&path, "%s/%s", case_str(&dir), names[i]);
        if (!case_slurp(case_str(&path), &table)) {
            printf("Bail out! cannot read %s\n", case_str(&path));
            return 1;
        }
        rows += S_cases(&env, names[i], case_str(&table), table.len);
        zhe_buf_clear(&path);
        zhe_buf_clear(&table);
        zhe_free(names[i]);
    }
    ok(rows >= 150, "the tables have at least 150 cases (%zu)", rows);
    zhe_buf_clear(&dir);
    zhe_pipeline_free(p);
    return tap_done();
}
