/*
** rates.c — the exchange rates the store converts money with: the
** lexicon's rates (lexicons/rates.tsv: month, ISO 4217 currency, yuan per
** unit) into the `rates` table, which the `prices` view and
** zhe_store_query's amount_cny join.  Loaded, replacing what the table
** held, every time a store opens for writing, so a database follows the
** lexicon it was last written with.
*/
#include "store_int.h"

#include "../lexicon/lexicon_int.h"

zhe_status zhei_store_load_rates(zhe_store *st, zhe_error *err)
{
    const zhe_lexicon *lex = st->opt.lexicon;
    zhe_lexicon *own = NULL;
    zhe_status s = ZHE_OK;
    if (!lex) {
        s = zhe_lexicon_open(NULL, &own, err);
        lex = own;
    }
    sqlite3_stmt *q = NULL;
    if (s == ZHE_OK) s = zhei_store_exec(st, "BEGIN IMMEDIATE; DELETE FROM rates", err);
    if (s == ZHE_OK)
        s = zhei_store_prepare(st, "INSERT OR REPLACE INTO rates (month, currency, cny) "
                                   "VALUES (?1, ?2, ?3)", &q, err);
    for (size_t i = 0; s == ZHE_OK && i < lex->n_rates; i++) {
        const zhei_rate *r = &lex->rates[i];
        sqlite3_bind_text(q, 1, r->month, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, r->currency, -1, SQLITE_STATIC);
        sqlite3_bind_double(q, 3, r->cny);
        s = zhei_store_step(st, q, err, "cannot store a rate");
    }
    sqlite3_finalize(q);
    if (s == ZHE_OK) s = zhei_store_exec(st, "COMMIT", err);
    else if (st->db) sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    zhe_lexicon_free(own);
    return s;
}
