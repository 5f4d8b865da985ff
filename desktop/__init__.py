"""The application shell: start-up, windows, pages, workers, settings and the command line."""


def __getattr__(name: str) -> str:
    """`desktop.__version__`, read from the installed package's metadata when first asked for
    (importlib.metadata is a fifth of `dangjian --help`'s time: docs/startup.md)."""
    if name != "__version__":
        raise AttributeError(name)
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("dangjian-desk")
    except PackageNotFoundError:  # running from a source tree that is not installed
        found = "0.1.0"
    globals()["__version__"] = found
    return found
