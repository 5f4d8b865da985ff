"""Import batches: remember what a roster import created, and undo it as a whole.

Undo never deletes: the members of the batch are ended (终止) with the note “撤销导入”, their
placements closed, one audit row each. It is refused as soon as any of them has been changed
since the import (version > 1 or already ended).
"""

from __future__ import annotations

import json
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..actor import Actor
from ..audit import AuditEntry, record
from ..errors import DomainError
from ..importbatch import ImportBatch
from ..member import Member, Placement
from . import access
from .common import get_or_fail

UNDO_NOTE = "撤销导入"


def last_audit_id(session: Session) -> int:
    return session.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1)) or 0


def record_import_batch(
    session: Session, actor: Actor, kind: str, source: str, after_audit_id: int
) -> ImportBatch | None:
    """Collect the members an import created (audit note “导入 SOURCE” after an audit id)."""
    ids = list(
        session.scalars(
            select(AuditEntry.entity_id).where(
                AuditEntry.id > after_audit_id,
                AuditEntry.action == "create",
                AuditEntry.entity == "member",
                AuditEntry.note == f"导入 {source}",
            )
        )
    )
    if not ids:
        return None
    batch = ImportBatch(
        kind=kind, source=source, account=actor.name,
        at=datetime.now().replace(microsecond=0), record_ids=json.dumps(ids),
    )
    session.add(batch)
    session.flush()
    return batch


def last_import_batch(session: Session) -> ImportBatch | None:
    return session.scalar(
        select(ImportBatch).where(ImportBatch.undone_at.is_(None)).order_by(ImportBatch.id.desc())
    )


def undo_import(session: Session, actor: Actor, batch_id: int) -> int:
    """End every member of the batch; refused if any was changed since. Returns the count."""
    access.require(actor, access.WRITE)
    batch = get_or_fail(session, ImportBatch, batch_id, "导入批次")
    if batch.undone_at is not None:
        raise DomainError(f"导入“{batch.source}”已于{batch.undone_at:%Y-%m-%d %H:%M}撤销")
    ids = json.loads(batch.record_ids)
    members = list(session.scalars(select(Member).where(Member.id.in_(ids))))
    changed = [m.name for m in members if m.version > 1 or m.ended_on is not None]
    if changed:
        names = "、".join(changed[:5]) + ("等" if len(changed) > 5 else "")
        raise DomainError(
            f"导入“{batch.source}”后，{names}{len(changed)}人的记录已被修改，不能整体撤销"
        )
    today = date.today()
    session.execute(
        update(Placement)
        .where(Placement.member_id.in_(ids), Placement.end_on.is_(None))
        .values(end_on=today)
    )
    for m in members:
        m.ended_on, m.end_note = today, UNDO_NOTE  # the mapper bumps the version
        record(session, actor.name, "end", "member", m.id,
               {"ended_on": [None, today.isoformat()], "end_note": [None, UNDO_NOTE]},
               f"{UNDO_NOTE} {batch.source}")
    batch.undone_at = datetime.now().replace(microsecond=0)
    session.flush()
    return len(members)
