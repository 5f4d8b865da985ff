"""Every page of the main window under every role: each button that runs a declared operation
(models/operations.py, tagged by forms.common.gate) is enabled only for an account that may run
it, and a disabled one says why; the 文件 menu's 备份/恢复 likewise. Generated from the declarations:
a button gated tomorrow is covered by this test without a line added here."""

from __future__ import annotations

import importlib

import pytest
from PySide6.QtWidgets import QAbstractButton

from desktop.context import AppContext
from desktop.pages import PAGES
from models import operations
from models.actor import Actor
from models.roles import Role

ROLES = [Role.ADMIN, Role.COUNTY_CLERK, Role.TOWNSHIP_CLERK, Role.READ_ONLY]
#: pages with buttons that change data: each must gate at least one
CHANGING = {"orgs", "members", "supervision", "points", "pairing", "evaluation"}


def _actor(role: Role, gui_db) -> Actor:
    from models.org import Organization

    with gui_db.session() as s:
        east = s.query(Organization).filter_by(short_name="东城镇党委").one().id
    return Actor(f"测试{role.value}", role, east if role == Role.TOWNSHIP_CLERK else None)


@pytest.mark.parametrize("role", ROLES, ids=[r.value for r in ROLES])
@pytest.mark.parametrize("module,key", [(m, k) for m, k, _t in PAGES], ids=[k for _m, k, _t in PAGES])
def test_page_gates_its_operations(module, key, role, gui_db, messages, qtbot):
    actor = _actor(role, gui_db)
    page = importlib.import_module(module).create_page(AppContext(gui_db, actor))
    qtbot.addWidget(page)
    gated = [b for b in page.findChildren(QAbstractButton) if b.property("operation")]
    if key in CHANGING:
        assert gated, f"{key}: no button declares its operation"
    for button in gated:
        name = button.property("operation")
        why = operations.refusal(actor, name)
        if why is not None:
            assert not button.isEnabled(), f"{key}: “{button.text()}” ({name}) enabled for {role.value}"
            assert why in button.toolTip(), (key, button.text(), button.toolTip())
    if role == Role.READ_ONLY:
        assert not any(b.isEnabled() for b in gated if operations.OPERATIONS[b.property("operation")].duty), key


def test_every_duty_has_a_translatable_name():
    from forms import common
    from models.roles import Permission

    assert set(common._DUTIES) == {p.value for p in Permission}  # noqa: SLF001
    assert set(common._REFUSALS) == set(operations.REFUSALS)  # noqa: SLF001


@pytest.mark.parametrize("role", ROLES, ids=[r.value for r in ROLES])
def test_backup_and_restore_menu_items(role, gui_db, messages, qtbot, monkeypatch):
    from desktop.app import MainWindow

    actor = _actor(role, gui_db)
    window = MainWindow(target=None)
    qtbot.addWidget(window)
    monkeypatch.setattr(window, "start_daily_backup", lambda: None)
    window.finish_open(gui_db, actor)
    for name, action in window.duty_actions.items():
        allowed = operations.refusal(actor, name) is None
        assert action.isEnabled() == allowed, (name, role)
        assert allowed == (role == Role.ADMIN)
        if not allowed:
            assert "备份和恢复数据库" in action.toolTip()
            # asked anyway (a shortcut, a stale menu): refused before any question, nothing made
            assert (window.backup_now() if name == "backup" else window.restore_from()) in (None, False)
            assert messages and "备份和恢复数据库" in messages[-1][2]
