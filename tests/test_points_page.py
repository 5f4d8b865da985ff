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
    said: list[str] = []
    county_page.ctx.status = said.append
    county_page.view.selectRow(0)
    assert county_page.approve_selected() == 1
    assert said == ["已审核1条积分记录，即时生效（选中1条）"]
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


def test_a_township_clerk_records_by_name_with_suggestions(qtbot, sqlite_db, setup):
    """A township clerk sees masked ID numbers: the member is found by name or pinyin initials,
    suggested with branch and masked number; a name two members share is asked about; picking a
    suggestion, or selecting a row of the ledger, fills the member in."""
    from models.services.members import create_member
    from tests.factories import member_values

    county, member_id, number = setup
    with sqlite_db.session() as s:
        admin = Actor("测试员", "管理员")
        from models.member import Member

        name = s.get(Member, member_id).name
        twin = create_member(s, admin, member_values(7, name=name, org="幸福社区党支部"))
        create_member(s, admin, member_values(8, name="李四", org="中心小学党支部"))  # 西山乡
        s.commit()
        twin_id = twin.id
    clerk = make_page(qtbot, sqlite_db, Actor("东城镇", "乡镇办事员", county.east.id))
    clerk.member.setText(name)
    shown = clerk.suggest_members()
    assert len(shown) == 2 and all("********" in s for s in shown)
    assert {s.split("　")[1] for s in shown} == {"红星村党支部", "幸福社区党支部"}
    assert not clerk.add(name, "2025-02-10", "学习教育加分", "+2", "学习")
    assert f"有2名党员叫“{name}”（红星村党支部、幸福社区党支部），请从下拉列表中选择" in clerk.errors[-1]
    twin_row = next(s for s in shown if "幸福社区" in s)
    assert clerk.add(twin_row, "2025-02-10", "学习教育加分", "+2", "学习")
    assert clerk.model.rows[0].member_id == twin_id
    # a member of another township is not found by name (nor suggested)
    clerk.member.setText("李四")
    assert clerk.suggest_members() == []
    assert not clerk.add("李四", "2025-02-10", "学习教育加分", "+2", "学习")
    assert "找不到党员“李四”" in clerk.errors[-1]
    # the full ID number still works; pinyin initials suggest
    assert clerk.add(number, "2025-02-11", "学习教育加分", "+2", "学习")
    from models.services.members import initials

    clerk.member.setText(initials(name)[:2])  # 张芳1 → zf
    assert any(s.startswith(name) for s in clerk.suggest_members())
    # selecting a row fills an empty member field with that row's member
    clerk.member.clear()
    row = next(r for r, e in enumerate(clerk.model.rows) if e.member_id == twin_id)
    clerk.view.selectRow(row)
    assert clerk.member.text().startswith(f"{name}　幸福社区党支部　")
    assert clerk.add(clerk.member.text(), "2025-02-12", "先锋作用加分", "+1", "带头")
    assert sum(1 for e in clerk.model.rows if e.member_id == twin_id) == 2


def test_enter_records_and_the_new_entry_is_selected(qtbot, sqlite_db, setup):
    from PySide6.QtCore import Qt

    _county, _member_id, number = setup
    page = make_page(qtbot, sqlite_db, Actor("测试员", "管理员"))
    assert page.add(number, "2025-02-10", "学习教育加分", "+2", "学习")
    page.member.setText(number)
    page.item.setCurrentText("志愿服务加分")
    page.on.setDate(page.on.date().fromString("2025-03-01", "yyyy-MM-dd"))
    page.points.setText("+3")
    page.reason.setText("防汛")
    qtbot.keyClick(page.reason, Qt.Key.Key_Return)
    assert page.errors == [] and len(page.model.rows) == 2
    assert page.points.text() == "" and page.reason.text() == ""
    selected = page.view.selectionModel().selectedRows()
    assert [page.model.rows[i.row()].reason for i in selected] == ["防汛"]


def test_a_refused_correction_keeps_both_values_and_esc_asks(qtbot, sqlite_db, setup, monkeypatch, confirmations):
    """更正…: the points and the reason in one form; without a reason it is refused and the form keeps
    what was typed, the cursor in 更正理由 (docs/screen.md)."""
    from forms import dialogs

    shown: list[str] = []
    monkeypatch.setattr(dialogs, "message", lambda parent, kind, title, text, detail="": shown.append(text))
    county, member_id, number = setup
    page = make_page(qtbot, sqlite_db, Actor("测试员", "管理员"))
    assert page.add(number, "2025-02-10", "学习教育加分", "+15", "完成全年学习计划")
    dialog = page.correct_dialog(page.model.rows[0].id)
    dialog.show()
    dialog.first.setText("-5")
    dialog.accept()
    assert dialog.isVisible() and shown == ["事由：更正须写明理由"]
    assert dialog.first.text() == "-5" and dialog.focusWidget() is dialog.second
    confirmations.answer = False
    dialog.reject()
    assert confirmations[-1][0] == "放弃输入" and dialog.isVisible()
    confirmations.answer = True
    dialog.second.setText("重复记录")
    dialog.accept()
    assert not dialog.isVisible(), shown
    assert [page.model.index(r, 6).data() for r in range(page.model.rowCount())] == ["+15", "-5"]
