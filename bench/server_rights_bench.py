"""Row-level security on vs off: a township's roster page (members.roster_rows, what 党员名册 opens
with) on a PostgreSQL county, docs/server-rights.md. Target: on ÷ off ≤ 1.2.

    .venv/bin/python bench/server_rights_bench.py [--members 25000] [--runs 5]

"Off" is the schema owner's connection with the township's Actor (the program's own scope filter
only, the policies pass the owner); "on" is the township clerk's own login (the same filter plus
row-level security, column privileges and the masked ID numbers and phones). Needs a PostgreSQL
server: DANGJIAN_TEST_PG (default postgres@127.0.0.1:5432, trust); a database and roles named
dj_bench_… are made and dropped.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import uuid
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, select, text  # noqa: E402

ADMIN_URL = os.environ.get("DANGJIAN_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
PASSWORD = "Bench-2026-pw"


def _admin(sql: str) -> None:
    engine = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(sql))
    engine.dispose()


def _url(name: str, user: str, password: str | None = None) -> str:
    base = ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    secret = f":{password}" if password else ""
    return base.replace("://postgres@", f"://{user}{secret}@")


def _page(db, actor) -> float:
    from models.services.members import roster_rows

    with db.session() as s:
        start = time.perf_counter()
        rows = roster_rows(s, actor)
        took = time.perf_counter() - start
    assert rows
    return took


def _pages(off: tuple, on: tuple, runs: int) -> tuple[float, float]:
    """Medians of `runs` page opens each way, taken in turn (off, on, off, on …) after one warm-up
    each, so that a machine busy with other work slows both sides alike."""
    _page(*off), _page(*on)
    offs, ons = [], []
    for _ in range(runs):
        offs.append(_page(*off))
        ons.append(_page(*on))
    return statistics.median(offs), statistics.median(ons)


def bench_rls(members: int, runs: int) -> dict[str, float]:
    from models.actor import Actor
    from models.db import open_database
    from models.demo import SCALES, build_demo
    from models.org import Organization
    from models.roles import Role
    from models.services import accounts
    from models.services.orgs import ensure_county

    name = f"dj_bench_{uuid.uuid4().hex[:8]}"
    owner, town = f"{name}_owner", f"{name}_town"
    _admin(f'CREATE ROLE "{owner}" LOGIN CREATEROLE')
    _admin(f'CREATE DATABASE {name} OWNER "{owner}"')
    try:
        db = open_database(_url(name, owner))
        me = Actor(owner, Role.ADMIN)
        scale = SCALES["county" if members > 400 else "small"]
        with db.transaction() as s:
            ensure_county(s, me, "中共某某县委员会", "某组")
            build_demo(s, me, replace(scale, members=members + scale.ended), seed=1)
        with db.transaction() as s:
            township = s.scalars(select(Organization).where(Organization.path.like("/%/"))
                                 .order_by(Organization.id)).all()
            township = next(o for o in township if o.depth == 1)
            accounts.add_server_account(s, me, town, Role.TOWNSHIP_CLERK, township.id, PASSWORD)
            s.execute(text("UPDATE account SET must_change_password = false WHERE name = :n"), {"n": town})
            scope = township.id
        with db.engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
        clerk = accounts.open_as_login(_url(name, owner), town, PASSWORD)
        with clerk.session() as s:
            actor = accounts.server_login(s)
        off, on = _pages((db, Actor(town, Role.TOWNSHIP_CLERK, scope)), (clerk, actor), runs)
        db.dispose()
        clerk.dispose()
        return {"off": off, "on": on, "ratio": on / off}
    finally:
        engine = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            for role in conn.execute(text("SELECT rolname FROM pg_roles WHERE rolname LIKE :p"),
                                     {"p": f"{name}\\_%"}).scalars().all():
                conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=25_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    r = bench_rls(args.members, args.runs)
    print(f"township roster page ({args.members} members): RLS off {r['off'] * 1000:.1f} ms, "
          f"on {r['on'] * 1000:.1f} ms, ratio {r['ratio']:.2f}× (target ≤ 1.2×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
