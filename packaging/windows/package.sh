#!/usr/bin/env bash
# Wraps the Windows programs that are already built into the installers: a
# per-user setup .exe (NSIS, installer.nsi) and a per-machine .msi (wixl,
# product.wxs), signing programs and installers when a certificate is given
# (sign.sh). Nothing is compiled here; `make package` builds, this wraps.
#
#   packaging/windows/package.sh BIN_DIR VERSION OUT_DIR
#
# BIN_DIR holds iobeya-token.exe (the window, GUI subsystem), its console
# twin iobeya-token.com and iobeya-token-tray.exe; when signing, they are
# signed there, in place, so BIN_DIR then holds what the installers ship.
# VERSION is what the programs were stamped with. Run from the repository's
# top. Environment: sign.sh's SIGN_* variables; STAMP as in resources.sh.
set -euo pipefail

bin_dir=$(realpath "$1")
version=$2
out_dir=$(realpath -m "$3")
here=$(dirname "$(realpath "$0")")
top=$(realpath "$here/../..")
cd "$top"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [[ -z "${STAMP:-}" ]]; then
  STAMP=$work/stamp
  go build -o "$STAMP" ./packaging/stamp
fi

programs=(iobeya-token.exe iobeya-token.com iobeya-token-tray.exe)
for p in "${programs[@]}"; do
  [[ -f "$bin_dir/$p" ]] || { echo "package: $bin_dir has no $p" >&2; exit 1; }
done

name=$("$STAMP" -get name)
id=$("$STAMP" -get id)
winversion=$("$STAMP" -get winversion)
debversion=$("$STAMP" -version "$version" -get debversion)
website=$(sed -n 's/^Website *= *"\(.*\)"$/\1/p' FyneApp.toml)
base=iobeya-token_${debversion}_windows_amd64
setup=$out_dir/$base-setup.exe
msi=$out_dir/$base.msi

export SIGN_NAME="$name" SIGN_URL="$website"
if [[ -n "${SIGN_CERT:-}" ]]; then
  echo "package: signing the Windows programs and installers with $SIGN_CERT" >&2
  bash "$here/sign.sh" "${programs[@]/#/$bin_dir/}"
else
  echo "package: the Windows programs and installers are NOT signed (no SIGN_CERT): Windows SmartScreen will warn before they run, and some company PCs refuse them. See the README's Windows section." >&2
fi

bash "$here/icon.sh" "$("$STAMP" -get icon)" "$work/app.ico"
# The licenses of the Go modules linked in, which their notices ask to ship
# with the program: the .deb's copyright file, installed as LICENSES.txt
# (the programs share their modules; the window links the most).
"$STAMP" -set package=iobeya-token -licenses "$bin_dir/iobeya-token.exe" \
  "$here/../linux/copyright.tmpl" >"$work/LICENSES.txt"
mkdir -p "$out_dir"

# --- the per-user setup (NSIS) ----------------------------------------------
nsis=(-V2 -NOCD "-DNAME=$name" "-DID=$id" "-DVERSION=$version" "-DWINVERSION=$winversion"
  "-DWEBSITE=$website" "-DBIN_DIR=$bin_dir" "-DLICENSES=$work/LICENSES.txt" "-DICON=$work/app.ico" "-DOUTFILE=$setup")
# makensis signs the uninstaller it writes into the setup, then the setup.
[[ -n "${SIGN_CERT:-}" ]] && nsis+=("-DSIGN=bash $here/sign.sh")
makensis "${nsis[@]}" "$here/installer.nsi" >/dev/null
echo "$setup"

# --- the per-machine MSI (wixl) ---------------------------------------------
# wixl reads the sources relative to the .wxs, so everything sits together.
mkdir -p "$work/msi"
cp "$here/product.wxs" "$work/app.ico" "$work/LICENSES.txt" "$work/msi/"
ln -s "$bin_dir" "$work/msi/bin"
# MSI versions are three numbers (the fourth is ignored): FyneApp.toml's.
(cd "$work/msi" && wixl -a x64 -D "Name=$name" -D "Id=$id" -D "Version=${winversion%.*}" \
  -D "Website=$website" -D BinDir=bin -D Licenses=LICENSES.txt -D Icon=app.ico -o product.msi product.wxs)
# wixl has no <Environment>: the folder goes on the system PATH through the
# Environment table ("=-*": set at install, removed at uninstall, system-wide;
# "[~];" appends), and the two standard actions that apply it.
printf 'Environment\tName\tValue\tComponent_\r\ns72\tl255\tL255\ts72\r\nEnvironment\tEnvironment\r\nPath\t=-*PATH\t[~];[INSTALLDIR]\tPrograms\r\n' \
  >"$work/msi/Environment.idt"
msiinfo export "$work/msi/product.msi" InstallExecuteSequence >"$work/msi/InstallExecuteSequence.idt"
printf 'RemoveEnvironmentStrings\t\t3300\r\nWriteEnvironmentStrings\t\t5200\r\n' >>"$work/msi/InstallExecuteSequence.idt"
(cd "$work/msi" && msibuild product.msi -i Environment.idt && msibuild product.msi -i InstallExecuteSequence.idt)
bash "$here/sign.sh" "$work/msi/product.msi"
mv "$work/msi/product.msi" "$msi"
echo "$msi"
