#!/usr/bin/env bash
# Installs swdesk's desktop integration for the current user (no root): the menu entry, the
# icons (hicolor theme, every size + SVG), the MIME types of swdesk's files (double-click on
# a .swdapp / .swdfwd / .swddec opens swdesk) and the AppStream metadata.
#
#   bash packaging/linux/install.sh [PROGRAM]
#
# PROGRAM is the swdesk program to start: default `swdesk` on PATH (pip install); for the
# one-folder build give its full path, e.g. "$PWD/dist/swdesk/swdesk".
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
program="${1:-swdesk}"
share="${XDG_DATA_HOME:-$HOME/.local/share}"
app_id=cn.swdesk.swdesk

mkdir -p "$share/applications" "$share/metainfo" "$share/mime/packages"
sed "s|^Exec=swdesk %f|Exec=\"$program\" %f|" "$here/$app_id.desktop" \
  >"$share/applications/$app_id.desktop"
cp "$here/$app_id.metainfo.xml" "$share/metainfo/"
cp "$here/swdesk-mime.xml" "$share/mime/packages/swdesk.xml"
for size in 16 24 32 48 64 128 256 512; do
  mkdir -p "$share/icons/hicolor/${size}x${size}/apps"
  cp "$root/resources/icons/swdesk-$size.png" "$share/icons/hicolor/${size}x${size}/apps/$app_id.png"
done
mkdir -p "$share/icons/hicolor/scalable/apps"
cp "$root/resources/icons/swdesk.svg" "$share/icons/hicolor/scalable/apps/$app_id.svg"

command -v update-mime-database >/dev/null && update-mime-database "$share/mime"
command -v update-desktop-database >/dev/null && update-desktop-database "$share/applications"
command -v gtk-update-icon-cache >/dev/null &&
  gtk-update-icon-cache --quiet --ignore-theme-index "$share/icons/hicolor" || true
echo "installed $app_id for ${USER:-$(id -un)} (program: $program)"
