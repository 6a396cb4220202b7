#!/usr/bin/env python3
# test-nginx.py EXAMPLE — the sample reverse proxy, run for real: nginx with a
# throwaway certificate in front of suyuan-server, the API over TLS, plain
# HTTP redirected, nothing but /api/, /01/ and /p/ passed on. Skipped where
# nginx is not installed ($SUYUAN_NGINX names another binary).
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import re
import shutil
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from deploytest import Server, Tap, free_port, run, tmpdir, wait_health  # noqa: E402

example = open(sys.argv[1]).read()
SERVER = os.environ["SUYUAN_SERVER_BIN"]
tap = Tap()
nginx = os.environ.get("SUYUAN_NGINX") or shutil.which("nginx") or (
    "/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)
if nginx is None or shutil.which("openssl") is None:
    tap.skip("nginx in front of suyuan-server", "nginx or openssl is not installed")
    tap.done()

work = tmpdir()
cert, key = os.path.join(work, "cert.pem"), os.path.join(work, "key.pem")
r = run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=id.example.org",
         "-addext", "subjectAltName=DNS:id.example.org,IP:127.0.0.1", "-keyout", key, "-out", cert])
tap.ok(r.returncode == 0, "a throwaway certificate", r.stderr)

backend, https_port, http_port = free_port(), free_port(), free_port()
site = example
site = site.replace("/etc/letsencrypt/live/id.example.org/fullchain.pem", cert)
site = site.replace("/etc/letsencrypt/live/id.example.org/privkey.pem", key)
site = site.replace("server 127.0.0.1:8480;", "server 127.0.0.1:%d;" % backend)
site = re.sub(r"listen \[::\]:\d+[^;]*;\n", "", site)
site = site.replace("listen 443 ssl http2;", "listen 127.0.0.1:%d ssl http2;" % https_port)
site = site.replace("listen 80;", "listen 127.0.0.1:%d;" % http_port)
tap.ok(str(https_port) in site and str(http_port) in site and cert in site,
       "the example has the listen and certificate lines this test adapts")
for d in ["body", "proxy", "fastcgi", "uwsgi", "scgi"]:
    os.makedirs(os.path.join(work, d))
conf = os.path.join(work, "nginx.conf")
with open(conf, "w") as f:
    f.write("daemon off;\nmaster_process off;\npid %(w)s/nginx.pid;\nerror_log %(w)s/error.log;\n"
            "events {}\nhttp {\n access_log off;\n client_body_temp_path %(w)s/body;\n"
            " proxy_temp_path %(w)s/proxy;\n fastcgi_temp_path %(w)s/fastcgi;\n uwsgi_temp_path %(w)s/uwsgi;\n"
            " scgi_temp_path %(w)s/scgi;\n%(site)s\n}\n" % {"w": work, "site": site})
r = run([nginx, "-t", "-p", work, "-c", conf])
tap.ok(r.returncode == 0, "nginx -t accepts the example", r.stderr)

server = Server([SERVER, "--db=" + os.path.join(work, "server.db"), "--listen=127.0.0.1:%d" % backend,
                 "--import=" + os.environ["SUYUAN_DEMO_JSON"]])
proxy = subprocess.Popen([nginx, "-p", work, "-c", conf], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    wait_health("http://127.0.0.1:%d" % backend, server.proc)
    context = ssl.create_default_context(cafile=cert)
    base = "https://127.0.0.1:%d" % https_port

    def get(path, scheme_base=base):
        for _ in range(50):
            try:
                with urllib.request.urlopen(scheme_base + path, context=context, timeout=5) as reply:
                    return reply.status, reply.read().decode(), reply.headers
            except urllib.error.HTTPError as e:
                return e.code, e.read().decode(errors="replace"), e.headers
            except OSError:
                time.sleep(0.1)
        return None, "", {}

    status, body, _ = get("/api/v1/health")
    tap.ok(status == 200 and '"status":"ok"' in body, "/api/v1/health through nginx over TLS", "%s %s" % (status, body))
    status, body, _ = get("/01/06901234567908")
    tap.ok(status is not None and status != 502 and "nginx" not in body,
           "/01/… reaches suyuan-server (status %s)" % status, body[:300])
    status, _, _ = get("/etc/passwd")
    tap.ok(status == 404, "other paths are not passed on (404)", status)

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args):
            return None
    try:
        urllib.request.build_opener(NoRedirect).open("http://127.0.0.1:%d/api/v1/health" % http_port, timeout=5)
        redirect = None
    except urllib.error.HTTPError as e:
        redirect = (e.code, e.headers.get("Location", ""))
    tap.ok(redirect is not None and redirect[0] == 301 and redirect[1].startswith("https://"),
           "plain HTTP is redirected to HTTPS", redirect)
finally:
    proxy.terminate()
    proxy.wait(10)
    server.stop()
tap.done()
