/*
** tap.h — a tiny Test Anything Protocol harness for the unit tests.
** meson runs each test binary with protocol: 'tap' and reads its lines.
**
**     ok(expr, "name %d", i);            one check
**     is_str(got, len, "want", "name");  byte-exact string check
**     is_int(got, want, "name");
**     return tap_done();                 prints the plan, returns the exit code
*/
#ifndef ZHE_TAP_H
#define ZHE_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_count, tap_failed;

/* Set while checking what is known to fail: the lines carry TAP's TODO
 * directive, and a failure does not fail the run (a pass makes meson
 * report an unexpected pass, so that the TODO goes). */
static int tap_todo;

__attribute__((format(printf, 4, 5))) static int tap_ok(int pass, const char *file, int line,
                                                       const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("%s %d - ", pass ? "ok" : "not ok", ++tap_count);
    vprintf(fmt, ap);
    printf("%s\n", tap_todo ? " # TODO" : "");
    va_end(ap);
    if (!pass && !tap_todo) {
        tap_failed++;
        printf("#   failed at %s:%d\n", file, line);
    }
    return pass;
}

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

__attribute__((unused)) static int tap_is_str(const char *got, size_t got_len, const char *want, const char *file,
                      int line, const char *name)
{
    int pass = got_len == strlen(want) && memcmp(got, want, got_len) == 0;
    tap_ok(pass, file, line, "%s", name);
    if (!pass) printf("#   got:  \"%.*s\"\n#   want: \"%s\"\n", (int)got_len, got, want);
    return pass;
}

#define is_str(got, len, want, name) tap_is_str((got), (len), (want), __FILE__, __LINE__, (name))

__attribute__((unused)) static int tap_is_int(long long got, long long want, const char *file, int line,
                      const char *name)
{
    int pass = got == want;
    tap_ok(pass, file, line, "%s", name);
    if (!pass) printf("#   got:  %lld\n#   want: %lld\n", got, want);
    return pass;
}

#define is_int(got, want, name) tap_is_int((long long)(got), (long long)(want), __FILE__, __LINE__, (name))

static int tap_done(void)
{
    printf("1..%d\n", tap_count);
    return tap_failed ? 1 : 0;
}

#endif /* ZHE_TAP_H */
