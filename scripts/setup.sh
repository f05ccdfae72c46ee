#!/usr/bin/env bash
# Installs the system packages iObeya Token needs to build, run and test.
# Idempotent: when everything is present it does nothing and installs nothing.
#
#   scripts/setup.sh            # build + run + test (default)
#   scripts/setup.sh --build    # only what the cgo build of Fyne needs
#   scripts/setup.sh --package  # the build, and the tools of make package
set -euo pipefail

build_pkgs=(
  gcc pkg-config
  libgl1-mesa-dev xorg-dev            # Fyne's GLFW driver (X11, GL headers)
)
run_pkgs=(
  dbus dbus-x11 gnome-keyring libsecret-tools   # Secret Service for the keychain
  xvfb x11-utils xdotool imagemagick            # headless desktop, screenshots
  xclip                                          # clipboard for the command line
  desktop-file-utils                             # desktop-file-validate for the autostart entry test
  curl jq openssl                                # the README's walk-through of the platform API
)
package_pkgs=(
  dpkg-dev xz-utils                              # dpkg-shlibdeps, the .deb and the .tar.xz
  imagemagick                                    # the icon at each hicolor size
  desktop-file-utils appstream                   # desktop-file-validate, appstreamcli validate
  gcc-mingw-w64-x86-64                           # the Windows cross-build (Fyne's cgo)
  binutils-mingw-w64-x86-64                      # windres: the Windows resources (make windows-resources)
  nsis                                           # makensis: the per-user setup .exe
  wixl msitools                                  # wixl, msibuild, msiinfo: the per-machine .msi
  osslsigncode                                   # Authenticode signing when a certificate is given
)
test_pkgs=(
  chromium                                       # real-browser sign-in test
  hyperfine                                      # make bench
  shellcheck                                     # make lint: actionlint checks the workflow's scripts with it
  gcc-mingw-w64-x86-64 wine wine64               # the Windows programs, built and run under Wine
)

want=("${build_pkgs[@]}")
case "${1:-}" in
  --build) ;;
  --package) want+=("${package_pkgs[@]}") ;;
  *) want+=("${run_pkgs[@]}" "${package_pkgs[@]}" "${test_pkgs[@]}") ;;
esac

missing=()
for p in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

if ! command -v apt-get >/dev/null; then
  echo "setup: missing packages: ${missing[*]}" >&2
  echo "setup: this script installs them with apt-get (Debian/Ubuntu); install them with your package manager." >&2
  exit 1
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null; then sudo="sudo"; else
    echo "setup: run as root or install sudo to install: ${missing[*]}" >&2
    exit 1
  fi
fi

echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# apt lists can be stale or absent on a fresh machine; refresh once, quietly.
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done"
