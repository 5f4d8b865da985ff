"""The role × action matrix of tests/test_permission_matrix.py, unchanged, with the program logged
in as each role's own PostgreSQL login (docs/server-rights.md): the same cells, the same
assertions, while the server's grants, row-level security, column privileges and audit triggers are
in force. One database per cell, copied from the prepared one; the logins are cluster-wide and
named after the prepared database, and dropped with it."""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import text

import desktop.cli as cli
from tests.conftest import _pg_admin_engine, pg_unavailable, pg_url
from tests.test_permission_matrix import (
    ADMIN,
    CELLS,
    COUNTY,
    READER,
    ROLES,
    TOWN,
    Cell,
    World,
    _argv,
    _build,
    _workbook_text,
    check_cell,
)
from tests.test_server_rights import Server, _admin, drop_database_and_roles

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

PASSWORD = "Matrix-2026-pw"
SUFFIX = {ADMIN: "adm", COUNTY: "cty", TOWN: "town", READER: "read"}


@pytest.fixture(scope="module")
def pg_world(tmp_path_factory):
    reason = pg_unavailable()
    if reason:
        pytest.skip(reason)
    srv = Server(f"dj_matrix_{uuid.uuid4().hex[:8]}")
    _admin(f'CREATE ROLE "{srv.owner}" LOGIN CREATEROLE')
    _admin(f'CREATE DATABASE {srv.name} OWNER "{srv.owner}"')
    old = dict(os.environ)
    os.environ["DANGJIAN_HOME"] = str(tmp_path_factory.mktemp("home"))
    try:
        world = _build(srv.url())  # type: ignore[arg-type]
        for role in ROLES:
            login = f"{srv.name}_{SUFFIX[role]}"
            scope = ["--scope", "东城镇党委"] if role == TOWN else []
            os.environ["DANGJIAN_NEW_PASSWORD"] = "First-2026-pw"
            assert cli.main(["--db", srv.url(), "account", "add", login, "--role", role, *scope]) == 0
            os.environ["DANGJIAN_PASSWORD"] = "First-2026-pw"
            os.environ["DANGJIAN_NEW_PASSWORD"] = PASSWORD
            assert cli.main(["--db", srv.url(), "--user", login, "account", "password", login]) == 0
            del os.environ["DANGJIAN_PASSWORD"]
        yield srv, world
    finally:
        os.environ.clear()
        os.environ.update(old)
        drop_database_and_roles(srv.name)
        _admin('DROP ROLE IF EXISTS "新账号"')


def run_cell_as_login(cell: Cell, role: str, srv: Server, world: World, tmp, capsys, monkeypatch):
    copy = f"{srv.name}_c{uuid.uuid4().hex[:6]}"
    engine = _pg_admin_engine()
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE {copy} TEMPLATE {srv.name} OWNER "{srv.owner}"'))
    engine.dispose()
    try:
        monkeypatch.setenv("DANGJIAN_PASSWORD", PASSWORD)
        monkeypatch.setenv("DANGJIAN_NEW_PASSWORD", "new-pass-123")
        argv, out = _argv(cell, world, tmp)
        capsys.readouterr()
        url = pg_url(copy).replace("://postgres@", "://")
        code = cli.main(["--db", url, "--user", f"{srv.name}_{SUFFIX[role]}", *argv])
        captured = capsys.readouterr()
        return code, captured.out + captured.err + _workbook_text(out)
    finally:
        engine = _pg_admin_engine()
        with engine.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {copy} WITH (FORCE)"))
            conn.execute(text('DROP ROLE IF EXISTS "新账号"'))
        engine.dispose()


#: cells naming B's rows, which the server does not show a township login at all (row-level
#: security): the answer is "not found" (exit 1) where the program alone refuses with exit 3
HIDDEN_FROM_TOWN = {"evaluate history --org B", "export members --org B", "problem status (B)",
                    "member add (B)", "org leaders --org B", "task report (B)"}
#: what a township login cannot yet do through the program on the server (docs/server-rights.md,
#: known gaps): it reads masked ID numbers only, and these paths still need the full ones
GAPS = {
    ("member edit (A member)", TOWN): "the edit re-validates the member's (masked) ID number",
    ("import members (A rows)", TOWN): "the import reads the new members back by full ID number",
}


def _param(cell: Cell, role: str):
    gap = GAPS.get((cell.name, role))
    marks = [pytest.mark.xfail(reason=gap, strict=True)] if gap else []
    return pytest.param(cell, role, id=f"{cell.name}-{role}", marks=marks)


@pytest.mark.parametrize(("cell", "role"), [_param(c, r) for c in CELLS for r in ROLES])
def test_matrix_as_server_logins(cell: Cell, role: str, pg_world, tmp_path, capsys, monkeypatch):
    srv, world = pg_world
    code, shown = run_cell_as_login(cell, role, srv, world, tmp_path, capsys, monkeypatch)
    if role == TOWN and cell.name in HIDDEN_FROM_TOWN:
        assert code == 1 and "找不到" in shown, f"{cell.name}: exit {code}: {shown}"
        # nothing of B beyond what the clerk typed (a name given on the command line is echoed)
        typed = " ".join(cell.argv)
        assert not [m for m in ("西山乡", "张静4", "张丽5", "西山问题") if m in shown and m not in typed]
        return
    check_cell(cell, role, world, code, shown)
