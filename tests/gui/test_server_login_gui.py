"""The window on a PostgreSQL server: the login dialog connects as the account's own login
(docs/server-rights.md); a password an administrator set is changed through the server first."""

from __future__ import annotations

import pytest

from tests.test_server_rights import PASSWORD, server  # noqa: F401 - the module's server

pytestmark = pytest.mark.postgres


def test_the_login_dialog_connects_as_the_clerks_own_login(qtbot, server, messages):  # noqa: F811
    from desktop.app import MainWindow

    target = server.url().replace(f"://{server.owner}@", "://")  # no user, no password in it
    win = MainWindow(target, server.county)
    qtbot.addWidget(win)
    win.show()
    assert win.open_database() is False and win.db is None  # nothing opened before the login
    dlg = win.login_dialog
    assert dlg.isVisible() and dlg.account.text() == server.county
    dlg.password.setText(PASSWORD)
    assert dlg.try_login() is False  # the administrator set it: a new one first
    assert "须先设置您自己的新密码" in dlg.error.text()
    dlg.new.setText("Bai-2026-yun")
    dlg.again.setText("Bai-2026-yun")
    assert dlg.try_login() is True
    assert win.ctx is not None and win.ctx.actor.name == server.county
    assert win.ctx.actor.role.value == "县级办事员"
    with win.ctx.db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT session_user").scalar() == server.county
    assert "dashboard" in win.pages and [m for m in messages if m[0] == "error"] == []
