#!/usr/bin/env bash
# Makes the Windows icon (.ico) from the app's PNG (FyneApp.toml's Icon):
#
#   packaging/windows/icon.sh ICON_PNG OUT.ico
#
# The sizes Windows asks for at 100 % to 200 % scale, and 256 for Explorer's
# large views (ImageMagick stores that one as PNG, the others as bitmaps).
# -strip and no date chunks: the same icon gives the same bytes, which the
# committed resources rely on (resources.sh).
set -euo pipefail
convert "$1" -strip -define png:exclude-chunks=date,time \
  -define icon:auto-resize=256,64,48,40,32,24,20,16 "$2"
