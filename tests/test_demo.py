"""The demo county: deterministic, valid, sane; its export imports again identically (issue 2)."""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import func, select

from desktop.cli import main
from models import idcard
from models.actor import SYSTEM, Actor
from models.db import open_database
from models.demo import SCALES, build_demo
from models.enums import MEMBER_HOLDING_KINDS, OrgKind, OrgStatus
from models.errors import DomainError
from models.member import Member, Placement
from models.org import Organization
from models.rules import add_years, member_date_errors
from models.services.members import search_members
from models.services.orgs import ensure_county
from reports.roster import export_members, export_orgs

TODAY = date(2026, 6, 30)
ACTOR = Actor("演示员", "管理员")


def cells(path: Path) -> list[list]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()


def demo_db(path: Path, scale: str = "small", seed: int = 0, today: date = TODAY):
    db = open_database(path)
    with db.session() as s:
        ensure_county(s, ACTOR, None, None)
        summary = build_demo(s, ACTOR, scale, seed, today)
        s.commit()
    return db, summary


def exports(db, folder: Path, tag: str) -> tuple[list[list], list[list]]:
    with db.session() as s:
        export_orgs(s, SYSTEM, folder / f"orgs-{tag}.xlsx")
        export_members(s, SYSTEM, folder / f"members-{tag}.xlsx")
    return cells(folder / f"orgs-{tag}.xlsx"), cells(folder / f"members-{tag}.xlsx")


def assert_same_sheet(first: list[list], second: list[list]) -> None:
    assert len(first) == len(second)
    for number, (a, b) in enumerate(zip(first, second, strict=True), start=1):
        assert a == b, f"row {number} differs: {a} != {b}"


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    folder = tmp_path_factory.mktemp("small")
    db, summary = demo_db(folder / "demo.sqlite3")
    yield db, summary, folder
    db.dispose()


def test_same_seed_same_county(small, tmp_path):
    db, _summary, folder = small
    again, _ = demo_db(tmp_path / "again.sqlite3")
    other, _ = demo_db(tmp_path / "other.sqlite3", seed=7)
    try:
        first = exports(db, tmp_path, "1")
        assert_same_sheet(first[0], exports(again, tmp_path, "2")[0])
        assert_same_sheet(first[1], exports(again, tmp_path, "2")[1])
        assert first[1] != exports(other, tmp_path, "3")[1]
    finally:
        again.dispose()
        other.dispose()


def test_small_scale_shape(small):
    db, summary, _folder = small
    assert summary.townships == 3
    assert 35 <= summary.organizations <= 50
    assert 380 <= summary.members <= 420
    assert summary.dissolved >= 1 and summary.ended > 0 and summary.transferred > 0
    assert "党员400名" in summary.line() or f"党员{summary.members}名" in summary.line()


def test_every_member_is_valid(small):
    db, summary, _folder = small
    with db.session() as s:
        members = s.scalars(select(Member)).all()
        kinds = dict(s.execute(select(Organization.id, Organization.kind)).all())
        assert len({m.id_number for m in members}) == len(members)
        for m in members:
            assert idcard.is_valid(m.id_number), m.id_number
            assert idcard.birth_date_of(m.id_number) == m.birth_date
            assert (m.gender.value == "男") == idcard.is_male(m.id_number)
            assert add_years(m.birth_date, 18) <= m.joined_on <= TODAY
            assert 18 <= (TODAY - m.birth_date).days // 365 <= 96
            assert member_date_errors(m.birth_date, m.joined_on, m.full_on) == []
            assert kinds[m.org_id] in MEMBER_HOLDING_KINDS
            assert m.phone is None or (len(m.phone) == 11 and m.phone.startswith("1"))
        probationary = [m for m in members if m.full_on is None]
        assert 0 < len(probationary) < len(members) * 0.1
        assert all(m.joined_on > date(2025, 6, 1) for m in probationary)
        ethnic = {m.ethnicity for m in members}
        assert "汉族" in ethnic and len(ethnic) > 1
        # every member has a placement; transfers have two
        placements = s.scalar(select(func.count()).select_from(Placement))
        assert placements == len(members) + summary.transferred


def test_structure_is_sane(small):
    db, _summary, _folder = small
    with db.session() as s:
        orgs = s.scalars(select(Organization)).all()
        by_id = {o.id: o for o in orgs}
        names = [o.name for o in orgs]
        assert len(set(names)) == len(names)
        shorts = [o.short_name for o in orgs if o.short_name]
        assert len(set(shorts)) == len(shorts)
        root = next(o for o in orgs if o.parent_id is None)
        for o in orgs:
            if o is root:
                continue
            parent = by_id[o.parent_id]
            assert o.path == f"{parent.path}{o.id}/"
            assert parent.kind not in (OrgKind.GROUP,)
        townships = [o for o in orgs if o.parent_id == root.id]
        assert {o.kind for o in townships} <= {OrgKind.COMMITTEE, OrgKind.WORK_COMMITTEE}
        assert any(o.name.startswith("中共某某县城关镇") for o in townships)
        assert any(o.kind == OrgKind.GROUP for o in orgs)
        assert any(o.kind == OrgKind.GENERAL_BRANCH for o in orgs)
        assert any(o.status == OrgStatus.DISSOLVED for o in orgs)
        # a reorganized general branch holds branches created before it
        assert any(o.parent_id is not None and o.id < o.parent_id for o in orgs)
        assert any(o.term_end and o.term_end < TODAY for o in orgs)


def test_refuses_a_database_with_data(small):
    db, _summary, _folder = small
    with db.session() as s, pytest.raises(DomainError, match="只能填入新建的空数据库"):
        build_demo(s, ACTOR, "small", 0, TODAY)


def test_search_finds_by_name_initials_id_and_phone(small):
    db, _summary, _folder = small
    with db.session() as s:
        m = s.scalars(select(Member).where(Member.ended_on.is_(None), Member.phone.is_not(None))
                      .order_by(Member.id).limit(1)).one()
        assert m.id in [h.id for h in search_members(s, ACTOR, m.name[1:])]
        assert search_members(s, ACTOR, m.name)[0].name == m.name
        assert m.id in [h.id for h in search_members(s, ACTOR, m.name_initials, limit=500)]
        assert [h.id for h in search_members(s, ACTOR, m.id_number)] == [m.id]
        hit = search_members(s, ACTOR, m.phone)[0]
        assert hit.id == m.id and hit.org_name == m.org.name
        assert search_members(s, ACTOR, "  ") == []


def round_trip(tmp_path: Path, scale: str, capsys) -> None:
    source, _ = demo_db(tmp_path / "source.sqlite3", scale, today=None)
    try:
        orgs_1, members_1 = exports(source, tmp_path, "first")
    finally:
        source.dispose()
    target = tmp_path / "target.sqlite3"
    assert main(["--db", str(target), "init", "--county", "中共某某县委员会"]) == 0
    assert main(["--db", str(target), "import", "orgs", str(tmp_path / "orgs-first.xlsx")]) == 0
    assert main(["--db", str(target), "import", "members", str(tmp_path / "members-first.xlsx")]) == 0
    out = capsys.readouterr().out
    assert f"导入{len(orgs_1) - 1}行" in out and f"导入{len(members_1) - 1}行" in out
    copy = open_database(target)
    try:
        orgs_2, members_2 = exports(copy, tmp_path, "second")
    finally:
        copy.dispose()
    assert_same_sheet(orgs_1, orgs_2)
    assert_same_sheet(members_1, members_2)
    assert "已撤销" in [row[-1] for row in orgs_1]


def test_round_trip_small(tmp_path, capsys):
    round_trip(tmp_path, "small", capsys)


@pytest.mark.slow
def test_round_trip_county(tmp_path, capsys):
    """The acceptance of issue 2 at full scale: 10–25 s here (`-m "not slow"` skips it)."""
    started = time.perf_counter()
    round_trip(tmp_path, "county", capsys)
    print(f"county round trip: {time.perf_counter() - started:.1f} s", file=sys.stderr)


def test_cli_demo_initializes_and_reports(tmp_path, capsys):
    path = tmp_path / "new.sqlite3"
    assert main(["--db", str(path), "demo", "--scale", "small", "--seed", "3"]) == 0
    captured = capsys.readouterr()
    out = captured.out
    assert "演示县（small，种子3）：乡镇级党组织3个" in out and "用时" in out
    # a line per stage on standard error while it builds (the README's first command)
    stages = [line for line in captured.err.splitlines() if line.startswith("演示县 [")]
    assert stages[0].startswith("演示县 [1/10] 规划党组织和党员…") and stages[-1].startswith("演示县 [10/10] 统计…")
    assert len(stages) == 10
    assert main(["--db", str(path), "demo"]) == 1
    assert "只能填入新建的空数据库" in capsys.readouterr().err


def test_county_scale_is_declared():
    county = SCALES["county"]
    assert county.towns + county.sector_committees == 15
    assert county.members >= 20000


def test_small_demo_on_each_engine(db):
    with db.session() as s:
        ensure_county(s, ACTOR, None, None)
        summary = build_demo(s, ACTOR, "small", 0, TODAY)
        s.commit()
        current = select(func.count()).select_from(Member).where(Member.ended_on.is_(None))
        assert s.scalar(current) == summary.members >= 380
        m = s.scalars(select(Member).where(Member.ended_on.is_(None)).limit(1)).one()
        assert m.id in [h.id for h in search_members(s, ACTOR, m.id_number)]
        # the records the demo wrote in bulk with their own ids: the chain holds, and a clerk's next
        # household follows them (PostgreSQL's sequences moved on)
        from models.audit import verify_chain
        from models.pairing import Household
        from models.services.pairing import create_household

        assert verify_chain(s.connection())[0] == []
        last = s.scalar(select(func.max(Household.id)))
        assert create_household(s, ACTOR, "王建国", m.org_id).id == last + 1


def test_demo_holds_points_cadres_and_rectifications(small):
    """The 积分台账, 双议双评 and 整顿 pages are not empty in the demo county."""
    from sqlalchemy import func, select

    from models.evaluation import EvaluationApproval, PointsEntry
    from models.rectification import Rectification

    db, _summary, _folder = small
    with db.session() as s:
        entries = s.scalar(select(func.count()).select_from(PointsEntry))
        pending = s.scalar(select(func.count()).select_from(PointsEntry).where(PointsEntry.approved_by.is_(None)))
        approvals = s.scalar(select(func.count()).select_from(EvaluationApproval))
        rects = s.scalar(select(func.count()).select_from(Rectification))
    assert entries > 100 and 0 < pending < entries
    assert approvals > 0
    assert rects > 0
