"""Login (account name and password) and 修改密码 dialogs.

The dialogs do not talk to the database themselves: the login dialog calls `attempt(name,
password)`, which returns an Actor or raises a DomainError (wrong password, locked account) whose
text is shown plainly under the fields; the password dialog calls `change(old, new)`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from models.errors import DomainError


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("loginError")
    label.setStyleSheet("color: #c0392b;")
    label.setWordWrap(True)
    label.hide()
    return label


class LoginDialog(QDialog):
    """Account and password; Esc (or 退出) rejects, and the caller quits."""

    def __init__(self, attempt: Callable[[str, str], Any], user: str | None = None,
                 database: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.attempt_fn = attempt
        self.actor: Any = None
        self.setWindowTitle(self.tr("登录"))
        self.setMinimumWidth(380)
        self.account = QLineEdit(user or "")
        self.account.setObjectName("account")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = _error_label()
        form = QFormLayout()
        if database:
            where = QLabel(database)
            where.setWordWrap(True)
            form.addRow(self.tr("数据库："), where)
        form.addRow(self.tr("账号："), self.account)
        form.addRow(self.tr("密码："), self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("登录"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("退出"))
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        (self.password if user else self.account).setFocus()

    def try_login(self) -> bool:
        name = self.account.text().strip()
        if not name:
            self.show_error(self.tr("请输入账号"))
            return False
        try:
            self.actor = self.attempt_fn(name, self.password.text())
        except DomainError as exc:
            self.show_error(str(exc))
            self.password.selectAll()
            self.password.setFocus()
            return False
        self.accept()
        return True

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


class PasswordDialog(QDialog):
    """修改密码 for the logged-in account: old password, new one twice."""

    def __init__(self, change: Callable[[str, str], Any], name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.change_fn = change
        self.setWindowTitle(self.tr("修改密码"))
        self.old = QLineEdit()
        self.new = QLineEdit()
        self.again = QLineEdit()
        for w, key in ((self.old, "old"), (self.new, "new"), (self.again, "again")):
            w.setEchoMode(QLineEdit.EchoMode.Password)
            w.setObjectName(key)
        self.error = _error_label()
        form = QFormLayout()
        form.addRow(self.tr("账号："), QLabel(name))
        form.addRow(self.tr("原密码："), self.old)
        form.addRow(self.tr("新密码："), self.new)
        form.addRow(self.tr("再输一次："), self.again)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(buttons)

    def save(self) -> bool:
        if self.new.text() != self.again.text():
            self.error.setText(self.tr("两次输入的新密码不一致"))
            self.error.show()
            return False
        try:
            self.change_fn(self.old.text(), self.new.text())
        except DomainError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return False
        self.accept()
        return True
