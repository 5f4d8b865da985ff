"""Drive the real widgets: add a member (bad ID first), find by pinyin, transfer, history, conflict."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from models.member import Member
from tests.factories import id_number, member_values


def count_members(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Member))


def fill(qtbot, form, **values):
    for attr, value in values.items():
        editor = form.fields[attr].editor
        if hasattr(editor, "setEditText") and not hasattr(editor, "setText"):
            idx = editor.findText(value)
            editor.setCurrentIndex(idx)
        else:
            editor.clear()
            if value.isascii():
                qtbot.keyClicks(editor, value)
            else:  # QTest cannot type CJK; insert() counts as an edit like an input method
                editor.insert(value)


def test_add_member_with_bad_id_then_fix_find_transfer_and_history(qtbot, ctx, gui_db, messages, qtmodeltester):
    from desktop.pages.members import MembersPage

    page = MembersPage(ctx)
    qtbot.addWidget(page)
    qtmodeltester.check(page.model)
    before = count_members(gui_db)
    form = page.add_member()
    fill(qtbot, form, name="张伟", id_number="44052419800517001", joined_on="2005-07-01",
         full_on="2006-07-01", phone="13800000001")
    picker = form.fields["org_id"].editor
    picker.edit.setText("党支部")  # names several branches: refused, never the first of a list
    assert form.fields["org_id"].value() == "党支部"
    picker.edit.setText("红星")
    assert form.fields["org_id"].value() == form._orgs[0].id and "红星村" in picker.note.text()
    # Enter moves to the next field
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    form.fields["name"].editor.setFocus()
    qtbot.keyClick(form.fields["name"].editor, Qt.Key.Key_Return)
    assert form.fields["id_number"].editor.hasFocus()
    # the error shows under the ID field while typing, nothing is saved
    qtbot.waitUntil(lambda: form.fields["id_number"].error.isVisibleTo(form))
    assert "应为18位" in form.fields["id_number"].error.text()
    assert form.save() is False
    assert count_members(gui_db) == before
    # fix it: sex and birth date come from the number
    good = id_number(7, male=True)
    form.fields["id_number"].editor.clear()
    qtbot.keyClicks(form.fields["id_number"].editor, good)
    assert form.fields["gender"].editor.currentText() == "男"
    assert form.fields["birth_date"].editor.text() == "1980-05-17"
    qtbot.waitUntil(lambda: not form.fields["id_number"].error.isVisibleTo(form))
    assert form.validate(show_all=True) == []
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    with qtbot.waitSignal(form.saved):
        qtbot.keyClick(form.fields["phone"].editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert count_members(gui_db) == before + 1
    assert messages == []

    # find by pinyin initials
    qtbot.keyClicks(page.search, "zw")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    names = [page.model.index(r, 0).data() for r in range(page.model.rowCount())]
    assert names == ["张伟"]
    qtmodeltester.check(page.model)

    # transfer
    page.view.selectRow(0)
    dlg = page.transfer_member()
    dlg.target.edit.setText("幸福社区党支部")
    dlg.on.editor.setText("2024-03-01")
    with qtbot.waitSignal(dlg.done_for):
        dlg.buttons.button(dlg.buttons.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and "幸福社区" in page.model.rows[0][5])

    # history: both placements and the audit entries
    page.view.selectRow(0)
    form = page.edit_member()
    form.tabs.setCurrentIndex(1)
    places = [[form.places_table.item(r, c).text() for c in range(3)] for r in range(form.places_table.rowCount())]
    assert places[0][1] == "2024-03-01" and "红星村" in places[0][2]
    assert places[1][0] == "2024-03-01" and "幸福社区" in places[1][2]
    actions = [form.audit_table.item(r, 2).text() for r in range(form.audit_table.rowCount())]
    assert actions == ["组织关系转接", "新增"]
    moved = form.audit_table.item(0, 3).text()  # names and Chinese labels, never ids or field names
    assert "所在党支部：" in moved and "幸福社区" in moved and "红星村" in moved, moved
    created = form.audit_table.item(1, 3).text()
    assert "name_initials" not in created and "拼音" not in created and "版本" not in created, created


def test_version_conflict_shows_the_other_clerks_change(qtbot, ctx, gui_db, actor, messages):
    from forms.member_form import MemberForm
    from models.services.members import create_member

    with gui_db.session() as s:
        mid = create_member(s, actor, member_values(3)).id
        s.commit()
    first = MemberForm(gui_db, actor, mid)
    second = MemberForm(gui_db, actor.__class__("李会计", "县级办事员"), mid)
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    first.fields["phone"].editor.setText("13911112222")
    assert first.save() is True
    second.fields["address"].editor.setText("西山乡新村")
    assert second.save() is False
    kind, title, text = messages[-1]
    assert title == "记录已被他人修改"
    assert "联系电话：13800000003 → 13911112222" in text
    with gui_db.session() as s:
        assert s.get(Member, mid).address == "东城镇红星村"  # nothing overwritten


def test_columns_are_remembered(qtbot, ctx):
    from desktop.pages.members import MembersPage

    page = MembersPage(ctx)
    qtbot.addWidget(page)
    assert page.view.isColumnHidden(8)  # 学历 hidden by default
    page.set_column_shown(8, True)
    again = MembersPage(ctx)
    qtbot.addWidget(again)
    assert not again.view.isColumnHidden(8)


def test_ended_members_are_listed_with_their_end_date(qtbot, ctx):
    """已终止 or 全部: the 终止日期 column is shown (hidden by default for current members) and hides
    again for 在册, without changing the columns the clerk chose."""
    from desktop.pages.members import MembersPage

    page = MembersPage(ctx)
    qtbot.addWidget(page)
    ended = next(c for c, (_k, label) in enumerate(page.model.columns) if label == "终止日期")
    education = next(c for c, (_k, label) in enumerate(page.model.columns) if label == "学历")
    assert page.view.isColumnHidden(ended)
    page.status_filter.setCurrentIndex(page.status_filter.findData("ended"))
    assert not page.view.isColumnHidden(ended)
    page.set_column_shown(education, True)  # a choice made meanwhile is kept, 终止日期's is not touched
    page.status_filter.setCurrentIndex(page.status_filter.findData("all"))
    assert not page.view.isColumnHidden(ended)
    page.status_filter.setCurrentIndex(page.status_filter.findData("current"))
    assert page.view.isColumnHidden(ended) and not page.view.isColumnHidden(education)


def test_filters_search_and_export_of_what_is_shown(qtbot, ctx, gui_db, actor, tmp_path):
    from datetime import date

    from desktop.pages.members import MembersPage
    from models.services.members import create_member
    from reports.xlsx import read_sheet

    with gui_db.session() as s:
        create_member(s, actor, member_values(1, name="王芳"))
        create_member(s, actor, member_values(2, name="李强", org="幸福社区党支部", full_on=None,
                                              joined_on=date(2025, 7, 1), lost_contact="是",
                                              lost_since="2025-09"))
        create_member(s, actor, member_values(4, name="赵敏", org="中心小学党支部", floating="是",
                                              floating_to="广东省"))
        s.commit()
    page = MembersPage(ctx)
    qtbot.addWidget(page)

    def names():
        return sorted(r[1] for r in page.model.rows)

    assert names() == ["李强", "王芳", "赵敏"]
    page.type_filter.setCurrentIndex(2)  # 预备党员
    assert names() == ["李强"]
    page.type_filter.setCurrentIndex(0)
    page.lost.setChecked(True)
    assert names() == ["李强"]
    page.lost.setChecked(False)
    page.floating.setChecked(True)
    assert names() == ["赵敏"]
    page.floating.setChecked(False)
    idx = [i for i in range(page.org_filter.count()) if page.org_filter.itemText(i).strip() == "东城镇党委"][0]
    page.org_filter.setCurrentIndex(idx)
    assert names() == ["李强", "王芳"]  # the township's subtree
    page.search.setText("13800000002")  # phone
    qtbot.waitUntil(lambda: names() == ["李强"])
    page.search.setText(id_number(1, date(1971, 2, 2), male=False)[:10])  # ID number prefix
    qtbot.waitUntil(lambda: names() == ["王芳"])
    out = tmp_path / "shown.xlsx"
    task = page.export_shown(str(out))
    qtbot.waitUntil(lambda: not task.running, timeout=20000)
    assert task.error is None and task.result == 1
    header, rows = read_sheet(out)
    assert [r[0] for r in rows] == ["王芳"]


def test_end_of_membership_dialog(qtbot, ctx, gui_db, actor, messages, confirmations):
    from desktop.pages.members import MembersPage
    from models.services.members import create_member

    with gui_db.session() as s:
        create_member(s, actor, member_values(6, name="孙丽"))
        s.commit()
    page = MembersPage(ctx)
    qtbot.addWidget(page)
    page.view.selectRow(0)
    dlg = page.end_member()
    dlg.on.editor.setText("2025-01-02")
    assert dlg.reason.currentData() is None  # no reason preset
    assert dlg.submit() is False and messages[-1][2] == "请选择终止党籍的原因"
    dlg.reason.setCurrentIndex(dlg.reason.findText("死亡"))
    confirmations.answer = False  # the clerk thinks again
    assert dlg.submit() is False and "终止孙丽的党籍（死亡）" in confirmations[-1][1]
    assert page.model.rowCount() == 1
    confirmations.answer = True
    dlg.on.editor.setText("2000-01-01")  # before joining: refused with a message
    assert dlg.submit() is False
    assert "早于加入党组织日期" in messages[-1][2]
    dlg.on.editor.setText("2025-01-02")
    assert dlg.submit() is True
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    page.status_filter.setCurrentIndex(1)  # 已终止
    assert [r[1] for r in page.model.rows] == ["孙丽"]
    form = page.edit_member(page.model.member_id(0))
    assert form.save() is False and "已终止" in form.summary.text()


def test_export_of_what_is_shown_masks_for_a_township_clerk(qtbot, gui_db, actor, tmp_path, messages):
    """党员名册 → 导出所示 writes the ID numbers as the table shows them (masked) for 乡镇办事员."""
    from desktop.context import AppContext
    from desktop.pages.members import MembersPage
    from models.actor import Actor
    from models.services.members import create_member
    from models.services.orgs import find_org
    from reports.xlsx import read_sheet

    with gui_db.transaction() as s:
        create_member(s, actor, member_values(1, name="王芳"))
        create_member(s, actor, member_values(4, name="赵敏", org="中心小学党支部"))
        east = find_org(s, "东城镇党委", actor).id
    full = member_values(1)["id_number"]
    page = MembersPage(AppContext(gui_db, Actor("东城", "乡镇办事员", east)))
    qtbot.addWidget(page)
    out = tmp_path / "shown.xlsx"
    task = page.export_shown(str(out))
    qtbot.waitUntil(lambda: not task.running, timeout=20000)
    assert task.error is None and task.result == 1
    header, rows = read_sheet(out)
    col = header.index("公民身份号码")
    assert [r[0] for r in rows] == ["王芳"]
    assert rows[0][col] != full and rows[0][col].startswith(full[:6]) and "*" in rows[0][col]


def test_undo_import_button_leaves_another_townships_batch(qtbot, gui_db, actor, tmp_path, messages):
    """撤销上次导入 as a township clerk: the county's import into 西山乡 is not offered nor ended."""
    from openpyxl import Workbook

    from desktop.context import AppContext
    from desktop.pages.members import MembersPage
    from models.actor import Actor
    from models.services.orgs import find_org
    from reports.imports import run_import
    from reports.roster import MEMBER_HEADERS, MEMBER_IMPORTER

    v = member_values(4, org="中心小学党支部", name="赵敏")
    wb = Workbook()
    ws = wb.active
    ws.append(MEMBER_HEADERS)
    ws.append([{"姓名": v["name"], "公民身份号码": v["id_number"], "所在党支部": "中心小学党支部",
                "加入党组织日期": v["joined_on"]}.get(h) for h in MEMBER_HEADERS])
    wb.save(tmp_path / "west.xlsx")
    with gui_db.transaction() as s:
        assert run_import(s, actor, MEMBER_IMPORTER, tmp_path / "west.xlsx").imported == 1
        east = find_org(s, "东城镇党委", actor).id
    page = MembersPage(AppContext(gui_db, Actor("东城", "乡镇办事员", east)))
    qtbot.addWidget(page)
    page.undo_import()
    assert any("没有可撤销的导入" in text for _k, _t, text in messages)
    with gui_db.session() as s:
        m = s.scalars(select(Member).where(Member.name == "赵敏")).one()
        assert m.ended_on is None


def test_org_filter_names_the_township_for_a_township_clerk(qtbot, gui_db, actor):
    """A township clerk's roster starts at “本乡镇全部”, never “全县”, and lists only their township."""
    from desktop.context import AppContext
    from desktop.pages.members import MembersPage
    from models.actor import Actor
    from models.services.orgs import find_org

    with gui_db.session() as s:
        east = find_org(s, "东城镇党委", actor).id
    clerk = MembersPage(AppContext(gui_db, Actor("东城", "乡镇办事员", east)))
    county = MembersPage(AppContext(gui_db, actor))
    qtbot.addWidget(clerk)
    qtbot.addWidget(county)
    clerk_items = [clerk.org_filter.itemText(i).strip() for i in range(clerk.org_filter.count())]
    assert clerk_items[0] == "本乡镇全部" and "全县" not in clerk_items
    assert "东城镇党委" in clerk_items and "西山乡党委" not in clerk_items
    assert county.org_filter.itemText(0) == "全县"


def placeholder_room(edit) -> int:
    """The width a line edit draws its placeholder in: the style's text rectangle less the text
    margins (Qt's own and the clear button's) and Qt's 2-pixel margin either side."""
    from PySide6.QtWidgets import QStyle, QStyleOptionFrame

    opt = QStyleOptionFrame()
    edit.initStyleOption(opt)
    rect = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, opt, edit)
    margins = edit.textMargins()
    return rect.width() - margins.left() - margins.right() - 2 * 2


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("look", ["plain", "app"])
def test_search_box_shows_its_whole_placeholder(qtbot, sqlite_path, gui_db, messages, language, look):
    """At 1280×760 the roster's search box is wide enough for its hint (it was cut to “搜索：姓名、…”)."""
    from PySide6.QtWidgets import QApplication

    from desktop.app import MainWindow, apply_look, install_translator

    app = QApplication.instance()
    font, sheet = app.font(), app.styleSheet()
    translators = install_translator(app, language)
    try:
        if look == "app":  # the program's font and style sheet, as at start-up
            apply_look(app)
        win = MainWindow(str(sqlite_path), None)
        qtbot.addWidget(win)
        win.resize(1280, 760)
        win.show()
        assert win.open_database()
        page = win.navigate("members")
        app.processEvents()
        search = page.search
        hint = search.placeholderText()
        assert hint.startswith("搜索" if language == "zh" else "Search")
        assert search.isVisible() and search.text() == ""
        assert search.fontMetrics().horizontalAdvance(hint) <= placeholder_room(search), (search.width(), hint)
        # still one filter row at 1280: the box did not push the filters onto a second line
        assert page.floating.geometry().center().y() == search.geometry().center().y()
    finally:
        for tr in translators:
            app.removeTranslator(tr)
        app.setStyleSheet(sheet)
        app.setFont(font)


def test_no_blank_line_under_the_branch_field(qtbot, ctx, messages):
    """所在党支部 sits as close to the next row as any other field (its picker's empty note line
    used to leave a blank line under it); the note shows once something is typed."""
    from forms.member_form import MemberForm

    form = MemberForm(ctx.db, ctx.actor)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    boxes = form.fields

    def gap(upper: str, lower: str) -> int:
        return boxes[lower].geometry().top() - boxes[upper].geometry().bottom()

    usual = gap("category", "org_id")
    assert gap("org_id", "joined_on") == usual == gap("joined_on", "full_on")
    assert boxes["org_id"].height() == boxes["joined_on"].height()
    picker = boxes["org_id"].editor
    picker.edit.setText("红星")
    assert picker.note.isVisibleTo(form) and "红星村" in picker.note.text()
    picker.edit.clear()
    assert not picker.note.isVisibleTo(form)


def test_an_unknown_branch_is_explained_once(qtbot, ctx, messages):
    """Typing a branch that names no organization: the picker's line says why, and the form does
    not repeat it in a second red line; saving focuses the field; an empty field says 必填."""
    from forms.member_form import MemberForm

    form = MemberForm(ctx.db, ctx.actor)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    box = form.fields["org_id"]
    picker = box.editor
    qtbot.keyClicks(picker.edit, "hfdy")
    form.validate()
    assert picker.note.isVisibleTo(form) and "hfdy" in picker.note.text()
    assert not box.error.isVisibleTo(form)
    assert not form.save()
    assert not box.error.isVisibleTo(form) and picker.note.isVisibleTo(form)
    picker.edit.clear()
    form.validate(show_all=True)
    assert box.error.isVisibleTo(form) and "必填" in box.error.text()


def test_reinstate_brings_an_ended_member_back_to_the_branch(qtbot, ctx, gui_db, actor, messages, confirmations,
                                                            monkeypatch):
    """终止党籍 by mistake, then 恢复党籍… on the ended member: the row is back 在册 in its branch."""
    from desktop.context import AppContext
    from desktop.pages.members import MembersPage
    from models.actor import Actor
    from models.services.members import R_ENDED, R_ORG, R_STATUS, create_member
    from tests.prompts import script

    with gui_db.session() as s:
        create_member(s, actor, member_values(6, name="孙丽", org="幸福社区党支部"))
        s.commit()
    page = MembersPage(ctx)
    qtbot.addWidget(page)
    button = page.buttons["reinstate"]
    page.view.selectRow(0)
    assert not button.isEnabled() and "已终止" in button.toolTip()  # a current member is selected
    dlg = page.end_member()
    dlg.reason.setCurrentIndex(dlg.reason.findText("停止党籍"))
    dlg.on.editor.setText("2025-01-02")
    assert dlg.submit() is True
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)

    page.status_filter.setCurrentIndex(1)  # 已终止
    page.view.selectRow(0)
    assert page.buttons["end"].isEnabled() is False and button.isEnabled()
    # the reason is asked in a form: an empty one is refused with the form open and the cursor in
    # it, Esc after typing asks and 'no' keeps it, then the reason given reinstates (docs/screen.md)
    seen = script(monkeypatch, confirmations, ["  "], ["误操作，应为转出"])
    button.click()
    assert seen["shown"] == ["恢复原因：必填"] and seen["open"] and seen["kept"] == ["  "] and seen["focus"] == 0
    assert seen["asked"] == ["放弃输入"] and seen["stayed"] and seen["still"] == ["  "] and seen["closed"]
    assert page.prompt_dialog.windowTitle() == "恢复党籍"
    assert "恢复孙丽的党籍？" in confirmations[-1][1]
    assert messages == [] and page.model.rowCount() == 0
    page.status_filter.setCurrentIndex(0)  # 在册
    [row] = page.model.rows
    assert (row[1], row[R_ORG], row[R_STATUS], row[R_ENDED]) == ("孙丽", "幸福社区党支部", "正常", None)
    form = page.edit_member(row[0])
    form.tabs.setCurrentIndex(1)
    assert form.audit_table.item(0, 2).text() == "恢复党籍" and form.audit_table.item(0, 4).text() == "误操作，应为转出"

    # a read-only account: the button is there, disabled, and says why
    reader = MembersPage(AppContext(gui_db, Actor("领导", "只读")))
    qtbot.addWidget(reader)
    reader.status_filter.setCurrentIndex(2)  # 全部
    reader.view.selectRow(0)
    assert not reader.buttons["reinstate"].isEnabled()
    assert reader.buttons["reinstate"].toolTip() == "只读账号只能查看和打印，不能维护党组织和党员信息"
