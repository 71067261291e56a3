#!/usr/bin/env bash
# Sets up what is missing (like scripts/run.sh), checks the import contracts (import-linter) and
# runs the test suite offscreen.
#
#   bash scripts/test.sh [pytest arguments]
#
# Exit status: pytest's; 1 if the import contracts are broken or if no test ran.
set -euo pipefail
# shellcheck source=scripts/setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

swdesk_log "checking import contracts (lint-imports)"
if ! "$SWDESK_VENV/bin/lint-imports" --no-cache --no-logo; then
  swdesk_die "import contracts broken (see above; they are in pyproject.toml)"
fi

swdesk_log "running pytest $*"
status=0
QT_QPA_PLATFORM=offscreen "$SWDESK_VENV/bin/python" -m pytest "$@" || status=$?
if [[ $status -eq 5 ]]; then
  swdesk_die "pytest collected no tests (exit 5): counted as a failure"
fi
exit "$status"
