"""The 三函督办 page: draft the month, issue, preview the PDF, record a reply."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtPdf import QPdfDocument
from sqlalchemy import select

from desktop.context import AppContext
from models.actor import Actor
from models.supervision import Letter, Problem
from tests.factories import build_county
from tests.supervision_factories import letter_pdf, problem, task  # noqa: F401


@pytest.fixture
def page(qtbot, sqlite_db, monkeypatch, confirmations):
    from forms import dialogs

    asked: list[str] = []
    shown: list[tuple[str, str, str]] = []

    def confirm(parent, title, text):
        asked.append(text)
        confirmations.append((title, text))
        return confirmations.answer

    monkeypatch.setattr(dialogs, "confirm", confirm)
    monkeypatch.setattr(dialogs, "message",
                        lambda parent, kind, title, text, detail="": shown.append((kind, title, text)))
    actor = Actor("测试员", "管理员")
    with sqlite_db.session() as s:
        county = build_county(s, actor)
        task(s, actor)
        problem(s, actor, county.village)
        problem(s, actor, county.school, found_on=date(2026, 3, 2), description="党员活动室被挪作他用",
                category="阵地建设")
        s.commit()
    errors: list[str] = []
    ctx = AppContext(sqlite_db, actor, show_error=errors.append)
    from desktop.pages.supervision import SupervisionPage

    widget = SupervisionPage(ctx, today=date(2026, 3, 20))
    widget.errors = errors
    widget.asked, widget.shown = asked, shown
    qtbot.addWidget(widget)
    widget.set_month("2026-03", date(2026, 3, 20))
    return widget


def cell(model, row, col):
    return model.data(model.index(row, col))


def test_models_pass_the_model_tester(page, qtmodeltester):
    page.draft()
    for model in (page.tasks, page.problems, page.letters):
        qtmodeltester.check(model)


def test_lights_in_the_problem_table(page):
    rows = {cell(page.problems, r, 5): r for r in range(page.problems.rowCount())}
    late = rows["党员活动室被挪作他用"]  # found 3-2, deadline 3-17: overdue on 3-20
    assert cell(page.problems, late, 6) == "2026-03-17（红）"
    assert page.problems.data(page.problems.index(late, 6), Qt.ItemDataRole.BackgroundRole).name() == "#ff9a9a"
    soon = rows["三会一课记录不全"]  # deadline 3-25: within 7 days
    assert cell(page.problems, soon, 6) == "2026-03-25（黄）"
    assert "逾期1个" in page.summary.text()


def test_draft_issue_preview_reply(page, qtbot, letter_pdf):  # noqa: F811
    said: list[str] = []
    page.ctx.status = said.append
    drafted = page.draft()
    assert len(drafted) == 4  # 2 reminders, 2 supervision letters
    assert said == ["已起草或补充4份函件草稿（提示函2、督办函2），请核对后签发"]
    assert [cell(page.letters, r, 0) for r in range(4)] == ["草稿"] * 4
    assert page.draft() == []  # idempotent
    assert said[-1] == "本月没有需要起草的函件：应列入的任务和问题都已列入函件"
    page.letter_view.selectAll()
    numbers = page.issue_selected(date(2026, 3, 20))
    assert sorted(numbers) == ["某组提〔2026〕1号", "某组提〔2026〕2号", "某组督〔2026〕1号", "某组督〔2026〕2号"]
    assert {cell(page.letters, r, 0) for r in range(4)} == {"已签发"}
    assert "已签发4份" in page.summary.text()
    first = page.letters.id_at(0)
    page.select_letter(first)
    preview = page.preview_selected()
    assert preview is not None and page.errors == []
    assert preview.document.status() == QPdfDocument.Status.Ready
    assert preview.document.pageCount() >= 1
    assert preview.path.name == cell(page.letters, 0, 2) + ".pdf"
    preview.close()
    page.select_letter(first)
    assert page.reply_selected(date(2026, 3, 25), "已召开专题会议部署整改")
    row = next(r for r in range(4) if page.letters.id_at(r) == first)
    assert cell(page.letters, row, 0) == "已反馈" and cell(page.letters, row, 8) == "2026-03-25"
    page.select_letter(first)
    assert not page.reply_selected(date(2026, 3, 1), "早了")
    assert "早于签发日期" in page.errors[-1]


def test_edit_a_draft(page):
    page.draft()
    supervision_row = next(r for r in range(page.letters.rowCount()) if cell(page.letters, r, 1) == "督办函")
    letter_id = page.letters.id_at(supervision_row)
    dialog, version = page.edit_dialog(letter_id)
    # the draft shows the 整改时限 it would give if issued on the page's date (3-20 + 15)
    assert [dialog.items.item(i).text() for i in range(dialog.items.count())] == [
        "2026-03-10 红星村党支部：三会一课记录不全（整改时限2026-04-04）"]
    dialog.title_edit.setText("关于红星村党支部问题的工作督办函")
    dialog.copies.setText("县委督查室")
    assert page.save_draft(letter_id, dialog, version)
    titles = [cell(page.letters, r, 4) for r in range(page.letters.rowCount())]
    assert "关于红星村党支部问题的工作督办函" in titles
    page.select_letter(letter_id)
    assert page.void_selected("不需要")
    row = next(r for r in range(page.letters.rowCount()) if page.letters.id_at(r) == letter_id)
    assert cell(page.letters, row, 0) == "已作废"


def test_an_administrator_edits_a_template(page, monkeypatch):

    from forms.letters import TemplateDialog
    from models.supervision import LetterKind

    def accept_with_new_wording(dialog):
        dialog.text.setPlainText("${township}${month}工作提示\n请完成${count}项任务。")
        dialog.accept()  # 保存 records the wording
        return dialog.result()

    monkeypatch.setattr(TemplateDialog, "exec", accept_with_new_wording)
    assert page.edit_template(LetterKind.REMINDER)
    page.draft()
    titles = {cell(page.letters, r, 4) for r in range(page.letters.rowCount())}
    assert "中共某某县东城镇委员会2026年3月工作提示" in titles


def test_problem_dialog_refuses_an_organization_it_cannot_place(page, monkeypatch):
    """Typing a name that is not the exact one never records on the first organization."""
    from forms import dialogs

    shown = []
    monkeypatch.setattr(dialogs, "message", lambda parent, kind, title, text, detail="": shown.append(text))
    dialog = page.problem_dialog()
    dialog.org.edit.setText("党支部")  # every branch
    dialog.description.setPlainText("党务公开栏内容陈旧")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "对应多个党组织" in shown[-1]
    dialog.org.edit.setText("高庄")
    dialog.accept()
    assert "没有与“高庄”相符" in shown[-1]


def test_record_and_close_a_problem(page):
    dialog = page.problem_dialog()
    assert dialog.category.count() == 7
    dialog.org.edit.setText("社区")  # part of a name that only one organization has
    assert dialog.org.org().name == "中共东城镇幸福社区支部委员会"
    dialog.description.setPlainText("党务公开栏内容陈旧")
    dialog.severity.setCurrentText("严重")
    pid = page.add_problem(dialog.values())
    assert pid is not None and page.errors == []
    row = next(r for r in range(page.problems.rowCount()) if page.problems.id_at(r) == pid)
    assert cell(page.problems, row, 1) == "幸福社区党支部" and cell(page.problems, row, 2) == "东城镇党委"
    assert cell(page.problems, row, 6) == "2026-03-27（黄）" and cell(page.problems, row, 7) == "待整改"
    page.select_problem(pid)
    assert page.advance_selected()
    row = next(r for r in range(page.problems.rowCount()) if page.problems.id_at(r) == pid)
    assert cell(page.problems, row, 7) == "整改中"
    page.select_problem(pid)
    assert not page.close_selected("已更新公开栏", "", date(2026, 3, 22))
    assert "验收人" in page.errors[-1]
    page.select_problem(pid)
    assert page.close_selected("已更新公开栏", "王五", date(2026, 3, 22))
    row = next(r for r in range(page.problems.rowCount()) if page.problems.id_at(r) == pid)
    assert cell(page.problems, row, 7) == "已销号" and cell(page.problems, row, 6) == "2026-03-27"
    assert page.problems.data(page.problems.index(row, 6), Qt.ItemDataRole.BackgroundRole) is None


def test_a_refused_close_keeps_the_dialog_the_text_and_focuses_the_field(page, qtbot):
    """验收销号 without 验收人: the reason is shown, the form stays open with the report typed,
    and the cursor waits in 验收人; filled in, 确定 closes the problem."""
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    pid = page.problems.id_at(0)
    page.select_problem(pid)
    dialog = page.close_dialog(pid)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    dialog.report.setPlainText("已更新公开栏并拍照留存")
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    ok.click()
    assert dialog.isVisible() and dialog.result() != dialog.DialogCode.Accepted
    kind, title, text = page.shown[-1]
    assert (kind, title, text) == ("warning", "验收销号", "验收人：销号时必须填写验收人")
    assert dialog.report.toPlainText() == "已更新公开栏并拍照留存"
    assert dialog.focusWidget() is dialog.verifier or QApplication.focusWidget() is dialog.verifier
    row = next(r for r in range(page.problems.rowCount()) if page.problems.id_at(r) == pid)
    assert cell(page.problems, row, 7) != "已销号"
    dialog.verifier.setText("王五")
    ok.click()
    assert not dialog.isVisible() and dialog.result() == dialog.DialogCode.Accepted
    row = next(r for r in range(page.problems.rowCount()) if page.problems.id_at(r) == pid)
    assert cell(page.problems, row, 7) == "已销号"


def test_a_refused_reply_keeps_the_dialog_open(page, qtbot):
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QDialogButtonBox

    from forms.letters import ReplyDialog
    from models.services import supervision as sv

    page.draft()
    page.letter_view.selectAll()
    page.issue_selected(date(2026, 3, 20))
    letter_id = page.letters.id_at(0)
    dialog = ReplyDialog("函", date(2026, 3, 20), page, save=lambda v: page._commit(
        "letters.reply", lambda s: sv.record_reply(s, page.ctx.actor, letter_id, *v)))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.date.setDate(QDate(2026, 3, 1))
    dialog.text.setPlainText("已部署")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible() and page.shown[-1][0] == "warning"
    assert dialog.text.toPlainText() == "已部署"


def test_a_township_clerk_sees_the_township_only(qtbot, sqlite_db):
    from desktop.pages.supervision import SupervisionPage

    admin = Actor("测试员", "管理员")
    with sqlite_db.session() as s:
        county = build_county(s, admin)
        problem(s, admin, county.village)
        problem(s, admin, county.school)
        s.commit()
        west_id = county.west.id
    clerk = Actor("西山乡办事员", "乡镇办事员", west_id)
    widget = SupervisionPage(AppContext(sqlite_db, clerk), today=date(2026, 3, 20))
    qtbot.addWidget(widget)
    widget.set_month("2026-03", date(2026, 3, 20))
    assert [cell(widget.problems, r, 1) for r in range(widget.problems.rowCount())] == ["中心小学党支部"]
    assert not widget.buttons["issue"].isEnabled() and not widget.buttons["draft"].isEnabled()
    # the supervised township reports progress and replies; 验收销号, 撤销 and changes are the county's
    assert widget.buttons["advance"].isEnabled() and widget.buttons["reply"].isEnabled()
    for key in ("close", "withdraw_problem", "edit_problem", "add_problem"):
        assert not widget.buttons[key].isEnabled(), key
        assert "县委组织部" in widget.buttons[key].toolTip(), key


def test_every_letter_column_is_visible_at_the_window_size(page, qtbot):
    page.draft()
    page.letter_view.selectAll()
    page.issue_selected(date(2026, 3, 20))
    page.resize(1130, 700)  # the page's share of a 1280×760 window (the navigation takes 150)
    page.show()
    qtbot.waitExposed(page)
    page.tabs.setCurrentIndex(0)  # 函件
    view = page.letter_view
    qtbot.waitUntil(view.isVisible)
    header = view.horizontalHeader()
    last = header.count() - 1
    assert page.letters.headerData(last, Qt.Orientation.Horizontal) == "反馈日期"
    assert not view.horizontalScrollBar().isVisible()
    assert header.sectionViewportPosition(last) + header.sectionSize(last) <= view.viewport().width()
    assert header.sectionSize(last) >= header.sectionSizeHint(last)  # not squeezed either


def test_irreversible_steps_ask_first_and_a_no_changes_nothing(page, confirmations):
    from models.supervision import ProblemStatus

    pid = page.problems.id_at(0)
    page.select_problem(pid)
    confirmations.answer = False
    assert page.advance_selected() is False
    assert confirmations[-1][0] == "推进整改"
    with page.ctx.db.session() as s:
        assert s.get(Problem, pid).status == ProblemStatus.OPEN
    confirmations.answer = True
    page.select_problem(pid)
    assert page.advance_selected() is True
    with page.ctx.db.session() as s:
        assert s.get(Problem, pid).status == ProblemStatus.IN_PROGRESS
# ---------------------------------------------------------------- issue 12: tasks, problem edits, 签发


def task_titles(page):
    return [cell(page.tasks, r, 0) for r in range(page.tasks.rowCount())]


def test_add_edit_and_withdraw_a_month_task(page):
    assert page.buttons["add_task"].isEnabled()
    dialog = page.task_dialog()
    dialog.title.setText("开展主题党日活动")
    dialog.content.setPlainText("围绕“不忘初心”开展集中学习")
    dialog.archive.setText("组织生活/主题党日")
    west = next(i for i in range(dialog.scope.count()) if dialog.scope.item(i).text() == "西山乡党委")
    dialog.scope.item(west).setCheckState(Qt.CheckState.Checked)
    task_id = page.add_task(dialog.values())
    assert task_id is not None and page.errors == []
    assert task_titles(page) == ["召开支部党员大会", "开展主题党日活动"]
    row = task_titles(page).index("开展主题党日活动")
    assert cell(page.tasks, row, 5) == "西山乡党委" and cell(page.tasks, row, 4) == "组织生活/主题党日"
    assert page._selected_ids(page.task_view, page.tasks) == [task_id]  # the new task is selected
    # edit: the dialog opens with the task's values
    page.select_task(task_id)
    dialog = page.task_dialog(page.task_values(task_id))
    assert dialog.title.text() == "开展主题党日活动"
    dialog.title.setText("开展“七一”主题党日活动")
    dialog.scope.item(west).setCheckState(Qt.CheckState.Unchecked)  # none chosen: every township
    assert page.edit_task(dialog.values())
    row = task_titles(page).index("开展“七一”主题党日活动")
    assert cell(page.tasks, row, 5) == "全部"
    assert page._selected_ids(page.task_view, page.tasks) == [task_id]  # kept after the reload
    # withdraw: gone from the list and from the reminders drafted afterwards
    assert page.withdraw_task("与上级部署重复")
    assert task_titles(page) == ["召开支部党员大会"]
    page.draft()
    counts = {cell(page.letters, r, 5) for r in range(page.letters.rowCount()) if cell(page.letters, r, 1) == "提示函"}
    assert counts == {"1项任务"}


def test_a_withdrawn_task_is_shown_on_request_and_restored(page):
    row = task_titles(page).index("召开支部党员大会")
    page.task_view.selectRow(row)
    assert page.withdraw_task("误撤")
    assert task_titles(page) == []
    page.show_withdrawn.setChecked(True)  # shown greyed, marked, and can be selected
    assert task_titles(page) == ["（已撤回）召开支部党员大会"]
    assert "重点任务0项" in page.summary.text()  # a withdrawn task is not one of the month's tasks
    assert page.tasks.data(page.tasks.index(0, 3), Qt.ItemDataRole.BackgroundRole) is not None
    page.task_view.selectRow(0)
    assert page.restore_task("撤回有误")
    assert task_titles(page) == ["召开支部党员大会"]
    page.draft()  # drafted into the reminders again
    counts = {cell(page.letters, r, 5) for r in range(page.letters.rowCount()) if cell(page.letters, r, 1) == "提示函"}
    assert counts == {"1项任务"}
    # restoring a task that was never withdrawn says so
    page.task_view.selectRow(0)
    assert not page.restore_task("")
    assert "没有撤回，无需恢复" in page.errors[-1]


def problem_texts(page) -> list[str]:
    return [cell(page.problems, r, 5) for r in range(page.problems.rowCount())]


def test_a_withdrawn_problem_is_shown_on_request_and_restored(page, monkeypatch, confirmations):
    from forms.letters import PromptDialog
    from tests.prompts import fill

    def answer(dialog):
        fill(dialog, ["重复登记"])
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(PromptDialog, "exec", answer)
    page.select_problem(page.problems.rows[problem_texts(page).index("三会一课记录不全")].id)
    assert page.withdraw_problem()  # asks the reason, then confirms naming the problem
    assert confirmations[-1] == ("撤销问题", "撤销问题“红星村党支部：三会一课记录不全”？撤销后它不再列入督办函，"
                                             "也不计入红黄灯和统计（可恢复）。")
    assert problem_texts(page) == ["党员活动室被挪作他用"]
    assert "发现问题1个" in page.summary.text()
    page.draft()  # no 督办函 for it
    assert sorted(cell(page.letters, r, 3) for r in range(page.letters.rowCount())
                  if cell(page.letters, r, 1) == "督办函") == ["中共某某县西山乡委员会"]
    page.show_withdrawn_problems.setChecked(True)  # shown greyed, marked, and can be selected
    assert problem_texts(page) == ["党员活动室被挪作他用", "（已撤销）三会一课记录不全"]
    assert cell(page.problems, 1, 7) == "已撤销"
    assert page.problems.data(page.problems.index(1, 3), Qt.ItemDataRole.BackgroundRole) is not None
    assert "发现问题1个" in page.summary.text()  # a withdrawn problem is not one of the month's
    page.problem_view.selectRow(1)
    assert page.restore_problem("撤销有误")
    assert problem_texts(page) == ["党员活动室被挪作他用", "三会一课记录不全"]
    # withdrawing one an issued letter lists is refused with the reason
    page.draft()
    letter_row = next(r for r in range(page.letters.rowCount())
                      if cell(page.letters, r, 1) == "督办函" and cell(page.letters, r, 3) == "中共某某县西山乡委员会")
    page.letter_view.selectRow(letter_row)
    assert page.issue_selected(date(2026, 3, 20))
    page.problem_view.selectRow(0)
    asked = []
    monkeypatch.setattr(PromptDialog, "exec", lambda dialog: asked.append(dialog) or 0)
    assert not page.withdraw_problem()
    assert "已列入已签发的督办函" in page.errors[-1] and "不能再撤销" in page.errors[-1]
    assert asked == []  # told before being asked for a reason


def test_a_task_without_a_title_is_refused_with_a_message(page):
    assert page.add_task({"month": "2026-03", "title": "", "scope_ids": []}) is None
    assert page.errors and "工作任务" in page.errors[-1] and "必填" in page.errors[-1]


def test_import_tasks_on_the_page(page, qtbot, tmp_path):
    """导入任务 opens the import wizard: the county's own layout is placed and shown, then imported."""
    from openpyxl import Workbook

    path = tmp_path / "tasks.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["东城镇2026年3月重点任务清单"])
    ws.append(["序号", "月份", "工作任务", "主要内容", "有关要求", "完成时限", "存档目录", "适用范围", "备注"])
    ws.append([1, "2026-03", "收缴党费", "按标准收缴党费", "足额按时", "2026-03-31", "党员管理/党费", "东城镇党委", ""])
    wb.save(path)
    wizard = page.import_tasks(path)
    assert wizard.windowTitle() == "导入月度任务"
    qtbot.waitUntil(lambda: wizard.checks == 1, timeout=10000)
    assert "表头在第2行" in wizard.mapping_note.text()
    assert wizard.mapping.field_of("序号") == "（不导入）" and wizard.mapping.field_of("工作任务") == "工作任务"
    assert wizard.preview.headerData(2, Qt.Orientation.Horizontal) == "工作任务"
    assert wizard.preview.rows[0][:3] == (3, "2026-03", "收缴党费") and "收缴党费" not in task_titles(page)
    with qtbot.waitSignal(wizard.imported, timeout=10000):
        wizard.accept()
    assert page.shown[-1] == ("info", "导入完成", "导入1行")
    assert "收缴党费" in task_titles(page)


def test_import_problems_on_the_page(page, qtbot, tmp_path):
    """导入问题… opens the import wizard on the problems: an inspection team's list with a title row
    and 序号 is placed and checked first; after the import the month's table lists the problem."""
    from openpyxl import Workbook

    from reports.supervision_import import PROBLEM_HEADERS

    path = tmp_path / "督查问题.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["3月督查发现问题清单"])
    ws.append(["序号", *PROBLEM_HEADERS])
    ws.append([1, "2026-03-12", "红星村党支部", "暗访", "党员管理", "流动党员底数不清", "一般", None, None, None, None])
    wb.save(path)
    wizard = page.import_problems(path)
    assert wizard.windowTitle() == "导入督查问题"
    qtbot.waitUntil(lambda: wizard.checks == 1, timeout=10000)
    assert wizard.mapping.field_of("序号") == "（不导入）" and "1行无误" in wizard.summary.text()
    descriptions = lambda: [cell(page.problems, r, 5) for r in range(page.problems.rowCount())]  # noqa: E731
    assert "流动党员底数不清" not in descriptions()
    with qtbot.waitSignal(wizard.imported, timeout=10000):
        wizard.accept()
    assert page.shown[-1][:2] == ("info", "导入完成")
    assert "流动党员底数不清" in descriptions()


def test_edit_a_problem_until_its_letter_is_issued(page):
    rows = {cell(page.problems, r, 5): r for r in range(page.problems.rowCount())}
    pid = page.problems.id_at(rows["三会一课记录不全"])
    page.select_problem(pid)
    current = page.problem_values(pid)
    dialog = page.problem_dialog(current)
    assert dialog.windowTitle() == "修改问题" and dialog.description.toPlainText() == "三会一课记录不全"
    dialog.description.setPlainText("三会一课记录缺少两次支委会")
    dialog.severity.setCurrentText("严重")
    dialog.category.setCurrentText("制度落实")
    dialog.org.edit.setText("中共东城镇幸福社区支部委员会")
    dialog.deadline.setDate(QDate(2026, 3, 28))
    assert page.edit_problem(dialog.values()) and page.errors == []
    row = next(r for r in range(page.problems.rowCount()) if page.problems.id_at(r) == pid)
    assert [cell(page.problems, row, c) for c in (1, 3, 4, 5)] == [
        "幸福社区党支部", "制度落实", "严重", "三会一课记录缺少两次支委会"]
    assert cell(page.problems, row, 6).startswith("2026-03-28")
    # once listed in an issued 督办函: refused, with the letter's number
    page.draft()
    page.letter_view.selectAll()
    page.issue_selected(date(2026, 3, 20))
    page.select_problem(pid)
    assert not page.edit_problem({"description": "改"})
    assert page.errors[-1].startswith("该问题已列入已签发的督办函某组督〔2026〕")
    assert "只能通过整改流程" in page.errors[-1]
    row = next(r for r in range(page.problems.rowCount()) if page.problems.id_at(r) == pid)
    assert cell(page.problems, row, 5) == "三会一课记录缺少两次支委会"
    assert cell(page.problems, row, 6).startswith("2026-03-28")  # 严重: 3-20 + 7 = 3-27, own 3-28 kept


def test_issue_asks_then_names_the_numbers_and_keeps_the_selection(page, monkeypatch):
    from forms import dialogs

    page.draft()
    sup = [page.letters.id_at(r) for r in range(page.letters.rowCount()) if cell(page.letters, r, 1) == "督办函"]
    page.select_letter(sup[0])
    # the clerk says no: nothing is issued
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, text: page.asked.append(text) and False)
    assert page.issue_selected(date(2026, 3, 20)) is None
    assert "签发以下1份函件，签发日期2026年3月20日？" in page.asked[-1] and f"督办函草稿{sup[0]}" in page.asked[-1]
    assert {cell(page.letters, r, 0) for r in range(page.letters.rowCount())} == {"草稿"}
    # yes: the number given is said, and the letter stays selected in its new place in the list
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, text: page.asked.append(text) or True)
    assert page.issue_selected(date(2026, 3, 20)) == ["某组督〔2026〕1号"]
    assert page.shown[-1] == ("info", "签发", "已签发1份函件，文号：某组督〔2026〕1号")
    assert page.selected_letter_ids() == [sup[0]]
    row = next(r for r in range(page.letters.rowCount()) if page.letters.id_at(r) == sup[0])
    assert cell(page.letters, row, 0) == "已签发" and cell(page.letters, row, 2) == "某组督〔2026〕1号"


def test_issue_warns_of_a_character_no_font_has(page, confirmations):
    """The clerk is told before issuing that a character would print blank."""
    from models.supervision import Problem

    nowhere = "\U000f0001"  # a private-use character: no installed face has it
    with page.ctx.db.transaction() as s:
        first = s.scalars(select(Problem).order_by(Problem.id)).first()
        first.description = f"党员{nowhere}名册不全"
    page.draft()
    sup = [page.letters.id_at(r) for r in range(page.letters.rowCount()) if cell(page.letters, r, 1) == "督办函"]
    for letter_id in sup:
        page.select_letter(letter_id)
        confirmations.answer = False
        page.issue_selected(date(2026, 3, 20))
    warned = [text for _title, text in confirmations if "打印后将是空白" in text]
    assert len(warned) == 1 and nowhere in warned[0]


def save_button(dialog):
    from PySide6.QtWidgets import QDialogButtonBox

    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)


def test_the_same_problem_again_is_refused_and_the_form_stays_open(page, qtbot):
    before = page.problems.rowCount()
    first = next(page.problems.id_at(r) for r in range(before) if cell(page.problems, r, 5) == "三会一课记录不全")
    dialog = page.new_problem_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.org.edit.setText("红星村党支部")
    dialog.found_on.setDate(QDate(2026, 3, 10))
    dialog.description.setPlainText("三会一课记录不全")
    save_button(dialog).click()
    assert dialog.isVisible() and dialog.result() != dialog.DialogCode.Accepted
    kind, title, text = page.shown[-1]
    assert (kind, title) == ("warning", "登记督查发现问题")
    assert text.startswith(f"问题描述：红星村党支部2026年3月10日已登记相同的问题“三会一课记录不全”（编号{first}，")
    assert page.problems.rowCount() == before
    # what the clerk typed is still there: made distinct, it is recorded and the form closes
    dialog.description.setPlainText("三会一课记录不全，缺少2月党员大会记录")
    save_button(dialog).click()
    assert not dialog.isVisible() and dialog.result() == dialog.DialogCode.Accepted
    assert dialog.saved is not None and page.problems.rowCount() == before + 1
    selected = {page.problems.id_at(i.row()) for i in page.problem_view.selectionModel().selectedRows()}
    assert selected == {dialog.saved}  # the saved row is selected (and scrolled into view)
    assert page.errors == []


def test_the_same_task_again_is_refused_and_the_form_stays_open(page, qtbot):
    dialog = page.new_task_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.title.setText("召开支部党员大会")
    save_button(dialog).click()
    assert dialog.isVisible() and dialog.result() != dialog.DialogCode.Accepted
    kind, title, text = page.shown[-1]
    assert (kind, title) == ("warning", "新增月度任务")
    assert text.startswith("工作任务：2026年3月已有同名工作任务“召开支部党员大会”（编号")
    assert task_titles(page) == ["召开支部党员大会"]
    dialog.title.setText("召开支部委员会")
    save_button(dialog).click()
    assert not dialog.isVisible() and task_titles(page) == ["召开支部党员大会", "召开支部委员会"]
    assert page._selected_ids(page.task_view, page.tasks) == [dialog.saved]


def test_a_problem_below_the_threshold_says_it_waits(page):
    from models.settings import set_setting

    rows = {cell(page.problems, r, 5): r for r in range(page.problems.rowCount())}
    assert cell(page.problems, rows["三会一课记录不全"], 8) == ""  # one 一般 reaches the default threshold
    with page.ctx.session() as s:
        set_setting(s, "supervision_min_ordinary", "3")
    page.reload()
    row = rows["三会一课记录不全"]
    assert cell(page.problems, row, 8) == "待累计（未达督办函起点）"
    tip = page.problems.data(page.problems.index(row, 8), Qt.ItemDataRole.ToolTipRole)
    assert tip == ("东城镇党委本月未督办的问题：一般1个、严重0个；督办函起点：一般3个或严重1个。"
                   "未达起点的问题暂不发督办函，下月继续累计。")
    page.draft()  # no 督办函 for either township: the rows still say why
    assert {cell(page.letters, r, 1) for r in range(page.letters.rowCount())} == {"提示函"}
    assert [cell(page.problems, r, 8) for r in range(page.problems.rowCount())] == ["待累计（未达督办函起点）"] * 2


def test_defaults_are_sensible_on_the_day(page, qtbot):
    """发现日期 is today (never the later 截至), 完成时限 the month's last day, or today once that is
    past; 销号日期 is never in the future either."""
    from datetime import timedelta

    page.as_of.setDate(QDate(2026, 3, 31))  # 截至 the month's end, after today (3-20)
    dialog = page.new_problem_dialog()
    qtbot.addWidget(dialog)
    assert dialog.found_on.date() == QDate(2026, 3, 20)
    dialog.found_on.setDate(QDate(2026, 3, 25))
    assert dialog.found_on.date() == QDate(2026, 3, 20)  # a future date cannot be chosen
    tasks = page.new_task_dialog()
    qtbot.addWidget(tasks)
    assert tasks.due_on.date() == QDate(2026, 3, 31)
    close = page.close_dialog(page.problems.id_at(0))
    qtbot.addWidget(close)
    assert close.on.date() == QDate(2026, 3, 20)
    page.month.setDate(QDate(2026, 2, 1))
    past = page.new_task_dialog()
    qtbot.addWidget(past)
    assert past.due_on.date() == QDate(2026, 3, 20)
    from forms.letters import month_end

    assert [month_end(date(2026, m, 5)) for m in (2, 12)] == [date(2026, 2, 28), date(2026, 12, 31)]
    assert month_end(date(2024, 2, 1)) + timedelta(days=1) == date(2024, 3, 1)


def test_finish_asks_naming_the_letter_then_marks_it_done(page):
    """办结 (it crashed for every account: the letter's label was read without the actor)."""
    page.draft()
    page.letter_view.selectAll()
    page.issue_selected(date(2026, 3, 20))
    first = page.letters.id_at(0)
    page.select_letter(first)
    assert page.finish_selected()
    assert page.errors == [] and page.asked[-1].startswith("办结后该函件不能再修改或登记反馈：")
    row = next(r for r in range(page.letters.rowCount()) if page.letters.id_at(r) == first)
    assert cell(page.letters, row, 0) == "已办结"


def test_a_refused_report_or_void_reason_is_kept_in_its_form(page, confirmations, monkeypatch):
    """提交验收's report and 作废's reason are asked in a form (forms.letters.ReasonDialog): refused,
    the text stays with the cursor in it; Esc after typing asks (docs/screen.md)."""
    from forms import dialogs
    from forms.letters import ReasonDialog
    from models.errors import DomainError
    from models.services import supervision as sv
    from models.supervision import ProblemStatus

    shown: list[str] = []
    monkeypatch.setattr(dialogs, "message", lambda parent, kind, title, text, detail="": shown.append(text))
    pid = page.problems.id_at(0)
    page.select_problem(pid)
    assert page.advance_selected()  # 待整改 → 整改中
    real = sv.move_problem
    seen: dict = {}

    def refused_once(*args, **kwargs):
        monkeypatch.setattr(sv, "move_problem", real)
        raise DomainError("该问题刚由其他办事员修改，请刷新后再试")

    def fill(dialog: ReasonDialog) -> int:
        dialog.show()
        dialog.text.setPlainText("已补齐2025年三会一课记录")
        dialog.accept()  # refused once
        seen["open"], seen["text"] = dialog.isVisible(), dialog.values()
        seen["focus"] = dialog.focusWidget() is dialog.text
        confirmations.answer = False
        dialog.reject()
        seen["asked"], seen["kept"] = confirmations[-1][0], dialog.isVisible()
        confirmations.answer = True
        dialog.accept()  # taken now
        return dialog.result()

    monkeypatch.setattr(sv, "move_problem", refused_once)
    monkeypatch.setattr(ReasonDialog, "exec", fill)
    page.select_problem(pid)
    assert page.advance_selected()
    assert shown == ["该问题刚由其他办事员修改，请刷新后再试"]
    assert seen == {"open": True, "text": "已补齐2025年三会一课记录", "focus": True, "asked": "放弃输入", "kept": True}
    with page.ctx.db.session() as s:
        assert s.get(Problem, pid).status == ProblemStatus.AWAITING
        assert s.get(Problem, pid).report == "已补齐2025年三会一课记录"


@pytest.mark.parametrize("action, first, good", [
    ("withdraw_task", "召开支部党员大会", "与上级部署重复"),
    ("restore_task", "召开支部党员大会", "撤回有误"),
    ("withdraw_problem", "三会一课记录不全", "重复登记"),
    ("restore_problem", "三会一课记录不全", "撤销有误"),
])
def test_a_refused_withdraw_or_restore_keeps_the_reason_in_its_form(page, confirmations, monkeypatch, action, first, good):
    """撤回/恢复 a task, 撤销/恢复 a problem: the reason is asked in a form whose 确定 runs the
    service; refused (another clerk got there first), the form stays with the reason, the cursor in
    it; Esc after typing asks and 'no' keeps it; taken, the record changes (docs/screen.md)."""
    from models.services import supervision as sv
    from models.supervision import MonthTask
    from tests.prompts import refused_once, script

    is_task = action.endswith("task")
    if action.startswith("restore"):
        page.show_withdrawn.setChecked(True)
        page.show_withdrawn_problems.setChecked(True)
        if is_task:
            page.task_view.selectRow(task_titles(page).index(first))
            assert page.withdraw_task("误撤")
        else:
            page.select_problem(page.problems.rows[problem_texts(page).index(first)].id)
            assert page.withdraw_problem("误录")
        first = ("（已撤回）" if is_task else "（已撤销）") + first
    if is_task:
        record_id = page.tasks.rows[task_titles(page).index(first)].id
        page.task_view.selectRow(task_titles(page).index(first))
    else:
        record_id = page.problems.rows[problem_texts(page).index(first)].id
        page.select_problem(record_id)
    refused_once(monkeypatch, sv, action)
    seen = script(monkeypatch, confirmations, ["已核实：" + good], [good])
    assert getattr(page, action)()
    assert seen == {"shown": ["该记录刚由其他办事员修改，请刷新后再试"], "open": True, "kept": ["已核实：" + good],
                    "focus": 0, "asked": ["放弃输入"], "stayed": True, "still": ["已核实：" + good], "closed": True}
    with page.ctx.db.session() as s:
        record = s.get(MonthTask, record_id) if is_task else s.get(Problem, record_id)
        withdrawn = record.withdrawn if is_task else record.withdrawn_on is not None
    assert withdrawn == action.startswith("withdraw")


def test_a_refused_late_issue_keeps_its_reason_in_its_form(page, confirmations, monkeypatch):
    """补签 (a letter dated before today): the reason is asked in a form; an empty one is refused
    with the form open, Esc asks, a reason given issues the letter."""
    from forms.common import to_qdate
    from tests.prompts import script

    page.as_of.setDate(to_qdate(page.today - timedelta(days=5)))  # drafted as of 5 days ago
    page.draft()
    page.letter_view.selectRow(0)
    letter_id = page.letters.id_at(0)
    seen = script(monkeypatch, confirmations, [" "], ["上月漏签，补签"])
    numbers = page.issue_selected(page.today - timedelta(days=3))
    assert numbers and len(numbers) == 1
    assert seen["open"] and seen["kept"] == [" "] and seen["focus"] == 0 and "补签原因" in seen["shown"][0]
    assert seen["asked"] == ["放弃输入"] and seen["stayed"] and seen["still"] == [" "] and seen["closed"]
    with page.ctx.db.session() as s:
        assert s.get(Letter, letter_id).number == numbers[0]
