"""New records written in bulk, each with the audit row its service writes (the demo county).

A service writes a record and its audit row one flush at a time; a generator of thousands of
records (the demo county) plans them in memory with `Bulk`, then writes each table with one
executemany and the audit rows, in the order the services would have written them, with one
sealed insert (models/audit.py). A record's audit row is the one `common.audit_created` writes:
its fields as [None, value], in the mapper's column order, empty ones left out.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func, inspect, select, update
from sqlalchemy.orm import Session

from ..actor import Actor
from ..audit import AuditEntry, audit_row, diff
from ..base import Base, Versioned
from .common import NOT_AUDITED, created_fields, insert_rows


class Bulk:
    """Records planned in memory with their ids and audit rows; `write()` writes them all.

    Ids are given here (after the largest in the table when the first record of a kind is
    planned), so a record can be referred to before it is written. Nothing else may write the
    tables concerned between planning and `write()`."""

    def __init__(self, session: Session, actor: Actor, now: datetime | None = None) -> None:
        self.session = session
        self.actor = actor
        self.now = now or datetime.now().replace(microsecond=0)
        self._rows: dict[type[Base], dict[int, dict[str, Any]]] = {}
        self._next: dict[type[Base], int] = {}
        self._columns: dict[type[Base], list[tuple[str, Any]]] = {}
        self._updates: dict[type[Base], list[dict[str, Any]]] = {}
        self._audits: list[dict[str, Any]] = []

    def add(self, model: type[Base], values: dict[str, Any]) -> int:
        """A new record (`values` without its id, the columns left out at their defaults), not
        audited; returns its id."""
        columns = self._columns.get(model)
        if columns is None:
            columns = self._columns[model] = _columns(model)
            self._next[model] = (self.session.scalar(select(func.max(model.id))) or 0) + 1  # type: ignore[attr-defined]
        unknown = set(values) - {k for k, _ in columns}
        if unknown:
            raise ValueError(f"{model.__name__} has no column {sorted(unknown)}")
        new_id = self._next[model]
        self._next[model] = new_id + 1
        row: dict[str, Any] = {"id": new_id}
        for key, default in columns:
            row[key] = values[key] if key in values else default
        if issubclass(model, Versioned):
            row |= {"version": 1, "created_at": self.now, "updated_at": self.now}
        self._rows.setdefault(model, {})[new_id] = row
        return new_id

    def planned(self, model: type[Base], record_id: int) -> dict[str, Any]:
        """A planned record's row, to fill in what depends on its id (an organization's path)."""
        return self._rows[model][record_id]

    def create(self, model: type[Base], entity: str, values: dict[str, Any],
               note: str | None = None) -> int:
        """A new record, audited as `common.created(…, entity, note)` audits it; returns its id."""
        new_id = self.add(model, values)
        row = self._rows[model][new_id]
        self.audit("create", entity, new_id, created_fields(row), note)
        return new_id

    def change(self, model: type[Base], record_id: int, entity: str, changes: dict[str, Any],
               action: str = "update", note: str | None = None) -> None:
        """Fields of a planned record changed, as `common.apply_changes` changes and audits them
        (the next version, one audit row with old → new; nothing when nothing changes)."""
        row = self._rows[model][record_id]
        changed = diff(row, changes)
        if not changed:
            return
        row |= changes
        if issubclass(model, Versioned):
            row |= {"version": row["version"] + 1, "updated_at": self.now}
        self.audit(action, entity, record_id, changed, note)

    def update(self, model: type[Base], record_id: int, entity: str, before: dict[str, Any],
               changes: dict[str, Any], action: str = "update", note: str | None = None) -> None:
        """Fields of a record already written changed, as `common.apply_changes` changes and audits
        them (`before`: the fields' values now); written by `write()`."""
        changed = diff(before, changes)
        if changed:
            self._updates.setdefault(model, []).append({"b_id": record_id} | {f"b_{k}": v for k, v in changes.items()})
            self.audit(action, entity, record_id, changed, note)

    def audit(self, action: str, entity: str, entity_id: int | None,
              changes: dict[str, list[Any]] | None = None, note: str | None = None) -> None:
        """One more audit row, after those planned so far."""
        self._audits.append(audit_row(self.actor.name, action, entity, entity_id, changes, note, self.now))

    def write(self) -> None:
        """Write the records planned (parents' tables first), the changes, then the audit rows."""
        session = self.session
        session.flush()  # whatever the services left pending comes first, as it did
        order = {t: i for i, t in enumerate(Base.metadata.sorted_tables)}
        for model in sorted(self._rows, key=lambda m: order[m.__table__]):
            insert_rows(session, model, list(self._rows[model].values()))
        for model, params in self._updates.items():
            table = model.__table__
            for keys in dict.fromkeys(tuple(p) for p in params):  # each set of fields changed
                values: dict[str, Any] = {k[2:]: bindparam(k) for k in keys if k != "b_id"}
                if issubclass(model, Versioned):
                    values |= {"version": table.c.version + 1, "updated_at": self.now}
                session.execute(update(table).where(table.c.id == bindparam("b_id")).values(values),
                                [p for p in params if tuple(p) == keys])
        conn = session.connection()
        if conn.dialect.name == "postgresql":  # the ids given here: the sequences go on after them
            from ..backup import reset_sequences

            reset_sequences(conn)
        insert_rows(session, AuditEntry, self._audits)
        self._rows, self._updates, self._audits = {}, {}, []
        self._next.clear()
        self._columns.clear()


def _columns(model: type[Base]) -> list[tuple[str, Any]]:
    """(key, Python default) of each column but the id and the bookkeeping, in mapper order."""
    out = []
    for attr in inspect(model).column_attrs:
        if attr.key == "id" or attr.key in NOT_AUDITED:
            continue
        default = attr.columns[0].default
        out.append((attr.key, default.arg if default is not None and default.is_scalar else None))
    return out
