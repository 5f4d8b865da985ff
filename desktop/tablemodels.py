"""Qt item models over plain rows loaded by the services (no ORM objects in views)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any, TypeVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QIcon

from forms.choices import enum_text, shown
from models.collation import sort_key
from models.services import members as msvc

Index = QModelIndex | QPersistentModelIndex
DISPLAY, TOOLTIP, USER = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.UserRole

#: the translation context of every table header: header lists are marked
#: QT_TRANSLATE_NOOP(HEADERS, "…") where declared and translated by header_text where shown
HEADERS = "headers"


def header_text(text: str) -> str:
    return QCoreApplication.translate(HEADERS, text)


#: headers that come from models/ (no Qt there), marked here for lupdate: the roster's columns
#: (msvc.ROSTER_COLUMNS) and the dashboard's lists (models.services.dashboard.LIST_HEADERS)
DOMAIN_HEADERS = [
    QT_TRANSLATE_NOOP("headers", "姓名"), QT_TRANSLATE_NOOP("headers", "性别"),
    QT_TRANSLATE_NOOP("headers", "公民身份号码"), QT_TRANSLATE_NOOP("headers", "出生日期"),
    QT_TRANSLATE_NOOP("headers", "所在党支部"), QT_TRANSLATE_NOOP("headers", "加入党组织日期"),
    QT_TRANSLATE_NOOP("headers", "党员类型"), QT_TRANSLATE_NOOP("headers", "联系电话"),
    QT_TRANSLATE_NOOP("headers", "学历"), QT_TRANSLATE_NOOP("headers", "人员类别"),
    QT_TRANSLATE_NOOP("headers", "工作岗位"), QT_TRANSLATE_NOOP("headers", "党籍状态"),
    QT_TRANSLATE_NOOP("headers", "失联"), QT_TRANSLATE_NOOP("headers", "流动"),
    QT_TRANSLATE_NOOP("headers", "终止日期"),
    QT_TRANSLATE_NOOP("headers", "党组织"), QT_TRANSLATE_NOOP("headers", "问题类别"),
    QT_TRANSLATE_NOOP("headers", "问题描述"), QT_TRANSLATE_NOOP("headers", "整改时限"),
    QT_TRANSLATE_NOOP("headers", "状态"), QT_TRANSLATE_NOOP("headers", "文号"),
    QT_TRANSLATE_NOOP("headers", "主送"), QT_TRANSLATE_NOOP("headers", "签发日期"),
    QT_TRANSLATE_NOOP("headers", "反馈时限"), QT_TRANSLATE_NOOP("headers", "党员"),
    QT_TRANSLATE_NOOP("headers", "党支部"), QT_TRANSLATE_NOOP("headers", "限期至"),
    QT_TRANSLATE_NOOP("headers", "情况"), QT_TRANSLATE_NOOP("headers", "本届开始"),
    QT_TRANSLATE_NOOP("headers", "届满日期"), QT_TRANSLATE_NOOP("headers", "整顿年度"),
    QT_TRANSLATE_NOOP("headers", "包联县级领导"), QT_TRANSLATE_NOOP("headers", "第一书记/工作队"),
]


#: background of a deadline cell by its light (yellow within 7 days, orange within 3, red overdue)
LIGHT_COLOURS = {"黄": QColor("#fff3a0"), "橙": QColor("#ffc880"), "红": QColor("#ff9a9a")}


@contextmanager
def kept_selection(view: Any, id_at: Callable[[int], Any]) -> Iterator[None]:
    """Reload a table without losing the clerk's place: the selected rows (by record id), the
    current row and the scroll position are the same afterwards, where those records remain."""
    selection = view.selectionModel()
    chosen = {id_at(i.row()) for i in selection.selectedRows()} if selection is not None else set()
    current = view.currentIndex()
    current_id = id_at(current.row()) if current.isValid() else None
    scroll = view.verticalScrollBar().value()
    yield
    model, selection = view.model(), view.selectionModel()
    if model is None or selection is None:
        return
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    wanted = (chosen | {current_id}) - {None}
    for row in range(model.rowCount()):
        if not wanted:  # every record found again (or none to find): no walk over the other rows
            break
        rid = id_at(row)
        if rid not in wanted:
            continue
        wanted.discard(rid)
        if rid == current_id:
            selection.setCurrentIndex(model.index(row, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
        if rid in chosen:
            selection.select(model.index(row, 0), flags)
    view.verticalScrollBar().setValue(scroll)


class ListModel(QAbstractTableModel):
    """A table of rows under fixed headers, replaced as a whole by set_rows; subclasses say what
    a cell shows in data()."""

    def __init__(self, headers: list[str], parent: Any = None):
        super().__init__(parent)
        self.headers = list(headers)
        self.rows: list[Any] = []

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.headers):
            return header_text(self.headers[section])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.rows):
            return str(section + 1)
        return None


#: default width (in "M" widths) of each roster column, by header
ROSTER_WIDTHS = {"姓名": 6, "性别": 3, "公民身份号码": 13, "出生日期": 7, "所在党支部": 10,
                 "加入党组织日期": 8, "党员类型": 6, "联系电话": 8, "学历": 6, "人员类别": 8,
                 "工作岗位": 8, "党籍状态": 5, "失联": 3, "流动": 3, "终止日期": 7}


def set_roster_widths(view: Any) -> None:
    em = view.fontMetrics().horizontalAdvance("中")
    for col, (_key, label) in enumerate(msvc.ROSTER_COLUMNS):
        view.setColumnWidth(col, int(ROSTER_WIDTHS.get(label, 6) * em + 16))


T = TypeVar("T")


class LazyRows(Sequence[T]):
    """A lazy model's rows as a list: `length()` of them, each `at(row)` read when first asked for."""

    def __init__(self, length: Callable[[], int], at: Callable[[int], T]):
        self._length, self._at = length, at

    def __len__(self) -> int:
        return self._length()

    def __getitem__(self, row: Any) -> Any:
        n = self._length()
        if isinstance(row, slice):
            return [self._at(r) for r in range(*row.indices(n))]
        if row < 0:
            row += n
        if not 0 <= row < n:
            raise IndexError(row)
        return self._at(row)


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


class OrgNode:
    __slots__ = ("oid", "parent", "children", "row", "name", "info", "flags", "warnings", "dissolved")

    def __init__(self, oid: int, parent: OrgNode | None, row: dict[str, Any]):
        self.oid, self.parent = oid, parent
        self.children: list[OrgNode] = []
        self.row = row
        self.name = row.get("short_name") or row.get("name", "")
        self.info = row
        self.flags: list[str] = []
        self.warnings: list[str] = []
        self.dissolved = False


ORG_HEADERS = [QT_TRANSLATE_NOOP("headers", "党组织"), QT_TRANSLATE_NOOP("headers", "类别"),
               QT_TRANSLATE_NOOP("headers", "党员"), QT_TRANSLATE_NOOP("headers", "标记")]


class OrgTreeModel(QAbstractItemModel):
    """The organization tree, built from rows loaded in one query (see pages.orgs.load_tree)."""

    def __init__(self, icons: dict[str, QIcon] | None = None, parent: Any = None):
        super().__init__(parent)
        self.roots: list[OrgNode] = []
        self.by_id: dict[int, OrgNode] = {}
        self.icons = icons or {}

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        """rows sorted by path: id, parent_id, name, short_name, kind, members, flags, warnings."""
        self.beginResetModel()
        self.roots, self.by_id = [], {}
        for r in rows:
            parent = self.by_id.get(r["parent_id"]) if r["parent_id"] is not None else None
            node = OrgNode(r["id"], parent, r)
            node.flags = r.get("flags", [])
            node.warnings = r.get("warnings", [])
            node.dissolved = r.get("dissolved", False)
            (parent.children if parent else self.roots).append(node)
            self.by_id[node.oid] = node
        self.endResetModel()

    def _siblings(self, node: OrgNode) -> list[OrgNode]:
        return node.parent.children if node.parent else self.roots

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        children = parent.internalPointer().children if parent.isValid() else self.roots
        return self.createIndex(row, column, children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        node: OrgNode = index.internalPointer()
        p = node.parent
        if p is None:
            return QModelIndex()
        return self.createIndex(self._siblings(p).index(p), 0, p)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008,N802
        if parent.isValid():
            return len(parent.internalPointer().children) if parent.column() == 0 else 0
        return len(self.roots)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008,N802
        return len(ORG_HEADERS)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        node: OrgNode = index.internalPointer()
        col = index.column()
        if role == DISPLAY:
            if col == 0:
                return node.name
            if col == 1:
                return enum_text(node.info.get("kind", ""))
            if col == 2:
                return str(node.info.get("members", 0))
            if col == 3:
                return "、".join(shown(f) for f in node.flags + (["需关注"] if node.warnings else []))
            return None
        if role == TOOLTIP:
            lines = [node.info.get("name", "")]
            lines += [f"⚑ {shown(f)}" for f in node.flags]
            lines += [f"⚠ {shown(w)}" for w in node.warnings]
            return "\n".join(lines)
        if role == Qt.ItemDataRole.DecorationRole and col == 0:
            for key in ("weak", "warning", "term", "model"):
                if key in node.info.get("icon_keys", ()):
                    return self.icons.get(key)
            return self.icons.get("org")
        if role == Qt.ItemDataRole.ForegroundRole:
            if node.dissolved:
                return QBrush(QColor("#999999"))
            if "软弱涣散" in node.flags:
                return QBrush(QColor("#c0392b"))
            if node.warnings:
                return QBrush(QColor("#b35900"))
        if role == USER:
            return node.oid
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:  # noqa: N802
        if role == DISPLAY and orientation == Qt.Orientation.Horizontal and 0 <= section < len(ORG_HEADERS):
            return header_text(ORG_HEADERS[section])
        return None

    def index_of(self, oid: int) -> QModelIndex:
        node = self.by_id.get(oid)
        if node is None:
            return QModelIndex()
        return self.createIndex(self._siblings(node).index(node), 0, node)
