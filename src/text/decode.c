/*
** decode.c — the first step of the pipeline: bytes in any of the encodings
** Chinese news comes in, to UTF-8.
**
** Detection (zhe_encoding_detect) trusts, in order: a byte order mark;
** strict UTF-8 validity (pure ASCII counts as UTF-8); then a contest between
** GB18030 and Big5.  Statistical detectors, ICU's included, are easily
** fooled by short Chinese texts, so each candidate is decoded and scored:
** decoding errors weigh most, then the share of its Han characters that
** are among the most common ones (common_hanzi.h), an undecodable sequence
** counting as one more uncommon character, with ICU's confidence and an
** HTML <meta charset> as small bonuses.  Big5 read as GB18030
** decodes without errors but into rare characters, and GBK read as Big5
** trips on trail bytes Big5 lacks, so the contest is rarely close.
**
** Decoding (zhe_decoder) is streaming: UTF-8 is validated and repaired by
** hand (it is the hot path, and a copy), everything else goes through
** glibc's iconv.  An incomplete sequence at the end of a chunk is held
** until the next one; an invalid one becomes U+FFFD and is counted.
*/
#include "text_int.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <strings.h>
#include <unicode/ucsdet.h>

#include "common_hanzi.h"

static const char *const S_enc_names[] = {
    [ZHE_ENC_AUTO] = "auto",       [ZHE_ENC_UTF8] = "UTF-8",
    [ZHE_ENC_GB18030] = "GB18030", [ZHE_ENC_BIG5] = "Big5",
    [ZHE_ENC_UTF16LE] = "UTF-16LE", [ZHE_ENC_UTF16BE] = "UTF-16BE",
};

/* The names glibc's iconv knows them by.  CP950 is Microsoft's Big5, which
 * is what Big5 files written on Windows and the web really are. */
static const char *const S_iconv_names[] = {
    [ZHE_ENC_UTF8] = "UTF-8",       [ZHE_ENC_GB18030] = "GB18030",
    [ZHE_ENC_BIG5] = "CP950",       [ZHE_ENC_UTF16LE] = "UTF-16LE",
    [ZHE_ENC_UTF16BE] = "UTF-16BE",
};

static const struct {
    const char *alias;
    zhe_encoding enc;
} S_enc_aliases[] = {
    { "utf-8", ZHE_ENC_UTF8 },        { "utf8", ZHE_ENC_UTF8 },
    { "gb18030", ZHE_ENC_GB18030 },   { "gbk", ZHE_ENC_GB18030 },
    { "gb2312", ZHE_ENC_GB18030 },    { "cp936", ZHE_ENC_GB18030 },
    { "euc-cn", ZHE_ENC_GB18030 },    { "x-gbk", ZHE_ENC_GB18030 },
    { "big5", ZHE_ENC_BIG5 },         { "cp950", ZHE_ENC_BIG5 },
    { "big5-hkscs", ZHE_ENC_BIG5 },   { "x-big5", ZHE_ENC_BIG5 },
    { "utf-16le", ZHE_ENC_UTF16LE },  { "utf16le", ZHE_ENC_UTF16LE },
    { "utf-16be", ZHE_ENC_UTF16BE },  { "utf16be", ZHE_ENC_UTF16BE },
    { "auto", ZHE_ENC_AUTO },
};

const char *zhe_encoding_name(zhe_encoding enc)
{
    if ((size_t)enc < ZHEI_ARRAY_LEN(S_enc_names)) return S_enc_names[enc];
    return "unknown";
}

zhe_status zhe_encoding_parse(const char *name, zhe_encoding *enc)
{
    for (size_t i = 0; i < ZHEI_ARRAY_LEN(S_enc_aliases); i++) {
        if (strcasecmp(name, S_enc_aliases[i].alias) == 0) {
            *enc = S_enc_aliases[i].enc;
            return ZHE_OK;
        }
    }
    return ZHE_ERR_USAGE;
}

int zhei_hanzi_is_common(uint32_t cp)
{
    size_t lo = 0, hi = ZHEI_ARRAY_LEN(S_common_hanzi);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (S_common_hanzi[mid] == cp) return 1;
        if (S_common_hanzi[mid] < cp) lo = mid + 1;
        else hi = mid;
    }
    return 0;
}

/* ------------------------------------------------------------- decoder */

struct zhe_decoder {
    zhe_encoding enc;
    iconv_t cd;             /* (iconv_t)-1 for UTF-8 */
    char hold[8];           /* an incomplete sequence from the last chunk */
    size_t n_hold;
    size_t replaced;
    int at_start;           /* fewer than 3 bytes out yet: a BOM may still come */
    int started;            /* start is set */
    size_t start;           /* out->len when the first chunk was fed */
    uint64_t *marks;        /* where U+FFFD was written, if marks_base is set */
    size_t n_marks, cap_marks;
    int marking;
    uint64_t marks_base;    /* absolute stream position of out->ptr[0] */
};

static const char S_fffd[3] = { (char)0xEF, (char)0xBF, (char)0xBD };

zhe_status zhe_decoder_new(zhe_encoding enc, zhe_decoder **out, zhe_error *err)
{
    *out = NULL;
    if (enc == ZHE_ENC_AUTO || (size_t)enc >= ZHEI_ARRAY_LEN(S_iconv_names))
        return zhe_error_set(err, ZHE_ERR_USAGE, NULL, 0, UINT64_MAX,
                             "zhe_decoder_new: a definite encoding is needed");
    zhe_decoder *d = ZHEI_NEW(zhe_decoder);
    d->enc = enc;
    d->cd = (iconv_t)-1;
    d->at_start = 1;
    if (enc != ZHE_ENC_UTF8) {
        d->cd = iconv_open("UTF-8", S_iconv_names[enc]);
        if (d->cd == (iconv_t)-1) {
            zhe_free(d);
            return zhe_error_set(err, ZHE_ERR_ENCODING, NULL, 0, UINT64_MAX,
                                 "iconv cannot convert from %s", S_iconv_names[enc]);
        }
    }
    *out = d;
    return ZHE_OK;
}

void zhe_decoder_free(zhe_decoder *d)
{
    if (!d) return;
    if (d->cd != (iconv_t)-1) iconv_close(d->cd);
    zhe_free(d->marks);
    zhe_free(d);
}

size_t zhe_decoder_replacements(const zhe_decoder *d)
{
    return d->replaced;
}

/* Write U+FFFD for an invalid sequence, count it and remember where. */
static void S_replace(zhe_decoder *d, zhe_buf *out)
{
    if (d->marking) {
        ZHEI_GROW(&d->marks, &d->cap_marks, d->n_marks + 1);
        d->marks[d->n_marks++] = d->marks_base + out->len;
    }
    zhe_buf_put(out, S_fffd, 3);
    d->replaced++;
}

void zhei_decoder_mark(zhe_decoder *d, uint64_t base)
{
    d->marking = 1;
    d->marks_base = base;
}

size_t zhei_decoder_count_marks(zhe_decoder *d, uint64_t from, uint64_t to)
{
    size_t n = 0, keep = 0;
    for (size_t i = 0; i < d->n_marks; i++) {
        if (d->marks[i] >= from && d->marks[i] < to) n++;
        if (d->marks[i] >= to) d->marks[keep++] = d->marks[i];
    }
    d->n_marks = keep;
    return n;
}

/*
** Length of the UTF-8 sequence that starts at s[0..len) if it is valid,
** 0 if s[0] cannot start one or a later byte breaks it (then *bad is the
** number of bytes to replace with one U+FFFD, the "maximal subpart"), or -1
** if the bytes are a valid but incomplete prefix.
*/
static int S_utf8_seq(const unsigned char *s, size_t len, size_t *bad)
{
    unsigned c = s[0];
    size_t n;
    unsigned lo = 0x80, hi = 0xBF;      /* range of the second byte */
    if (c >= 0xC2 && c <= 0xDF) n = 2;
    else if (c == 0xE0) n = 3, lo = 0xA0;
    else if (c == 0xED) n = 3, hi = 0x9F;
    else if (c >= 0xE1 && c <= 0xEF) n = 3;
    else if (c == 0xF0) n = 4, lo = 0x90;
    else if (c == 0xF4) n = 4, hi = 0x8F;
    else if (c >= 0xF1 && c <= 0xF3) n = 4;
    else {
        *bad = 1;
        return 0;
    }
    for (size_t i = 1; i < n; i++) {
        if (i >= len) return -1;
        unsigned b = s[i];
        unsigned l = i == 1 ? lo : 0x80, h = i == 1 ? hi : 0xBF;
        if (b < l || b > h) {
            *bad = i;
            return 0;
        }
    }
    return (int)n;
}

/* Append the valid UTF-8 of s[0..len) to out, repairing; keep an
 * incomplete tail in d->hold.  Returns nothing: all input is consumed. */
static void S_feed_utf8(zhe_decoder *d, const unsigned char *s, size_t len, zhe_buf *out)
{
    size_t i = 0, run = 0;          /* s[run..i) is valid and not yet copied */
    zhe_buf_reserve(out, len);
    while (i < len) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        /* Most of Chinese text: E1..EC or EE..EF and two continuation bytes
         * (E0 and ED restrict their second byte, so take the long way). */
        if (s[i] >= 0xE1 && s[i] <= 0xEF && s[i] != 0xED && i + 2 < len &&
            (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
            i += 3;
            continue;
        }
        size_t bad = 1;
        int n = S_utf8_seq(s + i, len - i, &bad);
        if (n > 0) {
            i += (size_t)n;
            continue;
        }
        zhe_buf_put(out, (const char *)s + run, i - run);
        if (n < 0) {                /* incomplete at the end of the chunk */
            memcpy(d->hold, s + i, len - i);
            d->n_hold = len - i;
            return;
        }
        S_replace(d, out);
        i += bad;
        run = i;
    }
    zhe_buf_put(out, (const char *)s + run, i - run);
}

/* Run iconv over *in, appending to out.  Stops at the end of the input or
 * at an incomplete sequence (left in *in); invalid input becomes U+FFFD. */
static void S_iconv_run(zhe_decoder *d, const char **in, size_t *inleft, zhe_buf *out)
{
    size_t unit = (d->enc == ZHE_ENC_UTF16LE || d->enc == ZHE_ENC_UTF16BE) ? 2 : 1;
    while (*inleft) {
        zhe_buf_reserve(out, *inleft * 2 + 16);
        char *o = out->ptr + out->len;
        size_t oleft = out->cap - out->len - 1;
        size_t r = iconv(d->cd, (char **)in, inleft, &o, &oleft);
        out->len = (size_t)(o - out->ptr);
        out->ptr[out->len] = '\0';
        if (r != (size_t)-1) break;
        if (errno == E2BIG) continue;
        if (errno == EINVAL) break;         /* incomplete: the caller holds it */
        /* EILSEQ: replace one unit and go on. */
        S_replace(d, out);
        size_t skip = ZHEI_MIN(unit, *inleft);
        *in += skip;
        *inleft -= skip;
    }
}

/* Drop a byte order mark (U+FEFF) from the very start of the output. */
static void S_drop_bom(zhe_decoder *d, zhe_buf *out)
{
    if (!d->at_start || out->len - d->start < 3) return;
    d->at_start = 0;
    if (memcmp(out->ptr + d->start, "\xEF\xBB\xBF", 3) == 0) {
        memmove(out->ptr + d->start, out->ptr + d->start + 3, out->len - d->start - 3);
        zhe_buf_truncate(out, out->len - 3);
    }
}

/* Decode s[0..len) onto out; an incomplete sequence at its end goes to
 * d->hold (empty on entry). */
static void S_decode(zhe_decoder *d, const char *s, size_t len, zhe_buf *out)
{
    if (d->cd == (iconv_t)-1) {
        S_feed_utf8(d, (const unsigned char *)s, len, out);
        return;
    }
    size_t left = len;
    S_iconv_run(d, &s, &left, out);
    while (left >= sizeof d->hold) {    /* longer than any sequence: invalid */
        S_replace(d, out);
        s++, left--;
        S_iconv_run(d, &s, &left, out);
    }
    memcpy(d->hold, s, left);
    d->n_hold = left;
}

void zhe_decoder_feed(zhe_decoder *d, const char *s, size_t len, zhe_buf *out)
{
    if (!d->started) {
        d->started = 1;
        d->start = out->len;
    }
    /* First finish a sequence held from the last chunk, a byte at a time:
     * at most a few bytes are involved. */
    while (d->n_hold && len) {
        char tmp[sizeof d->hold];
        size_t n = d->n_hold;
        memcpy(tmp, d->hold, n);
        tmp[n++] = *s++;
        len--;
        d->n_hold = 0;
        S_decode(d, tmp, n, out);
    }
    if (len) S_decode(d, s, len, out);
    S_drop_bom(d, out);
}

void zhe_decoder_finish(zhe_decoder *d, zhe_buf *out)
{
    /* Nothing fed: the output starts here, not at out's start (a byte
     * order mark already in out is the caller's, not ours to drop). */
    if (!d->started) {
        d->started = 1;
        d->start = out->len;
    }
    if (d->n_hold) {
        S_replace(d, out);
        d->n_hold = 0;
    }
    if (d->cd != (iconv_t)-1) iconv(d->cd, NULL, NULL, NULL, NULL);
    S_drop_bom(d, out);
    d->at_start = 0;
}

/* ----------------------------------------------------------- detection */

typedef struct {
    size_t errors;      /* replaced sequences */
    size_t han;         /* Han characters */
    size_t common;      /* of which common ones */
} S_score;

/* Decode s with enc and score the result. */
static S_score S_try(zhe_encoding enc, const char *s, size_t len, int whole)
{
    S_score sc = { 0, 0, 0 };
    zhe_decoder *d;
    if (zhe_decoder_new(enc, &d, NULL) != ZHE_OK) {
        sc.errors = SIZE_MAX;
        return sc;
    }
    zhe_buf out = ZHE_BUF_INIT;
    zhe_decoder_feed(d, s, len, &out);
    if (whole) zhe_decoder_finish(d, &out);
    sc.errors = d->replaced;
    for (size_t i = 0; i < out.len;) {
        uint32_t cp;
        i += zhe_utf8_decode(out.ptr + i, out.len - i, &cp);
        if (cp >= 0x3400 && cp <= 0x9FFF) {
            sc.han++;
            sc.common += zhei_hanzi_is_common(cp);
        }
    }
    zhe_buf_clear(&out);
    zhe_decoder_free(d);
    return sc;
}

/* The encoding an HTML or XML declaration names in the first 4 KiB, or AUTO. */
static zhe_encoding S_declared(const char *s, size_t len)
{
    size_t n = ZHEI_MIN(len, 4096);
    for (size_t i = 0; i + 8 < n; i++) {
        if (strncasecmp(s + i, "charset=", 8) != 0 && strncasecmp(s + i, "encoding=", 9) != 0)
            continue;
        size_t j = i + (s[i] == 'c' || s[i] == 'C' ? 8 : 9);
        while (j < n && (s[j] == '"' || s[j] == '\'' || s[j] == ' ')) j++;
        char name[32];
        size_t k = 0;
        while (j < n && k + 1 < sizeof name && s[j] != '"' && s[j] != '\'' && s[j] != ' ' &&
               s[j] != '>' && s[j] != ';' && s[j] != '/' && s[j] != '?')
            name[k++] = s[j++];
        name[k] = '\0';
        zhe_encoding enc;
        if (zhe_encoding_parse(name, &enc) == ZHE_OK) return enc;
    }
    return ZHE_ENC_AUTO;
}

/* ICU's confidence (0–100) that s is in enc. */
static int S_icu_confidence(const char *s, size_t len, zhe_encoding enc)
{
    UErrorCode st = U_ZERO_ERROR;
    UCharsetDetector *csd = ucsdet_open(&st);
    if (U_FAILURE(st)) return 0;
    int conf = 0;
    ucsdet_setText(csd, s, (int32_t)ZHEI_MIN(len, (size_t)INT32_MAX), &st);
    int32_t n = 0;
    const UCharsetMatch **m = ucsdet_detectAll(csd, &n, &st);
    for (int32_t i = 0; U_SUCCESS(st) && i < n; i++) {
        const char *name = ucsdet_getName(m[i], &st);
        zhe_encoding e;
        if (U_SUCCESS(st) && zhe_encoding_parse(name, &e) == ZHE_OK && e == enc) {
            conf = ucsdet_getConfidence(m[i], &st);
            break;
        }
    }
    ucsdet_close(csd);
    return U_SUCCESS(st) ? conf : 0;
}

/* 1 if s looks like UTF-16 without a BOM in the given byte order: many
 * NULs on one side of each unit and almost none on the other. */
static int S_looks_utf16(const char *s, size_t len, int le)
{
    size_t n = len & ~(size_t)1, zero_hi = 0, zero_lo = 0;
    if (n < 4) return 0;
    for (size_t i = 0; i < n; i += 2) {
        zero_lo += s[i + (le ? 0 : 1)] == 0;
        zero_hi += s[i + (le ? 1 : 0)] == 0;
    }
    return zero_hi * 4 > n / 2 && zero_lo * 50 < n / 2;
}

/* 1 if valid UTF-8 s[0..len) has non-ASCII characters, all of them
 * two-byte sequences (U+0080..U+07FF: no CJK at all). */
static int S_utf8_two_byte_only(const char *s, size_t len)
{
    int two = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0xE0) return 0;
        if (c >= 0xC0) two = 1;
    }
    return two;
}

zhe_encoding zhe_encoding_detect(const char *s, size_t len, int whole)
{
    const unsigned char *u = (const unsigned char *)s;
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) return ZHE_ENC_UTF8;
    if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) return ZHE_ENC_UTF16LE;
    if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) return ZHE_ENC_UTF16BE;
    if (S_looks_utf16(s, len, 1)) return ZHE_ENC_UTF16LE;
    if (S_looks_utf16(s, len, 0)) return ZHE_ENC_UTF16BE;

    /* Valid UTF-8, allowing a sequence cut by the end of a partial sample. */
    size_t check = len;
    if (!whole) {
        size_t back = 0;
        while (back < 3 && back < len && (u[len - 1 - back] & 0xC0) == 0x80) back++;
        if (back < len && u[len - 1 - back] >= 0xC0) check = len - 1 - back;
    }
    if (zhe_utf8_valid(s, check)) {
        /* Short GBK text can be valid UTF-8 too: 芯片 is D0 BE C6 AC, two
         * Cyrillic-range letters.  Valid UTF-8 with no character beyond
         * U+07FF is challenged by GB18030 and Big5, which win only if they
         * read it as mostly common Chinese characters. */
        if (!S_utf8_two_byte_only(s, check)) return ZHE_ENC_UTF8;
        static const zhe_encoding rivals[] = { ZHE_ENC_GB18030, ZHE_ENC_BIG5 };
        for (size_t i = 0; i < ZHEI_ARRAY_LEN(rivals); i++) {
            S_score sc = S_try(rivals[i], s, len, whole);
            if (sc.errors == 0 && sc.han >= 2 && sc.common * 2 >= sc.han) return rivals[i];
        }
        return ZHE_ENC_UTF8;
    }

    static const zhe_encoding cands[] = { ZHE_ENC_GB18030, ZHE_ENC_BIG5, ZHE_ENC_UTF8 };
    zhe_encoding declared = S_declared(s, len);
    zhe_encoding best = ZHE_ENC_UTF8;
    double best_score = -1e300;
    for (size_t i = 0; i < ZHEI_ARRAY_LEN(cands); i++) {
        S_score sc = S_try(cands[i], s, len, whole);
        if (sc.errors == SIZE_MAX) continue;
        /* The share of common characters, counting each undecodable
         * sequence as one more uncommon character; fewer errors break ties
         * (text without Han characters). */
        double han = (double)(sc.han + sc.errors);
        double score = han > 0 ? (double)sc.common / han : 0.0;
        score -= (double)sc.errors * 1e-6;
        if (cands[i] == declared && sc.errors == 0) score += 0.2;
        if (cands[i] != ZHE_ENC_UTF8)
            score += 0.1 * S_icu_confidence(s, len, cands[i]) / 100.0;
        if (score > best_score) {
            best_score = score;
            best = cands[i];
        }
    }
    return best;
}
