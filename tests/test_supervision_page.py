"""The 三函督办 page: draft the month, issue, preview the PDF, record a reply."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument

from desktop.context import AppContext
from models.actor import Actor
from models.supervision import Problem
from tests.factories import build_county
from tests.supervision_factories import letter_pdf, problem, task  # noqa: F401


@pytest.fixture
def page(qtbot, sqlite_db):
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
    drafted = page.draft()
    assert len(drafted) == 4  # 2 reminders, 2 supervision letters
    assert [cell(page.letters, r, 0) for r in range(4)] == ["草稿"] * 4
    assert page.draft() == []  # idempotent
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
    from PySide6.QtWidgets import QDialog

    from forms.letters import TemplateDialog
    from models.supervision import LetterKind

    def accept_with_new_wording(dialog):
        dialog.text.setPlainText("${township}${month}工作提示\n请完成${count}项任务。")
        return QDialog.DialogCode.Accepted

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
    assert widget.buttons["close"].isEnabled()


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
