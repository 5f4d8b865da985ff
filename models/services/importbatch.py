"""Import batches: remember what a roster import created, and undo it as a whole.

Undo never deletes: the members of the batch are ended (终止) with the note “撤销导入”, their
placements closed, one audit row each. It is refused as soon as any of them has been changed
since the import (version > 1 or already ended).
"""

from __future__ import annotations

import json
from datetime import date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from ..actor import Actor
from ..audit import AuditEntry, record
from ..errors import DomainError, PermissionDenied
from ..importbatch import ImportBatch
from ..member import Member, Placement
from ..org import Organization
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


def _batch_in_scope(session: Session, actor: Actor, batch: ImportBatch) -> bool:
    """Whether every member of the batch was placed inside the actor's township when imported."""
    prefix = access.scope_path(session, actor)
    if prefix is None:
        return True
    ids = json.loads(batch.record_ids)
    if not ids:
        return True
    # the placement each member was created with (the first one): where the import put them
    first = (
        select(Placement.member_id, func.min(Placement.id).label("pid"))
        .where(Placement.member_id.in_(ids)).group_by(Placement.member_id).subquery()
    )
    paths = list(session.scalars(
        select(Organization.path).join(Placement, Placement.org_id == Organization.id)
        .join(first, first.c.pid == Placement.id)
    ))
    return len(paths) == len(ids) and all(p.startswith(prefix) for p in paths)


def last_import_batch(session: Session, actor: Actor) -> ImportBatch | None:
    """The newest batch not yet undone that the actor may undo (for a township clerk: one whose
    members are all in their township)."""
    access.require(actor, access.Permission.EDIT_RECORDS)
    for batch in session.scalars(
        select(ImportBatch).where(ImportBatch.undone_at.is_(None)).order_by(ImportBatch.id.desc())
    ):
        if _batch_in_scope(session, actor, batch):
            return batch
    return None


def undo_import(session: Session, actor: Actor, batch_id: int) -> int:
    """End every member of the batch; refused if any was changed since. Returns the count."""
    access.require(actor, access.Permission.EDIT_RECORDS)
    batch = get_or_fail(session, ImportBatch, batch_id, "导入批次")
    if not _batch_in_scope(session, actor, batch):
        raise PermissionDenied(
            f"账号“{actor.name}”只能处理本乡镇的数据，导入“{batch.source}”含有其他乡镇的党员，不能撤销"
        )
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
