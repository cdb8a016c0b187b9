/*
** sql.c — how the store runs SQL, and what it says when SQLite fails:
** every failure becomes a zhe_error (ZHE_ERR_DB) naming the database
** file, in words that tell a full disk or a failing one from a bad query.
** The helpers of store_int.h that every other file of the store calls.
*/
#include "store_int.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* Why db's last call failed (msg: SQLite's message, NULL for the
 * connection's), in words a person at a full or failing disk reads
 * right: SQLite says "database or disk is full" for a full disk, "disk
 * I/O error" without what failed, and "database disk image is malformed"
 * for a read the disk refused.  Returns msg, or buf holding more. */
const char *zhei_store_why(sqlite3 *db, const char *msg, char *buf, size_t cap)
{
    if (!db) return "out of memory";
    if (!msg) msg = sqlite3_errmsg(db);
    int ext = sqlite3_extended_errcode(db), code = ext & 0xFF;
    /* the errno is kept only for these two codes: with others it is stale */
    int sys = code == SQLITE_IOERR || code == SQLITE_CANTOPEN ? sqlite3_system_errno(db) : 0;
    const char *op = ext == SQLITE_IOERR_READ || ext == SQLITE_IOERR_SHORT_READ ? "reading"
                     : ext == SQLITE_IOERR_WRITE ? "writing"
                     : ext == SQLITE_IOERR_FSYNC || ext == SQLITE_IOERR_DIR_FSYNC ? "syncing"
                     : NULL;
    if (code == SQLITE_FULL) {
        /* SQLite turns ENOSPC into SQLITE_FULL and forgets the errno */
        snprintf(buf, cap, "the disk is full (%s)", msg);
    } else if (sys == ENOSPC || sys == EDQUOT) {
        snprintf(buf, cap, "the disk is full (%s: %s)", msg, strerror(sys));
    } else if (code == SQLITE_CORRUPT) {
        /* SQLite (3.40 at least) reports a read that failed with EIO so */
        snprintf(buf, cap, "%s (or a read from the disk failed: PRAGMA integrity_check "
                           "tells which)", msg);
    } else if (op || sys) {
        /* errno is the thread's at the time SQLite noted the error, which
         * later calls may have changed: the operation is the surer word */
        snprintf(buf, cap, "%s (%s%s%s)", msg, op ? op : "", op && sys ? ": " : "",
                 sys ? strerror(sys) : "");
    } else {
        return msg;
    }
    return buf;
}

zhe_status zhei_store_fail(zhe_store *st, zhe_error *err, const char *what)
{
    char why[256];
    return zhe_error_set(err, ZHE_ERR_DB, st->path, 0, UINT64_MAX, "%s: %s", what,
                         zhei_store_why(st->db, NULL, why, sizeof why));
}

zhe_status zhei_store_exec(zhe_store *st, const char *sql, zhe_error *err)
{
    char *msg = NULL, why[256];
    if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) == SQLITE_OK) return ZHE_OK;
    zhe_status rc = zhe_error_set(err, ZHE_ERR_DB, st->path, 0, UINT64_MAX, "%s",
                                  zhei_store_why(st->db, msg, why, sizeof why));
    sqlite3_free(msg);
    return rc;
}

zhe_status zhei_store_prepare(zhe_store *st, const char *sql, sqlite3_stmt **stmt,
                              zhe_error *err)
{
    if (sqlite3_prepare_v2(st->db, sql, -1, stmt, NULL) == SQLITE_OK) return ZHE_OK;
    *stmt = NULL;
    return zhei_store_fail(st, err, "cannot prepare a statement");
}

zhe_status zhei_store_step(zhe_store *st, sqlite3_stmt *q, zhe_error *err, const char *what)
{
    int rc = sqlite3_step(q);
    zhe_status s = ZHE_OK;
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) s = zhei_store_fail(st, err, what);
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    return s;
}

double zhei_store_col_num(sqlite3_stmt *q, int i)
{
    return sqlite3_column_type(q, i) == SQLITE_NULL ? NAN : sqlite3_column_double(q, i);
}
