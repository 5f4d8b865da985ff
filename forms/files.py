"""The program's file dialogs: each starts in the folder the clerk last used, the first time in
the Documents folder (else the home folder); a saved file's suggested name is filled in.

The last folder is kept by a small store: in memory by default; the desktop program plugs in
one that keeps it in the desktop preference file (`use_store(prefs.LastFolder())` at start-up).
Cancelling a dialog (an empty answer) remembers nothing.
"""

from __future__ import annotations

import os
from typing import Protocol

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget


class FolderStore(Protocol):
    def load(self) -> str: ...

    def save(self, folder: str) -> None: ...


class MemoryStore:
    """The last folder for this session only."""

    def __init__(self, folder: str = ""):
        self.folder = folder

    def load(self) -> str:
        return self.folder

    def save(self, folder: str) -> None:
        self.folder = folder


_store: FolderStore = MemoryStore()


def use_store(store: FolderStore | None) -> FolderStore:
    """Keep the last folder in `store` from now on (None: a fresh in-memory store); returns the
    store used until now."""
    global _store
    previous, _store = _store, store if store is not None else MemoryStore()
    return previous


def documents() -> str:
    """The clerk's Documents folder, else the home folder."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return found if found and os.path.isdir(found) else os.path.expanduser("~")


def start_folder() -> str:
    """The last folder used while it still exists, else Documents (else home)."""
    last = _store.load()
    return last if last and os.path.isdir(last) else documents()


def remember(path: str, is_folder: bool = False) -> None:
    """Remember the folder of a chosen file (or the chosen folder itself)."""
    if path:
        _store.save(os.path.abspath(path if is_folder else os.path.dirname(path)))


def save_path(parent: QWidget | None, title: str, file_name: str = "", filter: str = "") -> str | None:
    start = start_folder()
    path, _f = QFileDialog.getSaveFileName(parent, title, os.path.join(start, file_name) if file_name else start,
                                           filter)
    remember(path)
    return path or None


def open_path(parent: QWidget | None, title: str, filter: str = "") -> str | None:
    path, _f = QFileDialog.getOpenFileName(parent, title, start_folder(), filter)
    remember(path)
    return path or None


def folder(parent: QWidget | None, title: str) -> str | None:
    path = QFileDialog.getExistingDirectory(parent, title, start_folder())
    remember(path, is_folder=True)
    return path or None
