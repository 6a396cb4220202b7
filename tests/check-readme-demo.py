#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The README's table of demo codes tells the truth on any day.

For several days (today, a year and three years on), the demo data is moved
to that day with scripts/demo-data.py, imported into a new store with the
real suyuanctl, and each code of the table is judged as of that day; the
verdict must be the one the table promises. TAP output.

    check-readme-demo.py SOURCE_ROOT SUYUANCTL
"""
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile

root, ctl = sys.argv[1:3]
readme = open(os.path.join(root, "README.md"), encoding="utf-8").read()

rows = []
in_table = False
for line in readme.splitlines():
    if line.startswith("| code | what it is | verdict |"):
        in_table = True
        continue
    if in_table and line.startswith("|---"):
        continue
    if in_table and not line.startswith("|"):
        break
    if in_table:
        code_cell, what, verdict = [c.strip() for c in line.strip("|").split("|")]
        # `0106901234567922`+`10Y2611`: the parts of one code, GS between them.
        code = "\x1d".join(re.findall(r"`([^`]*)`", code_cell))
        level = re.match(r"(STOP|OK|WARN|unknown)", verdict)
        assert level, "no verdict in README row: " + line
        rows.append((code, what, level[1].lower()))
assert len(rows) >= 8, "the README's demo table is missing"

today = datetime.date.today()
days = [today, today + datetime.timedelta(days=365), today + datetime.timedelta(days=3 * 365 + 1)]
print("1..%d" % (len(days) * len(rows)))
n = 0
failed = False
with tempfile.TemporaryDirectory() as tmp:
    for day in days:
        demo = os.path.join(tmp, "demo-%s.json" % day)
        store = os.path.join(tmp, "store-%s.db" % day)
        subprocess.run([sys.executable, os.path.join(root, "scripts", "demo-data.py"),
                        os.path.join(root, "data", "demo", "demo.json"), demo, day.isoformat()],
                       check=True)
        subprocess.run([ctl, "import", "--store=" + store, demo], check=True, stdout=subprocess.DEVNULL)
        out = subprocess.run([ctl, "lookup", "--json", "--store=" + store, "--today=" + day.isoformat()]
                             + [code for code, _, _ in rows],
                             check=False, capture_output=True, text=True).stdout
        judged = [json.loads(l) for l in out.splitlines() if l.strip()]
        assert len(judged) == len(rows), out
        for (code, what, level), result in zip(rows, judged):
            n += 1
            ok = result["level"] == level
            failed |= not ok
            print("%s %d - %s on %s: %s%s" % ("ok" if ok else "not ok", n, what, day, level,
                                              "" if ok else " (got %s)" % result["level"]))
sys.exit(1 if failed else 0)
