/*
** prices.c — the prices-wide format: monthly prices in yuan by chip, for a
** chart in Datawrapper, Flourish or a spreadsheet.  One row per month from
** the first price to the last (month, YYYY-MM), one column per chip and
** series in name order; a cell is the median of that series' prices that
** month in yuan (a range counts as its middle), empty when there were
** none.  Like is compared with like (zhei_export_price_series): the column
** "H100" holds what one H100 sold for, "H100 (server)" what a machine with
** H100s sold for, "H100 (chip/hour)" a card's rent by the hour, and
** "H100 (per chip, from server)" a machine's price over the chips it says
** it holds.  Only prices and launch prices told as facts and dated to
** their month or closer count.  Written at the end from the kept events,
** after a byte order mark with --bom.
*/
#include "export_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* qsort, bsearch: two strings (char *) in order. */
static int S_str_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The month index of "YYYY-MM-…": months since year 0. */
static int S_month(const char *day)
{
    int y = 0, m = 0;
    zhei_export_iso_fields(day, &y, &m, NULL);
    return y * 12 + m - 1;
}

/* Does e go into the monthly price table: a price (or a launch price)
 * in yuan, dated to its month or closer?  A price of "2023" or "二季度"
 * has no month to go in. */
static int S_monthly_price(const zhei_export_event *e)
{
    int y, m;
    if (!zhei_export_price_series(e, NULL, NULL) ||
        zhei_export_iso_fields(e->start, &y, &m, NULL) < 2)
        return 0;
    zhei_export_precision p = zhei_export_timex_precision(e->timex);
    return p == ZHEI_EXPORT_P_DAY || p == ZHEI_EXPORT_P_WEEK || p == ZHEI_EXPORT_P_MONTH;
}

/* A price placed in the table: its column's name (owned), its month and
 * its yuan value (the middle of a range); then its cell. */
typedef struct {
    char *column;
    int month;
    double v;
    size_t cell;
} S_price;

/* qsort: prices by cell, then by value. */
static int S_price_cmp(const void *pa, const void *pb)
{
    const S_price *a = pa, *b = pb;
    if (a->cell != b->cell) return a->cell < b->cell ? -1 : 1;
    return a->v < b->v ? -1 : a->v > b->v;
}

/* Add a price of column "chip" or "chip (what)" to the list. */
static void S_add(S_price **p, size_t *n, size_t *cap, const char *chip, const char *what,
                  int month, double v)
{
    zhe_buf col = ZHE_BUF_INIT;
    zhe_buf_puts(&col, chip);
    if (*what) zhe_buf_printf(&col, " (%s)", what);
    ZHEI_GROW(p, cap, *n + 1);
    (*p)[(*n)++] = (S_price){zhe_buf_detach(&col, NULL), month, v, 0};
}

/* The table, at the end, from the kept events. */
static zhe_status S_finish(zhei_export_run *r, zhe_error *err)
{
    S_price *p = NULL;
    size_t n = 0, cap = 0;
    int m0 = 0, m1 = -1;
    zhe_buf series = ZHE_BUF_INIT;
    for (size_t i = 0; i < r->n_kept; i++) {
        const zhei_export_event *e = &r->kept[i];
        unsigned chips = 0;
        zhe_buf_truncate(&series, 0);
        if (!S_monthly_price(e) || !zhei_export_price_series(e, &series, &chips)) continue;
        int m = S_month(e->start);
        if (m1 < m0) m0 = m1 = m;
        if (m < m0) m0 = m;
        if (m > m1) m1 = m;
        double v = isnan(e->high_cny) ? e->amount_cny : (e->amount_cny + e->high_cny) / 2;
        for (size_t k = 0; k < e->n_chips; k++) {
            S_add(&p, &n, &cap, e->chips[k], series.len ? series.ptr : "", m, v);
            if (chips) S_add(&p, &n, &cap, e->chips[k], "per chip, from server", m, v / chips);
        }
    }
    zhe_buf_clear(&series);

    /* the columns in name order, each once */
    char **cols = ZHEI_NEW_ARRAY(char *, n ? n : 1);
    size_t n_cols = 0;
    for (size_t i = 0; i < n; i++) cols[n_cols++] = p[i].column;
    if (n_cols) qsort(cols, n_cols, sizeof *cols, S_str_cmp);
    size_t w = 0;
    for (size_t i = 0; i < n_cols; i++)
        if (!w || strcmp(cols[w - 1], cols[i]) != 0) cols[w++] = cols[i];
    n_cols = w;
    /* every price in its cell, sorted by cell and value: a cell's median
     * is the middle of its run */
    for (size_t i = 0; i < n; i++) {
        char **c = bsearch(&p[i].column, cols, n_cols, sizeof *cols, S_str_cmp);
        p[i].cell = (size_t)(p[i].month - m0) * n_cols + (size_t)(c - cols);
    }
    if (n) qsort(p, n, sizeof *p, S_price_cmp);

    zhe_buf b = ZHE_BUF_INIT;
    if (r->opt.bom) zhe_buf_puts(&b, "\xEF\xBB\xBF");
    zhe_buf_puts(&b, "month");
    for (size_t j = 0; j < n_cols; j++) zhei_export_csv_cell(&b, cols[j], 0);
    zhe_buf_puts(&b, "\r\n");
    size_t i = 0;
    for (int m = m0; m <= m1 && n_cols; m++) {
        zhe_buf_printf(&b, "%04d-%02d", m / 12, m % 12 + 1);
        for (size_t j = 0; j < n_cols; j++) {
            size_t cell = (size_t)(m - m0) * n_cols + j, first = i;
            while (i < n && p[i].cell == cell) i++;
            zhe_buf_putc(&b, ',');
            size_t k = i - first;
            if (!k) continue;
            const S_price *r = p + first;
            double med = k % 2 ? r[k / 2].v : (r[k / 2 - 1].v + r[k / 2].v) / 2;
            zhe_buf_printf(&b, "%.0f", round(med));
        }
        zhe_buf_puts(&b, "\r\n");
    }
    zhe_status s = zhei_export_write(r->out, &b, err);
    zhe_buf_clear(&b);
    for (size_t k = 0; k < n; k++) zhe_free(p[k].column);
    zhe_free(p);
    zhe_free(cols);
    return s;
}

const zhei_export_format zhei_export_format_prices_wide = {
    .name = "prices-wide",
    .keeps = 1,
    .finish = S_finish,
};
