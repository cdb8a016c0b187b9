/*
** chips.c — chip models in a sentence: every model and alias of chips.tsv
** in a trie of their characters, walked at each place a name may begin,
** each name's end naming its chip; the variant written after a model
** (A100 80GB, H100 PCIe) read with it; sibling shorthand (GB200/300,
** 910B/C) read as both models; a name before 系列, 架构 … read as the
** series it names, no model.  Part of the extractor (extract_int.h).
*/
#include "extract_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The names of chips.tsv, every model and alias, as a trie of their
 * atoms, walked in C at each place a name may begin.  (It was one pcre2
 * pattern: with 412 models its JIT code grew to 227 KB, past the caches,
 * and a sentence cost more than its instructions said.)
 *
 * What a name matches: its characters as written, except that a space, a
 * hyphen, or the step from two or more letters to a digit (RTX4090)
 * becomes a separator, which matches a space, a hyphen or nothing.  At a
 * place, the names that match and are not followed by a Latin letter or a
 * digit compete, and the longest name as written wins (its rank: the
 * names sorted longest first); this is what an alternation of the names,
 * longest first, found in pcre2.  A name begins where no Latin letter or
 * digit stands before it (A100 is not in RA100 or A1000), but 8xA100 is
 * eight A100s. */

#define S_NONE UINT32_MAX    /* no node, no rank */

/* An edge of the trie: a character, as its UTF-8 bytes in one number
 * (S_key), and the node it leads to. */
typedef struct {
    uint32_t key, node;
} S_edge;

struct zhei_chip_node {
    S_edge *edges;      /* sorted by key once the trie is made */
    uint32_t n_edges, cap;
    uint32_t sep;       /* the node the separator leads to, or S_NONE */
    uint32_t rank;      /* the best rank of the names that end here, or S_NONE */
    uint32_t chip;      /* … and its chip */
};

/* The character of len bytes at s as one number: its bytes, big-endian,
 * so that no two characters share one. */
static uint32_t S_key(const char *s, size_t len)
{
    uint32_t k = 0;
    for (size_t i = 0; i < len; i++) k = k << 8 | (unsigned char)s[i];
    return k;
}

/* The length of the UTF-8 sequence that byte c begins (1 for a stray
 * continuation byte). */
static size_t S_seq_len(unsigned char c)
{
    return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

static int S_edge_cmp(const void *a, const void *b)
{
    uint32_t x = ((const S_edge *)a)->key, y = ((const S_edge *)b)->key;
    return x < y ? -1 : x > y;
}

static int S_is_letter(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
static int S_is_digit(char c) { return c >= '0' && c <= '9'; }
static int S_is_alnum(char c) { return S_is_letter(c) || S_is_digit(c); }

typedef struct {
    const char *alias;
    size_t chip;
} S_alias;

/* Longer aliases first, as pcre2's alternation took them. */
static int S_alias_cmp(const void *a, const void *b)
{
    size_t la = strlen(((const S_alias *)a)->alias), lb = strlen(((const S_alias *)b)->alias);
    return la < lb ? 1 : la > lb ? -1 : 0;
}

/* A new node, with nothing below it. */
static uint32_t S_node_new(zhe_extractor *ex)
{
    ZHEI_GROW(&ex->chip_nodes, &ex->chip_nodes_cap, ex->n_chip_nodes + 1);
    ex->chip_nodes[ex->n_chip_nodes] = (struct zhei_chip_node){NULL, 0, 0, S_NONE, S_NONE, 0};
    return (uint32_t)ex->n_chip_nodes++;
}

/* The child of node n along the character c of len bytes (len 0: the
 * separator), made if need be. */
static uint32_t S_child(zhe_extractor *ex, uint32_t n, size_t len, const char *c)
{
    if (!len) {
        if (ex->chip_nodes[n].sep == S_NONE) {
            uint32_t child = S_node_new(ex);
            ex->chip_nodes[n].sep = child;
        }
        return ex->chip_nodes[n].sep;
    }
    uint32_t key = S_key(c, len);
    struct zhei_chip_node *node = &ex->chip_nodes[n];
    for (uint32_t k = 0; k < node->n_edges; k++)
        if (node->edges[k].key == key) return node->edges[k].node;
    uint32_t child = S_node_new(ex);
    node = &ex->chip_nodes[n];     /* the array may have moved */
    if (node->n_edges == node->cap) {
        size_t cap = node->cap;
        ZHEI_GROW(&node->edges, &cap, (size_t)node->n_edges + 1);
        node->cap = (uint32_t)cap;
    }
    node->edges[node->n_edges++] = (S_edge){key, child};
    return child;
}

/* Add name, of rank `rank`, naming chip. */
static void S_insert(zhe_extractor *ex, const char *name, uint32_t rank, uint32_t chip)
{
    uint32_t n = 0;
    size_t letters = 0;
    for (const char *p = name; *p;) {
        unsigned char c = (unsigned char)*p;
        if (c == ' ' || c == '-') {
            n = S_child(ex, n, 0, "");
            letters = 0;
            p++;
            continue;
        }
        if (c >= '0' && c <= '9' && letters >= 2) n = S_child(ex, n, 0, "");
        letters = S_is_letter((char)c) ? letters + 1 : 0;
        size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        for (size_t k = 1; k < len; k++)
            if (!p[k]) len = k;
        n = S_child(ex, n, len, p);
        p += len;
    }
    if (rank < ex->chip_nodes[n].rank) ex->chip_nodes[n].rank = rank, ex->chip_nodes[n].chip = chip;
}

zhe_status zhei_extract_chips_compile(zhe_extractor *ex, zhe_error *err)
{
    (void)err;
    const zhe_lexicon *lex = ex->lex;
    if (!lex->n_chips) return ZHE_OK;
    size_t n_aliases = 0;
    for (size_t i = 0; i < lex->n_chips; i++) n_aliases += 1 + lex->chips[i].n_aliases;
    S_alias *aliases = ZHEI_NEW_ARRAY(S_alias, n_aliases);
    size_t k = 0;
    for (size_t i = 0; i < lex->n_chips; i++) {
        aliases[k++] = (S_alias){lex->chips[i].model, i};
        for (size_t j = 0; j < lex->chips[i].n_aliases; j++)
            aliases[k++] = (S_alias){lex->chips[i].aliases[j], i};
    }
    qsort(aliases, n_aliases, sizeof *aliases, S_alias_cmp);
    S_node_new(ex);     /* the root */
    for (size_t i = 0; i < n_aliases; i++)
        if (*aliases[i].alias) S_insert(ex, aliases[i].alias, (uint32_t)i, (uint32_t)aliases[i].chip);
    zhe_free(aliases);
    for (size_t i = 0; i < ex->n_chip_nodes; i++)
        if (ex->chip_nodes[i].n_edges > 1)
            qsort(ex->chip_nodes[i].edges, ex->chip_nodes[i].n_edges, sizeof(S_edge), S_edge_cmp);
    /* the characters a name may begin with, a bit each in the Basic
     * Multilingual Plane (any other is looked up): most places of a
     * sentence are passed over by one look at this table */
    ex->chip_first = ZHEI_NEW_ARRAY(uint64_t, 1024);
    const struct zhei_chip_node *root = &ex->chip_nodes[0];
    for (uint32_t e = 0; e < root->n_edges; e++) {
        uint32_t cp = 0, key = root->edges[e].key;
        char b[4];
        size_t n = 0;
        for (int sh = 24; sh >= 0; sh -= 8)
            if (n || key >> sh) b[n++] = (char)(key >> sh & 0xFF);
        if (zhe_utf8_decode(b, n, &cp) == n && cp < 0x10000)
            ex->chip_first[cp >> 6] |= (uint64_t)1 << (cp & 63);
        else
            ex->chip_first_other = 1;
    }
    return ZHE_OK;
}

void zhei_extract_chips_free(zhe_extractor *ex)
{
    for (size_t i = 0; i < ex->n_chip_nodes; i++) zhe_free(ex->chip_nodes[i].edges);
    zhe_free(ex->chip_nodes);
    zhe_free(ex->chip_first);
}

typedef struct {
    uint32_t rank, chip;
    size_t end;
} S_best;

/* The names of the trie below node n that match s[q..len), into *best
 * where they rank better. */
static void S_walk(const zhe_extractor *ex, uint32_t n, const char *s, size_t q, size_t len,
                   S_best *best)
{
    const struct zhei_chip_node *node = &ex->chip_nodes[n];
    if (node->rank < best->rank && !(q < len && S_is_alnum(s[q])))
        *best = (S_best){node->rank, node->chip, q};
    if (node->sep != S_NONE) {     /* a space or a hyphen, then nothing */
        if (q < len && (s[q] == ' ' || s[q] == '-')) S_walk(ex, node->sep, s, q + 1, len, best);
        S_walk(ex, node->sep, s, q, len, best);
    }
    if (q >= len || !node->n_edges) return;
    size_t cl = S_seq_len((unsigned char)s[q]);
    if (cl > len - q) return;
    uint32_t key = S_key(s + q, cl);
    size_t lo = 0, hi = node->n_edges;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (node->edges[mid].key < key) lo = mid + 1;
        else hi = mid;
    }
    if (lo < node->n_edges && node->edges[lo].key == key)
        S_walk(ex, node->edges[lo].node, s, q + cl, len, best);
}

/* The name that begins at s[p] (s[0..len) the text, p a character's
 * start): 1 and its chip and end, or 0. */
static int S_name_at(const zhe_extractor *ex, const char *s, size_t p, size_t len, size_t *chip,
                     size_t *end)
{
    if (!ex->n_chip_nodes || p >= len) return 0;
    uint32_t cp = (unsigned char)s[p];
    if (cp >= 0xC0 && cp < 0xE0 && len - p >= 2)
        cp = (cp & 0x1F) << 6 | ((unsigned char)s[p + 1] & 0x3Fu);
    else if (cp >= 0xE0 && cp < 0xF0 && len - p >= 3)
        cp = (cp & 0x0F) << 12 | ((unsigned char)s[p + 1] & 0x3Fu) << 6 |
             ((unsigned char)s[p + 2] & 0x3Fu);
    else if (cp >= 0x80)
        cp = UINT32_MAX;    /* beyond the BMP: looked up if a name begins there */
    if (cp == UINT32_MAX ? !ex->chip_first_other : !(ex->chip_first[cp >> 6] >> (cp & 63) & 1))
        return 0;
    if (p > 0) {
        unsigned char b = (unsigned char)s[p - 1];
        if (S_is_alnum((char)b) && b != 'x' && b != 'X') return 0;
        if ((b == 'x' || b == 'X') && !(p > 1 && s[p - 2] >= '0' && s[p - 2] <= '9')) return 0;
    }
    S_best best = {S_NONE, 0, 0};
    S_walk(ex, 0, s, p, len, &best);
    if (best.rank == S_NONE) return 0;
    *chip = best.chip;
    *end = best.end;
    return 1;
}

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
        if (n && zhei_memmem(s, len, w, n)) return 1;
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
    size_t none = r->ex->lex->n_chips, chip, end;
    if (!zhe_utf8_valid(name, len) || !S_name_at(r->ex, name, 0, len, &chip, &end) || end != len)
        return none;
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
        while (w < s1 && w - q < 8 && S_is_alnum(norm[w])) w++;
        if (w == q || (w < s1 && S_is_alnum(norm[w]))) break;
        if (S_amount_follows(lex, norm, w, s1) || zhei_extract_taken(r, q, w)) break;
        size_t named, named_end;
        if (S_name_at(r->ex, norm, q, s1, &named, &named_end)) break;
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
    if (!r->valid) return;      /* no text to read names in (as pcre2 read none) */
    size_t at = s0;
    while (at < s1) {
        size_t start = at, end = 0, chip = r->ex->lex->n_chips;
        while (start < s1 && !S_name_at(r->ex, norm, start, s1, &chip, &end)) {
            start++;
            while (start < s1 && ((unsigned char)norm[start] & 0xC0) == 0x80) start++;
        }
        if (start >= s1) break;
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
