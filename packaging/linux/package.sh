#!/usr/bin/env bash
# Wraps programs that are already built into the Linux packages: a .deb
# (dpkg-deb) and a .tar.xz as `fyne package -os linux` makes it. Nothing is
# compiled here; `make package` builds, this wraps.
#
#   packaging/linux/package.sh BIN_DIR VERSION OUT_DIR
#
# BIN_DIR holds the programs to ship, each an executable named as it is
# installed (iobeya-token, later iobeya-token-tray): every one of them goes
# to /usr/bin. VERSION is what the programs were stamped with. Run from the
# repository's top (FyneApp.toml, assets/). Environment:
#   SOURCE_DATE_EPOCH  the release date (default: now)
#   MAINTAINER         the .deb's Maintainer field
#   STAMP              a built packaging/stamp (default: go run it)
#   FYNE               the fyne tool's command (default: go run of the pinned version)
set -euo pipefail

bin_dir=$(realpath "$1")
version=$2
out_dir=$(realpath -m "$3")
here=$(dirname "$(realpath "$0")")
top=$(realpath "$here/../..")
cd "$top"

: "${SOURCE_DATE_EPOCH:=$(date +%s)}"
export SOURCE_DATE_EPOCH
: "${MAINTAINER:=iObeya Token developers <iobeya-token@users.noreply.github.com>}"
# fyne.io/tools v1.7.2 is the release built against fyne v2.7 (go.mod's
# v2.7.1); v1.7.3 already wants v2.8.
: "${FYNE:=go run fyne.io/tools/cmd/fyne@v1.7.2}"
if [[ -z "${STAMP:-}" ]]; then
  STAMP=$(mktemp -d)/stamp
  go build -o "$STAMP" ./packaging/stamp
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The one place the shipped programs are listed is BIN_DIR itself.
mapfile -t programs < <(find "$bin_dir" -maxdepth 1 -type f -perm -u+x -printf '%f\n' | sort)
if ((${#programs[@]} == 0)); then
  echo "package: no program in $bin_dir" >&2
  exit 1
fi
main=iobeya-token # the one the menu entry starts
[[ " ${programs[*]} " == *" $main "* ]] || { echo "package: $bin_dir has no $main" >&2; exit 1; }

id=$("$STAMP" -get id)
icon_png=$("$STAMP" -get icon)
icon_svg=${icon_png%.png}.svg
debversion=$("$STAMP" -version "$version" -get debversion)
date=$(date -u -d "@$SOURCE_DATE_EPOCH" +%F)
pkg=iobeya-token
arch=$(dpkg --print-architecture)
stamp=("$STAMP" -version "$version" -date "$date" -set "exe=$main" -set "package=$pkg"
  -set "maintainer=$MAINTAINER" -set "developer_id=${id%.*}")

# --- the staged tree: what the .deb installs --------------------------------
root=$work/root
install -d "$root/DEBIAN" "$root/usr/bin" "$root/usr/share/applications" \
  "$root/usr/share/metainfo" "$root/usr/share/doc/$pkg"
for p in "${programs[@]}"; do
  install -m 0755 "$bin_dir/$p" "$root/usr/bin/$p"
done
"${stamp[@]}" "$here/app.desktop.tmpl" >"$root/usr/share/applications/$id.desktop"
"${stamp[@]}" "$here/metainfo.xml.tmpl" >"$root/usr/share/metainfo/$id.metainfo.xml"
for size in 16 32 48 64 128 256 512; do
  d=$root/usr/share/icons/hicolor/${size}x${size}/apps
  install -d "$d"
  # -strip and no date chunks: the same icon gives the same bytes.
  convert "$icon_png" -resize "${size}x${size}" -strip -define png:exclude-chunks=date,time "$d/$id.png"
done
install -d "$root/usr/share/icons/hicolor/scalable/apps"
install -m 0644 "$icon_svg" "$root/usr/share/icons/hicolor/scalable/apps/$id.svg"
"${stamp[@]}" -licenses "$bin_dir/$main" "$here/copyright.tmpl" >"$root/usr/share/doc/$pkg/copyright"
"${stamp[@]}" -set "rfc2822=$(date -u -R -d "@$SOURCE_DATE_EPOCH")" "$here/changelog.tmpl" |
  gzip -9n >"$root/usr/share/doc/$pkg/changelog.gz"
find "$root/usr" -type d -exec chmod 0755 {} + -o -type f ! -path '*/usr/bin/*' -exec chmod 0644 {} +

# --- dependencies -----------------------------------------------------------
# The shared libraries the programs link (libGL, libX11, libc…), as dpkg
# itself computes them; it wants a debian/control to read.
mkdir -p "$work/src/debian"
printf 'Source: %s\n\nPackage: %s\nArchitecture: any\n' "$pkg" "$pkg" >"$work/src/debian/control"
shlibs=$(cd "$work/src" && dpkg-shlibdeps -O "${programs[@]/#/$root/usr/bin/}" | sed -n 's/^shlibs:Depends=//p')
# At run time the token lives in a Secret Service (GNOME Keyring, KWallet
# 5.97+ in libkf5wallet-bin, KeePassXC): without one nothing can be kept, so one is required;
# gnome-keyring first for apt to pick on a fresh system. The command line's
# copy needs xclip (X11) or wl-clipboard (Wayland); the window copies
# without them, so they are only recommended.
depends="$shlibs, gnome-keyring | libkf5wallet-bin (>= 5.97) | keepassxc"
recommends="xclip | wl-clipboard"
description="iObeya Token generates your iObeya personal access token after you
confirm, keeps it only in your system's keychain (GNOME Keyring, KWallet),
shows whether it works and when it expires, also from the tray, and copies
the Bearer header for Power Automate in one click.

Removing the package leaves your token and sign-in in the keychain: run
\"iobeya-token logout\" and \"iobeya-token revoke\" first to remove them."
(cd "$root" && find usr -type f -print0 | sort -z | xargs -0 md5sum) >"$root/DEBIAN/md5sums"
installed_size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
"${stamp[@]}" -set "arch=$arch" -set "installed_size=$installed_size" \
  -set "depends=$depends" -set "recommends=$recommends" -set "description=$description" \
  "$here/control.tmpl" >"$root/DEBIAN/control"

mkdir -p "$out_dir"
deb=$out_dir/${pkg}_${debversion}_${arch}.deb
dpkg-deb --build --root-owner-group -Zxz "$root" "$deb" >/dev/null
echo "$deb"

# --- the tar.xz, by fyne package --------------------------------------------
# fyne package wraps an existing executable (--executable), but it also
# bumps Details.Build in the FyneApp.toml it reads and wants Go code next
# to it, so it runs on a copy: FyneApp.toml, the icon and an empty main.
src=$work/fyne
mkdir -p "$src/$(dirname "$icon_png")"
cp FyneApp.toml "$src/"
cp "$icon_png" "$src/$icon_png"
printf 'package main\n\nfunc main() {}\n' >"$src/main.go"
(cd "$src" && $FYNE package -os linux --release --executable "$bin_dir/$main" >/dev/null)
tarxz=$out_dir/${pkg}_${debversion}_linux_${arch}.tar.xz
mv "$src"/*.tar.xz "$tarxz"
echo "$tarxz"
