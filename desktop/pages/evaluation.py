"""星级评定与双评: choose a round and a branch, type or paste scores and vote counts like a spreadsheet.

Totals and levels are computed as the clerk types (the same scoring functions as the services);
quota and turnout warnings are listed beside the grid. 保存 writes the changed sheets (versioned,
audited); the final level differs from the computed one only through 调整最终等次 (reason + body).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
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
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from forms import dialogs
from forms.flow import FlowLayout
from models.errors import DomainError
from models.evaluation import RoundStatus, SubjectKind
from models.services import evaluation as ev
from reports import evaluation_xlsx as ex

from ..context import AppContext

KEY = "evaluation"
TITLE = "星级评定与双评"

Index = QModelIndex | QPersistentModelIndex


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

    # ------------------------------------------------------------ loading

    def load(self, defn: ev.Definition | None, rows: list[ev.SheetRow], editable: bool = True) -> None:
        self.beginResetModel()
        self.defn, self.rows, self.editable = defn, list(rows), editable
        self.columns = ex.entry_columns(defn) if defn else []
        self.cells = []
        for r in self.rows:
            vals = ex.cell_values(defn, r) if defn else []
            self.cells.append({c.header: v for c, v in zip(self.columns, vals, strict=True)})
        self.results = [(r.total, r.computed_level) for r in self.rows]
        self.dirty = set()
        self.endResetModel()

    # ------------------------------------------------------------ shape

    @property
    def fixed(self) -> list[str]:
        if self.defn is not None and self.defn.subject is SubjectKind.MEMBER:
            return ["姓名", "类型"]
        return ["党组织"]

    @property
    def tail(self) -> list[str]:
        return ["总分", "计算等次", "最终等次"]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.defn is None:
            return 0
        return len(self.fixed) + len(self.columns) + len(self.tail)

    def entry_column(self, col: int) -> ex.Column | None:
        i = col - len(self.fixed)
        return self.columns[i] if 0 <= i < len(self.columns) else None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if 0 <= section < len(self.rows) else None
        names = self.fixed + [c.header for c in self.columns] + self.tail
        return names[section] if 0 <= section < len(names) else None

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
        return r.final_level if r.override_reason else self.results[row][1]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        row, col = index.row(), index.column()
        r = self.rows[row]
        entry = self.entry_column(col)
        nfixed, nentry = len(self.fixed), len(self.columns)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col < nfixed:
                if col == 0:
                    return r.subject_name
                return "正式党员" if r.graded else "预备党员"
            if entry is not None:
                v = self.cells[row].get(entry.header)
                return "" if v is None else str(v)
            k = col - nfixed - nentry
            total, level = self.results[row]
            return [ev.display_score(total), level or "", self.final_level(row) or ""][k]
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= nfixed:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            if entry is None and col >= nfixed:
                return QBrush(QColor("#f2f2f2"))
            if row in self.dirty and entry is not None:
                return QBrush(QColor("#fff7d6"))
        if role == Qt.ItemDataRole.ToolTipRole and col == self.columnCount() - 1 and r.override_reason:
            return f"调整理由：{r.override_reason}（{r.override_body}）"
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
        try:
            self.results[row] = ev.sheet_result(self.defn, items, raters, self.rows[row].graded)
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
        return ev.warnings_for(self.defn, self.live_rows(), whole_round=False)


class SheetTableView(QTableView):
    """Enter moves down (after an edit too); Delete clears the selected cells."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)

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


class OverrideDialog(QDialog):
    def __init__(self, levels: list[str], current: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class EvaluationPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.round_id: int | None = None
        layout = QVBoxLayout(self)
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
        self.view.setToolTip(self.tr("“优秀”名额不超过参评数的三分之一；可从 Excel 复制后粘贴（Ctrl+V）"))
        self.paste_action = QAction(self.tr("粘贴"), self.view)
        self.paste_action.setShortcut(QKeySequence.StandardKey.Paste)
        self.paste_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.paste_action.triggered.connect(self.paste)
        self.view.addAction(self.paste_action)
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
        side_layout.addWidget(QLabel(self.tr("历年等次（当前行）")))
        self.history = QListWidget()
        side_layout.addWidget(self.history)
        split = QSplitter()
        split.addWidget(self.view)
        split.addWidget(side)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        layout.addWidget(split, 1)

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
        self.reload_rounds()

    # ------------------------------------------------------------ loading

    def reload(self) -> None:
        """Shown again or F5: rounds opened or changed by another clerk appear; the round and
        organization being worked on stay chosen (unsaved entries are kept: no reload then)."""
        if self.model.dirty:
            return
        round_id, org_id = self.round_id, self.branch_combo.currentData()
        self.reload_rounds()
        if round_id is not None:
            self.select_round(round_id, org_id)

    def reload_rounds(self) -> None:
        def read(session):
            return [(r.id, ev.round_label(session, r) + f" · {r.status.value}") for r in ev.list_rounds(session)]

        self.round_combo.blockSignals(True)
        self.round_combo.clear()
        for rid, label in self.ctx.read(read):
            self.round_combo.addItem(label, rid)
        self.round_combo.blockSignals(False)
        self._round_changed()

    def select_round(self, round_id: int, org_id: int | None = None) -> None:
        i = self.round_combo.findData(round_id)
        if i >= 0:
            self.round_combo.setCurrentIndex(i)
            self._round_changed()
        if org_id is not None:
            j = self.branch_combo.findData(org_id)
            if j >= 0:
                self.branch_combo.setCurrentIndex(j)

    def _round_changed(self, *_args: Any) -> None:
        self.round_id = self.round_combo.currentData()
        self.branch_combo.blockSignals(True)
        self.branch_combo.clear()
        if self.round_id is not None:
            branches = self.ctx.read(lambda s: ev.round_branches(s, self.ctx.actor, self.round_id))
            scheme_subject = self.ctx.read(lambda s: ev.get_or_fail(s, ev.EvaluationRound, self.round_id, "评价").scheme.subject)
            if scheme_subject is SubjectKind.ORGANIZATION:
                self.branch_combo.addItem(f"全部（{sum(n for *_x, n in branches)}个）", None)
            else:
                for oid, name, n in branches:
                    self.branch_combo.addItem(f"{name}（{n}人）", oid)
        self.branch_combo.blockSignals(False)
        self._branch_changed()

    def _branch_changed(self, *_args: Any) -> None:
        if self.round_id is None:
            self.model.load(None, [])
            self.status.setText(self.tr("尚未开启评价（命令：dangjian evaluate open）"))
            return
        org_id = self.branch_combo.currentData()

        def read(session):
            rnd = ev.get_or_fail(session, ev.EvaluationRound, self.round_id, "评价")
            rows = ev.round_sheets(session, self.ctx.actor, rnd.id, [org_id] if org_id is not None else None)
            return ev.definition_of(rnd.scheme), rows, rnd.status

        defn, rows, status = self.ctx.read(read)
        self.round_status = status
        self.model.load(defn, rows, editable=status is RoundStatus.DRAFT)
        self.status.setText(f"状态：{status.value}" + ("" if status is RoundStatus.DRAFT else "（只读）"))
        step = {RoundStatus.DRAFT: "审核", RoundStatus.REVIEWED: "公示", RoundStatus.POSTED: "确定并锁定"}
        self.step_button.setText(step.get(status, ""))
        self.step_button.setVisible(status in step)
        self.back_button.setText(self.tr("重新开启…") if status is RoundStatus.LOCKED else self.tr("退回草稿"))
        self.back_button.setVisible(status is not RoundStatus.DRAFT)
        self.override_button.setEnabled(status is not RoundStatus.LOCKED)
        self.view.resizeColumnsToContents()

    def refresh_warnings(self) -> None:
        self.warnings.clear()
        lines = self.model.warnings()
        self.warnings.addItems(lines or [self.tr("无")])
        counts: dict[str, int] = {}
        for i in range(self.model.rowCount()):
            level = self.model.final_level(i)
            if level:
                counts[level] = counts.get(level, 0) + 1
        self.summary.setText("　".join(f"{k}：{v}" for k, v in counts.items()))

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
                              or ["（没有已确定的评价结果）"])

    # ------------------------------------------------------------ actions

    def paste(self) -> None:
        text = QGuiApplication.clipboard().text()
        idx = self.view.currentIndex()
        if not idx.isValid():
            idx = self.model.index(0, len(self.model.fixed))
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

    def override(self) -> None:
        idx = self.view.currentIndex()
        if not idx.isValid() or self.model.defn is None:
            return
        if self.model.dirty and not self.save():
            return
        r = self.model.rows[idx.row()]
        dialog = OverrideDialog(self.model.defn.levels, r.final_level, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.apply_override(idx.row(), dialog.level.currentData(), dialog.reason.text(), dialog.body.text())

    def _run(self, action) -> bool:
        try:
            with self.ctx.session() as session:
                action(session)
        except DomainError as exc:
            self.ctx.show_error(str(exc))
            return False
        self._branch_changed()
        return True

    def step(self) -> bool:
        """The next status: 审核, 公示 (from today, 5 days), 确定并锁定 (after the posting)."""
        if self.round_id is None or (self.model.dirty and not self.save()):
            return False
        nxt = {RoundStatus.DRAFT: RoundStatus.REVIEWED, RoundStatus.REVIEWED: RoundStatus.POSTED}
        status = self.round_status
        what = {RoundStatus.DRAFT: self.tr("审核通过后不能再改分，确定审核本轮评价？"),
                RoundStatus.REVIEWED: self.tr("公示后结果向党员群众公开5天，确定开始公示？"),
                RoundStatus.POSTED: self.tr("确定并锁定后结果不能再改，只能说明理由后重新开启。确定锁定？")}
        if status in what and not dialogs.confirm(self, self.tr("请确认"), what[status]):
            return False
        if status is RoundStatus.POSTED:
            return self._run(lambda s: ev.lock_round(s, self.ctx.actor, self.round_id))
        if status in nxt:
            return self._run(lambda s: ev.set_status(s, self.ctx.actor, self.round_id, None, nxt[status]))
        return False

    def back(self, reason: str | None = None) -> bool:
        if self.round_id is None:
            return False
        if self.round_status is RoundStatus.LOCKED:
            if reason is None:
                from PySide6.QtWidgets import QInputDialog

                reason, ok = QInputDialog.getText(self, self.tr("重新开启"), self.tr("重新开启的理由（记入日志）："))
                if not ok:
                    return False
            return self._run(lambda s: ev.reopen_round(s, self.ctx.actor, self.round_id, reason))
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


def create_page(ctx: AppContext) -> QWidget:
    return EvaluationPage(ctx)
