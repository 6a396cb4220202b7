#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the demo data with its dates moved to a given day (default: today).

data/demo/demo.json is written as of the day in its "as_of" key: yoghurt Y2611
is near expiry on that day, the recall was issued days before it, and so on.
Every date in it (YYYY-MM-DD, alone or starting a timestamp) moves by the same
number of days, so the README's table of codes and verdicts holds on any day.
Dates inside the codes themselves (AI 17 of a scanned code) do not move.

    demo-data.py IN.json OUT.json [YYYY-MM-DD]
"""
import datetime
import json
import re
import sys

DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?=$|T)")


def shift(value, days):
    if isinstance(value, dict):
        return {k: shift(v, days) for k, v in value.items()}
    if isinstance(value, list):
        return [shift(v, days) for v in value]
    if isinstance(value, str):
        m = DATE.match(value)
        if m:
            day = datetime.date(int(m[1]), int(m[2]), int(m[3])) + datetime.timedelta(days=days)
            return day.isoformat() + value[m.end():]
    return value


def main():
    src, out = sys.argv[1:3]
    today = datetime.date.fromisoformat(sys.argv[3]) if len(sys.argv) > 3 else datetime.date.today()
    with open(src, encoding="utf-8") as f:
        doc = json.load(f)
    as_of = datetime.date.fromisoformat(doc["as_of"])
    doc = shift(doc, (today - as_of).days)
    with open(out, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
