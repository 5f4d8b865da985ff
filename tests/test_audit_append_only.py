"""The audit log is append-only at the database level, on both engines (raw SQL)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DatabaseError

from models.audit import AuditEntry


def test_update_and_delete_fail_in_the_database(db, county):
    with db.engine.connect() as conn:
        before = conn.scalar(select(func.count()).select_from(AuditEntry))
        assert before > 0
        for sql in ("UPDATE audit_log SET account = 'x'", "DELETE FROM audit_log",
                    "UPDATE audit_log SET changes = '{}' WHERE id = 1"):
            with pytest.raises(DatabaseError, match="审计日志不可修改"):
                conn.execute(text(sql))
            conn.rollback()
        if db.engine.dialect.name == "postgresql":
            with pytest.raises(DatabaseError, match="审计日志不可修改"):
                conn.execute(text("TRUNCATE audit_log"))
            conn.rollback()
        assert conn.scalar(select(func.count()).select_from(AuditEntry)) == before
        conn.execute(text("INSERT INTO audit_log (at, account, action, entity, changes) "
                          "VALUES (CURRENT_TIMESTAMP, 'x', 'note', 'test', '{}')"))
        conn.commit()
        assert conn.scalar(select(func.count()).select_from(AuditEntry)) == before + 1
