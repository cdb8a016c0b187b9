/*
** faultshim.c — an LD_PRELOAD shim that makes system calls and allocations
** fail on cue, for tests/fault/fault_test.py (jq's src/inject_errors.c is
** the model).  zhevents itself is not rebuilt: the shim sits between it
** (and SQLite, zlib, ICU …) and glibc.
**
** Four families of calls are counted from the start of the process, each
** on its own counter:
**
**   read     read, pread, pread64                  fails with EIO
**   write    write, pwrite, pwrite64               fails with EIO or ENOSPC
**   fsync    fsync, fdatasync                      fails with EIO
**   malloc   malloc, calloc, realloc               returns NULL, ENOMEM
**
** The environment says what fails:
**
**   ZHE_FAULT=FAMILY:N[:ERRNO][,…]   the Nth call of FAMILY fails (with
**                                    ERRNO: EIO, ENOSPC, EDQUOT, ENOMEM or a
**                                    number); "N+" fails the Nth and every
**                                    later call
**   ZHE_FAULT_AFTER_BYTES=N          a full disk: writes succeed until N
**                                    bytes were written in all, the one
**                                    that crosses N is cut short, every
**                                    later one fails with ENOSPC
**   ZHE_FAULT_PATH=SUBSTRING         read, write and fsync count only on
**                                    descriptors of files whose path holds
**                                    SUBSTRING (the database's: a test's
**                                    terminal and pipes keep working)
**   ZHE_FAULT_THREAD=NAME            malloc counts only in threads named NAME
**                                    (zhevents names its workers zhe-worker)
**   ZHE_FAULT_LOG=FILE               one line appended per fault injected
**   ZHE_FAULT_COUNTS=FILE            at exit, how many calls of each family
**                                    were counted (malloc_all: in every
**                                    thread), and the bytes written: what a
**                                    test draws its N from
**
** A descriptor's path is read once from /proc/self/fd and kept until the
** descriptor is closed or handed out again by open (both intercepted).
** stdio inside glibc writes through internal aliases, never through these
** symbols, so only code that calls read/write itself is affected — SQLite,
** zlib, the CLI's own output.
**
** malloc cannot be found with dlsym (dlsym itself allocates): the shim
** calls glibc's __libc_malloc family directly.  Under AddressSanitizer the
** sanitizer's malloc comes first and the malloc family is never reached;
** the I/O families still are (its interceptors call on to the next
** definition, this one).
*/
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
/* Meson builds with 64-bit off_t, which renames pread to pread64 and so
 * on in the headers: the shim defines both names itself. */
#undef _FILE_OFFSET_BITS
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

enum { F_READ, F_WRITE, F_FSYNC, F_MALLOC, F_N };

static const char *const S_family[F_N] = { "read", "write", "fsync", "malloc" };

/* The faults asked for: eight at most. */
typedef struct {
    int family;
    uint64_t n;             /* the call that fails, counted from 1 */
    int sticky;             /* ... and every call after it */
    int err;
} S_fault;

static S_fault S_faults[8];
static int S_nfaults;
static uint64_t S_count[F_N];          /* calls counted so far, per family */
static uint64_t S_mallocs;             /* malloc calls in every thread */
static uint64_t S_written;             /* bytes written on matching descriptors */
static uint64_t S_budget = UINT64_MAX; /* ZHE_FAULT_AFTER_BYTES */
static const char *S_path;             /* ZHE_FAULT_PATH, or NULL: every descriptor */
static const char *S_log, *S_counts;
static const char *S_thread;           /* ZHE_FAULT_THREAD, or NULL: every thread */
static int S_ready;                    /* the environment was read */

/* Per descriptor: 0 not looked at yet, 1 its path matches, 2 it does not. */
#define S_NFD 4096
static unsigned char S_fd[S_NFD];

/* The real functions, found with dlsym on first use. */
static ssize_t (*S_read)(int, void *, size_t);
static ssize_t (*S_pread)(int, void *, size_t, off_t);
static ssize_t (*S_pread64)(int, void *, size_t, off64_t);
static ssize_t (*S_write)(int, const void *, size_t);
static ssize_t (*S_pwrite)(int, const void *, size_t, off_t);
static ssize_t (*S_pwrite64)(int, const void *, size_t, off64_t);
static int (*S_fsync)(int);
static int (*S_fdatasync)(int);
static int (*S_close)(int);
static int (*S_open)(const char *, int, ...);
static int (*S_open64)(const char *, int, ...);
static int (*S_openat)(int, const char *, int, ...);
static int (*S_openat64)(int, const char *, int, ...);

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);

static void *S_sym(const char *name)
{
    void *p = dlsym(RTLD_NEXT, name);
    if (!p) {
        static const char msg[] = "faultshim: a libc function is missing\n";
        syscall(SYS_write, 2, msg, sizeof msg - 1);
        _exit(125);
    }
    return p;
}

/* dlsym gives a void *, which ISO C does not convert to a function
 * pointer; POSIX guarantees the bytes are the same. */
#define S_FIND(var, name)                                       \
    do {                                                        \
        void *p_ = S_sym(name);                                 \
        memcpy(&(var), &p_, sizeof p_);                         \
    } while (0)

static int S_found;     /* every real function was found */

/* Find every real function (the first call of any of them does it). */
static void S_syms(void)
{
    S_FIND(S_read, "read");
    S_FIND(S_pread, "pread");
    S_FIND(S_pread64, "pread64");
    S_FIND(S_write, "write");
    S_FIND(S_pwrite, "pwrite");
    S_FIND(S_pwrite64, "pwrite64");
    S_FIND(S_fsync, "fsync");
    S_FIND(S_fdatasync, "fdatasync");
    S_FIND(S_close, "close");
    S_FIND(S_open, "open");
    S_FIND(S_open64, "open64");
    S_FIND(S_openat, "openat");
    S_FIND(S_openat64, "openat64");
    __atomic_store_n(&S_found, 1, __ATOMIC_RELEASE);
}

#define S_REAL(var) ((__atomic_load_n(&S_found, __ATOMIC_ACQUIRE) ? (void)0 : S_syms()), (var))

static int S_errno(const char *s)
{
    if (!s || !*s) return 0;
    if (!strcmp(s, "EIO")) return EIO;
    if (!strcmp(s, "ENOSPC")) return ENOSPC;
    if (!strcmp(s, "EDQUOT")) return EDQUOT;
    if (!strcmp(s, "ENOMEM")) return ENOMEM;
    return atoi(s);
}

/* Read the environment: no allocation (malloc may be what is counted). */
static void S_init(void)
{
    if (S_ready) return;
    S_ready = 1;
    S_path = getenv("ZHE_FAULT_PATH");
    if (S_path && !*S_path) S_path = NULL;
    S_log = getenv("ZHE_FAULT_LOG");
    S_counts = getenv("ZHE_FAULT_COUNTS");
    S_thread = getenv("ZHE_FAULT_THREAD");
    if (S_thread && !*S_thread) S_thread = NULL;
    const char *b = getenv("ZHE_FAULT_AFTER_BYTES");
    if (b && *b) S_budget = strtoull(b, NULL, 10);
    const char *spec = getenv("ZHE_FAULT");
    while (spec && *spec && S_nfaults < (int)(sizeof S_faults / sizeof S_faults[0])) {
        /* FAMILY:N[+][:ERRNO] up to the next comma */
        char one[64];
        size_t len = strcspn(spec, ",");
        snprintf(one, sizeof one, "%.*s", (int)(len < sizeof one ? len : sizeof one - 1), spec);
        spec += len + (spec[len] == ',');
        char *n = strchr(one, ':');
        if (!n) continue;
        *n++ = '\0';
        char *e = strchr(n, ':');
        if (e) *e++ = '\0';
        S_fault *f = &S_faults[S_nfaults];
        f->family = -1;
        for (int i = 0; i < F_N; i++)
            if (!strcmp(one, S_family[i])) f->family = i;
        if (f->family < 0) continue;
        char *end;
        f->n = strtoull(n, &end, 10);
        f->sticky = *end == '+';
        f->err = S_errno(e);
        if (!f->err) f->err = f->family == F_MALLOC ? ENOMEM : EIO;
        S_nfaults++;
    }
}

/* One line to ZHE_FAULT_LOG, through the kernel (no stdio, no malloc). */
static void S_note(int family, uint64_t n, int fd, int err)
{
    if (!S_log) return;
    char line[600], where[512] = "";
    if (fd >= 0) {
        char link[64];
        snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
        ssize_t k = readlink(link, where, sizeof where - 1);
        where[k > 0 ? k : 0] = '\0';
    }
    int len = snprintf(line, sizeof line, "%s %llu %s %s\n", S_family[family],
                       (unsigned long long)n, strerrorname_np(err) ? strerrorname_np(err) : "?",
                       where[0] ? where : "-");
    int log = (int)syscall(SYS_openat, AT_FDCWD, S_log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
                           0644);
    if (log < 0) return;
    syscall(SYS_write, log, line, (size_t)(len < (int)sizeof line ? len : (int)sizeof line - 1));
    syscall(SYS_close, log);
}

/* Whether fd's calls are counted: its path holds ZHE_FAULT_PATH. */
static int S_watched(int fd)
{
    if (!S_path) return 1;
    if (fd < 0) return 0;
    if (fd < S_NFD && S_fd[fd]) return S_fd[fd] == 1;
    char link[64], target[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t k = readlink(link, target, sizeof target - 1);
    int match = 0;
    if (k > 0) {
        target[k] = '\0';
        match = strstr(target, S_path) != NULL;
    }
    if (fd < S_NFD) S_fd[fd] = match ? 1 : 2;
    return match;
}

/* Whether the calling thread's name is ZHE_FAULT_THREAD.  Asked of the
 * kernel every time: thread-local storage in a preloaded library may
 * itself allocate, and a thread is named after it starts. */
static int S_in_thread(void)
{
    if (!S_thread) return 1;
    char name[17] = "";
    if (prctl(PR_GET_NAME, name, 0, 0, 0) != 0) return 0;
    return strcmp(name, S_thread) == 0;
}

/* Count a call of family (on fd, or -1); its errno when it is to fail,
 * else 0. */
static int S_fail(int family, int fd)
{
    S_init();
    if (family != F_MALLOC && !S_watched(fd)) return 0;
    if (family == F_MALLOC) {
        __atomic_add_fetch(&S_mallocs, 1, __ATOMIC_RELAXED);
        if (!S_in_thread()) return 0;
    }
    uint64_t n = __atomic_add_fetch(&S_count[family], 1, __ATOMIC_RELAXED);
    for (int i = 0; i < S_nfaults; i++) {
        const S_fault *f = &S_faults[i];
        if (f->family == family && (n == f->n || (f->sticky && n > f->n))) {
            S_note(family, n, fd, f->err);
            return f->err;
        }
    }
    return 0;
}

/* Count a write of len bytes on fd and hold it against ZHE_FAULT_AFTER_BYTES:
 * how many may go through (len when the disk is not full). */
static size_t S_room(int fd, size_t len)
{
    if (!S_watched(fd)) return len;
    uint64_t before = __atomic_fetch_add(&S_written, len, __ATOMIC_RELAXED);
    if (S_budget == UINT64_MAX) return len;
    if (before >= S_budget) {
        static int noted;       /* the first refusal is the one to log */
        if (!__atomic_exchange_n(&noted, 1, __ATOMIC_RELAXED))
            S_note(F_WRITE, S_count[F_WRITE], fd, ENOSPC);
        return 0;
    }
    return S_budget - before < len ? (size_t)(S_budget - before) : len;
}

/* ----------------------------------------------------------------- I/O */

ssize_t read(int fd, void *buf, size_t len)
{
    int e = S_fail(F_READ, fd);
    if (e) return errno = e, -1;
    return S_REAL(S_read)(fd, buf, len);
}

ssize_t pread(int fd, void *buf, size_t len, off_t off)
{
    int e = S_fail(F_READ, fd);
    if (e) return errno = e, -1;
    return S_REAL(S_pread)(fd, buf, len, off);
}

ssize_t pread64(int fd, void *buf, size_t len, off64_t off)
{
    int e = S_fail(F_READ, fd);
    if (e) return errno = e, -1;
    return S_REAL(S_pread64)(fd, buf, len, off);
}

/* The write families share this: the fault, then the disk's room. */
#define S_WRITE_CHECK(fd, len)                                  \
    int e = S_fail(F_WRITE, fd);                                \
    if (e) return errno = e, -1;                                \
    size_t room = S_room(fd, len);                              \
    if (len && !room) return errno = ENOSPC, -1;

ssize_t write(int fd, const void *buf, size_t len)
{
    S_WRITE_CHECK(fd, len)
    return S_REAL(S_write)(fd, buf, room);
}

ssize_t pwrite(int fd, const void *buf, size_t len, off_t off)
{
    S_WRITE_CHECK(fd, len)
    return S_REAL(S_pwrite)(fd, buf, room, off);
}

ssize_t pwrite64(int fd, const void *buf, size_t len, off64_t off)
{
    S_WRITE_CHECK(fd, len)
    return S_REAL(S_pwrite64)(fd, buf, room, off);
}

int fsync(int fd)
{
    int e = S_fail(F_FSYNC, fd);
    if (e) return errno = e, -1;
    return S_REAL(S_fsync)(fd);
}

int fdatasync(int fd)
{
    int e = S_fail(F_FSYNC, fd);
    if (e) return errno = e, -1;
    return S_REAL(S_fdatasync)(fd);
}

/* A descriptor closed or handed out anew is looked at again. */
static int S_forget(int fd)
{
    if (fd >= 0 && fd < S_NFD) S_fd[fd] = 0;
    return fd;
}

int close(int fd)
{
    S_forget(fd);
    return S_REAL(S_close)(fd);
}

/* open's mode is there only with O_CREAT or O_TMPFILE. */
#define S_MODE(flags, mode)                                     \
    mode_t mode = 0;                                            \
    if ((flags) & (O_CREAT | __O_TMPFILE)) {                    \
        va_list ap;                                             \
        va_start(ap, flags);                                    \
        mode = (mode_t)va_arg(ap, int);                         \
        va_end(ap);                                             \
    }

int open(const char *path, int flags, ...)
{
    S_MODE(flags, mode)
    return S_forget(S_REAL(S_open)(path, flags, mode));
}

int open64(const char *path, int flags, ...)
{
    S_MODE(flags, mode)
    return S_forget(S_REAL(S_open64)(path, flags, mode));
}

int openat(int dir, const char *path, int flags, ...)
{
    S_MODE(flags, mode)
    return S_forget(S_REAL(S_openat)(dir, path, flags, mode));
}

int openat64(int dir, const char *path, int flags, ...)
{
    S_MODE(flags, mode)
    return S_forget(S_REAL(S_openat64)(dir, path, flags, mode));
}

/* -------------------------------------------------------------- memory */

void *malloc(size_t size)
{
    int e = S_fail(F_MALLOC, -1);
    if (e) return errno = e, NULL;
    return __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
    int e = S_fail(F_MALLOC, -1);
    if (e) return errno = e, NULL;
    return __libc_calloc(n, size);
}

void *realloc(void *p, size_t size)
{
    int e = S_fail(F_MALLOC, -1);
    if (e) return errno = e, NULL;
    return __libc_realloc(p, size);
}

/* ------------------------------------------------------------- the end */

/* ZHE_FAULT_COUNTS: what was counted, for the next run's choice of N. */
__attribute__((destructor)) static void S_report(void)
{
    if (!S_counts) return;
    char line[256];
    int len = snprintf(line, sizeof line, "read %llu\nwrite %llu\nfsync %llu\nmalloc %llu\n"
                       "malloc_all %llu\nbytes %llu\n", (unsigned long long)S_count[F_READ],
                       (unsigned long long)S_count[F_WRITE],
                       (unsigned long long)S_count[F_FSYNC],
                       (unsigned long long)S_count[F_MALLOC], (unsigned long long)S_mallocs,
                       (unsigned long long)S_written);
    int fd = (int)syscall(SYS_openat, AT_FDCWD, S_counts, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
                          0644);
    if (fd < 0) return;
    syscall(SYS_write, fd, line, (size_t)len);
    syscall(SYS_close, fd);
}
