"""A small form whose 保存 is one service call: the base of the 村干部任职 and 整顿 forms.

Enter saves and Esc cancels (Ctrl+Enter too, from a multi-line box); fields are visited in the
order they are shown. A refusal the service names a field for is shown under that field (the
service's Chinese field name is the field's key); any other refusal is a message. When the form
asks a question first (`question`), the entry is tried in a transaction that is rolled back, so
that the clerk is asked only about an entry the service takes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from models.actor import Actor
from models.db import Database
from models.errors import DomainError, ValidationError

from . import dialogs
from .common import FieldBox
from .screen import GuardedDialog


class ServiceDialog(GuardedDialog):
    #: the id of the record saved
    saved = Signal(int)

    def __init__(self, db: Database, actor: Actor, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.fields: dict[str, FieldBox] = {}
        self._last_part: QWidget | None = None
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter", "Ctrl+S"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.save)
        lay = QVBoxLayout(self)
        lay.addLayout(self.form)
        lay.addWidget(self.buttons)

    # ------------------------------------------------------------ building

    def add_field(self, key: str, label: str, editor: QWidget) -> FieldBox:
        """A row: `key` is the field's name in the service's messages, `label` what is shown."""
        box = FieldBox(editor)
        self.fields[key] = box
        self.form.addRow(label, box)
        parts = editor.tab_parts() if hasattr(editor, "tab_parts") else [editor.focusProxy() or editor]
        for part in parts:  # Tab visits the fields in the order shown, whatever order they were made in
            if self._last_part is not None:
                QWidget.setTabOrder(self._last_part, part)
            self._last_part = part
        return box

    def add_text(self, label: str, text: str) -> QLabel:
        value = QLabel(text)
        value.setWordWrap(True)
        self.form.addRow(label, value)
        return value

    # ------------------------------------------------------------ saving

    def call(self, session: Session) -> int:
        """The service call; returns the record's id."""
        raise NotImplementedError

    def check(self) -> bool:
        """What the form itself refuses before the service is asked (errors shown); True when fine."""
        return True

    def question(self) -> str | None:
        """The one-line question asked before saving, or None to save at once."""
        return None

    def save(self) -> bool:
        for box in self.fields.values():
            box.set_error("")
        if not self.check():
            return False
        question = self.question()
        if question is not None:
            if not self._attempt(dry_run=True):
                return False
            if not dialogs.confirm(self, self.windowTitle(), question):
                return False
        rid = self._attempt()
        if rid is None:
            return False
        self.saved.emit(rid)
        self.accept()
        return True

    def _attempt(self, dry_run: bool = False) -> Any:
        try:
            if dry_run:
                with self.db.session() as session:
                    try:
                        return self.call(session) or True
                    finally:
                        session.rollback()
            with self.db.transaction() as session:
                return self.call(session)
        except ValidationError as exc:
            others = []
            for e in exc.errors:
                box = self.fields.get(e.field)
                if box is not None:
                    box.set_error(e.reason)
                else:
                    others.append(str(e))
            if others:
                dialogs.message(self, "warning", QCoreApplication.translate("ServiceDialog", "未能保存"), "；".join(others))
            first = next((b for b in self.fields.values() if b.error.text()), None)
            if first is not None:
                first.editor.setFocus()
            return None
        except DomainError as exc:
            dialogs.message(self, "warning", QCoreApplication.translate("ServiceDialog", "未能保存"), str(exc))
            return None
