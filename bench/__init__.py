"""Benchmarks (not tests): `python -m bench.run` prints the table of bench/results.md."""
