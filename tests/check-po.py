#!/usr/bin/env python3
"""check-po.py SRCROOT LANG — fails when po/LANG.po misses a translation.

Extracts the strings afresh from po/POTFILES.in (as `meson compile suyuan-pot`
does), merges them into a copy of the catalogue, and requires every message
translated and none fuzzy: a string added without its translation is caught
here, not by a user who sees English on a Chinese terminal.
Prints TAP.
"""
import os
import re
import subprocess
import sys
import tempfile

root, lang = sys.argv[1], sys.argv[2]
po = os.path.join(root, "po", lang + ".po")
keywords = ["--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
            "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3"]


CJK = re.compile("[\u4e00-\u9fff]")


def western_punctuation(text):
    """ASCII , ; ! ? : or ( ) next to Chinese: 记录: 3 (失败), where 记录：3（失败）
    is meant. Mnemonics (_S), printf formats, option names and their [syntax],
    URLs, times and keyword lists (…;…;) are left alone."""
    if lang != "zh_CN" or not CJK.search(text) or text.rstrip("\\n").endswith(";"):
        return False
    t = re.sub(r"\(_[A-Za-z]\)|%H:%M|\[[^\]]*\]", "", text)
    t = re.sub(r"https?://\S+|%[-0-9$.]*[a-zA-Z]|\S*:\d+|--?[a-z][-a-z]*|\\n", "", t)
    return re.search(r"[\u4e00-\u9fff]\s*[,;!?:(]|[,;!?:)]\s*[\u4e00-\u9fff]", t) is not None


def unquote(s):
    return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', s))


print("1..4")
with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, "suyuan.pot")
    merged = os.path.join(tmp, lang + ".po")
    subprocess.run(["xgettext", "--from-code=UTF-8", "--add-comments", *keywords,
                    "--files-from=po/POTFILES.in", "-o", pot], cwd=root, check=True)
    print("ok 1 - strings extracted from po/POTFILES.in")
    subprocess.run(["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", merged, po, pot], check=True)
    stats = subprocess.run(["msgfmt", "--check", "--statistics", "-o", os.devnull, merged],
                           capture_output=True, text=True)
    line = stats.stderr.strip().splitlines()[-1] if stats.stderr.strip() else ""
    if stats.returncode != 0:
        print("not ok 2 - msgfmt --check: " + stats.stderr.replace("\n", " | "))
    else:
        print("ok 2 - msgfmt --check")
    missing = []
    western = []
    text = open(merged, encoding="utf-8").read()
    for block in text.split("\n\n"):
        mid = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if block.lstrip().startswith("#~") or mid is None or unquote(mid.group(1)) == "":
            continue
        fuzzy = re.search(r"^#,.*\bfuzzy\b", block, re.M)
        strs = re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', block + "\n", re.M)
        if fuzzy or not strs or any(unquote(s) == "" for s in strs):
            missing.append(("fuzzy: " if fuzzy else "untranslated: ") + unquote(mid.group(1)))
        for s in strs:
            if western_punctuation(unquote(s)):
                western.append(unquote(s))
    if missing:
        for m in missing:
            print("# " + m.replace("\n", " "))
        print("not ok 3 - %s: %s (%d missing; add them to po/%s.tsv and run scripts/po-fill.py)"
              % (lang, line, len(missing), lang))
        sys.exit(1)
    print("ok 3 - %s: %s" % (lang, line))
    for w in western:
        print("# " + w.replace("\n", " "))
    print("%sok 4 - Chinese text uses Chinese punctuation%s"
          % ("not " if western else "", " (%d strings)" % len(western) if western else ""))
    sys.exit(1 if stats.returncode or western else 0)
