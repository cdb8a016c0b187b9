/*
** date_resolve.c — the dater (see zhevents/extract.h): the dates of an
** article's sentences, found by the scanner (date_scan.c) and resolved
** here against the publication date and the narrative into TIMEX3
** values.  Extract stage: the extractor hands each sentence of a
** normalized article to zhe_dater_find, in order; the dater keeps what
** the article has said so far.
**
** A date's year comes from one of three places, which is its basis: the
** text (2023年: ABSOLUTE), the publication date P (今年, 上周, or a partial
** date read before the text gave any date: PUBLISHED), or the narrative
** date, the last date read in this article (NARRATIVE).  The narrative
** date starts as P.
**   - A partial date (10月, 10月17日, 24日) takes the narrative's year, and
**     a bare day its month as well.  A quarter, half, season or 年初/年底
**     without a year takes the publication year, unless the paragraph
**     wrote a year out (2023年…, 明年上半年…): a 去年 said in passing two
**     sentences back does not make 第一季度 last year's.
**   - News is about the past: a partial date that would fall after P, in
**     P's year, is last year's (published 2023-11-09: 12月 is 2022-12), and
**     a bare day is the latest such day on or before P — unless the text
**     set a future narrative, or the sentence says the future before the
**     date (将, 预计, 计划, 有望, 明年, 下周 …), or in the few characters
**     after it, before the clause ends (第4季将是高点; 3月受访时曾表示
**     puts it back in the past).
**   - The second end of a range (10月1日至5日, 8月至2月, 从上周四到十月一日)
**     takes its year, and a bare day its month, from the first end, and
**     lies on or after it.  2月29日 with no year is the nearest leap
**     year's, before or (in the future) after.
**   - 上周, 本周, 下周 after a calendar day in the same sentence count from
**     that day's week (reported speech: 10月23日通知该公司，上周…).
**   - 今天, 昨天, 今(15)日 and the weeks count from P, or from the day of
**     a wire dateline opening the article (华盛顿17日专电, 北京10月17日电)
**     when it lies in the week before P.
**   - 当日 needs a day read in the same paragraph; 次日, 前一天, 同年,
**     同月 need a date read in the text; offsets (三天后, 一个月前) count
**     from the narrative date, P included — but N年前 ("N years ago")
**     counts from P.
**   - Every date reported becomes the narrative date (reduced to a year,
**     month or day), except the vague 近日/日前, and except that a
**     coarser date that contains the current one (今年 after 10月17日)
**     leaves the finer one in place.
** Every date reported lies in 0001-01-01 … 2999-12-31 (years before 1000
** only as written: 在789年, 三六七年一月一日).  start and end are
** the first and last day of the period named, narrowed by its mod to the
** part it names (zhei_timex_part): 年底 of 2023 spans 2023-10-01 …
** 2023-12-31, 年初 2023-01-01 … 2023-03-31, 下旬 of October 2023 2023-10-21 …
** 2023-10-31.  The calendar (first
** and last days, weeks, the TIMEX3 and ISO writers) is base/calendar.c's.
*/
#include "date_int.h"

#include <stdlib.h>
#include <string.h>

/* zhei_timex_part's parts are the mods' values */
_Static_assert(ZHE_MOD_START == 1 && ZHE_MOD_MID == 2 && ZHE_MOD_END == 3, "mods as parts");

/* ---------------------------------------------------------------- dater */

/* 1 if t is a real date whose every day lies in the years 1–2999, the
 * dater's range. */
static int S_ok(const zhei_timex *t)
{
    if (t->y < 1 || t->y > 2999 || !zhei_timex_valid(t)) return 0;
    int y, m, d;
    zhei_civil_from_days(zhei_timex_first(t), &y, &m, &d);
    if (y < 1) return 0;
    zhei_civil_from_days(zhei_timex_last(t), &y, &m, &d);
    return y <= 2999;
}

struct zhe_dater {
    int has_pub;
    zhei_timex pub;     /* the publication date, a day */
    long pub_day;
    long today;         /* what 今天 and 昨天 count from: P, or the day of a
                           dateline (华盛顿17日专电 in a paper dated the 18th) */
    int sentences;      /* sentences read so far */
    int has_nar;        /* there is a narrative date: P, or one read */
    int nar_text;       /* ... and it was read in the text */
    zhei_timex nar;     /* a year, a month or a day */
    int para_day;       /* a day was read in the current paragraph */
    int has_last_day, has_last_past_day;
    long last_day;      /* the last day read in the text … */
    long last_past_day; /* … and the last one not after P: what 当日 and
                           次日 refer to, unless the sentence is about the
                           future (将于12月1日上市，次日发货) */
    int para_year;      /* a year was written out in the current paragraph */
    int has_period;     /* a date finer than a year was read … */
    zhei_timex period;  /* … this one, the last, whatever its unit: what
                           去年同期 takes the period of */
};

/* "YYYY-MM-DD", optionally followed by "T…" or " …". */
static int S_parse_published(const char *p, zhei_timex *out)
{
    if (!p || strlen(p) < 10 || (p[10] && p[10] != 'T' && p[10] != ' ')) return 0;
    out->unit = ZHEI_TIMEX_DAY;
    return zhei_iso_day_parse(p, 10, &out->y, &out->n, &out->d) && S_ok(out);
}

zhe_status zhe_dater_new(const char *published, zhe_dater **out, zhe_error *err)
{
    (void)err;
    zhe_dater *d = *out = ZHEI_NEW(zhe_dater);
    if (S_parse_published(published, &d->pub)) {
        d->has_pub = 1;
        d->pub_day = d->today = zhei_timex_first(&d->pub);
        d->has_nar = 1;
        d->nar = d->pub;
    }
    return ZHE_OK;
}

void zhe_dater_free(zhe_dater *d) { zhe_free(d); }

void zhe_dater_paragraph(zhe_dater *d)
{
    if (d) d->para_day = d->para_year = 0;
}

/* What the sentence has said before the expression being resolved. */
typedef struct {
    int future;         /* a future word (将, 预计 …) */
    int past;           /* … or a past one (已, 曾, 此前) since */
    int has_day;        /* a calendar day (10月23日) … */
    long day;           /* ... this one, the last */
    int later;          /* the rest of the sentence, past the clause,
                           refers back to the date as the future: 3月3号先
                           有货，届时价钱可能回落 (a bare 将 in the next
                           clause is not enough: 12月，将推出新品) */
    int has_from;       /* the expression closes a range (10月1日至5日) … */
    zhei_timex from;    /* … that opens with this date */
} S_said;

/* The month y-m moved by `by` months. */
static void S_month_add(int *y, int *m, int by)
{
    long mm = (long)*y * 12 + (*m - 1) + by;
    *y = (int)(mm / 12);
    *m = (int)(mm % 12) + 1;
}

static int S_resolve_cal_base(const zhe_dater *d, const zhei_date_expr *e, const S_said *said,
                              zhei_timex *r, zhe_date_basis *basis);

/* Whether r still lies on the wrong side of limit for a date moved in
 * direction dir: after it when moved back, wholly before it when moved
 * forward. */
static int S_beyond(const zhei_timex *r, int dir, long limit)
{
    return dir < 0 ? zhei_timex_first(r) > limit : zhei_timex_last(r) < limit;
}

/* Resolve a ZHEI_DATE_CAL expression into *r and its basis into *basis;
 * 0 if it has no anchor or no sense. */
static int S_resolve_cal(const zhe_dater *d, const zhei_date_expr *e, const S_said *said,
                         zhei_timex *r, zhe_date_basis *basis)
{
    if (!S_resolve_cal_base(d, e, said, r, basis)) return 0;
    if (!e->nth) return 1;
    /* The nth week or weekday of the month r: 十月的第一周 is the week of
     * its first Monday, 十一月第二个星期四 its second Thursday. */
    long first = zhei_days_from_civil(r->y, r->n, 1);
    int wd = e->wday ? e->wday - 1 : 0;
    long z = first + (wd - zhei_weekday(first) + 7) % 7 + 7L * (e->nth - 1);
    int y, m, dd;
    zhei_civil_from_days(z, &y, &m, &dd);
    if (m != r->n) return 0;    /* no fifth Monday */
    if (e->wday) {
        *r = zhei_timex_day(z);
    } else {
        r->unit = ZHEI_TIMEX_WEEK, r->d = 0;
        zhei_iso_week(z, &r->y, &r->n);
    }
    return S_ok(r);
}

/* S_resolve_cal without the nth week or weekday of a month: the month. */
static int S_resolve_cal_base(const zhe_dater *d, const zhei_date_expr *e, const S_said *said,
                              zhei_timex *r, zhe_date_basis *basis)
{
    int infer = 0, from_pub = 0;
    zhei_timex_unit unit = e->nth ? ZHEI_TIMEX_MONTH : e->unit;
    if (e->same && d->has_period) {
        /* 上半年…去年同期: last year's first half; 2024年3月…去年同期:
         * 2023-03; a day's 同期 is its month */
        *r = d->period;
        if (r->unit == ZHEI_TIMEX_DAY) r->unit = ZHEI_TIMEX_MONTH, r->d = 0;
        r->y = e->ysrc == ZHEI_DATE_SRC_ABS ? e->y : d->period.y + e->y;
        *basis = ZHE_BASIS_NARRATIVE;
        return S_ok(r);
    }
    r->unit = unit;
    r->n = e->n;
    r->d = e->d;
    if (e->ysrc == ZHEI_DATE_SRC_ABS) {
        r->y = e->y;
        *basis = ZHE_BASIS_ABSOLUTE;
    } else if (e->ysrc == ZHEI_DATE_SRC_PUB) {
        if (!d->has_pub) return 0;
        r->y = d->pub.y + e->y;
        *basis = ZHE_BASIS_PUBLISHED;
    } else if (e->ysrc == ZHEI_DATE_SRC_NAR) {
        if (!d->nar_text) return 0;
        r->y = d->nar.y + e->y;
        *basis = ZHE_BASIS_NARRATIVE;
    } else if (e->msrc == ZHEI_DATE_SRC_PUB || e->msrc == ZHEI_DATE_SRC_NAR) {
        const zhei_timex *a = NULL;
        if (e->msrc == ZHEI_DATE_SRC_PUB && d->has_pub) a = &d->pub;
        if (e->msrc == ZHEI_DATE_SRC_NAR && d->nar_text && d->nar.unit >= ZHEI_TIMEX_MONTH)
            a = &d->nar;
        if (!a) return 0;
        r->y = a->y;
        r->n = a->n;
        S_month_add(&r->y, &r->n, e->m);
        *basis = e->msrc == ZHEI_DATE_SRC_PUB ? ZHE_BASIS_PUBLISHED : ZHE_BASIS_NARRATIVE;
        return S_ok(r);
    } else if (unit != ZHEI_TIMEX_MONTH && unit != ZHEI_TIMEX_DAY && d->has_pub &&
               !d->para_year) {
        /* A quarter, half, season or 年初 without a year is the
         * publication year's (then the past rule below), unless this
         * paragraph wrote a year out: 去年 two sentences back does not
         * make 第一季度 last year's. */
        r->y = d->pub.y;
        *basis = ZHE_BASIS_PUBLISHED;
        infer = 1;
        from_pub = 1;
    } else {
        if (!d->has_nar) return 0;
        r->y = d->nar.y;
        *basis = d->nar_text ? ZHE_BASIS_NARRATIVE : ZHE_BASIS_PUBLISHED;
        infer = 1;
    }
    int bare = 0;   /* a month, or a day, taken from the narrative */
    if (unit == ZHEI_TIMEX_MONTH || unit == ZHEI_TIMEX_DAY) {
        if (e->msrc == ZHEI_DATE_SRC_ABS) {
            r->n = e->m;
        } else if (e->msrc == ZHEI_DATE_SRC_PUB && !infer) {
            if (!d->has_pub) return 0;
            r->n = d->pub.n;    /* 去年本月: P's month of that year */
        } else {
            if (!infer || d->nar.unit < ZHEI_TIMEX_MONTH) return 0;
            r->n = d->nar.n;
            bare = 1;
        }
    }
    /* The second end of a range takes what the first gave (从一月十日到
     * 十二日, 8月至2月): its year, and a bare day the month too; it lies
     * on or after the first, a month or a year on if need be. */
    if (infer && said->has_from) {
        const zhei_timex *f = &said->from;
        if (bare) {
            if (f->unit != ZHEI_TIMEX_DAY && f->unit != ZHEI_TIMEX_MONTH) return 0;
            r->n = f->n;
        }
        r->y = f->y;
        for (int k = 0; k < 2 && (!S_ok(r) || zhei_timex_first(r) < zhei_timex_first(f)); k++) {
            if (bare) S_month_add(&r->y, &r->n, 1);
            else r->y++;
        }
        return S_ok(r) && zhei_timex_first(r) >= zhei_timex_first(f);
    }
    /* 2月29日 with no year: the leap year nearest the narrative's, before
     * it (or after it, in a sentence about the future) */
    int leap_day = infer && !bare && unit == ZHEI_TIMEX_DAY && r->n == 2 && r->d == 29;
    if (leap_day)
        for (int k = 0; k < 7 && !S_ok(r); k++) r->y += said->future ? 1 : -1;
    /* News is about the past: what the text left without a year (or a
     * month) and would lie after the publication date is the latest such
     * date before it — unless the narrative or the sentence is in the
     * future.  A sentence about the future reads forward the same way:
     * published 2024-09-25, 预计3月交货 is 2025-03, 将于10月20日开卖 is
     * 2024-10-20 — unless the text set a narrative of another year, or
     * the date lies within the month before P. */
    if (infer && d->has_pub && said->past && !from_pub && d->nar.y > d->pub.y)
        r->y = d->pub.y;    /* 将于明年3月上市，此前已于1月送样: this January */
    if (infer && !bare && d->has_pub && said->later && !said->future &&
        zhei_timex_first(r) <= d->pub_day) {
        /* 届时 ahead: published in December, 1月3号先有货，届时… is next
         * January's */
        zhei_timex n = *r;
        n.y++;
        if (S_ok(&n) && zhei_timex_first(&n) > d->pub_day && zhei_timex_first(&n) <= d->pub_day + 92)
            *r = n;
    }
    int dir = 0;        /* -1: moved back before P; 1: moved forward */
    if (infer && d->has_pub && !said->future &&
        (from_pub || said->past || zhei_timex_first(&d->nar) <= d->pub_day) &&
        /* a date in the next three months, in a sentence that goes on
         * about the future, is that date */
        !(said->later && zhei_timex_first(r) > d->pub_day &&
          zhei_timex_first(r) <= d->pub_day + 92))
        dir = -1;
    else if (infer && d->has_pub && said->future &&
             (from_pub || !d->nar_text || d->nar.y == d->pub.y ||
              zhei_timex_last(&d->nar) >= d->pub_day - 31))
        /* (A narrative of last month is still the present: published in
         * January, 上月起赶工，最快3月交货 is this March.) */
        dir = 1;
    if (dir) {
        /* Back: not after P.  Forward: not before the month before P — in
         * 新规将立即生效，生效日期为10月23日 (published 10-25) the future
         * word is not about the date. */
        long limit = dir < 0 ? d->pub_day : d->pub_day - 31;
        if (bare && unit == ZHEI_TIMEX_DAY) {
            if (!S_ok(r) && d->nar_text) return 0;
            for (int k = 0; k < 12 && (!S_ok(r) || S_beyond(r, dir, limit)); k++)
                S_month_add(&r->y, &r->n, dir);
        } else if (S_ok(r) && S_beyond(r, dir, limit)) {
            r->y += dir;
            for (int k = 0; leap_day && k < 7 && !S_ok(r); k++) r->y += dir;   /* a leap year */
        }
    }
    return S_ok(r);
}

/* Resolve e into *r and its basis into *basis; 0 if it has no anchor or
 * no sense. */
static int S_resolve(const zhe_dater *d, const zhei_date_expr *e, const S_said *said,
                     zhei_timex *r, zhe_date_basis *basis)
{
    *basis = ZHE_BASIS_PUBLISHED;
    switch (e->kind) {
    case ZHEI_DATE_CAL: return S_resolve_cal(d, e, said, r, basis);
    case ZHEI_DATE_DAY_PUB:
        if (!d->has_pub) return 0;
        *r = zhei_timex_day(d->today + e->off);
        if (e->d) {
            /* 今(15)日: the day 15 nearest P (+ off), in its month or one
             * beside it */
            long base = d->today + e->off, best = -1;
            for (int k = -1; k <= 1; k++) {
                int y = r->y, m = r->n;
                S_month_add(&y, &m, k);
                if (e->d > zhei_days_in_month(y, m)) continue;
                long z = zhei_days_from_civil(y, m, e->d);
                if (best < 0 || labs(z - base) < labs(best - base)) best = z;
            }
            if (best < 0) return 0;
            *r = zhei_timex_day(best);
        }
        break;
    case ZHEI_DATE_DAY_SAME:
    case ZHEI_DATE_DAY_NAR: {
        /* The day the story told last, even across a paragraph break
         * (10月17日…。¶当日晚间…) and past a coarser date said in between
         * (与去年10月的规则相比…。次日…); a day still to come (新规将于11月
         * 17日生效) only when this sentence is about the future too. */
        if (!(said->future ? d->has_last_day : d->has_last_past_day)) return 0;
        *r = zhei_timex_day((said->future ? d->last_day : d->last_past_day) + e->off);
        *basis = ZHE_BASIS_NARRATIVE;
        break;
    }
    case ZHEI_DATE_WEEK_PUB: {
        /* Reported speech: in 美国商务部10月23日通知该公司，上周…, the week
         * is the one before 10月23日's, not before the publication's. */
        long from = said->has_day ? said->day : d->today;
        if (!said->has_day && !d->has_pub) return 0;
        /* A weekday alone in a story told days before P (英伟达周二提交的
         *文件 after 10月17日, published 11-09) names a week no one said. */
        if (e->n && !said->has_day && d->has_last_day && d->last_day < d->pub_day - 7) return 0;
        if (said->has_day) *basis = ZHE_BASIS_NARRATIVE;
        long monday = from - zhei_weekday(from) + 7L * e->off;
        if (e->d) {
            long z = monday + e->d - 1;
            if (e->n && !said->future && z > from) z -= 7;     /* 周三: the last one */
            if (e->n && said->future && z < from) z += 7;      /* 将于周五: the next */
            *r = zhei_timex_day(z);
        } else {
            r->unit = e->unit == ZHEI_TIMEX_WEEKEND ? ZHEI_TIMEX_WEEKEND : ZHEI_TIMEX_WEEK;
            r->d = 0;
            zhei_iso_week(monday, &r->y, &r->n);
        }
        break;
    }
    case ZHEI_DATE_QUARTER_PUB: {
        if (!d->has_pub) return 0;
        if (e->unit == ZHEI_TIMEX_HALF) {   /* 上个半年 */
            long h = (long)d->pub.y * 2 + (d->pub.n - 1) / 6 + e->off;
            r->unit = ZHEI_TIMEX_HALF, r->y = (int)(h / 2), r->n = (int)(h % 2) + 1, r->d = 0;
            break;
        }
        long q = (long)d->pub.y * 4 + (d->pub.n - 1) / 3 + e->off;
        r->unit = ZHEI_TIMEX_QUARTER, r->y = (int)(q / 4), r->n = (int)(q % 4) + 1, r->d = 0;
        break;
    }
    case ZHEI_DATE_OFFSET:
        if (e->unit == ZHEI_TIMEX_YEAR && e->off < 0 && d->has_pub) {
            /* 两年前 is "two years ago": counted from now, not from a
             * date the story went to (预计2026年底量产 … 较两年前). */
            r->unit = ZHEI_TIMEX_YEAR, r->y = d->pub.y + e->off, r->n = r->d = 0;
            break;
        }
        if (!d->has_nar) return 0;
        *basis = d->nar_text ? ZHE_BASIS_NARRATIVE : ZHE_BASIS_PUBLISHED;
        if (e->unit == ZHEI_TIMEX_DAY) {
            if (d->nar.unit != ZHEI_TIMEX_DAY) return 0;
            *r = zhei_timex_day(zhei_timex_first(&d->nar) + e->off);
        } else if (e->unit == ZHEI_TIMEX_MONTH) {
            if (d->nar.unit < ZHEI_TIMEX_MONTH) return 0;
            r->unit = ZHEI_TIMEX_MONTH, r->y = d->nar.y, r->n = d->nar.n, r->d = 0;
            S_month_add(&r->y, &r->n, e->off);
        } else {
            r->unit = ZHEI_TIMEX_YEAR, r->y = d->nar.y + e->off, r->n = r->d = 0;
        }
        break;
    case ZHEI_DATE_APPROX:
        if (!d->has_pub) return 0;
        *r = d->pub;
        if (e->unit == ZHEI_TIMEX_MONTH) r->unit = ZHEI_TIMEX_MONTH, r->d = 0;
        break;
    }
    return S_ok(r);
}

/* r becomes the narrative date, at most as fine as a day, month or year;
 * a coarser date that holds the current one leaves it in place. */
static void S_narrate(zhe_dater *d, const zhei_timex *r)
{
    zhei_timex nv = *r;
    if (nv.unit != ZHEI_TIMEX_DAY && nv.unit != ZHEI_TIMEX_MONTH)
        nv.unit = ZHEI_TIMEX_YEAR, nv.n = nv.d = 0;
    if (!(d->nar_text && nv.unit < d->nar.unit &&
          zhei_timex_first(&nv) <= zhei_timex_first(&d->nar) &&
          zhei_timex_last(&d->nar) <= zhei_timex_last(&nv)))
        d->nar = nv;
    d->has_nar = d->nar_text = 1;
    if (r->unit == ZHEI_TIMEX_DAY) {
        d->para_day = 1;
        d->last_day = zhei_timex_first(r);
        d->has_last_day = 1;
        if (!d->has_pub || d->last_day <= d->pub_day) {
            d->last_past_day = d->last_day;
            d->has_last_past_day = 1;
        }
    }
}

/* The id of the rule an expression was read by, for the mention. */
static const char *S_rule(const zhei_date_expr *e)
{
    switch (e->kind) {
    case ZHEI_DATE_CAL:
        if (e->same) return "date.same_period";                             /* 去年同期 */
        if (e->ysrc == ZHEI_DATE_SRC_ABS) return "date.absolute";          /* 2023年10月17日 */
        if (e->ysrc == ZHEI_DATE_SRC_PUB) return "date.relative_year";     /* 去年10月 */
        if (e->ysrc == ZHEI_DATE_SRC_NAR) return "date.narrative_year";    /* 同年3月 */
        if (e->msrc == ZHEI_DATE_SRC_PUB) return "date.relative_month";    /* 上个月 */
        if (e->msrc == ZHEI_DATE_SRC_NAR) return "date.narrative_month";   /* 同月 */
        return "date.partial";                                              /* 10月17日, 24日 */
    case ZHEI_DATE_DAY_PUB: return "date.relative_day";                     /* 昨天 */
    case ZHEI_DATE_DAY_NAR: return "date.narrative_day";                    /* 次日 */
    case ZHEI_DATE_DAY_SAME: return "date.same_day";                        /* 当日 */
    case ZHEI_DATE_WEEK_PUB: return "date.relative_week";                   /* 上周 */
    case ZHEI_DATE_QUARTER_PUB: return "date.relative_quarter";             /* 上季度 */
    case ZHEI_DATE_OFFSET: return "date.offset";                            /* 三天后 */
    case ZHEI_DATE_APPROX: return "date.approx";                            /* 近日 */
    }
    return "date";
}

/* The tense of the clause a date opens: the first word of tense within
 * a few characters after it, before the clause ends (第4季将是高点, 3月受访
 * 时曾表示: the date is what the clause says will or did happen); 0 if
 * none.  A fixed reach, so a sentence is still read in linear time. */
static int S_tense_after(const char *s, size_t len, size_t i)
{
    for (int n = 0; n < 8 && i < len; n++) {
        uint32_t c;
        size_t k = zhei_utf8_next(s + i, len - i, &c);
        if (c == 0xFF0C || c == 0x3002 || c == 0xFF1B || c == ',' || c == ';' || c == 0x3001)
            return 0;
        int t = zhei_date_tense_in(s, len, i, i + 1);
        if (t) return t;
        i += k;
    }
    return 0;
}

/* 1 if s[from..to) is a range connector, with a space on either side or
 * none: 到 至 - ~ – — ～ (10月1日至5日, 2016-2018). */
static int S_range_between(const char *s, size_t from, size_t to)
{
    static const char *const words[] = { "到", "至", "-", "~", "–", "—", "～" };
    from += from < to && s[from] == ' ';
    to -= to > from && s[to - 1] == ' ';
    for (size_t k = 0; k < ZHEI_ARRAY_LEN(words); k++) {
        size_t n = strlen(words[k]);
        if (to - from == n && memcmp(s + from, words[k], n) == 0) return 1;
    }
    return 0;
}

/* The first word of tense in s[i..len), across clauses: its tense, and
 * its place in *at (len if none).  Asked with i rising through a
 * sentence, it reads each character once: *at, from the last call, is
 * still the answer while i has not passed it. */
static int S_tense_later(const char *s, size_t len, size_t i, size_t *at, int *tense)
{
    if (*at != (size_t)-1 && *at >= i) return *tense;
    for (*tense = 0; i < len; i++) {
        if (((unsigned char)s[i] & 0xC0) == 0x80) continue;
        if ((*tense = zhei_date_tense_in(s, len, i, i + 1))) break;
    }
    *at = i;
    return *tense;
}

/* 1 if e, resolved to r, is the day of a dateline: 华盛顿17日专电,
 * 北京10月17日电, the wire's day, within the week before P.  Its 今天 is
 * that day, not P (a Taipei paper dated the 18th prints a Washington
 * story of the 17th). */
static int S_dateline_day(const zhe_dater *d, const char *s, size_t len,
                          const zhei_date_expr *e, const zhei_timex *r)
{
    if (e->kind != ZHEI_DATE_CAL || r->unit != ZHEI_TIMEX_DAY || !d->has_pub) return 0;
    size_t k = e->end;
    if (k + 3 <= len && memcmp(s + k, "专", 3) == 0) k += 3;
    if (!(k + 3 <= len && memcmp(s + k, "电", 3) == 0)) return 0;
    long day = zhei_timex_first(r);
    return day <= d->pub_day && day >= d->pub_day - 7;
}

size_t zhe_dater_find(zhe_dater *d, const char *s, size_t len, zhe_date_mention *out, size_t max)
{
    size_t found = 0, i = 0, sig = 0;
    S_said said;
    size_t prev_end = 0, later_at = (size_t)-1;
    int has_prev = 0, later_tense = 0;
    zhei_timex prev;
    if (!d || !s) return 0;
    memset(&said, 0, sizeof said);
    zhei_date_expr e;
    for (; (i = zhei_date_next(s, len, i, &e)) < len; i = e.end) {
        said.has_from = has_prev && S_range_between(s, prev_end, i);
        said.from = prev;
        /* what the sentence says up to the expression: its last word of
         * tense (将, 已 …) holds until another; a date followed by 起 (自
         * 10月1日起) is where something starts, a future date */
        int tense = zhei_date_tense_in(s, len, sig, i);
        if (tense) said.future = tense > 0, said.past = tense < 0;
        sig = i;
        int future = said.future, past = said.past;
        said.later = 0;
        if (e.end + 3 <= len && memcmp(s + e.end, "起", 3) == 0) said.future = 1;
        else if ((tense = S_tense_after(s, len, e.end)))
            said.future = tense > 0, said.past = tense < 0;
        else if (!said.past)
            said.later = S_tense_later(s, len, e.end, &later_at, &later_tense) > 0 &&
                         later_at + 6 <= len && memcmp(s + later_at, "届时", 6) == 0;
        zhei_timex r;
        zhe_date_basis basis;
        if (S_resolve(d, &e, &said, &r, &basis)) {
            if (found < max) {
                zhe_date_mention *m = &out[found];
                m->start = i;
                m->end = e.end;
                m->basis = basis;
                m->rule = S_rule(&e);
                zhei_timex_format(&r, m->tx.value);
                m->tx.mod = e.mod;
                long first, last;
                zhei_timex_part(&r, (int)e.mod, &first, &last);
                zhei_iso_day_format(first, m->tx.start);
                zhei_iso_day_format(last, m->tx.end);
            }
            found++;
            has_prev = 1, prev = r, prev_end = e.end;
            if (e.same) {       /* a baseline (较去年同期): the story stays */
                said.future = future, said.past = past;
                continue;
            }
            if (e.kind != ZHEI_DATE_APPROX) S_narrate(d, &r);
            if (e.kind != ZHEI_DATE_APPROX && r.unit != ZHEI_TIMEX_YEAR)
                d->period = r, d->has_period = 1;
            /* a year written out (2023年, 2023年10月) or a period of a
             * relative year (明年上半年, 去年10月) anchors the paragraph;
             * a bare 去年 or 今年, said in passing, does not */
            if (e.kind == ZHEI_DATE_CAL &&
                (e.ysrc == ZHEI_DATE_SRC_ABS ||
                 (e.ysrc == ZHEI_DATE_SRC_PUB && r.unit != ZHEI_TIMEX_YEAR)))
                d->para_year = 1;
            if (e.kind == ZHEI_DATE_CAL && r.unit == ZHEI_TIMEX_DAY)
                said.has_day = 1, said.day = zhei_timex_first(&r);
            if (d->sentences == 0 && S_dateline_day(d, s, len, &e, &r))
                d->today = zhei_timex_first(&r);
        }
        said.future = future, said.past = past;
    }
    d->sentences++;
    return found;
}

const char *zhe_date_mod_str(zhe_date_mod m)
{
    static const char *const names[] = { NULL, "START", "MID", "END", "APPROX" };
    return (unsigned)m < sizeof names / sizeof *names ? names[m] : NULL;
}
