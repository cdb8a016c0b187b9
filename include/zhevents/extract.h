/*
** zhevents/extract.h — mentions: chip models, money, dates and quantities
** found in an article's normalized text.
**
** The building blocks are usable alone:
**   - zhe_number_parse reads one number as Chinese news writes it
**     (26.5万, 三万六千, 两万多, 三五, 2.4万至2.8万);
**   - a zhe_dater finds the dates of an article's sentences, in order,
**     and resolves them against the publication date and the narrative's
**     last explicit date (去年10月, 24日晚间, 次日, 第二季度, 年底);
**   - a zhe_extractor, made from a lexicon (lexicon.h: chips, currencies,
**     units, qualifiers, the rules of patterns.tsv), finds every mention
**     of an article:
**
**     zhe_extractor *ex;
**     if (zhe_extractor_new(lex, &ex, &err) != ZHE_OK) return 1;
**     zhe_mentions ms = {0};
**     zhe_extract(ex, a, &ms);               // a: prepared (zhe_text_prepare)
**     for (size_t i = 0; i < ms.n; i++)
**         printf("%s at %zu\n", zhe_mention_type_str(ms.v[i].type), ms.v[i].start);
**     zhe_mentions_clear(&ms);
**     zhe_extractor_free(ex);
**
** All text handed to these functions is normalized text (see text.h):
** ASCII digits and letters, simplified characters.
*/
#ifndef ZHEVENTS_EXTRACT_H
#define ZHEVENTS_EXTRACT_H

#if !defined(ZHEVENTS_H_IN) && !defined(ZHEVENTS_COMPILATION)
#error "Only <zhevents/zhevents.h> can be included directly."
#endif

#include <zhevents/base.h>
#include <zhevents/lexicon.h>
#include <zhevents/text.h>

#ifdef __cplusplus
extern "C" {
#endif

/* --------------------------------------------------------------- numbers */

/* How exact an amount is.  The names are DESIGN.md's. */
typedef enum zhe_qualifier {
    ZHE_QUAL_EXACT = 0,
    ZHE_QUAL_APPROX,        /* 约, 近, 左右, 上下 */
    ZHE_QUAL_AT_LEAST,      /* 上千万, 不低于, 以上 */
    ZHE_QUAL_AT_MOST,       /* 不超过, 以下 */
    ZHE_QUAL_MORE_THAN,     /* 两万多, 20余, 超过 */
    ZHE_QUAL_MAX,           /* 最高, 高达 */
    ZHE_QUAL_MIN,           /* 最低 */
    ZHE_QUAL_RANGE          /* 三五, 八九十, 2.4万至2.8万: value..high */
} zhe_qualifier;

/** "exact", "approx", "at_least", "at_most", "more_than", "max", "min",
 *  "range"; NULL for a value outside the enum.  Static storage. */
ZHE_API const char *zhe_qualifier_str(zhe_qualifier q);

typedef struct zhe_number {
    double value;
    double high;            /* a range's upper bound; NAN when not a range */
    zhe_qualifier qualifier;    /* what the number's own form says */
    int vague;              /* 几万, 数千, 成千上万: no definite value; value
                               is the order of magnitude (10000, 1000) and
                               the qualifier at_least.  上百 and 上万 are
                               not vague: at_least 100, 10000 */
} zhe_number;

/*
** Read the number that starts at s[0] (normalized text, len bytes).
** Digits with thousands separators and decimals (2,400, 26.5), Chinese
** numerals (三万六千, 一万九千九百九十九, 十五万, 卅, 零, 两), the two mixed
** (6.5万, 230.5亿, 3千), digit-by-digit years (二〇二三), approximations
** (两万多, 二十余, 十几, 上千万) and ranges (三五, 八九十, 2.4万至2.8万,
** 8-14, 3到5万).  Qualifier words around the number (约, 左右) are the
** caller's business.  Returns the bytes read, or 0 when no number starts
** at s (out is then unchanged; out may be NULL to measure only).  Never
** reads past len.
*/
ZHE_API size_t zhe_number_parse(const char *s, size_t len, zhe_number *out);

/* ----------------------------------------------------------------- dates */

typedef enum zhe_date_mod {
    ZHE_MOD_NONE = 0,
    ZHE_MOD_START,          /* 年初, 月初, 上旬 */
    ZHE_MOD_MID,            /* 年中, 月中, 中旬 */
    ZHE_MOD_END,            /* 年底, 年末, 月底, 下旬 */
    ZHE_MOD_APPROX          /* 近日, 日前, 前后 */
} zhe_date_mod;

/** "START", "MID", "END", "APPROX", or NULL for ZHE_MOD_NONE. */
ZHE_API const char *zhe_date_mod_str(zhe_date_mod m);

/* Where a date's value came from. */
typedef enum zhe_date_basis {
    ZHE_BASIS_ABSOLUTE = 0, /* the text says the year: 2023年10月17日 */
    ZHE_BASIS_PUBLISHED,    /* relative to the publication date: 去年, 上周 */
    ZHE_BASIS_NARRATIVE     /* relative to the last explicit date: 24日, 次日 */
} zhe_date_basis;

/* A resolved date.  value is a TIMEX3 value: "2023-10-17", "2023-10",
 * "2023-Q2", "2023-H2", "2023", "2023-W42", "2023-FA" (seasons SP SU FA
 * WI); start and end are the first and last day it spans, "YYYY-MM-DD". */
typedef struct zhe_timex {
    char value[16];
    zhe_date_mod mod;
    char start[11];
    char end[11];
} zhe_timex;

typedef struct zhe_date_mention {
    size_t start, end;      /* bytes in the sentence text passed in */
    zhe_timex tx;
    zhe_date_basis basis;
    const char *rule;       /* the form it was read as: "date.absolute",
                               "date.partial", "date.relative_year" … */
} zhe_date_mention;

/*
** A dater reads one article's sentences in order.  It remembers the
** narrative's last explicit date, so 24日 after 10月17日 is 10月24日 of that
** year, and 次日 the day after.  Expressions with nothing to resolve
** against (去年 in an article with no publication date) are not reported.
*/
typedef struct zhe_dater zhe_dater;

/** A dater in *out for an article published on `published` ("YYYY-MM-DD",
 *  "YYYY-MM-DDTHH:MM", "" or NULL when unknown; anything else counts as
 *  unknown).  Caller frees with zhe_dater_free.  Returns ZHE_OK. */
ZHE_API zhe_status zhe_dater_new(const char *published, zhe_dater **out, zhe_error *err);
ZHE_API void zhe_dater_free(zhe_dater *d);

/** A new paragraph starts: the narrative date carries over, but a
 *  paragraph break is where 当日 stops referring back. */
ZHE_API void zhe_dater_paragraph(zhe_dater *d);

/*
** Find the dates of one sentence s[0..len), left to right, resolve them,
** and store up to max of them in out.  Returns how many were found (may be
** more than max; only max are stored).  Explicit dates found become the
** narrative date for what follows.
*/
ZHE_API size_t zhe_dater_find(zhe_dater *d, const char *s, size_t len, zhe_date_mention *out,
                              size_t max);

/* -------------------------------------------------------------- mentions */

typedef enum zhe_mention_type {
    ZHE_MENTION_CHIP = 1,
    ZHE_MENTION_MONEY,
    ZHE_MENTION_DATE,
    ZHE_MENTION_QUANTITY
} zhe_mention_type;

/** "chip", "money", "date", "quantity".  Static storage. */
ZHE_API const char *zhe_mention_type_str(zhe_mention_type t);

typedef struct zhe_mention {
    zhe_mention_type type;
    size_t sentence;            /* index into the article's sentences */
    size_t norm_start, norm_end;    /* bytes in the article's norm */
    size_t raw_start, raw_end;      /* bytes in the article's raw */
    size_t start, end;          /* code points in raw: what the output shows */
    double confidence;          /* 0..1 */
    const char *rule;           /* the id of the rule that made it ("money.after") */
    /* ZHE_MENTION_CHIP: the canonical model, its vendor (the extractor's
     * string), and a variant written after it ("80GB", "") */
    char model[32];
    const char *vendor;
    char variant[16];
    /* ZHE_MENTION_MONEY and ZHE_MENTION_QUANTITY */
    zhe_number amount;
    char currency[4];           /* ISO 4217, money only */
    char unit[16];              /* the measure word, quantities only */
    /* ZHE_MENTION_DATE */
    zhe_timex date;
    zhe_date_basis basis;
} zhe_mention;

/* A growable list of mentions, in text order.  Zero it to start. */
typedef struct zhe_mentions {
    zhe_mention *v;
    size_t n;
    size_t cap;
} zhe_mentions;

ZHE_API void zhe_mentions_clear(zhe_mentions *ms);

/*
** The extractor: the lexicon's chips, currencies, units, qualifiers and
** rules compiled into matchers.  lex is borrowed and must outlive the
** extractor.  Read-only once made, so threads may share one.  Returns
** ZHE_OK and the extractor in *out (caller frees with
** zhe_extractor_free), or ZHE_ERR_DATA when chips.tsv's names make no
** pattern (*out NULL).
*/
typedef struct zhe_extractor zhe_extractor;

ZHE_API zhe_status zhe_extractor_new(const zhe_lexicon *lex, zhe_extractor **out,
                                     zhe_error *err);
ZHE_API void zhe_extractor_free(zhe_extractor *ex);

/*
** Find the mentions of article a (prepared by zhe_text_prepare: normalized
** and split) and append them to ms, in text order.
*/
ZHE_API void zhe_extract(const zhe_extractor *ex, const zhe_article *a, zhe_mentions *ms);

#ifdef __cplusplus
}
#endif

#endif /* ZHEVENTS_EXTRACT_H */
