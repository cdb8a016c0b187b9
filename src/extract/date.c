/*
** date.c — finding and resolving dates (see zhevents/extract.h).
*/
#include "../base/base_int.h"

#include <zhevents/extract.h>

struct zhe_dater {
    int unused;
};

zhe_dater *zhe_dater_new(const char *published)
{
    (void)published;
    return ZHE_NEW(zhe_dater);
}

void zhe_dater_free(zhe_dater *d) { zhe_free(d); }

void zhe_dater_paragraph(zhe_dater *d) { (void)d; }

size_t zhe_dater_find(zhe_dater *d, const char *s, size_t len, zhe_date_mention *out, size_t max)
{
    (void)d, (void)s, (void)len, (void)out, (void)max;
    return 0;
}

const char *zhe_date_mod_str(zhe_date_mod m)
{
    static const char *const names[] = {NULL, "START", "MID", "END", "APPROX"};
    return (unsigned)m < sizeof names / sizeof *names ? names[m] : NULL;
}
