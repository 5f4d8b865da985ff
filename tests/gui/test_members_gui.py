"""Drive the real widgets: add a member (bad ID first), find by pinyin, transfer, history, conflict."""

from __future__ import annotations

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
    form.fields["org_id"].set_value(form._orgs[0][1])
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
    idx = dlg.target.findText("幸福社区党支部")
    dlg.target.setCurrentIndex(idx)
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
    assert actions == ["转接", "新增"]


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
