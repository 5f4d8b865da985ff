"""The main window: navigation from PAGE_MODULES, status bar, errors, crash dialog, settings."""

from __future__ import annotations

import sys


def test_main_window_opens_pages_lazily_and_shows_status(qtbot, gui_db, sqlite_path, messages):
    from desktop.app import MainWindow, apply_look, pick_cjk_family
    from desktop.pages import PAGE_MODULES

    assert PAGE_MODULES[:3] == ["desktop.pages.dashboard", "desktop.pages.orgs", "desktop.pages.members"]
    from PySide6.QtWidgets import QApplication

    assert apply_look(QApplication.instance()) == pick_cjk_family() is not None
    win = MainWindow(str(sqlite_path), None)
    qtbot.addWidget(win)
    win.show()
    assert win.pages == {}  # nothing built before the database is open
    assert win.open_database()
    assert list(win.pages) == ["dashboard"]  # the first page, the only one built
    assert "管理员" in win.user_label.text()  # the first administrator, created on first use
    assert str(sqlite_path) in win.db_label.text()
    items = [win.nav.item(i).text() for i in range(win.nav.count())]
    assert items[:3] == ["工作台", "党组织", "党员名册"]
    page = win.navigate("members", org_id=None)
    assert win.stack.currentWidget() is page
    win.add_warning("未找到可嵌入的中文字体")
    assert "未找到可嵌入的中文字体" in win.warn_label.text()


def test_bad_database_is_a_message_not_a_crash(qtbot, tmp_path, messages):
    from desktop.app import MainWindow

    folder = tmp_path / "afolder"
    folder.mkdir()
    win = MainWindow(str(folder), None)
    qtbot.addWidget(win)
    assert win.open_database() is False
    assert messages and "文件夹" in messages[-1][2]


def test_crash_dialog_names_the_log_file(messages):
    from desktop import paths
    from desktop.app import excepthook
    from models.errors import DomainError

    try:
        raise RuntimeError("boom")
    except RuntimeError:
        excepthook(*sys.exc_info())
    kind, title, text = messages[-1]
    assert kind == "error" and str(paths.log_file()) in text and "boom" in text
    excepthook(DomainError, DomainError("找不到党员"), None)
    assert messages[-1] == ("warning", "操作未完成", "找不到党员")


def test_settings_saves_county_and_language(qtbot, ctx, gui_db, messages):
    from desktop.settings_dialog import SettingsDialog
    from models.settings import get_setting

    dlg = SettingsDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.set_value("county_name", "中共新县委员会")
    dlg.set_value("agency_code", "新组")
    dlg.language.setCurrentIndex(1)
    assert dlg.test_connection() is True
    assert dlg.save() is True
    with gui_db.session() as s:
        assert get_setting(s, "county_name") == "中共新县委员会"
        assert get_setting(s, "agency_code") == "新组"
    assert SettingsDialog(ctx).language.currentData() == "en"


def test_gui_command_is_registered():
    from desktop.cli import build_parser

    args = build_parser().parse_args(["--db", "x.sqlite3", "gui"])
    assert args.command == "gui"


def test_english_translation_loads(qtbot, ctx):
    from PySide6.QtCore import QTranslator
    from PySide6.QtWidgets import QApplication

    from desktop.app import RESOURCES
    from desktop.pages.members import MembersPage

    tr = QTranslator()
    assert tr.load(str(RESOURCES / "i18n" / "dangjian_en.qm"))
    QApplication.instance().installTranslator(tr)
    try:
        page = MembersPage(ctx)
        qtbot.addWidget(page)
        assert page.buttons["add"].text() == "Add member"
    finally:
        QApplication.instance().removeTranslator(tr)


def test_the_page_registry_agrees_with_the_page_modules():
    import importlib

    from desktop.pages import PAGES

    for module, key, title in PAGES:
        mod = importlib.import_module(module)
        assert (mod.KEY, mod.TITLE) == (key, title), module
