#!/usr/bin/env python3
# test-server-deploy.py BUILDDIR FIXTURE — what an administrator does: meson
# install into a DESTDIR, check the unit (systemd-analyze verify / security),
# boot the installed server with the unit's own ExecStart line and ask /health,
# listen on IPv4 and IPv6, upgrade a database made by release 0.3.0, back it up
# while the server runs and restore the copy.
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import re
import shlex
import shutil
import sqlite3
import stat
import sys
import urllib.error

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from deploytest import Server, Tap, free_port, get_json, run, tmpdir, wait_health  # noqa: E402

builddir, fixture = sys.argv[1], sys.argv[2]
DEMO = os.environ["SUYUAN_DEMO_JSON"]
CTL = os.environ["SUYUAN_CTL"]
FIXTURE_TOKEN = "suyuan_fe0bcfe766a5699707bb3d5607b4cc3841a83f7f849207df4998c8ff843239e0"
tap = Tap()
work = tmpdir()
dest = os.path.join(work, "dest")

r = run(["meson", "install", "-C", builddir, "--destdir", dest, "--no-rebuild", "--quiet"], timeout=300)
if not tap.ok(r.returncode == 0, "meson install --destdir", r.stdout + r.stderr):
    tap.done()


def installed(pattern):
    found = []
    for root, _dirs, files in os.walk(dest):
        found += [os.path.join(root, f) for f in files if re.search(pattern, os.path.join(root, f))]
    return found


for what, pattern in [("the app", r"/bin/suyuan$"), ("the CLI", r"/bin/suyuanctl$"),
                      ("the server", r"/bin/suyuan-server$"),
                      ("the unit", r"/lib/systemd/system/suyuan-server\.service$"),
                      ("the service user", r"/sysusers\.d/suyuan-server\.conf$"),
                      ("the service defaults", r"/default/suyuan-server$"),
                      ("the nginx example", r"/examples/nginx-suyuan-server\.conf$"),
                      ("the demo data", r"/suyuan/demo/demo\.json$"),
                      ("the Chinese translation", r"/zh_CN/LC_MESSAGES/suyuan\.mo$"),
                      ("the desktop file", r"/applications/io\.github\.suyuan\.Suyuan\.desktop$"),
                      ("the settings schema", r"/schemas/io\.github\.suyuan\.Suyuan\.gschema\.xml$"),
                      ("bash completion", r"/bash-completion/completions/suyuanctl$")]:
    tap.ok(len(installed(pattern)) == 1, "meson install installs %s" % what, installed(pattern))
if shutil.which("scdoc"):
    tap.ok(len(installed(r"/man[18]/suyuan(ctl|-server)?\.[18]$")) == 3, "meson install installs 3 man pages",
           installed(r"/man"))

unit_path = (installed(r"/systemd/system/suyuan-server\.service$") or [None])[0]
unit = open(unit_path).read()
exec_start = re.search(r"^ExecStart=(.*)$", unit, re.M).group(1)
options = re.search(r"^Environment=SUYUAN_SERVER_OPTIONS=(.*)$", unit, re.M).group(1)
binary = shlex.split(exec_start)[0]
tap.ok(os.access(dest + binary, os.X_OK), "the unit's ExecStart names the installed server", exec_start)
for key in ["ProtectSystem=strict", "NoNewPrivileges=yes", "StateDirectory=suyuan-server", "User=suyuan",
            "CapabilityBoundingSet=\n", "PrivateDevices=yes"]:
    tap.ok(key in unit, "the unit sets %s" % key.strip())

# systemd checks the unit as it would load it, the binary found in DESTDIR.
analyze = shutil.which("systemd-analyze")
local_unit = os.path.join(work, "suyuan-server.service")
with open(local_unit, "w") as f:
    f.write(unit.replace(binary, dest + binary))
if analyze:
    r = run([analyze, "verify", "--man=no", local_unit])
    tap.ok(r.returncode == 0 and r.stderr.strip() == "", "systemd-analyze verify: no complaint",
           r.stdout + r.stderr)
    r = run([analyze, "security", "--offline=yes", "--threshold=25", local_unit])
    level = re.search(r"Overall exposure level for \S+: ([0-9.]+)", r.stdout)
    tap.ok(r.returncode == 0 and level is not None, "systemd-analyze security: exposure %s (at most 2.5)"
           % (level.group(1) if level else "?"), r.stdout[-1500:] + r.stderr)
else:
    tap.skip("systemd-analyze verify", "systemd-analyze is not installed")

# Boot the installed server with the unit's command line: DESTDIR for the
# binary, a temporary StateDirectory, the unit's default options on a free port.
state = os.path.join(work, "state")
os.makedirs(state, mode=0o700)
port = free_port()
line = exec_start.replace("$SUYUAN_SERVER_OPTIONS", options).replace("/var/lib/suyuan-server", state)
argv = [dest + binary if a == binary else a.replace(":8480", ":%d" % port) for a in shlex.split(line)]
server = Server(argv)
health = wait_health("http://127.0.0.1:%d" % port, server.proc)
tap.ok(health is not None and health.get("status") == "ok", "the installed server, booted with the unit's "
       "ExecStart, answers /api/v1/health on 127.0.0.1", "%s\n%s\n%s" % (argv, health, server.output()))
tap.ok(os.path.exists(os.path.join(state, "server.db")), "its database is in the StateDirectory", os.listdir(state))
server.stop()
r = run([dest + binary, "--version"])
tap.ok(r.returncode == 0 and health is not None and r.stdout.strip() == "suyuan-server " + health.get("version", "?"),
       "suyuan-server --version matches /health", r.stdout + r.stderr)

# --listen on IPv6 and IPv4 loopback at once.
p4, p6 = free_port(), free_port()
server = Server([dest + binary, "--db=" + os.path.join(work, "dual.db"), "--listen=127.0.0.1:%d" % p4,
                 "--listen=[::1]:%d" % p6])
ok4 = wait_health("http://127.0.0.1:%d" % p4, server.proc)
ok6 = wait_health("http://[::1]:%d" % p6, server.proc)
tap.ok(ok4 is not None and ok6 is not None, "--listen 127.0.0.1 and [::1] both answer", server.output())
server.stop()
for bad in ["localhost:80", "1.2.3.4:99999", "[::1", "::1]:80"]:
    r = run([dest + binary, "--db=" + os.path.join(work, "bad.db"), "--listen=" + bad], timeout=20)
    tap.ok(r.returncode == 2 and "listen" in r.stderr, "--listen=%s is refused as wrong usage" % bad,
           "status %s: %s" % (r.returncode, r.stderr))

# A database made by release 0.3.0 (tests/deploy/server-0.3.0.sql) upgrades on start.
db = os.path.join(work, "old.db")
with sqlite3.connect(db) as conn:
    conn.executescript(open(fixture).read())
port = free_port()
url = "http://127.0.0.1:%d" % port
server = Server([dest + binary, "--db=" + db, "--listen=127.0.0.1:%d" % port])
health = wait_health(url, server.proc)
# Opening it gives its changes scope keys, and copies of the history of
# units shipped into new scopes (docs/api.md, "Scoped pull"): the feed grows.
with sqlite3.connect(db) as conn:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    originals = conn.execute("SELECT count(*) FROM changes WHERE copy_of IS NULL").fetchone()[0] if version >= 2 else None
opened_seq = health.get("last_seq") if health else None
tap.ok(opened_seq is not None and opened_seq >= 58 and originals == 58, "the 0.3.0 database opens with its 58 changes",
       "%s %s\n%s" % (health, originals, server.output()))
tap.ok(version >= 1, "its schema is stamped with a version (%d)" % version)
try:
    status, page = get_json(url + "/api/v1/changes?after=0", FIXTURE_TOKEN)
except (OSError, ValueError) as e:
    status, page = e, None
tap.ok(status == 200, "a token made by 0.3.0 still works", status)
store_env = dict(os.environ, SUYUAN_TOKEN=FIXTURE_TOKEN, SUYUAN_STORE=os.path.join(work, "terminal.db"),
                 SUYUAN_TOKEN_FILE=os.path.join(work, "no-token"))
r = run([CTL, "sync", "--json", "--server=" + url], env=store_env)
tap.ok(r.returncode == 0 and '"pulled":58' in r.stdout, "a terminal syncs all 58 changes from it",
       r.stdout + r.stderr)

# Backup while that server runs; the copy is private and complete, and a server
# restored from it answers as the original did.
backup = os.path.join(work, "backup.db")
r = run([dest + binary, "backup", "--db=" + db, backup])
tap.ok(r.returncode == 0, "suyuan-server backup while the server runs", r.stderr)
mode = stat.S_IMODE(os.stat(backup).st_mode) if os.path.exists(backup) else None
tap.ok(mode == 0o600, "the backup is readable by its owner only (%s)" % (oct(mode) if mode else "missing"))
server.stop()
with sqlite3.connect(backup) as conn:
    check = conn.execute("PRAGMA integrity_check").fetchone()[0]
    counts = conn.execute("SELECT (SELECT count(*) FROM changes WHERE copy_of IS NULL),"
                          " (SELECT count(*) FROM tokens)").fetchone()
tap.ok(check == "ok" and counts == (58, 2), "the backup passes integrity_check with every change and token",
       "%s %s" % (check, counts))
restored = os.path.join(work, "restored", "server.db")
os.makedirs(os.path.dirname(restored))
shutil.copy(backup, restored)
port = free_port()
server = Server([dest + binary, "--db=" + restored, "--listen=127.0.0.1:%d" % port])
health = wait_health("http://127.0.0.1:%d" % port, server.proc)
tap.ok(health is not None and health.get("last_seq") == opened_seq, "a server restored from the backup has every change",
       "%s\n%s" % (health, server.output()))
server.stop()
r = run([dest + binary, "backup", "--db=" + os.path.join(work, "missing.db"), os.path.join(work, "x.db")])
tap.ok(r.returncode == 1 and not os.path.exists(os.path.join(work, "x.db")),
       "backup of a missing database fails and leaves no file", r.stderr)

# A database from a newer release is refused, not silently written to.
with sqlite3.connect(restored) as conn:
    conn.execute("PRAGMA user_version = 999")
r = run([dest + binary, "--db=" + restored, "--listen=127.0.0.1:%d" % free_port()], timeout=20)
tap.ok(r.returncode == 1 and "999" in r.stderr, "a newer schema is refused with its version", r.stderr)
tap.done()
