"""The benchmark registry and the shared fixture.

A benchmark is a function `fn(fx: Fixture) -> Measured` that returns the wall-clock and CPU
seconds of its measured part (set-up excluded; `measure()` or `timed()` make one), registered with
`@bench("name", target_seconds)`. The target applies to the wall-clock time; the CPU time shows
what an idle machine would do when other processes share the cores. Another issue adds its
own in a module of bench/ listed in BENCH_MODULES, using the fixture's databases and files.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from models.actor import SYSTEM, Actor
from models.db import Database, open_database
from models.demo import SCALES, build_demo
from models.roles import Role
from models.services.orgs import ensure_county

ACTOR = Actor("基准测试", Role.ADMIN)
FIXTURE_MEMBERS = 25_000
#: `python -m bench.run --smoke`: the demo county at its smallest scale (400 current members)
SMOKE_MEMBERS = SCALES["small"].members - SCALES["small"].ended
COUNTY = "中共某某县委员会"


@dataclass(frozen=True)
class Measured:
    wall: float
    cpu: float


@dataclass(frozen=True)
class Benchmark:
    name: str
    target: float
    fn: Callable[[Fixture], Measured]
    unit: str = "s"


BENCHMARKS: list[Benchmark] = []

#: modules of bench/ that register benchmarks (this one first); other issues add theirs
BENCH_MODULES: list[str] = ["bench.benchmarks", "bench.startup_bench", "bench.features", "bench.gui_features",
                            "bench.xlsx_bench", "bench.scale_bench", "bench.import_bench",
                            "bench.pg_latency_bench"]


BenchFn = Callable[["Fixture"], Measured]


def bench(name: str, target_seconds: float, unit: str = "s") -> Callable[[BenchFn], BenchFn]:
    """Register a benchmark; `unit` "ms" only changes the display; "x" marks a ratio."""

    def register(fn: BenchFn) -> BenchFn:
        BENCHMARKS.append(Benchmark(name, target_seconds, fn, unit))
        return fn

    return register


class Fixture:
    """Built once per run in a temp folder: a county of 25,000 members (database `big`), its
    exported roster and organization list, and an initialized empty database to copy.

    `members` sizes the county: the demo's "county" scale above the "small" one's 400 current
    members, the "small" scale at or below (the smoke run). `max_runs` caps every repetition
    (best of 3, median of 7, ...): 1 in the smoke run, None for each benchmark's own count."""

    def __init__(self, folder: Path | None = None, members: int = FIXTURE_MEMBERS,
                 max_runs: int | None = None) -> None:
        self._tmp = None if folder else tempfile.TemporaryDirectory(prefix="dangjian-bench-")
        self.folder = Path(folder or self._tmp.name)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._n = 0
        self.members = members
        self.scale = SCALES["county" if members > SMOKE_MEMBERS else "small"]
        self.max_runs = max_runs

    def runs(self, wanted: int) -> int:
        """How many times to repeat a measurement a benchmark would repeat `wanted` times."""
        return wanted if self.max_runs is None else max(1, min(wanted, self.max_runs))

    def path(self, name: str) -> Path:
        return self.folder / name

    def fresh_path(self, stem: str = "run") -> Path:
        """A new file name for a database of one benchmark run."""
        self._n += 1
        while (self.folder / f"{stem}-{self._n}.sqlite3").exists():  # a folder kept from a run before
            self._n += 1
        return self.folder / f"{stem}-{self._n}.sqlite3"

    @cached_property
    def empty(self) -> Path:
        """An initialized database with only the county committee."""
        path = self.path("empty.sqlite3")
        db = open_database(path)
        with db.session() as s:
            ensure_county(s, ACTOR, COUNTY, "某组")
            s.commit()
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        db.dispose()
        return path

    def copy_of(self, source: Path, stem: str = "run") -> Path:
        target = self.fresh_path(stem)
        shutil.copyfile(source, target)
        return target

    @cached_property
    def big_path(self) -> Path:
        """The demo county scaled to `members` current members (25,000)."""
        path = self.copy_of(self.empty, "big")
        scale = replace(self.scale, members=self.members + self.scale.ended)
        db = open_database(path)
        with db.session() as s:
            build_demo(s, ACTOR, scale, seed=1)
            s.commit()
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        db.dispose()
        return path

    @cached_property
    def big(self) -> Database:
        return open_database(self.big_path)

    @cached_property
    def roster_xlsx(self) -> Path:
        from reports.roster import export_members

        path = self.path(f"roster-{self.members}.xlsx")
        with self.big.session() as s:
            export_members(s, SYSTEM, path)
        return path

    @cached_property
    def orgs_xlsx(self) -> Path:
        from reports.roster import export_orgs

        path = self.path("orgs.xlsx")
        with self.big.session() as s:
            export_orgs(s, SYSTEM, path)
        return path

    @cached_property
    def with_orgs(self) -> Path:
        """An initialized database holding the big county's organizations, no members."""
        from reports.imports import run_import
        from reports.roster import ORG_IMPORTER

        path = self.copy_of(self.empty, "with-orgs")
        db = open_database(path)
        with db.session() as s:
            result = run_import(s, ACTOR, ORG_IMPORTER, self.orgs_xlsx)
            if not result.written:
                raise RuntimeError(f"organizations did not import: {result.errors[:3]}")
            s.commit()
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        db.dispose()
        return path

    def close(self) -> None:
        if "big" in self.__dict__:
            self.big.dispose()
        if self._tmp is not None:
            self._tmp.cleanup()


class measure:
    """`with measure() as m: ...` then `m.result` is the Measured of the block."""

    def __enter__(self) -> measure:
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.result = Measured(time.perf_counter() - self._wall, time.process_time() - self._cpu)


def timed(fn: Callable[[], object]) -> Measured:
    with measure() as m:
        fn()
    return m.result


# ---------------------------------------------------------------- issue 2


@bench("import members: 25,000-row workbook, full validation", 2.0)
def import_members(fx: Fixture) -> Measured:
    from reports.imports import run_import
    from reports.roster import MEMBER_IMPORTER

    roster = fx.roster_xlsx
    db = open_database(fx.copy_of(fx.with_orgs))
    try:
        with db.session() as s, measure() as m:
            result = run_import(s, ACTOR, MEMBER_IMPORTER, roster)
            s.commit()
        if result.imported != fx.members:
            raise RuntimeError(f"imported {result.imported}: {result.errors[:3]}")
    finally:
        db.dispose()
    return m.result


@bench("export members: 25,000-member roster", 5.0)
def export_members(fx: Fixture) -> Measured:
    from reports.roster import export_members as export

    with fx.big.session() as s:
        return timed(lambda: export(s, SYSTEM, fx.path("export-bench.xlsx")))


SEARCHES = ("张", "王伟", "建国", "zw", "lj", "6209221965", "1381", "社区")


@bench("search members: name substring joined to organizations, 25,000 members", 0.020, unit="ms")
def name_search(fx: Fixture) -> Measured:
    """The slowest of typical queries, each the median of 7 runs."""
    from models.services.members import search_members

    worst = Measured(0.0, 0.0)
    with fx.big.session() as s:
        search_members(s, ACTOR, "热身")
        for text in SEARCHES:
            runs = [timed(lambda text=text: search_members(s, ACTOR, text, limit=50))
                    for _ in range(fx.runs(7))]
            median = Measured(statistics.median(r.wall for r in runs),
                              statistics.median(r.cpu for r in runs))
            if median.wall > worst.wall:
                worst = median
    return worst


#: the demo build of a run: (its database, the Measured)
_DEMO: dict[Fixture, tuple[Path, Measured]] = {}


def _demo_built(fx: Fixture) -> tuple[Path, Measured]:
    if fx not in _DEMO:
        path = fx.copy_of(fx.empty, "demo")
        db = open_database(path)
        try:
            with db.session() as s, measure() as m:
                build_demo(s, ACTOR, fx.scale.name, seed=0)
                s.commit()
            with db.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            db.dispose()
        _DEMO[fx] = (path, m.result)
    return _DEMO[fx]


@bench("demo --scale county", 30.0)
def demo_county(fx: Fixture) -> Measured:
    return _demo_built(fx)[1]


def _demo_floor(fx: Fixture) -> Measured:
    """Every row the demo database holds, handed to SQLite's executemany in a database made from
    its schema (tables and indexes; no triggers): what no build of that county can skip."""
    import sqlite3

    source = sqlite3.connect(_demo_built(fx)[0])
    schema = [sql for kind, sql in source.execute(
        "SELECT type, sql FROM sqlite_master WHERE sql IS NOT NULL AND type IN ('table', 'index') "
        "AND name NOT LIKE 'sqlite_%' ORDER BY type = 'index'")]
    tables = [name for (name,) in source.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    rows = {t: source.execute(f'SELECT * FROM "{t}"').fetchall() for t in tables}
    source.close()
    target = fx.fresh_path("demo-floor")
    with measure() as m:
        conn = sqlite3.connect(target)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        for sql in schema:
            conn.execute(sql)
        for t, data in rows.items():
            if data:
                conn.executemany(f'INSERT INTO "{t}" VALUES ({", ".join("?" * len(data[0]))})', data)
        conn.commit()
        conn.close()
    return m.result


@bench("demo --scale county vs floor (its final rows by executemany)", 4.0, unit="x")
def demo_vs_floor(fx: Fixture) -> Measured:
    return _ratio(_demo_built(fx)[1], _best(fx, lambda: _demo_floor(fx)))


# ---------------------------------------------------------------- issues 14 and 17: one reader
# Ratios (unit "x"): the measured wall and CPU times divided by those of the baseline named.


def _ratio(m: Measured, base: Measured) -> Measured:
    return Measured(m.wall / base.wall, m.cpu / base.cpu)


def _import_roster(fx: Fixture, path: Path) -> Measured:
    """The 25,000-row roster imported with full validation into a database holding the orgs."""
    from reports.imports import run_import
    from reports.roster import MEMBER_IMPORTER

    db = open_database(fx.copy_of(fx.with_orgs))
    try:
        with db.session() as s, measure() as m:
            result = run_import(s, ACTOR, MEMBER_IMPORTER, path)
            s.commit()
        if result.imported != fx.members:
            raise RuntimeError(f"{path.name}: imported {result.imported}: {result.errors[:3]}")
    finally:
        db.dispose()
    return m.result


def _best(fx: Fixture, fn: Callable[[], Measured], runs: int = 3) -> Measured:
    results = [fn() for _ in range(fx.runs(runs))]
    return min(results, key=lambda r: r.wall)


def _roster_rows(fx: Fixture) -> list[list[object]]:
    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_path(str(fx.roster_xlsx)).get_sheet_by_index(0).to_python()


def roster_as(fx: Fixture, suffix: str) -> Path:
    """The same roster saved as .xls (xlwt: a BIFF8 workbook, as WPS and Excel 2003 save) or
    as a GBK .csv (the export of many county systems)."""
    path = fx.path(f"roster-{fx.members}.{suffix}")
    if path.exists():
        return path
    rows = _roster_rows(fx)
    if suffix == "xls":
        import xlwt

        book = xlwt.Workbook(encoding="utf-8")
        ws = book.add_sheet("党员名册")
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if v not in ("", None):
                    ws.write(r, c, v.isoformat() if hasattr(v, "isoformat") else v)
        book.save(str(path))
    else:
        import csv

        with path.open("w", encoding="gb18030", newline="") as f:
            csv.writer(f).writerows([[v.isoformat() if hasattr(v, "isoformat") else v for v in row]
                                     for row in rows])
    return path


def _floor(fx: Fixture) -> Measured:
    """python-calamine reading the roster + its rows inserted into a bare SQLite table."""
    import sqlite3

    from python_calamine import CalamineWorkbook

    target = fx.fresh_path("floor")
    with measure() as m:
        rows = CalamineWorkbook.from_path(str(fx.roster_xlsx)).get_sheet_by_index(0).to_python()
        conn = sqlite3.connect(target)
        width = len(rows[0])
        conn.execute(f"CREATE TABLE t ({', '.join(f'c{i}' for i in range(width))})")
        conn.executemany(f"INSERT INTO t VALUES ({', '.join('?' * width)})",
                         [[v.isoformat() if hasattr(v, "isoformat") else v for v in r] for r in rows[1:]])
        conn.commit()
        conn.close()
    return m.result


@bench("import members .xlsx vs floor (calamine read + bare SQLite insert), 25,000 rows", 2.5, unit="x")
def import_vs_floor(fx: Fixture) -> Measured:
    fx.with_orgs  # noqa: B018  (set-up, not measured)
    return _ratio(_best(fx, lambda: _import_roster(fx, fx.roster_xlsx)), _best(fx, lambda: _floor(fx)))


#: the parts of the import, measured once per run for the three rows that show them
_PHASES: dict[Fixture, dict[str, Measured]] = {}


def _import_phases(fx: Fixture) -> dict[str, Measured]:
    """The .xlsx import's parts (best of 3 each), as ratios to the floor measured beside them:
    where the time of the line above goes."""
    if fx in _PHASES:
        return _PHASES[fx]
    from models.services.common import many_rows
    from reports.imports import read_source
    from reports.roster import MEMBER_IMPORTER

    floor = _best(fx, lambda: _floor(fx))
    best: dict[str, Measured] = {}
    for _ in range(fx.runs(3)):
        db = open_database(fx.copy_of(fx.with_orgs))
        try:
            with db.session() as s, many_rows():
                with measure() as read:
                    source = read_source(MEMBER_IMPORTER, fx.roster_xlsx)
                with measure() as check:
                    parsed, _errors = MEMBER_IMPORTER.parse(s, source.records)
                with measure() as write:
                    MEMBER_IMPORTER.write(s, ACTOR, parsed, fx.roster_xlsx.name)
                    s.commit()
        finally:
            db.dispose()
        for name, m in (("read", read.result), ("check", check.result), ("write", write.result)):
            if name not in best or m.wall < best[name].wall:
                best[name] = m
    _PHASES[fx] = {k: _ratio(m, floor) for k, m in best.items()}
    return _PHASES[fx]


@bench("  of which reading the file (calamine, the size checks, the header and rows), vs floor", 2.0, unit="x")
def import_phase_read(fx: Fixture) -> Measured:
    return _import_phases(fx)["read"]


@bench("  of which checking the rows (every rule of the 16 items), vs floor", 2.0, unit="x")
def import_phase_check(fx: Fixture) -> Measured:
    return _import_phases(fx)["check"]


@bench("  of which writing (members, placements, one hashed audit row each, commit), vs floor", 2.0, unit="x")
def import_phase_write(fx: Fixture) -> Measured:
    return _import_phases(fx)["write"]


#: the rows one import of the roster adds, per table: (columns, rows as stored)
_WRITTEN: dict[Fixture, dict[str, tuple[list[str], list[tuple]]]] = {}


def _rows_an_import_writes(fx: Fixture) -> dict[str, tuple[list[str], list[tuple]]]:
    """What the import adds to member, placement and audit_log (hashes and JSON included), read
    back from a database it was run into: the part of its work no implementation can skip."""
    import sqlite3

    if fx in _WRITTEN:
        return _WRITTEN[fx]
    tables = ("member", "placement", "audit_log")
    path = fx.copy_of(fx.with_orgs)
    with sqlite3.connect(path) as conn:
        before = {t: conn.execute(f"SELECT COALESCE(MAX(rowid), 0) FROM {t}").fetchone()[0] for t in tables}
    from reports.imports import run_import
    from reports.roster import MEMBER_IMPORTER

    db = open_database(path)
    try:
        with db.session() as s:
            run_import(s, ACTOR, MEMBER_IMPORTER, fx.roster_xlsx)
            s.commit()
    finally:
        db.dispose()
    out = {}
    with sqlite3.connect(path) as conn:
        for t in tables:
            cursor = conn.execute(f"SELECT * FROM {t} WHERE rowid > ?", (before[t],))
            out[t] = ([d[0] for d in cursor.description], cursor.fetchall())
    _WRITTEN[fx] = out
    return out


def _bound(fx: Fixture) -> Measured:
    """calamine reading the roster + the import's own rows handed to SQLite's executemany in the
    real schema (its indexes, WAL as the program opens it), with no Python work per row."""
    import sqlite3

    from python_calamine import CalamineWorkbook

    written = _rows_an_import_writes(fx)
    target = fx.copy_of(fx.with_orgs, "bound")
    with measure() as m:
        CalamineWorkbook.from_path(str(fx.roster_xlsx)).get_sheet_by_index(0).to_python()
        conn = sqlite3.connect(target)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        for table, (columns, rows) in written.items():
            conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                             rows)
        conn.commit()
        conn.close()
    return m.result


@bench("  the least any import can take: calamine read + its rows written without a check, vs floor", 2.0, unit="x")
def import_bound(fx: Fixture) -> Measured:
    """What is left of the 2× for finding the header, placing the columns, the 16 items' rules,
    the audit JSON and hash, and the bind step: 2× minus this, times the floor, over 25,000 rows."""
    _rows_an_import_writes(fx)
    return _ratio(_best(fx, lambda: _bound(fx)), _best(fx, lambda: _floor(fx)))


@bench("import members .xlsx vs the least any import can take (the line above)", 1.5, unit="x")
def import_vs_bound(fx: Fixture) -> Measured:
    """The import itself over its own rows written bare: what the checks and the Python around
    the writing cost, whatever the machine."""
    _rows_an_import_writes(fx)
    return _ratio(_best(fx, lambda: _import_roster(fx, fx.roster_xlsx)), _best(fx, lambda: _bound(fx)))


@bench("import members .xls vs the same roster as .xlsx", 1.2, unit="x")
def import_xls_vs_xlsx(fx: Fixture) -> Measured:
    xls = roster_as(fx, "xls")
    return _ratio(_best(fx, lambda: _import_roster(fx, xls)), _best(fx, lambda: _import_roster(fx, fx.roster_xlsx)))


@bench("import members .csv (GBK) vs the same roster as .xlsx", 1.2, unit="x")
def import_csv_vs_xlsx(fx: Fixture) -> Measured:
    csv_path = roster_as(fx, "csv")
    return _ratio(_best(fx, lambda: _import_roster(fx, csv_path)), _best(fx, lambda: _import_roster(fx, fx.roster_xlsx)))
