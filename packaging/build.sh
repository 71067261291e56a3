#!/usr/bin/env bash
# Builds the one-folder swdesk application for the platform this runs on, then checks it.
#
#   bash packaging/build.sh            # -> dist/swdesk/ (swdesk, _internal/)
#   bash packaging/build.sh --portable # also dist/swdesk-<version>-<platform>-portable.zip
#
# Steps: the usual set-up (scripts/setup.sh: .venv, swdesk, Debian libraries), PyInstaller
# installed into .venv when missing (the release constraints.txt pins), the wheel built
# (python -m build --no-isolation) and installed without dependencies into
# build/pyinstaller-site, PyInstaller run on packaging/swdesk.spec, and finally the built
# program's --self-check on Qt's offscreen platform. Prints the folder's size and the time
# the self-check took. Exit status: non-zero when any step fails.
set -euo pipefail
# shellcheck source=scripts/setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"

PYINSTALLER_SPEC="pyinstaller>=6.10,<7"
portable=0
for arg in "$@"; do
  case $arg in
    --portable) portable=1 ;;
    *) swdesk_die "unknown option: $arg (only --portable)" ;;
  esac
done

started=$(date +%s)
if ! "$SWDESK_VENV/bin/python" -c 'import PyInstaller' >/dev/null 2>&1; then
  swdesk_log "installing PyInstaller into .venv ($PYINSTALLER_SPEC)"
  PIP_DISABLE_PIP_VERSION_CHECK=1 "$SWDESK_VENV/bin/python" -m pip install --quiet \
    -c constraints.txt "$PYINSTALLER_SPEC" || swdesk_die "pip install $PYINSTALLER_SPEC failed"
fi

swdesk_log "building the wheel"
rm -rf build/wheel build/pyinstaller-site
mkdir -p build
"$SWDESK_VENV/bin/python" -m build --wheel --no-isolation --outdir build/wheel . \
  >build/wheel.log 2>&1 || { cat build/wheel.log >&2; swdesk_die "building the wheel failed"; }
wheel=$(ls build/wheel/swdesk-*.whl)
"$SWDESK_VENV/bin/python" -m pip install --quiet --no-deps --no-index \
  --disable-pip-version-check --target build/pyinstaller-site "$wheel" ||
  swdesk_die "installing $wheel into build/pyinstaller-site failed"

swdesk_log "running PyInstaller (packaging/swdesk.spec)"
"$SWDESK_VENV/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/swdesk.spec ||
  swdesk_die "PyInstaller failed"
built=$(($(date +%s) - started))

program=dist/swdesk/swdesk
[[ -f dist/swdesk/swdesk-cli.exe ]] && program=dist/swdesk/swdesk-cli.exe
swdesk_log "self-check of the built program: $program --self-check"
check_start=$(date +%s.%N)
(cd "${TMPDIR:-/tmp}" && QT_QPA_PLATFORM=offscreen "$SWDESK_ROOT/$program" --self-check) ||
  swdesk_die "the built program failed its self-check"
check_end=$(date +%s.%N)
version_start=$(date +%s.%N)
"$program" --version
version_end=$(date +%s.%N)

size=$(du -sh dist/swdesk | cut -f1)
swdesk_log "dist/swdesk: $size; built in ${built} s; --version took" \
  "$(awk "BEGIN { printf \"%.2f\", $version_end - $version_start }") s, --self-check" \
  "$(awk "BEGIN { printf \"%.1f\", $check_end - $check_start }") s"

if [[ $portable -eq 1 ]]; then
  "$SWDESK_VENV/bin/python" packaging/portable.py dist/swdesk
fi
