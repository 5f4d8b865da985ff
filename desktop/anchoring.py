"""The audit chain's anchors in the clerk's data folder (models/anchors.py, docs/tamper-evidence.md):
kept at every start and backup, renewed after a restore. Used by the command line and the window."""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from models import anchors
from models.db import Database, open_database, sqlite_url_path

from . import paths

log = logging.getLogger(__name__)


def remember(db: Database) -> str | None:
    """This database's head kept in the anchor file (moved forward only while the chain holds the
    anchor kept so far); the warning when it does not."""
    try:
        return anchors.remember(db.engine, paths.anchor_file())
    except DBAPIError:  # no right to read the head (or no head yet): nothing to anchor
        log.info("audit head not anchored", exc_info=True)
        return None


def after_restore(target: str, file: str | Path, by: str) -> str | None:
    """A restore replaced the chain on purpose (audited in the restored database): anchored anew,
    the old backups' anchors it no longer holds acknowledged with the restore as the reason.
    Returns a warning when the anchor file cannot be used."""
    folders = [paths.backup_dir()]
    local = sqlite_url_path(target)
    if local is not None:
        folders.append(local.parent)
    db = open_database(target, migrate=False)
    try:
        anchors.after_restore(db.engine, paths.anchor_file(), folders, Path(file).expanduser().resolve(), by)
    except anchors.AnchorFileError as exc:
        return str(exc)
    except DBAPIError:
        log.info("audit head not anchored after the restore", exc_info=True)
    finally:
        db.dispose()
    return None
