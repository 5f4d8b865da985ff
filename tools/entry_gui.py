"""Entry point of the bundled `dangjian-desk` window (PyInstaller; see build.spec).

desktop.app is imported when the program starts, not at module level, so that the bundle still
builds while the window is missing and the launcher then says so instead of crashing.
"""

import importlib
import sys


def _tell(message: str) -> None:
    """stderr when there is one (a windowed exe on Windows has none), else the log folder."""
    if sys.stderr is not None:
        print(message, file=sys.stderr, flush=True)
        return
    try:
        from desktop import paths

        with open(paths.log_dir() / "dangjian-desk-start.txt", "a", encoding="utf-8") as fh:
            fh.write(message + "\n")
    except OSError:
        pass


def run() -> int:
    try:
        app = importlib.import_module("desktop.app")  # in the bundle through collect_submodules
    except ModuleNotFoundError as exc:
        if exc.name != "desktop.app":
            raise
        _tell("本版本未包含桌面窗口（desktop.app），请使用命令行 dangjian。"
              " / This build has no desktop window (desktop.app); use the dangjian command.")
        return 2
    return app.main() or 0


if __name__ == "__main__":
    sys.exit(run())
