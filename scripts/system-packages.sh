#!/usr/bin/env bash
# The system packages `make run` and `make test` need (Debian names), installed when missing.
#
#   scripts/system-packages.sh run    python3-venv (to create .venv, unless it exists) and LibreOffice
#                                     (libreoffice-writer-nogui: .doc files are converted with it)
#   scripts/system-packages.sh test   the same and Chromium (chromium: the review report is tested in a browser)
#
# Everything present: a few `command -v` checks (milliseconds), nothing installed, nothing printed.
# Something missing: `apt-get install` as root, or through sudo when sudo needs no password; otherwise stop at
# once (exit 1) with the one command to run. Environment: PYTHON (default python3), VENV (default .venv).
set -euo pipefail

what=${1:-run}
case "$what" in run|test) ;; *) echo "usage: $0 run|test" >&2; exit 2 ;; esac
PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}

missing=()
labels=()
need() { missing+=("$1"); labels+=("$2"); }
have() { local c; for c in "$@"; do command -v "$c" >/dev/null 2>&1 && return 0; done; return 1; }

check() {
  missing=()
  labels=()
  if [ ! -x "$VENV/bin/python" ] && ! "$PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1; then
    need python3-venv "Python's venv ($PYTHON -m venv)"
  fi
  have soffice libreoffice || need libreoffice-writer-nogui "LibreOffice (soffice)"
  if [ "$what" = test ]; then
    have chromium chromium-browser || need chromium "Chromium (chromium)"
  fi
}

check
[ ${#missing[@]} -eq 0 ] && exit 0

list=$(IFS=,; echo "${labels[*]}" | sed 's/,/, /g')
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if have sudo && sudo -n true >/dev/null 2>&1; then
    sudo=(sudo)
  else
    {
      echo "make $what needs system packages that are missing: $list."
      if have apt-get; then
        echo "Installing them needs root. Run this once, then \`make $what\` again:"
        echo ""
        echo "    sudo apt-get update && sudo apt-get install -y ${missing[*]}"
      else
        echo "Install them with your system's package manager (Debian names: ${missing[*]}), then \`make $what\` again."
      fi
    } >&2
    exit 1
  fi
fi
if ! have apt-get; then
  echo "make $what needs system packages that are missing: $list. No apt-get here: install them with your" \
       "system's package manager (Debian names: ${missing[*]}), then \`make $what\` again." >&2
  exit 1
fi

echo "make $what: installing ${missing[*]} with apt-get (first time only; a few minutes) ..."
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q "${missing[@]}"
check
if [ ${#missing[@]} -ne 0 ]; then
  echo "make $what: still missing after apt-get install: $(IFS=,; echo "${labels[*]}")" >&2
  exit 1
fi
