"""Run the benchmarks and print a markdown table: benchmark | target | measured | ok.

    python -m bench.run [--only NAME] [--keep DIR] [--smoke]

--smoke runs every benchmark once on the demo county at its smallest scale (400 members), in
seconds rather than minutes: a check that the benchmarks still run (tests/test_bench_smoke.py),
not a measurement; its exit status is 0 when none raised.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import sqlite3
import sys
from pathlib import Path

if __package__ in (None, ""):  # `python bench/run.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.benchmarks import BENCH_MODULES, BENCHMARKS, SMOKE_MEMBERS, Benchmark, Fixture  # noqa: E402


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine_line() -> str:
    return (f"Machine: {cpu_model()}, {os.cpu_count()} cores; Python {platform.python_version()}; "
            f"SQLite {sqlite3.sqlite_version}; {platform.system()} {platform.release()}")


def shown(seconds: float, unit: str) -> str:
    if unit == "x":  # a ratio of two timings
        return f"{seconds:.2f}×"
    if unit == "RT":  # a count of round trips to the database server
        return f"{seconds:.0f} RT"
    return f"{seconds * 1000:.1f} ms" if unit == "ms" else f"{seconds:.2f} s"


def run(selected: list[Benchmark], fx: Fixture, judge: bool = True) -> list[str]:
    """The table's lines; `judge` False (the smoke run): the ok column says "ran", not the target."""
    lines = ["| benchmark | target | measured | ok |", "| --- | --- | --- | --- |"]
    for b in selected:
        print(f"… {b.name}", file=sys.stderr, flush=True)
        try:
            m = b.fn(fx)
            measured = (f"{shown(m.wall, b.unit)} ({m.cpu:.0f} statements)" if b.unit == "RT"
                        else f"{shown(m.wall, b.unit)} (CPU {shown(m.cpu, b.unit)})")
            ok = ("yes" if m.wall < b.target else "NO") if judge else "ran"
        except Exception as exc:  # a broken benchmark is a row, not the end of the run
            measured, ok = f"error: {type(exc).__name__}: {exc}", "NO"
        lines.append(f"| {b.name} | < {shown(b.target, b.unit)} | {measured} | {ok} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Dangjian Desk benchmarks")
    parser.add_argument("--only", action="append", help="run benchmarks whose name contains this")
    parser.add_argument("--keep", help="build the fixture in this folder and keep it")
    parser.add_argument("--out", help="also write the table to this markdown file")
    parser.add_argument("--smoke", action="store_true",
                        help=f"every benchmark once on a {SMOKE_MEMBERS}-member county: do they still run?")
    args = parser.parse_args(argv)
    for name in BENCH_MODULES:
        importlib.import_module(name)
    selected = [b for b in BENCHMARKS if not args.only or any(o in b.name for o in args.only)]
    if not selected:
        print("no benchmark matches", file=sys.stderr)
        return 2
    folder = Path(args.keep) if args.keep else None
    fx = Fixture(folder, SMOKE_MEMBERS, max_runs=1) if args.smoke else Fixture(folder)
    try:
        lines = run(selected, fx, judge=not args.smoke)
    finally:
        fx.close()
    note = ([f"Smoke run: {SMOKE_MEMBERS} members, one run each. The targets are not judged on this toy "
             "fixture: ok says only that the benchmark ran.", ""] if args.smoke else [])
    text = "\n".join([*note, *lines, "", machine_line()])
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    passed = "| ran |" if args.smoke else "| yes |"
    return 0 if all(line.endswith(passed) for line in lines[2:]) else 1


if __name__ == "__main__":
    sys.exit(main())
