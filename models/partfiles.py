"""Unfinished copies (``NAME.part``) a killed program left behind: found and removed at start-up
without loading the database layer (docs/startup.md); models/backup.py writes them."""

from __future__ import annotations

from pathlib import Path

PART = ".part"
#: a .part file older than this was left by a crash (a running copy touches its file all along)
STALE_PART_SECONDS = 600


def remove_stale_parts(folder: Path) -> list[Path]:
    """Delete the unfinished copies (``*.part``, of any name: backups, exports, restores) a crash
    left in `folder`; a copy touched within STALE_PART_SECONDS is still being written."""
    import time

    now, gone = time.time(), []
    for p in folder.glob(f"*{PART}") if folder.is_dir() else []:
        try:
            if now - p.stat().st_mtime > STALE_PART_SECONDS:
                p.unlink()
                gone.append(p)
        except OSError:
            continue
    return gone
