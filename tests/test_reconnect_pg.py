"""A PostgreSQL connection that drops (the server restarted, an idle connection cut by the network)
costs the clerk nothing on a read and is said plainly on a change (docs/network.md): no ping per
checkout; a pooled connection the server closed is replaced at checkout; a read that meets a
dropped connection is read once more; a change is never silently retried."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import event, select, text

from models.db import CONNECTION_LOST, ConnectionLost
from models.settings import Setting, get_setting, set_setting

pytestmark = pytest.mark.postgres


def _kill(pid: int) -> None:
    """pg_terminate_backend, then wait until the backend is gone."""
    from tests.conftest import _pg_admin_engine

    engine = _pg_admin_engine()
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid}).scalar()
            for _ in range(100):
                if not conn.execute(text("SELECT 1 FROM pg_stat_activity WHERE pid = :p"), {"p": pid}).first():
                    return
                time.sleep(0.05)
        raise AssertionError(f"backend {pid} did not end")
    finally:
        engine.dispose()


def _pid(session) -> int:
    return session.scalar(text("SELECT pg_backend_pid()"))


def test_no_ping_per_checkout(pg_db):
    assert not pg_db.engine.pool._pre_ping
    statements = []
    event.listen(pg_db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    pg_db.read(lambda s: s.scalar(select(1)))
    statements.clear()
    assert pg_db.read(lambda s: s.scalar(select(2))) == 2
    assert len(statements) == 1, statements  # no ping, no BEGIN, no ROLLBACK: the statement alone


def test_a_pooled_connection_the_server_closed_is_replaced_at_checkout(pg_db):
    before = pg_db.read(_pid)  # the connection goes back to the pool
    _kill(before)
    after = pg_db.read(_pid)  # no error: a new connection
    assert after != before


def test_a_read_that_meets_a_dropped_connection_is_read_again(pg_db):
    calls = []

    def read(session):
        calls.append(_pid(session))
        if len(calls) == 1:
            _kill(calls[0])  # the connection drops in the middle of the read
        return session.scalar(select(Setting.value).where(Setting.key == "county_name")) or "默认"

    assert pg_db.read(read) == "默认"
    assert len(calls) == 2 and calls[0] != calls[1]


def test_a_change_on_a_dropped_connection_fails_clearly_and_is_not_retried(pg_db):
    writes = []
    event.listen(pg_db.engine, "before_cursor_execute",
                 lambda *a: writes.append(a[2]) if a[2].lstrip().upper().startswith("INSERT") else None)
    with pytest.raises(ConnectionLost) as caught:
        with pg_db.transaction() as s:
            _kill(_pid(s))
            s.add(Setting(key="letter_contact", value="张三"))
            s.flush()
    assert str(caught.value) == CONNECTION_LOST
    assert "不会自动重做" in str(caught.value)
    assert len(writes) == 1  # tried once, not again
    assert pg_db.read(lambda s: get_setting(s, "letter_contact")) == ""  # nothing saved
    with pg_db.transaction() as s:  # the next change works on a new connection
        set_setting(s, "letter_contact", "李四")
    assert pg_db.read(lambda s: get_setting(s, "letter_contact")) == "李四"


def test_a_read_session_refuses_changes(pg_db):
    from models.db import ReadOnlySession

    with pytest.raises(ReadOnlySession):
        pg_db.read(lambda s: (set_setting(s, "letter_contact", "王五"), s.flush()))
    assert pg_db.read(lambda s: get_setting(s, "letter_contact")) == ""
