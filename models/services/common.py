"""Helpers shared by the services: optimistic version checks and audited updates."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from operator import itemgetter
from typing import Any, TypeVar

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.orm.interfaces import ORMOption

from ..actor import Actor
from ..audit import diff, plain, record
from ..base import Base
from ..errors import ConflictError, NotFound

T = TypeVar("T")


def kept_while_reading(session: Session, key: Any, read: Callable[[], T]) -> T:
    """`read()`, kept for the rest of a reading session (a page's load, `session.info["read_only"]`),
    where several parts of one page ask for the same thing; read each time in a session that writes."""
    if not session.info.get("read_only"):
        return read()
    if key not in session.info:
        session.info[key] = read()
    return session.info[key]


@contextmanager
def many_rows() -> Iterator[None]:
    """The cyclic garbage collector paused while a query's rows for a whole county are read.

    Each row is a tuple the collector tracks: tens of thousands of them set it off again and
    again, and each pass walks every object of the program as well (in the window, half the time
    of reading the roster's index at 60,000 members). What is left over is collected as usual
    afterwards. An import (reports.imports) reads, checks and writes its rows under it too.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def get_or_fail(session: Session, model: type, entity_id: int, what: str,
                options: Sequence[ORMOption] = ()) -> Any:
    """The record, or NotFound naming it; `options` (joinedload(...)) load its relations with it."""
    obj: Any = session.get(model, entity_id, options=options)
    if obj is None:
        raise NotFound(f"找不到{what}（编号{entity_id}）")
    return obj


def conflict_message(what: str, expected: int, current: int | None, fields: list[str]) -> str:
    now = f"现在是第{current}版" if current is not None else "现在已不存在"
    named = f"，改动了：{'、'.join(fields)}" if fields else ""
    return (f"{what}已被其他办事员修改（您打开的是第{expected}版，{now}{named}），"
            "请重新打开后再保存。")


def fields_changed_since(session: Session, entity: str, entity_id: int, version: int) -> list[str]:
    """Labels of the fields changed after `version`: the audit rows after the first `version`.

    Every audited write makes one new version and one audit row (create is version 1).
    """
    from ..audit import AuditEntry
    from .auditlog import field_labels

    entries = list(session.scalars(
        select(AuditEntry).where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
        .order_by(AuditEntry.id)))
    labels = field_labels(entity)
    seen: list[str] = []
    for e in entries[version:]:
        for key in (e.changed or {}):
            label = labels.get(key, key)
            if label not in seen:
                seen.append(label)
    return seen


def check_version(obj: Any, expected: int | None, what: str, entity: str | None = None) -> None:
    """Refuse when the clerk's copy (`expected`) is older than the record; the database checks
    again when the change is written (`version_id_col`), for a change made in between."""
    if expected is not None and obj.version != expected:
        session = inspect(obj).session
        fields = (fields_changed_since(session, entity, obj.id, expected)
                  if entity and session is not None else [])
        raise ConflictError(conflict_message(what, expected, obj.version, fields))


def what_of(obj: Any, entity: str) -> str:
    """“党员“张三”的记录” and the like, for conflict messages."""
    kind = {"member": "党员", "organization": "党组织", "account": "账号", "pairing": "结对",
            "household": "户", "problem": "问题", "task": "工作任务", "letter": "函件",
            "evaluation_sheet": "评价表", "evaluation_round": "评价", "evaluation_scheme": "评价方案",
            }.get(entity, "记录")
    name = getattr(obj, "name", None) or getattr(obj, "head_name", None)
    return f"{kind}“{name}”的记录" if isinstance(name, str) else f"{kind}（编号{obj.id}）"


def flush_versioned(session: Session, obj: Any, entity: str, what: str | None = None) -> None:
    """Flush; when the database finds the row changed since it was read (the UPDATE matched no
    row at the version read), roll back and raise ConflictError naming the changed fields."""
    state = inspect(obj)
    read_version = state.committed_state.get("version", obj.__dict__.get("version"))
    obj_id, cls = obj.id, type(obj)
    label = what or what_of(obj, entity)
    try:
        session.flush()
    except StaleDataError:
        session.rollback()
        current = session.scalar(select(cls.version).where(cls.id == obj_id))
        fields = fields_changed_since(session, entity, obj_id, read_version or 0)
        raise ConflictError(conflict_message(label, read_version or 0, current, fields)) from None


#: the bookkeeping columns a record's audit rows leave out
NOT_AUDITED = frozenset({"version", "created_at", "updated_at"})


def snapshot(obj: Any) -> dict[str, Any]:
    """Column values of a record, for the audit log."""
    mapper = inspect(obj).mapper
    return {c.key: getattr(obj, c.key) for c in mapper.column_attrs if c.key not in NOT_AUDITED}


def created_fields(values: dict[str, Any]) -> dict[str, list[Any]]:
    """A new record's audit `changes`: each field not empty as [None, value], bookkeeping left out."""
    return {k: [None, plain(v)] for k, v in values.items() if v is not None and k not in NOT_AUDITED}


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
    obj.updated_at = datetime.now().replace(microsecond=0)
    flush_versioned(session, obj, entity)  # the mapper sets version + 1, WHERE version = read
    record(session, actor.name, action, entity, obj.id, changed, note)
    return changed


def created(session: Session, actor: Actor, obj: Any, entity: str, note: str | None = None) -> None:
    """Flush a new record and audit its fields as [None, value]."""
    created_all(session, actor, [obj], entity, note)


def created_all(session: Session, actor: Actor, objs: list[Any], entity: str, note: str | None = None) -> None:
    """Flush new records of one kind together and audit each one's fields as [None, value]."""
    session.add_all(objs)
    session.flush()
    for obj in objs:
        audit_created(session, actor, obj, entity, note)


def audit_created(session: Session, actor: Actor, obj: Any, entity: str, note: str | None = None) -> None:
    """The audit row of a record just flushed: its fields as [None, value]."""
    record(session, actor.name, "create", entity, obj.id, created_fields(snapshot(obj)), note)



def insert_rows(session: Session, model: type[Base], rows: list[dict[str, Any]],
                returning_ids: bool = False) -> list[int] | None:
    """Bulk insert of many rows with the same keys, in the session's transaction.

    On SQLite the values go through each column type's bind processor and straight to the
    driver's executemany (SQLAlchemy's per-row machinery was most of a 25,000-row import);
    elsewhere a Core executemany. Scalar column defaults fill the columns the rows leave out.
    `returning_ids`: elsewhere than on SQLite, the new rows' ids in the rows' order (INSERT …
    RETURNING); None on SQLite.
    """
    from sqlalchemy import insert

    if not rows:
        return [] if returning_ids else None
    table = model.__table__
    conn = session.connection()
    dialect = conn.dialect
    keys = set(rows[0])
    defaults = {
        c.key: c.default.arg  # type: ignore[attr-defined]  # is_scalar: a ScalarElementColumnDefault
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
        if returning_ids:
            stmt = insert(table).returning(table.c.id, sort_by_parameter_order=True)
            return list(conn.execute(stmt, rows).scalars())
        conn.execute(insert(table), rows)
        return None
    columns = [c for c in table.columns if c.key in keys]
    processors = [c.type.dialect_impl(dialect).bind_processor(dialect) for c in columns]
    pairs = list(zip([c.key for c in columns], processors, strict=True))
    sql = (
        f'INSERT INTO "{table.name}" ({", ".join(dialect.identifier_preparer.quote(c.name) for c in columns)}) '
        f'VALUES ({", ".join("?" for _ in columns)})'
    )
    conn.exec_driver_sql(sql, list(zip(*(_bound(rows, key, proc) for key, proc in pairs), strict=True)))
    return None


def _bound(rows: list[dict[str, Any]], key: str, proc: Any) -> list[Any]:
    """One column's values, through its bind processor (once per distinct value)."""
    values = list(map(itemgetter(key), rows))
    if proc is None:
        return values
    try:
        distinct = dict.fromkeys(values)
    except TypeError:  # an unhashable value
        return [proc(v) for v in values]
    for v in distinct:
        distinct[v] = proc(v)
    return list(map(distinct.__getitem__, values))
