#!/usr/bin/env python3
"""Run the readable examples in tests/spec/*.md against the annals CLI.

An example is a fenced block opened by a line of 32 backticks followed by
`example VERB [key=value ...]`, holding the input, a line with a single `.`, and the
expected output, then the closing fence (cmark's spec format):

    ```````````````````````````````` example extract published=2025-12-04
    习近平4日在北京同法国总统马克龙举行会谈。
    .
    [{"type": "talks", "date": "2025-12-04", "actors": [{"name": "习近平"}, {"name": "马克龙"}]}]
    ````````````````````````````````

VERB is `read` (expected: a JSON object matched against `annals read --json`) or
`extract` (expected: a JSON list of events matched against `annals extract`: same
number of events, each expected event matching a distinct actual one). Matching is
by subset: every key given must be equal; lists must have the same length with
each expected item matching a distinct actual item, except under a key ending in
`~`, where the expected items need only be present. `file=PATH` reads the input
from a file (relative to the repository root; ${SHARED} expands to ../shared).
`exit=N` expects that exit status, `stderr=TEXT` a substring of stderr (spaces as
\\s). Options: -P REGEX runs examples whose section title matches, -n N one
example, --dump-tests prints them as JSON, --fuzz-corpus DIR writes each input to
a file (seed corpus for the fuzzers). Ends with "spec: N passed, N failed".
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

FENCE = "`" * 32
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("ANNALS_SHARED", os.path.join(ROOT, "..", "shared"))


def parse(path):
    out, section, lines = [], "", open(path, encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("#"):
            section = line.lstrip("#").strip()
        if line.startswith(FENCE + " example"):
            words = line[len(FENCE):].split()
            verb = words[1] if len(words) > 1 else "extract"
            opts = dict(w.split("=", 1) for w in words[2:] if "=" in w)
            start = i + 1
            body, exp, cur = [], [], None
            i += 1
            cur = body
            while i < len(lines) and lines[i] != FENCE:
                if lines[i] == "." and cur is body:
                    cur = exp
                else:
                    cur.append(lines[i])
                i += 1
            out.append({"file": os.path.relpath(path, ROOT), "line": start, "section": section,
                        "verb": verb, "opts": opts, "input": "\n".join(body) + "\n",
                        "expected": "\n".join(exp).strip()})
        i += 1
    return out


def match(exp, act, path="$"):
    """Return None when exp matches act, else a message."""
    if isinstance(exp, dict):
        if not isinstance(act, dict):
            return f"{path}: expected an object, got {json.dumps(act, ensure_ascii=False)}"
        for k, v in exp.items():
            loose = k.endswith("~")
            key = k[:-1] if loose else k
            if key not in act:
                return f"{path}.{key}: missing"
            if loose:
                if not isinstance(act[key], list):
                    return f"{path}.{key}: expected a list"
                for j, item in enumerate(v):
                    if all(match(item, a) for a in act[key]):
                        return f"{path}.{key}[{j}]: no item matches {json.dumps(item, ensure_ascii=False)}"
            else:
                m = match(v, act[key], f"{path}.{key}")
                if m:
                    return m
        return None
    if isinstance(exp, list):
        if not isinstance(act, list) or len(act) != len(exp):
            return f"{path}: expected {len(exp)} items, got {json.dumps(act, ensure_ascii=False)[:400]}"
        used = set()
        for j, item in enumerate(exp):
            hit = None
            for k, a in enumerate(act):
                if k not in used and match(item, a) is None:
                    hit = k
                    break
            if hit is None:
                errs = [match(item, a, f"{path}[{j}]") for a in act]
                return errs[0] if len(act) == 1 else f"{path}[{j}]: no item matches {json.dumps(item, ensure_ascii=False)}"
            used.add(hit)
        return None
    if exp != act:
        return f"{path}: expected {json.dumps(exp, ensure_ascii=False)}, got {json.dumps(act, ensure_ascii=False)}"
    return None


def run(binary, ex, tmp):
    opts = ex["opts"]
    if "file" in opts:
        path = os.path.join(ROOT, opts["file"].replace("${SHARED}", SHARED))
    else:
        name = opts.get("id", "example")
        path = os.path.join(tmp, name + opts.get("ext", ".txt"))
        with open(path, "w", encoding="utf-8") as f:
            f.write(ex["input"])
    args = [binary, ex["verb"]]
    if ex["verb"] == "read":
        args.append("--json")
    if "published" in opts:
        args += ["--published", opts["published"]]
    args.append(path)
    p = subprocess.run(args, capture_output=True, timeout=60)
    want_exit = int(opts.get("exit", "0"))
    if p.returncode != want_exit:
        return f"exit {p.returncode}, expected {want_exit}: {p.stderr.decode(errors='replace')[:300]}"
    if "stderr" in opts:
        want = opts["stderr"].replace("\\s", " ")
        if want not in p.stderr.decode(errors="replace"):
            return f"stderr lacks {want!r}: {p.stderr.decode(errors='replace')[:300]}"
    if not ex["expected"]:
        return None
    try:
        exp = json.loads(ex["expected"])
    except json.JSONDecodeError as e:
        return f"bad expected JSON: {e}"
    lines = [json.loads(l) for l in p.stdout.decode().splitlines() if l.strip()]
    act = lines if ex["verb"] == "extract" else (lines[0] if len(lines) == 1 else lines)
    return match(exp, act)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "annals"))
    ap.add_argument("-P", dest="pattern")
    ap.add_argument("-n", dest="number", type=int)
    ap.add_argument("--dump-tests", action="store_true")
    ap.add_argument("--fuzz-corpus")
    ap.add_argument("files", nargs="*")
    a = ap.parse_args()
    files = a.files or sorted(os.path.join(ROOT, "tests", "spec", f)
                              for f in os.listdir(os.path.join(ROOT, "tests", "spec")) if f.endswith(".md"))
    exs = []
    for f in files:
        exs += parse(f)
    for k, ex in enumerate(exs, 1):
        ex["number"] = k
    if a.pattern:
        exs = [e for e in exs if re.search(a.pattern, e["section"])]
    if a.number:
        exs = [e for e in exs if e["number"] == a.number]
    if a.dump_tests:
        json.dump(exs, sys.stdout, ensure_ascii=False, indent=1)
        return 0
    if a.fuzz_corpus:
        os.makedirs(a.fuzz_corpus, exist_ok=True)
        for e in exs:
            with open(os.path.join(a.fuzz_corpus, f"spec{e['number']:04d}"), "w", encoding="utf-8") as f:
                f.write(e["input"])
        return 0
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for ex in exs:
            err = run(a.bin, ex, tmp)
            if err:
                failed += 1
                print(f"FAIL example {ex['number']} ({ex['file']}:{ex['line']}, {ex['section']}): {err}")
            else:
                passed += 1
    print(f"spec: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
