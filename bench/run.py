"""Run the benchmarks and print a markdown table: benchmark | target | measured | ok.

    python -m bench.run [--only NAME] [--keep DIR]
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

from bench.benchmarks import BENCH_MODULES, BENCHMARKS, Benchmark, Fixture  # noqa: E402


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
    return f"{seconds * 1000:.1f} ms" if unit == "ms" else f"{seconds:.2f} s"


def run(selected: list[Benchmark], fx: Fixture) -> list[str]:
    lines = ["| benchmark | target | measured | ok |", "| --- | --- | --- | --- |"]
    for b in selected:
        print(f"… {b.name}", file=sys.stderr, flush=True)
        try:
            m = b.fn(fx)
            measured = f"{shown(m.wall, b.unit)} (CPU {shown(m.cpu, b.unit)})"
            ok = "yes" if m.wall < b.target else "NO"
        except Exception as exc:  # a broken benchmark is a row, not the end of the run
            measured, ok = f"error: {type(exc).__name__}: {exc}", "NO"
        lines.append(f"| {b.name} | < {shown(b.target, b.unit)} | {measured} | {ok} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Dangjian Desk benchmarks")
    parser.add_argument("--only", action="append", help="run benchmarks whose name contains this")
    parser.add_argument("--keep", help="build the fixture in this folder and keep it")
    parser.add_argument("--out", help="also write the table to this markdown file")
    args = parser.parse_args(argv)
    for name in BENCH_MODULES:
        importlib.import_module(name)
    selected = [b for b in BENCHMARKS if not args.only or any(o in b.name for o in args.only)]
    if not selected:
        print("no benchmark matches", file=sys.stderr)
        return 2
    fx = Fixture(Path(args.keep) if args.keep else None)
    try:
        lines = run(selected, fx)
    finally:
        fx.close()
    text = "\n".join([*lines, "", machine_line()])
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    return 0 if all(line.endswith("| yes |") for line in lines[2:]) else 1


if __name__ == "__main__":
    sys.exit(main())
