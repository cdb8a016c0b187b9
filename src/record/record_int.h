/*
** record_int.h — the layout of a record (zhe_record, zhevents/record.h):
** what record.c builds, writes as JSON and reads back, and what the store
** (src/store/put.c) binds to its rows.  It is the one internal header a
** later stage includes: the store reads a record's fields directly rather
** than through an accessor per field.  It needs no type of the extract or
** events stages, so the store includes none of their headers.  Never
** installed.
*/
#ifndef ZHE_RECORD_INT_H
#define ZHE_RECORD_INT_H

#include "../base/base_int.h"

#include <zhevents/record.h>

/* A string of a record: len bytes at off in its arena (`strs`). */
typedef struct zhei_rstr {
    size_t off, len;
} zhei_rstr;

/* A mention's kind, as the record keeps it: the values and names of
 * extract.h's zhe_mention_type (record.c checks they agree). */
typedef enum zhei_rmention_type {
    ZHEI_RMENTION_CHIP = 1,
    ZHEI_RMENTION_MONEY,
    ZHEI_RMENTION_DATE,
    ZHEI_RMENTION_QUANTITY
} zhei_rmention_type;

/* "chip", "money", "date", "quantity": the JSON's and the mentions
 * table's name of t.  Static storage. */
const char *zhei_rmention_type_str(zhei_rmention_type t);

/* A money amount (unit: the currency) or a count (unit: the measure word). */
typedef struct zhei_ramount {
    int present;
    double value, high;         /* high: NAN unless a range */
    zhei_rstr unit, qualifier;
} zhei_ramount;

typedef struct zhei_rdate {
    zhei_rstr timex, mod, start, end;   /* all empty: undated */
} zhei_rdate;

typedef struct zhei_rsentence {
    size_t start, end;          /* code points in the article's text */
    zhei_rstr text, seg;        /* as printed; segmented for full-text search */
} zhei_rsentence;

typedef struct zhei_rmention {
    zhei_rmention_type type;
    size_t sentence, start, end;
    double confidence;
    zhei_rstr text, rule;
    zhei_rstr model, vendor, variant;   /* chips */
    zhei_ramount amount;                /* money and counts */
    zhei_rdate date;                    /* dates, */
    zhei_rstr basis;                    /* and what they were resolved against */
} zhei_rmention;

typedef struct zhei_revent {
    size_t sentence, start, end;
    zhei_rstr type, key, basis, quote, trigger, rule;
    zhei_rdate date;
    zhei_ramount money, quantity;
    zhei_rstr per, period, market, modality, polarity;  /* "" for none */
    unsigned chips_per_unit;            /* 0: not said */
    int headline;                       /* told only in the headline: quote is the title */
    double confidence;
    size_t n_chips;
    zhei_rstr chips[ZHE_RECORD_MAX_CHIPS], vendors[ZHE_RECORD_MAX_CHIPS];
    int has_mark;
    size_t mark_start, mark_end;        /* code points into quote */
} zhei_revent;

struct zhe_record {
    zhe_buf strs;               /* the arena every zhei_rstr points into */
    char hash[33];
    zhei_rstr id, title, published, url, source, path, format, encoding;
    uint64_t record, line, replacements, chars;
    int traditional;
    int has_seg;                /* the sentences carry segmented text */
    size_t n_sentences, n_mentions, n_events;
    zhei_rsentence *sentences;
    zhei_rmention *mentions;
    zhei_revent *events;
};

/* The arena's string at s, borrowed from r; "" for an absent one (not
 * NUL-terminated otherwise: s.len bytes). */
static inline const char *zhei_record_str(const zhe_record *r, zhei_rstr s)
{
    return s.len ? r->strs.ptr + s.off : "";
}

#endif /* ZHE_RECORD_INT_H */
