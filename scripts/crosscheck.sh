#!/usr/bin/env bash
# The checks for the platforms CI runs on and this machine cannot
# (make lint): go vet of every package for Windows, of the packages without
# Fyne for macOS (no cgo: there is no macOS C toolchain here, and Fyne does
# not build without it there), actionlint on the CI workflow, and a compile
# of the tests the workflow runs on Windows and macOS (go test -c,
# scripts/portable-packages.sh lists them), so a Linux-only name in a test
# shows here, not after a push.
set -euo pipefail
cd "$(dirname "$0")/.."

ACTIONLINT=github.com/rhysd/actionlint/cmd/actionlint@v1.7.12
mingw=x86_64-w64-mingw32-gcc
if ! command -v "$mingw" >/dev/null; then
  echo "crosscheck: $mingw is missing; make setup installs it (gcc-mingw-w64-x86-64)" >&2
  exit 1
fi
# Fyne's GLFW driver is cgo, so the Windows checks need MinGW's compiler
# (the Windows tests under Wine build the same, so Go's cache has it).
windows=(env GOOS=windows GOARCH=amd64 CGO_ENABLED=1 "CC=$mingw")
darwin=(env GOOS=darwin GOARCH=arm64 CGO_ENABLED=0)

mapfile -t windows_pkgs < <(bash scripts/portable-packages.sh windows)
mapfile -t darwin_pkgs < <(bash scripts/portable-packages.sh darwin)
if ((${#windows_pkgs[@]} == 0 || ${#darwin_pkgs[@]} == 0)); then
  echo "crosscheck: scripts/portable-packages.sh listed no package" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "crosscheck: go vet for Windows (every package)"
"${windows[@]}" go vet ./...
echo "crosscheck: go vet for macOS (the ${#darwin_pkgs[@]} packages without Fyne)"
"${darwin[@]}" go vet "${darwin_pkgs[@]}"
echo "crosscheck: actionlint .github/workflows/ci.yml"
go run "$ACTIONLINT" .github/workflows/ci.yml
echo "crosscheck: the tests CI runs on Windows and macOS compile (go test -c)"
mkdir -p "$work/windows" "$work/darwin"
"${windows[@]}" go test -c -o "$work/windows/" "${windows_pkgs[@]}" >/dev/null
"${darwin[@]}" go test -c -o "$work/darwin/" "${darwin_pkgs[@]}" >/dev/null
