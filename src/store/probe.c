/*
** probe.c — a read-only view of a store for threads other than the one
** writing (zhe_store_probe, see zhevents/store.h): ingest's reader asks
** it whether an article's content hash is stored, to skip extracting the
** article again.  It has a connection of its own, opened read-only, and
** sees what was committed when it asks.
*/
#include "store_int.h"

struct zhe_store_probe {
    sqlite3 *db;
    sqlite3_stmt *find;
};

zhe_status zhe_store_probe_open(const char *path, zhe_store_probe **out, zhe_error *err)
{
    zhe_store_probe *p = ZHEI_NEW(zhe_store_probe);
    *out = NULL;
    if (sqlite3_open_v2(path, &p->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) !=
            SQLITE_OK ||
        sqlite3_prepare_v2(p->db, "SELECT 1 FROM articles WHERE hash = ?1", -1, &p->find,
                           NULL) != SQLITE_OK) {
        char why[256];
        zhe_status s = zhe_error_set(err, ZHE_ERR_DB, path, 0, UINT64_MAX,
                                     "cannot open the database to read: %s",
                                     zhei_store_why(p->db, NULL, why, sizeof why));
        zhe_store_probe_close(p);
        return s;
    }
    sqlite3_busy_timeout(p->db, 10000);
    *out = p;
    return ZHE_OK;
}

int zhe_store_probe_has(zhe_store_probe *p, const char *hash)
{
    sqlite3_bind_text(p->find, 1, hash, -1, SQLITE_STATIC);
    int found = sqlite3_step(p->find) == SQLITE_ROW;
    sqlite3_reset(p->find);
    return found;
}

void zhe_store_probe_close(zhe_store_probe *p)
{
    if (!p) return;
    sqlite3_finalize(p->find);
    sqlite3_close_v2(p->db);
    zhe_free(p);
}
