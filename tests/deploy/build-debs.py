#!/usr/bin/env python3
# build-debs.py SOURCE_ROOT — builds the .debs from a copy of the tree with
# dpkg-buildpackage, runs lintian (no errors allowed), unpacks suyuan-server
# and boots it with its unit's ExecStart line. Minutes of compiling: run as
# `meson test --benchmark debian-packages`, not in the test suite.
# SPDX-License-Identifier: GPL-3.0-or-later
import glob
import os
import re
import shlex
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from deploytest import Server, Tap, free_port, run, tmpdir, wait_health  # noqa: E402

source = sys.argv[1]
tap = Tap()
if not shutil.which("dpkg-buildpackage") or not shutil.which("dh"):
    tap.skip("dpkg-buildpackage", "dpkg-dev or debhelper is not installed")
    tap.done()
work = tmpdir()
tree = os.path.join(work, "suyuan")
# The files git knows, as they are in the working tree (build dirs stay out).
files = subprocess.run(["git", "-C", source, "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                       capture_output=True, check=True).stdout.split(b"\0")
for name in filter(None, files):
    path = os.path.join(source, os.fsdecode(name))
    if os.path.lexists(path):
        target = os.path.join(tree, os.fsdecode(name))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy2(path, target, follow_symlinks=False)

start = time.monotonic()
env = dict(os.environ, DEB_BUILD_OPTIONS="nocheck parallel=%d" % (os.cpu_count() or 1))
r = run(["dpkg-buildpackage", "-us", "-uc", "-b"], cwd=tree, env=env, timeout=3600)
seconds = time.monotonic() - start
debs = sorted(d for d in glob.glob(os.path.join(work, "*.deb")) if "-dbgsym_" not in d)
names = sorted(re.sub(r"_.*", "", os.path.basename(d)) for d in debs)
tap.ok(r.returncode == 0, "dpkg-buildpackage -b (%.0f s)" % seconds, r.stdout[-3000:] + r.stderr[-3000:])
tap.ok(names == ["suyuan", "suyuan-common", "suyuan-server", "suyuanctl"],
       "packages for the app, the CLI, the server and their shared data", names)
print("# dpkg-buildpackage: %.0f s for %d packages" % (seconds, len(debs)))

if shutil.which("lintian"):
    changes = glob.glob(os.path.join(work, "*.changes"))
    r = run(["lintian", "--fail-on", "error", "--no-tag-display-limit", *changes], timeout=600)
    errors = [line for line in r.stdout.splitlines() if line.startswith("E:")]
    tap.ok(r.returncode == 0 and not errors, "lintian: no errors (%d warnings)"
           % sum(line.startswith("W:") for line in r.stdout.splitlines()), r.stdout + r.stderr)
    for line in r.stdout.splitlines():
        print("#", line)
else:
    tap.skip("lintian", "lintian is not installed")

# What dpkg -i would put on a machine, unpacked; the unit's command line booted.
root = os.path.join(work, "root")
for deb in debs:
    subprocess.run(["dpkg-deb", "-x", deb, root], check=True)
unit = open(os.path.join(root, "lib/systemd/system/suyuan-server.service")).read()
exec_start = re.search(r"^ExecStart=(.*)$", unit, re.M).group(1)
options = re.search(r"^Environment=SUYUAN_SERVER_OPTIONS=(.*)$", unit, re.M).group(1)
defaults = open(os.path.join(root, "etc/default/suyuan-server")).read()
server_deb = [d for d in debs if os.path.basename(d).startswith("suyuan-server_")]
control = os.path.join(work, "control")
subprocess.run(["dpkg-deb", "-e", server_deb[0], control], check=True)
postinst = open(os.path.join(control, "postinst")).read()
tap.ok("systemd-sysusers" in postinst and "suyuan-server.conf" in postinst
       and "deb-systemd-helper enable 'suyuan-server.service'" in postinst,
       "postinst creates the suyuan user and enables the service", postinst)
tap.ok('SUYUAN_SERVER_OPTIONS="--listen=127.0.0.1:8480"' in defaults, "/etc/default/suyuan-server: loopback")
state = os.path.join(work, "state")
os.makedirs(state)
port = free_port()
line = exec_start.replace("$SUYUAN_SERVER_OPTIONS", options).replace("/var/lib/suyuan-server", state)
argv = [root + a if a.startswith("/usr/bin/") else a.replace(":8480", ":%d" % port) for a in shlex.split(line)]
server = Server(argv)
health = wait_health("http://127.0.0.1:%d" % port, server.proc)
tap.ok(health is not None and health.get("status") == "ok",
       "the packaged server, booted with its unit's ExecStart, answers /health", server.output())
server.stop()
tap.done()
