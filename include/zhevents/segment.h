/*
** zhevents/segment.h — word segmentation of normalized text.
**
** The segmenter finds the most probable split of each line into words of a
** frequency lexicon (lexicons/words-jieba.tsv), with numbers and Latin
** runs as whole tokens (26.5万, 2024年, H100, CoWoS), and the domain's
** words (chip models and their aliases from lexicons/chips.tsv, vendors and
** trade terms from lexicons/segment-words.tsv) never split.
**
** Its callback has the shape of SQLite FTS5's xTokenize, so it could back
** an FTS5 tokenizer.  The store does not register one: it keeps each
** sentence's words joined by spaces, which FTS5's built-in ascii tokenizer
** indexes, so any sqlite3 can search the file.  Segmenting an article's
** normalized text:
**
**     static int on_token(void *ctx, int flags, const char *tok, int n,
**                         int start, int end)
**     {
**         (void)flags, (void)start, (void)end;
**         fprintf(ctx, "%.*s ", n, tok);
**         return 0;
**     }
**     zhe_segmenter *seg;
**     if (zhe_segmenter_new(lex, &seg, &err) != ZHE_OK) return 1;   // lex: lexicon.h
**     zhe_segment(seg, a->norm, a->norm_len, on_token, stdout);
**     zhe_segmenter_free(seg);
**
** Tokens are reported in order; `tok` points into the text passed in and
** [start, end) are its byte offsets there.  White space is never a token.
*/
#ifndef ZHEVENTS_SEGMENT_H
#define ZHEVENTS_SEGMENT_H

#if !defined(ZHEVENTS_H_IN) && !defined(ZHEVENTS_COMPILATION)
#error "Only <zhevents/zhevents.h> can be included directly."
#endif

#include <zhevents/base.h>
#include <zhevents/lexicon.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct zhe_segmenter zhe_segmenter;

/*
** A segmenter of the words of lex: its general word list (read now from
** words-jieba.tsv), its chip models and aliases and its trade words
** (segment-words.tsv).  lex is only read while the segmenter is made.
** Returns ZHE_OK and a segmenter in *out (caller frees with
** zhe_segmenter_free), or ZHE_ERR_DATA with err naming the file and line
** of the word list that could not be read (*out NULL).  The segmenter is
** read-only afterwards: threads may share it.
*/
ZHE_API zhe_status zhe_segmenter_new(const zhe_lexicon *lex, zhe_segmenter **out,
                                     zhe_error *err);
ZHE_API void zhe_segmenter_free(zhe_segmenter *seg);

/* Words in the segmenter's lexicon, prefixes not counted. */
ZHE_API size_t zhe_segmenter_words(const zhe_segmenter *seg);

/* The FTS5 xTokenize callback shape: return 0 to go on, non-zero to stop. */
typedef int (*zhe_token_fn)(void *ctx, int flags, const char *token, int n, int start,
                            int end);

/*
** Segment text[0..len) (normalized text, valid UTF-8; line breaks separate
** what is segmented independently) and call fn for every token.  Returns
** 0, or the first non-zero value fn returned.  len must be below 2 GiB (the
** callback's offsets are ints).
*/
ZHE_API int zhe_segment(const zhe_segmenter *seg, const char *text, size_t len, zhe_token_fn fn,
                        void *ctx);

/*
** The FTS5 query for words[0..len) (normalized text) against the words
** index (sentences_fts): segmented as the stored sentences are, each token
** written as an FTS5 string ("…", quotes doubled), so user input is never
** FTS5 syntax; tokens without a letter or digit are left out.  Appended to
** out, after a space when out is not empty; nothing is appended when no
** token is left.
*/
ZHE_API void zhe_segment_match_expr(const zhe_segmenter *seg, const char *words, size_t len,
                                    zhe_buf *out);

#ifdef __cplusplus
}
#endif
#endif /* ZHEVENTS_SEGMENT_H */
