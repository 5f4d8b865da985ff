"""models.services.dashboard on both engines: a township clerk sees the township only."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

TODAY = date(2026, 10, 31)


def test_scope_of_a_township_clerk(session, actor):
    from models.actor import Actor
    from models.demo import build_demo
    from models.member import Member
    from models.org import Organization
    from models.services import dashboard
    from models.services.orgs import ensure_county, townships
    from models.supervision import Letter, LetterStatus, Problem, ProblemStatus

    ensure_county(session, actor, None, None)
    build_demo(session, actor, "small", seed=0, today=TODAY)
    session.commit()
    whole = dashboard.load(session, actor, TODAY)
    town = townships(session)[0]
    clerk = Actor("乡镇组织委员", "乡镇办事员", town.id)
    mine = dashboard.load(session, clerk, TODAY)
    paths = dict(session.execute(select(Organization.id, Organization.path)).all())

    def inside(org_id: int) -> bool:
        return paths[org_id].startswith(town.path)

    members = [m for m in session.scalars(select(Member)) if m.ended_on is None and inside(m.org_id)]
    assert mine.numbers["党员"] == len(members) < whole.numbers["党员"]
    open_ = [p for p in session.scalars(select(Problem)) if p.status != ProblemStatus.CLOSED and inside(p.org_id)]
    assert mine.numbers["未销号问题"] == len(open_)
    awaiting = [x for x in session.scalars(select(Letter))
                if x.status == LetterStatus.ISSUED and x.recipient_id == town.id]
    assert mine.numbers["待反馈函件"] == len(awaiting)
    assert {r.id for r in mine.lists["待反馈函件"]} == {x.id for x in awaiting}
    found = [p for p in session.scalars(select(Problem)) if p.found_on.year == 2026 and inside(p.org_id)]
    assert sum(mine.charts["categories"].values) == len(found)
    assert sorted(dashboard.problem_ids(session, clerk, 2026)) == sorted(p.id for p in found)
