"""The document fonts the clerk chose in Settings (desktop.ini "documents/fonts"), applied to the
PDF renderer (reports.fonts) by the GUI at start and after Settings, and by the CLI's PDF commands."""

from __future__ import annotations

from . import paths

KEY = "documents/fonts"


def saved_fonts() -> list[str]:
    """The saved font files, most preferred first."""
    from PySide6.QtCore import QSettings

    qs = QSettings(str(paths.config_dir() / "desktop.ini"), QSettings.Format.IniFormat)
    value = qs.value(KEY, "")
    if isinstance(value, (list, tuple)):  # QSettings reads "a,b" back as a list
        value = ",".join(str(v) for v in value)
    return [p.strip() for p in str(value or "").split("|") if p.strip()]


def apply_saved_fonts() -> list[str]:
    """Hand the saved font files to the PDF renderer; returns them."""
    from reports.fonts import set_preferred_fonts

    files = saved_fonts()
    set_preferred_fonts(files)
    return files


def font_warning() -> str | None:
    """The renderer's font warning for the status bar (None when every font embeds)."""
    from reports.fonts import font_warning as warning

    return warning()
