#!/bin/sh
# check-flatpak-manifest.sh MANIFEST — flatpak-builder must parse the manifest
# with no "Unknown property" (a misspelt key is otherwise silently ignored).
# It cannot build offline, so parsing is what we check. TAP.
manifest=$(realpath "$1")
# flatpak-builder leaves a .flatpak-builder/ state dir where it runs: not in the tree.
work=$(mktemp -d) && trap 'rm -rf "$work"' EXIT && cd "$work" || exit 1
echo "1..2"
if ! command -v flatpak-builder >/dev/null 2>&1; then
  echo "ok 1 # SKIP flatpak-builder is not installed"
  echo "ok 2 # SKIP flatpak-builder is not installed"
  exit 0
fi
err=$(flatpak-builder --show-manifest "$manifest" 2>&1 >/dev/null)
status=$?
if [ $status -eq 0 ]; then echo "ok 1 - manifest parses"; else echo "not ok 1 - flatpak-builder exited $status: $err"; fi
if printf '%s' "$err" | grep -q "Unknown property"; then
  printf '%s\n' "$err" | sed 's/^/# /'
  echo "not ok 2 - unknown properties in $manifest"
  exit 1
fi
echo "ok 2 - no unknown properties"
[ $status -eq 0 ]
