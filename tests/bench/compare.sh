#!/bin/sh
# compare.sh — two builds side by side, in one run, on the same corpus:
# extraction and linking (bench_extract), the segmenter (bench_segment),
# the text stage (bench_text, its line MB_per_s) and the whole ingest
# (--jobs 1, MB/s and peak RSS), each RUNS times with the builds taking
# turns, so that a busy machine slows both alike.  Prints each figure's
# best run for either build and the ratio new/old (above 1: the new build
# is faster; for memory, below 1 is better).  For a change that should
# cost no speed, such as moving code between files.
#
#   compare.sh OLD_BUILD NEW_BUILD CORPUS.jsonl [LIMIT_MB [RUNS]]
#   sh tests/bench/compare.sh ../base/build build-bench \
#       build/tests/bench/corpus/corpus-simplified-20mb.jsonl 20 3
#
# Each build directory is a meson build with -Dbenchmarks=true.
set -eu
if [ $# -lt 3 ]; then
    echo "usage: $0 OLD_BUILD NEW_BUILD CORPUS.jsonl [LIMIT_MB [RUNS]]" >&2
    exit 2
fi
old=$1 new=$2 corpus=$3 limit=${4:-20} runs=${5:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# $1 build, $2 figure name, then the command; appends "value" to
# $tmp/<build tag>.<figure>.
figure() {
    tag=$1 key=$2
    shift 2
    "$@" > "$tmp/out" 2>&1 || { echo "failed: $*" >&2; cat "$tmp/out" >&2; exit 1; }
    awk -v k="$key" '$1 == k { print $2 }' "$tmp/out" >> "$tmp/$tag.$key"
}

# Ingest's MB/s (wall clock) and peak RSS, one worker, into a fresh database.
ingest() {
    tag=$1 zhe=$2
    db="$tmp/$tag.db"
    rm -f "$db" "$db-wal" "$db-shm"
    bytes=$(wc -c < "$corpus")
    start=$(python3 -c 'import time; print(time.time())')
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f "%M" -o "$tmp/rss" "$zhe" ingest --quiet --jobs 1 --db "$db" "$corpus" \
            2>/dev/null
        echo $(( $(cat "$tmp/rss") / 1024 )) >> "$tmp/$tag.ingest_peak_rss_MB"
    else
        "$zhe" ingest --quiet --jobs 1 --db "$db" "$corpus" 2>/dev/null
    fi
    end=$(python3 -c 'import time; print(time.time())')
    python3 -c "print(round($bytes / 1e6 / ($end - $start), 2))" >> "$tmp/$tag.ingest_MB_per_s"
}

i=1
while [ "$i" -le "$runs" ]; do
    for tag in old new; do
        if [ "$tag" = old ]; then b=$old; else b=$new; fi
        figure $tag extract_MB_per_s "$b/tests/bench/bench_extract" --limit-mb "$limit" "$corpus"
        figure $tag link_MB_per_s "$b/tests/bench/bench_extract" --limit-mb "$limit" "$corpus"
        figure $tag zhevents_MB_per_s "$b/tests/bench/bench_segment" --limit-mb "$limit" "$corpus"
        figure $tag MB_per_s "$b/tests/bench/bench_text" "$corpus"
        ingest $tag "$b/zhevents"
    done
    i=$((i + 1))
done

printf '%-22s %10s %10s %8s\n' figure old new new/old
for key in extract_MB_per_s link_MB_per_s zhevents_MB_per_s MB_per_s \
           ingest_MB_per_s ingest_peak_rss_MB; do
    [ -f "$tmp/old.$key" ] || continue
    python3 - "$key" "$tmp/old.$key" "$tmp/new.$key" <<'PY'
import sys
key, a, b = sys.argv[1:]
va = [float(x) for x in open(a)]
vb = [float(x) for x in open(b)]
# best run: highest speed, lowest memory
best = min if key.endswith("_MB") else max
o, n = best(va), best(vb)
print(f"{key:22s} {o:10.2f} {n:10.2f} {n / o:8.3f}")
PY
done
