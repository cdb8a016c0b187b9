/*
** chips.c — chip models in a sentence: every model and alias of chips.tsv
** in one pcre2 pattern, a trie of their atoms, each name's end tagged with
** (*MARK) so a match names its chip; the variant written after a model
** (A100 80GB, H100 PCIe) read with it; sibling shorthand (GB200/300,
** 910B/C) read as both models; a name before 系列, 架构 … read as the
** series it names, no model.  Part of the extractor (extract_int.h).
*/
#include "extract_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The chip pattern is the alternation of every model and alias, longest
 * first, as a trie: names that begin alike share their first atoms, so at
 * a position pcre2 tries the few names that can follow what it has read,
 * not every name in turn.  The trie keeps pcre2's order wherever two
 * names could match the same text, so it finds what the flat alternation
 * of the same names, in the same order, finds. */

/* One atom of a name's pattern: a character (a whole UTF-8 sequence),
 * escaped when it is ASCII and no letter or digit, or the separator that
 * a space, a hyphen, or the step from two or more letters to a digit
 * (RTX4090) becomes: a space, a hyphen or nothing. */
typedef struct {
    const char *re; /* its pattern text */
    size_t len;
} S_atom;

static const char S_SEP[] = "[ \\-]?";

static int S_is_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

/* The atoms of name, into out (the pattern text of the escaped ones in
 * esc, 2 bytes each).  Returns the number of atoms. */
static size_t S_atoms(const char *name, S_atom *out, char *esc)
{
    size_t n = 0, letters = 0;
    for (const char *p = name; *p;) {
        unsigned char c = (unsigned char)*p;
        if (c == ' ' || c == '-') {
            out[n++] = (S_atom){S_SEP, sizeof S_SEP - 1};
            letters = 0;
            p++;
            continue;
        }
        if (c >= '0' && c <= '9' && letters >= 2) out[n++] = (S_atom){S_SEP, sizeof S_SEP - 1};
        letters = S_is_alpha(c) ? letters + 1 : 0;
        if (c < 0x80 && !S_is_alpha(c) && !(c >= '0' && c <= '9')) {
            char *e = esc + 2 * n;
            e[0] = '\\';
            e[1] = (char)c;
            out[n++] = (S_atom){e, 2};
            p++;
            continue;
        }
        size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        for (size_t k = 1; k < len; k++)
            if (!p[k]) len = k;
        out[n++] = (S_atom){p, len};
        p += len;
    }
    return n;
}

typedef struct {
    const char *alias;
    size_t chip;
    S_atom *atoms;
    size_t n_atoms;
} S_alias;

static int S_same_atom(const S_atom *a, const S_atom *b)
{
    return a->len == b->len && memcmp(a->re, b->re, a->len) == 0;
}

/* The atom of v[i] at depth d, or NULL where its name ends. */
static const S_atom *S_next(const S_alias *v, size_t i, size_t d)
{
    return d < v[i].n_atoms ? &v[i].atoms[d] : NULL;
}

/* Append the alternation of the names v[0..n), which share their first d
 * atoms, from their atom d on.  Names whose next atoms are all different
 * characters can never match the same text, and are grouped by that
 * character whatever their order; where a name ends or goes on with the
 * separator (which may match nothing), only neighbours are grouped, so
 * that the order of the names is kept. */
static void S_emit(zhe_buf *re, S_alias *v, size_t n, size_t d, size_t *group)
{
    int literal = 1;
    for (size_t i = 0; i < n && literal; i++) {
        const S_atom *a = S_next(v, i, d);
        literal = a && a->re != S_SEP;
    }
    /* group[i]: the index of the first name of v[i]'s group; a group's
     * members are gathered after its first, in their order. */
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        size_t g = i;
        if (literal) {
            for (size_t j = 0; j < i; j++)
                if (group[j] == j && S_same_atom(S_next(v, j, d), S_next(v, i, d))) {
                    g = j;
                    break;
                }
        } else if (i > 0 && S_next(v, i, d) && S_next(v, i - 1, d) &&
                   S_same_atom(S_next(v, i, d), S_next(v, i - 1, d))) {
            g = group[i - 1];
        }
        group[i] = g;
        m += g == i;
    }
    if (m > 1) zhe_buf_puts(re, "(?:");
    size_t *sub = ZHEI_NEW_ARRAY(size_t, n);
    S_alias *members = ZHEI_NEW_ARRAY(S_alias, n);
    int first = 1;
    for (size_t i = 0; i < n; i++) {
        if (group[i] != i) continue;
        if (!first) zhe_buf_putc(re, '|');
        first = 0;
        const S_atom *a = S_next(v, i, d);
        if (!a) {
            zhe_buf_printf(re, "(*MARK:%zu)", v[i].chip);
            continue;
        }
        size_t k = 0;
        for (size_t j = i; j < n; j++)
            if (group[j] == i) members[k++] = v[j];
        zhe_buf_put(re, a->re, a->len);
        S_emit(re, members, k, d + 1, sub);
    }
    zhe_free(members);
    zhe_free(sub);
    if (m > 1) zhe_buf_putc(re, ')');
}

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
        aliases[k++] = (S_alias){lex->chips[i].model, i, NULL, 0};
        for (size_t j = 0; j < lex->chips[i].n_aliases; j++)
            aliases[k++] = (S_alias){lex->chips[i].aliases[j], i, NULL, 0};
    }
    qsort(aliases, n_aliases, sizeof *aliases, S_alias_cmp);
    /* A name has at most twice as many atoms as bytes (a separator before
     * each digit), and its escapes take 2 bytes an atom. */
    size_t room = 0;
    for (size_t i = 0; i < n_aliases; i++) room += 2 * strlen(aliases[i].alias) + 1;
    S_atom *atoms = ZHEI_NEW_ARRAY(S_atom, room);
    char *esc = ZHEI_NEW_ARRAY(char, 2 * room);
    size_t used = 0;
    for (size_t i = 0; i < n_aliases; i++) {
        aliases[i].atoms = atoms + used;
        aliases[i].n_atoms = S_atoms(aliases[i].alias, atoms + used, esc + 2 * used);
        used += 2 * strlen(aliases[i].alias) + 1;
    }
    /* First, the characters a name may begin with, as one class: at a
     * character that begins none (most of a Chinese sentence), pcre2
     * tests one class, not every branch of the trie's first level.  Then:
     * a model is not part of a longer Latin or digit run: A100 is not
     * found in A1000 or RA100; but 8xA100 is eight A100s.  One assertion
     * each, so that pcre2 still finds where a match may start. */
    zhe_buf re = ZHE_BUF_INIT;
    zhe_buf_puts(&re, "(?=[");
    size_t class_at = re.len;
    for (size_t i = 0; i < n_aliases; i++) {
        const S_atom *a = &aliases[i].atoms[0];
        if (!aliases[i].n_atoms || a->re == S_SEP) continue;
        if (!memmem(re.ptr + class_at, re.len - class_at, a->re, a->len))
            zhe_buf_put(&re, a->re, a->len);
    }
    zhe_buf_puts(&re, "])(?<![A-WYZa-wyz0-9]|(?<![0-9])[xX])");
    size_t *group = ZHEI_NEW_ARRAY(size_t, n_aliases);
    S_emit(&re, aliases, n_aliases, 0, group);
    zhe_free(group);
    zhe_buf_puts(&re, "(?![A-Za-z0-9])");
    zhe_free(esc);
    zhe_free(atoms);
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

/* Whether the memory generation at norm[start..end) of the sentence
 * [s0, s1) is a GPU's memory, a spec rather than the memory itself in the
 * news: a capacity before it (80GB HBM3, 40GB的高速HBM2) or 显存, 内存,
 * 位宽, 带宽 after it (A100 HBM2位宽达5120bit). */
static int S_memory_spec(const char *norm, size_t s0, size_t s1, size_t start, size_t end)
{
    static const char *const after[] = { "显存", "内存", "位宽", "带宽" };
    size_t e = end;
    while (e < s1 && norm[e] == ' ') e++;
    for (size_t k = 0; k < sizeof after / sizeof *after; k++) {
        size_t n = strlen(after[k]);
        if (s1 - e >= n && memcmp(norm + e, after[k], n) == 0) return 1;
    }
    /* "GB" within a few characters before, a digit before it */
    size_t from = start > s0 + 16 ? start - 16 : s0;
    for (size_t i = start; i >= from + 3; i--) {
        if ((norm[i - 2] == 'G' || norm[i - 2] == 'g') && (norm[i - 1] == 'B' || norm[i - 1] == 'b') &&
            norm[i - 3] >= '0' && norm[i - 3] <= '9')
            return 1;
    }
    return 0;
}

/* What the words right after a name at norm[end..s1) make of it
 * (spaces skipped): 2 when they make it an architecture or a family
 * (Blackwell架构, Rubin家族), 1 when they make it a line of products
 * (RTX 40系列, 40系显卡, 昇腾950系列, Rubin平台), 0 otherwise.  系 alone
 * counts, but not in 系统 (a GB200 NVL72系统 is a system of GB200s). */
int zhei_extract_series(const char *norm, size_t end, size_t s1)
{
    static const struct { const char *word; int level; } words[] = {
        {"架构", 2}, {"家族", 2}, {"系列", 1}, {"平台", 1}, {"系", 1},
    };
    while (end < s1 && norm[end] == ' ') end++;
    for (size_t k = 0; k < ZHEI_ARRAY_LEN(words); k++) {
        size_t n = strlen(words[k].word);
        if (s1 - end < n || memcmp(norm + end, words[k].word, n) != 0) continue;
        if (strcmp(words[k].word, "系") == 0 && s1 - end >= n + 3 &&
            (memcmp(norm + end + n, "统", 3) == 0 || memcmp(norm + end + n, "数", 3) == 0))
            return 0;
        return words[k].level;
    }
    return 0;
}

/* Whether a model of chips.tsv, found at norm[start..end), stands for its
 * series rather than itself.  Architecture and family words always make
 * it one.  A line of products does when the name has no digit (Rubin系列,
 * TPU系列: an architecture or a family name that chips.tsv also lists as
 * a chip); a numbered model followed by 系列 is that model's line, its
 * memory sizes and forms, and the reporter writes down the model:
 * 昇腾910B系列服务器 are servers of Ascend 910Bs, H100系列 the H100 in all
 * its forms.  Truncated numbers (RTX 40, 昇腾950, MI300) are no model of
 * chips.tsv; where a rule of patterns.tsv finds one, rules.c drops it
 * before any series word. */
static int S_series(const char *norm, size_t start, size_t end, size_t s1)
{
    int level = zhei_extract_series(norm, end, s1);
    if (level != 1) return level != 0;
    for (size_t i = start; i < end; i++)
        if (S_is_digit(norm[i])) return 0;
    return 1;
}

size_t zhei_extract_chip_named(zhei_extract_run *r, const char *name, size_t len)
{
    size_t none = r->ex->lex->n_chips;
    if (!r->ex->chip_re || !zhe_utf8_valid(name, len)) return none;
    if (pcre2_match(r->ex->chip_re, (PCRE2_SPTR)name, len, 0, PCRE2_ANCHORED, r->md,
                    r->ex->mctx) < 0)
        return none;
    const char *mark = (const char *)pcre2_get_mark(r->md);
    if (pcre2_get_ovector_pointer(r->md)[1] != len || !mark) return none;
    size_t chip = strtoul(mark, NULL, 10);
    return chip < none ? chip : none;
}

/* Whether a measure word, a currency or a number's word begins at
 * norm[at..s1): "H100和800台" counts servers and "A100和800美元" is a price,
 * not the H800 and the A800. */
static int S_amount_follows(const zhe_lexicon *lex, const char *norm, size_t at, size_t s1)
{
    static const char *const words[] = {"万", "亿", "千", "百", "多", "余", "元", "年", "月",
                                        "日", "号", "个", "倍", "%"};
    /* 800.5, 1,200: the number goes on */
    if (at + 1 < s1 && (norm[at] == '.' || norm[at] == ',') && S_is_digit(norm[at + 1])) return 1;
    while (at < s1 && norm[at] == ' ') at++;
    const char *p = norm + at;
    size_t left = s1 - at;
    for (size_t k = 0; k < ZHEI_ARRAY_LEN(words); k++)
        if (left >= strlen(words[k]) && memcmp(p, words[k], strlen(words[k])) == 0) return 1;
    for (size_t k = 0; k < lex->n_units; k++)
        if (left >= lex->units[k].len && memcmp(p, lex->units[k].word, lex->units[k].len) == 0)
            return 1;
    for (size_t k = 0; k < lex->n_currencies; k++)
        if (lex->currencies[k].after && left >= lex->currencies[k].len &&
            memcmp(p, lex->currencies[k].word, lex->currencies[k].len) == 0)
            return 1;
    return 0;
}

/* Sibling shorthand after the model `chip`, written norm[start..end) and
 * read up to norm[from..): GB200/300, H100/800, 910B/C, RTX 5090/5080,
 * 昇腾960和970.  After a slash, 、, 和, 及 or 与 comes the part of a second
 * name that differs; the written prefix of the first name completes it.
 * The longest prefix that makes a model of chips.tsv of the same vendor,
 * other than the first, wins; each sibling is a mention of its own over
 * what was written for it ("300").  A part that is a model by itself
 * (H100/H800, H100和A100) is left to the pattern; one followed by a
 * measure word or a currency is an amount (H100和800台).  Returns where
 * the last sibling ends (from when none). */
static size_t S_siblings(zhei_extract_run *r, size_t chip, size_t start, size_t end, size_t from,
                         size_t s1)
{
    static const char *const seps[] = {"/", "、", "和", "及", "与"};
    const zhe_lexicon *lex = r->ex->lex;
    const char *norm = r->a->norm;
    char cand[2 * ZHEI_MODEL_MAX + 16];
    size_t name_len = end - start;
    if (name_len >= sizeof cand / 2) return from;
    for (size_t guard = 0; guard < 8; guard++) {
        size_t q = from;
        while (q < s1 && norm[q] == ' ') q++;
        size_t sep = 0;
        for (size_t k = 0; k < ZHEI_ARRAY_LEN(seps) && !sep; k++)
            if (s1 - q >= strlen(seps[k]) && memcmp(norm + q, seps[k], strlen(seps[k])) == 0)
                sep = strlen(seps[k]);
        if (!sep) break;
        q += sep;
        while (q < s1 && norm[q] == ' ') q++;
        size_t w = q;
        while (w < s1 && w - q < 8 && (S_is_letter(norm[w]) || S_is_digit(norm[w]))) w++;
        if (w == q || (w < s1 && (S_is_letter(norm[w]) || S_is_digit(norm[w])))) break;
        if (S_amount_follows(lex, norm, w, s1) || zhei_extract_taken(r, q, w)) break;
        if (pcre2_match(r->ex->chip_re, (PCRE2_SPTR)norm, s1, q,
                        zhei_extract_match_options(r, q, s1) | PCRE2_ANCHORED, r->md,
                        r->ex->mctx) >= 0)
            break;
        size_t sib = lex->n_chips;
        for (size_t k = name_len - 1; k >= 1 && sib == lex->n_chips; k--) {
            if (((unsigned char)norm[start + k] & 0xC0) == 0x80) continue;
            memcpy(cand, norm + start, k);
            memcpy(cand + k, norm + q, w - q);
            size_t c = zhei_extract_chip_named(r, cand, k + (w - q));
            if (c < lex->n_chips && c != chip &&
                strcmp(lex->chips[c].vendor, lex->chips[chip].vendor) == 0 &&
                S_in_context(&lex->chips[c], norm + r->s0, s1 - r->s0))
                sib = c;
        }
        if (sib == lex->n_chips) break;
        zhe_mention *m = zhei_extract_add(r, ZHE_MENTION_CHIP, "chip.sibling", q, w, 0.9);
        snprintf(m->model, sizeof m->model, "%s", lex->chips[sib].model);
        m->vendor = lex->chips[sib].vendor;
        m->norm_end += zhei_extract_variant(norm + w, s1 - w, m->variant, sizeof m->variant);
        from = m->norm_end;
    }
    return from;
}

void zhei_extract_chips(zhei_extract_run *r, size_t s0, size_t s1)
{
    const char *norm = r->a->norm;
    size_t at = s0;
    while (at < s1) {
        int rc = zhei_extract_match(r, r->ex->chip_re, s1, at,
                                    zhei_extract_match_options(r, at, s1));
        if (rc < 0) break;          /* no match, or a limit hit (extract.c's limits) */
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);
        size_t start = ov[0], end = ov[1];
        const char *mark = (const char *)pcre2_get_mark(r->md);
        size_t chip = mark ? strtoul(mark, NULL, 10) : r->ex->lex->n_chips;
        size_t next = end;
        if (end > start && chip < r->ex->lex->n_chips && !zhei_extract_taken(r, start, end) &&
            S_in_context(&r->ex->lex->chips[chip], norm + s0, s1 - s0) &&
            !(strcmp(r->ex->lex->chips[chip].kind, "hbm") == 0 &&
              S_memory_spec(norm, s0, s1, start, end)) &&
            !S_series(norm, start, end, s1)) {
            zhe_mention *m =
                zhei_extract_add(r, ZHE_MENTION_CHIP, "chip.lexicon", start, end, 0.95);
            snprintf(m->model, sizeof m->model, "%s", r->ex->lex->chips[chip].model);
            m->vendor = r->ex->lex->chips[chip].vendor;
            m->norm_end +=
                zhei_extract_variant(norm + end, s1 - end, m->variant, sizeof m->variant);
            next = S_siblings(r, chip, start, end, m->norm_end, s1);
        }
        at = next > at ? next : at + 1;
    }
}
