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

from sqlalchemy import BigInteger, Select, and_, case, cast, func, or_, select
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
from ..common import kept_while_reading
from ..orgs import shown_names, township_id_of_path

CENT = Decimal("0.01")


def exact_sum(column: Any) -> Any:
    """SUM of a money column in whole fen (an integer sum: exact on every engine)."""
    return func.coalesce(func.sum(cast(func.round(column * 100), BigInteger)), 0)


def fen_to_yuan(value: Any) -> Decimal:
    return (Decimal(int(value or 0)) / 100).quantize(CENT)


@dataclass(frozen=True)
class CurrentParty:
    """A current party of a pairing as the lists read it: its side, organization (an
    organization's id), name (a member's or a household head's) and organization path (its own,
    a member's branch's, a household's village's)."""

    pairing_id: int
    side: PartySide
    org_id: int | None
    member: str | None
    head: str | None
    path: str | None


def current_parties(session: Session) -> list[CurrentParty]:
    """Every pairing's current parties, in the order they were added, in one statement; read once
    per reading session (the register's labels and townships and the township summary all ask)."""
    org_of_party = func.coalesce(PairingParty.org_id, Member.org_id, Household.org_id)
    return kept_while_reading(session, "current_parties", lambda: [CurrentParty(*row) for row in session.execute(
        select(PairingParty.pairing_id, PairingParty.side, PairingParty.org_id, Member.name,
               Household.head_name, Organization.path)
        .outerjoin(Member, PairingParty.member_id == Member.id)
        .outerjoin(Household, PairingParty.household_id == Household.id)
        .outerjoin(Organization, Organization.id == org_of_party)
        .where(PairingParty.removed_at.is_(None))
        .order_by(PairingParty.id))])


def party_paths(session: Session) -> dict[int, list[str]]:
    """pairing id → the organization paths of its current parties (members' branches, villages)."""
    out: dict[int, list[str]] = defaultdict(list)
    for party in current_parties(session):
        if party.path is not None:
            out[party.pairing_id].append(party.path)
    return out


def pairing_townships(session: Session) -> dict[int, set[int]]:
    """pairing id → ids of the township-level committees it involves; worked out once per reading
    session (the register and the township summary both ask)."""
    def work_out() -> dict[int, set[int]]:
        out: dict[int, set[int]] = defaultdict(set)
        for pid, paths in party_paths(session).items():
            for path in paths:
                tid = township_id_of_path(path)
                if tid is not None:
                    out[pid].add(tid)
        return out

    return kept_while_reading(session, "pairing_townships", work_out)


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
    #: distinct project names (empty names do not count)
    projects: int
    last_on: date | None


def _year_bounds(year: int | None) -> tuple[date, date] | None:
    return None if year is None else (date(year, 1, 1), date(year, 12, 31))


def _stats_query(year: int | None, pairing_ids: Iterable[int] | None = None) -> Select:
    """pairing id, activity count, funds in fen, distinct project names, last activity date: one
    row per pairing with activities (in `year`)."""
    project = case((PairingActivity.project != "", PairingActivity.project))
    q: Select = select(
        PairingActivity.pairing_id, func.count().label("activities"),
        exact_sum(PairingActivity.funds).label("fen"),
        func.count(func.distinct(project)).label("projects"),
        func.max(PairingActivity.held_on).label("last_on"),
    ).group_by(PairingActivity.pairing_id)
    if (bounds := _year_bounds(year)) is not None:
        q = q.where(PairingActivity.held_on.between(*bounds))
    if pairing_ids is not None:
        q = q.where(PairingActivity.pairing_id.in_(list(pairing_ids)))
    return q


def _stats(activities: int | None, fen: int | None, projects: int | None,
           last_on: date | None) -> ActivityStats:
    return ActivityStats(int(activities or 0), fen_to_yuan(fen), int(projects or 0), last_on)


def activity_stats(session: Session, year: int | None = None,
                   pairing_ids: Iterable[int] | None = None) -> dict[int, ActivityStats]:
    """Per pairing: activity count, exact funds, distinct project names, last activity date."""
    return {pid: _stats(*rest) for pid, *rest in session.execute(_stats_query(year, pairing_ids))}


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
    """The register, filtered; a township clerk sees the pairings involving their township.
    The pairings with their activity figures in one statement, their parties in one more, the
    organizations' names in a third."""
    access.require_read(actor)
    stats = _stats_query(year).subquery()
    q = (select(Pairing.id, Pairing.code, Pairing.name, Pairing.type, Pairing.status,
                Pairing.start_on, Pairing.end_on, Pairing.version, stats.c.activities, stats.c.fen,
                stats.c.projects, stats.c.last_on)
         .outerjoin(stats, stats.c.pairing_id == Pairing.id).order_by(Pairing.code))
    if type:
        q = q.where(Pairing.type == PairingType(type))
    if status:
        q = q.where(Pairing.status == PairingStatus(status))
    if year is not None:
        q = q.where(_overlaps_year(year))
    if search:
        q = q.where(or_(Pairing.name.contains(search.strip()), Pairing.code.contains(search.strip())))
    pairings = session.execute(q).all()
    towns = pairing_townships(session)
    scope_tid = _scope_township(session, actor)
    if scope_tid is not None:
        pairings = [p for p in pairings if scope_tid in towns.get(p.id, ())]
    if township_id is not None:
        pairings = [p for p in pairings if township_id in towns.get(p.id, ())]
    town_names = shown_names(session)  # an organization with its township where its name repeats
    labels: dict[int, dict[PartySide, list[str]]] = defaultdict(lambda: {side: [] for side in PartySide})
    for party in current_parties(session):
        labels[party.pairing_id][party.side].append(
            town_names.get(party.org_id, "?") if party.org_id else f"党员:{party.member}" if party.member
            else f"户主:{party.head}")
    rows = []
    for p in pairings:
        s = _stats(p.activities, p.fen, p.projects, p.last_on)
        sides = labels.get(p.id, {})
        rows.append(PairingRow(
            p.id, p.code, p.name, p.type.value, p.status.value, p.start_on, p.end_on,
            "、".join(sides.get(PartySide.LEAD, ())), "、".join(sides.get(PartySide.ASSISTED, ())),
            s.activities, s.funds, s.projects, s.last_on,
            "、".join(town_names.get(t, "?") for t in sorted(towns.get(p.id, ()))), p.version,
        ))
    return rows


def row_totals(rows: Sequence[PairingRow]) -> Totals:
    """The register's totals (合计) from its rows: what `totals` reads over their ids (the funds
    summed exactly, a project counted once per pairing), without a statement."""
    return Totals(len(rows), sum(r.activities for r in rows),
                  sum((r.funds for r in rows), Decimal("0.00")), sum(r.projects for r in rows))


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
    stats_q = _stats_query(year).subquery()
    q = (select(Pairing.id, stats_q.c.activities, stats_q.c.fen, stats_q.c.projects, stats_q.c.last_on)
         .outerjoin(stats_q, stats_q.c.pairing_id == Pairing.id))
    if year is not None:
        q = q.where(_overlaps_year(year))
    stats = {pid: _stats(*rest) for pid, *rest in session.execute(q)}  # the pairings and their figures
    ids = set(stats)
    towns = pairing_townships(session)
    from ..orgs import townships

    tship = townships(session)
    if scope_tid is not None:
        tship = [t for t in tship if t.id == scope_tid]
        ids = {p for p in ids if scope_tid in towns.get(p, ())}
    out = []

    def row(tid: int | None, name: str, pids: set[int]) -> TownshipRow:
        acts, funds, projects = 0, Decimal("0.00"), 0
        for pid in pids:
            s = stats[pid]
            acts += s.activities
            funds += s.funds
            projects += s.projects
        return TownshipRow(tid, name, len(pids), acts, funds, projects)

    for t in tship:
        out.append(row(t.id, t.short_name or t.name, {p for p in ids if t.id in towns.get(p, ())}))
    out.append(row(None, "合计", ids))
    return out
