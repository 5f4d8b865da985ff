"""软弱涣散 screening from the records (docs/findings.md, 软弱涣散筛查): the branches the data
points at, with the criteria of the 整顿 register (models/rectification.py CRITERIA) and what shows
each. The clerk turns a candidate into a 整顿 (`rectify open`, 开始整顿 with the reasons ticked)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..actor import Actor
from ..enums import BRANCH_KINDS, OrgStatus, Sector
from ..evaluation import EvaluationRound, EvaluationScheme, EvaluationSheet
from ..member import Member
from ..org import Organization
from ..rectification import Rectification, RectificationStatus
from ..rules import add_years
from . import access
from .evaluation.common import load_json
from .evaluation.definitions import definition_of
from .leaders import leadership_states

LAST_PLACE, NO_NEW_MEMBERS, SATISFACTION, VACANT = (
    "年度考核排名末位", "2年以上未发展党员（村）", "群众满意度低于60%", "书记职位空缺3个月以上")


@dataclass
class Candidate:
    org_id: int
    name: str
    township: str
    #: criteria of the 整顿 register, in the order found
    reasons: list[str] = field(default_factory=list)
    #: what shows each, one sentence each
    evidence: list[str] = field(default_factory=list)

    def add(self, reason: str, evidence: str) -> None:
        if reason not in self.reasons:
            self.reasons.append(reason)
        self.evidence.append(evidence)


def _stars(session: Session, year: int) -> tuple[EvaluationRound | None, list[EvaluationSheet]]:
    """The year's 星级党支部 round (the newest when several) and its sheets."""
    rnd = session.scalar(select(EvaluationRound).join(EvaluationScheme, EvaluationScheme.id == EvaluationRound.scheme_id)
                         .where(EvaluationScheme.name == "星级党支部", EvaluationRound.period == str(year))
                         .order_by(EvaluationRound.id.desc()).limit(1))
    if rnd is None:
        return None, []
    return rnd, list(session.scalars(select(EvaluationSheet).where(EvaluationSheet.round_id == rnd.id)))


def screen(session: Session, actor: Actor, year: int, as_of: date | None = None) -> list[Candidate]:
    """Branches in the actor's scope without an open 整顿 that the data points at: rated the lowest
    level or last in the year's 星级 round, 群众满意 under 60% of its points there, a village branch
    with no member joined in 2 years, a 书记 post vacant over the setting's months."""
    access.require_read(actor)
    as_of = as_of or date.today()
    q = select(Organization).where(Organization.status == OrgStatus.ACTIVE, Organization.kind.in_(list(BRANCH_KINDS)))
    q = access.limit(session, actor, q, Organization.path)
    orgs = {o.id: o for o in session.scalars(q.order_by(Organization.path))}
    rectifying = set(session.scalars(select(Rectification.org_id).where(
        Rectification.status == RectificationStatus.OPEN)))
    towns = {o.id: o.short_name or o.name for o in session.scalars(
        select(Organization).where(Organization.parent_id.in_(select(Organization.id).where(
            Organization.parent_id.is_(None)))))}
    found: dict[int, Candidate] = {}

    def cand(org: Organization) -> Candidate:
        if org.id not in found:
            ids = [int(x) for x in org.path.strip("/").split("/") if x]
            found[org.id] = Candidate(org.id, org.short_name or org.name,
                                      towns.get(ids[1], "") if len(ids) > 1 else "")
        return found[org.id]

    rnd, sheets = _stars(session, year)
    if rnd is not None and sheets:
        defn = definition_of(rnd.scheme)
        lowest = defn.levels[-1]
        totals = [s.total for s in sheets if s.total is not None]
        last = min(totals) if totals else None
        satisfaction = next((i for i in defn.items if "满意" in i.name), None)
        for s in sheets:
            org = orgs.get(s.org_id)
            if org is None:
                continue
            if s.final_level == lowest:
                cand(org).add(LAST_PLACE, f"{year}年星级评定{lowest}")
            elif last is not None and s.total == last and len(totals) > 1:
                cand(org).add(LAST_PLACE, f"{year}年星级评定总分{Decimal(s.total):.1f}，排名末位")
            if satisfaction is not None and satisfaction.max:
                got = load_json(s.item_scores).get(satisfaction.name)
                if got not in (None, "") and Decimal(str(got)) < Decimal(str(satisfaction.max)) * Decimal("0.6"):
                    cand(org).add(SATISFACTION, f"{year}年{satisfaction.name}{got}分（满分{satisfaction.max}）")
    since = add_years(as_of, -2)
    newest = dict(session.execute(select(Member.org_id, func.max(Member.joined_on)).group_by(Member.org_id)).all())
    for org in orgs.values():
        if org.sector != Sector.RURAL:
            continue
        joined = newest.get(org.id)
        if joined is None or joined < since:
            cand(org).add(NO_NEW_MEMBERS, f"最近一名党员{joined}入党" if joined else "没有党员记录")
    for org_id, state in leadership_states(session, as_of).items():
        if org_id in orgs and any(m.startswith("书记职位") for m in state.messages(False, 0, as_of)):
            cand(orgs[org_id]).add(VACANT, f"书记职位自{state.vacant_since}空缺")
    order = list(orgs)
    return sorted((c for c in found.values() if c.org_id not in rectifying), key=lambda c: order.index(c.org_id))
