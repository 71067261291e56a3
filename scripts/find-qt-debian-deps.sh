#!/usr/bin/env bash
# Maintenance helper (Debian/Ubuntu): list the system libraries that the Qt parts swdesk loads
# need, the Debian package that provides each (dpkg -S), and whether scripts/debian-packages.txt
# lists it. Use it to update that file after a PySide6 upgrade. Needs .venv (run a setup first).
#
#   bash scripts/find-qt-debian-deps.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

site=$(.venv/bin/python -c 'import PySide6, os; print(os.path.dirname(PySide6.__file__))')
qt="$site/Qt"
files=(
  "$site"/Qt{Core,Gui,Widgets,Svg,Test,DBus}.abi3.so
  "$qt"/lib/libQt6{Core,Gui,Widgets,Svg,Test,DBus,XcbQpa,WaylandClient}.so.6
  "$qt"/plugins/platforms/lib{qoffscreen,qminimal,qxcb,qwayland}.so
  "$qt"/plugins/xcbglintegrations/*.so
  "$qt"/plugins/imageformats/*.so
  "$qt"/plugins/iconengines/*.so
  "$qt"/plugins/platforminputcontexts/lib{compose,ibus}*.so
  "$qt"/plugins/wayland-shell-integration/libxdg-shell.so
  "$qt"/plugins/wayland-graphics-integration-client/libqt-plugin-wayland-egl.so
)
listed=$(awk '{ sub(/#.*/, ""); for (i = 1; i <= NF; i++) print $i }' scripts/debian-packages.txt)

for f in "${files[@]}"; do
  [[ -e $f ]] || continue
  readelf -d "$f" | awk '/NEEDED/ { gsub(/[][]/, "", $5); print $5 }'
done | grep -v -E '^lib(Qt6|pyside6|shiboken6|python3|icu)' | sort -u |
  while read -r lib; do
    pkg=$(dpkg -S "*/$lib" 2>/dev/null | head -n1 | cut -d: -f1 || true)
    if [[ -z $pkg ]]; then
      state="NOT INSTALLED here: find its package with apt-file or packages.debian.org"
    elif [[ " libc6 libgcc-s1 libstdc++6 zlib1g libzstd1 " == *" $pkg "* ]]; then
      state="base system (not listed)"
    elif grep -qx "$pkg" <<<"$listed"; then
      state="listed"
    else
      state="not listed"
    fi
    printf '%-28s %-22s %s\n' "$lib" "${pkg:--}" "$state"
  done
