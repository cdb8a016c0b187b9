/*
** mentions.c — built against the installed libzhevents with pkg-config,
** as a user would build it (tests/install/install_test.py).  Prints the
** mentions zhevents finds in its argument, one a line: type, the text as
** written, its code point offsets, its value.
*/
#include <zhevents/zhevents.h>

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    zhe_error err;
    zhe_text *tx = NULL;
    zhe_extractor *ex = NULL;
    if (argc != 2 || zhe_text_new(NULL, &tx, &err) != ZHE_OK ||
        zhe_extractor_new(NULL, &ex, &err) != ZHE_OK) {
        fprintf(stderr, "mentions: %s\n", argc != 2 ? "usage: mentions TEXT" : err.message);
        return 1;
    }
    zhe_article *a = zhe_article_new();
    zhe_free(a->raw);
    a->raw = zhe_strdup(argv[1]);
    a->raw_len = strlen(argv[1]);
    zhe_mentions ms = {0};
    if (zhe_text_prepare(tx, a, &err) == ZHE_OK) zhe_extract(ex, a, &ms);
    for (size_t i = 0; i < ms.n; i++) {
        const zhe_mention *m = &ms.v[i];
        printf("%s\t%.*s\t%zu-%zu\t", zhe_mention_type_str(m->type),
               (int)(m->raw_end - m->raw_start), a->raw + m->raw_start, m->start, m->end);
        if (m->type == ZHE_MENTION_CHIP) printf("%s %s\n", m->model, m->vendor);
        else if (m->type == ZHE_MENTION_DATE) printf("%s\n", m->date.value);
        else printf("%g %s\n", m->amount.value, m->type == ZHE_MENTION_MONEY ? m->currency : m->unit);
    }
    zhe_mentions_clear(&ms);
    zhe_article_free(a);
    zhe_extractor_free(ex);
    zhe_text_free(tx);
    return 0;
}
