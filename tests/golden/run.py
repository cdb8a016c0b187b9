#!/usr/bin/env python3
"""Golden tests: run the zhevents CLI on a case and compare its whole output.

usage: run.py ZHEVENTS SRCROOT CASE.test...          check the cases
       run.py --update ZHEVENTS SRCROOT CASE.test... rewrite their expected output

A case file:

    # What the case pins (any number of comment lines).
    args: extract --format jsonl corpus/text/x.txt
    stdin: corpus/x.jsonl     (optional: a file to feed on standard input)
    exit: 0
    --- stdout
    ...the exact expected standard output...
    --- stderr
    ...the exact expected standard error (optional: unchecked if absent)...

With ZHE_WRAPPER set (meson test --setup valgrind), the CLI runs under that
command.  The command runs in SRCROOT, so paths in args are relative to the repository
root; args are split like a shell would (shlex), without a shell.  With one
case per file, meson registers each as its own test.  --update is for
writing a new case: read every line it writes before committing it.
"""
import os
import shlex
import subprocess
import sys


def parse(path):
    case = {"comment": [], "args": None, "stdin": None, "exit": 0, "stdout": None,
            "stderr": None}
    section = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            if section:
                if line.startswith("--- "):
                    section = line[4:].strip()
                    case[section] = ""
                else:
                    case[section] += line
                continue
            if line.startswith("#"):
                case["comment"].append(line)
            elif line.startswith("args:"):
                case["args"] = line[5:].strip()
            elif line.startswith("stdin:"):
                case["stdin"] = line[6:].strip()
            elif line.startswith("exit:"):
                case["exit"] = int(line[5:])
            elif line.startswith("--- "):
                section = line[4:].strip()
                case[section] = ""
            elif line.strip():
                raise SystemExit(f"{path}: unexpected line: {line!r}")
    if case["args"] is None or case["stdout"] is None:
        raise SystemExit(f"{path}: a case needs 'args:' and '--- stdout'")
    return case


def run(exe, root, case):
    env = {"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"}
    if "ASAN_OPTIONS" in os.environ:
        env["ASAN_OPTIONS"] = os.environ["ASAN_OPTIONS"]
    if "UBSAN_OPTIONS" in os.environ:
        env["UBSAN_OPTIONS"] = os.environ["UBSAN_OPTIONS"]
    stdin = open(os.path.join(root, case["stdin"]), "rb") if case["stdin"] else subprocess.DEVNULL
    # `meson test --setup valgrind` sets ZHE_WRAPPER to run the CLI under valgrind.
    wrapper = shlex.split(os.environ.get("ZHE_WRAPPER", ""))
    # valgrind runs the CLI some fifty times slower: bad/all's long line
    # and huge record take 110-130 s under it on a 2-core machine
    p = subprocess.run(wrapper + [exe] + shlex.split(case["args"]), cwd=root, env=env,
                       stdin=stdin,
                       capture_output=True, timeout=600 if wrapper else 120)
    if case["stdin"]:
        stdin.close()
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def show_diff(name, want, got):
    import difflib
    sys.stdout.writelines(
        "# " + l for l in difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                              f"{name} (expected)", f"{name} (got)"))
    sys.stdout.write("\n")


def main(argv):
    update = "--update" in argv
    args = [a for a in argv[1:] if a != "--update"]
    if len(args) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    exe, root, cases = os.path.abspath(args[0]), args[1], args[2:]
    failed = 0
    for path in cases:
        case = parse(path)
        code, out, err = run(exe, root, case)
        if update:
            with open(path, "w", encoding="utf-8") as f:
                f.writelines(case["comment"])
                f.write(f"args: {case['args']}\n")
                if case["stdin"]:
                    f.write(f"stdin: {case['stdin']}\n")
                f.write(f"exit: {code}\n--- stdout\n{out}")
                if case["stderr"] is not None:
                    f.write(f"--- stderr\n{err}")
            print(f"updated {path}")
            continue
        ok = True
        if code != case["exit"]:
            print(f"# {path}: exit status {code}, expected {case['exit']}")
            ok = False
        if out != case["stdout"]:
            show_diff("stdout", case["stdout"], out)
            ok = False
        if case["stderr"] is not None and err != case["stderr"]:
            show_diff("stderr", case["stderr"], err)
            ok = False
        if not ok:
            print(f"# stderr was:\n{err}")
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
