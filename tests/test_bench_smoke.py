"""The benchmarks of bench/ still run: `python -m bench.run --smoke` (every registered benchmark
once, on the demo county at its smallest scale) and the two stand-alone bench scripts on a few
rows. Speed is not judged here; a service whose signature changed under a benchmark is."""

from __future__ import annotations

import importlib
import os
import re
import subprocess
import sys

from bench.benchmarks import BENCH_MODULES, BENCHMARKS
from tests.conftest import ROOT


def _run(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, cwd=cwd,
                          timeout=300)


def test_every_benchmark_runs_in_smoke_mode():
    for name in BENCH_MODULES:
        importlib.import_module(name)
    assert BENCHMARKS, "no benchmark registered"
    res = _run("-m", "bench.run", "--smoke")
    report = f"exit {res.returncode}\n{res.stdout}\n--- stderr ---\n{res.stderr[-4000:]}"
    assert "targets are not judged" in res.stdout, report
    rows = [line for line in res.stdout.splitlines() if line.startswith("| ") and "| --- |" not in line]
    assert len(rows) == len(BENCHMARKS) + 1, report  # the header row and one per benchmark
    number = r"\d+(?:\.\d+)?(?: s| ms|×| RT)"
    from tests.conftest import pg_unavailable

    for b in BENCHMARKS:
        if "PostgreSQL" in b.name and pg_unavailable():  # bench/pg_latency_bench.py needs a server
            continue
        row = re.compile(rf"\| {re.escape(b.name)} \| < [^|]+ \| {number} \((?:CPU {number}|\d+ statements)\) \| ran \|")
        assert any(row.fullmatch(line) for line in rows), f"no measured row for {b.name!r}\n{report}"
    assert res.returncode == 0 or pg_unavailable(), report


def test_evaluation_bench_script_runs(tmp_path):
    res = _run("bench/evaluation_bench.py", "--members", "300", "--db", str(tmp_path / "bench.sqlite3"))
    assert res.returncode == 0, f"{res.stdout}\n{res.stderr[-4000:]}"
    assert re.search(r"compute_round \(300 results\): \d", res.stdout), res.stdout


def test_letters_bench_runs(tmp_path):
    from bench.letters_bench import bench_letters

    times = bench_letters(3, tmp_path)
    assert set(times) >= {"separate", "combined"}
    assert len(list(tmp_path.glob("*.pdf"))) == 4  # three letters and the combined file
