/*
** extract_int.h — what the extractor's files share (never installed):
** the extractor, made from a lexicon, and the state of one article's
** extraction that its passes work on.
**
**   extract.c   the extractor, the run over an article's sentences and
**               what every pass shares (a new mention, the bytes taken)
**   chips.c     chip models: one pcre2 pattern of chips.tsv's names
**   rules.c     the rules of patterns.tsv (spans to ignore, more models)
**   amounts.c   money and quantities: numbers with the words around them
**
** Each sentence is read in turn by: the ignore rules, the dater, the chip
** pattern, the chip rules, the amounts; a last pass over the article
** gives bare amounts in price sentences the currency of its other prices.
*/
#ifndef ZHE_EXTRACT_INT_H
#define ZHE_EXTRACT_INT_H

#include "../lexicon/lexicon_int.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <zhevents/text.h>
#include <zhevents/extract.h>

struct zhe_extractor {
    const zhe_lexicon *lex;     /* borrowed: chips, currencies, units, qualifiers,
                                   the price words and the rules */
    struct zhei_chip_node *chip_nodes;  /* chips.c: every model and alias as a
                                           trie, its root first */
    size_t n_chip_nodes, chip_nodes_cap;
    uint64_t *chip_first;       /* the characters a name may begin with: 65,536
                                   bits, one for each of the BMP */
    int chip_first_other;       /* … and whether one begins with another */
    pcre2_match_context *mctx;  /* match and depth limits for every pattern */
    zhe_qualifier *quals;       /* the qualifier of lex->quals[k] */
    const zhei_trigger **price_words;   /* the price words of lex->triggers */
    size_t n_price_words;
    /* What the currencies' words begin with (after an amount) and end
     * with (before one): bits of a hash of two bytes, and of one byte for
     * words of one byte ($, €); most numbers have no such neighbour and
     * are passed over without reading the list (amounts.c) */
    uint64_t cur_after[16], cur_before[16], cur_after1[4], cur_before1[4];
};

/* The state of one article's extraction. */
typedef struct zhei_extract_run {
    const zhe_extractor *ex;
    const zhe_article *a;
    zhe_mentions *ms;
    size_t first;           /* this article's first mention in ms */
    size_t sentence;
    size_t lo, hi;          /* in the last pass, the first passes' mentions
                               of this sentence: ms->v[lo .. hi) */
    pcre2_match_data *md;
    int valid;              /* the article's norm is valid UTF-8 */
    /* The bytes of the current sentence [s0, s1) that its mentions cover:
     * taken[i - s0] is set for a covered byte i, for the mentions up to
     * ms->v[marked] (zhei_extract_taken marks the newer ones as it is
     * asked).  One question costs the length asked about, not the number
     * of mentions the sentence has, which a hostile sentence makes
     * 100,000. */
    unsigned char *taken;
    size_t taken_cap, s0, s1, marked;
    int region_known;       /* amounts.c: the article's region was asked … */
    const char *region;     /* … "HKD", "TWD" or NULL: the dollar its bare
                               元 is when the sentence names none */
} zhei_extract_run;

/* extract.c: a new mention of norm[start..end) in the current sentence
 * (type 0: a span an ignore rule claims, dropped at the end). */
zhe_mention *zhei_extract_add(zhei_extract_run *r, zhe_mention_type type, const char *rule,
                              size_t start, size_t end, double confidence);

/* extract.c: whether norm[start..end) overlaps a mention already found in
 * the current sentence. */
int zhei_extract_taken(zhei_extract_run *r, size_t start, size_t end);

/* extract.c: the options for a pcre2 match of norm[0..end) from `at`
 * (PCRE2_NO_UTF_CHECK where the article's text was checked once and at
 * and end fall on character boundaries). */
uint32_t zhei_extract_match_options(const zhei_extract_run *r, size_t at, size_t end);

/* pcre2_match of re over norm[0..end) from `at`, with the run's match
 * data and the extractor's limits.  Where the article was checked once
 * (PCRE2_NO_UTF_CHECK) and no other option asks what the JIT's fast path
 * does not do (PCRE2_ANCHORED), it goes straight to pcre2_jit_match,
 * skipping pcre2_match's own checks: they cost as much as the JIT's scan
 * of a short sentence, and every rule runs once or more per sentence.  A pattern not JIT-compiled (under valgrind) makes
 * pcre2_jit_match answer PCRE2_ERROR_JIT_BADOPTION, and pcre2_match runs. */
static inline int zhei_extract_match(const zhei_extract_run *r, const pcre2_code *re,
                                     size_t end, size_t at, uint32_t options)
{
    if (options == PCRE2_NO_UTF_CHECK) {
        int rc = pcre2_jit_match(re, (PCRE2_SPTR)r->a->norm, end, at, options, r->md,
                                 r->ex->mctx);
        if (rc != PCRE2_ERROR_JIT_BADOPTION) return rc;
    }
    return pcre2_match(re, (PCRE2_SPTR)r->a->norm, end, at, options, r->md, r->ex->mctx);
}

/* chips.c: the trie of ex->lex's chips' names (ex->chip_nodes; none when
 * there are no chips), and its memory freed.  Always ZHE_OK: every name
 * makes a path of the trie. */
zhe_status zhei_extract_chips_compile(zhe_extractor *ex, zhe_error *err);
void zhei_extract_chips_free(zhe_extractor *ex);

/* chips.c: the models of chips.tsv in sentence [s0, s1). */
void zhei_extract_chips(zhei_extract_run *r, size_t s0, size_t s1);

/* chips.c: a variant written right after a model at s[0..len) ("A100
 * 80GB", "H100 PCIe"): its length in the text (0 if none), the variant in
 * out. */
size_t zhei_extract_variant(const char *s, size_t len, char *out, size_t cap);

/* chips.c: 2 when the words after a name at norm[end..s1) make it an
 * architecture or a family (架构, 家族), 1 a line of products (系列, 系,
 * 平台), 0 otherwise. */
int zhei_extract_series(const char *norm, size_t end, size_t s1);

/* chips.c: the chip of chips.tsv whose model or alias is the whole of
 * name[0..len), as the chips' trie reads it (RTX4090 is RTX 4090); the
 * lexicon's n_chips when none. */
size_t zhei_extract_chip_named(zhei_extract_run *r, const char *name, size_t len);

/* rules.c: the rules of patterns.tsv over sentence [s0, s1): ignore
 * rules (ignore 1) claim their spans, chip rules (ignore 0) add the
 * models they name. */
void zhei_extract_rules(zhei_extract_run *r, size_t s0, size_t s1, int ignore);

/* amounts.c: the currency bits of ex (cur_after and its kin), from
 * ex->lex's currencies. */
void zhei_extract_amounts_compile(zhe_extractor *ex);

/* amounts.c: money and quantities in sentence [s0, s1). */
void zhei_extract_amounts(zhei_extract_run *r, size_t s0, size_t s1);

/* amounts.c: the currency of the article's money mentions so far when
 * they have one only; "" if several; NULL if none. */
const char *zhei_extract_article_currency(const zhei_extract_run *r);

/* amounts.c: amounts with 万 or 亿 and no unit, in a price sentence
 * [s0, s1), as money in currency code (4万、13万、25万); code "": in the
 * currency of the sentence's other money, when it has one only. */
void zhei_extract_bare_amounts(zhei_extract_run *r, size_t s0, size_t s1, const char *code);

#endif /* ZHE_EXTRACT_INT_H */
