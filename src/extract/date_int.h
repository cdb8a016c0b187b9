/*
** date_int.h — what the dater's two files share (extract stage): the
** expression the scanner (date_scan.c) reads from a sentence, and the
** calls the resolver (date_resolve.c, zhe_dater_find) makes of the
** scanner.  Never installed.
**
**     zhei_date_expr e;
**     for (size_t i = 0; (i = zhei_date_next(s, len, i, &e)) < len; i = e.end)
**         … resolve e, read at s[i .. e.end) …
*/
#ifndef ZHE_DATE_INT_H
#define ZHE_DATE_INT_H

#include "../base/base_int.h"

#include <zhevents/extract.h>

/* Where an expression's year or month comes from. */
typedef enum zhei_date_src {
    ZHEI_DATE_SRC_NONE,     /* not said: the resolver infers it */
    ZHEI_DATE_SRC_ABS,      /* the text: 2023年, 10月 */
    ZHEI_DATE_SRC_PUB,      /* the publication date, moved by an offset: 去年, 上个月 */
    ZHEI_DATE_SRC_NAR       /* the narrative date, moved by an offset: 同年, 次月 */
} zhei_date_src;

/* What kind of expression was read, and so how it is resolved. */
typedef enum zhei_date_kind {
    ZHEI_DATE_CAL,          /* [year] [month [day] | quarter | half | season | week] [mod] */
    ZHEI_DATE_DAY_PUB,      /* 昨天: P + off days; with d, the day d nearest it
                               (今(15)日, 昨(14)日) */
    ZHEI_DATE_DAY_NAR,      /* 次日: the last day read + off days */
    ZHEI_DATE_DAY_SAME,     /* 当日: the last day read + 0 */
    ZHEI_DATE_WEEK_PUB,     /* 上周: P's week (or a day's said before) + off;
                               d a weekday or 0; n 1: a weekday alone (周三),
                               the nearest one before P, or after it in a
                               sentence about the future */
    ZHEI_DATE_QUARTER_PUB,  /* 上季度: P's quarter + off; with unit
                               ZHEI_TIMEX_HALF, P's half + off (上个半年) */
    ZHEI_DATE_OFFSET,       /* 三天后: the narrative date + off units */
    ZHEI_DATE_APPROX        /* 近日, 日前: P's day */
} zhei_date_kind;

/* One expression as read, before resolving. */
typedef struct zhei_date_expr {
    size_t end;             /* where it ends in the sentence (0: nothing read) */
    zhei_date_kind kind;
    zhei_date_src ysrc, msrc;   /* ZHEI_DATE_CAL: sources of the year and the month */
    int y, m;               /* the year and month; offsets for SRC_PUB, SRC_NAR */
    zhei_timex_unit unit;   /* ZHEI_DATE_CAL: what it names; ZHEI_DATE_OFFSET: the
                               step; ZHEI_DATE_APPROX: a day or a month */
    int n, d;               /* the half, quarter, season or week; the day */
    int off;                /* DAY_*, WEEK_PUB, QUARTER_PUB, OFFSET: how far */
    int nth, wday;          /* ZHEI_DATE_CAL of a month: its nth week (wday 0:
                               十月的第一周, the week of its first Monday) or
                               nth weekday wday 1–7 (第二个星期四) */
    zhe_date_mod mod;
    int same;               /* ZHEI_DATE_CAL: a year and 同期 (去年同期): the
                               narrative's month in that year, else the
                               year */
} zhei_date_expr;

/* The start of the first date expression of s[0..len) at or after byte
 * i (a character boundary), with the expression in *e; len and
 * e->end == 0 when there is none.  Call again from e->end for the next:
 * a sentence read this way is read once, in time linear in its length. */
size_t zhei_date_next(const char *s, size_t len, size_t i, zhei_date_expr *e);

/* Whether the words of s[from..to) put what follows in the future (将,
 * 预计, 明年, 下周 …: 1) or back in the past (已, 曾, 此前: -1), by the last
 * such word that starts there (it may end past to); 0 if none does. */
int zhei_date_tense_in(const char *s, size_t len, size_t from, size_t to);

#endif /* ZHE_DATE_INT_H */
