"""Every message box of the program goes through here, so tests can replace them (no blocking).

`message` shows a sentence; `confirm` asks yes/no. Tests monkeypatch both module attributes;
callers must call them as `dialogs.message(...)` so the patch is seen.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from models.errors import DomainError


def message(parent: QWidget | None, kind: str, title: str, text: str, detail: str = "") -> None:
    """kind: "info", "warning" or "error". A service's sentence in `text` is shown in the
    interface's language (forms.choices.phrase), wherever the message comes from."""
    from .choices import phrase

    box = QMessageBox(parent)
    box.setIcon(
        {"info": QMessageBox.Icon.Information, "warning": QMessageBox.Icon.Warning}.get(
            kind, QMessageBox.Icon.Critical
        )
    )
    box.setWindowTitle(title)
    box.setText(phrase(text))
    if detail:
        box.setDetailedText(detail)
    box.exec()


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


def attempt(parent: QWidget | None, fn: Callable[[], Any], title: str | None = None) -> Any:
    """Run a user action: an expected error (DomainError) becomes a plain message; None returned.

    Anything else propagates to sys.excepthook (the crash dialog; a failure in tests).
    """
    try:
        return fn()
    except DomainError as exc:
        message(parent, "warning", title or QCoreApplication.translate("dialogs", "操作未完成"), str(exc))
        return None


def open_path(path: str | Path) -> bool:
    """Open a file with its program, or a folder in the file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def exported(parent: QWidget | None, title: str, text: str, path: str | Path) -> QMessageBox:
    """After an export: what was written, with 打开文件 and 打开所在文件夹 (not blocking)."""
    path = Path(path)
    box = QMessageBox(parent)
    box.setObjectName("exported")
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(title)
    box.setText(text)
    box.setInformativeText(str(path))
    if path.is_file():
        box.addButton(QCoreApplication.translate("dialogs", "打开文件"), QMessageBox.ButtonRole.ActionRole).clicked.connect(
            lambda: open_path(path))
    box.addButton(QCoreApplication.translate("dialogs", "打开所在文件夹"), QMessageBox.ButtonRole.ActionRole).clicked.connect(
        lambda: open_path(path if path.is_dir() else path.parent))
    box.addButton(QMessageBox.StandardButton.Close)
    box.open()
    return box
