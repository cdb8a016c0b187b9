/*
** prices.c — the prices-wide format: monthly prices in yuan by chip, for a
** chart in Datawrapper, Flourish or a spreadsheet.  One row per month from
** the first price to the last (month, YYYY-MM), one column per chip in
** name order; a cell is the median of that chip's prices that month in
** yuan (a range counts as its middle), empty when there were none.  Only
** prices and launch prices dated to their month or closer count.  Written
** at the end from the kept events, after a byte order mark with --bom.
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
    if (isnan(e->amount_cny) || !e->type || zhei_export_iso_fields(e->start, &y, &m, NULL) < 2)
        return 0;
    if (strcmp(e->type, "price") != 0 && strcmp(e->type, "launch") != 0) return 0;
    zhei_export_precision p = zhei_export_timex_precision(e->timex);
    return p == ZHEI_EXPORT_P_DAY || p == ZHEI_EXPORT_P_WEEK || p == ZHEI_EXPORT_P_MONTH;
}

/* A price placed in the table: its cell (month row, chip column) and its
 * yuan value (the middle of a range). */
typedef struct {
    size_t cell;
    double v;
} S_price;

/* qsort: prices by cell, then by value. */
static int S_price_cmp(const void *pa, const void *pb)
{
    const S_price *a = pa, *b = pb;
    if (a->cell != b->cell) return a->cell < b->cell ? -1 : 1;
    return a->v < b->v ? -1 : a->v > b->v;
}

/* The table, at the end, from the kept events. */
static zhe_status S_finish(zhei_export_run *r, zhe_error *err)
{
    const char **chips = NULL;
    size_t n_chips = 0, cap = 0;
    int m0 = 0, m1 = -1;
    for (size_t i = 0; i < r->n_kept; i++) {
        const zhei_export_event *e = &r->kept[i];
        if (!S_monthly_price(e)) continue;
        int m = S_month(e->start);
        if (m1 < m0) m0 = m1 = m;
        if (m < m0) m0 = m;
        if (m > m1) m1 = m;
        for (size_t k = 0; k < e->n_chips; k++) {
            size_t j = 0;
            while (j < n_chips && strcmp(chips[j], e->chips[k]) != 0) j++;
            if (j < n_chips) continue;
            ZHEI_GROW(&chips, &cap, n_chips + 1);
            chips[n_chips++] = e->chips[k];
        }
    }
    if (n_chips) qsort(chips, n_chips, sizeof *chips, S_str_cmp);

    /* every price in its cell, sorted by cell and value: a cell's median
     * is the middle of its run */
    S_price *p = NULL;
    size_t n = 0, cap_p = 0;
    for (size_t i = 0; i < r->n_kept; i++) {
        const zhei_export_event *e = &r->kept[i];
        if (!S_monthly_price(e)) continue;
        size_t row = (size_t)(S_month(e->start) - m0);
        double v = isnan(e->high_cny) ? e->amount_cny : (e->amount_cny + e->high_cny) / 2;
        for (size_t k = 0; k < e->n_chips; k++) {
            const char **c = bsearch(&e->chips[k], chips, n_chips, sizeof *chips, S_str_cmp);
            ZHEI_GROW(&p, &cap_p, n + 1);
            p[n++] = (S_price){row * n_chips + (size_t)(c - chips), v};
        }
    }
    if (n) qsort(p, n, sizeof *p, S_price_cmp);

    zhe_buf b = ZHE_BUF_INIT;
    if (r->opt.bom) zhe_buf_puts(&b, "\xEF\xBB\xBF");
    zhe_buf_puts(&b, "month");
    for (size_t j = 0; j < n_chips; j++) zhei_export_csv_cell(&b, chips[j], 0);
    zhe_buf_puts(&b, "\r\n");
    size_t i = 0;
    for (int m = m0; m <= m1 && n_chips; m++) {
        zhe_buf_printf(&b, "%04d-%02d", m / 12, m % 12 + 1);
        for (size_t j = 0; j < n_chips; j++) {
            size_t cell = (size_t)(m - m0) * n_chips + j, first = i;
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
    zhe_free(p);
    zhe_free(chips);
    return s;
}

const zhei_export_format zhei_export_format_prices_wide = {
    .name = "prices-wide",
    .keeps = 1,
    .finish = S_finish,
};
