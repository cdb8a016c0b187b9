#!/bin/sh
# run_corpus_bench.sh — runs a benchmark that takes normalized text
# (bench_segment: the segmenter against ICU's word break iterator;
# bench_extract: extraction alone) over the shared corpus.
# tests/bench/meson.build runs it as `segment` and `extract` under
# meson test --benchmark.
#
#   run_corpus_bench.sh BENCH GEN_CORPUS PYTHON CORPUS_DIR [LIMIT_MB [RUNS]]
#
# Uses the 200 MB simplified corpus of the text benchmark (made by
# make_corpus.sh if it is not there yet), of which BENCH takes the first
# LIMIT_MB (default 50) MB of normalized text, RUNS times (default 2).
set -eu
if [ $# -lt 4 ]; then
    echo "usage: $0 BENCH GEN_CORPUS PYTHON CORPUS_DIR [LIMIT_MB [RUNS]]" >&2
    exit 2
fi
bench=$1 gen=$2 python=$3 dir=$4
limit=${5:-50}
runs=${6:-2}
corpus=$(sh "$(dirname "$0")/make_corpus.sh" simplified 200 "$gen" "$python" "$dir")
i=1
while [ "$i" -le "$runs" ]; do
    echo "== run $i of $runs"
    "$bench" --limit-mb "$limit" "$corpus"
    i=$((i + 1))
done
