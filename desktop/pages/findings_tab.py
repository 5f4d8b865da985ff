"""三函督办 → 数据核查: the checks the records allow, offered as findings (docs/findings.md).

运行核查 runs the checks for the page's month at its 截至 day (the same `findings --month M --as-of D`
of the command line); a proposal is accepted (a 数据核查 problem in the 问题与红黄灯 tab, listed by the
next drafting) or dismissed with a reason. The buttons follow the declared operations.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.tablemodels import ListModel, kept_selection
from forms.choices import enum_text
from forms.common import add_buttons, gate
from forms.flow import FlowLayout
from models.errors import DomainError
from models.finding import Finding
from models.services import findings as fs

Index = QModelIndex | QPersistentModelIndex

FINDING_HEADERS = [
    QT_TRANSLATE_NOOP("headers", "核查项"), QT_TRANSLATE_NOOP("headers", "所属乡镇"),
    QT_TRANSLATE_NOOP("headers", "党组织"), QT_TRANSLATE_NOOP("headers", "问题类别"),
    QT_TRANSLATE_NOOP("headers", "严重程度"), QT_TRANSLATE_NOOP("headers", "问题描述"),
    QT_TRANSLATE_NOOP("headers", "依据"), QT_TRANSLATE_NOOP("headers", "状态"),
]

BUTTON_OPERATIONS = {"run": "findings.run", "accept": "findings.accept", "dismiss": "findings.dismiss"}


class FindingsModel(ListModel):
    """(id, cells) rows."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        fid, cells = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return enum_text(cells[index.column()])
        if role == Qt.ItemDataRole.UserRole:
            return fid
        return None

    def id_at(self, row: int) -> int | None:
        return self.rows[row][0] if 0 <= row < len(self.rows) else None


def finding_cells(session, f: Finding) -> list[str]:
    shown = f.status.value + (f"：{f.reason}" if f.reason else "")
    return [fs.check_label(f.check), fs.township_name(session, f.org), f.org.short_name or f.org.name,
            f.category, f.severity.value, f.description, f.evidence, shown]


class FindingsTab(QWidget):
    """The 数据核查 tab; `month()` and `as_of()` are the page's, `changed()` reloads the page."""

    def __init__(self, ctx: AppContext, month: Callable[[], str], as_of: Callable[[], date],
                 changed: Callable[[], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.month, self.as_of, self.changed = ctx, month, as_of, changed
        self.model = FindingsModel(FINDING_HEADERS, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        bar = FlowLayout()
        self.buttons = add_buttons(bar, (
            ("run", self.tr("运行核查"), self.run),
            ("accept", self.tr("采纳为问题"), self.accept_selected),
            ("dismiss", self.tr("排除…"), self.dismiss_selected),
        ))
        self.show_decided = QCheckBox(self.tr("显示已采纳和已排除的"))
        self.show_decided.toggled.connect(lambda _on: self.reload())
        bar.addWidget(self.show_decided)
        bar.addStretch(1)
        self.note = QLabel(self.tr("按月份和截至日期核查名册、班子、结对、整顿和评定记录；采纳的列入问题，"
                                   "进入三函督办，排除的须写明原因，相同记录不再提出。"))
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.note)
        layout.addWidget(self.view)
        for key, button in self.buttons.items():
            gate(button, ctx.actor, BUTTON_OPERATIONS[key])  # disabled with the reason, in the interface's language

    def reload(self) -> None:
        month, decided = self.month(), self.show_decided.isChecked()

        def load(session) -> list[tuple[int, list[str]]]:
            found = fs.pending(session, self.ctx.actor)  # undecided ones of any month are open work
            if decided:
                found += fs.decided(session, self.ctx.actor, month)
            return [(f.id, finding_cells(session, f)) for f in found]

        with kept_selection(self.view, self.model.id_at):
            self.model.set_rows(self.ctx.read(load))

    def selected_id(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        if len(rows) != 1:
            self.ctx.show_error(self.tr("请先选中一条核查问题"))
            return None
        return self.model.id_at(rows[0].row())

    def _do(self, fn) -> Any:
        try:
            with self.ctx.session() as session:
                result = fn(session)
        except DomainError as exc:
            self.ctx.show_error(str(exc))
            return None
        self.changed()
        self.reload()
        return result

    def run(self) -> int | None:
        """运行核查: the proposals waiting after the run (their number, None on refusal)."""
        month, as_of = self.month(), self.as_of()
        found = self._do(lambda s: len(fs.propose(s, self.ctx.actor, month, min(as_of, date.today()))))
        if found is not None:
            self.ctx.status(self.tr("核查完成：待处理%1条").replace("%1", str(found)))
        return found

    def accept_selected(self) -> int | None:
        fid = self.selected_id()
        if fid is None:
            return None
        pid = self._do(lambda s: fs.accept(s, self.ctx.actor, fid).id)
        if pid is not None:
            self.ctx.status(self.tr("已采纳，登记为问题（编号%1），下次起草督办函时列入").replace("%1", str(pid)))
        return pid

    def dismiss_selected(self, reason: str | None = None) -> bool:
        fid = self.selected_id()
        if fid is None:
            return False
        if reason is None:  # asked in a form that keeps the reason when refused (docs/screen.md)
            from forms.letters import ReasonDialog

            def save(text: str) -> None:
                with self.ctx.session() as session:
                    fs.dismiss(session, self.ctx.actor, fid, text)
                self.changed()
                self.reload()

            self.reason_dialog = ReasonDialog(self, self.tr("排除核查问题"),
                                              self.tr("排除的原因（记入日志；相同记录不再提出）："), "排除原因", save)
            return self.reason_dialog.exec() == QDialog.DialogCode.Accepted
        return self._do(lambda s: fs.dismiss(s, self.ctx.actor, fid, reason).id) is not None
