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



def insert_returning_ids(session: Session, model: type, rows: list[dict[str, Any]]) -> list[int]:
    """Bulk insert (Core, on the session's connection), returning the new ids in the rows' order.

    An ORM bulk insert of many thousand rows with RETURNING splices its batches' results in
    quadratic time (25,000 rows took over a minute); the Core statement does not.
    """
    from sqlalchemy import insert

    if not rows:
        return []
    table = model.__table__
    stmt = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(session.connection().execute(stmt, rows).scalars())
