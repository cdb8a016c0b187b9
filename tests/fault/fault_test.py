#!/usr/bin/env python3
"""Ingests that meet a failing disk or a failing allocator end cleanly, and
leave a database the next ingest completes.

usage: fault_test.py ZHEVENTS SHIM SRCROOT [POINTS]

Generates 3.5 MB of the benchmark corpus (tests/bench/gen_corpus.py, fixed
seed: 529 articles, so a batch of 500 commits midway) and ingests it once
under the fault shim (tests/fault/faultshim.c) injecting nothing, which
makes the reference database and counts the calls each family makes on
the database's files (the database, its -wal, -shm and -journal).  Then,
for POINTS (default 5) seeded random call numbers N of each kind of
fault, ingests the corpus into a new database with the Nth call failing:

  write-ENOSPC   write/pwrite on the database, ENOSPC
  write-EIO      write/pwrite on the database, EIO
  fsync-EIO      fsync/fdatasync on the database, EIO
  read-EIO       read/pread on the database, EIO (into a copy of the
                 database holding the corpus's first half)
  disk-full      every write on the database after K bytes, ENOSPC
  malloc         malloc/calloc/realloc anywhere in the process, NULL
  malloc-worker  the same in the worker threads only (with --jobs 1)

and checks, as TAP cases: the run ends by itself, by no signal, with a
documented exit status (0: the fault did no harm; 4: the database failed,
which on the database's files is what an I/O fault is; 3 also for
malloc, zhevents' own "out of memory"); a failed run says why on stderr —
naming the database, "the disk is full" for ENOSPC, the system's "Input/
output error" for EIO, "out of memory" for malloc — and its summary
claims no more new articles than the database holds; PRAGMA
integrity_check is ok; and an ingest without the shim then completes the
database to the reference, table by table, row by row (but for what
records the runs), with FTS5's integrity-check clean.

Under AddressSanitizer the shim is preloaded after the sanitizer's
runtime, which then owns malloc: the malloc points are skipped.
"""
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from taplib import clean_env, db_rows, done, ok  # noqa: E402

ZHE, SHIM, ROOT = (os.path.abspath(a) for a in sys.argv[1:4])
POINTS = int(sys.argv[4]) if len(sys.argv) > 4 else 5
SIZE = 3.5
TMP = tempfile.mkdtemp(prefix="zhevents-fault-")
CORPUS = os.path.join(TMP, "corpus", "corpus.jsonl")


def asan_runtime():
    """The AddressSanitizer runtime zhevents is linked with, or None."""
    p = subprocess.run(["ldd", ZHE], capture_output=True, text=True)
    for line in p.stdout.splitlines():
        m = re.match(r"\s*libasan\.so\S*\s+=>\s+(\S+)", line)
        if m:
            return m.group(1)
    return None


ASAN = asan_runtime()
PRELOAD = f"{ASAN} {SHIM}" if ASAN else SHIM


def ingest(db, jobs=None, **fault):
    """Ingest the corpus into db (with --jobs jobs); with fault, under the
    shim (the ZHE_FAULT* variables given, ZHE_FAULT_PATH set to db).  The
    CompletedProcess, or None when the run had to be killed after 300 s."""
    env = clean_env()
    if fault:
        # under ASan its runtime first, as it insists, then the shim
        env.update(LD_PRELOAD=PRELOAD, ZHE_FAULT_PATH=db, **fault)
    try:
        opts = ["--jobs", str(jobs)] if jobs else []
        return subprocess.run([ZHE, "ingest", "--quiet", "--db", db] + opts + [CORPUS], cwd=ROOT,
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              timeout=300)
    except subprocess.TimeoutExpired:
        return None


def checks(db):
    """PRAGMA integrity_check, and the articles the database holds (0 when
    it has no schema yet)."""
    con = sqlite3.connect(db)
    try:
        check = con.execute("PRAGMA integrity_check").fetchone()[0]
        has = con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'articles'")
        n = con.execute("SELECT count(*) FROM articles").fetchone()[0] if has.fetchone()[0] else 0
    except sqlite3.Error as e:
        check, n = str(e), 0
    con.close()
    return check, n


def fts_check(db):
    con = sqlite3.connect(db)
    try:
        for t in ("sentences_fts", "sentences_trigram"):
            con.execute(f"INSERT INTO {t}({t}) VALUES('integrity-check')")
        return ""
    except sqlite3.DatabaseError as e:
        return str(e)
    finally:
        con.close()


# What a failed run must say, per kind of fault.
ENOSPC_SAYS = r"the disk is full"
EIO_SAYS = r"disk I/O error \((reading|writing|syncing)"
# SQLite reports a read that failed with EIO as a malformed database
READ_SAYS = EIO_SAYS + r"|a read from the disk failed"
OOM_SAYS = r"out of memory|Cannot allocate memory|failed to allocate|cannot start the \w+ thread"

try:
    os.makedirs(os.path.dirname(CORPUS))
    subprocess.run([sys.executable, os.path.join(ROOT, "tests", "bench", "gen_corpus.py"),
                    "--size", str(SIZE), "-o", CORPUS], check=True)

    ref_dir = os.path.join(TMP, "ref")
    os.makedirs(ref_dir)
    ref = os.path.join(ref_dir, "f.db")
    counts_file = os.path.join(TMP, "counts")
    p = ingest(ref, ZHE_FAULT_COUNTS=counts_file, ZHE_FAULT_THREAD="zhe-worker")
    counts = {}
    if os.path.exists(counts_file):
        counts = {k: int(v) for k, v in (l.split() for l in open(counts_file))}
    ok(p is not None and p.returncode == 0 and counts.get("write", 0) > 0,
       f"the reference ingest under the shim, injecting nothing (calls counted: {counts})",
       p.stderr.decode("utf-8", "replace") if p else "timed out")
    want = db_rows(ref, fts_shadow=False)

    # Reads: a fresh database is only read back by the checkpoint at the
    # end; one that holds the corpus's first half already is read all
    # along (the hash index, FTS5's segments).  Made from the same file
    # path, so its rows are the reference's first ones.
    lines = open(CORPUS, "rb").readlines()
    with open(CORPUS, "wb") as f:
        f.writelines(lines[:len(lines) // 2])
    half = os.path.join(TMP, "half", "f.db")
    os.makedirs(os.path.dirname(half))
    p = ingest(half)
    with open(CORPUS, "wb") as f:
        f.writelines(lines)
    pre = os.path.join(TMP, "pre", "f.db")
    os.makedirs(os.path.dirname(pre))
    shutil.copy(half, pre)
    p2 = ingest(pre, ZHE_FAULT_COUNTS=counts_file)
    counts["read"] = int(dict(l.split() for l in open(counts_file))["read"])
    ok(p is not None and p.returncode == 0 and p2 is not None and p2.returncode == 0
       and db_rows(pre, fts_shadow=False) == want,
       f"the first half, then the rest under the shim ({counts['read']} reads counted)",
       (p.stderr if p else b"").decode() + (p2.stderr if p2 else b"").decode())

    rng = random.Random(20240611)

    def draw(family):
        n = counts.get(family, 0)
        if n <= POINTS:
            return list(range(1, n + 1))
        return sorted(rng.sample(range(1, n + 1), POINTS))

    # (label, ZHE_FAULT* variables, exit codes allowed, what stderr must say)
    counts["worker"] = counts.get("malloc", 0)
    counts["malloc"] = counts.get("malloc_all", 0)
    cases = []
    for n in draw("write"):
        cases.append((f"write-ENOSPC #{n}", {"ZHE_FAULT": f"write:{n}:ENOSPC"}, {0, 4},
                      ENOSPC_SAYS))
    for n in draw("write"):
        cases.append((f"write-EIO #{n}", {"ZHE_FAULT": f"write:{n}:EIO"}, {0, 4}, EIO_SAYS))
    for n in draw("fsync"):
        cases.append((f"fsync-EIO #{n}", {"ZHE_FAULT": f"fsync:{n}:EIO"}, {0, 4}, EIO_SAYS))
    for n in draw("read"):
        cases.append((f"read-EIO #{n} (first half stored)", {"ZHE_FAULT": f"read:{n}:EIO"},
                      {0, 4}, READ_SAYS))
    for _ in range(POINTS):
        k = rng.randrange(0, max(1, counts.get("bytes", 1)))
        cases.append((f"disk-full after {k} bytes", {"ZHE_FAULT_AFTER_BYTES": str(k)}, {0, 4},
                      ENOSPC_SAYS))
    if ASAN:
        ok(True, "malloc and malloc-worker # SKIP AddressSanitizer's malloc comes first")
    for n in draw("malloc") if not ASAN else []:
        cases.append((f"malloc #{n}", {"ZHE_FAULT": f"malloc:{n}"}, {0, 3, 4}, OOM_SAYS))
    # Most allocations are SQLite's; these are the text stage's, extraction's
    # and segmentation's.  One worker: the same N is the same call anywhere.
    for n in draw("worker") if not ASAN else []:
        cases.append((f"malloc-worker #{n}",
                      {"ZHE_FAULT": f"malloc:{n}", "ZHE_FAULT_THREAD": "zhe-worker"},
                      {0, 3, 4}, OOM_SAYS))

    for i, (label, fault, codes, says) in enumerate(cases):
        run_dir = os.path.join(TMP, f"run-{i:02d}")
        os.makedirs(run_dir)
        db = os.path.join(run_dir, "f.db")
        if label.startswith("read"):
            shutil.copy(half, db)
        log = os.path.join(run_dir, "faults")
        p = ingest(db, jobs=1 if "worker" in label else None, ZHE_FAULT_LOG=log, **fault)
        fired = open(log).read().strip() if os.path.exists(log) else ""
        name = f"{label}{'' if fired else ' (never reached)'}"
        if p is None:
            ok(False, f"{name}: the run ends by itself", "killed after 300 s")
            continue
        err = p.stderr.decode("utf-8", "replace")
        detail = f"exit {p.returncode}\nfault: {fired}\n{err}"
        rc = p.returncode
        good = rc in codes
        if good and rc != 0:
            # a failure names the database (malloc: no file to name) and why
            good = (re.search(says, err, re.I) is not None
                    and (label.startswith("malloc") or db in err))
        ok(good, f"{name}: exit {rc}{', stderr says why' if rc else ''}", detail)

        check, stored = checks(db) if os.path.exists(db) else ("ok", 0)
        claimed = [int(x) for x in re.findall(r"(\d+) new", err)]
        ok(check == "ok" and all(c <= stored for c in claimed),
           f"{name}: integrity_check ok, {stored} articles, none claimed that are not",
           f"{check}\nclaimed {claimed}\n{err}")

        p2 = ingest(db)
        err2 = p2.stderr.decode("utf-8", "replace") if p2 else "timed out"
        got = db_rows(db, fts_shadow=False) if p2 is not None and p2.returncode == 0 else {}
        diff = [t for t in want if want[t] != got.get(t)]
        why = fts_check(db) if got and not diff else ""
        ok(got and not diff and not why, f"{name}: the next ingest completes it to the reference",
           "\n".join([err2, why] + [f"{t}: {len(want[t])} rows, not {len(got.get(t, []))}"
                                    for t in diff]))
finally:
    shutil.rmtree(TMP, ignore_errors=True)

sys.exit(done())
