"""The desktop program: start-up, main window (navigation from PAGE_MODULES), errors and crashes.

Start-up is kept short: the window is shown first, then the database is opened and the first
page built; other pages are imported and built when first shown.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    Qt,
    QTimer,
    QTranslator,
)
from PySide6.QtGui import QFont, QFontDatabase, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from forms.screen import fit_to_screen

from . import paths, prefs
from .logsetup import setup_logging
from .pages import PAGE_MODULES, PAGE_OPERATIONS, PAGE_TITLES

log = logging.getLogger(__name__)
RESOURCES = Path(__file__).resolve().parent.parent / "resources"

#: preferred CJK families, best first (Windows names, then Linux ones)
CJK_FAMILIES = (
    "Microsoft YaHei UI", "Microsoft YaHei", "微软雅黑", "Noto Sans CJK SC", "Source Han Sans SC",
    "PingFang SC", "WenQuanYi Zen Hei", "文泉驿正黑", "WenQuanYi Micro Hei", "SimSun", "宋体",
    "AR PL UMing CN", "AR PL UKai CN",
)

def icon(name: str) -> QIcon:
    return QIcon(str(RESOURCES / "icons" / f"{name}.svg"))


def pick_cjk_family() -> str | None:
    families = set(QFontDatabase.families())
    for name in CJK_FAMILIES:
        if name in families:
            return name
    return None


def apply_look(app: QApplication) -> str | None:
    family = pick_cjk_family()
    font = QFont(family) if family else QFont()
    font.setPointSizeF(10.5)
    app.setFont(font)
    qss = RESOURCES / "style.qss"
    if qss.exists():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))
    return family


class QtChineseGaps(QTranslator):
    """Qt 6 strings that Qt's own Chinese translation lacks: its file dialog (used on Linux) said
    “Look in:” and “Files of type:” in Chinese mode (docs/screen.md)."""

    WORDS = {("QFileDialog", "&Look in:"): "查找范围(&L)：", ("QFileDialog", "Files of &type:"): "文件类型(&T)："}

    def translate(self, context: str, source: str, disambiguation: Any = None, n: int = -1) -> str | None:
        # None: no translation here (an empty text would be taken as the translation: every
        # placeholder and label blank in Chinese mode)
        return self.WORDS.get((context, source))

    def isEmpty(self) -> bool:  # noqa: N802 - Qt name
        return False


def install_translator(app: QApplication, language: str | None = None) -> list[QTranslator]:
    """The program's own strings (English only: the sources are Chinese) and Qt's own (OK/Cancel,
    the wizard's Back/Next, the file and print dialogs) in the chosen language."""
    language = language or prefs.text(prefs.LANGUAGE)
    qt_locale = "en" if language == "en" else "zh_CN"
    QLocale.setDefault(QLocale(QLocale.Language.English if language == "en" else QLocale.Language.Chinese,
                               QLocale.Country.UnitedStates if language == "en" else QLocale.Country.China))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    installed = []
    for name, folder in ((f"qtbase_{qt_locale}", qt_dir),
                         ("dangjian_en" if language == "en" else "", str(RESOURCES / "i18n"))):
        if not name:
            continue
        tr = QTranslator(app)
        if tr.load(name, folder):
            app.installTranslator(tr)
            installed.append(tr)
        else:
            log.warning("translation %s not found in %s", name, folder)
    if language != "en":  # installed last: asked first
        gaps = QtChineseGaps(app)
        app.installTranslator(gaps)
        installed.append(gaps)
    return installed


def document_font_warning() -> str | None:
    """The PDF font warning for the status bar (None when every font embeds): applies the font
    files saved in Settings first, so the warning is about the fonts documents will really use."""
    try:
        from .docfonts import apply_saved_fonts, font_warning

        apply_saved_fonts()
        return font_warning()
    except Exception:  # noqa: BLE001 - a warning only; never stops the program from starting
        log.exception("font check failed")
        return None


#: the roles (models.roles.Role) as the status bar names them; not in forms.choices' table, whose
#: labels are looked for in any cell: the default accounts are named like their roles
ROLE_NAMES = [QT_TRANSLATE_NOOP("roles", "管理员"), QT_TRANSLATE_NOOP("roles", "县级办事员"),
              QT_TRANSLATE_NOOP("roles", "乡镇办事员"), QT_TRANSLATE_NOOP("roles", "只读")]

#: what waits for the window's next paint (MainWindow.when_painted) runs this long after at the latest
UNPAINTED_MS = 500

#: the navigation's widest (docs/screen.md): wider, the 工作台 page no longer fits 1024 wide
NAV_WIDEST = 165


class MainWindow(QMainWindow):
    def __init__(self, target: str, user: str | None = None):
        super().__init__()
        self.target, self.user = target, user
        self.ctx: Any = None
        self.db: Any = None
        #: what start-up waits for: "wizard", "login", "demo" (None: nothing)
        self.pending: str | None = None
        self._started = False
        #: what waits for the next paint of the window: the database's opening, after_first_page
        self._after_paint: list[Callable[[], Any]] = []
        #: True once the window has painted (the start-up benchmark waits for it)
        self.painted = False
        #: True once the first page showed its data and the deferred start-up work began
        self.first_page_shown = False
        #: (time.time(), time.process_time()) when the first page had been painted with its data,
        #: before the deferred work began (the start-up bench reads it)
        self.first_page_painted: tuple[float, float] | None = None
        self.pages: dict[str, QWidget] = {}
        self.modules: dict[str, str] = {}
        self.setWindowTitle(self.tr("党建督查台账"))
        self.setWindowIcon(icon("app"))
        self.resize(1280, 800)
        geometry = prefs.get(prefs.WINDOW_GEOMETRY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        # a 1024×768 monitor, or a geometry saved on a larger one: shown maximized (show_on_screen)
        self.too_big = fit_to_screen(self)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(150)
        self.stack = QStackedWidget()
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.db_label, self.user_label, self.warn_label = QLabel(), QLabel(), QLabel()
        self.warn_label.setObjectName("warning")
        self.warn_label.setStyleSheet("color: #b35900;")
        for w in (self.db_label, self.user_label, self.warn_label):
            self.statusBar().addPermanentWidget(w)
        self.warnings: list[str] = []
        for name in PAGE_MODULES:
            key, title = PAGE_TITLES.get(name) or self._title_of(name)
            self.modules[key] = name
        self.fill_nav(None)
        self.nav.currentRowChanged.connect(self._nav_changed)
        menu = self.menuBar().addMenu(self.tr("文件"))
        menu.setToolTipsVisible(True)  # a disabled item says why
        self.county_actions = [  # disabled for a township account once logged in
            menu.addAction(self.tr("导出季度报表…"), lambda: self.export("quarterly")),
            menu.addAction(self.tr("导出月度通报…"), lambda: self.export("monthly")),
        ]
        menu.addAction(self.tr("导出本月函件PDF…"), lambda: self.export("letters"))
        menu.addSeparator()
        menu.addAction(self.tr("设置…"), self.open_settings)
        menu.addAction(self.tr("修改密码…"), self.change_password)
        menu.addAction(self.tr("切换账号…"), lambda: self.log_out(keep_name=False))
        menu.addAction(self.tr("注销"), self.log_out)
        self.duty_actions = {  # disabled with the reason for an account without the duty
            "backup": menu.addAction(self.tr("备份…"), self.backup_now),
            "restore": menu.addAction(self.tr("恢复…"), self.restore_from),
        }
        menu.addSeparator()
        menu.addAction(self.tr("退出"), self.close)
        view = self.menuBar().addMenu(self.tr("查看"))
        refresh = view.addAction(self.tr("刷新"), self.reload_current)
        refresh.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))  # F5
        self.refresh_action = refresh
        helpm = self.menuBar().addMenu(self.tr("帮助"))
        helpm.addAction(self.tr("打开日志文件夹"), self._open_logs)

    def show_on_screen(self) -> None:
        """Show the window as start-up does: maximized when its size did not fit the screen, so
        the window manager fits the frame and the status bar exactly (docs/screen.md)."""
        if self.too_big:
            self.showMaximized()
        else:
            self.show()

    def fill_nav(self, actor: Any) -> None:
        """The navigation: every page, less those the account may not use (PAGE_OPERATIONS; all of
        them before anyone has logged in)."""
        from models import operations

        self.nav.blockSignals(True)
        self.nav.clear()
        for name in PAGE_MODULES:
            key, title = PAGE_TITLES.get(name) or self._title_of(name)
            if actor is not None and key in PAGE_OPERATIONS and not operations.allowed(actor, PAGE_OPERATIONS[key]):
                continue
            item = QListWidgetItem(QCoreApplication.translate("pages", title))
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
        self.nav.blockSignals(False)
        # as wide as its longest item (the English names are longer): 150 to NAV_WIDEST px, so every
        # page still fits 1024 wide; a longer name wraps onto a second line, never cut
        self.nav.ensurePolished()
        self.nav.setWordWrap(True)
        # the list measures its items unwrapped: without this a name wrapped at NAV_WIDEST showed a
        # horizontal scroll bar under the menu
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setFixedWidth(min(max(150, self.nav.sizeHintForColumn(0) + 2 * self.nav.frameWidth() + 8),
                                   NAV_WIDEST))

    def close_pages(self) -> None:
        """Every built page closed (a restore, a change of account): built again when shown."""
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages.clear()

    def log_out(self, keep_name: bool = True) -> Any:
        """文件 → 注销 / 切换账号: the pages close and the login dialog asks again (the account name
        kept for 注销, empty for 切换账号); the new account's menus and pages follow its role.
        退出 in the login dialog ends the program, as at start-up."""
        if self.ctx is None or self.pending is not None:
            return None
        self.wait_for_work()
        db, name = self.ctx.db, self.ctx.actor.name
        self.close_pages()
        self.ctx = None
        self.user_label.setText(self.tr("未登录"))
        self.statusBar().showMessage(self.tr("已注销：") + name, 8000)
        self.login(db, ask=True, name=name if keep_name else "")
        return getattr(self, "login_dialog", None)

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt name
        super().showEvent(event)
        if not self._started:
            self._started = True
            self.when_painted(self.open_database)  # the empty window on screen first

    def paintEvent(self, event: Any) -> None:  # noqa: N802 - Qt name
        super().paintEvent(event)
        self.painted = True
        for then in self._after_paint:
            QTimer.singleShot(0, then)
        self._after_paint.clear()

    def when_painted(self, then: Callable[[], Any]) -> None:
        """Run `then` from the event loop once the window's next paint is done: a zero timer
        would run before the paint the caller's changes asked for (docs/startup.md). At once
        when the window will not paint (hidden, minimized), UNPAINTED_MS later at the latest."""
        if not self.isVisible() or self.isMinimized():
            QTimer.singleShot(0, then)
            return
        self._after_paint.append(then)
        self.update()
        QTimer.singleShot(UNPAINTED_MS, self, lambda: self._not_painted(then))

    def _not_painted(self, then: Callable[[], Any]) -> None:
        if then in self._after_paint:
            self._after_paint.remove(then)
            then()

    def wait_for_work(self) -> None:
        """Let running background work (exports, imports, a backup, the demo build) finish, on
        close and when the program quits."""
        from . import worker

        worker.wait_all(120000)

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt name
        self.wait_for_work()
        prefs.put(prefs.WINDOW_GEOMETRY, self.saveGeometry())
        super().closeEvent(event)

    @staticmethod
    def _title_of(module: str) -> tuple[str, str]:
        mod = importlib.import_module(module)
        return mod.KEY, mod.TITLE

    # ---------------------------------------------------------------- start
    def _smoke(self) -> bool:
        """The bundle's start-up check: never wait for a person (no wizard, no login dialog)."""
        return bool(os.environ.get("DANGJIAN_SMOKE_EXIT_MS"))

    def _is_new_file(self) -> bool:
        from models.db import to_url

        url = to_url(self.target)
        if not url.startswith("sqlite:///"):
            return False
        return not Path(url[len("sqlite:///"):]).exists()

    def open_database(self) -> bool:
        """Open the database and build the first page (called right after the window shows).

        A new database starts the first-run wizard, a password asks for the login dialog: both
        are shown without blocking, and finishing them continues here. Returns True when the
        window is ready now.
        """
        from forms import dialogs
        from forms.first_run import is_set_up
        from models.db import DatabaseOpenError, open_database
        from models.errors import DomainError

        if self.ctx is not None:
            return True
        if self.pending is not None:  # the wizard, login dialog or demo build is still open
            return False
        if self._is_new_file() and not self._smoke():
            self.start_first_run(ask_location=True)
            return False
        if self._server_login_first():
            return self.login_to_server()
        self.statusBar().showMessage(self.tr("正在打开数据库…"))
        paths.remove_unfinished_copies(self.target)  # what a killed copy left (docs/tamper-evidence.md)
        try:
            db = open_database(self.target)
        except DatabaseOpenError as exc:
            self.db_label.setText(self.tr("未打开数据库"))
            if self.offer_restore(str(exc)):
                return self.open_database()
            return False
        except DomainError as exc:
            self.db_label.setText(self.tr("未打开数据库"))
            dialogs.message(self, "error", self.tr("无法打开数据库"), str(exc))
            return False
        self.db = db
        from .anchoring import remember

        anchored = remember(db)  # the audit head kept outside the database (docs/tamper-evidence.md)
        if anchored:
            db.warnings.append(anchored)
        if db.warnings:  # the audit log's chain or triggers (models/audit.py; also in the log file)
            self.statusBar().showMessage(self.tr("警告：") + "；".join(db.warnings))
        else:  # opened: the login dialog or the first page comes next
            self.statusBar().clearMessage()
        if not self._smoke():
            with db.reading() as s:
                ready = is_set_up(s)
            if not ready:
                self.start_first_run(ask_location=False)
                return False
        return self.login(db)

    def _server_login_first(self) -> bool:
        """A PostgreSQL address without a user: the clerk's own login connects, so the login
        dialog comes before the database opens (docs/server-rights.md)."""
        from sqlalchemy.engine import make_url

        from models.db import to_url
        from models.services import accounts

        if self._smoke() or not accounts.is_server_target(self.target):
            return False
        return make_url(to_url(self.target)).username is None

    def login_to_server(self) -> bool:
        """The login dialog for a PostgreSQL server: each attempt connects as the account's own
        login (the server checks the password); a password an administrator set is changed through
        the server before going on."""
        from forms.login_dialog import LoginDialog
        from models.services import accounts

        opened: list[Any] = []

        def connected(name: str, password: str, new: str | None = None) -> Any:
            db = accounts.open_as_login(self.target, name, password)
            try:
                if new is not None:
                    with db.transaction() as s:
                        actor = accounts.server_login(s, changing_password=True)
                        accounts.set_server_password(s, actor, actor.name, new)
                with db.session() as s:
                    actor = accounts.server_login(s)
            except BaseException:
                db.dispose()
                raise
            for old in opened:
                old.dispose()
            opened[:] = [db]
            return actor

        dlg = LoginDialog(connected, self.user, self.target, self,
                          lambda name, old, new: connected(name, old, new))
        dlg.accepted.connect(lambda: self.finish_open(opened[0], dlg.actor))
        dlg.rejected.connect(self.close)
        self.login_dialog = dlg
        self.pending = "login"
        dlg.open()
        return False

    def login(self, db: Any, ask: bool = False, name: str | None = None) -> bool:
        """Log in without a password when the account needs none, else show the login dialog (always
        with `ask`, after 注销). The dialog starts with `name`, --user or the account last logged in
        on this computer (desktop/prefs.py; never the password)."""
        from models.errors import DomainError
        from models.services import access, accounts

        actor: Any = None
        if not db.is_sqlite:  # the URL's own role (the schema owner, or a login) connected
            try:
                with db.session() as s:
                    actor = accounts.server_login(s)
            except DomainError as exc:
                from forms import dialogs

                dialogs.message(self, "error", self.tr("无法登录"), str(exc))
                return False
            return self.finish_open(db, actor)
        with db.session() as s:
            need = ask or accounts.needs_password(s, self.user)
            if not need:
                try:
                    actor = access.login(s, self.user)
                except DomainError:
                    need = True  # several accounts and no --user: ask
        if need:
            from forms.login_dialog import LoginDialog

            def attempt(name: str, password: str) -> Any:
                with db.session() as s:
                    return access.login(s, name, password)

            def change_required(name: str, old: str, new: str) -> Any:
                with db.session() as s:
                    actor = access.login(s, name, old, changing_password=True)
                    accounts.set_password(s, actor, name, new, old)
                    s.commit()
                    return access.login(s, name, new)

            remembered = self.user or (prefs.text(prefs.LAST_ACCOUNT) if name is None else name)
            dlg = LoginDialog(attempt, remembered, db.url, self, change_required)
            dlg.accepted.connect(lambda: self.finish_open(db, dlg.actor))
            dlg.rejected.connect(self._login_cancelled)
            self.login_dialog = dlg
            self.pending = "login"
            dlg.open()
            return False
        return self.finish_open(db, actor)

    def _login_cancelled(self) -> None:
        self.db.dispose()
        self.close()

    def finish_open(self, db: Any, actor: Any) -> bool:
        from forms import dialogs

        from .context import AppContext

        self.db = db
        self.pending = None
        self.ctx = AppContext(db, actor)
        # dialogs.message shows a service's known sentence in the interface's language
        self.ctx.show_error = lambda text: dialogs.message(self, "warning", self.tr("操作未完成"), text)
        self.ctx.navigate = self.navigate
        self.ctx.status = lambda text: self.statusBar().showMessage(text, 8000)
        self.ctx.page = self.page
        self.db_label.setText(self.tr("数据库：") + db.url)
        role = QCoreApplication.translate("roles", str(actor.role))
        self.user_label.setText(self.tr("账号：") + f"{actor.name}" + self.tr("（{0}）").format(role))
        prefs.put(prefs.LAST_ACCOUNT, actor.name)  # the login box starts with it next time
        self.fill_nav(actor)
        from .exports import county_only

        why = county_only(actor)
        for action in self.county_actions:
            action.setEnabled(why is None)
            action.setToolTip(why or action.text())
        from forms.common import gate

        for name, action in self.duty_actions.items():
            gate(action, actor, name)
        self.statusBar().clearMessage()
        if self.nav.count():
            if self.nav.currentRow() < 0:
                self.nav.setCurrentRow(0)  # builds the page through currentRowChanged
            else:  # the list already chose row 0 before the database was open
                self._nav_changed(self.nav.currentRow())
        self.when_painted(self.after_first_page)  # the font check and the daily backup
        if os.environ.get("DANGJIAN_SMOKE_PAGES"):
            QTimer.singleShot(200, self.smoke_tour)
        return True

    def after_first_page(self) -> None:
        """What start-up leaves until the first page shows its data: the garbage collector resumes
        (paused while the libraries and models load), the PDF fonts are checked and the day's
        backup made, both in the background."""
        self.first_page_painted = (time.time(), time.process_time())
        from .cli import end_start_up

        end_start_up()
        self.first_page_shown = True
        self.check_document_fonts()  # parsing the CJK fonts takes a while
        self.start_daily_backup()

    def smoke_tour(self, keys: list[str] | None = None) -> None:
        """Start-up check on a real display: open every page in turn, say so on standard output
        (with the window's size and the platform), then quit."""
        if keys is None:
            keys = [self.nav.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.nav.count())]
        if not keys:
            print(f"smoke: all pages opened on {QApplication.platformName()}", flush=True)
            QApplication.quit()
            return
        key, rest = keys[0], keys[1:]
        page = self.navigate(key)
        shown = page is not None and page.isVisible()
        print(f"smoke: page {key} {'opened' if shown else 'NOT opened'} "
              f"({self.width()}×{self.height()})", flush=True)
        QTimer.singleShot(300, lambda: self.smoke_tour(rest))

    # ---------------------------------------------------------------- first run
    def start_first_run(self, ask_location: bool) -> Any:
        from forms.first_run import FirstRunWizard, SetupValues

        wizard = FirstRunWizard(SetupValues(target=str(self.target)), ask_location, self)
        wizard.accepted.connect(lambda: self.finish_first_run(wizard.values()))
        wizard.rejected.connect(self.close)
        self.wizard = wizard
        self.pending = "wizard"
        wizard.open()
        return wizard

    def finish_first_run(self, values: Any) -> bool:
        """Set up the chosen database through the services, then open it (or the demo county)."""
        from forms import dialogs
        from forms.first_run import apply_setup
        from models.db import open_database
        from models.errors import DomainError
        from models.services import access

        try:
            if values.target and values.target != self.target:
                self.target = values.target
                prefs.put(prefs.DATABASE_TARGET, values.target)
            db = open_database(self.target)
            with db.transaction() as s:
                actor = access.login(s, None)
                apply_setup(s, actor, values)
        except DomainError as exc:
            self.pending = None
            dialogs.message(self, "error", self.tr("首次设置未完成"), str(exc))
            return False
        if values.demo:
            db.dispose()
            self.open_demo(values.demo)
            return False
        return self.finish_open(db, actor)

    def open_demo(self, scale: str = "small") -> Any:
        """Build (or reuse) the demo county in its own file, in the background, then open it."""
        from PySide6.QtWidgets import QProgressDialog

        from forms.first_run import build_demo_file

        path = paths.data_dir() / "demo.sqlite3"
        progress = QProgressDialog(self.tr("正在生成演示县…"), "", 0, 0, self)
        progress.setCancelButton(None)
        progress.setWindowTitle(self.tr("演示县"))
        progress.setMinimumDuration(0)
        self.demo_progress = progress
        self.pending = "demo"
        progress.show()
        from . import worker

        self.demo_thread = worker.background(lambda: build_demo_file(path, scale),
                                             on_done=lambda _r: self._demo_built(str(path)),
                                             on_failed=self._demo_failed)
        return self.demo_thread

    def _demo_built(self, path: str) -> None:
        self.demo_progress.close()
        self.pending = None
        self.target = path
        self.setWindowTitle(self.tr("党建督查台账") + " — " + self.tr("演示县"))
        self.open_database()

    def _demo_failed(self, text: str) -> None:
        from forms import dialogs

        self.demo_progress.close()
        self.pending = None
        dialogs.message(self, "error", self.tr("演示县"), text)

    # ---------------------------------------------------------------- backups
    def _sqlite_target(self) -> bool:
        from models.db import to_url

        return to_url(self.target).startswith("sqlite:")

    def check_document_fonts(self) -> Any:
        """The PDF font warning (document_font_warning parses the CJK font files), in a
        background thread once the first page is up (docs/startup.md); shown when it comes."""
        from . import worker

        def shown(warning: str | None) -> None:
            self._font_warning = warning
            if warning:
                self.add_warning(warning)

        self.font_check = worker.background(document_font_warning, on_done=shown)
        return self.font_check

    def start_daily_backup(self) -> Any:
        """One automatic backup a day (SQLite only), in a background thread; keeps the last 30."""
        if not self._sqlite_target():
            return None
        target = self.target

        def work() -> Any:
            from models.backup import daily_backup
            from models.db import open_database

            from .anchoring import remember

            db = open_database(target, migrate=False)
            try:
                made = daily_backup(db, paths.backup_dir())
                remember(db)
                return made
            finally:
                db.dispose()

        from . import worker

        self.backup_thread = worker.background(
            work, on_done=lambda made: log.info("daily backup %s", made) if made else None,
            on_failed=lambda text: self.add_warning(self.tr("自动备份失败：") + text))
        return self.backup_thread

    def offer_restore(self, problem: str) -> bool:
        """The database cannot be opened: offer the newest backup. True when it was restored."""
        from forms import dialogs
        from models.actor import SYSTEM
        from models.backup import newest_backup, restore
        from models.errors import DomainError

        newest = newest_backup(paths.backup_dir()) if self._sqlite_target() else None
        if newest is None:
            dialogs.message(self, "error", self.tr("无法打开数据库"), problem)
            return False
        text = problem + "\n\n" + self.tr("是否用最新的备份恢复？") + f"\n{newest.name}\n" + self.tr(
            "当前文件会先另存一份，不会丢失。")
        if not dialogs.confirm(self, self.tr("无法打开数据库"), text):
            return False
        try:
            result = restore(self.target, newest, SYSTEM)  # nobody can log in to a database that cannot open
            from .anchoring import after_restore

            after_restore(self.target, newest, SYSTEM.name)
        except DomainError as exc:
            dialogs.message(self, "error", self.tr("恢复失败"), str(exc))
            return False
        note = self.tr("已从备份恢复：") + newest.name
        if result.aside:
            note += "\n" + self.tr("原文件另存为：") + str(result.aside)
        dialogs.message(self, "info", self.tr("恢复完成"), note)
        return True

    def _refused(self, operation: str) -> bool:
        """Says why when the account may not run the operation (before any question)."""
        from forms import dialogs
        from forms.common import refusal_text

        why = refusal_text(self.ctx.actor, operation) if self.ctx is not None else ""
        if why:
            dialogs.message(self, "warning", self.tr("不能执行"), why)
        return bool(why)

    def backup_now(self, path: str | None = None) -> Any:
        from forms import dialogs
        from models.backup import backup, backup_name

        if self.ctx is None or self._refused("backup"):
            return None
        if path is None:
            path, _f = QFileDialog.getSaveFileName(self, self.tr("备份到"), str(paths.backup_dir() / backup_name()),
                                                   "SQLite (*.sqlite3)")
            if not path:
                return None
        made = dialogs.attempt(self, lambda: backup(self.ctx.db, path, self.ctx.actor), self.tr("备份未完成"))
        if made:
            from .anchoring import remember

            remember(self.ctx.db)
            self.statusBar().showMessage(self.tr("已备份到 ") + str(made), 8000)
        return made

    def restore_from(self, path: str | None = None) -> bool:
        from forms import dialogs
        from models.backup import restore

        if self.ctx is None or self._refused("restore"):
            return False
        if path is None:
            path, _f = QFileDialog.getOpenFileName(self, self.tr("选择备份文件"), str(paths.backup_dir()),
                                                   "SQLite (*.sqlite3 *.db)")
            if not path:
                return False
        if not dialogs.confirm(self, self.tr("恢复"), self.tr("用备份替换当前数据库中的全部数据？") + f"\n{path}"):
            return False
        self.ctx.db.dispose()
        actor = self.ctx.actor
        result = dialogs.attempt(self, lambda: restore(self.target, path, actor), self.tr("恢复未完成"))
        if result is not None:
            from .anchoring import after_restore

            after_restore(self.target, path, actor.name)
        self.close_pages()
        self.ctx = None
        self.open_database()
        return result is not None

    # ---------------------------------------------------------------- password
    def change_password(self) -> Any:
        from forms.login_dialog import PasswordDialog
        from models.services import accounts

        if self.ctx is None:
            return None
        actor = self.ctx.actor

        def change(old: str, new: str) -> None:
            with self.ctx.db.transaction() as s:
                accounts.set_password(s, actor, actor.name, new, old)

        dlg = PasswordDialog(change, actor.name, self)
        dlg.accepted.connect(lambda: self.statusBar().showMessage(self.tr("密码已修改"), 8000))
        self.password_dialog = dlg
        dlg.open()
        return dlg

    def add_warning(self, text: str) -> None:
        self.warnings.append(text)
        self.warn_label.setText("⚠ " + "；".join(self.warnings))

    # ---------------------------------------------------------------- pages
    def page(self, key: str) -> QWidget | None:
        if self.ctx is None or key not in self.modules:
            return None
        if key not in self.pages:
            mod = importlib.import_module(self.modules[key])
            widget = mod.create_page(self.ctx)
            widget.setObjectName(f"page_{key}")
            self.pages[key] = widget
            self.stack.addWidget(widget)
        return self.pages[key]

    def _nav_changed(self, row: int) -> None:
        if row < 0:
            return
        key = self.nav.item(row).data(Qt.ItemDataRole.UserRole)
        built = key in self.pages
        page = self.page(key)
        if page is not None:
            self.stack.setCurrentWidget(page)
            if built:  # shown again: what other clerks changed meanwhile appears
                self.reload_current()

    def reload_current(self) -> None:
        """刷新 (F5): the page on screen reads the database again, keeping the clerk's place."""
        page = self.stack.currentWidget()
        reload = getattr(page, "reload", None)
        if callable(reload):
            reload()

    def navigate(self, key: str, **kw: Any) -> QWidget | None:
        for row in range(self.nav.count()):
            if self.nav.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.nav.setCurrentRow(row)
        page = self.pages.get(key)
        if page is not None and "org_id" in kw and hasattr(page, "set_org"):
            page.set_org(kw["org_id"])
        return page

    def export(self, kind: str) -> Any:
        """文件 menu: an export in the background (desktop.exports); kind: quarterly, monthly, letters."""
        if self.ctx is None:
            return None
        from . import exports

        exporters: dict[str, Callable[[Any, QWidget], Any]] = {
            "quarterly": exports.export_quarterly, "monthly": exports.export_monthly,
            "letters": exports.export_letters}
        self._export_task = exporters[kind](self.ctx, self)
        return self._export_task

    def open_settings(self):
        from .settings_dialog import SettingsDialog

        dlg = SettingsDialog(self.ctx, self)
        dlg.accepted.connect(self._fonts_changed)
        dlg.open()
        self._settings = dlg
        return dlg

    def _fonts_changed(self) -> None:
        """Settings saved: documents use the font files now listed; warn again if needed."""
        old = getattr(self, "_font_warning", None)
        if old in self.warnings:
            self.warnings.remove(old)
            self.warn_label.setText("⚠ " + "；".join(self.warnings) if self.warnings else "")
        self._font_warning = document_font_warning()
        if self._font_warning:
            self.add_warning(self._font_warning)

    def _open_logs(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.log_dir())))


# -------------------------------------------------------------------- crashes


def _public(exc: BaseException) -> str:
    from models.errors import public_message

    return public_message(exc)


def crash_text(exc_type: type[BaseException], exc: BaseException) -> str:
    return QCoreApplication.translate(
        "dialogs",
        "程序遇到意外错误：{error}\n\n详细信息已写入日志文件：\n{log}\n\n"
        "请把该文件发给技术支持。您可以继续工作，但建议保存后重新启动程序。",
    ).format(error=_public(exc), log=paths.log_file())


def excepthook(exc_type: type[BaseException], exc: BaseException, tb: Any) -> None:
    """Anything unexpected: the traceback to the log, a dialog naming the log file."""
    from forms import dialogs
    from models.errors import DomainError

    if isinstance(exc, DomainError):  # an expected error that escaped a handler
        dialogs.message(QApplication.activeWindow(), "warning", QCoreApplication.translate("dialogs", "操作未完成"),
                        str(exc))
        return
    from models.errors import redact

    details = redact("".join(traceback.format_exception(exc_type, exc, tb)))
    log.error("unexpected error\n%s", details)
    dialogs.message(QApplication.activeWindow(), "error", QCoreApplication.translate("dialogs", "意外错误"),
                    redact(crash_text(exc_type, exc)), details)


# -------------------------------------------------------------------- entry points


def make_app(argv: list[str] | None = None) -> QApplication:
    app = cast(QApplication, QApplication.instance() or QApplication(argv or sys.argv[:1]))
    app.setApplicationName("党建督查台账")
    app.setOrganizationName("dangjian-desk")
    install_translator(app)
    apply_look(app)
    return app


def run(target: str | None = None, user: str | None = None, exec_loop: bool = True) -> MainWindow | int:
    from .cli import end_start_up, pause_gc

    pause_gc(freeze=exec_loop)  # until the first page is painted (MainWindow.after_first_page)
    setup_logging()
    app = make_app()
    sys.excepthook = excepthook
    from forms import files

    files.use_store(prefs.LastFolder())  # file dialogs start in the folder used last time, across starts
    # --db, then DANGJIAN_DB, then the database chosen in the settings, then the per-user default
    target = (target or os.environ.get("DANGJIAN_DB") or prefs.text(prefs.DATABASE_TARGET)
              or paths.default_database())
    window = MainWindow(target, user)
    app.aboutToQuit.connect(window.wait_for_work)
    window.show_on_screen()  # showEvent opens the database once the window is on screen
    QTimer.singleShot(15000, end_start_up)  # a wizard or a login dialog keeps the first page away
    if not exec_loop:
        return window
    log.info("desktop started on %s", target)
    smoke_ms = os.environ.get("DANGJIAN_SMOKE_EXIT_MS")
    if smoke_ms:  # start-up check of a built bundle: quit by itself once the window has been shown
        QTimer.singleShot(int(smoke_ms), app.quit)
    return app.exec()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="dangjian-desk", description="党建督查台账")
    parser.add_argument("--db", help="SQLite 文件路径或 SQLAlchemy URL")
    parser.add_argument("--user", help="操作账号")
    args = parser.parse_args(argv)
    result = run(args.db, args.user)
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    sys.exit(main())
