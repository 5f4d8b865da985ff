"""Evaluation rounds: opening one (a sheet per subject in scope), the choices of the 开启评价
dialog, finding and listing rounds, and their course 草稿 → 已审核 → 公示中 → 已确定 (and back)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, false, func, insert, literal, null, or_, select, true
from sqlalchemy.orm import Session, joinedload

from ...actor import Actor
from ...audit import record
from ...enums import BRANCH_KINDS, OrgStatus, PartyStatus
from ...errors import ConflictError, DomainError, FieldError, NotFound, ValidationError
from ...evaluation import (
    EvaluationRound,
    EvaluationScheme,
    EvaluationSheet,
    RoundStatus,
    SubjectKind,
)
from ...member import Member
from ...org import Organization
from .. import access
from ..common import apply_changes, check_version, created, get_or_fail
from .approvals import approval_gaps
from .blocking import round_breaches
from .common import first_ten, names_text
from .computing import compute_round, is_ledger
from .corrections import open_followups
from .definitions import definition_of
from .periods import openable_period
from .schemes import find_scheme, list_schemes


def round_label(rnd: EvaluationRound) -> str:
    """A round as a clerk names it: scheme, period and (its scope)."""
    scope = rnd.scope_org
    return f"{rnd.scheme.name} {rnd.period}（{scope.short_name or scope.name if scope else ''}）"


@dataclass(frozen=True)
class RoundChoices:
    """What the 开启评价 dialog offers the actor: schemes (name, whether it is a cadre review with
    approval steps), scopes (the county for county accounts, then the townships) and villages."""

    schemes: list[tuple[str, bool]]
    scopes: list[tuple[int, str]]
    villages: list[tuple[int, str]]


def round_choices(session: Session, actor: Actor) -> RoundChoices:
    from ...enums import OrgKind, Sector
    from ..orgs import county_root, shown_names, townships

    access.require_read(actor)
    schemes = [(s.name, bool(definition_of(s).approvals)) for s in list_schemes(session)]
    prefix = access.scope_path(session, actor)
    scopes = []
    if prefix is None:
        root = county_root(session)
        scopes.append((root.id, root.short_name or root.name))
    scopes += [(t.id, t.short_name or t.name) for t in townships(session)
               if prefix is None or t.path.startswith(prefix)]
    q = select(Organization.id, Organization.short_name, Organization.name).where(
        Organization.sector == Sector.RURAL, Organization.kind == OrgKind.BRANCH,
        Organization.status == OrgStatus.ACTIVE).order_by(Organization.path)
    q = access.limit(session, actor, q, Organization.path)
    ids = [oid for oid, _short, _name in session.execute(q)]
    names = shown_names(session, ids)  # a village branch with its township where its name repeats
    villages = [(oid, names[oid]) for oid in ids]
    return RoundChoices(schemes, scopes, villages)


def open_round(session: Session, actor: Actor, scheme: EvaluationScheme, period: str,
               scope_org: Organization, posting_days: int = 5, today: date | None = None) -> EvaluationRound:
    """A round in 草稿 with one sheet per subject in scope (bulk insert).

    Members: every current member of the scope's subtree whose 党籍 is normal; those still
    probationary at the end of the period take part ungraded when the scheme says so.
    Organizations: every active branch of the subtree.
    """
    access.require(actor, access.Permission.RUN_EVALUATIONS)
    access.require_in_scope(session, actor, scope_org.path)
    defn = definition_of(scheme)
    start, end = openable_period(scheme.period_kind, period, today)
    period = period.strip().upper()
    exists = session.scalar(select(EvaluationRound.id).where(
        EvaluationRound.scheme_id == scheme.id, EvaluationRound.period == period,
        EvaluationRound.scope_org_id == scope_org.id))
    if exists:
        raise ConflictError(f"“{scheme.name}”{period}（{scope_org.name}）的评价已经开启")
    rnd = EvaluationRound(scheme_id=scheme.id, period=period, scope_org_id=scope_org.id,
                          status=RoundStatus.DRAFT, posting_days=posting_days)
    created(session, actor, rnd, "evaluation_round")
    now = datetime.now().replace(microsecond=0)
    in_scope = select(Organization.id).where(Organization.path.startswith(scope_org.path))
    # one INSERT … SELECT: the database copies the subjects, nothing crosses to Python
    if scheme.subject is SubjectKind.MEMBER:
        graded = (true() if not defn.probationary_not_graded
                  else and_(Member.full_on.is_not(None), Member.full_on <= end))
        source = select(
            literal(rnd.id), Member.id, Member.org_id, case((graded, true()), else_=false()),
            literal("{}"), literal("{}"), literal(1), literal(now), literal(now),
        ).where(Member.ended_on.is_(None), Member.party_status == PartyStatus.NORMAL,
                Member.joined_on <= end, Member.org_id.in_(in_scope)).order_by(Member.org_id, Member.id)
    else:
        source = select(
            literal(rnd.id), null(), Organization.id, true(), literal("{}"), literal("{}"), literal(1),
            literal(now), literal(now),
        ).where(Organization.path.startswith(scope_org.path), Organization.kind.in_(BRANCH_KINDS),
                Organization.status == OrgStatus.ACTIVE).order_by(Organization.path)
    S = EvaluationSheet
    session.execute(insert(S).from_select(
        [S.round_id, S.member_id, S.org_id, S.graded, S.item_scores, S.rater_results, S.version,
         S.created_at, S.updated_at], source))
    rows = session.scalar(select(func.count()).select_from(S).where(S.round_id == rnd.id))
    record(session, actor.name, "open", "evaluation_round", rnd.id, {"sheets": [None, rows]},
           f"开启评价：{scheme.name} {period}，{rows}张评价表")
    if is_ledger(rnd):
        compute_round(session, actor, rnd.id)  # the running totals of the ledger, at once
    return rnd


def find_round(session: Session, actor: Actor, scheme_name: str, period: str,
               scope_org: Organization | None = None,
               need: access.Permission | None = None) -> EvaluationRound:
    """The round of a scheme and period. `need`: the permission the action on the round takes,
    checked before anything is looked up, so that a refused account is told so whatever the data."""
    access.require_read(actor)
    if need is not None:
        access.require(actor, need)
    scheme = find_scheme(session, scheme_name)
    q = select(EvaluationRound).where(EvaluationRound.scheme_id == scheme.id,
                                      EvaluationRound.period == period.strip().upper())
    if scope_org is not None:
        q = q.where(EvaluationRound.scope_org_id == scope_org.id)
    rounds = session.scalars(q.order_by(EvaluationRound.id)).all()
    if not rounds:
        raise NotFound(f"没有“{scheme.name}”{period}的评价（请先 evaluate open）")
    if len(rounds) > 1:
        raise NotFound(f"“{scheme.name}”{period}有{len(rounds)}个评价范围，请用 --org 指明")
    return rounds[0]


def list_rounds(session: Session, actor: Actor) -> list[EvaluationRound]:
    """The rounds the actor may open, newest first: for a township clerk those of the county or
    of their township (or inside it), never another township's."""
    access.require_read(actor)
    # each round's label shows its scheme and scope: loaded with the rounds (round_label)
    q = (select(EvaluationRound).options(joinedload(EvaluationRound.scheme), joinedload(EvaluationRound.scope_org))
         .order_by(EvaluationRound.id.desc()))
    prefix = access.scope_path(session, actor)
    if prefix is not None:
        scope = select(Organization.path).where(Organization.id == EvaluationRound.scope_org_id).scalar_subquery()
        q = q.where(or_(scope.startswith(prefix), literal(prefix).startswith(scope)))
    return list(session.scalars(q))


TRANSITIONS: dict[tuple[RoundStatus, RoundStatus], str] = {
    (RoundStatus.DRAFT, RoundStatus.REVIEWED): "审核",
    (RoundStatus.REVIEWED, RoundStatus.DRAFT): "退回草稿",
    (RoundStatus.REVIEWED, RoundStatus.POSTED): "公示",
    (RoundStatus.POSTED, RoundStatus.DRAFT): "退回草稿",
}


def set_status(session: Session, actor: Actor, round_id: int, version: int | None, status: RoundStatus,
               posting_start: date | None = None) -> EvaluationRound:
    """草稿 → 已审核 → 公示中 (from posting_start; 5 days by default); back to 草稿 before locking."""
    access.require(actor, access.Permission.RUN_EVALUATIONS)
    rnd = get_or_fail(session, EvaluationRound, round_id, "评价")
    check_version(rnd, version, "评价")
    scope = session.get_one(Organization, rnd.scope_org_id)
    access.require_in_scope(session, actor, scope.path)
    step = TRANSITIONS.get((rnd.status, status))
    if step is None:
        raise DomainError(f"评价状态不能从“{rnd.status.value}”改为“{status.value}”")
    changes: dict[str, Any] = {"status": status}
    if status is RoundStatus.REVIEWED:
        refusal = review_refusal(session, rnd)
        if refusal:
            raise DomainError(refusal)
    if status is RoundStatus.POSTED:
        changes["posting_start"] = posting_start or date.today()
    if status is RoundStatus.DRAFT:
        changes["posting_start"] = None
    apply_changes(session, actor, rnd, changes, "evaluation_round", note=step)
    return rnd


def review_refusal(session: Session, rnd: EvaluationRound) -> str | None:
    """Why 审核 is refused, naming the members or branches (first ten and the count), or None.

    Only rows the step applies to count: a 预备党员 (不评定等次) lacking a total never blocks it, nor
    does a cadre whose 商议/审议 was 不同意 (not evaluated); docs/evaluation-rules.md."""
    from .reading import sheet_rows
    from .self_assessment import self_required

    defn = definition_of(rnd.scheme)
    S = EvaluationSheet
    session.flush()
    # the plain columns the rule reads; the names (every sheet's row) only for a refusal
    rows = [r for r in session.execute(select(S.id, S.graded, S.total, S.member_id, S.self_done)
                                       .where(S.round_id == rnd.id)) if r.graded]
    blank_ids = [r.id for r in rows if r.total is None]
    gaps = approval_gaps(session, defn, blank_ids)
    blank = {sid for sid in blank_ids if "不同意" not in gaps.get(sid, "")}
    # 未完成 is a recorded answer (no grade); 未记录 is data missing
    missing = ({r.id for r in rows if r.member_id is not None and r.self_done is None}
               if self_required(session, defn) else set())
    if not blank and not missing:
        return None
    names = [(r.sheet_id, r.subject_name) for r in sheet_rows(session, rnd.id)]  # in the grid's order
    reasons = []
    if blank:
        reasons.append(f"{len(blank)}张评价表没有得出总分：{names_text([n for sid, n in names if sid in blank])}")
    if missing:
        reasons.append(f"{len(missing)}名党员的个人自评未记录（先自评后定等次；未完成的请记为“未完成”）："
                       f"{names_text([n for sid, n in names if sid in missing])}")
    return "不能审核：" + "；".join(reasons)


def step_refusal(session: Session, actor: Actor, round_id: int, status: RoundStatus,
                 today: date | None = None) -> str | None:
    """Why the next step (审核, 公示, 确定并锁定) would be refused, or None: the window asks this
    BEFORE asking the clerk to confirm, and the step itself raises the same sentence."""
    access.require_read(actor)
    rnd = get_or_fail(session, EvaluationRound, round_id, "评价")
    if status is RoundStatus.LOCKED:
        try:
            _lock_check(session, rnd, today or date.today())
        except DomainError as exc:
            return str(exc)
        return None
    if (rnd.status, status) not in TRANSITIONS:
        return f"评价状态不能从“{rnd.status.value}”改为“{status.value}”"
    if status is RoundStatus.REVIEWED:
        return review_refusal(session, rnd)
    return None


def posting_end(rnd: EvaluationRound) -> date | None:
    """The last day of the public posting (公示): start + days − 1."""
    if rnd.posting_start is None:
        return None
    return rnd.posting_start + timedelta(days=rnd.posting_days - 1)


def lock_round(session: Session, actor: Actor, round_id: int, version: int | None = None,
               today: date | None = None) -> EvaluationRound:
    """公示中 → 已确定 once the posting is over; 不合格 members get a one-year 限期改正 follow-up."""
    access.require(actor, access.Permission.LOCK_EVALUATIONS)
    today = today or date.today()
    rnd = get_or_fail(session, EvaluationRound, round_id, "评价")
    check_version(rnd, version, "评价")
    _lock_check(session, rnd, today)
    apply_changes(session, actor, rnd, {"status": RoundStatus.LOCKED,
                                        "locked_at": datetime.now().replace(microsecond=0),
                                        "locked_by": actor.name}, "evaluation_round", note="确定并锁定")
    open_followups(session, actor, rnd, today)
    return rnd


def _lock_check(session: Session, rnd: EvaluationRound, today: date) -> None:
    """DomainError when the round may not be locked: not posted, the posting not over, or the blocking
    rules breached (each breach names its branch and figures) with no recorded exception."""
    if rnd.status is not RoundStatus.POSTED:
        raise DomainError(f"评价处于“{rnd.status.value}”状态：须先审核并公示，公示期满后才能确定")
    end = posting_end(rnd)
    if end is not None and today <= end:
        raise DomainError(f"公示期至{end.isoformat()}，期满后才能确定结果")
    if rnd.rule_override_reason is None:
        breaches = round_breaches(session, rnd.id)
        if breaches:
            raise DomainError("不符合评议规则，不能确定结果：" + first_ten(breaches)
                              + "。请纠正后重新公示，或由决定机关记录例外理由和决定机关")


def reopen_round(session: Session, actor: Actor, round_id: int, reason: str,
                 version: int | None = None) -> EvaluationRound:
    """已确定 → 草稿, with a reason (audited); needs the lock permission."""
    access.require(actor, access.Permission.LOCK_EVALUATIONS)
    rnd = get_or_fail(session, EvaluationRound, round_id, "评价")
    check_version(rnd, version, "评价")
    if rnd.status is not RoundStatus.LOCKED:
        raise DomainError("只有已确定的评价需要重新开启")
    if not (reason or "").strip():
        raise ValidationError([FieldError("重新开启理由", "必填")])
    apply_changes(session, actor, rnd, {"status": RoundStatus.DRAFT, "posting_start": None,
                                        "locked_at": None, "locked_by": None, "rule_override_reason": None,
                                        "rule_override_body": None}, "evaluation_round",
                  action="reopen", note=reason.strip())
    return rnd
