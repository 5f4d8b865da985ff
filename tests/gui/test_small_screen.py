"""A 1024×700 screen: every page fits, in Chinese and in English; button rows wrap instead of
widening the window."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_page_fits_a_1024_by_700_screen(qtbot, gui_db, sqlite_path, messages, language):
    from PySide6.QtWidgets import QApplication, QPushButton, QTabWidget

    from desktop.app import MainWindow, install_translator

    app = QApplication.instance()
    translators = install_translator(app, language)
    try:
        win = MainWindow(str(sqlite_path), None)
        qtbot.addWidget(win)
        win.resize(1024, 700)
        win.show()
        assert win.open_database()
        for row in range(win.nav.count()):
            key = win.nav.item(row).data(0x0100)
            page = win.navigate(key)
            tabs = getattr(page, "tabs", None)
            for index in range(tabs.count() if isinstance(tabs, QTabWidget) else 1):
                if isinstance(tabs, QTabWidget):  # every tab of a page, not only the first
                    tabs.setCurrentIndex(index)
                app.processEvents()
                hint = win.minimumSizeHint()
                assert hint.width() <= 1024 and hint.height() <= 700, (key, index, language, hint)
                assert win.width() <= 1024, (key, index, language, win.width())
                # no button is cut off or pushed out of the page
                for button in page.findChildren(QPushButton):
                    if button.isVisibleTo(page):
                        right = button.mapTo(page, button.rect().topRight()).x()
                        assert right <= page.width(), (key, index, button.text(), right, page.width())
            if language == "en":
                assert win.nav.item(0).text() == "Dashboard"
    finally:
        for tr in translators:
            app.removeTranslator(tr)
