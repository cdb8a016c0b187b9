/*
** test_text.c — unit tests of the text stage: UTF-8 primitives, encoding
** detection, the streaming decoder, publication dates, cleaning,
** normalization with its offset map, and sentence splitting.  Each group
** is a table of {input, expected, note} written by hand.
*/
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <zhevents/zhevents.h>

#include "tap.h"

/* Convert UTF-8 text to `to` with glibc's iconv (test input in other
 * encodings is made from readable source).  Caller frees. */
static char *S_encode(const char *utf8, const char *to, size_t *out_len)
{
    iconv_t cd = iconv_open(to, "UTF-8");
    if (cd == (iconv_t)-1) abort();
    size_t in_left = strlen(utf8), cap = in_left * 4 + 16, out_left = cap;
    char *out = malloc(cap), *o = out, *in = (char *)utf8;
    if (iconv(cd, &in, &in_left, &o, &out_left) == (size_t)-1) abort();
    iconv_close(cd);
    *out_len = cap - out_left;
    return out;
}

/* ------------------------------------------------------------------ UTF-8 */

static void test_utf8(void)
{
    static const struct {
        const char *s;
        size_t len;
        int valid;
        const char *note;
    } cases[] = {
        { "abc", 3, 1, "ASCII" },
        { "芯片", 6, 1, "CJK" },
        { "\xF0\x9F\x98\x80", 4, 1, "a 4-byte sequence" },
        { "\xC0\xAF", 2, 0, "overlong '/'" },
        { "\xED\xA0\x80", 3, 0, "a UTF-16 surrogate" },
        { "\xE8\x8A", 2, 0, "a truncated sequence" },
        { "\xFF", 1, 0, "0xFF never appears in UTF-8" },
        { "\x80", 1, 0, "a lone continuation byte" },
        { "\xF4\x90\x80\x80", 4, 0, "above U+10FFFF" },
        { "\xEF\xBF\xBD", 3, 1, "U+FFFD itself is valid" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        is_int(zhe_utf8_valid(cases[i].s, cases[i].len), cases[i].valid, cases[i].note);

    char b[4];
    is_int(zhe_utf8_encode(0x4E2D, b), 3, "encode U+4E2D: 3 bytes");
    ok(memcmp(b, "中", 3) == 0, "encode U+4E2D: 中");
    is_int(zhe_utf8_encode(0xD800, b), 3, "encode a surrogate: U+FFFD");
    is_int(zhe_utf8_count("A芯片1", strlen("A芯片1")), 4, "count code points");
}

/* ------------------------------------------------------------- detection */

static void test_detect(void)
{
    static const struct {
        const char *text;
        const char *iconv_name;
        zhe_encoding want;
        const char *note;
    } cases[] = {
        { "英伟达H20在华降价。", "GBK", ZHE_ENC_GB18030, "short GBK news flash" },
        { "芯片", "GBK", ZHE_ENC_GB18030, "two GBK characters" },
        { "价格", "GB18030", ZHE_ENC_GB18030, "two GB18030 characters" },
        { "台積電產能", "BIG5", ZHE_ENC_BIG5, "short Big5 text" },
        { "輝達晶片", "BIG5", ZHE_ENC_BIG5, "four Big5 characters" },
        { "美国商务部10月17日更新出口管制规则，A800和H800被列入禁售范围。", "GBK",
          ZHE_ENC_GB18030, "a GBK sentence" },
        { "美國商務部10月17日更新出口管制規則，A800和H800被列入禁售範圍。", "BIG5",
          ZHE_ENC_BIG5, "a Big5 sentence" },
        { "英伟达芯片", "UTF-8", ZHE_ENC_UTF8, "short UTF-8" },
        { "H100 price", "UTF-8", ZHE_ENC_UTF8, "ASCII is UTF-8" },
        { "H100芯片价格为32万元", "UTF-16LE", ZHE_ENC_UTF16LE,
          "UTF-16LE without a BOM, with some ASCII" },
        { "H100芯片价格为32万元", "UTF-16BE", ZHE_ENC_UTF16BE,
          "UTF-16BE without a BOM, with some ASCII" },
        { "芯片价格", "GBK", ZHE_ENC_GB18030, "GBK bytes that are also valid UTF-8" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        size_t n;
        char *s = S_encode(cases[i].text, cases[i].iconv_name, &n);
        zhe_encoding got = zhe_encoding_detect(s, n, 1);
        ok(got == cases[i].want, "detect: %s (got %s)", cases[i].note, zhe_encoding_name(got));
        free(s);
    }
    is_int(zhe_encoding_detect("\xFF\xFE" "A\0", 4, 1), ZHE_ENC_UTF16LE, "detect: UTF-16LE BOM");
    is_int(zhe_encoding_detect("\xFE\xFF\0A", 4, 1), ZHE_ENC_UTF16BE, "detect: UTF-16BE BOM");
    is_int(zhe_encoding_detect("\xEF\xBB\xBF" "A", 4, 1), ZHE_ENC_UTF8, "detect: UTF-8 BOM");
    /* A sample that ends inside a UTF-8 sequence is still UTF-8. */
    is_int(zhe_encoding_detect("芯片\xE4\xBB", 8, 0), ZHE_ENC_UTF8,
           "detect: UTF-8 sample cut mid-character");

    zhe_encoding e;
    is_int(zhe_encoding_parse("GBK", &e), ZHE_OK, "parse GBK");
    is_int(e, ZHE_ENC_GB18030, "GBK reads as GB18030");
    is_int(zhe_encoding_parse("latin1", &e), ZHE_ERR_USAGE, "parse an unknown encoding");
}

/* ---------------------------------------------------------------- decoder */

/* Decode s[0..n) fed in chunks of `chunk` bytes; returns the UTF-8. */
static char *S_decode(zhe_encoding enc, const char *s, size_t n, size_t chunk, size_t *repl)
{
    zhe_decoder *d;
    if (zhe_decoder_new(enc, &d, NULL) != ZHE_OK) abort();
    zhe_buf out = ZHE_BUF_INIT;
    for (size_t i = 0; i < n; i += chunk)
        zhe_decoder_feed(d, s + i, i + chunk <= n ? chunk : n - i, &out);
    zhe_decoder_finish(d, &out);
    *repl = zhe_decoder_replacements(d);
    zhe_decoder_free(d);
    return zhe_buf_detach(&out, NULL);
}

static void test_decoder(void)
{
    static const char text[] = "台积电CoWoS产能：2024年底达到每月3.5万片，英伟达包下近半。";
    static const struct {
        const char *iconv_name;
        zhe_encoding enc;
    } encs[] = {
        { "UTF-8", ZHE_ENC_UTF8 },       { "GB18030", ZHE_ENC_GB18030 },
        { "BIG5", ZHE_ENC_BIG5 },        { "UTF-16LE", ZHE_ENC_UTF16LE },
        { "UTF-16BE", ZHE_ENC_UTF16BE },
    };
    for (size_t i = 0; i < sizeof encs / sizeof *encs; i++) {
        /* Big5 has no 积/电/产/达: use the traditional text for it. */
        const char *src = encs[i].enc == ZHE_ENC_BIG5
                              ? "台積電CoWoS產能：2024年底達到每月3.5萬片，輝達包下近半。"
                              : text;
        size_t n;
        char *bytes = S_encode(src, encs[i].iconv_name, &n);
        for (size_t chunk = 1; chunk <= 5; chunk++) {
            size_t repl;
            char *out = S_decode(encs[i].enc, bytes, n, chunk, &repl);
            ok(strcmp(out, src) == 0 && repl == 0, "decode %s fed %zu bytes at a time",
               encs[i].iconv_name, chunk);
            free(out);
        }
        free(bytes);
    }

    static const struct {
        zhe_encoding enc;
        const char *in;
        size_t len;
        const char *want;
        size_t repl;
        const char *note;
    } bad[] = {
        { ZHE_ENC_UTF8, "A\xFF" "B", 3, "A\xEF\xBF\xBD" "B", 1, "UTF-8: 0xFF" },
        { ZHE_ENC_UTF8, "\xE8\x8A" "B", 3, "\xEF\xBF\xBD" "B", 1,
          "UTF-8: a truncated sequence is one replacement" },
        { ZHE_ENC_UTF8, "\xE8\x8A", 2, "\xEF\xBF\xBD", 1, "UTF-8: truncated at the end" },
        { ZHE_ENC_UTF8, "\xEF\xBB\xBF" "A", 4, "A", 0, "UTF-8: a BOM is dropped" },
        { ZHE_ENC_GB18030, "\xD0\xBE\xC6", 3, "芯\xEF\xBF\xBD", 1,
          "GBK: cut in the middle of its last character" },
        { ZHE_ENC_UTF16LE, "\xFF\xFE\x2D\x4E", 4, "中", 0, "UTF-16LE: the BOM is dropped" },
        { ZHE_ENC_UTF16LE, "\x00\xD8" "A\x00", 4, "\xEF\xBF\xBD" "A", 1,
          "UTF-16LE: a lone surrogate" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        for (size_t chunk = 1; chunk <= 2; chunk++) {
            size_t repl;
            char *out = S_decode(bad[i].enc, bad[i].in, bad[i].len, chunk, &repl);
            ok(strcmp(out, bad[i].want) == 0 && repl == bad[i].repl, "%s (chunks of %zu)",
               bad[i].note, chunk);
            free(out);
        }
    }
}

/* ------------------------------------------------------- publication dates */

static void test_published(void)
{
    static const struct {
        const char *in;
        const char *want;   /* "" when it is no date */
        size_t used;
    } cases[] = {
        { "2023年11月9日 15:16", "2023-11-09T15:16", 22 },
        { "2024年01月15日 09:30", "2024-01-15T09:30", 23 },
        { "2023-12-07 14:20", "2023-12-07T14:20", 16 },
        { "2023/12/07", "2023-12-07", 10 },
        { "2023.12.07", "2023-12-07", 10 },
        { "2023-11-09T15:20:00+08:00", "2023-11-09T15:20", 25 },
        { "2024-02-08T08:00:00.000Z", "2024-02-08T08:00", 24 },
        { "1712710800", "2024-04-10T09:00", 10 },
        { "1712710800000", "2024-04-10T09:00", 13 },
        { "2023年2月29日", "", 0 },
        { "2024年2月29日", "2024-02-29", 16 },
        { "2023-13-01", "", 0 },
        { "20231109", "", 0 },
        { "2023-1-9 来源：新华社", "2023-01-09", 8 },
        { "2023年11月9日15时", "2023-11-09", 16 },
        { "2024年3月22日10:30", "2024-03-22T10:30", 21 },
        { "2023年11月915", "", 0 },
        { "1899-01-01", "", 0 },
        { "2023-12-07 25:00", "2023-12-07", 10 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char out[17] = "";
        size_t used = zhe_published_parse(cases[i].in, strlen(cases[i].in), out);
        ok(used == cases[i].used && (used == 0 || strcmp(out, cases[i].want) == 0),
           "published \"%s\" -> \"%s\" (got \"%s\", %zu bytes)", cases[i].in, cases[i].want,
           used ? out : "", used);
    }
}

/* --------------------------------------------- clean, normalize and split */

static zhe_text *S_tx;

/* An article with raw text `raw` (and title), prepared. */
static zhe_article *S_prepare(const char *title, const char *raw)
{
    zhe_article *a;
    zhe_article_new(&a, NULL);
    zhe_free(a->title);
    a->title = zhe_strdup(title);
    zhe_free(a->raw);
    a->raw = zhe_strdup(raw);
    a->raw_len = strlen(raw);
    if (zhe_text_prepare(S_tx, a, NULL) != ZHE_OK) abort();
    return a;
}

/* The normalized text of the sentences, joined by '|'. */
static char *S_sentences(const zhe_article *a)
{
    zhe_buf b = ZHE_BUF_INIT;
    for (size_t i = 0; i < a->n_sentences; i++) {
        if (i) zhe_buf_putc(&b, '|');
        zhe_buf_put(&b, a->norm + a->sentences[i].off, a->sentences[i].len);
    }
    if (!b.ptr) zhe_buf_puts(&b, "");
    return zhe_buf_detach(&b, NULL);
}

static void test_normalize(void)
{
    static const struct {
        const char *raw;
        const char *norm;
        const char *note;
    } cases[] = {
        { "英伟达A100售价约25万元。", "英伟达A100售价约25万元。", "plain text is copied" },
        { "ＲＴＸ　４０９０售价１２９９９元", "RTX 4090售价12999元", "full-width to ASCII" },
        { "价格：２６．５万元，涨幅３５％！", "价格:26.5万元,涨幅35%!", "full-width punctuation" },
        { "台積電CoWoS產能明年底倍增，輝達包下近半。", "台积电CoWoS产能明年底倍增,辉达包下近半。",
          "traditional to simplified" },
        { "著名芯片公司发布新品。", "著名芯片公司发布新品。",
          "a simplified text with 著 is not converted" },
        { "港幣5.2萬", "港币5.2万", "a short traditional headline is converted" },
        { "据报道，这批货的成交价为港幣5.2萬元，约1.8萬美元。",
          "据报道,这批货的成交价为港币5.2万元,约1.8万美元。",
          "traditional words inside a simplified sentence are converted" },
        { "华为发布会后，有40萬片晶圆的订单。", "华为发布会后,有40万片晶圆的订单。",
          "one traditional character in a simplified paragraph" },
        { "華為昇騰910B晶片報價回落", "华为昇腾910B晶片报价回落",
          "the brand 昇腾 keeps 昇 in traditional text" },
        { "寒武紀思元590出貨創新高", "寒武纪思元590出货创新高", "寒武纪思元 in traditional" },
        { "旭日東昇，股市開盤後一路走高。", "旭日东升,股市开盘后一路走高。",
          "昇 outside a brand is converted in traditional text" },
        { "他看著螢幕，頭髮乾了。", "他看着萤幕,头发干了。",
          "ambiguous 著 and 乾 converted in a traditional clause" },
        { "乾隆年間的瓷器著名於世。", "乾隆年间的瓷器著名于世。",
          "乾隆 and 著名 keep their characters, 於 is converted" },
        { "据报道，台積電著手擴產，著名分析师认为干得好。",
          "据报道,台积电着手扩产,著名分析师认为干得好。",
          "ambiguous 著 decided clause by clause" },
        { "公司的籃球俱樂部在大阪奪冠", "公司的篮球俱乐部在大阪夺冠",
          "俱 and 阪 are never converted" },
        { "昇腾生态于乾隆年间？余姓工程师著有专著。", "昇腾生态于乾隆年间?余姓工程师著有专著。",
          "simplified text with 昇 乾 著 于 余 is left as it is" },
        { "英伟达  A800\t和   H800", "英伟达 A800和 H800", "white space folded" },
        { "每月 3 万片，2025 年 11 月上旬亏损 12 亿美元", "每月3万片,2025年11月上旬亏损12亿美元",
          "a space between a number and a Chinese word is dropped" },
        { "今 (15) 日，800 至 1200 台，增长 25 %", "今(15)日,800至1200台,增长25%",
          "and around a day in brackets, a range and a percent sign" },
        { "RTX 4090 Ti 售价 1 200 元", "RTX 4090 Ti 售价1 200元",
          "spaces between letters and digits, or between digits, stay" },
        { "据报，辉达将于２０２５\n年推出新芯片，售价约１．８万\n美元一颗。\n第二段。",
          "据报,辉达将于2025年推出新芯片,售价约1.8万美元一颗。\n第二段。",
          "a hard line break inside a sentence joins the lines" },
        { "the card is a fast\ncard made for AI.\n短行\n下一行", "the card is a fast card made for AI.\n短行\n下一行",
          "joined Latin words keep a space; a short line or a full stop ends the line" },
        { "据报，英伟达芯片的报价约为２８０\n０美元一颗，型号为A1\n00，另一款显卡是RTX\n4090。",
          "据报,英伟达芯片的报价约为2800美元一颗,型号为A100,另一款显卡是RTX 4090。",
          "a number wrapped inside runs on; a word and a number keep a space" },
        { "芯\xE2\x80\x8B片", "芯片", "zero-width space dropped" },
        { "e\xCC\x81t\xC3\xA9", "\xC3\xA9t\xC3\xA9", "combining accent composed" },
        { "①号线", "1号线", "compatibility digits" },
        { "\xEF\xA4\x80", "\xE5\xB2\x82",
          "a CJK compatibility ideograph: unified (U+8C48 豈), then simplified (岂)" },
        { "A\x00" "B", "A B", "NUL read as a space" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        zhe_article *a;
        zhe_article_new(&a, NULL);
        zhe_free(a->raw);
        size_t len = strlen(cases[i].raw);
        if (strcmp(cases[i].note, "NUL read as a space") == 0) len = 3;
        a->raw = zhe_strndup(cases[i].raw, len);
        a->raw_len = len;
        zhe_text_prepare(S_tx, a, NULL);
        is_str(a->norm, a->norm_len, cases[i].norm, cases[i].note);
        zhe_article_free(a);
    }

    /* The offset map: spans in the normalized text point back at the raw
     * text they came from. */
    static const struct {
        const char *raw;
        const char *find;       /* in the normalized text */
        const char *raw_text;   /* what the span covers in raw */
    } maps[] = {
        { "据悉，ＲＴＸ　４０９０售价１２９９９元。", "4090", "４０９０" },
        { "据悉，ＲＴＸ　４０９０售价１２９９９元。", "RTX 4090", "ＲＴＸ　４０９０" },
        { "据悉，ＲＴＸ　４０９０售价１２９９９元。", "售价", "售价" },
        { "英伟达  A800\t和   H800。", "H800", "H800" },
        { "英伟达  A800\t和   H800。", "A800和", "A800\t和" },
        { "每月 3 万片。", "3万片", "3 万片" },
        { "据报，英伟达的新芯片将于２０２５\n年推出。", "2025年", "２０２５\n年" },
        { "第一段。\n\n  第二段，台積電產能。", "台积电产能", "台積電產能" },
        { "前文\xE2\x80\x8B后文", "文后", "文\xE2\x80\x8B后" },
        { "华为昇騰910B的报价回落。", "昇腾910B", "昇騰910B" },
        { "据报道，成交价为港幣5.2萬元。", "港币5.2万元", "港幣5.2萬元" },
        { "他看著螢幕，頭髮乾了。", "看着萤幕", "看著螢幕" },
        { "第一段，乾隆年間。\n\n第二段，著名的廠。", "著名的厂", "著名的廠" },
        { "港幣\xE2\x80\x8B" "5.2萬", "港币5.2万", "港幣\xE2\x80\x8B" "5.2萬" },
    };
    for (size_t i = 0; i < sizeof maps / sizeof *maps; i++) {
        zhe_article *a = S_prepare("", maps[i].raw);
        const char *p = strstr(a->norm, maps[i].find);
        if (!ok(p != NULL, "map: \"%s\" is in the normalized text", maps[i].find)) {
            zhe_article_free(a);
            continue;
        }
        size_t off = (size_t)(p - a->norm), end = off + strlen(maps[i].find);
        size_t r0 = zhe_offmap_to_raw(&a->map, off), r1 = zhe_offmap_to_raw_end(&a->map, end);
        is_str(a->raw + r0, r1 - r0, maps[i].raw_text, maps[i].find);
        zhe_article_free(a);
    }
}

/* Every character of the normalized text maps back to raw text, in
 * order, and a converted character to the one character it came from. */
static void test_normalize_map_exact(void)
{
    static const char *const raws[] = {
        "华为昇騰910B的报价回落，港幣5.2萬元。",
        "第一段，乾隆年間。\n\n第二段，他看著螢幕，頭髮乾了。",
        "據報道，ＲＴＸ　４０９０售價１２９９９元，約1.8萬美元。",
        "著名芯片公司发布新品，台積電著手擴產。",
    };
    for (size_t i = 0; i < sizeof raws / sizeof *raws; i++) {
        zhe_article *a = S_prepare("", raws[i]);
        size_t prev_end = 0;
        int good = 1;
        for (size_t off = 0; off < a->norm_len && good;) {
            uint32_t cp;
            size_t n = zhe_utf8_decode(a->norm + off, a->norm_len - off, &cp);
            size_t r0 = zhe_offmap_to_raw(&a->map, off);
            size_t r1 = zhe_offmap_to_raw_end(&a->map, off + n);
            good = r0 <= r1 && r1 <= a->raw_len && (cp == '\n' || r0 >= prev_end || r0 == r1);
            if (cp >= 0x4E00 && cp < 0xA000 && good) {
                uint32_t rc;
                size_t rn = zhe_utf8_decode(a->raw + r0, a->raw_len - r0, &rc);
                good = r1 - r0 == rn;   /* one character from one */
            }
            if (r1 > prev_end) prev_end = r1;
            off += n;
        }
        ok(good, "map: every normalized character maps back exactly (%zu)", i);
        zhe_article_free(a);
    }
}

static void test_clean(void)
{
    static const struct {
        const char *title;
        const char *raw;
        const char *sentences;  /* joined by '|' */
        const char *note;
    } cases[] = {
        { "", "第一段。\n第二段。\n第一段。", "第一段。|第二段。", "a repeated paragraph is kept once" },
        { "标题", "标题\n正文在这里。", "正文在这里。", "the title repeated as the first line" },
        { "", "2023-12-07 14:20 来源：经济日报\n正文。", "正文。", "a dateline" },
        { "", "２０２４年３月２２日　１０：３０\n正文。", "正文。", "a full-width dateline" },
        { "", "2022年10月8日　　美国商务部发布新规。", "美国商务部发布新规。",
          "a leading date and spaces, Sogou style" },
        { "", "2022年10月8日,美国商务部发布新规。", "2022年10月8日,美国商务部发布新规。",
          "a date that opens a sentence stays" },
        { "", "正文第一段,讲芯片。\n正文第二段,讲价格。\n本文来自微信公众号:芯潮IC\n声明:该内容为作者观点。\n相关推荐\n另一篇文章标题",
          "正文第一段,讲芯片。|正文第二段,讲价格。", "footer cut from 本文来自 on" },
        { "", "本文来自微信公众号:某某\n正文第一段,讲芯片的出口管制与价格走势,篇幅较长。\n正文第二段,继续讲芯片。",
          "正文第一段,讲芯片的出口管制与价格走势,篇幅较长。|正文第二段,继续讲芯片。",
          "a footer marker near the top cuts its own line only" },
        { "", "声明称,美国商务部将于下月实施新规。\n第二段。\n第三段。",
          "声明称,美国商务部将于下月实施新规。|第二段。|第三段。",
          "声明 without a colon is not a footer" },
        { "", "“少量H100芯片,有需要的私我。”他说。", "“少量H100芯片,有需要的私我。”|他说。",
          "closing quotes stay with their sentence" },
        { "", "真的吗?!当然;不过……价格很高", "真的吗?!|当然;|不过......|价格很高",
          "?! ; and … (NFKC: ...) end sentences" },
        { "", "他说:“H100是最先进的……即使对于AWS来说也很难获得。”而这话……人人都想说。",
          "他说:“H100是最先进的......即使对于AWS来说也很难获得。”|而这话......|人人都想说。",
          "an ellipsis inside a quotation that goes on does not end the sentence" },
        { "", "“现货32张……”他说。", "“现货32张......”|他说。",
          "an ellipsis that closes a quotation ends it" },
        { "", "价格为26.5万元.增长3.5倍", "价格为26.5万元.增长3.5倍",
          "an ASCII full stop does not end a sentence" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        zhe_article *a = S_prepare(cases[i].title, cases[i].raw);
        char *s = S_sentences(a);
        is_str(s, strlen(s), cases[i].sentences, cases[i].note);
        free(s);
        zhe_article_free(a);
    }

    zhe_article *a = S_prepare("", "2023/12/07\n正文。");
    is_str(a->published, strlen(a->published), "2023-12-07", "a dateline gives the date");
    zhe_article_free(a);
    a = S_prepare("", "２０２３年１２月７日是星期几？\n正文。");
    is_str(a->published, strlen(a->published), "",
           "a full-width question is no dateline (？ is ? once folded)");
    zhe_article_free(a);

    static const struct {
        const char *raw;
        const char *source;
        const char *note;
    } sources[] = {
        { "2023-12-07 14:20 来源：经济日报\n正文。", "经济日报", "source from a dateline" },
        { "作者：林一舟 | 来源：算力前哨\n正文。", "算力前哨", "source from a byline" },
        { "正文第一段。\n图片来源：网络\n正文第二段。", "", "图片来源 is no source" },
    };
    for (size_t i = 0; i < sizeof sources / sizeof *sources; i++) {
        a = S_prepare("", sources[i].raw);
        is_str(a->source, strlen(a->source), sources[i].source, sources[i].note);
        zhe_article_free(a);
    }
}

/* ----------------------------------------------------------------- reader */

typedef struct {
    zhe_article *a[8];
    zhe_error err[8];
    zhe_status st[8];
    size_t n;
} S_got;

static void S_collect(void *ctx, zhe_status st, zhe_article *a, const zhe_error *err)
{
    S_got *g = ctx;
    if (g->n == 8) {
        zhe_article_free(a);
        return;
    }
    g->st[g->n] = st;
    g->a[g->n] = a;
    if (err) g->err[g->n] = *err;
    g->n++;
}

static void S_got_free(S_got *g)
{
    for (size_t i = 0; i < g->n; i++) zhe_article_free(g->a[i]);
}

static void test_reader(void)
{
    /* A GBK text longer than the reader's 64 KiB chunks, with a character
     * across each chunk boundary (the title makes the body start at an odd
     * byte). */
    zhe_buf src = ZHE_BUF_INIT;
    zhe_buf_puts(&src, "芯片\n");
    while (src.len < 200000) zhe_buf_puts(&src, "台积电CoWoS产能提升至每月3.5万片，英伟达包下近半。");
    size_t n;
    char *gbk = S_encode(src.ptr, "GBK", &n);
    S_got g = { .n = 0 };
    zhe_text_read_buffer(S_tx, "long.gbk.txt", gbk, n, S_collect, &g);
    ok(g.n == 1 && g.st[0] == ZHE_OK, "reader: one article from a 190 KB GBK text");
    if (g.n == 1 && g.st[0] == ZHE_OK) {
        is_str(g.a[0]->encoding, strlen(g.a[0]->encoding), "GB18030", "reader: detected GBK");
        is_int(g.a[0]->replacements, 0, "reader: characters across chunk ends decode whole");
        ok(g.a[0]->raw_len == src.len - strlen("芯片\n") &&
               memcmp(g.a[0]->raw, src.ptr + strlen("芯片\n"), g.a[0]->raw_len) == 0,
           "reader: the body reads back exactly");
    }
    S_got_free(&g);
    free(gbk);
    zhe_buf_clear(&src);

    /* JSON Lines in GBK, a bad byte in the second record: only it counts a
     * replacement. */
    zhe_buf j = ZHE_BUF_INIT;
    zhe_buf_puts(&j, "{\"id\":\"a\",\"content\":\"芯片一\"}\n{\"id\":\"b\",\"content\":\"芯片");
    char *p1 = S_encode(j.ptr, "GBK", &n);
    zhe_buf bytes = ZHE_BUF_INIT;
    zhe_buf_put(&bytes, p1, n);
    zhe_buf_put(&bytes, "\x80", 1);        /* 0x80 is no GBK lead byte */
    free(p1);
    char *p2 = S_encode("二\"}\n{\"id\":\"c\",\"content\":\"芯片三\"}\n", "GBK", &n);
    zhe_buf_put(&bytes, p2, n);
    free(p2);
    g.n = 0;
    zhe_text_options opt;
    zhe_text_options_init(&opt);
    zhe_text *tx;
    zhe_text_new(&opt, &tx, NULL);
    zhe_text_read_buffer(tx, "gbk.jsonl", bytes.ptr, bytes.len, S_collect, &g);
    ok(g.n == 3, "reader: three JSON records");
    for (size_t i = 0; i < g.n && i < 3; i++)
        ok(g.st[i] == ZHE_OK && g.a[i]->replacements == (i == 1),
           "reader: record %zu has %d replacement(s)", i + 1, i == 1);
    S_got_free(&g);
    zhe_text_free(tx);
    zhe_buf_clear(&j);
    zhe_buf_clear(&bytes);
}

int main(void)
{
    zhe_text_options opt;
    zhe_text_options_init(&opt);
    zhe_error err;
    if (zhe_text_new(&opt, &S_tx, &err) != ZHE_OK) {
        printf("Bail out! %s\n", err.message);
        return 1;
    }
    test_utf8();
    test_detect();
    test_decoder();
    test_published();
    test_normalize();
    test_normalize_map_exact();
    test_clean();
    test_reader();
    zhe_text_free(S_tx);
    return tap_done();
}
