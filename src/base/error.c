/*
** error.c — status names and the error record.
*/
#include "base_int.h"

#include <stdio.h>
#include <string.h>

static const char *const S_status_names[] = {
    [ZHE_OK] = "ok",
    [ZHE_DONE] = "done",
    [ZHE_ERR_IO] = "I/O error",
    [ZHE_ERR_FORMAT] = "format error",
    [ZHE_ERR_ENCODING] = "encoding error",
    [ZHE_ERR_TOO_BIG] = "input too big",
    [ZHE_ERR_EMPTY] = "no article text",
    [ZHE_ERR_USAGE] = "usage error",
    [ZHE_ERR_ICU] = "ICU error",
    [ZHE_ERR_DATA] = "data file error",
    [ZHE_ERR_INTERNAL] = "internal error",
    [ZHE_ERR_DB] = "database error",
};

const char *zhe_status_str(zhe_status st)
{
    if ((size_t)st < ZHEI_ARRAY_LEN(S_status_names) && S_status_names[st])
        return S_status_names[st];
    return "unknown status";
}

void zhe_error_clear(zhe_error *err)
{
    if (!err) return;
    err->status = ZHE_OK;
    err->message[0] = '\0';
    err->path[0] = '\0';
    err->line = 0;
    err->offset = UINT64_MAX;
}

zhe_status zhe_error_set(zhe_error *err, zhe_status st, const char *path, uint64_t line,
                         uint64_t offset, const char *fmt, ...)
{
    if (!err) return st;
    err->status = st;
    err->line = line;
    err->offset = offset;
    snprintf(err->path, sizeof err->path, "%s", path ? path : "");

    size_t n = 0;
    int k = 0;
    if (path && *path) {
        if (line)
            k = snprintf(err->message, sizeof err->message, "%s:%llu: ", path,
                         (unsigned long long)line);
        else if (offset != UINT64_MAX)
            k = snprintf(err->message, sizeof err->message, "%s: byte %llu: ", path,
                         (unsigned long long)offset);
        else
            k = snprintf(err->message, sizeof err->message, "%s: ", path);
    }
    if (k > 0) n = (size_t)k < sizeof err->message ? (size_t)k : sizeof err->message - 1;

    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message + n, sizeof err->message - n, fmt, ap);
    va_end(ap);
    return st;
}
