/*
** zhevents/base.h — what every stage shares: status codes, the error
** record, the allocator table, growable byte buffers and the version.
**
** Ownership rule for the whole library: a function that returns a pointer
** says either "caller frees" (with the matching zhe_*_free) or "borrowed
** until …".  Text is passed as (const char *s, size_t len) and is never
** assumed to be NUL-terminated.  The library never prints and never exits,
** except that the default allocator ends the process (exit status 3) with a
** message when memory runs out, so no caller checks for NULL after an
** allocation.
**
** Constructors share one shape: zhe_<noun>_new(…, zhe_<noun> **out,
** zhe_error *err) returns a zhe_status and fills *out (NULL on failure),
** and zhe_<noun>_free(NULL) does nothing.  Errors and buffers, as every
** stage uses them:
**
**     zhe_error e;
**     if (zhe_error_set(&e, ZHE_ERR_IO, "dump.jsonl", 3, UINT64_MAX, "cannot read") != ZHE_OK)
**         fprintf(stderr, "%s (%s)\n", e.message, zhe_status_str(e.status));
**         // dump.jsonl:3: cannot read (I/O error)
**     zhe_buf b = ZHE_BUF_INIT;
**     zhe_buf_printf(&b, "zhevents %s", zhe_version());
**     zhe_buf_puts(&b, ", 26.5万元");
**     puts(b.ptr);
**     zhe_buf_clear(&b);
*/
#ifndef ZHEVENTS_BASE_H
#define ZHEVENTS_BASE_H

#if !defined(ZHEVENTS_H_IN) && !defined(ZHEVENTS_COMPILATION)
#error "Only <zhevents/zhevents.h> can be included directly."
#endif

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <zhevents/version.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(ZHEVENTS_COMPILATION)
#define ZHE_API __attribute__((visibility("default")))
#else
#define ZHE_API
#endif

/** The version of the library, as "MAJOR.MINOR.MICRO" (ZHE_VERSION_STRING of
 *  the headers it was built with).  Static storage. */
ZHE_API const char *zhe_version(void);

/*
** Status codes.  ZHE_OK is 0; ZHE_DONE marks the normal end of a stream.
** Every other value is an error, and zhe_status_str() names it.
*/
typedef enum zhe_status {
    ZHE_OK = 0,
    ZHE_DONE,           /* no more items: the normal end of a stream */
    ZHE_ERR_IO,         /* a file could not be opened, read or written */
    ZHE_ERR_FORMAT,     /* the input is not in the format it claims */
    ZHE_ERR_ENCODING,   /* bytes could not be decoded at all */
    ZHE_ERR_TOO_BIG,    /* an input exceeds a configured size limit */
    ZHE_ERR_EMPTY,      /* an input holds no article text */
    ZHE_ERR_USAGE,      /* a caller passed an invalid argument */
    ZHE_ERR_ICU,        /* ICU reported a failure */
    ZHE_ERR_DATA,       /* a lexicon or other data file is missing or bad */
    ZHE_ERR_INTERNAL,   /* a bug: an invariant did not hold */
    ZHE_ERR_DB          /* the database (SQLite) failed or is not zhevents's */
} zhe_status;

/** A short English name for a status, e.g. "format error".  Static storage. */
ZHE_API const char *zhe_status_str(zhe_status st);

/*
** An error record.  Fallible functions take a nullable zhe_error * and fill
** it when they fail.  `message` is complete and ready for a person: it names
** the file and the position when one is known ("dump.jsonl:3: …").  The
** structured fields repeat the position for programs (the rejects table).
*/
typedef struct zhe_error {
    zhe_status status;
    char message[512];
    char path[1024];    /* file the error is about, "" if none, "-" for stdin */
    uint64_t line;      /* 1-based line or record number, 0 if unknown */
    uint64_t offset;    /* byte offset in the (decompressed) input, or UINT64_MAX if unknown */
} zhe_error;

/** Reset *err to "no error".  err may be NULL. */
ZHE_API void zhe_error_clear(zhe_error *err);

/*
** Fill *err (when err is not NULL) and return st.  `path` may be NULL;
** `line` and `offset` are 0 and UINT64_MAX when unknown.  The message is
** prefixed with "path:line: " or "path: byte N: " when those are known.
*/
ZHE_API zhe_status zhe_error_set(zhe_error *err, zhe_status st, const char *path,
                                 uint64_t line, uint64_t offset, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/*
** The allocator table.  All of the library's own allocations go through it,
** so tests can count them.  The defaults are the C library's functions
** wrapped to end the process with a message when memory runs out.
*/
typedef struct zhe_mem {
    void *(*calloc)(size_t n, size_t size);
    void *(*realloc)(void *p, size_t size);
    void (*free)(void *p);
} zhe_mem;

/** Replace the allocator table (NULL restores the default).  Not thread-safe:
 *  call it before any other zhe_ function. */
ZHE_API void zhe_set_mem(const zhe_mem *mem);

ZHE_API void *zhe_xcalloc(size_t n, size_t size);
ZHE_API void *zhe_xrealloc(void *p, size_t size);
ZHE_API void zhe_free(void *p);
/** Copy of s[0..len) with a NUL after it.  Caller frees with zhe_free. */
ZHE_API char *zhe_strndup(const char *s, size_t len);
/** Copy of the NUL-terminated s.  Caller frees with zhe_free. */
ZHE_API char *zhe_strdup(const char *s);

/*
** A growable byte buffer.  `ptr` is always NUL-terminated after the first
** write (the NUL is not counted in len), so it can be handed to printf, but
** it may also hold NUL bytes.  Embed it and zhe_buf_init() it, or use
** ZHE_BUF_INIT; zhe_buf_clear() frees its memory.  Any function that grows
** the buffer may move ptr: pointers into it are no longer valid afterwards.
*/
typedef struct zhe_buf {
    char *ptr;
    size_t len;
    size_t cap;
} zhe_buf;

#define ZHE_BUF_INIT { NULL, 0, 0 }

ZHE_API void zhe_buf_init(zhe_buf *b);
ZHE_API void zhe_buf_clear(zhe_buf *b);
/** Make room for `more` further bytes (plus the NUL). */
ZHE_API void zhe_buf_reserve(zhe_buf *b, size_t more);
ZHE_API void zhe_buf_put(zhe_buf *b, const char *s, size_t len);
ZHE_API void zhe_buf_puts(zhe_buf *b, const char *s);
ZHE_API void zhe_buf_putc(zhe_buf *b, char c);
ZHE_API void zhe_buf_printf(zhe_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/** Drop the first n bytes, moving the rest to the front. */
ZHE_API void zhe_buf_consume(zhe_buf *b, size_t n);
/** Set len to n (n <= len). */
ZHE_API void zhe_buf_truncate(zhe_buf *b, size_t n);
/** Take the buffer's memory (NUL-terminated, never NULL; caller frees with
 *  zhe_free) and leave the buffer empty.  *len receives the length if len
 *  is not NULL. */
ZHE_API char *zhe_buf_detach(zhe_buf *b, size_t *len);

/*
** UTF-8 helpers.  The library's text is UTF-8; these are the few
** primitives every stage needs.
*/

/** Decode the code point at s[0..len).  Returns its length in bytes (1–4)
 *  and stores it in *cp; for an invalid or truncated sequence returns 1 and
 *  stores 0xFFFD.  len must be > 0. */
ZHE_API size_t zhe_utf8_decode(const char *s, size_t len, uint32_t *cp);
/** Encode cp into out (at least 4 bytes).  Returns the length.  Surrogates
 *  and values above 0x10FFFF are encoded as U+FFFD. */
ZHE_API size_t zhe_utf8_encode(uint32_t cp, char *out);
/** Number of code points in s[0..len) (valid UTF-8 assumed). */
ZHE_API size_t zhe_utf8_count(const char *s, size_t len);
/** 1 if s[0..len) is valid UTF-8 (no surrogates, no overlongs), else 0. */
ZHE_API int zhe_utf8_valid(const char *s, size_t len);
/** Append s[0..len) to b, each byte that does not begin a valid UTF-8
 *  sequence as U+FFFD (s as it is when it is valid). */
ZHE_API void zhe_buf_put_utf8(zhe_buf *b, const char *s, size_t len);

#ifdef __cplusplus
}
#endif
#endif /* ZHEVENTS_BASE_H */
