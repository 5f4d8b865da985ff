"""The application shell: start-up, windows, pages, workers, settings and the command line."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("dangjian-desk")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.1.0"
