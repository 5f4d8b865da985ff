"""First run: a short wizard (county, agency, administrator password, database) and the demo offer.

The wizard only collects `SetupValues`; `apply_setup` does the work through the services
(ensure_county, settings, accounts.set_password) and `build_demo_file` fills the separate demo
database (models.demo.build_demo). Both are plain functions so the window can run the demo build
in a background thread and tests can call them directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from models.errors import DomainError
from models.services import accounts

from . import dialogs


@dataclass
class SetupValues:
    county: str = "中共某某县委员会"
    agency_name: str = "中共某某县委组织部"
    agency_code: str = "某组"
    password: str = ""
    target: str = ""
    #: None: no demo; "small" or "county": open the demo county instead
    demo: str | None = None


def apply_setup(session: Any, actor: Any, values: SetupValues) -> None:
    """Set up the county, the letters' agency and the administrator password, in the caller's transaction."""
    from models.services import accounts
    from models.services.orgs import ensure_county

    ensure_county(session, actor, values.county.strip() or None, values.agency_code.strip() or None,
                  values.agency_name.strip() or None)
    if values.password:
        accounts.set_password(session, actor, actor.name, values.password)


def is_set_up(session: Any) -> bool:
    """Whether the database has its county committee (the root organization)."""
    from models.errors import NotFound
    from models.services.orgs import county_root

    try:
        county_root(session)
    except NotFound:
        return False
    return True


def build_demo_file(path: str | Path, scale: str = "small", today: date | None = None) -> str:
    """Build the demo county into `path` (kept when it already holds one); returns the path."""
    from models.db import open_database
    from models.demo import build_demo
    from models.services import access
    from models.services.orgs import ensure_county

    db = open_database(path)
    try:
        with db.transaction() as s:
            actor = access.login(s, None)
            if not is_set_up(s):
                ensure_county(s, actor, None, None)
                build_demo(s, actor, scale, today=today)
    finally:
        db.dispose()
    return str(path)


class CountyPage(QWizardPage):
    def __init__(self, values: SetupValues):
        super().__init__()
        self.setTitle(self.tr("县委和发文机关"))
        self.setSubTitle(self.tr("这些名称出现在报表和三函的抬头，以后可在“设置”中修改。"))
        self.county = QLineEdit(values.county)
        self.agency_name = QLineEdit(values.agency_name)
        self.agency_code = QLineEdit(values.agency_code)
        self.agency_code.setToolTip(self.tr("发文字号中的机关代字，如“某组”，文号为“某组〔2026〕3号”"))
        for w, key in ((self.county, "county"), (self.agency_name, "agency_name"), (self.agency_code, "agency_code")):
            w.setObjectName(key)
        self.note = QLabel()
        self.note.setObjectName("countyNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #b35900;")
        form = QFormLayout(self)
        form.addRow(self.tr("县委名称："), self.county)
        form.addRow(self.tr("发文机关："), self.agency_name)
        form.addRow(self.tr("机关代字："), self.agency_code)
        form.addRow(self.note)
        for w in (self.county, self.agency_name, self.agency_code):
            w.textChanged.connect(lambda _t: self.completeChanged.emit())

    def missing(self) -> list[str]:
        """The names still to fill in (下一步 stays grey until there are none)."""
        return [label for w, label in ((self.county, self.tr("县委名称")),
                                       (self.agency_name, self.tr("发文机关")),
                                       (self.agency_code, self.tr("机关代字"))) if not w.text().strip()]

    def isComplete(self) -> bool:  # noqa: N802 - Qt name
        missing = self.missing()
        if missing:
            self.note.setText(self.tr("请填写：") + "、".join(missing))
        elif any("某某" in w.text() for w in (self.county, self.agency_name)):
            self.note.setText(self.tr("名称中还有“某某”：正式使用前请改为本县的名称（试用可直接下一步）。"))
        else:
            self.note.setText("")
        return not missing


class PasswordPage(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle(self.tr("管理员密码"))
        self.setSubTitle(self.tr("账号“管理员”的密码，至少8个字符，须含字母、数字、符号中的至少两类。"))
        self.password = QLineEdit()
        self.again = QLineEdit()
        for w, key in ((self.password, "password"), (self.again, "again")):
            w.setEchoMode(QLineEdit.EchoMode.Password)
            w.setObjectName(key)
        self.note = QLabel(self.tr("不设密码时，能使用这台电脑的任何人都能打开台账。"))
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #b35900;")
        self.error = QLabel()
        self.error.setStyleSheet("color: #c0392b;")
        form = QFormLayout(self)
        form.addRow(self.tr("密码："), self.password)
        form.addRow(self.tr("再输一次："), self.again)
        form.addRow(self.note)
        form.addRow(self.error)

    def validatePage(self) -> bool:  # noqa: N802 - Qt name
        pw, again = self.password.text(), self.again.text()
        if pw != again:
            self.error.setText(self.tr("两次输入的密码不一致"))
            return False
        problem = accounts.password_problem(pw, accounts.FIRST_ADMIN) if pw else None
        if problem:  # the one password rule (models.services.accounts)
            self.error.setText(self.tr("密码") + problem)
            return False
        self.error.setText("")
        if not pw:
            return dialogs.confirm(self, self.tr("管理员密码"), self.tr(
                "不设密码时，能使用这台电脑的任何人都能打开台账。确实不设密码吗？"))
        return True


class DatabasePage(QWizardPage):
    def __init__(self, values: SetupValues):
        super().__init__()
        self.setTitle(self.tr("数据库位置"))
        self.setSubTitle(self.tr("一个人使用：本机文件。几位办事员共用：PostgreSQL 服务器。"))
        self.use_file = QRadioButton(self.tr("本机文件（SQLite）"))
        self.use_server = QRadioButton(self.tr("PostgreSQL 服务器"))
        group = QButtonGroup(self)
        group.addButton(self.use_file)
        group.addButton(self.use_server)
        server = "://" in values.target
        (self.use_server if server else self.use_file).setChecked(True)
        self.path = QLineEdit("" if server else values.target)
        self.path.setObjectName("db_path")
        browse = QPushButton(self.tr("选择…"))
        browse.clicked.connect(self._browse)
        known = server_parts(values.target) if server else {}
        self.host = QLineEdit(known.get("host", ""))
        self.host.setPlaceholderText(self.tr("服务器名或地址，如 192.168.1.10"))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(int(known.get("port") or 5432))
        self.database = QLineEdit(known.get("database") or "dangjian")
        self.user = QLineEdit(known.get("username") or "")
        self.password = QLineEdit(known.get("password") or "")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        for w, key in ((self.host, "db_host"), (self.port, "db_port"), (self.database, "db_name"),
                       (self.user, "db_user"), (self.password, "db_password")):
            w.setObjectName(key)
        test = QPushButton(self.tr("测试连接"))
        test.setObjectName("db_test")
        test.clicked.connect(self.test_connection)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        self.server_box = QWidget()
        server_form = QFormLayout(self.server_box)
        server_form.addRow(self.tr("服务器："), self.host)
        server_form.addRow(self.tr("端口："), self.port)
        server_form.addRow(self.tr("数据库名："), self.database)
        server_form.addRow(self.tr("用户名："), self.user)
        server_form.addRow(self.tr("密码："), self.password)
        server_form.addRow("", test)
        self.use_server.toggled.connect(self.server_box.setEnabled)
        self.server_box.setEnabled(server)
        # docs/server-rights.md: on SQLite the file is the boundary
        self.file_note = QLabel(self.tr(
            "本机文件只适合一台电脑：能复制这个文件的人就能读到其中全部数据（含完整身份证号和电话），"
            "账号和乡镇范围只在本程序内有效。乡镇办事员账号请建在共享的 PostgreSQL 服务器上，"
            "由服务器按账号限制其只能查看和修改本乡镇的数据。"))
        self.file_note.setObjectName("db_file_note")
        self.file_note.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(self.use_file)
        lay.addLayout(file_row)
        lay.addWidget(self.file_note)
        lay.addWidget(self.use_server)
        lay.addWidget(self.server_box)
        lay.addStretch(1)

    def server_url(self) -> str:
        """The PostgreSQL address the fields give ("" while the server name is empty)."""
        if not self.host.text().strip():
            return ""
        from sqlalchemy.engine import URL

        return URL.create("postgresql+psycopg", username=self.user.text().strip() or None,
                          password=self.password.text() or None, host=self.host.text().strip(),
                          port=self.port.value(), database=self.database.text().strip() or None,
                          ).render_as_string(hide_password=False)

    def target(self) -> str:
        return self.server_url() if self.use_server.isChecked() else self.path.text().strip()

    def _browse(self) -> None:
        path, _f = QFileDialog.getSaveFileName(self, self.tr("数据库文件"), self.path.text(),
                                               "SQLite (*.sqlite3 *.db)",
                                               options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.path.setText(path)

    def test_connection(self) -> bool:
        from models.db import open_database

        try:
            if not self.server_url():
                raise DomainError(self.tr("请填写服务器名或地址"))
            open_database(self.server_url(), migrate=False).dispose()
        except DomainError as exc:
            dialogs.message(self, "warning", self.tr("测试连接"), str(exc))
            return False
        dialogs.message(self, "info", self.tr("测试连接"), self.tr("连接成功"))
        return True

    def validatePage(self) -> bool:  # noqa: N802 - Qt name
        if not self.target():
            dialogs.message(self, "warning", self.tr("数据库位置"),
                            self.tr("请填写服务器名或地址") if self.use_server.isChecked()
                            else self.tr("请选择数据库文件"))
            return False
        return True


def server_parts(target: str) -> dict[str, Any]:
    """host, port, database, username and password of a server address (for the form)."""
    from sqlalchemy.engine import make_url

    try:
        url = make_url(target)
    except Exception:  # noqa: BLE001 - not an address: empty fields
        return {}
    return {"host": url.host or "", "port": url.port, "database": url.database,
            "username": url.username, "password": url.password}


class DemoPage(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle(self.tr("开始使用"))
        self.setSubTitle(self.tr("点“完成”打开台账。也可以先打开一个演示县看看各页面的样子。"))
        self.demo = QCheckBox(self.tr("打开演示县（随便看看）"))
        self.demo.setObjectName("demo")
        self.scale = QComboBox()
        self.scale.addItem(self.tr("小（几十个组织，几秒钟）"), "small")
        self.scale.addItem(self.tr("全县规模（约800个组织，约一分钟）"), "county")
        self.scale.setEnabled(False)
        self.demo.toggled.connect(self.scale.setEnabled)
        note = QLabel(self.tr("演示县保存在单独的演示数据库中，不影响您的台账；"
                              "下次启动仍打开您的台账。"))
        note.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(self.demo)
        lay.addWidget(self.scale)
        lay.addWidget(note)
        lay.addStretch(1)


class FirstRunWizard(QWizard):
    """Collects SetupValues; `ask_location=False` when the database is already chosen."""

    def __init__(self, values: SetupValues, ask_location: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("首次使用"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumSize(560, 400)
        self.initial = values
        self.county_page = CountyPage(values)
        self.password_page = PasswordPage()
        self.db_page = DatabasePage(values)
        self.demo_page = DemoPage()
        self.addPage(self.county_page)
        self.addPage(self.password_page)
        if ask_location:
            self.addPage(self.db_page)
        self.addPage(self.demo_page)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("下一步"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("上一步"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("完成"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("取消"))

    def values(self) -> SetupValues:
        p = self.county_page
        return SetupValues(
            county=p.county.text().strip(), agency_name=p.agency_name.text().strip(),
            agency_code=p.agency_code.text().strip(), password=self.password_page.password.text(),
            target=self.db_page.target() or self.initial.target,
            demo=self.demo_page.scale.currentData() if self.demo_page.demo.isChecked() else None,
        )
