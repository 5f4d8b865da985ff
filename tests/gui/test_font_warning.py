"""The status-bar warning about document fonts (README: "says so in the status bar") and the
font files saved in Settings, which documents then use."""

from __future__ import annotations


def _save_fonts(value: str) -> None:
    from PySide6.QtCore import QSettings

    from desktop import paths

    qs = QSettings(str(paths.config_dir() / "desktop.ini"), QSettings.Format.IniFormat)
    qs.setValue("documents/fonts", value)
    qs.sync()


def test_status_bar_warns_when_no_font_can_be_embedded(qtbot, gui_db, sqlite_path, messages,
                                                       monkeypatch):
    from desktop.app import MainWindow
    from reports import fonts

    monkeypatch.setattr(fonts, "discover_fonts", lambda: [])
    fonts.configure_fonts()
    try:
        win = MainWindow(str(sqlite_path), None)
        qtbot.addWidget(win)
        assert win.open_database()
        assert win.pages  # the first page comes first; the fonts are checked behind it
        qtbot.waitUntil(lambda: fonts.NO_EMBED_WARNING in win.warn_label.text(), timeout=30000)
    finally:
        monkeypatch.undo()
        fonts.configure_fonts()


def test_saved_font_files_are_applied_and_a_bad_one_is_reported(qtbot, gui_db, sqlite_path,
                                                                 messages, tmp_path):
    from desktop.app import MainWindow
    from reports import fonts

    found = fonts.discover_fonts()
    default = fonts.letter_fonts().chosen["body"]
    other = next((f for f in found if (f.path, f.index) != (default.path, default.index)), None)
    keep = f"{other.path}#{other.index}" if other else ""
    _save_fonts("|".join(x for x in (keep, str(tmp_path / "没有这个字体.ttf")) if x))
    try:
        win = MainWindow(str(sqlite_path), None)
        qtbot.addWidget(win)
        assert win.open_database()
        qtbot.waitUntil(lambda: "没有这个字体.ttf" in win.warn_label.text(), timeout=30000)  # told
        if other:
            body = fonts.letter_fonts().chosen["body"]
            assert (body.path, body.index) == (other.path, other.index)
        _save_fonts("")
        win._fonts_changed()  # what saving the Settings dialog does
        assert "没有这个字体.ttf" not in win.warn_label.text()
        assert fonts.letter_fonts().chosen["body"] == default
    finally:
        fonts.set_preferred_fonts([])
