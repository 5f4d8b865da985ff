"""The demo county's paired assistance: realistic pairings and a year of activities.

`add_demo(session, actor, rng, scale, today)` is one of the demo generator's DEMO_PARTS: it
uses the organizations and members already in the database (it creates households of its own).
Its records are written in bulk (services/bulk.py), each with the audit row its service writes
(`create_household`, `create_pairing` with its parties, `add_activities`, `add_assessment`), in
the order those services would have written them.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..actor import Actor
from ..enums import BRANCH_KINDS, OrgStatus, Sector
from ..member import Member
from ..org import Organization
from ..pairing import (
    ActivityKind,
    Household,
    HouseholdCategory,
    Pairing,
    PairingActivity,
    PairingAssessment,
    PairingParty,
    PairingType,
    PartySide,
    Rating,
)
from ..services.bulk import Bulk
from ..services.pairing import PartyRef
from ..services.pairing.pairings import REVIEW_YEARS, add_years

PROJECTS = ["村道硬化", "饮水安全改造", "蔬菜大棚", "村级光伏电站", "农产品电商服务站",
            "文化广场", "养殖合作社", "茶叶基地", "党群服务中心改造", "路灯安装"]
CONTENT = {
    ActivityKind.PARTY_BUILDING: ["联合开展主题党日", "共上专题党课", "支部书记交流座谈"],
    ActivityKind.KNOWLEDGE: ["农技培训", "电商直播培训", "义诊进村", "法律知识讲座"],
    ActivityKind.PROJECT: ["项目现场推进会", "协调项目用地", "项目验收"],
    ActivityKind.FUNDS: ["拨付帮扶资金", "捐赠物资折款"],
    ActivityKind.VISIT: ["走访困难群众", "节日慰问", "入户了解需求"],
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "建国秀英桂兰玉珍德明志强春花永福金山凤英文华"


def _branches(session: Session, *sectors: Sector) -> list[Organization]:
    return list(session.scalars(
        select(Organization).where(
            Organization.status == OrgStatus.ACTIVE, Organization.kind.in_(BRANCH_KINDS),
            Organization.sector.in_(sectors)).order_by(Organization.id)))


def _amount(rng: random.Random, low: int, high: int) -> Decimal:
    """Yuan with fen, e.g. 12345.67."""
    return (Decimal(rng.randint(low * 100, high * 100)) / 100).quantize(Decimal("0.01"))


def _activities(bulk: Bulk, rng: random.Random, pairing_id: int,
                start: date, today: date, kinds: list[ActivityKind]) -> int:
    first = max(start, today - timedelta(days=365))
    span = (today - first).days
    if span <= 0:
        return 0
    # some pairings go quiet: their activities stop 100–200 days before today
    quiet = rng.random() < 0.12
    last_day = span - rng.randint(100, 200) if quiet else span
    count = rng.randint(3, 10)
    items: list[dict] = []
    seen: set[tuple[date, str]] = set()
    for i in range(count):
        if last_day <= 0:
            break
        if i == 0 and not quiet:  # an active pairing met within the last two months
            held = first + timedelta(days=max(0, last_day - rng.randint(0, 60)))
        else:
            held = first + timedelta(days=rng.randint(0, last_day))
        kind = rng.choice(kinds)
        funds = Decimal("0.00")
        project = None
        if kind in (ActivityKind.FUNDS, ActivityKind.PROJECT):
            funds = _amount(rng, 2_000, 200_000)
            project = rng.choice(PROJECTS)
        elif kind == ActivityKind.VISIT:
            funds = _amount(rng, 200, 3_000)
        content = rng.choice(CONTENT[kind])
        while (held, content) in seen and held > first:  # the same activity twice is refused
            held -= timedelta(days=1)
        if (held, content) in seen:
            continue
        seen.add((held, content))
        items.append({"held_on": held, "kind": kind, "content": content, "funds": funds,
                      "project": project, "people": rng.randint(5, 300)})
    for item in items:  # as add_activities writes them
        bulk.create(PairingActivity, "pairing_activity", {"pairing_id": pairing_id, **item}, "演示数据")
    return len(items)


def add_demo(session: Session, actor: Actor, rng: random.Random, scale: str, today: date) -> None:
    """Pairings of every type over the existing county, with a year of activities.

    城乡联建: urban branches (机关, 事业单位, 学校, 国企) with 2–4 villages each (one in about
    fifteen has 1 or 5 so that the checks have something to find); 村企联建: enterprises with a
    village; 部门包村: agencies with 1–2 villages; 社区共建: communities with a stationed unit;
    党员结对帮扶: members of village branches with 1–3 households of their village.
    """
    villages = _branches(session, Sector.RURAL)
    if not villages:
        return
    urban = _branches(session, Sector.INSTITUTION, Sector.SCHOOL, Sector.STATE_ENTERPRISE)
    agencies = _branches(session, Sector.AGENCY)
    enterprises = _branches(session, Sector.PRIVATE_ENTERPRISE, Sector.STATE_ENTERPRISE)
    communities = _branches(session, Sector.COMMUNITY)
    pool = villages[:]
    rng.shuffle(pool)

    def take(n: int) -> list[Organization]:
        nonlocal pool
        if len(pool) < n:
            pool = villages[:]
            rng.shuffle(pool)
        out, pool = pool[:n], pool[n:]
        return out

    def start_date() -> date:
        return today - timedelta(days=rng.randint(120, 900))

    every = [k for k in ActivityKind]
    bulk = Bulk(session, actor)
    labels = {("org", o.id): o.short_name or o.name for o in session.scalars(select(Organization))}
    codes: dict[int, int] = {}  # start year → the last number of its codes JD<year>-NNN

    def make(type_: PairingType, leads: list[PartyRef], assisted: list[PartyRef],
             kinds: list[ActivityKind], goals: str) -> None:
        """As create_pairing, add_activities and add_assessment write it."""
        start = start_date()
        end = start + timedelta(days=365 * 3) if rng.random() < 0.7 else None
        codes[start.year] = codes.get(start.year, 0) + 1

        def side(refs: list[PartyRef]) -> str:  # parties.derived_name
            names = [labels[(r.kind, r.id)] for r in refs]
            return "、".join(names[:3]) + ("等" if len(names) > 3 else "")

        pairing_id = bulk.create(Pairing, "pairing", {
            "code": f"JD{start.year}-{codes[start.year]:03d}",
            "name": f"{side(leads)}与{side(assisted)}{type_.value}"[:200], "type": type_,
            "start_on": start, "end_on": end, "goals": goals,
            "review_on": add_years(start, REVIEW_YEARS)}, "演示数据")
        for party_side, refs in ((PartySide.LEAD, leads), (PartySide.ASSISTED, assisted)):
            for ref in refs:
                bulk.create(PairingParty, "pairing_party",
                            {"pairing_id": pairing_id, "side": party_side, ref.column: ref.id}, "演示数据")
        _activities(bulk, rng, pairing_id, start, today, kinds)
        if start.year < today.year and rng.random() < 0.6:
            rating = Rating(rng.choice(["优秀", "良好", "良好", "一般"]))
            bulk.create(PairingAssessment, "pairing_assessment", {
                "pairing_id": pairing_id, "year": today.year - 1, "rating": rating,
                "satisfaction": _amount(rng, 80, 99)})

    org = lambda o: PartyRef("org", o.id)  # noqa: E731
    n_urban = min(len(urban), max(1, len(villages) // 3))
    for i, u in enumerate(urban[:n_urban]):
        n = rng.choice([2, 3, 3, 4])
        if i % 15 == 7:
            n = rng.choice([1, 5])
        make(PairingType.URBAN_RURAL, [org(u)], [org(v) for v in take(n)],
             every, "建强村党组织，发展集体经济，办好民生实事")
    for e in enterprises[: max(1, len(villages) // 4)]:
        make(PairingType.VILLAGE_ENTERPRISE, [org(e)], [org(v) for v in take(1)],
             [ActivityKind.PROJECT, ActivityKind.FUNDS, ActivityKind.PARTY_BUILDING],
             "村企共建产业项目，带动村民就业")
    for a in agencies[: max(1, len(villages) // 4)]:
        make(PairingType.DEPARTMENT_VILLAGE, [org(a)], [org(v) for v in take(rng.choice([1, 2]))],
             every, "部门包村，帮助解决实际困难")
    stationed = urban + agencies
    for c in communities[: max(1, len(communities) // 2)]:
        if not stationed:
            break
        make(PairingType.COMMUNITY_UNIT, [org(c)], [org(rng.choice(stationed))],
             [ActivityKind.PARTY_BUILDING, ActivityKind.VISIT, ActivityKind.KNOWLEDGE],
             "社区与驻区单位共建共享")
    village_ids = [v.id for v in villages]
    member_pairings = max(3, len(villages) // 2) if scale != "small" else min(12, max(3, len(villages)))
    members = session.execute(
        select(Member.id, Member.name, Member.org_id).where(Member.ended_on.is_(None), Member.org_id.in_(village_ids))
        .order_by(Member.id).limit(member_pairings)).all()
    for m in members:
        n = rng.choice([1, 1, 2, 3])
        homes = []
        for _ in range(n):  # as create_household writes it
            head = rng.choice(SURNAMES) + rng.choice(GIVEN[::2]) + rng.choice(GIVEN[1::2])
            h = bulk.create(Household, "household", {
                "head_name": head, "org_id": m.org_id, "category": rng.choice(list(HouseholdCategory)),
                "address": f"{rng.randint(1, 9)}组{rng.randint(1, 60)}号", "note": "演示数据"})
            labels[("household", h)] = head + "户"
            homes.append(PartyRef("household", h))
        labels[("member", m.id)] = m.name
        type_ = PairingType.MEMBER_ONE if n == 1 else PairingType.MEMBER_MANY
        make(type_, [PartyRef("member", m.id)], homes,
             [ActivityKind.VISIT, ActivityKind.VISIT, ActivityKind.FUNDS, ActivityKind.KNOWLEDGE],
             "帮助解决生产生活困难")
    bulk.write()
