#!/usr/bin/env python3
"""Golden test of the index: `zhevents ingest corpus/` (with --published
2023-09-05, as the other corpus runs) into a fresh database, then
`zhevents query --chip H100 --format json`, compared whole with
tests/store/query-h100.json.

usage: query_golden.py [--update] ZHEVENTS SRCROOT

When the extractor or the linker changes what they find, regenerate the
expected file with

    python3 tests/store/query_golden.py --update build/zhevents .

and read the diff (git diff tests/store/query-h100.json) before committing.
"""
import difflib
import os
import shutil
import subprocess
import sys
import tempfile

args = [a for a in sys.argv[1:] if a != "--update"]
update = "--update" in sys.argv
exe, root = os.path.abspath(args[0]), os.path.abspath(args[1])
expected = os.path.join(root, "tests", "store", "query-h100.json")
env = {"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"}
for k in ("ASAN_OPTIONS", "UBSAN_OPTIONS"):
    if k in os.environ:
        env[k] = os.environ[k]
wrapper = os.environ.get("ZHE_WRAPPER", "").split()
tmp = tempfile.mkdtemp(prefix="zhevents-golden-")
try:
    db = os.path.join(tmp, "zhevents.db")
    p = subprocess.run(wrapper + [exe, "ingest", "--db", db, "--published", "2023-09-05",
                                  "corpus/"], cwd=root, env=env, capture_output=True, timeout=300)
    if p.returncode != 0:
        print(f"ingest failed ({p.returncode}):\n{p.stderr.decode()}")
        sys.exit(1)
    p = subprocess.run(wrapper + [exe, "query", "--db", db, "--chip", "H100", "--format", "json"],
                       cwd=root, env=env, capture_output=True, timeout=120)
    got = p.stdout.decode("utf-8")
    if p.returncode != 0:
        print(f"query failed ({p.returncode}):\n{p.stderr.decode()}")
        sys.exit(1)
finally:
    shutil.rmtree(tmp, ignore_errors=True)

if update:
    with open(expected, "w", encoding="utf-8") as f:
        f.write(got)
    print(f"updated {expected}")
    sys.exit(0)
want = open(expected, encoding="utf-8").read()
if got != want:
    sys.stdout.writelines("# " + l for l in difflib.unified_diff(
        want.splitlines(True), got.splitlines(True), "expected", "got"))
    sys.exit(1)
print("ok")
