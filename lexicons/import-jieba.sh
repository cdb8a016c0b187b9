#!/bin/sh
# Imports the general word-frequency lexicon from Debian's python3-jieba
# package (jieba 0.42.1, Expat licence, Copyright 2012-2017 Sun Junyi;
# upstream https://github.com/fxsjy/jieba) into lexicons/words-jieba.tsv:
# one "word<TAB>frequency<TAB>part of speech" line per word, UTF-8, sorted
# as upstream ships it.  Run once, from the repository root, after
#   apt-get install python3-jieba
# The file is committed; the segmenter reads it at run time.
set -eu
src=/usr/lib/python3/dist-packages/jieba/dict.txt
out=$(dirname "$0")/words-jieba.tsv
[ -f "$src" ] || { echo "no $src: apt-get install python3-jieba" >&2; exit 1; }
{
    printf '# From Debian python3-jieba %s, jieba/dict.txt (Expat licence,\n' \
        "$(dpkg-query -W -f '${Version}' python3-jieba 2>/dev/null || echo unknown)"
    printf '# Copyright 2012-2017 Sun Junyi).  Made by lexicons/import-jieba.sh; do not edit.\n'
    printf '# word\tfrequency\tpart of speech\n'
    awk 'NF == 3 { printf "%s\t%s\t%s\n", $1, $2, $3 }' "$src"
} > "$out"
