"""Windows that fit the screen they open on, and forms that do not lose typed work.

`fit_to_screen` moves and, where needed, shrinks a top-level window into its screen's available
geometry (an office monitor of 1024×768 with a task bar): the main window's first size and a
restored geometry from a larger monitor, and every form when it first shows.

`GuardedDialog` is the base of the program's data-entry forms: Esc, 取消 and the close box ask
before they throw away what was typed (a snapshot of the form's inputs when it first showed,
compared at that moment); saying no keeps the form and the text.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

#: the window manager's frame (both side borders; title bar and bottom border) assumed for a window
#: not yet framed: Windows 10 draws 8 px borders and a 31 px title bar, openbox 1 px and 26 px
FRAME_GUESS = (16, 39)


def fit_to_screen(window: QWidget) -> bool:
    """Shrink and move `window` (its frame: the real one once the window manager has drawn it, a
    generous guess before) into its screen's available area. True when it had to shrink."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return False
    avail = screen.availableGeometry()
    geo, frame = window.geometry(), window.frameGeometry()
    extra_w, extra_h = frame.width() - geo.width(), frame.height() - geo.height()
    if (extra_w, extra_h) == (0, 0) and QGuiApplication.platformName() not in ("offscreen", "minimal"):
        extra_w, extra_h = FRAME_GUESS  # not framed yet: leave room for the frame to come
    width = max(min(geo.width(), avail.width() - extra_w), window.minimumWidth())
    height = max(min(geo.height(), avail.height() - extra_h), window.minimumHeight())
    shrunk = (width, height) != (geo.width(), geo.height())
    if shrunk:
        window.resize(width, height)
    frame = window.frameGeometry()
    x = min(max(frame.x(), avail.x()), avail.x() + max(avail.width() - frame.width(), 0))
    y = min(max(frame.y(), avail.y()), avail.y() + max(avail.height() - frame.height(), 0))
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)
    return shrunk


def snapshot(form: QWidget) -> tuple[Any, ...]:
    """What the form's inputs hold now (read-only and hidden ones included: they do not change)."""
    values: list[Any] = []
    for w in form.findChildren(QWidget):
        if isinstance(w, QLineEdit):
            if not isinstance(w.parent(), QAbstractSpinBox | QComboBox):
                values.append(w.text())
        elif isinstance(w, QPlainTextEdit | QTextEdit):
            values.append(w.toPlainText())
        elif isinstance(w, QComboBox):
            values.append(w.currentText())
        elif isinstance(w, QDateEdit):
            values.append(w.date().toString("yyyy-MM-dd") if isinstance(w.date(), QDate) else None)
        elif isinstance(w, QAbstractSpinBox):
            values.append(w.text())
        elif isinstance(w, QAbstractButton) and w.isCheckable():
            values.append(w.isChecked())
    return tuple(values)


class GuardedDialog(QDialog):
    """A data-entry form: asks before Esc, 取消 or the close box discards typed changes."""

    _pristine: tuple[Any, ...] | None = None

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt name
        super().showEvent(event)
        if self._pristine is None:
            self._pristine = snapshot(self)
            fit_to_screen(self)

    def has_changes(self) -> bool:
        return self._pristine is not None and snapshot(self) != self._pristine

    def reject(self) -> None:
        from . import dialogs

        if self.has_changes() and not dialogs.confirm(
            self, QCoreApplication.translate("dialogs", "放弃输入"),
            QCoreApplication.translate("dialogs", "已输入的内容尚未保存，放弃这些内容并关闭吗？"),
        ):
            return
        super().reject()
