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
    B_MARKERS,
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
#: security): the program still refuses them with exit 3 naming the scope, as on SQLite (the schema
#: owner's functions of migration 0016 tell it that such a row exists outside the scope), and says
#: nothing of B beyond what the clerk typed
NAMING_B = {"evaluate history --org B", "export members --org B", "problem status (B)",
            "member add (B)", "org leaders --org B", "task report (B)"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("cell", CELLS, ids=[c.name for c in CELLS])
def test_matrix_as_server_logins(cell: Cell, role: str, pg_world, tmp_path, capsys, monkeypatch):
    srv, world = pg_world
    code, shown = run_cell_as_login(cell, role, srv, world, tmp_path, capsys, monkeypatch)
    check_cell(cell, role, world, code, shown)
    if role == TOWN and cell.denied and not cell.echoes_b:
        # a refusal says nothing of B beyond what the clerk typed (a name given is echoed)
        typed = " ".join(cell.argv)
        assert not [m for m in B_MARKERS if m in shown and m not in typed], shown


def test_every_cell_naming_b_is_in_the_matrix():
    names = {c.name for c in CELLS}
    assert NAMING_B <= names
    assert all(TOWN in c.denied for c in CELLS if c.name in NAMING_B)
