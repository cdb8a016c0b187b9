/*
** chips.c — chip models in a sentence: every model and alias of chips.tsv
** in one pcre2 pattern, each alternative tagged with (*MARK) so a match
** names its chip; the variant written after a model (A100 80GB, H100
** PCIe) read with it.  Part of the extractor (extract_int.h).
*/
#include "extract_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Append alias to the chip pattern: literal, except that a space or a
 * hyphen, or the step from two or more letters to a digit (RTX4090), may
 * be written with a space, a hyphen or nothing. */
static void S_pattern_alias(zhe_buf *re, const char *alias)
{
    size_t letters = 0;
    for (const char *p = alias; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == ' ' || c == '-') {
            zhe_buf_puts(re, "[ \\-]?");
            letters = 0;
            continue;
        }
        if (c >= '0' && c <= '9' && letters >= 2) zhe_buf_puts(re, "[ \\-]?");
        letters = ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ? letters + 1 : 0;
        if (c < 0x80 && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && !(c >= '0' && c <= '9'))
            zhe_buf_putc(re, '\\');
        zhe_buf_putc(re, (char)c);
    }
}

typedef struct {
    const char *alias;
    size_t chip;
} S_alias;

/* Longer aliases first: pcre2 takes the first alternative that matches. */
static int S_alias_cmp(const void *a, const void *b)
{
    size_t la = strlen(((const S_alias *)a)->alias), lb = strlen(((const S_alias *)b)->alias);
    return la < lb ? 1 : la > lb ? -1 : 0;
}

zhe_status zhei_extract_chips_compile(zhe_extractor *ex, zhe_error *err)
{
    const zhe_lexicon *lex = ex->lex;
    size_t n_aliases = 0;
    for (size_t i = 0; i < lex->n_chips; i++) n_aliases += 1 + lex->chips[i].n_aliases;
    if (!lex->n_chips) return ZHE_OK;
    S_alias *aliases = ZHEI_NEW_ARRAY(S_alias, n_aliases);
    size_t k = 0;
    for (size_t i = 0; i < lex->n_chips; i++) {
        aliases[k++] = (S_alias){lex->chips[i].model, i};
        for (size_t j = 0; j < lex->chips[i].n_aliases; j++)
            aliases[k++] = (S_alias){lex->chips[i].aliases[j], i};
    }
    qsort(aliases, n_aliases, sizeof *aliases, S_alias_cmp);
    /* A model is not part of a longer Latin or digit run: A100 is not
     * found in A1000 or RA100; but 8xA100 is eight A100s. */
    zhe_buf re = ZHE_BUF_INIT;
    zhe_buf_puts(&re, "(?:(?<![A-Za-z0-9])|(?<=[0-9][xX]))(?:");
    for (size_t i = 0; i < n_aliases; i++) {
        if (i) zhe_buf_putc(&re, '|');
        S_pattern_alias(&re, aliases[i].alias);
        zhe_buf_printf(&re, "(*MARK:%zu)", aliases[i].chip);
    }
    zhe_buf_puts(&re, ")(?![A-Za-z0-9])");
    zhe_free(aliases);
    int code;
    PCRE2_SIZE at;
    zhe_status st = ZHE_OK;
    ex->chip_re = pcre2_compile((PCRE2_SPTR)re.ptr, re.len, PCRE2_UTF, &code, &at, NULL);
    if (!ex->chip_re) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(code, msg, sizeof msg);
        zhe_buf path = ZHE_BUF_INIT;
        zhei_lexicon_path(lex, "chips.tsv", &path);
        st = zhe_error_set(err, ZHE_ERR_DATA, path.ptr, 0, UINT64_MAX,
                           "the models do not make a pattern: %s", (char *)msg);
        zhe_buf_clear(&path);
    } else {
        zhei_pcre2_jit(ex->chip_re);
    }
    zhe_buf_clear(&re);
    return st;
}

static int S_is_letter(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
static int S_is_digit(char c) { return c >= '0' && c <= '9'; }

/* A variant written right after a model: its memory ("A100 80GB",
 * "A100,80G", "A100-80G") or its form ("H100 PCIe", "H100 SXM5",
 * "GB200 NVL72").  Returns its length in text (0 if none) and fills out. */
size_t zhei_extract_variant(const char *s, size_t len, char *out, size_t cap)
{
    size_t d = len && (s[0] == ' ' || s[0] == ',' || s[0] == '-'), i = d;
    while (i < len && S_is_digit(s[i])) i++;
    if (i > d && i - d <= 4 && i < len && (s[i] == 'G' || s[i] == 'g')) {
        size_t e = i + 1 + (i + 1 < len && (s[i + 1] == 'B' || s[i + 1] == 'b'));
        if (e < len && S_is_letter(s[e])) return 0;
        snprintf(out, cap, "%.*sGB", (int)(i - d), s + d);
        return e;
    }
    static const char *const forms[] = {"PCIe", "SXM", "NVL"};
    if (d == 0 || s[0] == ',') return 0;    /* a form stands after a space or a hyphen */
    for (size_t k = 0; k < ZHEI_ARRAY_LEN(forms); k++) {
        size_t n = strlen(forms[k]);
        if (len - d < n || memcmp(s + d, forms[k], n)) continue;
        size_t e = d + n;
        while (e < len && e - d < 8 && S_is_digit(s[e])) e++;     /* SXM5, NVL72 */
        if (e < len && S_is_letter(s[e])) continue;
        snprintf(out, cap, "%.*s", (int)(e - d), s + d);
        return e;
    }
    return 0;
}

/* Whether sentence s[0..len) has one of the words a chip with an
 * ambiguous name needs (L2 is also a cache and a level of driving aid). */
static int S_in_context(const zhe_chip *c, const char *s, size_t len)
{
    if (!*c->context) return 1;
    for (const char *w = c->context; *w;) {
        const char *comma = strchr(w, ',');
        size_t n = comma ? (size_t)(comma - w) : strlen(w);
        if (n && memmem(s, len, w, n)) return 1;
        w += n + (comma != NULL);
    }
    return 0;
}

/* The models of chips.tsv in sentence [s0, s1). */
void zhei_extract_chips(zhei_extract_run *r, size_t s0, size_t s1)
{
    const char *norm = r->a->norm;
    size_t at = s0;
    while (at < s1) {
        int rc = pcre2_match(r->ex->chip_re, (PCRE2_SPTR)norm, s1, at,
                             zhei_extract_match_options(r, at, s1), r->md, r->ex->mctx);
        if (rc < 0) break;          /* no match, or a limit hit (extract.c's limits) */
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);
        size_t start = ov[0], end = ov[1];
        const char *mark = (const char *)pcre2_get_mark(r->md);
        size_t chip = mark ? strtoul(mark, NULL, 10) : r->ex->lex->n_chips;
        if (end > start && chip < r->ex->lex->n_chips && !zhei_extract_taken(r, start, end) &&
            S_in_context(&r->ex->lex->chips[chip], norm + s0, s1 - s0)) {
            zhe_mention *m =
                zhei_extract_add(r, ZHE_MENTION_CHIP, "chip.lexicon", start, end, 0.95);
            snprintf(m->model, sizeof m->model, "%s", r->ex->lex->chips[chip].model);
            m->vendor = r->ex->lex->chips[chip].vendor;
            m->norm_end +=
                zhei_extract_variant(norm + end, s1 - end, m->variant, sizeof m->variant);
        }
        at = end > at ? end : at + 1;
    }
}

