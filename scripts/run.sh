#!/usr/bin/env bash
# Sets up what is missing (Debian packages for Qt, .venv, swdesk in it) and starts swdesk with
# demo data (demo data only fills a data directory that is still empty).
#
#   bash scripts/run.sh [swdesk arguments]
set -euo pipefail
# shellcheck source=scripts/setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

if [[ -z ${DISPLAY:-} && -z ${WAYLAND_DISPLAY:-} && -z ${QT_QPA_PLATFORM:-} ]]; then
  export QT_QPA_PLATFORM=offscreen
  swdesk_log "no screen here (neither DISPLAY nor WAYLAND_DISPLAY is set): running with" \
    "QT_QPA_PLATFORM=offscreen, so the window is not visible; stop it with Ctrl+C." \
    "Run this from a desktop session (or under xvfb-run) to see it."
fi

swdesk_log "starting swdesk --demo $*"
exec "$SWDESK_VENV/bin/swdesk" --demo "$@"
