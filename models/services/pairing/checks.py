"""What `dangjian check` reports for paired assistance, and the pairings due for review."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...actor import Actor
from ...enums import Sector
from ...org import Organization
from ...pairing import (
    Pairing,
    PairingParty,
    PairingStatus,
    PairingType,
    PartySide,
)
from ...settings import get_setting
from .. import access
from .summary import _scope_township, activity_stats, pairing_townships

INACTIVE_DAYS = 90


def pairing_findings(session: Session, actor: Actor, today: date | None = None,
                     max_pairings_per_org: int | None = None) -> list[str]:
    """Rule checks on active (进行中) pairings, one Chinese line each.

    - no activity for 90 days: the last activity (or the start, when none) is 90 or more days
      before `today` (89 days: fine; 90 and 91: reported);
    - past its end date (end date before today) and still 进行中;
    - a 城乡联建 with fewer than 2 or more than 4 assisted villages (assisted organizations
      whose sector is 农村);
    - an organization that is a party (either side) of more than N active pairings
      (setting pairing_max_per_org, default 3);
    - the 3-year review date is past or within 30 days.
    """
    scope_tid = _scope_township(session, actor)
    prefix = access.scope_path(session, actor)
    today = today or date.today()
    if max_pairings_per_org is None:
        max_pairings_per_org = int(get_setting(session, "pairing_max_per_org"))
    active = list(session.scalars(
        select(Pairing).where(Pairing.status == PairingStatus.ACTIVE).order_by(Pairing.code)))
    if scope_tid is not None:  # a township clerk: the pairings involving their township
        towns = pairing_townships(session)
        active = [p for p in active if scope_tid in towns.get(p.id, ())]
    visible = {p.id for p in active}
    stats = activity_stats(session, pairing_ids=None)
    out = []
    for p in active:
        if p.start_on > today:
            continue
        s = stats.get(p.id)
        last = s.last_on if s and s.last_on else None
        since = last or p.start_on
        idle = (today - since).days
        if idle >= INACTIVE_DAYS:
            what = f"最近一次活动在{last.isoformat()}" if last else f"自{p.start_on.isoformat()}开始以来没有活动记录"
            out.append(f"结对无活动\t{p.code} {p.name}\t已{idle}天没有开展活动（{what}）")
        if p.end_on is not None and p.end_on < today:
            out.append(f"结对逾期\t{p.code} {p.name}\t结束日期{p.end_on.isoformat()}已过，状态仍为进行中")
    villages = dict(session.execute(
        select(PairingParty.pairing_id, func.count(func.distinct(PairingParty.org_id)))
        .join(Organization, PairingParty.org_id == Organization.id)
        .join(Pairing, Pairing.id == PairingParty.pairing_id)
        .where(PairingParty.side == PartySide.ASSISTED, PairingParty.removed_at.is_(None),
               Organization.sector == Sector.RURAL, Pairing.type == PairingType.URBAN_RURAL,
               Pairing.status == PairingStatus.ACTIVE)
        .group_by(PairingParty.pairing_id)
    ).all())
    for p in active:
        if p.type != PairingType.URBAN_RURAL:
            continue
        n = villages.get(p.id, 0)
        if n < 2 or n > 4:
            out.append(f"城乡联建村数\t{p.code} {p.name}\t联建{n}个村，应为2至4个村")
    per_org_q = (
        select(Organization.name, func.count(func.distinct(PairingParty.pairing_id)))
        .join(PairingParty, PairingParty.org_id == Organization.id)
        .join(Pairing, Pairing.id == PairingParty.pairing_id)
        .where(PairingParty.removed_at.is_(None), Pairing.status == PairingStatus.ACTIVE)
    )
    if prefix is not None:
        per_org_q = per_org_q.where(Organization.path.startswith(prefix))
    per_org = session.execute(
        per_org_q.group_by(Organization.id, Organization.name)
        .having(func.count(func.distinct(PairingParty.pairing_id)) > max_pairings_per_org)
        .order_by(Organization.name)
    ).all()
    for name, n in per_org:
        out.append(f"结对过多\t{name}\t参与{n}个进行中的结对，超过{max_pairings_per_org}个")
    for p in review_due(session, today):
        if p.id not in visible and scope_tid is not None:
            continue
        when = "已到期" if p.review_on <= today else "将于30天内到期"
        out.append(f"结对复核\t{p.code} {p.name}\t三年复核日期{p.review_on.isoformat()}{when}")
    from .assessment import FLAG, failing_twice

    for year in (today.year - 1, today.year):  # the latest two-year runs (docs/evaluation-rules.md)
        twice = failing_twice(session, year)
        for p in active:
            if p.id in twice:
                out.append(f"结对须调整\t{p.code} {p.name}\t{year - 1}、{year}年度评价均为差（不合格）：{FLAG}")
    return out


def review_due(session: Session, today: date | None = None, within_days: int = 30) -> list[Pairing]:
    """Active pairings whose 3-year review date is within `within_days` (or past)."""
    today = today or date.today()
    return list(session.scalars(
        select(Pairing).where(Pairing.status == PairingStatus.ACTIVE,
                              Pairing.review_on <= today + timedelta(days=within_days))
        .order_by(Pairing.review_on)))
