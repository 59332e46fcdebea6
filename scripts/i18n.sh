#!/usr/bin/env bash
# Refresh the translation sources from the code (keeps existing translations) and compile
# them. Edit assets/i18n/kiosk_*.ts (Qt Linguist or a text editor), then run this again.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
BIN=$(dirname "$PY")
SOURCES=(kiosk/screens/*.py kiosk/screens/staff/*.py kiosk/flow.py)
for lang in id en; do
  "$BIN/pyside6-lupdate" -no-obsolete "${SOURCES[@]}" -ts "assets/i18n/kiosk_${lang}.ts"
  [[ $lang == en ]] && "$PY" scripts/i18n_en.py "assets/i18n/kiosk_en.ts"
  "$BIN/pyside6-lrelease" "assets/i18n/kiosk_${lang}.ts" -qm "assets/i18n/kiosk_${lang}.qm"
done
