"""积分台账: the 星级党员 积分制 ledger as a grid — an entry per event (member, date, item, +/− points,
reason, who recorded it, whether it counts yet), a line to record one, import from the template,
approval of township entries by a county account, corrections, and the selected member's running
total and stars per quarter.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.import_dialog import open_import_wizard
from desktop.tables import fit_table
from forms import files
from forms.choices import enum_text
from forms.common import gate, refusal_text
from models.errors import DomainError, PermissionDenied
from models.services import access
from models.services import points as pts
from models.services.members import search_members

from ..context import AppContext
from ..tablemodels import LazyRows, header_text

KEY = "points"
TITLE = "积分台账"

Index = QModelIndex | QPersistentModelIndex
HEADERS = [QT_TRANSLATE_NOOP("headers", "编号"), QT_TRANSLATE_NOOP("headers", "党支部"),
           QT_TRANSLATE_NOOP("headers", "姓名"), QT_TRANSLATE_NOOP("headers", "公民身份号码"),
           QT_TRANSLATE_NOOP("headers", "日期"), QT_TRANSLATE_NOOP("headers", "积分项目"),
           QT_TRANSLATE_NOOP("headers", "分值"), QT_TRANSLATE_NOOP("headers", "事由"),
           QT_TRANSLATE_NOOP("headers", "登记人"), QT_TRANSLATE_NOOP("headers", "状态"),
           QT_TRANSLATE_NOOP("headers", "审核人")]


def _choice(name: str, branch: str, number: str | None) -> str:
    """A member as the member field suggests and shows it: 姓名　党支部　公民身份号码."""
    return f"{name}　{branch}　{number or ''}"


#: the ledger's rows read at a time, from the one that came into view
BLOCK = 200


class EntryModel(QAbstractTableModel):
    """The year's ledger: its entries' ids (pts.EntryIndex, one short query) and the rows shown,
    read by id BLOCK at a time as they come into view (docs/startup.md)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.index_ = pts.EntryIndex(0, [], 0)
        self._read: Callable[[list[int]], dict[int, pts.EntryRow]] = lambda ids: {}
        self._cache: dict[int, pts.EntryRow] = {}

    def load(self, rows: list[pts.EntryRow]) -> None:
        """Entries already read (pts.entry_rows)."""
        index = pts.EntryIndex(rows[0].entry_date.year if rows else 0, [e.id for e in rows],
                               sum(1 for e in rows if not e.approved_by))
        self._set(index, lambda ids: {}, {e.id: e for e in rows})

    def set_source(self, index: pts.EntryIndex, read: Callable[[list[int]], dict[int, pts.EntryRow]]) -> None:
        """The entries of `index`, read by `read` (pts.entry_rows_of) as they come into view."""
        self._set(index, read, {})

    def _set(self, index: pts.EntryIndex, read: Callable[[list[int]], dict[int, pts.EntryRow]],
             cache: dict[int, pts.EntryRow]) -> None:
        self.beginResetModel()
        self.index_, self._read, self._cache = index, read, cache
        self.endResetModel()

    @property
    def rows(self) -> LazyRows[pts.EntryRow]:
        return LazyRows(lambda: len(self.index_.ids), self.entry)

    def entry(self, row: int) -> pts.EntryRow:
        """The entry at `row`, read with the ones after it when not at hand."""
        ids = self.index_.ids
        found = self._cache.get(ids[row])
        if found is None:
            wanted = [i for i in ids[max(row - BLOCK // 4, 0):row + BLOCK] if i not in self._cache]
            self._cache.update(self._read(wanted))
            found = self._cache.get(ids[row])
            if found is None:  # gone from the account's sight since the ledger was read
                found = self._cache[ids[row]] = self._gone(ids[row])
        return found

    def _gone(self, entry_id: int) -> pts.EntryRow:
        """An entry listed but no longer readable: an empty, read-only row."""
        on = date(self.index_.year or date.today().year, 1, 1)
        # (by keyword from a dict: mypy 2.4 reads this dataclass's `int | None` fields as int)
        empty: dict[str, Any] = {"approved_by": "", "corrects_id": None, "locked": True}
        return pts.EntryRow(entry_id, 0, 0, "", "", "", on, "", Decimal(0), "", "", **empty)

    def row_of(self, entry_id: int) -> int | None:
        try:
            return self.index_.ids.index(entry_id)
        except ValueError:
            return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.index_.ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return header_text(HEADERS[section]) if 0 <= section < len(HEADERS) else None
        return str(section + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES or not index.isValid() or not 0 <= index.row() < len(self.index_.ids):
            return None
        e = self.entry(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == _STATE:
                return enum_text(e.state) + (self.tr("·已锁定") if e.locked else "")
            return _CELLS[index.column()](e)
        if role == Qt.ItemDataRole.BackgroundRole:
            if not e.approved_by:
                return QBrush(QColor("#fff7d6"))
            if e.locked:
                return QBrush(QColor("#f2f2f2"))
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 6 and e.points < 0:
            return QBrush(QColor("#b00020"))
        if role == Qt.ItemDataRole.ToolTipRole and e.locked:
            return self.tr("该季度已公示确定：记录只读，调整请登记更正")
        return None


_ROLES = {Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole,
          Qt.ItemDataRole.ToolTipRole}

#: a cell's text per column of HEADERS
_CELLS: list[Callable[[pts.EntryRow], str]] = [
    lambda e: str(e.id), lambda e: e.org_name, lambda e: e.member_name, lambda e: e.id_number,
    lambda e: e.entry_date.isoformat(), lambda e: e.item, lambda e: pts.signed(e.points),
    lambda e: e.reason + (f"（更正第{e.corrects_id}号）" if e.corrects_id else ""), lambda e: e.recorded_by,
    lambda e: "", lambda e: e.approved_by or "",  # the state (_STATE) is translated in data()
]
_STATE = 9


class PointsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.pending_only = QCheckBox(self.tr("只看待审核"))
        self.approve_button = QPushButton(self.tr("审核所选"))
        self.correct_button = QPushButton(self.tr("更正所选…"))
        self.import_button = QPushButton(self.tr("导入…"))
        self.template_button = QPushButton(self.tr("下载模板…"))
        for w in (QLabel(self.tr("年度")), self.year, self.pending_only):
            bar.addWidget(w)
        bar.addStretch(1)
        for w in (self.approve_button, self.correct_button, self.import_button, self.template_button):
            bar.addWidget(w)
        layout.addLayout(bar)

        entry = QHBoxLayout()
        # the member by name, pinyin initials or ID number, with suggestions from the account's
        # township (a township clerk sees masked ID numbers and could not type them from the screen)
        self.member = QLineEdit()
        self.member.setPlaceholderText(self.tr("党员：姓名、拼音首字母或公民身份号码"))
        self.member.setMinimumWidth(self.member.fontMetrics().horizontalAdvance(self.member.placeholderText()) + 24)
        self._suggested: dict[str, int] = {}  # suggestion shown → member id
        self._suggestions = QStringListModel(self)
        completer = QCompleter(self._suggestions, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.member.setCompleter(completer)
        self._suggest_timer = QTimer(self, singleShot=True, interval=150)
        self._suggest_timer.timeout.connect(self.suggest_members)
        self.member.textEdited.connect(lambda _t: self._suggest_timer.start())
        self.on = QDateEdit(QDate.currentDate())
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("yyyy-MM-dd")
        self.item = QComboBox()
        self.points = QLineEdit()
        self.points.setPlaceholderText(self.tr("+5 或 -3"))
        self.points.setMaximumWidth(80)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("事由"))
        self.add_button = QPushButton(self.tr("登记"))
        for w in (self.member, self.on, self.item, self.points, self.reason, self.add_button):
            entry.addWidget(w)
        layout.addLayout(entry)

        self.model = EntryModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setAlternatingRowColors(True)
        # columns fitted to the width: 分值 right-aligned and never cut; at 1024 wide 审核人, 登记人
        # and 编号 are left out while the others do not fit (docs/screen.md)
        fit_table(self.view, optional=(HEADERS.index("审核人"), HEADERS.index("登记人"), HEADERS.index("编号")))
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        self.member_label = QLabel(self.tr("选择一条记录查看该党员各季度累计积分"))
        self.member_label.setWordWrap(True)
        side_layout.addWidget(self.member_label)
        self.quarters = QListWidget()
        side_layout.addWidget(self.quarters)
        split = QSplitter()
        split.addWidget(self.view)
        split.addWidget(side)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        layout.addWidget(split, 1)
        self.summary = QLabel()
        layout.addWidget(self.summary)

        self.year.valueChanged.connect(self.reload)
        self.pending_only.toggled.connect(self.reload)
        self.add_button.clicked.connect(self._add_clicked)
        for field in (self.points, self.reason):  # Enter records, as 登记 does
            field.returnPressed.connect(self._add_clicked)
        self.approve_button.clicked.connect(self.approve_selected)
        self.correct_button.clicked.connect(self._correct_clicked)
        self.import_button.clicked.connect(lambda: self.import_file())
        self.template_button.clicked.connect(self._template_clicked)
        self.view.selectionModel().currentRowChanged.connect(self.show_member)
        self.approve_button.setVisible(pts.county_account(ctx.actor))
        for w, op in ((self.approve_button, "points.approve"), (self.correct_button, "points.edit"),
                      (self.import_button, "points.edit"), (self.add_button, "points.edit")):
            gate(w, ctx.actor, op)
        self.item.addItems(self.ctx.read(lambda s: [i.name for i in pts.ledger(s).definition.items]))
        self.reload()

    def reload(self, *_args: Any) -> None:
        """The year's ledger: its entries' ids now, the rows shown as they come into view."""
        year, pending, actor = self.year.value(), self.pending_only.isChecked(), self.ctx.actor
        index = self.ctx.read(lambda s: pts.entry_index(s, actor, year, pending_only=pending))
        self.model.set_source(index, lambda ids: self.ctx.read(lambda s: pts.entry_rows_of(s, actor, year, ids)))
        self.summary.setText(self.tr("{n}条记录，待审核{w}条").format(n=len(index.ids), w=index.pending))

    def show_member(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        self.quarters.clear()
        if not current.isValid() or current.row() >= self.model.rowCount():
            return
        e = self.model.entry(current.row())
        try:
            year = self.ctx.read(lambda s: pts.member_year(s, self.ctx.actor, e.member_id, e.entry_date.year))
        except DomainError as exc:
            self.ctx.show_error(str(exc))
            return
        self.member_label.setText(f"{year.name}（{year.org_name}）{year.year}年，基础分{pts._fmt(year.base)}")
        if not self.member.text().strip():  # the next entry is most often for the same member
            shown = _choice(year.name, year.org_name, year.id_number)
            self._suggested = {shown: e.member_id}
            self.member.setText(shown)
        for q in year.quarters:
            extra = (self.tr("，待审核{0}条").format(q.pending) if q.pending else "") + (
                self.tr("，已锁定") if q.locked else "")
            self.quarters.addItem(self.tr("第{0}季度：本季度{1}，累计{2}分 ").format(
                q.quarter, pts.signed(q.added), pts._fmt(q.total)) + f"{enum_text(q.stars)}{extra}")

    # ------------------------------------------------------------ actions

    def _act(self, fn, operation: str = "points.edit") -> Any:
        out = self.ctx.run(operation, fn)
        if out is not None:
            self.reload()
        return out

    def suggest_members(self) -> list[str]:
        """The members matching what is typed (name, pinyin initials, ID number), as suggestions
        “姓名　党支部　公民身份号码” (masked where the account sees masked numbers)."""
        text = self.member.text().strip()
        if text in self._suggested:
            return []
        hits = self.ctx.read(lambda s: search_members(s, self.ctx.actor, text, limit=20)) if text else []
        shown = {}
        for h in hits:
            shown[_choice(h.name, h.org_short_name or h.org_name, access.shown_id(self.ctx.actor, h.id_number))] = h.id
        self._suggested = shown
        self._suggestions.setStringList(list(shown))
        if shown and self.member.hasFocus():
            self.member.completer().complete()
        return list(shown)

    def add(self, member: str, on: Any, item: str, points: str, reason: str) -> bool:
        """登记: `member` is a suggestion picked, a full name (one member of that name) or an ID number."""
        member = member.strip()

        def fn(session):
            mid = self._suggested.get(member)
            if mid is None:
                mid = pts.find_member(session, self.ctx.actor, member).id
            return pts.add_entry(session, self.ctx.actor, mid, on, item, points, reason).id

        entry_id = self._act(fn)
        if entry_id is None:
            return False
        row = self.model.row_of(entry_id)
        if row is not None:  # the new entry in view, selected
            self.view.selectRow(row)
            self.view.scrollTo(self.model.index(row, 0))
        return True

    def _add_clicked(self) -> None:
        if self.add(self.member.text(), self.on.date().toPython(), self.item.currentText(), self.points.text(),
                    self.reason.text()):
            self.points.clear()
            self.reason.clear()

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()} or
                      ({self.view.currentIndex().row()} if self.view.currentIndex().isValid() else set()))
        ids = self.model.index_.ids
        return [ids[r] for r in rows if 0 <= r < len(ids)]

    def approve_selected(self) -> int:
        """审核所选, ending with one line in the status bar: how many entries took effect."""
        ids = self.selected_ids()
        if not ids:
            self.ctx.show_error(self.tr("请先选中要审核的记录"))
            return 0
        n = self._act(lambda s: pts.approve_entries(s, self.ctx.actor, ids), "points.approve")
        if not isinstance(n, int):
            return 0
        self.ctx.status(self.tr("已审核{n}条积分记录，即时生效（选中{m}条）").replace("{n}", str(n))
                        .replace("{m}", str(len(ids))))
        return n

    def correct(self, entry_id: int, on: Any, points: str, reason: str) -> bool:
        return self._act(lambda s: pts.correct_entry(s, self.ctx.actor, entry_id, on, points, reason).id,
                         "points.edit") is not None

    def _correct_clicked(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.correct_dialog(ids[0]).exec()

    def correct_dialog(self, entry_id: int) -> QDialog:
        """更正…: the points and the reason in one form; refused, both stay as typed with the cursor
        in the field named (docs/screen.md). An account without the duty is told first."""
        from .evaluation import TextPairDialog

        why = refusal_text(self.ctx.actor, "points.edit")
        # dated today, or the last day of the corrected entry's year (a correction stays in its year)
        year = next((r.entry_date.year for r in self.model.rows if r.id == entry_id), date.today().year)
        on = min(date.today(), date(year, 12, 31))

        def save(values: tuple[str, str]) -> None:
            if why:
                raise PermissionDenied(why)
            with self.ctx.session() as session:
                pts.correct_entry(session, self.ctx.actor, entry_id, on, values[0], values[1])
            self.ctx.changed("points.edit")
            self.reload()

        dialog = TextPairDialog(self.tr("更正"), (self.tr("更正分值（如 -5）："), self.tr("更正理由：")), None, self,
                                save=save)
        dialog.field_widgets = {"分值": dialog.first, "事由": dialog.second, "日期": dialog.first}
        return dialog

    def import_file(self, path: str | None = None) -> Any:
        """导入积分记录 through the import wizard (with `path` the file is chosen and checked)."""
        from reports.points_xlsx import POINTS_IMPORTER

        return open_import_wizard(self, POINTS_IMPORTER, self.reload, path)

    def _template_clicked(self) -> None:
        from reports.templates import write_template

        path = files.save_path(self, self.tr("积分记录模板"), "积分记录模板.xlsx", "Excel (*.xlsx)")
        if path:
            self.ctx.read(lambda s: write_template(s, self.ctx.actor, "points", path))


def create_page(ctx: AppContext) -> QWidget:
    return PointsPage(ctx)
