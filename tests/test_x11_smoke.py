"""The README's first command on a real X server (Xvfb, Qt's xcb platform plugin, not offscreen):
the demo county is built, the window appears, every page opens and the program exits cleanly.

Every other GUI test runs offscreen, which needs none of the xcb libraries: this one is what
notices a missing libxcb-cursor0 ("Could not load the Qt platform plugin xcb")."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.pages import PAGES

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


@pytest.fixture
def xserver(tmp_path):
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        pytest.skip("Xvfb is not installed (bash tools/setup.sh --tests installs it)")
    read, write = os.pipe()
    proc = subprocess.Popen([xvfb, "-displayfd", str(write), "-screen", "0", "1280x800x24",
                             "-nolisten", "tcp"], pass_fds=(write,),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as fh:
        display = fh.readline().strip()
    assert display, "Xvfb did not start"
    yield f":{display}"
    proc.terminate()
    proc.wait(10)


def test_readme_run_command_opens_every_page_on_a_real_x_display(xserver, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env.update(DISPLAY=xserver, QT_QPA_PLATFORM="xcb", DANGJIAN_SMOKE_EXIT_MS="120000",
               DANGJIAN_SMOKE_PAGES="1", DANGJIAN_HOME=str(tmp_path / "home"),
               PYTHONPATH=str(ROOT))
    if not (ROOT / ".venv" / "bin" / "dangjian").exists():
        pytest.skip("no .venv here: the README's command runs from a set-up checkout")
    proc = subprocess.run(["bash", "tools/run-app.sh", "--demo"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    out = proc.stdout + proc.stderr
    assert "Could not load the Qt platform plugin" not in out, out[-3000:]
    assert proc.returncode == 0, out[-3000:]
    for _module, key, _title in PAGES:
        assert f"smoke: page {key} opened" in proc.stdout, out[-3000:]
    assert "smoke: all pages opened on xcb" in proc.stdout
    assert sys.platform.startswith("linux")
