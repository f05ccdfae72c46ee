#!/usr/bin/env bash
# Lists the module's packages CI tests on Windows or macOS
# (.github/workflows/ci.yml) and make lint compiles for them
# (scripts/crosscheck.sh):
#
#   scripts/portable-packages.sh windows   # all but those reaching OpenGL
#   scripts/portable-packages.sh darwin    # all but those reaching Fyne
#
# OpenGL (Fyne's GLFW driver) wants a display the runners do not give a
# test. On macOS the tests build without cgo, as they can be compiled here,
# and then neither Fyne nor its systray build at all. Computed from
# `go list -deps`, so a package that starts to need either drops out by
# itself. Runs with macOS's bash 3.2 and Git Bash on Windows too.
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  windows) goos=windows cgo=1 needs=' github\.com/go-gl/' ;;
  darwin) goos=darwin cgo=0 needs=' (github\.com/go-gl/|fyne\.io/)' ;;
  *) echo "usage: $0 windows|darwin" >&2; exit 2 ;;
esac
# -test adds each package's test dependencies (listed as "X [X.test]",
# "X_test [X.test]" and "X.test"); -e lists what does not build there too.
GOOS=$goos CGO_ENABLED=$cgo go list -e -test -f '{{.ImportPath}}|{{join .Deps " "}}' ./... |
  awk -F'|' -v needs="$needs" '
    {
      name = $1
      if (match(name, / \[.*\]$/)) name = substr(name, RSTART + 2, RLENGTH - 3)
      sub(/\.test$/, "", name)
      all[name] = 1
      if ((" " $2) ~ needs) out[name] = 1
    }
    END { for (n in all) if (!(n in out)) print n }' |
  sort
