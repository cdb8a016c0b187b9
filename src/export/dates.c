/*
** dates.c — the one place export reads dates, so that base/'s calendar
** can later replace it whole: the timex an event is dated by (2023-10-17,
** 2023-10, 2023-W44, 2023-Q2, 2023-H2, 2023-FA, 2023), the ISO days its
** time runs from and to ("YYYY-MM-DD"), and months of day numbers.
**
** A timex is read two ways, and which formats use which is part of their
** output, so both are kept as they were:
**   - zhei_export_timex_precision, loosely, by its length and its sixth
**     byte: the "precision" that csv and json print and that timelinejs,
**     the sheet, prices-wide and md go by;
**   - zhei_export_timex_read, strictly, every digit and range checked,
**     with its fields: the date as the reader reads it (wording.c) and
**     html's <time datetime>.
** The two agree on every timex the dater writes; on a malformed one
** (2023-Q7) the loose reading still names a precision, the strict one
** says ZHEI_EXPORT_P_OTHER and the reader sees the timex as it is.
**
** ISO days are read two ways too: zhei_export_iso_fields takes the
** numbers at their fixed places and checks only the length (timelinejs,
** prices-wide, md); zhei_export_iso_day checks every digit and dash and
** gives a day number (html's charts).
*/
#include "export_int.h"

#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- timex */

zhei_export_precision zhei_export_timex_precision(const char *tx)
{
    if (!tx || strlen(tx) < 4) return ZHEI_EXPORT_P_NONE;
    size_t n = strlen(tx);
    if (n == 4) return ZHEI_EXPORT_P_YEAR;
    if (n == 10) return ZHEI_EXPORT_P_DAY;
    if (n == 7 && tx[5] >= '0' && tx[5] <= '9') return ZHEI_EXPORT_P_MONTH;
    switch (tx[5]) {
    case 'Q': return ZHEI_EXPORT_P_QUARTER;
    case 'H': return ZHEI_EXPORT_P_HALF;
    case 'W': return ZHEI_EXPORT_P_WEEK;
    default: return ZHEI_EXPORT_P_SEASON;
    }
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

/* Are s[0..n) all ASCII digits? */
static int S_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    return 1;
}

/* The strict precision of tx: every field checked (a month 01–12, a day
 * 01–31, a quarter 1–4, a half 1 or 2, a week two digits, a season SP, SU,
 * FA or WI). */
static zhei_export_precision S_strict_precision(const char *tx)
{
    if (!tx) return ZHEI_EXPORT_P_NONE;
    size_t n = strlen(tx);
    if (n < 4 || !S_digits(tx, 4)) return n ? ZHEI_EXPORT_P_OTHER : ZHEI_EXPORT_P_NONE;
    if (n == 4) return ZHEI_EXPORT_P_YEAR;
    if (tx[4] != '-') return ZHEI_EXPORT_P_OTHER;
    int m = S_digits(tx + 5, 2) ? atoi(tx + 5) : 0;
    if (n == 10 && m >= 1 && m <= 12 && tx[7] == '-' && S_digits(tx + 8, 2) &&
        atoi(tx + 8) >= 1 && atoi(tx + 8) <= 31)
        return ZHEI_EXPORT_P_DAY;
    if (n == 7 && m >= 1 && m <= 12) return ZHEI_EXPORT_P_MONTH;
    if (n == 7 && tx[5] == 'Q' && tx[6] >= '1' && tx[6] <= '4') return ZHEI_EXPORT_P_QUARTER;
    if (n == 7 && tx[5] == 'H' && (tx[6] == '1' || tx[6] == '2')) return ZHEI_EXPORT_P_HALF;
    if (n == 8 && tx[5] == 'W' && S_digits(tx + 6, 2)) return ZHEI_EXPORT_P_WEEK;
    if (n == 7 && (!strcmp(tx + 5, "SP") || !strcmp(tx + 5, "SU") || !strcmp(tx + 5, "FA") ||
                   !strcmp(tx + 5, "WI")))
        return ZHEI_EXPORT_P_SEASON;
    return ZHEI_EXPORT_P_OTHER;
}

zhei_export_precision zhei_export_timex_read(const char *tx, zhei_export_timex *t)
{
    static const char *const seasons[] = {"SP", "SU", "FA", "WI"};
    memset(t, 0, sizeof *t);
    t->precision = S_strict_precision(tx);
    if (t->precision == ZHEI_EXPORT_P_NONE || t->precision == ZHEI_EXPORT_P_OTHER)
        return t->precision;
    t->year = atoi(tx);
    switch (t->precision) {
    case ZHEI_EXPORT_P_DAY:
        t->month = atoi(tx + 5);
        t->day = atoi(tx + 8);
        break;
    case ZHEI_EXPORT_P_MONTH: t->month = atoi(tx + 5); break;
    case ZHEI_EXPORT_P_QUARTER:
    case ZHEI_EXPORT_P_HALF: t->n = tx[6] - '0'; break;
    case ZHEI_EXPORT_P_WEEK: t->n = atoi(tx + 6); break;
    case ZHEI_EXPORT_P_SEASON:
        for (int i = 0; i < 4; i++)
            if (!strcmp(tx + 5, seasons[i])) t->n = i + 1;
        break;
    default: break;
    }
    return t->precision;
}

/* ------------------------------------------------------------- ISO days */

int zhei_export_iso_fields(const char *s, int *y, int *m, int *d)
{
    size_t n = s ? strlen(s) : 0;
    if (n < 7) return 0;
    *y = atoi(s);
    *m = atoi(s + 5);
    if (n < 10) return 2;
    if (d) *d = atoi(s + 8);
    return 3;
}

int zhei_export_iso_day(const char *s, long *days)
{
    if (!s || strlen(s) < 10) return 0;
    for (int i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? s[i] != '-' : s[i] < '0' || s[i] > '9') return 0;
    long y = atol(s), m = atol(s + 5), d = atol(s + 8);
    if (m < 1 || m > 12 || d < 1 || d > 31) return 0;
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
