# shellcheck shell=bash
# Shared set-up, sourced by scripts/run.sh and scripts/test.sh (not meant to be run alone).
#
# Makes sure that, in the repository root:
#   1. the Debian packages Qt needs (scripts/debian-packages.txt) and, when the Python lacks
#      venv/ensurepip, python3-venv are installed: only the missing ones, with one
#      'apt-get update' and only when something is missing (sudo when not root);
#   2. .venv exists, made by the first Python >= 3.11 found;
#   3. swdesk is installed in it ('pip install -c constraints.txt -e .[test]': the releases
#      pinned in constraints.txt, so every machine tests and builds with the same ones), again
#      only when pyproject.toml or constraints.txt changed since the last install (their sha256
#      is kept in .venv/.swdesk-pyproject.sha256).
# Everything is skipped when already done, so a second run costs well under a second.
#
# After sourcing: the current directory is the repository root, and SWDESK_ROOT and SWDESK_VENV
# are set.

SWDESK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SWDESK_VENV="$SWDESK_ROOT/.venv"
SWDESK_STAMP="$SWDESK_VENV/.swdesk-pyproject.sha256"
cd "$SWDESK_ROOT" || exit 1

swdesk_log() { printf '\033[1m[swdesk]\033[0m %s\n' "$*" >&2; }
swdesk_die() {
  printf '\033[1;31m[swdesk] error:\033[0m %s\n' "$*" >&2
  exit 1
}
if [[ ! -t 2 ]]; then # plain messages in CI logs and pipes
  swdesk_log() { printf '[swdesk] %s\n' "$*" >&2; }
  swdesk_die() {
    printf '[swdesk] error: %s\n' "$*" >&2
    exit 1
  }
fi

# True when "$1" is a Python interpreter >= 3.11 that runs.
swdesk_python_ok() {
  "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1
}

swdesk_venv_ok() {
  [[ -x $SWDESK_VENV/bin/python ]] && swdesk_python_ok "$SWDESK_VENV/bin/python"
}

swdesk_find_python() {
  local candidate
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 && swdesk_python_ok "$candidate"; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}

# Runs a command as root: directly, or through sudo.
swdesk_as_root() {
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    swdesk_die "need root to run: $*  (not root, and sudo is not installed)"
  fi
}

# Prints, one per line, the packages among the arguments that are not installed.
swdesk_missing_debs() {
  local -A installed=()
  local name status
  # Known packages print "name status"; unknown ones print nothing here (error to /dev/null).
  while read -r name status; do
    if [[ $status == "install ok installed" ]]; then
      installed[$name]=1
    fi
  done < <(dpkg-query -W -f='${Package} ${Status}\n' "$@" 2>/dev/null || true)
  local pkg
  for pkg in "$@"; do
    if [[ -z ${installed[$pkg]:-} ]]; then
      printf '%s\n' "$pkg"
    fi
  done
}

# $1: the Python that will create .venv, or "" when .venv is already fine.
swdesk_install_system_packages() {
  local python=$1
  if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    swdesk_log "not a Debian/Ubuntu system: skipping system packages; Qt needs the libraries" \
      "listed in scripts/debian-packages.txt (or your distribution's equivalents)"
    return 0
  fi
  [[ -f scripts/debian-packages.txt ]] || swdesk_die "scripts/debian-packages.txt is missing"
  local wanted=()
  mapfile -t wanted < <(awk '{ sub(/#.*/, ""); for (i = 1; i <= NF; i++) print $i }' scripts/debian-packages.txt)
  if [[ -n $python ]] && ! "$python" -c 'import venv, ensurepip' >/dev/null 2>&1; then
    local version default_version
    version=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    default_version=$(/usr/bin/python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])' \
      2>/dev/null || true)
    if [[ $version == "$default_version" ]]; then
      wanted+=(python3-venv)
    else
      wanted+=("python$version-venv")
    fi
  fi
  local missing=()
  mapfile -t missing < <(swdesk_missing_debs "${wanted[@]}")
  if [[ ${#missing[@]} -eq 0 ]]; then
    return 0
  fi
  if [[ $(id -u) -ne 0 ]] && ! command -v sudo >/dev/null 2>&1; then
    swdesk_die "missing Debian packages, and this is neither root nor has sudo; as root run:" \
      "apt-get update && apt-get install ${missing[*]}"
  fi
  swdesk_log "installing Debian packages: ${missing[*]}"
  swdesk_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq ||
    swdesk_die "apt-get update failed"
  swdesk_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends -o Dpkg::Use-Pty=0 "${missing[@]}" >/dev/null ||
    swdesk_die "apt-get install failed for: ${missing[*]}"
  swdesk_log "Debian packages installed"
}

swdesk_make_venv() {
  local python=$1
  if swdesk_venv_ok; then
    return 0
  fi
  if [[ -e $SWDESK_VENV ]]; then
    swdesk_log "$SWDESK_VENV is broken or older than Python 3.11: recreating it"
    rm -rf "$SWDESK_VENV"
  fi
  swdesk_log "creating .venv with $("$python" -V 2>&1) ($python)"
  if ! "$python" -m venv "$SWDESK_VENV"; then
    rm -rf "$SWDESK_VENV"
    swdesk_die "'$python -m venv' failed"
  fi
}

swdesk_install_project() {
  local want have=""
  [[ -f constraints.txt ]] || swdesk_die "constraints.txt is missing"
  want=$(cat pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1)
  [[ -f $SWDESK_STAMP ]] && have=$(<"$SWDESK_STAMP")
  if [[ $want == "$have" && -e $SWDESK_VENV/bin/swdesk ]]; then
    return 0
  fi
  if [[ -z $have ]]; then
    swdesk_log "installing swdesk and its dependencies into .venv (pip install -c constraints.txt -e '.[test]'; about a minute the first time)"
  else
    swdesk_log "pyproject.toml or constraints.txt changed: updating .venv (pip install -c constraints.txt -e '.[test]')"
  fi
  rm -f "$SWDESK_STAMP"
  PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_PROGRESS_BAR=off PIP_NO_INPUT=1 \
    "$SWDESK_VENV/bin/python" -m pip install --quiet -c constraints.txt -e '.[test]' ||
    swdesk_die "pip install -c constraints.txt -e '.[test]' failed"
  printf '%s\n' "$want" >"$SWDESK_STAMP"
  swdesk_log ".venv is ready"
}

swdesk_setup() {
  local python=""
  if ! swdesk_venv_ok; then
    python=$(swdesk_find_python) ||
      swdesk_die "Python 3.11 or newer is needed: none of python3.13, python3.12, python3.11," \
        "python3 on PATH is >= 3.11 (on Debian/Ubuntu: apt-get install python3)"
  fi
  swdesk_install_system_packages "$python"
  swdesk_make_venv "$python"
  swdesk_install_project
}

swdesk_setup
