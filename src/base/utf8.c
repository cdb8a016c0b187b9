/*
** utf8.c — the UTF-8 primitives: decode one code point strictly (no
** overlongs, no surrogates, nothing above U+10FFFF), encode, count,
** validate and make valid.  Decoding is on the hot path of every stage, so the ASCII case
** comes first and validation skips eight ASCII bytes at a time.
*/
#include "base_int.h"

#include <string.h>

size_t zhe_utf8_decode(const char *str, size_t len, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t n;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2, v = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3, v = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4, v = c & 0x07, min = 0x10000;
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    if (len < n) {
        *cp = 0xFFFD;
        return 1;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = v;
    return n;
}

size_t zhe_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t zhe_utf8_count(const char *s, size_t len)
{
    /* Count the bytes that are not continuation bytes (10xxxxxx), eight at
     * a time: a continuation byte has its top bit set and the next one
     * clear. */
    size_t n = 0, i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t cont = w & ~(w << 1) & 0x8080808080808080ULL;
        n += 8 - (size_t)__builtin_popcountll(cont);
    }
    for (; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* 1 if the 8 bytes at s are all ASCII. */
static inline int S_ascii8(const unsigned char *s)
{
    uint64_t w;
    memcpy(&w, s, 8);
    return (w & 0x8080808080808080ULL) == 0;
}

int zhe_utf8_valid(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        if (i + 8 <= len && S_ascii8(s + i)) {
            i += 8;
            continue;
        }
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = zhei_utf8_next(str + i, len - i, &cp);
        if (cp == 0xFFFD && n == 1) return 0;
        i += n;
    }
    return 1;
}

size_t zhei_cp_cursor_at(zhei_cp_cursor *c, size_t byte)
{
    if (byte > c->len) byte = c->len;
    if (byte < c->byte) c->byte = c->cp = 0;    /* behind: count again from the start */
    c->cp += zhe_utf8_count(c->s + c->byte, byte - c->byte);
    c->byte = byte;
    return c->cp;
}

void zhe_buf_put_utf8(zhe_buf *b, const char *s, size_t len)
{
    if (zhe_utf8_valid(s, len)) {
        zhe_buf_put(b, s, len);
        return;
    }
    char u[4];
    uint32_t cp;
    for (size_t i = 0; i < len;) {
        i += zhe_utf8_decode(s + i, len - i, &cp);
        zhe_buf_put(b, u, zhe_utf8_encode(cp, u));
    }
}

const char *zhei_memmem(const char *hay, size_t n, const char *needle, size_t m)
{
    if (m == 0) return hay;
    if (m > n) return NULL;
    if (m == 1) return memchr(hay, needle[0], n);
    /* needle[1] at p means needle at p - 1: p runs over hay[1 .. n - m + 1] */
    const char *p = hay + 1, *last = hay + (n - m) + 1;
    while (p <= last && (p = memchr(p, needle[1], (size_t)(last - p) + 1)) != NULL) {
        if (p[-1] == needle[0] && memcmp(p + 1, needle + 2, m - 2) == 0) return p - 1;
        p++;
    }
    return NULL;
}
