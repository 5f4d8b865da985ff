"""使用说明: what each page is for, the monthly rhythm, shortcuts, where data and backups live."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from desktop import paths

KEY = "help"
TITLE = "使用说明"

HELP_DIR = Path(__file__).resolve().parent.parent.parent / "resources" / "help"


def help_html(language: str = "zh") -> str:
    """The help text with the folders of this PC filled in ({data}, {backups}, {logs}, {config})."""
    name = "help_en.html" if language == "en" else "help_zh.html"
    text = (HELP_DIR / name).read_text(encoding="utf-8")
    for key, folder in (("data", paths.data_dir()), ("backups", paths.backup_dir()),
                        ("logs", paths.log_dir()), ("config", paths.config_dir())):
        text = text.replace("{" + key + "}", html.escape(str(folder)))
    return text


class HelpPage(QWidget):
    def __init__(self, ctx: Any, language: str | None = None):
        super().__init__()
        self.ctx = ctx
        if language is None:
            from desktop import prefs

            language = prefs.text(prefs.LANGUAGE)
        self.browser = QTextBrowser()
        self.browser.setObjectName("help")
        self.browser.setOpenExternalLinks(True)
        self.browser.setHtml(help_html(language))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.addWidget(self.browser)


def create_page(ctx: Any) -> QWidget:
    return HelpPage(ctx)
