#!/usr/bin/env python3
"""Readers of a database that `zhevents ingest` is writing never fail and
never see it half-made.

usage: concurrency_test.py ZHEVENTS SQLITE3 SRCROOT [SIZE_MB]

Generates SIZE_MB (default 8) of the benchmark corpus (tests/bench/
gen_corpus.py, fixed seed: a few batches of 500 articles) and ingests it.
Once the database has its schema, and for as long as the ingest runs, two
threads read it over and over: `zhevents query --chip H100 --format jsonl`,
and the stock sqlite3 shell (no busy timeout, as a person or a script
would run it) counting the events, the events whose article is missing,
and running PRAGMA quick_check.  As TAP cases: the ingest exits 0; every
reader run exits 0 and no stderr says "database is locked"; every query
prints JSON Lines; the orphan count is always 0 and quick_check always
ok; the counts of events (sqlite3) and of H100 events (query) never go
down; a few reads of each kind happened while the ingest ran; and the
database is whole at the end.
"""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from taplib import clean_env, done, ok  # noqa: E402

ZHE, SQLITE, ROOT = (os.path.abspath(a) for a in sys.argv[1:4])
SIZE = float(sys.argv[4]) if len(sys.argv) > 4 else 8
TMP = tempfile.mkdtemp(prefix="zhevents-concurrency-")
DB = os.path.join(TMP, "c.db")
ENV = clean_env()
SQL = ("SELECT count(*) FROM events; "
       "SELECT count(*) FROM events e LEFT JOIN articles a ON a.id = e.article_id "
       "WHERE a.id IS NULL; PRAGMA quick_check;")


def has_schema():
    """The ingest has made the tables (schema version 4), read without
    disturbing it."""
    try:
        con = sqlite3.connect(f"file:{DB}?mode=ro", uri=True, timeout=1)
        v = con.execute("PRAGMA user_version").fetchone()[0]
        con.close()
        return v >= 4
    except sqlite3.Error:
        return False


class Reader(threading.Thread):
    """Runs argv again and again until told to stop; keeps every run as
    (started, ended, returncode, stdout, stderr)."""

    def __init__(self, argv):
        super().__init__(daemon=True)
        self.argv, self.runs, self.stop = argv, [], threading.Event()

    def run(self):
        while not self.stop.is_set():
            t0 = time.monotonic()
            p = subprocess.run(self.argv, cwd=ROOT, env=ENV, capture_output=True, timeout=120)
            self.runs.append((t0, time.monotonic(), p.returncode,
                              p.stdout.decode("utf-8", "replace"),
                              p.stderr.decode("utf-8", "replace")))


def failures(runs):
    return [f"exit {rc}: {err.strip()}" for _, _, rc, _, err in runs
            if rc != 0 or "locked" in err]


try:
    corpus = os.path.join(TMP, "corpus.jsonl")
    subprocess.run([sys.executable, os.path.join(ROOT, "tests", "bench", "gen_corpus.py"),
                    "--size", str(SIZE), "-o", corpus], check=True)
    query = Reader([ZHE, "query", "--db", DB, "--chip", "H100", "--format", "jsonl"])
    shell = Reader([SQLITE, DB, SQL])

    t0 = time.monotonic()
    ing = subprocess.Popen([ZHE, "ingest", "--quiet", "--db", DB, corpus], cwd=ROOT, env=ENV,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    while ing.poll() is None and not has_schema():
        time.sleep(0.01)
    query.start()
    shell.start()
    err = ing.communicate(timeout=600)[1].decode("utf-8", "replace")
    t1 = time.monotonic()
    for r in (query, shell):
        r.stop.set()
    for r in (query, shell):
        r.join(timeout=180)
    ok(ing.returncode == 0, f"the ingest ({t1 - t0:.1f} s) exits 0", err)

    bad = failures(query.runs)
    ok(not bad, f"{len(query.runs)} runs of zhevents query: exit 0, never locked",
       "\n".join(bad[:10]))
    nonjson = []
    for _, _, rc, out, _ in query.runs:
        for line in out.splitlines():
            try:
                json.loads(line)
            except ValueError:
                nonjson.append(line[:200])
    ok(not nonjson, "every query prints JSON Lines", "\n".join(nonjson[:5]))

    bad = failures(shell.runs)
    ok(not bad, f"{len(shell.runs)} runs of sqlite3: exit 0, never locked", "\n".join(bad[:10]))
    rows = [out.split("\n") for _, _, rc, out, _ in shell.runs if rc == 0]
    odd = [r for r in rows if len(r) < 3]
    ok(not odd, "sqlite3 prints the three answers", odd[:5])
    rows = [r for r in rows if len(r) >= 3]
    ok(all(r[1] == "0" for r in rows), "no event's article is ever missing",
       [r[1] for r in rows if r[1] != "0"][:10])
    ok(all(r[2] == "ok" for r in rows), "PRAGMA quick_check is always ok",
       [r[2] for r in rows if r[2] != "ok"][:5])
    events = [int(r[0]) for r in rows]
    ok(all(a <= b for a, b in zip(events, events[1:])), "the count of events never goes down",
       events)
    h100 = [len(out.splitlines()) for _, _, rc, out, _ in query.runs if rc == 0]
    ok(all(a <= b for a, b in zip(h100, h100[1:])), "the count of H100 events never goes down",
       h100)

    during = [sum(1 for s, e, *_ in r.runs if e < t1) for r in (query, shell)]
    ok(min(during) >= 3 and len(set(events)) >= 2,
       f"reads during the ingest: {during[0]} queries, {during[1]} sqlite3 runs, "
       f"{len(set(events))} different counts of events", events)

    con = sqlite3.connect(DB)
    check = con.execute("PRAGMA integrity_check").fetchone()[0]
    n = con.execute("SELECT count(*) FROM events").fetchone()[0]
    con.close()
    ok(check == "ok" and n >= max(events or [0]), f"at the end: integrity_check ok, {n} events",
       check)
finally:
    shutil.rmtree(TMP, ignore_errors=True)

sys.exit(done())
