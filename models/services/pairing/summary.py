"""The pairing list, its totals and the per-township summary.

Counting rules (used by the list totals, the per-township summary and the quarterly workbook):

- Funds are summed exactly: SQL SUM over the Numeric(14, 2) column taken in whole fen
  (CAST(ROUND(funds * 100) AS BIGINT)), so SQLite's floating storage never leaks into a total;
  the result is a Decimal with two places.
- Projects are distinct (pairing, project name) pairs: the same project name in two pairings
  counts twice, the same name logged twice in one pairing once. Empty project names do not count.
- A pairing *involves* a township when any current party belongs to it: an organization inside
  the township, a member whose branch is inside it, a household whose village is inside it.
- Per-township summary: a pairing that spans two townships counts **for each township it
  involves**, with all its activities, funds and projects. The county total counts every pairing
  once. So the township rows may add up to more than the county total when pairings span
  townships; each township row equals the sum over the pairings that involve it.
- With a year, only that year's activities count, and a pairing counts when its dates overlap
  the year (start on or before 31 December, not ended before 1 January).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, Select, and_, cast, func, or_, select
from sqlalchemy.orm import Session

from ...actor import Actor
from ...member import Member
from ...org import Organization
from ...pairing import (
    Household,
    Pairing,
    PairingActivity,
    PairingParty,
    PairingStatus,
    PairingType,
    PartySide,
)
from .. import access
from ..orgs import shown_names, township_id_of_path

CENT = Decimal("0.01")


def exact_sum(column: Any) -> Any:
    """SUM of a money column in whole fen (an integer sum: exact on every engine)."""
    return func.coalesce(func.sum(cast(func.round(column * 100), BigInteger)), 0)


def fen_to_yuan(value: Any) -> Decimal:
    return (Decimal(int(value or 0)) / 100).quantize(CENT)


def party_paths(session: Session) -> dict[int, list[str]]:
    """pairing id → the organization paths of its current parties (members' branches, villages);
    read once per reading session (the register and the township summary both ask)."""
    kept = session.info.get("party_paths") if session.info.get("read_only") else None
    if kept is not None:
        return kept
    org_of_party = func.coalesce(PairingParty.org_id, Member.org_id, Household.org_id)
    rows = session.execute(
        select(PairingParty.pairing_id, Organization.path)
        .outerjoin(Member, PairingParty.member_id == Member.id)
        .outerjoin(Household, PairingParty.household_id == Household.id)
        .join(Organization, Organization.id == org_of_party)
        .where(PairingParty.removed_at.is_(None))
    ).all()
    out: dict[int, list[str]] = defaultdict(list)
    for pid, path in rows:
        out[pid].append(path)
    if session.info.get("read_only"):
        session.info["party_paths"] = out
    return out


def pairing_townships(session: Session) -> dict[int, set[int]]:
    """pairing id → ids of the township-level committees it involves."""
    out: dict[int, set[int]] = defaultdict(set)
    for pid, paths in party_paths(session).items():
        for path in paths:
            tid = township_id_of_path(path)
            if tid is not None:
                out[pid].add(tid)
    return out


@dataclass
class Totals:
    pairings: int = 0
    activities: int = 0
    funds: Decimal = field(default_factory=lambda: Decimal("0.00"))
    projects: int = 0

    def text(self) -> str:
        return (f"共{self.pairings}个结对，活动{self.activities}次，"
                f"资金{self.funds:,.2f}元，项目{self.projects}个")


@dataclass
class ActivityStats:
    activities: int
    funds: Decimal
    projects: frozenset[str]
    last_on: date | None


def _year_bounds(year: int | None) -> tuple[date, date] | None:
    return None if year is None else (date(year, 1, 1), date(year, 12, 31))


def activity_stats(session: Session, year: int | None = None,
                   pairing_ids: Iterable[int] | None = None) -> dict[int, ActivityStats]:
    """Per pairing: activity count, exact funds, distinct project names, last activity date."""
    q: Select = select(
        PairingActivity.pairing_id, func.count(), exact_sum(PairingActivity.funds),
        func.max(PairingActivity.held_on),
    ).group_by(PairingActivity.pairing_id)
    pq = select(PairingActivity.pairing_id, PairingActivity.project).where(
        PairingActivity.project.is_not(None), PairingActivity.project != "").distinct()
    if (bounds := _year_bounds(year)) is not None:
        q = q.where(PairingActivity.held_on.between(*bounds))
        pq = pq.where(PairingActivity.held_on.between(*bounds))
    if pairing_ids is not None:
        ids = list(pairing_ids)
        q = q.where(PairingActivity.pairing_id.in_(ids))
        pq = pq.where(PairingActivity.pairing_id.in_(ids))
    projects: dict[int, set[str]] = defaultdict(set)
    for pid, project in session.execute(pq):
        projects[pid].add(project)
    return {
        pid: ActivityStats(n, fen_to_yuan(fen), frozenset(projects.get(pid, ())), last)
        for pid, n, fen, last in session.execute(q)
    }


def totals(session: Session, pairing_ids: Sequence[int], year: int | None = None) -> Totals:
    """Totals over the given pairings, from one SQL SUM (funds exact)."""
    ids = list(pairing_ids)
    if not ids:
        return Totals()
    q = select(func.count(), exact_sum(PairingActivity.funds)).where(
        PairingActivity.pairing_id.in_(ids))
    pq = select(func.count()).select_from(
        select(PairingActivity.pairing_id, PairingActivity.project)
        .where(PairingActivity.pairing_id.in_(ids), PairingActivity.project.is_not(None),
               PairingActivity.project != "")
        .distinct().subquery())
    if (bounds := _year_bounds(year)) is not None:
        q = q.where(PairingActivity.held_on.between(*bounds))
        pq = select(func.count()).select_from(
            select(PairingActivity.pairing_id, PairingActivity.project)
            .where(PairingActivity.pairing_id.in_(ids), PairingActivity.project.is_not(None),
                   PairingActivity.project != "", PairingActivity.held_on.between(*bounds))
            .distinct().subquery())
    n, fen, projects = session.execute(q.add_columns(pq.scalar_subquery())).one()
    return Totals(len(ids), int(n or 0), fen_to_yuan(fen), int(projects or 0))


@dataclass
class PairingRow:
    id: int
    code: str
    name: str
    type: str
    status: str
    start_on: date
    end_on: date | None
    leads: str
    assisted: str
    activities: int
    funds: Decimal
    projects: int
    last_on: date | None
    townships: str
    version: int


def _overlaps_year(year: int) -> Any:
    first, last = date(year, 1, 1), date(year, 12, 31)
    return and_(Pairing.start_on <= last, or_(Pairing.end_on.is_(None), Pairing.end_on >= first))


def _scope_township(session: Session, actor: Actor) -> int | None:
    """The township id a township clerk is limited to (-1 when unknown), None for the county."""
    access.require_read(actor)
    if actor.scope_org_id is None:
        return None
    org = session.get(Organization, actor.scope_org_id)
    return township_id_of_path(org.path) if org else -1


def list_pairings(
    session: Session, actor: Actor, type: PairingType | str | None = None,
    status: PairingStatus | str | None = None, township_id: int | None = None,
    year: int | None = None, search: str | None = None,
) -> list[PairingRow]:
    """The register, filtered; a township clerk sees the pairings involving their township."""
    access.require_read(actor)
    q = select(Pairing).order_by(Pairing.code)
    if type:
        q = q.where(Pairing.type == PairingType(type))
    if status:
        q = q.where(Pairing.status == PairingStatus(status))
    if year is not None:
        q = q.where(_overlaps_year(year))
    if search:
        q = q.where(or_(Pairing.name.contains(search.strip()), Pairing.code.contains(search.strip())))
    pairings = list(session.scalars(q))
    towns = pairing_townships(session)
    scope_tid = _scope_township(session, actor)
    if scope_tid is not None:
        pairings = [p for p in pairings if scope_tid in towns.get(p.id, ())]
    if township_id is not None:
        pairings = [p for p in pairings if township_id in towns.get(p.id, ())]
    stats = activity_stats(session, year)
    town_names = shown_names(session)  # an organization with its township where its name repeats
    labels = _party_labels(session, town_names)
    rows = []
    for p in pairings:
        s = stats.get(p.id)
        lead = [label for side, label in labels.get(p.id, []) if side == PartySide.LEAD]
        assisted = [label for side, label in labels.get(p.id, []) if side == PartySide.ASSISTED]
        rows.append(PairingRow(
            p.id, p.code, p.name, p.type.value, p.status.value, p.start_on, p.end_on,
            "、".join(lead), "、".join(assisted), s.activities if s else 0,
            s.funds if s else Decimal("0.00"), len(s.projects) if s else 0,
            s.last_on if s else None,
            "、".join(town_names.get(t, "?") for t in sorted(towns.get(p.id, ()))), p.version,
        ))
    return rows


def _party_labels(session: Session, names: dict[int, str]) -> dict[int, list[tuple[PartySide, str]]]:
    rows = session.execute(
        select(PairingParty.pairing_id, PairingParty.side, PairingParty.org_id, Member.name,
               Household.head_name)
        .outerjoin(Member, PairingParty.member_id == Member.id)
        .outerjoin(Household, PairingParty.household_id == Household.id)
        .where(PairingParty.removed_at.is_(None))
        .order_by(PairingParty.id)
    ).all()
    out: dict[int, list[tuple[PartySide, str]]] = defaultdict(list)
    for pid, side, org, member, head in rows:
        label = names.get(org, "?") if org else f"党员:{member}" if member else f"户主:{head}"
        out[pid].append((side, label))
    return out


@dataclass
class TownshipRow:
    township_id: int | None
    name: str
    pairings: int
    activities: int
    funds: Decimal
    projects: int


def township_summary(session: Session, actor: Actor, year: int | None = None) -> list[TownshipRow]:
    """One row per township-level committee, then the county total (合计) counting each pairing once.

    A pairing spanning two townships counts in full for each (see the module docstring).
    """
    scope_tid = _scope_township(session, actor)
    q = select(Pairing.id)
    if year is not None:
        q = q.where(_overlaps_year(year))
    ids = set(session.scalars(q))
    towns = pairing_townships(session)
    stats = activity_stats(session, year)
    from ..orgs import townships

    tship = townships(session)
    if scope_tid is not None:
        tship = [t for t in tship if t.id == scope_tid]
        ids = {p for p in ids if scope_tid in towns.get(p, ())}
    out = []

    def row(tid: int | None, name: str, pids: set[int]) -> TownshipRow:
        acts, funds, projects = 0, Decimal("0.00"), 0
        for pid in pids:
            s = stats.get(pid)
            if s:
                acts += s.activities
                funds += s.funds
                projects += len(s.projects)
        return TownshipRow(tid, name, len(pids), acts, funds, projects)

    for t in tship:
        out.append(row(t.id, t.short_name or t.name, {p for p in ids if t.id in towns.get(p, ())}))
    out.append(row(None, "合计", ids))
    return out
