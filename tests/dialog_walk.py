"""Every dialog reachable from the menus and the pages' buttons, opened and closed: shared by the
language check (tests/gui/test_chrome_language.py, offscreen) and the screen check on a real X
display (tests/x11_screen_check.py, run by tests/test_x11_screen.py).

A button or menu item opens a dialog when its text ends with “…”. `press_every_opener` presses each
enabled one, on every page and every tab of it; a dialog run modally (exec), a question
(QInputDialog) and a file dialog (Qt's own, as on Linux) are shown and handed to the caller's
`inspect` instead of waiting for a clerk (`DialogWatch`); a dialog opened without exec
(open()/show()) is found among the top-level windows and handed over too. Each is then closed
without saving (reject).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def settle(ms: int = 60) -> None:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    QApplication.processEvents()


class DialogWatch:
    """Dialogs run modally (exec), questions (QInputDialog) and Qt's own file dialogs: shown,
    handed to `inspect(dialog)` and closed instead of waiting for a clerk. `seen` names the
    dialogs. `patch(owner, name, value)` replaces an attribute (pytest's monkeypatch.setattr, or
    setattr in a process of its own)."""

    def __init__(self, patch: Callable[[Any, str, Any], None], inspect: Callable[[Any], None]):
        from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

        self.seen: list[str] = []
        self._inspect = inspect
        watch = self

        def run(dialog) -> int:
            dialog.show()
            settle(30)
            watch.inspect(dialog)
            dialog.reject()
            return int(QDialog.DialogCode.Rejected)

        patch(QDialog, "exec", run)
        patch(QMessageBox, "exec", run)

        def file_dialog(parent=None, caption="", *_a, **_k):
            dialog = QFileDialog(parent, caption)
            dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
            run(dialog)
            dialog.deleteLater()
            return ("", "")

        for name in ("getSaveFileName", "getOpenFileName"):
            patch(QFileDialog, name, staticmethod(file_dialog))
        patch(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([], "")))
        patch(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: file_dialog(*a[:2])[0]))

        def question(parent, title, label, *rest, **_k):
            dialog = QInputDialog(parent)
            dialog.setWindowTitle(title)
            dialog.setLabelText(label)
            items = next((r for r in rest if isinstance(r, list)), None)
            if items:
                dialog.setComboBoxItems(items)
            run(dialog)
            dialog.deleteLater()
            return ("", False)

        for name in ("getText", "getItem", "getMultiLineText"):
            patch(QInputDialog, name, staticmethod(question))
        patch(QInputDialog, "getInt", staticmethod(lambda *a, **k: (0, False)))
        patch(QInputDialog, "getDouble", staticmethod(lambda *a, **k: (0.0, False)))

    def inspect(self, dialog) -> None:
        self.seen.append(f"{type(dialog).__name__} “{dialog.windowTitle()}”")
        self._inspect(dialog)


def press_every_opener(win, watch: DialogWatch) -> None:
    """Each enabled button and menu item whose text ends with “…” (it opens a dialog), on every
    page and every tab, each pressed once (a button beside the tabs is not pressed again for each
    tab); the dialogs opened without exec (open()/show()) inspected and closed too."""
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QTabWidget

    def close_new_windows() -> None:
        for w in QApplication.topLevelWidgets():
            if w is not win and w.isVisible() and isinstance(w, QDialog):
                watch.inspect(w)
                w.reject()  # hidden, not deleted: the page may still hold it
        settle(20)

    switch = QCoreApplication.translate("MainWindow", "切换账号…")  # closes the window: tests/gui/test_switch_account.py
    for action in [a for menu in win.menuBar().actions() if menu.menu() for a in menu.menu().actions()]:
        if action.isEnabled() and action.text().rstrip().endswith("…") and action.text() != switch:
            action.trigger()
            settle(30)
            close_new_windows()
    pressed: dict[int, Any] = {}  # (the buttons held: an id is not reused while they live)
    for row in range(win.nav.count()):
        page = win.navigate(win.nav.item(row).data(Qt.ItemDataRole.UserRole))
        settle()
        if page is None:
            continue
        tab_sets = page.findChildren(QTabWidget) or [None]
        for tabs in tab_sets:
            for k in range(tabs.count() if tabs is not None else 1):
                if tabs is not None:
                    tabs.setCurrentIndex(k)
                    settle()
                for button in page.findChildren(QAbstractButton):
                    if (button.isVisible() and button.isEnabled() and button.text().rstrip().endswith("…")
                            and button.menu() is None and id(button) not in pressed):
                        pressed[id(button)] = button
                        button.click()
                        settle(30)
                        close_new_windows()
