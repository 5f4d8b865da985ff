"""Start-up: login dialog, first-run wizard, demo county, smoke exit, backups and restore, help, English."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime

import pytest

from tests.conftest import ROOT


def _admin_password(db, password="secret123"):
    from models.services import access, accounts

    with db.session() as s:
        actor = access.login(s, None)
        accounts.set_password(s, actor, actor.name, password)
        s.commit()


def test_login_dialog_right_and_wrong_password_and_lockout(qtbot, gui_db, sqlite_path, messages):
    from desktop.app import MainWindow
    from models.services.accounts import FIRST_ADMIN

    _admin_password(gui_db)
    win = MainWindow(str(sqlite_path), FIRST_ADMIN)
    qtbot.addWidget(win)
    win.show()
    assert win.open_database() is False  # waits for the login dialog
    dlg = win.login_dialog
    assert dlg.isVisible() and dlg.account.text() == FIRST_ADMIN and win.ctx is None
    dlg.password.setText("wrong-one")
    assert dlg.try_login() is False
    assert dlg.error.text() == "账号或密码不正确"
    dlg.password.setText("secret123")
    assert dlg.try_login() is True
    assert win.ctx is not None and win.ctx.actor.name == FIRST_ADMIN
    assert "dashboard" in win.pages and FIRST_ADMIN in win.user_label.text()


def test_township_clerk_logs_in_without_county_exports(qtbot, gui_db, sqlite_path, messages):
    """After login the 文件 menu's 季度报表 and 月度通报 are disabled for a township clerk (with the
    reason as their tip), the letters stay; and the status bar no longer says it is opening."""
    from sqlalchemy import select

    from desktop.app import MainWindow
    from models.org import Organization
    from models.services import access, accounts

    _admin_password(gui_db)
    with gui_db.session() as s:
        admin = access.login(s, "管理员", "secret123")
        east = s.scalar(select(Organization.id).where(Organization.short_name == "东城镇党委"))
        accounts.add_account(s, admin, "东城组织委员", "乡镇办事员", east)
        s.commit()
        clerk = accounts.find_account(s, "东城组织委员")
        clerk.password_hash = accounts.hash_password("Dc#2026town")
        s.commit()
    win = MainWindow(str(sqlite_path), "东城组织委员")
    qtbot.addWidget(win)
    win.show()
    assert win.open_database() is False
    assert win.statusBar().currentMessage() == ""  # not “正在打开数据库…” behind the login dialog
    win.login_dialog.password.setText("Dc#2026town")
    assert win.login_dialog.try_login() is True
    quarterly, monthly = win.county_actions
    assert not quarterly.isEnabled() and not monthly.isEnabled()
    assert "县级账号" in quarterly.toolTip()
    assert win.export("quarterly") is None and "全县的文件" in messages[-1][2]


def test_login_lockout_message_after_five_failures(qtbot, gui_db, sqlite_path, messages):
    from desktop.app import MainWindow

    _admin_password(gui_db)
    win = MainWindow(str(sqlite_path), "管理员")
    qtbot.addWidget(win)
    win.show()
    win.open_database()
    dlg = win.login_dialog
    for _ in range(5):
        dlg.password.setText("nope-nope")
        dlg.try_login()
    assert "已连续5次密码错误，锁定15分钟" in dlg.error.text()
    dlg.password.setText("secret123")  # even the right password is refused while locked
    assert dlg.try_login() is False
    assert "已锁定" in dlg.error.text() and win.ctx is None


def test_change_password_from_the_file_menu(qtbot, gui_db, sqlite_path, messages):
    from desktop.app import MainWindow
    from models.services import accounts

    win = MainWindow(str(sqlite_path), None)
    qtbot.addWidget(win)
    win.show()
    assert win.open_database()
    assert "修改密码…" in [a.text() for a in win.menuBar().actions()[0].menu().actions()]
    dlg = win.change_password()
    dlg.new.setText("abcdef-1")
    dlg.again.setText("abcdef-2")
    assert dlg.save() is False and "不一致" in dlg.error.text()
    dlg.again.setText("abcdef-1")
    assert dlg.save() is True
    with gui_db.session() as s:
        assert accounts.needs_password(s, "管理员")


def _fill_wizard(wizard, county="中共青山县委员会", code="青组", password="Qingshan-2026"):
    wizard.county_page.county.setText(county)
    wizard.county_page.agency_name.setText("中共青山县委组织部")
    wizard.county_page.agency_code.setText(code)
    wizard.password_page.password.setText(password)
    wizard.password_page.again.setText(password)


def test_first_run_wizard_sets_up_county_code_and_password(qtbot, tmp_path, messages, monkeypatch):
    from desktop.app import MainWindow
    from models.db import open_database
    from models.services import accounts
    from models.services.orgs import county_root
    from models.settings import get_setting

    target = tmp_path / "new" / "mine.sqlite3"
    win = MainWindow(str(target), None)
    qtbot.addWidget(win)
    win.show()
    assert win.open_database() is False
    wizard = win.wizard
    assert wizard.isVisible() and wizard.db_page.path.text() == str(target)
    # a file is the one-PC case: township accounts belong on the server (docs/server-rights.md)
    assert "乡镇办事员账号请建在共享的 PostgreSQL 服务器上" in wizard.db_page.file_note.text()
    _fill_wizard(wizard)
    wizard.password_page.again.setText("different")
    assert wizard.password_page.validatePage() is False
    wizard.password_page.again.setText("Qingshan-2026")
    assert wizard.password_page.validatePage() is True
    from forms import dialogs

    asked = []
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, text: asked.append(text) or False)
    wizard.password_page.password.setText("")
    wizard.password_page.again.setText("")
    assert wizard.password_page.validatePage() is False and "任何人都能打开" in asked[0]
    wizard.password_page.password.setText("Qingshan-2026")
    wizard.password_page.again.setText("Qingshan-2026")
    wizard.accept()
    assert win.ctx is not None and "dashboard" in win.pages
    db = open_database(target)
    with db.session() as s:
        assert county_root(s).name == "中共青山县委员会"
        assert get_setting(s, "agency_code") == "青组"
        assert get_setting(s, "agency_name") == "中共青山县委组织部"
        assert accounts.needs_password(s, "管理员")
    db.dispose()
    # the next start asks for the password
    again = MainWindow(str(target), None)
    qtbot.addWidget(again)
    again.show()
    assert again.open_database() is False and again.login_dialog.isVisible()


def test_existing_empty_database_gets_the_wizard_without_location(qtbot, sqlite_path, messages):
    from desktop.app import MainWindow

    win = MainWindow(str(sqlite_path), None)
    qtbot.addWidget(win)
    win.show()
    assert win.open_database() is False
    assert win.wizard.db_page not in [win.wizard.page(i) for i in win.wizard.pageIds()]


def test_wizard_demo_option_builds_and_opens_the_demo_county(qtbot, tmp_path, messages):
    from desktop import paths
    from desktop.app import MainWindow
    from models.org import Organization

    win = MainWindow(str(tmp_path / "mine.sqlite3"), None)
    qtbot.addWidget(win)
    win.show()
    win.open_database()
    _fill_wizard(win.wizard, password="")
    win.wizard.demo_page.demo.setChecked(True)
    win.wizard.accept()
    qtbot.waitUntil(lambda: win.ctx is not None, timeout=120000)
    demo = paths.data_dir() / "demo.sqlite3"
    assert demo.exists() and str(demo) in win.db_label.text()
    with win.ctx.db.session() as s:
        assert s.query(Organization).count() > 20
    assert "演示县" in win.windowTitle()


def test_smoke_exit_does_not_block_on_a_new_database(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DANGJIAN_SMOKE_EXIT_MS": "800",
           "DANGJIAN_HOME": str(tmp_path / "home"), "DANGJIAN_DB": str(tmp_path / "fresh.sqlite3")}
    done = subprocess.run([sys.executable, "-m", "desktop.app"], cwd=ROOT, env=env, timeout=60,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_daily_backup_then_damaged_file_restored(qtbot, gui_db, sqlite_path, messages):
    from desktop import paths
    from desktop.app import MainWindow
    from models.backup import newest_backup
    from models.org import Organization

    win = MainWindow(str(sqlite_path), None)
    qtbot.addWidget(win)
    win.show()
    assert win.open_database()
    qtbot.waitUntil(lambda: getattr(win, "backup_thread", None) is not None)  # behind the first page
    win.backup_thread.wait(30000)
    qtbot.wait(50)
    made = newest_backup(paths.backup_dir())
    assert made is not None and made.name.startswith("dangjian-" + f"{datetime.now():%Y%m%d}")
    with win.ctx.db.session() as s:
        orgs = s.query(Organization).count()
    win.close()
    gui_db.dispose()
    sqlite_path.write_bytes(b"this is not a database" * 100)
    win2 = MainWindow(str(sqlite_path), None)
    qtbot.addWidget(win2)
    win2.show()
    assert win2.open_database() is True
    assert any(kind == "info" and "已从备份恢复" in text for kind, _t, text in messages)
    with win2.ctx.db.session() as s:
        assert s.query(Organization).count() == orgs


def test_damaged_file_without_backup_is_a_message(qtbot, tmp_path, messages):
    from desktop.app import MainWindow

    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"garbage" * 500)
    win = MainWindow(str(bad), None)
    qtbot.addWidget(win)
    assert win.open_database() is False
    kind, _title, text = messages[-1]
    assert kind == "error" and "已损坏" in text and "Traceback" not in text


def test_help_page_renders_the_monthly_rhythm(qtbot, ctx):
    from desktop import paths
    from desktop.pages import help as help_page

    assert (help_page.KEY, help_page.TITLE) == ("help", "使用说明")
    page = help_page.create_page(ctx)
    qtbot.addWidget(page)
    text = page.browser.toPlainText()
    for words in ("提示函", "督办函", "预警函", "Ctrl+S", "季度工作簿", str(paths.backup_dir())):
        assert words in text
    assert "Dangjian Desk" in help_page.help_html("en")


@pytest.fixture
def english():
    from PySide6.QtCore import QTranslator
    from PySide6.QtWidgets import QApplication

    from desktop.app import RESOURCES

    app = QApplication.instance()
    tr = QTranslator()
    assert tr.load(str(RESOURCES / "i18n" / "dangjian_en.qm"))
    app.installTranslator(tr)
    yield
    app.removeTranslator(tr)


def test_english_navigation_and_labels(qtbot, gui_db, sqlite_path, messages, english):
    from desktop.app import MainWindow
    from desktop.pages import PAGE_MODULES

    win = MainWindow(str(sqlite_path), None)
    qtbot.addWidget(win)
    win.show()
    assert win.open_database()
    titles = [win.nav.item(i).text() for i in range(win.nav.count())]
    assert titles[:3] == ["Dashboard", "Organizations", "Members"]
    assert len(titles) == len(PAGE_MODULES)
    assert not any("\u4e00" <= ch <= "\u9fff" for t in titles for ch in t), titles
    menus = [a.text() for a in win.menuBar().actions()]
    assert menus[0] == "File"
    assert "Change password…" in [a.text() for a in win.menuBar().actions()[0].menu().actions()]
    members = win.navigate("members")
    assert members.search.placeholderText().startswith("Search: name, pinyin initials")
    help_page = win.navigate("help")
    if help_page is not None:  # once desktop.pages.help is in PAGE_MODULES
        assert titles[-1] == "Help"


def test_esc_at_login_closes_the_window(qtbot, gui_db, sqlite_path, messages):
    from PySide6.QtCore import Qt

    from desktop.app import MainWindow

    _admin_password(gui_db)
    win = MainWindow(str(sqlite_path), "管理员")
    qtbot.addWidget(win)
    win.show()
    win.open_database()
    qtbot.keyClick(win.login_dialog, Qt.Key.Key_Escape)
    assert not win.isVisible() and win.ctx is None


def test_wizard_says_what_is_missing(qtbot, tmp_path, messages):
    from forms.first_run import FirstRunWizard, SetupValues

    wizard = FirstRunWizard(SetupValues(target=str(tmp_path / "x.sqlite3")))
    qtbot.addWidget(wizard)
    page = wizard.county_page
    assert page.isComplete() and "某某" in page.note.text()  # a hint, not a block
    page.county.setText("")
    page.agency_code.setText(" ")
    assert not page.isComplete()
    assert page.note.text() == "请填写：县委名称、机关代字"
    page.county.setText("中共青山县委员会")
    page.agency_name.setText("中共青山县委组织部")
    page.agency_code.setText("青组")
    assert page.isComplete() and page.note.text() == ""


def test_wizard_server_step_takes_fields_and_tests_the_connection(qtbot, tmp_path, messages):
    from sqlalchemy.engine import make_url

    from forms.first_run import FirstRunWizard, SetupValues
    from tests.conftest import PG_ADMIN_URL, pg_unavailable

    wizard = FirstRunWizard(SetupValues(target=str(tmp_path / "x.sqlite3")))
    qtbot.addWidget(wizard)
    page = wizard.db_page
    assert not page.server_box.isEnabled()
    page.use_server.setChecked(True)
    assert page.server_box.isEnabled()
    assert page.validatePage() is False and messages[-1][2] == "请填写服务器名或地址"
    page.host.setText("db.example")
    page.database.setText("dangjian")
    page.user.setText("clerk")
    page.password.setText("p@ss word")
    url = make_url(page.target())
    assert (url.host, url.port, url.database, url.username, url.password) == (
        "db.example", 5432, "dangjian", "clerk", "p@ss word")
    if pg_unavailable():
        return
    admin = make_url(PG_ADMIN_URL)
    page.host.setText(admin.host)
    page.port.setValue(admin.port or 5432)
    page.database.setText(admin.database)
    page.user.setText(admin.username or "")
    page.password.setText(admin.password or "")
    assert page.test_connection() is True and messages[-1][2] == "连接成功"
    page.port.setValue(1)  # nothing listens there
    assert page.test_connection() is False and messages[-1][0] == "warning"
