#!/usr/bin/env bash
# Install everything (system packages, venvs) and run the whole test suite offscreen.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
# PostgreSQL for the central server's tests: start it if this machine has it stopped.
if command -v pg_ctlcluster >/dev/null && ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
fi
exec .venv/bin/python -m pytest "$@"
