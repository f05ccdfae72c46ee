#!/usr/bin/env bash
# Wraps the macOS programs that are already built into an app bundle with
# `fyne package -os darwin` (CI's macOS job runs it; a Mac is needed, for
# the cgo build and for codesign). Nothing is compiled here.
#
#   packaging/darwin/package.sh BIN_DIR OUT_DIR
#
# BIN_DIR holds iobeya-token and iobeya-token-tray; the bundle's
# Contents/MacOS gets both, since each finds the other next to itself.
# Environment: FYNE, the fyne tool's command, as in packaging/linux/package.sh.
set -euo pipefail

bin_dir=$(cd "$1" && pwd)
out_dir=$2
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."
: "${FYNE:=go run fyne.io/tools/cmd/fyne@v1.7.2}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# As for Linux: fyne package bumps Details.Build in the FyneApp.toml it
# reads and wants Go code next to it, so it runs on a copy.
icon=$(sed -n 's/^ *Icon *= *"\(.*\)"$/\1/p' FyneApp.toml)
mkdir -p "$work/src/$(dirname "$icon")"
cp FyneApp.toml "$work/src/"
cp "$icon" "$work/src/$icon"
printf 'package main\n\nfunc main() {}\n' >"$work/src/main.go"
(cd "$work/src" && $FYNE package -os darwin --release --executable "$bin_dir/iobeya-token" >/dev/null)
app=$(find "$work/src" -maxdepth 1 -name '*.app' | head -n 1)
[[ -n "$app" ]] || { echo "package: fyne package made no .app" >&2; exit 1; }
cp "$bin_dir/iobeya-token-tray" "$app/Contents/MacOS/"
mkdir -p "$out_dir"
rm -rf "${out_dir:?}/$(basename "$app")"
mv "$app" "$out_dir/"
echo "$out_dir/$(basename "$app")"
