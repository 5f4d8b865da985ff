"""The interface's own words follow the language (issue 18): in English no Chinese is left in the
chrome (buttons, labels, tabs, headers, group boxes, menus, navigation) of any page; in Chinese
no English button (OK, Cancel, < Back, Next >, Close …) is left in any page or dialog.

The county database's data is Chinese on purpose: data (organization and member names, letter
titles …) is not chrome and is excepted — labels that show data carry the dynamic property
"data" = True (or are listed in DATA_LABELS by objectName)."""

from __future__ import annotations

import re

CHINESE = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_BUTTON = re.compile(r"^[A-Za-z&<> .]+$")

#: objectNames of labels that show data, not chrome (besides the "data" property)
DATA_LABELS: set[str] = set()

#: pages whose chrome is not checked in English yet:
#: the evaluation page is being rewritten in parallel; its check is redone after that merge
SKIP_ENGLISH_PAGES = {"evaluation"}


def chrome_texts(root) -> list[tuple[str, str]]:
    """(where, text) of every piece of chrome under root (root included)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QGroupBox,
        QHeaderView,
        QLabel,
        QListView,
        QMenu,
        QMenuBar,
        QTabWidget,
        QWidget,
    )

    out: list[tuple[str, str]] = []
    for w in [root, *root.findChildren(QWidget)]:
        if isinstance(w, QAbstractButton):
            out.append((f"button {w.objectName()}", w.text()))
        elif isinstance(w, QLabel):
            if not (w.property("data") or w.objectName() in DATA_LABELS):
                out.append((f"label {w.objectName()}", w.text()))
        elif isinstance(w, QGroupBox):
            out.append(("group box", w.title()))
        elif isinstance(w, QTabWidget):
            out.extend(("tab", w.tabText(k)) for k in range(w.count()))
        elif isinstance(w, QMenuBar | QMenu):
            for action in w.actions():
                out.append(("menu", action.text()))
                if action.menu() is not None:
                    out.extend(("menu item", a.text()) for a in action.menu().actions())
        elif isinstance(w, QAbstractItemView) and w.model() is not None and not isinstance(w, QHeaderView | QListView):
            model = w.model()
            for c in range(model.columnCount()):
                text = model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
                out.append((f"header {type(model).__name__}", str(text or "")))
    return out


def open_window(qtbot, sqlite_path):
    from desktop.app import MainWindow

    win = MainWindow(str(sqlite_path), None)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    assert win.open_database()
    return win


def test_the_english_interface_has_no_chinese_chrome(qtbot, gui_db, sqlite_path, messages):
    from PySide6.QtWidgets import QApplication

    from desktop.app import install_translator

    app = QApplication.instance()
    translators = install_translator(app, "en")
    try:
        win = open_window(qtbot, sqlite_path)
        chinese: list[tuple[str, str, str]] = []
        nav = [win.nav.item(k).text() for k in range(win.nav.count())]
        chinese += [("window", "navigation", t) for t in nav if CHINESE.search(t)]
        chinese += [("window", where, t) for where, t in chrome_texts(win.menuBar()) if CHINESE.search(t)]
        for row in range(win.nav.count()):
            key = win.nav.item(row).data(0x0100)
            page = win.navigate(key)
            app.processEvents()
            if key in SKIP_ENGLISH_PAGES:
                continue
            chinese += [(key, where, t) for where, t in chrome_texts(page) if CHINESE.search(t)]
        chinese = list(dict.fromkeys(chinese))
        assert not chinese, "\n".join(map(repr, chinese))
    finally:
        for tr in translators:
            app.removeTranslator(tr)
