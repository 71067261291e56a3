#!/usr/bin/env bash
# Sets up what is missing (like scripts/run.sh), checks the import contracts (import-linter),
# lints (ruff check src tests), type-checks src/ (mypy --strict, configured in pyproject.toml)
# and runs the test suite offscreen, in parallel on every core.
#
#   bash scripts/test.sh [pytest arguments]
#
# Exit status: pytest's; 1 if a check before pytest fails or if no test ran.
set -euo pipefail
# shellcheck source=scripts/setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

swdesk_log "checking import contracts (lint-imports)"
if ! "$SWDESK_VENV/bin/lint-imports" --no-cache --no-logo; then
  swdesk_die "import contracts broken (see above; they are in pyproject.toml)"
fi

swdesk_log "linting (ruff check src tests)"
if ! "$SWDESK_VENV/bin/ruff" check src tests; then
  swdesk_die "lint failed: ruff check src tests (see above)"
fi

swdesk_log "type-checking src/ (mypy --strict; about 10 s without its cache)"
if ! "$SWDESK_VENV/bin/mypy"; then
  swdesk_die "type check failed: mypy (see above; settings in pyproject.toml [tool.mypy])"
fi

# the suite runs on every core (pytest-xdist, work stealing: a few long subprocess tests
# must not hold the rest back) unless the caller chose with -n / --numprocesses
parallel=(-n auto --dist worksteal)
for arg in "$@"; do
  case "$arg" in -n|-n*|--numprocesses|--numprocesses=*) parallel=() ;; esac
done
swdesk_log "running pytest ${parallel[*]} $*"
status=0
QT_QPA_PLATFORM=offscreen "$SWDESK_VENV/bin/python" -m pytest "${parallel[@]}" "$@" || status=$?
if [[ $status -eq 5 ]]; then
  swdesk_die "pytest collected no tests (exit 5): counted as a failure"
fi
exit "$status"
