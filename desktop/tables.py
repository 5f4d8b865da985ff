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
    """Fits the columns again when the view's width changes (with the contents measured after the
    rows last changed: a resize only shares the width out again) and when the rows change."""

    def __init__(self, view: QTableView):
        super().__init__(view)
        self.view, self.width = view, -1
        #: (the columns shown, each one's natural width, the columns of numbers) as last measured
        self.measured: tuple[tuple[int, ...], dict[int, int], set[int]] | None = None

    def rows_changed(self) -> None:
        self.measured = None
        if self.view.isVisible():  # a hidden one (a page not shown yet, another tab): when it is shown
            fit_columns(self.view, self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind not in (QEvent.Type.Resize, QEvent.Type.Show) or not self.view.isVisible():
            return False  # a hidden view is fitted when it is shown
        width = self.view.viewport().width()
        if width != self.width or self.measured is None:
            self.width = width
            fit_columns(self.view, self)
        return False


def fit_table(view: QTableView) -> QTableView:
    """Install the fitting (delegate, refits on new rows and on resizing) on a table view."""
    view.setItemDelegate(FittingDelegate(view))
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setWordWrap(False)
    view.horizontalHeader().setStretchLastSection(False)
    model = view.model()
    refit = _Refit(view)
    model.modelReset.connect(refit.rows_changed)
    model.layoutChanged.connect(refit.rows_changed)
    view.viewport().installEventFilter(refit)
    fit_columns(view, refit)
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


def fit_columns(view: QTableView, refit: _Refit | None = None) -> None:
    """Size the columns as the module says (within the viewport's width as it is now); the
    contents' widths as `refit` last measured them if the same columns are shown."""
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
    em = view.fontMetrics().horizontalAdvance("中")
    if refit is not None and refit.measured is not None and refit.measured[0] == tuple(columns):
        natural, numbers = refit.measured[1], refit.measured[2]
    else:
        natural, numbers = {}, set()
        for c in columns:
            view.resizeColumnToContents(c)
            natural[c] = view.columnWidth(c)
            if _all(view, c, is_number) or _all(view, c, WHOLE.fullmatch):
                numbers.add(c)  # numbers, dates, ID numbers: never cut
        if refit is not None:
            refit.measured = (tuple(columns), natural, numbers)
    for c in columns:
        widths[c] = natural[c] if c in numbers else min(natural[c], max(cap, header.sectionSizeHint(c)))
    left = room - sum(widths.values()) - 2  # (a table exactly as wide as its viewport may still scroll)
    texts = [c for c in columns if c not in numbers]
    if left < 0 and texts:  # too wide: long text columns give up room in proportion, down to 6 characters
        floor = {c: max(header.sectionSizeHint(c), 6 * em + 8) for c in texts}
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
