/*
** tsv.c — the lexicons' file format: tab-separated columns, one entry a
** line, '#' comments and blank lines skipped, CRLF tolerated.
*/
#include "lexicon_int.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

zhe_status zhei_tsv_open(zhei_tsv *t, const char *dir, const char *name, zhe_error *err)
{
    memset(t, 0, sizeof *t);
    zhe_buf path = ZHE_BUF_INIT;
    zhe_buf_printf(&path, "%s/%s", dir, name);
    t->path = zhe_buf_detach(&path, NULL);
    FILE *f = fopen(t->path, "rb");
    if (!f)
        return zhe_error_set(err, ZHE_ERR_DATA, t->path, 0, UINT64_MAX, "cannot open: %s",
                             strerror(errno));
    zhe_buf b = ZHE_BUF_INIT;
    char tmp[1 << 16];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) zhe_buf_put(&b, tmp, n);
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        zhe_buf_clear(&b);
        return zhe_error_set(err, ZHE_ERR_DATA, t->path, 0, UINT64_MAX, "cannot read: %s",
                             strerror(errno));
    }
    if (!b.ptr) zhe_buf_puts(&b, "");
    size_t len;
    t->text = zhe_buf_detach(&b, &len);
    t->p = t->text;
    t->end = t->text + len;
    return ZHE_OK;
}

int zhei_tsv_next(zhei_tsv *t)
{
    while (t->p && t->p < t->end) {
        char *p = t->p;
        char *nl = memchr(p, '\n', (size_t)(t->end - p));
        char *e = nl ? nl : t->end;
        t->p = e + 1;
        t->line++;
        if (e > p && e[-1] == '\r') e[-1] = '\0';
        *e = '\0';      /* the buffer has a NUL after its end for the last line */
        if (!*p || *p == '#') continue;
        t->ncol = 0;
        for (char *c = p; t->ncol < ZHEI_TSV_MAX_COLS;) {
            t->col[t->ncol++] = c;
            char *tab = strchr(c, '\t');
            if (!tab) break;
            *tab = '\0';
            c = tab + 1;
        }
        return 1;
    }
    return 0;
}

void zhei_tsv_close(zhei_tsv *t)
{
    zhe_free(t->text);
    zhe_free(t->path);
    memset(t, 0, sizeof *t);
}
