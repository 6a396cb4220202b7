#!/usr/bin/env python3
"""Fills po/zh_CN.po from po/suyuan.pot and the dictionary in po/zh_CN.tsv
(msgid<TAB>msgstr[<TAB>plural msgstr]; \\n and \\t escaped as in C).

Run after `meson compile -C _build suyuan-pot`. Translators may edit the .po
directly; this keeps the dictionary and the catalogue in step for the
strings we add in bulk.
"""
import re
import sys

pot_path, tsv_path, out_path = sys.argv[1:4]

def unquote(lines):
    return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', "\n".join(lines)))

def quote(s):
    return '"' + s + '"'

table = {}
with open(tsv_path, encoding="utf-8") as f:
    for line in f:
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        table[parts[0]] = parts[1:]

entries, block = [], []
for line in open(pot_path, encoding="utf-8").read().split("\n"):
    if line.strip() == "":
        if block:
            entries.append(block)
        block = []
    else:
        block.append(line)
if block:
    entries.append(block)

out, missing = [], []
for i, b in enumerate(entries):
    comments = [l for l in b if l.startswith("#")]
    body = [l for l in b if not l.startswith("#")]
    keys, cur = {}, None
    for l in body:
        m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?) (.*)$', l)
        if m:
            cur = m.group(1)
            keys[cur] = [m.group(2)]
        else:
            keys[cur].append(l)
    msgid = unquote(keys.get("msgid", []))
    if i == 0 and msgid == "":
        out.append("\n".join(comments + [
            'msgid ""', 'msgstr ""',
            '"Project-Id-Version: suyuan\\n"', '"PO-Revision-Date: 2026-11-22 00:00+0800\\n"', '"Last-Translator: Suyuan developers\\n"', '"Language-Team: Chinese (simplified)\\n"', '"Language: zh_CN\\n"',
            '"MIME-Version: 1.0\\n"', '"Content-Type: text/plain; charset=UTF-8\\n"',
            '"Content-Transfer-Encoding: 8bit\\n"', '"Plural-Forms: nplurals=1; plural=0;\\n"']))
        continue
    tr = table.get(msgid)
    if tr is None:
        missing.append(msgid)
        tr = [""]
    lines = [l for l in comments if not l.startswith("#, fuzzy")]
    if "msgctxt" in keys:
        lines.append("msgctxt " + keys["msgctxt"][0])
    lines.append("msgid " + "\n".join(keys["msgid"]))
    if "msgid_plural" in keys:
        lines.append("msgid_plural " + "\n".join(keys["msgid_plural"]))
        lines.append("msgstr[0] " + quote(tr[-1]))
    else:
        lines.append("msgstr " + quote(tr[0]))
    out.append("\n".join(lines))

open(out_path, "w", encoding="utf-8").write("\n\n".join(out) + "\n")
for m in missing:
    print("untranslated:", m, file=sys.stderr)
print(f"{len(entries) - 1 - len(missing)} translated, {len(missing)} untranslated", file=sys.stderr)
