"""星级党员 积分制: the ledger adds up over the year, caps, approval, locked quarters, corrections,
the import and `points show`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook

from models.actor import Actor
from models.errors import DomainError, PermissionDenied, ValidationError
from models.evaluation import RoundStatus
from models.services import evaluation as ev
from models.services import points as pts
from reports.imports import run_import
from reports.points_xlsx import POINTS_HEADERS, POINTS_IMPORTER
from tests.evaluation_helpers import add_members

D = Decimal


@pytest.fixture
def member(session, actor, county):
    ev.ensure_builtin_schemes(session, actor)
    return add_members(session, actor, 1)[0]


def test_points_add_up_over_the_year(session, actor, member):
    pts.add_entry(session, actor, member.id, "2025-02-10", "学习教育加分", "+15", "完成全年学习计划")
    pts.add_entry(session, actor, member.id, "2025-05-06", "志愿服务加分", "5", "参加防汛志愿服务")
    pts.add_entry(session, actor, member.id, "2025-06-20", "组织生活扣分", "-3", "无故缺席支部党员大会")
    year = pts.member_year(session, actor, member.id, 2025)
    assert [(q.quarter, q.total, q.stars) for q in year.quarters] == [
        (1, D("75"), "★★"), (2, D("77"), "★★"), (3, D("77"), "★★"), (4, D("77"), "★★")]
    assert [pts.signed(e.points) for e in year.entries] == ["+15", "+5", "-3"]
    assert all(e.recorded_by == "测试员" and e.approved_by == "测试员" for e in year.entries)


def test_item_cap_and_sign(session, actor, member):
    pts.add_entry(session, actor, member.id, "2025-02-10", "学习教育加分", "15", "完成全年学习计划")
    with pytest.raises(ValidationError) as exc:
        pts.add_entry(session, actor, member.id, "2025-08-10", "学习教育加分", "1", "又一次学习")
    assert "“学习教育加分”全年最多15分，已记15分，本条1分将超过上限" in str(exc.value)
    with pytest.raises(ValidationError, match="扣分项目，分值应为负数"):
        pts.add_entry(session, actor, member.id, "2025-08-10", "组织生活扣分", "3", "缺席")
    with pytest.raises(ValidationError, match="事由：必填"):
        pts.add_entry(session, actor, member.id, "2025-08-10", "志愿服务加分", "3", "")


def test_year_cap_on_additions(session, actor, member):
    pts.add_entry(session, actor, member.id, "2025-02-10", "学习教育加分", "15", "学习")
    pts.add_entry(session, actor, member.id, "2025-02-11", "先锋作用加分", "15", "带头")
    pts.add_entry(session, actor, member.id, "2025-02-12", "志愿服务加分", "10", "服务")
    book = pts.ledger(session)
    assert book.year_max_add == D("40")
    errors = pts.cap_errors(book, {"学习教育加分": D(15), "先锋作用加分": D(15), "志愿服务加分": D(5)},
                            "志愿服务加分", D(6))
    assert "全年加分最多40分，已加35分，本条6分将超过上限" in [e.reason for e in errors]


def test_township_entries_wait_for_county_approval(session, actor, county, member):
    clerk = Actor("东城镇", "乡镇办事员", county.east.id)
    entry = pts.add_entry(session, clerk, member.id, "2025-03-01", "志愿服务加分", "+4", "清扫村道")
    year = pts.member_year(session, actor, member.id, 2025)
    assert (year.quarters[0].total, year.quarters[0].pending, year.entries[0].state) == (D("60"), 1, "待审核")
    with pytest.raises(PermissionDenied, match="须由县级账号审核"):
        pts.approve_entries(session, clerk, [entry.id])
    assert pts.approve_entries(session, actor, [entry.id]) == 1
    year = pts.member_year(session, actor, member.id, 2025)
    assert (year.total, year.entries[0].state, year.entries[0].approved_by) == (D("64"), "已生效", "测试员")
    west = Actor("西山乡", "乡镇办事员", county.west.id)
    with pytest.raises(PermissionDenied):
        pts.add_entry(session, west, member.id, "2025-03-01", "志愿服务加分", "+1", "x")


def _lock_quarter(session, actor, county, period):
    rnd = ev.open_round(session, actor, ev.find_scheme(session, "星级党员"), period, county.root)
    ev.set_status(session, actor, rnd.id, None, RoundStatus.REVIEWED)
    ev.set_status(session, actor, rnd.id, None, RoundStatus.POSTED, date(2025, 4, 1))
    ev.lock_round(session, actor, rnd.id, today=date(2025, 4, 10))
    return rnd


def test_quarter_round_shows_running_totals_and_a_locked_quarter_is_read_only(session, actor, county, member):
    first = pts.add_entry(session, actor, member.id, "2025-02-10", "学习教育加分", "+15", "学习")
    rnd = _lock_quarter(session, actor, county, "2025Q1")
    [row] = ev.sheet_rows(session, rnd.id)
    assert (row.total, row.final_level) == (D("75"), "★★")
    with pytest.raises(ValidationError, match="第1季度的积分已公示确定（锁定）"):
        pts.add_entry(session, actor, member.id, "2025-03-10", "志愿服务加分", "+2", "补记")
    with pytest.raises(DomainError, match="记录只读；如需调整请登记更正"):
        pts.update_entry(session, actor, first.id, None, "2025-02-10", "学习教育加分", "10", "学习")
    fix = pts.correct_entry(session, actor, first.id, "2025-04-02", "-5", "学习计划只完成三分之二")
    assert (fix.corrects_id, fix.item, fix.reason) == (first.id, "学习教育加分", "更正：学习计划只完成三分之二")
    pts.add_entry(session, actor, member.id, "2025-05-06", "志愿服务加分", "5", "服务")
    pts.add_entry(session, actor, member.id, "2025-06-20", "组织生活扣分", "-3", "缺席")
    year = pts.member_year(session, actor, member.id, 2025)
    assert [(q.total, q.stars, q.locked) for q in year.quarters[:2]] == [(D("75"), "★★", True),
                                                                         (D("72"), "★★", False)]
    assert year.entries[0].locked and not year.entries[1].locked
    q2 = ev.open_round(session, actor, ev.find_scheme(session, "星级党员"), "2025Q2", county.root)
    [row] = ev.sheet_rows(session, q2.id)
    assert (row.total, row.final_level) == (D("72"), "★★")
    with pytest.raises(DomainError, match="积分来自积分台账"):
        ev.enter_scores(session, actor, row.sheet_id, None, items={"学习教育加分": "1"})


def _workbook(path, rows):
    wb = Workbook()
    ws = wb.active
    ws.append(POINTS_HEADERS)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def test_import_points_all_or_nothing(session, actor, member, tmp_path):
    good = [member.id_number, member.name, "2025-02-10", "学习教育加分", "+10", "学习"]
    rows = [good,
            [member.id_number, member.name, "2025-03-10", "学习教育加分", "+6", "又学习"],
            [member.id_number, "李四", "2025-03-11", "先锋作用加分", "+2", "带头"],
            [member.id_number, member.name, "2025-03-12", "打扫卫生", "+2", "带头"],
            ["11010519491231002X", "王五", "2025-03-12", "志愿服务加分", "+2", "服务"]]
    result = run_import(session, actor, POINTS_IMPORTER, _workbook(tmp_path / "p.xlsx", rows))
    assert not result.written
    messages = [str(e) for e in result.errors]
    assert any("第3行" in m and "分值" in m and "全年最多15分" in m for m in messages), messages
    assert any("第4行" in m and "姓名" in m and "与名册不符" in m for m in messages), messages
    assert any("第5行" in m and "积分项目" in m and "不是积分项目" in m for m in messages), messages
    assert any("第6行" in m and "名册中没有该党员" in m for m in messages), messages
    assert pts.member_year(session, actor, member.id, 2025).entries == []
    result = run_import(session, actor, POINTS_IMPORTER, _workbook(tmp_path / "p.xlsx", rows), keep_valid=True)
    assert result.imported == 1
    assert pts.member_year(session, actor, member.id, 2025).total == D("70")


def test_cli_template_import_and_show(tmp_path, sqlite_path, capsys):
    from desktop.cli import main
    from models.db import open_database
    from tests.factories import build_county

    db = open_database(sqlite_path)
    admin = Actor("管理员", "管理员")
    with db.session() as s:
        build_county(s, admin)
        ev.ensure_builtin_schemes(s, admin)
        s.commit()
        m = add_members(s, admin, 1)[0]
        number, name = m.id_number, m.name
    db.dispose()
    base = ["--db", str(sqlite_path), "--user", "管理员"]
    assert main([*base, "template", "points", "--out", str(tmp_path / "t.xlsx")]) == 0
    from openpyxl import load_workbook

    assert [c.value for c in load_workbook(tmp_path / "t.xlsx").active[1]] == POINTS_HEADERS
    path = _workbook(tmp_path / "p.xlsx", [
        [number, name, "2025-02-10", "学习教育加分", "+15", "学习"],
        [number, name, "2025-05-06", "志愿服务加分", "+5", "服务"],
        [number, name, "2025-06-20", "组织生活扣分", "-3", "缺席"]])
    assert main([*base, "import", "points", str(path), "--dry-run"]) == 0
    assert "3行无误" in capsys.readouterr().out
    assert main([*base, "import", "points", str(path)]) == 0
    assert "导入3行" in capsys.readouterr().out
    assert main([*base, "points", "show", "--id-number", number, "--year", "2025"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "第1季度\t+15\t75\t★★\t0" in out
    assert "第2季度\t+2\t77\t★★\t0" in out
    assert any(line.split("\t")[2:4] == ["组织生活扣分", "-3"] for line in out)


def test_a_township_clerk_imports_only_their_township_and_waits_for_approval(session, actor, county, member,
                                                                              tmp_path):
    school = add_members(session, actor, 1, org="中心小学党支部", start=30)[0]
    clerk = Actor("东城镇", "乡镇办事员", county.east.id)
    rows = [[member.id_number, member.name, "2025-02-10", "志愿服务加分", "+3", "服务"],
            [school.id_number, school.name, "2025-02-10", "志愿服务加分", "+3", "服务"]]
    result = run_import(session, clerk, POINTS_IMPORTER, _workbook(tmp_path / "p.xlsx", rows))
    assert [(e.row, e.column) for e in result.errors] == [(3, "公民身份号码")]
    assert "不在账号“东城镇”的范围内" in str(result.errors[0])
    result = run_import(session, clerk, POINTS_IMPORTER, _workbook(tmp_path / "p.xlsx", rows[:1]))
    assert result.imported == 1
    year = pts.member_year(session, actor, member.id, 2025)
    assert (year.total, year.entries[0].state, year.entries[0].recorded_by) == (D("60"), "待审核", "东城镇")
