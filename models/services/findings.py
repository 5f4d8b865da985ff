"""数据核查: the checks the records allow, offered as findings (docs/findings.md).

`propose` runs every check for a month at an as-of day and keeps one Finding per case, keyed by
the records that show it; a county clerk accepts a proposal (it becomes a problem with source
数据核查 and enters the 三函 cycle: the next `letters draft` lists it) or dismisses it with a
reason. A key once accepted or dismissed is never proposed again; a proposal the records no
longer show is marked 已消除.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from ..actor import Actor
from ..audit import AuditEntry
from ..enums import BRANCH_KINDS, LeaderPost, OrgStatus
from ..errors import DomainError, FieldError, PermissionDenied, ValidationError
from ..evaluation import EvaluationRound, RoundStatus
from ..finding import Finding, FindingStatus
from ..lengths import check_text
from ..member import Member
from ..org import Organization, OrgLeader
from ..pairing import Pairing, PairingActivity, PairingParty, PairingStatus
from ..periods import month as month_period
from ..rectification import Rectification, RectificationStatus
from ..supervision import ProblemSource, Severity
from . import access
from .access import Permission
from .common import apply_changes, created, get_or_fail
from .leaders import leadership_states
from .lifecycle import add_months, lost_day, probation_due, setting_int
from .orgs import township_id_of_path

ENTITY = "finding"


@dataclass(frozen=True)
class Case:
    """One case a check finds: the records (key) and what the proposal says."""

    check: str
    key: str
    org_id: int
    category: str
    severity: Severity
    description: str
    evidence: str


Check = Callable[[Session, date], list[Case]]


def _name(org: Organization) -> str:
    return org.short_name or org.name


# ---------------------------------------------------------------- the checks


def probation_overdue(session: Session, as_of: date) -> list[Case]:
    """预备党员 whose 预备期 ended before `as_of` without a 转正 decision."""
    out = []
    months = setting_int(session, "probation_months")
    for m in session.scalars(select(Member).where(Member.ended_on.is_(None), Member.full_on.is_(None))
                             .order_by(Member.id)):
        due = probation_due(session, m, months)
        if due is None or due >= as_of:
            continue
        out.append(Case(
            "probation", f"probation:{m.id}:{due}", m.org_id, "党员管理", Severity.ORDINARY,
            f"预备党员{m.name}预备期已于{due}届满，未作出转正、延长预备期或取消预备党员资格的决定",
            f"党员{m.name}（编号{m.id}）：加入党组织日期{m.joined_on}，转为正式党员日期空"
            + (f"，预备期延至{m.probation_end}" if m.probation_end else "")))
    return out


def lost_undecided(session: Session, as_of: date) -> list[Case]:
    """失联党员 past the decision point (`lost_contact_months` after contact was lost) with no
    decision: still 失联 and still in the roster."""
    months = setting_int(session, "lost_contact_months")
    out = []
    for m in session.scalars(select(Member).where(Member.ended_on.is_(None), Member.lost_contact.is_(True))
                             .order_by(Member.id)):
        day = lost_day(m)
        if day is None or add_months(day, months) >= as_of:
            continue
        out.append(Case(
            "lost", f"lost:{m.id}:{day}", m.org_id, "党员管理", Severity.ORDINARY,
            f"党员{m.name}自{day}失去联系已超过{months}个月，党支部未作出处理决定",
            f"党员{m.name}（编号{m.id}）：是否失联 是，失去联系日期{m.lost_on or m.lost_since}"))
    return out


def _active_orgs(session: Session, *where) -> list[Organization]:
    return list(session.scalars(select(Organization).where(Organization.status == OrgStatus.ACTIVE, *where)
                                .order_by(Organization.path)))


def term_overdue(session: Session, as_of: date) -> list[Case]:
    """A term past its end: 换届 overdue."""
    out = []
    for org in _active_orgs(session, Organization.term_start.is_not(None), Organization.parent_id.is_not(None)):
        end = org.term_end
        if end is None or end >= as_of:
            continue
        out.append(Case(
            "term", f"term:{org.id}:{org.term_start}", org.id, "组织建设", Severity.ORDINARY,
            f"{_name(org)}届期已于{end}届满，未按期换届",
            f"{org.name}：本届届期开始{org.term_start}，届期{org.term_years}年，届满{end}"))
    return out


def secretary_vacant(session: Session, as_of: date) -> list[Case]:
    """A post of 书记 vacant for more than `secretary_vacant_months`: the register has ended
    secretaries of the organization and none in office at `as_of` (leaders.leadership_states)."""
    months = setting_int(session, "secretary_vacant_months")
    out = []
    for org_id, state in leadership_states(session, as_of).items():
        since = state.vacant_since
        if since is None or add_months(since, months) >= as_of:
            continue
        org = session.get(Organization, org_id)
        if org is None or org.status != OrgStatus.ACTIVE:
            continue
        last = session.scalar(select(OrgLeader).where(OrgLeader.org_id == org_id, OrgLeader.post == LeaderPost.SECRETARY,
                                                      OrgLeader.end_on == since).limit(1))
        out.append(Case(
            "secretary", f"secretary:{org_id}:{since}", org_id, "组织建设", Severity.SERIOUS,
            f"{_name(org)}书记职位自{since}空缺，已超过{months}个月",
            f"班子名册：书记{last.name if last else ''}任职{last.start_on if last else ''}至{since}，此后无在任书记"))
    return out


def full_member_counts(session: Session, as_of: date) -> dict[int, int]:
    """正式党员 per organization at `as_of` (转正 on or before it, membership not ended)."""
    return dict(session.execute(
        select(Member.org_id, func.count())
        .where(Member.ended_on.is_(None), Member.full_on.is_not(None), Member.full_on <= as_of)
        .group_by(Member.org_id)).all())


def small_branch(session: Session, as_of: date) -> list[Case]:
    """A branch (党支部, 联合党支部) with fewer than `branch_min_full_members` full members."""
    minimum = setting_int(session, "branch_min_full_members")
    counts = full_member_counts(session, as_of)
    out = []
    for org in _active_orgs(session, Organization.kind.in_(list(BRANCH_KINDS))):
        n = counts.get(org.id, 0)
        if n >= minimum:
            continue
        out.append(Case(
            "small", f"small:{org.id}:{n}", org.id, "组织建设", Severity.ORDINARY,
            f"{_name(org)}正式党员{n}名，少于{minimum}名，应调整组织设置",
            f"党员名册：{org.name}在册正式党员{n}名"))
    return out


def silent_pairing(session: Session, as_of: date) -> list[Case]:
    """An active pairing begun at least `pairing_silent_days` ago with no activity in that time."""
    days = setting_int(session, "pairing_silent_days")
    last = dict(session.execute(select(PairingActivity.pairing_id, func.max(PairingActivity.held_on))
                                .where(PairingActivity.held_on <= as_of)
                                .group_by(PairingActivity.pairing_id)).all())
    out = []
    for p in session.scalars(select(Pairing).where(Pairing.status == PairingStatus.ACTIVE).order_by(Pairing.id)):
        since = last.get(p.id) or p.start_on
        if (as_of - since).days < days:
            continue
        org_id = _pairing_org(session, p)
        if org_id is None:
            continue
        seen = f"最近一次活动{last[p.id]}" if p.id in last else "开始以来没有活动记录"
        out.append(Case(
            "pairing", f"pairing:{p.id}:{last.get(p.id) or 'none'}", org_id, "作用发挥", Severity.ORDINARY,
            f"结对“{p.name}”已{(as_of - since).days}天没有开展活动",
            f"结对{p.code}“{p.name}”（{p.type.value}，{p.start_on}开始）：{seen}"))
    return out


def _pairing_org(session: Session, p: Pairing) -> int | None:
    """The organization answering for a pairing: its first leading organization, else the branch
    of its leading member."""
    parties = session.scalars(select(PairingParty).where(PairingParty.pairing_id == p.id,
                                                         PairingParty.removed_at.is_(None))
                              .order_by(PairingParty.side, PairingParty.id)).all()
    for party in parties:
        if party.org_id is not None:
            return party.org_id
        if party.member_id is not None:
            member = session.get(Member, party.member_id)
            if member is not None:
                return member.org_id
    return None


def rectification_overdue(session: Session, as_of: date) -> list[Case]:
    """A 软弱涣散 整顿 still open `rectification_plan_months` after it began (its planned end)."""
    months = setting_int(session, "rectification_plan_months")
    out = []
    for r in session.scalars(select(Rectification).where(Rectification.status == RectificationStatus.OPEN)
                             .order_by(Rectification.id)):
        end = add_months(r.opened_on, months)
        if end >= as_of:
            continue
        org = session.get(Organization, r.org_id)
        out.append(Case(
            "rectification", f"rectification:{r.id}", r.org_id, "组织建设", Severity.SERIOUS,
            f"{_name(org) if org else ''}软弱涣散整顿超过计划期限（{end}）仍未转化",
            f"整顿台账：{r.year}年整顿，{r.opened_on}开始，状态{r.status.value}"))
    return out


def round_unfinished(session: Session, as_of: date) -> list[Case]:
    """An evaluation round not locked `evaluation_finish_days` after its period ended."""
    from .evaluation.periods import parse_period

    days = setting_int(session, "evaluation_finish_days")
    out = []
    for r in session.scalars(select(EvaluationRound).where(EvaluationRound.status != RoundStatus.LOCKED)
                             .order_by(EvaluationRound.id)):
        try:
            _start, end = parse_period(r.scheme.period_kind, r.period)
        except (ValueError, DomainError):
            continue
        due = end + timedelta(days=days)
        if due >= as_of:
            continue
        out.append(Case(
            "round", f"round:{r.id}", r.scope_org_id, "制度落实", Severity.ORDINARY,
            f"{r.scheme.name}（{r.period}）应于{due}前确定结果，至今仍为{r.status.value}",
            f"评价：{r.scheme.name} {r.period}，状态{r.status.value}"))
    return out


def task_unreported(session: Session, as_of: date) -> list[Case]:
    """未按时完成重点任务: a township in a month task's scope that has not reported on it by its
    完成时限 (docs/task-receipts.md)."""
    from ..actor import SYSTEM
    from .supervision.receipts import unreported_tasks

    return [Case(
        "task", f"task:{line.task.id}:{line.township.id}", line.township.id, "制度落实", Severity.ORDINARY,
        f"{_name(line.township)}未在完成时限{line.task.due_on}前报送重点任务“{line.task.title}”的完成情况",
        f"月度任务：{line.task.month} {line.task.title}，完成时限{line.task.due_on}，未报送")
        for line in unreported_tasks(session, SYSTEM, as_of)]


#: every check, in the order its proposals are listed
CHECKS: dict[str, tuple[str, Check]] = {
    "probation": ("转正逾期", probation_overdue),
    "lost": ("失联超期未处理", lost_undecided),
    "term": ("换届逾期", term_overdue),
    "secretary": ("书记空缺", secretary_vacant),
    "small": ("正式党员不足", small_branch),
    "pairing": ("结对无活动", silent_pairing),
    "rectification": ("整顿超期", rectification_overdue),
    "round": ("评定未按期完成", round_unfinished),
    "task": ("未按时完成重点任务", task_unreported),
}


def check_label(check: str) -> str:
    return CHECKS[check][0] if check in CHECKS else check


# ---------------------------------------------------------------- proposing and deciding


def default_as_of(month: str, today: date | None = None) -> date:
    """The month's last day, or today while the month runs."""
    period = month_period(month)
    today = today or date.today()
    return min(period.end, max(today, period.start))


def _county_findings(session: Session, *where) -> list[Finding]:
    return list(session.scalars(select(Finding).where(*where).order_by(Finding.id)))


def propose(session: Session, actor: Actor, month: str, as_of: date | None = None) -> list[Finding]:
    """Run the checks for `month` at `as_of` and return the proposals waiting for a decision
    (of any month: a case proposed before and still undecided is still open work).

    A case already accepted or dismissed (same key) is not proposed again; a waiting proposal
    the records no longer show becomes 已消除, and waits again when a later run shows it.
    """
    access.require(actor, Permission.RECORD_FINDINGS)
    if actor.scope_org_id is not None:
        raise PermissionDenied("数据核查由县委组织部办理")
    period = month_period(month)
    as_of = as_of or default_as_of(period.label)
    if as_of > date.today():
        raise ValidationError([FieldError("核查日期", "不能晚于今天")])
    cases = [c for _label, check in CHECKS.values() for c in check(session, as_of)]
    known = {f.key: f for f in _county_findings(session, Finding.key.in_([c.key for c in cases]))} if cases else {}
    found_keys = set()
    for c in cases:
        found_keys.add(c.key)
        if c.key in known:
            f = known[c.key]
            if f.status == FindingStatus.RESOLVED:  # settled once, shown again by the records
                apply_changes(session, actor, f, {
                    "status": FindingStatus.PROPOSED, "month": period.label, "as_of": as_of,
                    "description": c.description, "evidence": c.evidence}, ENTITY, "reopen",
                    f"{as_of}核查时记录再次显示该情况")
            continue
        finding = Finding(check=c.check, key=c.key, month=period.label, as_of=as_of, org_id=c.org_id,
                          category=c.category, severity=c.severity, description=c.description,
                          evidence=c.evidence, status=FindingStatus.PROPOSED)
        created(session, actor, finding, ENTITY)
        known[c.key] = finding
    for f in _county_findings(session, Finding.status == FindingStatus.PROPOSED):
        if f.key not in found_keys:
            apply_changes(session, actor, f, {"status": FindingStatus.RESOLVED}, ENTITY, "status",
                          f"{as_of}核查时记录已不再显示该情况")
    return pending(session, actor)


def pending(session: Session, actor: Actor, month: str | None = None) -> list[Finding]:
    """Proposals waiting for a decision (of one month when given), by check then organization."""
    access.require_read(actor)
    where = [Finding.status == FindingStatus.PROPOSED]
    if month is not None:
        where.append(Finding.month == month_period(month).label)
    q = select(Finding).join(Organization, Organization.id == Finding.org_id).where(*where)
    q = access.limit(session, actor, q, Organization.path)
    order = list(CHECKS)
    found = list(session.scalars(q))
    return sorted(found, key=lambda f: (order.index(f.check) if f.check in order else 99, f.org.path, f.id))


def decided(session: Session, actor: Actor, month: str | None = None) -> list[Finding]:
    """Accepted and dismissed findings (of one month when given), newest first."""
    access.require_read(actor)
    where: list[ColumnElement[bool]] = [Finding.status.in_([FindingStatus.ACCEPTED, FindingStatus.DISMISSED])]
    if month is not None:
        where.append(Finding.month == month_period(month).label)
    q = select(Finding).join(Organization, Organization.id == Finding.org_id).where(*where)
    q = access.limit(session, actor, q, Organization.path)
    return list(session.scalars(q.order_by(Finding.id.desc())))


def _waiting(session: Session, actor: Actor, finding_id: int) -> Finding:
    access.require(actor, Permission.RECORD_FINDINGS)
    if actor.scope_org_id is not None:
        raise PermissionDenied("数据核查由县委组织部办理")
    finding = get_or_fail(session, Finding, finding_id, "核查问题")
    if finding.status != FindingStatus.PROPOSED:
        raise DomainError(f"核查问题{finding.id}{finding.status.value}，不能再处理")
    return finding


def accept(session: Session, actor: Actor, finding_id: int, on: date | None = None):
    """采纳: the finding becomes a problem (source 数据核查, found on the run's as-of day unless
    `on` is given) that the next `letters draft` of its month lists."""
    from .supervision.common import categories
    from .supervision.problems import create_problem

    finding = _waiting(session, actor, finding_id)
    if township_id_of_path(finding.org.path) is None:
        raise DomainError(f"“{finding.org.name}”不属于任何乡镇，不能进入三函督办；请排除并另行处理")
    cats = categories(session)
    category = finding.category if finding.category in cats else cats[0]
    problem = create_problem(
        session, actor, org_id=finding.org_id, found_on=on or finding.as_of, source=ProblemSource.DATA_CHECK,
        category=category, description=finding.description, severity=finding.severity)
    apply_changes(session, actor, finding, {
        "status": FindingStatus.ACCEPTED, "problem_id": problem.id, "decided_by": actor.name,
        "decided_on": date.today()}, ENTITY, "accept")
    return problem


def dismiss(session: Session, actor: Actor, finding_id: int, reason: str) -> Finding:
    """排除 with a reason: the same records are not proposed again."""
    finding = _waiting(session, actor, finding_id)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError([FieldError("排除原因", "必填")])
    check_text(AuditEntry, "note", reason, "排除原因")
    check_text(Finding, "reason", reason, "排除原因")
    apply_changes(session, actor, finding, {
        "status": FindingStatus.DISMISSED, "reason": reason, "decided_by": actor.name,
        "decided_on": date.today()}, ENTITY, "dismiss", reason)
    return finding


def township_name(session: Session, org: Organization) -> str:
    tid = township_id_of_path(org.path)
    town = session.get(Organization, tid) if tid is not None else None
    return _name(town) if town is not None else ""
