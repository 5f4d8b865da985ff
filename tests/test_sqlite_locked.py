"""A SQLite file held locked by another program: the command waits, then says so clearly."""

from __future__ import annotations

import sqlite3
import time

from desktop.cli import main
from models.db import BUSY_ENV, busy_timeout_ms


def test_busy_timeout_is_a_setting(monkeypatch):
    monkeypatch.setenv(BUSY_ENV, "250")
    assert busy_timeout_ms() == 250
    monkeypatch.delenv(BUSY_ENV)
    assert busy_timeout_ms() == 10_000


def test_locked_file_waits_then_says_so(sqlite_path, capsys, monkeypatch):
    assert main(["--db", str(sqlite_path), "init"]) == 0
    capsys.readouterr()
    monkeypatch.setenv(BUSY_ENV, "400")
    other = sqlite3.connect(sqlite_path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        start = time.monotonic()
        code = main(["--db", str(sqlite_path), "init", "--county", "中共新县委员会"])
        waited = time.monotonic() - start
    finally:
        other.execute("ROLLBACK")
        other.close()
    err = capsys.readouterr().err
    assert code == 2
    assert "数据库文件正被其他程序占用（已等待0.4秒仍未释放）" in err
    assert "Traceback" not in err and "内部错误" not in err
    assert waited >= 0.4
    # released: the same command goes through
    assert main(["--db", str(sqlite_path), "init", "--county", "中共新县委员会"]) == 0
