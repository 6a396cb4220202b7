#!/usr/bin/env python3
# bench-decode.py — our decoder (suyuanctl scan --text) against zbarimg and
# ZXingReader on the photo corpus: read rate, false positives, time per image.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: bench-decode.py SUYUANCTL CORPUS_PHOTOS_DIR [--tool=BENCH_DECODE_TOOL] [FOLDER…]
#        bench-decode.py SUYUANCTL --zint=make-zint-symbols.py [--tool=…]
# The second form measures symbols made by zint and distorted by ImageMagick
# (DMRE, ITF-14, UPC-E; one folder per symbology and distortion) instead.
# "suyuan" is `suyuanctl scan --text`, what people run; "suyuan-decoder" is the
# same decoder in bench-decode-tool, a process that starts as fast as zbarimg.
# An image counts as read when one decoded text equals NAME.txt, GS characters
# and GS1 brackets ignored (the rule of the corpus's BASELINE.txt). Any text
# decoded in falsepositives-*/, or a wrong text elsewhere, is a false positive.
# "other-text" counts images where only a text other than NAME.txt came out.
# Times are per image, each decoder run once per image as a fresh process, so
# zbarimg is the anchor measured in the same run. Each tool's start-up (the
# same command on a blank 16x16 PNG, three times per folder, so under the
# same load as the images; the median) is shown too, and the time
# per image net of it: what the decoding itself costs, as in the app, where
# the decoder runs in a process that is already up.
#
# The corpus is split by folder into two halves: TUNING, the folders a
# change may be looked at and tuned on, and CHECKING, the folders it is only
# measured on, to tell whether a change generalises. Both halves are reported.
# "suyuan-zxing", "suyuan-zbar", "suyuan-dmtx" are bench-decode-tool with one
# engine alone (BENCH_ENGINES), so the order of engines is decided by figures.

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zlib


def normalise(text):
    text = text.replace("\x1d", "").replace("\r\n", "\n")
    text = re.sub(r"\((\d{2,4})\)", r"\1", text).strip()
    # A UPC-A is the EAN-13 with a leading 0: some tools print 12 digits, some 13.
    return text[1:] if re.fullmatch(r"0\d{12}", text) else text


def upce_to_upca(e):
    """The UPC-A (12 digits) an 8-digit UPC-E stands for, or None."""
    if not re.fullmatch(r"[01]\d{7}", e):
        return None
    ns, d, check = e[0], e[1:7], e[7]
    if d[5] in "012":
        body = d[0:2] + d[5] + "0000" + d[2:5]
    elif d[5] == "3":
        body = d[0:3] + "00000" + d[3:5]
    elif d[5] == "4":
        body = d[0:4] + "00000" + d[4]
    else:
        body = d[0:5] + "0000" + d[5]
    return ns + body + check


def same_code(expected, texts):
    """zbarimg gives a UPC-E as the UPC-A it stands for: that is a read too."""
    upca = upce_to_upca(expected)
    return expected in texts or (upca is not None and normalise("0" + upca) in texts)


def run_ours(ctl, path):
    budget = os.environ.get("BENCH_BUDGET", "100")  # ms per image: the camera's frame budget
    args = [ctl, "scan", "--text"] + ([f"--budget={budget}"] if budget else []) + [path]
    out = subprocess.run(args, capture_output=True).stdout
    return candidates(out.decode("utf-8", "replace"))


def candidates(text):
    """Payloads may hold line breaks, and the tools print one per line: take
    each line and the whole output (which is the payload when one symbol)."""
    text = text[:-1] if text.endswith("\n") else text
    return text.splitlines() + [text] if text else []


TUNING = {"code128-1", "datamatrix-2", "ean13-1", "ean8-1", "qrcode-2", "upca-1"}


def half_of(folder):
    return "tuning" if folder in TUNING else "checking"


def run_tool(tool, path, engines=None):
    env = dict(os.environ, BENCH_ENGINES=engines) if engines else None
    out = subprocess.run([tool, path], capture_output=True, env=env).stdout
    return candidates(out.decode("utf-8", "replace"))


def run_zbarimg(path):
    out = subprocess.run(["zbarimg", "--quiet", "--raw", "-Sbinary", path],
                         capture_output=True).stdout
    # -Sbinary keeps payloads byte for byte; symbols are separated by newlines.
    return candidates(out.decode("utf-8", "replace"))


CONTROL = ["NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT",
           "FF", "CR", "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB",
           "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US"]


def unescape_zxing(text):
    def one(m):
        name = m.group(1)
        if name.startswith("U+"):
            return chr(int(name[2:], 16))
        return chr(CONTROL.index(name)) if name in CONTROL else m.group(0)
    return re.sub(r"<(U\+[0-9A-Fa-f]+|[A-Z]{2,3})>", one, text)


def run_zxing(path):
    # -1: one line per symbol, `PATH FORMAT "TEXT"`, control bytes as <GS>,
    # <CR>, non-ASCII as <U+30E2>.
    out = subprocess.run(["ZXingReader", "-1", path], capture_output=True).stdout
    texts = []
    for line in out.decode("utf-8", "replace").splitlines():
        m = re.match(r'^\S+ \S+ "(.*)"$', line)
        if m:
            texts.append(unescape_zxing(m.group(1)))
    return texts


def blank_png(path, size=16):
    """A white grey-scale PNG with no code in it, written without extra tools."""
    def chunk(kind, data):
        return (len(data).to_bytes(4, "big") + kind + data
                + zlib.crc32(kind + data).to_bytes(4, "big"))
    rows = b"".join(b"\x00" + b"\xff" * size for _ in range(size))
    header = size.to_bytes(4, "big") * 2 + bytes([8, 0, 0, 0, 0])
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
                + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def time_startup(run, blank, samples, times=3):
    for _ in range(times):
        start = time.monotonic()
        run(blank)
        samples.append(time.monotonic() - start)


def expected_text(png):
    txt = png[:-4] + ".txt"
    if not os.path.exists(txt):
        return None
    with open(txt, "rb") as f:
        return normalise(f.read().decode("utf-8", "replace"))


def main():
    ctl, photos = sys.argv[1], sys.argv[2]
    zint_dir = None
    if photos.startswith("--zint="):
        zint_dir = tempfile.TemporaryDirectory()
        subprocess.run([sys.executable, photos[len("--zint="):], zint_dir.name], check=True)
        photos = zint_dir.name
    only = [a for a in sys.argv[3:] if not a.startswith("--tool=")]
    tools = [a[len("--tool="):] for a in sys.argv[3:] if a.startswith("--tool=")]
    if not os.path.isdir(photos):
        print(f"corpus not found at {photos}: nothing to measure", file=sys.stderr)
        return 77
    decoders = [("suyuan", lambda p: run_ours(ctl, p))]
    if tools:
        decoders.append(("suyuan-decoder", lambda p: run_tool(tools[0], p)))
        for engine in ("zxing", "zbar", "dmtx"):
            decoders.append((f"suyuan-{engine}",
                             lambda p, e=engine: run_tool(tools[0], p, e)))
    if shutil.which("zbarimg"):
        decoders.append(("zbarimg", run_zbarimg))
    if shutil.which("ZXingReader"):
        decoders.append(("ZXingReader", run_zxing))
    wanted = os.environ.get("BENCH_DECODERS")  # e.g. "suyuan" while tuning
    if wanted:
        decoders = [d for d in decoders if d[0] in wanted.split(",")]
    folders = sorted(d for d in os.listdir(photos)
                     if os.path.isdir(os.path.join(photos, d)) and (not only or d in only))
    image_count = 0
    totals = {name: [0, 0, 0, 0.0, 0] for name, _ in decoders}  # read, n, fp, seconds, other
    halves = {(h, name): [0, 0, 0, 0.0, 0] for h in ("tuning", "checking") for name, _ in decoders}
    half_images = {"tuning": 0, "checking": 0}
    each = {name: {} for name, _ in decoders}  # image -> seconds
    read_by = {name: set() for name, _ in decoders}
    tmp = tempfile.TemporaryDirectory()
    blank = os.path.join(tmp.name, "blank.png")
    blank_png(blank)
    startup = {name: [] for name, _ in decoders}
    header = f"{'folder':<22}" + "".join(f"{name:>16}" for name, _ in decoders)
    print(header)
    for folder in folders:
        d = os.path.join(photos, folder)
        negative = folder.startswith("falsepositives")
        # Outside the no-barcode folders, an image without NAME.txt is not judged.
        images = sorted(os.path.join(d, f) for f in os.listdir(d)
                        if f.endswith(".png") and (negative or expected_text(os.path.join(d, f))))
        image_count += len(images)
        half_images[half_of(folder)] += len(images)
        row = f"{folder + ' (' + half_of(folder)[0] + ')':<22}"
        for name, run in decoders:
            read = fp = other = 0
            time_startup(run, blank, startup[name])
            start = time.monotonic()
            for png in images:
                expected = expected_text(png)
                t0 = time.monotonic()
                decoded = run(png)
                each[name][png] = time.monotonic() - t0
                texts = [normalise(t) for t in decoded if t.strip()]
                if expected is None:
                    fp += bool(texts)
                elif same_code(expected, texts):
                    read += 1
                    read_by[name].add(png)
                elif texts:
                    # Not proof of a misread (photos may hold other codes): shown apart.
                    other += 1
                    if os.environ.get("BENCH_VERBOSE"):
                        print(f"  {name} other text in {png}: {texts!r}", file=sys.stderr)
            seconds = time.monotonic() - start
            n = sum(1 for p in images if expected_text(p) is not None)
            for t in (totals[name], halves[(half_of(folder), name)]):
                t[0] += read
                t[1] += n
                t[2] += fp
                t[3] += seconds
                t[4] += other
            cell = f"{read}/{n}" if n else f"fp {fp}/{len(images)}"
            row += f"{cell:>16}"
        print(row, flush=True)
    images = max(image_count, 1)
    tmp.cleanup()
    startup = {name: statistics.median(samples) if samples else 0.0
               for name, samples in startup.items()}
    anchor = totals.get("zbarimg", [0, 0, 0, 0.0, 0])[3]
    anchor_net = anchor / images - startup.get("zbarimg", 0.0)
    for half in ("tuning", "checking"):
        if not half_images[half]:
            continue
        for name, _ in decoders:
            read, n, fp, seconds, other = halves[(half, name)]
            per_image = seconds / max(half_images[half], 1)
            print(f"HALF {half:<8} {name:<14} read {read}/{n} ({100 * read / max(n, 1):.1f}%) "
                  f"false-positives {fp} other-text {other} time {1000 * per_image:.0f} ms/image, "
                  f"net {1000 * (per_image - startup[name]):.0f} ms/image")
    # The aim: no slower than ZXingReader on the images both read.
    for name, _ in decoders:
        if name == "ZXingReader" or "ZXingReader" not in read_by:
            continue
        both = read_by[name] & read_by["ZXingReader"]
        if both:
            ours = statistics.mean(each[name][p] for p in both) - startup[name]
            theirs = statistics.mean(each["ZXingReader"][p] for p in both) - startup["ZXingReader"]
            print(f"BOTH-READ {name:<14} {len(both)} images: net {1000 * ours:.1f} ms/image, "
                  f"ZXingReader net {1000 * theirs:.1f} ms/image ({ours / max(theirs, 1e-6):.2f}x)")
    for name, _ in decoders:
        read, n, fp, seconds, other = totals[name]
        per_image = seconds / images
        net = per_image - startup[name]
        ratio = f" ({seconds / anchor:.2f}x zbarimg)" if anchor else ""
        net_ratio = f" ({net / anchor_net:.2f}x zbarimg)" if anchor and anchor_net > 0 else ""
        print(f"TOTAL {name:<14} read {read}/{n} ({100 * read / max(n, 1):.1f}%) "
              f"false-positives {fp} other-text {other} time {1000 * per_image:.0f} ms/image{ratio}"
              f"; start-up {1000 * startup[name]:.0f} ms, net {1000 * net:.0f} ms/image{net_ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
