"""三函督办 → 数据核查: run the checks, accept one into the problems, dismiss one with a reason;
accounts without the duty see the buttons disabled with the reason."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.context import AppContext
from models.actor import Actor
from tests.factories import build_county

TODAY = date.today()


def make_page(qtbot, db, actor):
    from desktop.pages.supervision import SupervisionPage

    errors: list[str] = []
    page = SupervisionPage(AppContext(db, actor, show_error=errors.append), today=TODAY)
    page.errors = errors
    qtbot.addWidget(page)
    page.set_month(TODAY.strftime("%Y-%m"), TODAY)
    return page


@pytest.fixture
def page(qtbot, sqlite_db):
    actor = Actor("测试员", "管理员")
    with sqlite_db.transaction() as s:
        build_county(s, actor)  # three branches without members: each under 3 full members
    return make_page(qtbot, sqlite_db, actor)


def cells(model):
    return [[model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_run_accept_and_dismiss(page, qtmodeltester):
    tab = page.findings_tab
    assert page.tabs.tabText(page.tabs.indexOf(tab)) == "数据核查"
    assert tab.run() >= 3
    rows = cells(tab.model)
    small = [r for r in rows if r[0] == "正式党员不足"]
    assert {r[2] for r in small} == {"红星村党支部", "幸福社区党支部", "中心小学党支部"}
    assert all(r[7] == "待处理" for r in rows)
    qtmodeltester.check(tab.model)

    school = next(i for i, r in enumerate(rows) if r[0] == "正式党员不足" and r[2] == "中心小学党支部")
    tab.view.selectRow(school)
    assert tab.accept_selected() is not None
    problems = cells(page.problems)
    assert any("中心小学党支部正式党员0名，少于3名" in " ".join(r) for r in problems)

    rows = cells(tab.model)
    community = next(i for i, r in enumerate(rows) if r[2] == "幸福社区党支部" and r[0] == "正式党员不足")
    tab.view.selectRow(community)
    assert tab.dismiss_selected("新建社区，党员正在转入")
    assert not any(r[2] == "幸福社区党支部" and r[0] == "正式党员不足" for r in cells(tab.model))
    tab.show_decided.setChecked(True)
    shown = cells(tab.model)
    assert any(r[7] == "已排除：新建社区，党员正在转入" for r in shown)
    assert any(r[7] == "已采纳" and r[2] == "中心小学党支部" for r in shown)

    tab.show_decided.setChecked(False)
    tab.run()  # decided ones are not proposed again
    assert not any(r[0] == "正式党员不足" and r[2] in ("中心小学党支部", "幸福社区党支部") for r in cells(tab.model))


def test_buttons_follow_the_duty(qtbot, sqlite_db):
    with sqlite_db.transaction() as s:
        build_county(s, Actor("测试员", "管理员"))
    page = make_page(qtbot, sqlite_db, Actor("只看", "只读"))
    for key in ("run", "accept", "dismiss"):
        button = page.findings_tab.buttons[key]
        assert not button.isEnabled() and "只读账号" in button.toolTip()


def test_an_empty_reason_is_refused_and_the_form_stays(page, monkeypatch, confirmations):
    """排除: the reason is asked in a form (forms.letters.ReasonDialog); 确定 with nothing typed is
    refused and the form stays open; typed then, it is recorded."""
    from forms import dialogs
    from forms.letters import ReasonDialog

    shown: list[str] = []
    monkeypatch.setattr(dialogs, "message", lambda parent, kind, title, text, detail="": shown.append(text))
    tab = page.findings_tab
    assert tab.run() >= 3
    tab.view.selectRow(0)
    seen: dict = {}

    def fill(dialog: ReasonDialog) -> int:
        dialog.show()
        dialog.accept()  # nothing typed: refused
        seen["open"] = dialog.isVisible()
        dialog.text.setText("新建社区，党员正在转入")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ReasonDialog, "exec", fill)
    before = tab.model.rowCount()
    assert tab.dismiss_selected()
    assert seen == {"open": True} and shown == ["排除原因：必填"]
    assert tab.model.rowCount() == before - 1
