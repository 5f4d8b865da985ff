"""The evaluation grid: typing and pasting like a spreadsheet, live levels and the quota warning."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop.context import AppContext
from desktop.pages import evaluation as page_module
from models.actor import Actor
from models.services import evaluation as ev
from tests.evaluation_helpers import add_members, prepare_democratic
from tests.factories import build_county


@pytest.fixture
def page(qtbot, sqlite_db):
    actor = Actor("测试员", "管理员")
    with sqlite_db.session() as s:
        county = build_county(s, actor)
        ev.ensure_builtin_schemes(s, actor)
        s.commit()
        add_members(s, actor, 5)
        add_members(s, actor, 1, start=40, probationary=1)
        rnd = ev.open_round(s, actor, ev.find_scheme(s, "民主评议党员"), "2025", county.east)
        s.commit()
        prepare_democratic(s, actor, rnd, public=4)
        round_id, branch_id = rnd.id, county.village.id
    errors: list[str] = []
    ctx = AppContext(sqlite_db, actor, show_error=errors.append)
    widget = page_module.create_page(ctx)
    widget.errors = errors
    qtbot.addWidget(widget)
    widget.resize(1400, 600)
    widget.show()
    qtbot.waitExposed(widget)
    widget.select_round(round_id, branch_id)
    return widget


@pytest.fixture
def messages(monkeypatch):
    """Message boxes recorded as (kind, title, text) instead of shown."""
    from forms import dialogs

    seen: list[tuple[str, str, str]] = []
    monkeypatch.setattr(dialogs, "message", lambda parent, kind, title, text, detail="": seen.append((kind, title, text)))
    return seen


def column(model, header):
    return next(i for i in range(model.columnCount()) if model.headerData(i, Qt.Orientation.Horizontal) == header)


def type_into(qtbot, view, row, col, text):
    idx = view.model().index(row, col)
    view.setCurrentIndex(idx)
    view.edit(idx)
    editor = [e for e in view.viewport().findChildren(QLineEdit) if e.isVisible()][-1]
    QTest.keyClicks(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.currentIndex().row() == row + 1)  # Enter moves down


def test_model_passes_the_model_tester(page, qtmodeltester):
    assert page.model.rowCount() == 6
    qtmodeltester.check(page.model)


def test_typing_and_pasting_fill_the_grid(page, qtbot):
    m, view = page.model, page.view
    level = column(m, "最终等次")
    first = column(m, "党员互评-优秀")
    type_into(qtbot, view, 0, first, "19")
    type_into(qtbot, view, 0, column(m, "群众评议-优秀"), "4")
    assert m.index(0, column(m, "总分")).data() == "100.0"
    assert m.index(0, level).data() == "优秀"
    assert page.warnings.item(0).text() == "无"

    block = "\n".join([
        "19\t0\t0\t0\t4\t0\t0\t0",
        "18\t1\t0\t0\t4\t0\t0\t0",
        "0\t19\t0\t0\t0\t4\t0\t0",
        "0\t10\t9\t0\t0\t2\t2\t0",
        "0\t19\t0\t0\t0\t4\t0\t0",
    ]) + "\n"
    QApplication.clipboard().setText(block)
    view.setCurrentIndex(m.index(1, first))
    page.paste_action.trigger()
    levels = [m.index(r, level).data() for r in range(6)]
    assert levels == ["优秀", "优秀", "优秀", "合格", "基本合格", ev.NOT_GRADED]
    assert m.index(2, column(m, "总分")).data() == "99.4"  # 0.6×(1800+80)/19 + 40 = 99.36…, half up
    assert m.index(4, column(m, "总分")).data() == "70.3"  # 0.6×(800+540)/19 + 0.4×70 = 70.31…
    warnings = [page.warnings.item(i).text() for i in range(page.warnings.count())]
    assert warnings == ["红星村党支部：优秀3个，超过参评5个的三分之一（最多1个）"]

    assert page.save()
    assert [m.index(r, level).data() for r in range(6)] == levels  # reloaded from the database
    assert not m.dirty
    with page.ctx.db.session() as s:
        assert [r.final_level for r in ev.sheet_rows(s, page.round_id)] == levels


def test_override_needs_reason_and_body(page, qtbot):
    m = page.model
    page.model.paste(m.index(0, column(m, "党员互评-优秀")), "19\t0\t0\t0\t4\n")
    assert page.save()
    assert not page.apply_override(0, "合格", "超过名额", "")
    assert page.errors == ["决定机关：最终等次与计算等次不同时必填"]
    assert page.apply_override(0, "合格", "超过名额", "红星村党支部党员大会")
    assert m.index(0, column(m, "计算等次")).data() == "优秀"
    assert m.index(0, column(m, "最终等次")).data() == "合格"


def test_status_buttons(page, confirmations):
    m = page.model
    assert page.step_button.text() == "审核"
    assert not page.step()
    names = "、".join(f"“{r.subject_name}”" for r in m.rows if r.graded)
    # the 预备党员 lacking a total is not counted; refused before anything is asked
    assert page.errors == [f"不能审核：5张评价表没有得出总分：{names}（共5人）"]
    assert confirmations == []
    block = "\n".join(["0\t19\t0\t0\t0\t4\t0\t0"] * 6)
    m.paste(m.index(0, column(m, "党员互评-优秀")), block)
    confirmations.answer = False
    assert not page.step() and "确定审核本轮评价" in confirmations[-1][1]
    assert page.status.text() == "状态：草稿"
    confirmations.answer = True
    said: list[str] = []
    page.ctx.status = said.append
    assert page.step()  # saves, then 审核
    assert page.status.text() == "状态：已审核（只读）"
    assert said == ["本轮评价现为“已审核”（本页6张评价表）"]
    assert not m.flags(m.index(0, column(m, "党员互评-优秀"))) & Qt.ItemFlag.ItemIsEditable
    assert page.step_button.text() == "公示" and page.step()
    assert page.step_button.text() == "确定并锁定"
    assert not page.step()
    assert page.errors[-1].startswith("公示期至")
    assert page.back()
    assert page.status.text() == "状态：草稿"


def _filled_and_locked(page) -> None:
    """The round's grid filled, saved, reviewed, posted and locked; the page shows it again."""
    from datetime import date

    from models.evaluation import RoundStatus

    m = page.model
    m.paste(m.index(0, column(m, "党员互评-优秀")), "\n".join(["0\t19\t0\t0\t0\t4\t0\t0"] * 6))
    assert page.save()
    actor = page.ctx.actor
    with page.ctx.session() as s:
        ev.set_status(s, actor, page.round_id, None, RoundStatus.REVIEWED)
        ev.set_status(s, actor, page.round_id, None, RoundStatus.POSTED, date(2026, 1, 5))
        ev.lock_round(s, actor, page.round_id, today=date(2026, 1, 20))
    page.select_round(page.round_id)


def test_history_of_the_current_row(page, qtbot):
    _filled_and_locked(page)
    page.view.setCurrentIndex(page.model.index(1, 3))
    assert page.history.item(0).text() == "2025 民主评议党员：合格"
    assert page.back_button.text() == "重新开启…"
    assert page.back("更正票数")
    assert page.status.text() == "状态：草稿"


@pytest.fixture
def empty_page(qtbot, sqlite_db):
    """The page on a county with members and no round yet."""
    actor = Actor("测试员", "管理员")
    with sqlite_db.session() as s:
        county = build_county(s, actor)
        ev.ensure_builtin_schemes(s, actor)
        s.commit()
        add_members(s, actor, 6)
    errors: list[str] = []
    ctx = AppContext(sqlite_db, actor, show_error=errors.append)
    widget = page_module.create_page(ctx)
    widget.errors, widget.county = errors, county
    qtbot.addWidget(widget)
    widget.resize(1400, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_open_a_round_fill_it_and_see_it_locked(empty_page, tmp_path):
    from datetime import date

    from openpyxl import load_workbook
    from PySide6.QtGui import QColor

    page = empty_page
    assert page.status.text() == "尚未开启评价：点击“开启评价…”"
    assert page.open_round("民主评议党员", "2025", page.county.east.id)
    assert page.round_combo.currentText() == "民主评议党员 2025（东城镇党委） · 草稿"
    m = page.model
    assert [m.headerData(i, Qt.Orientation.Horizontal) for i in range(6)] == [
        "姓名", "类型", "自评", "总分", "计算等次", "最终等次"]  # totals beside the names
    assert page.view.isColumnHidden(0)  # the name is the frozen row header instead
    assert m.headerData(0, Qt.Orientation.Vertical) == f"1 {m.rows[0].subject_name}"

    for row in range(6):  # a grade waits for the 自评
        assert page.record_self(row, True, "按时参加组织生活")
    assert m.index(0, column(m, "自评")).data() == "已完成"
    assert page.meeting_label.text() == "支部党员大会：未记录（应到、实到、到会群众），参评率无从计算"
    assert page.record_meeting({"held_on": "2026-01-08", "expected": "6", "present": "6", "absent_note": "",
                                "public_invited": "3", "public_present": "2"})
    assert page.meeting_label.text() == "支部党员大会：2026-01-08 应到6人，实到6人，参评率100.0%，到会群众2人（邀请3人）"
    first = column(m, "党员互评-优秀")
    m.paste(m.index(0, first), "\n".join(["6\t0\t0\t0\t2"] * 3 + ["0\t6\t0\t0\t0\t2"] * 3))
    final = column(m, "最终等次")
    assert [m.index(r, final).data() for r in range(6)] == ["优秀"] * 3 + ["合格"] * 3
    assert m.index(0, final).data(Qt.ItemDataRole.BackgroundRole).color() == QColor("#ffd2d2")  # over 1/3
    assert m.index(3, final).data(Qt.ItemDataRole.BackgroundRole).color() != QColor("#ffd2d2")
    m.setData(m.index(2, first), "0")
    m.setData(m.index(2, first + 1), "6")
    assert m.index(0, final).data(Qt.ItemDataRole.BackgroundRole).color() != QColor("#ffd2d2")
    assert page.save()

    path = tmp_path / "fill.xlsx"
    assert page.export_fill(str(path)) == 6
    wb = load_workbook(path)
    ws = wb.active
    header = [c.value for c in ws[1]]
    ws.cell(row=7, column=header.index("群众评议-合格") + 1, value=3)
    wb.save(path)
    result = page.import_fill(str(path))
    assert result is not None and result.errors == []

    assert page.step()  # 审核
    assert page.step(posting_start=date(2026, 1, 5))  # 公示, over before today
    assert page.step()  # 确定并锁定
    assert page.status.text() == "状态：已确定（只读）"
    assert page.round_combo.currentText() == "民主评议党员 2025（东城镇党委） · 已确定"
    assert not m.flags(m.index(0, first)) & Qt.ItemFlag.ItemIsEditable


def test_a_round_opened_or_changed_by_another_clerk_appears(empty_page):
    page = empty_page
    assert page.round_combo.count() == 0
    actor = Actor("另一办事员", "县级办事员")
    with page.ctx.session() as s:  # another clerk, another session
        ev.open_round(s, actor, ev.find_scheme(s, "民主评议党员"), "2025", s.merge(page.county.east))
    assert page.check_changes()
    assert page.round_combo.count() == 1 and page.notice.text() == "已刷新：其他办事员修改了评价"
    m = page.model
    with page.ctx.session() as s:
        row = ev.sheet_rows(s, page.round_id)[0]
        ev.record_self_assessment(s, actor, row.sheet_id, row.version, True, "按时参加组织生活")
        row = ev.sheet_rows(s, page.round_id)[0]
        ev.enter_scores(s, actor, row.sheet_id, row.version,
                        raters={"党员互评": {"votes": {"合格": 6}}, "群众评议": {"votes": {"合格": 2}}})
    assert page.check_changes()
    assert m.index(0, column(m, "最终等次")).data() == "合格"
    assert not page.check_changes()


def test_a_lock_against_the_rules_needs_an_exception(empty_page):
    from datetime import date

    page = empty_page
    assert page.open_round("民主评议党员", "2025", page.county.east.id)
    m = page.model
    for row in range(6):
        assert page.record_self(row, True, "按时参加组织生活")
    assert page.record_meeting({"held_on": "2026-01-08", "expected": "6", "present": "5",
                                "absent_note": "一人外出务工请假", "public_invited": "2", "public_present": "2"})
    m.paste(m.index(0, column(m, "党员互评-合格")), "\n".join(["4\t0\t0\t0\t2"] * 6))
    assert page.step() and page.step(posting_start=date(2026, 1, 5))
    assert not page.step()
    assert "不符合评议规则" in page.errors[-1] and "应到6人，实到5人，参评率83.3%" in page.errors[-1]
    assert page.record_exception("部分党员外出务工", "东城镇党委会议")
    assert "规则例外：部分党员外出务工" in page.status.text()
    assert page.step()
    assert page.status.text().startswith("状态：已确定（只读）")


def test_a_points_quarter_follows_the_ledger(empty_page):
    from models.services import points as pts

    page = empty_page
    assert page.open_round("星级党员", "2025Q2", page.county.east.id)
    m = page.model
    assert "积分来自积分台账" in page.status.text() and page.compute_button.isVisibleTo(page)
    assert not m.flags(m.index(0, m.first_entry)) & Qt.ItemFlag.ItemIsEditable
    with page.ctx.session() as s:
        pts.add_entry(s, page.ctx.actor, m.rows[0].member_id, "2025-02-10", "学习教育加分", "+15", "学习")
        pts.add_entry(s, page.ctx.actor, m.rows[0].member_id, "2025-05-06", "志愿服务加分", "+5", "服务")
        pts.add_entry(s, page.ctx.actor, m.rows[0].member_id, "2025-06-20", "组织生活扣分", "-3", "缺席")
    said: list[str] = []
    page.ctx.status = said.append
    assert page.recompute()
    assert (m.index(0, column(m, "总分")).data(), m.index(0, column(m, "最终等次")).data()) == ("77.0", "★★")
    assert said == [f"已按积分台账重新计算：1张评价表的总分或等次有变化（共{m.rowCount()}张）"]


def test_switching_rounds_with_unsaved_typing_asks_first(page, qtbot, confirmations):
    """Typing not saved yet is not thrown away silently when another round is chosen."""
    from sqlalchemy import select

    from models.org import Organization

    with page.ctx.db.transaction() as s:
        scope = s.scalar(select(Organization).where(Organization.short_name == "东城镇党委"))
        other = ev.open_round(s, page.ctx.actor, ev.find_scheme(s, "民主评议党员"), "2024", scope).id
    page.reload_rounds()
    m, view = page.model, page.view
    first = column(m, "党员互评-优秀")
    type_into(qtbot, view, 0, first, "7")
    current = page.round_id
    confirmations.answer = False
    page.round_combo.setCurrentIndex(page.round_combo.findData(other))
    assert confirmations and "未保存的修改" in confirmations[-1][1]
    assert page.round_id == current and page.round_combo.currentData() == current
    assert m.dirty and m.index(0, first).data() == "7"
    confirmations.answer = True
    page.round_combo.setCurrentIndex(page.round_combo.findData(other))
    assert page.round_id == other and not m.dirty


def test_self_assessment_for_three_selected_rows_one_by_one(empty_page, qtbot):
    from PySide6.QtCore import QItemSelectionModel

    page = empty_page
    assert page.open_round("民主评议党员", "2025", page.county.east.id)
    m, view = page.model, page.view
    for row in (1, 3, 4):  # Ctrl-click three members
        view.selectionModel().select(m.index(row, 1), QItemSelectionModel.SelectionFlag.Select
                                     | QItemSelectionModel.SelectionFlag.Rows)
    dialog = page.self_dialog()
    names = [m.rows[r].subject_name for r in (1, 3, 4)]
    assert dialog.who.text() == f"第1人，共3人：{names[0]}（红星村党支部）"
    assert not dialog.previous_button.isEnabled()
    dialog.summary.setText("按时参加组织生活")
    assert dialog.record()
    assert dialog.who.text() == f"第2人，共3人：{names[1]}（红星村党支部）"
    dialog.previous_button.click()
    assert dialog.who.text().startswith(f"第1人，共3人：{names[0]}") and dialog.message.text() == "已记录"
    dialog.next_button.click()
    dialog.choice.setCurrentText("未完成")
    dialog.summary.setText("外出务工，未能参加")
    assert dialog.record()
    dialog.summary.setText("")  # 已完成 needs the summary: refused, named in the dialog
    assert not dialog.record() and "自评摘要：已完成自评时必填" in dialog.message.text()
    dialog.summary.setText("带头参与村级公益事业")
    assert dialog.record()
    assert dialog.message.text() == "已记录3人的个人自评"
    dialog.close_button.click()
    assert [m.index(r, column(m, "自评")).data() for r in range(6)] == [
        "未记录", "已完成", "未记录", "未完成", "已完成", "未记录"]


def test_excellent_without_self_assessment_is_refused_naming_the_member(empty_page):
    page = empty_page
    assert page.open_round("民主评议党员", "2025", page.county.east.id)
    m = page.model
    m.paste(m.index(0, column(m, "党员互评-优秀")), "6\t0\t0\t0\t2")
    assert m.index(0, column(m, "总分")).data() == "100.0"
    assert m.index(0, column(m, "计算等次")).data() == ""  # no grade until the 自评
    assert page.save()
    name = m.rows[0].subject_name
    assert any(w.startswith(f"没有个人自评，不评定等次：“{name}”") for w in
               (page.warnings.item(i).text() for i in range(page.warnings.count())))
    assert not page.apply_override(0, "优秀", "抗洪表现突出", "支部党员大会")
    assert page.errors[-1] == f"最终等次：“{name}”没有个人自评，不评定等次（请先记录自评）"


def test_a_total_of_92_59_shows_92_6_in_the_grid(empty_page):
    page = empty_page
    assert page.open_round("星级党支部", "2025", page.county.east.id)
    m = page.model
    m.paste(m.index(0, column(m, "班子建设(15)")), "15\t15\t15\t15\t10\t12.59\t10")
    assert (m.index(0, column(m, "总分")).data(), m.index(0, column(m, "计算等次")).data()) == ("92.6", "★★★★★")
    m.paste(m.index(0, column(m, "班子建设(15)")), "15\t15\t15\t15\t10\t9.95\t10")  # 89.95
    assert (m.index(0, column(m, "总分")).data(), m.index(0, column(m, "计算等次")).data()) == ("90.0", "★★★★★")


def test_a_read_only_account_cannot_record_the_meeting_or_the_self_assessment(page, qtbot):
    reader = page_module.create_page(AppContext(page.ctx.db, Actor("领导", "只读"), show_error=page.errors.append))
    qtbot.addWidget(reader)
    reader.select_round(page.round_id, page.branch_combo.currentData())
    assert reader.meeting_button.isVisibleTo(reader) and not reader.meeting_button.isEnabled()
    assert reader.meeting_button.toolTip().startswith("只读账号只能查看和打印")
    assert not reader.self_button.isEnabled()
    assert page.meeting_button.isEnabled() and page.self_button.isEnabled()


def test_the_meeting_dialog_keeps_what_was_typed_when_refused(page, messages):
    dialog = page.meeting_dialog()
    assert dialog.edits["expected"].text() == "5"  # as the fixture recorded it: the 5 full members
    dialog.edits["present"].setText("6")
    dialog.accept()
    assert dialog.isVisible() and messages[-1][2] == "实到：6人多于应到5人"
    assert dialog.edits["present"].text() == "6" and dialog.focusWidget() is dialog.edits["present"]
    dialog.edits["present"].setText("5")
    dialog.edits["public_present"].setText("3")
    dialog.edits["public_invited"].setText("4")
    dialog.accept()
    assert not dialog.isVisible()
    assert page.meeting_label.text().startswith("支部党员大会：2026-01-08 应到5人，实到5人，参评率100.0%，到会群众3人")


def test_self_assessment_with_unsaved_typing_saves_the_typing_first(empty_page):
    page = empty_page
    assert page.open_round("民主评议党员", "2025", page.county.east.id)
    m = page.model
    m.paste(m.index(0, column(m, "党员互评-优秀")), "6\t0\t0\t0\t2")
    assert m.dirty
    page.view.setCurrentIndex(m.index(0, 1))
    dialog = page.self_dialog()
    assert not m.dirty  # saved before the 自评 is recorded
    dialog.summary.setText("按时参加组织生活")
    said: list[str] = []
    page.ctx.status = said.append
    assert dialog.record()
    dialog.close_button.click()
    assert said == ["已记录1人的个人自评"]
    assert (m.index(0, column(m, "总分")).data(), m.index(0, column(m, "计算等次")).data()) == ("100.0", "优秀")


def test_a_clerk_without_the_lock_duty_is_told_before_being_asked_for_a_reason(page, qtbot):
    clerk = page_module.create_page(AppContext(page.ctx.db, Actor("东城镇", "乡镇办事员", page.branch_combo.currentData()),
                                               show_error=page.errors.append))
    qtbot.addWidget(clerk)
    clerk.round_id, clerk.round_status = page.round_id, page_module.RoundStatus.LOCKED
    assert not clerk.back()  # no QInputDialog is opened (it would fail the test)
    assert page.errors[-1].startswith("乡镇账号没有")
    clerk.exception_dialog()
    assert page.errors[-1].startswith("乡镇账号没有")


# ---------------------------------------------------------------- forms that keep what was typed


def _esc_asks_and_no_keeps(dialog, field, confirmations):
    """Esc after typing asks; answered no, the form stays with the text (docs/screen.md)."""
    confirmations.answer = False
    dialog.reject()
    assert confirmations[-1][0] == "放弃输入"
    assert dialog.isVisible() and field.text()
    confirmations.answer = True


def test_the_override_form_keeps_the_typing_when_refused_and_esc_asks(page, qtbot, messages, confirmations):
    m = page.model
    m.paste(m.index(0, column(m, "党员互评-优秀")), "19\t0\t0\t0\t4\n")
    assert page.save()
    page.view.setCurrentIndex(m.index(0, column(m, "总分")))
    dialog = page.override()
    dialog.level.setCurrentText("合格")
    dialog.reason.setText("超过名额")
    dialog.accept()  # no 决定机关: refused
    assert dialog.isVisible() and messages[-1][2] == "决定机关：最终等次与计算等次不同时必填"
    assert dialog.reason.text() == "超过名额" and dialog.focusWidget() is dialog.body
    _esc_asks_and_no_keeps(dialog, dialog.reason, confirmations)
    dialog.body.setText("红星村党支部党员大会")
    dialog.accept()
    assert not dialog.isVisible()
    assert m.index(0, column(m, "最终等次")).data() == "合格"


def test_the_open_round_form_keeps_the_period_when_refused(page, qtbot, messages, confirmations):
    dialog = page.open_dialog()
    dialog.scheme.setCurrentText("民主评议党员")
    dialog.period.setText("2025Q5")
    dialog.accept()
    assert dialog.isVisible() and "2025Q5" in messages[-1][2]
    assert dialog.period.text() == "2025Q5"
    _esc_asks_and_no_keeps(dialog, dialog.period, confirmations)
    dialog.period.setText("2024")
    dialog.accept()
    assert not dialog.isVisible() and "2024" in page.round_combo.currentText()


def test_the_rule_exception_form_keeps_the_reason_when_refused(page, qtbot, messages, confirmations):
    dialog = page.exception_dialog()
    dialog.first.setText("上级批准")
    dialog.accept()  # no 决定机关
    assert dialog.isVisible() and messages[-1][2] == "决定机关：必填"
    assert dialog.first.text() == "上级批准" and dialog.focusWidget() is dialog.second
    _esc_asks_and_no_keeps(dialog, dialog.first, confirmations)


def test_the_reopen_reason_is_kept_when_refused(page, qtbot, messages, confirmations, monkeypatch):
    _filled_and_locked(page)
    assert not page.back()  # asks for the reason in a form (QInputDialog would fail the test)
    dialog = page.reopen_dialog
    dialog.text.setText("更正票数")
    real = ev.reopen_round

    def refused_once(*args, **kwargs):
        monkeypatch.setattr(ev, "reopen_round", real)
        from models.errors import DomainError

        raise DomainError("评价刚由其他办事员修改，请刷新后再试")

    monkeypatch.setattr(ev, "reopen_round", refused_once)
    dialog.accept()
    assert dialog.isVisible() and messages[-1][2] == "评价刚由其他办事员修改，请刷新后再试"
    assert dialog.text.text() == "更正票数" and dialog.focusWidget() is dialog.text
    _esc_asks_and_no_keeps(dialog, dialog.text, confirmations)
    dialog.accept()
    assert not dialog.isVisible() and page.status.text() == "状态：草稿"


def test_the_self_assessment_asks_before_esc_drops_a_typed_summary(empty_page, confirmations):
    page = empty_page
    assert page.open_round("民主评议党员", "2025", page.county.east.id)
    page.view.setCurrentIndex(page.model.index(0, 1))
    dialog = page.self_dialog()
    assert not dialog.has_changes()
    dialog.summary.setText("按时参加组织生活")
    _esc_asks_and_no_keeps(dialog, dialog.summary, confirmations)
    assert dialog.record() and not dialog.has_changes()
