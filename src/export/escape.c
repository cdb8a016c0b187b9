/*
** escape.c — text taken from articles made safe for the format it goes
** into, for every exporter: HTML text and attribute values (the page, and
** TimelineJS, whose text is HTML), CSV cells with formulas neutralized,
** Markdown text and link targets, and the test of which URLs may become
** links.  JSON needs nothing here: jansson escapes it (json.c).
*/
#include "export_int.h"

#include <string.h>
#include <strings.h>

/* ----------------------------------------------------------------- HTML */

void zhei_export_html_escape(zhe_buf *b, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            uint32_t cp;
            size_t n = zhe_utf8_decode(s + i, len - i, &cp);
            if (cp == 0xFFFD && n == 1) zhe_buf_puts(b, "\xEF\xBF\xBD");
            else zhe_buf_put(b, s + i, n);
            i += n - 1;
            continue;
        }
        switch (c) {
        case '&': zhe_buf_puts(b, "&amp;"); break;
        case '<': zhe_buf_puts(b, "&lt;"); break;
        case '>': zhe_buf_puts(b, "&gt;"); break;
        case '"': zhe_buf_puts(b, "&quot;"); break;
        case '\'': zhe_buf_puts(b, "&#39;"); break;
        default:
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
                zhe_buf_putc(b, ' ');
            else zhe_buf_putc(b, (char)c);
        }
    }
}

void zhei_export_html_escape_str(zhe_buf *b, const char *s)
{
    if (s) zhei_export_html_escape(b, s, strlen(s));
}

int zhei_export_web_url(const char *u)
{
    return u && (strncasecmp(u, "http://", 7) == 0 || strncasecmp(u, "https://", 8) == 0);
}

/* ------------------------------------------------------------------ CSV */

void zhei_export_csv_cell(zhe_buf *b, const char *s, int first)
{
    if (!first) zhe_buf_putc(b, ',');
    if (!s) return;
    int formula = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
                  s[0] == '\r';
    int quote = formula || strpbrk(s, ",\"\r\n") != NULL;
    if (quote) zhe_buf_putc(b, '"');
    if (formula) zhe_buf_putc(b, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '"') zhe_buf_putc(b, '"');
        zhe_buf_putc(b, *p);
    }
    if (quote) zhe_buf_putc(b, '"');
}

/* ------------------------------------------------------------- Markdown */

void zhei_export_md_escape(zhe_buf *b, const char *s)
{
    for (; s && *s; s++) {
        if (*s == '<') zhe_buf_puts(b, "&lt;");
        else if (*s == '>') zhe_buf_puts(b, "&gt;");
        else if (*s == '&') zhe_buf_puts(b, "&amp;");
        else if (*s == '\n' || *s == '\r') zhe_buf_putc(b, ' ');
        else {
            if (strchr("\\`*_[]()|~", *s)) zhe_buf_putc(b, '\\');
            zhe_buf_putc(b, *s);
        }
    }
}

void zhei_export_md_url(zhe_buf *b, const char *url)
{
    for (const char *p = url; *p; p++)
        if (*p == ' ') zhe_buf_puts(b, "%20");
        else if (*p == '<') zhe_buf_puts(b, "%3C");
        else if (*p == '>') zhe_buf_puts(b, "%3E");
        else zhe_buf_putc(b, *p);
}
