"""Issue 30, target 1: the command line's start-up as ratios to floors measured in the same run.

Each process is run in turn with its floor (`python -c pass`, `python -c "import sqlalchemy"`),
the median of several runs each; the CPU column is the child's user + system time
(resource.RUSAGE_CHILDREN), which another engineer's job on a shared core does not inflate."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

from bench.benchmarks import Fixture, Measured, bench, measure

ROOT = Path(__file__).resolve().parent.parent
#: the `dangjian` console script's own code (pyproject.toml: desktop.cli:main)
DANGJIAN = "import sys; from desktop.cli import main; sys.exit(main())"


_compiled: list[bool] = []


def compile_project() -> None:
    """The project's modules compiled to bytecode once, as an installed program has them (pip
    compiles on install): a child run with PYTHONDONTWRITEBYTECODE set would otherwise compile every
    module from source on every run while its floor's libraries load from their .pyc files."""
    if not _compiled:
        import compileall

        for package in ("desktop", "models", "reports", "forms", "resources"):
            if (ROOT / package).is_dir():
                compileall.compile_dir(ROOT / package, quiet=2)
        _compiled.append(True)


def _process(args: list[str]) -> Measured:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with measure() as m:
        subprocess.run([sys.executable, *args], capture_output=True, env=env, cwd=ROOT, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return Measured(m.result.wall, cpu)


def process_ratio(fx: Fixture, args: list[str], floor: list[str], runs: int = 7) -> Measured:
    """The median of `args` over the median of `floor`, the two run in turn."""
    compile_project()
    pairs = [(_process(args), _process(floor)) for _ in range(fx.runs(runs))]
    med = statistics.median
    return Measured(med(a.wall for a, _ in pairs) / med(b.wall for _, b in pairs),
                    med(a.cpu for a, _ in pairs) / med(b.cpu for _, b in pairs))


PASS = ["-c", "pass"]
IMPORT_SQLALCHEMY = ["-c", "import sqlalchemy"]


@bench("command line: dangjian --version vs python -c pass", 4.0, unit="x")
def version_vs_pass(fx: Fixture) -> Measured:
    return process_ratio(fx, ["-c", DANGJIAN, "--version"], PASS)


@bench("command line: dangjian --help vs python -c pass", 4.0, unit="x")
def help_vs_pass(fx: Fixture) -> Measured:
    return process_ratio(fx, ["-c", DANGJIAN, "--help"], PASS)


@bench("command line: parse + open an existing database (settings get) vs import sqlalchemy", 1.5, unit="x")
def command_startup(fx: Fixture) -> Measured:
    db = fx.copy_of(fx.empty, "startup")
    return process_ratio(fx, ["-c", DANGJIAN, "--db", str(db), "settings", "get", "light_orange_days"],
                         IMPORT_SQLALCHEMY)
