"""epcis_server.py — a real suyuan-server for the EPCIS script tests: started
on a store with an admin token, and plain HTTP requests to it."""
import os
import subprocess
import time
import urllib.error
import urllib.request


def start_server(server, db, port_file, extra=()):
    """suyuan-server on @db (a SQLite file or a postgresql:// URL) on a free
    port; returns the process, its base URL and an admin token."""
    token = subprocess.run([server, "token", "create", "--db=" + db, "--role=admin", "--name=t"],
                           capture_output=True, text=True, check=True).stdout.strip()
    proc = subprocess.Popen([server, "--db=" + db, "--port=0", "--port-file=" + port_file, *extra])
    for _ in range(400):
        if os.path.exists(port_file) and open(port_file).read().strip():
            break
        time.sleep(0.05)
    return proc, f"http://127.0.0.1:{open(port_file).read().strip()}", token


def request(url, token, body=None):
    """The status, body and headers of one request (errors included)."""
    req = urllib.request.Request(url, data=body, headers={"Authorization": "Bearer " + token})
    try:
        with urllib.request.urlopen(req, timeout=60) as reply:
            return reply.status, reply.read(), reply.headers
    except urllib.error.HTTPError as e:
        return e.code, e.read(), e.headers
