#!/usr/bin/env python3
# check-layering.py — the core's areas use only the areas below them, private
# headers stay home, and the CLI and the server never touch the terminal's
# schema (docs/architecture.md). Usage: check-layering.py SOURCE_ROOT (TAP)
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import re
import sys

top = sys.argv[1]
core = os.path.join(top, 'src', 'core')

# Which areas each area may use, besides itself and the root utilities.
USES = {
    'codes': [],
    'decoder': [],
    'print': [],
    'store': ['codes'],
    'sync': ['store'],
    'verdict': ['store'],
    'receipt': ['verdict', 'print'],
    'inspection': ['verdict', 'print'],
    'labels': ['store', 'decoder'],
    'export': ['store'],
}
# The SQL interface: store/ and the areas above it, never the programs.
SHARED_PRIVATE = {'store-private.h'}


def closure(area):
    seen = set()
    todo = [area]
    while todo:
        for dep in USES[todo.pop()]:
            if dep not in seen:
                seen.add(dep)
                todo.append(dep)
    return seen


def includes(path):
    with open(path, encoding='utf-8') as f:
        return re.findall(r'^\s*#\s*include\s+"([^"]+)"', f.read(), re.M)


def sources(folder):
    for name in sorted(os.listdir(folder)):
        if name.endswith(('.c', '.h')):
            yield os.path.join(folder, name)


# Which area each core header lives in ('' for the root utilities).
home = {}
for name in os.listdir(core):
    if name.endswith('.h'):
        home[name] = ''
for area in USES:
    for path in sources(os.path.join(core, area)):
        if path.endswith('.h'):
            home[os.path.basename(path)] = area

results = []
missing = [a for a in USES if not os.path.isdir(os.path.join(core, a))]
results.append((not missing, 'every area has its folder', ' '.join(missing)))

for area in USES:
    allowed = closure(area) | {area, ''}
    bad = []
    for path in sources(os.path.join(core, area)):
        for inc in includes(path):
            owner = home.get(inc)
            if owner is None:
                continue  # config.h and system headers
            private = inc.endswith('-private.h')
            if owner not in allowed or (private and owner != area and inc not in SHARED_PRIVATE):
                bad.append('%s includes %s' % (os.path.relpath(path, top), inc))
    results.append((not bad, 'core/%s uses only %s' % (area, ', '.join(sorted(closure(area))) or
                                                         'the root utilities'), '; '.join(bad)))

bad = []
for program in ('app', 'cli', 'server'):
    for path in sources(os.path.join(top, 'src', program)):
        for inc in includes(path):
            if inc.endswith('-private.h') and inc in home:
                bad.append('%s includes %s' % (os.path.relpath(path, top), inc))
results.append((not bad, 'no program includes a private header of the core', '; '.join(bad)))

# The issue's own check: grep -rn "sqlite3_\|SELECT \|INSERT " src/cli src/server,
# minus the server's own database (server-store*.c, its schema not ours).
sql = re.compile(r'sqlite3_|SELECT |INSERT ')
bad = []
for program in ('cli', 'server'):
    for path in sources(os.path.join(top, 'src', program)):
        if os.path.basename(path).startswith('server-store'):
            continue
        with open(path, encoding='utf-8') as f:
            for n, line in enumerate(f, 1):
                if sql.search(line):
                    bad.append('%s:%d' % (os.path.relpath(path, top), n))
results.append((not bad, 'no terminal-store SQL in src/cli or src/server', ' '.join(bad)))

# The app's pages and rows report upward by signal or action (win.toast …):
# none reaches for the window by casting gtk_widget_get_root () or looks up
# the application through it. Only the window and the application know it.
reach = re.compile(r'SUYUAN_(IS_)?WINDOW\s*\(|#\s*include\s+"suyuan-window\.h"'
                   r'|(SUYUAN_\w+|GTK_WINDOW|GTK_IS_WINDOW)\s*\(\s*gtk_widget_get_root'
                   r'|gtk_window_get_application\s*\(')
bad = []
for path in sources(os.path.join(top, 'src', 'app')):
    if os.path.basename(path) in ('suyuan-window.c', 'suyuan-window.h', 'suyuan-application.c', 'main.c'):
        continue
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            if reach.search(line):
                bad.append('%s:%d' % (os.path.relpath(path, top), n))
results.append((not bad, 'no app page reaches for the window through gtk_widget_get_root', ' '.join(bad)))

print('1..%d' % len(results))
for i, (ok, name, detail) in enumerate(results, 1):
    print('%s %d - %s' % ('ok' if ok else 'not ok', i, name))
    if not ok and detail:
        print('# ' + detail)
sys.exit(0 if all(r[0] for r in results) else 1)
