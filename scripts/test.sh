#!/usr/bin/env bash
# Sets up what is missing (like scripts/run.sh), checks the import contracts (import-linter),
# lints and checks the layout (ruff check, ruff format --check), type-checks src/ (mypy
# --strict, configured in pyproject.toml) and runs the test suite offscreen, in parallel on
# every core. A whole run measures line and branch coverage of the security- and
# money-critical modules listed below while their own unit tests run (pytest-cov), runs the
# rest of the suite unmeasured, and requires 100 % of those modules' lines and branches.
# Unless TMPDIR is set, the run keeps its temporary files in memory (/dev/shm) when there is
# room, and removes them when it ends.
#
#   bash scripts/test.sh [pytest arguments]
#
# A run of part of the suite (paths, -k, -m, --lf, --deselect) measures but checks no
# module; --no-cov turns measuring off; SWDESK_COVERAGE=all measures the whole package over
# the whole suite and prints its total. `coverage html` afterwards shows every line.
#
# Exit status: pytest's; 1 if a check before pytest fails, if no test ran, or if a critical
# module is not covered completely.
set -euo pipefail
# shellcheck source=scripts/setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

# Files this run made for itself, removed when it ends however it ends.
cleanup=()
trap 'rm -rf "${cleanup[@]}"' EXIT

# The suite makes and deletes a few hundred thousand files: each test's folders, and about
# 300 for each database its PostgreSQL servers copy. On a disk filesystem, making a file
# costs more while many were deleted moments before: measured on this kind of machine
# (ext4), a copied database took 0.25 s of the server's CPU on disk against 0.01 s in
# memory, and the whole suite ran about a seventh faster with its temporary files in memory.
# So, unless the caller chose a TMPDIR, the run's temporary files go to a folder of its own
# in /dev/shm (a tmpfs) where that has room for them: about 2 GB at the peak, 4 GB free
# asked. Nothing there outlives the run, a failed test's folder included.
if [[ -z "${TMPDIR:-}" && -d /dev/shm && -w /dev/shm ]] &&
  [[ "$(stat -f -c %T /dev/shm 2>/dev/null)" == tmpfs ]] &&
  (( $(df -P -k /dev/shm | awk 'NR == 2 { print $4 }') >= 4 * 1024 * 1024 )); then
  TMPDIR="$(mktemp -d /dev/shm/swdesk-tests-XXXXXX)"
  cleanup+=("$TMPDIR")
  # others may pass through (not list): under root, the tests' PostgreSQL runs as nobody
  chmod 711 "$TMPDIR"
  export TMPDIR
  swdesk_log "temporary files of this run: $TMPDIR (in memory)"
fi

swdesk_log "checking import contracts (lint-imports)"
if ! "$SWDESK_VENV/bin/lint-imports" --no-cache --no-logo; then
  swdesk_die "import contracts broken (see above; they are in pyproject.toml)"
fi

lint_paths=(src tests benchmarks scripts packaging)
swdesk_log "linting (ruff check) and checking the layout (ruff format --check)"
if ! "$SWDESK_VENV/bin/ruff" check "${lint_paths[@]}"; then
  swdesk_die "lint failed: ruff check ${lint_paths[*]} (see above)"
fi
if ! "$SWDESK_VENV/bin/ruff" format --check "${lint_paths[@]}"; then
  swdesk_die "layout differs from ruff format: run ruff format ${lint_paths[*]}"
fi

# pytest rewrites the asserts of every test module it imports, in each xdist worker and in
# each of the two runs below: about 9 s of one core per process over the whole suite. It
# keeps the rewritten modules in __pycache__ (git ignores them) unless bytecode writing is
# off, as PYTHONDONTWRITEBYTECODE turns it off on some machines: so the test runs write
# bytecode, and one collection of the whole suite, beside mypy on the other core, compiles
# the tests once for every worker. Its errors, if any, show again in the runs themselves.
export PYTHONDONTWRITEBYTECODE=
warm_log="$(mktemp "${TMPDIR:-/tmp}/swdesk-collect-XXXXXX.log")"
cleanup+=("$warm_log")
QT_QPA_PLATFORM=offscreen "$SWDESK_VENV/bin/python" -m pytest --collect-only -q \
  -p no:cacheprovider tests >"$warm_log" 2>&1 &
warm_pid=$!

swdesk_log "type-checking src/ (mypy --strict; about 10 s without its cache)"
mypy_status=0
"$SWDESK_VENV/bin/mypy" || mypy_status=$?
wait "$warm_pid" || true
rm -f "$warm_log"
if [[ $mypy_status -ne 0 ]]; then
  swdesk_die "type check failed: mypy (see above; settings in pyproject.toml [tool.mypy])"
fi

# The suite runs in parallel (pytest-xdist, work stealing: a few long subprocess tests must
# not hold the rest back) unless the caller chose with -n / --numprocesses. The measured unit
# tests keep every core busy with one worker per core. The rest of the suite waits a good
# part of its time (child processes, each worker's PostgreSQL server, Qt timers), so it runs
# two workers more than there are cores: measured on 2 cores, 4 workers finish it about a
# tenth sooner than 2.
cores="$(nproc 2>/dev/null || echo 2)"
parallel=(-n auto --dist worksteal)
parallel_waiting=(-n "$(( cores + 2 ))" --dist worksteal)
for arg in "$@"; do
  case "$arg" in
    -n|-n*|--numprocesses|--numprocesses=*) parallel=() parallel_waiting=() ;;
  esac
done
# Every line and branch of these must run in the suite: date and deadline arithmetic, the
# canonical bytes that are hashed and signed, the ZIP reader of files from outside, and the
# encryption at rest. Reach 100 % with tests of real cases; `# pragma: no cover` only on a
# line that cannot run, with a comment saying why (docs/architecture.md, "Testing").
critical=(
  src/swdesk/domain/rules.py
  src/swdesk/domain/counting.py
  src/swdesk/domain/requirements.py
  src/swdesk/domain/next_action.py
  src/swdesk/domain/dates.py
  src/swdesk/core/strict_json.py
  src/swdesk/signing/canonical.py
  src/swdesk/bundle/zipformat.py
  src/swdesk/storage/sealing.py
  src/swdesk/services/review/working_days.py
  src/swdesk/rulepacks/calendar.py
)
# ... measured while their own unit tests run: these must cover them completely (the
# property tests against the RFC 8785 reference, test_canonical_rfc8785.py, check the
# canonical bytes but add no line: they run unmeasured, where tracing does not slow them)
critical_tests=(
  tests/unit/test_rules.py
  tests/unit/test_rules_properties.py
  tests/unit/test_rules_first_registration.py
  tests/unit/test_rules_window.py
  tests/unit/test_dates.py
  tests/unit/test_dates_properties.py
  tests/unit/test_strict_json.py
  tests/unit/test_signing.py
  tests/unit/test_zipformat.py
  tests/unit/test_sealing.py
  tests/unit/test_working_calendar.py
  tests/unit/test_review_working_days.py
)
measure=1
whole_suite=1
for arg in "$@"; do
  case "$arg" in
    --no-cov) measure=0 ;;
    -k*|-m*|--deselect*|--lf|--last-failed|--sw|--stepwise) whole_suite=0 ;;
    -*) ;;
    *) if [[ -e "${arg%%::*}" && "${arg%/}" != tests ]]; then whole_suite=0; fi ;;
  esac
done
# Tracing makes Python 3.11 slower everywhere (the tracer sees every call, even in files it does
# not measure). The critical modules are covered by their own unit tests, so a normal whole run
# measures them while those tests (critical_tests) run and, beside that run, runs the rest
# of the suite, other unit tests included, unmeasured: about a third faster than tracing
# throughout. SWDESK_COVERAGE=all measures the whole package over the whole suite in one run
# and prints its total.
coverage_args=()
split_run=0
if [[ $measure -eq 1 && "${SWDESK_COVERAGE:-}" == all ]]; then
  coverage_args=(--cov --cov-report=)
elif [[ $measure -eq 1 ]]; then
  rcfile="$(mktemp "${TMPDIR:-/tmp}/swdesk-coverage-XXXXXX.ini")"
  cleanup+=("$rcfile")
  {
    printf '[run]\nbranch = True\ninclude =\n'
    printf '    %s\n' "${critical[@]/#/$PWD/}"
    printf '[report]\nexclude_also =\n    if TYPE_CHECKING:\nprecision = 1\n'
  } > "$rcfile"
  export COVERAGE_RCFILE="$rcfile"
  coverage_args=(--cov --cov-config="$rcfile" --cov-report=)
  split_run=$whole_suite
fi

# run_pytest LABEL ARGS...: runs pytest offscreen; exit 5 (no test collected) is a failure
run_pytest() {
  local label=$1 rc=0
  shift
  swdesk_log "running pytest ($label) $*"
  QT_QPA_PLATFORM=offscreen "$SWDESK_VENV/bin/python" -m pytest "$@" || rc=$?
  if [[ $rc -eq 5 ]]; then
    swdesk_log "pytest collected no tests (exit 5): counted as a failure"
    rc=1
  fi
  return "$rc"
}

status=0
if [[ $split_run -eq 1 ]]; then
  options=()  # the caller's arguments without a bare "tests" (each run names its own part)
  for arg in "$@"; do
    if [[ "${arg%/}" != tests ]]; then options+=("$arg"); fi
  done
  # The two parts run side by side: the rest of the suite leaves about a quarter of the
  # cores idle (its tests wait on child processes, servers and timers), which the measured
  # part fills; one after the other they took about 9 s longer on 2 cores. The measured
  # part's report is kept and shown once the rest has finished.
  measured_log="$(mktemp "${TMPDIR:-/tmp}/swdesk-measured-XXXXXX.log")"
  cleanup+=("$measured_log")
  swdesk_log "running the critical modules' unit tests (measured) beside the rest;" \
    "their report follows the rest's"
  run_pytest "the critical modules' unit tests, measuring them" "${parallel[@]}" \
    "${coverage_args[@]}" "${options[@]}" "${critical_tests[@]}" >"$measured_log" 2>&1 &
  measured_pid=$!
  run_pytest "the rest of the suite, unmeasured" "${parallel_waiting[@]}" "${options[@]}" \
    tests "${critical_tests[@]/#/--ignore=}" || status=$?
  measured_status=0
  wait "$measured_pid" || measured_status=$?
  cat "$measured_log"
  status=$(( status > 0 ? status : measured_status ))
else
  run_pytest "${coverage_args[*]:-unmeasured}" "${parallel[@]}" "${coverage_args[@]}" "$@" ||
    status=$?
fi
if [[ $status -ne 0 || $measure -eq 0 ]]; then
  exit "$status"
fi

total=$("$SWDESK_VENV/bin/coverage" report --format=total) ||
  swdesk_die "no coverage data to report (.coverage): ${total}"
if [[ "${SWDESK_COVERAGE:-}" == all ]]; then
  swdesk_log "coverage of swdesk (lines and branches): ${total} % (no threshold)"
fi
if [[ $whole_suite -eq 0 ]]; then
  swdesk_log "part of the suite ran: the critical modules are checked only on a whole run"
  exit 0
fi
for file in "${critical[@]}"; do
  if [[ ! -f "$file" ]]; then
    swdesk_die "critical module $file is gone: update the list in scripts/test.sh"
  fi
done
swdesk_log "the security- and money-critical modules must be covered 100 %:"
if ! "$SWDESK_VENV/bin/coverage" report --show-missing --fail-under=100 \
    --include="$(IFS=,; echo "${critical[*]}")"; then
  swdesk_die "a critical module has lines or branches no test runs (Missing column above):" \
    "add tests of those cases (see docs/architecture.md, Testing)"
fi
exit 0
