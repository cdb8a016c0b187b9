/*
** peer_numbers.c — the number reader on lines of text, for the peer suite
** (tests/peer/peer_test.py scores Recognizers-Text's NumberModel and
** NumberRangeModel with it).
**
** usage: peer_numbers LEXICON_DIR < lines
**
** Each input line is normalized as an article's text is (NFKC,
** traditional characters to simplified, white space folded:
** zhe_text_normalize), then read left to right: where zhe_number_parse
** reads a number, it is printed and the reading goes on after it; where
** it reads none, one character is passed over.  A number is never read
** from inside a run of Latin letters and digits (the 4090 of RTX4090), as
** the extractor never asks there either.  One output line per input line:
** the numbers read, separated by tabs, each as
**
**     VALUE QUALIFIER [HIGH] [vague]
**
** (a range prints its upper end; %.17g keeps every digit of a double).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zhevents/zhevents.h>

static int S_alnum(char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static void S_line(const zhe_text *tx, const char *s, size_t len)
{
    zhe_error err = {0};
    zhe_article *a = NULL;
    if (zhe_text_normalize(tx, s, len, &a, &err) != ZHE_OK) {
        fprintf(stderr, "peer_numbers: %s\n", err.message);
        exit(1);
    }
    const char *t = a->norm;
    size_t n = a->norm_len, i = 0;
    int first = 1;
    while (i < n) {
        zhe_number num;
        size_t r = 0;
        if (i == 0 || !S_alnum(t[i - 1])) r = zhe_number_parse(t + i, n - i, &num);
        if (!r) {
            uint32_t cp;
            size_t c = zhe_utf8_decode(t + i, n - i, &cp);
            i += c ? c : 1;
            continue;
        }
        printf("%s%.17g %s", first ? "" : "\t", num.value, zhe_qualifier_str(num.qualifier));
        if (num.high == num.high) printf(" %.17g", num.high);
        if (num.vague) printf(" vague");
        first = 0;
        i += r;
    }
    printf("\n");
    zhe_article_free(a);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: peer_numbers LEXICON_DIR < lines\n");
        return 2;
    }
    zhe_error err = {0};
    zhe_lexicon *lex = NULL;
    zhe_text *tx = NULL;
    zhe_text_options opt;
    zhe_text_options_init(&opt);
    if (zhe_lexicon_open(argv[1], &lex, &err) != ZHE_OK) {
        fprintf(stderr, "peer_numbers: %s\n", err.message);
        return 3;
    }
    opt.lexicon = lex;
    if (zhe_text_new(&opt, &tx, &err) != ZHE_OK) {
        fprintf(stderr, "peer_numbers: %s\n", err.message);
        return 3;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    while ((got = getline(&line, &cap, stdin)) > 0) {
        size_t len = (size_t)got;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) len--;
        S_line(tx, line, len);
        fflush(stdout);
    }
    free(line);
    zhe_text_free(tx);
    zhe_lexicon_free(lex);
    return 0;
}
