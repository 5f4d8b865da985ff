"""A layout that wraps its widgets onto the next line when the window is narrow (Qt's flow layout
example), for button rows and filter bars: a row of buttons never sets the window's width."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 6):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setContentsMargins(QMargins(0, 0, 0, 0))
        self.setSpacing(spacing)

    def __del__(self) -> None:
        self._items.clear()

    # -- QLayout
    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt name
        self._items.append(item)

    def addWidget(self, widget: QWidget, _stretch: int = 0, *_alignment) -> None:  # noqa: N802
        """As QBoxLayout.addWidget, for callers; a flow has no stretch."""
        super().addWidget(widget)

    def addSpacing(self, _size: int) -> None:  # noqa: N802 - as QBoxLayout, for callers
        """The flow's spacing separates items."""

    def addStretch(self, _stretch: int = 0) -> None:  # noqa: N802 - as QBoxLayout, for callers
        """A flow has no stretch: items are packed from the left."""

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt name
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt name
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt name
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt name
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt name
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt name
        """One line of everything: what the row would like when there is room."""
        width = sum(i.sizeHint().width() for i in self._items) + self.spacing() * max(len(self._items) - 1, 0)
        height = max((i.sizeHint().height() for i in self._items), default=0)
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt name
        """As narrow as its widest item: the rest wraps."""
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _place(self, rect: QRect, move: bool) -> int:
        """Lay the items out left to right, wrapping; each line's items centred on the line (a
        label beside a taller box or button reads level with its text)."""
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line_height = area.x(), area.y(), 0
        space = self.spacing()
        line: list[tuple[QLayoutItem, int, QSize]] = []

        def finish_line() -> None:
            if move:
                for item, left, hint in line:
                    item.setGeometry(QRect(QPoint(left, y + (line_height - hint.height()) // 2), hint))
            line.clear()

        for item in self._items:
            widget = item.widget()
            if widget is not None and not widget.isVisibleTo(widget.parentWidget() or widget):
                continue
            hint = item.sizeHint()
            if widget is not None and widget.sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Ignored:
                hint = item.minimumSize()
            next_x = x + hint.width() + space
            if next_x - space > area.right() + 1 and line_height > 0:
                finish_line()
                x = area.x()
                y += line_height + space
                next_x = x + hint.width() + space
                line_height = 0
            line.append((item, x, hint))
            x = next_x
            line_height = max(line_height, hint.height())
        finish_line()
        return y + line_height - rect.y() + m.bottom()
