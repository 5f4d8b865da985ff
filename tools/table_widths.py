"""Dump every fitted table's column widths on the main pages of a demo database, and the CPU time
spent fitting them (desktop/tables.py): `python tools/table_widths.py OUT.json [--repeat N]`.

Runs offscreen with the program's look at 1024×742 and at 1900×1000; the demo database (small
scale) is built once into /tmp/tables_demo.sqlite3."""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

DEMO = Path("/tmp/tables_demo.sqlite3")
PAGES = ["dashboard", "members", "supervision", "points", "pairing", "orgs"]


def demo() -> Path:
    if not DEMO.exists():
        from models.actor import Actor
        from models.db import open_database
        from models.demo import build_demo
        from models.roles import Role
        from models.services.orgs import ensure_county

        actor = Actor("基准测试", Role.ADMIN)
        db = open_database(DEMO)
        with db.session() as s:
            ensure_county(s, actor, "中共某某县委员会", "某组")
            build_demo(s, actor, "small", seed=0)
            s.commit()
        db.dispose()
    copy = Path("/tmp/tables_demo_run.sqlite3")
    shutil.copyfile(DEMO, copy)
    for ext in ("-wal", "-shm"):
        Path(str(copy) + ext).unlink(missing_ok=True)
    return copy


def main() -> None:
    from PySide6.QtWidgets import QApplication, QTableView, QTabWidget

    import desktop.tables as tables
    from desktop.app import MainWindow, apply_look

    spent = [0.0, 0]
    fit, depth = tables.fit_columns, [0]

    def timed(*args, **kw):
        depth[0] += 1
        start = time.process_time()
        try:
            return fit(*args, **kw)
        finally:
            depth[0] -= 1
            if not depth[0]:
                spent[0] += time.process_time() - start
                spent[1] += 1

    tables.fit_columns = timed
    app = QApplication.instance() or QApplication([])
    apply_look(app)
    path = demo()
    out: dict[str, object] = {}
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 1
    for _ in range(repeat):
        win = MainWindow(str(path), None)
        win.resize(1024, 768 - 26)
        win.show()
        assert win.open_database()
        app.processEvents()
        for size in ((1024, 768 - 26), (1900, 1000)):
            win.resize(*size)
            for key in PAGES:
                page = win.navigate(key)
                app.processEvents()
                views = [v for v in page.findChildren(QTableView) if v.property("optionalColumns") is not None]
                for n, view in enumerate(views):
                    child = view  # the tab holding it shown
                    while child is not page:
                        parent = child.parentWidget()
                        if isinstance(parent.parentWidget(), QTabWidget):
                            parent.parentWidget().setCurrentWidget(child)
                        child = parent
                    app.processEvents()
                    if view.objectName() == "pairing_list" and view.model().rowCount():
                        view.selectRow(0)  # the pairing's parties and activities below
                        app.processEvents()
                    model = view.model()
                    out[f"{size[0]} {key} {n} {view.objectName()}"] = {
                        "rows": model.rowCount(),
                        "widths": [view.columnWidth(c) for c in range(model.columnCount())],
                        "hidden": [c for c in range(model.columnCount()) if view.isColumnHidden(c)],
                        "header": view.horizontalHeader().height(),
                    }
        win.close()
        win.deleteLater()
        app.processEvents()
    print(f"fit_columns: {spent[1]} calls, {spent[0] * 1000:.1f} ms CPU over {repeat} run(s)", file=sys.stderr)
    Path(sys.argv[1]).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
