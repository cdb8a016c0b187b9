#!/bin/sh
# run_text_bench.sh — one text-stage benchmark (tests/bench/meson.build runs
# it as text-simplified and text-traditional under `meson test --benchmark`).
#
#   run_text_bench.sh SCRIPT BENCH_TEXT GEN_CORPUS PYTHON CORPUS_DIR [SIZE_MB [RUNS]]
#
# Makes CORPUS_DIR/corpus-SCRIPT-SIZE_MBmb.jsonl (make_corpus.sh), then runs
# bench_text on it RUNS times over the whole text stage, and once more for
# the decoder alone.  SCRIPT is simplified or traditional;
# SIZE_MB defaults to 200 (MB of 10^6 bytes), RUNS to 2.
set -eu

if [ $# -lt 5 ]; then
    echo "usage: $0 SCRIPT BENCH_TEXT GEN_CORPUS PYTHON CORPUS_DIR [SIZE_MB [RUNS]]" >&2
    exit 2
fi
script=$1 bench=$2 gen=$3 python=$4 dir=$5
size=${6:-200}
runs=${7:-2}

corpus=$(sh "$(dirname "$0")/make_corpus.sh" "$script" "$size" "$gen" "$python" "$dir")

i=1
while [ "$i" -le "$runs" ]; do
    echo "== run $i of $runs: whole text stage"
    "$bench" "$corpus"
    i=$((i + 1))
done
echo "== decode only"
"$bench" --stage decode "$corpus"
