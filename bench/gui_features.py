"""GUI benchmarks on the shared fixture (QT_QPA_PLATFORM=offscreen is set here if not given)."""

from __future__ import annotations

import os
from typing import Any

from bench.benchmarks import ACTOR, Fixture, Measured, bench, measure


def _app():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QLabel

    from desktop.app import apply_look

    app = QApplication.instance() or QApplication([])
    apply_look(app)
    # the program's window is up before its first page: fonts loaded, style polished
    warm = QLabel("工作台 党组织 0123")
    warm.show()
    warm.grab()
    warm.close()
    return app


@bench("dashboard: key numbers, action lists and chart series (service), demo county", 0.5)
def dashboard_service(fx: Fixture) -> Measured:
    from models.services import dashboard

    with fx.big.session() as s, measure() as m:
        dashboard.load(s, ACTOR)
    return m.result


@bench("dashboard shown with all charts on the demo county", 0.5)
def dashboard_shown(fx: Fixture) -> Measured:
    """Build the 工作台 page (its queries included), show it at 1280×760 and paint it with the charts."""
    from desktop.context import AppContext
    from desktop.pages.dashboard import DashboardPage

    app = _app()
    ctx = AppContext(fx.big, ACTOR)
    with measure() as m:
        page = DashboardPage(ctx)
        page.resize(1130, 740)
        page.show()
        app.processEvents()
        page.grab()  # every chart painted
    page.close()
    page.deleteLater()
    app.processEvents()
    return m.result


_BARE = """
import time, sys
t0 = float(sys.argv[1])
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1280, 800); w.show(); app.processEvents()
print(time.time() - t0, time.process_time())
"""

_SHELL = """
import time, sys
t0 = float(sys.argv[1])
sys.path.insert(0, sys.argv[3])
from desktop.app import run
from PySide6.QtWidgets import QApplication
w = run(sys.argv[2], None, exec_loop=False)
# the database opened and the first page (工作台) painted with the county's numbers: the window
# notes when (MainWindow.after_first_page runs once that paint is done)
while w.first_page_painted is None:
    QApplication.processEvents()
print(w.first_page_painted[0] - t0, w.first_page_painted[1], flush=True)
import os
os._exit(0)  # not waiting for the daily backup the window started behind the first page
"""


def _start_time(script: str, *args: str, runs: int) -> Measured:
    """Process start → window shown, the best of a few fresh interpreters (wall time from the
    parent's clock, CPU time the child's own, interpreter start included)."""
    import subprocess
    import sys
    import tempfile
    import time
    from pathlib import Path

    from bench.startup_bench import compile_project

    compile_project()
    best = best_cpu = None
    for _ in range(runs):
        env = {**os.environ, "DANGJIAN_HOME": tempfile.mkdtemp(), "QT_QPA_PLATFORM": "offscreen"}
        t0 = time.time()
        res = subprocess.run([sys.executable, "-c", script, repr(t0), *args], capture_output=True,
                             text=True, env=env, cwd=Path(__file__).resolve().parent.parent)
        if res.returncode or not res.stdout.strip():
            raise RuntimeError(f"start-up run failed ({res.returncode}): {res.stderr[-2000:]}")
        shown, cpu = (float(v) for v in res.stdout.split()[:2])
        best = shown if best is None else min(best, shown)
        best_cpu = cpu if best_cpu is None else min(best_cpu, cpu)
    return Measured(best, best_cpu)


@bench("start-up: a bare PySide6 window shown (reference for the next line)", 1.0, "ms")
def bare_window(fx: Fixture) -> Measured:
    return _start_time(_BARE, runs=fx.runs(3))


@bench("start-up: process start to the 工作台 painted with the demo county's data (< 3× bare)", 1.0, "ms")
def main_window(fx: Fixture) -> Measured:
    from pathlib import Path

    return _start_time(_SHELL, str(fx.big_path), str(Path(__file__).resolve().parent.parent), runs=fx.runs(3))


@bench("start-up: 工作台 painted with data ÷ bare window shown (issue 30, target 2)", 3.0, "x")
def main_window_ratio(fx: Fixture) -> Measured:
    """The two start-ups above taken in turn, best of each."""
    from pathlib import Path

    fx.big_path  # noqa: B018  (set-up, not measured)
    shell = bare = None
    for _ in range(fx.runs(3)):
        s = _start_time(_SHELL, str(fx.big_path), str(Path(__file__).resolve().parent.parent), runs=1)
        b = _start_time(_BARE, runs=1)
        shell = s if shell is None else Measured(min(shell.wall, s.wall), min(shell.cpu, s.cpu))
        bare = b if bare is None else Measured(min(bare.wall, b.wall), min(bare.cpu, b.cpu))
    return Measured(shell.wall / bare.wall, shell.cpu / bare.cpu)


@bench("roster: a search keystroke over 25,000 members to an updated table", 0.05, "ms")
def search_keystroke(fx: Fixture) -> Measured:
    """The median of typical keystrokes (what the 150 ms debounce timer then calls)."""
    from desktop.context import AppContext
    from desktop.pages.members import MembersPage

    app = _app()
    page = MembersPage(AppContext(fx.big, ACTOR))
    page.resize(1200, 700)
    page.show()
    app.processEvents()
    result = median_keystroke(page)
    page.close()
    return result


def median_keystroke(page: Any, rounds: int = 3) -> Measured:
    """The median of typical keystrokes in a shown roster page, each to its repainted table, typed
    `rounds` times over (one round's median moved by a third from run to run on a shared machine)."""
    app = _app()
    runs = []
    for _ in range(rounds):
        for text in ("z", "zw", "张", "张伟", "1390001", "", "w", "wf", "4400"):
            with measure() as m:
                page.search.setText(text)
                page.apply_search()
                page.view.viewport().repaint()
                app.processEvents()
            runs.append(m.result)
    return sorted(runs, key=lambda r: r.wall)[len(runs) // 2]


@bench("roster: opening the member form", 0.1, "ms")
def member_form(fx: Fixture) -> Measured:
    from forms.member_form import MemberForm
    from models.member import Member

    app = _app()
    with fx.big.session() as s:
        mid = s.query(Member.id).first()[0]
    runs = []
    for _ in range(fx.runs(5)):
        with measure() as m:
            form = MemberForm(fx.big, ACTOR, mid)
            form.show()
            app.processEvents()
        runs.append(m.result)
        form.close()
    return sorted(runs, key=lambda r: r.wall)[len(runs) // 2]
