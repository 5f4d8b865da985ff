"""Login (account name and password) and 修改密码 dialogs.

The dialogs do not talk to the database themselves: the login dialog calls `attempt(name,
password)`, which returns an Actor or raises a DomainError (wrong password, locked account) whose
text is shown plainly under the fields; the password dialog calls `change(old, new)`.

When the account must change its password (an administrator set it), `attempt` raises
PasswordChangeRequired: the login dialog then shows 新密码/再输一次 and, on 登录, calls
`change_required(name, old, new)`, which sets the new password and returns the Actor.
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
from models.services.accounts import PasswordChangeRequired


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
                 database: str = "", parent: QWidget | None = None,
                 change_required: Callable[[str, str, str], Any] | None = None):
        super().__init__(parent)
        self.attempt_fn = attempt
        self.change_fn = change_required
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
        self.new = QLineEdit()
        self.again = QLineEdit()
        for w, key in ((self.new, "new"), (self.again, "again")):
            w.setEchoMode(QLineEdit.EchoMode.Password)
            w.setObjectName(key)
            w.hide()
        self.new_label, self.again_label = QLabel(self.tr("新密码：")), QLabel(self.tr("再输一次："))
        self.new_label.hide()
        self.again_label.hide()
        form.addRow(self.new_label, self.new)
        form.addRow(self.again_label, self.again)
        self.form = form
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
        if self.changing:
            return self._change_and_login(name)
        try:
            self.actor = self.attempt_fn(name, self.password.text())
        except PasswordChangeRequired as exc:
            if self.change_fn is None:
                self.show_error(str(exc))
                return False
            self._ask_new_password()
            return False
        except DomainError as exc:
            self.show_error(str(exc))
            self.password.selectAll()
            self.password.setFocus()
            return False
        self.accept()
        return True

    @property
    def changing(self) -> bool:
        return not self.new.isHidden()

    def _ask_new_password(self) -> None:
        for w in (self.new, self.again, self.new_label, self.again_label):
            w.show()
        self.account.setReadOnly(True)
        self.password.setReadOnly(True)
        self.show_error(self.tr("该账号的密码由管理员设置，须先设置您自己的新密码才能继续。"))
        self.new.setFocus()

    def _change_and_login(self, name: str) -> bool:
        if self.new.text() != self.again.text():
            self.show_error(self.tr("两次输入的新密码不一致"))
            self.again.selectAll()
            self.again.setFocus()
            return False
        try:
            assert self.change_fn is not None  # shown only when a change is required
            self.actor = self.change_fn(name, self.password.text(), self.new.text())
        except DomainError as exc:
            self.show_error(str(exc))
            self.new.selectAll()
            self.new.setFocus()
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
        account = QLabel(name)
        account.setProperty("data", True)  # the account's name: data, not chrome
        form.addRow(self.tr("账号："), account)
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
