/*
** article.c — the article and its fields: making and freeing a
** zhe_article, setting one of its strings, and code point offsets into its
** raw text.  Every file of the text stage that fills an article (the
** readers, html.c, published.c, clean.c) sets its fields through here, so
** this file comes first after the decoder and depends on no other file of
** the stage.
*/
#include "text_int.h"

#include <string.h>

/* Replace *dst (a string the article owns) by a copy of s[0..len). */
void zhei_str_set(char **dst, const char *s, size_t len)
{
    zhe_free(*dst);
    *dst = zhe_strndup(s, len);
}

/* The same for a metadata field: trimmed, control characters made spaces
 * (see text_int.h). */
void zhei_meta_set(char **dst, const char *s, size_t len)
{
    while (len && zhei_is_space((unsigned char)*s)) s++, len--;
    while (len && zhei_is_space((unsigned char)s[len - 1])) len--;
    zhei_str_set(dst, s, len);
    for (char *p = *dst; p < *dst + len; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7F) *p = ' ';
}

/* A new article with every string "" (text.h); caller frees. */
zhe_status zhe_article_new(zhe_article **out, zhe_error *err)
{
    (void)err;
    zhe_article *a = *out = ZHEI_NEW(zhe_article);
    a->id = zhe_strdup("");
    a->title = zhe_strdup("");
    a->published = zhe_strdup("");
    a->source = zhe_strdup("");
    a->url = zhe_strdup("");
    a->path = zhe_strdup("");
    a->raw = zhe_strdup("");
    a->norm = zhe_strdup("");
    a->encoding = "UTF-8";
    a->format = "text";
    return ZHE_OK;
}

/* Free a and everything it owns; a may be NULL. */
void zhe_article_free(zhe_article *a)
{
    if (!a) return;
    zhe_free(a->id);
    zhe_free(a->title);
    zhe_free(a->published);
    zhe_free(a->source);
    zhe_free(a->url);
    zhe_free(a->path);
    zhe_free(a->raw);
    zhe_free(a->kept);
    zhe_free(a->cuts);
    zhe_free(a->norm);
    zhe_free(a->map.anchors);
    zhe_free(a->sentences);
    zhe_free(a);
}

/* The code point offset of raw byte offset `byte`, clamped to raw_len. */
size_t zhe_article_cp_offset(const zhe_article *a, size_t byte)
{
    return zhe_utf8_count(a->raw, ZHEI_MIN(byte, a->raw_len));
}
