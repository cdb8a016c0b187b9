/*
** page.c — the HTML page as html.c and svg.c write it: a buffer flushed
** to the FILE in pieces of 64 KB as the page is built, with what goes in
** escaped (escape.c) unless it is the page's own markup, and the CSS class
** each event type has on the page (html.c's stylesheet colours it; the
** list, the charts and the legend all use it).
*/
#include "export_int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* -------------------------------------------------------------- writing */

enum { S_FLUSH_AT = 64 * 1024 };

void zhei_export_page_flush(zhei_export_page *p)
{
    if (!p->failed && p->b.len) {
        errno = 0;
        if (fwrite(p->b.ptr, 1, p->b.len, p->out) != p->b.len || ferror(p->out)) {
            p->failed = 1;
            p->errnum = errno;
        }
    }
    zhe_buf_truncate(&p->b, 0);
}

void zhei_export_page_put(zhei_export_page *p, const char *s)
{
    zhe_buf_puts(&p->b, s);
    if (p->b.len >= S_FLUSH_AT) zhei_export_page_flush(p);
}

void zhei_export_page_printf(zhei_export_page *p, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n < sizeof tmp) {
        zhei_export_page_put(p, tmp);
        return;
    }
    char *big = zhe_xcalloc((size_t)n + 1, 1);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    zhei_export_page_put(p, big);
    zhe_free(big);
}

void zhei_export_page_esc(zhei_export_page *p, const char *s)
{
    if (!s) return;
    zhei_export_html_escape(&p->b, s, strlen(s));
    if (p->b.len >= S_FLUSH_AT) zhei_export_page_flush(p);
}

void zhei_export_page_esc_buf(zhei_export_page *p, const zhe_buf *t)
{
    if (t->len) zhei_export_html_escape(&p->b, t->ptr, t->len);
    if (p->b.len >= S_FLUSH_AT) zhei_export_page_flush(p);
}

/* ------------------------------------------------------- event types */

const char *zhei_export_type_class(size_t t)
{
    static const char *const classes[ZHEI_EXPORT_N_TYPES + 1] = {
        /* by zhei_export_type_index */
        "t-export", "t-price", "t-launch", "t-shipment", "t-capacity", "t-other",
    };
    return classes[t < ZHEI_EXPORT_N_TYPES ? t : ZHEI_EXPORT_TYPE_OTHER];
}
