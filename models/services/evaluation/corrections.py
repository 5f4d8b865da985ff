"""不合格 members: the one-year 限期改正 opened when a round is locked, and its outcome (改正, or
除名 / 劝退, which end the membership); what `dangjian check` reports of them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...actor import Actor
from ...errors import DomainError, FieldError, ValidationError
from ...evaluation import EvaluationFollowUp, EvaluationRound, EvaluationSheet, FollowUpOutcome
from ...member import Member
from ...org import Organization
from .. import access
from ..common import apply_changes, check_version, created, get_or_fail

UNQUALIFIED = "不合格"


def open_followups(session: Session, actor: Actor, rnd: EvaluationRound, today: date) -> int:
    """On locking: a one-year 限期改正 for each member finally 不合格 who has none yet."""
    rows = session.execute(
        select(EvaluationSheet.id, EvaluationSheet.member_id)
        .outerjoin(EvaluationFollowUp, EvaluationFollowUp.sheet_id == EvaluationSheet.id)
        .where(EvaluationSheet.round_id == rnd.id, EvaluationSheet.final_level == UNQUALIFIED,
               EvaluationSheet.member_id.is_not(None), EvaluationFollowUp.id.is_(None))
    ).all()
    for sid, mid in rows:
        deadline = _one_year_on(today)
        created(session, actor, EvaluationFollowUp(sheet_id=sid, member_id=mid, started_on=today,
                                                   deadline=deadline), "evaluation_followup",
                "评为不合格，限期改正一年")
    return len(rows)


def _one_year_on(d: date) -> date:
    try:
        return d.replace(year=d.year + 1)
    except ValueError:  # 29 February
        return d.replace(year=d.year + 1, day=28)


@dataclass(frozen=True)
class FollowUpRow:
    id: int
    version: int
    member_name: str
    org_name: str
    started_on: date
    deadline: date
    outcome: FollowUpOutcome | None
    outcome_on: date | None


def followups(session: Session, actor: Actor, open_only: bool = True) -> list[FollowUpRow]:
    """限期改正 of members in the actor's township."""
    access.require_read(actor)
    q = (select(EvaluationFollowUp, Member.name, func.coalesce(Organization.short_name, Organization.name))
         .join(Member, Member.id == EvaluationFollowUp.member_id)
         .join(Organization, Organization.id == Member.org_id)
         .order_by(EvaluationFollowUp.deadline, EvaluationFollowUp.id))
    q = access.limit(session, actor, q, Organization.path)
    if open_only:
        q = q.where(EvaluationFollowUp.outcome.is_(None))
    return [FollowUpRow(f.id, f.version, name, org, f.started_on, f.deadline, f.outcome, f.outcome_on)
            for f, name, org in session.execute(q)]


def resolve_followup(session: Session, actor: Actor, followup_id: int, version: int | None,
                     outcome: FollowUpOutcome, on: date, note: str | None = None) -> EvaluationFollowUp:
    """Close a 限期改正: 改正 closes it; 除名 / 劝退 also end the membership (members service, with
    its audit row). An outcome before the deadline needs a reason."""
    from ...enums import EndReason
    from ..members import end_membership

    access.require(actor, access.Permission.EDIT_RECORDS)
    f = get_or_fail(session, EvaluationFollowUp, followup_id, "限期改正记录")
    check_version(f, version, "限期改正记录")
    member = session.get(Member, f.member_id)
    access.require_in_scope(session, actor, session.get(Organization, member.org_id).path, member.name)
    if f.outcome is not None:
        raise DomainError(f"“{member.name}”的限期改正已于{f.outcome_on}处理（{f.outcome.value}）")
    note = (note or "").strip() or None
    errors = []
    if on < f.started_on:
        errors.append(FieldError("处理日期", f"早于限期改正开始日期{f.started_on}"))
    elif on < f.deadline and note is None:
        errors.append(FieldError("理由", f"限期改正至{f.deadline}，期满前作出“{outcome.value}”须写明理由"))
    if errors:
        raise ValidationError(errors)
    apply_changes(session, actor, f, {"outcome": outcome, "outcome_on": on, "note": note},
                  "evaluation_followup")
    if outcome is not FollowUpOutcome.CORRECTED and member.ended_on is None:
        reason = EndReason.REMOVED if outcome is FollowUpOutcome.REMOVED else EndReason.PERSUADED_TO_LEAVE
        end_membership(session, actor, member.id, on, reason,
                       f"评议不合格，限期改正后{outcome.value}" + (f"：{note}" if note else ""))
    return f


def followup_findings(session: Session, actor: Actor, today: date) -> list[str]:
    """For `check`: every open 限期改正 in the actor's township, overdue ones first said so."""
    out = []
    for f in followups(session, actor, open_only=True):
        if f.deadline < today:
            state = f"已逾期{(today - f.deadline).days}天，应作出劝退或除名等处理"
        else:
            state = f"{(f.deadline - today).days}天后到期"
        out.append(f"评议不合格\t{f.org_name}\t{f.member_name}：限期改正至{f.deadline.isoformat()}，{state}")
    return out
