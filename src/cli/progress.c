/*
** progress.c — a line on stderr that a long run keeps up to date: files,
** articles, MB/s, articles/s, events, rejects, and how far and how long to
** go when the size of the input is known.  Only on a terminal: a run whose
** stderr goes to a file or a pipe prints none of it, and --quiet silences
** it.  Other messages clear the line first, and the last state stays on
** the screen when the run ends.
*/
#define _XOPEN_SOURCE 700
#include "cli.h"

#include <ftw.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double S_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t S_total;

static int S_add_size(const char *path, const struct stat *sb, int flag, struct FTW *f)
{
    (void)path, (void)f;
    if (flag == FTW_F && S_ISREG(sb->st_mode)) S_total += (uint64_t)sb->st_size;
    return 0;
}

void zhe_cli_progress_start(zhe_cli_progress *p, int enabled, int npaths, char **paths)
{
    memset(p, 0, sizeof *p);
    p->on = enabled && isatty(STDERR_FILENO);
    if (!p->on) return;
    p->t0 = p->last = S_now();
    /* the inputs' size on disk, what the reader counts (gzip compressed):
     * unknown when one of them is standard input */
    S_total = 0;
    int known = npaths > 0;
    for (int i = 0; i < npaths && known; i++) {
        if (strcmp(paths[i], "-") == 0) known = 0;
        else nftw(paths[i], S_add_size, 16, FTW_PHYS);
    }
    p->total = known ? S_total : 0;
}

void zhe_cli_progress_article(zhe_cli_progress *p, const char *path, uint64_t bytes)
{
    if (!p->on) return;
    p->articles++;
    p->bytes = bytes;
    if (path && strcmp(path, p->path) != 0) {
        p->files++;
        snprintf(p->path, sizeof p->path, "%s", path);
    }
    zhe_cli_progress_show(p, 0);
}

void zhe_cli_progress_show(zhe_cli_progress *p, int force)
{
    if (!p->on) return;
    double now = S_now();
    if (!force && now - p->last < 0.25) return;
    p->last = now;
    double secs = now - p->t0 > 1e-3 ? now - p->t0 : 1e-3;
    double mb = (double)p->bytes / 1e6;
    fprintf(stderr, "\r\033[K%llu files · %llu articles · %.1f MB/s · %.0f articles/s · "
                    "%llu events · %llu rejected",
            (unsigned long long)p->files, (unsigned long long)p->articles, mb / secs,
            (double)p->articles / secs, (unsigned long long)p->events,
            (unsigned long long)p->rejects);
    if (p->total && p->bytes <= p->total) {
        double done = (double)p->bytes / (double)p->total;
        fprintf(stderr, " · %.0f%%", done * 100);
        if (done > 0.01 && done < 1) {
            long eta = (long)(secs / done - secs + 0.5);
            fprintf(stderr, " · ETA %ld:%02ld", eta / 60, eta % 60);
        }
    }
    p->shown = 1;
    fflush(stderr);
}

void zhe_cli_progress_clear(zhe_cli_progress *p)
{
    if (!p->on || !p->shown) return;
    fputs("\r\033[K", stderr);
    p->shown = 0;
}

void zhe_cli_progress_end(zhe_cli_progress *p)
{
    if (!p->on) return;
    p->total = 0;       /* the last line: what was done, no estimate */
    zhe_cli_progress_show(p, 1);
    fputc('\n', stderr);
    p->shown = 0;
}
