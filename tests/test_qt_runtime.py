"""The PySide6 pin: 6.12.0 on CPython 3.11 corrupts the refcount of None (none_dealloc)."""

import subprocess
import sys

import PySide6


def test_pyside_version_is_not_the_broken_one_on_311():
    if sys.version_info[:2] == (3, 11):
        assert PySide6.__version__ != "6.12.0"


def test_many_calls_returning_nothing_do_not_kill_the_process():
    code = (
        "from PySide6.QtCore import QObject\n"
        "for _ in range(20000):\n"
        "    QObject().setObjectName('x')\n"
        "print('alive')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "alive"
