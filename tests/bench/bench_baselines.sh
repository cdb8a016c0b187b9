#!/bin/sh
# bench_baselines.sh — zhevents against what it replaces, on the same
# input in the same run: `zhevents ingest` (the whole pipeline into SQLite
# with FTS5; with one worker thread, and with one per core),
# jieba's segmentation alone, and the Python
# pipeline a data team would write instead (tests/bench/baseline.py: json,
# re, jieba, sqlite3).  The input is the first SIZE_MB (default 20) MB of
# the generated simplified corpus (made by make_corpus.sh if need be).
# Prints each one's MB/s and zhevents' ratio to each.  Needs Debian's
# python3-jieba; tests/bench/meson.build runs it as `baselines` under
# meson test --benchmark.
#
#   bench_baselines.sh ZHEVENTS GEN_CORPUS PYTHON CORPUS_DIR [SIZE_MB]
set -eu
if [ $# -lt 4 ]; then
    echo "usage: $0 ZHEVENTS GEN_CORPUS PYTHON CORPUS_DIR [SIZE_MB]" >&2
    exit 2
fi
zhe=$1 gen=$2 python=$3 dir=$4
size=${5:-20}
here=$(dirname "$0")
corpus=$(sh "$here/make_corpus.sh" simplified 200 "$gen" "$python" "$dir")
# jieba is Debian's: the python that has it
py=""
for p in "$python" /usr/bin/python3; do
    if "$p" -c 'import jieba' 2>/dev/null; then py=$p; break; fi
done
if [ -z "$py" ]; then
    echo "no python with jieba (Debian package python3-jieba)" >&2
    exit 77
fi
slice="$dir/baselines-${size}mb.jsonl"
head -c "$((size * 1000000))" "$corpus" | head -n -1 > "$slice"

db="$dir/baselines-zhevents.db"
cores=$(nproc 2>/dev/null || echo 1)
# zhevents with one worker, then with one per core
times=""
for jobs in 1 "$cores"; do
    rm -f "$db" "$db-wal" "$db-shm"
    t0=$("$py" -c 'import time; print(time.time())')
    "$zhe" ingest --quiet --jobs "$jobs" --db "$db" "$slice" 2>/dev/null
    t1=$("$py" -c 'import time; print(time.time())')
    times="$times $jobs:$t0:$t1"
done
jieba_out=$("$py" "$here/baseline.py" jieba "$slice")
pipe_out=$("$py" "$here/baseline.py" pipeline "$slice" "$dir/baselines-python.db")

"$py" - "$slice" "$times" "$jieba_out" "$pipe_out" <<'PY'
import os, sys
slice, times, jieba_out, pipe_out = sys.argv[1:5]
mb = os.path.getsize(slice) / 1e6
def rate(out):
    return float(dict(l.split(None, 1) for l in out.splitlines())["MB/s"])
jb, pp = rate(jieba_out), rate(pipe_out)
print(f"input                    {mb:.1f} MB")
print(f"jieba.cut alone          {jb:6.2f} MB/s")
print(f"Python pipeline          {pp:6.2f} MB/s")
for run in times.split():
    jobs, t0, t1 = run.split(":")
    zhe = mb / (float(t1) - float(t0))
    print(f"zhevents ingest --jobs {jobs} {zhe:6.2f} MB/s   x {zhe / jb:.2f} jieba (target >= 4),"
          f" x {zhe / pp:.2f} the pipeline (target >= 10)")
PY
rm -f "$slice" "$db" "$dir/baselines-python.db"
