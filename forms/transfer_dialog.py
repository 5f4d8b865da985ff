"""组织关系转接 and 终止党籍: two small dialogs that call the member services."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from models.actor import Actor
from models.db import Database
from models.enums import EndReason
from models.errors import DomainError, ValidationError
from models.services import members as svc
from models.services.orgsearch import org_entries

from . import dialogs
from .common import FieldBox
from .org_picker import OrgPicker
from .screen import GuardedDialog


class _MemberAction(GuardedDialog):
    done_for = Signal(int)

    def __init__(self, db: Database, actor: Actor, member_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.actor, self.member_id = db, actor, member_id
        #: one line for the status bar after a successful submit
        self.done_text = ""
        with db.session() as s:
            m = svc.get_member(s, member_id, actor)
            self.version, self.name, self.org_id = m.version, m.name, m.org_id
            self.org_name = m.org.short_name or m.org.name
        self.form = QFormLayout(self)
        self.form.addRow(QLabel(self.tr("党员：")), QLabel(f"{self.name}（{self.org_name}）"))
        self.on = FieldBox(QLineEdit(date.today().isoformat()))
        self.note = QLineEdit()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    def check(self) -> str | None:
        """Why the dialog cannot be submitted as filled, or None."""
        return None

    def confirm(self) -> bool:
        """Irreversible actions ask first; a transfer can be transferred back."""
        return True

    def submit(self) -> bool:
        on = self.on.required_date()
        if on is None:
            return False
        problem = self.check()
        if problem:
            dialogs.message(self, "warning", self.windowTitle(), problem)
            return False
        if not self.confirm():
            return False
        try:
            with self.db.transaction() as s:
                self.apply(s, on)
        except ValidationError as exc:
            dialogs.message(self, "warning", self.windowTitle(), str(exc))
            return False
        except DomainError as exc:
            dialogs.message(self, "warning", self.windowTitle(), str(exc))
            return False
        self.done_for.emit(self.member_id)
        self.accept()
        return True

    def apply(self, session, on: date) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class TransferDialog(_MemberAction):
    def __init__(self, db: Database, actor: Actor, member_id: int, parent: QWidget | None = None):
        super().__init__(db, actor, member_id, parent)
        self.setWindowTitle(self.tr("组织关系转接"))
        with db.session() as s:
            entries = org_entries(s, actor, holding_members=True, exclude={self.org_id})
        self.target = OrgPicker(entries, keep_room=True)
        self.target.setObjectName("target")
        self.form.addRow(self.tr("转入党组织："), self.target)
        self.form.addRow(self.tr("转接日期："), self.on)
        self.form.addRow(self.tr("说明："), self.note)
        self.form.addRow(self.buttons)

    def check(self) -> str | None:
        return self.target.problem()

    def apply(self, session, on: date) -> None:
        target = self.target.org()
        svc.transfer_member(session, self.actor, self.member_id, target.id, on,
                            self.note.text().strip(), expected_version=self.version)
        self.done_text = self.tr("已将%1的组织关系转入%2").replace("%1", self.name).replace(
            "%2", target.label)


class EndDialog(_MemberAction):
    def __init__(self, db: Database, actor: Actor, member_id: int, parent: QWidget | None = None):
        super().__init__(db, actor, member_id, parent)
        self.setWindowTitle(self.tr("终止党籍"))
        self.reason = QComboBox()
        self.reason.addItem(self.tr("（请选择）"), None)  # no preset reason: the clerk chooses
        for r in EndReason:
            self.reason.addItem(r.value, r)
        self.form.addRow(self.tr("原因："), self.reason)
        self.form.addRow(self.tr("终止日期："), self.on)
        self.form.addRow(self.tr("说明："), self.note)
        self.form.addRow(self.buttons)

    def check(self) -> str | None:
        return self.tr("请选择终止党籍的原因") if self.reason.currentData() is None else None

    def confirm(self) -> bool:
        return dialogs.confirm(self, self.windowTitle(), self.tr("终止%1的党籍（%2）？终止后该党员不再计入党员总数。")
                               .replace("%1", self.name).replace("%2", self.reason.currentText()))

    def apply(self, session, on: date) -> None:
        svc.end_membership(session, self.actor, self.member_id, on, self.reason.currentData(),
                           self.note.text().strip(), expected_version=self.version)
