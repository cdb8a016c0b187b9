#!/bin/sh
# bench_facts.sh — facts on a large index: the time `timeline --facts`
# takes beside `timeline` over the whole database bench_ingest.sh makes
# from the generated 200 MB corpus (the issue's bound: at most twice),
# and the time a run's end takes to bring every event's fact up to date
# (an ingest of nothing), from scratch and when nothing changed.
# tests/bench/meson.build runs it as `facts` under meson test --benchmark.
#
#   bench_facts.sh ZHEVENTS GEN_CORPUS PYTHON CORPUS_DIR
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
: > "$dir/empty.txt"
# brings an index made by an older zhevents forward, and its facts
"$zhe" ingest --db "$db" "$dir/empty.txt" >/dev/null 2>&1 || true

# seconds of a command, its output and exit status thrown away (an
# ingest of nothing reads no article: exit 1)
seconds() {
    /usr/bin/time -f "%e" -o "$dir/bench-facts.time" "$@" > /dev/null 2>&1 || true
    tail -n 1 "$dir/bench-facts.time"
}

events=$(sqlite3 "$db" "SELECT count(*) FROM events" 2>/dev/null || echo "?")
facts=$(sqlite3 "$db" "SELECT count(*) FROM facts" 2>/dev/null || echo "?")
echo "database         $events events, $facts facts"
for fmt in jsonl csv; do
    all=$(seconds "$zhe" timeline --db "$db" --format "$fmt")
    one=$(seconds "$zhe" timeline --db "$db" --facts --format "$fmt")
    "$python" -c 'import sys; a, f, fmt = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
print(f"timeline {fmt:6} {a:6.2f} s   --facts {f:6.2f} s   ratio {f / a:4.2f} (bound 2)")' \
        "$all" "$one" "$fmt"
done
same=$(seconds "$zhe" ingest --db "$db" "$dir/empty.txt")
sqlite3 "$db" "UPDATE events SET fact = NULL" 2>/dev/null
fresh=$(seconds "$zhe" ingest --db "$db" "$dir/empty.txt")
echo "facts at a run's end: $fresh s from scratch, $same s when nothing changed"
rm -f "$dir/empty.txt" "$dir/bench-facts.time"
