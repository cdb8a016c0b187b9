#!/usr/bin/env python3
"""Killed ingests resume to the database an uninterrupted run makes.

usage: kill_test.py ZHEVENTS SRCROOT [SIZE_MB]

Generates SIZE_MB (default 4) of the benchmark corpus (tests/bench/
gen_corpus.py, fixed seed) in a temporary directory and ingests it once
without interruption.  Then, into a second database, starts the same
ingest again and again, killing it with SIGKILL once the database holds a
number of articles drawn by a seeded random generator (10 of them, in
order: a run already past its number dies as it starts, in the middle of
opening the database); a last run finishes.  As TAP cases: every run after a kill starts and ends cleanly,
PRAGMA integrity_check is ok after each kill, and the final database
equals the uninterrupted one table by table, row by row, but for what
records the runs themselves (the runs table; the run each article and
reject came in), and its full-text index passes FTS5's integrity-check.
The corpus is a few batches of 500 articles: kills fall inside a batch
(lost, then redone) and between them (kept, then skipped).
"""
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from taplib import clean_env, db_rows, done, ok  # noqa: E402

ZHE, ROOT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
SIZE = float(sys.argv[3]) if len(sys.argv) > 3 else 4
TMP = tempfile.mkdtemp(prefix="zhevents-kill-")
ENV = clean_env()


def ingest(db):
    return subprocess.Popen([ZHE, "ingest", "--quiet", "--db", db, CORPUS], cwd=ROOT, env=ENV,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


try:
    CORPUS = os.path.join(TMP, "corpus.jsonl")
    subprocess.run([sys.executable, os.path.join(ROOT, "tests", "bench", "gen_corpus.py"),
                    "--size", str(SIZE), "-o", CORPUS], check=True)
    whole = os.path.join(TMP, "whole.db")
    t0 = time.monotonic()
    p = ingest(whole)
    err = p.communicate(timeout=600)[1]
    length = time.monotonic() - t0
    ok(p.returncode == 0, f"the uninterrupted ingest ({length:.1f} s)", err)

    killed = os.path.join(TMP, "killed.db")
    con = sqlite3.connect(whole)
    total = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    con.close()
    # kill points: when the database holds a number of articles drawn at
    # random, in order; a run already past its point dies as it starts
    rng = random.Random(20231017)
    targets = sorted(rng.randrange(1, total) for _ in range(10))
    kills = 0

    def stored():
        try:
            c = sqlite3.connect(f"file:{killed}?mode=ro", uri=True, timeout=1)
            k = c.execute("SELECT count(*) FROM articles").fetchone()[0]
            c.close()
            return k
        except sqlite3.Error:
            return -1

    for i, target in enumerate(targets):
        p = ingest(killed)
        while p.poll() is None and stored() < target:
            time.sleep(0.02)
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
            kills += 1
        p.communicate(timeout=600)
        con = sqlite3.connect(killed)
        check = con.execute("PRAGMA integrity_check").fetchone()[0]
        con.close()
        ok(check == "ok", f"kill {i + 1} (at {target} of {total} articles): integrity_check",
           check)
    p = ingest(killed)
    err = p.communicate(timeout=600)[1]
    ok(p.returncode == 0 and kills >= 7, f"the last run finishes ({kills} runs were killed)", err)
    a, b = db_rows(whole, fts_shadow=False), db_rows(killed, fts_shadow=False)
    diff = [t for t in a if a[t] != b.get(t)]
    ok(not diff, "the resumed database equals the uninterrupted one, row by row",
       "\n".join(f"{t}: {len(a[t])} rows against {len(b.get(t, []))}" for t in diff))
    con = sqlite3.connect(killed)
    try:
        con.execute("INSERT INTO sentences_fts(sentences_fts) VALUES('integrity-check')")
        fts_ok, why = True, ""
    except sqlite3.DatabaseError as e:
        fts_ok, why = False, str(e)
    con.close()
    ok(fts_ok, "the resumed full-text index passes FTS5's integrity-check", why)
finally:
    shutil.rmtree(TMP, ignore_errors=True)

sys.exit(done())
