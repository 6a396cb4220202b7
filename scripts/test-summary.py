#!/usr/bin/env python3
"""Prints the closing line "N passed, N failed" from meson's testlog.json.

Counts TAP subtests (each `ok`/`not ok` line) so the figure says how many
behaviours were checked; a test program that failed without reporting a
failing subtest (crash, timeout) counts as one failure more, and so does a
log that is missing or cut short (meson itself stopped).
"""
import json
import re
import sys

passed = failed = skipped = 0
try:
    lines = open(sys.argv[1], encoding="utf-8").readlines()
except OSError as e:
    print(f"FAILED: no test log ({e})", file=sys.stderr)
    lines = []
    failed += 1
for line in lines:
    try:
        test = json.loads(line)
    except json.JSONDecodeError:
        print("FAILED: the test log is cut short (meson stopped)", file=sys.stderr)
        failed += 1
        continue
    out = test.get("stdout") or ""
    ok = len(re.findall(r"^ok \d+(?! # SKIP)", out, re.M))
    skip = len(re.findall(r"^ok \d+ # SKIP", out, re.M))
    bad = len(re.findall(r"^not ok \d+", out, re.M))
    result = test.get("result")
    if result in ("OK", "EXPECTEDFAIL"):
        passed += max(ok, 1) if bad == 0 else ok
        failed += bad
    elif result == "SKIP":
        skipped += max(skip, 1)
    else:
        passed += ok
        failed += max(bad, 1)
    skipped += skip if result != "SKIP" else 0
    if result not in ("OK", "SKIP", "EXPECTEDFAIL"):
        print(f"FAILED: {test.get('name')} ({result})", file=sys.stderr)
print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
sys.exit(1 if failed else 0)
