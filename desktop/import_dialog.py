"""The import wizard opened from a page: the page's database and account, the window's
background runner, remembered column mappings, the page refreshed after an import."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop import prefs, worker
from reports.imports import Importer


def open_import_wizard(page: Any, importer: Importer, refresh: Callable[[], Any],
                       path: str | Path | None = None) -> Any:
    """Open (not blocking) the wizard for `importer`; with `path` the file is chosen and checked."""
    from forms.import_wizard import ImportWizard

    wizard = ImportWizard(page.ctx.db, page.ctx.actor, parent=page, runner=worker.start,
                          prefs=prefs.store(), importer=importer)
    wizard.accepted.connect(lambda: refresh())
    wizard.open()
    if path is not None:
        wizard.path.setText(str(path))
        wizard.next()
    return wizard
