"""The 结对帮扶 page: an 城乡联建 of one urban branch and three villages, two activities, the totals."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from desktop.context import AppContext
from desktop.pages import pairing as page_module
from models.org import Organization
from tests.pairing_helpers import build_pairing_county


@pytest.fixture
def ctx(sqlite_db, actor):
    with sqlite_db.session() as s:
        build_pairing_county(s, actor)
        s.commit()
    errors: list[str] = []
    c = AppContext(sqlite_db, actor, show_error=errors.append)
    c.errors = errors  # type: ignore[attr-defined]
    return c


def find_items(tree, labels):
    found = []
    for label in labels:
        items = tree.findItems(label, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
        assert len(items) == 1, label
        found.append(items[0])
    return found


def cell(view, row, header):
    model = view.model()
    col = model.headers.index(header)
    return model.data(model.index(row, col))


def test_urban_rural_pairing_two_activities_and_totals(qtbot, qtmodeltester, ctx):
    page = page_module.create_page(ctx)
    qtbot.addWidget(page)
    assert page_module.KEY == "pairing" and page_module.TITLE == "结对帮扶"
    assert page.totals_label.text() == "合计：共0个结对，活动0次，资金0.00元，项目0个"

    dialog = page.open_new_dialog()
    dialog.type_combo.setCurrentText("城乡联建")
    dialog.start_edit.setDate(QDate(2026, 3, 1))
    dialog.sources.setCurrentIndex(0)
    dialog.org_tree.clearSelection()
    find_items(dialog.org_tree, ["县医院党支部"])[0].setSelected(True)
    qtbot.mouseClick(dialog.add_lead_button, Qt.MouseButton.LeftButton)
    dialog.org_tree.clearSelection()
    for item in find_items(dialog.org_tree, ["红星村党支部", "青山村党支部", "柳溪村党支部"]):
        item.setSelected(True)
    qtbot.mouseClick(dialog.add_assisted_button, Qt.MouseButton.LeftButton)
    assert [t for t, _ in dialog.parties(dialog.assisted_list)] == ["红星村党支部", "青山村党支部", "柳溪村党支部"]
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error_label.text()

    assert page.list_model.rowCount() == 1
    assert cell(page.list_view, 0, "编号") == "JD2026-001"
    assert cell(page.list_view, 0, "结对类型") == "城乡联建"
    assert cell(page.list_view, 0, "被帮扶方") == "红星村党支部、青山村党支部、柳溪村党支部"
    assert cell(page.list_view, 0, "涉及乡镇") == "东城镇党委、西山乡党委"
    assert page.party_model.rowCount() == 4

    for when, content, funds in ((date(2026, 4, 2), "捐建村道", "0.1"), (date(2026, 5, 6), "蔬菜大棚", "0.2")):
        page.act_date.setDate(QDate(when.year, when.month, when.day))
        page.act_kind.setCurrentText("项目帮扶")
        page.act_content.setText(content)  # keyClicks takes ASCII only
        qtbot.keyClicks(page.act_funds, funds)
        page.act_project.setText("村道硬化")
        qtbot.mouseClick(page.act_button, Qt.MouseButton.LeftButton)
        assert page.act_message.text() == "已登记", ctx.errors

    assert page.totals_label.text() == "合计：共1个结对，活动2次，资金0.30元，项目1个"
    assert cell(page.list_view, 0, "活动次数") == "2"
    assert cell(page.list_view, 0, "资金(元)") == "0.30"
    assert page.activity_model.rowCount() == 2
    assert cell(page.activity_view, 0, "内容") == "蔬菜大棚"

    # the summary tab (read when shown): the pairing counts for both townships, once in the total
    page.tabs.setCurrentWidget(page.summary_tab)
    page.year_spin.setValue(2026)
    rows = {cell(page.summary_view, r, "乡镇"): r for r in range(page.summary_model.rowCount())}
    for name in ("东城镇党委", "西山乡党委", "合计"):
        assert cell(page.summary_view, rows[name], "结对数") == "1"
        assert cell(page.summary_view, rows[name], "资金(元)") == "0.30"

    # filters
    page.type_filter.setCurrentText("村企联建")
    assert page.list_model.rowCount() == 0
    assert page.totals_label.text() == "合计：共0个结对，活动0次，资金0.00元，项目0个"
    page.type_filter.setCurrentIndex(0)
    page.status_filter.setCurrentText("进行中")
    assert page.list_model.rowCount() == 1

    for model in (page.list_model, page.party_model, page.activity_model, page.summary_model):
        qtmodeltester.check(model)


def test_the_summary_tab_is_read_when_shown(qtbot, ctx, actor):
    """At open the page reads the register alone; the 乡镇汇总 tab is read when it is shown, and
    again after a change made on the register."""
    from models.services import pairing as svc
    from models.services.pairing import PartyRef

    page = page_module.create_page(ctx)
    qtbot.addWidget(page)
    assert page.summary_model.rowCount() == 0
    page.tabs.setCurrentWidget(page.summary_tab)
    rows = {cell(page.summary_view, r, "乡镇"): r for r in range(page.summary_model.rowCount())}
    assert cell(page.summary_view, rows["合计"], "结对数") == "0"

    page.tabs.setCurrentIndex(0)
    with ctx.session() as s:  # a pairing made on the register
        orgs = {o.short_name: o.id for o in s.scalars(select(Organization))}
        svc.create_pairing(s, actor, type="城乡联建", leads=[PartyRef("org", orgs["县医院党支部"])],
                           assisted=[PartyRef("org", orgs["红星村党支部"]), PartyRef("org", orgs["青山村党支部"])],
                           start_on=date(date.today().year, 1, 2))
    page.reload()
    assert page.list_model.rowCount() == 1
    page.tabs.setCurrentWidget(page.summary_tab)
    rows = {cell(page.summary_view, r, "乡镇"): r for r in range(page.summary_model.rowCount())}
    assert cell(page.summary_view, rows["合计"], "结对数") == "1"


def test_a_pairing_selected_is_read_once(qtbot, ctx, actor):
    """Selecting a pairing reads its detail once (not also on the selection's change), in as many
    statements whatever the number of its parties."""
    from sqlalchemy import event

    from models.services import pairing as svc
    from models.services.pairing import PartyRef

    with ctx.session() as s:
        orgs = {o.short_name: o.id for o in s.scalars(select(Organization))}
        p = svc.create_pairing(s, actor, type="城乡联建", leads=[PartyRef("org", orgs["县医院党支部"])],
                               assisted=[PartyRef("org", orgs[f"{v}村党支部"]) for v in ("红星", "青山", "柳溪")],
                               start_on=date(date.today().year, 1, 2))
        pid = p.id
    page = page_module.create_page(ctx)
    qtbot.addWidget(page)
    count = [0]

    def seen(*_args: object) -> None:
        count[0] += 1

    event.listen(ctx.db.engine, "before_cursor_execute", seen)
    try:
        page.select_pairing(pid)
    finally:
        event.remove(ctx.db.engine, "before_cursor_execute", seen)
    assert page.party_model.rowCount() == 4
    assert count[0] == 5  # the pairing, its parties, the organizations' names, activities, assessments


def test_bad_activity_and_bad_dialog_show_messages(qtbot, ctx):
    page = page_module.create_page(ctx)
    qtbot.addWidget(page)
    dialog = page.open_new_dialog()
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert "牵头方：至少要有一个" in dialog.error_label.text()
    assert dialog.isVisible()
    find_items(dialog.org_tree, ["县医院党支部"])[0].setSelected(True)
    dialog.add_selected(dialog.lead_list)
    dialog.org_tree.clearSelection()
    find_items(dialog.org_tree, ["红星村党支部"])[0].setSelected(True)
    dialog.add_selected(dialog.assisted_list)
    dialog.type_combo.setCurrentText("部门包村")
    dialog.try_save()
    assert page.list_model.rowCount() == 1
    page.select_pairing(page.list_model.ids[0])
    page.act_content.setText("走访")
    page.act_funds.setText("五百")
    qtbot.mouseClick(page.act_button, Qt.MouseButton.LeftButton)
    assert "资金(元)：“五百”不是金额" in page.act_message.text()
    assert ctx.errors and "不是金额" in ctx.errors[-1]
    assert page.activity_model.rowCount() == 0


def test_member_pairing_with_a_household_registered_in_the_dialog(qtbot, ctx, actor):
    from models.services.members import create_member
    from tests.factories import member_values

    with ctx.db.session() as s:
        name = create_member(s, actor, member_values(1)).name
        s.commit()
    page = page_module.create_page(ctx)
    qtbot.addWidget(page)
    dialog = page.open_new_dialog()
    dialog.type_combo.setCurrentText("党员结对帮扶(一对一)")
    dialog.sources.setCurrentIndex(1)
    dialog.member_search.setText(name)
    visible = [dialog.member_list.item(i) for i in range(dialog.member_list.count())
               if not dialog.member_list.item(i).isHidden()]
    assert len(visible) == 1
    visible[0].setSelected(True)
    dialog.add_selected(dialog.lead_list)
    dialog.sources.setCurrentIndex(2)
    dialog.hh_name.setText("王秀英")
    dialog.hh_category.setCurrentText("留守老人")
    dialog.hh_org.setCurrentIndex(dialog.hh_org.findText("红星村党支部", Qt.MatchFlag.MatchEndsWith))  # indented
    qtbot.mouseClick(dialog.hh_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == ""
    dialog.add_selected(dialog.assisted_list)
    assert [t for t, _ in dialog.parties(dialog.assisted_list)] == ["王秀英（留守老人）"]
    dialog.try_save()
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error_label.text()
    assert cell(page.list_view, 0, "牵头方") == f"党员:{name}"
    assert cell(page.list_view, 0, "被帮扶方") == "户主:王秀英"
    assert cell(page.list_view, 0, "涉及乡镇") == "东城镇党委"


def test_edit_parties_and_assess(qtbot, ctx, actor):
    from models.services import pairing as svc
    from models.services.orgs import find_org

    with ctx.db.session() as s:
        lead, v1, v2 = (find_org(s, n, actor).id for n in ("县医院党支部", "红星村党支部", "青山村党支部"))
        svc.create_pairing(s, actor, type="城乡联建", leads=[svc.PartyRef("org", lead)],
                           assisted=[svc.PartyRef("org", v1), svc.PartyRef("org", v2)],
                           start_on=date(2025, 5, 1))
        s.commit()
    page = page_module.create_page(ctx)
    qtbot.addWidget(page)
    page.select_pairing(page.list_model.ids[0])
    dialog = page.open_edit_dialog()
    assert dialog.windowTitle() == "编辑结对"
    assert [t for t, _ in dialog.parties(dialog.assisted_list)] == ["红星村党支部", "青山村党支部"]
    find_items(dialog.org_tree, ["桃园村党支部"])[0].setSelected(True)
    dialog.add_selected(dialog.assisted_list)
    dialog.try_save()
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error_label.text()
    assert cell(page.list_view, 0, "被帮扶方") == "红星村党支部、青山村党支部、桃园村党支部"
    assert cell(page.list_view, 0, "涉及乡镇") == "东城镇党委、西山乡党委"
    page.assess_year.setValue(2025)
    page.assess_rating.setCurrentText("优秀")
    page.assess_satisfaction.setText("95")
    qtbot.mouseClick(page.assess_button, Qt.MouseButton.LeftButton)
    assert "年度评价：2025年优秀（满意度95.00%）" in page.detail_label.text()
    qtbot.mouseClick(page.assess_button, Qt.MouseButton.LeftButton)
    assert ctx.errors[-1] == "年度：2025年已有评价"


def test_organizations_are_found_by_name_or_pinyin_initials(qtbot, ctx):
    page = page_module.create_page(ctx)
    qtbot.addWidget(page)
    dialog = page.open_new_dialog()

    def shown(item=None):
        items = ([dialog.org_tree.topLevelItem(k) for k in range(dialog.org_tree.topLevelItemCount())]
                 if item is None else [item.child(k) for k in range(item.childCount())])
        out = []
        for it in items:
            if not it.isHidden():
                out.append(it.text(0))
                out += shown(it)
        return out

    everything = shown()
    dialog.org_search.setText("hxc")  # 红星村
    visible = shown()
    assert visible[-1] == "红星村党支部" and "青山村党支部" not in visible
    assert len(visible) < len(everything)
    dialog.org_search.setText("")
    assert shown() == everything


def test_pairings_imported_through_the_wizard_in_a_countys_layout(qtbot, ctx, tmp_path, monkeypatch):
    """导入结对… opens the import wizard: a title row and 序号 are placed and shown before anything
    is written; after the import the list shows the pairing."""
    from openpyxl import Workbook

    from forms import dialogs
    from reports.pairing_xlsx import PAIRING_HEADERS

    shown: list[tuple[str, str, str]] = []
    monkeypatch.setattr(dialogs, "message", lambda parent, kind, title, text, detail="": shown.append((kind, title, text)))
    page = page_module.create_page(ctx)
    qtbot.addWidget(page)
    path = tmp_path / "结对台账.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["某某县城乡联建台账"])
    ws.append(["序号", *PAIRING_HEADERS])
    ws.append([1, "城乡联建", "县医院党支部", "红星村党支部、青山村党支部、白石村党支部", "2026-01-05", None,
               "发展集体经济", None])
    wb.save(path)
    wizard = page.import_pairings(str(path))
    assert wizard.windowTitle() == "导入结对"
    qtbot.waitUntil(lambda: wizard.checks >= 1, timeout=10000)
    assert wizard.mapping.field_of("序号") == "（不导入）" and "1行无误" in wizard.summary.text()
    assert page.list_model.rowCount() == 0
    with qtbot.waitSignal(wizard.imported, timeout=10000):
        wizard.accept()
    assert shown[-1][:2] == ("info", "导入完成")
    assert page.list_model.rowCount() == 1 and cell(page.list_view, 0, "牵头方") == "县医院党支部"
