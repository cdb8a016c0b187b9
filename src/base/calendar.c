/*
** calendar.c — the proleptic Gregorian calendar, for every stage that
** reads or writes a date: leap years and the days of a month; calendar
** days as numbers (days since 1970-01-01, by the days_from_civil and
** civil_from_days algorithms of H. Hinnant's date library) and back; ISO
** 8601 weeks; strict parsing of an ISO day "YYYY-MM-DD" and month
** "YYYY-MM"; and TIMEX3 values (2023, 2023-H2, 2023-Q2, 2023-SU, 2023-10,
** 2023-W42, 2023-10-17) read, written, and turned into their first and
** last day.
**
** The dater (extract/) counts and writes its dates with it, once per date
** found, so nothing here allocates or calls snprintf; the command line
** reads its --from and --to with it; the exports place and name events
** in time with it.  Years are whatever fits in four digits when written;
** a caller that wants a narrower range (the dater's 1–2999) checks it.
*/
#include "base_int.h"

#include <string.h>

/* ------------------------------------------------------------ days */

int zhei_is_leap_year(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int zhei_days_in_month(int y, int m)
{
    static const unsigned char n[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return m == 2 && zhei_is_leap_year(y) ? 29 : n[m - 1];
}

long zhei_days_from_civil(int y, int m, int d)
{
    long yy = y - (m <= 2);
    long era = (yy >= 0 ? yy : yy - 399) / 400;
    long yoe = yy - era * 400;
    long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void zhei_civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* ----------------------------------------------------------- weeks */

int zhei_weekday(long z)
{
    return (int)(((z % 7) + 7 + 3) % 7);    /* 1970-01-01 was a Thursday */
}

void zhei_iso_week(long z, int *wy, int *w)
{
    long thu = z - zhei_weekday(z) + 3;     /* the week's Thursday names it */
    int y, m, d;
    zhei_civil_from_days(thu, &y, &m, &d);
    *wy = y;
    *w = (int)((thu - zhei_days_from_civil(y, 1, 1)) / 7 + 1);
}

long zhei_iso_week_monday(int wy, int w)
{
    long jan4 = zhei_days_from_civil(wy, 1, 4);  /* always in week 1 */
    return jan4 - zhei_weekday(jan4) + 7L * (w - 1);
}

int zhei_iso_weeks_in_year(int wy)
{
    int y, w;
    zhei_iso_week(zhei_days_from_civil(wy, 12, 28), &y, &w);  /* always in the last week */
    return w;
}

/* ------------------------------------------------------ ISO 8601 text */

/* The value of the n ASCII digits at s, or -1 if one is not a digit. */
static int S_digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int zhei_iso_month_parse(const char *s, size_t len, int *y, int *m)
{
    if (len != 7 || s[4] != '-') return 0;
    int yy = S_digits(s, 4), mm = S_digits(s + 5, 2);
    if (yy < 0 || mm < 1 || mm > 12) return 0;
    *y = yy;
    *m = mm;
    return 1;
}

int zhei_iso_day_parse(const char *s, size_t len, int *y, int *m, int *d)
{
    if (len != 10 || s[4] != '-' || s[7] != '-') return 0;
    int yy = S_digits(s, 4), mm = S_digits(s + 5, 2), dd = S_digits(s + 8, 2);
    if (yy < 0 || mm < 1 || mm > 12 || dd < 1 || dd > zhei_days_in_month(yy, mm)) return 0;
    *y = yy;
    *m = mm;
    *d = dd;
    return 1;
}

/* Dates are written digit by digit, not with snprintf: the dater writes
 * three strings for every date it finds, and snprintf cost more than
 * finding the date.  S_put writes v (below 10^width, or below 100 with
 * width 0 for "%u") with at least `width` digits at p, and returns the
 * end. */
static char *S_put(char *p, unsigned v, int width)
{
    if (width == 4) {
        *p++ = (char)('0' + v / 1000);
        *p++ = (char)('0' + v / 100 % 10);
    }
    if (width >= 2 || v >= 10) *p++ = (char)('0' + v / 10 % 10);
    *p++ = (char)('0' + v % 10);
    return p;
}

void zhei_iso_day_format(long z, char out[11])
{
    int y, m, d;
    zhei_civil_from_days(z, &y, &m, &d);
    char *p = S_put(out, (unsigned)y % 10000, 4);
    *p++ = '-';
    p = S_put(p, (unsigned)m % 100, 2);
    *p++ = '-';
    p = S_put(p, (unsigned)d % 100, 2);
    *p = '\0';
}

/* ---------------------------------------------------------- TIMEX3 */

/* The seasons' codes, spring first: zhei_timex n 1–4. */
static const char S_season[4][3] = { "SP", "SU", "FA", "WI" };

int zhei_timex_valid(const zhei_timex *t)
{
    switch (t->unit) {
    case ZHEI_TIMEX_YEAR: return 1;
    case ZHEI_TIMEX_HALF: return t->n >= 1 && t->n <= 2;
    case ZHEI_TIMEX_QUARTER:
    case ZHEI_TIMEX_SEASON: return t->n >= 1 && t->n <= 4;
    case ZHEI_TIMEX_MONTH: return t->n >= 1 && t->n <= 12;
    case ZHEI_TIMEX_WEEK:
    case ZHEI_TIMEX_WEEKEND: return t->n >= 1 && t->n <= zhei_iso_weeks_in_year(t->y);
    case ZHEI_TIMEX_DAY:
        return t->n >= 1 && t->n <= 12 && t->d >= 1 && t->d <= zhei_days_in_month(t->y, t->n);
    }
    return 0;
}

zhei_timex zhei_timex_day(long z)
{
    zhei_timex t = { ZHEI_TIMEX_DAY, 0, 0, 0 };
    zhei_civil_from_days(z, &t.y, &t.n, &t.d);
    return t;
}

long zhei_timex_first(const zhei_timex *t)
{
    switch (t->unit) {
    case ZHEI_TIMEX_YEAR: return zhei_days_from_civil(t->y, 1, 1);
    case ZHEI_TIMEX_HALF: return zhei_days_from_civil(t->y, 6 * t->n - 5, 1);
    case ZHEI_TIMEX_QUARTER: return zhei_days_from_civil(t->y, 3 * t->n - 2, 1);
    case ZHEI_TIMEX_SEASON: return zhei_days_from_civil(t->y, 3 * t->n, 1);
    case ZHEI_TIMEX_MONTH: return zhei_days_from_civil(t->y, t->n, 1);
    case ZHEI_TIMEX_WEEK: return zhei_iso_week_monday(t->y, t->n);
    case ZHEI_TIMEX_WEEKEND: return zhei_iso_week_monday(t->y, t->n) + 5;
    case ZHEI_TIMEX_DAY: return zhei_days_from_civil(t->y, t->n, t->d);
    }
    return 0;
}

long zhei_timex_last(const zhei_timex *t)
{
    int m;
    switch (t->unit) {
    case ZHEI_TIMEX_YEAR: return zhei_days_from_civil(t->y, 12, 31);
    case ZHEI_TIMEX_HALF:
        m = 6 * t->n;
        return zhei_days_from_civil(t->y, m, zhei_days_in_month(t->y, m));
    case ZHEI_TIMEX_QUARTER:
        m = 3 * t->n;
        return zhei_days_from_civil(t->y, m, zhei_days_in_month(t->y, m));
    case ZHEI_TIMEX_SEASON:
        if (t->n == 4) return zhei_days_from_civil(t->y + 1, 2, zhei_days_in_month(t->y + 1, 2));
        m = 3 * t->n + 2;
        return zhei_days_from_civil(t->y, m, zhei_days_in_month(t->y, m));
    case ZHEI_TIMEX_MONTH: return zhei_days_from_civil(t->y, t->n, zhei_days_in_month(t->y, t->n));
    case ZHEI_TIMEX_WEEK:
    case ZHEI_TIMEX_WEEKEND: return zhei_iso_week_monday(t->y, t->n) + 6;
    case ZHEI_TIMEX_DAY: return zhei_timex_first(t);
    }
    return 0;
}

void zhei_timex_part(const zhei_timex *t, int part, long *first, long *last)
{
    long a = zhei_timex_first(t), b = zhei_timex_last(t);
    *first = a, *last = b;
    if (part < 1 || part > 3 || a == b) return;
    int y0, m0, d0, y1, m1, d1;
    zhei_civil_from_days(a, &y0, &m0, &d0);
    zhei_civil_from_days(b, &y1, &m1, &d1);
    int months = (y1 * 12 + m1) - (y0 * 12 + m0) + 1;
    if (d0 == 1 && d1 == zhei_days_in_month(y1, m1) && months >= 3) {
        int k = months / 4 ? months / 4 : 1, lo = 0, hi = months - 1;  /* from y0-m0 */
        if (part == 1) hi = k - 1;
        else if (part == 3) lo = months - k;
        else lo = k, hi = months - k - 1;
        int ma = y0 * 12 + m0 - 1 + lo, mb = y0 * 12 + m0 - 1 + hi;
        *first = zhei_days_from_civil(ma / 12, ma % 12 + 1, 1);
        *last = zhei_days_from_civil(mb / 12, mb % 12 + 1, zhei_days_in_month(mb / 12, mb % 12 + 1));
    } else if (d0 == 1 && d1 == zhei_days_in_month(y1, m1) && months == 1) {
        if (part == 1) *last = a + 9;
        else if (part == 2) *first = a + 10, *last = a + 19;
        else *first = a + 20;
    } else {
        long k = (b - a + 1 + 3) / 4;
        if (part == 1) *last = a + k - 1;
        else if (part == 3) *first = b - k + 1;
        else if (b - a + 1 > 2 * k) *first = a + k, *last = b - k;
    }
}

int zhei_timex_parse(const char *s, size_t len, zhei_timex *out)
{
    zhei_timex t = { ZHEI_TIMEX_YEAR, 0, 0, 0 };
    if (len < 4 || (t.y = S_digits(s, 4)) < 0) return 0;
    if (len == 4) {
        *out = t;
        return 1;
    }
    if (s[4] != '-') return 0;
    if (len == 10) {
        t.unit = ZHEI_TIMEX_DAY;
        if (!zhei_iso_day_parse(s, len, &t.y, &t.n, &t.d)) return 0;
    } else if ((len == 8 || (len == 11 && !memcmp(s + 8, "-WE", 3))) && s[5] == 'W') {
        t.unit = len == 8 ? ZHEI_TIMEX_WEEK : ZHEI_TIMEX_WEEKEND;
        t.n = S_digits(s + 6, 2);
    } else if (len != 7) {
        return 0;
    } else if (s[5] == 'H' || s[5] == 'Q') {
        t.unit = s[5] == 'H' ? ZHEI_TIMEX_HALF : ZHEI_TIMEX_QUARTER;
        t.n = S_digits(s + 6, 1);
    } else if (s[5] >= '0' && s[5] <= '9') {
        t.unit = ZHEI_TIMEX_MONTH;
        t.n = S_digits(s + 5, 2);
    } else {
        t.unit = ZHEI_TIMEX_SEASON;
        for (int k = 0; k < 4; k++)
            if (s[5] == S_season[k][0] && s[6] == S_season[k][1]) t.n = k + 1;
    }
    if (!zhei_timex_valid(&t)) return 0;
    *out = t;
    return 1;
}

void zhei_timex_format(const zhei_timex *t, char out[16])
{
    unsigned y = (unsigned)t->y % 10000, n = (unsigned)t->n % 100;
    char *p = S_put(out, y, 4);
    switch (t->unit) {
    case ZHEI_TIMEX_YEAR: break;
    case ZHEI_TIMEX_HALF: *p++ = '-', *p++ = 'H', p = S_put(p, n, 0); break;
    case ZHEI_TIMEX_QUARTER: *p++ = '-', *p++ = 'Q', p = S_put(p, n, 0); break;
    case ZHEI_TIMEX_SEASON: *p++ = '-', memcpy(p, S_season[(n - 1) % 4], 2), p += 2; break;
    case ZHEI_TIMEX_MONTH: *p++ = '-', p = S_put(p, n, 2); break;
    case ZHEI_TIMEX_WEEK: *p++ = '-', *p++ = 'W', p = S_put(p, n, 2); break;
    case ZHEI_TIMEX_WEEKEND:
        *p++ = '-', *p++ = 'W', p = S_put(p, n, 2);
        memcpy(p, "-WE", 3), p += 3;
        break;
    case ZHEI_TIMEX_DAY:
        *p++ = '-', p = S_put(p, n, 2);
        *p++ = '-', p = S_put(p, (unsigned)t->d % 100, 2);
        break;
    }
    *p = '\0';
}

const char *zhei_timex_unit_str(zhei_timex_unit u)
{
    static const char *const names[] = { "year", "half", "quarter", "season",
                                         "month", "week", "weekend", "day" };
    return (unsigned)u < ZHEI_ARRAY_LEN(names) ? names[u] : NULL;
}
