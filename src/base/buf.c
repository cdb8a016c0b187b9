/*
** buf.c — zhe_buf, the growable byte buffer every stage writes into.
*/
#include "base_int.h"

#include <stdio.h>
#include <string.h>

void zhe_buf_init(zhe_buf *b)
{
    b->ptr = NULL;
    b->len = b->cap = 0;
}

void zhe_buf_clear(zhe_buf *b)
{
    zhe_free(b->ptr);
    zhe_buf_init(b);
}

void zhe_buf_reserve(zhe_buf *b, size_t more)
{
    size_t need = b->len + more + 1;
    if (need <= b->cap) return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need) cap += cap / 2 + 64;
    b->ptr = zhe_xrealloc(b->ptr, cap);
    b->cap = cap;
}

void zhe_buf_put(zhe_buf *b, const char *s, size_t len)
{
    zhe_buf_reserve(b, len);
    if (len) memcpy(b->ptr + b->len, s, len);
    b->len += len;
    b->ptr[b->len] = '\0';
}

void zhe_buf_puts(zhe_buf *b, const char *s)
{
    zhe_buf_put(b, s, strlen(s));
}

void zhe_buf_putc(zhe_buf *b, char c)
{
    zhe_buf_reserve(b, 1);
    b->ptr[b->len++] = c;
    b->ptr[b->len] = '\0';
}

void zhe_buf_printf(zhe_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[256];
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    if (n >= 0 && (size_t)n < sizeof tmp) {
        zhe_buf_put(b, tmp, (size_t)n);
    } else if (n >= 0) {
        zhe_buf_reserve(b, (size_t)n);
        vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap2);
        b->len += (size_t)n;
    }
    va_end(ap2);
    va_end(ap);
}

void zhe_buf_consume(zhe_buf *b, size_t n)
{
    if (n >= b->len) {
        b->len = 0;
    } else {
        memmove(b->ptr, b->ptr + n, b->len - n);
        b->len -= n;
    }
    if (b->ptr) b->ptr[b->len] = '\0';
}

void zhe_buf_truncate(zhe_buf *b, size_t n)
{
    if (n < b->len) {
        b->len = n;
        b->ptr[n] = '\0';
    }
}

char *zhe_buf_detach(zhe_buf *b, size_t *len)
{
    /* Not only when nothing was allocated: a buffer that was reserved
     * but never written has no NUL yet either. */
    zhe_buf_reserve(b, 0);
    b->ptr[b->len] = '\0';
    char *p = b->ptr;
    if (len) *len = b->len;
    zhe_buf_init(b);
    return p;
}
