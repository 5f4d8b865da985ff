"""Paired assistance: many-to-many parties, exact funds, every check, scope, the township summary."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from models.actor import SYSTEM, Actor
from models.audit import AuditEntry
from models.errors import ConflictError, DomainError, PermissionDenied, ValidationError
from models.pairing import Household, PairingActivity, PairingParty, PairingStatus
from models.services import pairing as svc
from models.services.members import create_member
from models.services.pairing import PartyRef
from models.settings import set_setting
from tests.factories import member_values
from tests.pairing_helpers import build_pairing_county

TODAY = date(2026, 11, 23)


@pytest.fixture
def pc(session, actor):
    tree = build_pairing_county(session, actor)
    session.commit()
    return tree


def org(o) -> PartyRef:
    return PartyRef("org", o.id)


def urban_rural(session, actor, pc, n_villages=3, start=date(2026, 1, 1), **kw):
    return svc.create_pairing(
        session, actor, type="城乡联建", leads=[org(pc.urban)],
        assisted=[org(v) for v in pc.villages[:n_villages]], start_on=start, **kw)


# ---------------------------------------------------------------- parties


def test_many_to_many_parties(session, actor, pc):
    m = create_member(session, actor, member_values(1))
    h = svc.create_household(session, actor, "李大爷", pc.villages[0].id, "留守老人", "红星村3组")
    p1 = urban_rural(session, actor, pc, 3)
    p2 = svc.create_pairing(session, actor, type="村企联建", leads=[org(pc.enterprise), org(pc.urban)],
                            assisted=[org(pc.villages[0]), org(pc.villages[3])],
                            start_on=date(2026, 3, 1))
    p3 = svc.create_pairing(session, actor, type="党员结对帮扶(一对一)", leads=[PartyRef("member", m.id)],
                            assisted=[PartyRef("household", h.id)], start_on=date(2026, 2, 1))
    session.commit()
    assert p1.code == "JD2026-001" and p2.code == "JD2026-002" and p3.code == "JD2026-003"
    assert p1.name == "县医院党支部与红星村党支部、青山村党支部、白石村党支部城乡联建"
    assert p1.review_on == date(2029, 1, 1)
    # one organization in two pairings, one pairing with two leads
    in_pairings = session.scalars(select(PairingParty.pairing_id).where(
        PairingParty.org_id == pc.villages[0].id)).all()
    assert sorted(in_pairings) == [p1.id, p2.id]
    rows = {r.code: r for r in svc.list_pairings(session, SYSTEM)}
    assert rows["JD2026-002"].leads == "食品公司党支部、县医院党支部"
    assert rows["JD2026-002"].townships == "东城镇党委、西山乡党委"
    assert rows["JD2026-003"].leads == f"党员:{m.name}"
    assert rows["JD2026-003"].assisted == "户主:李大爷"
    # replace the assisted side: the removed party keeps its row
    svc.update_pairing(session, actor, p1.id, p1.version,
                       assisted=[org(pc.villages[0]), org(pc.villages[4])])
    session.commit()
    assert svc.parties_of(session, p1.id)[svc.PartySide.ASSISTED] == [org(pc.villages[0]), org(pc.villages[4])]
    assert session.scalar(select(func.count()).select_from(PairingParty).where(
        PairingParty.pairing_id == p1.id)) == 5
    assert session.scalar(select(func.count()).select_from(AuditEntry).where(
        AuditEntry.entity == "pairing_party", AuditEntry.action == "remove")) == 2


def test_party_rules(session, actor, pc):
    m = create_member(session, actor, member_values(1))
    with pytest.raises(ValidationError, match="牵头方：党员结对帮扶\\(一对一\\)的牵头方应为党员"):
        svc.create_pairing(session, actor, type="党员结对帮扶(一对一)", leads=[org(pc.urban)],
                           assisted=[PartyRef("member", m.id)], start_on=TODAY)
    with pytest.raises(ValidationError, match="同一方不能既是牵头方又是被帮扶方"):
        svc.create_pairing(session, actor, type="村居联建", leads=[org(pc.villages[0])],
                           assisted=[org(pc.villages[0])], start_on=TODAY)
    with pytest.raises(ValidationError, match="结束日期：不能早于开始日期"):
        urban_rural(session, actor, pc, start=TODAY, end_on=TODAY - timedelta(days=1))
    with pytest.raises(ValidationError, match="被帮扶方：至少要有一个"):
        svc.create_pairing(session, actor, type="部门包村", leads=[org(pc.urban)], assisted=[],
                           start_on=TODAY)


def test_versions_and_closing(session, actor, pc):
    p = urban_rural(session, actor, pc)
    session.commit()
    svc.update_pairing(session, actor, p.id, 1, goals="建强组织")
    with pytest.raises(ConflictError):
        svc.update_pairing(session, actor, p.id, 1, goals="又改")
    svc.close_pairing(session, actor, p.id, date(2026, 6, 30), terminate=True, reason="村合并")
    assert p.status == PairingStatus.TERMINATED
    with pytest.raises(DomainError, match="已终止"):
        svc.close_pairing(session, actor, p.id, date(2026, 7, 1))


def test_township_clerk_scope(session, actor, pc):
    east_clerk = Actor("东城镇办事员", "乡镇办事员", pc.county.east.id)
    west_only = svc.create_pairing(session, actor, type="村企联建", leads=[org(pc.enterprise)],
                                   assisted=[org(pc.villages[3])], start_on=date(2026, 1, 1))
    session.commit()
    # involving the east township: allowed
    mine = urban_rural(session, east_clerk, pc, 2)
    svc.add_activity(session, east_clerk, mine.id, date(2026, 2, 1), "走访慰问", "慰问")
    with pytest.raises(PermissionDenied, match="没有本乡镇的结对方"):
        svc.add_activity(session, east_clerk, west_only.id, date(2026, 2, 1), "走访慰问", "慰问")
    with pytest.raises(PermissionDenied):
        svc.create_pairing(session, east_clerk, type="村企联建", leads=[org(pc.enterprise)],
                           assisted=[org(pc.villages[4])], start_on=date(2026, 1, 1))
    assert [r.id for r in svc.list_pairings(session, east_clerk)] == [mine.id]
    with pytest.raises(PermissionDenied):
        svc.add_activity(session, Actor("只读", "只读"), mine.id, TODAY, "走访慰问", "x")


# ---------------------------------------------------------------- funds


def test_funds_are_summed_exactly(session, actor, pc):
    p = urban_rural(session, actor, pc)
    q = urban_rural(session, actor, pc, 2)
    amounts = ["0.10", "0.20", "0.10", "0.20", "0.10", "0.20", "0.10"] * 10
    for i, a in enumerate(amounts):
        svc.add_activity(session, actor, p.id, date(2026, 1, 1) + timedelta(days=i), "资金帮扶",
                         "资金", a, f"项目{i % 3}")
    svc.add_activity(session, actor, q.id, date(2026, 2, 1), "资金帮扶", "资金", 0.3, "项目0")
    svc.add_activity(session, actor, q.id, date(2026, 2, 2), "资金帮扶", "大额", "99999999999.99")
    session.commit()
    t = svc.totals(session, [p.id])
    assert t.funds == Decimal("10.00") and str(t.funds) == "10.00"
    assert t.activities == 70 and t.projects == 3
    both = svc.totals(session, [p.id, q.id])
    assert both.funds == Decimal("100000000010.29")
    assert both.projects == 4  # 项目0 in two pairings counts twice
    assert both.text() == "共2个结对，活动72次，资金100,000,000,010.29元，项目4个"
    assert svc.activity_stats(session)[p.id].funds == Decimal("10.00")
    assert svc.totals(session, [p.id], year=2025).activities == 0


def test_bad_activity(session, actor, pc):
    p = urban_rural(session, actor, pc)
    with pytest.raises(ValidationError) as exc:
        svc.add_activity(session, actor, p.id, "2026-02-30", "宣讲", "", "十元", None, "多人")
    text = str(exc.value)
    assert "日期：“2026-02-30”不是有效日期" in text
    assert "活动类型：“宣讲”不在可选项中" in text
    assert "资金(元)：“十元”不是金额" in text
    assert "受益人数：“多人”不是整数" in text
    assert session.scalar(select(func.count()).select_from(PairingActivity)) == 0


# ---------------------------------------------------------------- checks


def idle_lines(lines):
    return [line for line in lines if line.startswith("结对无活动")]


@pytest.mark.parametrize(("days", "flagged"), [(89, False), (90, True), (91, True)])
def test_no_activity_for_90_days(session, actor, pc, days, flagged):
    p = urban_rural(session, actor, pc, start=date(2025, 1, 1))
    svc.add_activity(session, actor, p.id, TODAY - timedelta(days=days), "走访慰问", "走访")
    session.commit()
    lines = idle_lines(svc.pairing_findings(session, SYSTEM, TODAY))
    if flagged:
        assert lines == [f"结对无活动\t{p.code} {p.name}\t已{days}天没有开展活动"
                         f"（最近一次活动在{(TODAY - timedelta(days=days)).isoformat()}）"]
    else:
        assert lines == []


@pytest.mark.parametrize(("days", "flagged"), [(89, False), (90, True)])
def test_no_activity_since_start(session, actor, pc, days, flagged):
    urban_rural(session, actor, pc, start=TODAY - timedelta(days=days))
    assert bool(idle_lines(svc.pairing_findings(session, SYSTEM, TODAY))) is flagged


@pytest.mark.parametrize(("end", "flagged"), [(TODAY - timedelta(days=1), True), (TODAY, False)])
def test_past_end_date_still_active(session, actor, pc, end, flagged):
    p = urban_rural(session, actor, pc, start=date(2025, 1, 1), end_on=end)
    svc.add_activity(session, actor, p.id, TODAY, "走访慰问", "走访")
    lines = svc.pairing_findings(session, SYSTEM, TODAY)
    expected = f"结对逾期\t{p.code} {p.name}\t结束日期{end.isoformat()}已过，状态仍为进行中"
    assert (expected in lines) is flagged
    if flagged:
        svc.close_pairing(session, actor, p.id, TODAY)
        assert svc.pairing_findings(session, SYSTEM, TODAY) == []


@pytest.mark.parametrize(("n", "flagged"), [(1, True), (2, False), (4, False), (5, True)])
def test_urban_rural_village_count(session, actor, pc, n, flagged):
    p = urban_rural(session, actor, pc, n, start=TODAY)
    lines = [line for line in svc.pairing_findings(session, SYSTEM, TODAY) if line.startswith("城乡联建村数")]
    assert lines == ([f"城乡联建村数\t{p.code} {p.name}\t联建{n}个村，应为2至4个村"] if flagged else [])


def test_urban_rural_counts_only_villages(session, actor, pc):
    # the community branch is not a village: 1 village + 1 community → reported
    svc.create_pairing(session, actor, type="城乡联建", leads=[org(pc.urban)],
                       assisted=[org(pc.villages[0]), org(pc.county.community)], start_on=TODAY)
    assert any("联建1个村" in line for line in svc.pairing_findings(session, SYSTEM, TODAY))


@pytest.mark.parametrize(("n", "flagged"), [(3, False), (4, True)])
def test_organization_in_too_many_pairings(session, actor, pc, n, flagged):
    for i in range(n):
        svc.create_pairing(session, actor, type="村企联建", leads=[org(pc.enterprise)],
                           assisted=[org(pc.villages[i])], start_on=TODAY)
    lines = [line for line in svc.pairing_findings(session, SYSTEM, TODAY) if line.startswith("结对过多")]
    expected = f"结对过多\t{pc.enterprise.name}\t参与{n}个进行中的结对，超过3个"
    assert lines == ([expected] if flagged else [])


def test_max_per_org_is_a_setting(session, actor, pc):
    for i in range(2):
        svc.create_pairing(session, actor, type="村企联建", leads=[org(pc.enterprise)],
                           assisted=[org(pc.villages[i])], start_on=TODAY)
    assert not [x for x in svc.pairing_findings(session, SYSTEM, TODAY) if x.startswith("结对过多")]
    set_setting(session, "pairing_max_per_org", "1")
    assert [x for x in svc.pairing_findings(session, SYSTEM, TODAY) if x.startswith("结对过多")] == [
        f"结对过多\t{pc.enterprise.name}\t参与2个进行中的结对，超过1个"]


# ---------------------------------------------------------------- township summary


def test_assessment(session, actor, pc):
    p = urban_rural(session, actor, pc)
    svc.add_assessment(session, actor, p.id, 2026, "优秀", "96.5")
    with pytest.raises(ValidationError, match="2026年已有评价"):
        svc.add_assessment(session, actor, p.id, 2026, "良好", 90)
    with pytest.raises(ValidationError, match="群众满意度：应在0至100之间"):
        svc.add_assessment(session, actor, p.id, 2025, "良好", 120)
    assert [(a.year, a.rating.value, a.satisfaction) for a in svc.assessments_of(session, SYSTEM, p.id)] == [
        (2026, "优秀", Decimal("96.50"))]


def test_township_summary_equals_underlying_rows(session, actor, pc):
    from models.demo.pairing import add_demo

    for n, v in enumerate(pc.villages * 2, start=1):
        create_member(session, actor, member_values(n, org=v.short_name))
    add_demo(session, actor, random.Random(7), "small", TODAY)
    session.commit()
    assert session.scalar(select(func.count()).select_from(Household)) > 0
    assert_summary_matches_rows(session)


def test_township_summary_on_the_demo_county(sqlite_db, actor):
    from models.demo import build_demo
    from models.services.orgs import ensure_county

    with sqlite_db.session() as session:
        ensure_county(session, actor, "中共某某县委员会", "某组")
        build_demo(session, actor, "small", seed=3, today=TODAY)
        session.commit()
        assert_summary_matches_rows(session)


def assert_summary_matches_rows(session):
    from models.services.orgs import townships

    for year in (None, 2026):
        summary = svc.township_summary(session, SYSTEM, year)
        assert [r.name for r in summary] == [t.short_name for t in townships(session)] + ["合计"]
        # recompute from the rows themselves, independent of the service's aggregation
        acts = session.execute(select(PairingActivity)).scalars().all()
        parties = session.execute(select(PairingParty).where(PairingParty.removed_at.is_(None))).scalars().all()
        from models.member import Member
        from models.org import Organization
        from models.pairing import Pairing

        def town_of_party(pp):
            oid = pp.org_id or (session.get(Member, pp.member_id).org_id if pp.member_id
                                else session.get(Household, pp.household_id).org_id)
            return int(session.get(Organization, oid).path.strip("/").split("/")[1])

        pairings = session.scalars(select(Pairing)).all()
        if year:
            pairings = [p for p in pairings if p.start_on <= date(year, 12, 31)
                        and (p.end_on is None or p.end_on >= date(year, 1, 1))]
            acts = [a for a in acts if a.held_on.year == year]
        in_year = {p.id for p in pairings}
        for r in summary:
            pids = {pp.pairing_id for pp in parties if pp.pairing_id in in_year
                    and (r.township_id is None or town_of_party(pp) == r.township_id)}
            mine = [a for a in acts if a.pairing_id in pids]
            assert r.pairings == len(pids), r
            assert r.activities == len(mine), r
            assert r.funds == sum((a.funds for a in mine), Decimal("0")), r
            assert r.projects == len({(a.pairing_id, a.project) for a in mine if a.project}), r
        total = summary[-1]
        assert total.pairings > 5 and total.activities > 20 and total.funds > 0
        # a pairing spanning two townships is counted for each: the rows may add up to more
        assert sum(r.pairings for r in summary[:-1]) > total.pairings
        assert svc.totals(session, [p.id for p in pairings], year).funds == total.funds


@pytest.mark.parametrize(("days", "flagged"), [(-1, True), (30, True), (31, False)])
def test_three_year_review_due(session, actor, pc, days, flagged):
    p = urban_rural(session, actor, pc, start=date(2023, 6, 1), review_on=TODAY + timedelta(days=days))
    svc.add_activity(session, actor, p.id, TODAY, "走访慰问", "走访")
    lines = [line for line in svc.pairing_findings(session, SYSTEM, TODAY) if line.startswith("结对复核")]
    when = "已到期" if days < 0 else "将于30天内到期"
    expected = [f"结对复核\t{p.code} {p.name}\t三年复核日期{(TODAY + timedelta(days=days)).isoformat()}{when}"]
    assert lines == (expected if flagged else [])
