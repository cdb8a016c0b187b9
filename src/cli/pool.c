/*
** pool.c — an ordered worker pool: the thread that reads submits items,
** N worker threads transform them in any order, one writer thread hands
** them on in the order they were submitted.  `zhevents ingest --jobs N`
** runs decoding-to-record in the workers and keeps the database to the
** writer, so the database it makes is the same for every N.
**
** The items wait in a ring of `depth` slots: submitting blocks while
** depth items are between the reader and the writer, so memory stays
** bounded however large the input.  One mutex guards the ring; at the
** rate articles come (hundreds to thousands a second) it is never
** contended for long.
*/
#include "cli.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { S_FREE, S_QUEUED, S_WORKING, S_DONE };

typedef struct {
    void *item;
    int state;
} S_slot;

typedef struct {
    zhe_cli_pool *pool;
    size_t index;
    pthread_t thread;
    double cpu;             /* seconds of CPU the thread used */
} S_worker;

struct zhe_cli_pool {
    zhe_cli_work_fn work;
    zhe_cli_done_fn done;
    void *ctx;
    size_t depth;
    S_slot *ring;
    uint64_t submitted;     /* items submitted so far */
    uint64_t claimed;       /* items a worker has taken */
    uint64_t written;       /* items the writer has handed on */
    int closing;            /* no more items will come */
    int stop;               /* the writer's non-zero return, 0 if none */
    pthread_mutex_t mu;
    pthread_cond_t space;   /* the reader waits for a free slot */
    pthread_cond_t queued;  /* workers wait for an item */
    pthread_cond_t ready;   /* the writer waits for the next item in order */
    size_t n_workers;
    S_worker *workers;
    pthread_t writer;
    double writer_cpu;
};

/* The CPU time the calling thread has used, in seconds. */
static double S_cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *S_work(void *arg)
{
    S_worker *w = arg;
    zhe_cli_pool *p = w->pool;
    pthread_setname_np(pthread_self(), "zhe-worker");     /* for top -H, perf */
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->claimed == p->submitted && !p->closing) pthread_cond_wait(&p->queued, &p->mu);
        if (p->claimed == p->submitted) break;
        S_slot *s = &p->ring[p->claimed++ % p->depth];
        s->state = S_WORKING;
        pthread_mutex_unlock(&p->mu);
        p->work(p->ctx, w->index, s->item);
        pthread_mutex_lock(&p->mu);
        s->state = S_DONE;
        pthread_cond_signal(&p->ready);
    }
    pthread_mutex_unlock(&p->mu);
    w->cpu = S_cpu();
    return NULL;
}

static void *S_write(void *arg)
{
    zhe_cli_pool *p = arg;
    pthread_setname_np(pthread_self(), "zhe-writer");
    pthread_mutex_lock(&p->mu);
    for (;;) {
        S_slot *s = &p->ring[p->written % p->depth];
        while (!(p->written < p->submitted && s->state == S_DONE)) {
            if (p->closing && p->written == p->submitted) goto out;
            pthread_cond_wait(&p->ready, &p->mu);
        }
        pthread_mutex_unlock(&p->mu);
        int rc = p->done(p->ctx, s->item);
        pthread_mutex_lock(&p->mu);
        s->item = NULL;
        s->state = S_FREE;
        p->written++;
        if (rc && !p->stop) p->stop = rc;
        pthread_cond_signal(&p->space);
    }
out:
    pthread_mutex_unlock(&p->mu);
    p->writer_cpu = S_cpu();
    return NULL;
}

/* A thread the pool needs could not start: the system is out of memory
 * or of threads.  Ends the process as running out of memory does
 * (src/base/mem.c): a message and the exit status of a system failure,
 * not abort()'s crash; _exit, as the threads already started are waiting
 * on the pool. */
static void S_no_thread(const char *which, int rc)
{
    fprintf(stderr, "zhevents: cannot start the %s thread: %s\n", which, strerror(rc));
    _exit(ZHE_EXIT_IO);
}

zhe_cli_pool *zhe_cli_pool_start(size_t workers, size_t depth, zhe_cli_work_fn work,
                                 zhe_cli_done_fn done, void *ctx)
{
    zhe_cli_pool *p = zhe_xcalloc(1, sizeof *p);
    p->work = work;
    p->done = done;
    p->ctx = ctx;
    p->n_workers = workers ? workers : 1;
    p->depth = depth > p->n_workers ? depth : p->n_workers * 2;
    p->ring = zhe_xcalloc(p->depth, sizeof *p->ring);
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->space, NULL);
    pthread_cond_init(&p->queued, NULL);
    pthread_cond_init(&p->ready, NULL);
    p->workers = zhe_xcalloc(p->n_workers, sizeof *p->workers);
    for (size_t i = 0; i < p->n_workers; i++) {
        p->workers[i].pool = p;
        p->workers[i].index = i;
        int rc = pthread_create(&p->workers[i].thread, NULL, S_work, &p->workers[i]);
        if (rc) S_no_thread("worker", rc);
    }
    int rc = pthread_create(&p->writer, NULL, S_write, p);
    if (rc) S_no_thread("writer", rc);
    return p;
}

int zhe_cli_pool_submit(zhe_cli_pool *p, void *item)
{
    pthread_mutex_lock(&p->mu);
    while (p->submitted - p->written >= p->depth && !p->stop)
        pthread_cond_wait(&p->space, &p->mu);
    int rc = p->stop;
    if (!rc) {
        S_slot *s = &p->ring[p->submitted++ % p->depth];
        s->item = item;
        s->state = S_QUEUED;
        pthread_cond_signal(&p->queued);
    }
    pthread_mutex_unlock(&p->mu);
    return rc;
}

int zhe_cli_pool_finish(zhe_cli_pool *p, zhe_cli_pool_cpu *cpu)
{
    pthread_mutex_lock(&p->mu);
    p->closing = 1;
    pthread_cond_broadcast(&p->queued);
    pthread_cond_broadcast(&p->ready);
    pthread_mutex_unlock(&p->mu);
    for (size_t i = 0; i < p->n_workers; i++) pthread_join(p->workers[i].thread, NULL);
    pthread_join(p->writer, NULL);
    if (cpu) {
        cpu->reader = S_cpu();
        cpu->workers = 0;
        for (size_t i = 0; i < p->n_workers; i++) cpu->workers += p->workers[i].cpu;
        cpu->writer = p->writer_cpu;
    }
    int rc = p->stop;
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->space);
    pthread_cond_destroy(&p->queued);
    pthread_cond_destroy(&p->ready);
    zhe_free(p->workers);
    zhe_free(p->ring);
    zhe_free(p);
    return rc;
}
