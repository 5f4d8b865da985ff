"""文件 → 注销 / 切换账号: the pages close, the login dialog asks again and the next account's menus
and pages follow its role; the login box remembers the last account name (never the password);
pages a role cannot use are not in its navigation (docs/screen.md)."""

from __future__ import annotations

from tests.gui.test_firstrun_gui import _admin_password


def _township_clerk(db) -> None:
    from sqlalchemy import select

    from models.org import Organization
    from models.services import access, accounts

    with db.session() as s:
        admin = access.login(s, "管理员", "secret123")
        east = s.scalar(select(Organization.id).where(Organization.short_name == "东城镇党委"))
        accounts.add_account(s, admin, "东城组织委员", "乡镇办事员", east)
        s.commit()
        accounts.find_account(s, "东城组织委员").password_hash = accounts.hash_password("Dc#2026town")
        s.commit()


def nav_keys(win) -> list[str]:
    return [win.nav.item(i).data(0x0100) for i in range(win.nav.count())]


def menu_texts(win) -> list[str]:
    return [a.text() for a in win.menuBar().actions()[0].menu().actions()]


def test_log_out_and_in_as_a_township_clerk(qtbot, gui_db, sqlite_path, messages):
    from desktop import prefs
    from desktop.app import MainWindow

    _admin_password(gui_db)
    _township_clerk(gui_db)
    prefs.put(prefs.LAST_ACCOUNT, "")
    win = MainWindow(str(sqlite_path), None)
    qtbot.addWidget(win)
    win.show()
    assert win.open_database() is False
    assert win.login_dialog.account.text() == ""
    win.login_dialog.account.setText("管理员")
    win.login_dialog.password.setText("secret123")
    assert win.login_dialog.try_login() is True
    assert "切换账号…" in menu_texts(win) and "注销" in menu_texts(win)
    assert "audit" in nav_keys(win)
    win.navigate("audit")
    assert set(win.pages) == {"dashboard", "audit"}

    dialog = win.log_out(keep_name=False)  # 切换账号
    assert win.ctx is None and win.pages == {} and dialog.isVisible()
    assert dialog.account.text() == "" and dialog.password.text() == ""
    dialog.account.setText("东城组织委员")
    dialog.password.setText("Dc#2026town")
    assert dialog.try_login() is True
    assert win.ctx.actor.name == "东城组织委员" and "东城组织委员" in win.user_label.text()
    assert "audit" not in nav_keys(win) and win.navigate("audit") is None  # not in a township's menu
    assert list(win.pages) == ["dashboard"]
    quarterly, _monthly = win.county_actions
    assert not quarterly.isEnabled()  # the menus follow the new role

    again = win.log_out()  # 注销: the account name stays, the password does not
    assert again.account.text() == "东城组织委员" and again.password.text() == ""
    again.close()

    later = MainWindow(str(sqlite_path), None)  # the next start remembers the name only
    qtbot.addWidget(later)
    later.show()
    assert later.open_database() is False
    assert later.login_dialog.account.text() == "东城组织委员" and later.login_dialog.password.text() == ""
    stored = prefs.store()
    assert all("Dc#2026town" not in str(stored.value(k)) for k in stored.allKeys())


def test_read_only_account_has_no_audit_page(qtbot, gui_db, sqlite_path, messages):
    from desktop.app import MainWindow
    from models.actor import Actor

    win = MainWindow(str(sqlite_path), None)
    qtbot.addWidget(win)
    win.show()
    assert win.open_database()
    assert "audit" in nav_keys(win)
    win.finish_open(gui_db, Actor("领导", "只读"))
    assert "audit" not in nav_keys(win) and "dashboard" in nav_keys(win)
    assert messages == []


def test_the_menu_is_as_wide_as_its_longest_english_item(qtbot, gui_db, sqlite_path, messages):
    from PySide6.QtWidgets import QApplication

    from desktop.app import MainWindow, apply_look, install_translator

    app = QApplication.instance()
    font, sheet = app.font(), app.styleSheet()
    translators = install_translator(app, "en")
    try:
        apply_look(app)
        win = MainWindow(str(sqlite_path), None)
        qtbot.addWidget(win)
        win.show()
        assert win.open_database()
        from PySide6.QtCore import QRect, Qt

        texts = [win.nav.item(i).text() for i in range(win.nav.count())]
        assert "Dashboard" in texts
        assert win.nav.width() > 150  # wider than the Chinese menu
        room = win.nav.viewport().width() - 2 * 10  # the item's padding (resources/style.qss) either side
        for i, text in enumerate(texts):  # every name whole: on one line, or wrapped within its item
            needed = win.nav.fontMetrics().boundingRect(QRect(0, 0, room, 1000), Qt.TextFlag.TextWordWrap, text)
            assert needed.width() <= room and needed.height() <= win.nav.visualItemRect(win.nav.item(i)).height(), text
        # as the list itself measures its items (padding and the item's text margins): none wider
        # than the menu, so none is cut to “Star rating & …” and no scroll bar appears under the menu
        assert win.nav.sizeHintForColumn(0) <= win.nav.viewport().width(), (win.nav.sizeHintForColumn(0), texts)
    finally:
        for tr in translators:
            app.removeTranslator(tr)
        app.setStyleSheet(sheet)
        app.setFont(font)


def test_qt_s_own_file_dialog_speaks_the_interface_language(qtbot):
    """The Linux file dialog (Qt's own, not the system's) in Chinese mode: 查找范围, not “Look in:”;
    in English mode, English."""
    from PySide6.QtWidgets import QApplication, QFileDialog, QLabel

    from desktop.app import install_translator

    app = QApplication.instance()
    for language, look_in in (("zh", "查找范围(&L)："), ("en", "&Look in:")):
        translators = install_translator(app, language)
        try:
            dialog = QFileDialog()
            dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
            qtbot.addWidget(dialog)
            label = dialog.findChild(QLabel, "lookInLabel")
            assert label is not None and label.text() == look_in, (language, label.text())
            types = dialog.findChild(QLabel, "fileTypeLabel").text()
            assert ("文件类型" in types) == (language == "zh"), types
        finally:
            for tr in translators:
                app.removeTranslator(tr)
