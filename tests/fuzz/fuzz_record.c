/*
** fuzz_record.c — fuzz target for the records `zhevents load` reads: each
** line of the input through zhe_record_read_json, and every record read
** stored with zhe_store_put_record into a database of its own (a fresh
** temporary file, opened once per process and reused; batches of 3, so
** commits come often).
**
** The first input byte picks the store: one that leaves an article it
** holds alone, or one that replaces it (opt.replace, deleting its rows
** first); the rest is the lines.  Beyond "no crash": a line that is not
** a record is refused as a format error whose message names the file and
** the line; a record read has a hash of 32 hex digits and an id; written
** again (zhe_record_write_json with ZHE_RECORD_STORE) it is read back,
** and written from there gives the very same JSON, hash and id; storing it
** succeeds (added, a duplicate or replaced) or fails only as the database
** failing (ZHE_ERR_DB) or an invariant of the store (ZHE_ERR_INTERNAL),
** with a message, and never because SQLite finds the database corrupt
** (which only an earlier write of the store's own can have made it).
** The replay's stores are fresh for its first input only: a regression
** input that needs a fresh store is named to sort first ("0-first_…").
**
** Built with -Dfuzzing=true -Dfuzzer_ldflags=-fsanitize=fuzzer it is a
** libFuzzer target; otherwise fuzz_main.c replays a corpus through it.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zhevents/zhevents.h>

#define S_NAME "x.jsonl"

/* Records stored in a database before it is thrown away for a fresh one,
 * so that a long run does not fill the disk. */
#define S_MAX_PUTS 20000

static void S_fail(const char *what, uint64_t line)
{
    fprintf(stderr, "invariant broken: %s (line %llu)\n", what, (unsigned long long)line);
    abort();
}

typedef struct {
    zhe_store *st;
    char path[4096];
    size_t puts;
} S_db;

static S_db S_dbs[2];

/* Close db and delete its files. */
static void S_drop(S_db *db)
{
    static const char *const ext[] = { "", "-wal", "-shm", "-journal" };
    if (!db->st) return;
    zhe_store_close(db->st, NULL);
    db->st = NULL;
    for (size_t i = 0; i < sizeof ext / sizeof *ext; i++) {
        char p[4200];
        snprintf(p, sizeof p, "%s%s", db->path, ext[i]);
        unlink(p);
    }
}

static void S_drop_all(void)
{
    S_drop(&S_dbs[0]);
    S_drop(&S_dbs[1]);
}

/* The store of db, opened on a fresh temporary file when it has none. */
static zhe_store *S_open(S_db *db, int replace)
{
    if (db->st && db->puts < S_MAX_PUTS) return db->st;
    S_drop(db);
    static int registered;
    if (!registered) atexit(S_drop_all), registered = 1;
    const char *tmp = getenv("TMPDIR");
    snprintf(db->path, sizeof db->path, "%s/zhe-fuzz-record-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(db->path);
    if (fd < 0) abort();
    close(fd);
    zhe_store_options opt;
    zhe_store_options_init(&opt);
    opt.batch = 3;
    opt.replace = replace;
    zhe_error err;
    if (zhe_store_open(db->path, &opt, &db->st, &err) != ZHE_OK) {
        fprintf(stderr, "fuzz_record: %s\n", err.message);
        abort();
    }
    db->puts = 0;
    return db->st;
}

/* Whether message m names the file and line: "x.jsonl:N: ". */
static int S_names_line(const char *m, uint64_t line)
{
    char want[64];
    snprintf(want, sizeof want, S_NAME ":%llu: ", (unsigned long long)line);
    return strncmp(m, want, strlen(want)) == 0;
}

static void S_line(S_db *db, int replace, const char *s, size_t len, uint64_t line)
{
    zhe_record *r = NULL;
    zhe_error err;
    zhe_status st = zhe_record_read_json(s, len, S_NAME, line, &r, &err);
    if (st != ZHE_OK) {
        if (r || st != ZHE_ERR_FORMAT || err.status != st || !S_names_line(err.message, line))
            S_fail("a refusal that is no format error naming its line", line);
        return;
    }
    const char *hash = zhe_record_hash(r);
    if (strlen(hash) != 32 || strspn(hash, "0123456789abcdef") != 32 || !*zhe_record_id(r))
        S_fail("a record without a hash or an id", line);

    /* Round trip: what it writes reads back, and writes the same again. */
    zhe_buf j1 = ZHE_BUF_INIT, j2 = ZHE_BUF_INIT;
    zhe_record_write_json(r, ZHE_RECORD_STORE, &j1);
    zhe_record *r2 = NULL;
    if (zhe_record_read_json(j1.ptr, j1.len, S_NAME, line, &r2, &err) != ZHE_OK) {
        fprintf(stderr, "%s\n", err.message);
        S_fail("a record's own JSON is not read back", line);
    }
    zhe_record_write_json(r2, ZHE_RECORD_STORE, &j2);
    if (j1.len != j2.len || memcmp(j1.ptr, j2.ptr, j1.len) != 0 ||
        strcmp(zhe_record_hash(r2), hash) != 0 || strcmp(zhe_record_id(r2), zhe_record_id(r)) ||
        zhe_record_n_events(r2) != zhe_record_n_events(r)) {
        fprintf(stderr, "first:  %s\nsecond: %s\n", j1.ptr, j2.ptr);
        S_fail("a record read back writes other JSON", line);
    }
    zhe_buf_clear(&j1);
    zhe_buf_clear(&j2);
    zhe_record_free(r2);

    zhe_store *store = S_open(db, replace);
    zhe_store_outcome outcome = 0;
    st = zhe_store_put_record(store, r, &outcome, &err);
    db->puts++;
    if (st == ZHE_OK) {
        if (outcome != ZHE_STORE_ADDED && outcome != ZHE_STORE_DUPLICATE &&
            outcome != ZHE_STORE_REPLACED)
            S_fail("a record stored with no outcome", line);
    } else if ((st != ZHE_ERR_DB && st != ZHE_ERR_INTERNAL) || err.status != st ||
               !err.message[0]) {
        fprintf(stderr, "%s\n", err.message);
        S_fail("storing a record failed otherwise than in the database", line);
    } else if (strstr(err.message, "malformed")) {
        /* SQLITE_CORRUPT: the store broke its own database (its full-text
         * index) earlier; no record may do that. */
        fprintf(stderr, "%s\n", err.message);
        S_fail("the store found its own database corrupt", line);
    }
    zhe_record_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    int replace = data[0] & 1;
    const char *s = (const char *)data + 1;
    size_t len = size - 1;
    char *copy = malloc(len ? len : 1);     /* exactly len bytes: overreads are caught */
    if (!copy) abort();
    memcpy(copy, s, len);
    uint64_t line = 0;
    for (size_t at = 0; at < len;) {
        const char *nl = memchr(copy + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - copy) : len;
        S_line(&S_dbs[replace], replace, copy + at, end - at, ++line);
        at = end + 1;
    }
    free(copy);
    return 0;
}
