#!/usr/bin/env bash
# Build the one-folder bundle dist/dangjian/ (dangjian + dangjian-desk) with PyInstaller.
# Linux, or Windows in Git Bash. Needs the `bundle` extra: pip install -e ".[bundle]".
# Extra arguments go to pyinstaller (e.g. --clean).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${PYTHON:-}" ]; then PY=$PYTHON
elif [ -x .venv/bin/python ]; then PY=.venv/bin/python
elif [ -x .venv/Scripts/python.exe ]; then PY=.venv/Scripts/python.exe
else PY=python3; fi
if ! "$PY" -c "import PyInstaller" 2>/dev/null; then
  echo "PyInstaller is missing: $PY -m pip install -e \".[bundle]\"" >&2
  exit 2
fi
start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --distpath dist --workpath build build.spec "$@"
echo "built dist/dangjian/ in $(( $(date +%s) - start )) s ($(du -sh dist/dangjian | cut -f1))"
