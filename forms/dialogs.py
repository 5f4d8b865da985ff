"""Every message box of the program goes through here, so tests can replace them (no blocking).

`message` shows a sentence; `confirm` asks yes/no. Tests monkeypatch both module attributes;
callers must call them as `dialogs.message(...)` so the patch is seen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from models.errors import DomainError


def message(parent: QWidget | None, kind: str, title: str, text: str, detail: str = "") -> None:
    """kind: "info", "warning" or "error"."""
    box = QMessageBox(parent)
    box.setIcon(
        {"info": QMessageBox.Icon.Information, "warning": QMessageBox.Icon.Warning}.get(
            kind, QMessageBox.Icon.Critical
        )
    )
    box.setWindowTitle(title)
    box.setText(text)
    if detail:
        box.setDetailedText(detail)
    box.exec()


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


def attempt(parent: QWidget | None, fn: Callable[[], Any], title: str = "操作未完成") -> Any:
    """Run a user action: an expected error (DomainError) becomes a plain message; None returned.

    Anything else propagates to sys.excepthook (the crash dialog; a failure in tests).
    """
    try:
        return fn()
    except DomainError as exc:
        message(parent, "warning", title, str(exc))
        return None
