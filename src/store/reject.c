/*
** reject.c — inputs that could not be read, in the `rejects` table: the
** file, line and byte offset the reader reported, its reason without the
** place it starts with, an excerpt of the input, and the ingest run.  A
** reject is written in the open batch (run.c), like an article.
*/
#include "store_int.h"

#include <string.h>

/* Bind s[0..len) as text, or NULL when s is NULL. */
static void S_text(sqlite3_stmt *q, int i, const char *s, size_t len)
{
    if (s) sqlite3_bind_text(q, i, s, (int)len, SQLITE_STATIC);
    else sqlite3_bind_null(q, i);
}

zhe_status zhei_store_reject_prepare(zhe_store *st, zhe_error *err)
{
    return zhei_store_prepare(st,
                              "INSERT INTO rejects (run_id, file, line, \"offset\", reason,"
                              " excerpt) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                              &st->stmt[ZHEI_STMT_ADD_REJECT], err);
}

/* The reason of a reader's message, without the "path:line: " it starts
 * with (the rejects table has columns for those). */
static const char *S_reason(const zhe_error *rej)
{
    const char *m = rej->message;
    size_t n = strlen(rej->path);
    if (!n || strncmp(m, rej->path, n) != 0 || m[n] != ':') return m;
    m += n + 1;
    if (*m >= '0' && *m <= '9') {
        while (*m >= '0' && *m <= '9') m++;
        if (*m == ':') m++;
    }
    while (*m == ' ') m++;
    if (!strncmp(m, "byte ", 5)) {
        const char *p = m + 5;
        while (*p >= '0' && *p <= '9') p++;
        if (*p == ':') {
            m = p + 1;
            while (*m == ' ') m++;
        }
    }
    return m;
}

zhe_status zhe_store_reject(zhe_store *st, const zhe_error *rej, const char *excerpt,
                            size_t excerpt_len, zhe_error *err)
{
    zhe_status s = zhei_store_batch_begin(st, err);
    if (s != ZHE_OK) return s;
    sqlite3_stmt *q = st->stmt[ZHEI_STMT_ADD_REJECT];
    if (st->run_id) sqlite3_bind_int64(q, 1, st->run_id);
    sqlite3_bind_text(q, 2, rej->path[0] ? rej->path : "-", -1, SQLITE_STATIC);
    if (rej->line) sqlite3_bind_int64(q, 3, (sqlite3_int64)rej->line);
    if (rej->offset != UINT64_MAX) sqlite3_bind_int64(q, 4, (sqlite3_int64)rej->offset);
    sqlite3_bind_text(q, 5, S_reason(rej), -1, SQLITE_STATIC);
    S_text(q, 6, excerpt, excerpt_len);
    return zhei_store_step(st, q, err, "cannot record a reject");
}
