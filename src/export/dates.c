/*
** dates.c — the dates export reads, through base/'s calendar: the timex
** an event is dated by (2023-10-17, 2023-10, 2023-W44, 2023-Q2, 2023-H2,
** 2023-FA, 2023), the ISO days its time runs from and to ("YYYY-MM-DD"),
** and months of day numbers.  A timex the calendar cannot read (only a
** database written by hand holds one) has no precision: csv and json print
** it "", the page shows it as it is.
*/
#include "export_int.h"

#include <string.h>

/* ---------------------------------------------------------------- timex */

zhei_export_precision zhei_export_timex_precision(const char *tx)
{
    zhei_export_timex t;
    return zhei_export_timex_read(tx, &t);
}

const char *zhei_export_precision_name(zhei_export_precision p)
{
    switch (p) {
    case ZHEI_EXPORT_P_DAY: return "day";
    case ZHEI_EXPORT_P_WEEK: return "week";
    case ZHEI_EXPORT_P_MONTH: return "month";
    case ZHEI_EXPORT_P_QUARTER: return "quarter";
    case ZHEI_EXPORT_P_HALF: return "half";
    case ZHEI_EXPORT_P_SEASON: return "season";
    case ZHEI_EXPORT_P_YEAR: return "year";
    default: return "";
    }
}

zhei_export_precision zhei_export_timex_read(const char *tx, zhei_export_timex *t)
{
    memset(t, 0, sizeof *t);
    zhei_timex v;
    if (!tx || !*tx) return t->precision = ZHEI_EXPORT_P_NONE;
    if (!zhei_timex_parse(tx, strlen(tx), &v)) return t->precision = ZHEI_EXPORT_P_OTHER;
    t->year = v.y;
    switch (v.unit) {
    case ZHEI_TIMEX_DAY:
        t->precision = ZHEI_EXPORT_P_DAY;
        t->month = v.n;
        t->day = v.d;
        break;
    case ZHEI_TIMEX_MONTH:
        t->precision = ZHEI_EXPORT_P_MONTH;
        t->month = v.n;
        break;
    case ZHEI_TIMEX_WEEK: t->precision = ZHEI_EXPORT_P_WEEK, t->n = v.n; break;
    case ZHEI_TIMEX_WEEKEND: t->precision = ZHEI_EXPORT_P_WEEK, t->n = v.n, t->weekend = 1; break;
    case ZHEI_TIMEX_QUARTER: t->precision = ZHEI_EXPORT_P_QUARTER, t->n = v.n; break;
    case ZHEI_TIMEX_HALF: t->precision = ZHEI_EXPORT_P_HALF, t->n = v.n; break;
    case ZHEI_TIMEX_SEASON: t->precision = ZHEI_EXPORT_P_SEASON, t->n = v.n; break;
    case ZHEI_TIMEX_YEAR: t->precision = ZHEI_EXPORT_P_YEAR; break;
    }
    return t->precision;
}

/* ------------------------------------------------------------- ISO days */

int zhei_export_iso_fields(const char *s, int *y, int *m, int *d)
{
    size_t n = s ? strlen(s) : 0;
    int dd;
    if (n >= 10 && zhei_iso_day_parse(s, 10, y, m, &dd)) {
        if (d) *d = dd;
        return 3;
    }
    return n >= 7 && zhei_iso_month_parse(s, 7, y, m) ? 2 : 0;
}

int zhei_export_iso_day(const char *s, long *days)
{
    int y, m, d;
    if (!s || strlen(s) < 10 || !zhei_iso_day_parse(s, 10, &y, &m, &d)) return 0;
    *days = zhei_days_from_civil(y, m, d);
    return 1;
}

/* --------------------------------------------------------------- months */

void zhei_export_year_month(long z, long *y, long *m)
{
    int yy, mm, dd;
    zhei_civil_from_days(z, &yy, &mm, &dd);
    *y = yy;
    *m = mm;
}

long zhei_export_month_floor(long z)
{
    long y, m;
    zhei_export_year_month(z, &y, &m);
    return zhei_days_from_civil(y, m, 1);
}

long zhei_export_month_ceil(long z)
{
    long f = zhei_export_month_floor(z);
    if (f == z) return z;
    long y, m;
    zhei_export_year_month(z, &y, &m);
    return m == 12 ? zhei_days_from_civil(y + 1, 1, 1) : zhei_days_from_civil(y, m + 1, 1);
}
