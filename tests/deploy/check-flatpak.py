#!/usr/bin/env python3
# check-flatpak.py MANIFEST — what flatpak-builder cannot check offline (the
# runtimes cannot be downloaded here): a maintained GNOME runtime, every
# downloaded source pinned by sha256 over https, the camera through the portal
# (no raw device access), and an app build without the server and libpq.
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from deploytest import Tap  # noqa: E402

manifest = json.load(open(sys.argv[1]))
tap = Tap()
version = manifest.get("runtime-version", "0")
tap.ok(manifest.get("runtime") == "org.gnome.Platform" and manifest.get("sdk") == "org.gnome.Sdk"
       and re.fullmatch(r"\d+", version) and int(version) >= 47,
       "GNOME runtime 47 or later (%s %s)" % (manifest.get("runtime"), version))
args = manifest.get("finish-args", [])
tap.ok(not any(a.startswith("--device=all") or a.startswith("--device=v4l") or "/dev/video" in a for a in args),
       "no raw camera device access: cameras come through the camera portal", args)
tap.ok("--socket=wayland" in args and "--share=network" in args, "wayland and network", args)


def sources(modules):
    for module in modules:
        if isinstance(module, dict):
            for source in module.get("sources", []):
                yield module["name"], source
            yield from sources(module.get("modules", []))


for name, source in sources(manifest["modules"]):
    if source.get("type") in ("dir", "patch") and "url" not in source:
        tap.ok(source.get("type") == "dir" and name == "suyuan" or source.get("type") == "patch",
               "%s: local %s source" % (name, source["type"]))
        continue
    tap.ok(re.fullmatch(r"[0-9a-f]{64}", source.get("sha256", "")) is not None
           and source.get("url", "").startswith("https://"),
           "%s: %s pinned by sha256 over https" % (name, source.get("url", source.get("type"))), source)
app = [m for m in manifest["modules"] if isinstance(m, dict) and m.get("name") == "suyuan"]
opts = app[0].get("config-opts", []) if app else []
tap.ok("-Dserver=false" in opts, "the app is built without the server (no libpq)", opts)
tap.ok("-Dgui_tests=false" in opts, "without the GUI tests", opts)
tap.done()
