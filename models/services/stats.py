"""Counts per township-level committee, for the quarterly workbook, the monthly report and the dashboard.

Snapshot counts (organizations, members) are taken at the period's last day; flows (new members,
letters, problems, activities) count what happened within the period. Every function returns
{township id: {column name: number}}; a township with nothing has no entry (read as zeros).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy import case as sql_case
from sqlalchemy.orm import Session

from ..enums import BRANCH_KINDS, Education, Gender, OrgKind, OrgStatus
from ..member import Member, Placement
from ..org import Organization
from ..periods import Period
from ..rules import add_years

Counts = dict[int, dict[str, float]]


def township_index(session: Session) -> dict[int, int]:
    """organization id → id of the township-level committee containing it (townships map to themselves)."""
    from .orgs import township_id_of_path

    out = {}
    for oid, path in session.execute(select(Organization.id, Organization.path)):
        tid = township_id_of_path(path)
        if tid is not None:
            out[oid] = tid
    return out


def _bump(counts: Counts, township: int | None, column: str, by: float = 1) -> None:
    if township is not None:
        counts.setdefault(township, defaultdict(float))[column] += by


def org_member_counts(session: Session, period: Period) -> Counts:
    end = period.end
    town = township_index(session)
    counts: Counts = {}
    orgs = session.execute(
        select(Organization.id, Organization.kind, Organization.weak_year).where(
            or_(Organization.status == OrgStatus.ACTIVE, Organization.dissolved_on > end)
        )
    )
    for oid, kind, weak_year in orgs:
        t = town.get(oid)
        _bump(counts, t, "党组织总数")
        if kind in (OrgKind.COMMITTEE, OrgKind.WORK_COMMITTEE):
            _bump(counts, t, "党委")
        elif kind == OrgKind.GENERAL_BRANCH:
            _bump(counts, t, "党总支")
        elif kind in BRANCH_KINDS:
            _bump(counts, t, "党支部")
        if weak_year == end.year:
            _bump(counts, t, "软弱涣散党组织")
    young_after = add_years(end, -36)
    higher = {Education.POSTGRADUATE, Education.BACHELOR, Education.COLLEGE}
    def n(condition: Any) -> Any:
        return func.sum(sql_case((condition, 1), else_=0))

    # counted by the database, one row per organization (docs/startup.md)
    rows = session.execute(
        select(
            Placement.org_id, func.count(), n(and_(Member.full_on.is_not(None), Member.full_on <= end)),
            n(Member.gender == Gender.FEMALE), n(or_(Member.ethnicity.is_(None), Member.ethnicity != "汉族")),
            n(Member.education.in_(tuple(higher))), n(Member.birth_date > young_after),
            n(and_(Member.joined_on >= period.start, Member.joined_on <= end)),
            n(Member.floating.is_(True)), n(Member.lost_contact.is_(True)),
        )
        .join(Member, Member.id == Placement.member_id)
        .where(
            Placement.start_on <= end,
            or_(Placement.end_on.is_(None), Placement.end_on > end),
            Member.joined_on <= end,
            or_(Member.ended_on.is_(None), Member.ended_on > end),
        )
        .group_by(Placement.org_id)
    )
    for org_id, total, full, female, minority, educated, young, new, floating, lost in rows:
        t = town.get(org_id)
        for column, by in (("党员总数", total), ("正式党员", full), ("预备党员", total - full),
                           ("女党员", female), ("少数民族党员", minority), ("大专及以上", educated),
                           ("35岁及以下", young), ("本期发展党员", new), ("流动党员", floating),
                           ("失联党员", lost)):
            if by:
                _bump(counts, t, column, by)
    transfer_counts(session, period, counts, town)
    return counts


def transfer_counts(session: Session, period: Period, counts: Counts, town: dict[int, int]) -> None:
    """组织关系转出县外 / 转入 of the period per township (docs/member-lifecycle.md)."""
    from ..member import MemberEvent, MemberEventKind

    rows = session.execute(
        select(Member.org_id, MemberEvent.kind).join(Member, Member.id == MemberEvent.member_id)
        .where(MemberEvent.kind.in_([MemberEventKind.TRANSFER_OUT, MemberEventKind.TRANSFER_IN]),
               in_period(MemberEvent.happened_on, period)))
    for org_id, kind in rows:
        _bump(counts, town.get(org_id), "本期转出县外" if kind == MemberEventKind.TRANSFER_OUT else "本期转入")


def in_period(column, period: Period):
    return and_(column >= period.start, column <= period.end)


# ---------------------------------------------------------------- paired assistance


def pairing_owners(session: Session) -> dict[int, int]:
    """pairing id → the ONE township it counts for: the township of its first leading organization
    (else of its first assisted organization, member's branch or household's village). Two
    statements: the townships, and the parties with their organization (no read of every member)."""
    from ..pairing import Household, PairingParty, PartySide

    town = township_index(session)
    owner: dict[int, int] = {}
    rank: dict[int, tuple[int, int]] = {}
    parties = session.execute(
        select(PairingParty.pairing_id, PairingParty.side,
               func.coalesce(PairingParty.org_id, Member.org_id, Household.org_id), PairingParty.id)
        .outerjoin(Member, Member.id == PairingParty.member_id)
        .outerjoin(Household, Household.id == PairingParty.household_id)
        .where(PairingParty.removed_at.is_(None))
    )
    for pid, side, oid, party_id in parties:
        t = town.get(oid) if oid is not None else None
        if t is None:
            continue
        key = (0 if side == PartySide.LEAD else 1, party_id)
        if pid not in rank or key < rank[pid]:
            rank[pid], owner[pid] = key, t
    return owner


def pairing_counts(session: Session, period: Period) -> Counts:
    """Pairings active at any time in the period and their activities within it.

    A pairing counts for ONE township so that the township rows add up to the county total:
    the township of its first leading organization (else of its first assisted organization,
    member's branch or household's village).
    """
    from ..pairing import Pairing, PairingActivity, PairingType

    owner = pairing_owners(session)
    counts: Counts = {}
    active = session.execute(
        select(Pairing.id, Pairing.type).where(
            Pairing.start_on <= period.end,
            or_(Pairing.end_on.is_(None), Pairing.end_on >= period.start),
            or_(Pairing.closed_on.is_(None), Pairing.closed_on >= period.start),
        )
    )
    for pid, type_ in active:
        _bump(counts, owner.get(pid), "结对数")
        if type_ == PairingType.URBAN_RURAL:
            _bump(counts, owner.get(pid), "城乡联建")
    projects: set[tuple[int, str]] = set()
    acts = session.execute(
        select(PairingActivity.pairing_id, PairingActivity.funds, PairingActivity.project,
               PairingActivity.people).where(in_period(PairingActivity.held_on, period))
    )
    for pid, funds, project, people in acts:
        t = owner.get(pid)
        _bump(counts, t, "活动次数")
        _bump(counts, t, "资金(元)", float(funds or 0))
        _bump(counts, t, "受益人数", people or 0)
        if project and (pid, project) not in projects:
            projects.add((pid, project))
            _bump(counts, t, "项目数")
    return counts


# ---------------------------------------------------------------- the 三函 cycle


def default_categories() -> list[str]:
    from ..settings import DEFAULTS

    return DEFAULTS["problem_categories"].split("、")


def overdue_problem_ids(session: Session, as_of: date, clause=None) -> dict[int, int]:
    """problem id → organization id of the problems 逾期未整改 at `as_of` (models.rules.overdue_at:
    past the 整改时限 and not 已销号 by that day), optionally limited by a scope clause on
    Organization.path. The dashboard and the monthly report count with this one function."""
    from ..rules import overdue_at
    from ..supervision import Problem, ProblemStatus

    q = (select(Problem.id, Problem.org_id, Problem.deadline, Problem.status, Problem.closed_on)
         .join(Organization, Organization.id == Problem.org_id)
         .where(Problem.in_force, Problem.found_on <= as_of, Problem.deadline < as_of,
                or_(Problem.status != ProblemStatus.CLOSED, Problem.closed_on > as_of)))
    if clause is not None:
        q = q.where(clause)
    return {pid: org for pid, org, deadline, status, closed_on in session.execute(q)
            if overdue_at(deadline, status == ProblemStatus.CLOSED, closed_on, as_of)}


def supervision_counts(session: Session, period: Period, as_of: date | None = None) -> Counts:
    """Letters issued in the period by kind; problems found in it by category; rectified and overdue.

    已整改: found in the period and closed (已销号) by its last day. 按期整改 / 逾期整改: problems
    closed within the period on or before their 整改时限 / after it (a problem closed a day late is
    逾期整改, never 按期; docs/accountability.md). 逾期未整改: at `as_of` (default the period's last
    day), overdue_problem_ids. 预警扣分 and 问责查办: the 预警函 of the period's deductions and the
    问责查办 cases that arose in it. Categories outside the default seven count as 其他类别.
    """
    from ..rules import rectified_late
    from ..supervision import Letter, LetterStatus, Problem, WarningConsequence
    from .supervision.accountability import _all_cases

    town = township_index(session)
    counts: Counts = {}
    for kind, recipient in session.execute(
        select(Letter.kind, Letter.recipient_id).where(
            Letter.issued_on.is_not(None), in_period(Letter.issued_on, period),
            Letter.status != LetterStatus.VOID,
        )
    ):
        _bump(counts, town.get(recipient), kind.value)
    known = set(default_categories())
    end = min(as_of or period.end, period.end)
    for org_id, found_on, category, deadline, closed_on in session.execute(
        select(Problem.org_id, Problem.found_on, Problem.category, Problem.deadline, Problem.closed_on)
        .where(Problem.in_force, Problem.found_on <= end)
    ):
        t = town.get(org_id)
        closed = closed_on is not None and closed_on <= end
        if found_on >= period.start:
            _bump(counts, t, "发现问题")
            _bump(counts, t, category if category in known else "其他类别")
            if closed:
                _bump(counts, t, "已整改")
        if closed_on is not None and closed and closed_on >= period.start:
            _bump(counts, t, "逾期整改" if rectified_late(deadline, closed_on) else "按期整改")
    for org_id in overdue_problem_ids(session, end).values():
        _bump(counts, town.get(org_id), "逾期未整改")
    for org_id, deduction in session.execute(
        select(Letter.recipient_id, WarningConsequence.deduction)
        .join(Letter, Letter.id == WarningConsequence.letter_id)
        .where(WarningConsequence.voided.is_(False), in_period(Letter.issued_on, period))
    ):
        _bump(counts, town.get(org_id), "预警扣分", float(deduction))
    for case in _all_cases(session, end + timedelta(days=1)):
        if period.start <= case.opened_on <= end:
            _bump(counts, town.get(case.township_id), "问责查办")
    return counts


#: how the monthly report (月度督查通报) ranks the townships; printed in its notes
RANKING_RULE = (
    "排名规则：本月发现问题或有逾期未整改问题的乡镇（单位）参加排名。"
    "没有逾期未整改问题的排在有逾期未整改问题的之前（问题全部整改且无逾期的，不会排在有逾期问题的之后）；"
    "同组内按本月整改率从高到低排列（本月未发现新问题的，整改率不计，排在同组最后）；"
    "整改率相同的，逾期未整改问题少的在前；仍相同的并列同一名次。"
    "本月既未发现问题、也无逾期未整改问题的乡镇（单位）不参加排名，另行列出。"
)


def _rate(found: float, rectified: float) -> float | None:
    return None if not found else round(rectified * 100 / found, 1)


def rank_townships(lines: list) -> tuple[list[tuple[int, object]], list]:
    """(ranked, unranked) per RANKING_RULE. ``lines`` have ``name``, ``found``, ``rectified`` and
    ``overdue``; ranked is [(place, line)] best first (equal keys share a place); unranked are the
    townships with neither problems found in the month nor overdue ones, by name."""
    def key(t) -> tuple:
        rate = _rate(t.found, t.rectified)
        return (1 if t.overdue else 0, 1 if rate is None else 0, -(rate or 0.0), t.overdue)

    ranked_lines = sorted((t for t in lines if t.found or t.overdue), key=lambda t: (key(t), t.name))
    unranked = sorted((t for t in lines if not (t.found or t.overdue)), key=lambda t: t.name)
    ranked: list[tuple[int, object]] = []
    for n, t in enumerate(ranked_lines, start=1):
        place = ranked[-1][0] if ranked and key(ranked[-1][1]) == key(t) else n
        ranked.append((place, t))
    return ranked, unranked


def problem_categories(session: Session) -> list[str]:
    """The problem categories in the order set by the administrator (setting problem_categories)."""
    from ..settings import get_setting

    text = get_setting(session, "problem_categories")
    cats = [c.strip() for c in text.replace("，", "、").replace(",", "、").split("、") if c.strip()]
    return cats or default_categories()


def category_township_counts(session: Session, period: Period) -> tuple[list[str], Counts]:
    """Problems found in the period per township and category: (categories in order, counts).
    The categories are the configured ones, then any other category a problem of the period has;
    counts are {township id: {category: n}}."""
    from ..supervision import Problem

    town = township_index(session)
    counts: Counts = {}
    cats = problem_categories(session)
    extra: list[str] = []
    for org_id, category in session.execute(
        select(Problem.org_id, Problem.category).where(Problem.in_force, in_period(Problem.found_on, period))
    ):
        _bump(counts, town.get(org_id), category)
        if category not in cats and category not in extra:
            extra.append(category)
    return cats + sorted(extra), counts


def problem_rows(session: Session, period: Period) -> list[list]:
    """Every problem found in the period: township first, then its details."""
    from ..supervision import Problem

    town = township_index(session)
    names = {o.id: (o.short_name or o.name) for o in session.scalars(select(Organization))}
    rows = []
    for p in session.scalars(
        select(Problem).where(Problem.in_force, in_period(Problem.found_on, period)).order_by(Problem.found_on, Problem.id)
    ):
        rows.append([
            names.get(town.get(p.org_id), ""), p.org.name, p.found_on, p.source.value, p.category,
            p.description, p.severity.value, p.deadline, p.status.value, p.closed_on,
        ])
    return rows


# ---------------------------------------------------------------- evaluations

STARS = ("★★★★★", "★★★★", "★★★", "★★", "★")
STAR_WORDS = ("五星", "四星", "三星", "二星", "一星")
GRADES = ("优秀", "合格", "基本合格", "不合格")


def _latest_locked_sheets(session: Session, scheme_name: str, period: Period):
    """The sheets of the newest locked (已确定) rounds of a scheme whose period began by the
    period's end, counted: (org_id, graded, computed_level, final_level, how many sheets).

    A year's star rating is decided early the next year, so the rounds are chosen by their own
    period, not by the day they were locked; all scopes of that newest period count.
    """
    from ..evaluation import EvaluationRound, EvaluationScheme, EvaluationSheet, RoundStatus

    rounds = [
        (i, p) for i, p in session.execute(
            select(EvaluationRound.id, EvaluationRound.period)
            .join(EvaluationScheme, EvaluationScheme.id == EvaluationRound.scheme_id)
            .where(EvaluationScheme.name == scheme_name, EvaluationRound.status == RoundStatus.LOCKED)
        )
        if int(p[:4]) <= period.end.year
    ]
    if not rounds:
        return []
    newest = max(p for _i, p in rounds)
    ids = [i for i, p in rounds if p == newest]
    # counted by the database: a member round has a sheet per member (docs/startup.md)
    sheet = EvaluationSheet
    return session.execute(
        select(sheet.org_id, sheet.graded, sheet.computed_level, sheet.final_level, func.count())
        .where(sheet.round_id.in_(ids))
        .group_by(sheet.org_id, sheet.graded, sheet.computed_level, sheet.final_level)
    ).all()


def star_counts(session: Session, period: Period) -> Counts:
    """Branch stars (星级党支部) and member stars (星级党员) of the newest locked rounds."""
    town = township_index(session)
    counts: Counts = {}
    for org_id, _graded, computed, final, n in _latest_locked_sheets(session, "星级党支部", period):
        t = town.get(org_id)
        _bump(counts, t, "参评党支部", n)
        level = final or computed
        if level in STARS:
            _bump(counts, t, f"{STAR_WORDS[STARS.index(level)]}党支部", n)
    for org_id, _graded, computed, final, n in _latest_locked_sheets(session, "星级党员", period):
        t = town.get(org_id)
        _bump(counts, t, "参评党员", n)
        level = final or computed
        if level in STARS:
            _bump(counts, t, f"{STAR_WORDS[STARS.index(level)]}党员", n)
        elif level:
            _bump(counts, t, "不合格党员", n)
    return counts


def grade_counts(session: Session, period: Period) -> Counts:
    """民主评议党员 grades of the newest locked round; probationary members, and members left without a
    grade for want of a 个人自评 (docs/evaluation-rules.md), are 不定等次."""
    town = township_index(session)
    counts: Counts = {}
    for org_id, graded, computed, final, n in _latest_locked_sheets(session, "民主评议党员", period):
        t = town.get(org_id)
        _bump(counts, t, "参评党员", n)
        level = final or computed
        if not graded or level is None:
            _bump(counts, t, "不定等次", n)
        elif level in GRADES:
            _bump(counts, t, level, n)
    return counts
