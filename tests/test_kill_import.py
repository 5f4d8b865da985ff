"""SIGKILL in the middle of a 20,000-row import: the file stays sound, with all rows or none."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta

import pytest
from openpyxl import Workbook

from models import idcard
from models.db import open_database
from models.services import access
from reports.roster import MEMBER_HEADERS
from tests.conftest import ROOT
from tests.factories import build_county

ROWS = 20_000
BRANCHES = ["红星村党支部", "幸福社区党支部", "中心小学党支部"]


def big_roster(path, rows=ROWS):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("导入")
    ws.append(MEMBER_HEADERS)
    base = date(1960, 1, 1)
    for i in range(rows):
        birth = base + timedelta(days=i // 500)
        number = idcard.make("440524", birth, i % 500, male=i % 2 == 0)
        joined = date(birth.year + 25, 7, 1)
        ws.append([f"党员{i}", None, "汉族", number, None, "大学本科", "农牧渔民", BRANCHES[i % 3],
                   joined, date(joined.year + 1, 7, 1), None, None, None, None, None, None, None, None])
    wb.save(path)
    return path


def prepared(path, actor):
    db = open_database(path)
    with db.session() as s:
        build_county(s, actor)
        access.login(s, None)  # the first administrator exists: logging in writes nothing
        s.commit()
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()


def member_count_and_integrity(path) -> tuple[int, str]:
    con = sqlite3.connect(path)
    try:
        ok = con.execute("PRAGMA integrity_check").fetchone()[0]
        n = con.execute("SELECT count(*) FROM member").fetchone()[0]
        audit = con.execute("SELECT count(*) FROM audit_log WHERE entity = 'member'").fetchone()[0]
        placements = con.execute("SELECT count(*) FROM placement").fetchone()[0]
    finally:
        con.close()
    assert audit == n == placements
    return n, ok


@pytest.mark.slow
def test_sigkill_during_a_big_import_leaves_all_or_nothing(tmp_path, actor):
    workbook = big_roster(tmp_path / "big.xlsx")
    outcomes = []
    # kill as soon as the transaction is spilling to the WAL, then a bit later
    for extra_delay in (0.0, 0.4):
        path = tmp_path / f"kill-{extra_delay}.sqlite3"
        prepared(path, actor)
        wal = path.with_name(path.name + "-wal")
        proc = subprocess.Popen(
            [sys.executable, "-m", "desktop.cli", "--db", str(path), "import", "members", str(workbook)],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        deadline = time.monotonic() + 240
        inside = False
        while time.monotonic() < deadline and proc.poll() is None:
            if wal.exists() and wal.stat().st_size > 256 * 1024:
                inside = True
                break
            time.sleep(0.02)
        if inside:
            time.sleep(extra_delay)
        finished_before_kill = proc.poll() is not None
        if not finished_before_kill:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        n, ok = member_count_and_integrity(path)
        assert ok == "ok"
        assert n in (0, ROWS)
        outcomes.append((inside, finished_before_kill, n))
    # at least one kill hit the writing transaction and left nothing behind
    assert any(inside and not done and n == 0 for inside, done, n in outcomes), outcomes
