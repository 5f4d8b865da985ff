"""GUI fixtures: a county database, an AppContext, message boxes recorded instead of shown."""

from __future__ import annotations

import pytest


@pytest.fixture
def messages(monkeypatch):
    """Every message box becomes an entry (kind, title, text); confirmations: see tests/conftest.py."""
    from forms import dialogs

    seen: list[tuple[str, str, str]] = []
    monkeypatch.setattr(dialogs, "message", lambda parent, kind, title, text, detail="": seen.append((kind, title, text)))
    return seen


@pytest.fixture
def gui_db(sqlite_db, actor):
    from tests.factories import build_county

    with sqlite_db.session() as s:
        build_county(s, actor)
        s.commit()
    return sqlite_db


@pytest.fixture
def ctx(gui_db, actor, messages):
    from desktop.context import AppContext

    return AppContext(gui_db, actor)


@pytest.fixture
def looked(qapp):
    """The program's font and style sheet (desktop.app.apply_look), as on a clerk's screen; put back."""
    from desktop.app import apply_look

    sheet, font = qapp.styleSheet(), qapp.font()
    apply_look(qapp)
    yield qapp
    qapp.setStyleSheet(sheet)
    qapp.setFont(font)
