"""The organization picker: text that names nothing or several organizations is refused; the
organization the clerk chose is the one a transfer or a problem lands on."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from models.errors import NotFound
from models.member import Member
from models.org import Organization
from models.services.orgsearch import org_entries, resolve, search
from tests.factories import member_values


@pytest.fixture
def two_ties(gui_db, actor):
    """A second 东升村 in another township, so the short name alone is ambiguous."""
    from models.enums import OrgKind, Sector
    from models.services.orgs import create_org

    with gui_db.session() as s:
        east = s.scalar(select(Organization).where(Organization.short_name == "东城镇党委"))
        west = s.scalar(select(Organization).where(Organization.short_name == "西山乡党委"))
        create_org(s, actor, name="中共东城镇东升村支部委员会", short_name="东升村党支部",
                   kind=OrgKind.BRANCH, sector=Sector.RURAL, parent_id=east.id)
        create_org(s, actor, name="中共西山乡东升村支部委员会", short_name="东升村党支部",
                   kind=OrgKind.BRANCH, sector=Sector.RURAL, parent_id=west.id)
        s.commit()
    return gui_db


def test_resolve_refuses_nothing_and_several_and_takes_one(two_ties, actor):
    with two_ties.session() as s:
        entries = org_entries(s, actor)
    with pytest.raises(NotFound, match="没有与“高庄”相符"):
        resolve(entries, "高庄")
    with pytest.raises(NotFound, match="对应多个党组织"):
        resolve(entries, "东升村")
    with pytest.raises(NotFound, match="对应多个党组织"):
        resolve(entries, "东升村党支部")  # the short name two organizations share
    assert resolve(entries, "中共西山乡东升村支部委员会").township == "西山乡党委"
    assert resolve(entries, "幸福社区").name == "中共东城镇幸福社区支部委员会"
    assert resolve(entries, "xfsq").name == "中共东城镇幸福社区支部委员会"  # pinyin initials
    # suggestions: every 东升村, labelled with its township
    labels = [e.label for e in search(entries, "东升")]
    assert labels == ["中共东城镇东升村支部委员会（东城镇党委）", "中共西山乡东升村支部委员会（西山乡党委）"]


def test_initials_with_characters_skipped_are_a_last_resort(two_ties, actor):
    """幸福社区党支部 is xfsqdzb: xfdzb skips 社区 and still finds it, but only when nothing
    matches the usual way (xf is the start of its initials and stays as it was)."""
    with two_ties.session() as s:
        entries = org_entries(s, actor)
    assert resolve(entries, "xfdzb").name == "中共东城镇幸福社区支部委员会"
    assert resolve(entries, "xsqzb").name == "中共东城镇幸福社区支部委员会"
    assert [e.name for e in search(entries, "xf")] == ["中共东城镇幸福社区支部委员会"]
    with pytest.raises(NotFound, match="没有与“fdzb”相符"):  # it must start at the first initial
        resolve(entries, "fdzb")


def test_transfer_refuses_an_ambiguous_text_and_lands_where_chosen(qtbot, ctx, two_ties, actor, messages):
    from forms.transfer_dialog import TransferDialog
    from models.services.members import create_member

    with two_ties.session() as s:
        mid = create_member(s, actor, member_values(7)).id
        s.commit()
    dlg = TransferDialog(two_ties, actor, mid)
    qtbot.addWidget(dlg)
    dlg.on.editor.setText("2024-03-01")
    dlg.target.edit.setText("东升村")
    assert "对应多个党组织" in dlg.target.note.text()
    assert dlg.submit() is False
    assert "对应多个党组织" in messages[-1][2]
    with two_ties.session() as s:
        assert s.get(Member, mid).org.short_name == "红星村党支部"  # nothing moved

    dlg.target.edit.setText("高庄")
    assert dlg.submit() is False
    assert "没有与“高庄”相符" in messages[-1][2]

    dlg.target.edit.setText("中共西山乡东升村支部委员会（西山乡党委）")
    assert "将选择" in dlg.target.note.text()
    assert dlg.submit() is True
    assert "中共西山乡东升村支部委员会" in dlg.done_text
    with two_ties.session() as s:
        assert s.get(Member, mid).org.name == "中共西山乡东升村支部委员会"


def test_picker_suggests_grouped_by_township_and_takes_the_picked_one(qtbot, two_ties, actor):
    from forms.org_picker import OrgPicker

    with two_ties.session() as s:
        picker = OrgPicker(org_entries(s, actor))
    qtbot.addWidget(picker)
    picker.show()
    type_chinese(picker.edit, "东升")
    assert picker.model.stringList() == ["中共东城镇东升村支部委员会（东城镇党委）",
                                         "中共西山乡东升村支部委员会（西山乡党委）"]
    picker.completer.activated[str].emit(picker.model.stringList()[1])
    assert picker.org().name == "中共西山乡东升村支部委员会"
    picker.edit.clear()
    qtbot.keyClicks(picker.edit, "dc")  # pinyin initials of 东城
    assert picker.model.stringList()[0].startswith("中共某某县东城镇委员会")


def type_chinese(widget, text: str) -> None:
    """What an input method does: commit the composed characters to the focused editor."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_down_arrow_opens_the_suggestions(qtbot, two_ties, actor):
    from PySide6.QtCore import Qt

    from forms.org_picker import OrgPicker

    with two_ties.session() as s:
        picker = OrgPicker(org_entries(s, actor))
    qtbot.addWidget(picker)
    picker.show()
    picker.edit.setText("东升")
    qtbot.keyClick(picker.edit, Qt.Key.Key_Down)
    assert picker.model.stringList() == ["中共东城镇东升村支部委员会（东城镇党委）",
                                         "中共西山乡东升村支部委员会（西山乡党委）"]


def test_a_click_outside_the_suggestions_lands_where_aimed_and_the_form_does_not_jump(qtbot, gui_db, actor):
    """With the suggestion list open, a click on another field closes the list and puts the cursor
    in that field (typing then goes there, not into the picker); the 将选择 line keeps its room."""
    from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication, QFormLayout, QLineEdit, QWidget

    from forms.org_picker import OrgPicker

    with gui_db.session() as s:
        entries = org_entries(s, actor)
    form = QWidget()
    layout = QFormLayout(form)
    picker = OrgPicker(entries, keep_room=True)  # (as in 登记问题 and 转接)
    other = QLineEdit()
    layout.addRow("党组织", picker)
    layout.addRow("问题描述", other)
    qtbot.addWidget(form)
    form.resize(700, 200)
    form.show()
    qtbot.waitExposed(form)
    below = other.y()
    picker.edit.setFocus()
    qtbot.keyClicks(picker.edit, "hxc")  # pinyin initials of 红星村
    popup = picker.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    assert picker.note.isVisible() and other.y() == below  # the line appeared in room kept for it
    at = other.mapToGlobal(QPoint(5, 5))
    press = QMouseEvent(QEvent.Type.MouseButtonPress, QPointF(popup.mapFromGlobal(at)), QPointF(at),
                        Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(popup, press)
    qtbot.waitUntil(lambda: not popup.isVisible())
    qtbot.waitUntil(lambda: other.hasFocus())
    qtbot.keyClicks(QApplication.focusWidget(), "abc")
    assert other.text() == "abc" and picker.edit.text() == "hxc"
