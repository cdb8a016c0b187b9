/*
** html.c — the timeline as one self-contained HTML page (being written).
*/
#include "export_int.h"

zhe_status zhe_export_html(FILE *out, const zhe_export_options *opt, const zhe_xevent *v,
                           size_t n, zhe_error *err)
{
    (void)out, (void)opt, (void)v, (void)n;
    return zhe_error_set(err, ZHE_ERR_INTERNAL, NULL, 0, UINT64_MAX, "html: not written yet");
}
