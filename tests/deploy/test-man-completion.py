#!/usr/bin/env python3
# test-man-completion.py MANDIR COMPLETIONSDIR — the man pages render without
# a warning and name every option the programs' --help shows; bash completes
# commands, subcommands and options.
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import re
import shlex
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from deploytest import Tap, run  # noqa: E402

mandir, compdir = sys.argv[1], sys.argv[2]
CTL = os.environ["SUYUAN_CTL"]
SERVER = os.environ["SUYUAN_SERVER_BIN"]
APP = os.environ.get("SUYUAN_APP_BIN")
tap = Tap()
env = dict(os.environ, MANWIDTH="80", LC_ALL="C.UTF-8")


def options(argv):
    text = run(argv, env=env).stdout
    return sorted(set(re.findall(r"^\s+(?:-\w, )?(--[a-z][a-z-]*)", text, re.M)) - {"--help", "--help-all",
                                                                                     "--help-gapplication"})


pages = {"suyuanctl.1": [[CTL, *c, "--help"] for c in
                         [["parse"], ["lookup"], ["import"], ["sync"], ["scan"], ["labels", "generate"],
                          ["labels", "batch"], ["labels", "list"], ["labels", "templates"],
                          ["inspection"], ["export"]]],
         "suyuan-server.8": [[SERVER, "--help"], [SERVER, "token", "--help"], [SERVER, "backup", "--help"],
                             [SERVER, "import-alerts", "--help"]],
         "suyuan.1": [[APP, "--help"]] if APP else []}
if not shutil.which("man"):
    tap.skip("man pages render", "man is not installed")
for page, helps in pages.items():
    path = os.path.join(mandir, page)
    if not shutil.which("man"):
        break
    r = run(["man", "--warnings", "-E", "UTF-8", "-l", path], env=env)
    tap.ok(r.returncode == 0 and r.stderr.strip() == "" and len(r.stdout) > 500,
           "%s renders with man -l, no warnings" % page, "status %s\n%s" % (r.returncode, r.stderr))
    # Wide, so no option is hyphenated across a line break.
    wide = run(["man", "-E", "UTF-8", "-l", path], env=dict(env, MANWIDTH="1000"))
    rendered = re.sub(r".\x08", "", wide.stdout)
    for argv in helps:
        missing = [o for o in options(argv) if o not in rendered]
        tap.ok(not missing, "%s names every option of %s" % (page, " ".join(os.path.basename(a) for a in argv)),
               "missing: %s" % missing)

bash_completion = "/usr/share/bash-completion/bash_completion"


def complete(script, line):
    """The words bash completion offers for @line (completing its last word)."""
    words = shlex.split(line) + ([""] if line.endswith(" ") else [])
    words_bash = " ".join(shlex.quote(w) for w in words)
    program = (
        "source %s; source %s; COMP_WORDS=(%s); COMP_CWORD=%d; COMP_LINE=%s; COMP_POINT=${#COMP_LINE};"
        " %s; printf '%%s\\n' \"${COMPREPLY[@]}\""
        % (shlex.quote(bash_completion), shlex.quote(os.path.join(compdir, script)), words_bash,
           len(words) - 1, shlex.quote(line), "_suyuanctl" if script == "suyuanctl" else "_suyuan_server"))
    return run(["bash", "-c", program], env=env).stdout.split()


if not os.path.exists(bash_completion):
    tap.skip("bash completion", "bash-completion is not installed")
else:
    cases = [("suyuanctl", CTL + " ", {"lookup", "labels", "sync", "export"}),
             ("suyuanctl", CTL + " lab", {"labels"}),
             ("suyuanctl", CTL + " labels ", {"generate", "batch", "list", "templates", "product"}),
             ("suyuanctl", CTL + " labels product ", {"add", "edit"}),
             ("suyuanctl", CTL + " lookup --", {"--json", "--store=", "--today=", "--here="}),
             ("suyuanctl", CTL + " labels generate --ve", {"--verify"}),
             ("suyuanctl", CTL + " labels generate --template=a4", {"a4-3x7", "a4-4x10"}),
             ("suyuan-server", SERVER + " ", {"token", "import-alerts", "backup"}),
             ("suyuan-server", SERVER + " --li", {"--listen="}),
             ("suyuan-server", SERVER + " token ", {"create", "revoke", "list"}),
             ("suyuan-server", SERVER + " token create --role=", {"inspector", "retailer", "producer", "admin"})]
    for script, line, expected in cases:
        got = set(complete(script, line))
        tap.ok(expected <= got, "completion of %r offers %s" % (line.replace(os.path.dirname(CTL) + "/", "")
                                                                 .replace(os.path.dirname(SERVER) + "/", ""),
                                                                 sorted(expected)), "got %s" % sorted(got))
tap.done()
