/*
** zhevents/lexicon.h — what zhevents knows about the chip trade, read once
** from the files of lexicons/ (chips.tsv, vendors.tsv, currencies.tsv,
** units.tsv, qualifiers.tsv, triggers.tsv, patterns.tsv, boilerplate.tsv,
** segment-words.tsv, rates.tsv) into read-only tables that every stage
** borrows.
**
** A lexicon is opened once and shared: the cleaner takes its boilerplate
** markers, the segmenter its words, the extractor its chips, currencies,
** units, qualifiers and rules, the linker its trigger words, the store its
** exchange rates.  A file it cannot use is reported in one place, as
** "path:line: reason".  Read-only once open, so threads may share one.
**
** It also answers a reporter's question, which chip "昇腾910B" is:
**
**     zhe_lexicon *lex;
**     zhe_error err;
**     if (zhe_lexicon_open(NULL, &lex, &err) != ZHE_OK) {
**         fprintf(stderr, "%s\n", err.message);   // "…/chips.tsv:12: …"
**         return 3;
**     }
**     const zhe_chip *c = zhe_lexicon_find_chip(lex, "昇腾910B", strlen("昇腾910B"));
**     if (c) printf("%s (%s)\n", c->model, c->vendor);   // Ascend 910B (Huawei)
**     zhe_lexicon_free(lex);
*/
#ifndef ZHEVENTS_LEXICON_H
#define ZHEVENTS_LEXICON_H

#if !defined(ZHEVENTS_H_IN) && !defined(ZHEVENTS_COMPILATION)
#error "Only <zhevents/zhevents.h> can be included directly."
#endif

#include <zhevents/base.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct zhe_lexicon zhe_lexicon;

/*
** The directory zhe_lexicon_open reads when it is given none, resolved in
** this order: $ZHEVENTS_LEXICONS when it is set and not empty; the
** installed data directory (PREFIX/share/zhevents/lexicons) when it holds
** chips.tsv; the source tree's lexicons/, for a build that was never
** installed.  The string is the environment's or static: do not free it.
*/
ZHE_API const char *zhe_lexicon_default_dir(void);

/*
** Read every lexicon file of dir (NULL: zhe_lexicon_default_dir()).
** Returns ZHE_OK and a lexicon in *out (caller frees with
** zhe_lexicon_free), or ZHE_ERR_DATA with err naming the file and the line
** it cannot use (a missing file: "DIR/chips.tsv: cannot open: …"), *out
** NULL.  vendors.tsv is optional; every other file must be there.
*/
ZHE_API zhe_status zhe_lexicon_open(const char *dir, zhe_lexicon **out, zhe_error *err);
ZHE_API void zhe_lexicon_free(zhe_lexicon *lex);

/** The directory lex was read from.  Borrowed until zhe_lexicon_free. */
ZHE_API const char *zhe_lexicon_dir(const zhe_lexicon *lex);

/* A chip model of chips.tsv.  Every string is borrowed from the lexicon. */
typedef struct zhe_chip {
    const char *model;          /* canonical: "Ascend 910B", "RTX 4090" */
    const char *vendor;         /* the vendor's English name: "Huawei"; "" for a
                                   memory generation several makers build (HBM3E) */
    const char *series;         /* the product line ("Ascend"), "" when not given */
    const char *const *aliases; /* other ways articles write it, in file order */
    size_t n_aliases;
    const char *context;        /* comma-separated words, one of which must be in
                                   the sentence; "" for an unambiguous name */
    const char *kind;           /* "gpu", "accelerator", "hbm"; "" when not given */
} zhe_chip;

/** The number of chip models, and the i-th (0 <= i < n), in file order. */
ZHE_API size_t zhe_lexicon_n_chips(const zhe_lexicon *lex);
ZHE_API const zhe_chip *zhe_lexicon_chip(const zhe_lexicon *lex, size_t i);

/*
** The chip a reporter means by name[0..len): its model or one of its
** aliases, in any case, with or without spaces, hyphens and underscores,
** full-width or not ("昇腾910B", "ascend910b", "Ａ１００", "rtx-4090");
** else the one model whose name ends with it after a series word
** ("910B" is Ascend 910B; "4090" is RTX 4090, since RTX 4090D does not end
** with 4090).  NULL when no chip, or more than one, answers.
*/
ZHE_API const zhe_chip *zhe_lexicon_find_chip(const zhe_lexicon *lex, const char *name,
                                              size_t len);

/*
** The vendor a reporter means by name[0..len): a vendor of chips.tsv, or
** a name of it in vendors.tsv ("英伟达", "輝達", "nvidia" → "NVIDIA"), in
** any case.  NULL when none.  Borrowed from the lexicon.
*/
ZHE_API const char *zhe_lexicon_find_vendor(const zhe_lexicon *lex, const char *name,
                                            size_t len);

/*
** The key names are compared by: full-width ASCII made ASCII, ASCII
** letters lowered, spaces, '-' and '_' dropped ("RTX 4090", "rtx-4090" and
** "ＲＴＸ４０９０" are all "rtx4090"); other characters as they are.
** Writes at most cap bytes including the NUL (cap > 0) and returns the
** key's length.
*/
ZHE_API size_t zhe_lexicon_key(const char *name, size_t len, char *out, size_t cap);

#ifdef __cplusplus
}
#endif

#endif /* ZHEVENTS_LEXICON_H */
