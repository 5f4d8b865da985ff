"""The roster's lifecycle dialogs (docs/member-lifecycle.md): 转出县外 ends the membership with
its 介绍信 number, 失联 is registered and followed by contact attempts, a 预备党员's 转正; the
member form's history shows the steps."""

from __future__ import annotations

from datetime import date, timedelta

from models.enums import EndReason
from models.member import Member
from tests.factories import member_values

TODAY = date.today()


def test_transfer_out_lost_and_probation_dialogs(qtbot, ctx, gui_db, actor, messages, confirmations):
    from desktop.pages.members import MembersPage
    from models.services.members import create_member

    with gui_db.session() as s:
        out_id = create_member(s, actor, member_values(6, name="孙丽")).id
        lost_id = create_member(s, actor, member_values(7, name="钱进")).id
        young_id = create_member(s, actor, member_values(8, name="周新", full_on=None,
                                                        joined_on=TODAY - timedelta(days=380))).id
        s.commit()
    page = MembersPage(ctx)
    qtbot.addWidget(page)
    confirmations.answer = True

    form = page.edit_member(young_id)
    assert form.lifecycle.text().startswith("预备期至")
    page.select_member(young_id)
    assert page.buttons["probation"].isEnabled()
    dlg = page.probation_member()
    dlg.on.editor.setText(TODAY.isoformat())
    assert dlg.submit() is True
    qtbot.waitUntil(lambda: page.model.rows[page.model.row_of(young_id)][8] == "正式党员")

    page.select_member(lost_id)
    assert not page.buttons["probation"].isEnabled()  # a 正式党员
    dlg = page.lost_member()
    assert dlg.windowTitle() == "登记失联"
    dlg.on.editor.setText((TODAY - timedelta(days=30)).isoformat())
    assert dlg.submit() is True
    dlg = page.lost_member(lost_id)
    assert dlg.windowTitle() == "联系失联党员"
    dlg.on.editor.setText(TODAY.isoformat())
    dlg.note.setText("电话联系上，已返乡")
    dlg.regained.setChecked(True)
    assert dlg.submit() is True

    page.select_member(out_id)
    dlg = page.transfer_out_member()
    dlg.on.editor.setText(TODAY.isoformat())
    assert dlg.submit() is False and "介绍信编号" in messages[-1][2]
    dlg.place.setText("四川省成都市某区某街道党工委")
    dlg.letter.setText("某组转〔2026〕9号")
    assert dlg.submit() is True
    assert "四川省成都市某区某街道党工委" in confirmations[-1][1]
    with gui_db.session() as s:
        m = s.get(Member, out_id)
        assert m.end_reason == EndReason.TRANSFERRED_OUT and "某组转〔2026〕9号" in m.end_note
        assert s.get(Member, lost_id).lost_contact is False

    form = page.edit_member(lost_id)
    form.tabs.setCurrentIndex(1)
    table = form.events_table
    texts = [table.item(r, 1).text() for r in range(table.rowCount())]
    assert texts == ["失去联系", "恢复联系"]
    assert "电话联系上，已返乡" in table.item(1, 2).text()


def test_a_refused_lifecycle_step_keeps_the_typing_and_esc_asks(qtbot, ctx, gui_db, actor, messages, confirmations):
    """转出县外 refused (no 介绍信编号): the dialog stays with what was typed and the cursor in the
    field named; Esc after typing asks and 'no' keeps it; filled in, the membership ends."""
    from desktop.pages.members import MembersPage
    from models.services.members import create_member

    with gui_db.session() as s:
        out_id = create_member(s, actor, member_values(6, name="孙丽")).id
        s.commit()
    page = MembersPage(ctx)
    qtbot.addWidget(page)
    page.select_member(out_id)
    dlg = page.transfer_out_member()
    dlg.place.setText("四川省成都市某区某街道党工委")
    dlg.on.editor.setText(TODAY.isoformat())
    assert dlg.submit() is False and "介绍信编号" in messages[-1][2]
    assert dlg.isVisible() and dlg.place.text() == "四川省成都市某区某街道党工委"
    assert dlg.focusWidget() is dlg.letter
    confirmations.answer = False
    dlg.reject()  # Esc
    assert confirmations[-1][0] == "放弃输入" and dlg.isVisible() and dlg.place.text() == "四川省成都市某区某街道党工委"
    confirmations.answer = True
    dlg.letter.setText("某组转〔2026〕9号")
    assert dlg.submit() is True and not dlg.isVisible()
    with gui_db.session() as s:
        assert s.get(Member, out_id).end_reason == EndReason.TRANSFERRED_OUT
