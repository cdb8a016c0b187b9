/*
** cmd_timeline.c — `zhevents timeline`: the events a query selects, as a
** timeline a reporter can publish or draft from (src/export/): csv, json,
** jsonl, timelinejs, timelinejs-csv, flourish, prices-wide, md, html.
**
** -o FILE writes through a temporary file in FILE's directory, put in
** place at the end: an existing FILE (or a symbolic link there) is never
** truncated or followed; it is replaced, atomically, only with --force.
** A failed export leaves no file behind.
*/
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { OPT_DB = 256, OPT_FORCE, OPT_BOM, OPT_TITLE, OPT_INTERNAL, OPT_GROUP };

static const struct option S_options[] = {
    ZHE_CLI_FILTER_OPTIONS,
    { "db", required_argument, NULL, OPT_DB },
    { "format", required_argument, NULL, 'f' },
    { "output", required_argument, NULL, 'o' },
    { "force", no_argument, NULL, OPT_FORCE },
    { "bom", no_argument, NULL, OPT_BOM },
    { "title", required_argument, NULL, OPT_TITLE },
    { "internal", no_argument, NULL, OPT_INTERNAL },
    { "group", required_argument, NULL, OPT_GROUP },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 },
};

static int S_add(void *ctx, const zhe_stored_event *ev)
{
    zhe_error err;
    return zhe_exporter_add(ctx, ev, &err) != ZHE_OK;
}

/* The filters, as the page and the documents show them: "芯片 H100 · 类型
 * price · 2023-01-01 至 2023-12-31". */
static void S_describe(const zhe_store_filter *f, zhe_buf *b)
{
    if (f->n_chips) {
        zhe_buf_puts(b, "芯片 ");
        for (size_t i = 0; i < f->n_chips; i++) zhe_buf_printf(b, "%s%s", i ? ", " : "", f->chips[i]);
    }
    if (f->n_types) {
        zhe_buf_puts(b, b->len ? " · 类型 " : "类型 ");
        for (size_t i = 0; i < f->n_types; i++) zhe_buf_printf(b, "%s%s", i ? ", " : "", f->types[i]);
    }
    if (f->from || f->to)
        zhe_buf_printf(b, "%s%s 至 %s", b->len ? " · " : "", f->from ? f->from : "…",
                       f->to ? f->to : "…");
    if (f->vendor) zhe_buf_printf(b, "%s厂商 %s", b->len ? " · " : "", f->vendor);
    if (f->min_confidence > 0)
        zhe_buf_printf(b, "%s置信度 ≥ %.2f", b->len ? " · " : "", f->min_confidence);
    if (f->asserted_only) zhe_buf_printf(b, "%s仅确认事实", b->len ? " · " : "");
    if (f->facts) zhe_buf_printf(b, "%s同一事实合并", b->len ? " · " : "");
}

int zhe_cmd_timeline(int argc, char **argv)
{
    zhe_cli_filter cf;
    zhe_cli_filter_init(&cf);
    const char *db = NULL, *format = NULL, *path = NULL;
    zhe_export_options opt = { NULL, NULL, 0, 0, ZHE_GROUP_AUTO };
    int force = 0;
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "f:o:h", S_options, NULL)) != -1) {
        int taken = zhe_cli_filter_option("timeline", &cf, c, optarg);
        if (taken > 0) return taken;
        if (taken < 0) continue;
        switch (c) {
        case OPT_DB: db = optarg; break;
        case 'f': format = optarg; break;
        case 'o': path = optarg; break;
        case OPT_FORCE: force = 1; break;
        case OPT_BOM: opt.bom = 1; break;
        case OPT_TITLE: opt.title = optarg; break;
        case OPT_INTERNAL: opt.internal = 1; break;
        case OPT_GROUP:
            if (!strcmp(optarg, "type")) opt.group = ZHE_GROUP_TYPE;
            else if (!strcmp(optarg, "chip")) opt.group = ZHE_GROUP_CHIP;
            else if (!strcmp(optarg, "vendor")) opt.group = ZHE_GROUP_VENDOR;
            else if (!strcmp(optarg, "none")) opt.group = ZHE_GROUP_NONE;
            else
                return zhe_cli_usage_error("timeline", "--group: unknown '%s' (known: type, "
                                                       "chip, vendor, none)", optarg);
            break;
        case 'h': {
            char *help_argv[] = { "help", "timeline", NULL };
            return zhe_cmd_help(2, help_argv);
        }
        default:
            return zhe_cli_usage_error("timeline", "unknown option or missing value: '%s'",
                                       argv[optind - 1]);
        }
    }
    if (optind < argc)
        return zhe_cli_usage_error("timeline", "unexpected argument '%s'", argv[optind]);
    int bad = zhe_cli_filter_resolve("timeline", &cf);
    if (bad >= 0) return bad;
    if (!format) return zhe_cli_usage_error("timeline", "--format is required");
    zhe_export_format fmt = zhe_export_format_parse(format);
    if (!fmt)
        return zhe_cli_usage_error("timeline", "unknown format '%s' (known: csv, json, jsonl, "
                                               "timelinejs, timelinejs-csv, flourish, "
                                               "prices-wide, md, html)", format);
    struct stat sb;     /* lstat: a link is there even when it leads nowhere */
    if (path && !force && lstat(path, &sb) == 0)
        return zhe_cli_usage_error("timeline", "%s exists: give --force to replace it", path);

    zhe_store *store;
    int rc = zhe_cli_store_open_read("timeline", db, &store);
    if (rc >= 0) return rc;

    /* -o: a temporary file beside the target, renamed into place at the end */
    FILE *out = stdout;
    char *tmp = NULL;
    if (path) {
        size_t n = strlen(path);
        tmp = zhe_xcalloc(n + 16, 1);
        snprintf(tmp, n + 16, "%s.XXXXXX", path);
        int fd = mkstemp(tmp);
        mode_t mask = umask(0);     /* mkstemp makes it 0600: give it the usual mode */
        umask(mask);
        if (fd >= 0) fchmod(fd, 0666 & ~mask);
        if (fd < 0 || !(out = fdopen(fd, "wb"))) {
            fprintf(stderr, "zhevents timeline: %s: cannot write there: %s\n", path,
                    strerror(errno));
            if (fd >= 0) close(fd), unlink(tmp);
            zhe_free(tmp);
            zhe_store_close(store, NULL);
            return ZHE_EXIT_IO;
        }
    }

    zhe_buf filters = ZHE_BUF_INIT;
    S_describe(&cf.f, &filters);
    if (filters.len) opt.filters = filters.ptr;
    zhe_error err;
    zhe_exporter *x;
    zhe_status st = zhe_exporter_new(fmt, &opt, out, &x, &err);
    if (st == ZHE_OK) {
        st = zhe_store_query(store, &cf.f, S_add, x, &err);
        zhe_error ferr;
        zhe_status fst = zhe_exporter_finish(x, &ferr);
        if (st == ZHE_OK && fst != ZHE_OK) {
            st = fst;
            err = ferr;
        }
    }
    zhe_store_close(store, NULL);
    zhe_buf_clear(&filters);
    if (path) {
        if (fclose(out) != 0 && st == ZHE_OK)
            st = zhe_error_set(&err, ZHE_ERR_IO, NULL, 0, UINT64_MAX, "cannot write the output");
        /* link() refuses an existing name, even a dangling link; rename()
         * replaces a link itself, never what it points to */
        if (st == ZHE_OK && (force ? rename(tmp, path) : link(tmp, path)) != 0)
            st = zhe_error_set(&err, ZHE_ERR_IO, path, 0, UINT64_MAX, "cannot put it in place: %s",
                               strerror(errno));
        if (st != ZHE_OK || !force) unlink(tmp);
        zhe_free(tmp);
    }
    if (st != ZHE_OK) {
        fprintf(stderr, "zhevents timeline: %s\n", err.message);
        return zhe_cli_store_exit(st);
    }
    return ZHE_EXIT_OK;
}
