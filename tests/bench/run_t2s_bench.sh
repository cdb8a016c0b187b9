#!/bin/sh
# run_t2s_bench.sh — the conversion benchmark (tests/bench/meson.build runs
# it as t2s under `meson test --benchmark`).
#
#   run_t2s_bench.sh BENCH_T2S CASES GEN_CORPUS PYTHON CORPUS_DIR [SIZE_MB]
#
# Makes the traditional and simplified corpora of SIZE_MB (default 4) with
# make_corpus.sh, then runs bench_t2s on the cases and on both.
set -eu
if [ $# -lt 5 ]; then
    echo "usage: $0 BENCH_T2S CASES GEN_CORPUS PYTHON CORPUS_DIR [SIZE_MB]" >&2
    exit 2
fi
bench=$1 cases=$2 gen=$3 python=$4 dir=$5
size=${6:-4}
here=$(dirname "$0")
trad=$(sh "$here/make_corpus.sh" traditional "$size" "$gen" "$python" "$dir")
simp=$(sh "$here/make_corpus.sh" simplified "$size" "$gen" "$python" "$dir")
"$bench" "$cases" "$trad" "$simp"
