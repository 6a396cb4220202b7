# deploytest.py — TAP output, temporary directories and a real suyuan-server
# on loopback for the deployment tests (Python: they drive installed files
# and command lines, as an administrator would).
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, name, diag=None):
        self.n += 1
        print(("ok %d - %s" if cond else "not ok %d - %s") % (self.n, name), flush=True)
        if not cond:
            self.failed += 1
            for line in str(diag or "").splitlines()[:40]:
                print("#", line, flush=True)
        return cond

    def skip(self, name, why):
        self.n += 1
        print("ok %d - %s # SKIP %s" % (self.n, name, why), flush=True)

    def done(self):
        print("1..%d" % self.n, flush=True)
        sys.exit(1 if self.failed else 0)


def tmpdir():
    path = tempfile.mkdtemp(prefix="suyuan-deploy-")
    import atexit
    atexit.register(shutil.rmtree, path, True)
    return path


def run(args, **kw):
    """Runs a command; returns CompletedProcess with text output."""
    kw.setdefault("capture_output", True)
    kw.setdefault("text", True)
    kw.setdefault("timeout", 120)
    return subprocess.run(args, **kw)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(url, token=None, timeout=5):
    req = urllib.request.Request(url)
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req, timeout=timeout) as reply:
        return reply.status, json.loads(reply.read().decode())


def wait_health(url, proc, seconds=20):
    """Polls /api/v1/health until it answers; None if the process died first."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            return None
        try:
            return get_json(url + "/api/v1/health")[1]
        except OSError:
            time.sleep(0.1)
    return None


class Server:
    """suyuan-server started from @argv (a list) until stop()."""

    def __init__(self, argv, env=None):
        self.log = tempfile.TemporaryFile(mode="w+")
        self.proc = subprocess.Popen(argv, stdout=self.log, stderr=subprocess.STDOUT, env=env)

    def output(self):
        self.log.seek(0)
        return self.log.read()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode
