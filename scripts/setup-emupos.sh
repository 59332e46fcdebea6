#!/usr/bin/env bash
# Build the venv used by the printing tests as an independent ESC/POS implementation:
#   emupos 0.4.0   wire-level ESC/POS printer simulator (renders slips, answers status,
#                  injects faults through a REST API)
#   zxing-cpp      decodes the QR codes in the slips emupos renders
# emupos needs Python >= 3.13 while the kiosk runs on 3.11, so it lives in its own venv
# (default: <repo>/.venv-emupos, override with EMUPOS_VENV). Also installs socat when it is
# missing and we are root (apt), because the serial end-to-end tests use a socat pty pair.
#
# Usage: scripts/setup-emupos.sh            # idempotent; exits 0 when the venv is ready
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${EMUPOS_VENV:-$repo_root/.venv-emupos}"
version="0.4.0"
zxing_version="3.1.1"

if [[ -x "$venv/bin/emupos" ]] && "$venv/bin/python" -c \
    "import importlib.metadata as m, sys, zxingcpp; sys.exit(m.version('emupos') != '$version')" \
    2>/dev/null
then
    echo "emupos $version ready in $venv"
else
    py=""
    for candidate in "${EMUPOS_PYTHON:-}" "$HOME/.pyenv/versions/3.13.0/bin/python" \
        "$(command -v python3.13 || true)"; do
        if [[ -n "$candidate" && -x "$candidate" ]] && "$candidate" -c \
            'import sys; sys.exit(sys.version_info < (3, 13))' 2>/dev/null; then
            py="$candidate"
            break
        fi
    done
    if [[ -z "$py" ]]; then
        echo "setup-emupos: no Python >= 3.13 found (tried ~/.pyenv/versions/3.13.0 and" \
            "python3.13 on PATH; set EMUPOS_PYTHON)" >&2
        exit 1
    fi
    echo "setup-emupos: building $venv with $py"
    rm -rf "$venv"
    "$py" -m venv "$venv"
    # (pip's warnings about missing local mirror folders are noise: filtered out)
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
        "emupos==$version" "zxing-cpp==$zxing_version" 2>&1 | grep -v "is ignored" >&2 || true
    "$venv/bin/python" -c "import emupos, zxingcpp" || {
        echo "setup-emupos: installing emupos/zxing-cpp into $venv failed" >&2
        exit 1
    }
    "$venv/bin/emupos" --version
fi

if ! command -v socat >/dev/null 2>&1; then
    if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null 2>&1; then
        echo "setup-emupos: installing socat"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq socat
    else
        echo "setup-emupos: socat is missing; install it (apt-get install socat)" >&2
        exit 1
    fi
fi
