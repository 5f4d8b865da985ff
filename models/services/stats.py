"""Counts per township-level committee, for the quarterly workbook, the monthly report and the dashboard.

Snapshot counts (organizations, members) are taken at the period's last day; flows (new members,
letters, problems, activities) count what happened within the period. Every function returns
{township id: {column name: number}}; a township with nothing has no entry (read as zeros).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from ..enums import BRANCH_KINDS, Education, Gender, OrgKind, OrgStatus
from ..member import Member, Placement
from ..org import Organization
from ..periods import Period
from ..rules import add_years

Counts = dict[int, dict[str, float]]


def township_index(session: Session) -> dict[int, int]:
    """organization id → id of the township-level committee containing it (townships map to themselves)."""
    out = {}
    for oid, path in session.execute(select(Organization.id, Organization.path)):
        parts = path.strip("/").split("/")
        if len(parts) >= 2:
            out[oid] = int(parts[1])
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
    rows = session.execute(
        select(
            Placement.org_id, Member.gender, Member.ethnicity, Member.education, Member.birth_date,
            Member.joined_on, Member.full_on, Member.floating, Member.lost_contact,
        )
        .join(Member, Member.id == Placement.member_id)
        .where(
            Placement.start_on <= end,
            or_(Placement.end_on.is_(None), Placement.end_on > end),
            Member.joined_on <= end,
            or_(Member.ended_on.is_(None), Member.ended_on > end),
        )
    )
    for org_id, gender, ethnicity, education, birth, joined, full, floating, lost in rows:
        t = town.get(org_id)
        _bump(counts, t, "党员总数")
        _bump(counts, t, "正式党员" if full is not None and full <= end else "预备党员")
        if gender == Gender.FEMALE:
            _bump(counts, t, "女党员")
        if ethnicity != "汉族":
            _bump(counts, t, "少数民族党员")
        if education in higher:
            _bump(counts, t, "大专及以上")
        if birth > young_after:
            _bump(counts, t, "35岁及以下")
        if period.start <= joined <= end:
            _bump(counts, t, "本期发展党员")
        if floating:
            _bump(counts, t, "流动党员")
        if lost:
            _bump(counts, t, "失联党员")
    return counts


def in_period(column, period: Period):
    return and_(column >= period.start, column <= period.end)


def as_of(period: Period) -> date:
    return period.end
