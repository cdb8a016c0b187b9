/*
** split.c — normalized text to sentences.
**
** A sentence ends at 。！？；… (after NFKC the full-width ！？； are ASCII
** ! ? ;, and … is "..."), and at every line break, which after cleaning
** separates paragraphs.  Closing quotes and brackets that follow the end
** belong to the sentence they close: “有需要的私我。” is one sentence with
** its quotation marks.  An ellipsis inside a quotation that goes on is a
** pause, not an end.  Sentences are trimmed of spaces; empty ones are
** not listed.
*/
#include "text_int.h"

#include <string.h>

/* For each byte that starts a character which is neither a line break nor
 * the start of a sentence-ending mark, the character's length; 0 for the
 * bytes worth a closer look ('\n' ! . ; ? and the leads E2 E3 EF). */
static const unsigned char S_step[256] = {
#define R16(x) x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1,     /* 0x00: '\n' */
    R16(1),
    1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1,     /* 0x20: '!' '.' */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 0,     /* 0x30: ';' '?' */
    R16(1), R16(1), R16(1), R16(1),
    R16(1), R16(1), R16(1), R16(1),                     /* 0x80: stray continuation */
    R16(2), R16(2),                                     /* 0xC0 */
    3, 3, 0, 0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0,     /* 0xE0: E2 E3 EF */
    4, 4, 4, 4, 4, 4, 4, 4, 1, 1, 1, 1, 1, 1, 1, 1,     /* 0xF0 */
#undef R16
};

/* Length of a sentence-ending mark at s[0..len), or 0. */
static size_t S_ender(const char *s, size_t len)
{
    unsigned char c = (unsigned char)s[0];
    if (c == '!' || c == '?' || c == ';') return 1;
    if (c == '.' && len >= 3 && s[1] == '.' && s[2] == '.') return 3;
    if (c != 0xE2 && c != 0xE3 && c != 0xEF) return 0;  /* the leads of the marks below */
    static const char *const marks[] = { "。", "！", "？", "；", "…", "｡" };
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
        size_t n = strlen(marks[i]);
        if (len >= n && memcmp(s, marks[i], n) == 0) return n;
    }
    return 0;
}

/* Length of a closing quote or bracket at s[0..len), or 0. */
static size_t S_closer(const char *s, size_t len)
{
    unsigned char c = (unsigned char)s[0];
    if (c == '"' || c == '\'' || c == ')' || c == ']') return 1;
    if (c != 0xE2 && c != 0xE3 && c != 0xEF) return 0;  /* the leads of the marks below */
    static const char *const marks[] = { "”", "’", "」", "』", "）", "】", "》", "〉", "〕" };
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
        size_t n = strlen(marks[i]);
        if (len >= n && memcmp(s, marks[i], n) == 0) return n;
    }
    return 0;
}

static void S_add(zhe_article *a, size_t *cap, size_t start, size_t end)
{
    while (start < end && a->norm[start] == ' ') start++;
    while (end > start && a->norm[end - 1] == ' ') end--;
    if (start == end) return;
    ZHEI_GROW(&a->sentences, cap, a->n_sentences + 1);
    a->sentences[a->n_sentences].off = start;
    a->sentences[a->n_sentences].len = end - start;
    a->n_sentences++;
}

/* +1 for an opening quotation mark at s (“ 「 『), -1 for a closing one
 * (” 」 』), 0 otherwise. */
static int S_quote(const char *s, size_t len)
{
    if (len < 3) return 0;
    if (memcmp(s, "“", 3) == 0 || memcmp(s, "「", 3) == 0 || memcmp(s, "『", 3) == 0) return 1;
    if (memcmp(s, "”", 3) == 0 || memcmp(s, "」", 3) == 0 || memcmp(s, "』", 3) == 0) return -1;
    return 0;
}

void zhe_split(zhe_article *a)
{
    const char *s = a->norm;
    size_t len = a->norm_len, cap = 0, start = 0, i = 0;
    int quoted = 0;         /* depth of open quotation marks */
    zhe_free(a->sentences);
    a->sentences = NULL;
    a->n_sentences = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (S_step[c]) {            /* not a mark: skip the whole character */
            i += S_step[c];
            continue;
        }
        if (c == '\n') {
            S_add(a, &cap, start, i);
            start = ++i;
            quoted = 0;
            continue;
        }
        size_t n = S_ender(s + i, len - i);
        if (!n) {
            int q = S_quote(s + i, len - i);
            quoted = q < 0 ? (quoted ? quoted - 1 : 0) : quoted + q;
            i += (c & 0xE0) == 0xE0 ? 3 : 1;
            continue;
        }
        /* An ellipsis inside a quotation that goes on ("H100是最先进的……即使
         *对于AWS来说也很难获得。”) is a pause, not an end. */
        int ellipsis = s[i] == '.' || (unsigned char)s[i] == 0xE2;
        i += n;
        while (ellipsis && i < len && (s[i] == '.' || (unsigned char)s[i] == 0xE2) &&
               S_ender(s + i, len - i) == n)
            i += n;
        if (ellipsis && quoted && i < len && s[i] != '\n' && !S_closer(s + i, len - i)) continue;
        /* Further enders (？！, ……) and closing marks stay with it. */
        for (;;) {
            size_t k = i < len ? S_ender(s + i, len - i) : 0;
            if (!k && i < len) {
                k = S_closer(s + i, len - i);
                if (k && S_quote(s + i, len - i) < 0 && quoted) quoted--;
            }
            if (!k) break;
            i += k;
        }
        S_add(a, &cap, start, i);
        start = i;
    }
    S_add(a, &cap, start, len);
}
