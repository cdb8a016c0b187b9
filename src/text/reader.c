/*
** reader.c — turns paths into articles: walks directories, opens files
** (gzip or not, through zlib, which reads plain files unchanged), detects
** each file's encoding and format, decodes it as a stream and hands it to
** its format, which cuts it into records: one per line of a JSON Lines
** dump, one per <doc> of a Sogou dump, one per HTML page or plain-text
** file.  The formats are a table, one file each (read_*.c); what passes
** between them and this file is the zhei_source of reader_int.h.
**
** A file is read in 64 KiB chunks, so a dump of any size goes through in
** bounded memory; only one record is held at a time, and a record larger
** than max_article_bytes is rejected (and skipped) rather than buffered.
** Anything wrong with one record is reported as a reject and the reader
** goes on with the next; anything wrong with a file ends that file only.
*/
#include "reader_int.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define S_CHUNK 65536

/* The formats, in the order their sniff is asked: plain text, last, takes
 * whatever the others do not. */
static const zhei_format *const S_formats[] = { &zhei_format_jsonl, &zhei_format_sogou,
                                               &zhei_format_html, &zhei_format_text };

typedef struct S_input {
    char *path;         /* as opened; "-" for stdin */
    char *name;         /* relative to the argument it was found under */
} S_input;

struct zhe_reader {
    zhei_source src;             /* the input being read, as its format sees it */
    S_input *queue;
    size_t n_queue, cap_queue, next_input;

    /* How the input being read is read. */
    int open;
    gzFile gz;                  /* NULL when reading from memory */
    const char *mem;            /* zhe_text_read_buffer's bytes */
    size_t mem_len, mem_pos;
    int fatal;                  /* a read error: the input cannot go on */
    uint64_t bytes;             /* raw bytes read, all inputs */
    uint64_t file_bytes;        /* bytes read from this input (decompressed) */
    char chunk[S_CHUNK];        /* the read buffer */
};

/* -------------------------------------------------------------- queue */

static void S_enqueue(zhe_reader *r, const char *path, const char *name)
{
    ZHEI_GROW(&r->queue, &r->cap_queue, r->n_queue + 1);
    r->queue[r->n_queue].path = zhe_strdup(path);
    r->queue[r->n_queue].name = zhe_strdup(name);
    r->n_queue++;
}

/* Files a directory walk passes over: hidden ones, and the notes people
 * keep beside a dump (README, LICENSE, *.md), which are not articles.
 * Named on the command line, such a file is read like any other. */
static int S_skip_name(const char *name)
{
    size_t n = strlen(name);
    return name[0] == '.' || strncmp(name, "README", 6) == 0 ||
           strncmp(name, "LICENSE", 7) == 0 || (n > 3 && strcmp(name + n - 3, ".md") == 0);
}

static int S_name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Queue every regular file under dir, in name order.  `rel` is dir's path
 * relative to the argument ("" at the top). */
static zhe_status S_walk(zhe_reader *r, const char *dir, const char *rel, int depth,
                         zhe_error *err)
{
    if (depth > 64)
        return zhe_error_set(err, ZHE_ERR_IO, dir, 0, UINT64_MAX, "directories nested too deep");
    DIR *d = opendir(dir);
    if (!d) return zhe_error_set(err, ZHE_ERR_IO, dir, 0, UINT64_MAX, "%s", strerror(errno));
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (S_skip_name(e->d_name)) continue;
        ZHEI_GROW(&names, &cap, n + 1);
        names[n++] = zhe_strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, S_name_cmp);
    zhe_status st = ZHE_OK;
    zhe_buf path = ZHE_BUF_INIT, sub = ZHE_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        zhe_buf_truncate(&path, 0);
        zhe_buf_truncate(&sub, 0);
        zhe_buf_printf(&path, "%s/%s", dir, names[i]);
        zhe_buf_printf(&sub, "%s%s%s", rel, *rel ? "/" : "", names[i]);
        struct stat sb;
        if (lstat(path.ptr, &sb) != 0) continue;
        if (S_ISLNK(sb.st_mode)) {
            /* Follow links to files, not to directories: a link back up
             * the tree would loop. */
            if (stat(path.ptr, &sb) != 0 || S_ISDIR(sb.st_mode)) continue;
        }
        if (S_ISDIR(sb.st_mode)) {
            zhe_status s2 = S_walk(r, path.ptr, sub.ptr, depth + 1, err);
            if (s2 != ZHE_OK) st = s2;
        } else if (S_ISREG(sb.st_mode)) {
            S_enqueue(r, path.ptr, sub.ptr);
        }
    }
    for (size_t i = 0; i < n; i++) zhe_free(names[i]);
    zhe_free(names);
    zhe_buf_clear(&path);
    zhe_buf_clear(&sub);
    return st;
}

zhe_status zhe_reader_new(const zhe_text *tx, zhe_reader **out, zhe_error *err)
{
    (void)err;
    zhe_reader *r = *out = ZHEI_NEW(zhe_reader);
    r->src.tx = tx;
    return ZHE_OK;
}

zhe_status zhe_reader_add(zhe_reader *r, const char *path, zhe_error *err)
{
    if (strcmp(path, "-") == 0) {
        S_enqueue(r, "-", "stdin");
        return ZHE_OK;
    }
    struct stat sb;
    if (stat(path, &sb) != 0)
        return zhe_error_set(err, ZHE_ERR_IO, path, 0, UINT64_MAX, "%s", strerror(errno));
    if (S_ISDIR(sb.st_mode)) {
        /* Strip trailing slashes so the walk's paths read well. */
        size_t n = strlen(path);
        while (n > 1 && path[n - 1] == '/') n--;
        char *dir = zhe_strndup(path, n);
        zhe_status st = S_walk(r, dir, "", 0, err);
        zhe_free(dir);
        return st;
    }
    const char *base = strrchr(path, '/');
    S_enqueue(r, path, base ? base + 1 : path);
    return ZHE_OK;
}

uint64_t zhe_reader_bytes(const zhe_reader *r)
{
    return r->bytes;
}

/* -------------------------------------------------------------- input */

static void S_close(zhe_reader *r)
{
    if (r->gz) gzclose(r->gz);
    r->gz = NULL;
    r->mem = NULL;
    zhe_decoder_free(r->src.dec);
    r->src.dec = NULL;
    zhe_free(r->src.path);
    zhe_free(r->src.name);
    r->src.path = r->src.name = NULL;
    zhe_buf_clear(&r->src.pending);
    r->src.pos = 0;
    r->open = 0;
}

void zhe_reader_free(zhe_reader *r)
{
    if (!r) return;
    S_close(r);
    zhei_jsonl_free(r->src.jsonl);
    for (size_t i = 0; i < r->n_queue; i++) {
        zhe_free(r->queue[i].path);
        zhe_free(r->queue[i].name);
    }
    zhe_free(r->queue);
    zhe_free(r);
}

/* Read up to n raw bytes.  Returns the count, 0 at the end, -1 on error
 * (with err filled). */
static long S_source_read(zhe_reader *r, char *buf, size_t n, zhe_error *err)
{
    if (!r->gz) {
        size_t k = ZHEI_MIN(n, r->mem_len - r->mem_pos);
        memcpy(buf, r->mem + r->mem_pos, k);
        r->mem_pos += k;
        r->bytes += k;
        r->file_bytes += k;
        return (long)k;
    }
    int k = gzread(r->gz, buf, (unsigned)n);
    if (k < 0) {
        int zerr;
        const char *msg = gzerror(r->gz, &zerr);
        if (zerr == Z_ERRNO) msg = strerror(errno);
        zhe_error_set(err, zerr == Z_ERRNO ? ZHE_ERR_IO : ZHE_ERR_FORMAT, r->src.path, 0,
                      r->file_bytes, "cannot read: %s", msg);
        return -1;
    }
    if (k == 0) {
        /* zlib reports a stream cut short as a plain end of file, and says
         * so only through gzerror. */
        int zerr;
        gzerror(r->gz, &zerr);
        if (zerr == Z_BUF_ERROR) {
            zhe_error_set(err, ZHE_ERR_FORMAT, r->src.path, 0, r->file_bytes,
                          "the gzip data is cut short: it ends before the end of its stream");
            return -1;
        }
    }
    r->bytes += (uint64_t)k;
    r->file_bytes += (uint64_t)k;
    return k;
}

/* The format of a decoded text, judged from its start: the first in
 * S_formats whose sniff says yes. */
static const zhei_format *S_sniff_format(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && zhei_is_space((unsigned char)s[i])) i++;
    for (size_t k = 0; k < ZHEI_ARRAY_LEN(S_formats); k++)
        if (S_formats[k]->sniff(s + i, len - i)) return S_formats[k];
    return &zhei_format_text;
}

/* Read and decode the next chunk into the source's pending text.  Returns
 * 1 if there may be more, 0 at the end (the decoder flushed), -1 on a read
 * error. */
static int S_refill(zhe_reader *r, zhe_error *err)
{
    zhei_source *src = &r->src;
    if (src->eof) return 0;
    char *chunk = r->chunk;
    long k = S_source_read(r, chunk, S_CHUNK, err);
    if (k < 0) {
        r->fatal = 1;
        return -1;
    }
    if (!src->dec) {
        /* First chunk: detect the encoding, then the format. */
        if (src->tx->opt.encoding == ZHE_ENC_AUTO) {
            int whole = (size_t)k < S_CHUNK;
            src->enc = zhe_encoding_detect(chunk, (size_t)k, whole);
        } else {
            src->enc = src->tx->opt.encoding;
        }
        if (zhe_decoder_new(src->enc, &src->dec, err) != ZHE_OK) {
            r->fatal = 1;
            return -1;
        }
    }
    /* Compact what was consumed before the buffer grows. */
    if (src->pos) {
        zhe_buf_consume(&src->pending, src->pos);
        src->pos = 0;
    }
    zhei_decoder_mark(src->dec, src->consumed);
    if (k > 0) {
        zhe_decoder_feed(src->dec, chunk, (size_t)k, &src->pending);
    } else {
        zhe_decoder_finish(src->dec, &src->pending);
        src->eof = 1;
    }
    if (!src->format && (zhei_source_len(src) >= 4096 || src->eof))
        src->format = S_sniff_format(zhei_source_text(src), zhei_source_len(src));
    return src->eof ? 0 : 1;
}

static zhe_status S_open_next(zhe_reader *r, zhe_error *err)
{
    S_input *in = &r->queue[r->next_input++];
    zhei_source *src = &r->src;
    src->path = zhe_strdup(in->path);
    src->name = zhe_strdup(in->name);
    src->consumed = src->lines = r->file_bytes = 0;
    src->scan = 0;
    src->eof = src->skipping = r->fatal = 0;
    src->record = 0;
    src->format = NULL;
    errno = 0;
    if (strcmp(in->path, "-") == 0) r->gz = gzdopen(dup(0), "rb");
    else r->gz = gzopen(in->path, "rb");
    if (!r->gz) {
        zhe_error_set(err, ZHE_ERR_IO, in->path, 0, UINT64_MAX, "cannot open: %s",
                      errno ? strerror(errno) : "out of memory");
        zhe_free(src->path);
        zhe_free(src->name);
        src->path = src->name = NULL;
        return ZHE_ERR_IO;
    }
    gzbuffer(r->gz, S_CHUNK);
    r->open = 1;
    return ZHE_OK;
}

/* ------------------------------------------------------------- records */

/* The next record of the open input from its format, decoding more for
 * as long as the format asks for it.  A read error is returned as the
 * record's status (r->fatal set). */
static zhe_status S_next_record(zhe_reader *r, zhe_article **out, zhe_error *err)
{
    for (;;) {
        zhe_status st = r->src.format->next(&r->src, out, err);
        if (st != ZHEI_READ_MORE) return st;
        if (r->src.eof)     /* a format that asks for more at the end */
            return zhe_error_set(err, ZHE_ERR_INTERNAL, r->src.path, 0, UINT64_MAX,
                                 "the %s reader asked for more after the end",
                                 r->src.format->name);
        if (S_refill(r, err) < 0) return err ? err->status : ZHE_ERR_IO;
    }
}

zhe_status zhe_reader_next(zhe_reader *r, zhe_article **out, zhe_error *err)
{
    *out = NULL;
    zhe_error_clear(err);
    for (;;) {
        if (!r->open) {
            if (r->next_input >= r->n_queue) return ZHE_DONE;
            zhe_status st = S_open_next(r, err);
            if (st != ZHE_OK) return st;
        }
        /* Decode enough to know the format. */
        while (!r->src.format) {
            if (S_refill(r, err) < 0) {
                S_close(r);
                return err ? err->status : ZHE_ERR_IO;
            }
        }
        zhe_status st = S_next_record(r, out, err);
        if (st == ZHE_DONE) {
            S_close(r);
            continue;
        }
        /* A read error ends the file; a bad record does not. */
        if (r->fatal) S_close(r);
        return st;
    }
}

zhe_status zhe_reader_jsonl_line(zhe_reader *r, const char *name, uint64_t line,
                                 const char *s, size_t len, zhe_article **out, zhe_error *err)
{
    zhei_source *src = &r->src;
    *out = NULL;
    zhe_error_clear(err);
    if (!src->path || strcmp(src->path, name) != 0) {
        S_close(r);
        src->path = zhe_strdup(name);
        src->name = zhe_strdup(strcmp(name, "-") == 0 ? "stdin" : name);
    }
    src->enc = ZHE_ENC_UTF8;
    src->format = &zhei_format_jsonl;
    src->record = line;
    src->lines = line ? line - 1 : 0;
    size_t max = src->tx->opt.max_article_bytes;
    if (len > max)
        return zhe_error_set(err, ZHE_ERR_TOO_BIG, name, line, UINT64_MAX,
                             "record of %zu bytes exceeds the limit of %zu bytes "
                             "(--max-article-bytes)", len, max);
    while (len && zhei_is_space((unsigned char)s[len - 1])) len--;
    while (len && zhei_is_space((unsigned char)*s)) s++, len--;
    if (!len) return zhe_error_set(err, ZHE_ERR_EMPTY, name, line, UINT64_MAX, "a blank line");
    return zhei_read_jsonl_record(src, s, len, line, out, err);
}

void zhe_text_read_buffer(const zhe_text *tx, const char *name, const char *s, size_t len,
                          zhe_article_cb cb, void *ctx)
{
    zhe_reader *r;
    zhe_reader_new(tx, &r, NULL);
    r->mem = s;
    r->mem_len = len;
    r->src.path = zhe_strdup(name);
    r->src.name = zhe_strdup(name);
    r->open = 1;
    zhe_error err;
    for (;;) {
        zhe_article *a = NULL;
        zhe_status st = zhe_reader_next(r, &a, &err);
        if (st == ZHE_DONE) break;
        cb(ctx, st, a, st == ZHE_OK ? NULL : &err);
        if (!r->open) break;
    }
    zhe_reader_free(r);
}
