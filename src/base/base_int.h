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

#define ZHEI_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define ZHEI_MIN(a, b) ((a) < (b) ? (a) : (b))
#define ZHEI_MAX(a, b) ((a) > (b) ? (a) : (b))

/* Allocate one T (zeroed), or an array of n T (zeroed). */
#define ZHEI_NEW(T) ((T *)zhe_xcalloc(1, sizeof(T)))
#define ZHEI_NEW_ARRAY(T, n) ((T *)zhe_xcalloc((n), sizeof(T)))

/* Grow the array *pp of *pcap elements so it holds at least `need`. */
#define ZHEI_GROW(pp, pcap, need)                                                   \
    do {                                                                           \
        if ((need) > *(pcap)) {                                                    \
            size_t zhei_nc_ = *(pcap) ? *(pcap) * 2 : 8;                            \
            while (zhei_nc_ < (need)) zhei_nc_ *= 2;                                 \
            *(pp) = zhe_xrealloc(*(pp), zhei_nc_ * sizeof(**(pp)));                 \
            *(pcap) = zhei_nc_;                                                     \
        }                                                                          \
    } while (0)

/* zhe_utf8_decode with ASCII and valid three-byte characters (nearly all
 * of a Chinese text) decoded in place, for loops that step through every
 * character of an article. */
static inline size_t zhei_utf8_next(const char *s, size_t len, uint32_t *cp)
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
_Noreturn void zhei_out_of_memory(size_t n, size_t size);

/* 1 if c is ASCII whitespace. */
static inline int zhei_is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/*
** The code point offset of byte offsets into a text, asked in (mostly)
** increasing order: each answer counts on from the last, so walking an
** article's sentences or mentions costs one pass over its text.  Zero it,
** set s and len, ask.
*/
typedef struct zhei_cp_cursor {
    const char *s;
    size_t len;
    size_t byte, cp;        /* where the count has got to */
} zhei_cp_cursor;

size_t zhei_cp_cursor_at(zhei_cp_cursor *c, size_t byte);

/*
** The calendar (calendar.c): proleptic Gregorian, days as numbers, ISO
** 8601 weeks and text, TIMEX3 values.  A day number z counts days since
** 1970-01-01 (negative before it); months are 1–12, days of a month 1–31.
** Nothing here allocates.
*/

/* 1 if y is a leap year (2000, 2024; not 1900, 2023). */
int zhei_is_leap_year(int y);

/* The days of month m (1–12) of year y: 28 to 31. */
int zhei_days_in_month(int y, int m);

/* The day number of y-m-d, and back.  Any y-m-d with m 1–12 and d 1–31
 * gives a number (2023-02-30 is 2023-03-02's); zhei_civil_from_days always
 * gives a real date. */
long zhei_days_from_civil(int y, int m, int d);
void zhei_civil_from_days(long z, int *y, int *m, int *d);

/* The day of the week of day z: 0 Monday … 6 Sunday. */
int zhei_weekday(long z);

/* The ISO 8601 week of day z: its week-year in *wy (2021-01-03 is in
 * 2020-W53) and week 1–53 in *w. */
void zhei_iso_week(long z, int *wy, int *w);

/* The Monday of ISO week w of week-year wy (w counted on from week 1, so
 * w need not exist in wy). */
long zhei_iso_week_monday(int wy, int w);

/* The ISO weeks of week-year wy: 52 or 53. */
int zhei_iso_weeks_in_year(int wy);

/* Whether s[0..len) is exactly "YYYY-MM-DD" (ASCII digits, any year
 * 0000–9999) naming a real day: 1 and the fields in *y, *m, *d, or 0 and
 * they are left alone.  2023-02-29, 2023-1-17 and 2023-10-17T08:00 are
 * refused; pass len 10 to read a day at the start of a longer text. */
int zhei_iso_day_parse(const char *s, size_t len, int *y, int *m, int *d);

/* The same for a month, exactly "YYYY-MM" with MM 01–12. */
int zhei_iso_month_parse(const char *s, size_t len, int *y, int *m);

/* Write day z as "YYYY-MM-DD" and a NUL into out[11], the year modulo
 * 10000 (z must lie in 0000–9999 for the text to be that day). */
void zhei_iso_day_format(long z, char out[11]);

/* What a TIMEX3 value names.  The order matters: coarse before fine (the
 * dater compares with <). */
typedef enum zhei_timex_unit {
    ZHEI_TIMEX_YEAR,        /* 2023 */
    ZHEI_TIMEX_HALF,        /* 2023-H2 */
    ZHEI_TIMEX_QUARTER,     /* 2023-Q2 */
    ZHEI_TIMEX_SEASON,      /* 2023-SP, -SU, -FA, -WI */
    ZHEI_TIMEX_MONTH,       /* 2023-10 */
    ZHEI_TIMEX_WEEK,        /* 2023-W42 */
    ZHEI_TIMEX_WEEKEND,     /* 2023-W42-WE: the week's Saturday and Sunday */
    ZHEI_TIMEX_DAY          /* 2023-10-17 */
} zhei_timex_unit;

/* A TIMEX3 value as numbers.  n is the half (1–2), quarter (1–4), season
 * (1 SP, 2 SU, 3 FA, 4 WI: a winter runs into the next year's February),
 * month (1–12) or ISO week (1–53, y being then the week-year; also of a
 * weekend); d is the
 * day of a ZHEI_TIMEX_DAY.  Fields a unit does not use are 0. */
typedef struct zhei_timex {
    zhei_timex_unit unit;
    int y, n, d;
} zhei_timex;

/* 1 if t's n and d are in range for its unit and year (2023-W53 and
 * 2023-02-29 are not), whatever the year. */
int zhei_timex_valid(const zhei_timex *t);

/* Day z as a ZHEI_TIMEX_DAY. */
zhei_timex zhei_timex_day(long z);

/* The day numbers of the first and last day of t, which must be valid:
 * 2023-W42 is 2023-10-16 … 2023-10-22, 2023-WI 2023-12-01 … 2024-02-29. */
long zhei_timex_first(const zhei_timex *t);
long zhei_timex_last(const zhei_timex *t);

/* The first and last day of the part of t a modifier names: part 1 its
 * start, 2 its middle, 3 its end (zhe_date_mod's START, MID and END; any
 * other part is the whole of t).  A period of whole months keeps a
 * quarter of them at either end, at least one (年底 of a year is October
 * to December, of a quarter its last month), the middle being what is
 * left between; a month is cut in its 旬 (上旬 1–10, 中旬 11–20, 下旬 21
 * to its end); a shorter period keeps a quarter of its days, at least
 * one, rounded up. */
void zhei_timex_part(const zhei_timex *t, int part, long *first, long *last);

/* Whether s[0..len) is exactly one of the values above, valid (any year
 * 0000–9999; one digit after H and Q, two after W, then -WE for a
 * weekend): 1 and the value in
 * *t, or 0 and *t left alone. */
int zhei_timex_parse(const char *s, size_t len, zhei_timex *t);

/* Write t's value and a NUL into out[16]: 2023, 2023-H1, 2023-Q2,
 * 2023-SU, 2023-10, 2023-W42, 2023-W42-WE, 2023-10-17; the year modulo
 * 10000. */
void zhei_timex_format(const zhei_timex *t, char out[16]);

/* What a value is precise to, as the exports name it: "year", "half",
 * "quarter", "season", "month", "week", "day"; NULL for no unit. */
const char *zhei_timex_unit_str(zhei_timex_unit u);

/*
** Chinese numeral characters (numerals.c): the one table the dater, the
** number reader and the segmenter read them from.  Each user takes the
** characters it wants by kind and flags (the segmenter, say, reads
** neither 廿 nor ○).  A lookup is O(1): one multiplication picks a slot
** of zhei_numerals, and its code point says whether it is the character.
**
**     const zhei_numeral *n = zhei_numeral_of(cp);
**     if (n && n->kind == ZHEI_NUMERAL_DIGIT) … n->value …
*/
typedef enum zhei_numeral_kind {
    ZHEI_NUMERAL_DIGIT = 1,     /* 零〇○一二两三四五六七八九: value the digit */
    ZHEI_NUMERAL_UNIT = 2,      /* 十百千万亿: value the power of ten, 1 2 3 4 8 */
    ZHEI_NUMERAL_TENS = 4,      /* 廿 卅: value the tens digit, 2 3 */
    ZHEI_NUMERAL_JI = 8,        /* 几: a digit left open (几十, 十几) */
    ZHEI_NUMERAL_SHU = 16       /* 数: "several", before a unit (数千) */
} zhei_numeral_kind;

/* zhei_numeral.flags */
enum {
    ZHEI_NUMERAL_ZERO = 1,      /* 零〇○: 0, also a place holder (一百零五) */
    ZHEI_NUMERAL_LIANG = 2,     /* 两: 2 before a unit or alone (两千), never
                                   a digit of a year or of 十二 */
    ZHEI_NUMERAL_CIRCLE = 4     /* ○ U+25CB, a white circle typed for 〇
                                   (二○二三年): only the dater reads it */
};

typedef struct zhei_numeral {
    uint32_t cp;                /* the character; 0 in an empty slot */
    uint8_t kind, value, flags;
} zhei_numeral;

/* The slot of code point cp: multiplicative hashing by 2^32 / φ, which
 * gives no two of the numerals the same slot.  A character added to the
 * table into a taken slot draws -Woverride-init (an error under werror),
 * and tests/unit/test_base.c then misses the character it displaced. */
#define ZHEI_NUMERAL_SLOTS 128
#define ZHEI_NUMERAL_SLOT(cp) (((uint32_t)(cp) * 0x9E3779B1u) >> 25)

extern const zhei_numeral zhei_numerals[ZHEI_NUMERAL_SLOTS];

/* The numeral cp is, or NULL (cp 0 included).  Borrowed, static. */
static inline const zhei_numeral *zhei_numeral_of(uint32_t cp)
{
    const zhei_numeral *n = &zhei_numerals[ZHEI_NUMERAL_SLOT(cp)];
    return n->cp == cp && n->kind ? n : NULL;
}

/* The Chinese digit v (0–9) as UTF-8: "〇", "一" … "九"; NULL otherwise. */
const char *zhei_numeral_digit_str(int v);

/* The first place of needle[0..m) in hay[0..n), or NULL: memmem for the
 * short words of the lexicons (港元, 人民币, 约合) in a sentence.  glibc's
 * memmem readies a table for each needle of three bytes or more, which
 * costs more than the search of a sentence; this looks for the needle's
 * second byte with memchr (the first of a Chinese character's three is
 * one of a few, the second one of 64) and compares there.  hay may be
 * NULL when n is 0; an empty needle is found at hay. */
const char *zhei_memmem(const char *hay, size_t n, const char *needle, size_t m);

#endif /* ZHE_BASE_INT_H */
