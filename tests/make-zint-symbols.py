#!/usr/bin/env python3
# make-zint-symbols.py — test symbols the photo corpus lacks, drawn by Debian's
# zint and then made photo-like by ImageMagick: rectangular DataMatrix (DMRE,
# ISO/IEC 21471, all 18 sizes from 8x48 to 26x64), ITF-14 and UPC-E.
# Copyright 2026 The Suyuan authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: make-zint-symbols.py OUTDIR [--quick]
# Writes OUTDIR/SYMBOLOGY-DISTORTION/NAME.png beside NAME.txt (the text the
# symbol holds, GS1 data as its element string), the corpus's layout, so
# bench-decode.py measures it as it measures the photos. --quick: a few
# symbols per symbology, for the unit test.

import os
import shutil
import subprocess
import sys

# zint's --vers for DMRE: 31 (8x48) … 48 (26x64).
DMRE_VERSIONS = range(31, 49)
DMRE_DATA = [
    ("gs1", "[01]09506000134352[17]271231[10]A2501"),
    ("text", "SY2501"),
]
ITF14_DATA = ["1690123456789", "0690123400005", "1540014128876"]
UPCE_DATA = ["0123456", "0654321", "1234567"]


def distortions(width, height):
    """ImageMagick arguments per distortion: what a phone camera does to a label."""
    w, h = width, height
    corners = (f"0,0 {w * .10:.0f},{h * .06:.0f}  {w},0 {w * .93:.0f},{h * .02:.0f}  "
               f"{w},{h} {w * .97:.0f},{h * .96:.0f}  0,{h} {w * .02:.0f},{h * .90:.0f}")
    perspective = ["-virtual-pixel", "white", "-distort", "Perspective", corners]
    blur = ["-blur", "0x1.3"]
    noise = ["-seed", "7", "-attenuate", "0.7", "+noise", "Gaussian"]
    low = ["+level", "35%,70%"]
    return {
        "clean": [],
        "blur": blur,
        "perspective": perspective,
        "noise": noise,
        "low-contrast": low,
        # All of them at once, at three quarters of the size.
        "photo": perspective + ["-blur", "0x1", "+level", "25%,80%"]
        + ["-seed", "7", "-attenuate", "0.4", "+noise", "Gaussian", "-resize", "75%"],
    }


def size_of(png):
    out = subprocess.run(["identify", "-format", "%w %h", png], capture_output=True,
                         check=True, text=True).stdout.split()
    return int(out[0]), int(out[1])


def write(outdir, kind, name, zint_args, text):
    os.makedirs(os.path.join(outdir, "_clean"), exist_ok=True)
    clean = os.path.join(outdir, "_clean", f"{kind}-{name}.png")
    subprocess.run(["zint", "--scale=2", "--quietzones", "-o", clean] + zint_args, check=True,
                   capture_output=True)
    width, height = size_of(clean)
    for distortion, args in distortions(width, height).items():
        folder = os.path.join(outdir, f"{kind}-{distortion}")
        os.makedirs(folder, exist_ok=True)
        png = os.path.join(folder, f"{name}.png")
        # A margin of paper around the label, grey as a camera sees it.
        subprocess.run(["convert", clean, "-colorspace", "Gray", "-bordercolor", "white",
                        "-border", "24"] + args + ["-flatten", png], check=True)
        with open(os.path.join(folder, f"{name}.txt"), "w") as f:
            f.write(text)


def element_string(gs1):
    return gs1.replace("[", "").replace("]", "")


def main():
    outdir = sys.argv[1]
    quick = "--quick" in sys.argv[2:]
    versions = [31, 37, 40, 44, 48] if quick else DMRE_VERSIONS
    for v in versions:
        for label, data in DMRE_DATA[:1] if quick else DMRE_DATA:
            gs1 = label == "gs1"
            args = ["-b", "DATAMATRIX", f"--vers={v}", "-d", data] + (["--gs1"] if gs1 else [])
            write(outdir, "dmre", f"v{v}-{label}", args, element_string(data) if gs1 else data)
    for data in ITF14_DATA[:1] if quick else ITF14_DATA:
        # zint adds the check digit; the symbol holds 14 digits.
        digits = data + gs1_check_digit(data)
        write(outdir, "itf14", data, ["-b", "ITF14", "-d", data], digits)
    for data in UPCE_DATA[:1] if quick else UPCE_DATA:
        write(outdir, "upce", data, ["-b", "UPCE", "-d", data], upce_text(data))
    shutil.rmtree(os.path.join(outdir, "_clean"))
    return 0


def gs1_check_digit(digits):
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return str((10 - total % 10) % 10)


def upce_text(data):
    """The 8 digits a reader gives for zint's 7: number system 0, six digits
    and the check digit of the UPC-A they stand for."""
    ns, d = "0", data[1:] if len(data) == 7 else data
    if len(data) == 7:
        ns = data[0]
    last = d[5]
    if last in "012":
        upca = ns + d[0:2] + last + "0000" + d[2:5]
    elif last == "3":
        upca = ns + d[0:3] + "00000" + d[3:5]
    elif last == "4":
        upca = ns + d[0:4] + "00000" + d[4]
    else:
        upca = ns + d[0:5] + "0000" + last
    return ns + d + gs1_check_digit(upca)


if __name__ == "__main__":
    sys.exit(main())
