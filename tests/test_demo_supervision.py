"""The demo year of the 三函 cycle: realistic counts, every letter numbered, the rules hold."""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy import func, select

from models.demo_supervision import add_demo
from models.enums import OrgKind, Sector
from models.services import supervision as sv
from models.services.orgs import create_org
from models.supervision import Letter, LetterKind, LetterStatus, Problem


def test_a_small_demo_year(sqlite_db, actor):
    from tests.factories import build_county

    with sqlite_db.session() as s:
        county = build_county(s, actor)
        for i in range(2):
            create_org(s, actor, name=f"中共西山乡第{i}村支部委员会", kind=OrgKind.BRANCH, sector=Sector.RURAL,
                       parent_id=county.west.id)
        counts = add_demo(s, actor, random.Random(7), "small", date(2026, 11, 23))
        s.commit()
        assert counts["tasks"] >= 36 and 30 <= counts["problems"] <= 70
        problems = s.scalar(select(func.count()).select_from(Problem))
        assert problems == counts["problems"]
        assert len({c for (c,) in s.execute(select(Problem.category).distinct())}) >= 5
        letters = s.scalars(select(Letter)).all()
        assert all(x.status == LetterStatus.DRAFT or x.number for x in letters)
        reminders = [x for x in letters if x.kind == LetterKind.REMINDER]
        assert len(reminders) == 12 * 2  # two townships, twelve months
        assert any(x.kind == LetterKind.SUPERVISION for x in letters)
        assert {x.number for x in letters if x.kind == LetterKind.REMINDER and x.year == 2026} >= {
            "某组提〔2026〕1号", "某组提〔2026〕2号"}
        # the rules are satisfied: drafting again at the end creates nothing
        assert sv.draft_letters(s, actor, "2026-11", as_of=date(2026, 11, 23)) == []
