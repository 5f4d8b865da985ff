"""The type checker tools/run-tests.sh runs (mypy, [tool.mypy] in pyproject.toml) refuses a call
left behind by a changed signature: the `TypeError … missing … 'actor'` that crashed seven commands
and the 办结 button is an error before any test runs."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_a_call_without_the_actor_fails_the_check(tmp_path, monkeypatch):
    api = pytest.importorskip("mypy.api")
    caller = tmp_path / "caller.py"
    caller.write_text(
        "from models.actor import Actor\n"
        "from models.services.orgs import find_org\n"
        "\n"
        "\n"
        "def left_behind(session) -> None:\n"
        "    find_org(session, '红星村党支部')\n"
        "\n"
        "\n"
        "def up_to_date(session, actor: Actor) -> None:\n"
        "    find_org(session, '红星村党支部', actor)\n"
        "    find_org(session, name='红星村党支部', actor=actor, scope=None)\n",
        encoding="utf-8")
    monkeypatch.chdir(ROOT)  # the settings in pyproject.toml, the cache of tools/run-tests.sh
    out, _err, code = api.run([str(caller)])
    errors = [line.split(": ", 1)[1] for line in out.splitlines() if ": error:" in line]
    assert code == 1
    assert errors == [
        'error: Missing positional argument "actor" in call to "find_org"  [call-arg]',
        'error: Unexpected keyword argument "scope" for "find_org"  [call-arg]',
    ]
