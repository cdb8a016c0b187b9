/*
** zhevents/store.h — the index: articles, their sentences, mentions and
** events in one SQLite file that the CLI queries and that reads well in
** the tools reporters already use (the sqlite3 shell, Datasette).
**
** The store writes records (zhevents/record.h) and nothing else: it
** needs none of the pipeline's stages, only what they made.
**
** Writing (zhevents ingest, zhevents load):
**
**     zhe_store_options opt;
**     zhe_store_options_init(&opt);
**     opt.lexicon = lex;                          // for its exchange rates
**     zhe_store *st;
**     if (zhe_store_open("zhevents.db", &opt, &st, &err) != ZHE_OK) return 4;
**     zhe_store_run_begin(st, "zhevents ingest corpus/", &err);
**     zhe_store_counts counts = {0};
**     // for each article a the reader reads (pipeline.h):
**     char hash[33];
**     zhe_record_article_hash(a, hash);
**     int64_t id;
**     zhe_store_find(st, hash, &id, &err);       // 0: not stored yet
**     zhe_record *r;
**     if (!id && zhe_pipeline_run(p, a, &r, &err) == ZHE_OK) {   // p segments
**         zhe_store_outcome outcome;
**         zhe_store_put_record(st, r, &outcome, &err);
**         counts.added += outcome == ZHE_STORE_ADDED;
**         zhe_record_free(r);
**     }
**     // for each input that cannot be read, with its zhe_error why:
**     //     zhe_store_reject(st, &why, excerpt, excerpt_len, &err);
**     zhe_store_run_end(st, &counts, &err);      // commits
**     zhe_store_close(st, &err);
**
** Articles are written in batches of opt.batch, one transaction each: a
** run that is killed loses at most the batch it was in, never half an
** article, and the next run (articles are keyed by a hash of their text)
** adds what is missing and doubles nothing.
**
** Reading (zhevents query, search, stats): open with opt.readonly and
** call zhe_store_query, zhe_store_search or zhe_store_stats; each hands
** its rows to a callback, the strings borrowed until the callback returns.
**
** Every SQLite failure comes back as ZHE_ERR_DB with a message that names
** the database file; a file that cannot be opened at all is ZHE_ERR_IO.
** The schema (tables, views, indexes) is described in src/store/schema.c
** and in the NAME.metadata.json that zhe_store_write_metadata writes.
*/
#ifndef ZHEVENTS_STORE_H
#define ZHEVENTS_STORE_H

#if !defined(ZHEVENTS_H_IN) && !defined(ZHEVENTS_COMPILATION)
#error "Only <zhevents/zhevents.h> can be included directly."
#endif

#include <zhevents/record.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The schema version this library writes (PRAGMA user_version). */
#define ZHE_STORE_SCHEMA_VERSION 4

typedef struct zhe_store zhe_store;

typedef struct zhe_store_options {
    int readonly;               /* queries only: nothing is created or migrated */
    int replace;                /* zhe_store_put_record replaces an article
                                   already stored */
    int fts_trigram;            /* ignored: sentences_trigram is always kept (schema 9) */
    size_t batch;               /* articles per transaction (default 500) */
    const zhe_lexicon *lexicon; /* borrowed, for its exchange rates (rates.tsv),
                                   loaded when the store opens for writing;
                                   NULL: the default lexicon's */
} zhe_store_options;

/** Defaults: read-write, no replace, no trigram table, batches of 500. */
ZHE_API void zhe_store_options_init(zhe_store_options *opt);

/*
** Open (creating it unless readonly) the database at path and bring its
** schema up to ZHE_STORE_SCHEMA_VERSION.  Returns ZHE_OK and a store in
** *out (caller frees with zhe_store_close); ZHE_ERR_IO when the file
** cannot be opened; ZHE_ERR_DB when it is not a zhevents database, is of a
** newer schema, or SQLite fails; ZHE_ERR_DATA when rates.tsv is bad.
*/
ZHE_API zhe_status zhe_store_open(const char *path, const zhe_store_options *opt,
                                  zhe_store **out, zhe_error *err);

/** Commit what is pending, leave WAL mode (so the database is one file
 *  again) and free st, whatever it returns (NULL: ZHE_OK).  Returns the
 *  status of the last commit, or ZHE_ERR_DB when the database cannot be
 *  returned to one file (what was committed is safe in its -wal file). */
ZHE_API zhe_status zhe_store_close(zhe_store *st, zhe_error *err);

/** The path the store was opened with.  Borrowed until zhe_store_close. */
ZHE_API const char *zhe_store_path(const zhe_store *st);

/* ------------------------------------------------------------- writing */

/* What an ingest run did, stored in its row of `runs`. */
typedef struct zhe_store_counts {
    uint64_t read;          /* articles read and prepared */
    uint64_t added;         /* new articles stored */
    uint64_t duplicate;     /* already stored: left as they were */
    uint64_t replaced;      /* already stored and replaced (--replace) */
    uint64_t rejected;      /* inputs or records that could not be read */
    uint64_t events;        /* events stored */
} zhe_store_counts;

/** Record the start of an ingest run (argv: the command line as text,
 *  NULL: ""); rejects and articles are tied to it until zhe_store_run_end.
 *  Returns ZHE_OK, or ZHE_ERR_DB. */
ZHE_API zhe_status zhe_store_run_begin(zhe_store *st, const char *argv, zhe_error *err);
/** Commit what is pending, bring the facts up to date (the same fact
 *  reported by several articles is one: facts.c) and record the run's end
 *  and counts c (with no run begun, only commit).  Returns ZHE_OK, or
 *  ZHE_ERR_DB. */
ZHE_API zhe_status zhe_store_run_end(zhe_store *st, const zhe_store_counts *c, zhe_error *err);

/** The row id of the stored article with content hash `hash` (32 hex
 *  digits: zhe_record_article_hash, zhe_record_hash) in *id, or 0 when
 *  none is stored.  Returns ZHE_OK, or ZHE_ERR_DB. */
ZHE_API zhe_status zhe_store_find(zhe_store *st, const char *hash, int64_t *id,
                                  zhe_error *err);

typedef enum zhe_store_outcome {
    ZHE_STORE_ADDED = 1,    /* a new article */
    ZHE_STORE_DUPLICATE,    /* stored before: nothing written */
    ZHE_STORE_REPLACED      /* stored before, its rows replaced (opt.replace) */
} zhe_store_outcome;

/*
** Store record r (made by zhe_record_new with a segmenter, or read back by
** zhe_record_read_json; r stays the caller's): its article's source and
** row, its sentences (with their segmented text, indexed for full-text
** search), mentions, events and their chips.  An article whose content
** hash is stored already is left alone (*outcome DUPLICATE), or with
** opt.replace its old rows are deleted first (REPLACED); else ADDED.  The
** write joins the open batch, all of the article or none of it; the batch
** is committed when it is full.  Returns ZHE_OK; ZHE_ERR_USAGE for a
** record made without a segmenter; ZHE_ERR_INTERNAL for one whose
** mentions or events point outside its sentences; ZHE_ERR_DB when SQLite
** fails.
*/
ZHE_API zhe_status zhe_store_put_record(zhe_store *st, const zhe_record *r,
                                        zhe_store_outcome *outcome, zhe_error *err);

/*
** A read-only view of a store's articles for threads other than the one
** writing: "is the article with this content hash stored?", to skip
** extracting it again.  It sees what was committed when it asks; the
** writer's own check (zhe_store_put_record) stays the one that counts.
*/
typedef struct zhe_store_probe zhe_store_probe;

/** Open a probe of the database at path (a read-only connection of its
 *  own; the store's writer made the database first).  Returns ZHE_OK and
 *  the probe in *out (caller frees with zhe_store_probe_close), or
 *  ZHE_ERR_DB with *out NULL. */
ZHE_API zhe_status zhe_store_probe_open(const char *path, zhe_store_probe **out,
                                        zhe_error *err);
/** 1 if an article with content hash `hash` is stored, else 0 (also when
 *  the database cannot be read: the writer decides then).  One thread at
 *  a time. */
ZHE_API int zhe_store_probe_has(zhe_store_probe *p, const char *hash);
/** Close p; NULL is a no-op. */
ZHE_API void zhe_store_probe_close(zhe_store_probe *p);

/** Record an input that was rejected (rej: its path, line, offset and
 *  message, as the reader reported it) with excerpt[0..excerpt_len), an
 *  excerpt of it (may be NULL), in the open batch and the open run.
 *  Returns ZHE_OK, or ZHE_ERR_DB. */
ZHE_API zhe_status zhe_store_reject(zhe_store *st, const zhe_error *rej, const char *excerpt,
                                    size_t excerpt_len, zhe_error *err);

/** Commit the open batch now, its sentences indexed first.  Returns ZHE_OK
 *  (also when no batch is open), or ZHE_ERR_DB with the batch rolled
 *  back. */
ZHE_API zhe_status zhe_store_commit(zhe_store *st, zhe_error *err);

/** Write Datasette's metadata for the database at db_path (DIR/NAME.db)
 *  as DIR/NAME.metadata.json: title, source, table and column
 *  descriptions, facets, the search box.  A file of that name zhevents did
 *  not write (its "source" does not name zhevents) is left as it is:
 *  ZHE_ERR_USAGE, nothing written.  Else ZHE_OK, or ZHE_ERR_IO. */
ZHE_API zhe_status zhe_store_write_metadata(const char *db_path, zhe_error *err);

/* ------------------------------------------------------------- reading */

/*
** The key a chip name is matched by: ASCII letters lowered, spaces, '-'
** and '_' dropped ("RTX 4090" and "rtx4090" are both "rtx4090").  Writes
** at most cap bytes including the NUL.
*/
ZHE_API void zhe_store_chip_key(const char *chip, char *out, size_t cap);

/* What zhe_store_query selects: every condition given must hold. */
typedef struct zhe_store_filter {
    const char *const *chips;   /* any of these chips (chip names, any case and spacing) */
    size_t n_chips;
    const char *const *types;   /* any of these event types ("price" …) */
    size_t n_types;
    const char *from;           /* events whose dates reach from..to ("YYYY-MM-DD"), */
    const char *to;             /* or NULL; undated events are left out then.  With
                                   both, an event must also be dated no more
                                   coarsely than the range spans: a year's event
                                   is not one of a day (2023 is not 2023-10-17) */
    const char *vendor;         /* a chip of this vendor (any case), or NULL */
    double min_confidence;      /* 0: any */
    int asserted_only;          /* facts alone: asserted and positive */
    int facts;                  /* one row per fact: its first report, with
                                   the number of articles in sources */
    int overlap;                /* every event whose dates reach into from..to,
                                   however coarse (2023 for 2023-10-17) */
    int reviewed;               /* events a reporter found ok (zhe_store_review),
                                   their corrections applied */
} zhe_store_filter;

/* One event as zhe_store_query reports it.  Absent values are NULL
 * strings and NAN numbers. */
typedef struct zhe_stored_event {
    int64_t id, article_id;
    const char *key, *type, *rule, *trigger;
    const char *timex, *mod, *start, *end, *basis;
    double amount, high;
    const char *currency, *qualifier;
    double quantity, quantity_high;
    const char *unit;
    const char *quote;
    double confidence;
    double amount_cny, high_cny;    /* the money in yuan at the month's rate
                                       (lexicons/rates.tsv), or NAN */
    size_t mark_start, mark_end;    /* the money, count or chip the event is
                                       about: code points into quote (both 0:
                                       none) */
    const char *article, *title, *url, *published;   /* the article's */
    const char *outlet;         /* the news outlet that published it (sources.name),
                                   or NULL when the input named none */
    const char *review;         /* a reporter's verdict: "ok", "wrong", or NULL */
    /* What it means (zhevents/events.h); NULL where not said (and per,
     * period and market for an event stored before they were). */
    const char *per, *period, *market, *modality, *polarity;
    unsigned chips_per_unit;    /* 0: not said */
    int headline;               /* 1: told only in the headline (quote: the title) */
    size_t sources;             /* with zhe_store_filter.facts: the articles that
                                   report its fact; else 0 */
    size_t n_chips;
    const char *chips[ZHE_RECORD_MAX_CHIPS];
    const char *vendors[ZHE_RECORD_MAX_CHIPS];
} zhe_stored_event;

/* A row callback: return 0 to go on, non-zero to stop (the function then
 * returns ZHE_ERR_IO). */
typedef int (*zhe_stored_event_fn)(void *ctx, const zhe_stored_event *ev);

/** The events f selects, in time order (undated last), to fn. */
ZHE_API zhe_status zhe_store_query(zhe_store *st, const zhe_store_filter *f,
                                   zhe_stored_event_fn fn, void *ctx, zhe_error *err);

/* One sentence zhe_store_search found. */
typedef struct zhe_store_hit {
    int64_t sentence_id, article_id;
    const char *text;           /* the sentence as the article printed it */
    const char *plain;          /* its normalized text without the segmenter's
                                   spaces, where the terms were found */
    const char *article, *title, *published, *url;
    double rank;                /* FTS5's bm25 rank (lower is better); 0 when
                                   every term is shorter than 3 characters */
} zhe_store_hit;

typedef int (*zhe_store_hit_fn)(void *ctx, const zhe_store_hit *hit);

/** The sentences whose normalized text (the view sentences_plain) holds
 *  every one of the n terms, each as a string of adjacent characters
 *  (ASCII letters in any case): best first, at most limit of them (0: no
 *  limit), to fn.  Terms are normalized as the stored text is
 *  (zhe_text_normalize: simplified script, NFKC) and hold no spaces.  A
 *  term of three or more characters is looked up in the trigram index; a
 *  shorter one is matched by LIKE, which reads every sentence the longer
 *  terms leave.  *total, when total is not NULL, is how many sentences
 *  match in all.  No terms: no sentence. */
ZHE_API zhe_status zhe_store_search(zhe_store *st, const char *const *terms, size_t n,
                                    size_t limit, size_t *total, zhe_store_hit_fn fn,
                                    void *ctx, zhe_error *err);

/** Store a reporter's verdict on the event of key (verdict "ok", "wrong"
 *  or NULL for none yet) and corrections (a JSON object of date
 *  "YYYY-MM-DD", amount, currency, quantity, unit; or NULL), replacing
 *  what was stored for it.  Reviews are keyed by the event's stable key,
 *  not its row: they outlive ingest --replace.  Returns ZHE_OK, or
 *  ZHE_ERR_DB. */
ZHE_API zhe_status zhe_store_review(zhe_store *st, const char *key, const char *verdict,
                                    const char *corrections, zhe_error *err);

/* Totals of a database. */
typedef struct zhe_store_totals {
    int64_t articles, sentences, mentions, events, rejects, runs;
    char first[11], last[11];   /* the first and last day events span, "" if none */
} zhe_store_totals;

/* A count callback: group is "type", "chip", "month" (events by event
 * type, chip, and the month they start in) or "reject" (rejected inputs
 * by file); name is the value counted, n the count.  Return non-zero to
 * stop (the function then returns ZHE_ERR_IO). */
typedef int (*zhe_store_count_fn)(void *ctx, const char *group, const char *name, int64_t n);

/** Fill *t, and report the counts of each group to fn (may be NULL),
 *  largest first (months in order). */
ZHE_API zhe_status zhe_store_stats(zhe_store *st, zhe_store_totals *t, zhe_store_count_fn fn,
                                   void *ctx, zhe_error *err);

#ifdef __cplusplus
}
#endif

#endif /* ZHEVENTS_STORE_H */
