"""The yearly 结对帮扶 assessment read out: a row per pairing assessed in a year (the export and
the quarterly workbook), and the consequence of two failing years.

Rules (docs/evaluation-rules.md, 结对帮扶):

- The failing rating is 差 (不合格). A pairing rated 差 in a year and in the year before is
  flagged 连续两年不合格，应调整结对 (change the leading party or end the pairing): in the export,
  in the quarterly workbook's 结对帮扶 sheet and in `dangjian check` through pairing_findings.
- Per township, a pairing counts for ONE township (services/stats.pairing_owners), so the township
  rows of the quarterly workbook add up to the county total.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...actor import Actor
from ...pairing import PairingAssessment, Rating
from .. import access

#: the rating that fails (不合格)
FAILING = Rating.POOR
FLAG = "连续两年不合格，应调整结对"


@dataclass(frozen=True)
class AssessmentRow:
    pairing_id: int
    code: str
    name: str
    type: str
    leads: str
    assisted: str
    townships: str
    year: int
    rating: str
    satisfaction: Decimal | None
    note: str | None
    previous: str | None
    #: "" or FLAG
    flag: str


def _ratings(session: Session, years: tuple[int, ...]) -> dict[tuple[int, int], PairingAssessment]:
    return {(a.pairing_id, a.year): a for a in session.scalars(
        select(PairingAssessment).where(PairingAssessment.year.in_(years)))}


def failing_twice(session: Session, year: int) -> set[int]:
    """The pairings rated 差 (不合格) in `year` and in the year before."""
    got = _ratings(session, (year - 1, year))
    return {pid for (pid, y), a in got.items()
            if y == year and a.rating is FAILING and (pid, year - 1) in got
            and got[(pid, year - 1)].rating is FAILING}


def year_assessments(session: Session, actor: Actor, year: int) -> list[AssessmentRow]:
    """The pairings assessed in `year` that the actor may see (a township clerk: those involving
    their township), by pairing code, with the year before's rating and the two-year flag."""
    from .summary import list_pairings

    access.require_read(actor)
    got = _ratings(session, (year - 1, year))
    twice = failing_twice(session, year)
    out = []
    for p in list_pairings(session, actor):
        a = got.get((p.id, year))
        if a is None:
            continue
        before = got.get((p.id, year - 1))
        out.append(AssessmentRow(p.id, p.code, p.name, p.type, p.leads, p.assisted, p.townships, year,
                                 a.rating.value, a.satisfaction, a.note,
                                 before.rating.value if before else None, FLAG if p.id in twice else ""))
    return out


#: the quarterly workbook's 结对帮扶 columns added at the end (reports/quarterly.py)
COUNT_COLUMNS = ("年度评价数", "评价优秀", "评价良好", "评价一般", "评价差", "连续两年差须调整")


def assessment_counts(session: Session, year: int) -> dict[int, dict[str, float]]:
    """township id → the COUNT_COLUMNS of the year's assessments (each pairing for one township)."""
    from ..stats import pairing_owners

    owner = pairing_owners(session)
    twice = failing_twice(session, year)
    counts: dict[int, dict[str, float]] = {}
    for a in _ratings(session, (year,)).values():
        t = owner.get(a.pairing_id)
        if t is None:
            continue
        row = counts.setdefault(t, defaultdict(float))
        row["年度评价数"] += 1
        row[f"评价{a.rating.value}"] += 1
        if a.pairing_id in twice:
            row["连续两年差须调整"] += 1
    return counts
