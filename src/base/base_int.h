/*
** base_int.h — internal helpers shared by every module of libzhevents.
** Never installed.
*/
#ifndef ZHE_BASE_INT_H
#define ZHE_BASE_INT_H

#ifndef ZHEVENTS_COMPILATION
#define ZHEVENTS_COMPILATION
#endif
#include <zhevents/base.h>

#define ZHE_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define ZHE_MIN(a, b) ((a) < (b) ? (a) : (b))
#define ZHE_MAX(a, b) ((a) > (b) ? (a) : (b))

/* Allocate one T (zeroed), or an array of n T (zeroed). */
#define ZHE_NEW(T) ((T *)zhe_xcalloc(1, sizeof(T)))
#define ZHE_NEW_ARRAY(T, n) ((T *)zhe_xcalloc((n), sizeof(T)))

/* Grow the array *pp of *pcap elements so it holds at least `need`. */
#define ZHE_GROW(pp, pcap, need)                                                   \
    do {                                                                           \
        if ((need) > *(pcap)) {                                                    \
            size_t zhe_nc_ = *(pcap) ? *(pcap) * 2 : 8;                            \
            while (zhe_nc_ < (need)) zhe_nc_ *= 2;                                 \
            *(pp) = zhe_xrealloc(*(pp), zhe_nc_ * sizeof(**(pp)));                 \
            *(pcap) = zhe_nc_;                                                     \
        }                                                                          \
    } while (0)

/* zhe_utf8_decode with ASCII and valid three-byte characters (nearly all
 * of a Chinese text) decoded in place, for loops that step through every
 * character of an article. */
static inline size_t zhe_utf8_next(const char *s, size_t len, uint32_t *cp)
{
    unsigned char c = (unsigned char)s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if ((c & 0xF0) == 0xE0 && len >= 3 && ((unsigned char)s[1] & 0xC0) == 0x80 &&
        ((unsigned char)s[2] & 0xC0) == 0x80) {
        uint32_t v = (uint32_t)(c & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 |
                     (uint32_t)(s[2] & 0x3F);
        if (v >= 0x800 && (v < 0xD800 || v > 0xDFFF)) {
            *cp = v;
            return 3;
        }
    }
    return zhe_utf8_decode(s, len, cp);
}

/* Print that memory ran out and end the process (mem.c): for a library's
 * allocation that failed (pcre2's, SQLite's) where zhevents' own would
 * have ended it.  n 0: size is bytes, else n items of size. */
_Noreturn void zhe_out_of_memory(size_t n, size_t size);

/* 1 if c is ASCII whitespace. */
static inline int zhe_is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/*
** The lexicons' file format (tsv.c): tab-separated columns, '#' comments.
**
**     zhe_tsv t;
**     if (zhe_tsv_open(&t, dir, "units.tsv", err) != ZHE_OK) …;  // err names the file
**     while (zhe_tsv_next(&t)) … t.col[0 .. t.ncol) at t.path:t.line …;
**     zhe_tsv_close(&t);   // also after a failed open
**
** Columns point into the file's text, which lives until zhe_tsv_close.
*/
#define ZHE_TSV_MAX_COLS 8

typedef struct zhe_tsv {
    char *path;
    char *text, *p, *end;
    uint64_t line;
    char *col[ZHE_TSV_MAX_COLS];
    int ncol;
} zhe_tsv;

zhe_status zhe_tsv_open(zhe_tsv *t, const char *dir, const char *name, zhe_error *err);
int zhe_tsv_next(zhe_tsv *t);
void zhe_tsv_close(zhe_tsv *t);

/*
** The code point offset of byte offsets into a text, asked in (mostly)
** increasing order: each answer counts on from the last, so walking an
** article's sentences or mentions costs one pass over its text.  Zero it,
** set s and len, ask.
*/
typedef struct zhe_cp_cursor {
    const char *s;
    size_t len;
    size_t byte, cp;        /* where the count has got to */
} zhe_cp_cursor;

size_t zhe_cp_cursor_at(zhe_cp_cursor *c, size_t byte);

/* Days since 1970-01-01 of y-m-d (proleptic Gregorian), and back (days.c). */
long zhe_days_from_civil(int y, int m, int d);
void zhe_civil_from_days(long z, int *y, int *m, int *d);

#endif /* ZHE_BASE_INT_H */
