#!/bin/sh
# bench_ingest.sh — the whole pipeline into the SQLite index: ingests the
# generated 200 MB corpus (made by make_corpus.sh if it is not there yet)
# into a fresh database with one worker thread, then again with one per
# core, and reports for each articles/s, MB/s, events/s, the database's
# size, peak RSS (/usr/bin/time -v when it is installed) and the CPU
# seconds of reading, workers and writer; and the speed-up of the second
# run over the first.  Then it times `zhevents query --chip H100 --from
# 2023-01-01 --to 2023-12-31` over the database (best of 5, in ms:
# reported, not a timed test).
# tests/bench/meson.build runs it as `ingest` under meson test --benchmark.
#
#   bench_ingest.sh ZHEVENTS GEN_CORPUS PYTHON CORPUS_DIR [SIZE_MB]
set -eu
if [ $# -lt 4 ]; then
    echo "usage: $0 ZHEVENTS GEN_CORPUS PYTHON CORPUS_DIR [SIZE_MB]" >&2
    exit 2
fi
zhe=$1 gen=$2 python=$3 dir=$4
size=${5:-200}
corpus=$(sh "$(dirname "$0")/make_corpus.sh" simplified "$size" "$gen" "$python" "$dir")
db="$dir/bench-ingest.db"
bytes=$(wc -c < "$corpus")
log="$dir/bench-ingest.log"
cores=$(nproc 2>/dev/null || echo 1)
jobs_list=1
[ "$cores" -gt 1 ] && jobs_list="1 $cores"

# One worker (the default on two cores), then one per core: each into a
# fresh database.
for jobs in $jobs_list; do
    rm -f "$db" "$db-wal" "$db-shm"
    echo "--- ingest --jobs $jobs ($cores cores)"
    start=$("$python" -c 'import time; print(time.time())')
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -v "$zhe" ingest --verbose --quiet --jobs "$jobs" --db "$db" "$corpus" \
            2> "$log"
    else
        echo "(/usr/bin/time not found: Debian package time; no peak RSS)" >&2
        "$zhe" ingest --verbose --quiet --jobs "$jobs" --db "$db" "$corpus" 2> "$log"
    fi
    end=$("$python" -c 'import time; print(time.time())')
    grep '^zhevents ingest: [0-9]' "$log" | tail -1

    "$python" - "$log" "$db" "$bytes" "$start" "$end" "$dir/bench-ingest-jobs$jobs.rate" <<'PY'
import os, re, sys
log, db, size, t0, t1, rate = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), \
    float(sys.argv[5]), sys.argv[6]
text = open(log, encoding="utf-8", errors="replace").read()
secs = t1 - t0
m = re.search(r"(\d+) articles read: (\d+) new.*?(\d+) events", text)
articles, new, events = (int(m.group(i)) for i in (1, 2, 3)) if m else (0, 0, 0)
rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
cpu = re.search(r"CPU seconds: (.*)", text)
print(f"input            {size / 1e6:.1f} MB, {articles} articles")
print(f"wall time        {secs:.1f} s")
print(f"articles/s       {articles / secs:.0f}")
print(f"MB/s             {size / 1e6 / secs:.2f}")
print(f"events           {events} ({events / secs:.0f}/s)")
print(f"database         {os.path.getsize(db) / 1e6:.1f} MB")
if rss:
    print(f"peak RSS         {int(rss.group(1)) / 1024:.0f} MB")
if cpu:
    print(f"CPU seconds      {cpu.group(1)}")
open(rate, "w").write(f"{size / 1e6 / secs}\n")
PY
done
if [ "$cores" -gt 1 ]; then
    "$python" -c "import sys; a, b = (float(open(f).read()) for f in sys.argv[1:3]); \
print(f'--jobs $cores against --jobs 1: x {b / a:.2f}')" \
        "$dir/bench-ingest-jobs1.rate" "$dir/bench-ingest-jobs$cores.rate"
fi

best=""
for i in 1 2 3 4 5; do
    ms=$("$python" - "$zhe" "$db" <<'PY'
import subprocess, sys, time
t = time.perf_counter()
p = subprocess.run([sys.argv[1], "query", "--db", sys.argv[2], "--chip", "H100",
                    "--from", "2023-01-01", "--to", "2023-12-31", "--format", "jsonl"],
                   capture_output=True, check=True)
print(f"{(time.perf_counter() - t) * 1000:.1f} {len(p.stdout.splitlines())}")
PY
)
    best=$(printf '%s\n%s\n' "$best" "$ms" | grep . | sort -n | head -1)
done
echo "query --chip H100 --from 2023-01-01 --to 2023-12-31: ${best%% *} ms (best of 5, whole process), ${best##* } events"
