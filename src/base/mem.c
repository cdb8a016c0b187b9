/*
** mem.c — the allocator table and the allocation wrappers that end the
** process when memory runs out.
**
** zhevents follows cmark's policy: running out of memory is not an error a
** caller can handle sensibly in a batch tool, so the default allocator
** prints one line and ends the process, and no code checks for NULL after
** allocating.  Tests may install a counting table with zhe_set_mem().
*/
#include "base_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The exit status after running out of memory: the CLI's 3, "I/O or
 * system" (src/cli/cli.h), as for any other resource the system refused.
 * Not abort(): a core dump and "Aborted" read as a crash, and the batch
 * has nothing to save.  _exit, not exit: other threads are still running,
 * and atexit handlers and C++ static destructors would run under them; a
 * database left mid-transaction is rolled back when it is next opened,
 * as after a kill. */
#define S_OOM_EXIT 3

void zhei_out_of_memory(size_t n, size_t size)
{
    /* stderr is unbuffered: the line is out before _exit. */
    if (n) fprintf(stderr, "zhevents: out of memory (%zu x %zu bytes)\n", n, size);
    else fprintf(stderr, "zhevents: out of memory (%zu bytes)\n", size);
    _exit(S_OOM_EXIT);
}

static void *S_calloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) zhei_out_of_memory(n ? n : 1, size);
    return p;
}

static void *S_realloc(void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);
    if (!q) zhei_out_of_memory(0, size);
    return q;
}

static const zhe_mem S_default_mem = { S_calloc, S_realloc, free };
static const zhe_mem *S_mem = &S_default_mem;

void zhe_set_mem(const zhe_mem *mem)
{
    S_mem = mem ? mem : &S_default_mem;
}

void *zhe_xcalloc(size_t n, size_t size)
{
    return S_mem->calloc(n, size);
}

void *zhe_xrealloc(void *p, size_t size)
{
    return S_mem->realloc(p, size);
}

void zhe_free(void *p)
{
    if (p) S_mem->free(p);
}

char *zhe_strndup(const char *s, size_t len)
{
    char *p = zhe_xcalloc(len + 1, 1);
    if (len) memcpy(p, s, len);
    return p;
}

char *zhe_strdup(const char *s)
{
    return zhe_strndup(s, strlen(s));
}

const char *zhe_version(void)
{
    return ZHE_VERSION_STRING;
}
