"""The dashboard (工作台): key numbers, the lists that need action, chart series.

Read-only, a few grouped queries over the actor's scope (a township clerk sees the township).
Everything is returned as plain values (no ORM objects), so the GUI can keep it after the session.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from ..actor import Actor
from ..enums import OrgStatus
from ..member import Member
from ..org import Organization
from ..rules import add_years
from . import access
from .orgs import shown_names


@dataclass
class ActionRow:
    """A row of an action list: the record it opens, its light (黄/橙/红 or None), its cells."""

    id: int
    light: str | None
    cells: list[str]
    #: the organization of the record (a member's branch for follow-ups)
    org_id: int | None = None


@dataclass
class Series:
    title: str
    labels: list[str]
    values: list[float]
    #: a second series drawn beside the first (found vs closed), else empty
    values2: list[float] = field(default_factory=list)
    legend: tuple[str, str] = ("", "")


@dataclass
class Dashboard:
    today: date
    numbers: dict[str, float]
    #: list name → rows; the id opens the record behind the row
    lists: dict[str, list[ActionRow]]
    charts: dict[str, Series]


NUMBER_KEYS = ("党组织", "党员", "预备党员", "今年发现问题", "未销号问题", "逾期问题", "待反馈函件",
               "今年整改率", "今年逾期整改", "未决问责", "进行中结对", "今年结对资金(元)")
LIST_KEYS = ("7日内到期问题", "逾期问题", "问责查办", "待反馈函件", "不合格限期改正", "届期将满/应换届",
             "软弱涣散整顿")
LIST_HEADERS = {
    "7日内到期问题": ["党组织", "问题类别", "问题描述", "整改时限", "状态"],
    "逾期问题": ["党组织", "问题类别", "问题描述", "整改时限", "状态"],
    "问责查办": ["乡镇（单位）", "预警函", "最后整改期限", "建议措施", "未整改问题"],
    "待反馈函件": ["文号", "主送", "签发日期", "反馈时限"],
    "不合格限期改正": ["党员", "党支部", "限期至", "情况"],
    "届期将满/应换届": ["党组织", "本届开始", "届满日期", "情况"],
    "软弱涣散整顿": ["党组织", "整顿年度", "包联县级领导", "第一书记/工作队", "情况"],
}
#: days before the end of a term when it is listed as due
TERM_DUE_DAYS = 90


def _scoped(q: Any, clause: Any) -> Any:
    return q if clause is None else q.where(clause)


def load(session: Session, actor: Actor, today: date | None = None) -> Dashboard:
    from ..evaluation import EvaluationFollowUp
    from ..pairing import Pairing, PairingActivity, PairingParty, PairingStatus
    from ..rules import Light, rectified_late
    from ..supervision import Letter, LetterStatus, Problem, ProblemStatus
    from .stats import STARS, overdue_problem_ids
    from .supervision import accountability_cases, light, light_days

    today = today or date.today()
    year_start, year_end = date(today.year, 1, 1), date(today.year, 12, 31)
    yellow, orange = light_days(session)
    clause = access.scope_clause(session, actor, Organization.path)
    names = shown_names(session)  # with the township where a short name repeats
    numbers: dict[str, float] = {}

    # ---- organizations, members and pairings: the key numbers in one statement (a round trip
    # each would cost the page 20 ms apiece over a county's network, docs/network.md)
    orgs_q = _scoped(
        select(func.count()).select_from(Organization).where(Organization.status == OrgStatus.ACTIVE,
                                                              Organization.parent_id.is_not(None)), clause)
    pair_q = select(func.count(func.distinct(Pairing.id))).where(Pairing.status == PairingStatus.ACTIVE)
    funds_q = select(func.coalesce(func.sum(PairingActivity.funds), 0)).where(
        PairingActivity.held_on >= year_start, PairingActivity.held_on <= year_end)
    if clause is not None:
        in_scope = (select(PairingParty.pairing_id).join(Organization, Organization.id == PairingParty.org_id)
                    .where(PairingParty.removed_at.is_(None), clause))
        pair_q = pair_q.where(Pairing.id.in_(in_scope))
        funds_q = funds_q.where(PairingActivity.pairing_id.in_(in_scope))
    from .members import scanned_current

    total, probationary, n_orgs, n_pairs, funds = session.execute(_scoped(
        select(func.count(), func.coalesce(func.sum(case(
            (or_(Member.full_on.is_(None), Member.full_on > today), 1), else_=0)), 0),
            *(q.correlate(None).scalar_subquery() for q in (orgs_q, pair_q, funds_q)))
        .select_from(Member).join(Organization, Organization.id == Member.org_id)
        .where(scanned_current()), clause)).one()
    numbers["党组织"] = n_orgs or 0
    numbers["党员"], numbers["预备党员"] = total or 0, probationary or 0

    # ---- problems: one pass over those open or found this year
    prob_rows = session.execute(_scoped(
        select(Problem.id, Problem.found_on, Problem.category, Problem.description, Problem.deadline,
               Problem.status, Problem.closed_on, Problem.org_id, Organization.short_name, Organization.name)
        .join(Organization, Organization.id == Problem.org_id)
        .where(Problem.in_force, or_(Problem.found_on >= year_start, Problem.status != ProblemStatus.CLOSED)),
        clause).order_by(Problem.deadline, Problem.id)).all()
    found_year = [r for r in prob_rows if year_start <= r.found_on <= year_end]
    closed_year = [r for r in found_year if r.status == ProblemStatus.CLOSED]
    open_rows = [r for r in prob_rows if r.status != ProblemStatus.CLOSED]
    # 逾期未整改 by the one function the monthly report counts with (stats.overdue_problem_ids)
    late_ids = overdue_problem_ids(session, today, clause)
    due_soon, overdue = [], []
    for r in open_rows:
        lamp = light(r.deadline, False, today, yellow, orange)
        cells = [names[r.org_id], r.category, r.description, r.deadline.isoformat(), r.status.value]
        if r.id in late_ids:
            overdue.append(ActionRow(r.id, lamp, cells, r.org_id))
        elif lamp:
            due_soon.append(ActionRow(r.id, lamp, cells, r.org_id))
    numbers["今年发现问题"] = len(found_year)
    numbers["未销号问题"] = len(open_rows)
    numbers["逾期问题"] = len(overdue)
    numbers["今年整改率"] = round(100.0 * len(closed_year) / len(found_year), 1) if found_year else 0.0
    # closed this year after the 整改时限: 逾期整改, never 按期 (docs/accountability.md)
    numbers["今年逾期整改"] = sum(1 for r in prob_rows if r.closed_on is not None
                                and year_start <= r.closed_on <= today and rectified_late(r.deadline, r.closed_on))

    # ---- 问责查办 cases not yet decided (docs/accountability.md)
    cases = [ActionRow(c.id, Light.RED, [c.township, c.letter_number, c.final_deadline.isoformat(), c.proposed,
                                         "；".join(desc for _i, desc, _n, _c in c.problems)], c.township_id)
             for c in accountability_cases(session, actor, today, open_only=True)]
    numbers["未决问责"] = len(cases)

    # ---- letters: this year's issued ones (by kind) and those awaiting a reply
    letter_q = (select(Letter.id, Letter.kind, Letter.status, Letter.number, Letter.issued_on,
                       Letter.reply_deadline, Letter.recipient_id, Organization.short_name, Organization.name)
                .join(Organization, Organization.id == Letter.recipient_id)
                .where(Letter.issued_on.is_not(None), Letter.status != LetterStatus.VOID,
                       or_(Letter.issued_on >= year_start, Letter.status == LetterStatus.ISSUED)))
    if clause is not None:  # letters go to townships: those of the clerk's township (or above it)
        prefix = access.scope_path(session, actor) or ""
        letter_q = letter_q.where(or_(clause, func.substr(prefix, 1, func.length(Organization.path))
                                      == Organization.path))
    letter_rows = session.execute(letter_q.order_by(Letter.reply_deadline, Letter.id)).all()
    awaiting = []
    for r in letter_rows:
        if r.status == LetterStatus.ISSUED:
            lamp = light(r.reply_deadline, False, today, yellow, orange)
            awaiting.append(ActionRow(r.id, lamp, [r.number or "", names[r.recipient_id],
                                                   r.issued_on.isoformat(),
                                                   r.reply_deadline.isoformat() if r.reply_deadline else ""],
                                      r.recipient_id))
    numbers["待反馈函件"] = len(awaiting)
    kinds = Counter(r.kind.value for r in letter_rows if r.issued_on >= year_start)

    # ---- pairings (read with the key numbers above)
    numbers["进行中结对"] = n_pairs or 0
    numbers["今年结对资金(元)"] = float(funds or 0)

    # ---- 不合格 follow-ups still open
    fu_rows = session.execute(_scoped(
        select(EvaluationFollowUp.member_id, EvaluationFollowUp.deadline, Member.name, Member.org_id, Organization.short_name,
               Organization.name.label("org_name"))
        .join(Member, Member.id == EvaluationFollowUp.member_id)
        .join(Organization, Organization.id == Member.org_id)
        .where(EvaluationFollowUp.outcome.is_(None)), clause).order_by(EvaluationFollowUp.deadline)).all()
    followups = []
    for r in fu_rows:
        state = (f"已逾期{(today - r.deadline).days}天" if r.deadline < today
                 else f"{(r.deadline - today).days}天后到期")
        followups.append(ActionRow(r.member_id, light(r.deadline, False, today, yellow, orange),
                                   [r.name, names[r.org_id], r.deadline.isoformat(), state],
                                   r.org_id))

    # ---- terms due (within 90 days) or overdue for re-election
    terms = []
    for oid, start, years in session.execute(_scoped(
        select(Organization.id, Organization.term_start, Organization.term_years)
        .where(Organization.status == OrgStatus.ACTIVE, Organization.term_start.is_not(None),
               Organization.term_years.is_not(None)), clause)):
        end = add_years(start, years)  # Organization.term_end, without making an object per row
        if end > today + timedelta(days=TERM_DUE_DAYS):
            continue
        state = f"已超期{(today - end).days}天，应换届" if end < today else f"{(end - today).days}天后届满"
        terms.append((end, ActionRow(oid, light(end, False, today, yellow, orange),
                                     [names[oid], start.isoformat(), end.isoformat(), state], oid)))
    terms.sort(key=lambda t: (t[0], t[1].id))

    # ---- charts
    stars = _star_distribution(session, clause, today)
    cats = Counter(r.category for r in found_year)
    months = [f"{m}月" for m in range(1, 13)]
    found_m, closed_m = [0.0] * 12, [0.0] * 12
    for r in found_year:
        found_m[r.found_on.month - 1] += 1
    for r in prob_rows:
        if r.closed_on is not None and year_start <= r.closed_on <= year_end:
            closed_m[r.closed_on.month - 1] += 1
    from ..supervision import LetterKind

    charts = {
        "stars": Series("星级党支部分布", list(STARS), [float(stars.get(s, 0)) for s in STARS]),
        "categories": Series("今年问题类别", [c for c, _n in cats.most_common()],
                             [float(n) for _c, n in cats.most_common()]),
        "months": Series("今年问题发现与销号（按月）", months, found_m, closed_m, ("发现", "销号")),
        "letters": Series("今年函件类别", [k.value for k in LetterKind],
                          [float(kinds.get(k.value, 0)) for k in LetterKind]),
    }
    # ---- 软弱涣散 整顿 still open
    from .rectification import rectification_rows

    rectifying = [ActionRow(r.id, None, [names.get(r.org_id, r.org_name), str(r.year), r.county_leader or "",
                                             r.first_secretary or r.work_team or "",
                                             f"{r.opened_on.isoformat()}起整顿"
                                             + ("，验收：继续整顿" if r.result else "")], r.org_id)
                  for r in rectification_rows(session, actor, open_only=True)]
    return Dashboard(today, numbers, {
        "7日内到期问题": due_soon, "逾期问题": overdue, "问责查办": cases, "待反馈函件": awaiting,
        "不合格限期改正": followups, "届期将满/应换届": [t[1] for t in terms], "软弱涣散整顿": rectifying,
    }, charts)


def _star_distribution(session: Session, clause: Any, today: date) -> dict[str, int]:
    """Levels of the newest locked 星级党支部 round whose period began by this year."""
    from ..evaluation import EvaluationRound, EvaluationScheme, EvaluationSheet, RoundStatus

    locked = session.execute(
        select(EvaluationRound.id, EvaluationRound.period)
        .join(EvaluationScheme, EvaluationScheme.id == EvaluationRound.scheme_id)
        .where(EvaluationScheme.name == "星级党支部", EvaluationRound.status == RoundStatus.LOCKED)).all()
    rounds = [(i, p) for i, p in locked if int(p[:4]) <= today.year]
    if not rounds:
        return {}
    newest = max(p for _i, p in rounds)
    level = func.coalesce(EvaluationSheet.final_level, EvaluationSheet.computed_level)
    q = (select(level, func.count()).join(Organization, Organization.id == EvaluationSheet.org_id)
         .where(EvaluationSheet.round_id.in_([i for i, p in rounds if p == newest])).group_by(level))
    return {lv: n for lv, n in session.execute(_scoped(q, clause)) if lv}


def problem_ids(session: Session, actor: Actor, year: int, category: str | None = None,
                found_month: int | None = None, closed_month: int | None = None) -> list[int]:
    """The problems behind a bar: found this year in a category, found in a month, closed in a month."""
    from ..supervision import Problem

    q = select(Problem.id).join(Organization, Organization.id == Problem.org_id).where(Problem.in_force)
    if closed_month is not None:
        start = date(year, closed_month, 1)
        q = q.where(Problem.closed_on >= start, Problem.closed_on < _next_month(start))
    else:
        start = date(year, found_month or 1, 1)
        end = _next_month(start) if found_month else date(year + 1, 1, 1)
        q = q.where(Problem.found_on >= start, Problem.found_on < end)
    if category is not None:
        q = q.where(Problem.category == category)
    return list(session.scalars(_scoped(q, access.scope_clause(session, actor, Organization.path))
                                .order_by(Problem.found_on, Problem.id)))


def letter_ids(session: Session, actor: Actor, year: int, kind: str) -> list[int]:
    """This year's sent letters of a kind (the bar of the letters chart)."""
    from ..supervision import Letter, LetterStatus

    q = (select(Letter.id, Organization.path).join(Organization, Organization.id == Letter.recipient_id)
         .where(Letter.kind == kind, Letter.issued_on >= date(year, 1, 1),
                Letter.issued_on < date(year + 1, 1, 1), Letter.status != LetterStatus.VOID)
         .order_by(Letter.issued_on, Letter.id))
    prefix = access.scope_path(session, actor)
    return [i for i, path in session.execute(q)
            if prefix is None or path.startswith(prefix) or prefix.startswith(path)]


def star_round_ids(session: Session, today: date) -> list[int]:
    """The rounds the star chart counts (newest locked 星级党支部 period)."""
    from ..evaluation import EvaluationRound, EvaluationScheme, RoundStatus

    rounds = [(i, p) for i, p in session.execute(
        select(EvaluationRound.id, EvaluationRound.period)
        .join(EvaluationScheme, EvaluationScheme.id == EvaluationRound.scheme_id)
        .where(EvaluationScheme.name == "星级党支部", EvaluationRound.status == RoundStatus.LOCKED))
        if int(p[:4]) <= today.year]
    if not rounds:
        return []
    newest = max(p for _i, p in rounds)
    return sorted(i for i, p in rounds if p == newest)


def _next_month(d: date) -> date:
    return date(d.year + (d.month == 12), d.month % 12 + 1, 1)
