"""The roster's table model (党员名册, and the members under an organization on the 党组织 page):
lazy at any size (docs/startup.md, "A county of 60,000 members"). Apart from desktop/tablemodels.py
because it declares itself with the member services (and so the ORM), which the 工作台's lists
do not need before the first page is painted."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from forms.choices import enum_text
from models.collation import sort_key
from models.services import members as msvc

from .tablemodels import DISPLAY, TOOLTIP, USER, Index, LazyRows, header_text

#: default width (in "M" widths) of each roster column, by header
ROSTER_WIDTHS = {"姓名": 6, "性别": 3, "公民身份号码": 13, "出生日期": 7, "所在党支部": 10,
                 "加入党组织日期": 8, "党员类型": 6, "联系电话": 8, "学历": 6, "人员类别": 8,
                 "工作岗位": 8, "党籍状态": 5, "失联": 3, "流动": 3, "终止日期": 7}


def set_roster_widths(view: Any) -> None:
    em = view.fontMetrics().horizontalAdvance("中")
    for col, (_key, label) in enumerate(msvc.ROSTER_COLUMNS):
        view.setColumnWidth(col, int(ROSTER_WIDTHS.get(label, 6) * em + 16))


#: the roster's rows read at a time, from the one that came into view (a screen is about 30)
ROSTER_BLOCK = 200


class RosterModel(QAbstractTableModel):
    """The roster (columns msvc.R_*), every roster column; the view hides the unwanted.

    Lazy at any size: the model keeps the roster's index (msvc.RosterIndex: the member ids and
    the texts searched, one short query) and reads the rows shown by id, ROSTER_BLOCK at a time,
    when they come into view; a search filters the index in memory (no query per keystroke), and
    sorting by a column reads that column alone (docs/startup.md, "A county of 60,000 members").
    `set_rows` gives it rows already read instead (every one at hand)."""

    columns = msvc.ROSTER_COLUMNS

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.index_ = msvc.RosterIndex(msvc.RosterFilter(), [], [], [], [], [])
        self._read_rows: Callable[[list[int]], dict[int, tuple[Any, ...]]] = lambda ids: {}
        self._read_column: Callable[[int], dict[int, Any]] | None = None
        self._cache: dict[int, tuple[Any, ...]] = {}
        self._order: list[int] = []  # positions into the index, in the sort order
        self._shown: list[int] = []  # of those, the ones the search finds
        self._position: dict[int, int] | None = None  # member id → position, made when asked
        self._search: tuple[str, str] = ("", "")
        self.text = ""
        # names in pinyin order, as Excel sorts them, until the clerk clicks another header
        # (a view that sorts by column -1 keeps the index's order: by member id)
        self.sort_column = next(c for c, (key, _l) in enumerate(self.columns) if key == msvc.R_NAME)
        self.sort_order = Qt.SortOrder.AscendingOrder

    # -- data
    def set_rows(self, rows: list[tuple[Any, ...]]) -> None:
        """Rows already read (roster_rows): every row at hand, the sort reads their cells."""
        by_id = {r[msvc.R_ID]: r for r in rows}
        self._set(msvc.RosterIndex.of_rows(rows), lambda ids: {}, None, by_id)

    def set_source(self, index: msvc.RosterIndex, read_rows: Callable[[list[int]], dict[int, tuple[Any, ...]]],
                   read_column: Callable[[int], dict[int, Any]]) -> None:
        """The roster of `index`, its rows read by `read_rows` (msvc.roster_rows_of) as they come
        into view and a column's values for sorting by `read_column` (msvc.roster_column)."""
        self._set(index, read_rows, read_column, {})

    def _set(self, index: msvc.RosterIndex, read_rows: Callable[[list[int]], dict[int, tuple[Any, ...]]],
             read_column: Callable[[int], dict[int, Any]] | None, cache: dict[int, tuple[Any, ...]]) -> None:
        self.beginResetModel()
        self.index_, self._read_rows, self._read_column, self._cache = index, read_rows, read_column, cache
        self._position = None
        self._sort()
        self._search = ("", "")
        self._filter()
        self.endResetModel()

    def set_text(self, text: str) -> None:
        self.text = text
        self.beginResetModel()
        self._filter()
        self.endResetModel()

    def _filter(self) -> None:
        kind, needle = msvc.search_kind(self.text)
        was_kind, was = self._search
        # typing on narrows what was found: a text containing the last one is found only among its hits
        narrowing = bool(was) and kind == was_kind and was in needle
        self._shown = msvc.search_index(self.index_, self._shown if narrowing else self._order, self.text)
        self._search = (kind, needle)

    def _values(self, key: int) -> list[Any]:
        """The values of column `key` of every member of the index, in index order."""
        index = self.index_
        if key == msvc.R_ID:
            return index.ids
        if key == msvc.R_NAME:
            return index.names
        if self._read_column is None:  # rows at hand
            return [self._cache[mid][key] for mid in index.ids]
        by_id = self._read_column(key)
        return [by_id.get(mid) for mid in index.ids]

    def _sort(self) -> None:
        """The index's positions in the order of the sort column, equal values by member id (the
        index's order, which column -1 keeps)."""
        self._order = list(range(len(self.index_.ids)))
        if not 0 <= self.sort_column < len(self.columns):
            return
        values = self._values(self.columns[self.sort_column][0])
        keys = {v: sort_key(v) for v in set(values)}  # a value's key made once (names repeat)
        self._order.sort(key=lambda i: keys[values[i]], reverse=self.sort_order == Qt.SortOrder.DescendingOrder)

    @property
    def rows(self) -> LazyRows[tuple[Any, ...]]:
        """The rows shown, in order, as roster tuples (read when asked for)."""
        shown = self._shown
        return LazyRows(lambda: len(shown), lambda r: self.row_at(shown, r))

    def row_at(self, positions: list[int], row: int) -> tuple[Any, ...]:
        """The roster tuple at `row` of `positions`, read with the rows after it when not at hand."""
        ids = self.index_.ids
        mid = ids[positions[row]]
        found = self._cache.get(mid)
        if found is None:
            wanted = [ids[p] for p in positions[max(row - ROSTER_BLOCK // 4, 0):row + ROSTER_BLOCK]]
            self._cache.update(self._read_rows([m for m in wanted if m not in self._cache]))
            found = self._cache.get(mid)
            if found is None:  # gone from the database (or the account's scope) since the index was read
                found = self._cache[mid] = self._blank(mid)
        return found

    def _blank(self, mid: int) -> tuple[Any, ...]:
        """A member listed in the index but no longer readable: the name and number it had."""
        row: list[Any] = [None] * (msvc.R_VERSION + 1)
        p = self._position_of()[mid]
        row[msvc.R_ID], row[msvc.R_NAME], row[msvc.R_ID_NUMBER] = mid, self.index_.names[p], self.index_.numbers[p]
        return tuple(row)

    def _position_of(self) -> dict[int, int]:
        if self._position is None:
            self._position = {mid: p for p, mid in enumerate(self.index_.ids)}
        return self._position

    def member_id(self, row: int) -> int:
        return self.index_.ids[self._shown[row]]

    def member_ids(self) -> list[int]:
        ids = self.index_.ids
        return [ids[p] for p in self._shown]

    def row_of(self, member_id: int) -> int:
        p = self._position_of().get(member_id)
        if p is None:
            return -1
        try:
            return self._shown.index(p)
        except ValueError:
            return -1

    # -- Qt
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        if role == USER:
            return self.member_id(index.row())
        if role not in (DISPLAY, TOOLTIP, Qt.ItemDataRole.ForegroundRole):
            return None
        row = self.row_at(self._shown, index.row())
        if role == DISPLAY or role == TOOLTIP:
            value = row[self.columns[index.column()][0]]
            return "" if value is None else (value.isoformat() if isinstance(value, date) else enum_text(value))
        if row[msvc.R_ENDED] is not None:
            return QBrush(QColor("#888888"))
        if row[msvc.R_LOST] or row[msvc.R_FLOATING]:
            return QBrush(QColor("#b35900"))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:  # noqa: N802
        if role != DISPLAY:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return header_text(self.columns[section][1]) if 0 <= section < len(self.columns) else None
        return section + 1

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_column, self.sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        self._sort()
        self._search = ("", "")
        self._filter()
        self.layoutChanged.emit()
