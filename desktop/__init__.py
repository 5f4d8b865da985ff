"""The application shell: start-up, windows, pages, workers, settings and the command line."""

#: the program's version: a constant, not the installed package's metadata, which importlib.metadata
#: would take a fifth of `dangjian --help` to read (docs/startup.md); tests/test_startup.py checks
#: it is pyproject.toml's
__version__ = "0.1.0"
