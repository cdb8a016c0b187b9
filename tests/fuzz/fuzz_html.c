/*
** fuzz_html.c — fuzz target for the HTML reader (zhei_html_read in
** src/text/html.c): what of a page, parsed by gumbo, is the article's
** title, date and main text; then cleaning, normalization and splitting
** of that text.
**
** The first input byte picks options: whether the rest is decoded as the
** reader would (detected encoding) or as UTF-8 repaired, and whether the
** page is put after a <body> that opens with a <script> and a <style>,
** each holding a marker word (placed first, where the tokenizer surely
** reads them as elements, not as text).  Beyond "no crash": the reader
** fails only as "no text" (with a message); the raw text is valid UTF-8
** with no NUL, trimmed, its white space collapsed the way a browser shows
** it (single spaces and single line breaks, never side by side); title,
** source and url are clean UTF-8, the date a real day; the script's and
** the style's text never reaches the raw text (unless the page itself
** could spell a marker: it holds one, split or not by NULs and markup
** that the reader leaves out, or an '&'); and zhe_text_prepare
** keeps the promises of fuzz_check.h.
**
** Built with -Dfuzzing=true -Dfuzzer_ldflags=-fsanitize=fuzzer it is a
** libFuzzer target; otherwise fuzz_main.c replays a corpus through it.
*/
#include "../../src/text/text_int.h"

#include "fuzz_check.h"

#define S_SCRIPT_MARK "zhefuzzscriptmark"
#define S_STYLE_MARK "zhefuzzstylemark"

/*
** 1 if the page s[0..len) may spell the marker m (lower case, under 32
** letters) in its text as the HTML reader reads it: m's letters in order,
** in any case, with nothing between two of them but what never reaches
** the text and so joins the text on either side — NUL bytes, which the
** decoder keeps and gumbo drops from text (正文zhef, 80 NULs, uzzstylemark
** is read as 正文zhefuzzstylemark), and markup, anything from a '<' to a
** '>' (zhef<b></b>uzz, zhef<!-- -->uzz, a table's cells between text that
** gumbo moves out of the table).  html.c itself takes nothing out of the
** page before gumbo: its flattening puts a space where it drops a tag.
** Loose on purpose: a false "may" only skips the check.
**
** The letters matched so far are a set of states, as a regular
** expression engine keeps them: bit j of `out` says the first j letters
** end here outside markup, bit j of `in` that they were followed by a '<'
** and no '>' has been taken as its end yet.
*/
static int S_may_spell(const char *s, size_t len, const char *m)
{
    size_t n = strlen(m);
    uint32_t out = 0, in = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        uint32_t out2 = 0, in2 = in;        /* in markup, any byte goes */
        if (c == '>') out2 |= in;           /* this may end the markup */
        if (c == '<') in2 |= out;
        if (c == '\0') out2 |= out;
        for (size_t j = 0; j < n; j++) {
            if ((j == 0 || (out >> j & 1)) && (c | 0x20) == (unsigned char)m[j]) {
                if (j + 1 == n) return 1;
                out2 |= (uint32_t)1 << (j + 1);
            }
        }
        out = out2;
        in = in2;
    }
    return 0;
}

/* 1 if the page may spell a marker itself, with an entity (an '&'), or
 * in the text as the reader reads it (S_may_spell): then finding one in
 * the text proves nothing. */
static int S_may_leak(const char *s, size_t len)
{
    static const char *const marks[] = { S_SCRIPT_MARK, S_STYLE_MARK };
    if (memchr(s, '&', len)) return 1;
    for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
        if (S_may_spell(s, len, marks[i])) return 1;
    return 0;
}

static void S_check_raw(const zhe_article *a)
{
    const char *r = a->raw;
    size_t n = a->raw_len;
    if (n == 0 || strlen(r) != n) fuzz_fail("raw text empty or holding a NUL", a->id);
    if (r[0] == ' ' || r[0] == '\n' || r[n - 1] == ' ' || r[n - 1] == '\n')
        fuzz_fail("raw text not trimmed", a->id);
    for (size_t i = 0; i < n; i++) {
        if (r[i] == '\t' || r[i] == '\r' || r[i] == '\f' || r[i] == '\v')
            fuzz_fail("white space not collapsed", a->id);
        if ((r[i] == ' ' || r[i] == '\n') && (r[i + 1] == ' ' || r[i + 1] == '\n'))
            fuzz_fail("white space side by side", a->id);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static zhe_text *tx;
    if (size < 1) return 0;
    if (!tx && zhe_text_new(NULL, &tx, NULL) != ZHE_OK) abort();
    const char *s = (const char *)data + 1;
    size_t len = size - 1;
    int detect = data[0] & 1, noise = (data[0] & 2) != 0;

    /* The page as the reader hands it over: decoded, valid UTF-8. */
    zhe_encoding enc = detect ? zhe_encoding_detect(s, len, 1) : ZHE_ENC_UTF8;
    zhe_decoder *d;
    if (zhe_decoder_new(enc, &d, NULL) != ZHE_OK) abort();
    static const char noise_html[] = "<body><script>var a = '" S_SCRIPT_MARK "';</script>"
                                     "<style>p { font: " S_STYLE_MARK " }</style>";
    zhe_buf page = ZHE_BUF_INIT;
    if (noise) zhe_buf_puts(&page, noise_html);
    zhe_decoder_feed(d, s, len, &page);
    zhe_decoder_finish(d, &page);
    zhe_decoder_free(d);
    size_t skip = noise ? sizeof noise_html - 1 : 0;
    int leak_check = noise && !S_may_leak(page.ptr + skip, page.len - skip);
    /* an exact copy, so reading past the page is caught */
    char *copy = malloc(page.len ? page.len : 1);
    if (!copy) abort();
    memcpy(copy, page.ptr ? page.ptr : "", page.len);

    zhe_article *a;

    zhe_article_new(&a, NULL);
    zhe_error err;
    zhe_status st = zhei_html_read(a, copy, page.len, &err);
    if (st != ZHE_OK) {
        if ((st != ZHE_ERR_EMPTY && st != ZHE_ERR_FORMAT) || !err.message[0])
            fuzz_fail("a failure other than \"no text\", or without a message", a->id);
    } else {
        zhe_free(a->id);
        a->id = zhe_strdup("fuzz.html");
        fuzz_check_article(a);
        S_check_raw(a);
        if (leak_check && (strstr(a->raw, S_SCRIPT_MARK) || strstr(a->raw, S_STYLE_MARK)))
            fuzz_fail("script or style text in the article text", a->id);
        if (zhe_text_prepare(tx, a, NULL) != ZHE_OK) fuzz_fail("prepare failed", a->id);
        fuzz_check_prepared(a);
    }
    zhe_article_free(a);
    free(copy);
    zhe_buf_clear(&page);
    return 0;
}
