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
import traceback
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from . import paths
from .logsetup import setup_logging
from .pages import PAGE_MODULES, PAGE_TITLES

log = logging.getLogger(__name__)
RESOURCES = Path(__file__).resolve().parent.parent / "resources"

#: preferred CJK families, best first (Windows names, then Linux ones)
CJK_FAMILIES = (
    "Microsoft YaHei UI", "Microsoft YaHei", "微软雅黑", "Noto Sans CJK SC", "Source Han Sans SC",
    "PingFang SC", "WenQuanYi Zen Hei", "文泉驿正黑", "WenQuanYi Micro Hei", "SimSun", "宋体",
    "AR PL UMing CN", "AR PL UKai CN",
)

def settings() -> QSettings:
    return QSettings(str(paths.config_dir() / "desktop.ini"), QSettings.Format.IniFormat)


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


def install_translator(app: QApplication, language: str | None = None) -> None:
    language = language or str(settings().value("ui/language", "zh"))
    if language == "en":
        tr = QTranslator(app)
        if tr.load(str(RESOURCES / "i18n" / "dangjian_en.qm")):
            app.installTranslator(tr)


def document_font_warning() -> str | None:
    """A warning when reports cannot find a TrueType CJK font to embed (if reports can tell)."""
    try:
        fonts = importlib.import_module("reports.fonts")
    except ImportError:
        return None
    for name in ("find_cjk_font", "cjk_font_path", "find_font"):
        fn = getattr(fonts, name, None)
        if callable(fn):
            try:
                return None if fn() else "未找到可嵌入的中文字体"
            except Exception:  # noqa: BLE001 - a warning only
                return "未找到可嵌入的中文字体"
    return None


class MainWindow(QMainWindow):
    def __init__(self, target: str, user: str | None = None):
        super().__init__()
        self.target, self.user = target, user
        self.ctx: Any = None
        self._started = False
        #: True once the window has painted (the start-up benchmark waits for it)
        self.painted = False
        self.pages: dict[str, QWidget] = {}
        self.modules: dict[str, str] = {}
        self.setWindowTitle(self.tr("党建督查台账"))
        self.setWindowIcon(icon("app"))
        self.resize(1280, 800)
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
            item = QListWidgetItem(QCoreApplication.translate("pages", title))
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
            self.modules[key] = name
        self.nav.currentRowChanged.connect(self._nav_changed)
        menu = self.menuBar().addMenu(self.tr("文件"))
        menu.addAction(self.tr("导出季度报表…"), lambda: self.export("quarterly"))
        menu.addAction(self.tr("导出月度通报…"), lambda: self.export("monthly"))
        menu.addAction(self.tr("导出本月函件PDF…"), lambda: self.export("letters"))
        menu.addSeparator()
        menu.addAction(self.tr("设置…"), self.open_settings)
        menu.addSeparator()
        menu.addAction(self.tr("退出"), self.close)
        helpm = self.menuBar().addMenu(self.tr("帮助"))
        helpm.addAction(self.tr("打开日志文件夹"), self._open_logs)

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt name
        super().showEvent(event)
        if not self._started:
            self._started = True
            # once the pending show/expose/paint events are done: open the database
            QTimer.singleShot(0, self._mark_painted)
            QTimer.singleShot(30, self.open_database)

    def _mark_painted(self) -> None:
        self.painted = True

    @staticmethod
    def _title_of(module: str) -> tuple[str, str]:
        mod = importlib.import_module(module)
        return mod.KEY, mod.TITLE

    # ---------------------------------------------------------------- start
    def open_database(self) -> bool:
        """Open the database and build the first page (called right after the window shows)."""
        from forms import dialogs
        from models.db import open_database
        from models.errors import DomainError
        from models.services import access

        from .context import AppContext

        self.statusBar().showMessage(self.tr("正在打开数据库…"))
        try:
            db = open_database(self.target)
        except DomainError as exc:
            self.db_label.setText(self.tr("未打开数据库"))
            dialogs.message(self, "error", self.tr("无法打开数据库"), str(exc))
            return False
        with db.session() as s:
            actor = access.login(s, self.user)
        self.ctx = AppContext(db, actor)
        self.ctx.show_error = lambda text: dialogs.message(self, "warning", self.tr("操作未完成"), text)
        self.ctx.navigate = self.navigate
        self.ctx.status = lambda text: self.statusBar().showMessage(text, 8000)
        self.ctx.page = self.page
        self.db_label.setText(self.tr("数据库：") + db.url)
        self.user_label.setText(self.tr("账号：") + f"{actor.name}（{actor.role}）")
        warning = document_font_warning()
        if warning:
            self.add_warning(warning)
        self.statusBar().clearMessage()
        if self.nav.count():
            if self.nav.currentRow() < 0:
                self.nav.setCurrentRow(0)  # builds the page through currentRowChanged
            else:  # the list already chose row 0 before the database was open
                self._nav_changed(self.nav.currentRow())
        return True

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
        page = self.page(key)
        if page is not None:
            self.stack.setCurrentWidget(page)

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

        fn = {"quarterly": exports.export_quarterly, "monthly": exports.export_monthly,
              "letters": exports.export_letters}[kind]
        self._export_task = fn(self.ctx, self)
        return self._export_task

    def open_settings(self):
        from .settings_dialog import SettingsDialog

        dlg = SettingsDialog(self.ctx, self)
        dlg.open()
        self._settings = dlg
        return dlg

    def _open_logs(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.log_dir())))


# -------------------------------------------------------------------- crashes


def crash_text(exc_type: type[BaseException], exc: BaseException) -> str:
    return (
        f"程序遇到意外错误：{exc_type.__name__}: {exc}\n\n"
        f"详细信息已写入日志文件：\n{paths.log_file()}\n\n"
        "请把该文件发给技术支持。您可以继续工作，但建议保存后重新启动程序。"
    )


def excepthook(exc_type: type[BaseException], exc: BaseException, tb: Any) -> None:
    """Anything unexpected: the traceback to the log, a dialog naming the log file."""
    from forms import dialogs
    from models.errors import DomainError

    if isinstance(exc, DomainError):  # an expected error that escaped a handler
        dialogs.message(QApplication.activeWindow(), "warning", "操作未完成", str(exc))
        return
    log.error("unexpected error\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
    dialogs.message(QApplication.activeWindow(), "error", "意外错误", crash_text(exc_type, exc),
                    "".join(traceback.format_exception(exc_type, exc, tb)))


# -------------------------------------------------------------------- entry points


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("党建督查台账")
    app.setOrganizationName("dangjian-desk")
    install_translator(app)
    apply_look(app)
    return app


def run(target: str | None = None, user: str | None = None, exec_loop: bool = True) -> MainWindow | int:
    setup_logging()
    app = make_app()
    sys.excepthook = excepthook
    # --db, then DANGJIAN_DB, then the database chosen in the settings, then the per-user default
    target = (target or os.environ.get("DANGJIAN_DB") or str(settings().value("database/target", "") or "")
              or paths.default_database())
    window = MainWindow(target, user)
    window.show()  # showEvent opens the database once the window is on screen
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
