"""Issue 30, target 6: a county of 60,000 members (the demo at that scale). Each job (a page
opened, a search keystroke, the quarterly workbook) is measured on the 25,000-member fixture and on
one 2.4 times its size, runs taken in turn; the growth rows divide the cost's growth by the
members' growth (at most linear: ≤ 1.1).

The larger county is built once per run beside the fixture (about a minute, not timed); the smoke
run uses the fixture itself for both sizes."""

from __future__ import annotations

import statistics
from collections.abc import Callable

from bench.benchmarks import ACTOR, Fixture, Measured, bench, measure, timed
from bench.gui_features import _app, median_keystroke

#: 25,000 → 60,000
GROWTH = (12, 5)

_LARGE: dict[Fixture, Fixture] = {}
_MEASURED: dict[tuple[int, str], Measured] = {}


def large(fx: Fixture) -> Fixture:
    if fx.max_runs == 1:  # the smoke run: no second county
        return fx
    if fx not in _LARGE:
        members = fx.members * GROWTH[0] // GROWTH[1]
        _LARGE[fx] = Fixture(fx.folder / f"county-{members}", members, fx.max_runs)
    return _LARGE[fx]


def _median(results: list[Measured]) -> Measured:
    return Measured(statistics.median(r.wall for r in results), statistics.median(r.cpu for r in results))


def _shown(make: Callable[[], object]) -> tuple[Measured, object]:
    """A page built (its queries included), shown at 1200×700 and painted."""
    app = _app()
    with measure() as m:
        page = make()
        page.resize(1200, 700)
        page.show()
        app.processEvents()
        page.grab()
    return m.result, page


def _close(page) -> None:
    page.close()
    page.deleteLater()
    _app().processEvents()


#: a job on one county: its set-up done, (one measured run, what ends it)
Job = tuple[Callable[[], Measured], Callable[[], None]]


def _page_open(make: Callable[[], object]) -> Job:
    def once() -> Measured:
        m, page = _shown(make)
        _close(page)
        return m
    once()  # the first build also imports the page's modules
    return once, lambda: None


def roster_open(fx: Fixture) -> Job:
    from desktop.context import AppContext
    from desktop.pages.members import MembersPage

    return _page_open(lambda: MembersPage(AppContext(fx.big, ACTOR)))


def keystroke(fx: Fixture) -> Job:
    """The median of typical keystrokes (what the debounce timer then calls), table repainted."""
    from desktop.context import AppContext
    from desktop.pages.members import MembersPage

    _m, page = _shown(lambda: MembersPage(AppContext(fx.big, ACTOR)))
    return lambda: median_keystroke(page), lambda: _close(page)


def dashboard(fx: Fixture) -> Job:
    from desktop.context import AppContext
    from desktop.pages.dashboard import DashboardPage

    return _page_open(lambda: DashboardPage(AppContext(fx.big, ACTOR)))


def points_ledger(fx: Fixture) -> Job:
    from desktop.context import AppContext
    from desktop.pages.points import PointsPage

    return _page_open(lambda: PointsPage(AppContext(fx.big, ACTOR)))


def quarterly_workbook(fx: Fixture) -> Job:
    """The county's quarterly workbook (six sheets, each summary beside the quarter before)."""
    from models.actor import SYSTEM
    from models.periods import quarter
    from reports import quarterly

    def once() -> Measured:
        with fx.big.session() as s:
            return timed(lambda: quarterly.export_quarterly(
                s, SYSTEM, fx.path(f"quarterly-{fx.members}.xlsx"), quarter("2026Q3"), "中共某某县委组织部",
                quarterly.SHEETS))
    once()  # the first also imports openpyxl and the counting modules
    return once, lambda: None


JOBS: dict[str, Callable[[Fixture], Job]] = {
    "roster page open": roster_open, "roster search keystroke": keystroke,
    "dashboard (工作台) shown": dashboard, "积分台账 page open": points_ledger,
    "quarterly workbook": quarterly_workbook,
}


def cost(fx: Fixture, job: str) -> Measured:
    """The job's median cost on `fx` (the 25,000-member fixture or its larger county): both
    counties measured together, their runs taken in turn, so that the growth row compares runs
    made under the same load of a shared machine."""
    if (id(fx), job) not in _MEASURED:
        small = next((f for f, big in _LARGE.items() if big is fx), fx)
        big = large(small)
        small.big, big.big  # noqa: B018  (set-up, not measured)
        jobs = [JOBS[job](small), JOBS[job](big)]
        runs: list[list[Measured]] = [[], []]
        for _ in range(small.runs(5)):
            for k, (once, _done) in enumerate(jobs):
                runs[k].append(once())
        for _once, done in jobs:
            done()
        _MEASURED[(id(small), job)] = _median(runs[0])
        _MEASURED[(id(big), job)] = _median(runs[1])
    return _MEASURED[(id(fx), job)]


def _register(job: str, target: float, unit: str) -> None:
    @bench(f"60,000 members: {job}", target, unit)
    def at_scale(fx: Fixture) -> Measured:
        return cost(large(fx), job)

    @bench(f"  {job}: growth 25,000 → 60,000 ÷ the members' growth", 1.1, "x")
    def growth(fx: Fixture) -> Measured:
        big, small = cost(large(fx), job), cost(fx, job)
        members = large(fx).members / fx.members
        return Measured(big.wall / small.wall / members, big.cpu / small.cpu / members)


for _job, _target, _unit in (("roster page open", 0.5, "s"), ("roster search keystroke", 0.030, "ms"),
                             ("dashboard (工作台) shown", 0.150, "ms"), ("积分台账 page open", 0.5, "s"),
                             ("quarterly workbook", 3.0, "s")):
    _register(_job, _target, _unit)
