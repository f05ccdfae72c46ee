#!/usr/bin/env bash
# make bench: measures iObeya Token against the floor — the smallest Fyne
# program with a window and a tray menu (internal/bench/floor) — built with
# the same release flags on the same machine in the same run, and writes the
# table to docs/performance.md. See that file for what each figure means.
#
# Knobs (environment): BENCH_RUNS (desktop runs of each program, default 5),
# BENCH_START_RUNS (runs for the start time, default 30), BENCH_IDLE (idle
# period, default 60s), BENCH_TRAY_IDLE (tray-only idle period, default 20s),
# BENCH_STATUS_RUNS (hyperfine runs,
# default 30), BENCH_COUNT (go test -count, default 6).
set -euo pipefail
self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
cd "$(dirname "$self")/.."
export PATH="/usr/local/go/bin:$PATH"
# The Makefile's build tags, also when this script is run by hand.
GOFLAGS="${GOFLAGS:-$(sed -n 's/^export GOFLAGS := //p' Makefile)}"
export GOFLAGS

RUNS=${BENCH_RUNS:-5}
START_RUNS=${BENCH_START_RUNS:-30}
IDLE=${BENCH_IDLE:-60s}
TRAY_IDLE=${BENCH_TRAY_IDLE:-20s}
STATUS_RUNS=${BENCH_STATUS_RUNS:-30}
COUNT=${BENCH_COUNT:-6}
OUT=bin/bench
ACCOUNT=alice@example.com

# session runs inside a private D-Bus session with GNOME Keyring under a
# throw-away HOME: the real Secret Service, nobody's real keychain.
session() {
  echo -n bench | gnome-keyring-daemon --unlock --components=secrets >/dev/null

  # The platform the app is set up with: the sandbox, on a free loopback
  # port, approving sign-ins at once. It prints its address when it listens.
  exec {sandbox}< <(exec "$OUT/iobeya-sandbox" --addr 127.0.0.1:0 --auto-approve "$ACCOUNT" 2>/dev/null)
  sandbox_pid=$!
  trap 'kill "$sandbox_pid" 2>/dev/null || true' EXIT
  local line url=""
  while read -r -u "$sandbox" line; do
    if [[ $line == *"listening on "* ]]; then url=${line##* }; break; fi
  done
  [[ -n $url ]] || { echo "bench: the sandbox did not start" >&2; exit 1; }

  # The browser: with auto-approval, following the sign-in link's redirects
  # lands on the app's loopback callback, as a browser would.
  mkdir -p "$HOME/browser"
  printf '#!/bin/sh\nexec curl -fsS -o /dev/null -L "$1"\n' >"$HOME/browser/xdg-open"
  chmod +x "$HOME/browser/xdg-open"
  if ! PATH="$HOME/browser:$PATH" "$OUT/iobeya-token" login --platform "$url" --timeout 60s >"$OUT/logs/login.log" 2>&1 ||
    ! "$OUT/iobeya-token" generate --yes >>"$OUT/logs/login.log" 2>&1; then
    cat "$OUT/logs/login.log" >&2
    exit 1
  fi

  # The floor's keychain entry: random, the size of the token (which never
  # leaves the pipe), in the same Secret Service.
  local size
  size=$("$OUT/iobeya-token" header --format token | wc -c)
  head -c $((size * 2)) /dev/urandom | base64 -w0 | head -c "$size" |
    secret-tool store --label="iObeya Token bench floor" service iobeya-token-bench username floor

  echo "bench: status --offline next to secret-tool lookup ($STATUS_RUNS runs each)"
  hyperfine -N --style basic --warmup 3 --runs "$STATUS_RUNS" --export-json "$OUT/status.json" \
    "$OUT/iobeya-token status --offline" \
    "secret-tool lookup service iobeya-token-bench username floor" >&2

  echo "bench: start → window mapped ($START_RUNS runs each), resident memory 5 s later ($RUNS runs each); a fresh Xvfb each"
  "$OUT/desktop" start -runs "$RUNS" -start-runs "$START_RUNS" -out "$OUT/results.tsv" -logs "$OUT/logs" \
    app="$OUT/iobeya-token" floor="$OUT/floor"
  echo "bench: CPU time over $IDLE idle, window shown then tray only ($RUNS of each side by side)"
  "$OUT/desktop" idle -runs "$RUNS" -for "$IDLE" -out "$OUT/results.tsv" -logs "$OUT/logs" \
    app="$OUT/iobeya-token" floor="$OUT/floor"
  echo "bench: tray only, the tray program as the login entry starts it next to a bare systray icon ($RUNS of each side by side, $TRAY_IDLE idle)"
  "$OUT/desktop" tray -runs "$RUNS" -for "$TRAY_IDLE" -out "$OUT/results.tsv" -logs "$OUT/logs" \
    tray="$OUT/tray/iobeya-token-tray" traybare="$OUT/traybare"
  echo "bench: opening the window from the tray ($RUNS runs), next to the floor's start → window"
  "$OUT/desktop" open -runs "$RUNS" -out "$OUT/results.tsv" -logs "$OUT/logs" tray="$OUT/tray/iobeya-token-tray"
}

if [[ "${1:-}" == "--session" ]]; then
  session
  exit
fi

bash scripts/setup.sh

echo "bench: building the app and the floor with release flags"
rm -rf "$OUT"
mkdir -p "$OUT/logs"
release=(-trimpath "-ldflags=-s -w")
go build "${release[@]}" -o "$OUT/iobeya-token" ./cmd/iobeya-token
go build "${release[@]}" -o "$OUT/floor" ./internal/bench/floor
# The tray program in a folder of its own: beside it, the window would start
# it, and the window rows above measure the window with its own tray item.
go build "${release[@]}" -o "$OUT/tray/iobeya-token-tray" ./cmd/iobeya-token-tray
go build "${release[@]}" -o "$OUT/traybare" ./internal/bench/traybare
# For opening the window from the tray, the window beside the tray program.
cp "$OUT/iobeya-token" "$OUT/tray/iobeya-token"
go build "${release[@]}" -o "$OUT/iobeya-sandbox" ./cmd/iobeya-sandbox
go build -o "$OUT/desktop" ./internal/bench/desktop
printf 'size\tapp\t%s\nsize\tfloor\t%s\n' \
  "$(stat -c %s "$OUT/iobeya-token")" "$(stat -c %s "$OUT/floor")" >"$OUT/results.tsv"

home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
mkdir -p "$home/run" "$home/config" "$home/cache" "$home/data"
chmod 700 "$home/run"
# A user's usual locale (Fyne complains about "C"); nothing else of ours.
env -u DISPLAY -u WAYLAND_DISPLAY -u DBUS_SESSION_BUS_ADDRESS LANG=en_US.UTF-8 \
  HOME="$home" XDG_RUNTIME_DIR="$home/run" XDG_CONFIG_HOME="$home/config" \
  XDG_CACHE_HOME="$home/cache" XDG_DATA_HOME="$home/data" \
  dbus-run-session -- bash "$self" --session

echo "bench: Go benchmarks (-count $COUNT, one package at a time)"
# -trimpath like the release builds: on a new machine the cgo part of Fyne
# then compiles once, not twice.
go test -trimpath -p 1 -run '^$' -bench '^Benchmark(Inspect|ParseUnverifiedBaseline|SignIn|CopyPath|CopyPathBaseline)$' \
  -count "$COUNT" ./internal/token ./internal/signin ./internal/sandbox ./app | tee "$OUT/gobench.txt" |
  grep -E '^(ok|FAIL|---)' || true
if grep -q '^FAIL' "$OUT/gobench.txt"; then
  cat "$OUT/gobench.txt" >&2
  exit 1
fi

echo
"$OUT/desktop" report -in "$OUT/results.tsv" -hyperfine "$OUT/status.json" -gobench "$OUT/gobench.txt" \
  -idle "$IDLE" -tray-idle "$TRAY_IDLE" -doc docs/performance.md
echo
echo "bench: written to docs/performance.md (raw figures in $OUT/)"
