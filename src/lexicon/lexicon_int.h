/*
** lexicon_int.h — the lexicon's tables as the stages read them.  Never
** installed.
**
** A zhe_lexicon (lexicon.c) holds every file of lexicons/ but the general
** word list, parsed and checked, in tables that never change once it is
** open: the stages that borrow one read these fields directly.  Strings
** live in the lexicon's pool and are NUL-terminated; `len` fields are
** their lengths in bytes.  Lists that are searched for the longest word
** at a place (currencies, units, qualifiers) are sorted longest first;
** the others are in file order.
**
** Values that name something of a later stage (an event type, a
** qualifier) are kept as the file spells them, checked against the names
** that stage knows; the stage turns them into its own enum once, when it
** is made.
*/
#ifndef ZHE_LEXICON_INT_H
#define ZHE_LEXICON_INT_H

#include "../base/base_int.h"

#include <zhevents/lexicon.h>

/* The longest model name chips.tsv and patterns.tsv may give, in bytes
 * (a mention's model field holds it with its NUL). */
#define ZHEI_MODEL_MAX 31
/* The longest measure word of units.tsv, in bytes. */
#define ZHEI_UNIT_MAX 15

/* A currency word of currencies.tsv: 美元 USD after, $ USD before. */
typedef struct zhei_currency {
    const char *word;
    size_t len;
    char code[4];           /* ISO 4217 */
    int before, after;      /* may stand before / after the amount */
} zhei_currency;

/* A measure word of units.tsv: 片, 台, 张 … */
typedef struct zhei_unit {
    const char *word;
    size_t len;
    const char *not_before; /* comma-separated words that make it an idiom, or "" */
} zhei_unit;

/* A word of qualifiers.tsv: 约 (before, approx), 左右 (after, approx). */
typedef struct zhei_qualword {
    const char *word;
    size_t len;
    int after;              /* stands after the amount, else before */
    const char *qualifier;  /* approx, at_least, at_most, more_than, max or min */
} zhei_qualword;

/* A word of triggers.tsv. */
typedef struct zhei_trigger {
    const char *word;
    size_t len;
    const char *type;       /* price, export_control, launch, shipment, capacity,
                               exempt, not_price or - */
    const char *const *needs;   /* words one of which must be in the clause */
    size_t n_needs;
} zhei_trigger;

/* A word of cues.tsv: what an event means. */
typedef struct zhei_cue {
    const char *word;
    size_t len;
    const char *kind;       /* per, period, market, modality, polarity, time or refer */
    const char *value;      /* its value as DESIGN.md names it, or "-": no cue */
} zhei_cue;

/* A rule of patterns.tsv, compiled (pcre2, UTF, JIT where it can). */
typedef struct zhei_pattern {
    const char *id;
    int ignore;             /* 1: its matches are no mention and hold none */
    void *re;               /* pcre2_code (8-bit) */
    uint32_t group;         /* the `model` group's number (chip rules) */
    const char *model;      /* chip rules: the model, {} standing for the group */
    const char *vendor;
} zhei_pattern;

/* A marker of boilerplate.tsv, as the file writes it (the cleaner folds
 * it as it folds the text). */
typedef struct zhei_marker {
    const char *text;
    size_t len;
    int anywhere;           /* match "any" (else "start") */
    int tail;               /* action "tail" (else "line") */
} zhei_marker;

/* A word of segment-words.tsv. */
typedef struct zhei_domain_word {
    const char *word;
    size_t len;
    double freq;            /* 0: the file gives none */
} zhei_domain_word;

/* A rate of rates.tsv: cny yuan for one unit of currency in month. */
typedef struct zhei_rate {
    char month[8];          /* YYYY-MM */
    char currency[4];       /* ISO 4217 */
    double cny;
} zhei_rate;

/* A name a lookup finds (zhe_lexicon_find_chip, _find_vendor), by its key. */
typedef struct zhei_name {
    const char *key;
    size_t index;           /* of the chip, or of the vendor */
} zhei_name;

typedef struct zhei_pool_block zhei_pool_block;

struct zhe_lexicon {
    char *dir;
    zhei_pool_block *pool;          /* every string below */

    zhe_chip *chips;                /* chips.tsv, in file order */
    size_t n_chips;
    zhei_name *chip_names;          /* models and aliases by key, sorted */
    size_t n_chip_names;
    const char **vendors;           /* canonical vendor names */
    size_t n_vendors;
    zhei_name *vendor_names;        /* vendors and their names by key, sorted */
    size_t n_vendor_names;

    zhei_currency *currencies;      /* longest first */
    size_t n_currencies;
    zhei_unit *units;               /* longest first */
    size_t n_units;
    zhei_qualword *quals;           /* longest first */
    size_t n_quals;
    zhei_trigger *triggers;         /* file order */
    size_t n_triggers;
    zhei_cue *cues;                 /* file order */
    size_t n_cues;
    zhei_pattern *patterns;         /* file order */
    size_t n_patterns;
    zhei_marker *markers;           /* file order */
    size_t n_markers;
    zhei_domain_word *domain_words; /* file order */
    size_t n_domain_words;
    zhei_rate *rates;               /* file order: a later line wins */
    size_t n_rates;
};

/*
** The lexicons' file format (tsv.c, read by lexicon.c alone): tab-separated columns, '#' comments.
**
**     zhei_tsv t;
**     if (zhei_tsv_open(&t, dir, "units.tsv", err) != ZHE_OK) …;  // err names the file
**     while (zhei_tsv_next(&t)) … t.col[0 .. t.ncol) at t.path:t.line …;
**     zhei_tsv_close(&t);   // also after a failed open
**
** Columns point into the file's text, which lives until zhei_tsv_close.
*/
#define ZHEI_TSV_MAX_COLS 8

typedef struct zhei_tsv {
    char *path;
    char *text, *p, *end;
    uint64_t line;
    char *col[ZHEI_TSV_MAX_COLS];
    int ncol;
} zhei_tsv;

zhe_status zhei_tsv_open(zhei_tsv *t, const char *dir, const char *name, zhe_error *err);
int zhei_tsv_next(zhei_tsv *t);
void zhei_tsv_close(zhei_tsv *t);

/* The path of lexicon file name in lex's directory, in out. */
void zhei_lexicon_path(const zhe_lexicon *lex, const char *name, zhe_buf *out);

/*
** The general word list (words-jieba.tsv, 349,045 words), which only the
** segmenter needs and keeps in a table of its own: read when it asks,
** each entry checked and handed to fn (word[0..len), its count, its part
** of speech or ""), then fn once more with word NULL, before the file's
** text is freed.  Returns ZHE_ERR_DATA with err naming the file and line
** it cannot use.
*/
typedef void (*zhei_word_fn)(void *ctx, const char *word, size_t len, double freq,
                             const char *pos);
zhe_status zhei_lexicon_each_word(const zhe_lexicon *lex, zhei_word_fn fn, void *ctx,
                                  zhe_error *err);

/* JIT-compile a pcre2 pattern (pcre2_code *) where that helps: not under
 * valgrind, which cannot follow JIT-compiled code.  Optional speed: the
 * pattern works without it. */
void zhei_pcre2_jit(void *re);

#endif /* ZHE_LEXICON_INT_H */
