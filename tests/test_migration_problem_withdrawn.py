"""Migration 0010 (撤销问题) on a database at the previous head (0009), on both engines: the
problems already recorded stay in force."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy import create_engine

from models.actor import Actor
from models.db import alembic_config, open_database
from models.services import supervision as sv
from tests.conftest import pg_create_database, pg_drop_database, pg_unavailable, pg_url

org = sa.table("organization", *(sa.column(c) for c in (
    "id", "name", "short_name", "kind", "sector", "parent_id", "path", "status", "version")))
problem = sa.table("problem", *(sa.column(c) for c in (
    "id", "org_id", "found_on", "source", "category", "description", "severity", "deadline", "status",
    "version")))


def _upgrade_from_0009(url: str) -> None:
    engine = create_engine(url)
    command.upgrade(alembic_config(engine), "0009")
    with engine.begin() as c:
        c.execute(org.insert(), [
            dict(id=1, name="中共某某县委员会", short_name="县委", kind="党委", sector="机关", parent_id=None,
                 path="/1/", status="正常", version=1),
            dict(id=2, name="中共某某县东城镇委员会", short_name="东城镇党委", kind="党委", sector="农村",
                 parent_id=1, path="/1/2/", status="正常", version=1),
        ])
        c.execute(problem.insert(), [dict(
            id=1, org_id=2, found_on=date(2026, 3, 2), source="督查", category="组织生活",
            description="三会一课记录不全", severity="一般", deadline=date(2026, 3, 17), status="待整改", version=1)])
    engine.dispose()
    db = open_database(url)  # upgrades to the head
    with db.session() as s:
        [p] = sv.problems_found(s, Actor("测试员", "管理员"), "2026-03")
        assert (p.description, p.withdrawn_on, p.in_force) == ("三会一课记录不全", None, True)
    db.dispose()


def test_upgrade_keeps_existing_problems_in_force_on_sqlite(tmp_path):
    _upgrade_from_0009(f"sqlite:///{tmp_path / 'old.sqlite3'}")


@pytest.mark.postgres
def test_upgrade_keeps_existing_problems_in_force_on_postgresql():
    reason = pg_unavailable()
    if reason:
        pytest.skip(reason)
    name = pg_create_database()
    try:
        _upgrade_from_0009(pg_url(name))
    finally:
        pg_drop_database(name)
