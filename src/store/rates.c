/*
** rates.c — the exchange rates the store converts money with: each line
** of lexicons/rates.tsv (month, ISO 4217 currency, yuan per unit) into
** the `rates` table, which the `prices` view and zhe_store_query's
** amount_cny join.  Loaded, replacing what the table held, every time a
** store opens for writing, so a database follows the lexicon it was last
** written with.
*/
#include "store_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* 1 if s is YYYY-MM. */
static int S_is_month(const char *s)
{
    for (int i = 0; i < 7; i++) {
        if (i == 4 ? s[i] != '-' : (s[i] < '0' || s[i] > '9')) return 0;
    }
    return s[7] == '\0' && (s[5] == '0' ? s[6] >= '1' : s[5] == '1' && s[6] <= '2');
}

zhe_status zhei_store_load_rates(zhe_store *st, zhe_error *err)
{
    zhe_tsv t;
    const char *dir = st->opt.lexicon_dir ? st->opt.lexicon_dir : zhe_default_lexicon_dir();
    zhe_status s = zhe_tsv_open(&t, dir, "rates.tsv", err);
    sqlite3_stmt *q = NULL;
    if (s == ZHE_OK) s = zhei_store_exec(st, "BEGIN IMMEDIATE; DELETE FROM rates", err);
    if (s == ZHE_OK)
        s = zhei_store_prepare(st, "INSERT OR REPLACE INTO rates (month, currency, cny) "
                                   "VALUES (?1, ?2, ?3)", &q, err);
    while (s == ZHE_OK && zhe_tsv_next(&t)) {
        char *end = NULL;
        double rate = t.ncol >= 3 ? strtod(t.col[2], &end) : 0;
        const char *c = t.ncol >= 2 ? t.col[1] : "";
        int cur_ok = strlen(c) == 3;
        for (int i = 0; cur_ok && i < 3; i++) cur_ok = c[i] >= 'A' && c[i] <= 'Z';
        if (t.ncol < 3 || !S_is_month(t.col[0]) || !cur_ok || !end || *end || end == t.col[2] ||
            !(rate > 0) || !isfinite(rate)) {
            s = zhe_error_set(err, ZHE_ERR_DATA, t.path, t.line, UINT64_MAX,
                              "want month (YYYY-MM), ISO 4217 currency and CNY per unit, "
                              "tab-separated");
            break;
        }
        sqlite3_bind_text(q, 1, t.col[0], -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, c, -1, SQLITE_STATIC);
        sqlite3_bind_double(q, 3, rate);
        s = zhei_store_step(st, q, err, "cannot store a rate");
    }
    sqlite3_finalize(q);
    if (s == ZHE_OK) s = zhei_store_exec(st, "COMMIT", err);
    else if (st->db) sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    zhe_tsv_close(&t);
    return s;
}
