"""Backups and checked restores: SQLite online backup, PostgreSQL ⇄ portable SQLite file."""

from __future__ import annotations

import hashlib
import os
import sqlite3

import pytest
from sqlalchemy import func, select, text

from desktop.cli import main
from models.actor import Actor as _Actor
from models.audit import AuditEntry
from models.backup import BackupError, backup, newest_backup, prune_backups, restore
from models.db import DatabaseOpenError, open_database
from models.roles import Role as _Role
from models.schema import metadata
from models.services import access, accounts
from models.services.members import create_member
from tests.conftest import pg_create_database, pg_drop_database, pg_url
from tests.factories import build_county, member_values

ADMIN = _Actor("管理员", _Role.ADMIN)


def fill(db, actor, n=150):
    with db.session() as s:
        county = build_county(s, actor)
        for i in range(1, n + 1):
            create_member(s, actor, member_values(i, org="红星村党支部" if i % 2 else "中心小学党支部"))
        admin = access.login(s, None)
        accounts.set_password(s, admin, "管理员", "admin-pass")
        accounts.add_account(s, admin, "东城", "乡镇办事员", county.east.id, password="east-init-1")
        accounts.set_password(s, access.login(s, "东城", "east-init-1", changing_password=True), "东城",
                              "east-pass", "east-init-1")
        s.commit()


#: the audit rows a backup or a restore writes about itself
OWN_ROWS = AuditEntry.action.not_in(["backup", "restore"])


def fingerprint(db) -> tuple[dict[str, int], str]:
    """Row counts per table and a checksum of the audit table (without the rows that backups and
    restores write about themselves)."""
    with db.engine.connect() as conn:
        counts = {t.name: conn.scalar(select(func.count()).select_from(t)) for t in metadata.sorted_tables}
        counts["audit_log"] = conn.scalar(select(func.count()).select_from(AuditEntry).where(OWN_ROWS))
        digest = hashlib.sha256()
        for row in conn.execute(select(AuditEntry.__table__).where(OWN_ROWS).order_by(AuditEntry.id)):
            digest.update(repr(tuple(str(v) for v in row)).encode())
    return counts, digest.hexdigest()


def damage(path, at_fraction=0.5, size=8192, header=False):
    data = bytearray(path.read_bytes())
    start = 0 if header else int(len(data) * at_fraction)
    data[start:start + size] = os.urandom(min(size, len(data) - start))
    path.write_bytes(bytes(data))


def checkpoint(db):
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def test_backup_damage_restore_brings_back_every_row(sqlite_path, actor, tmp_path):
    db = open_database(sqlite_path)
    fill(db, actor)
    expected = fingerprint(db)
    assert expected[0]["member"] == 150 and expected[0]["account"] == 2
    copy = backup(db, tmp_path / "backups" / "b.sqlite3", ADMIN)  # while the program holds the file open
    checkpoint(db)
    db.dispose()

    damage(sqlite_path)
    con = sqlite3.connect(sqlite_path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] != "ok"
    except sqlite3.DatabaseError:
        pass
    finally:
        con.close()

    result = restore(sqlite_path, copy, ADMIN)
    assert result.aside is not None and result.aside.exists()
    db = open_database(sqlite_path)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    assert fingerprint(db) == expected
    # the restored database is fully usable: login, new rows, the triggers still hold
    with db.session() as s:
        me = access.login(s, "管理员", "admin-pass")
        create_member(s, me, member_values(999))
        s.commit()
    with db.engine.connect() as conn, pytest.raises(Exception, match="审计日志不可修改"):
        conn.execute(text("DELETE FROM audit_log"))
    db.dispose()


def test_a_damaged_backup_is_refused_and_nothing_replaced(sqlite_path, actor, tmp_path):
    db = open_database(sqlite_path)
    fill(db, actor, n=40)
    expected = fingerprint(db)
    copy = backup(db, tmp_path / "b.sqlite3", ADMIN)
    db.dispose()
    damage(copy, 0.5, 4096)
    with pytest.raises(BackupError, match="已损坏|不是有效的备份文件"):
        restore(sqlite_path, copy, ADMIN)
    foreign = tmp_path / "foreign.sqlite3"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    with pytest.raises(BackupError, match="不是本程序的备份（缺少数据表"):
        restore(sqlite_path, foreign, ADMIN)
    (tmp_path / "text.sqlite3").write_text("hello" * 500)
    with pytest.raises(BackupError, match="不是有效的备份文件"):
        restore(sqlite_path, tmp_path / "text.sqlite3", ADMIN)
    db = open_database(sqlite_path)
    assert fingerprint(db) == expected
    db.dispose()
    assert not list(tmp_path.glob("*.before-restore-*"))


def test_a_newer_backup_is_refused(sqlite_db, tmp_path):
    copy = backup(sqlite_db, tmp_path / "b.sqlite3", ADMIN)
    con = sqlite3.connect(copy)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    with pytest.raises(BackupError, match="比本程序新"):
        restore(tmp_path / "target.sqlite3", copy, ADMIN)


def test_postgres_backup_is_a_portable_file_and_restores_into_an_empty_database(pg_db, pg_template, actor, tmp_path):
    fill(pg_db, actor, n=60)
    with pg_db.session() as s:  # a moved organization: its parent has a larger id
        from models.enums import OrgKind
        from models.services.orgs import create_org, find_org, move_org

        new = create_org(s, actor, name="中共某某县新区工委", kind=OrgKind.COMMITTEE)
        move_org(s, actor, find_org(s, "东城镇党委", actor).id, new.id)
        s.commit()
    expected = fingerprint(pg_db)
    file = backup(pg_db, tmp_path / "pg.sqlite3", ADMIN)
    portable = open_database(file)
    assert fingerprint(portable) == expected
    portable.dispose()

    name = pg_create_database(template=pg_template)
    try:
        target = pg_url(name)
        restore(target, file, ADMIN)
        db = open_database(target)
        assert fingerprint(db) == expected
        with db.session() as s:  # the sequences continue after the restored ids
            me = access.login(s, "管理员", "admin-pass")
            member = create_member(s, me, member_values(500))
            s.commit()
            assert member.id > expected[0]["member"]
        db.dispose()
        with pytest.raises(BackupError, match="目标数据库不是空的"):
            restore(target, file, ADMIN)
    finally:
        pg_drop_database(name)


def test_prune_keeps_the_newest_30(tmp_path):
    for day in range(1, 36):
        (tmp_path / f"dangjian-202611{day:02d}-120000.sqlite3").write_bytes(b"")
    deleted = prune_backups(tmp_path)
    assert len(deleted) == 5
    assert newest_backup(tmp_path).name == "dangjian-20261135-120000.sqlite3"
    assert len(list(tmp_path.glob("dangjian-*.sqlite3"))) == 30
    assert newest_backup(tmp_path / "none") is None


def test_cli_backup_then_damaged_database_names_the_newest_backup(sqlite_path, actor, capsys, monkeypatch):
    db = open_database(sqlite_path)
    fill(db, actor, n=10)
    checkpoint(db)
    db.dispose()
    monkeypatch.setenv("DANGJIAN_PASSWORD", "admin-pass")
    assert main(["--db", str(sqlite_path), "--user", "管理员", "backup"]) == 0
    out = capsys.readouterr().out
    assert "已备份到：" in out
    made = out.split("已备份到：", 1)[1].strip()
    damage(sqlite_path, header=True, size=100)
    assert main(["--db", str(sqlite_path), "check"]) == 2
    err = capsys.readouterr().err
    assert "不是本程序的数据库" in err
    assert f"最近的备份：{made}" in err and "dangjian restore" in err
    with pytest.raises(DatabaseOpenError):
        open_database(sqlite_path)
    assert main(["--db", str(sqlite_path), "restore", made]) == 0
    assert "已从" in capsys.readouterr().out
    assert main(["--db", str(sqlite_path), "--user", "管理员", "check"]) == 0


def test_cli_restore_over_a_good_database_needs_an_administrator(sqlite_path, actor, tmp_path, capsys, monkeypatch):
    db = open_database(sqlite_path)
    fill(db, actor, n=5)
    copy = backup(db, tmp_path / "b.sqlite3", ADMIN)
    db.dispose()
    monkeypatch.setenv("DANGJIAN_PASSWORD", "east-pass")
    assert main(["--db", str(sqlite_path), "--user", "东城", "restore", str(copy)]) == 3
    monkeypatch.setenv("DANGJIAN_PASSWORD", "admin-pass")
    assert main(["--db", str(sqlite_path), "--user", "管理员", "restore", str(copy)]) == 0


def test_daily_backup_once_a_day_keeping_30(sqlite_db, tmp_path):
    from datetime import datetime

    from models.backup import daily_backup

    folder = tmp_path / "auto"
    first = daily_backup(sqlite_db, folder, datetime(2026, 11, 23, 9, 0))
    assert first is not None and first.name == "dangjian-20261123-090000.sqlite3"
    assert daily_backup(sqlite_db, folder, datetime(2026, 11, 23, 17, 0)) is None
    for day in range(1, 32):
        daily_backup(sqlite_db, folder, datetime(2026, 12, day, 9, 0))
    assert len(list(folder.glob("dangjian-*.sqlite3"))) == 30
    assert newest_backup(folder).name == "dangjian-20261231-090000.sqlite3"
