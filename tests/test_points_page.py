"""积分台账 page: record entries in the grid, a township entry waits, approval, quarters and stars."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.context import AppContext
from desktop.pages import points as page_module
from models.actor import Actor
from models.services import evaluation as ev
from models.services import points as pts
from tests.evaluation_helpers import add_members
from tests.factories import build_county


@pytest.fixture
def setup(sqlite_db):
    actor = Actor("测试员", "管理员")
    with sqlite_db.session() as s:
        county = build_county(s, actor)
        ev.ensure_builtin_schemes(s, actor)
        s.commit()
        m = add_members(s, actor, 1)[0]
        return county, m.id, m.id_number


def make_page(qtbot, db, actor):
    errors: list[str] = []
    widget = page_module.create_page(AppContext(db, actor, show_error=errors.append))
    widget.errors = errors
    qtbot.addWidget(widget)
    widget.show()
    widget.year.setValue(2025)
    return widget


def test_record_approve_and_see_the_quarters(qtbot, sqlite_db, setup):
    county, member_id, number = setup
    clerk = make_page(qtbot, sqlite_db, Actor("东城镇", "乡镇办事员", county.east.id))
    assert not clerk.approve_button.isVisibleTo(clerk)
    assert clerk.add(number, "2025-02-10", "学习教育加分", "+15", "完成全年学习计划")
    assert not clerk.add(number, "2025-03-10", "学习教育加分", "+1", "又学习")
    assert "全年最多15分" in clerk.errors[-1]
    assert clerk.model.index(0, 9).data() == "待审核"

    county_page = make_page(qtbot, sqlite_db, Actor("测试员", "管理员"))
    county_page.view.selectRow(0)
    assert county_page.approve_selected() == 1
    assert county_page.model.index(0, 9).data() == "已生效"
    assert county_page.add(number, "2025-05-06", "志愿服务加分", "5", "防汛志愿服务")
    assert county_page.add(number, "2025-06-20", "组织生活扣分", "-3", "缺席支部党员大会")
    assert [county_page.model.index(r, 6).data() for r in range(3)] == ["+15", "+5", "-3"]
    county_page.view.selectRow(2)
    county_page.show_member(county_page.model.index(2, 0))
    assert county_page.quarters.item(1).text() == "第2季度：本季度+2，累计77分 ★★"
    with sqlite_db.session() as s:
        assert pts.member_year(s, Actor("测试员", "管理员"), member_id, 2025).total == Decimal("77")


def test_import_through_the_wizard_in_the_clerks_layout(qtbot, sqlite_db, setup, monkeypatch, tmp_path):
    """导入… opens the import wizard on the points: a title row and everyday header names are
    placed and shown before anything is written; the entry then appears in the ledger."""
    from openpyxl import Workbook

    from forms import dialogs
    from models.member import Member

    shown: list[tuple[str, str, str]] = []
    monkeypatch.setattr(dialogs, "message", lambda parent, kind, title, text, detail="": shown.append((kind, title, text)))
    _county, _member_id, number = setup
    page = make_page(qtbot, sqlite_db, Actor("测试员", "管理员"))
    wb = Workbook()
    ws = wb.active
    ws.append(["2025年党员积分登记表"])
    ws.append(["序号", "身份证号", "姓名", "日期", "积分项目", "分值", "事由"])
    with sqlite_db.session() as s:
        name = s.get(Member, _member_id).name
    ws.append([1, number, name, "2025-05-06", "志愿服务加分", 5, "防汛志愿服务"])
    path = tmp_path / "积分.xlsx"
    wb.save(path)
    wizard = page.import_file(str(path))
    assert wizard.windowTitle() == "导入积分记录"
    qtbot.waitUntil(lambda: wizard.checks >= 1, timeout=10000)
    assert wizard.mapping.field_of("身份证号") == "公民身份号码"
    assert page.model.rowCount() == 0 and "1行无误" in wizard.summary.text()
    with qtbot.waitSignal(wizard.imported, timeout=10000):
        wizard.accept()
    assert shown[-1][:2] == ("info", "导入完成")
    assert [page.model.index(r, 6).data() for r in range(page.model.rowCount())] == ["+5"]
