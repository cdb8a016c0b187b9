/*
** test_base.c — unit tests of base/'s internal tables and calendar
** (src/base/base_int.h), which the public API only shows through the
** stages that use them: leap years, the days of a month, day numbers and
** back, ISO weeks, ISO days and months read strictly, and every kind of
** TIMEX3 value read, written, and turned into its first and last day;
** and the Chinese numeral characters.  Every expected value is written
** by hand.
*/
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../../src/base/base_int.h"
#include "tap.h"

/* ------------------------------------------------------------ days */

static void test_leap_years(void)
{
    static const struct {
        int y, leap;
    } t[] = {
        { 2023, 0 }, { 2024, 1 }, { 1900, 0 }, { 2000, 1 }, { 2100, 0 },
        { 1600, 1 }, { 1996, 1 }, { 2001, 0 }, { 0, 1 },    { 4, 1 },
    };
    for (size_t i = 0; i < ZHEI_ARRAY_LEN(t); i++)
        ok(zhei_is_leap_year(t[i].y) == t[i].leap, "leap year %d: %d", t[i].y, t[i].leap);
}

static void test_days_in_month(void)
{
    static const struct {
        int y, m, days;
    } t[] = {
        { 2023, 1, 31 },  { 2023, 2, 28 },  { 2023, 3, 31 }, { 2023, 4, 30 },
        { 2023, 5, 31 },  { 2023, 6, 30 },  { 2023, 7, 31 }, { 2023, 8, 31 },
        { 2023, 9, 30 },  { 2023, 10, 31 }, { 2023, 11, 30 }, { 2023, 12, 31 },
        { 2024, 2, 29 },  { 1900, 2, 28 },  { 2000, 2, 29 }, { 2100, 2, 28 },
    };
    for (size_t i = 0; i < ZHEI_ARRAY_LEN(t); i++)
        ok(zhei_days_in_month(t[i].y, t[i].m) == t[i].days, "days in %04d-%02d: %d", t[i].y,
           t[i].m, t[i].days);
}

/* Day numbers both ways, and the weekday (0 Monday) and ISO week. */
static void test_day_numbers(void)
{
    static const struct {
        int y, m, d;
        long z;
        int wday, wy, w;
    } t[] = {
        { 1970, 1, 1, 0, 3, 1970, 1 },          /* a Thursday */
        { 1969, 12, 31, -1, 2, 1970, 1 },       /* week 1 starts in December */
        { 2000, 1, 1, 10957, 5, 1999, 52 },     /* a Saturday in 1999's last week */
        { 2000, 3, 1, 11017, 2, 2000, 9 },      /* after 29 February */
        { 2023, 10, 17, 19647, 1, 2023, 42 },
        { 2023, 11, 9, 19670, 3, 2023, 45 },
        { 2021, 1, 3, 18630, 6, 2020, 53 },     /* a Sunday in 2020's week 53 */
        { 2024, 12, 30, 20087, 0, 2025, 1 },    /* a Monday in 2025's week 1 */
        { 0, 1, 1, -719528, 5, -1, 52 },        /* year 0: 1 BC, a leap year */
    };
    for (size_t i = 0; i < ZHEI_ARRAY_LEN(t); i++) {
        int y, m, d, wy, w;
        long z = zhei_days_from_civil(t[i].y, t[i].m, t[i].d);
        ok(z == t[i].z, "%04d-%02d-%02d is day %ld (got %ld)", t[i].y, t[i].m, t[i].d, t[i].z, z);
        zhei_civil_from_days(t[i].z, &y, &m, &d);
        ok(y == t[i].y && m == t[i].m && d == t[i].d, "day %ld is %04d-%02d-%02d", t[i].z,
           t[i].y, t[i].m, t[i].d);
        ok(zhei_weekday(t[i].z) == t[i].wday, "day %ld is weekday %d", t[i].z, t[i].wday);
        zhei_iso_week(t[i].z, &wy, &w);
        ok(wy == t[i].wy && w == t[i].w, "day %ld is in %d-W%02d (got %d-W%02d)", t[i].z,
           t[i].wy, t[i].w, wy, w);
    }
}

static void test_weeks(void)
{
    static const struct {
        int wy, weeks;
        long monday1;   /* the Monday of week 1 */
    } t[] = {
        { 2015, 53, 16433 },    /* 2014-12-29 */
        { 2020, 53, 18260 },    /* 2019-12-30 */
        { 2021, 52, 18631 },    /* 2021-01-04 */
        { 2023, 52, 19359 },    /* 2023-01-02 */
        { 2026, 53, 20451 },    /* 2025-12-29 */
    };
    for (size_t i = 0; i < ZHEI_ARRAY_LEN(t); i++) {
        ok(zhei_iso_weeks_in_year(t[i].wy) == t[i].weeks, "%d has %d ISO weeks", t[i].wy,
           t[i].weeks);
        ok(zhei_iso_week_monday(t[i].wy, 1) == t[i].monday1, "%d-W01 starts on day %ld",
           t[i].wy, t[i].monday1);
        ok(zhei_iso_week_monday(t[i].wy, 2) == t[i].monday1 + 7, "%d-W02 a week later",
           t[i].wy);
    }
}

/* ------------------------------------------------------ ISO 8601 text */

static void test_iso_day(void)
{
    static const struct {
        const char *s;
        int len;        /* -1: strlen */
        int ok, y, m, d;
    } t[] = {
        { "2023-10-17", -1, 1, 2023, 10, 17 },
        { "2024-02-29", -1, 1, 2024, 2, 29 },
        { "2000-02-29", -1, 1, 2000, 2, 29 },
        { "0000-02-29", -1, 1, 0, 2, 29 },
        { "9999-12-31", -1, 1, 9999, 12, 31 },
        { "2023-01-31", -1, 1, 2023, 1, 31 },
        { "2023-10-17T08:00", 10, 1, 2023, 10, 17 },    /* a day at the start */
        { "2023-10-17T08:00", -1, 0, 0, 0, 0 },
        { "2023-10-17 ", -1, 0, 0, 0, 0 },
        { "2023-10-1", -1, 0, 0, 0, 0 },
        { "2023-02-29", -1, 0, 0, 0, 0 },
        { "1900-02-29", -1, 0, 0, 0, 0 },
        { "2023-04-31", -1, 0, 0, 0, 0 },
        { "2023-13-01", -1, 0, 0, 0, 0 },
        { "2023-00-10", -1, 0, 0, 0, 0 },
        { "2023-10-00", -1, 0, 0, 0, 0 },
        { "2023-10-32", -1, 0, 0, 0, 0 },
        { "2023/10/17", -1, 0, 0, 0, 0 },
        { "2023-1-017", -1, 0, 0, 0, 0 },
        { "20231017xx", -1, 0, 0, 0, 0 },
        { " 023-10-17", -1, 0, 0, 0, 0 },
        { "2023-1a-17", -1, 0, 0, 0, 0 },
        { "2023-10-+7", -1, 0, 0, 0, 0 },
        { "", -1, 0, 0, 0, 0 },
    };
    for (size_t i = 0; i < ZHEI_ARRAY_LEN(t); i++) {
        int y = -7, m = -7, d = -7;
        size_t len = t[i].len < 0 ? strlen(t[i].s) : (size_t)t[i].len;
        int got = zhei_iso_day_parse(t[i].s, len, &y, &m, &d);
        if (t[i].ok)
            ok(got && y == t[i].y && m == t[i].m && d == t[i].d, "ISO day \"%.*s\" read",
               (int)len, t[i].s);
        else
            ok(!got && y == -7 && m == -7 && d == -7, "ISO day \"%s\" refused", t[i].s);
    }
}

static void test_iso_month(void)
{
    static const struct {
        const char *s;
        int ok, y, m;
    } t[] = {
        { "2023-10", 1, 2023, 10 }, { "2023-01", 1, 2023, 1 }, { "2023-12", 1, 2023, 12 },
        { "0000-01", 1, 0, 1 },     { "2023-00", 0, 0, 0 },    { "2023-13", 0, 0, 0 },
        { "2023-1", 0, 0, 0 },      { "2023-10-17", 0, 0, 0 }, { "2023/10", 0, 0, 0 },
        { "2023-1x", 0, 0, 0 },     { "202a-10", 0, 0, 0 },    { "2023-Q1", 0, 0, 0 },
        { "2023", 0, 0, 0 },        { "", 0, 0, 0 },
    };
    for (size_t i = 0; i < ZHEI_ARRAY_LEN(t); i++) {
        int y = -7, m = -7;
        int got = zhei_iso_month_parse(t[i].s, strlen(t[i].s), &y, &m);
        if (t[i].ok)
            ok(got && y == t[i].y && m == t[i].m, "ISO month \"%s\" read", t[i].s);
        else
            ok(!got && y == -7 && m == -7, "ISO month \"%s\" refused", t[i].s);
    }
}

static void test_iso_day_format(void)
{
    static const struct {
        long z;
        const char *want;
    } t[] = {
        { 0, "1970-01-01" },    { 19647, "2023-10-17" }, { -1, "1969-12-31" },
        { 11016, "2000-02-29" }, { -719528, "0000-01-01" },
    };
    for (size_t i = 0; i < ZHEI_ARRAY_LEN(t); i++) {
        char out[11];
        zhei_iso_day_format(t[i].z, out);
        is_str(out, strlen(out), t[i].want, t[i].want);
    }
}

/* ---------------------------------------------------------- TIMEX3 */

static void test_timex(void)
{
    static const struct {
        const char *value;
        zhei_timex_unit unit;
        int y, n, d;
        const char *first, *last, *unit_str;
    } t[] = {
        { "2023", ZHEI_TIMEX_YEAR, 2023, 0, 0, "2023-01-01", "2023-12-31", "year" },
        { "2024-H1", ZHEI_TIMEX_HALF, 2024, 1, 0, "2024-01-01", "2024-06-30", "half" },
        { "2023-H2", ZHEI_TIMEX_HALF, 2023, 2, 0, "2023-07-01", "2023-12-31", "half" },
        { "2023-Q1", ZHEI_TIMEX_QUARTER, 2023, 1, 0, "2023-01-01", "2023-03-31", "quarter" },
        { "2023-Q2", ZHEI_TIMEX_QUARTER, 2023, 2, 0, "2023-04-01", "2023-06-30", "quarter" },
        { "2023-Q3", ZHEI_TIMEX_QUARTER, 2023, 3, 0, "2023-07-01", "2023-09-30", "quarter" },
        { "2023-Q4", ZHEI_TIMEX_QUARTER, 2023, 4, 0, "2023-10-01", "2023-12-31", "quarter" },
        { "2023-SP", ZHEI_TIMEX_SEASON, 2023, 1, 0, "2023-03-01", "2023-05-31", "season" },
        { "2023-SU", ZHEI_TIMEX_SEASON, 2023, 2, 0, "2023-06-01", "2023-08-31", "season" },
        { "2023-FA", ZHEI_TIMEX_SEASON, 2023, 3, 0, "2023-09-01", "2023-11-30", "season" },
        { "2023-WI", ZHEI_TIMEX_SEASON, 2023, 4, 0, "2023-12-01", "2024-02-29", "season" },
        { "2022-WI", ZHEI_TIMEX_SEASON, 2022, 4, 0, "2022-12-01", "2023-02-28", "season" },
        { "2023-10", ZHEI_TIMEX_MONTH, 2023, 10, 0, "2023-10-01", "2023-10-31", "month" },
        { "2024-02", ZHEI_TIMEX_MONTH, 2024, 2, 0, "2024-02-01", "2024-02-29", "month" },
        { "2023-W42", ZHEI_TIMEX_WEEK, 2023, 42, 0, "2023-10-16", "2023-10-22", "week" },
        { "2023-W01", ZHEI_TIMEX_WEEK, 2023, 1, 0, "2023-01-02", "2023-01-08", "week" },
        { "2020-W53", ZHEI_TIMEX_WEEK, 2020, 53, 0, "2020-12-28", "2021-01-03", "week" },
        { "2025-W01", ZHEI_TIMEX_WEEK, 2025, 1, 0, "2024-12-30", "2025-01-05", "week" },
        { "2023-W42-WE", ZHEI_TIMEX_WEEKEND, 2023, 42, 0, "2023-10-21", "2023-10-22", "weekend" },
        { "2020-W53-WE", ZHEI_TIMEX_WEEKEND, 2020, 53, 0, "2021-01-02", "2021-01-03", "weekend" },
        { "2023-10-17", ZHEI_TIMEX_DAY, 2023, 10, 17, "2023-10-17", "2023-10-17", "day" },
        { "2024-02-29", ZHEI_TIMEX_DAY, 2024, 2, 29, "2024-02-29", "2024-02-29", "day" },
    };
    for (size_t i = 0; i < ZHEI_ARRAY_LEN(t); i++) {
        zhei_timex x;
        char first[11], last[11], back[16];
        if (!ok(zhei_timex_parse(t[i].value, strlen(t[i].value), &x), "timex %s read",
                t[i].value))
            continue;
        ok(x.unit == t[i].unit && x.y == t[i].y && x.n == t[i].n && x.d == t[i].d,
           "timex %s: unit %d, %d %d %d", t[i].value, (int)t[i].unit, t[i].y, t[i].n, t[i].d);
        zhei_iso_day_format(zhei_timex_first(&x), first);
        zhei_iso_day_format(zhei_timex_last(&x), last);
        is_str(first, strlen(first), t[i].first, t[i].value);
        is_str(last, strlen(last), t[i].last, t[i].value);
        zhei_timex_format(&x, back);
        is_str(back, strlen(back), t[i].value, "written back");
        const char *u = zhei_timex_unit_str(x.unit);
        is_str(u, strlen(u), t[i].unit_str, "its precision");
    }

    static const char *const bad[] = {
        "2023-Q0", "2023-Q5", "2023-H0", "2023-H3", "2023-W00", "2023-W53", "2020-W54",
        "2023-W1", "2023-W4x", "2023-XX", "2023-AU", "2023-sp", "2023-13", "2023-00",
        "2023-02-29", "2023-10-32", "2023-", "2023-Q", "2023-Q12", "202", "23", "",
        "2023Q2", "2023-10-17T08:00", "２０２３", "2023 ", "2023-W42-W", "2023-W42-XX",
        "2023-W54-WE", "2023-10-WE",
    };
    for (size_t i = 0; i < ZHEI_ARRAY_LEN(bad); i++) {
        zhei_timex x = { ZHEI_TIMEX_MONTH, -7, -7, -7 };
        ok(!zhei_timex_parse(bad[i], strlen(bad[i]), &x) && x.y == -7, "timex \"%s\" refused",
           bad[i]);
    }
    ok(zhei_timex_unit_str((zhei_timex_unit)8) == NULL, "no name past the last unit");

    /* zhei_timex_day, and zhei_timex_valid on what parsing never makes */
    zhei_timex day = zhei_timex_day(19647);
    ok(day.unit == ZHEI_TIMEX_DAY && day.y == 2023 && day.n == 10 && day.d == 17,
       "day 19647 is the timex 2023-10-17");
    zhei_timex w53 = { ZHEI_TIMEX_WEEK, 2026, 53, 0 }, m0 = { ZHEI_TIMEX_MONTH, 2023, 0, 0 };
    ok(zhei_timex_valid(&w53) && !zhei_timex_valid(&m0), "2026-W53 valid, month 0 not");
}

/* The part of a period a modifier names (年初 年中 年底, 上旬 中旬 下旬):
 * first and last days by hand. */
static void test_timex_part(void)
{
    static const struct {
        const char *value;
        int part;               /* 1 START, 2 MID, 3 END, 0 none */
        const char *first, *last;
    } t[] = {
        { "2023", 1, "2023-01-01", "2023-03-31" },      /* 年初: the first quarter */
        { "2023", 2, "2023-04-01", "2023-09-30" },      /* 年中: what is between */
        { "2023", 3, "2023-10-01", "2023-12-31" },      /* 年底: the last quarter */
        { "2023", 0, "2023-01-01", "2023-12-31" },
        { "2024", 4, "2024-01-01", "2024-12-31" },      /* APPROX: the whole */
        { "2024-H1", 3, "2024-06-01", "2024-06-30" },
        { "2024-H2", 1, "2024-07-01", "2024-07-31" },
        { "2024-H2", 2, "2024-08-01", "2024-11-30" },
        { "2023-Q2", 3, "2023-06-01", "2023-06-30" },   /* 二季度末 */
        { "2023-Q4", 2, "2023-11-01", "2023-11-30" },
        { "2023-WI", 3, "2024-02-01", "2024-02-29" },   /* winter's end, over a new year */
        { "2023-10", 1, "2023-10-01", "2023-10-10" },   /* 上旬 */
        { "2023-10", 2, "2023-10-11", "2023-10-20" },   /* 中旬 */
        { "2023-10", 3, "2023-10-21", "2023-10-31" },   /* 下旬, 月底 */
        { "2024-02", 3, "2024-02-21", "2024-02-29" },
        { "2023-W42", 1, "2023-10-16", "2023-10-17" },  /* a week: two days at either end */
        { "2023-W42", 2, "2023-10-18", "2023-10-20" },
        { "2023-W42", 3, "2023-10-21", "2023-10-22" },
        { "2023-W42-WE", 3, "2023-10-22", "2023-10-22" },
        { "2023-10-17", 3, "2023-10-17", "2023-10-17" },
    };
    for (size_t i = 0; i < ZHEI_ARRAY_LEN(t); i++) {
        zhei_timex x;
        char first[11], last[11];
        long a, b;
        if (!ok(zhei_timex_parse(t[i].value, strlen(t[i].value), &x), "timex %s read",
                t[i].value))
            continue;
        zhei_timex_part(&x, t[i].part, &a, &b);
        zhei_iso_day_format(a, first);
        zhei_iso_day_format(b, last);
        is_str(first, strlen(first), t[i].first, t[i].value);
        is_str(last, strlen(last), t[i].last, t[i].value);
    }
}

/* -------------------------------------------------------- numerals */

/* The code point of the UTF-8 character c. */
static uint32_t S_cp(const char *c)
{
    uint32_t cp = 0;
    zhe_utf8_decode(c, strlen(c), &cp);
    return cp;
}

static void test_numerals(void)
{
    enum { D = ZHEI_NUMERAL_DIGIT, U = ZHEI_NUMERAL_UNIT, T = ZHEI_NUMERAL_TENS,
           J = ZHEI_NUMERAL_JI, S = ZHEI_NUMERAL_SHU, Z = ZHEI_NUMERAL_ZERO,
           L = ZHEI_NUMERAL_LIANG, C = ZHEI_NUMERAL_CIRCLE };
    static const struct {
        const char *c;
        int kind, value, flags;
    } t[] = {
        { "零", D, 0, Z }, { "〇", D, 0, Z }, { "○", D, 0, Z | C }, { "一", D, 1, 0 },
        { "二", D, 2, 0 }, { "两", D, 2, L }, { "三", D, 3, 0 },     { "四", D, 4, 0 },
        { "五", D, 5, 0 }, { "六", D, 6, 0 }, { "七", D, 7, 0 },     { "八", D, 8, 0 },
        { "九", D, 9, 0 }, { "十", U, 1, 0 }, { "百", U, 2, 0 },     { "千", U, 3, 0 },
        { "万", U, 4, 0 }, { "亿", U, 8, 0 }, { "廿", T, 2, 0 },     { "卅", T, 3, 0 },
        { "几", J, 0, 0 }, { "数", S, 0, 0 },
    };
    for (size_t i = 0; i < ZHEI_ARRAY_LEN(t); i++) {
        const zhei_numeral *n = zhei_numeral_of(S_cp(t[i].c));
        ok(n && n->cp == S_cp(t[i].c) && n->kind == t[i].kind && n->value == t[i].value &&
               n->flags == t[i].flags,
           "numeral %s: kind %d, value %d, flags %d", t[i].c, t[i].kind, t[i].value,
           t[i].flags);
    }
    size_t used = 0;
    for (size_t k = 0; k < ZHEI_NUMERAL_SLOTS; k++) used += zhei_numerals[k].kind != 0;
    is_int(used, ZHEI_ARRAY_LEN(t), "the table holds these characters and no others");

    /* Not numerals: words of numbers that are the readers' own (点 多 余
     * 上 成 至), look-alikes (壹 貳 are not normalized away here), ASCII,
     * and 0, whose slot is empty. */
    static const char *const no[] = { "点", "多", "余", "上", "成", "至", "壹", "拾",
                                      "萬", "〡", "0", "7", "a", "年", "月", "日" };
    for (size_t i = 0; i < ZHEI_ARRAY_LEN(no); i++)
        ok(zhei_numeral_of(S_cp(no[i])) == NULL, "%s is no numeral", no[i]);
    ok(zhei_numeral_of(0) == NULL, "code point 0 is no numeral");
    ok(zhei_numeral_of(0x110000) == NULL && zhei_numeral_of(UINT32_MAX) == NULL,
       "nor what is no code point");

    static const char *const digits[] = { "〇", "一", "二", "三", "四",
                                          "五", "六", "七", "八", "九" };
    for (int v = 0; v <= 9; v++) {
        const char *w = zhei_numeral_digit_str(v);
        is_str(w, strlen(w), digits[v], "digit written in Chinese");
    }
    ok(!zhei_numeral_digit_str(-1) && !zhei_numeral_digit_str(10), "no digit outside 0-9");
}

/* zhei_memmem against glibc's memmem on the same questions, and what
 * each answers by hand. */
static void test_memmem(void)
{
    static const struct {
        const char *hay, *needle;
        long at;    /* -1: not found */
    } t[] = {
        {"售价约合1.6万港元", "港元", 18},
        {"售价约合1.6万港元", "约合", 6},
        {"售价约合1.6万港元", "美元", -1},
        {"港元港元", "港元", 0},
        {"元人民币", "人民币", 3},
        {"aab", "ab", 1},
        {"abc", "abc", 0},
        {"abc", "abcd", -1},
        {"abc", "c", 2},
        {"abc", "", 0},
        {"", "a", -1},
        {"xHK$", "HK$", 1},
        {"ab", "bb", -1},
        {"\xe6\xb8\xaf", "\xb8\xaf", 1},     /* a character's tail, as memmem finds it */
    };
    for (size_t i = 0; i < ZHEI_ARRAY_LEN(t); i++) {
        size_t n = strlen(t[i].hay), m = strlen(t[i].needle);
        const char *got = zhei_memmem(t[i].hay, n, t[i].needle, m);
        const char *libc = memmem(t[i].hay, n, t[i].needle, m);
        long at = got ? (long)(got - t[i].hay) : -1;
        ok(at == t[i].at && got == libc, "memmem \"%s\" in \"%s\": %ld", t[i].needle, t[i].hay,
           at);
    }
    /* every needle of 1 to 4 bytes from a 64-byte haystack of a few letters */
    char hay[64];
    uint32_t seed = 7;
    for (size_t i = 0; i < sizeof hay; i++) hay[i] = "abab c"[(seed = seed * 1103515245u + 12345u) >> 16 & 3];
    size_t bad = 0, asked = 0;
    for (size_t m = 1; m <= 4; m++)
        for (size_t s = 0; s + m <= sizeof hay; s++)
            for (size_t n = 0; n <= sizeof hay; n += 7, asked++)
                bad += zhei_memmem(hay, n, hay + s, m) != memmem(hay, n, hay + s, m);
    ok(bad == 0, "memmem: the same answers as glibc's on %zu questions", asked);
}

int main(void)
{
    test_leap_years();
    test_days_in_month();
    test_day_numbers();
    test_weeks();
    test_iso_day();
    test_iso_month();
    test_iso_day_format();
    test_timex();
    test_timex_part();
    test_numerals();
    test_memmem();
    return tap_done();
}
