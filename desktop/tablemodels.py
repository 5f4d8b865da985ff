"""Qt item models over plain rows loaded by the services (no ORM objects in views)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
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
