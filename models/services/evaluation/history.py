"""A member's or an organization's final levels over the locked rounds, with up or down against
the previous period, and finding a member by ID number within the actor's scope."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...actor import Actor
from ...errors import NotFound
from ...evaluation import EvaluationRound, EvaluationScheme, EvaluationSheet, RoundStatus
from ...member import Member
from ...org import Organization
from ...values import identifier
from .. import access
from ..common import get_or_fail


@dataclass(frozen=True)
class HistoryEntry:
    period: str
    scheme: str
    level: str | None
    total: Decimal | None
    change: str  # ↑ 上升, ↓ 下降, — 持平, "" first


def _history(session: Session, where) -> list[HistoryEntry]:
    q = (select(EvaluationScheme.name, EvaluationRound.period, EvaluationSheet.final_level,
                EvaluationSheet.total, EvaluationScheme.definition)
         .join(EvaluationRound, EvaluationRound.id == EvaluationSheet.round_id)
         .join(EvaluationScheme, EvaluationScheme.id == EvaluationRound.scheme_id)
         .where(where, EvaluationRound.status == RoundStatus.LOCKED)
         .order_by(EvaluationScheme.name, EvaluationRound.period))
    out: list[HistoryEntry] = []
    last: dict[str, int] = {}
    for name, period, level, total, definition in session.execute(q):
        levels = [b["level"] for b in json.loads(definition)["bands"]]
        rank = levels.index(level) if level in levels else None
        change = ""
        if name in last and rank is not None:
            change = "↑" if rank < last[name] else "↓" if rank > last[name] else "—"
        if rank is not None:
            last[name] = rank
        out.append(HistoryEntry(period, name, level, None if total is None else Decimal(total), change))
    return out


def member_history(session: Session, actor: Actor, member_id: int) -> list[HistoryEntry]:
    """A member's final levels by period (locked rounds), with up/down against the previous one.

    Refused for a member outside the actor's township."""
    access.require_read(actor)
    member = get_or_fail(session, Member, member_id, "党员")
    org = session.get(Organization, member.org_id)
    access.require_in_scope(session, actor, org.path if org else "", f"党员“{member.name}”")
    return _history(session, EvaluationSheet.member_id == member_id)


def member_by_id_number(session: Session, actor: Actor, id_number: str) -> Member:
    """The member with this ID number inside the actor's scope (the current record first).

    Outside the scope the answer is the same as for an unknown number, so that a township clerk
    cannot test whether a number belongs to a member elsewhere in the county."""
    access.require_read(actor)
    q = (select(Member).join(Organization, Organization.id == Member.org_id)
         .where(Member.id_number == identifier(id_number)))
    q = access.limit(session, actor, q, Organization.path)
    member = session.scalar(q.order_by(Member.ended_on.is_not(None), Member.id))
    if member is None:
        raise NotFound("找不到该身份证号的党员")
    return member


def org_history(session: Session, actor: Actor, org_id: int) -> list[HistoryEntry]:
    access.require_read(actor)
    org = get_or_fail(session, Organization, org_id, "党组织")
    access.require_in_scope(session, actor, org.path, f"“{org.name}”")
    return _history(session, (EvaluationSheet.org_id == org_id) & EvaluationSheet.member_id.is_(None))
