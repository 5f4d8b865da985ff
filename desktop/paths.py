"""One place for the per-user folders. DANGJIAN_HOME moves them all (tests use a temporary folder)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "dangjian-desk"


def _home() -> Path | None:
    home = os.environ.get("DANGJIAN_HOME")
    return Path(home) if home else None


def data_dir() -> Path:
    home = _home()
    path = home / "data" if home else Path(platformdirs.user_data_dir(APP, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    home = _home()
    path = home / "logs" if home else Path(platformdirs.user_log_dir(APP, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    home = _home()
    path = home / "config" if home else Path(platformdirs.user_config_dir(APP, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def backup_dir() -> Path:
    """Automatic and `dangjian backup` copies (the last 30 are kept)."""
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def anchor_file() -> Path:
    """The audit chain's anchors kept outside the database (models/anchors.py,
    docs/tamper-evidence.md): one per database, moved forward at every start and backup."""
    return data_dir() / "audit-anchors.json"


def default_database() -> str:
    """DANGJIAN_DB from the environment, else dangjian.sqlite3 in the per-user data folder."""
    return os.environ.get("DANGJIAN_DB") or str(data_dir() / "dangjian.sqlite3")


def log_file() -> Path:
    return log_dir() / "dangjian.log"


def remove_unfinished_copies(target: str | None = None) -> list[Path]:
    """At start: the unfinished copies (``*.part`` of any name, older than 10 minutes) a killed
    program left in the data folder, the backup folder and the database's folder
    (models/backup.py, docs/tamper-evidence.md)."""
    from models.db import sqlite_url_path
    from models.partfiles import remove_stale_parts

    folders = {data_dir(), backup_dir()}
    db = sqlite_url_path(target or default_database())
    if db is not None:
        folders.add(db.parent)
    gone: list[Path] = []
    for folder in folders:
        try:
            gone += remove_stale_parts(folder)
        except OSError:
            continue
    return gone
