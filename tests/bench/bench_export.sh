#!/bin/sh
# bench_export.sh — timeline exports from a large index: `zhevents timeline`
# over about 100,000 events (--to 2023-02 on the database bench_ingest.sh
# makes from the generated 200 MB corpus) in each streaming format, and
# over a quarter of them, with the time and the peak RSS of each, to show
# the memory stays the same whatever the number of events.
# tests/bench/meson.build runs it as `export` under meson test --benchmark.
#
#   bench_export.sh ZHEVENTS GEN_CORPUS PYTHON CORPUS_DIR
set -eu
if [ $# -lt 4 ]; then
    echo "usage: $0 ZHEVENTS GEN_CORPUS PYTHON CORPUS_DIR" >&2
    exit 2
fi
zhe=$1 gen=$2 python=$3 dir=$4
db="$dir/bench-ingest.db"
if [ ! -f "$db" ]; then
    sh "$(dirname "$0")/bench_ingest.sh" "$zhe" "$gen" "$python" "$dir" 200 >&2
fi
# bring an index made by an older zhevents forward (ingest migrates it)
: > "$dir/empty.txt"
"$zhe" ingest --db "$db" "$dir/empty.txt" >/dev/null 2>&1 || true

for fmt in csv jsonl flourish timelinejs-csv; do
    for range in "--to 2023-02" "--from 2022-09 --to 2022-11"; do
        out="$dir/bench-export.out"
        # shellcheck disable=SC2086
        /usr/bin/time -f "%e %M" -o "$dir/bench-export.time" \
            "$zhe" timeline --db "$db" $range --format "$fmt" > "$out"
        read -r secs kb < "$dir/bench-export.time"
        rows=$(wc -l < "$out")
        [ "$fmt" = jsonl ] || rows=$((rows - 1))
        "$python" -c 'import sys; s, kb, n, fmt, r = float(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
print(f"{fmt:15} {r:26} {n:7d} events  {s:5.2f} s  {n / s:8.0f} events/s  {s * 1e5 / n:5.2f} s per 100,000  peak RSS {kb / 1024:5.1f} MB")' \
            "$secs" "$kb" "$rows" "$fmt" "$range"
    done
done
rm -f "$dir/bench-export.out" "$dir/bench-export.time" "$dir/empty.txt"
