#!/usr/bin/env bash
# Set up (tools/setup.sh) and run the whole test suite. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh --tests
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/lint-imports
.venv/bin/mypy
# PostgreSQL: start the local cluster when none answers and this machine has one; when a server
# answers, the run fails if the PostgreSQL tests were skipped (tests/conftest.py prints the count).
pg_answers() { .venv/bin/python -c "import sys; from tests.conftest import pg_unavailable; sys.exit(1 if pg_unavailable() else 0)" 2>/dev/null; }
if ! pg_answers && command -v pg_ctlcluster >/dev/null 2>&1; then
  for cluster in $(pg_lsclusters -h 2>/dev/null | awk '{print $1 "/" $2}'); do
    pg_ctlcluster "${cluster%/*}" "${cluster#*/}" start 2>/dev/null || sudo -n pg_ctlcluster "${cluster%/*}" "${cluster#*/}" start 2>/dev/null || true
  done
fi
if pg_answers; then
  export DANGJIAN_REQUIRE_PG=1
else
  echo "no PostgreSQL server answers: the PostgreSQL tests will be skipped"
fi
exec .venv/bin/python -m pytest -n 2 "$@"
