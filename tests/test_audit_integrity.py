"""The audit log is a hash chain: `dangjian audit verify` names every edited, deleted or forged
row; the check at open warns; the append-only triggers are checked and put back; backups and
restores are written in the log; on PostgreSQL the clerks' role cannot touch the log."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from alembic import command
from sqlalchemy import create_engine, func, select, text

from desktop.cli import main
from models.actor import Actor
from models.audit import SQLITE_TRIGGERS, AuditEntry, AuditHead, record, verify_chain
from models.db import alembic_config, open_database
from models.roles import Role
from models.services.auditlog import verify_audit_log
from models.services.members import create_member
from tests.conftest import pg_create_database, pg_drop_database, pg_url
from tests.factories import build_county, member_values

ADMIN = Actor("管理员", Role.ADMIN)


@pytest.fixture
def county_file(sqlite_path):
    db = open_database(sqlite_path)
    with db.session() as s:
        build_county(s, Actor("测试员", Role.ADMIN))
        for i in range(1, 4):
            create_member(s, Actor("测试员", Role.ADMIN), member_values(i))
        s.commit()
    db.dispose()
    return sqlite_path


def tamper(path, *statements, keep_triggers_off=False):
    """What someone with the file and an SQLite tool could do: triggers off, change, triggers on."""
    con = sqlite3.connect(path)
    for name in SQLITE_TRIGGERS:
        con.execute(f"DROP TRIGGER IF EXISTS {name}")
    for sql in statements:
        con.execute(sql)
    if not keep_triggers_off:
        for sql in SQLITE_TRIGGERS.values():
            con.execute(sql)
    con.commit()
    con.close()


def rows(path):
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT id, seq, account, action, note FROM audit_log ORDER BY id").fetchall()
    finally:
        con.close()


def test_an_intact_log_verifies(county_file, capsys):
    assert main(["--db", str(county_file), "audit", "verify"]) == 0
    n = len(rows(county_file))
    assert f"审计日志完整：共{n}条记录，校验通过" in capsys.readouterr().out
    assert [r[1] for r in rows(county_file)] == list(range(1, n + 1))


def test_verify_names_edited_deleted_and_forged_rows(county_file, capsys):
    last = rows(county_file)[-1][0]
    tamper(county_file,
           "UPDATE audit_log SET account = '冒名' WHERE id = 3",
           "DELETE FROM audit_log WHERE id = 5",
           "INSERT INTO audit_log (at, account, action, entity, changes) "
           "VALUES ('2026-11-30 10:00:00.000000', '伪造者', 'update', 'member', '{}')")
    forged = rows(county_file)[-1][0]
    assert main(["--db", str(county_file), "audit", "verify"]) == 1
    captured = capsys.readouterr()
    out = captured.out
    assert "审计记录内容被修改：编号3，" in out and "账号冒名" in out
    assert "审计记录被删除：第5条" in out and "下一条为编号6，" in out
    assert f"审计记录系程序之外写入（伪造，无校验值）：编号{forged}，时间2026-11-30 10:00:00，账号伪造者" in out
    assert "审计日志完整性检查未通过：发现3处问题" in captured.err
    assert forged > last


def test_verify_finds_the_newest_rows_deleted_and_a_row_forged_past_the_head(county_file, capsys):
    assert main(["--db", str(county_file), "audit", "verify"]) == 0  # (the first login makes 管理员)
    n = len(rows(county_file))
    tamper(county_file, f"DELETE FROM audit_log WHERE id = {n}")
    assert main(["--db", str(county_file), "audit", "verify"]) == 1
    assert f"最新的1条审计记录被删除（第{n}至{n}条）" in capsys.readouterr().out
    tamper(county_file,
           "INSERT INTO audit_log (at, account, action, entity, changes, seq, hash) "
           f"VALUES ('2026-11-30 10:00:00', '伪造者', 'create', 'member', '{{}}', {n + 5}, '{'ab' * 32}')")
    assert main(["--db", str(county_file), "audit", "verify"]) == 1
    assert "审计记录系程序之外写入（伪造）：" in capsys.readouterr().out


def test_verify_service_on_both_engines(db, county, actor):
    with db.session() as s:
        assert verify_audit_log(s, actor).faults == []
        s.commit()
    if db.engine.dialect.name == "postgresql":
        with db.engine.begin() as conn:  # the owner can switch the triggers off
            conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change"))
            conn.execute(text("UPDATE audit_log SET account = '冒名' WHERE id = 2"))
    else:
        tamper(db.engine.url.database, "UPDATE audit_log SET account = '冒名' WHERE id = 2",
               keep_triggers_off=True)
    with db.session() as s:
        faults = verify_audit_log(s, actor).faults
    assert any(f.startswith("审计记录内容被修改：编号2，") for f in faults)
    expected = "已被停用（audit_log_no_change）" if db.engine.dialect.name == "postgresql" else "缺失（audit_log_no_update）"
    assert any(expected in f for f in faults)
    with db.session() as s:
        with pytest.raises(Exception, match="无权查看审计日志"):
            verify_audit_log(s, Actor("东城", "乡镇办事员", county.east.id))


def test_the_migration_hashes_existing_rows(tmp_path):
    path = tmp_path / "old.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    command.upgrade(alembic_config(engine), "0006")
    with engine.begin() as conn:
        for i in range(3):
            conn.execute(text("INSERT INTO audit_log (at, account, action, entity, entity_id, changes) "
                              f"VALUES ('2026-10-0{i + 1} 09:00:00.000000', '老账号', 'create', 'member', {i}, '{{}}')"))
    engine.dispose()
    db = open_database(path)
    assert db.warnings == []
    with db.engine.connect() as conn:
        faults, seq, _last = verify_chain(conn)
        assert faults == [] and seq == 3
        assert conn.execute(select(AuditEntry.seq).order_by(AuditEntry.id)).scalars().all() == [1, 2, 3]
    with db.session() as s:  # the chain goes on from the migrated rows
        record(s, "管理员", "update", "setting", None, {"x": [1, 2]})
        s.commit()
        assert verify_audit_log(s, ADMIN).faults == []
        assert s.scalar(select(AuditEntry.seq).order_by(AuditEntry.id.desc()).limit(1)) == 4
    db.dispose()


def test_open_warns_and_remembers_the_verified_position(county_file, capsys):
    db = open_database(county_file)
    assert db.warnings == []
    n = len(rows(county_file))
    with db.session() as s:
        assert s.scalar(select(AuditHead.verified_seq)) == n
    db.dispose()
    tamper(county_file, "DELETE FROM audit_log WHERE id = 2")  # a row already verified
    db = open_database(county_file)
    assert any("审计日志完整性检查未通过" in w and "缺少1条" in w for w in db.warnings)
    db.dispose()
    tamper(county_file, f"UPDATE audit_log SET note = '改过' WHERE id = {n}")  # the verified anchor
    assert main(["--db", str(county_file), "--user", "管理员", "check"]) == 0
    err = capsys.readouterr().err
    assert "警告：审计日志完整性检查未通过：" in err and f"已核验过的审计记录被改动：编号{n}，" in err


def test_missing_triggers_warned_at_open_and_put_back_by_init(county_file, capsys):
    tamper(county_file, keep_triggers_off=True)
    db = open_database(county_file)
    assert "审计日志保护触发器缺失（audit_log_no_update）" in db.warnings
    db.dispose()
    assert main(["--db", str(county_file), "init"]) == 0
    assert "警告：审计日志保护触发器缺失（audit_log_no_update），已恢复" in capsys.readouterr().err
    con = sqlite3.connect(county_file)
    with pytest.raises(sqlite3.DatabaseError, match="审计日志不可修改"):
        con.execute("DELETE FROM audit_log")
    con.close()
    assert open_database(county_file).warnings == []


def test_backup_and_restore_are_written_in_the_log_and_restore_puts_triggers_back(county_file, tmp_path, capsys):
    out = tmp_path / "copy.sqlite3"
    assert main(["--db", str(county_file), "--user", "管理员", "backup", "--out", str(out)]) == 0
    last = rows(county_file)[-1]
    assert last[2:4] == ("管理员", "backup") and str(out) in last[4]
    tamper(out, keep_triggers_off=True)  # a backup whose triggers someone removed
    target = tmp_path / "restored.sqlite3"
    assert main(["--db", str(target), "--user", "管理员", "restore", str(out)]) == 0
    assert "警告：审计日志保护触发器缺失（audit_log_no_update），已恢复" in capsys.readouterr().err
    last = rows(target)[-1]
    assert last[2:4] == ("管理员", "restore") and str(out) in last[4]
    assert main(["--db", str(target), "audit", "verify"]) == 0
    con = sqlite3.connect(target)
    with pytest.raises(sqlite3.DatabaseError, match="审计日志不可修改"):
        con.execute("UPDATE audit_log SET account = 'x'")
    con.close()


@pytest.mark.postgres
def test_concurrent_writers_extend_one_chain(pg_db, actor):
    with pg_db.session() as s:
        build_county(s, actor)
        s.commit()
    errors = []

    def work(k):
        try:
            for i in range(15):
                with pg_db.session() as s:
                    for j in range(3):
                        record(s, f"办事员{k}", "update", "member", i, {"n": [j, j + 1]})
                    s.commit()
        except Exception as exc:  # pragma: no cover - the point of the test
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with pg_db.session() as s:
        assert verify_audit_log(s, actor).faults == []
        n = s.scalar(select(func.count()).select_from(AuditEntry))
        assert s.scalar(select(func.max(AuditEntry.seq))) == n


def test_bulk_writes_join_the_chain(tmp_path, capsys):
    """The demo (Core bulk inserts) and a roster import (the SQLite executemany path) leave an
    intact chain."""
    from tests.test_import_members import row_of, write_roster

    demo = tmp_path / "demo.sqlite3"
    assert main(["--db", str(demo), "demo", "--scale", "small", "--seed", "2"]) == 0
    path = tmp_path / "x.sqlite3"
    assert main(["--db", str(path), "init", "--county", "中共某某县委员会"]) == 0
    db = open_database(path)
    with db.session() as s:
        build_county(s, Actor("测试员", Role.ADMIN))
        s.commit()
    db.dispose()
    roster = write_roster(tmp_path / "r.xlsx", [row_of(member_values(n)) for n in range(1, 21)])
    assert main(["--db", str(path), "import", "members", str(roster)]) == 0
    assert sum(1 for r in rows(path) if r[3] == "create" and r[4] and "导入" in r[4]) == 20
    capsys.readouterr()
    for target in (demo, path):
        assert main(["--db", str(target), "audit", "verify"]) == 0
        assert "校验通过" in capsys.readouterr().out


@pytest.mark.postgres
def test_a_postgres_backup_keeps_a_forgery_and_restore_refuses_it(pg_db, pg_template, actor, tmp_path):
    """A backup copies the log as it is (a forged row is evidence); a restore checks the whole file
    first and refuses it, naming the row (issue 31, docs/tamper-evidence.md)."""
    from models.backup import BackupError, backup, restore

    with pg_db.session() as s:
        build_county(s, actor)
        s.commit()
    with pg_db.engine.begin() as conn:  # a row written outside the program stays a forgery
        conn.execute(text("INSERT INTO audit_log (at, account, action, entity, changes) "
                          "VALUES ('2026-11-30 10:00:00', '伪造者', 'update', 'member', '{}')"))
    file = backup(pg_db, tmp_path / "pg.sqlite3", actor)
    name = pg_create_database(template=pg_template)
    try:
        with pytest.raises(BackupError, match="审计记录系程序之外写入（伪造，无校验值）.*账号伪造者"):
            restore(pg_url(name), file, Actor("管理员", Role.ADMIN))
        db = open_database(pg_url(name))
        with db.engine.connect() as conn:
            assert conn.scalar(select(func.count()).select_from(AuditEntry)) == 0
        db.dispose()
    finally:
        pg_drop_database(name)



def test_the_audit_json_of_new_records_is_what_json_dumps_gives():
    """CreationChanges (a bulk import's audit texts, made fast) gives each record what json.dumps
    gives: empty and false fields left out, dates and enums as text."""
    import json
    from datetime import date, datetime

    from models.audit import CreationChanges, plain
    from models.enums import Gender

    records = [
        {"name": "张三\"", "born": date(1975, 7, 1), "gender": Gender.MALE, "n": 0, "flag": False, "x": None,
         "at": datetime(2026, 1, 2, 3, 4, 5)},
        {"name": "李四", "born": None, "gender": Gender.FEMALE, "n": 3, "flag": True, "x": 1.5},
        {},
    ]
    changes = CreationChanges()
    for r in records:
        assert changes(r) == json.dumps({k: [None, plain(v)] for k, v in r.items() if v not in (None, False)},
                                        ensure_ascii=False)


def test_a_protection_function_emptied_by_the_owner_is_reported_at_open(db, county):
    """The triggers stay enabled but their function lets every change through: the check at open
    says so (PostgreSQL: the triggers and the function's body are read in one statement)."""
    from models.audit import check_at_open

    if db.engine.dialect.name != "postgresql":
        pytest.skip("the function body is PostgreSQL's (SQLite's triggers are compared whole)")
    assert not [w for w in check_at_open(db.engine) if "保护触发器" in w]
    with db.engine.begin() as conn:
        conn.execute(text("CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger "
                          "LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$"))
    assert any("审计日志保护触发器被改动（函数 audit_log_append_only）" in w for w in check_at_open(db.engine))
    with db.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER audit_log_no_change ON audit_log"))
    warnings = check_at_open(db.engine)
    assert any("（audit_log_no_change）" in w for w in warnings)
