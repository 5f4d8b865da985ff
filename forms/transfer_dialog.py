"""组织关系转接 and 终止党籍: two small dialogs that call the member services."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from models.actor import Actor
from models.db import Database
from models.errors import DomainError, ValidationError
from models.services import lifecycle as lc
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

    def focus_field(self, exc: ValidationError) -> None:
        """The cursor in the field a refusal names (by the service's Chinese name; a date is the
        form's date unless the form has a field of that name): the form stays with what was typed."""
        named: dict[str, QWidget | None] = {"说明": self.note, "介绍信编号": getattr(self, "letter", None),
                                     "转往": getattr(self, "place", None), "回执日期": getattr(self, "receipt", None),
                                     "预备期延至": getattr(self, "until", None), "决定": getattr(self, "decision", None),
                                     "终止原因": getattr(self, "reason", None)}
        for error in exc.errors:
            widget = named.get(error.field) or (self.on.editor if "日期" in error.field else None)
            if widget is not None:
                widget.setFocus()
                return

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
            self.focus_field(exc)
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
        for r in svc.DIRECT_END_REASONS:  # 转出, 取消预备党员资格: their own dialogs
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


def _optional_date(edit: QLineEdit, label: str) -> date | None:
    """A date typed in an optional field; ValidationError naming the field when it is not one."""
    from models import values
    from models.errors import FieldError

    text = edit.text().strip()
    if not text:
        return None
    try:
        return values.parse_date(text)
    except ValueError as exc:
        raise ValidationError([FieldError(label, str(exc))]) from None


class ProbationDialog(_MemberAction):
    """预备期满的决定: 转正, 延长预备期 (to a date) or 取消预备党员资格 (docs/member-lifecycle.md)."""

    def __init__(self, db: Database, actor: Actor, member_id: int, parent: QWidget | None = None):
        super().__init__(db, actor, member_id, parent)
        self.setWindowTitle(self.tr("转正决定"))
        with db.session() as s:
            m = svc.get_member(s, member_id, actor)
            due = lc.probation_due(s, m)
        self.form.addRow(self.tr("预备期至："), QLabel(str(due) if due else self.tr("已转正")))
        self.decision = QComboBox()
        for d in lc.DECISIONS:
            self.decision.addItem(d.value, d)
        self.until = QLineEdit()
        self.until.setPlaceholderText(self.tr("延长预备期时填写，如 2027-03-01"))
        self.form.addRow(self.tr("决定："), self.decision)
        self.form.addRow(self.tr("决定日期："), self.on)
        self.form.addRow(self.tr("预备期延至："), self.until)
        self.form.addRow(self.tr("说明："), self.note)
        self.form.addRow(self.buttons)

    def confirm(self) -> bool:
        if self.decision.currentData() != lc.MemberEventKind.CANCELLED:
            return True
        return dialogs.confirm(self, self.windowTitle(), self.tr("取消%1的预备党员资格？其党籍随之终止。")
                               .replace("%1", self.name))

    def apply(self, session, on: date) -> None:
        lc.decide_probation(session, self.actor, self.member_id, self.decision.currentData(), on,
                            _optional_date(self.until, "预备期延至"), self.note.text().strip(),
                            expected_version=self.version)


class LostDialog(_MemberAction):
    """失联: register the day contact was lost, or (for a 失联党员) a contact attempt, ticking
    已恢复联系 when it succeeded."""

    def __init__(self, db: Database, actor: Actor, member_id: int, parent: QWidget | None = None):
        super().__init__(db, actor, member_id, parent)
        with db.session() as s:
            m = svc.get_member(s, member_id, actor)
            self.lost = m.lost_contact
            due = lc.lost_decision_day(s, m)
        self.regained = QCheckBox(self.tr("已恢复联系"))
        if self.lost:
            self.setWindowTitle(self.tr("联系失联党员"))
            self.form.addRow(self.tr("处理期限："), QLabel(str(due or "")))
            self.form.addRow(self.tr("联系日期："), self.on)
            self.form.addRow(self.tr("联系方式和结果："), self.note)
            self.form.addRow("", self.regained)
        else:
            self.setWindowTitle(self.tr("登记失联"))
            self.form.addRow(self.tr("失去联系日期："), self.on)
            self.form.addRow(self.tr("说明："), self.note)
        self.form.addRow(self.buttons)

    def apply(self, session, on: date) -> None:
        if self.lost:
            lc.record_contact(session, self.actor, self.member_id, on, self.note.text().strip(),
                              regained=self.regained.isChecked(), expected_version=self.version)
        else:
            lc.mark_lost(session, self.actor, self.member_id, on, self.note.text().strip(),
                         expected_version=self.version)


class TransferOutDialog(_MemberAction):
    """组织关系转出县外: where to, the 介绍信 number, the 回执 when back; the membership in the
    county ends (reason 转出)."""

    def __init__(self, db: Database, actor: Actor, member_id: int, parent: QWidget | None = None):
        super().__init__(db, actor, member_id, parent)
        self.setWindowTitle(self.tr("组织关系转出县外"))
        self.place = QLineEdit()
        self.place.setObjectName("place")
        self.letter = QLineEdit()
        self.letter.setObjectName("letter")
        self.receipt = QLineEdit()
        self.receipt.setPlaceholderText(self.tr("收到回执时填写"))
        self.form.addRow(self.tr("转往："), self.place)
        self.form.addRow(self.tr("介绍信编号："), self.letter)
        self.form.addRow(self.tr("转出日期："), self.on)
        self.form.addRow(self.tr("回执日期："), self.receipt)
        self.form.addRow(self.tr("说明："), self.note)
        self.form.addRow(self.buttons)

    def confirm(self) -> bool:
        return dialogs.confirm(self, self.windowTitle(), self.tr("将%1的组织关系转往%2？其党籍在本县终止（原因 转出）。")
                               .replace("%1", self.name).replace("%2", self.place.text().strip()))

    def apply(self, session, on: date) -> None:
        lc.transfer_out(session, self.actor, self.member_id, self.place.text(), self.letter.text(), on,
                        _optional_date(self.receipt, "回执日期"), self.note.text().strip(),
                        expected_version=self.version)
