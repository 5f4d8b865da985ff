"""Tables that read at 1024 wide (docs/screen.md, “Tables”).

`fit_table(view)` sizes every column to its content within the view's width, again whenever the
rows are replaced or the view changes width:

- a column of numbers (“13,447,966”, “+5”, “-1”, “92.5”) gets the whole width of its widest number
  and is right-aligned: a number is never cut; nor are dates and ID or telephone numbers;
- a text column gets its content's width, but at most ~30% of the view (long titles, descriptions
  and reasons are elided “关于…” with the whole text as the cell's tooltip);
- too wide for the view, the long text columns give up room in proportion, down to six
  characters; the room left over goes to the widest text column, so nothing stands beside empty
  space.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
)

#: what a cell holding only a number looks like (a sign, thousands separators, a decimal part, %)
NUMBER = re.compile(r"[+\-−]?\d[\d,]*(\.\d+)?%?")
#: a text column is at most this share of the view's width
TEXT_SHARE = 0.3
#: the rows sampled to size a column (a roster has thousands)
SAMPLE = 200


#: digits alone, 11 or more: an ID or telephone number, an identifier rather than a quantity
IDENTIFIER = re.compile(r"\d{11,}[\dXx]?")


#: a date or a month as the tables show them: kept whole, like numbers and identifiers
WHOLE = re.compile(r"\d{4}-\d{2}(-\d{2})?|\d{11,}[\dXx]?")


def is_number(text: Any) -> bool:
    if not isinstance(text, str):
        return False
    text = text.strip()
    return bool(NUMBER.fullmatch(text)) and not IDENTIFIER.fullmatch(text)


class FittingDelegate(QStyledItemDelegate):
    """Numbers right-aligned; a cell whose text does not fit shows the whole text as its tooltip
    (unless the model gives a tooltip of its own)."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        if is_number(option.text):
            option.displayAlignment = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

    def tooltip(self, view: QAbstractItemView, index: QModelIndex | QPersistentModelIndex) -> str:
        """The whole text of a cell shown elided ("" when it fits or the model has its own tip)."""
        if not index.isValid() or index.data(Qt.ItemDataRole.ToolTipRole):
            return ""
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if text is None:
            return ""
        text = str(text)
        room = view.visualRect(index).width() - 6  # the cell's text margins (Fusion: 3 px a side)
        return text if view.fontMetrics().horizontalAdvance(text) > room else ""

    def helpEvent(self, event: Any, view: QAbstractItemView, option: QStyleOptionViewItem,  # noqa: N802
                  index: QModelIndex | QPersistentModelIndex) -> bool:
        tip = self.tooltip(view, index) if event.type() == QEvent.Type.ToolTip else ""
        if tip:
            QToolTip.showText(event.globalPos(), tip, view)
            return True
        return super().helpEvent(event, view, option, index)


class _Refit(QObject):
    """Fits the columns again when the view's width changes."""

    def __init__(self, view: QTableView):
        super().__init__(view)
        self.view, self.width = view, -1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and self.view.viewport().width() != self.width:
            self.width = self.view.viewport().width()
            fit_columns(self.view)
        return False


class _HeaderTips(QObject):
    """A header narrower than its text (elided by the style) shows the whole text as its tooltip."""

    def __init__(self, view: QTableView):
        super().__init__(view)
        self.view = view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.ToolTip:
            return False
        header = self.view.horizontalHeader()
        section = header.logicalIndexAt(event.pos())  # type: ignore[attr-defined]
        if section < 0 or header.sectionSize(section) >= header.sectionSizeHint(section):
            return False
        text = self.view.model().headerData(section, Qt.Orientation.Horizontal)
        if self.view.model().headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole):
            return False  # the model's own tip
        QToolTip.showText(event.globalPos(), str(text), header)  # type: ignore[attr-defined]
        return True


def fit_table(view: QTableView) -> QTableView:
    """Install the fitting (delegate, refits on new rows and on resizing) on a table view."""
    view.setItemDelegate(FittingDelegate(view))
    view.horizontalHeader().viewport().installEventFilter(_HeaderTips(view))
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setWordWrap(False)
    view.horizontalHeader().setStretchLastSection(False)
    model = view.model()
    model.modelReset.connect(lambda: fit_columns(view))
    model.layoutChanged.connect(lambda: fit_columns(view))
    view.viewport().installEventFilter(_Refit(view))
    fit_columns(view)
    return view


def _all(view: QTableView, column: int, test: Any) -> bool:
    """Every sampled, non-empty cell of the column passes `test` (and there is one)."""
    model = view.model()
    seen = False
    for row in range(min(model.rowCount(), SAMPLE)):
        text = model.index(row, column).data(Qt.ItemDataRole.DisplayRole)
        if text in (None, ""):
            continue
        if not test(str(text).strip()):
            return False
        seen = True
    return seen


def fit_columns(view: QTableView) -> None:
    """Size the columns as the module says (within the viewport's width as it is now)."""
    model, header = view.model(), view.horizontalHeader()
    if model is None:
        return
    header.setResizeContentsPrecision(SAMPLE)
    columns = [c for c in range(model.columnCount()) if not view.isColumnHidden(c)]
    if not columns:
        return
    room = view.viewport().width()
    cap = max(120, int(room * TEXT_SHARE))
    widths: dict[int, int] = {}
    natural: dict[int, int] = {}
    numbers = set()
    em = view.fontMetrics().horizontalAdvance("中")
    for c in columns:
        view.resizeColumnToContents(c)
        natural[c] = view.columnWidth(c)
        if _all(view, c, is_number) or _all(view, c, WHOLE.fullmatch):
            numbers.add(c)  # numbers, dates, ID numbers: never cut
            widths[c] = natural[c]
        else:
            widths[c] = min(natural[c], max(cap, header.sectionSizeHint(c)))
    left = room - sum(widths.values()) - 2  # (a table exactly as wide as its viewport may still scroll)
    texts = [c for c in columns if c not in numbers]
    # too wide: long text columns give up room in proportion, down to 6 characters (their header
    # whole); still too wide (a dozen columns at 1024), down to 3 characters, the header elided
    # with its whole text as the header's tooltip
    for floor_of in (lambda c: max(header.sectionSizeHint(c), 6 * em + 8), lambda c: 3 * em + 8):
        if left >= 0 or not texts:
            break
        floor = {c: min(floor_of(c), widths[c]) for c in texts}
        spare = {c: max(widths[c] - floor[c], 0) for c in texts}
        total = sum(spare.values())
        if total:
            share = min(1.0, -left / total)
            for c in texts:
                widths[c] -= int(spare[c] * share + 0.999)
        left = room - sum(widths.values()) - 2
    if left > 0 and texts:
        widest = max(texts, key=lambda c: natural[c])
        widths[widest] += left
    for c, w in widths.items():
        view.setColumnWidth(c, w)
    view.updateGeometries()  # the scroll bars follow now, not at the next layout pass
