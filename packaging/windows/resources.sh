#!/usr/bin/env bash
# Makes the Windows resources of the two programs, as objects go build links
# in by itself (a .syso in the package is linked into every GOOS=windows
# GOARCH=amd64 build of it): the app icon (.ico, several sizes), the
# manifest (app.manifest.tmpl) and the version info, both from FyneApp.toml.
#
#   packaging/windows/resources.sh [TOP]
#
# writes TOP/cmd/PROGRAM/rsrc_windows_amd64.syso (TOP: the repository's top,
# the default). The .syso files are committed, so a plain `go build` for
# Windows, the tests' builds and `make package` make the same program, and
# building needs neither windres nor ImageMagick. Run it (make
# windows-resources) after changing the icon, FyneApp.toml or the templates;
# TestWindowsResourcesAreCurrent fails until then. The output is the same
# bytes for the same input with Debian 12's windres and ImageMagick.
# Environment:
#   STAMP    a built packaging/stamp (default: go run it)
#   WINDRES  the resource compiler (default: x86_64-w64-mingw32-windres)
set -euo pipefail

here=$(dirname "$(realpath "$0")")
top=$(realpath "$here/../..")
out_top=$(realpath -m "${1:-$top}")
cd "$top"
: "${WINDRES:=x86_64-w64-mingw32-windres}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [[ -z "${STAMP:-}" ]]; then
  STAMP=$work/stamp
  go build -o "$STAMP" ./packaging/stamp
fi

bash "$here/icon.sh" "$("$STAMP" -get icon)" "$work/app.ico"

id=$("$STAMP" -get id)
name=$("$STAMP" -get name)
# program  icon resource name  description  assembly name
while read -r program icon_name assembly description; do
  stamp=("$STAMP" -set "exe=$program" -set "icon_name=$icon_name" -set "assembly=$assembly"
    -set "description=$description" -set ico=app.ico -set "manifest=$program.manifest")
  "${stamp[@]}" "$here/app.manifest.tmpl" >"$work/$program.manifest"
  "${stamp[@]}" "$here/app.rc.tmpl" >"$work/$program.rc"
  mkdir -p "$out_top/cmd/$program"
  (cd "$work" && "$WINDRES" --input-format=rc --output-format=coff -i "$program.rc" -o "$out_top/cmd/$program/rsrc_windows_amd64.syso")
done <<LIST
iobeya-token GLFW_ICON $id $name
iobeya-token-tray 1 $id.tray $name (tray)
LIST
