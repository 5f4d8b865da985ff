"""A small clickable bar chart drawn with QPainter (works offscreen, uses the application's CJK font)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

COLOURS = (QColor("#c0392b"), QColor("#2f7fc1"))
HOVER = QColor("#e67e22")


class BarChart(QWidget):
    """Vertical bars, one or two series; `barClicked(index, series)` when a bar is clicked."""

    barClicked = Signal(int, int)

    def __init__(self, title: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        self.labels: list[str] = []
        self.series: list[list[float]] = []
        self.legend: list[str] = []
        self._hover: tuple[int, int] | None = None
        self.setMouseTracking(True)
        self.setMinimumSize(240, 170)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt name
        return QSize(320, 220)

    def set_data(self, labels: list[str], *series: list[float], legend: list[str] | None = None) -> None:
        self.labels = list(labels)
        self.series = [list(s) for s in series if s]
        self.legend = list(legend or [])
        self.update()

    # ------------------------------------------------------------ geometry

    def _plot(self) -> QRectF:
        fm = self.fontMetrics()
        top = fm.height() * 2.2 + (fm.height() if len(self.series) > 1 and self.legend else 0)
        return QRectF(32, top, max(10, self.width() - 44), max(10, self.height() - top - fm.height() * 2.4))

    def bar_rect(self, index: int, series: int = 0) -> QRectF:
        plot = self._plot()
        n, k = max(1, len(self.labels)), max(1, len(self.series))
        slot = plot.width() / n
        width = min(slot * 0.7, 46.0)
        each = width / k
        top = max((max(s) if s else 0) for s in self.series) if self.series else 0
        value = self.series[series][index] if self.series else 0
        h = 0 if top <= 0 else plot.height() * value / _nice(top)
        x = plot.left() + slot * index + (slot - width) / 2 + each * series
        return QRectF(x, plot.bottom() - max(h, 1), each, max(h, 1))

    def bar_at(self, pos: QPointF) -> tuple[int, int] | None:
        plot = self._plot()
        for s in range(len(self.series)):
            for i in range(len(self.labels)):
                r = self.bar_rect(i, s)
                # the whole column above a bar counts, so a short bar is easy to hit
                hit = QRectF(r.left(), plot.top(), r.width(), plot.height() + 2)
                if hit.contains(pos):
                    return i, s
        return None

    # ------------------------------------------------------------ events

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        hover = self.bar_at(event.position())
        if hover != self._hover:
            self._hover = hover
            self.setToolTip("" if hover is None else
                            f"{self.labels[hover[0]]}：{_num(self.series[hover[1]][hover[0]])}")
            self.update()

    def leaveEvent(self, event) -> None:  # noqa: N802
        self._hover = None
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            hit = self.bar_at(event.position())
            if hit is not None:
                self.barClicked.emit(*hit)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("#ffffff"))
        fm = self.fontMetrics()
        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        p.setPen(QColor("#333333"))
        p.drawText(QRectF(8, 4, self.width() - 16, fm.height() * 1.4),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.title)
        p.setFont(self.font())
        plot = self._plot()
        if len(self.series) > 1 and self.legend:
            x = plot.left()
            for s, name in enumerate(self.legend[: len(self.series)]):
                p.fillRect(QRectF(x, fm.height() * 1.6 + 3, 10, 10), COLOURS[s % 2])
                p.setPen(QColor("#555555"))
                p.drawText(QPointF(x + 14, fm.height() * 1.6 + fm.ascent() - 1), name)
                x += 24 + fm.horizontalAdvance(name)
        top = max((max(s) if s else 0) for s in self.series) if self.series else 0
        nice = _nice(top)
        grid = QPen(QColor("#e5e5e5"))
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() - 1.5))
        p.setFont(small)
        sfm = p.fontMetrics()
        for k in range(5):
            y = plot.bottom() - plot.height() * k / 4
            p.setPen(grid)
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(QColor("#888888"))
            p.drawText(QRectF(0, y - sfm.height() / 2, plot.left() - 4, sfm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, _num(nice * k / 4))
        if not self.labels or top <= 0:
            p.setPen(QColor("#999999"))
            p.setFont(self.font())
            p.drawText(plot, Qt.AlignmentFlag.AlignCenter, self.tr("暂无数据"))
            p.end()
            return
        slot = plot.width() / len(self.labels)
        for s, values in enumerate(self.series):
            for i, v in enumerate(values):
                r = self.bar_rect(i, s)
                colour = HOVER if self._hover == (i, s) else COLOURS[s % 2]
                if v > 0:
                    p.fillRect(r, colour)
                    if len(self.series) == 1 or slot > 36:
                        p.setPen(QColor("#333333"))
                        p.drawText(QRectF(r.center().x() - 30, r.top() - sfm.height() - 1, 60, sfm.height()),
                                   Qt.AlignmentFlag.AlignCenter, _num(v))
        p.setPen(QColor("#444444"))
        for i, label in enumerate(self.labels):
            box = QRectF(plot.left() + slot * i, plot.bottom() + 3, slot, sfm.height() * 2.2)
            p.drawText(box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWrapAnywhere,
                       _wrap(label, slot, sfm))
        p.setPen(QPen(QColor("#999999")))
        p.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
        p.end()


def _wrap(label: str, width: float, fm) -> str:
    """Chinese labels on two lines when they do not fit under their bar."""
    if fm.horizontalAdvance(label) <= width - 2 or len(label) < 3:
        return label
    half = (len(label) + 1) // 2
    return label[:half] + "\n" + label[half:]


def _nice(top: float) -> float:
    """A round axis maximum at or above top."""
    if top <= 0:
        return 1.0
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if top <= step * 4:
            return step * 4.0
    return float(top)


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:.1f}"
