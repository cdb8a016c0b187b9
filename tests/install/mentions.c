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
    zhe_pipeline *p;
    zhe_record *r;
    if (argc != 2 || zhe_pipeline_new(NULL, &p, &err) != ZHE_OK) {
        fprintf(stderr, "mentions: %s\n", argc != 2 ? "usage: mentions TEXT" : err.message);
        return 1;
    }
    if (zhe_pipeline_run_string(p, argv[1], strlen(argv[1]), NULL, &r, &err) != ZHE_OK) {
        fprintf(stderr, "mentions: %s\n", err.message);
        return 1;
    }
    zhe_record_mention m;
    for (size_t i = 0; zhe_record_mention_get(r, i, &m); i++) {
        printf("%s\t%s\t%zu-%zu\t", m.type, m.text, m.start, m.end);
        if (!strcmp(m.type, "chip")) printf("%s %s\n", m.model, m.vendor);
        else if (!strcmp(m.type, "date")) printf("%s\n", m.timex);
        else printf("%g %s\n", m.amount, m.unit);
    }
    zhe_record_free(r);
    zhe_pipeline_free(p);
    return 0;
}
