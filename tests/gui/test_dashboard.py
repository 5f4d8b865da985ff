"""工作台 on the demo county: key numbers, following bars and rows to records, background exports."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

TODAY = date(2026, 10, 31)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo_template(sqlite_template, tmp_path_factory) -> Path:
    from models.actor import Actor
    from models.db import open_database
    from models.demo import build_demo
    from models.services.orgs import ensure_county

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    shutil.copyfile(sqlite_template, path)
    db = open_database(path)
    with db.session() as s:
        actor = Actor("测试员", "管理员")
        ensure_county(s, actor, None, None)
        build_demo(s, actor, "small", seed=0, today=TODAY)
        s.commit()
    db.dispose()
    return path


@pytest.fixture
def window(qtbot, demo_template, tmp_path, monkeypatch, messages):
    """The main window on a copy of the demo county, the dashboard first."""
    from PySide6.QtWidgets import QApplication

    import desktop.app as app
    from desktop.pages import dashboard as dash

    path = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_template, path)
    app.apply_look(QApplication.instance())  # the program's font and style, as on a clerk's screen
    assert app.PAGE_MODULES[0] == "desktop.pages.dashboard"
    monkeypatch.setattr(dash, "create_page", lambda ctx: dash.DashboardPage(ctx, today=TODAY))
    win = app.MainWindow(str(path), None)
    qtbot.addWidget(win)
    win.resize(1280, 760)
    win.show()
    assert win.open_database()
    yield win
    win.ctx.db.dispose()


def truth(session):
    """The key numbers counted independently (plain Python over all rows)."""
    from sqlalchemy import select

    from models.enums import OrgStatus
    from models.member import Member
    from models.org import Organization
    from models.pairing import Pairing, PairingActivity, PairingStatus
    from models.supervision import Letter, LetterStatus, Problem, ProblemStatus

    orgs = session.scalars(select(Organization)).all()
    members = [m for m in session.scalars(select(Member)) if m.ended_on is None]
    problems = session.scalars(select(Problem)).all()
    this_year = [p for p in problems if p.found_on.year == TODAY.year]
    closed = [p for p in this_year if p.status == ProblemStatus.CLOSED]
    open_ = [p for p in problems if p.status != ProblemStatus.CLOSED]
    return {
        "党组织": sum(1 for o in orgs if o.status == OrgStatus.ACTIVE and o.parent_id is not None),
        "党员": len(members),
        "预备党员": sum(1 for m in members if m.full_on is None or m.full_on > TODAY),
        "今年发现问题": len(this_year),
        "未销号问题": len(open_),
        "逾期问题": sum(1 for p in open_ if p.deadline < TODAY),
        "待反馈函件": sum(1 for x in session.scalars(select(Letter)) if x.status == LetterStatus.ISSUED),
        "今年整改率": round(100 * len(closed) / len(this_year), 1),
        "进行中结对": sum(1 for p in session.scalars(select(Pairing)) if p.status == PairingStatus.ACTIVE),
        "今年结对资金(元)": float(sum(a.funds for a in session.scalars(select(PairingActivity))
                                   if a.held_on.year == TODAY.year)),
    }


def test_key_numbers_lists_and_charts_equal_the_truth(window, qtmodeltester):
    page = window.pages["dashboard"]
    assert window.stack.currentWidget() is page
    expected = window.ctx.read(truth)
    assert expected["党员"] > 0 and expected["今年发现问题"] > 0 and expected["逾期问题"] > 0
    for key, value in expected.items():
        assert page.data.numbers[key] == pytest.approx(value), key
    # what the clerk reads on the tiles
    assert page.tiles["党员"].value.text() == f"{expected['党员']}名"
    assert page.tiles["逾期问题"].value.text() == f"{expected['逾期问题']}个"
    assert page.tiles["今年整改率"].value.text() == f"{expected['今年整改率']:.1f}%"
    # the overdue list holds exactly the overdue problems, each with a red light
    overdue = page.models["逾期问题"]
    assert overdue.rowCount() == expected["逾期问题"]
    assert all(overdue.index(r, 3).data().endswith("（红）") for r in range(overdue.rowCount()))
    assert page.lists.tabText(1) == f"逾期问题（{expected['逾期问题']}）"
    assert page.lists.currentIndex() == 1  # the first list with something in it (none due this week)
    for model in page.models.values():
        qtmodeltester.check(model)
    # the problems-by-category bars add up to this year's problems
    assert sum(page.data.charts["categories"].values) == expected["今年发现问题"]
    assert sum(page.data.charts["months"].values) == expected["今年发现问题"]


def test_only_the_list_on_screen_has_its_table_built(window, qtbot):
    """Start-up builds the table of the tab shown only (docs/startup.md); another tab's table
    is built when the clerk opens it, showing its rows."""
    page = window.pages["dashboard"]
    assert list(page.views) == ["逾期问题"]
    assert page.lists.currentWidget().isAncestorOf(page.views["逾期问题"])
    page.lists.setCurrentIndex(3)  # 待反馈函件
    view = page.views["待反馈函件"]
    assert view.isVisible() and page.lists.currentWidget().isAncestorOf(view)
    assert view.model().rowCount() == len(page.data.lists["待反馈函件"]) > 0
    assert len(page.views) == 2


def test_a_tile_is_red_while_its_number_is_not_zero(window, monkeypatch):
    """逾期未整改 and 未决问责查办 in red while not zero, in the tiles' colour again at zero."""
    from PySide6.QtWidgets import QApplication

    from desktop.pages import dashboard as dash

    page = window.pages["dashboard"]
    QApplication.processEvents()

    def colour(key: str) -> str:
        return page.tiles[key].value.palette().color(page.tiles[key].value.foregroundRole()).name()

    assert page.data.numbers["逾期问题"] > 0 and page.data.numbers["党员"] > 0
    assert colour("逾期问题") == "#c0392b" and colour("党员") == "#2c3e50"
    load = dash.dsvc.load

    def none_overdue(*args):
        data = load(*args)
        data.numbers["逾期问题"] = 0
        return data

    monkeypatch.setattr(dash.dsvc, "load", none_overdue)
    page.refresh()
    assert page.tiles["逾期问题"].value.text() == "0个" and colour("逾期问题") == "#2c3e50"
    monkeypatch.setattr(dash.dsvc, "load", load)
    page.refresh()
    assert colour("逾期问题") == "#c0392b"


def test_a_category_bar_opens_those_problems(window, qtbot):
    from PySide6.QtCore import QPoint, Qt
    from sqlalchemy import select

    from models.supervision import Problem

    page = window.pages["dashboard"]
    chart = page.charts["categories"]
    category = page.data.charts["categories"].labels[0]
    qtbot.waitExposed(chart)
    centre = chart.bar_rect(0).center()
    with qtbot.waitSignal(chart.barClicked):
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(int(centre.x()), int(centre.y())))
    sup = window.pages["supervision"]
    assert window.stack.currentWidget() is sup
    assert sup.tabs.currentIndex() == 2
    expected = window.ctx.read(lambda s: sorted(
        p.id for p in s.scalars(select(Problem)) if p.category == category and p.found_on.year == TODAY.year))
    shown = sorted(row.id for row in sup.problems.rows)
    assert shown == expected and len(shown) == page.data.charts["categories"].values[0]
    assert {sup.problems.index(r, 3).data() for r in range(sup.problems.rowCount())} == {category}
    assert category in sup.filter_label.text()
    sup.clear_filter()
    assert not sup.filter_label.isVisible()


def test_a_month_bar_and_a_list_row_open_their_records(window):
    page = window.pages["dashboard"]
    # closed in March (the second series)
    sup = page.open_bar("months", 2, 1)
    closed = [row for row in sup.problems.rows]
    assert len(closed) == page.data.charts["months"].values2[2]
    assert all(row.cells[7] == "已销号" for row in closed)
    # an overdue problem row: its month, the problems tab, the row selected
    view = page.view("逾期问题")
    first = page.models["逾期问题"].rows[0]
    window.navigate("dashboard")
    view.doubleClicked.emit(page.models["逾期问题"].index(0, 0))
    assert window.stack.currentWidget() is sup
    selected = sup.problem_view.selectionModel().selectedRows()
    assert len(selected) == 1 and sup.problems.id_at(selected[0].row()) == first.id
    assert sup.problems.index(selected[0].row(), 5).data() == first.cells[2]
    # a letter awaiting a reply opens on the letters tab, selected
    letter = page.models["待反馈函件"].rows[0]
    page.open_row("待反馈函件", 0)
    assert sup.tabs.currentIndex() == 0 and sup.selected_letter_ids() == [letter.id]
    # a term due opens the organization in the tree
    term = page.models["届期将满/应换届"].rows[0]
    orgs = page.open_row("届期将满/应换届", 0)
    assert window.stack.currentWidget() is orgs and orgs.current_id() == term.id
    # a letters-by-kind bar lists this year's letters of that kind
    sup = page.open_bar("letters", 0)
    kinds = {sup.letters.index(r, 1).data() for r in range(sup.letters.rowCount())}
    assert kinds == {page.data.charts["letters"].labels[0]}
    assert sup.letters.rowCount() == page.data.charts["letters"].values[0]


def test_refreshes_when_shown_again(window):
    from models.services import supervision as sv

    page = window.pages["dashboard"]
    before = page.data.numbers["今年发现问题"]
    with window.ctx.session() as s:
        org_id = page.models["逾期问题"].rows[0].org_id
        sv.create_problem(s, window.ctx.actor, org_id=org_id, found_on=TODAY, category="组织生活",
                          description="三会一课记录不全", source=sv.ProblemSource.INSPECTION,
                          severity=sv.Severity.ORDINARY)
    window.navigate("supervision")
    window.navigate("dashboard")
    assert page.data.numbers["今年发现问题"] == before + 1


def test_quarterly_export_runs_in_the_background(window, qtbot, tmp_path, messages):
    from openpyxl import load_workbook

    page = window.pages["dashboard"]
    out = tmp_path / "q3.xlsx"
    task = page.export_quarterly("2026Q3", out)
    with qtbot.waitSignal(task.finished, timeout=20000):
        pass
    qtbot.waitUntil(lambda: not task.running, timeout=5000)
    assert task.error is None and task.result == out and out.exists()
    assert len(load_workbook(out, read_only=True).sheetnames) == 6
    assert not messages
    # the clerk is offered to open the file or its folder
    from PySide6.QtWidgets import QMessageBox

    box = window.findChild(QMessageBox, "exported")
    assert box is not None and box.informativeText() == str(out)
    assert {b.text() for b in box.buttons()} >= {"打开文件", "打开所在文件夹"}
    box.close()


def test_letters_export_with_progress(window, qtbot, tmp_path):
    sup = window.navigate("supervision")
    sup.set_month("2026-10")
    folder = tmp_path / "letters"
    seen = []
    task = sup.export_month_pdfs(folder)
    task.progressed.connect(lambda done, total, _t: seen.append((done, total)))
    qtbot.waitUntil(lambda: not task.running, timeout=30000)
    assert task.error is None
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in task.result)
    combined, *single = task.result
    assert combined.name == "2026-10函件合订.pdf"  # all of the month's letters in one file to print
    assert single and seen[-1] == (len(single), len(single))
    import pdfplumber

    def count(path):
        with pdfplumber.open(path) as pdf:
            return len(pdf.pages)

    assert count(combined) == sum(count(p) for p in single)


@pytest.fixture
def township_ctx(demo_template, tmp_path):
    """A township clerk's context on a copy of the demo county."""
    from desktop.context import AppContext
    from models.actor import Actor
    from models.db import open_database
    from models.services.orgs import townships

    path = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_template, path)
    db = open_database(path)
    with db.session() as s:
        first = townships(s)[0]
    yield AppContext(db, Actor("乡镇组织委员", "乡镇办事员", first.id))
    db.dispose()


def test_township_clerk_is_not_offered_county_documents(qtbot, township_ctx, tmp_path, messages):
    """The 季度报表 and 月度通报 buttons are disabled for a township clerk and say why; asked
    anyway, the export refuses before asking for a quarter or a file."""
    from desktop.pages.dashboard import DashboardPage

    page = DashboardPage(township_ctx, today=TODAY)
    qtbot.addWidget(page)
    assert 0 < page.data.numbers["党员"] < 400  # the clerk sees the township only
    for key in ("quarterly", "monthly"):
        assert not page.buttons[key].isEnabled()
        assert "县级账号" in page.buttons[key].toolTip()
    assert page.buttons["letters"].isEnabled()  # the township's own letters
    assert page.export_quarterly() is None  # no question is asked (it would block the test)
    assert messages and messages[-1][0] == "warning" and "全县的文件" in messages[-1][2]
    assert page.export_monthly() is None and len(messages) == 2


def test_expected_error_is_a_message_not_a_crash(qtbot, township_ctx, tmp_path, messages):
    """A refusal inside the background work (the service's own check) is a plain message."""
    from desktop import exports, worker
    from models.periods import quarter

    out = tmp_path / "no.xlsx"
    task = worker.start(township_ctx, exports.quarterly_work(quarter("2026Q3"), out), None, "导出",
                        show_progress=False)
    qtbot.waitUntil(lambda: not task.running, timeout=10000)
    assert task.error and messages and messages[-1][0] == "warning"
    assert "不能生成全县的季度报表" in messages[-1][2]
    assert not out.exists()


def test_unexpected_error_goes_to_the_crash_path(ctx, qtbot, monkeypatch, messages):
    import sys

    from desktop import worker

    crashes = []
    monkeypatch.setattr(sys, "excepthook", lambda *info: crashes.append(info))

    def broken(session, actor, progress):
        raise RuntimeError("磁盘已满")

    task = worker.start(ctx, broken, None, "导出", show_progress=False)
    qtbot.waitUntil(lambda: not task.running, timeout=5000)
    assert crashes and crashes[0][0] is RuntimeError and not messages


def test_the_page_paints(window, qtbot, tmp_path):
    """docs/make_screenshots.py makes the README's picture; here: the page paints something real."""
    page = window.pages["dashboard"]
    window.navigate("dashboard")
    qtbot.wait(50)
    out = tmp_path / "dashboard.png"
    assert window.grab().save(str(out))
    assert page.isVisible()
    assert out.stat().st_size > 20_000


def test_file_menu_has_the_exports(window, qtbot, tmp_path, monkeypatch, confirmations):
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    titles = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert titles[:3] == ["导出季度报表…", "导出月度通报…", "导出本月函件PDF…"]
    out = tmp_path / "通报.pdf"
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: ("2026-10", True)))
    # the 下步工作要求 the clerk writes before the report is made (issue 26)
    # in a form: Esc after typing asks, and 'no' keeps the text (docs/screen.md)
    from forms.letters import PromptDialog
    from tests.prompts import fill

    kept = []

    def write(dialog) -> int:
        dialog.show()
        fill(dialog, ["各乡镇要举一反三。"])
        confirmations.answer = False
        dialog.reject()
        kept.append((confirmations[-1][0], dialog.isVisible(), dialog.values()))
        confirmations.answer = True
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(PromptDialog, "exec", write)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    window.menuBar().actions()[0].menu().actions()[1].trigger()
    task = window._export_task
    qtbot.waitUntil(lambda: not task.running, timeout=30000)
    assert task.error is None and out.exists() and out.read_bytes()[:4] == b"%PDF"
    assert kept == [("放弃输入", True, "各乡镇要举一反三。")]


def test_periods_are_chosen_from_lists(monkeypatch, ctx):
    from datetime import date

    from PySide6.QtWidgets import QInputDialog

    from desktop import exports
    from models.periods import months_back, quarters_back

    assert quarters_back(date(2026, 2, 1), 3) == ["2026Q1", "2025Q4", "2025Q3"]
    assert months_back(date(2026, 2, 1), 3) == ["2026-02", "2026-01", "2025-12"]
    offered = []

    def get_item(parent, title, label, items, current, editable):
        offered.append((items, current, editable))
        return "", False

    monkeypatch.setattr(QInputDialog, "getItem", get_item)
    assert exports.export_monthly(ctx, None, today=date(2026, 2, 10)) is None
    items, current, editable = offered[-1]
    assert items[current] == "2026-01" and editable is False  # last month, from a list


def test_an_open_rectification_opens_in_the_register(window):
    """软弱涣散整顿 row → the 党组织 page's 整顿台账 tab with that record selected."""
    page = window.pages["dashboard"]
    rows = page.models["软弱涣散整顿"].rows
    assert rows, "the demo county has an open 整顿"
    orgs = page.open_row("软弱涣散整顿", 0)
    assert window.stack.currentWidget() is orgs
    assert orgs.tabs.currentWidget() is orgs.register
    chosen = orgs.register.selected()
    assert (chosen.id, chosen.org_name) == (rows[0].id, rows[0].cells[0])
    # a term due still opens the organization in the tree
    if page.models["届期将满/应换届"].rows:
        term = page.models["届期将满/应换届"].rows[0]
        page.open_row("届期将满/应换届", 0)
        assert orgs.tabs.currentIndex() == 0 and orgs.current_id() == term.id
