"""村干部名册 on the 星级评定与双评 page: register, correct and end posts through the window (the
service's checks under the fields, a question before 离任), a 双议双评 round's cadres with their
商议/审议, a township clerk's list, and the new tabs on a 1024×700 screen."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from models.actor import Actor
from tests.evaluation_helpers import add_members


def org_id(db, short_name):
    from sqlalchemy import select

    from models.org import Organization

    with db.session() as s:
        return s.scalar(select(Organization.id).where(Organization.short_name == short_name))


@pytest.fixture
def people(gui_db, actor):
    """Three members of 红星村 (东城镇) and one of 中心小学 (西山乡)."""
    from models.services import evaluation as ev

    with gui_db.session() as s:
        ev.ensure_builtin_schemes(s, actor)
        s.commit()
        east = [(m.id, m.name) for m in add_members(s, actor, 3)]
        west = [(m.id, m.name) for m in add_members(s, actor, 1, org="中心小学党支部", start=20)]
    return east, west


def make_page(qtbot, db, who):
    from desktop.context import AppContext
    from desktop.pages.evaluation import EvaluationPage

    errors: list[str] = []
    page = EvaluationPage(AppContext(db, who, show_error=errors.append))
    page.errors = errors
    qtbot.addWidget(page)
    page.resize(1024, 640)
    page.show()
    qtbot.waitExposed(page)
    return page


def cells(roster):
    m = roster.model
    return [[m.index(r, c).data() for c in range(m.columnCount())] for r in range(m.rowCount())]


def headers(roster):
    m = roster.model
    return [m.headerData(c, Qt.Orientation.Horizontal) for c in range(m.columnCount())]


def test_register_correct_and_end_a_post(qtbot, gui_db, actor, people, confirmations, messages, qtmodeltester):
    (first, first_name), (second, second_name), _third = people[0]
    page = make_page(qtbot, gui_db, actor)
    roster = page.roster
    page.tabs.setCurrentWidget(roster)
    assert page.tabs.tabText(1) == "村干部名册"
    assert roster.which.currentText() == "在任村干部" and roster.model.rowCount() == 0

    # 登记任职: the village with the one picker, then one of its members
    dialog = roster.add_post()
    dialog.village.edit.setText("红星村党支部")
    names = [n for _i, n in people[0]]
    assert names == ["张芳1", "张娜2", "张敏3"]
    assert [dialog.member.itemText(i) for i in range(dialog.member.count())] == ["张芳1", "张敏3", "张娜2"]
    dialog.member.setCurrentIndex(dialog.member.findData(first))
    dialog.post.setCurrentText("村党支部书记")
    dialog.start.setText("2021-13-01")
    assert dialog.save() is False
    assert dialog.fields["任职日期"].error.text() != ""
    dialog.start.setText("2021-05-01")
    with qtbot.waitSignal(dialog.saved):
        QTest.keyClick(dialog.start, Qt.Key.Key_Return)  # Enter saves
    qtmodeltester.check(roster.model)
    assert cells(roster) == [["红星村党支部", first_name, "村党支部书记", "2021-05-01", "", ""]]
    assert roster.selected().name == first_name
    assert roster.count.text() == "1人，1项任职"
    again = roster.add_post()  # the village of the selected row to start with
    assert again.village.org_id() == org_id(gui_db, "红星村党支部")
    again.member.setCurrentIndex(again.member.findData(first))
    again.post.setCurrentText("村党支部书记")
    assert again.save() is False
    assert messages[-1][2] == f"“{first_name}”已任红星村党支部村党支部书记"
    QTest.keyClick(again.start, Qt.Key.Key_Escape)  # Esc cancels
    assert not again.isVisible() and roster.model.rowCount() == 1

    # 修改: the date and a note
    edit = roster.edit_post()
    assert edit.start.text() == "2021-05-01"
    edit.start.setText("2021-06-01")
    edit.note.setText("换届选举产生")
    with qtbot.waitSignal(edit.saved):
        assert edit.save() is True
    assert cells(roster)[0][3:] == ["2021-06-01", "", "换届选举产生"]

    # 离任: the service's date check first, then the question (declined: nothing changes)
    end = roster.end_post()
    end.end.setText("2021-01-01")
    assert end.save() is False
    assert end.fields["离任日期"].error.text() == "早于任职日期2021-06-01"
    assert confirmations == []
    end.end.setText("2024-04-30")
    confirmations.answer = False
    assert end.save() is False
    assert confirmations[-1] == ("离任", f"“{first_name}”于2024-04-30离任红星村党支部村党支部书记？离任后不能撤回。")
    assert cells(roster)[0][4] == ""
    confirmations.answer = True
    with qtbot.waitSignal(end.saved):
        assert end.save() is True
    # no longer in post: the list of every post shows it, ended
    assert roster.which.currentData() == "all"
    assert cells(roster) == [["红星村党支部", first_name, "村党支部书记", "2021-06-01", "2024-04-30", "换届选举产生"]]
    assert not roster.buttons["end"].isEnabled()
    roster.which.setCurrentIndex(roster.which.findData("current"))
    assert roster.model.rowCount() == 0


def test_a_round_shows_each_cadres_steps_and_opens_the_grid(qtbot, gui_db, actor, people, tmp_path):
    from models.services import cadres
    from models.services import evaluation as ev

    (first, first_name), (second, second_name), _ = people[0]
    with gui_db.transaction() as s:
        cadres.add_post(s, actor, first, "村党支部书记", "2021-05-01")
        cadres.add_post(s, actor, second, "村委会委员", "2021-05-01")
        rnd = cadres.open_cadre_round(s, actor, ev.find_scheme(s, "双评"), "2025", [org_id(gui_db, "红星村党支部")])
        rid = rnd.id
    with gui_db.transaction() as s:
        sheet = next(r for r in ev.sheet_rows(s, rid) if r.member_id == first)
        cadres.record_approval(s, actor, sheet.sheet_id, "党员群众商议", "2026-01-05", "红星村党员群众大会", "同意", matter="年度工作目标和承诺事项")
        other = next(r for r in ev.sheet_rows(s, rid) if r.member_id == second)
        cadres.record_approval(s, actor, other.sheet_id, "党员群众商议", "2026-01-05", "红星村党员群众大会", "不同意",
                               "群众意见较大", matter="年度工作目标和承诺事项")
    page = make_page(qtbot, gui_db, actor)
    page.select_round(rid)
    page.tabs.setCurrentWidget(page.roster)  # the grid's round is a 双议双评 round: its cadres
    roster = page.roster
    assert roster.which.currentText() == "双议双评：双评 2025（红星村党支部） · 草稿"
    assert headers(roster) == ["村", "姓名", "职务", "任职日期", "离任日期", "备注", "党员群众商议", "乡镇党委审议"]
    assert cells(roster) == [
        ["红星村党支部", first_name, "村党支部书记", "2021-05-01", "", "", "同意（2026-01-05 红星村党员群众大会）事项：年度工作目标和承诺事项", "未记录"],
        ["红星村党支部", second_name, "村委会委员", "2021-05-01", "", "",
         "不同意（2026-01-05 红星村党员群众大会）事项：年度工作目标和承诺事项；群众意见较大", "未记录"]]
    roster.resize(1000, 400)
    roster.grab().save(str(tmp_path / "roster.png"))

    # 在评价表中查看: the grid, the cadre's row selected
    roster.select(roster.model.rows[1].id)
    roster.buttons["sheet"].click()
    assert page.tabs.currentIndex() == 0
    [selected] = page.view.selectionModel().selectedRows()
    assert page.model.rows[selected.row()].subject_name == second_name

    # F5 with the roster shown: a step recorded elsewhere appears
    page.tabs.setCurrentWidget(roster)
    with gui_db.transaction() as s:
        cadres.record_approval(s, actor, sheet.sheet_id, "乡镇党委审议", "2026-01-08", "东城镇党委", "同意", matter="年度工作目标和承诺事项")
    roster.select(roster.model.rows[0].id)
    page.reload()
    assert cells(roster)[0][7] == "同意（2026-01-08 东城镇党委）事项：年度工作目标和承诺事项"
    assert roster.selected().name == first_name


def test_a_township_clerk_sees_only_their_township(qtbot, gui_db, actor, people):
    from models.services import cadres
    from models.services import evaluation as ev

    (east_id, east_name), *_ = people[0]
    [(west_id, west_name)] = people[1]
    with gui_db.transaction() as s:
        cadres.add_post(s, actor, east_id, "村党支部书记", "2021-05-01")
        cadres.add_post(s, actor, west_id, "村党支部委员", "2021-05-01")
        cadres.open_cadre_round(s, actor, ev.find_scheme(s, "双评"), "2025", [org_id(gui_db, "红星村党支部")])
    clerk = Actor("西山乡组织委员", "乡镇办事员", org_id(gui_db, "西山乡党委"))
    page = make_page(qtbot, gui_db, clerk)
    page.tabs.setCurrentWidget(page.roster)
    assert [row[1] for row in cells(page.roster)] == [west_name]
    choices = [page.roster.which.itemText(i) for i in range(page.roster.which.count())]
    assert choices == ["在任村干部", "全部任职（含已离任）"]  # 东城镇's round is not offered
    dialog = page.roster.add_post()
    dialog.village.edit.setText("红星村党支部")  # the picker knows only the clerk's township
    assert dialog.village.org_id() is None and dialog.member.count() == 0
    assert dialog.save() is False
    # said once, on the picker's own line (not again in the field's error line)
    assert "红星村党支部" in dialog.village.note.text() and dialog.village.shows_problem()
    assert dialog.fields["党组织"].error.text() == ""


def test_a_reader_cannot_change_the_roster(qtbot, gui_db, actor, people):
    from models.services import cadres

    with gui_db.transaction() as s:
        cadres.add_post(s, actor, people[0][0][0], "村党支部书记", "2021-05-01")
    page = make_page(qtbot, gui_db, Actor("领导", "只读"))
    page.tabs.setCurrentWidget(page.roster)
    page.roster.select(page.roster.model.rows[0].id)
    assert [page.roster.buttons[k].isEnabled() for k in ("add", "edit", "end")] == [False, False, False]


def test_tab_visits_the_fields_in_the_order_shown(qtbot, gui_db, actor, people):
    from forms.cadre_form import PostDialog
    from forms.rectification_form import OpenRectificationDialog

    dialog = PostDialog(gui_db, actor)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.village.edit  # the first field has the cursor
    seen = []
    for _ in range(6):
        QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        seen.append(dialog.focusWidget())
    assert seen == [dialog.outsider, dialog.member, dialog.post, dialog.start, dialog.note, dialog.save_button]

    rect = OpenRectificationDialog(gui_db, actor)
    qtbot.addWidget(rect)
    rect.show()
    qtbot.waitExposed(rect)
    assert rect.focusWidget() is rect.org.edit
    seen = []
    for _ in range(9):
        QTest.keyClick(rect.focusWidget(), Qt.Key.Key_Tab)
        seen.append(rect.focusWidget())
    assert seen == [rect.year, rect.reasons.list, rect.reasons.other, rect.opened, rect.leader, rect.secretary, rect.team,
                        rect.plan, rect.save_button]


def test_a_step_recorded_in_the_grid_carries_the_meetings_date(qtbot, gui_db, actor, people):
    """记录商议/审议… asks for the day it was decided (a meeting recorded days later keeps its date)."""
    from datetime import date

    from forms.common import to_qdate
    from models.services import cadres
    from models.services import evaluation as ev

    (first, name), _second, _ = people[0]
    with gui_db.transaction() as s:
        cadres.add_post(s, actor, first, "村党支部书记", "2021-05-01")
        rid = cadres.open_cadre_round(s, actor, ev.find_scheme(s, "双评"), "2025",
                                      [org_id(gui_db, "红星村党支部")]).id

    page = make_page(qtbot, gui_db, actor)
    page.select_round(rid)
    page.view.setCurrentIndex(page.model.index(0, 1))
    dialog = page.approval_dialog()
    assert dialog.on.isVisibleTo(dialog)
    assert dialog.summary.text() == f"将为“{name}”记录党员群众商议结果。"
    dialog.on.setDate(to_qdate(date(2026, 1, 7)))
    dialog.body.setText("红星村党员群众大会")
    dialog.matter.setText("年度工作目标和承诺事项")
    assert dialog.save() is True  # one cadre: no question
    page.tabs.setCurrentWidget(page.roster)
    assert cells(page.roster)[0][6] == "同意（2026-01-07 红星村党员群众大会）事项：年度工作目标和承诺事项"


def round_of_three(gui_db, actor, people):
    """A 双议双评 round of 红星村's three cadres, 党员群众商议 recorded 同意 for each."""
    from models.services import cadres
    from models.services import evaluation as ev

    with gui_db.transaction() as s:
        for mid, _name in people[0]:
            cadres.add_post(s, actor, mid, "村委会委员", "2021-05-01")
        rid = cadres.open_cadre_round(s, actor, ev.find_scheme(s, "双评"), "2025",
                                      [org_id(gui_db, "红星村党支部")]).id
    with gui_db.transaction() as s:
        cadres.record_approvals(s, actor, [r.sheet_id for r in ev.sheet_rows(s, rid)], "党员群众商议",
                                "2026-01-05", "红星村党员群众大会", "同意", matter="年度工作目标和承诺事项")
    return rid


def click(view, row, modifier=Qt.KeyboardModifier.NoModifier):
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier,
                     view.visualRect(view.model().index(row, 1)).center())


def test_one_meeting_recorded_for_three_cadres_chosen_in_the_grid(qtbot, gui_db, actor, people, confirmations,
                                                                  messages):
    """Ctrl-click three cadres in the 评价表 grid, 记录商议/审议… once: the 审议 column of all three shows
    it; the clerk was told who and asked first."""
    from datetime import date

    from forms.common import to_qdate

    rid = round_of_three(gui_db, actor, people)
    names = [n for _i, n in people[0]]
    page = make_page(qtbot, gui_db, actor)
    page.select_round(rid)
    approvals = page.model.fixed.index("审议")
    assert [page.model.index(r, approvals).data() for r in range(3)] == ["尚未乡镇党委审议"] * 3
    click(page.view, 0)
    click(page.view, 2, Qt.KeyboardModifier.ControlModifier)
    click(page.view, 1, Qt.KeyboardModifier.ControlModifier)
    assert page.chosen_rows() == [0, 1, 2]
    dialog = page.approval_dialog()
    assert dialog.step.currentText() == "乡镇党委审议"  # what the chosen cadres still lack
    assert dialog.summary.text() == f"将为以下 3 名村干部记录乡镇党委审议结果：{'、'.join(names)}"
    dialog.on.setDate(to_qdate(date(2026, 1, 8)))
    dialog.body.setText("东城镇党委会")
    dialog.matter.setText("年度工作目标和承诺事项")
    dialog.resize(520, dialog.sizeHint().height())
    dialog.grab().save("/tmp/bulk_approval_dialog.png")
    confirmations.answer = False  # asked first: declined, nothing written
    assert dialog.save() is False
    assert confirmations[-1] == ("记录商议/审议", "将为以下 3 名村干部记录乡镇党委审议结果（同意，2026-01-08，东城镇党委会，事项：年度工作目标和承诺事项）："
                                 f"{'、'.join(names)}。确定记录？")
    assert [page.model.index(r, approvals).data() for r in range(3)] == ["尚未乡镇党委审议"] * 3
    confirmations.answer = True
    assert dialog.save() is True
    assert [page.model.index(r, approvals).data() for r in range(3)] == ["均已同意"] * 3
    assert page.chosen_rows() == [0, 1, 2]  # still chosen for what comes next
    page.tabs.setCurrentWidget(page.roster)
    assert [row[7] for row in cells(page.roster)] == ["同意（2026-01-08 东城镇党委会）事项：年度工作目标和承诺事项"] * 3
    assert messages == []


def test_a_refused_cadre_refuses_the_whole_batch_in_the_grid(qtbot, gui_db, actor, people, messages):
    from models.services import cadres
    from models.services import evaluation as ev

    rid = round_of_three(gui_db, actor, people)
    (_a, _an), (second, second_name), _c = people[0]
    with gui_db.transaction() as s:  # an exception recorded on its own: 不同意
        sheet = next(r.sheet_id for r in ev.sheet_rows(s, rid) if r.member_id == second)
        cadres.record_approval(s, actor, sheet, "党员群众商议", "2026-01-05", "红星村党员群众大会", "不同意", matter="年度工作目标和承诺事项")
    page = make_page(qtbot, gui_db, actor)
    page.select_round(rid)
    page.view.selectAll()
    dialog = page.approval_dialog()
    dialog.step.setCurrentText("乡镇党委审议")
    dialog.body.setText("东城镇党委会")
    dialog.matter.setText("年度工作目标和承诺事项")
    assert dialog.save() is False
    assert messages[-1][2] == (f"3名村干部中有1名不能记录乡镇党委审议，本次均未记录：“{second_name}”："
                               "须先经党员群众商议同意，才能乡镇党委审议")
    assert dialog.isVisible()  # the clerk may cancel and choose again
    approvals = page.model.fixed.index("审议")
    page._branch_changed()
    assert sorted(page.model.index(r, approvals).data() for r in range(3)) == [
        "党员群众商议不同意", "尚未乡镇党委审议", "尚未乡镇党委审议"]


def test_one_meeting_recorded_for_the_cadres_chosen_in_the_roster(qtbot, gui_db, actor, people, confirmations):
    """In the 村干部名册 tab: Ctrl+A (or Ctrl/Shift-click) the round's cadres, 记录商议/审议… once."""
    rid = round_of_three(gui_db, actor, people)
    names = [n for _i, n in people[0]]
    page = make_page(qtbot, gui_db, actor)
    page.select_round(rid)
    roster = page.roster
    page.tabs.setCurrentWidget(roster)
    assert roster.buttons["approve"].isVisible() and not roster.buttons["approve"].isEnabled()
    roster.view.setFocus()
    QTest.keyClick(roster.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(roster.selected_rows()) == 3
    assert roster.buttons["approve"].isEnabled() and not roster.buttons["edit"].isEnabled()
    dialog = roster.approval_dialog()
    assert dialog.summary.text() == f"将为以下 3 名村干部记录乡镇党委审议结果：{'、'.join(names)}"
    dialog.outcome.setCurrentText("同意")
    dialog.body.setText("东城镇党委会")
    dialog.matter.setText("年度工作目标和承诺事项")
    dialog.note.setText("同意参加双评")
    assert dialog.save() is True
    assert len(confirmations) == 1
    assert [row[7].endswith("事项：年度工作目标和承诺事项；同意参加双评") for row in cells(roster)] == [True] * 3
    assert len(roster.selected_rows()) == 3  # still chosen
    page.tabs.setCurrentIndex(0)  # the grid was read again
    approvals = page.model.fixed.index("审议")
    assert [page.model.index(r, approvals).data() for r in range(3)] == ["均已同意"] * 3


def test_a_meeting_recorded_by_another_clerk_appears_in_the_grid(qtbot, gui_db, actor, people):
    """Another clerk records 乡镇党委审议 for the round: the grid's 审议 column follows on its
    next check, as it does for scores."""
    from models.services import cadres
    from models.services import evaluation as ev

    rid = round_of_three(gui_db, actor, people)
    page = make_page(qtbot, gui_db, actor)
    page.select_round(rid)
    approvals = page.model.fixed.index("审议")
    assert not page.check_changes()
    with gui_db.transaction() as s:  # another clerk, another session
        cadres.record_approvals(s, Actor("另一办事员", "县级办事员"), [r.sheet_id for r in ev.sheet_rows(s, rid)],
                                "乡镇党委审议", "2026-01-08", "东城镇党委会", "同意", matter="年度工作目标和承诺事项")
    assert page.check_changes()
    assert [page.model.index(r, approvals).data() for r in range(3)] == ["均已同意"] * 3


def test_a_cadre_who_is_not_a_member_registered_and_masked_for_a_township(qtbot, gui_db, actor, people):
    from tests.factories import id_number

    outsider = id_number(902, date(1978, 6, 1))
    page = make_page(qtbot, gui_db, actor)
    roster = page.roster
    page.tabs.setCurrentWidget(roster)
    dialog = roster.add_post()
    dialog.village.edit.setText("红星村党支部")
    dialog.outsider.setChecked(True)
    assert not dialog.fields["党员"].isVisibleTo(dialog) and dialog.fields["姓名"].isVisibleTo(dialog)
    dialog.person_name.setText("王五")
    dialog.person_id.setText(outsider[:-1] + ("0" if outsider[-1] != "0" else "1"))  # a wrong check digit
    dialog.post.setCurrentText("村委会委员")
    dialog.start.setText("2021-05-01")
    assert dialog.save() is False
    assert "校验位错误" in dialog.fields["公民身份号码"].error.text()
    dialog.person_id.setText(outsider)
    assert dialog.save() is True
    assert [row[1:3] for row in cells(roster)] == [["王五（非党员）", "村委会委员"]]
    from models.services import cadres

    with gui_db.session() as s:
        [mine] = cadres.cadre_rows(s, actor)
        assert (mine.party_member, mine.id_number) == (False, outsider)
        clerk = Actor("东城镇", "乡镇办事员", org_id(gui_db, "东城镇党委"))
        [theirs] = cadres.cadre_rows(s, clerk)
        assert theirs.id_number == outsider[:6] + "********" + outsider[-4:]
    assert roster.selected().name == "王五"  # the post just registered
    edit = roster.edit_post()  # a non-member's post opens (and names the person)
    assert "王五（非党员）" in [w.text() for w in edit.findChildren(QLabel)]
