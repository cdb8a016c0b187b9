#!/usr/bin/env python3
"""`ingest --jobs N` makes the same database for every N.

usage: jobs_test.py ZHEVENTS SRCROOT [SIZE_MB]

Generates SIZE_MB (default 4) of the benchmark corpus (tests/bench/
gen_corpus.py, fixed seed), with a few records that cannot be read mixed
in, and ingests it with --jobs 1, 2 and 4 into three databases.  As TAP
cases: each run succeeds, and every table, FTS5's own tables included, is
equal to the --jobs 1 database row by row, in row id order, but for what
records the runs themselves (the runs table, run_id columns).  Rejects are
among the rows: they must come in input order too.
"""
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from taplib import clean_env, db_rows, done, ok  # noqa: E402

ZHE, ROOT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
SIZE = float(sys.argv[3]) if len(sys.argv) > 3 else 4
TMP = tempfile.mkdtemp(prefix="zhevents-jobs-")
ENV = clean_env()


try:
    corpus = os.path.join(TMP, "corpus.jsonl")
    subprocess.run([sys.executable, os.path.join(ROOT, "tests", "bench", "gen_corpus.py"),
                    "--size", str(SIZE), "-o", corpus], check=True)
    with open(corpus, "rb") as f:
        lines = f.read().split(b"\n")
    # a bad line every 97 records: JSON that is not an article, and not JSON
    for i in range(len(lines) - 1, 0, -97):
        lines.insert(i, b'{"title": "no text"}' if i % 2 else b'{not json')
    with open(corpus, "wb") as f:
        f.write(b"\n".join(lines))

    dumps = {}
    for jobs in (1, 2, 4):
        db = os.path.join(TMP, f"jobs{jobs}.db")
        p = subprocess.run([ZHE, "ingest", "--quiet", "--jobs", str(jobs), "--db", db, corpus],
                           cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, timeout=600)
        last = p.stderr.decode("utf-8", "replace").strip().split("\n")[-1]
        ok(p.returncode == 0 and " rejected;" in last and " 0 rejected" not in last,
           f"ingest --jobs {jobs}: {last}", p.stderr.decode("utf-8", "replace")[-2000:])
        dumps[jobs] = db_rows(db)
    base = dumps[1]
    ok(base["articles"] and base["rejects"] and base["events"],
       f"--jobs 1 stored {len(base['articles'])} articles, {len(base['events'])} events,"
       f" {len(base['rejects'])} rejects")
    for jobs in (2, 4):
        diff = [t for t in base if base[t] != dumps[jobs].get(t)]
        ok(not diff, f"--jobs {jobs} equals --jobs 1, every table row by row"
                     f" ({len(base)} tables)",
           "\n".join(f"{t}: {len(base[t])} rows against {len(dumps[jobs].get(t, []))}"
                     for t in diff))
finally:
    shutil.rmtree(TMP, ignore_errors=True)

sys.exit(done())
