#!/usr/bin/env python3
"""install_test.py — zhevents as `meson install` leaves it, with no source tree.

    install_test.py ZHEVENTS SOURCE_ROOT MESON NINJA 'CC…'

In a temporary directory: the source tree (git's files, else everything
but build directories) is copied, configured with --prefix=TMP/prefix,
built and installed; then the copy is moved away, so nothing can be read
from it.  The installed command must then extract corpus articles as the
build tree's ZHEVENTS does, with the lexicons it installed; the man page,
the headers (version.h too), both libraries and zhevents.pc must be where
they belong; and mentions.c, built with `pkg-config --cflags --libs
zhevents` against the shared library (and with `--static` against the
static one), must print the mentions of SENTENCE written below by hand.
TAP.  It builds zhevents once more, so it takes a few minutes.
"""
import glob
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from taplib import ok, done, clean_env  # noqa: E402

ARTICLES = ["corpus/html/nvidia-rules-take-effect.gbk.html", "corpus/jsonl/news-2023.jsonl"]
HEADERS = ["zhevents.h", "base.h", "version.h", "lexicon.h", "text.h", "segment.h", "extract.h",
           "events.h", "record.h", "pipeline.h", "store.h", "export.h"]

# The sentence mentions.c reads, and what it must print, counted by hand:
# type, text, code points [start, end), value.
SENTENCE = "英伟达H100售价约26.5万元，2023年10月17日起禁售，每箱8张"
EXPECTED = ("chip\tH100\t3-7\tH100 NVIDIA\n"
            "money\t约26.5万元\t9-16\t265000 CNY\n"
            "date\t2023年10月17日\t17-28\t2023-10-17\n"
            "quantity\t8张\t34-36\t8 张\n")


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def step(r, name):
    """A case for a command that must succeed; its output when it fails."""
    return ok(r.returncode == 0, name, f"exit {r.returncode}\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}")


def tracked_files(root):
    """The files to copy: git's (tracked, and new ones it does not ignore),
    else every file outside .git and build directories."""
    r = run(["git", "-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard"])
    if r.returncode == 0 and r.stdout:
        return [f for f in r.stdout.split("\0") if f and os.path.isfile(os.path.join(root, f))]
    files = []
    for top, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d != ".git" and not d.startswith("build")
                   and d != "__pycache__"]
        files += [os.path.relpath(os.path.join(top, n), root) for n in names]
    return files


def copy_tree(root, dest):
    for f in tracked_files(root):
        os.makedirs(os.path.dirname(os.path.join(dest, f)), exist_ok=True)
        shutil.copy2(os.path.join(root, f), os.path.join(dest, f))


def main():
    zhe, root, meson, ninja, cc = sys.argv[1:6]
    root = os.path.abspath(root)
    cc = shlex.split(cc)
    tmp = tempfile.mkdtemp(prefix="zhevents-install-")
    try:
        return check(os.path.abspath(zhe), root, meson, ninja, cc, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def check(zhe, root, meson, ninja, cc, tmp):
    src, build, prefix = (os.path.join(tmp, d) for d in ("src", "build", "prefix"))
    copy_tree(root, src)
    env = dict(os.environ)
    env.pop("ZHEVENTS_LEXICONS", None)
    if not step(run([meson, "setup", build, src, f"--prefix={prefix}", "-Dtests=false"],
                    env=env), "meson setup --prefix TMP/prefix"):
        return done()
    if not step(run([ninja, "-C", build], env=env), "the copy builds"):
        return done()
    if not step(run([meson, "install", "-C", build], env=env), "meson install"):
        return done()
    # Nothing may come from the source tree from here on.
    os.rename(src, os.path.join(tmp, "src-moved-away"))

    libdirs = glob.glob(os.path.join(prefix, "lib*", "**", "libzhevents.so.0"), recursive=True)
    libdir = os.path.dirname(libdirs[0]) if libdirs else os.path.join(prefix, "lib")
    lexicons = os.path.join(prefix, "share", "zhevents", "lexicons")
    wanted = (["bin/zhevents", "share/man/man1/zhevents.1",
               "share/bash-completion/completions/zhevents",
               "share/zsh/site-functions/_zhevents",
               "share/zhevents/lexicons/chips.tsv", "share/zhevents/lexicons/triggers.tsv",
               "share/zhevents/lexicons/README.md"]
              + [f"include/zhevents/{h}" for h in HEADERS])
    missing = [w for w in wanted if not os.path.isfile(os.path.join(prefix, w))]
    missing += [n for n in ("libzhevents.so.0", "libzhevents.so", "libzhevents.a",
                            "pkgconfig/zhevents.pc")
                if not os.path.exists(os.path.join(libdir, n))]
    ok(not missing, "installed: the command, both libraries, headers, lexicons, man page, "
       "bash and zsh completion, zhevents.pc", "missing: " + " ".join(missing))
    ok(sorted(os.listdir(lexicons)) == sorted(
        f for f in os.listdir(os.path.join(root, "lexicons")) if f != "import-jieba.sh"),
       "every lexicon and its README installed, not the generator script",
       " ".join(sorted(os.listdir(lexicons))))
    with open(os.path.join(prefix, "share/man/man1/zhevents.1"), encoding="utf-8") as f:
        ok(".TH ZHEVENTS 1" in f.read(), "the man page is zhevents(1)")

    installed = os.path.join(prefix, "bin", "zhevents")
    r = run(["readelf", "-d", installed])
    ok(r.returncode != 0 or "libzhevents" not in r.stdout,
       "the command links the static library (no libzhevents.so to find)", r.stdout)
    v_inst, v_tree = run([installed, "--version"]), run([zhe, "--version"])
    ok(v_inst.returncode == 0 and v_inst.stdout == v_tree.stdout,
       f"--version: {v_inst.stdout.strip()}", v_inst.stdout + v_inst.stderr)

    # Run from the temporary directory with no ZHEVENTS_LEXICONS: the
    # installed lexicons must be found.  The build tree's binary is told
    # where its own are.
    for art in ARTICLES:
        path = os.path.join(root, art)
        got = run([installed, "extract", "--format", "jsonl", path], cwd=tmp, env=clean_env())
        want = run([zhe, "extract", "--format", "jsonl", path], cwd=tmp,
                   env=clean_env(ZHEVENTS_LEXICONS=os.path.join(root, "lexicons")))
        ok(got.returncode == 0 and want.returncode == 0 and got.stdout == want.stdout
           and got.stdout.count("\n") > 0,
           f"installed extract --format jsonl {art} = the build tree's "
           f"({got.stdout.count(chr(10))} articles)",
           f"exit {got.returncode}\n{got.stderr}\n--- installed\n{got.stdout[:1500]}\n"
           f"--- build tree\n{want.stdout[:1500]}")

    # A program of a user's, through pkg-config.
    pcenv = dict(env, PKG_CONFIG_PATH=os.path.join(libdir, "pkgconfig"))
    pc = shutil.which("pkg-config")
    if not pc:
        ok(True, "mentions.c through pkg-config # SKIP pkg-config not found")
        return done()
    r = run([pc, "--modversion", "zhevents"], env=pcenv)
    ok(r.returncode == 0 and r.stdout.strip() == v_tree.stdout.split()[-1],
       f"pkg-config --modversion zhevents: {r.stdout.strip()}", r.stderr)
    flags = run([pc, "--cflags", "--libs", "zhevents"], env=pcenv)
    step(flags, f"pkg-config --cflags --libs zhevents: {flags.stdout.strip()}")
    prog = os.path.join(tmp, "mentions")
    mentions_c = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mentions.c")
    r = run(cc + ["-std=c11", "-Wall", "-Wextra", "-Werror", mentions_c, "-o", prog]
            + shlex.split(flags.stdout), env=pcenv)
    if step(r, "mentions.c builds against the shared library"):
        r = run([prog, SENTENCE], cwd=tmp, env=clean_env(LD_LIBRARY_PATH=libdir))
        ok(r.returncode == 0 and r.stdout == EXPECTED, f"mentions '{SENTENCE}'",
           f"exit {r.returncode}\n{r.stderr}\n--- got\n{r.stdout}--- expected\n{EXPECTED}")
        r = run(["ldd", prog], env=clean_env(LD_LIBRARY_PATH=libdir))
        ok(os.path.join(libdir, "libzhevents.so.0") in r.stdout,
           "it ran with the installed libzhevents.so.0", r.stdout)

    # The static library with Requires.private and Libs.private.
    static = run([pc, "--static", "--libs", "zhevents"], env=pcenv)
    libs = [os.path.join(libdir, "libzhevents.a") if a == "-lzhevents" else a
            for a in shlex.split(static.stdout)]
    cflags = run([pc, "--cflags", "zhevents"], env=pcenv)
    prog_s = prog + "-static"
    r = run(cc + ["-std=c11", "-Wall", "-Wextra", "-Werror", mentions_c, "-o", prog_s]
            + shlex.split(cflags.stdout) + libs, env=pcenv)
    if step(r, f"mentions.c builds against libzhevents.a with pkg-config --static "
            f"({len(libs)} libraries)"):
        r = run([prog_s, SENTENCE], cwd=tmp, env=clean_env())
        ok(r.returncode == 0 and r.stdout == EXPECTED, "the static build prints the same",
           f"exit {r.returncode}\n{r.stderr}\n{r.stdout}")
    return done()


if __name__ == "__main__":
    sys.exit(main())
