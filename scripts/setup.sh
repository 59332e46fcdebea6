#!/usr/bin/env bash
# Install everything the kiosk needs on a fresh Debian/Ubuntu machine: the system libraries
# Qt loads, a virtual environment in .venv and the project in it.
#   scripts/setup.sh            kiosk + central server
#   scripts/setup.sh --tests    also the test tools (pytest, pytest-qt, socat, the ESC/POS
#                               verifier's own Python 3.13 venv, chromium and chromium-driver
#                               for the web pages' browser tests, espeak-ng for the
#                               boards' announcements, and for the appliance tests cage +
#                               Xwayland (the unit's command under wlroots' headless
#                               backend) and systemd (systemd-analyze verify))
set -euo pipefail
cd "$(dirname "$0")/.."
TESTS=0
[[ "${1:-}" == "--tests" ]] && TESTS=1

APT_PACKAGES=(
  python3 python3-venv python3-pip
  # Qt (PySide6) on X11/Wayland/offscreen: see docs/architecture.md
  libglib2.0-0 libegl1 libgl1 libfontconfig1 libxkbcommon0 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-shape0 libxkbcommon-x11-0 libwayland-cursor0 libwayland-egl1
  # USB printers (pyusb)
  libusb-1.0-0
)
if [[ $TESTS == 1 ]]; then
  # chromium + chromium-driver: tests/central/test_browser.py (selenium); espeak-ng: the
  # boards' spoken calls (also a runtime need of the server: docs/server.md); cage +
  # xwayland: the kiosk unit's command under wlroots' headless backend; systemd:
  # systemd-analyze verify
  APT_PACKAGES+=(xvfb socat chromium chromium-driver espeak-ng cage xwayland systemd util-linux passwd)
fi

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$pkg")
done
if (( ${#missing[@]} )); then
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  echo "Installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    "${missing[@]}"
fi

PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
  echo "Python 3.11 or newer is needed (found $("$PYTHON" --version))" >&2
  exit 1
fi
[[ -x .venv/bin/python ]] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
if [[ $TESTS == 1 ]]; then
  .venv/bin/python -m pip install -q -e ".[kiosk,central,dev]"
  if [[ -x scripts/setup-emupos.sh ]]; then
    scripts/setup-emupos.sh
  fi
else
  .venv/bin/python -m pip install -q -e ".[kiosk,central]"
fi
echo "Ready: .venv/bin/mpp-kiosk"
