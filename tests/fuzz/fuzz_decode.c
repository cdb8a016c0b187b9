/*
** fuzz_decode.c — fuzz target for the first step of the pipeline: charset
** detection (zhe_encoding_detect) and the streaming decoder (zhe_decoder).
**
** The first input byte picks a forced encoding (or all five) and seeds how
** the rest, the bytes, is cut into chunks.  The bytes are detected (whole,
** and their first half as a partial sample), then decoded with the
** detected encoding and with the forced one(s).  Beyond "no crash":
** detection names a definite encoding; fed in chunks of any sizes (empty
** ones among them) the decoder writes exactly the UTF-8, and counts
** exactly the replacements, that it does fed the bytes whole; it appends
** to what its buffer held and leaves that alone; its output is valid
** UTF-8 holding at least as many U+FFFD as it counted; and valid UTF-8
** through the UTF-8 decoder comes out unchanged (less a leading byte
** order mark), with nothing replaced.
**
** Built with -Dfuzzing=true -Dfuzzer_ldflags=-fsanitize=fuzzer it is a
** libFuzzer target; otherwise fuzz_main.c replays a corpus through it.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zhevents/zhevents.h>

static void S_fail(const char *what, zhe_encoding enc)
{
    fprintf(stderr, "invariant broken: %s (decoding as %s)\n", what, zhe_encoding_name(enc));
    abort();
}

/* A small xorshift generator: the chunk sizes, derived from the input. */
static uint32_t S_next(uint32_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 17;
    *x ^= *x << 5;
    return *x;
}

/* Decode s[0..len) with a new decoder for enc onto out, whole or (seed
 * not 0) in chunks of at most `most` bytes.  Returns the replacements. */
static size_t S_decode(zhe_encoding enc, const char *s, size_t len, uint32_t seed, size_t most,
                       zhe_buf *out)
{
    zhe_decoder *d;
    if (zhe_decoder_new(enc, &d, NULL) != ZHE_OK) S_fail("no decoder", enc);
    if (!seed) {
        zhe_decoder_feed(d, s, len, out);
    } else {
        for (size_t at = 0; at < len;) {
            uint32_t r = S_next(&seed);
            size_t n = r % 8 == 0 ? 0 : 1 + (r >> 3) % most;    /* an empty chunk now and then */
            if (n > len - at) n = len - at;
            zhe_decoder_feed(d, s + at, n, out);
            at += n;
        }
    }
    zhe_decoder_finish(d, out);
    size_t n = zhe_decoder_replacements(d);
    zhe_decoder_free(d);
    return n;
}

/* Occurrences of U+FFFD in s[0..len). */
static size_t S_count_fffd(const char *s, size_t len)
{
    size_t n = 0;
    for (const char *p = s; (p = memmem(p, len - (size_t)(p - s), "\xEF\xBF\xBD", 3)); p += 3)
        n++;
    return n;
}

static void S_check(zhe_encoding enc, const char *s, size_t len, uint32_t seed, size_t most)
{
    static const char prefix[] = "\xEF\xBB\xBFprefix";      /* a BOM the decoder must leave */
    zhe_buf whole = ZHE_BUF_INIT, split = ZHE_BUF_INIT;
    size_t n_whole = S_decode(enc, s, len, 0, most, &whole);
    zhe_buf_put(&split, prefix, sizeof prefix - 1);
    size_t n_split = S_decode(enc, s, len, seed | 1, most, &split);
    if (split.len < sizeof prefix - 1 || memcmp(split.ptr, prefix, sizeof prefix - 1) != 0)
        S_fail("the decoder changed what its buffer held", enc);
    if (n_whole != n_split) S_fail("chunks count other replacements than the whole", enc);
    if (whole.len != split.len - (sizeof prefix - 1) ||
        memcmp(whole.ptr ? whole.ptr : "", split.ptr + sizeof prefix - 1, whole.len) != 0)
        S_fail("chunks decode to other text than the whole", enc);
    if (!zhe_utf8_valid(whole.ptr ? whole.ptr : "", whole.len))
        S_fail("the output is not UTF-8", enc);
    if (S_count_fffd(whole.ptr ? whole.ptr : "", whole.len) < n_whole)
        S_fail("more replacements counted than written", enc);
    if (enc == ZHE_ENC_UTF8 && zhe_utf8_valid(s, len)) {
        size_t bom = len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
        if (n_whole || whole.len != len - bom ||
            memcmp(whole.ptr ? whole.ptr : "", s + bom, whole.len) != 0)
            S_fail("valid UTF-8 did not come through unchanged", enc);
    }
    zhe_buf_clear(&whole);
    zhe_buf_clear(&split);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const zhe_encoding encs[] = { ZHE_ENC_UTF8, ZHE_ENC_GB18030, ZHE_ENC_BIG5,
                                         ZHE_ENC_UTF16LE, ZHE_ENC_UTF16BE };
    enum { N_ENC = sizeof encs / sizeof *encs };
    static const size_t most[] = { 1, 2, 3, 5, 8, 64, 1000, 4096 };
    if (size < 1) return 0;
    const char *s = (const char *)data + 1;
    size_t len = size - 1;
    /* A copy of exactly len bytes, so reading past it is caught. */
    char *copy = malloc(len ? len : 1);
    if (!copy) abort();
    memcpy(copy, s, len);
    uint32_t seed = 0x9E3779B9u ^ (uint32_t)data[0] << 8 ^ (uint32_t)len;

    zhe_encoding det = zhe_encoding_detect(copy, len, 1);
    zhe_encoding part = zhe_encoding_detect(copy, len / 2, 0);
    if (det == ZHE_ENC_AUTO || !strcmp(zhe_encoding_name(det), "unknown") ||
        part == ZHE_ENC_AUTO || !strcmp(zhe_encoding_name(part), "unknown"))
        S_fail("detection named no definite encoding", det);

    size_t k = data[0] & 7, m = most[(data[0] >> 3) & 7];
    S_check(det, copy, len, seed, m);
    for (size_t i = 0; i < N_ENC; i++)
        if ((k >= N_ENC || i == k) && encs[i] != det) S_check(encs[i], copy, len, seed, m);
    free(copy);
    return 0;
}
