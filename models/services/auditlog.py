"""Reading the audit log (the viewer): filter by account, record, date range."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import distinct, select
from sqlalchemy.orm import Session

from ..actor import Actor
from ..audit import AuditEntry
from . import access
from .access import Permission

#: record type (AuditEntry.entity) → the name the viewer shows
ENTITY_LABELS: dict[str, str] = {
    "organization": "党组织",
    "member": "党员",
    "account": "账号",
}


def _start(value: date | datetime) -> datetime:
    return value if isinstance(value, datetime) else datetime.combine(value, time.min)


def _end(value: date | datetime) -> datetime:
    """`until` includes the whole day when it is a date."""
    if isinstance(value, datetime):
        return value
    return datetime.combine(value + timedelta(days=1), time.min)


def audit_entries(
    session: Session,
    actor: Actor,
    account: str | None = None,
    entity: str | None = None,
    entity_id: int | None = None,
    since: date | datetime | None = None,
    until: date | datetime | None = None,
    limit: int = 1000,
    offset: int = 0,
) -> list[AuditEntry]:
    """Newest first. Needs VIEW_AUDIT (管理员 and 县级办事员)."""
    access.require(actor, Permission.VIEW_AUDIT)
    q = select(AuditEntry)
    if account:
        q = q.where(AuditEntry.account == account)
    if entity:
        q = q.where(AuditEntry.entity == entity)
    if entity_id is not None:
        q = q.where(AuditEntry.entity_id == entity_id)
    if since is not None:
        q = q.where(AuditEntry.at >= _start(since))
    if until is not None:
        if isinstance(until, datetime):
            q = q.where(AuditEntry.at <= until)
        else:
            q = q.where(AuditEntry.at < _end(until))
    q = q.order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit).offset(offset)
    return list(session.scalars(q))


def audit_accounts(session: Session, actor: Actor) -> list[str]:
    """Every account name that appears in the log, for the viewer's filter."""
    access.require(actor, Permission.VIEW_AUDIT)
    return sorted(session.scalars(select(distinct(AuditEntry.account))))


def audit_entities(session: Session, actor: Actor) -> list[str]:
    access.require(actor, Permission.VIEW_AUDIT)
    return sorted(session.scalars(select(distinct(AuditEntry.entity))))


def entity_label(entity: str) -> str:
    return ENTITY_LABELS.get(entity, entity)
