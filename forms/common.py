"""Small widgets shared by the forms: a labelled field with its error line, date text helpers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models import operations
from models.actor import Actor
from models.collation import pinyin_key

from .choices import phrase


def add_buttons(layout: Any, specs: Any) -> dict[str, QPushButton]:
    """Push buttons from (key, label, slot) triples, added to `layout`; returns them by key."""
    out = {}
    for key, label, slot in specs:
        button = QPushButton(label)
        button.clicked.connect(lambda _checked=False, s=slot: s())
        layout.addWidget(button)
        out[key] = button
    return out


#: the sentences of models/operations.REFUSALS and the duties' names, for the translation tools
_REFUSALS = {
    "role": QT_TRANSLATE_NOOP("operations", "账号的角色无效，不能操作"),
    "readonly": QT_TRANSLATE_NOOP("operations", "只读账号只能查看和打印，不能{duty}"),
    "township": QT_TRANSLATE_NOOP("operations", "乡镇账号没有“{duty}”的职责，由县委组织部办理"),
    "account": QT_TRANSLATE_NOOP("operations", "此账号没有“{duty}”的权限"),
    "county": QT_TRANSLATE_NOOP("operations", "乡镇账号只能处理本乡镇的数据，此项由县委组织部办理"),
}
_DUTIES = (
    QT_TRANSLATE_NOOP("duties", "维护党组织和党员信息"),
    QT_TRANSLATE_NOOP("duties", "报送整改进展、反馈和任务完成情况"),
    QT_TRANSLATE_NOOP("duties", "登记督查问题"),
    QT_TRANSLATE_NOOP("duties", "撤销或修改督查问题"),
    QT_TRANSLATE_NOOP("duties", "验收销号"),
    QT_TRANSLATE_NOOP("duties", "安排月度任务"),
    QT_TRANSLATE_NOOP("duties", "签发三函"),
    QT_TRANSLATE_NOOP("duties", "决定问责"),
    QT_TRANSLATE_NOOP("duties", "管理结对"),
    QT_TRANSLATE_NOOP("duties", "管理跨乡镇结对"),
    QT_TRANSLATE_NOOP("duties", "组织评价"),
    QT_TRANSLATE_NOOP("duties", "锁定评价结果"),
    QT_TRANSLATE_NOOP("duties", "管理账号"),
    QT_TRANSLATE_NOOP("duties", "备份和恢复数据库"),
    QT_TRANSLATE_NOOP("duties", "查看完整身份证号"),
    QT_TRANSLATE_NOOP("duties", "修改系统设置"),
    QT_TRANSLATE_NOOP("duties", "维护函件模板和评价方案"),
    QT_TRANSLATE_NOOP("duties", "查看审计日志"),
)


def refusal_text(actor: Actor, operation: str) -> str:
    """Why the account may not run the operation, in the interface's language ("" when it may)."""
    reason = operations.refusal_reason(actor, operation)
    if reason is None:
        return ""
    key, duty = reason
    text = QCoreApplication.translate("operations", _REFUSALS[key])
    return text.replace("{duty}", QCoreApplication.translate("duties", duty.value) if duty else "")


def data_label(text: str) -> QLabel:
    """A label showing a record's value (a name, a title): data, not chrome (the "data" property
    the language tests read, tests/gui/test_chrome_language.py)."""
    label = QLabel(text)
    label.setProperty("data", True)
    return label


def by_pinyin(choices: Sequence[tuple[Any, str]]) -> list[tuple[Any, str]]:
    """(id, name) choices of a drop-down in pinyin order of the names (docs/screen.md): the
    organizations of one level (townships, branches of a round); `org_tree` for a tree."""
    return sorted(choices, key=lambda c: pinyin_key(c[1]))


#: the indent of one level in an organization drop-down (an ideographic space)
ORG_INDENT = "\u3000"


def org_tree(orgs: Sequence[tuple[Any, str, Any]]) -> list[tuple[Any, str]]:
    """(id, name, parent id) organizations as every organization drop-down lists them: each
    under its parent, the children of one parent in pinyin order, indented by level
    (docs/screen.md). One whose parent is not listed starts a tree of its own (in pinyin order
    too). Returns (id, shown text)."""
    listed = {oid for oid, _name, _parent in orgs}
    children: dict[Any, list[tuple[Any, str]]] = {}
    for oid, name, parent in orgs:
        children.setdefault(parent if parent in listed else None, []).append((oid, name))
    out: list[tuple[Any, str]] = []

    def visit(parent: Any, depth: int) -> None:
        for oid, name in by_pinyin(children.get(parent, [])):
            out.append((oid, ORG_INDENT * depth + name))
            visit(oid, depth + 1)

    visit(None, 0)
    return out


def org_text(shown: str) -> str:
    """The name of an `org_tree` entry, without its indent."""
    return shown.lstrip(ORG_INDENT)


def gate(button: Any, actor: Actor, operation: str, why_else: str = "") -> bool:
    """Enable a button (or action) that runs `operation` (models/operations.py) when the account may
    run it and nothing else stops it (`why_else`, e.g. “select a row first”); a disabled one says
    why as its tip. The operation's name stays on the widget for the role tests."""
    why = refusal_text(actor, operation) or why_else
    button.setProperty("operation", operation)
    button.setEnabled(not why)
    button.setToolTip(why)
    return not why


def to_qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def from_qdate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def date_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class FieldBox(QWidget):
    """An editor with a red error line under it (hidden while the value is fine)."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.editor = editor
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setStyleSheet("color: #c0392b;")
        self.error.setWordWrap(True)
        self.error.hide()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(editor)
        lay.addWidget(self.error)

    def set_error(self, text: str) -> None:
        """Show why the field is wrong under it (not a second time under an organization picker
        whose own line already says why the text names no organization)."""
        shows_problem = getattr(self.editor, "shows_problem", None)
        if text and shows_problem is not None and shows_problem():
            text = ""
        self.error.setText(phrase(text))  # a check's known reason in the interface's language
        self.error.setVisible(bool(text))
        self.editor.setProperty("invalid", bool(text))
        self.editor.style().unpolish(self.editor)
        self.editor.style().polish(self.editor)

    def required_date(self) -> date | None:
        """The date typed, or None with the reason shown under the field."""
        from models.values import parse_date

        try:
            on = parse_date(self.value())
        except ValueError as exc:
            self.set_error(str(exc))
            return None
        self.set_error("" if on else QCoreApplication.translate("FieldBox", "必填"))
        return on

    def value(self) -> Any:
        from .org_picker import OrgPicker  # (it loads the organization services: not at start-up)

        e = self.editor
        if isinstance(e, OrgPicker):  # the organization chosen, or the text to refuse
            oid = e.org_id()
            return oid if oid is not None else (e.edit.text().strip() or None)
        if isinstance(e, QLineEdit):
            return e.text()
        if isinstance(e, QComboBox):
            data = e.currentData()
            return data if data is not None else e.currentText()
        if isinstance(e, QCheckBox):
            return e.isChecked()
        raise TypeError(type(e))

    def set_value(self, value: Any) -> None:
        from .org_picker import OrgPicker

        e = self.editor
        if isinstance(e, OrgPicker):
            e.set_org(value)
        elif isinstance(e, QLineEdit):
            e.setText(date_text(value) if value is not None else "")
        elif isinstance(e, QComboBox):
            idx = e.findData(value)
            if idx < 0:
                idx = e.findText("" if value is None else str(value))
            if idx < 0 and e.isEditable():
                e.setEditText(str(value))
            else:
                e.setCurrentIndex(max(idx, 0))
        elif isinstance(e, QCheckBox):
            e.setChecked(bool(value))


class EnterMovesOn(QObject):
    """Enter in a line edit or combo box moves to the next field, like Tab."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if (isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            if event.modifiers() == Qt.KeyboardModifier.NoModifier and isinstance(obj, QWidget):
                obj.focusNextChild()
                return True
        return False


def combo(items: list[tuple[str, Any]], editable: bool = False) -> QComboBox:
    box = QComboBox()
    box.setEditable(editable)
    for text, data in items:
        box.addItem(text, data)
    return box
