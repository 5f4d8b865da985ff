"""Entry point of the bundled `dangjian` command (PyInstaller; see build.spec)."""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
