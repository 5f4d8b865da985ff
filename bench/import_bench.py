"""Issue 30, target 4: the 25,000-member roster import end to end, as ratios to floors measured
in the same run.

Each side runs in its own process, in turn with its floor, the median of three runs each: the
command line (`dangjian --db … import members roster.xlsx`, start-up and all) against a process
that only reads the roster with python-calamine and hands its rows to a bare SQLite table by
executemany (the in-process floor of benchmarks.py, as a process); and the peak memory of each
(VmHWM, the child's own high-water mark read as it exits: a forked child's ru_maxrss would count
the benchmark process it was forked from). The CPU column is the child's user + system time,
which another engineer's job on a shared core does not inflate."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass

from bench.benchmarks import Fixture, Measured, bench
from bench.startup_bench import DANGJIAN, ROOT

#: calamine read + bare executemany into a new SQLite file (benchmarks._floor), as a process
FLOOR = """
import sqlite3, sys
from python_calamine import CalamineWorkbook
rows = CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0).to_python()
conn = sqlite3.connect(sys.argv[2])
width = len(rows[0])
conn.execute(f"CREATE TABLE t ({', '.join(f'c{i}' for i in range(width))})")
conn.executemany(f"INSERT INTO t VALUES ({', '.join('?' * width)})",
                 [[v.isoformat() if hasattr(v, 'isoformat') else v for v in r] for r in rows[1:]])
conn.commit()
conn.close()
"""

#: runs the code given as its first argument (the rest its arguments) and, as it exits, writes its
#: own peak resident memory (kB) as the last line of stderr
PEAK = """
import atexit, sys
def _peak():
    try:
        with open("/proc/self/status") as f:
            kb = next(line.split()[1] for line in f if line.startswith("VmHWM:"))
    except OSError:
        import resource
        kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sys.stderr.write(f"\\nPEAK {kb}\\n")
atexit.register(_peak)
code, sys.argv = sys.argv[1], ["-c", *sys.argv[2:]]
exec(compile(code, "<bench>", "exec"), {"__name__": "__main__"})
"""


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    peak_kb: int


def _child(args: list[str]) -> Run:
    """Run `python -c CODE ARGS…` (args[0] is "-c"): wall, CPU and peak memory."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", PEAK, *args[1:]], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=env, cwd=ROOT)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{args[:3]} exited {proc.returncode}: {err.decode(errors='replace')[-300:]}")
    peak = int(err.rstrip().rsplit(b"PEAK ", 1)[1])
    return Run(wall, usage.ru_utime + usage.ru_stime, peak)


_RUNS: dict[Fixture, tuple[list[Run], list[Run]]] = {}


def _runs(fx: Fixture) -> tuple[list[Run], list[Run]]:
    """The command line's import and the floor process, run in turn three times."""
    if fx not in _RUNS:
        roster = str(fx.roster_xlsx)
        fx.with_orgs  # noqa: B018  (set-up, not measured)
        cli, floor = [], []
        for _ in range(fx.runs(3)):
            db = fx.copy_of(fx.with_orgs, "cli-import")
            cli.append(_child(["-c", DANGJIAN, "--db", str(db), "import", "members", roster]))
            floor.append(_child(["-c", FLOOR, roster, str(fx.fresh_path("cli-floor"))]))
        _RUNS[fx] = (cli, floor)
    return _RUNS[fx]


@bench("import members, command line end to end (dangjian import members) vs floor process", 3.0, unit="x")
def cli_import_vs_floor(fx: Fixture) -> Measured:
    cli, floor = _runs(fx)
    med = statistics.median
    return Measured(med(r.wall for r in cli) / med(r.wall for r in floor),
                    med(r.cpu for r in cli) / med(r.cpu for r in floor))


@bench("import members, command line: peak memory vs the floor process's (ratio of their peaks)", 2.5, unit="x")
def cli_import_memory(fx: Fixture) -> Measured:
    cli, floor = _runs(fx)
    ratio = statistics.median(r.peak_kb for r in cli) / statistics.median(r.peak_kb for r in floor)
    return Measured(ratio, ratio)
