#!/usr/bin/env python3
# check-links.py — each program links only the core areas it uses.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Reads what meson planned (meson-info/intro-targets.json and the link lines
# in build.ninja) and what the linker wrote (readelf -d, NEEDED), and checks
# that suyuan-server has no barcode decoder, curl, cairo or qrencode in any
# of them. Usage: check-links.py BUILD_ROOT   (TAP on stdout)
import json
import os
import re
import subprocess
import sys

build = sys.argv[1]
# What the server must not pull in, as it shows in each of the three views.
FORBIDDEN_LIBS = ['zbar', 'dmtx', 'curl', 'cairo', 'qrencode']
FORBIDDEN_AREAS = ['decoder', 'sync', 'labels', 'inspection', 'receipt']
PROGRAM = 'suyuan-server'

results = []


def check(ok, name, detail=''):
    results.append((ok, name, detail))


with open(os.path.join(build, 'meson-info', 'intro-targets.json')) as f:
    targets = {t['name']: t for t in json.load(f)}
server = targets[PROGRAM]
params = [p for src in server['target_sources'] for p in src.get('parameters', [])]
bad = [p for p in params if p.startswith('-I') and
       (any(lib in p for lib in FORBIDDEN_LIBS) or
        any(p.endswith('/src/core/' + a) for a in FORBIDDEN_AREAS))]
check(not bad, 'meson introspect: the server sees no decoder, curl, cairo or qrencode headers',
      ' '.join(bad))

with open(os.path.join(build, 'build.ninja')) as f:
    ninja = f.read()
m = re.search(r'^build src/server/' + re.escape(PROGRAM) + r':.*?\n LINK_ARGS = (.*?)\n',
              ninja, re.M | re.S)
link = m.group(1) if m else ''
check(bool(link), 'build.ninja has the link line of ' + PROGRAM)
bad = [w for w in link.split()
       if any('lib' + lib in w or w == '-l' + lib for lib in FORBIDDEN_LIBS) or
       any('libsuyuan-' + a + '.a' in w for a in FORBIDDEN_AREAS)]
check(bool(link) and not bad, 'the link line names none of them', ' '.join(bad))

binary = server['filename'][0]
out = subprocess.run(['readelf', '-d', binary], capture_output=True, text=True, check=True).stdout
needed = re.findall(r'\(NEEDED\).*\[(.*)\]', out)
bad = [n for n in needed if any(lib in n for lib in FORBIDDEN_LIBS)]
check(bool(needed) and not bad, 'readelf: the binary NEEDs none of them', ' '.join(bad))

print('1..%d' % len(results))
for i, (ok, name, detail) in enumerate(results, 1):
    print('%s %d - %s' % ('ok' if ok else 'not ok', i, name))
    if not ok and detail:
        print('# ' + detail)
sys.exit(0 if all(r[0] for r in results) else 1)
