#!/usr/bin/env bash
# Starts the desktop app. On a desktop session it simply runs it. On a
# machine without a display or a D-Bus session (a server, a container) it
# first starts what a desktop would provide: a virtual display (Xvfb) and a
# D-Bus session with GNOME Keyring, and says so.
set -euo pipefail
bin=${1:?usage: scripts/run.sh path/to/iobeya-token [args]}
shift

if [[ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]]; then
  echo "run: no D-Bus session: starting one with GNOME Keyring for the keychain." >&2
  IOBEYA_RUN_OWN_BUS=1 exec dbus-run-session -- bash "$0" "$bin" "$@"
fi

if [[ "${IOBEYA_RUN_OWN_BUS:-}" == 1 ]]; then
  # Our own session bus has no keyring yet: unlock (or create) the login
  # keyring. The empty password only suits a machine without a desktop; on
  # a desktop the session's own keyring is used and this is skipped.
  unset IOBEYA_RUN_OWN_BUS
  printf '' | gnome-keyring-daemon --unlock --components=secrets >/dev/null
fi

if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
  n=99
  while [[ -e /tmp/.X11-unix/X$n || -e /tmp/.X$n-lock ]]; do n=$((n + 1)); done
  echo "run: no display: starting a virtual one (Xvfb :$n)." >&2
  echo "run: look at it with: DISPLAY=:$n import -window root shot.png" >&2
  Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb=$!
  trap 'kill $xvfb 2>/dev/null || true' EXIT
  for _ in $(seq 50); do [[ -e /tmp/.X11-unix/X$n ]] && break; sleep 0.1; done
  export DISPLAY=":$n"
fi

"$bin" "$@"
