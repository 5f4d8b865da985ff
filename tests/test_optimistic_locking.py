"""Issue 13: the version check is done by the database (version_id_col): of two clerks who opened
the same member and both save, exactly one succeeds; the other is told which fields changed."""

from __future__ import annotations

import multiprocessing

import pytest
from sqlalchemy import select

from models.audit import AuditEntry
from models.errors import ConflictError
from models.member import Member
from models.services import members as ms
from models.services.common import flush_versioned
from tests.factories import build_county, member_values


def _member(db, actor) -> int:
    with db.session() as s:
        build_county(s, actor)
        m = ms.create_member(s, actor, member_values(7))
        s.commit()
        return m.id


def test_two_sessions_save_the_same_member_exactly_one_succeeds(db, actor):
    mid = _member(db, actor)
    first, second = db.session(), db.session()
    try:
        assert first.get(Member, mid).version == second.get(Member, mid).version == 1  # both opened v1
        ms.update_member(first, actor, mid, {"phone": "13911112222", "address": "东街1号"}, expected_version=1)
        first.commit()
        with pytest.raises(ConflictError) as err:
            ms.update_member(second, actor, mid, {"position": "村医"}, expected_version=1)
        text = str(err.value)
        assert text.startswith("党员“") and "已被其他办事员修改" in text
        assert "您打开的是第1版，现在是第2版，改动了：联系电话、家庭住址" in text
    finally:
        first.close()
        second.close()
    with db.session() as s:
        m = s.get(Member, mid)
        assert (m.version, m.phone, m.position) == (2, "13911112222", None)
        updates = s.scalars(select(AuditEntry.action).where(AuditEntry.entity == "member",
                                                             AuditEntry.entity_id == mid)).all()
        assert updates == ["create", "update"]  # the refused save left no audit row


def test_the_update_statement_carries_the_version_read(db, actor):
    """Not a Python comparison: the row changed under the session's feet is caught by the UPDATE."""
    mid = _member(db, actor)
    with db.session() as s:
        m = s.get(Member, mid)
        with db.engine.begin() as conn:  # another program bumps the row behind the ORM's back
            conn.execute(Member.__table__.update().where(Member.__table__.c.id == mid)
                         .values(version=5, phone="13700000000"))
        m.position = "会计"
        with pytest.raises(ConflictError, match="现在是第5版"):
            flush_versioned(s, m, "member")


def _save_in_process(url: str, mid: int, phone: str, barrier, results) -> None:
    from models.actor import Actor
    from models.db import open_database
    from models.errors import ConflictError as Conflict
    from models.member import Member as M
    from models.services import members

    db = open_database(url, migrate=False)
    try:
        with db.session() as s:
            s.get(M, mid)  # the clerk opened the record (version 1)
            s.commit()
            barrier.wait()
            try:
                members.update_member(s, Actor("测试员", "管理员"), mid, {"phone": phone}, expected_version=1)
                s.commit()
                results.put(("saved", phone))
            except Conflict as exc:
                results.put(("conflict", str(exc)))
    finally:
        db.dispose()


@pytest.mark.postgres
def test_two_processes_save_the_same_member_on_postgresql(pg_db, actor):
    mid = _member(pg_db, actor)
    url = pg_db.engine.url.render_as_string(hide_password=False)
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=_save_in_process, args=(url, mid, phone, barrier, results))
             for phone in ("13900000001", "13900000002")]
    for p in procs:
        p.start()
    got = [results.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    kinds = sorted(k for k, _ in got)
    assert kinds == ["conflict", "saved"]
    saved = next(v for k, v in got if k == "saved")
    conflict = next(v for k, v in got if k == "conflict")
    assert "已被其他办事员修改" in conflict and "改动了：联系电话" in conflict
    with pg_db.session() as s:
        m = s.get(Member, mid)
        assert (m.version, m.phone) == (2, saved)
