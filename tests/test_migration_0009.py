"""Migration 0009 on a database made by the previous version (revision 0006): problems already
listed in an issued 督办函 get their 整改时限 from the letter, with an audit row each; 预警函 stay."""

from __future__ import annotations

import json
from datetime import date

import sqlalchemy as sa
from alembic import command
from sqlalchemy import create_engine, select

from models.db import alembic_config, open_database

org = sa.table("organization", *(sa.column(c) for c in (
    "id", "name", "short_name", "kind", "sector", "parent_id", "path", "status", "version")))
problem = sa.table("problem", *(sa.column(c) for c in (
    "id", "org_id", "found_on", "source", "category", "description", "severity", "deadline", "status",
    "version")))
letter = sa.table("letter", *(sa.column(c) for c in (
    "id", "kind", "month", "as_of", "year", "seq", "number", "recipient_id", "title", "body", "edited",
    "status", "issued_on", "reply_deadline", "version")))
link = sa.table("letter_problem", sa.column("letter_id"), sa.column("problem_id"))
audit = sa.table("audit_log", *(sa.column(c) for c in ("account", "action", "entity", "entity_id", "changes",
                                                       "note")))


def _old_database(path):
    """A file at revision 0006 with the 三函 as the previous version left them (raw rows)."""
    engine = create_engine(f"sqlite:///{path}")
    command.upgrade(alembic_config(engine), "0006")
    with engine.begin() as c:
        c.execute(org.insert(), [
            dict(id=1, name="中共某某县委员会", short_name="县委", kind="党委", sector="机关", parent_id=None,
                 path="/1/", status="正常", version=1),
            dict(id=2, name="中共某某县东城镇委员会", short_name="东城镇党委", kind="党委", sector="农村",
                 parent_id=1, path="/1/2/", status="正常", version=1),
            dict(id=3, name="中共东城镇红星村支部委员会", short_name="红星村党支部", kind="党支部",
                 sector="农村", parent_id=2, path="/1/2/3/", status="正常", version=1),
        ])
        d = date

        def p(pid, found, severity, deadline, status="待整改"):
            return dict(id=pid, org_id=3, found_on=found, source="督查", category="组织生活",
                        description=f"问题{pid}", severity=severity, deadline=deadline, status=status, version=1)

        c.execute(problem.insert(), [
            p(1, d(2026, 3, 2), "一般", d(2026, 3, 17)),   # letter 3-31: → 4-15
            p(2, d(2026, 3, 5), "严重", d(2026, 3, 12)),   # 严重: → 4-7
            p(3, d(2026, 3, 9), "一般", d(2026, 5, 1)),    # an explicit later deadline: kept
            p(4, d(2026, 3, 20), "一般", d(2026, 4, 4)),   # only in a draft: unchanged
            p(5, d(2026, 3, 21), "一般", d(2026, 4, 5)),   # only in a voided letter: unchanged
        ])

        def lt(lid, kind, status, number, issued, seq):
            return dict(id=lid, kind=kind, month="2026-03", as_of=issued, year=2026 if number else None,
                        seq=seq, number=number, recipient_id=2, title=f"{kind}{lid}", body="正文", edited=False,
                        status=status, issued_on=issued if number else None, reply_deadline=None, version=1)

        c.execute(letter.insert(), [
            lt(1, "督办函", "已签发", "某组督〔2026〕1号", d(2026, 3, 31), 1),
            lt(2, "督办函", "草稿", None, d(2026, 3, 31), None),
            lt(3, "督办函", "已作废", "某组督〔2026〕2号", d(2026, 3, 31), 2),
            lt(4, "预警函", "已签发", "某组警〔2026〕1号", d(2026, 4, 1), 1),
        ])
        c.execute(link.insert(), [dict(letter_id=1, problem_id=i) for i in (1, 2, 3)]
                  + [dict(letter_id=2, problem_id=4), dict(letter_id=3, problem_id=5),
                     dict(letter_id=4, problem_id=2)])
    engine.dispose()


def test_upgrade_recomputes_deadlines_of_supervised_problems(tmp_path):
    path = tmp_path / "old.sqlite3"
    _old_database(path)
    db = open_database(path)  # upgrades to the head
    with db.engine.connect() as c:
        deadlines = dict(c.execute(sa.text("select id, deadline from problem order by id")).all())
        assert {k: str(v) for k, v in deadlines.items()} == {
            1: "2026-04-15", 2: "2026-04-07", 3: "2026-05-01", 4: "2026-04-04", 5: "2026-04-05"}
        rows = c.execute(select(audit.c.entity_id, audit.c.action, audit.c.changes, audit.c.account,
                                audit.c.note).where(audit.c.entity == "problem").order_by(audit.c.entity_id)).all()
        assert [(r[0], r[1], json.loads(r[2])) for r in rows] == [
            (1, "deadline", {"deadline": ["2026-03-17", "2026-04-15"]}),
            (2, "deadline", {"deadline": ["2026-03-12", "2026-04-07"]}),
        ]
        assert rows[0].account == "系统升级" and "某组督〔2026〕1号" in rows[0].note
        # the 预警函 already issued stays as issued
        warning = c.execute(sa.text("select status, number from letter where id = 4")).one()
        assert tuple(warning) == ("已签发", "某组警〔2026〕1号")
        assert c.execute(sa.text("select problem_id from letter_problem where letter_id = 4")).scalars().all() == [2]
    db.dispose()
