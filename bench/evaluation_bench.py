"""Bench: a county 民主评议党员 round for about 20,000 members (open < 3 s, compute < 2 s).

    python bench/evaluation_bench.py [--members 20000] [--db URL-or-path]

Builds the county with bulk inserts (townships, branches, members), loads the built-in schemes,
then times open_round for the whole county and compute_round after every sheet has its votes.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import bindparam, insert, select, update  # noqa: E402

from models import idcard  # noqa: E402
from models.actor import Actor  # noqa: E402
from models.db import open_database  # noqa: E402
from models.enums import Gender, OrgKind, Sector  # noqa: E402
from models.evaluation import EvaluationSheet  # noqa: E402
from models.member import Member  # noqa: E402
from models.org import Organization  # noqa: E402
from models.roles import Role  # noqa: E402
from models.services import evaluation as ev  # noqa: E402
from models.services.orgs import ensure_county  # noqa: E402


def build(session, actor: Actor, members: int, rng: random.Random) -> Organization:
    root = ensure_county(session, actor, "中共某某县委员会", "某组")
    townships, per_branch = 20, 35
    branches = max(1, members // per_branch)
    now = datetime.now().replace(microsecond=0)
    town_ids = []
    for t in range(townships):
        org = Organization(name=f"中共某某县第{t + 1}镇委员会", short_name=f"第{t + 1}镇党委",
                           kind=OrgKind.COMMITTEE, sector=Sector.RURAL, parent_id=root.id, path="/")
        session.add(org)
        session.flush()
        org.path = f"{root.path}{org.id}/"
        town_ids.append((org.id, org.path))
    rows = [{"name": f"第{b % townships + 1}镇第{b}村党支部", "kind": OrgKind.BRANCH, "sector": Sector.RURAL,
             "parent_id": town_ids[b % townships][0], "path": "/", "version": 1, "created_at": now,
             "updated_at": now, "status": "正常"} for b in range(branches)]
    ids = list(session.scalars(insert(Organization).returning(Organization.id, sort_by_parameter_order=True), rows))
    table = Organization.__table__  # a Core update: the mapper's version counter is not involved
    session.execute(update(table).where(table.c.id == bindparam("oid")).values(path=bindparam("new_path")),
                    [{"oid": i, "new_path": f"{town_ids[b % townships][1]}{i}/"} for b, i in enumerate(ids)])
    mrows = []
    for n in range(members):
        birth = date(1950 + n % 50, 1 + n // 50 % 12, 1 + n // 600 % 28)
        joined = date(birth.year + 25, 7, 1)
        full = date(joined.year + 1, 7, 1) if rng.random() > 0.03 else date(2026, 7, 1)
        mrows.append({"name": f"党员{n}", "name_initials": "dy", "gender": Gender.MALE,
                      "ethnicity": "汉族", "id_number": idcard.make("440524", birth, n // 16800, True),
                      "birth_date": birth, "org_id": ids[n % len(ids)], "joined_on": joined,
                      "full_on": full, "version": 1, "created_at": now, "updated_at": now,
                      "party_status": "正常", "lost_contact": False, "floating": False})
    session.execute(insert(Member), mrows)
    return root


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=20000)
    parser.add_argument("--db")
    args = parser.parse_args()
    target = args.db or str(Path(tempfile.mkdtemp()) / "bench.sqlite3")
    db = open_database(target)
    actor = Actor("测试员", Role.ADMIN)
    rng = random.Random(5)
    with db.session() as s:
        t = time.perf_counter()
        root = build(s, actor, args.members, rng)
        ev.ensure_builtin_schemes(s, actor)
        s.commit()
        print(f"county built: {args.members} members in {time.perf_counter() - t:.2f} s ({db.url})")
        scheme = ev.find_scheme(s, "民主评议党员")

    with db.session() as s:
        t = time.perf_counter()
        rnd = ev.open_round(s, actor, s.merge(scheme), "2025", s.merge(root))
        s.commit()
        opened = time.perf_counter() - t
        n = s.scalar(select(__import__("sqlalchemy").func.count()).where(EvaluationSheet.round_id == rnd.id))
        print(f"open_round (county, {n} sheets): {opened:.2f} s  (target < 3 s)")
        round_id = rnd.id

    with db.session() as s:  # every sheet gets its votes (setup, not timed)
        ids = list(s.scalars(select(EvaluationSheet.id).where(EvaluationSheet.round_id == round_id)))
        params = []
        for sid in ids:
            votes = {"优秀": rng.randint(0, 12), "合格": rng.randint(10, 25), "基本合格": rng.randint(0, 3)}
            params.append({"sid": sid, "results": json.dumps(
                {"党员互评": {"votes": votes}, "群众评议": {"votes": {"优秀": rng.randint(0, 4),
                                                                    "合格": rng.randint(4, 8)}}},
                ensure_ascii=False, sort_keys=True)})
        sheets = EvaluationSheet.__table__
        s.execute(update(sheets).where(sheets.c.id == bindparam("sid")).values(rater_results=bindparam("results")),
                  params)
        s.commit()

    with db.session() as s:
        t = time.perf_counter()
        changed = ev.compute_round(s, actor, round_id)
        s.commit()
        computed = time.perf_counter() - t
        print(f"compute_round ({changed} results): {computed:.2f} s  (target < 2 s)")
        t = time.perf_counter()
        warnings = ev.round_warnings(s, round_id)
        print(f"round_warnings ({len(warnings)} warnings): {time.perf_counter() - t:.2f} s")
    db.dispose()


if __name__ == "__main__":
    main()
