#!/bin/sh
# snapshot.sh — everything zhevents outputs for the sample corpus and the
# benchmark corpus, written into one directory, so that two builds can be
# compared byte for byte with `diff -r` (a change that should not change
# any output, such as moving code between files):
#
#   corpus.jsonl        extract --format jsonl corpus/
#   bench-S.jsonl       extract --format jsonl of the generated S corpus
#   bench-S.rows        the database ingest makes of it, every table row
#                       by row (tests/taplib.py's db_rows, FTS5's shadow
#                       tables included; the runs table left out)
#   corpus.rows         the same for corpus/
#
# for S in simplified (SIZE_MB) and traditional (a tenth of it, when
# uconv is installed).
#
#   snapshot.sh ZHEVENTS OUTDIR [SIZE_MB]
#   sh tests/bench/snapshot.sh build/zhevents /tmp/after 20
#   diff -r /tmp/before /tmp/after && echo same
set -eu
if [ $# -lt 2 ]; then
    echo "usage: $0 ZHEVENTS OUTDIR [SIZE_MB]" >&2
    exit 2
fi
zhe=$1 out=$2 size=${3:-20}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
mkdir -p "$out"
gendir=${ZHE_BENCH_CORPUS:-$top/build/tests/bench/corpus}

rows() {
    python3 - "$1" "$top/tests" <<'PY'
import sys
sys.path.insert(0, sys.argv[2])
import taplib
for table, rows in sorted(taplib.db_rows(sys.argv[1]).items()):
    print(f"== {table} ({len(rows)} rows)")
    for r in rows:
        print(repr(r))
PY
}

# $1 name, $2 input
snap() {
    "$zhe" extract --format jsonl "$2" > "$out/$1.jsonl"
    db="$out/$1.db"
    rm -f "$db" "$db-wal" "$db-shm"
    "$zhe" ingest --quiet --jobs 1 --db "$db" "$2" 2>/dev/null || true
    rows "$db" > "$out/$1.rows"
    rm -f "$db" "$db-wal" "$db-shm"
}

snap corpus "$top/corpus"
scripts=simplified
command -v uconv >/dev/null 2>&1 && scripts="simplified traditional"
for s in $scripts; do
    mb=$size
    [ "$s" = traditional ] && mb=$(( (size + 9) / 10 ))
    corpus=$(sh "$here/make_corpus.sh" "$s" "$mb" "$here/gen_corpus.py" python3 "$gendir")
    snap "bench-$s" "$corpus"
done
ls -l "$out"
