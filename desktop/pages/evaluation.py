"""星级评定与双评: choose a round and a branch, type or paste scores and vote counts like a spreadsheet.

Totals and levels are computed as the clerk types (the same scoring functions as the services);
quota and turnout warnings are listed beside the grid. 保存 writes the changed sheets (versioned,
audited); the final level differs from the computed one only through 调整最终等次 (reason + body).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QBrush, QColor, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import joinedload

from forms import dialogs
from forms.choices import enum_text
from forms.common import by_pinyin, gate, refusal_text
from forms.flow import FlowLayout
from forms.import_wizard import spreadsheets
from forms.letters import ReasonDialog, SavingDialog
from forms.screen import GuardedDialog
from models.errors import DomainError
from models.evaluation import EvaluationRound, RoundStatus, SubjectKind
from models.services import evaluation as ev
from models.services.common import get_or_fail
from reports import evaluation_xlsx as ex

from ..context import AppContext

KEY = "evaluation"
TITLE = "星级评定与双评"

Index = QModelIndex | QPersistentModelIndex

#: the grid's own columns (the scheme's columns are the scheme's words), for lupdate
GRID_HEADERS = [QT_TRANSLATE_NOOP("EvaluationPage", "姓名"), QT_TRANSLATE_NOOP("EvaluationPage", "类型"),
                QT_TRANSLATE_NOOP("EvaluationPage", "自评"), QT_TRANSLATE_NOOP("EvaluationPage", "审议"),
                QT_TRANSLATE_NOOP("EvaluationPage", "党组织"), QT_TRANSLATE_NOOP("EvaluationPage", "总分"),
                QT_TRANSLATE_NOOP("EvaluationPage", "计算等次"), QT_TRANSLATE_NOOP("EvaluationPage", "最终等次")]
#: the button that takes a round one step on, by its status
STEP_NAMES = {RoundStatus.DRAFT: QT_TRANSLATE_NOOP("EvaluationPage", "审核"),
              RoundStatus.REVIEWED: QT_TRANSLATE_NOOP("EvaluationPage", "公示"),
              RoundStatus.POSTED: QT_TRANSLATE_NOOP("EvaluationPage", "确定并锁定")}


def _tr(text: str) -> str:
    """A text marked elsewhere (QT_TRANSLATE_NOOP("EvaluationPage", …)); a literal is written as
    QCoreApplication.translate("EvaluationPage", "…"), the call lupdate extracts."""
    return QCoreApplication.translate("EvaluationPage", text)


#: the roles the grid answers (the delegate asks for more, for every cell: answered at once)
SERVED = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.TextAlignmentRole,
          Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole)
#: the results, right after the names so they stay in view beside the entry columns
TAIL = ["总分", "计算等次", "最终等次"]


class SheetTableModel(QAbstractTableModel):
    """One branch's sheets: name and type, the entry columns (editable), total and levels (computed)."""

    edited = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.defn: ev.Definition | None = None
        self.rows: list[ev.SheetRow] = []
        self.columns: list[ex.Column] = []
        self.cells: list[dict[str, Any]] = []
        self.results: list[tuple[Any, str | None]] = []
        self.dirty: set[int] = set()
        self.editable = True
        #: sheet id → approval state (双议双评) shown in the 审议 column
        self.notes: dict[int, str] = {}
        #: rows whose final level is over its limit in their branch (优秀 beyond one third)
        self.over: set[int] = set()
        #: a grade waits for the member's 个人自评 (setting evaluation_self_before_grading)
        self.self_needed = False
        #: org id → the branch meeting recorded (民主评议), read by the turnout warnings
        self.meetings: dict[int, ev.Meeting] = {}
        #: 一票否决 (models/services/evaluation/veto.py): org id → reason, and the cap
        self.veto: tuple[dict[int, str], str | None] = ({}, None)
        #: row → its cells' texts, made once (fitting the columns asks for every cell's text)
        self.texts: dict[int, list[str]] = {}
        self.fixed = self._fixed()

    # ------------------------------------------------------------ loading

    def load(self, defn: ev.Definition | None, rows: list[ev.SheetRow], editable: bool = True,
             notes: dict[int, str] | None = None, self_needed: bool = False,
             meetings: dict[int, ev.Meeting] | None = None) -> None:
        self.beginResetModel()
        self.defn, self.rows, self.editable = defn, list(rows), editable
        self.notes = dict(notes or {})
        self.self_needed, self.meetings = self_needed, dict(meetings or {})
        self.columns = ex.entry_columns(defn) if defn else []
        self.fixed, self.texts = self._fixed(), {}
        self.cells = []
        for r in self.rows:
            vals = ex.cell_values(defn, r) if defn else []
            self.cells.append({c.header: v for c, v in zip(self.columns, vals, strict=True)})
        self.results = [(r.total, r.computed_level) for r in self.rows]
        self.dirty = set()
        self._mark_over_quota()
        self.endResetModel()

    def _mark_over_quota(self) -> None:
        self.over = set()
        if self.defn is None or self.defn.subject is not SubjectKind.MEMBER:
            return
        by_branch: dict[int, list[int]] = {}
        for i, r in enumerate(self.rows):
            by_branch.setdefault(r.org_id, []).append(i)
        for q in self.defn.quotas:
            if q.per != "branch" or q.kind != "limit" or q.max_share is None:
                continue
            for rows in by_branch.values():
                graded = [i for i in rows if self.rows[i].graded]
                hits = [i for i in graded if self.final_level(i) == q.level]
                if len(hits) > q.max_share * len(graded):
                    self.over.update(hits)

    # ------------------------------------------------------------ shape

    def _fixed(self) -> list[str]:
        """The name columns (self.fixed, set at load)."""
        if self.defn is not None and self.defn.subject is SubjectKind.MEMBER:
            return (["姓名", "类型"] + (["自评"] if self.defn.self_assessment else [])
                    + (["审议"] if self.defn.approvals else []))
        return ["党组织"]

    @property
    def tail(self) -> list[str]:
        """The results, right after the names so they stay in view beside the entry columns."""
        return TAIL

    @property
    def first_entry(self) -> int:
        return len(self.fixed) + len(self.tail)

    @property
    def final_column(self) -> int:
        return len(self.fixed) + 2

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.defn is None:
            return 0
        return len(self.fixed) + len(self.columns) + len(self.tail)

    def entry_column(self, col: int) -> ex.Column | None:
        i = col - self.first_entry
        return self.columns[i] if 0 <= i < len(self.columns) else None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:  # the name, frozen at the left while scrolling
            return f"{section + 1} {self.rows[section].subject_name}" if 0 <= section < len(self.rows) else None
        if section < 0:
            return None
        names = self.fixed + self.tail  # then the entry columns: only the asked header is translated
        if section < len(names):
            return _tr(names[section])
        entry = self.entry_column(section)
        return entry.header if entry is not None else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable and self.entry_column(index.column()) is not None:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    # ------------------------------------------------------------ values

    def final_level(self, row: int) -> str | None:
        r = self.rows[row]
        level = r.final_level if r.override_reason else self.results[row][1]
        reasons, cap = self.veto
        return ev.capped(self.defn, level, cap) if self.defn and r.org_id in reasons else level

    def row_texts(self, row: int) -> list[str]:
        """A row's cells as shown: the names, the results, the entry columns."""
        r = self.rows[row]
        out = [r.subject_name]
        for name in self.fixed[1:]:
            if name == "自评":
                out.append(enum_text("未记录" if r.self_done is None else "已完成" if r.self_done else "未完成"))
            elif name == "审议":
                out.append(enum_text(self.notes.get(r.sheet_id, "均已同意")))
            else:
                out.append(enum_text("正式党员" if r.graded else "预备党员"))
        total, level = self.results[row]
        out += [ev.display_score(total), enum_text(level), enum_text(self.final_level(row))]
        cells = self.cells[row]
        return out + ["" if (v := cells.get(c.header)) is None else str(v) for c in self.columns]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in SERVED or not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        row, col = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            texts = self.texts.get(row)
            if texts is None:
                texts = self.texts[row] = self.row_texts(row)
            return texts[col] if 0 <= col < len(texts) else None
        r = self.rows[row]
        entry = self.entry_column(col)
        nfixed = len(self.fixed)
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= nfixed:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            if row in self.over and (col == 0 or col == self.final_column):
                return QBrush(QColor("#ffd2d2"))
            if entry is None and col >= nfixed:
                return QBrush(QColor("#f2f2f2"))
            if row in self.dirty and entry is not None:
                return QBrush(QColor("#fff7d6"))
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.final_column and r.override_reason:
                return QCoreApplication.translate("EvaluationPage", "调整理由：") + f"{r.override_reason}（{r.override_body}）"
            if row in self.over and col in (0, self.final_column):
                return QCoreApplication.translate("EvaluationPage", "超出名额：该等次超过本支部参评人数的限额")
            if col < nfixed and self.fixed[col] == "自评" and r.self_summary:
                return r.self_summary
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not self.editable:
            return False
        entry = self.entry_column(index.column())
        if entry is None:
            return False
        parsed = self._parse(entry, value)
        if parsed is False:
            return False
        row = index.row()
        if self.cells[row].get(entry.header) == parsed:
            return True
        self.cells[row][entry.header] = parsed
        self.dirty.add(row)
        self._recompute(row)
        self.texts.pop(row, None)
        before = set(self.over)
        self._mark_over_quota()
        if before != self.over:  # another row's highlight may change too
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, self.columnCount() - 1))
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        self.edited.emit()
        return True

    @staticmethod
    def _parse(entry: ex.Column, value: Any) -> Any:
        """The cell value to keep, None for blank, False when it is not a number."""
        text = "" if value is None else str(value).strip()
        if not text:
            return None
        if entry.kind == "votes":
            try:
                n = int(text)
            except ValueError:
                return False
            return n if n >= 0 else False
        d = ex.parse_points(text)
        return False if d is None else str(d)

    def entry(self, row: int) -> tuple[dict[str, Any], dict[str, Any]]:
        items, raters, _errors = ex.entry_from_cells(self.defn, self.cells[row])
        return items, raters

    def _recompute(self, row: int) -> None:
        items, raters = self.entry(row)
        r = self.rows[row]
        waiting = self.self_needed and r.member_id is not None and r.self_done is not True
        try:
            self.results[row] = ev.sheet_result(self.defn, items, raters, r.graded, waiting)
        except (ArithmeticError, ValueError):
            self.results[row] = (None, None)

    def paste(self, top: QModelIndex, text: str) -> int:
        """A block copied from Excel (tab between cells, newline between rows) from `top` on."""
        if not top.isValid() or not self.editable:
            return 0
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        while lines and lines[-1] == "":
            lines.pop()
        count = 0
        for dr, line in enumerate(lines):
            for dc, cell in enumerate(line.split("\t")):
                idx = self.index(top.row() + dr, top.column() + dc)
                if idx.isValid() and self.flags(idx) & Qt.ItemFlag.ItemIsEditable and self.setData(idx, cell):
                    count += 1
        return count

    def live_rows(self) -> list[ev.SheetRow]:
        """The rows as typed: computed totals and levels, for the warnings."""
        return [replace(r, total=self.results[i][0], computed_level=self.results[i][1],
                        final_level=self.final_level(i)) for i, r in enumerate(self.rows)]

    def warnings(self) -> list[str]:
        if self.defn is None:
            return []
        reasons, cap = self.veto
        vetoed = {r.org_id: r.org_name for r in self.rows if r.org_id in reasons}
        return ev.warnings_for(self.defn, self.live_rows(), whole_round=False, meetings=self.meetings,
                               self_needed=self.self_needed) + [
            QCoreApplication.translate("EvaluationPage", "{name}：星级不超过{cap}（{reasons}）").format(name=name, cap=cap, reasons=reasons[oid])
            for oid, name in vetoed.items()]


class SheetTableView(QTableView):
    """Enter moves down (after an edit too); Delete clears the selected cells."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        # Ctrl/Shift-click and Shift+arrows pick several cadres for one meeting's 商议/审议
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)

    def move_down(self) -> None:
        idx = self.currentIndex()
        if idx.isValid() and idx.row() + 1 < self.model().rowCount():
            self.setCurrentIndex(self.model().index(idx.row() + 1, idx.column()))

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            self.move_down()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != QAbstractItemView.State.EditingState:
            self.move_down()
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.state() != QAbstractItemView.State.EditingState:
            for idx in self.selectedIndexes():
                if self.model().flags(idx) & Qt.ItemFlag.ItemIsEditable:
                    self.model().setData(idx, "")
            return
        super().keyPressEvent(event)


def _ok_cancel(form: QFormLayout, dialog: QDialog) -> None:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)


class OverrideDialog(SavingDialog):
    """调整最终等次: `save((level, reason, body))` on 确定; refused, the form stays as typed."""

    def __init__(self, levels: list[str], current: str | None, parent: QWidget | None = None,
                 save: Any = None) -> None:
        super().__init__(parent, save)
        self.setWindowTitle(self.tr("调整最终等次"))
        form = QFormLayout(self)
        self.level = QComboBox()
        self.level.addItem(self.tr("（恢复计算等次）"), None)
        for level in levels:
            self.level.addItem(level, level)
        if current in levels:
            self.level.setCurrentIndex(levels.index(current) + 1)
        self.reason = QLineEdit()
        self.body = QLineEdit()
        self.body.setPlaceholderText(self.tr("如 红星村党支部党员大会、东城镇党委会"))
        form.addRow(self.tr("最终等次"), self.level)
        form.addRow(self.tr("调整理由"), self.reason)
        form.addRow(self.tr("决定机关"), self.body)
        _ok_cancel(form, self)
        self.field_widgets = {"最终等次": self.level, "调整理由": self.reason, "决定机关": self.body}

    def values(self) -> tuple[str | None, str, str]:
        return self.level.currentData(), self.reason.text(), self.body.text()


class OpenRoundDialog(SavingDialog):
    """开启评价: scheme, period, scope; for a 双议双评 scheme the villages whose cadres it covers.
    `save((scheme, period, scope id, village ids or None))` on 确定; refused, the form stays."""

    def __init__(self, schemes: list[tuple[str, bool]], scopes: list[tuple[int, str]],
                 villages: list[tuple[int, str]], parent: QWidget | None = None, save: Any = None) -> None:
        super().__init__(parent, save)
        self.setWindowTitle(self.tr("开启评价"))
        form = QFormLayout(self)
        self.scheme = QComboBox()
        for name, cadre in schemes:
            self.scheme.addItem(name, cadre)
        self.period = QLineEdit()
        self.period.setPlaceholderText(self.tr("2026、2026H1、2026Q3 或 2026-10"))
        self.scope = QComboBox()
        for oid, name in scopes[:1] + by_pinyin(scopes[1:]):  # the county (or the township), then pinyin order
            self.scope.addItem(name, oid)
        self.villages = QListWidget()
        for oid, name in by_pinyin(villages):
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, oid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.villages.addItem(item)
        form.addRow(self.tr("评价方案"), self.scheme)
        form.addRow(self.tr("周期"), self.period)
        form.addRow(self.tr("评价范围"), self.scope)
        form.addRow(self.tr("村（双议双评）"), self.villages)
        _ok_cancel(form, self)
        self.field_widgets = {"周期": self.period, "评价周期": self.period, "村": self.villages,
                              "评价范围": self.scope}
        self.scheme.currentIndexChanged.connect(self._scheme_changed)
        self._scheme_changed()

    def has_changes(self) -> bool:
        return super().has_changes() or bool(self.checked_villages())

    def values(self) -> tuple[str, str, int | None, list[int] | None]:
        cadre = bool(self.scheme.currentData())
        return (self.scheme.currentText(), self.period.text(), self.scope.currentData(),
                self.checked_villages() if cadre else None)

    def _scheme_changed(self, *_args: Any) -> None:
        cadre = bool(self.scheme.currentData())
        self.villages.setEnabled(cadre)
        self.scope.setEnabled(not cadre)

    def checked_villages(self) -> list[int]:
        return [self.villages.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.villages.count())
                if self.villages.item(i).checkState() == Qt.CheckState.Checked]


class TextPairDialog(SavingDialog):
    """Two lines of text (reason and deciding body, or a summary) and an optional choice;
    `save((first, second))` on 确定, the form kept as typed when refused. The labels are the
    service's field names (the refused one gets the cursor)."""

    def __init__(self, title: str, labels: tuple[str, str], choices: list[str] | None = None,
                 parent: QWidget | None = None, save: Any = None) -> None:
        super().__init__(parent, save)
        self.setWindowTitle(title)
        form = QFormLayout(self)
        self.choice = QComboBox()
        for c in choices or []:
            self.choice.addItem(c)
        if choices:
            form.addRow(self.tr("结果"), self.choice)
        self.first, self.second = QLineEdit(), QLineEdit()
        form.addRow(labels[0], self.first)
        if labels[1]:
            form.addRow(labels[1], self.second)
        _ok_cancel(form, self)
        self.field_widgets = {name: w for name, w in zip(labels, (self.first, self.second), strict=True) if name}

    def values(self) -> tuple[str, str]:
        return self.first.text(), self.second.text()


class MeetingDialog(SavingDialog):
    """支部党员大会 of the chosen branch: date, 应到 (full members), 实到, leave reasons, public raters.
    `save(fields())` on 确定; refused, the dialog stays open as typed with the field named focused."""

    def __init__(self, branch: str, current: ev.Meeting | None, full_members: int,
                 save: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent, save)
        self.setWindowTitle(self.tr("支部党员大会") + f"：{branch}")
        form = QFormLayout(self)
        self.edits: dict[str, QLineEdit] = {}
        shown = {} if current is None else {
            "held_on": current.held_on.isoformat(), "expected": current.expected, "present": current.present,
            "absent_note": current.absent_note or "", "public_invited": current.public_invited,
            "public_present": current.public_present}
        if current is None:
            shown["expected"] = full_members
        labels = {"held_on": self.tr("会议日期"), "expected": self.tr("应到（正式党员）"), "present": self.tr("实到"),
                  "absent_note": self.tr("请假人员及原因"), "public_invited": self.tr("邀请群众"),
                  "public_present": self.tr("到会群众")}  # the service's ev.MEETING_FIELDS, for the window
        for key in ev.MEETING_FIELDS:
            label = labels[key]
            edit = QLineEdit(str(shown.get(key, "")))
            edit.setObjectName(f"meeting_{key}")
            self.edits[key] = edit
            form.addRow(label, edit)
            self.field_widgets[ev.MEETING_FIELDS[key]] = edit
        self.edits["held_on"].setPlaceholderText("2026-01-08")
        _ok_cancel(form, self)

    def fields(self) -> dict[str, str]:
        return {key: edit.text() for key, edit in self.edits.items()}

    def values(self) -> dict[str, str]:
        return self.fields()


class SelfAssessmentDialog(GuardedDialog):
    """个人自评 of the selected members, one after the other: whose it is at the top (name, branch,
    n of N), 已完成/未完成 and the summary; 记录 writes it and moves to the next; 上一人/下一人
    move without writing."""

    def __init__(self, ctx: AppContext, rows: list[ev.SheetRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.rows, self.at = ctx, list(rows), 0
        #: sheet id → version after this dialog recorded it (a second record of the same member)
        self.versions = {r.sheet_id: r.version for r in rows}
        self.recorded: set[int] = set()
        self.setWindowTitle(self.tr("个人自评"))
        self.setMinimumWidth(460)
        form = QFormLayout(self)
        self.who = QLabel()
        self.who.setObjectName("selfWho")
        self.who.setProperty("data", True)
        form.addRow(self.who)
        self.choice = QComboBox()
        self.choice.addItems(["已完成", "未完成"])
        self.summary = QLineEdit()
        self.summary.setPlaceholderText(self.tr("自评摘要（已完成时必填）"))
        form.addRow(self.tr("自评"), self.choice)
        form.addRow(self.tr("自评摘要"), self.summary)
        self.message = QLabel()
        self.message.setWordWrap(True)
        form.addRow(self.message)
        bar = QDialogButtonBox()
        self.previous_button = bar.addButton(self.tr("上一人"), QDialogButtonBox.ButtonRole.ActionRole)
        self.next_button = bar.addButton(self.tr("下一人"), QDialogButtonBox.ButtonRole.ActionRole)
        self.record_button = bar.addButton(self.tr("记录"), QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = bar.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        self.previous_button.clicked.connect(lambda: self.go(self.at - 1))
        self.next_button.clicked.connect(lambda: self.go(self.at + 1))
        self.record_button.clicked.connect(self.record)
        self.close_button.clicked.connect(self.reject)
        form.addRow(bar)
        self.go(0)

    def _typed(self) -> tuple[str, str]:
        return self.choice.currentText(), self.summary.text()

    def has_changes(self) -> bool:
        """The member shown has a 自评 typed and not recorded (Esc or 关闭 asks first)."""
        return self._typed() != self._shown

    def go(self, at: int) -> None:
        self.at = max(0, min(at, len(self.rows) - 1))
        r = self.rows[self.at]
        self.who.setText(self.tr("第%1人，共%2人：%3（%4）").replace("%1", str(self.at + 1))
                         .replace("%2", str(len(self.rows))).replace("%3", r.subject_name).replace("%4", r.org_name))
        self.choice.setCurrentText("未完成" if r.self_done is False else "已完成")
        self.summary.setText(r.self_summary or "")
        self.previous_button.setEnabled(self.at > 0)
        self.next_button.setEnabled(self.at < len(self.rows) - 1)
        self.message.setText(self.tr("已记录") if r.sheet_id in self.recorded else "")
        self.summary.setFocus()
        self._shown = self._typed()

    def record(self) -> bool:
        """Write this member's 自评, then show the next one (the dialog stays on the last)."""
        r = self.rows[self.at]
        try:
            with self.ctx.session() as session:
                sheet = ev.record_self_assessment(session, self.ctx.actor, r.sheet_id, self.versions[r.sheet_id],
                                                  self.choice.currentText() == "已完成", self.summary.text())
                session.flush()
                self.versions[r.sheet_id] = sheet.version
        except DomainError as exc:
            self.message.setText(str(exc))
            return False
        self.rows[self.at] = replace(r, self_done=self.choice.currentText() == "已完成",
                                     self_summary=self.summary.text().strip() or None)
        self.recorded.add(r.sheet_id)
        self._shown = self._typed()
        if self.at < len(self.rows) - 1:
            self.go(self.at + 1)
        else:
            self.message.setText(self.tr("已记录%1人的个人自评").replace("%1", str(len(self.recorded))))
        return True


class EvaluationPage(QWidget):
    #: how often the page looks for changes made by other clerks (milliseconds)
    POLL_MS = 20000
    #: when the grid and its signature were read (time.monotonic)
    _read_at = 0.0

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.round_id: int | None = None
        self.branch_id: int | None = None
        self.round_status: RoundStatus | None = None
        self.signature: tuple[Any, ...] | None = None
        #: what reload_rounds read ahead for the round and branch it shows (taken by _read)
        self._ahead: dict[tuple[Any, ...], Any] = {}
        #: 记录商议/审议 dialogs open (kept so that they are not collected while shown)
        self.approval_dialogs: list[QWidget] = []
        #: 重新开启's reason, asked in a form that keeps it when refused
        self.reopen_dialog: QDialog | None = None
        sheets_tab = QWidget()
        layout = QVBoxLayout(sheets_tab)
        layout.setContentsMargins(0, 0, 0, 0)
        tools = FlowLayout()
        self.open_button = QPushButton(self.tr("开启评价…"))
        self.export_button = QPushButton(self.tr("导出填报表…"))
        self.import_button = QPushButton(self.tr("导入填报表…"))
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.self_button = QPushButton(self.tr("记录自评…"))
        self.meeting_button = QPushButton(self.tr("支部党员大会…"))
        self.approval_button = QPushButton(self.tr("记录商议/审议…"))
        self.exception_button = QPushButton(self.tr("规则例外…"))
        self.compute_button = QPushButton(self.tr("按积分台账重新计算"))
        for w in (self.open_button, self.compute_button, self.export_button, self.import_button, self.refresh_button,
                  self.self_button, self.meeting_button, self.approval_button, self.exception_button):
            tools.addWidget(w)
        tools.addStretch(1)
        self.notice = QLabel()
        tools.addWidget(self.notice)
        layout.addLayout(tools)
        bar = FlowLayout()
        self.round_combo = QComboBox()
        self.round_combo.setMinimumWidth(280)
        self.branch_combo = QComboBox()
        self.branch_combo.setMinimumWidth(180)
        self.status = QLabel()
        self.save_button = QPushButton(self.tr("保存"))
        self.revert_button = QPushButton(self.tr("撤销修改"))
        self.override_button = QPushButton(self.tr("调整最终等次…"))
        self.step_button = QPushButton()
        self.back_button = QPushButton()
        for w in (QLabel(self.tr("评价")), self.round_combo, QLabel(self.tr("党组织")), self.branch_combo, self.status):
            bar.addWidget(w)
        bar.addStretch(1)
        for w in (self.save_button, self.revert_button, self.override_button, self.step_button,
                  self.back_button):
            bar.addWidget(w)
        layout.addLayout(bar)

        self.model = SheetTableModel(self)
        self.view = SheetTableView()
        self.view.setModel(self.model)
        self.view.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.model.modelReset.connect(lambda: self.view.setColumnHidden(0, True))  # the name is the row header
        self.view.setToolTip(self.tr("“优秀”名额不超过参评数的三分之一；可从 Excel 复制后粘贴（Ctrl+V）"))
        self.paste_action = QAction(self.tr("粘贴"), self.view)
        self.paste_action.setShortcut(QKeySequence.StandardKey.Paste)
        self.paste_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.paste_action.triggered.connect(self.paste)
        self.view.addAction(self.paste_action)
        self.approval_action = QAction(self.tr("记录商议/审议…"), self.view)
        self.approval_action.triggered.connect(self.approval_dialog)
        self.view.addAction(self.approval_action)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(QLabel(self.tr("名额与参评率提示")))
        self.warnings = QListWidget()
        self.warnings.setWordWrap(True)
        side_layout.addWidget(self.warnings)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        side_layout.addWidget(self.summary)
        #: the branch meeting as recorded (民主评议): 应到, 实到, 参评率, public raters
        self.meeting_label = QLabel()
        self.meeting_label.setWordWrap(True)
        side_layout.addWidget(self.meeting_label)
        side_layout.addWidget(QLabel(self.tr("历年等次（当前行）")))
        self.history = QListWidget()
        side_layout.addWidget(self.history)
        split = QSplitter()
        split.addWidget(self.view)
        split.addWidget(side)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        layout.addWidget(split, 1)
        from .cadre_roster import CadreRoster

        self.roster = CadreRoster(ctx)
        self.roster.show_sheet.connect(self.show_sheet)
        self.roster.recorded.connect(self._roster_recorded)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("evaluationTabs")
        self.tabs.addTab(sheets_tab, self.tr("评价表"))
        self.tabs.addTab(self.roster, self.tr("村干部名册"))
        self.tabs.currentChanged.connect(self._tab_changed)
        QVBoxLayout(self).addWidget(self.tabs)

        self.round_combo.currentIndexChanged.connect(self._round_changed)
        self.branch_combo.currentIndexChanged.connect(self._branch_changed)
        self.model.edited.connect(self.refresh_warnings)
        self.model.modelReset.connect(self.refresh_warnings)
        self.view.selectionModel().currentRowChanged.connect(self.show_history)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self._branch_changed)
        self.override_button.clicked.connect(self.override)
        self.step_button.clicked.connect(self.step)
        self.back_button.clicked.connect(self.back)
        gate(self.open_button, ctx.actor, "evaluate.open")
        self.open_button.clicked.connect(self.open_dialog)
        self.export_button.clicked.connect(self.export_dialog)
        self.import_button.clicked.connect(self.import_dialog)
        self.refresh_button.clicked.connect(self.reload)
        self.self_button.clicked.connect(self.self_dialog)
        self.meeting_button.clicked.connect(self.meeting_dialog)
        self.approval_button.clicked.connect(self.approval_dialog)
        self.exception_button.clicked.connect(self.exception_dialog)
        self.compute_button.clicked.connect(self.recompute)
        from PySide6.QtCore import QTimer

        self.poll = QTimer(self)
        self.poll.setInterval(self.POLL_MS)
        self.poll.timeout.connect(self.check_changes)
        self.poll.start()
        self.reload_rounds()

    # ------------------------------------------------------------ loading

    def reload_rounds(self) -> None:
        """The rounds, and the grid of the round and branch that will be shown, in one read."""
        current, branch = self.round_combo.currentData(), self.branch_combo.currentData()

        def read(session):
            rounds = ev.list_rounds(session, self.ctx.actor)
            ids = [r.id for r in rounds]
            rid = current if current in ids else ids[0] if ids else None
            ahead = ({("grid", None, None): ev.round_signature(session, None)} if rid is None
                     else self._read_round(session, rid, branch))
            return [(r.id, ev.round_label(r) + f" · {enum_text(r.status)}") for r in rounds], ahead

        labels, self._ahead = self.ctx.read(read)
        try:
            self.round_combo.blockSignals(True)
            self.round_combo.clear()
            for rid, label in labels:
                self.round_combo.addItem(label, rid)
            i = self.round_combo.findData(current) if current is not None else -1
            if i >= 0:
                self.round_combo.setCurrentIndex(i)
            self.round_combo.blockSignals(False)
            self._round_changed(branch=branch)
        finally:
            self._ahead = {}

    def _read(self, key: tuple[Any, ...], fn: Any) -> Any:
        """What reload_rounds or _round_changed read ahead under `key`, else `fn` read now."""
        return self._ahead.pop(key) if key in self._ahead else self.ctx.read(fn)

    def _read_round(self, session: Any, round_id: int, branch: int | None) -> dict[tuple[Any, ...], Any]:
        """A round's branches and the grid of the branch it will show (`branch` when it has it),
        by their keys for _read."""
        rnd = get_or_fail(session, EvaluationRound, round_id, "评价",  # held: read once for both
                          [joinedload(EvaluationRound.scheme), joinedload(EvaluationRound.scope_org)])
        branches, subject = choices = self._read_branches(session, rnd.id)
        oid = _branch_shown(branches, subject, branch)
        return {("branches", round_id): choices, ("grid", round_id, oid): self._read_grid(session, round_id, oid)}

    def _read_branches(self, session: Any, round_id: int) -> tuple[list[tuple[int, str, int]], SubjectKind]:
        rnd = get_or_fail(session, EvaluationRound, round_id, "评价", [joinedload(EvaluationRound.scheme)])
        return ev.round_branches(session, self.ctx.actor, round_id), rnd.scheme.subject

    def _read_grid(self, session: Any, round_id: int, org_id: int | None) -> tuple[Any, ...]:
        rnd = get_or_fail(session, EvaluationRound, round_id, "评价",
                          [joinedload(EvaluationRound.scheme), joinedload(EvaluationRound.scope_org)])
        rows = ev.round_sheets(session, self.ctx.actor, rnd.id, [org_id] if org_id is not None else None)
        defn = ev.definition_of(rnd.scheme)
        notes = ev.approval_gaps(session, defn, [r.sheet_id for r in rows])
        return (defn, rows, rnd.status, notes, ev.is_ledger(rnd), ev.round_signature(session, rnd.id),
                rnd.rule_override_reason, ev.self_assessment_note(defn, rows),
                ev.round_label(rnd) + f" · {enum_text(rnd.status)}", ev.self_required(session, defn),
                ev.meetings_of(session, rnd.id), ev.round_veto(session, rnd))

    def reload(self) -> None:
        """Read everything again (the window calls this when the page is shown): a round opened or
        changed by another clerk appears. Unsaved typing is kept: the clerk is told instead."""
        if self.tabs.currentWidget() is self.roster:
            self.roster.refresh()
        if self.model.dirty:
            self.notice.setText(self.tr("其他办事员可能修改了评价；请先保存或撤销修改，再刷新"))
            return
        self.reload_rounds()
        self.notice.setText("")

    def _tab_changed(self, _index: int) -> None:
        """村干部名册 shown: read again (商议/审议 recorded in the grid meanwhile), and the cadres of
        the round chosen in the grid when it is a 双议双评 round."""
        if self.tabs.currentWidget() is self.roster:
            self.roster.refresh()
            self.roster.follow(self.round_id)

    def show_sheet(self, round_id: int, org_id: int, sheet_id: int) -> bool:
        """在评价表中查看 (from the roster): the round, the village and the cadre's row in the grid."""
        if self.model.dirty:
            self.ctx.show_error(self.tr("评价表有未保存的修改，请先保存或撤销修改"))
            return False
        self.tabs.setCurrentIndex(0)
        self.select_round(round_id, org_id)
        row = next((i for i, r in enumerate(self.model.rows) if r.sheet_id == sheet_id), -1)
        if row < 0:
            return False
        self.view.selectRow(row)
        self.view.scrollTo(self.model.index(row, 0))
        return True

    def check_changes(self) -> bool:
        """Compare the rounds and the current round's sheet versions with what is shown; reload
        when another clerk changed them. Returns True when something changed."""
        try:
            sig = self.ctx.read(lambda s: ev.round_signature(s, self.round_id))
        except Exception:  # noqa: BLE001 - a closed database must not break the timer
            return False
        if self.signature is None or sig == self.signature:
            self.signature = sig
            return False
        if self.model.dirty:
            self.notice.setText(self.tr("其他办事员修改了本评价；保存前请先撤销修改并刷新"))
            return True
        self.reload_rounds()
        self.notice.setText(self.tr("已刷新：其他办事员修改了评价"))
        return True

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt name
        super().showEvent(event)
        import time

        # shown again: compare (one statement); not when the grid was read a moment ago (built)
        if self.signature is not None and time.monotonic() - self._read_at > 1.0:
            self.check_changes()

    def select_round(self, round_id: int, org_id: int | None = None) -> None:
        i = self.round_combo.findData(round_id)
        if i >= 0:
            self.round_combo.setCurrentIndex(i)
            self._round_changed()
        if org_id is not None:
            j = self.branch_combo.findData(org_id)
            if j >= 0:
                self.branch_combo.setCurrentIndex(j)

    def _keep_unsaved(self, combo: QComboBox, previous: Any) -> bool:
        """Another round or branch chosen while the grid holds unsaved typing: ask; when the clerk
        keeps the typing, the choice goes back and True is returned."""
        if not self.model.dirty or combo.currentData() == previous:
            return False
        if dialogs.confirm(self, self.tr("放弃修改"),
                           self.tr("评价表有未保存的修改，切换后将丢失。放弃这些修改？")):
            self.model.dirty.clear()  # given up: the grid is read again for the new choice
            return False
        combo.blockSignals(True)
        combo.setCurrentIndex(max(combo.findData(previous), 0))
        combo.blockSignals(False)
        return True

    def _round_changed(self, *_args: Any, branch: int | None = None) -> None:
        """Another round chosen: its branches (`branch` chosen when it has it), then its grid."""
        if self._keep_unsaved(self.round_combo, self.round_id):
            return
        round_id = self.round_id = self.round_combo.currentData()
        self.branch_combo.blockSignals(True)
        self.branch_combo.clear()
        if round_id is not None:
            if ("branches", round_id) not in self._ahead:  # its grid read with its branches
                self._ahead = self.ctx.read(lambda s: self._read_round(s, round_id, branch))
            branches, scheme_subject = self._ahead.pop(("branches", round_id))
            if scheme_subject is SubjectKind.ORGANIZATION:
                self.branch_combo.addItem(self.tr("全部（{0}个）").format(sum(n for *_x, n in branches)), None)
            else:
                counts = {oid: n for oid, _name, n in branches}
                for oid, name in by_pinyin([(oid, name) for oid, name, _n in branches]):
                    self.branch_combo.addItem(name + self.tr("（{0}人）").format(counts[oid]), oid)
                self.branch_combo.setCurrentIndex(max(self.branch_combo.findData(_branch_shown(
                    branches, scheme_subject, branch)), 0))
        self.branch_combo.blockSignals(False)
        try:
            self._branch_changed()
        finally:
            self._ahead = {}

    def _branch_changed(self, *_args: Any) -> None:
        if self.round_id is None:
            self.model.load(None, [])
            self.status.setText(self.tr("尚未开启评价：点击“开启评价…”"))
            self.signature = self._read(("grid", None, None), lambda s: ev.round_signature(s, None))
            self._tools(None, None)
            self.compute_button.setVisible(False)
            return
        if self._keep_unsaved(self.branch_combo, self.branch_id):
            return
        round_id, org_id = self.round_id, self.branch_combo.currentData()
        self.branch_id = org_id
        (defn, rows, status, notes, ledger, self.signature, exception, selfs, label, self_needed,
         meetings, self.model.veto) = self._read(("grid", round_id, org_id),
                                                 lambda s: self._read_grid(s, round_id, org_id))
        import time

        self._read_at = time.monotonic()
        i = self.round_combo.findData(self.round_id)
        if i >= 0 and self.round_combo.itemText(i) != label:
            self.round_combo.setItemText(i, label)
        self.round_status = status
        from models import operations

        may_fill = operations.allowed(self.ctx.actor, "evaluate.fill")
        self.model.load(defn, rows, editable=status is RoundStatus.DRAFT and not ledger and may_fill, notes=notes,
                        self_needed=self_needed, meetings=meetings)
        self.meeting_label.setText(self.meeting_text())
        text = self.tr("状态：") + enum_text(status) + (
            "" if status is RoundStatus.DRAFT and not ledger and may_fill else self.tr("（只读）"))
        if ledger:
            text += self.tr("　积分来自积分台账")
        if exception:
            text += self.tr("　规则例外：") + exception
        self.status.setText(text)
        self.compute_button.setVisible(ledger and status is RoundStatus.DRAFT)
        # the service's line (ev.self_assessment_note) in the interface's language
        done, not_done = sum(1 for r in rows if r.self_done), sum(1 for r in rows if r.self_done is False)
        self.self_note = self.tr("个人自评：已完成{0}人，未完成{1}人，未记录{2}人").format(
            done, not_done, len(rows) - done - not_done) if selfs else ""
        self.refresh_warnings()
        self._tools(defn, status)
        self.step_button.setText(_tr(STEP_NAMES[status]) if status in STEP_NAMES else "")
        self.step_button.setVisible(status in STEP_NAMES)
        self.back_button.setText(self.tr("重新开启…") if status is RoundStatus.LOCKED else self.tr("退回草稿"))
        self.back_button.setVisible(status is not RoundStatus.DRAFT)
        actor, locked = self.ctx.actor, self.tr("评价已确定并锁定") if status is RoundStatus.LOCKED else ""
        gate(self.override_button, actor, "evaluate.fill", locked)
        gate(self.step_button, actor, "evaluate.lock" if status is RoundStatus.POSTED else "evaluate.open")
        gate(self.back_button, actor, "evaluate.lock" if status is RoundStatus.LOCKED else "evaluate.open")
        for button in (self.save_button, self.revert_button, self.compute_button):
            gate(button, actor, "evaluate.fill")
        self.view.resizeColumnsToContents()

    def _tools(self, defn: ev.Definition | None, status: RoundStatus | None) -> None:
        have = defn is not None
        self.export_button.setEnabled(have)
        actor = self.ctx.actor
        draft = "" if status is RoundStatus.DRAFT else self.tr("只有草稿状态的评价可以录入")
        # 个人自评, the meeting, 商议/审议 and the fill-in workbook are entries (evaluate.fill)
        gate(self.import_button, actor, "evaluate.fill", draft)
        self.self_button.setVisible(have and defn.self_assessment)
        gate(self.self_button, actor, "evaluate.fill", draft)
        self.meeting_button.setVisible(have and ex.has_meetings(defn))
        gate(self.meeting_button, actor, "evaluate.fill", draft or (
            "" if self.branch_combo.currentData() is not None else self.tr("请先选择一个党支部")))
        self.approval_button.setVisible(have and bool(defn.approvals))
        self.approval_action.setVisible(have and bool(defn.approvals))
        for w in (self.approval_button, self.approval_action):
            gate(w, actor, "evaluate.fill", draft)
        self.exception_button.setVisible(have and (defn.min_turnout is not None or any(
            q.kind == "limit" for q in defn.quotas)))
        gate(self.exception_button, actor, "evaluate.lock",
             "" if status is not None and status is not RoundStatus.LOCKED else self.tr("评价已确定并锁定"))

    def refresh_warnings(self) -> None:
        self.warnings.clear()
        lines = self.model.warnings()
        self.warnings.addItems(lines or [self.tr("无")])
        counts: dict[str, int] = {}
        for i in range(self.model.rowCount()):
            level = self.model.final_level(i)
            if level:
                counts[level] = counts.get(level, 0) + 1
        self.summary.setText(self.tr("　").join(self.tr("{0}：{1}").format(enum_text(k), v) for k, v in counts.items())
                             + (f"\n{self.self_note}" if getattr(self, "self_note", "") else ""))

    def show_history(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        self.history.clear()
        if not current.isValid() or current.row() >= len(self.model.rows):
            return
        r = self.model.rows[current.row()]

        def read(session):
            if r.member_id is not None:
                return ev.member_history(session, self.ctx.actor, r.member_id)
            return ev.org_history(session, self.ctx.actor, r.org_id)

        entries = self.ctx.read(read)
        self.history.addItems([f"{e.period} {e.scheme}：{e.level or '—'} {e.change}".rstrip() for e in entries]
                              or [self.tr("（没有已确定的评价结果）")])

    # ------------------------------------------------------------ actions

    def paste(self) -> None:
        text = QGuiApplication.clipboard().text()
        idx = self.view.currentIndex()
        if not idx.isValid():
            idx = self.model.index(0, self.model.first_entry)
        self.model.paste(idx, text)

    def save(self) -> bool:
        m = self.model
        if not m.dirty:
            return True
        try:
            with self.ctx.session() as session:
                for row in sorted(m.dirty):
                    items, raters = m.entry(row)
                    r = m.rows[row]
                    ev.enter_scores(session, self.ctx.actor, r.sheet_id, r.version, items=items, raters=raters)
        except DomainError as exc:
            self.ctx.show_error(str(exc))
            return False
        self._branch_changed()
        return True

    def override(self) -> QDialog | None:
        idx = self.view.currentIndex()
        if not idx.isValid() or self.model.defn is None:
            return None
        if self.model.dirty and not self.save():
            return None
        row = idx.row()
        return self._show(OverrideDialog(self.model.defn.levels, self.model.rows[row].final_level, self,
                                         save=lambda v: self._override(row, *v)))

    def _show(self, dialog: QDialog) -> QDialog:
        """A form opened window-modal (kept referenced while shown); it closes itself once saved."""
        self.approval_dialogs = [d for d in self.approval_dialogs if d.isVisible()] + [dialog]
        dialog.open()
        return dialog

    def _override(self, row: int, level: str | None, reason: str, body: str) -> None:
        r = self.model.rows[row]
        self._commit(lambda s: ev.override_level(s, self.ctx.actor, r.sheet_id, r.version, level, reason, body))

    def _commit(self, action) -> Any:
        """One action for a dialog that keeps the typing: a DomainError goes to the dialog (shown,
        its field focused, the dialog open); done, the grid is read again."""
        with self.ctx.session() as session:
            result = action(session)
        self._branch_changed()
        return result

    def _run(self, action) -> bool:
        try:
            self._commit(action)
        except DomainError as exc:
            self.ctx.show_error(str(exc))
            return False
        return True

    def step(self, posting_start: Any = None) -> bool:
        """The next status: 审核, 公示 (from today or `posting_start`, 5 days), 确定并锁定 (after
        the posting; the blocking rules hold unless an exception is recorded)."""
        if self.round_id is None or (self.model.dirty and not self.save()):
            return False
        nxt = {RoundStatus.DRAFT: RoundStatus.REVIEWED, RoundStatus.REVIEWED: RoundStatus.POSTED}
        status = self.round_status
        what = {RoundStatus.DRAFT: self.tr("审核通过后不能再改分，确定审核本轮评价？"),
                RoundStatus.REVIEWED: self.tr("公示后结果向党员群众公开5天，确定开始公示？"),
                RoundStatus.POSTED: self.tr("确定并锁定后结果不能再改，只能说明理由后重新开启。确定锁定？")}
        target = {RoundStatus.DRAFT: RoundStatus.REVIEWED, RoundStatus.REVIEWED: RoundStatus.POSTED,
                  RoundStatus.POSTED: RoundStatus.LOCKED}.get(status)
        if target is not None:  # the rules first: a refusal is told before anything is asked
            refusal = self.ctx.read(lambda s: ev.step_refusal(s, self.ctx.actor, self.round_id, target))
            if refusal:
                self.ctx.show_error(refusal)
                return False
        if status in what and not dialogs.confirm(self, self.tr("请确认"), what[status]):
            return False
        if status is RoundStatus.POSTED:
            done = self._run(lambda s: ev.lock_round(s, self.ctx.actor, self.round_id))
        elif status in nxt:
            done = self._run(lambda s: ev.set_status(s, self.ctx.actor, self.round_id, None, nxt[status],
                                                     posting_start))
        else:
            return False
        if done and self.round_status is not None:  # one line saying what the step did to the round
            self.ctx.status(self.tr("本轮评价现为“%1”（本页%2张评价表）").replace("%1", self.round_status.value)
                            .replace("%2", str(len(self.model.rows))))
        return done

    # ------------------------------------------------------------ opening, workbooks, steps per member

    def open_round(self, scheme_name: str, period: str, org_id: int | None = None,
                   village_ids: list[int] | None = None) -> bool:
        """Open a round (every subject in scope, or the cadres of the villages) and show it."""
        try:
            self._open_round(scheme_name, period, org_id, village_ids)
        except DomainError as exc:
            self.ctx.show_error(str(exc))
            return False
        return True

    def _open_round(self, scheme_name: str, period: str, org_id: int | None = None,
                    village_ids: list[int] | None = None) -> None:
        from models.org import Organization
        from models.services import cadres
        from models.services.orgs import county_root

        opened: list[int] = []

        def act(session):
            scheme = ev.find_scheme(session, scheme_name)
            if village_ids is not None or ev.definition_of(scheme).approvals:
                rnd = cadres.open_cadre_round(session, self.ctx.actor, scheme, period, village_ids or [])
            else:
                scope = (get_or_fail(session, Organization, org_id, "党组织") if org_id is not None
                         else county_root(session))
                rnd = ev.open_round(session, self.ctx.actor, scheme, period, scope)
            opened.append(rnd.id)

        with self.ctx.session() as session:
            act(session)
        self.reload_rounds()
        self.select_round(opened[0])
        self.ctx.status(self.tr("已开启评价"))

    def open_dialog(self) -> QDialog:
        choices = self.ctx.read(lambda s: ev.round_choices(s, self.ctx.actor))
        return self._show(OpenRoundDialog(choices.schemes, choices.scopes, choices.villages, self,
                                          save=lambda v: self._open_round(*v)))

    def export_fill(self, path: str) -> int | None:
        """The branches' fill-in workbook of the current round (the chosen branch, or all)."""
        if self.round_id is None:
            return None
        org_id = self.branch_combo.currentData()
        try:
            with self.ctx.session() as session:
                n = ex.export_fill_sheets(session, self.ctx.actor, self.round_id, path,
                                          [org_id] if org_id is not None else None)
        except (DomainError, OSError) as exc:
            self.ctx.show_error(str(exc))
            return None
        self.ctx.status(self.tr("已导出{n}张评价表：{path}").format(n=n, path=path))
        return n

    def import_fill(self, path: str, keep_valid: bool = False) -> Any:
        """Read a filled workbook back; every bad row is shown; nothing written when any is bad."""
        try:
            with self.ctx.session() as session:
                result = ex.import_fill_sheets(session, self.ctx.actor, path, keep_valid=keep_valid)
        except (DomainError, OSError) as exc:
            self.ctx.show_error(str(exc))
            return None
        self.ctx.report_import(result)
        self._branch_changed()
        return result

    def export_dialog(self) -> None:
        from forms import files

        path = files.save_path(self, self.tr("导出填报表"), "评价填报表.xlsx", "Excel (*.xlsx)")
        if path:
            self.export_fill(path)

    def import_dialog(self) -> None:
        from forms import files

        path = files.open_path(self, self.tr("导入填报表"), spreadsheets())
        if path:
            self.import_fill(path)

    def record_self(self, row: int, done: bool, summary: str) -> bool:
        r = self.model.rows[row]
        return self._run(lambda s: ev.record_self_assessment(s, self.ctx.actor, r.sheet_id, r.version, done,
                                                             summary))

    def self_dialog(self) -> Any:
        """记录自评… for the selected rows, one member after the other (name shown, 上一人 / 下一人)."""
        rows = [r for r in self.chosen_rows() if self.model.rows[r].member_id is not None]
        if not rows:
            self.ctx.show_error(self.tr("请先选中要记录个人自评的党员（可按住 Ctrl 或 Shift 选择多行）"))
            return None
        if self.model.dirty:  # the typing first, so that both are recorded (each sheet is versioned)
            ids = [self.model.rows[r].sheet_id for r in rows]
            if not self.save():
                return None
            rows = [i for i, r in enumerate(self.model.rows) if r.sheet_id in set(ids)]
        dialog = SelfAssessmentDialog(self.ctx, [self.model.rows[r] for r in rows], self)
        dialog.finished.connect(lambda _code: self._self_recorded([self.model.rows[r].sheet_id for r in rows],
                                                                  len(dialog.recorded)))
        self.approval_dialogs = [d for d in self.approval_dialogs if d.isVisible()] + [dialog]
        dialog.open()
        return dialog

    def _self_recorded(self, sheet_ids: list[int], recorded: int = 0) -> None:
        self._branch_changed()
        self.select_sheets(sheet_ids)
        if recorded:  # the dialog's one line, kept in the status bar once it is closed
            self.ctx.status(self.tr("已记录%1人的个人自评").replace("%1", str(recorded)))

    # ------------------------------------------------------------ the branch meeting (民主评议)

    def meeting_text(self) -> str:
        org_id = self.branch_combo.currentData()
        if self.model.defn is None or not ex.has_meetings(self.model.defn) or org_id is None:
            return ""
        m = self.model.meetings.get(org_id)
        if m is None:
            return self.tr("支部党员大会：未记录（应到、实到、到会群众），参评率无从计算")
        return self.tr("支部党员大会：") + m.turnout_text() + (f"；请假：{m.absent_note}" if m.absent_note else "")

    def record_meeting(self, fields: dict[str, Any]) -> bool:
        """The chosen branch's meeting (fields by ev.MEETING_FIELDS key); refused input is shown."""
        org_id = self.branch_combo.currentData()
        if self.round_id is None or org_id is None:
            return False
        return self._run(lambda s: ev.record_meeting(s, self.ctx.actor, self.round_id, org_id, fields))

    def meeting_dialog(self) -> Any:
        org_id = self.branch_combo.currentData()
        if self.round_id is None or org_id is None:
            return None
        current = self.model.meetings.get(org_id)
        full = sum(1 for r in self.model.rows if r.graded)
        round_id = self.round_id
        dialog = MeetingDialog(self.branch_combo.currentText(), current, full, lambda fields: self._commit(
            lambda s: ev.record_meeting(s, self.ctx.actor, round_id, org_id, fields)), self)
        self.approval_dialogs = [d for d in self.approval_dialogs if d.isVisible()] + [dialog]
        dialog.open()
        return dialog

    def record_approval(self, row: int, step: str, on: Any, body: str, outcome: str, note: str = "") -> bool:
        from models.services import cadres

        r = self.model.rows[row]
        return self._run(lambda s: cadres.record_approval(s, self.ctx.actor, r.sheet_id, step, on, body, outcome,
                                                          note))

    def chosen_rows(self) -> list[int]:
        """The rows the clerk picked (every row with a selected cell), else the current row."""
        rows = sorted({i.row() for i in self.view.selectionModel().selectedIndexes()})
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        return [r for r in rows if 0 <= r < len(self.model.rows)]

    def approval_dialog(self) -> Any:
        """记录商议/审议… for the chosen cadres: one meeting's result for all of them (a cadre whose
        result differs is then recorded on their own). The step offered is the first one the chosen
        cadres still lack."""
        from forms.cadre_form import ApprovalDialog

        rows = self.chosen_rows()
        if not rows or self.model.defn is None or not self.model.defn.approvals:
            if self.model.defn is not None and self.model.defn.approvals:
                self.ctx.show_error(self.tr("请先选中要记录的村干部（可按住 Ctrl 或 Shift 选择多行）"))
            return None
        steps = list(self.model.defn.approvals)
        needed = [next((i for i, s in enumerate(steps) if s in self.model.notes.get(self.model.rows[r].sheet_id, "")),
                       len(steps) - 1) for r in rows]
        targets = [(self.model.rows[r].sheet_id, self.model.rows[r].subject_name) for r in rows]
        dialog = ApprovalDialog(self.ctx.db, self.ctx.actor, targets, steps, steps[min(needed)], parent=self)
        dialog.saved.connect(lambda _n: self._approvals_saved([sid for sid, _name in targets]))
        self.approval_dialogs = [d for d in self.approval_dialogs if d.isVisible()] + [dialog]
        dialog.open()
        return dialog

    def _approvals_saved(self, sheet_ids: list[int]) -> None:
        """After 记录商议/审议: the grid read again with the same cadres still chosen (审议 next)."""
        self._branch_changed()
        self.select_sheets(sheet_ids)
        self.ctx.status(self.tr("已记录%1名村干部的商议/审议结果").replace("%1", str(len(sheet_ids))))

    def select_sheets(self, sheet_ids: list[int]) -> None:
        from PySide6.QtCore import QItemSelection, QItemSelectionModel

        wanted = set(sheet_ids)
        selection = QItemSelection()
        last = self.model.columnCount() - 1
        for i, r in enumerate(self.model.rows):
            if r.sheet_id in wanted:
                selection.select(self.model.index(i, 0), self.model.index(i, last))
        self.view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _roster_recorded(self) -> None:
        """商议/审议 recorded in the 村干部名册 tab: the grid's 审议 column read again (unless the
        clerk has unsaved typing there, which is kept)."""
        if not self.model.dirty and self.round_id is not None:
            self._branch_changed()

    def recompute(self) -> bool:
        """星级党员: the quarter's running totals again from the 积分台账 (entries recorded since)."""
        if self.round_id is None:
            return False
        changed: list[int] = []
        if not self._run(lambda s: changed.append(ev.compute_round(s, self.ctx.actor, self.round_id))):
            return False
        # a batch action ends with one line saying what it did (docs/screen.md)
        self.ctx.status(self.tr("已按积分台账重新计算：%1张评价表的总分或等次有变化（共%2张）")
                        .replace("%1", str(changed[0])).replace("%2", str(len(self.model.rows))))
        return True

    def record_exception(self, reason: str, body: str) -> bool:
        return self._run(lambda s: ev.override_rules(s, self.ctx.actor, self.round_id, None, reason, body))

    def _refused(self, operation: str) -> bool:
        """The account may not run the operation: told why (before anything is asked), True."""
        from models import operations

        if operations.refusal(self.ctx.actor, operation) is None:
            return False
        self.ctx.show_error(refusal_text(self.ctx.actor, operation))
        return True

    def exception_dialog(self) -> QDialog | None:
        if self.round_id is None or self._refused("evaluate.lock"):
            return None
        breaches = self.ctx.read(lambda s: ev.round_breaches(s, self.round_id))
        round_id = self.round_id
        dialog = TextPairDialog(self.tr("规则例外") + ("：" + ev.first_ten(breaches) if breaches else ""),
                                (self.tr("例外理由"), self.tr("决定机关")), None, self,
                                save=lambda v: self._commit(lambda s: ev.override_rules(
                                    s, self.ctx.actor, round_id, None, v[0], v[1])))
        return self._show(dialog)

    def back(self, reason: str | None = None) -> bool:
        if self.round_id is None:
            return False
        if self.round_status is RoundStatus.LOCKED:
            if self._refused("evaluate.lock"):  # refused before the reason is asked for
                return False
            round_id = self.round_id

            def reopen(text: str) -> None:
                self._commit(lambda s: ev.reopen_round(s, self.ctx.actor, round_id, text))

            if reason is None:  # the reason is kept in its box when refused (docs/screen.md)
                self.reopen_dialog = self._show(ReasonDialog(
                    self, self.tr("重新开启"), self.tr("重新开启的理由（记入日志）："), "重新开启理由", reopen))
                return False  # reopened when the dialog's 确定 is taken
            return self._run(lambda s: ev.reopen_round(s, self.ctx.actor, round_id, reason))
        return self._run(lambda s: ev.set_status(s, self.ctx.actor, self.round_id, None, RoundStatus.DRAFT))

    def apply_override(self, row: int, level: str | None, reason: str, body: str) -> bool:
        r = self.model.rows[row]
        try:
            with self.ctx.session() as session:
                ev.override_level(session, self.ctx.actor, r.sheet_id, r.version, level, reason, body)
        except DomainError as exc:
            self.ctx.show_error(str(exc))
            return False
        self._branch_changed()
        return True


def _branch_shown(branches: list[tuple[int, str, int]], subject: SubjectKind, wanted: int | None) -> int | None:
    """The branch a round's choice shows: `wanted` when the round has it, else the first in
    pinyin order (a round of organizations: all of them, None)."""
    if subject is SubjectKind.ORGANIZATION:
        return None
    if any(oid == wanted for oid, _name, _n in branches):
        return wanted
    first = by_pinyin([(oid, name) for oid, name, _n in branches])
    return first[0][0] if first else None


def create_page(ctx: AppContext) -> QWidget:
    return EvaluationPage(ctx)
