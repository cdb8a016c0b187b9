#!/bin/sh
# make_corpus.sh — the benchmark corpus, made once and shared by the
# benchmark scripts: prints the path of CORPUS_DIR/corpus-SCRIPT-SIZEmb.jsonl
# after generating it with gen_corpus.py if it is not there yet (the
# generator is deterministic, so an existing file is the same bytes).
#
#   make_corpus.sh SCRIPT SIZE_MB GEN_CORPUS PYTHON CORPUS_DIR
set -eu
script=$1 size=$2 gen=$3 python=$4 dir=$5
mkdir -p "$dir"
corpus="$dir/corpus-$script-${size}mb.jsonl"
if [ ! -s "$corpus" ]; then
    echo "generating $corpus ..." >&2
    "$python" "$gen" --size "$size" --script "$script" -o "$corpus.tmp"
    mv "$corpus.tmp" "$corpus"
fi
echo "$corpus"
