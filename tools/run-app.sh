#!/usr/bin/env bash
# Set up (tools/setup.sh) and open the program. With --demo: on a demo county database
# (made on first use in the per-user data folder as demo.sqlite3).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
if [ "${1:-}" = "--demo" ]; then
  shift
  db=$(.venv/bin/python -c 'from desktop import paths; print(paths.data_dir() / "demo.sqlite3")')
  if [ ! -f "$db" ]; then
    echo "首次运行：正在生成演示县（约半分钟，每一步都会显示）…" >&2
    .venv/bin/dangjian --db "$db" init --county 中共某某县委员会 --agency 某组
    .venv/bin/dangjian --db "$db" demo --scale county
  fi
  exec .venv/bin/dangjian --db "$db" gui "$@"
fi
exec .venv/bin/dangjian gui "$@"
