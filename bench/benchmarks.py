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
from models.services.orgs import ensure_county

ACTOR = Actor("基准测试", "管理员")
FIXTURE_MEMBERS = 25_000
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
BENCH_MODULES: list[str] = ["bench.benchmarks", "bench.features", "bench.gui_features", "bench.xlsx_bench"]


BenchFn = Callable[["Fixture"], Measured]


def bench(name: str, target_seconds: float, unit: str = "s") -> Callable[[BenchFn], BenchFn]:
    """Register a benchmark; `unit` "ms" only changes the display; "x" marks a ratio."""

    def register(fn: BenchFn) -> BenchFn:
        BENCHMARKS.append(Benchmark(name, target_seconds, fn, unit))
        return fn

    return register


class Fixture:
    """Built once per run in a temp folder: a county of 25,000 members (database `big`), its
    exported roster and organization list, and an initialized empty database to copy."""

    def __init__(self, folder: Path | None = None) -> None:
        self._tmp = None if folder else tempfile.TemporaryDirectory(prefix="dangjian-bench-")
        self.folder = Path(folder or self._tmp.name)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._n = 0

    def path(self, name: str) -> Path:
        return self.folder / name

    def fresh_path(self, stem: str = "run") -> Path:
        """A new file name for a database of one benchmark run."""
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
        """The demo county scaled to 25,000 current members."""
        path = self.copy_of(self.empty, "big")
        scale = replace(SCALES["county"], name="bench", members=FIXTURE_MEMBERS + SCALES["county"].ended)
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

        path = self.path("roster-25000.xlsx")
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
        if result.imported != FIXTURE_MEMBERS:
            raise RuntimeError(f"imported {result.imported}: {result.errors[:3]}")
    finally:
        db.dispose()
    return m.result


@bench("export members: 25,000-member roster", 5.0)
def export_members(fx: Fixture) -> Measured:
    from reports.roster import export_members as export

    with fx.big.session() as s:
        return timed(lambda: export(s, fx.path("export-bench.xlsx")))


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
                    for _ in range(7)]
            median = Measured(statistics.median(r.wall for r in runs),
                              statistics.median(r.cpu for r in runs))
            if median.wall > worst.wall:
                worst = median
    return worst


@bench("demo --scale county", 30.0)
def demo_county(fx: Fixture) -> Measured:
    db = open_database(fx.copy_of(fx.empty))
    try:
        with db.session() as s, measure() as m:
            build_demo(s, ACTOR, "county", seed=0)
            s.commit()
    finally:
        db.dispose()
    return m.result
