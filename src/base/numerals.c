/*
** numerals.c — the Chinese numeral characters, one table for the stages
** that read numbers: the dater (extract/date*.c: 十月, 二〇二三年, and
** the numerals no date's number may continue), the number reader
** (extract/number.c: 三万六千, 十几万, 廿三) and the segmenter
** (segment/segment.c: a run of numerals is one word).  Each character
** has one kind and its flags, and each user takes what it reads (see
** base_int.h), so the three read exactly the characters they did before
** the table was shared.  zhei_numeral_of looks a character up in O(1):
** all three ask at most characters of a text.
*/
#include "base_int.h"

#define S_ROW(cp, kind, value, flags) \
    [ZHEI_NUMERAL_SLOT(cp)] = { (cp), ZHEI_NUMERAL_##kind, (value), (flags) }

const zhei_numeral zhei_numerals[ZHEI_NUMERAL_SLOTS] = {
    S_ROW(0x96F6, DIGIT, 0, ZHEI_NUMERAL_ZERO),                         /* 零 */
    S_ROW(0x3007, DIGIT, 0, ZHEI_NUMERAL_ZERO),                         /* 〇 */
    S_ROW(0x25CB, DIGIT, 0, ZHEI_NUMERAL_ZERO | ZHEI_NUMERAL_CIRCLE),   /* ○ */
    S_ROW(0x4E00, DIGIT, 1, 0),                                         /* 一 */
    S_ROW(0x4E8C, DIGIT, 2, 0),                                         /* 二 */
    S_ROW(0x4E24, DIGIT, 2, ZHEI_NUMERAL_LIANG),                        /* 两 */
    S_ROW(0x4E09, DIGIT, 3, 0),                                         /* 三 */
    S_ROW(0x56DB, DIGIT, 4, 0),                                         /* 四 */
    S_ROW(0x4E94, DIGIT, 5, 0),                                         /* 五 */
    S_ROW(0x516D, DIGIT, 6, 0),                                         /* 六 */
    S_ROW(0x4E03, DIGIT, 7, 0),                                         /* 七 */
    S_ROW(0x516B, DIGIT, 8, 0),                                         /* 八 */
    S_ROW(0x4E5D, DIGIT, 9, 0),                                         /* 九 */
    S_ROW(0x5341, UNIT, 1, 0),                                          /* 十 */
    S_ROW(0x767E, UNIT, 2, 0),                                          /* 百 */
    S_ROW(0x5343, UNIT, 3, 0),                                          /* 千 */
    S_ROW(0x4E07, UNIT, 4, 0),                                          /* 万 */
    S_ROW(0x4EBF, UNIT, 8, 0),                                          /* 亿 */
    S_ROW(0x5EFF, TENS, 2, 0),                                          /* 廿 */
    S_ROW(0x5345, TENS, 3, 0),                                          /* 卅 */
    S_ROW(0x51E0, JI, 0, 0),                                            /* 几 */
    S_ROW(0x6570, SHU, 0, 0),                                           /* 数 */
};

const char *zhei_numeral_digit_str(int v)
{
    static const char *const digits[10] = { "〇", "一", "二", "三", "四",
                                            "五", "六", "七", "八", "九" };
    return v >= 0 && v <= 9 ? digits[v] : NULL;
}
