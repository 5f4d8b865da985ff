"""Issue 31 item 3: restore only what verifies (the audit chain, foreign keys, the schema
revision, the constraints), nothing replaced otherwise; the restore and its audit row are one
transaction (docs/tamper-evidence.md)."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest
from sqlalchemy import select

from models.actor import Actor
from models.audit import AuditEntry
from models.backup import BackupError, backup, restore
from models.db import open_database
from models.roles import Role
from tests.test_backup import checkpoint, fill

ADMIN = Actor("管理员", Role.ADMIN)


@pytest.fixture
def made(sqlite_path, actor, tmp_path):
    """A filled database (checkpointed, closed) and a good backup of it."""
    db = open_database(sqlite_path)
    fill(db, actor, n=20)
    copy = backup(db, tmp_path / "b.sqlite3", ADMIN)
    checkpoint(db)
    db.dispose()
    return sqlite_path, copy


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _sql(path, *statements):
    con = sqlite3.connect(path)
    try:
        for sql in statements:
            con.execute(sql)
        con.commit()
    finally:
        con.close()


def flip_one_bit_in_audit_data(path) -> None:
    data = bytearray(path.read_bytes())
    at = data.index("首次运行创建管理员".encode()) - 3  # inside the audit row's JSON, an ASCII byte
    while not 0x61 <= data[at] <= 0x7a:
        at -= 1
    data[at] ^= 0x01
    path.write_bytes(bytes(data))


def edit_an_audit_row(path) -> None:
    _sql(path, "DROP TRIGGER audit_log_no_update",
         "UPDATE audit_log SET account = '某人' WHERE seq = 3")


def member_pointing_nowhere(path) -> None:
    _sql(path, "UPDATE member SET org_id = 987654 WHERE id = (SELECT MIN(id) FROM member)")


def placement_pointing_nowhere(path) -> None:
    _sql(path, "UPDATE placement SET member_id = 987655 WHERE id = (SELECT MAX(id) FROM placement)")


@pytest.mark.parametrize("harm, said", [
    (flip_one_bit_in_audit_data, "审计日志审计记录内容被修改"),
    (edit_an_audit_row, "审计日志审计记录内容被修改：编号3"),
    (member_pointing_nowhere, "数据表 member 第1行的 org_id（987654）指向不存在的 organization 记录"),
    (placement_pointing_nowhere, "的 member_id（987655）指向不存在的 member 记录"),
])
def test_a_damaged_backup_is_refused_naming_the_fault_and_the_target_stays_as_it_was(made, harm, said):
    target, copy = made
    harm(copy)
    before = digest(target)
    with pytest.raises(BackupError) as err:
        restore(target, copy, ADMIN)
    assert said in str(err.value) and "未做任何恢复" in str(err.value)
    assert digest(target) == before
    assert not list(target.parent.glob("*.before-restore-*"))
    assert not list(target.parent.glob("*.part"))


def test_a_value_outside_its_list_and_a_missing_column_are_refused(made):
    target, copy = made
    _sql(copy, "UPDATE member SET gender = '其他' WHERE id = (SELECT MIN(id) FROM member)")
    with pytest.raises(BackupError, match="数据表 member 第1行的 gender 值“其他”不是有效取值"):
        restore(target, copy, ADMIN)
    _sql(copy, "UPDATE member SET gender = '男'", "ALTER TABLE member DROP COLUMN phone")
    with pytest.raises(BackupError, match="数据表 member 缺少字段 phone（与数据库版本不符）"):
        restore(target, copy, ADMIN)


def test_a_good_backup_restores_with_its_audit_row(made):
    target, copy = made
    result = restore(target, copy, ADMIN)
    assert result.aside is not None
    db = open_database(target)
    try:
        with db.session() as s:
            last = s.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
        assert last.action == "restore" and str(copy) in last.note
        assert db.warnings == []
    finally:
        db.dispose()


KILL_AFTER_REPLACE = """
    import os, signal, sys
    from models import backup
    from models.actor import Actor
    from models.roles import Role
    real = backup._replace_target
    def replace_then_die(source, path):
        real(source, path)
        os.kill(os.getpid(), signal.SIGKILL)
    backup._replace_target = replace_then_die
    backup.restore(sys.argv[1], sys.argv[2], Actor("管理员", Role.ADMIN))
"""


def test_a_restore_killed_right_after_its_commit_leaves_the_new_data_with_its_audit_row(made):
    target, copy = made
    run = subprocess.run([sys.executable, "-c", textwrap.dedent(KILL_AFTER_REPLACE), str(target), str(copy)],
                         env={**os.environ}, capture_output=True, text=True)
    assert run.returncode == -signal.SIGKILL, run.stderr
    db = open_database(target)
    try:
        with db.session() as s:
            last = s.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
        assert last.action == "restore" and str(copy) in last.note
        assert db.warnings == []
    finally:
        db.dispose()


KILL_BEFORE_REPLACE = KILL_AFTER_REPLACE.replace("""        real(source, path)
        os.kill(os.getpid(), signal.SIGKILL)""", """        os.kill(os.getpid(), signal.SIGKILL)""")


def test_a_restore_killed_before_its_commit_leaves_the_old_database(made):
    target, copy = made
    before = digest(target)
    run = subprocess.run([sys.executable, "-c", textwrap.dedent(KILL_BEFORE_REPLACE), str(target), str(copy)],
                         env={**os.environ}, capture_output=True, text=True)
    assert run.returncode == -signal.SIGKILL, run.stderr
    assert digest(target) == before


@pytest.mark.postgres
def test_a_postgresql_restore_writes_its_audit_row_with_the_rows(pg_db, pg_template, actor, tmp_path):
    from models.audit import verify_chain
    from tests.conftest import pg_create_database, pg_drop_database, pg_url

    fill(pg_db, actor, n=5)
    file = backup(pg_db, tmp_path / "pg.sqlite3", ADMIN)
    name = pg_create_database(template=pg_template)
    try:
        restore(pg_url(name), file, ADMIN)
        db = open_database(pg_url(name))
        with db.engine.connect() as conn:
            faults, _seq, _last = verify_chain(conn)
            last = conn.execute(select(AuditEntry.action, AuditEntry.note)
                                .order_by(AuditEntry.seq.desc()).limit(1)).one()
        db.dispose()
        assert faults == [] and last.action == "restore" and str(file) in last.note
    finally:
        pg_drop_database(name)
