/*
** lines.c — the lines of map's standard input and of load's shards, gzip
** or plain, read a chunk at a time so that no line is held past a limit:
** a longer line is read on to its end and reported by its length alone.
** (zlib's gzgets would stop at a NUL byte and keep no count.)
*/
#include "cli.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

struct zhe_cli_lines {
    gzFile f;
    char chunk[1 << 16];
    size_t at, end;         /* chunk[at..end) is read and not yet used */
    int failed;             /* a read failed: zhe_cli_lines_error tells */
};

zhe_cli_lines *zhe_cli_lines_open(const char *path)
{
    int fd = -1;
    if (!strcmp(path, "-") && (fd = dup(STDIN_FILENO)) < 0) return NULL;
    gzFile f = fd >= 0 ? gzdopen(fd, "rb") : gzopen(path, "rb");
    if (!f) {
        if (fd >= 0) close(fd);
        return NULL;
    }
    gzbuffer(f, 1 << 16);
    zhe_cli_lines *in = zhe_xcalloc(1, sizeof *in);
    in->f = f;
    return in;
}

int zhe_cli_lines_next(zhe_cli_lines *in, size_t max, zhe_buf *line, size_t *len)
{
    zhe_buf_truncate(line, 0);
    *len = 0;
    int got = 0;
    for (;;) {
        if (in->at == in->end) {
            int n = gzread(in->f, in->chunk, sizeof in->chunk);
            if (n <= 0) {
                in->at = in->end = 0;
                if (n < 0) in->failed = 1;
                return n < 0 ? -1 : got;
            }
            in->at = 0;
            in->end = (size_t)n;
        }
        got = 1;
        const char *p = in->chunk + in->at;
        const char *nl = memchr(p, '\n', in->end - in->at);
        size_t n = nl ? (size_t)(nl - p) : in->end - in->at;
        if (*len + n <= max) zhe_buf_put(line, p, n);
        else if (*len <= max) zhe_buf_truncate(line, 0);   /* too long: keep none of it */
        *len += n;
        in->at += n + (nl != NULL);
        if (nl) return 1;
    }
}

const char *zhe_cli_lines_error(zhe_cli_lines *in)
{
    int errnum = Z_OK;
    const char *msg = gzerror(in->f, &errnum);
    if (errnum == Z_BUF_ERROR) return "the gzip data ends early (truncated)";
    if (errnum == Z_ERRNO) return strerror(errno);
    if (errnum != Z_OK) return msg && *msg ? msg : "read error";
    return in->failed ? "read error" : NULL;
}

void zhe_cli_lines_close(zhe_cli_lines *in)
{
    if (!in) return;
    gzclose(in->f);
    zhe_free(in);
}
