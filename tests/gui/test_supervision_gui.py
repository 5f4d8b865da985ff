"""三函督办 for the accounts that may not use every button: a disabled button says why as its tip,
in Chinese and in English; a button the account may use carries no such tip."""

from __future__ import annotations

import re
from datetime import date

import pytest

from models.actor import Actor

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def township_clerk(db) -> Actor:
    from sqlalchemy import select

    from models.org import Organization

    with db.session() as s:
        town = s.scalar(select(Organization.id).where(Organization.short_name == "西山乡党委"))
    assert town is not None
    return Actor("西山乡组织委员", "乡镇办事员", town)


def make_page(qtbot, db, actor):
    from desktop.context import AppContext
    from desktop.pages.supervision import SupervisionPage

    page = SupervisionPage(AppContext(db, actor), today=date(2026, 3, 20))
    qtbot.addWidget(page)
    return page


def test_a_township_clerk_is_told_why_a_button_is_disabled(qtbot, gui_db, messages):
    page = make_page(qtbot, gui_db, township_clerk(gui_db))
    b = page.buttons
    for key in ("draft", "edit", "issue", "void", "finish"):
        assert not b[key].isEnabled()
        assert b[key].toolTip() == "乡镇账号没有“签发三函”的职责，由县委组织部办理", key
    assert not b["templates"].isEnabled()
    assert b["templates"].toolTip() == "乡镇账号没有“维护函件模板和评价方案”的职责，由县委组织部办理"
    for key in ("add_task", "edit_task", "withdraw_task", "import_tasks"):
        assert not b[key].isEnabled() and b[key].toolTip() == "乡镇账号没有“安排月度任务”的职责，由县委组织部办理", key
    # the supervised township never closes, withdraws or changes its own findings
    assert b["close"].toolTip() == "乡镇账号没有“验收销号”的职责，由县委组织部办理"
    assert b["withdraw_problem"].toolTip() == "乡镇账号没有“撤销或修改督查问题”的职责，由县委组织部办理"
    # what the clerk may do: enabled, and no refusal as its tip
    for key in ("preview", "print", "export_pdfs", "advance", "reply"):
        assert b[key].isEnabled() and b[key].toolTip() == "", key
    # every disabled button says why
    assert all(button.toolTip() for button in b.values() if not button.isEnabled())


def test_a_read_only_account_is_told_why_a_button_is_disabled(qtbot, gui_db, messages):
    page = make_page(qtbot, gui_db, Actor("领导", "只读"))
    disabled = {k: button.toolTip() for k, button in page.buttons.items() if not button.isEnabled()}
    assert {"draft", "issue", "void", "templates", "add_problem", "add_task"} <= set(disabled)
    assert all(tip.startswith("只读账号只能查看和打印，不能") for tip in disabled.values()), disabled
    for key in ("preview", "print", "export_pdfs"):
        assert page.buttons[key].isEnabled() and page.buttons[key].toolTip() == ""


def test_a_county_account_sees_no_refusal(qtbot, gui_db, actor, messages):
    page = make_page(qtbot, gui_db, actor)  # 管理员
    assert all(b.isEnabled() and b.toolTip() == "" for b in page.buttons.values())


@pytest.mark.parametrize("who", ["township", "read-only"])
def test_the_reasons_are_translated(qtbot, gui_db, messages, who):
    from PySide6.QtWidgets import QApplication

    from desktop.app import install_translator

    app = QApplication.instance()
    translators = install_translator(app, "en")
    try:
        actor = township_clerk(gui_db) if who == "township" else Actor("领导", "只读")
        page = make_page(qtbot, gui_db, actor)
        tips = {b.toolTip() for b in page.buttons.values() if not b.isEnabled()}
        assert tips and all(tip and not CHINESE.search(tip) for tip in tips), tips
    finally:
        for tr in translators:
            app.removeTranslator(tr)
