#!/bin/sh
# run_segment_bench.sh — the segmenter against ICU's word break iterator
# (tests/bench/meson.build runs it as `segment` under meson test --benchmark).
#
#   run_segment_bench.sh BENCH_SEGMENT GEN_CORPUS PYTHON CORPUS_DIR [LIMIT_MB [RUNS]]
#
# Uses the 200 MB simplified corpus of the text benchmark (made with
# gen_corpus.py if it is not there yet), of which bench_segment takes the
# first LIMIT_MB (default 50) MB of normalized text, RUNS times (default 2).
set -eu
if [ $# -lt 4 ]; then
    echo "usage: $0 BENCH_SEGMENT GEN_CORPUS PYTHON CORPUS_DIR [LIMIT_MB [RUNS]]" >&2
    exit 2
fi
bench=$1 gen=$2 python=$3 dir=$4
limit=${5:-50}
runs=${6:-2}
mkdir -p "$dir"
corpus="$dir/corpus-simplified-200mb.jsonl"
if [ ! -s "$corpus" ]; then
    echo "generating $corpus ..."
    "$python" "$gen" --size 200 --script simplified -o "$corpus.tmp"
    mv "$corpus.tmp" "$corpus"
fi
i=1
while [ "$i" -le "$runs" ]; do
    echo "== run $i of $runs"
    "$bench" --limit-mb "$limit" "$corpus"
    i=$((i + 1))
done
