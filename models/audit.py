"""The audit log: every change a service makes, with the account, the time and the fields."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import Any

from sqlalchemy import DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, Session, mapped_column

from .base import Base


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    account: Mapped[str] = mapped_column(String(50), nullable=False)
    action: Mapped[str] = mapped_column(String(20), nullable=False)
    entity: Mapped[str] = mapped_column(String(40), nullable=False)
    entity_id: Mapped[int | None] = mapped_column(Integer)
    #: JSON {field: [old, new]}
    changes: Mapped[str] = mapped_column(Text, nullable=False, default="{}")
    note: Mapped[str | None] = mapped_column(String(400))

    __table_args__ = (
        Index("ix_audit_log_entity", "entity", "entity_id"),
        Index("ix_audit_log_at", "at"),
    )

    @property
    def changed(self) -> dict[str, list[Any]]:
        return json.loads(self.changes)


def plain(value: Any) -> Any:
    """A JSON-friendly form of a column value."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields whose value changed."""
    out = {}
    for key in after:
        old, new = plain(before.get(key)), plain(after[key])
        if old != new:
            out[key] = [old, new]
    return out


#: json.dumps(..., ensure_ascii=False) builds a new encoder on every call; a bulk import makes
#: 25,000 audit rows
_ENCODER = json.JSONEncoder(ensure_ascii=False)


def audit_row(
    account: str,
    action: str,
    entity: str,
    entity_id: int | None,
    changes: dict[str, list[Any]] | str | None = None,
    note: str | None = None,
    at: datetime | None = None,
) -> dict[str, Any]:
    """One audit row as a dict, for bulk inserts (`changes` may come already as JSON text)."""
    return {
        "at": at or datetime.now().replace(microsecond=0),
        "account": account,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "changes": changes if isinstance(changes, str) else _ENCODER.encode(changes or {}),
        "note": note,
    }


class CreationChanges:
    """The audit `changes` JSON of new records, {field: [null, value]} for the fields that are not
    empty or false: exactly what json.dumps gives, made faster for bulk inserts by encoding each
    distinct non-text value once."""

    def __init__(self) -> None:
        self._encoded: dict[tuple[type, Any], str] = {}
        self._keys: dict[str, str] = {}

    def __call__(self, values: dict[str, Any]) -> str:
        encoded, keys = self._encoded, self._keys
        parts = []
        for k, v in values.items():
            if v in (None, False):
                continue
            t = type(v)
            if t is str:
                text = encode_basestring(v)
            elif t is int:
                text = str(v)
            else:
                text = encoded.get((t, v))
                if text is None:
                    text = encoded[(t, v)] = _ENCODER.encode(plain(v))
            key = keys.get(k)
            if key is None:
                key = keys[k] = encode_basestring(k)
            parts.append(f"{key}: [null, {text}]")
        return "{" + ", ".join(parts) + "}"


def record(session: Session, *args: Any, **kwargs: Any) -> None:
    """Write one audit entry in the caller's transaction."""
    session.add(AuditEntry(**audit_row(*args, **kwargs)))
