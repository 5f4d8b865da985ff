"""Safety of database files: a --db that does not exist, outputs over inputs, copies that fail
half-way, stale .part files, and databases refused without a byte changed."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time

import pytest
from alembic import command
from sqlalchemy import create_engine

import models.backup
import models.db
from desktop.cli import main
from models.actor import Actor as _Actor
from models.backup import backup, restore
from models.db import DatabaseOpenError, alembic_config, open_database
from models.roles import Role as _Role

ADMIN = _Actor("管理员", _Role.ADMIN)


def test_db_in_a_missing_folder_exits_2_naming_the_path_and_creates_nothing(tmp_path, capsys):
    target = tmp_path / "no" / "such" / "x.sqlite3"
    for argv in (["letters", "list"], ["check"], ["demo"], ["account", "list"], ["audit", "verify"]):
        assert main(["--db", str(target), *argv]) == 2, argv
        err = capsys.readouterr().err
        assert str(target) in err and "数据库所在的文件夹不存在" in err
    assert main(["--db", str(target), "restore", str(tmp_path / "b.sqlite3")]) == 2
    assert str(target) in capsys.readouterr().err
    assert not (tmp_path / "no").exists()


def test_a_missing_file_needs_init_which_says_where_it_creates_it(tmp_path, capsys):
    target = tmp_path / "new.sqlite3"
    assert main(["--db", str(target), "check"]) == 2
    assert f"数据库文件不存在：{target}。请先运行 dangjian init" in capsys.readouterr().err
    assert not target.exists()
    deep = tmp_path / "new" / "folder" / "x.sqlite3"
    assert main(["--db", str(deep), "init", "--county", "中共某某县委员会"]) == 0
    assert f"已新建数据库：{deep}" in capsys.readouterr().err
    assert deep.exists()
    assert main(["--db", str(deep), "check"]) == 0


def test_an_output_never_overwrites_an_input(sqlite_path, tmp_path, capsys):
    book = tmp_path / "X.xlsx"
    book.write_bytes(b"not really a workbook")
    assert main(["--db", str(sqlite_path), "import", "quarterly", str(book), "--out", str(book)]) == 2
    assert f"输出文件“{book}”就是输入文件" in capsys.readouterr().err
    assert book.read_bytes() == b"not really a workbook"
    before = sqlite_path.read_bytes()
    assert main(["--db", str(sqlite_path), "backup", "--out", str(sqlite_path)]) == 2
    assert "就是输入文件" in capsys.readouterr().err
    assert main(["--db", str(sqlite_path), "export", "orgs", "--out", str(sqlite_path)]) == 2
    assert sqlite_path.read_bytes() == before


def _half_copy(src, dst, *args, **kwargs):
    """A copy that dies half-way (disk full)."""
    data = open(src, "rb").read()
    with open(dst, "wb") as f:
        f.write(data[: len(data) // 2])
    raise OSError(28, "No space left on device")


def test_a_failing_copy_aside_before_restore_leaves_no_truncated_file(sqlite_db, sqlite_path, tmp_path, monkeypatch):
    made = backup(sqlite_db, tmp_path / "b.sqlite3", ADMIN)
    sqlite_db.dispose()
    before = sqlite_path.read_bytes()
    monkeypatch.setattr(models.backup.shutil, "copy2", _half_copy)
    with pytest.raises(OSError):
        restore(sqlite_path, made, ADMIN)
    assert not [p.name for p in tmp_path.iterdir() if "before-restore" in p.name or p.name.endswith(".part")]
    assert sqlite_path.read_bytes() == before


class _DyingSource:
    """A sqlite3 connection whose online backup writes a little and then fails."""

    def __init__(self, con):
        self.con = con

    def backup(self, target, **kwargs):
        target.execute("CREATE TABLE half_written (x)")
        target.commit()
        raise sqlite3.OperationalError("disk I/O error")

    def close(self):
        self.con.close()


def test_a_failing_copy_before_upgrade_leaves_no_truncated_file(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    command.upgrade(alembic_config(engine), "0006")
    engine.dispose()
    real = sqlite3.connect

    def connect(target, *args, **kwargs):
        con = real(target, *args, **kwargs)
        return _DyingSource(con) if str(target) == str(path) else con

    monkeypatch.setattr(models.db.sqlite3, "connect", connect)
    with pytest.raises(sqlite3.OperationalError):
        open_database(path)
    monkeypatch.setattr(models.db.sqlite3, "connect", real)
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("old.sqlite3")) == []
    db = open_database(path)  # the next try upgrades, with its copy aside
    db.dispose()
    assert len(list(tmp_path.glob("old.before-upgrade-*.sqlite3"))) == 1


def test_stale_part_files_are_removed_at_the_next_backup(sqlite_db, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    stale = folder / "dangjian-20261101-120000.sqlite3.part"
    stale.write_bytes(b"half a backup")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    made = backup(sqlite_db, folder / "dangjian-20261201-120000.sqlite3", ADMIN)
    assert sorted(p.name for p in folder.iterdir()) == [made.name, made.name + ".anchor.json"]


def _journal_mode_delete(path):
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=DELETE")
    con.close()


def test_refused_databases_keep_every_byte(sqlite_template, tmp_path, capsys):
    foreign = tmp_path / "foreign.sqlite3"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE t (x)")
    con.execute("INSERT INTO t VALUES (1)")
    con.commit()
    con.close()
    newer = tmp_path / "newer.sqlite3"
    shutil.copyfile(sqlite_template, newer)
    con = sqlite3.connect(newer)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    _journal_mode_delete(newer)
    for path, message in ((foreign, "已有其他程序的数据表"), (newer, "比本程序新")):
        before = path.read_bytes()
        with pytest.raises(DatabaseOpenError, match=message):
            open_database(path)
        assert main(["--db", str(path), "check"]) == 2
        assert message in capsys.readouterr().err
        assert path.read_bytes() == before, path.name
        assert not path.with_name(path.name + "-wal").exists()
