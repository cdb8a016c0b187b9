/*
** fuzz_main.c — replays fuzz inputs without libFuzzer: each argument is a
** file or a directory of files, fed once to LLVMFuzzerTestOneInput.  Prints
** TAP, one line per input, so meson runs it as suite `fuzz`.
*/
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int S_count;

static void S_run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        printf("not ok %d - %s: cannot open\n", ++S_count, path);
        return;
    }
    char *buf = NULL;
    size_t len = 0, cap = 0, n;
    char tmp[65536];
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) {
        if (len + n > cap) {
            cap = (len + n) * 2;
            buf = realloc(buf, cap);
            if (!buf) abort();
        }
        memcpy(buf + len, tmp, n);
        len += n;
    }
    fclose(f);
    LLVMFuzzerTestOneInput((const uint8_t *)(buf ? buf : ""), len);
    free(buf);
    printf("ok %d - %s\n", ++S_count, path);
}

static int S_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        struct stat sb;
        if (stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
            DIR *d = opendir(argv[i]);
            char *names[4096];
            size_t n = 0;
            struct dirent *e;
            while (d && (e = readdir(d)) && n < 4096)
                if (e->d_name[0] != '.') names[n++] = strdup(e->d_name);
            if (d) closedir(d);
            qsort(names, n, sizeof *names, S_cmp);
            for (size_t k = 0; k < n; k++) {
                char path[4096];
                snprintf(path, sizeof path, "%s/%s", argv[i], names[k]);
                S_run_file(path);
                free(names[k]);
            }
        } else {
            S_run_file(argv[i]);
        }
    }
    printf("1..%d\n", S_count);
    return 0;
}
