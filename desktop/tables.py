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

import math
import re
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
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


#: a date or a month as the tables show them, with its light (2026-03-25（黄）): kept whole, like numbers and identifiers
WHOLE = re.compile(r"\d{4}-\d{2}(-\d{2})?(（[^（）]{1,3}）)?|\d{11,}[\dXx]?")


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
        #: column → (its natural width, whether it holds numbers, its widest cell without the
        #: header if so) as measured since the rows last changed
        self.measured: dict[int, tuple[int, bool, int]] | None = None

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


def fit_table(view: QTableView, optional: Sequence[int] = ()) -> QTableView:
    """Install the fitting (delegate, refits on new rows and on resizing) on a table view.
    `optional`: columns left out, in this order, while the others do not fit without them (a
    dozen columns at 1024 wide); they come back when the view is wide enough."""
    view.setProperty("optionalColumns", list(optional))
    view.setItemDelegate(FittingDelegate(view))
    header = view.horizontalHeader()  # a header narrower than its text wraps (fit_columns)
    header.setDefaultAlignment(header.defaultAlignment() | Qt.TextFlag.TextWordWrap)
    view.horizontalHeader().viewport().installEventFilter(_HeaderTips(view))
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


def _two_lines(header: QHeaderView, section: int, one: int) -> int:
    """The width a header section needs with its text wrapped onto two lines (between words, or
    anywhere in Chinese text); `one`: its size hint, the text on one line."""
    text = str(header.model().headerData(section, Qt.Orientation.Horizontal) or "")
    fm = header.fontMetrics()
    pad = one - fm.horizontalAdvance(text)
    cuts = [i for i, ch in enumerate(text) if ch == " "] if " " in text.strip() else range(1, len(text))
    best = min((max(fm.horizontalAdvance(text[:i].strip()), fm.horizontalAdvance(text[i:].strip())) for i in cuts),
               default=fm.horizontalAdvance(text))
    return pad + best


#: the roles besides the text that change a cell's width (its font, icon, check box or own size): a
#: column whose first sampled row has one is measured through the delegate, cell by cell
OWN_LOOK = (Qt.ItemDataRole.FontRole, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.CheckStateRole,
            Qt.ItemDataRole.SizeHintRole)
#: text the style lays out otherwise than one run of glyphs left to right (Hebrew, Arabic…; and
#: text not printable: line breaks, tabs): measured through the delegate
LAID_OUT = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]")


def _measure(view: QTableView, columns: list[int], headers: dict[int, int]) -> dict[int, tuple[int, bool, int]]:
    """Each column's (natural width, whether it holds numbers, its widest cell without the header
    if so) over its first SAMPLE rows, in one pass asking the model for each cell's text only;
    `headers`: the header sections' size hints.

    A cell's width is what the delegate's size hint gives (QStyledItemDelegate through the style):
    its text's advance in the view's font, with the last glyph's overhang (its negative right
    bearing) as QTextLayout counts it, rounded up, plus the style's text margins (the width of an
    empty cell); the grid's line; at least the header's width (QTableView.resizeColumnToContents).
    Cells the text does not decide (a value not text, text laid out otherwise: LAID_OUT; a column
    whose cells have a look of their own: OWN_LOOK) are measured through the delegate.
    (resizeColumnToContents sampled the rows in view and then those around them: the same rows
    while the table shows its top, as it does after new rows; the first ones, whatever the
    scrolling, as the numbers were judged.)"""
    model, header = view.model(), view.horizontalHeader()
    rows = min(model.rowCount(), SAMPLE)
    data = model.data
    # a table model's cell: QAbstractTableModel.index asks the model's rowCount and columnCount
    # (Python) each time, for rows and columns known here to be in the table
    plain = isinstance(model, QAbstractTableModel) and type(model).index is QAbstractTableModel.index
    cell = model.createIndex if plain else model.index
    view.ensurePolished()
    metrics = QFontMetricsF(view.font())
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasDisplay
    option.text = ""
    margins = view.style().sizeFromContents(QStyle.ContentsType.CT_ItemViewItem, option, QSize(), view).width()
    grid = 1 if view.showGrid() else 0
    widths: dict[str, int] = {}  # a text's width
    measured = {}
    for column in columns:
        delegated = rows > 0 and any(data(cell(0, column), role) is not None for role in OWN_LOOK)
        widest, numbers, wholes, seen = 0, True, True, False
        for row in range(rows):
            index = cell(row, column)
            value = data(index, Qt.ItemDataRole.DisplayRole)
            if delegated or not isinstance(value, str | None):
                width = view.sizeHintForIndex(index).width()
            elif value is None:
                continue  # no text: no width (nor a number)
            elif (width := widths.get(value, -1)) < 0:
                if value.isprintable() and not LAID_OUT.search(value):
                    overhang = max(0.0, -metrics.rightBearing(value[-1])) if value else 0.0
                    width = math.ceil(metrics.horizontalAdvance(value) + overhang) + margins
                else:
                    width = view.sizeHintForIndex(index).width()
                widths[value] = width
            widest = max(widest, width)
            if value not in (None, ""):
                text = str(value).strip()
                seen, numbers = True, numbers and is_number(text)
                wholes = wholes and bool(WHOLE.fullmatch(text))
        cells = widest + grid
        natural = cells if header.isHidden() else max(cells, headers[column])
        numeric = seen and (numbers or wholes)
        measured[column] = (natural, numeric, cells if numeric else 0)
    return measured


def _shrink(widths: dict[int, int], columns: list[int], floor: dict[int, int], room: int) -> int:
    """Take the room missing from `columns` in proportion to what each has above its floor;
    returns the room left (negative while still too wide)."""
    left = room - sum(widths.values()) - 2
    spare = {c: max(widths[c] - min(floor[c], widths[c]), 0) for c in columns}
    total = sum(spare.values())
    if total and left < 0:
        share = min(1.0, -left / total)
        for c in columns:
            widths[c] -= int(spare[c] * share + 0.999)
    return room - sum(widths.values()) - 2


def fit_columns(view: QTableView, refit: _Refit | None = None) -> None:
    """Size the columns as the module says (within the viewport's width as it is now), leaving
    out the optional columns (fit_table) one after the other while they do not fit; the
    contents' widths as `refit` last measured them since the rows last changed."""
    if view.model() is None:
        return
    optional = [int(c) for c in view.property("optionalColumns") or []]
    for c in optional:
        view.setColumnHidden(c, False)
    if _fit(view, refit):
        return
    for c in optional:
        view.setColumnHidden(c, True)
        if _fit(view, refit):
            return


def _fit(view: QTableView, refit: _Refit | None) -> bool:
    """One fitting of the columns shown; True when they fit the width."""
    model, header = view.model(), view.horizontalHeader()
    header.setResizeContentsPrecision(SAMPLE)
    columns = [c for c in range(model.columnCount()) if not view.isColumnHidden(c)]
    if not columns:
        return True
    room = view.viewport().width()
    cap = max(120, int(room * TEXT_SHARE))
    widths: dict[int, int] = {}
    em = view.fontMetrics().horizontalAdvance("中")
    one = {c: header.sectionSizeHint(c) for c in columns}  # the header's text on one line
    measured = refit.measured if refit is not None and refit.measured is not None else {}
    # the contents' widths, and whether they are numbers, dates, ID numbers: never cut
    if missing := [c for c in columns if c not in measured]:
        measured.update(_measure(view, missing, one))
    if refit is not None:
        refit.measured = measured
    natural = {c: measured[c][0] for c in columns}
    numbers = {c for c in columns if measured[c][1]}
    for c in columns:
        widths[c] = natural[c] if c in numbers else min(natural[c], max(cap, one[c]))
    left = room - sum(widths.values()) - 2  # (a table exactly as wide as its viewport may still scroll)
    texts = [c for c in columns if c not in numbers]
    # too wide: long text columns give up room in proportion, down to 6 characters (their header
    # whole); still too wide (a dozen columns at 1024): the headers wrap onto two lines, a column of
    # numbers keeps only its numbers' width, and text goes down to 3 characters
    if left < 0 and texts:
        left = _shrink(widths, texts, {c: max(one[c], 6 * em + 8) for c in texts}, room)
    if left < 0:
        two = {c: _two_lines(header, c, one[c]) for c in columns}  # the header's text wrapped on two lines
        for c in numbers:
            widths[c] = max(min(widths[c], max(measured[c][2], two[c])), 1)
        left = room - sum(widths.values()) - 2
    if left < 0 and texts:
        left = _shrink(widths, texts, {c: max(two[c], 3 * em + 8) for c in texts}, room)
    if left > 0 and texts:
        widest = max(texts, key=lambda c: natural[c])
        widths[widest] += left
    # a header narrower than its text wraps (two lines high), the whole text also as its tooltip
    if any(widths[c] < one[c] for c in columns):
        header.setFixedHeight(header.sizeHint().height() + header.fontMetrics().lineSpacing())
    else:
        header.setMinimumHeight(0)
        header.setMaximumHeight(16777215)  # QWIDGETSIZE_MAX
    fits = left >= 0
    for c, w in widths.items():
        view.setColumnWidth(c, w)
    view.updateGeometries()  # the scroll bars follow now, not at the next layout pass
    return fits
