"""Helpers shared by the services: optimistic version checks and audited updates."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from ..actor import Actor
from ..audit import diff, plain, record
from ..errors import ConflictError, NotFound


def get_or_fail(session: Session, model: type, entity_id: int, what: str) -> Any:
    obj = session.get(model, entity_id)
    if obj is None:
        raise NotFound(f"找不到{what}（编号{entity_id}）")
    return obj


def check_version(obj: Any, expected: int | None, what: str) -> None:
    if expected is not None and obj.version != expected:
        raise ConflictError(
            f"{what}已被其他办事员修改（您打开的是第{expected}版，现在是第{obj.version}版），"
            "请重新打开后再保存。"
        )


def snapshot(obj: Any) -> dict[str, Any]:
    """Column values of a record, for the audit log."""
    mapper = inspect(obj).mapper
    skip = {"version", "created_at", "updated_at"}
    return {c.key: getattr(obj, c.key) for c in mapper.column_attrs if c.key not in skip}


def apply_changes(
    session: Session,
    actor: Actor,
    obj: Any,
    changes: dict[str, Any],
    entity: str,
    action: str = "update",
    note: str | None = None,
) -> dict[str, list[Any]]:
    """Set fields, bump the version, write one audit row with old → new; returns the diff."""
    before = {k: getattr(obj, k) for k in changes}
    changed = diff(before, changes)
    if not changed:
        return {}
    for key, value in changes.items():
        setattr(obj, key, value)
    obj.version = (obj.version or 0) + 1
    obj.updated_at = datetime.now().replace(microsecond=0)
    session.flush()
    record(session, actor.name, action, entity, obj.id, changed, note)
    return changed


def created(session: Session, actor: Actor, obj: Any, entity: str, note: str | None = None) -> None:
    """Flush a new record and audit its fields as [None, value]."""
    session.add(obj)
    session.flush()
    fields = {k: [None, plain(v)] for k, v in snapshot(obj).items() if v is not None}
    record(session, actor.name, "create", entity, obj.id, fields, note)



def insert_rows(session: Session, model: type, rows: list[dict[str, Any]]) -> None:
    """Bulk insert of many rows with the same keys, in the session's transaction.

    On SQLite the values go through each column type's bind processor and straight to the
    driver's executemany (SQLAlchemy's per-row machinery was most of a 25,000-row import);
    elsewhere a Core executemany. Scalar column defaults fill the columns the rows leave out.
    """
    from sqlalchemy import insert

    if not rows:
        return
    table = model.__table__
    conn = session.connection()
    dialect = conn.dialect
    keys = set(rows[0])
    defaults = {
        c.key: c.default.arg
        for c in table.columns
        if c.key not in keys and c.default is not None and c.default.is_scalar
    }
    if defaults:
        rows = [defaults | r for r in rows]
        keys |= set(defaults)
    if table.name == "audit_log":  # the rows join the audit log's hash chain
        from ..audit import seal

        rows = seal(conn, rows)
        keys = set(rows[0])
    if dialect.name != "sqlite":
        conn.execute(insert(table), rows)
        return
    columns = [c for c in table.columns if c.key in keys]
    processors = [c.type.dialect_impl(dialect).bind_processor(dialect) for c in columns]
    pairs = list(zip([c.key for c in columns], processors, strict=True))
    sql = (
        f'INSERT INTO "{table.name}" ({", ".join(dialect.identifier_preparer.quote(c.name) for c in columns)}) '
        f'VALUES ({", ".join("?" for _ in columns)})'
    )
    conn.exec_driver_sql(sql, list(zip(*(_bound(rows, key, proc) for key, proc in pairs), strict=True)))


def _bound(rows: list[dict[str, Any]], key: str, proc: Any) -> list[Any]:
    """One column's values, through its bind processor (once per distinct value)."""
    values = [row[key] for row in rows]
    if proc is None:
        return values
    cache: dict[Any, Any] = {}
    try:
        return [cache[v] if v in cache else cache.setdefault(v, proc(v)) for v in values]
    except TypeError:  # an unhashable value
        return [proc(v) for v in values]
