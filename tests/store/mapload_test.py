#!/usr/bin/env python3
"""`map` in parallel shards, then `load`, makes the database `ingest` makes.

usage: mapload_test.py ZHEVENTS SRCROOT [SIZE_MB]

Generates SIZE_MB (default 4) of the benchmark corpus (tests/bench/
gen_corpus.py, fixed seed) in a temporary directory as one JSON Lines file
and ingests it into A.db.  GNU parallel (Debian package `parallel`) cuts
the same file into blocks of whole lines (--pipepart --block --recend) and
runs `zhevents map` on each, four at a time, each job writing its own shard;
`zhevents load` stores the shards, in job order, into B.db.  As TAP cases:
the shards hold one valid JSON record per input line and at least 4 shards
were made; B equals A table by table, as multisets of rows keyed by the
article's hash instead of row ids (so neither row ids nor the order the
articles came in matter), leaving out what records the runs and where each
article was read from (path, record, line: `ingest` read a file, `load`
read shards whose lines `map` numbered per block); B passes integrity_check
and FTS5's integrity-check and finds as many sentences for "芯片" as A;
loading the shards again changes no table's row count; loading them in
reverse order into C.db gives B's database.  Then `map` on its own: empty
input (exit 0, no output), a line of bad JSON between two articles (three
records, the middle one an "error" record; with --errors FILE it goes to
FILE), and the same output without HOME, under LC_ALL=C and from /.

Without the `parallel` binary the whole test is skipped (TAP "1..0 # SKIP":
meson's TAP protocol takes a nonzero exit, 77 included, as an error).
"""
import collections
import json
import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from taplib import clean_env, done, ok  # noqa: E402

ZHE, ROOT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
SIZE = float(sys.argv[3]) if len(sys.argv) > 3 else 4
PARALLEL = shutil.which("parallel")
if not PARALLEL:
    print("1..0 # SKIP GNU parallel not found (Debian package parallel: apt-get install parallel)")
    sys.exit(0)

TMP = tempfile.mkdtemp(prefix="zhevents-mapload-")
ENV = clean_env()
TIMEOUT = 600

# Columns that hold row ids (replaced by the article's hash, the sentence's
# idx or the event's key), what records the runs, and where a row was read
# from, which `ingest FILE` and `map < block | load SHARD` cannot agree on.
IDS = {"id", "run_id", "article_id", "sentence_id", "event_id", "source_id"}
PROVENANCE = {"path", "record", "line", "file", "offset"}
# FTS5's own tables: checked through integrity-check and MATCH instead.
FTS_SHADOW = re.compile(r"^sentences_(fts|trigram)_(data|idx|config|content)$")


def run(args, data=b"", env=None, cwd=ROOT):
    """Run args with data on stdin; (returncode, stdout, stderr as text).
    A timeout or a missing program is a returncode of -1, not a crash."""
    try:
        p = subprocess.run(args, input=data, env=ENV if env is None else env, cwd=cwd,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT)
        return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")
    except (OSError, subprocess.TimeoutExpired) as e:
        return -1, b"", str(e)


def records(data):
    """The lines of data, each decoded as UTF-8 JSON: (list, first problem)."""
    out = []
    lines = data.split(b"\n")
    if lines[-1]:
        return out, f"no newline at the end: {lines[-1][-200:]!r}"
    for n, line in enumerate(lines[:-1], 1):
        try:
            out.append(json.loads(line.decode("utf-8")))
        except (UnicodeDecodeError, ValueError) as e:
            return out, f"line {n}: {e}: {line[:200]!r}"
    return out, ""


def tables(con):
    """The tables whose rows are compared and counted: all but SQLite's own,
    FTS5's (virtual and shadow; docsize, one row per indexed sentence, is
    kept) and runs."""
    return [name for name, sql in con.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
        if not name.startswith("sqlite_") and name != "runs"
        and not FTS_SHADOW.match(name) and not sql.upper().startswith("CREATE VIRTUAL")]


def counts(db):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables(con)}
    finally:
        con.close()


def dump(db, provenance=False):
    """Every table's rows as a multiset, without row ids: an article is its
    hash, a sentence its article's hash and idx, a mention or an event its
    article's hash and its sentence's idx, an event's chip the event's key
    and article hash; what records the runs is left out, and so is where a
    row was read from unless provenance."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    drop = IDS | (set() if provenance else PROVENANCE)

    def cols(t):
        return [f'x."{r[1]}"' for r in con.execute(f'PRAGMA table_info("{t}")')
                if r[1] not in drop]

    joins = {
        "articles": ("s.name", "LEFT JOIN sources s ON s.id = x.source_id"),
        "sentences": ("a.hash", "JOIN articles a ON a.id = x.article_id"),
        "mentions": ("a.hash, s.idx", "JOIN articles a ON a.id = x.article_id"
                     " JOIN sentences s ON s.id = x.sentence_id"),
        "events": ("a.hash, s.idx", "JOIN articles a ON a.id = x.article_id"
                   " JOIN sentences s ON s.id = x.sentence_id"),
        "event_chips": ("a.hash, e.key", "JOIN events e ON e.id = x.event_id"
                        " JOIN articles a ON a.id = e.article_id"),
        "sentences_fts_docsize": ("a.hash, s.idx", "JOIN sentences s ON s.id = x.id"
                                  " JOIN articles a ON a.id = s.article_id"),
    }
    try:
        out = {}
        for t in tables(con):
            keys, join = joins.get(t, ("", ""))
            sel = ", ".join(filter(None, [keys] + cols(t)))
            out[t] = collections.Counter(con.execute(f'SELECT {sel} FROM "{t}" x {join}'))
        out["fts"] = collections.Counter(con.execute(
            "SELECT a.hash, s.idx FROM sentences_fts f JOIN sentences s ON s.id = f.rowid"
            " JOIN articles a ON a.id = s.article_id WHERE sentences_fts MATCH '\"芯片\"'"))
        return out
    finally:
        con.close()


def differ(a, b):
    """What differs between two dumps, a few rows a table."""
    lines = []
    for t in sorted(set(a) | set(b)):
        x, y = a.get(t, collections.Counter()), b.get(t, collections.Counter())
        if x != y:
            lines.append(f"{t}: {sum(x.values())} rows against {sum(y.values())}")
            lines += [f"  only first:  {r!r}"[:300] for r in list((x - y).elements())[:3]]
            lines += [f"  only second: {r!r}"[:300] for r in list((y - x).elements())[:3]]
    return "\n".join(lines)


def same(a_db, b_db, name, provenance=False):
    try:
        a, b = dump(a_db, provenance), dump(b_db, provenance)
    except sqlite3.Error as e:
        return ok(False, name, f"cannot read the databases: {e}")
    return ok(a == b and sum(len(v) for v in a.values()) > 0, name, differ(a, b) or "both empty")


def load(db, shards):
    return run([ZHE, "load", "--quiet", "--db", db] + shards)


def check(db, what):
    """PRAGMA integrity_check and FTS5's integrity-check of db."""
    try:
        con = sqlite3.connect(f"file:{db}?mode=rw", uri=True)
        r = con.execute("PRAGMA integrity_check").fetchone()[0]
        ok(r == "ok", f"{what}: integrity_check", r)
        try:
            con.execute("INSERT INTO sentences_fts(sentences_fts) VALUES('integrity-check')")
            ok(True, f"{what}: the full-text index passes FTS5's integrity-check")
        except sqlite3.DatabaseError as e:
            ok(False, f"{what}: the full-text index passes FTS5's integrity-check", str(e))
        con.close()
    except sqlite3.Error as e:
        ok(False, f"{what}: integrity_check", str(e))
        ok(False, f"{what}: the full-text index passes FTS5's integrity-check", str(e))


def matches(db):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute("SELECT count(*) FROM sentences_fts"
                           " WHERE sentences_fts MATCH '\"芯片\"'").fetchone()[0]
    finally:
        con.close()


try:
    # -- the corpus: one JSON Lines file, UTF-8 (gen_corpus.py's default) --
    gen = os.path.join(TMP, "gen")
    os.mkdir(gen)
    subprocess.run([sys.executable, os.path.join(ROOT, "tests", "bench", "gen_corpus.py"),
                    "--size", str(SIZE), "--script", "simplified", "-o",
                    os.path.join(gen, "corpus.jsonl")], check=True, timeout=TIMEOUT)
    CORPUS = os.path.join(TMP, "corpus.jsonl")
    with open(CORPUS, "wb") as out:
        for name in sorted(os.listdir(gen)):
            if name.endswith(".jsonl"):
                with open(os.path.join(gen, name), "rb") as f:
                    shutil.copyfileobj(f, out)
    with open(CORPUS, "rb") as f:
        corpus = f.read()
    n_lines = corpus.count(b"\n")

    A, B, C = (os.path.join(TMP, n) for n in ("A.db", "B.db", "C.db"))
    rc, _, err = run([ZHE, "ingest", "--quiet", "--db", A, CORPUS])
    ok(rc == 0, f"ingest of {len(corpus)} bytes, {n_lines} articles, into A", err)

    # -- map: GNU parallel, each job's records in its own shard --
    # Blocks of at most 1 MiB and at most a quarter of the file, so that a
    # smaller SIZE_MB still gives at least four shards.
    shard_dir = os.path.join(TMP, "shards")
    os.mkdir(shard_dir)
    home = os.path.join(TMP, "home")   # parallel keeps ~/.parallel
    os.mkdir(home)
    block = min(1 << 20, len(corpus) // 4)
    job = f"{shlex.quote(ZHE)} map > {shlex.quote(shard_dir)}/shard-{{#}}.jsonl"
    rc, _, err = run([PARALLEL, "--pipepart", "-a", CORPUS, "--block", str(block),
                      "--recend", "\n", "-j", "4", job], env=clean_env(HOME=home))
    ok(rc == 0, f"parallel --pipepart --block {block} -j 4 'zhevents map > shard-{{#}}.jsonl'",
       err)
    shards = sorted((f for f in os.listdir(shard_dir) if re.fullmatch(r"shard-\d+\.jsonl", f)),
                    key=lambda f: int(re.search(r"\d+", f).group()))
    shards = [os.path.join(shard_dir, f) for f in shards]
    ok(len(shards) >= 4, f"at least 4 shards ({len(shards)})", os.listdir(shard_dir))
    recs, problem = [], ""
    for s in shards:
        with open(s, "rb") as f:
            r, p = records(f.read())
        recs += r
        problem = problem or (p and f"{os.path.basename(s)}: {p}")
    ok(len(recs) == n_lines and not problem,
       f"the shards hold one record per input line ({len(recs)} of {n_lines})", problem)
    bad = [r for r in recs if not isinstance(r, dict) or "error" in r]
    ok(recs and not bad, "every record is an object, none an error", repr(bad[:3])[:2000])

    # -- load: the shards in job order into B --
    rc, _, err = load(B, shards)
    ok(rc == 0, f"load of the {len(shards)} shards into B", err)
    try:
        ca, cb = counts(A), counts(B)
        ok(ca == cb, "A and B have the same number of rows in every table",
           f"A: {ca}\nB: {cb}")
    except sqlite3.Error as e:
        ok(False, "A and B have the same number of rows in every table", str(e))
    same(A, B, "B (map, load) equals A (ingest), rows keyed by article hash, not id")
    check(B, "B")
    try:
        ma, mb = matches(A), matches(B)
        ok(ma == mb and ma > 0, f"MATCH '\"芯片\"' finds as many sentences in B as in A ({ma})",
           f"A: {ma}, B: {mb}")
    except sqlite3.Error as e:
        ok(False, "MATCH '\"芯片\"' finds as many sentences in B as in A", str(e))

    # -- idempotence, and the order shards come in --
    try:
        before = counts(B)
    except sqlite3.Error as e:
        before = {"error": str(e)}
    rc, _, err = load(B, shards)
    try:
        after = counts(B)
    except sqlite3.Error as e:
        after = {"error": str(e)}
    ok(rc == 0 and before == after and "error" not in before,
       "loading the shards into B again changes no table's row count",
       f"exit {rc}\n{err}\nbefore: {before}\nafter: {after}")
    rc, _, err = load(C, shards[::-1])
    ok(rc == 0, "load of the shards in reverse order into C", err)
    same(B, C, "C (shards reversed) equals B, where each row was read from included",
         provenance=True)
    same(A, C, "C equals A")

    # -- map on its own --
    rc, out, err = run([ZHE, "map"])
    ok(rc == 0 and out == b"", "map: empty input, exit 0 and no output",
       f"exit {rc}, {len(out)} bytes\n{err}")
    first, second = corpus.split(b"\n")[:2]
    three = first + b"\n{not json\n" + second + b"\n"
    rc, out, err = run([ZHE, "map"], three)
    recs, problem = records(out)
    ok(rc == 0 and len(recs) == 3 and not problem,
       "map: an article, {not json, an article: three lines of UTF-8 JSON",
       f"exit {rc}, {len(recs)} records\n{problem}\n{err}")
    ok(len(recs) == 3 and all(isinstance(r, dict) for r in recs)
       and "error" in recs[1] and recs[1].get("line") == 2
       and "error" not in recs[0] and "error" not in recs[2],
       "map: the middle record has \"error\" and \"line\": 2, the others no \"error\"",
       repr(recs)[:2000])
    errors = os.path.join(TMP, "errors.jsonl")
    rc, out, err = run([ZHE, "map", "--errors", errors], three)
    recs, problem = records(out)
    try:
        with open(errors, "rb") as f:
            erecs, eproblem = records(f.read())
    except OSError as e:
        erecs, eproblem = [], str(e)
    ok(rc == 0 and len(recs) == 2 and not problem and not any("error" in r for r in recs)
       and len(erecs) == 1 and not eproblem and "error" in erecs[0],
       "map --errors FILE: two articles on stdout, the error record in FILE",
       f"exit {rc}\nstdout: {repr(recs)[:500]} {problem}\nFILE: {repr(erecs)[:500]} "
       f"{eproblem}\n{err}")

    lines = corpus.split(b"\n")[:100]
    sample = b"".join(line + b"\n" for line in lines)
    rc1, out1, err1 = run([ZHE, "map"], sample, env=clean_env(HOME=home, LANG="C.UTF-8"),
                          cwd=ROOT)
    rc2, out2, err2 = run([ZHE, "map"], sample, env=clean_env(LC_ALL="C"), cwd="/")
    ok(rc1 == 0 and rc2 == 0 and out1 == out2 and out1.count(b"\n") == len(lines),
       "map: the same output without HOME, under LC_ALL=C, from /",
       f"exit {rc1} and {rc2}; {len(out1)} and {len(out2)} bytes\n{err1}\n{err2}")
finally:
    shutil.rmtree(TMP, ignore_errors=True)

sys.exit(done())
