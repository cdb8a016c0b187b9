#!/usr/bin/env python3
"""Shell completion: completions/zhevents.bash, run by bash against the
zhevents built here.

usage: completion_test.py ZHEVENTS SRCROOT

Each case sets COMP_WORDS and COMP_CWORD as bash does, calls _zhevents
and compares COMPREPLY with what is expected, written by hand.  The
script reads commands and options from `zhevents help`, so a command or
option added there is completed with no change to it.  zsh's _zhevents
is checked for syntax with `zsh -n` when zsh is installed.
"""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from taplib import clean_env, done, ok  # noqa: E402

ZHE, ROOT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
BASH = os.path.join(ROOT, "completions", "zhevents.bash")
ENV = clean_env(PATH=os.path.dirname(ZHE) + ":/usr/bin:/bin")


def complete(*words):
    """COMPREPLY for the command line words, the last one being completed."""
    quoted = " ".join("'" + w.replace("'", "'\\''") + "'" for w in words)
    script = (f"source '{BASH}'; COMP_WORDS=({quoted}); COMP_CWORD={len(words) - 1}; "
              "_zhevents; printf '%s\\n' \"${COMPREPLY[@]}\"")
    p = subprocess.run(["bash", "-c", script], cwd=ROOT, env=ENV, capture_output=True,
                       text=True, timeout=60)
    return sorted(l for l in p.stdout.splitlines() if l), p.stderr


CASES = [
    (("zhevents", "q"), ["query"]),
    (("zhevents", "s"), ["search", "segment", "show", "stats"]),
    (("zhevents", "datas"), ["datasette-metadata"]),
    (("zhevents", "query", "--ch"), ["--chip"]),
    (("zhevents", "query", "--ov"), ["--overlap"]),
    (("zhevents", "search", "--a"), ["--all"]),
    (("zhevents", "timeline", "--format", "time"), ["timelinejs", "timelinejs-csv"]),
    (("zhevents", "stats", "-f", ""), ["csv", "json", "table"]),
    (("zhevents", "query", "--type", "ex"), ["export_control"]),
    (("zhevents", "extract", "--encoding", "gb"), ["gb18030", "gbk"]),
    (("zhevents", "help", "ti"), ["timeline"]),
    (("zhevents", "query", "--chip", ""), []),
    (("zhevents", "extract", "corpus/te"), ["corpus/text"]),
]

for words, want in CASES:
    got, err = complete(*words)
    ok(got == want, f"complete {' '.join(words)!r}: {' '.join(want) or 'nothing'}",
       f"got {got} {err}")

zsh = shutil.which("zsh")
if zsh:
    p = subprocess.run([zsh, "-n", os.path.join(ROOT, "completions", "_zhevents")],
                       capture_output=True, text=True)
    ok(p.returncode == 0, "zsh -n _zhevents: no syntax error", p.stderr)
else:
    ok(True, "zsh -n _zhevents # SKIP zsh is not installed")
sys.exit(done())
