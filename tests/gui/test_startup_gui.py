"""The window's start-up (docs/startup.md): the first page shows the county's data before the PDF
font check and the daily backup start; both come once it is painted."""

from __future__ import annotations

import gc


def test_font_check_and_backup_wait_for_the_first_page(qtbot, gui_db, sqlite_path, monkeypatch):
    from desktop.app import MainWindow

    started: list[tuple[str, bool]] = []

    def seen(what: str):
        def record(self) -> None:
            page = self.pages.get("dashboard")
            started.append((what, page is not None and page.isVisible() and self.painted))
        return record

    monkeypatch.setattr(MainWindow, "check_document_fonts", seen("fonts"))
    monkeypatch.setattr(MainWindow, "start_daily_backup", seen("backup"))
    win = MainWindow(str(sqlite_path), None)
    qtbot.addWidget(win)
    win.show()
    assert win.open_database()
    assert win.pages.get("dashboard") is not None  # the first page is built …
    assert started == [] and not win.first_page_shown  # … and nothing else has started yet
    assert win.first_page_painted is None
    qtbot.waitUntil(lambda: len(started) == 2)
    assert started == [("fonts", True), ("backup", True)]
    assert win.first_page_shown and win.first_page_painted is not None  # what the bench reads


def test_the_window_resumes_the_collector_start_up_paused(qtbot, gui_db, sqlite_path, monkeypatch):
    from desktop import cli
    from desktop.app import MainWindow

    monkeypatch.setattr(MainWindow, "check_document_fonts", lambda self: None)
    monkeypatch.setattr(MainWindow, "start_daily_backup", lambda self: None)
    cli.pause_gc(freeze=False)
    try:
        assert not gc.isenabled()
        win = MainWindow(str(sqlite_path), None)
        qtbot.addWidget(win)
        win.show()
        assert win.open_database()
        qtbot.waitUntil(lambda: win.first_page_shown)
        assert gc.isenabled()
    finally:
        cli.end_start_up()
        gc.enable()


def test_the_database_opens_once_right_after_the_window_painted(qtbot, gui_db, sqlite_path, monkeypatch):
    """No fixed wait between the empty window and the database (docs/startup.md): the zero timer
    the first paint starts opens it; the fallback for a window never painted does not open it again."""
    from PySide6.QtWidgets import QApplication

    from desktop import app

    monkeypatch.setattr(app.MainWindow, "after_first_page", lambda self: None)
    opened: list[bool] = []
    real = app.MainWindow.open_database
    monkeypatch.setattr(app.MainWindow, "open_database", lambda self: opened.append(self.painted) or real(self))
    win = app.MainWindow(str(sqlite_path), None)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.painted)
    QApplication.processEvents()  # the zero timer
    assert opened == [True] and win.pages.get("dashboard") is not None
    qtbot.wait(app.UNPAINTED_MS + 100)
    assert opened == [True]


def test_the_first_pages_widgets_load_no_orm():
    """The window's shell and what the 工作台 builds its widgets with (tables, charts, buttons, the
    cells' texts, exports) import neither SQLAlchemy nor a model: the ORM is the data's alone
    (the roster's model, the organization picker and the enumerations' modules load with their
    pages; docs/startup.md)."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    code = ("import json, sys; import desktop.app, desktop.tablemodels, desktop.tables, desktop.charts, "
            "desktop.exports, forms.common, forms.choices, forms.flow; "
            "from forms.choices import enum_text, shown; enum_text('整改中'); shown('逾期')\n"
            "print(json.dumps(sorted(sys.modules)))")
    env = {**os.environ, "PYTHONPATH": str(root), "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=root,
                          timeout=120)
    loaded = set(json.loads(proc.stdout.splitlines()[-1]))
    assert "PySide6.QtWidgets" in loaded
    assert not {m for m in loaded if m.split(".")[0] == "sqlalchemy"}
    assert not {m for m in loaded if m.startswith("models.")} - {"models.errors", "models.periods", "models.actor",
                                                                 "models.roles", "models.operations",
                                                                 "models.collation"}


_FIRST_PAGE = """
import json, os, sys, time
from PySide6.QtWidgets import QApplication
from desktop.app import run
window = run(sys.argv[1], None, exec_loop=False)
give_up = time.monotonic() + 60
while window.ctx is None or window.pages.get("dashboard") is None:
    QApplication.processEvents()
    if time.monotonic() > give_up:
        os._exit(1)
window.grab()
print("\\n" + json.dumps({"numbers": window.pages["dashboard"].data.numbers, "modules": sorted(sys.modules)}),
      flush=True)
os._exit(0)  # not waiting for the daily backup started behind the first page
"""

#: what the 工作台 does not show, loaded after its first paint (docs/startup.md): SQLAlchemy's
#: PostgreSQL dialect on a SQLite file, the task receipts, the data checks, the audit log's labels,
#: the 三函 services the page does not read through
NOT_BEFORE_THE_FIRST_PAINT = ("sqlalchemy.dialects.postgresql", "models.task_receipt", "models.finding",
                              "models.services.auditlog", "models.services.supervision.receipts",
                              "models.services.supervision.templates", "models.services.supervision.drafting",
                              "alembic", "reportlab", "openpyxl")


def test_the_first_page_is_painted_without_what_it_does_not_show(gui_db, sqlite_path, tmp_path, actor):
    """A fresh process: the window opens the file, logs in and paints the 工作台 with the numbers
    the service gives, and by then has not imported the models and services the page does not use."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    from models.services import dashboard

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root), "DANGJIAN_HOME": str(tmp_path / "home"),
           "QT_QPA_PLATFORM": "offscreen"}
    env.pop("DANGJIAN_DB", None)
    proc = subprocess.run([sys.executable, "-c", _FIRST_PAGE, str(sqlite_path)], capture_output=True,
                          text=True, env=env, cwd=root, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    shown = json.loads(proc.stdout.splitlines()[-1])
    assert shown["numbers"] == gui_db.read(lambda s: dashboard.load(s, actor)).numbers
    loaded = set(shown["modules"])
    assert "models.services.dashboard" in loaded
    assert not {m for m in loaded for name in NOT_BEFORE_THE_FIRST_PAINT
                if m == name or m.startswith(name + ".")}
