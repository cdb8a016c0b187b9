/*
** read_html.c — the HTML format of the reader (reader_int.h): an input
** that is one web page, read whole (source.c) and made an article by the
** HTML reader, html.c: title, publication date and main text.
*/
#include "reader_int.h"

/* A page starts with '<' and shows one of these tags within its first
 * 4096 bytes. */
static int S_sniff(const char *s, size_t len)
{
    static const char *const tags[] = { "<!doctype html", "<html", "<head", "<body",
                                        "<meta", "<title", "<div", "<p>", "<p ",
                                        "<article", "<!--" };
    return len && s[0] == '<' && zhei_html_has_tag(s, len, 4096, tags, ZHEI_ARRAY_LEN(tags));
}

/* The page s[0..len) as a: html.c's reading, its failure ("no text")
 * reported with the input's path. */
static zhe_status S_body(zhei_source *src, zhe_article *a, const char *s, size_t len,
                         zhe_error *err)
{
    zhe_error e2;
    zhe_status st = zhei_html_read(a, s, len, &e2);
    if (st != ZHE_OK) zhe_error_set(err, st, src->path, 0, UINT64_MAX, "%s", e2.message);
    return st;
}

/* The page, once it is read whole. */
static zhe_status S_next(zhei_source *src, zhe_article **out, zhe_error *err)
{
    return zhei_source_whole(src, out, err, S_body);
}

const zhei_format zhei_format_html = { "html", S_sniff, S_next };
